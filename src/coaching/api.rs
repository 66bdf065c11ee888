//! `/api/v1/coaching/…`, `/api/v1/me/coaching`, `/api/v1/coach/members` and
//! `/api/v1/admin/coaching`.

use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::model::{Relationship, Status};
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::model::User;
use crate::api::Svc;
use crate::api::auth::{Admin, Coach, Member};
use crate::api::body::JsonBody;
use crate::api::problem::ApiError;
use crate::coaching::Coaching;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;
use crate::training::api::dto::{AssignmentDto, UserRef};
use crate::training::api::plans::assignment_dto;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Coach–member relationships: requests, consent, ending them.
    Coaching,
}

/// Where a coaching relationship stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CoachingStatus {
    /// Sent by the coach, not yet accepted; gives the coach nothing.
    Pending,
    /// Accepted by the member (or made by an administrator): the coach may assign plans and
    /// see the member's training.
    Active,
}

impl From<Status> for CoachingStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Pending => Self::Pending,
            Status::Active => Self::Active,
        }
    }
}

/// A coach's request to coach a member.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct CoachingRequestCreate {
    /// The member to coach.
    pub username: String,
}

/// An administrator's direct pairing of a coach and a member.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct AdminCoachingCreate {
    /// Username of a coach, administrator or the owner.
    pub coach: String,
    /// Username of the member to be coached.
    pub member: String,
}

/// A coaching request or relationship with both people.
#[derive(Object, Debug)]
pub struct CoachingDto {
    pub id: String,
    pub coach: UserRef,
    pub member: UserRef,
    pub status: CoachingStatus,
    pub created_at: String,
    /// When it became active.
    #[oai(nullable)]
    pub since: Option<String>,
    /// When a pending request lapses unanswered.
    #[oai(nullable)]
    pub expires_at: Option<String>,
}

/// One of the caller's requests or relationships, with the other person.
#[derive(Object, Debug)]
pub struct MyCoachingItem {
    pub id: String,
    /// The other person: the member (in `as_coach`) or the coach (in `as_member`).
    pub username: String,
    pub display_name: String,
    pub status: CoachingStatus,
    pub created_at: String,
    /// When it became active.
    #[oai(nullable)]
    pub since: Option<String>,
    /// When a pending request lapses unanswered.
    #[oai(nullable)]
    pub expires_at: Option<String>,
}

/// The caller's coaching, both sides.
#[derive(Object, Debug)]
pub struct MyCoaching {
    /// Members the caller coaches or asked to coach.
    pub as_coach: Vec<MyCoachingItem>,
    /// Coaches of the caller, and requests waiting for the caller's answer.
    pub as_member: Vec<MyCoachingItem>,
}

/// A member the caller coaches.
#[derive(Object, Debug)]
pub struct CoachMember {
    /// The relationship (to end it: `DELETE /api/v1/coaching/{id}`).
    pub relationship_id: String,
    pub username: String,
    pub display_name: String,
    /// When the relationship became active.
    pub since: String,
    /// The member's assignments whose plan the caller may read (whoever assigned them),
    /// newest first; the first not yet finished is the plan the member follows now.
    pub assignments: Vec<AssignmentDto>,
}

#[derive(Object, Debug)]
pub struct CoachMemberList {
    pub items: Vec<CoachMember>,
}

#[derive(ApiResponse)]
pub enum Created {
    #[oai(status = 201)]
    Created(Json<CoachingDto>),
}

#[derive(ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    Done,
}

fn opt_time(t: Option<i64>) -> Option<String> {
    t.map(rfc3339)
}

fn dto(r: &Relationship, coach: &User, member: &User) -> CoachingDto {
    CoachingDto {
        id: ids::to_string(r.id),
        coach: UserRef::from(coach),
        member: UserRef::from(member),
        status: r.status.into(),
        created_at: rfc3339(r.created_at),
        since: opt_time(r.since),
        expires_at: opt_time(r.expires_at),
    }
}

async fn item(accounts: &Accounts, r: &Relationship, other: u128) -> Option<MyCoachingItem> {
    let u = accounts.user(other).await.ok()?;
    Some(MyCoachingItem {
        id: ids::to_string(r.id),
        username: u.username,
        display_name: u.display_name,
        status: r.status.into(),
        created_at: rfc3339(r.created_at),
        since: opt_time(r.since),
        expires_at: opt_time(r.expires_at),
    })
}

fn parse_id(s: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s).ok_or_else(|| {
        AppError::NotFound("No such coaching request or relationship, or it is not yours.".into())
    })
}

fn unknown(field: &str) -> AppError {
    AppError::invalid_code(
        field,
        "unknown_user",
        "There is no user with that username.",
    )
}

/// The coaching endpoints.
pub struct CoachingApi;

#[OpenApi(prefix_path = "/api/v1")]
impl CoachingApi {
    /// A coach (or an administrator acting as coach) asks a member to accept them as coach.
    /// Nothing is shared until the member accepts; the request lapses after 14 days. 409 when
    /// a request is pending or a relationship is active between them.
    #[oai(
        path = "/coaching/requests",
        method = "post",
        tag = "Tag::Coaching",
        operation_id = "request_coaching"
    )]
    async fn request(
        &self,
        accounts: Svc<'_, Accounts>,
        coaching: Svc<'_, Coaching>,
        coach: Coach,
        body: JsonBody<CoachingRequestCreate>,
    ) -> Result<Created> {
        let member = accounts
            .visible_profile(Some(&coach.user), &body.0.username)
            .await?;
        let r = coaching.request(&coach.user, &member).await?;
        Ok(Created::Created(Json(dto(&r, &coach.user, &member))))
    }

    /// The caller's coaching requests and relationships, as coach and as member.
    #[oai(
        path = "/me/coaching",
        method = "get",
        tag = "Tag::Coaching",
        operation_id = "my_coaching"
    )]
    async fn mine(
        &self,
        accounts: Svc<'_, Accounts>,
        coaching: Svc<'_, Coaching>,
        me: Member,
    ) -> Result<Json<MyCoaching>> {
        let (as_coach, as_member) = coaching.mine(&me.user).await?;
        let mut out = MyCoaching {
            as_coach: Vec::new(),
            as_member: Vec::new(),
        };
        for r in &as_coach {
            out.as_coach.extend(item(&accounts, r, r.member_id).await);
        }
        for r in &as_member {
            out.as_member.extend(item(&accounts, r, r.coach_id).await);
        }
        Ok(Json(out))
    }

    /// The member accepts a coaching request sent to them; the coach may then assign them
    /// plans and see their training.
    #[oai(
        path = "/coaching/requests/:id/accept",
        method = "post",
        tag = "Tag::Coaching",
        operation_id = "accept_coaching"
    )]
    async fn accept(
        &self,
        accounts: Svc<'_, Accounts>,
        coaching: Svc<'_, Coaching>,
        me: Member,
        id: Path<String>,
    ) -> Result<Json<CoachingDto>> {
        let r = coaching.accept(&me.user, parse_id(&id.0)?).await?;
        let coach = accounts.user(r.coach_id).await?;
        Ok(Json(dto(&r, &coach, &me.user)))
    }

    /// The member declines a coaching request sent to them.
    #[oai(
        path = "/coaching/requests/:id/decline",
        method = "post",
        tag = "Tag::Coaching",
        operation_id = "decline_coaching"
    )]
    async fn decline(
        &self,
        coaching: Svc<'_, Coaching>,
        me: Member,
        id: Path<String>,
    ) -> Result<Done> {
        coaching.decline(&me.user, parse_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// Ends a coaching relationship or withdraws a request: the member, the coach, or an
    /// administrator. The coach's access ends at once.
    #[oai(
        path = "/coaching/:id",
        method = "delete",
        tag = "Tag::Coaching",
        operation_id = "end_coaching"
    )]
    async fn end(&self, coaching: Svc<'_, Coaching>, me: Member, id: Path<String>) -> Result<Done> {
        coaching.end(&me.user, parse_id(&id.0)?).await?;
        Ok(Done::Done)
    }

    /// The members the caller coaches (active relationships), oldest first.
    #[oai(
        path = "/coach/members",
        method = "get",
        tag = "Tag::Coaching",
        operation_id = "coach_members"
    )]
    async fn members(
        &self,
        accounts: Svc<'_, Accounts>,
        coaching: Svc<'_, Coaching>,
        training: Svc<'_, Training>,
        coach: Coach,
    ) -> Result<Json<CoachMemberList>> {
        let mut items = Vec::new();
        for r in coaching.members(&coach.user).await? {
            if let Ok(u) = accounts.user(r.member_id).await {
                let mut assignments = Vec::new();
                for (a, p) in training.assignments(&u).await? {
                    // A plan's readers are its author's decision, also here.
                    if training.plan(&coach.user, p.id).await.is_ok() {
                        assignments.push(assignment_dto(&accounts, &a, &p).await?);
                    }
                }
                items.push(CoachMember {
                    relationship_id: ids::to_string(r.id),
                    username: u.username,
                    display_name: u.display_name,
                    since: rfc3339(r.since.unwrap_or(r.created_at)),
                    assignments,
                });
            }
        }
        Ok(Json(CoachMemberList { items }))
    }

    /// Administrators pair a coach with a member directly (an active relationship, no request).
    #[oai(
        path = "/admin/coaching",
        method = "post",
        tag = "Tag::Coaching",
        operation_id = "admin_create_coaching"
    )]
    async fn admin_create(
        &self,
        accounts: Svc<'_, Accounts>,
        coaching: Svc<'_, Coaching>,
        admin: Admin,
        body: JsonBody<AdminCoachingCreate>,
    ) -> Result<Created> {
        let coach = accounts
            .user_by_name(&body.0.coach)
            .await?
            .ok_or_else(|| unknown("coach"))?;
        let member = accounts
            .user_by_name(&body.0.member)
            .await?
            .ok_or_else(|| unknown("member"))?;
        let r = coaching.create_active(&admin.user, &coach, &member).await?;
        Ok(Created::Created(Json(dto(&r, &coach, &member))))
    }
}
