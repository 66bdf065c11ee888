//! The seam between domains: typed events published inside the write transaction that made
//! the change, and the reactors that keep derived data in step.
//!
//! A domain that owns a write (training for workouts and sets, accounts for accounts) calls
//! [`Bus::publish`] with the event and its open redb write transaction. Every reactor
//! registered in `app.rs` runs synchronously in that same transaction and writes only its own
//! domain's tables, so a primary row and everything derived from it commit together or not at
//! all. Work that must not hold up the write (search indexing, notifications) is queued in the
//! outbox instead. A retry that changes nothing publishes nothing.

use std::sync::Arc;

use crate::storage::Snapshot;
use crate::storage::Tx;

use crate::error::AppError;
use crate::training::model::{Workout, WorkoutSet};

/// Whose data changed, with what reactors need to file it (local days, weeks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub id: u128,
    /// IANA time zone name of the member (the days of their calendar).
    pub timezone: String,
    /// The member's profile is shared with the gym and their account is active: they may
    /// appear on gym-wide lists (leaderboards, challenge standings).
    pub shared: bool,
}

impl Owner {
    pub fn of(user: &crate::accounts::model::User) -> Self {
        Self {
            id: user.id,
            timezone: user.preferences.timezone.clone(),
            shared: crate::access::shared_with_gym(user),
        }
    }
}

/// What changed. Workouts and sets are the stored rows after (and, for changes, before) the
/// write; a reactor reading training history in the transaction sees the new state.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A workout was created (possibly already finished, e.g. logged after the fact).
    WorkoutCreated {
        owner: &'a Owner,
        workout: &'a Workout,
    },
    /// A workout's own fields changed (times, title, visibility); `old` is the row before.
    WorkoutChanged {
        owner: &'a Owner,
        old: &'a Workout,
        new: &'a Workout,
    },
    /// A workout and all of its sets were deleted.
    WorkoutDeleted {
        owner: &'a Owner,
        workout: &'a Workout,
        sets: &'a [WorkoutSet],
    },
    /// A set was appended to `workout` (a retried append publishes nothing); `latest_in_workout`
    /// when no set of its exercise in the workout was done after it (it was not logged late).
    SetLogged {
        owner: &'a Owner,
        workout: &'a Workout,
        set: &'a WorkoutSet,
        latest_in_workout: bool,
    },
    /// A set was edited: its values before and after.
    SetChanged {
        owner: &'a Owner,
        workout: &'a Workout,
        old: &'a WorkoutSet,
        new: &'a WorkoutSet,
    },
    /// A set was removed from `workout`.
    SetDeleted {
        owner: &'a Owner,
        workout: &'a Workout,
        set: &'a WorkoutSet,
    },
    /// An account and everything it owned is being deleted.
    UserDeleted { user: u128 },
    /// A plan was created (`old` none), changed, or deleted (`new` none).
    PlanChanged {
        old: Option<&'a crate::training::model::Plan>,
        new: Option<&'a crate::training::model::Plan>,
    },
    /// A coach asked a member to accept them as coach.
    CoachingRequested { coach: u128, member: u128 },
    /// A coach (or the member) assigned a plan to a member.
    PlanAssigned {
        coach: u128,
        member: u128,
        plan: u128,
    },
    /// An account's role changed (published in the transaction that stores the new role).
    RoleChanged {
        user: u128,
        old: crate::accounts::model::Role,
        new: crate::accounts::model::Role,
    },
    /// Whether a member may appear on gym-wide lists changed (profile visibility, suspension,
    /// disabling); see [`crate::access::shared_with_gym`].
    ProfileShared { user: u128, shared: bool },
    /// A member finished the last day of an assigned plan.
    PlanCompleted {
        member: u128,
        plan: u128,
        assignment: u128,
    },
    /// A member earned a badge (`award` names the award in the gamification domain).
    BadgeEarned { user: u128, award: u128, at: i64 },
    /// An administrator voided (or restored) the result of a member's set on leaderboards and
    /// in challenges.
    ResultVoided {
        moderator: u128,
        member: u128,
        set: u128,
        voided: bool,
    },
    /// An administrator (`actor`), or the command line (`None`), changed something: the audit
    /// log keeps it. `action` is e.g. `user.role`, `settings.change`; `note` says what.
    Audited {
        actor: Option<u128>,
        action: &'a str,
        subject: Option<u128>,
        note: &'a str,
    },
    /// A member used a feature or came by (aggregate usage counts; nothing per person is kept
    /// beyond which days they were active).
    Used {
        user: u128,
        feature: Feature,
        at: i64,
    },
    /// An administrator answered a member's feedback (`by`), or changed its status.
    FeedbackAnswered {
        author: u128,
        feedback: u128,
        by: u128,
    },
}

/// What the usage dashboard counts. `Visit` (a signed-in member came by, at most one a few
/// minutes) and `Joined` (an account was created) count members, not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Visit,
    Joined,
    SignIn,
    Workout,
    Set,
    Plan,
    Assignment,
    BodyMetric,
    Follow,
    Kudos,
    Comment,
    ClubJoin,
    ChallengeJoin,
    Feedback,
}

impl Feature {
    pub const ALL: [Feature; 14] = [
        Feature::Visit,
        Feature::Joined,
        Feature::SignIn,
        Feature::Workout,
        Feature::Set,
        Feature::Plan,
        Feature::Assignment,
        Feature::BodyMetric,
        Feature::Follow,
        Feature::Kudos,
        Feature::Comment,
        Feature::ClubJoin,
        Feature::ChallengeJoin,
        Feature::Feedback,
    ];

    /// The stored code (never reused).
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Feature::Visit => "visit",
            Feature::Joined => "joined",
            Feature::SignIn => "sign_in",
            Feature::Workout => "workout",
            Feature::Set => "set",
            Feature::Plan => "plan",
            Feature::Assignment => "assignment",
            Feature::BodyMetric => "body_metric",
            Feature::Follow => "follow",
            Feature::Kudos => "kudos",
            Feature::Comment => "comment",
            Feature::ClubJoin => "club_join",
            Feature::ChallengeJoin => "challenge_join",
            Feature::Feedback => "feedback",
        }
    }
}

/// What reactors report back to the publisher, which may record it on its own rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Sets that set a personal record with this change.
    pub record_sets: Vec<u128>,
}

impl Effects {
    pub fn merge(&mut self, other: Effects) {
        self.record_sets.extend(other.record_sets);
    }

    pub fn is_record(&self, set: u128) -> bool {
        self.record_sets.contains(&set)
    }
}

/// A domain's reaction to events, run inside the publisher's write transaction.
pub trait Reactor: Send + Sync {
    /// Updates this domain's own tables for `event`. An error aborts the whole write.
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError>;

    /// The same, knowing what the reactors before it reported (which sets are records).
    fn react_with(
        &self,
        tx: &Tx,
        event: &Event<'_>,
        so_far: &Effects,
    ) -> Result<Effects, AppError> {
        let _ = so_far;
        self.react(tx, event)
    }
}

/// The registered reactors, in the order `app.rs` lists them. Cheap to clone.
#[derive(Clone, Default)]
pub struct Bus {
    reactors: Arc<Vec<Arc<dyn Reactor>>>,
}

impl Bus {
    pub fn new(reactors: Vec<Arc<dyn Reactor>>) -> Self {
        Self {
            reactors: Arc::new(reactors),
        }
    }

    /// A handle that does not keep the reactors alive: for a reactor that also publishes
    /// (holding the bus itself would make a cycle that never frees the database).
    pub fn downgrade(&self) -> WeakBus {
        WeakBus(Arc::downgrade(&self.reactors))
    }

    /// Runs every reactor for `event` in `tx`; the first error aborts the write.
    pub fn publish(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        let mut effects = Effects::default();
        for r in self.reactors.iter() {
            let more = r.react_with(tx, event, &effects)?;
            effects.merge(more);
        }
        Ok(effects)
    }
}

/// A [`Bus`] that does not keep its reactors alive; see [`Bus::downgrade`].
#[derive(Clone)]
pub struct WeakBus(std::sync::Weak<Vec<Arc<dyn Reactor>>>);

impl WeakBus {
    /// The bus, while the application that made it lives.
    pub fn upgrade(&self) -> Option<Bus> {
        self.0.upgrade().map(|reactors| Bus { reactors })
    }
}

/// Primary and secondary muscles of an exercise.
pub type Muscles = (Vec<String>, Vec<String>);

/// What reactors may read of the training history inside the write transaction. Implemented
/// by the training domain and handed to other domains by `app.rs`, so no domain reads another
/// domain's tables.
pub trait TrainingHistory: Send + Sync {
    fn workout(&self, tx: &Tx, id: u128) -> Result<Option<Workout>, AppError>;

    /// The sets of a workout in the order they were done.
    fn sets_of(&self, tx: &Tx, workout: u128) -> Result<Vec<WorkoutSet>, AppError>;

    /// One member's sets of one exercise done at or after `from` = (completed_at, set id), oldest
    /// first, with their workout ids; `visit` returns `false` to stop.
    fn exercise_sets_from(
        &self,
        tx: &Tx,
        user: u128,
        exercise: &str,
        from: (i64, u128),
        visit: &mut dyn FnMut(u128, &WorkoutSet) -> Result<bool, AppError>,
    ) -> Result<(), AppError>;

    /// Primary and secondary muscles of an exercise the member may use (None if unknown).
    fn muscles(&self, tx: &Tx, exercise: &str) -> Result<Option<Muscles>, AppError>;

    /// Whether the member has a set of `exercise` later than `after` = (completed at, set id),
    /// the order history is walked in, in a workout other than `skip`.
    fn later_set_elsewhere(
        &self,
        tx: &Tx,
        user: u128,
        exercise: &str,
        after: (i64, u128),
        skip: u128,
    ) -> Result<bool, AppError>;

    /// A member's workouts, oldest first (for replaying history into derived tables).
    fn workouts_of(&self, tx: &Tx, user: u128) -> Result<Vec<Workout>, AppError>;

    /// A member's workouts started in `[from, to)`, oldest first.
    fn workouts_between(
        &self,
        tx: &Tx,
        user: u128,
        from: i64,
        to: i64,
    ) -> Result<Vec<Workout>, AppError>;

    /// The member's latest body weight in kilograms, if they recorded one.
    fn body_weight(&self, tx: &Tx, user: u128) -> Result<Option<f64>, AppError>;
}

/// What a feed item of a badge shows. Implemented by the gamification domain and handed to
/// the social domain by `app.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardView {
    pub user: u128,
    pub badge: String,
    pub count: u32,
    /// The challenge that earned it: (id, title).
    pub challenge: Option<(u128, String)>,
    pub at: i64,
}

pub trait Awards: Send + Sync {
    fn award(&self, tx: &Snapshot, id: u128) -> Result<Option<AwardView>, AppError>;
}

/// Awards of a service nobody wired to gamification: none.
pub struct NoAwards;

impl Awards for NoAwards {
    fn award(&self, _: &Snapshot, _: u128) -> Result<Option<AwardView>, AppError> {
        Ok(None)
    }
}

/// Whether a coach coaches a member: an active coaching relationship, which the member agreed
/// to (or an administrator made). Implemented by the coaching domain and handed to training
/// by `app.rs`, so training reads no coaching table. Being an administrator or the owner gives
/// no link by itself.
pub trait CoachLinks: Send + Sync {
    /// In a read transaction (what a request may see).
    fn coaches(&self, tx: &Snapshot, coach: u128, member: u128) -> Result<bool, AppError>;

    /// In a write transaction (re-checked where a write depends on it, e.g. an assignment).
    fn coaches_in(&self, tx: &Tx, coach: u128, member: u128) -> Result<bool, AppError>;

    /// Records an active relationship directly, as an administrator would (the demo generator).
    fn link(&self, tx: &Tx, coach: u128, member: u128, at: i64) -> Result<(), AppError>;
}

/// The links of a training service nobody wired to the coaching domain: nobody coaches anyone.
pub struct NoLinks;

impl CoachLinks for NoLinks {
    fn coaches(&self, _: &Snapshot, _: u128, _: u128) -> Result<bool, AppError> {
        Ok(false)
    }

    fn coaches_in(&self, _: &Tx, _: u128, _: u128) -> Result<bool, AppError> {
        Ok(false)
    }

    fn link(&self, _: &Tx, _: u128, _: u128, _: i64) -> Result<(), AppError> {
        Err(AppError::Internal(
            "coaching links are not wired to the training service".into(),
        ))
    }
}
