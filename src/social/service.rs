//! Social rules: follows with consent for private profiles, blocks, kudos, comments,
//! notifications and the feed. Also the social reactor (activity from finished workouts,
//! notifications from coaching and plans, clean-up on deletion) and the [`Relations`] port
//! every domain asks "how is this viewer tied to that owner?".

use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use crate::storage::Snapshot;
use crate::storage::Tx;

use super::model::{Activity, Comment, Follow, Notification, NotificationKind, SubjectKind};
use super::store::{self, Reader};
use crate::access::{Relations, Ties, Visibility, may_see, may_see_profile};
use crate::accounts::model::{Status, User};
use crate::accounts::store::Reader as _;
use crate::error::{AppError, Code};
use crate::events::{AwardView, Awards, CoachLinks, Effects, Event, NoAwards, Reactor};
use crate::storage::Store;
use crate::storage::ids::{new_id, now};
use crate::training::model::{Plan, Workout};

/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;
/// Most people notified of a mention in one comment.
const MAX_MENTIONS: usize = 10;
/// Hidden items a feed page skips before it answers with what it has (and a cursor).
const SCAN_BUDGET: usize = 500;

/// The social service; also the social reactor and the [`Relations`] port. Cheap to clone.
#[derive(Clone)]
pub struct Social {
    pub(super) store: Store,
    links: Arc<dyn CoachLinks>,
    /// What badge feed items show (the gamification domain, wired by `app.rs`).
    awards: Arc<dyn Awards>,
    /// Members (not only coaches and administrators) may create clubs.
    pub(super) member_clubs: bool,
    /// Where uses of social features are counted (the usage dashboard); social is itself one
    /// of the bus's reactors, so it holds the bus weakly.
    bus: Arc<std::sync::OnceLock<crate::events::WeakBus>>,
}

/// Where the caller stands with a member they asked to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowState {
    /// Not following.
    None,
    /// Asked; the member has not answered yet.
    Requested,
    /// Following.
    Following,
}

/// What the caller sees of their ties to another member (on a profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relationship {
    pub following: FollowState,
    /// The member follows the caller (accepted).
    pub follows_you: bool,
    /// The caller blocked the member.
    pub blocked: bool,
}

/// Which activity a feed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The caller's own and the people they follow.
    Following,
    /// Everything in the gym the caller may see.
    Gym,
    /// The activity of a club's members (for its members).
    Club(u128),
}

/// What a feed item or a comment is about.
#[derive(Debug, Clone)]
pub enum Item {
    Workout(Workout),
    Plan(Plan),
    /// A badge a member earned (feed items only).
    Badge(AwardView),
}

impl Item {
    fn load<T: crate::training::store::Reader>(
        tx: &T,
        kind: SubjectKind,
        id: u128,
    ) -> Result<Option<Item>, AppError> {
        Ok(match kind {
            SubjectKind::Workout => crate::training::store::workout(tx, id)?.map(Item::Workout),
            SubjectKind::Plan => crate::training::store::plan(tx, id)?.map(Item::Plan),
            // Badges are loaded through the awards port (see `entry`).
            SubjectKind::Badge => None,
        })
    }

    pub fn owner(&self) -> u128 {
        match self {
            Item::Workout(w) => w.user_id,
            Item::Plan(p) => p.owner_id,
            Item::Badge(a) => a.user,
        }
    }

    /// Whether `viewer`, tied to the owner by `ties`, may see it now (a plan as its author
    /// decided: a coaching link gives nothing there).
    fn visible_to<T: crate::training::store::Reader>(
        &self,
        tx: &T,
        viewer: &User,
        ties: Ties,
    ) -> Result<bool, AppError> {
        match self {
            Item::Workout(w) => Ok(may_see(Some(viewer), w.user_id, w.visibility, ties)),
            Item::Plan(p) => crate::training::service::may_read_plan(
                tx,
                Some(viewer),
                p,
                crate::training::service::plan_ties(ties),
            ),
            // As the member's profile decides (checked once the author is read).
            Item::Badge(_) => Ok(!ties.blocked),
        }
    }
}

/// One feed item with what it shows, as the viewer may see it now.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub activity: Activity,
    pub author: User,
    /// The finished workout or the shared plan.
    pub item: Item,
    pub kudos: u32,
    pub comments: u32,
    /// The viewer gave kudos.
    pub kudoed: bool,
}

/// A comment with its author.
#[derive(Debug, Clone)]
pub struct CommentEntry {
    pub comment: Comment,
    pub author: User,
}

/// A notification with the member who caused it.
#[derive(Debug, Clone)]
pub struct NotificationEntry {
    pub notification: Notification,
    pub actor: User,
}

fn no_user() -> AppError {
    AppError::NotFound("No such user, or you may not see them.".into())
}

fn no_workout() -> AppError {
    AppError::NotFound("No such workout, or you may not see it.".into())
}

fn no_plan() -> AppError {
    AppError::NotFound("No such plan, or you may not see it.".into())
}

fn no_comment() -> AppError {
    AppError::NotFound("No such comment, or you may not see it.".into())
}

fn no_request() -> AppError {
    AppError::NotFound("No such follow request waiting for your answer.".into())
}

fn you_blocked() -> AppError {
    AppError::Problem(
        Code::Blocked,
        "You blocked this member; unblock them first (DELETE /api/v1/users/{username}/block)."
            .into(),
    )
}

/// Whether a follow of `target` needs their approval: unless their profile is shared with the
/// whole gym, it does.
fn needs_approval(target: &User) -> bool {
    !target.privacy.profile_visibility.shared_with_members()
}

/// How `viewer` is tied to `owner` inside `tx`: coach link, accepted follow, a block either way.
fn ties_with<T: Reader>(
    tx: &T,
    coach: impl Fn() -> Result<bool, AppError>,
    viewer: u128,
    owner: u128,
) -> Result<Ties, AppError> {
    if viewer == owner {
        return Ok(Ties::default());
    }
    let blocked = tx.blocks(viewer, owner)? || tx.blocks(owner, viewer)?;
    if blocked {
        return Ok(Ties {
            blocked,
            ..Ties::default()
        });
    }
    Ok(Ties {
        coach: coach()?,
        follower: tx.follow(viewer, owner)?.is_some_and(|f| f.accepted),
        blocked,
    })
}

impl Relations for Social {
    fn ties(&self, tx: &Snapshot, viewer: u128, owner: u128) -> Result<Ties, AppError> {
        ties_with(tx, || self.links.coaches(tx, viewer, owner), viewer, owner)
    }

    fn ties_in(&self, tx: &Tx, viewer: u128, owner: u128) -> Result<Ties, AppError> {
        ties_with(
            tx,
            || self.links.coaches_in(tx, viewer, owner),
            viewer,
            owner,
        )
    }
}

/// The usernames @mentioned in a comment, lower-cased, at most [`MAX_MENTIONS`].
pub fn mentions(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '@' && (i == 0 || !is_name_char(chars[i - 1]));
        if starts {
            let name: String = chars[i + 1..]
                .iter()
                .take_while(|c| is_name_char(**c))
                .collect::<String>()
                .trim_end_matches(['.', '-'])
                .to_lowercase();
            i += 1 + name.chars().count();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
                if out.len() == MAX_MENTIONS {
                    break;
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

fn clean_body(body: &str) -> Result<String, AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write something to comment."));
    }
    if body.chars().count() > MAX_COMMENT {
        return Err(AppError::invalid(
            "body",
            format!("A comment is at most {MAX_COMMENT} characters."),
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(AppError::invalid(
            "body",
            "A comment may not contain control characters.",
        ));
    }
    Ok(body.to_owned())
}

impl Social {
    /// The social service over `store`; `links` answers whether a coach coaches a member.
    pub fn new(store: Store, links: Arc<dyn CoachLinks>) -> Self {
        Self {
            store,
            links,
            awards: Arc::new(NoAwards),
            member_clubs: false,
            bus: Arc::new(std::sync::OnceLock::new()),
        }
    }

    /// Counts uses of social features on `bus` from now on.
    pub fn set_bus(&self, bus: &crate::events::Bus) {
        let _ = self.bus.set(bus.downgrade());
    }

    /// Counts one use of `feature` by `user` (the usage dashboard), in `tx`.
    pub(super) fn used(
        &self,
        tx: &Tx,
        user: u128,
        feature: crate::events::Feature,
    ) -> Result<(), AppError> {
        if let Some(bus) = self.bus.get().and_then(crate::events::WeakBus::upgrade) {
            bus.publish(
                tx,
                &Event::Used {
                    user,
                    feature,
                    at: now(),
                },
            )?;
        }
        Ok(())
    }

    /// Shows badges in the feed, as `awards` describes them.
    pub fn with_awards(mut self, awards: Arc<dyn Awards>) -> Self {
        self.awards = awards;
        self
    }

    /// Lets members create clubs too (the gym's `member_clubs` setting).
    pub fn with_member_clubs(mut self, allowed: bool) -> Self {
        self.member_clubs = allowed;
        self
    }

    /// The caller follows `target`, or asks to when the target's profile is not shared with
    /// the gym. Following again changes nothing.
    pub async fn follow(&self, me: &User, target: &User) -> Result<FollowState, AppError> {
        if me.id == target.id {
            return Err(AppError::invalid_code(
                "username",
                "self",
                "You cannot follow yourself.",
            ));
        }
        if target.status != Status::Active {
            return Err(no_user());
        }
        let (me_id, target_id) = (me.id, target.id);
        let approval = needs_approval(target);
        let this = self.clone();
        self.store
            .write(move |tx| {
                if tx.blocks(target_id, me_id)? {
                    return Err(no_user());
                }
                if tx.blocks(me_id, target_id)? {
                    return Err(you_blocked());
                }
                if let Some(f) = tx.follow(me_id, target_id)? {
                    return Ok(if f.accepted {
                        FollowState::Following
                    } else {
                        FollowState::Requested
                    });
                }
                let t = now();
                let f = Follow {
                    id: new_id(),
                    follower: me_id,
                    followee: target_id,
                    accepted: !approval,
                    created_at: t,
                    since: (!approval).then_some(t),
                };
                store::put_follow(tx, &f)?;
                let kind = if approval {
                    NotificationKind::FollowRequest
                } else {
                    NotificationKind::Follow
                };
                store::notify(tx, target_id, &note(kind, me_id, None, None))?;
                this.used(tx, me_id, crate::events::Feature::Follow)?;
                Ok(if approval {
                    FollowState::Requested
                } else {
                    FollowState::Following
                })
            })
            .await
    }

    /// The demo generator: `follower` follows each of `followees` at once (accepted, no
    /// notifications), in one transaction.
    pub async fn seed_follows(
        &self,
        follower: u128,
        followees: Vec<u128>,
        at: i64,
    ) -> Result<(), AppError> {
        self.store
            .write(move |tx| {
                for &f in &followees {
                    if f == follower || tx.follow(follower, f)?.is_some() {
                        continue;
                    }
                    store::put_follow(
                        tx,
                        &Follow {
                            id: new_id(),
                            follower,
                            followee: f,
                            accepted: true,
                            created_at: at,
                            since: Some(at),
                        },
                    )?;
                }
                Ok(())
            })
            .await
    }

    /// The caller stops following `target` (or withdraws a request). Nothing to undo is fine.
    pub async fn unfollow(&self, me: &User, target: &User) -> Result<(), AppError> {
        let (a, b) = (me.id, target.id);
        self.store
            .write(move |tx| {
                if let Some(f) = tx.follow(a, b)? {
                    store::delete_follow(tx, &f)?;
                    if !f.accepted {
                        store::drop_notifications(tx, b, &|n| {
                            n.actor == a && n.kind == NotificationKind::FollowRequest
                        })?;
                    }
                }
                Ok(())
            })
            .await
    }

    /// Follow requests waiting for the caller's answer, oldest first, with who asked.
    pub async fn requests(
        &self,
        me: &User,
        after: Option<u128>,
        limit: usize,
    ) -> Result<Vec<(Follow, User)>, AppError> {
        let uid = me.id;
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for who in tx.followers(uid, false, after, &mut |_| Ok(true), limit)? {
                    if let (Some(f), Some(u)) = (tx.follow(who, uid)?, tx.user(who)?) {
                        out.push((f, u));
                    }
                }
                Ok(out)
            })
            .await
    }

    /// The caller accepts a follow request; the follower is told.
    pub async fn accept(&self, me: &User, id: u128) -> Result<(Follow, User), AppError> {
        let uid = me.id;
        let f = self
            .store
            .write(move |tx| {
                let mut f = tx
                    .follow_by_id(id)?
                    .filter(|f| f.followee == uid && !f.accepted)
                    .ok_or_else(no_request)?;
                f.accepted = true;
                f.since = Some(now());
                store::put_follow(tx, &f)?;
                store::drop_notifications(tx, uid, &|n| {
                    n.actor == f.follower && n.kind == NotificationKind::FollowRequest
                })?;
                store::notify(
                    tx,
                    f.follower,
                    &note(NotificationKind::FollowAccepted, uid, None, None),
                )?;
                Ok(f)
            })
            .await?;
        let follower = self.user(f.follower).await?;
        Ok((f, follower))
    }

    /// The caller declines a follow request (the asker is not told).
    pub async fn decline(&self, me: &User, id: u128) -> Result<(), AppError> {
        let uid = me.id;
        self.store
            .write(move |tx| {
                let f = tx
                    .follow_by_id(id)?
                    .filter(|f| f.followee == uid && !f.accepted)
                    .ok_or_else(no_request)?;
                store::delete_follow(tx, &f)?;
                store::drop_notifications(tx, uid, &|n| {
                    n.actor == f.follower && n.kind == NotificationKind::FollowRequest
                })
            })
            .await
    }

    /// The caller removes a follower (who may ask again).
    pub async fn remove_follower(&self, me: &User, follower: &User) -> Result<(), AppError> {
        let (a, b) = (follower.id, me.id);
        self.store
            .write(move |tx| {
                if let Some(f) = tx.follow(a, b)? {
                    store::delete_follow(tx, &f)?;
                }
                Ok(())
            })
            .await
    }

    async fn user(&self, id: u128) -> Result<User, AppError> {
        self.store
            .read(move |tx| tx.user(id))
            .await?
            .ok_or_else(no_user)
    }

    /// How the caller stands with `other`, and the (followers, following) counts of `other`
    /// as the caller may see them.
    pub async fn relationship(&self, me: &User, other: &User) -> Result<Relationship, AppError> {
        let (a, b) = (me.id, other.id);
        self.store
            .read(move |tx| {
                if a != b && tx.blocks(b, a)? {
                    return Err(no_user());
                }
                let following = match tx.follow(a, b)? {
                    Some(f) if f.accepted => FollowState::Following,
                    Some(_) => FollowState::Requested,
                    None => FollowState::None,
                };
                Ok(Relationship {
                    following,
                    follows_you: tx.follow(b, a)?.is_some_and(|f| f.accepted),
                    blocked: tx.blocks(a, b)?,
                })
            })
            .await
    }

    /// (followers, following) of a member, leaving out people the viewer is blocked with.
    pub async fn follow_counts(
        &self,
        viewer: Option<&User>,
        user: u128,
    ) -> Result<(u32, u32), AppError> {
        let vid = viewer.map(|v| v.id);
        self.store
            .read(move |tx| {
                let (followers, following, _) = tx.follow_counts(user)?;
                let (mut a, mut b) = (followers, following);
                if let Some(v) = vid {
                    for other in tx.block_relations(v)? {
                        if tx.follow(other, user)?.is_some_and(|f| f.accepted) {
                            a = a.saturating_sub(1);
                        }
                        if tx.follow(user, other)?.is_some_and(|f| f.accepted) {
                            b = b.saturating_sub(1);
                        }
                    }
                }
                Ok((a, b))
            })
            .await
    }

    /// A member's followers (`followers`) or the people they follow, as `viewer` may see
    /// them: only when the viewer may see the member's profile; people the viewer is blocked
    /// with, disabled accounts and profiles the viewer may not see are left out. Id order,
    /// after `after`.
    pub async fn people(
        &self,
        viewer: &User,
        target: &User,
        followers: bool,
        after: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<User>, Option<u128>), AppError> {
        let (viewer, target) = (viewer.clone(), target.clone());
        let this = self.clone();
        self.store
            .read(move |tx| {
                let ties = this.ties(tx, viewer.id, target.id)?;
                if !may_see_profile(Some(&viewer), &target, ties) {
                    return Err(no_user());
                }
                let shown = |tx: &Snapshot, id: u128| -> Result<Option<User>, AppError> {
                    let Some(u) = tx.user(id)? else {
                        return Ok(None);
                    };
                    let t = this.ties(tx, viewer.id, id)?;
                    Ok(
                        (u.status == Status::Active && may_see_profile(Some(&viewer), &u, t))
                            .then_some(u),
                    )
                };
                let mut out = Vec::new();
                let mut cursor = after;
                let mut scanned = 0;
                loop {
                    let ids: Vec<u128> = if followers {
                        tx.followers(target.id, true, cursor, &mut |_| Ok(true), limit + 1)?
                    } else {
                        tx.following(target.id, cursor, &mut |f| Ok(f.accepted), limit + 1)?
                            .into_iter()
                            .map(|f| f.followee)
                            .collect()
                    };
                    let done = ids.len() <= limit;
                    for id in ids {
                        cursor = Some(id);
                        if let Some(u) = shown(tx, id)? {
                            if out.len() == limit {
                                let last = out.last().map(|u: &User| u.id);
                                return Ok((out, last));
                            }
                            out.push(u);
                        } else {
                            scanned += 1;
                        }
                    }
                    if done {
                        return Ok((out, None));
                    }
                    if scanned >= SCAN_BUDGET {
                        let last = out.last().map(|u| u.id);
                        return Ok((out, last.or(cursor)));
                    }
                }
            })
            .await
    }

    /// The caller blocks `target`: follows both ways end, notifications between them go, and
    /// each disappears from the other's feed, comments, lists and search.
    pub async fn block(&self, me: &User, target: &User) -> Result<(), AppError> {
        if me.id == target.id {
            return Err(AppError::invalid_code(
                "username",
                "self",
                "You cannot block yourself.",
            ));
        }
        let (a, b) = (me.id, target.id);
        self.store
            .write(move |tx| {
                for (x, y) in [(a, b), (b, a)] {
                    if let Some(f) = tx.follow(x, y)? {
                        store::delete_follow(tx, &f)?;
                    }
                    store::drop_notifications(tx, y, &|n| n.actor == x)?;
                }
                store::put_block(tx, a, b, now())
            })
            .await
    }

    pub async fn unblock(&self, me: &User, target: &User) -> Result<(), AppError> {
        let (a, b) = (me.id, target.id);
        self.store
            .write(move |tx| store::delete_block(tx, a, b).map(|_| ()))
            .await
    }

    /// The members the caller blocked, with when.
    pub async fn blocked(&self, me: &User) -> Result<Vec<(User, i64)>, AppError> {
        let uid = me.id;
        self.store
            .read(move |tx| {
                let mut out = Vec::new();
                for (id, at) in tx.blocked_by(uid)? {
                    if let Some(u) = tx.user(id)? {
                        out.push((u, at));
                    }
                }
                Ok(out)
            })
            .await
    }

    /// A workout the viewer may see, read in `tx` (404 otherwise).
    fn visible_workout<T: Reader + crate::training::store::Reader>(
        &self,
        tx: &T,
        ties: impl Fn(u128) -> Result<Ties, AppError>,
        viewer: &User,
        id: u128,
    ) -> Result<Workout, AppError> {
        match self.visible_item(tx, ties, viewer, SubjectKind::Workout, id)? {
            Item::Workout(w) => Ok(w),
            Item::Plan(_) | Item::Badge(_) => Err(no_workout()),
        }
    }

    /// A workout or plan the viewer may see, read in `tx` (404 otherwise).
    fn visible_item<T: Reader + crate::training::store::Reader>(
        &self,
        tx: &T,
        ties: impl Fn(u128) -> Result<Ties, AppError>,
        viewer: &User,
        kind: SubjectKind,
        id: u128,
    ) -> Result<Item, AppError> {
        let missing = || match kind {
            SubjectKind::Workout | SubjectKind::Badge => no_workout(),
            SubjectKind::Plan => no_plan(),
        };
        let item = Item::load(tx, kind, id)?.ok_or_else(missing)?;
        if !item.visible_to(tx, viewer, ties(item.owner())?)? {
            return Err(missing());
        }
        Ok(item)
    }

    /// Checks that `viewer` may see comment `c`: its workout is visible and they are not
    /// blocked with its author (404 otherwise).
    pub(super) fn comments_visible_to(
        &self,
        tx: &Snapshot,
        viewer: &User,
        c: &Comment,
    ) -> Result<(), AppError> {
        self.visible_item(
            tx,
            |o| self.ties(tx, viewer.id, o),
            viewer,
            c.kind,
            c.subject,
        )
        .map_err(|_| no_comment())?;
        if c.author != viewer.id && tx.block_relations(viewer.id)?.contains(&c.author) {
            return Err(no_comment());
        }
        Ok(())
    }

    /// The caller gives kudos to a workout they may see (not their own); once per person.
    /// Returns the workout's kudos count as the caller sees it.
    pub async fn kudos(&self, me: &User, workout: u128, give: bool) -> Result<u32, AppError> {
        let viewer = me.clone();
        let this = self.clone();
        self.store
            .write(move |tx| {
                let w = this.visible_workout(
                    tx,
                    |owner| this.ties_in(tx, viewer.id, owner),
                    &viewer,
                    workout,
                )?;
                if w.user_id == viewer.id {
                    return Err(AppError::invalid_code(
                        "id",
                        "own_item",
                        "Kudos are for other people's workouts.",
                    ));
                }
                if give {
                    if store::put_kudos(tx, w.user_id, w.id, viewer.id, now())? {
                        let n = note(
                            NotificationKind::Kudos,
                            viewer.id,
                            Some((SubjectKind::Workout, w.id)),
                            None,
                        );
                        store::notify(tx, w.user_id, &n)?;
                        this.used(tx, viewer.id, crate::events::Feature::Kudos)?;
                    }
                } else if store::delete_kudos(tx, w.id, viewer.id)? {
                    let me = viewer.id;
                    store::drop_notifications(tx, w.user_id, &|n| {
                        n.kind == NotificationKind::Kudos
                            && n.actor == me
                            && n.subject == Some((SubjectKind::Workout, w.id))
                    })?;
                }
                counts_for(tx, &tx.block_relations(viewer.id)?, w.id).map(|(k, _)| k)
            })
            .await
    }

    /// The comments of a workout or plan the viewer may see, oldest first, leaving out people
    /// the viewer is blocked with.
    pub async fn comments(
        &self,
        viewer: &User,
        kind: SubjectKind,
        workout: u128,
        after: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<CommentEntry>, Option<u128>), AppError> {
        let viewer = viewer.clone();
        let this = self.clone();
        self.store
            .read(move |tx| {
                this.visible_item(tx, |o| this.ties(tx, viewer.id, o), &viewer, kind, workout)?;
                let blocked = tx.block_relations(viewer.id)?;
                let mut out = Vec::new();
                let mut cursor = after;
                loop {
                    let batch = tx.comments_of(workout, cursor, limit + 1)?;
                    let done = batch.len() <= limit;
                    for c in batch {
                        cursor = Some(c.id);
                        if blocked.contains(&c.author) {
                            continue;
                        }
                        if let Some(author) = tx.user(c.author)? {
                            if out.len() == limit {
                                let last = out.last().map(|e: &CommentEntry| e.comment.id);
                                return Ok((out, last));
                            }
                            out.push(CommentEntry { comment: c, author });
                        }
                    }
                    if done {
                        return Ok((out, None));
                    }
                }
            })
            .await
    }

    /// The caller comments on a workout or plan they may see. Its owner is told, and so is
    /// everyone @mentioned who may see it.
    pub async fn comment(
        &self,
        me: &User,
        kind: SubjectKind,
        workout: u128,
        body: &str,
    ) -> Result<CommentEntry, AppError> {
        let body = clean_body(body)?;
        let viewer = me.clone();
        let this = self.clone();
        let comment = self
            .store
            .write(move |tx| {
                let item = this.visible_item(
                    tx,
                    |owner| this.ties_in(tx, viewer.id, owner),
                    &viewer,
                    kind,
                    workout,
                )?;
                let owner = item.owner();
                let c = Comment {
                    id: new_id(),
                    subject: workout,
                    kind,
                    owner,
                    author: viewer.id,
                    body: body.clone(),
                    created_at: now(),
                    edited_at: None,
                };
                store::put_comment(tx, &c)?;
                let about = Some((kind, workout));
                if owner != viewer.id {
                    let n = note(NotificationKind::Comment, viewer.id, about, Some(c.id));
                    store::notify(tx, owner, &n)?;
                }
                for name in mentions(&c.body) {
                    let Some(id) = tx.user_id_by_username(&name)? else {
                        continue;
                    };
                    let Some(u) = tx.user(id)? else { continue };
                    if id == viewer.id || id == owner || u.status != Status::Active {
                        continue;
                    }
                    let ties = this.ties_in(tx, id, owner)?;
                    let blocked = tx.blocks(id, viewer.id)? || tx.blocks(viewer.id, id)?;
                    if !blocked && item.visible_to(tx, &u, ties)? {
                        let n = note(NotificationKind::Mention, viewer.id, about, Some(c.id));
                        store::notify(tx, id, &n)?;
                    }
                }
                this.used(tx, viewer.id, crate::events::Feature::Comment)?;
                Ok(c)
            })
            .await?;
        Ok(CommentEntry {
            comment,
            author: me.clone(),
        })
    }

    /// The author edits their comment (on an item they may still see).
    pub async fn edit_comment(
        &self,
        me: &User,
        id: u128,
        body: &str,
    ) -> Result<CommentEntry, AppError> {
        let body = clean_body(body)?;
        let viewer = me.clone();
        let this = self.clone();
        let comment = self
            .store
            .write(move |tx| {
                let mut c = tx.comment(id)?.ok_or_else(no_comment)?;
                let visible = this
                    .visible_item(
                        tx,
                        |o| this.ties_in(tx, viewer.id, o),
                        &viewer,
                        c.kind,
                        c.subject,
                    )
                    .is_ok();
                if !visible {
                    return Err(no_comment());
                }
                if c.author != viewer.id {
                    return Err(AppError::forbidden("Only its author edits a comment."));
                }
                c.body = body.clone();
                c.edited_at = Some(now());
                store::put_comment(tx, &c)?;
                Ok(c)
            })
            .await?;
        Ok(CommentEntry {
            comment,
            author: me.clone(),
        })
    }

    /// The comment's author or the owner of the item deletes a comment.
    pub async fn delete_comment(&self, me: &User, id: u128) -> Result<(), AppError> {
        let viewer = me.clone();
        let this = self.clone();
        self.store
            .write(move |tx| {
                let c = tx.comment(id)?.ok_or_else(no_comment)?;
                let visible = c.owner == viewer.id
                    || this
                        .visible_item(tx, |o| this.ties_in(tx, viewer.id, o), &viewer, c.kind, c.subject)
                        .is_ok();
                if !visible {
                    return Err(no_comment());
                }
                if c.author != viewer.id && c.owner != viewer.id {
                    return Err(AppError::forbidden(
                        "Only the comment's author or the owner of the workout or plan deletes a comment.",
                    ));
                }
                store::delete_comment(tx, &c)?;
                let cid = c.id;
                store::drop_notifications(tx, c.owner, &|n| n.comment == Some(cid))?;
                for name in mentions(&c.body) {
                    if let Some(uid) = tx.user_id_by_username(&name)? {
                        store::drop_notifications(tx, uid, &|n| n.comment == Some(cid))?;
                    }
                }
                Ok(())
            })
            .await
    }

    /// The caller's notifications, newest first, before `before`, with the unread count.
    /// Notifications from accounts gone or blocked since are left out.
    pub async fn notifications(
        &self,
        me: &User,
        before: Option<u128>,
        limit: usize,
    ) -> Result<(Vec<NotificationEntry>, Option<u128>, u32), AppError> {
        let uid = me.id;
        self.store
            .read(move |tx| {
                let unread = visible_unread(tx, uid)?;
                let page = tx.notifications(uid, before, limit + 1)?;
                let more = page.len() > limit;
                let blocked = tx.block_relations(uid)?;
                let mut out = Vec::new();
                let mut last = None;
                for n in page.into_iter().take(limit) {
                    last = Some(n.id);
                    if blocked.contains(&n.actor) {
                        continue;
                    }
                    if let Some(actor) = tx.user(n.actor)? {
                        out.push(NotificationEntry {
                            notification: n,
                            actor,
                        });
                    }
                }
                Ok((out, if more { last } else { None }, unread))
            })
            .await
    }

    /// The caller's unread notifications.
    pub async fn unread(&self, me: &User) -> Result<u32, AppError> {
        let uid = me.id;
        self.store.read(move |tx| visible_unread(tx, uid)).await
    }

    /// Marks the caller's notifications read: all, or up to and including `upto`.
    pub async fn mark_read(&self, me: &User, upto: Option<u128>) -> Result<u32, AppError> {
        let uid = me.id;
        self.store
            .write(move |tx| {
                store::mark_read(tx, uid, upto)?;
                visible_unread(tx, uid)
            })
            .await
    }

    /// A page of the feed, newest first, older than `before`: only what the viewer may see
    /// now, nothing of people they are blocked with. The cursor is the last item returned.
    pub async fn feed(
        &self,
        viewer: &User,
        scope: Scope,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<(Vec<FeedEntry>, Option<(i64, u128)>), AppError> {
        let viewer = viewer.clone();
        let this = self.clone();
        let awards = self.awards.clone();
        self.store
            .read(move |tx| {
                let mut ties: HashMap<u128, Ties> = HashMap::new();
                let mut ctx = FeedCtx {
                    blocked: tx.block_relations(viewer.id)?,
                    authors: HashMap::new(),
                    awards,
                };
                let mut out = Vec::new();
                let mut scanned = 0;
                let mut last_key: Option<(i64, u128)>;
                let mut source = match scope {
                    Scope::Gym => Source::gym(before),
                    Scope::Following => {
                        let mut authors = vec![viewer.id];
                        let mut after = None;
                        loop {
                            let page =
                                tx.following(viewer.id, after, &mut |f| Ok(f.accepted), 512)?;
                            let Some(last) = page.last() else { break };
                            after = Some(last.followee);
                            authors.extend(page.iter().map(|f| f.followee));
                        }
                        Source::merge(tx, authors, before)?
                    }
                    Scope::Club(id) => {
                        Source::merge(tx, Social::club_authors(tx, &viewer, id)?, before)?
                    }
                };
                while let Some(a) = source.next(tx)? {
                    last_key = Some((a.at, a.id));
                    let t = match ties.get(&a.author) {
                        Some(t) => *t,
                        None => {
                            let t = this.ties(tx, viewer.id, a.author)?;
                            ties.insert(a.author, t);
                            t
                        }
                    };
                    match entry(tx, &mut ctx, &viewer, a, t)? {
                        Some(e) => {
                            if out.len() == limit {
                                let last = out
                                    .last()
                                    .map(|e: &FeedEntry| (e.activity.at, e.activity.id));
                                return Ok((out, last));
                            }
                            out.push(e);
                        }
                        None => {
                            scanned += 1;
                            if scanned >= SCAN_BUDGET {
                                let last = out.last().map(|e| (e.activity.at, e.activity.id));
                                return Ok((out, last.or(last_key)));
                            }
                        }
                    }
                }
                Ok((out, None))
            })
            .await
    }

    /// The feed entry of one workout, if the viewer may see it (the workout page's social
    /// counts).
    pub async fn workout_counts(
        &self,
        viewer: Option<&User>,
        workout: u128,
    ) -> Result<(u32, u32, bool), AppError> {
        let vid = viewer.map(|v| v.id);
        self.store
            .read(move |tx| {
                let Some(v) = vid else {
                    let (k, c) = tx.counts(workout)?;
                    return Ok((k, c, false));
                };
                let (k, c) = counts_for(tx, &tx.block_relations(v)?, workout)?;
                Ok((k, c, tx.has_kudos(workout, v)?))
            })
            .await
    }
}

/// An item's (kudos, comments) without the people `viewer` is blocked with.
fn counts_for<T: Reader>(tx: &T, blocked: &[u128], subject: u128) -> Result<(u32, u32), AppError> {
    let (mut k, mut c) = tx.counts(subject)?;
    if k == 0 && c == 0 {
        return Ok((0, 0));
    }
    for &other in blocked {
        if tx.has_kudos(subject, other)? {
            k = k.saturating_sub(1);
        }
        c = c.saturating_sub(tx.comments_by_on(subject, other)?);
    }
    Ok((k, c))
}

/// What one feed request reads once: the viewer's block relations and the authors seen so far.
struct FeedCtx {
    blocked: Vec<u128>,
    authors: HashMap<u128, Option<User>>,
    awards: Arc<dyn Awards>,
}

fn entry(
    tx: &Snapshot,
    ctx: &mut FeedCtx,
    viewer: &User,
    a: Activity,
    ties: Ties,
) -> Result<Option<FeedEntry>, AppError> {
    if ties.blocked {
        return Ok(None);
    }
    let item = match a.kind {
        SubjectKind::Badge => ctx.awards.award(tx, a.subject)?.map(Item::Badge),
        kind => Item::load(tx, kind, a.subject)?,
    };
    let Some(item) = item else {
        return Ok(None);
    };
    if !item.visible_to(tx, viewer, ties)? {
        return Ok(None);
    }
    let author = match ctx.authors.get(&a.author) {
        Some(u) => u.clone(),
        None => {
            let u = tx.user(a.author)?;
            ctx.authors.insert(a.author, u.clone());
            u
        }
    };
    let Some(author) = author else {
        return Ok(None);
    };
    if author.status != Status::Active && author.id != viewer.id {
        return Ok(None);
    }
    if matches!(item, Item::Badge(_)) && !may_see_profile(Some(viewer), &author, ties) {
        return Ok(None);
    }
    let (kudos, comments) = counts_for(tx, &ctx.blocked, a.subject)?;
    let kudoed = tx.has_kudos(a.subject, viewer.id)?;
    Ok(Some(FeedEntry {
        activity: a,
        author,
        item,
        kudos,
        comments,
        kudoed,
    }))
}

/// Where feed items come from: the gym's activity in time order, or the activity of the
/// viewer and the people they follow merged newest first.
enum Source {
    Gym {
        before: Option<(i64, u128)>,
        buffer: std::vec::IntoIter<Activity>,
        done: bool,
    },
    Following {
        heap: BinaryHeap<((i64, u128), u128)>,
        /// Per author: keys fetched but not yet merged, newest first.
        pending: HashMap<u128, std::collections::VecDeque<(i64, u128)>>,
    },
}

/// Keys read from one author's activity at a time while merging.
const CHUNK: usize = 8;

impl Source {
    fn gym(before: Option<(i64, u128)>) -> Self {
        Source::Gym {
            before,
            buffer: Vec::new().into_iter(),
            done: false,
        }
    }

    /// The activity of `authors` merged newest first.
    fn merge(
        tx: &Snapshot,
        authors: Vec<u128>,
        before: Option<(i64, u128)>,
    ) -> Result<Self, AppError> {
        let mut heap = BinaryHeap::new();
        let mut pending = HashMap::new();
        // The newest item of each author to start with; more are read as an author's items
        // are taken.
        for (a, keys) in tx.activity_heads(&authors, before, 1)? {
            let mut keys: std::collections::VecDeque<_> = keys.into();
            if let Some(k) = keys.pop_front() {
                heap.push((k, a));
                pending.insert(a, keys);
            }
        }
        Ok(Source::Following { heap, pending })
    }

    fn next(&mut self, tx: &Snapshot) -> Result<Option<Activity>, AppError> {
        match self {
            Source::Gym {
                before,
                buffer,
                done,
            } => loop {
                if let Some(a) = buffer.next() {
                    *before = Some((a.at, a.id));
                    return Ok(Some(a));
                }
                if *done {
                    return Ok(None);
                }
                let page = tx.activity_before(*before, 64)?;
                *done = page.len() < 64;
                *buffer = page.into_iter();
            },
            Source::Following { heap, pending } => loop {
                let Some((key, author)) = heap.pop() else {
                    return Ok(None);
                };
                let queue = pending.entry(author).or_default();
                if queue.is_empty() {
                    queue.extend(tx.activity_of_author(author, Some(key), CHUNK)?);
                }
                if let Some(k) = queue.pop_front() {
                    heap.push((k, author));
                }
                if let Some(a) = tx.activity(key.0, key.1)? {
                    return Ok(Some(a));
                }
            },
        }
    }
}

fn note(
    kind: NotificationKind,
    actor: u128,
    subject: Option<(SubjectKind, u128)>,
    comment: Option<u128>,
) -> Notification {
    Notification {
        id: new_id(),
        kind,
        actor,
        subject,
        comment,
        club: None,
        note: None,
        at: now(),
        read: false,
    }
}

/// A notification about a club.
pub(super) fn club_note(kind: NotificationKind, actor: u128, club: u128) -> Notification {
    Notification {
        club: Some(club),
        ..note(kind, actor, None, None)
    }
}

impl Reactor for Social {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        match *event {
            Event::WorkoutCreated { workout, .. } => {
                if let Some(at) = workout.finished_at {
                    finished(tx, workout, at)?;
                }
            }
            Event::WorkoutChanged { old, new, .. } => match (old.finished_at, new.finished_at) {
                (a, Some(b)) if a != Some(b) => finished(tx, new, b)?,
                (Some(_), None) => store::delete_activity_of(tx, new.id)?,
                _ => {}
            },
            Event::WorkoutDeleted { workout, .. } => {
                store::delete_subject(tx, workout.user_id, workout.id)?;
            }
            Event::UserDeleted { user } => store::delete_user(tx, user)?,
            Event::ResultVoided {
                moderator,
                member,
                voided,
                ..
            } => store::put_audit(
                tx,
                &crate::social::model::AuditEntry {
                    id: new_id(),
                    at: now(),
                    actor: moderator,
                    action: if voided {
                        "result.void"
                    } else {
                        "result.restore"
                    }
                    .into(),
                    subject: Some(member),
                    report: None,
                    note: String::new(),
                    via_cli: false,
                },
            )?,
            Event::Audited {
                actor,
                action,
                subject,
                note,
            } => store::put_audit(
                tx,
                &crate::social::model::AuditEntry {
                    id: new_id(),
                    at: now(),
                    actor: actor.unwrap_or(0),
                    action: action.to_owned(),
                    subject,
                    report: None,
                    note: note.to_owned(),
                    via_cli: actor.is_none(),
                },
            )?,
            Event::FeedbackAnswered { author, by, .. } => store::notify(
                tx,
                author,
                &note(NotificationKind::FeedbackAnswered, by, None, None),
            )?,
            Event::BadgeEarned { user, award, at } => store::put_activity(
                tx,
                &Activity {
                    id: new_id(),
                    author: user,
                    kind: SubjectKind::Badge,
                    subject: award,
                    at,
                },
            )?,
            Event::PlanChanged { old, new } => match (old, new) {
                (Some(o), None) => store::delete_subject(tx, o.owner_id, o.id)?,
                (o, Some(n)) => {
                    let was_shared = o.is_some_and(|o| o.visibility != Visibility::Private);
                    if n.visibility != Visibility::Private && !was_shared {
                        store::put_activity(
                            tx,
                            &Activity {
                                id: new_id(),
                                author: n.owner_id,
                                kind: SubjectKind::Plan,
                                subject: n.id,
                                at: now(),
                            },
                        )?;
                    }
                }
                (None, None) => {}
            },
            Event::CoachingRequested { coach, member } => {
                let n = note(NotificationKind::CoachingRequest, coach, None, None);
                if !tx.blocks(member, coach)? {
                    store::notify(tx, member, &n)?;
                }
            }
            Event::PlanAssigned {
                coach,
                member,
                plan,
            } if coach != member && !tx.blocks(member, coach)? => {
                let n = note(
                    NotificationKind::PlanAssigned,
                    coach,
                    Some((SubjectKind::Plan, plan)),
                    None,
                );
                store::notify(tx, member, &n)?;
            }
            _ => {}
        }
        Ok(Effects::default())
    }
}

/// A workout was finished: it becomes (or stays, moved to its new time) an activity item.
fn finished(tx: &Tx, w: &Workout, at: i64) -> Result<(), AppError> {
    store::put_activity(
        tx,
        &Activity {
            id: new_id(),
            author: w.user_id,
            kind: SubjectKind::Workout,
            subject: w.id,
            at,
        },
    )
}

/// How many of `user`'s unread notifications their list shows: the list leaves out those of
/// accounts deleted or blocked since, so the count does too. Reads back from the newest only
/// until it has met as many unread ones as the kept count says there are (usually a few).
fn visible_unread(
    tx: &(impl Reader + crate::accounts::store::Reader),
    user: u128,
) -> Result<u32, AppError> {
    const PAGE: usize = 50;
    let (_, unread) = tx.notification_counts(user)?;
    if unread == 0 {
        return Ok(0);
    }
    let blocked = tx.block_relations(user)?;
    let (mut met, mut shown, mut before) = (0, 0, None);
    while met < unread {
        let page = tx.notifications(user, before, PAGE)?;
        for n in page.iter().filter(|n| !n.read) {
            met += 1;
            if !blocked.contains(&n.actor) && tx.user(n.actor)?.is_some() {
                shown += 1;
            }
            if met == unread {
                break;
            }
        }
        match page.last() {
            Some(last) if page.len() == PAGE => before = Some(last.id),
            _ => break,
        }
    }
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_found_once_and_lower_cased() {
        assert_eq!(
            mentions("great set @Anna and @bob_2!"),
            vec!["anna", "bob_2"]
        );
        assert_eq!(mentions("@anna @ANNA"), vec!["anna"]);
        assert_eq!(mentions("mail me at x@example.org"), Vec::<String>::new());
        assert_eq!(mentions("@ alone"), Vec::<String>::new());
        assert_eq!(mentions("end of sentence @kim."), vec!["kim"]);
        let many: String = (0..20).map(|i| format!("@u{i} ")).collect();
        assert_eq!(mentions(&many).len(), MAX_MENTIONS);
    }

    #[test]
    fn comments_are_trimmed_and_bounded() {
        assert_eq!(clean_body("  hi \n").unwrap(), "hi");
        assert!(clean_body("   ").is_err());
        assert!(clean_body(&"x".repeat(MAX_COMMENT + 1)).is_err());
        assert!(clean_body(&"я".repeat(MAX_COMMENT)).is_ok());
        assert!(clean_body("bell\u{7}").is_err());
    }
}
