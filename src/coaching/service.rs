//! Coaching rules: requests, consent, ending, and the link that gives a coach access.

use std::sync::{Arc, OnceLock};

use crate::storage::Snapshot;
use crate::storage::Tx;

use super::model::{Relationship, Status};
use super::store::{self, Reader};
use crate::accounts::model::{Role, Status as AccountStatus, User};
use crate::error::{AppError, Code};
use crate::events::{Bus, CoachLinks, Effects, Event, Reactor, WeakBus};
use crate::storage::Store;
use crate::storage::ids::{new_id, now};

/// How long a coaching request waits for an answer (14 days); after that it gives nothing and
/// a new request may be sent.
pub const REQUEST_TTL: i64 = 14 * 86_400;

/// The coaching service; also the coaching reactor and the [`CoachLinks`] port. Cheap to clone.
#[derive(Clone)]
pub struct Coaching {
    store: Store,
    /// Where coaching requests are published (notifications); set once by `app.rs`, since
    /// this service is itself one of the bus's reactors.
    bus: Arc<OnceLock<WeakBus>>,
}

fn not_found() -> AppError {
    AppError::NotFound("No such coaching request or relationship, or it is not yours.".into())
}

fn exists() -> AppError {
    AppError::Problem(
        Code::CoachingExists,
        "A coaching request or relationship between you already exists; see GET /api/v1/me/coaching."
            .into(),
    )
}

/// Whether `user` has coach rights (coach, admin or owner).
fn may_coach(user: &User) -> bool {
    user.role >= Role::Coach
}

impl Coaching {
    /// The coaching service over `store`.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            bus: Arc::new(OnceLock::new()),
        }
    }

    /// Publishes this service's events on `bus` from now on.
    pub fn set_bus(&self, bus: &Bus) {
        let _ = self.bus.set(bus.downgrade());
    }

    /// A coach (or an administrator acting as one) asks `member` to accept them as coach. 409
    /// when a request is pending or a relationship is active for the pair.
    pub async fn request(&self, coach: &User, member: &User) -> Result<Relationship, AppError> {
        if !may_coach(coach) {
            return Err(AppError::forbidden(
                "Only coaches and administrators send coaching requests.",
            ));
        }
        check_pair(coach, member, "username")?;
        let t = now();
        let r = Relationship {
            id: new_id(),
            coach_id: coach.id,
            member_id: member.id,
            status: Status::Pending,
            created_by: coach.id,
            created_at: t,
            since: None,
            expires_at: Some(t + REQUEST_TTL),
        };
        let rec = r.clone();
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                if let Some(old) = tx.of_pair(rec.coach_id, rec.member_id)? {
                    if !old.is_expired(now()) {
                        return Err(exists());
                    }
                    store::delete(tx, &old)?;
                }
                store::put(tx, &rec)?;
                if let Some(bus) = bus.get().and_then(WeakBus::upgrade) {
                    bus.publish(
                        tx,
                        &Event::CoachingRequested {
                            coach: rec.coach_id,
                            member: rec.member_id,
                        },
                    )?;
                }
                Ok(())
            })
            .await?;
        Ok(r)
    }

    /// An administrator makes `coach` the coach of `member` at once (a pending request between
    /// them becomes active). 409 when they already have an active relationship.
    pub async fn create_active(
        &self,
        admin: &User,
        coach: &User,
        member: &User,
    ) -> Result<Relationship, AppError> {
        if !admin.role.is_admin() {
            return Err(AppError::forbidden(
                "Only administrators create coaching relationships directly.",
            ));
        }
        if !may_coach(coach) {
            return Err(AppError::invalid_code(
                "coach",
                "not_a_coach",
                "This user has no coach rights; give them the coach role first.",
            ));
        }
        check_pair(coach, member, "member")?;
        let t = now();
        let r = Relationship {
            id: new_id(),
            coach_id: coach.id,
            member_id: member.id,
            status: Status::Active,
            created_by: admin.id,
            created_at: t,
            since: Some(t),
            expires_at: None,
        };
        let rec = r.clone();
        let (bus, note) = (
            self.bus.clone(),
            format!("@{} coaches @{}", coach.username, member.username),
        );
        self.store
            .write(move |tx| {
                if let Some(old) = tx.of_pair(rec.coach_id, rec.member_id)? {
                    if old.is_active() {
                        return Err(exists());
                    }
                    store::delete(tx, &old)?;
                }
                store::put(tx, &rec)?;
                if let Some(bus) = bus.get().and_then(WeakBus::upgrade) {
                    bus.publish(
                        tx,
                        &crate::events::Event::Audited {
                            actor: Some(rec.created_by),
                            action: "coaching.create",
                            subject: Some(rec.member_id),
                            note: &note,
                        },
                    )?;
                }
                Ok(())
            })
            .await?;
        Ok(r)
    }

    /// The member accepts a pending request addressed to them.
    pub async fn accept(&self, member: &User, id: u128) -> Result<Relationship, AppError> {
        let uid = member.id;
        self.store
            .write(move |tx| {
                let mut r = tx
                    .relationship(id)?
                    .filter(|r| r.member_id == uid)
                    .ok_or_else(not_found)?;
                if r.is_active() {
                    return Err(AppError::Problem(
                        Code::CoachingActive,
                        "You already accepted this coach.".into(),
                    ));
                }
                if r.is_expired(now()) {
                    store::delete(tx, &r)?;
                    return Err(AppError::NotFound(
                        "This coaching request has expired; ask the coach to send a new one."
                            .into(),
                    ));
                }
                r.status = Status::Active;
                r.since = Some(now());
                r.expires_at = None;
                store::put(tx, &r)?;
                Ok(r)
            })
            .await
    }

    /// The member declines a pending request addressed to them; it is removed.
    pub async fn decline(&self, member: &User, id: u128) -> Result<(), AppError> {
        let uid = member.id;
        self.store
            .write(move |tx| {
                let r = tx
                    .relationship(id)?
                    .filter(|r| r.member_id == uid)
                    .ok_or_else(not_found)?;
                if r.is_active() {
                    return Err(AppError::Problem(
                        Code::CoachingActive,
                        "This relationship is already active; end it with DELETE /api/v1/coaching/{id}."
                            .into(),
                    ));
                }
                store::delete(tx, &r)
            })
            .await
    }

    /// Ends a relationship or withdraws a request: the member, the coach, or an administrator.
    /// Access ends with the commit.
    pub async fn end(&self, user: &User, id: u128) -> Result<(), AppError> {
        let (uid, admin) = (user.id, user.role.is_admin());
        self.store
            .write(move |tx| {
                let r = tx
                    .relationship(id)?
                    .filter(|r| admin || r.member_id == uid || r.coach_id == uid)
                    .ok_or_else(not_found)?;
                store::delete(tx, &r)
            })
            .await
    }

    /// The caller's requests and relationships: (as coach, as member), oldest first, without
    /// requests that lapsed.
    pub async fn mine(
        &self,
        user: &User,
    ) -> Result<(Vec<Relationship>, Vec<Relationship>), AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| {
                let t = now();
                let load = |ids: Vec<u128>| -> Result<Vec<Relationship>, AppError> {
                    let mut out = Vec::new();
                    for id in ids {
                        if let Some(r) = tx.relationship(id)?
                            && !r.is_expired(t)
                        {
                            out.push(r);
                        }
                    }
                    Ok(out)
                };
                Ok((load(tx.of_coach(uid)?)?, load(tx.of_member(uid)?)?))
            })
            .await
    }

    /// A coach's active relationships (their members), oldest first.
    pub async fn members(&self, coach: &User) -> Result<Vec<Relationship>, AppError> {
        let (mine, _) = self.mine(coach).await?;
        Ok(mine.into_iter().filter(Relationship::is_active).collect())
    }

    /// Whether `coach` coaches `member` now.
    pub async fn coaches(&self, coach: u128, member: u128) -> Result<bool, AppError> {
        self.store
            .read(move |tx| active(tx.of_pair(coach, member)?))
            .await
    }
}

fn active(r: Option<Relationship>) -> Result<bool, AppError> {
    Ok(r.is_some_and(|r| r.is_active()))
}

/// A coach and a member who may be paired: two different, active accounts.
fn check_pair(coach: &User, member: &User, field: &str) -> Result<(), AppError> {
    if coach.id == member.id {
        return Err(AppError::invalid(
            field,
            "You cannot coach yourself; choose another member.",
        ));
    }
    if member.status != AccountStatus::Active || coach.status != AccountStatus::Active {
        return Err(AppError::invalid_code(
            field,
            "user_disabled",
            "This account is disabled.",
        ));
    }
    Ok(())
}

/// Removes every relationship and request in `ids`.
fn delete_all(tx: &Tx, ids: Vec<u128>) -> Result<(), AppError> {
    for id in ids {
        if let Some(r) = tx.relationship(id)? {
            store::delete(tx, &r)?;
        }
    }
    Ok(())
}

impl Reactor for Coaching {
    /// A coach who loses coach rights loses their members and requests in the same commit; a
    /// deleted account takes its relationships on both sides with it.
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        match *event {
            Event::UserDeleted { user } => {
                delete_all(tx, tx.of_coach(user)?)?;
                delete_all(tx, tx.of_member(user)?)?;
            }
            // Losing the coach role ends every relationship as that member's coach.
            Event::RoleChanged { user, old, new } if old >= Role::Coach && new < Role::Coach => {
                delete_all(tx, tx.of_coach(user)?)?;
            }
            _ => {}
        }
        Ok(Effects::default())
    }
}

impl CoachLinks for Coaching {
    fn coaches(&self, tx: &Snapshot, coach: u128, member: u128) -> Result<bool, AppError> {
        active(tx.of_pair(coach, member)?)
    }

    fn coaches_in(&self, tx: &Tx, coach: u128, member: u128) -> Result<bool, AppError> {
        active(tx.of_pair(coach, member)?)
    }

    fn link(&self, tx: &Tx, coach: u128, member: u128, at: i64) -> Result<(), AppError> {
        link_active(tx, coach, member, at, coach)
    }
}

/// Makes `coach` the active coach of `member` in `tx` unless they already are (a pending
/// request between them is replaced). For writers outside the service: the demo generator and
/// the migration that turned assignments into relationships.
pub fn link_active(
    tx: &Tx,
    coach: u128,
    member: u128,
    at: i64,
    created_by: u128,
) -> Result<(), AppError> {
    if let Some(old) = tx.of_pair(coach, member)? {
        if old.is_active() {
            return Ok(());
        }
        store::delete(tx, &old)?;
    }
    store::put(
        tx,
        &Relationship {
            id: new_id(),
            coach_id: coach,
            member_id: member,
            status: Status::Active,
            created_by,
            created_at: at,
            since: Some(at),
            expires_at: None,
        },
    )
}
