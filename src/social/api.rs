//! `/api/v1/users/{username}/follow|followers|following|block|relationship`,
//! `/api/v1/me/follow-requests`, `/api/v1/me/followers`, `/api/v1/me/blocks`, `/api/v1/feed`,
//! `/api/v1/workouts/{id}/kudos|comments`, `/api/v1/comments/{id}` and
//! `/api/v1/notifications`.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::model::{NotificationKind, SubjectKind};
use super::service::{
    CommentEntry, FeedEntry, FollowState, Item, NotificationEntry, Scope, Social,
};
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::model::{Status, User};
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::body::JsonBody;
use crate::api::pagination::{Cursor, limit_of};
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::api::dto::{PlanSummary, UserRef, WorkoutDto};
use crate::training::api::{decode_time_cursor, encode_time_cursor};

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Follows, follow requests and blocks.
    People,
    /// The feed, kudos and comments.
    Feed,
    /// In-app notifications.
    Notifications,
}

/// Where the caller stands with a member.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FollowStateDto {
    /// Not following.
    None,
    /// Asked to follow; the member has not answered yet.
    Requested,
    /// Following.
    Following,
}

impl From<FollowState> for FollowStateDto {
    fn from(s: FollowState) -> Self {
        match s {
            FollowState::None => Self::None,
            FollowState::Requested => Self::Requested,
            FollowState::Following => Self::Following,
        }
    }
}

/// The caller's follow of a member after following.
#[derive(Object, Debug)]
pub struct FollowResult {
    /// `following` at once when the member's profile is shared with the gym; `requested`
    /// when the member must accept first.
    pub state: FollowStateDto,
}

/// How the caller and a member are tied, and the member's counts as the caller may see them.
#[derive(Object, Debug)]
pub struct RelationshipDto {
    pub following: FollowStateDto,
    /// The member follows the caller.
    pub follows_you: bool,
    /// The caller blocked the member.
    pub blocked: bool,
    /// Accepted followers (without people the caller is blocked with); `null` when the
    /// caller may not see the member's profile.
    #[oai(nullable)]
    pub followers_count: Option<u32>,
    /// Members this member follows (without people the caller is blocked with); `null` when
    /// the caller may not see the member's profile.
    #[oai(nullable)]
    pub following_count: Option<u32>,
}

/// A page of people.
#[derive(Object, Debug)]
pub struct PeopleList {
    pub items: Vec<UserRef>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A request to follow the caller.
#[derive(Object, Debug)]
pub struct FollowRequestDto {
    /// Accept or decline it with this id.
    pub id: String,
    pub user: UserRef,
    pub created_at: String,
}

#[derive(Object, Debug)]
pub struct FollowRequestList {
    pub items: Vec<FollowRequestDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A member the caller blocked.
#[derive(Object, Debug)]
pub struct BlockDto {
    pub user: UserRef,
    pub since: String,
}

#[derive(Object, Debug)]
pub struct BlockList {
    pub items: Vec<BlockDto>,
}

/// What a feed item is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FeedKind {
    /// A finished workout with its summary (`workout`).
    Workout,
    /// A plan its author shared with followers, the gym or everyone (`plan`).
    Plan,
    /// A badge the author earned (`badge`), e.g. for finishing or winning a challenge.
    Badge,
}

/// A badge in the feed.
#[derive(Object, Debug)]
pub struct FeedBadge {
    /// The badge's id in the catalogue (`GET /me/achievements`).
    pub id: String,
    /// In the caller's language.
    pub name: String,
    /// How many times the author has it now (repeatable badges).
    pub count: u32,
    /// The challenge that earned it.
    #[oai(nullable)]
    pub challenge_id: Option<String>,
    #[oai(nullable)]
    pub challenge_title: Option<String>,
}

/// One item of the feed.
#[derive(Object, Debug)]
pub struct FeedItem {
    pub id: String,
    pub kind: FeedKind,
    /// When it happened (a workout: when it was finished).
    pub at: String,
    pub author: UserRef,
    /// For `workout` items: the workout (duration, sets, volume, records); its page is
    /// `/workouts/{id}`.
    #[oai(nullable)]
    pub workout: Option<WorkoutDto>,
    /// For `plan` items: the shared plan; its page is `/plans/{id}`.
    #[oai(nullable)]
    pub plan: Option<PlanSummary>,
    /// For `badge` items: the badge.
    #[oai(nullable)]
    pub badge: Option<FeedBadge>,
    /// Kudos (without people the caller is blocked with).
    pub kudos: u32,
    /// Comments (without people the caller is blocked with).
    pub comments: u32,
    /// The caller gave kudos.
    pub kudoed: bool,
}

#[derive(Object, Debug)]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// A workout's kudos as the caller sees them.
#[derive(Object, Debug)]
pub struct KudosDto {
    pub kudos: u32,
    pub comments: u32,
    /// The caller gave kudos.
    pub kudoed: bool,
}

/// A new comment or its new text. `@username` mentions notify people who may see the item.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct CommentBody {
    /// 1–2,000 characters.
    pub body: String,
}

#[derive(Object, Debug)]
pub struct CommentDto {
    pub id: String,
    pub author: UserRef,
    pub body: String,
    pub created_at: String,
    #[oai(nullable)]
    pub edited_at: Option<String>,
    /// The caller may edit it (its author).
    pub can_edit: bool,
    /// The caller may delete it (its author or the item's owner).
    pub can_delete: bool,
}

#[derive(Object, Debug)]
pub struct CommentList {
    pub items: Vec<CommentDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// Why the caller is notified.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum NotificationKindDto {
    Follow,
    FollowRequest,
    FollowAccepted,
    Kudos,
    Comment,
    Mention,
    CoachingRequest,
    PlanAssigned,
    /// Someone asks to join a club the caller runs (`club_id`).
    ClubRequest,
    /// A club admin invites the caller to a club (`club_id`; join it to accept).
    ClubInvite,
    /// The caller's request to join a club was approved.
    ClubAccepted,
    /// An administrator hid the caller's workout, plan or comment (`note` says why).
    ContentHidden,
    /// An administrator warned the caller (`note` says why).
    Warning,
    /// An administrator answered the caller's feedback or changed its status (see
    /// `GET /api/v1/me/feedback`).
    FeedbackAnswered,
}

impl From<NotificationKind> for NotificationKindDto {
    fn from(k: NotificationKind) -> Self {
        match k {
            NotificationKind::Follow => Self::Follow,
            NotificationKind::FollowRequest => Self::FollowRequest,
            NotificationKind::FollowAccepted => Self::FollowAccepted,
            NotificationKind::Kudos => Self::Kudos,
            NotificationKind::Comment => Self::Comment,
            NotificationKind::Mention => Self::Mention,
            NotificationKind::CoachingRequest => Self::CoachingRequest,
            NotificationKind::PlanAssigned => Self::PlanAssigned,
            NotificationKind::ClubRequest => Self::ClubRequest,
            NotificationKind::ClubInvite => Self::ClubInvite,
            NotificationKind::ClubAccepted => Self::ClubAccepted,
            NotificationKind::ContentHidden => Self::ContentHidden,
            NotificationKind::Warning => Self::Warning,
            NotificationKind::FeedbackAnswered => Self::FeedbackAnswered,
        }
    }
}

/// What a notification is about.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SubjectKindDto {
    Workout,
    Plan,
    /// A badge a member earned (feed items only).
    Badge,
}

#[derive(Object, Debug)]
pub struct NotificationDto {
    pub id: String,
    pub kind: NotificationKindDto,
    /// Who did it.
    pub actor: UserRef,
    #[oai(nullable)]
    pub subject_kind: Option<SubjectKindDto>,
    /// The workout or plan it is about.
    #[oai(nullable)]
    pub subject_id: Option<String>,
    /// The comment it is about.
    #[oai(nullable)]
    pub comment_id: Option<String>,
    /// The club it is about.
    #[oai(nullable)]
    pub club_id: Option<String>,
    /// An administrator's words (hidden content, warnings).
    #[oai(nullable)]
    pub note: Option<String>,
    pub at: String,
    pub read: bool,
}

#[derive(Object, Debug)]
pub struct NotificationList {
    pub items: Vec<NotificationDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
    /// Unread notifications in all.
    pub unread: u32,
}

#[derive(Object, Debug)]
pub struct UnreadDto {
    pub unread: u32,
}

/// Which notifications to mark read.
#[derive(Object, Debug, Default)]
#[oai(deny_unknown_fields)]
pub struct MarkRead {
    /// Marks this notification and every older one read; all when left out.
    #[oai(nullable)]
    pub up_to: Option<String>,
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum CommentCreated {
    #[oai(status = 201)]
    Created(Json<CommentDto>),
}

fn user_cursor(c: Option<&str>) -> Result<Option<u128>> {
    match Cursor::decode(c)? {
        None => Ok(None),
        Some(s) => ids::parse(&s).map(Some).ok_or_else(|| {
            AppError::BadRequest(
                "The cursor is not one this server gave out; start from the first page.".into(),
            )
            .into()
        }),
    }
}

fn encode_id_cursor(id: u128) -> String {
    Cursor::encode(&ids::to_string(id))
}

fn workout_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s)
        .ok_or_else(|| AppError::NotFound("No such workout, or you may not see it.".into()))
}

fn plan_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s).ok_or_else(|| AppError::NotFound("No such plan, or you may not see it.".into()))
}

fn request_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s)
        .ok_or_else(|| AppError::NotFound("No such follow request waiting for your answer.".into()))
}

fn comment_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s)
        .ok_or_else(|| AppError::NotFound("No such comment, or you may not see it.".into()))
}

/// A workout's kudos and comment counts as `me` sees them.
async fn kudos_of(social: &Social, me: &User, id: u128) -> Result<Json<KudosDto>> {
    let (kudos, comments, kudoed) = social.workout_counts(Some(me), id).await?;
    Ok(Json(KudosDto {
        kudos,
        comments,
        kudoed,
    }))
}

/// An account by username, whatever its status (for removing a follower, blocking).
pub(super) async fn by_username(
    accounts: &Accounts,
    username: &str,
) -> std::result::Result<User, AppError> {
    accounts
        .user_by_name(username)
        .await?
        .ok_or_else(|| AppError::NotFound("No such user, or you may not see them.".into()))
}

/// An active account by username (follows and blocks work on private profiles too).
async fn someone(
    accounts: &Accounts,
    me: &User,
    username: &str,
) -> std::result::Result<User, AppError> {
    let hidden = || AppError::NotFound("No such user, or you may not see them.".into());
    let u = accounts.user_by_name(username).await?.ok_or_else(hidden)?;
    if u.status != Status::Active && u.id != me.id {
        return Err(hidden());
    }
    Ok(u)
}

fn comment_dto(e: &CommentEntry, me: &User) -> CommentDto {
    CommentDto {
        id: ids::to_string(e.comment.id),
        author: UserRef::from(&e.author),
        body: e.comment.body.clone(),
        created_at: rfc3339(e.comment.created_at),
        edited_at: e.comment.edited_at.map(rfc3339),
        can_edit: e.comment.author == me.id,
        can_delete: e.comment.author == me.id || e.comment.owner == me.id,
    }
}

fn feed_item(e: &FeedEntry, lang: crate::accounts::model::Language) -> FeedItem {
    let (mut kind, mut workout, mut plan, mut badge) = (FeedKind::Workout, None, None, None);
    match &e.item {
        Item::Workout(w) => workout = Some(WorkoutDto::from(w)),
        Item::Plan(p) => {
            kind = FeedKind::Plan;
            plan = Some(PlanSummary::from(p));
        }
        Item::Badge(a) => {
            kind = FeedKind::Badge;
            let name =
                crate::gamification::rules::badge(&a.badge).map_or(
                    a.badge.clone(),
                    |b| match lang {
                        crate::accounts::model::Language::Ru => b.name_ru.to_owned(),
                        crate::accounts::model::Language::En => b.name_en.to_owned(),
                    },
                );
            badge = Some(FeedBadge {
                id: a.badge.clone(),
                name,
                count: a.count,
                challenge_id: a.challenge.as_ref().map(|c| ids::to_string(c.0)),
                challenge_title: a.challenge.as_ref().map(|c| c.1.clone()),
            });
        }
    }
    FeedItem {
        id: ids::to_string(e.activity.id),
        kind,
        at: rfc3339(e.activity.at),
        author: UserRef::from(&e.author),
        workout,
        plan,
        badge,
        kudos: e.kudos,
        comments: e.comments,
        kudoed: e.kudoed,
    }
}

fn notification_dto(e: &NotificationEntry) -> NotificationDto {
    let n = &e.notification;
    NotificationDto {
        id: ids::to_string(n.id),
        kind: n.kind.into(),
        actor: UserRef::from(&e.actor),
        subject_kind: n.subject.map(|(k, _)| match k {
            SubjectKind::Workout => SubjectKindDto::Workout,
            SubjectKind::Plan => SubjectKindDto::Plan,
            SubjectKind::Badge => SubjectKindDto::Badge,
        }),
        subject_id: n.subject.map(|(_, id)| ids::to_string(id)),
        comment_id: n.comment.map(ids::to_string),
        club_id: n.club.map(ids::to_string),
        note: n.note.clone(),
        at: rfc3339(n.at),
        read: n.read,
    }
}

/// The social endpoints.
pub struct SocialApi;

#[OpenApi(prefix_path = "/api/v1")]
impl SocialApi {
    /// Follows a member. When their profile is shared with the gym (`members` or `public`)
    /// the follow is accepted at once; otherwise it is a request they accept or decline.
    /// Following again changes nothing. 404 for an unknown member or one who blocked you; 409
    /// `blocked` when you blocked them.
    #[oai(
        path = "/users/:username/follow",
        method = "post",
        tag = "Tag::People",
        operation_id = "follow"
    )]
    async fn follow(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Json<FollowResult>> {
        let target = someone(&accounts, &me.user, &username.0).await?;
        let state = social.follow(&me.user, &target).await?;
        Ok(Json(FollowResult {
            state: state.into(),
        }))
    }

    /// Stops following a member, or withdraws a request to.
    #[oai(
        path = "/users/:username/follow",
        method = "delete",
        tag = "Tag::People",
        operation_id = "unfollow"
    )]
    async fn unfollow(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Done> {
        let target = someone(&accounts, &me.user, &username.0).await?;
        social.unfollow(&me.user, &target).await?;
        Ok(Done::Done)
    }

    /// How the caller and a member are tied (following, requested, follows you, blocked) and
    /// the member's follower counts (only when the caller may see the profile). Answers for a
    /// profile the caller may not see too, so they can ask to follow it; 404 for an unknown
    /// member or one who blocked the caller.
    #[oai(
        path = "/users/:username/relationship",
        method = "get",
        tag = "Tag::People",
        operation_id = "relationship"
    )]
    async fn relationship(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Json<RelationshipDto>> {
        let target = someone(&accounts, &me.user, &username.0).await?;
        let r = social.relationship(&me.user, &target).await?;
        let counts = if accounts
            .visible_profile(Some(&me.user), &target.username)
            .await
            .is_ok()
        {
            Some(social.follow_counts(Some(&me.user), target.id).await?)
        } else {
            None
        };
        Ok(Json(RelationshipDto {
            following: r.following.into(),
            follows_you: r.follows_you,
            blocked: r.blocked,
            followers_count: counts.map(|c| c.0),
            following_count: counts.map(|c| c.1),
        }))
    }

    /// A member's followers, as far as the caller may see the member's profile; people the
    /// caller is blocked with and profiles the caller may not see are left out.
    #[oai(
        path = "/users/:username/followers",
        method = "get",
        tag = "Tag::People",
        operation_id = "followers"
    )]
    async fn followers(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<PeopleList>> {
        self.people(
            &accounts,
            &social,
            &me.user,
            &username.0,
            true,
            limit.0,
            cursor.0,
        )
        .await
    }

    /// The members a member follows, as for followers.
    #[oai(
        path = "/users/:username/following",
        method = "get",
        tag = "Tag::People",
        operation_id = "following"
    )]
    async fn following(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<PeopleList>> {
        self.people(
            &accounts,
            &social,
            &me.user,
            &username.0,
            false,
            limit.0,
            cursor.0,
        )
        .await
    }

    /// Removes one of the caller's followers (they may ask again; block them to stop that).
    #[oai(
        path = "/me/followers/:username",
        method = "delete",
        tag = "Tag::People",
        operation_id = "remove_follower"
    )]
    async fn remove_follower(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Done> {
        let follower = by_username(&accounts, &username.0).await?;
        social.remove_follower(&me.user, &follower).await?;
        Ok(Done::Done)
    }

    /// Requests to follow the caller, waiting for an answer, oldest first.
    #[oai(
        path = "/me/follow-requests",
        method = "get",
        tag = "Tag::People",
        operation_id = "follow_requests"
    )]
    async fn requests(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<FollowRequestList>> {
        let limit = limit_of(limit.0)?;
        let after = user_cursor(cursor.0.as_deref())?;
        let page = social.requests(&me.user, after, limit + 1).await?;
        let next = (page.len() > limit).then(|| page[limit - 1].1.id);
        Ok(Json(FollowRequestList {
            items: page
                .iter()
                .take(limit)
                .map(|(f, u)| FollowRequestDto {
                    id: ids::to_string(f.id),
                    user: UserRef::from(u),
                    created_at: rfc3339(f.created_at),
                })
                .collect(),
            next_cursor: next.map(encode_id_cursor),
        }))
    }

    /// Accepts a request to follow the caller; the follower is notified.
    #[oai(
        path = "/me/follow-requests/:id/accept",
        method = "post",
        tag = "Tag::People",
        operation_id = "accept_follow"
    )]
    async fn accept(&self, social: Svc<'_, Social>, me: Member, id: Path<String>) -> Result<Done> {
        let id = request_id(&id.0)?;
        social.accept(&me.user, id).await?;
        Ok(Done::Done)
    }

    /// Declines a request to follow the caller (the asker is not told).
    #[oai(
        path = "/me/follow-requests/:id/decline",
        method = "post",
        tag = "Tag::People",
        operation_id = "decline_follow"
    )]
    async fn decline(&self, social: Svc<'_, Social>, me: Member, id: Path<String>) -> Result<Done> {
        let id = request_id(&id.0)?;
        social.decline(&me.user, id).await?;
        Ok(Done::Done)
    }

    /// Blocks a member: follows between you end and neither sees the other in feeds,
    /// comments, follower lists, notifications or search. Blocking again changes nothing.
    #[oai(
        path = "/users/:username/block",
        method = "post",
        tag = "Tag::People",
        operation_id = "block"
    )]
    async fn block(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Done> {
        let target = by_username(&accounts, &username.0).await?;
        social.block(&me.user, &target).await?;
        Ok(Done::Done)
    }

    /// Unblocks a member.
    #[oai(
        path = "/users/:username/block",
        method = "delete",
        tag = "Tag::People",
        operation_id = "unblock"
    )]
    async fn unblock(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        me: Member,
        username: Path<String>,
    ) -> Result<Done> {
        let target = by_username(&accounts, &username.0).await?;
        social.unblock(&me.user, &target).await?;
        Ok(Done::Done)
    }

    /// The members the caller blocked.
    #[oai(
        path = "/me/blocks",
        method = "get",
        tag = "Tag::People",
        operation_id = "my_blocks"
    )]
    async fn blocks(&self, social: Svc<'_, Social>, me: Member) -> Result<Json<BlockList>> {
        let items = social
            .blocked(&me.user)
            .await?
            .iter()
            .map(|(u, at)| BlockDto {
                user: UserRef::from(u),
                since: rfc3339(*at),
            })
            .collect();
        Ok(Json(BlockList { items }))
    }

    /// The feed, newest first: finished workouts of the caller and the people they follow
    /// (`scope=following`, the default), of everyone in the gym (`gym`), or of a club's
    /// members (`club:{id}`, for its members), each only when the caller may see the workout
    /// now. Pages of `limit` (default 20) with `cursor`.
    #[oai(
        path = "/feed",
        method = "get",
        tag = "Tag::Feed",
        operation_id = "feed"
    )]
    async fn feed(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        scope: Query<Option<String>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<FeedPage>> {
        let limit = limit_of(limit.0)?;
        let before = decode_time_cursor(cursor.0.as_deref())?;
        let scope = match scope.0.as_deref().unwrap_or("following") {
            "following" => Scope::Following,
            "gym" => Scope::Gym,
            other => match other.strip_prefix("club:").and_then(ids::parse) {
                Some(id) => Scope::Club(id),
                None => {
                    return Err(
                        AppError::invalid("scope", "Use following, gym or club:{id}.").into(),
                    );
                }
            },
        };
        let (items, next) = social.feed(&me.user, scope, before, limit).await?;
        Ok(Json(FeedPage {
            items: items
                .iter()
                .map(|e| feed_item(e, me.user.preferences.language))
                .collect(),
            next_cursor: next.map(encode_time_cursor),
        }))
    }

    /// Kudos and comment counts of a workout the caller may see, and whether they gave kudos.
    #[oai(
        path = "/workouts/:id/kudos",
        method = "get",
        tag = "Tag::Feed",
        operation_id = "get_kudos"
    )]
    async fn get_kudos(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<KudosDto>> {
        let id = workout_id(&id.0)?;
        // The same visibility check as the comments (404 for a workout the caller may not see).
        social
            .comments(&me.user, SubjectKind::Workout, id, None, 1)
            .await?;
        kudos_of(&social, &me.user, id).await
    }

    /// Gives kudos to another member's workout the caller may see (once; again changes
    /// nothing). 422 `own_item` for the caller's own workout.
    #[oai(
        path = "/workouts/:id/kudos",
        method = "post",
        tag = "Tag::Feed",
        operation_id = "give_kudos"
    )]
    async fn give_kudos(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<KudosDto>> {
        let id = workout_id(&id.0)?;
        social.kudos(&me.user, id, true).await?;
        kudos_of(&social, &me.user, id).await
    }

    /// Takes the caller's kudos back.
    #[oai(
        path = "/workouts/:id/kudos",
        method = "delete",
        tag = "Tag::Feed",
        operation_id = "take_kudos"
    )]
    async fn take_kudos(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<KudosDto>> {
        let id = workout_id(&id.0)?;
        social.kudos(&me.user, id, false).await?;
        kudos_of(&social, &me.user, id).await
    }

    /// The comments on a workout the caller may see, oldest first (people the caller is
    /// blocked with are left out).
    #[oai(
        path = "/workouts/:id/comments",
        method = "get",
        tag = "Tag::Feed",
        operation_id = "list_comments"
    )]
    async fn comments(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<CommentList>> {
        let limit = limit_of(limit.0)?;
        let after = user_cursor(cursor.0.as_deref())?;
        let (items, next) = social
            .comments(
                &me.user,
                SubjectKind::Workout,
                workout_id(&id.0)?,
                after,
                limit,
            )
            .await?;
        Ok(Json(CommentList {
            items: items.iter().map(|e| comment_dto(e, &me.user)).collect(),
            next_cursor: next.map(encode_id_cursor),
        }))
    }

    /// Comments on a workout the caller may see. The workout's owner is notified, and so is
    /// every `@username` mentioned who may see the workout.
    #[oai(
        path = "/workouts/:id/comments",
        method = "post",
        tag = "Tag::Feed",
        operation_id = "add_comment"
    )]
    async fn add_comment(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        body: JsonBody<CommentBody>,
    ) -> Result<CommentCreated> {
        let e = social
            .comment(
                &me.user,
                SubjectKind::Workout,
                workout_id(&id.0)?,
                &body.0.body,
            )
            .await?;
        Ok(CommentCreated::Created(Json(comment_dto(&e, &me.user))))
    }

    /// The comments on a plan the caller may see, oldest first (people the caller is blocked
    /// with are left out).
    #[oai(
        path = "/plans/:id/comments",
        method = "get",
        tag = "Tag::Feed",
        operation_id = "list_plan_comments"
    )]
    async fn plan_comments(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<CommentList>> {
        let limit = limit_of(limit.0)?;
        let after = user_cursor(cursor.0.as_deref())?;
        let (items, next) = social
            .comments(&me.user, SubjectKind::Plan, plan_id(&id.0)?, after, limit)
            .await?;
        Ok(Json(CommentList {
            items: items.iter().map(|e| comment_dto(e, &me.user)).collect(),
            next_cursor: next.map(encode_id_cursor),
        }))
    }

    /// Comments on a plan the caller may see (a coach's feedback on a plan, a question to
    /// its author). The plan's author is notified, and so is every `@username` mentioned who
    /// may see the plan.
    #[oai(
        path = "/plans/:id/comments",
        method = "post",
        tag = "Tag::Feed",
        operation_id = "add_plan_comment"
    )]
    async fn add_plan_comment(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        body: JsonBody<CommentBody>,
    ) -> Result<CommentCreated> {
        let e = social
            .comment(&me.user, SubjectKind::Plan, plan_id(&id.0)?, &body.0.body)
            .await?;
        Ok(CommentCreated::Created(Json(comment_dto(&e, &me.user))))
    }

    /// The author edits their comment.
    #[oai(
        path = "/comments/:id",
        method = "patch",
        tag = "Tag::Feed",
        operation_id = "edit_comment"
    )]
    async fn edit_comment(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
        body: JsonBody<CommentBody>,
    ) -> Result<Json<CommentDto>> {
        let e = social
            .edit_comment(&me.user, comment_id(&id.0)?, &body.0.body)
            .await?;
        Ok(Json(comment_dto(&e, &me.user)))
    }

    /// The comment's author or the owner of the workout or plan deletes a comment.
    #[oai(
        path = "/comments/:id",
        method = "delete",
        tag = "Tag::Feed",
        operation_id = "delete_comment"
    )]
    async fn delete_comment(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        id: Path<String>,
    ) -> Result<Done> {
        social.delete_comment(&me.user, comment_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// The caller's notifications, newest first (the newest 200 are kept), with the unread
    /// count.
    #[oai(
        path = "/notifications",
        method = "get",
        tag = "Tag::Notifications",
        operation_id = "notifications"
    )]
    async fn notifications(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<NotificationList>> {
        let limit = limit_of(limit.0)?;
        let before = user_cursor(cursor.0.as_deref())?;
        let (items, next, unread) = social.notifications(&me.user, before, limit).await?;
        Ok(Json(NotificationList {
            items: items.iter().map(notification_dto).collect(),
            next_cursor: next.map(encode_id_cursor),
            unread,
        }))
    }

    /// How many of the caller's notifications are unread (the badge in the header).
    #[oai(
        path = "/notifications/unread",
        method = "get",
        tag = "Tag::Notifications",
        operation_id = "unread_notifications"
    )]
    async fn unread(&self, social: Svc<'_, Social>, me: Member) -> Result<Json<UnreadDto>> {
        Ok(Json(UnreadDto {
            unread: social.unread(&me.user).await?,
        }))
    }

    /// Marks the caller's notifications read: all, or `up_to` a notification and older ones.
    #[oai(
        path = "/notifications/read",
        method = "post",
        tag = "Tag::Notifications",
        operation_id = "mark_notifications_read"
    )]
    async fn mark_read(
        &self,
        social: Svc<'_, Social>,
        me: Member,
        body: JsonBody<MarkRead>,
    ) -> Result<Json<UnreadDto>> {
        let upto = match body.0.up_to.as_deref() {
            None => None,
            Some(s) => Some(ids::parse(s).ok_or_else(|| {
                AppError::invalid("up_to", "Give the id of one of your notifications.")
            })?),
        };
        Ok(Json(UnreadDto {
            unread: social.mark_read(&me.user, upto).await?,
        }))
    }
}

impl SocialApi {
    #[allow(clippy::too_many_arguments)]
    async fn people(
        &self,
        accounts: &Accounts,
        social: &Social,
        me: &User,
        username: &str,
        followers: bool,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> Result<Json<PeopleList>> {
        let limit = limit_of(limit)?;
        let after = user_cursor(cursor.as_deref())?;
        let target = someone(accounts, me, username).await?;
        let (items, next) = social.people(me, &target, followers, after, limit).await?;
        Ok(Json(PeopleList {
            items: items.iter().map(UserRef::from).collect(),
            next_cursor: next.map(encode_id_cursor),
        }))
    }
}
