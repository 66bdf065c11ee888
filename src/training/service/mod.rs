//! Training rules: exercises, plans and assignments, workouts and sets, body metrics.
//!
//! Every method takes the caller (`&User`) and checks what they may see or change; what they
//! may not see is reported as not found.

mod access;
mod adherence;
mod body;
mod exercises;
mod imported;
mod plans;
mod workouts;

use std::sync::{Arc, RwLock};

pub use access::may_edit_gym_exercises;
pub use adherence::{Adherence, DayAdherence, WeekAdherence};
pub use body::{MetricInput, MetricQuery};
pub use exercises::{ExerciseFilter, ExerciseInput, ImportReport, Invalid};
pub use imported::{
    check_imported_metric, check_imported_set, check_imported_supersets, exercise_in_use,
    owns_metric, owns_plan, owns_workout, usable_exercise, write_imported_exercise,
    write_imported_metric, write_imported_plan,
};
pub use plans::{PlanInput, Today, may_read_plan, parse_date, plan_ties, plans_assigned_by_author};
pub use workouts::{SetInput, WorkoutDetail, WorkoutInput, WorkoutPatch, write_complete_workout};

use super::model::Exercise;
use super::store::{self, Reader};
use crate::access::{NoRelations, Relations, Ties};
use crate::accounts::model::User;
use crate::error::{AppError, Code};
use crate::events::{Bus, CoachLinks, NoLinks};
use crate::storage::Store;

/// An `Idempotency-Key` with the fingerprint of the request body it came with: a retry (same
/// key, same body) returns the first result; the same key with another body is refused.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    pub key: String,
    /// SHA-256 of the body in a canonical form.
    pub body: [u8; 32],
}

impl IdempotencyKey {
    /// `key` for a request whose body, in a canonical form, is `body`.
    pub fn new(key: String, body: &[u8]) -> Self {
        use sha2::Digest;
        Self {
            key,
            body: sha2::Sha256::digest(body).into(),
        }
    }
}

#[derive(Clone)]
pub struct Training {
    store: Store,
    /// Where workout and set changes are published (records, statistics, feeds react).
    bus: Bus,
    /// Whether a coach coaches a member (the coaching domain's active relationships).
    links: Arc<dyn CoachLinks>,
    /// How a viewer is tied to an owner (coach link, follow, block): the access policy's input.
    relations: Arc<dyn Relations>,
    /// Gym-wide custom and imported exercises, kept in memory (a few thousand at most) and
    /// refreshed on every change.
    gym: Arc<RwLock<Vec<Exercise>>>,
}

impl Training {
    pub fn new(store: Store, bus: Bus) -> Result<Self, AppError> {
        let t = Self {
            store,
            bus,
            links: Arc::new(NoLinks),
            relations: Arc::new(NoRelations),
            gym: Arc::new(RwLock::new(Vec::new())),
        };
        t.reload_gym_blocking()?;
        Ok(t)
    }

    /// Answers "does this coach coach this member?" from `links` (set by `app.rs`; until
    /// then nobody coaches anyone).
    pub fn with_links(mut self, links: Arc<dyn CoachLinks>) -> Self {
        self.links = links;
        self
    }

    /// Answers how a viewer is tied to an owner (set by `app.rs`; until then nobody is).
    pub fn with_relations(mut self, relations: Arc<dyn Relations>) -> Self {
        self.relations = relations;
        self
    }

    /// How `viewer` (signed out: `None`) is tied to `owner`.
    pub async fn ties(&self, viewer: Option<&User>, owner: u128) -> Result<Ties, AppError> {
        let Some(vid) = viewer.map(|v| v.id).filter(|v| *v != owner) else {
            return Ok(Ties::default());
        };
        let relations = self.relations.clone();
        self.store
            .read(move |tx| relations.ties(tx, vid, owner))
            .await
    }

    /// The coach links this service uses (the demo generator records its pairs through them).
    pub fn links(&self) -> Arc<dyn CoachLinks> {
        self.links.clone()
    }

    fn reload_gym_blocking(&self) -> Result<(), AppError> {
        let tx = self.store.snapshot()?;
        let mut list = Vec::new();
        for id in tx.gym_exercise_ids()? {
            if let Some(e) = store::exercise(&*tx, id)? {
                list.push(e);
            }
        }
        *self.gym.write().unwrap_or_else(|e| e.into_inner()) = list;
        Ok(())
    }

    async fn reload_gym(&self) -> Result<(), AppError> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.reload_gym_blocking()).await?
    }

    fn gym_exercises(&self) -> Vec<Exercise> {
        self.gym.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

pub(crate) fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("No such {what}, or you may not see it."))
}

/// Everything a member has in training: for a full account export.
#[derive(Debug, Clone, Default)]
pub struct Everything {
    /// Oldest first, with their sets in order.
    pub workouts: Vec<(
        crate::training::model::Workout,
        Vec<crate::training::model::WorkoutSet>,
    )>,
    /// The member's own (private) exercises.
    pub exercises: Vec<crate::training::model::Exercise>,
    pub plans: Vec<crate::training::model::Plan>,
    pub metrics: Vec<crate::training::model::BodyMetric>,
}

impl Training {
    /// Everything `user` has in training, read in one transaction (off the async workers).
    pub async fn everything(&self, user: u128) -> Result<Everything, AppError> {
        self.store
            .read_long(move |tx| {
                use store::Reader as _;
                let mut out = Everything::default();
                let keys = tx.workout_keys(user, i64::MIN, i64::MAX, None, usize::MAX)?;
                for id in keys.into_iter().rev() {
                    if let Some(w) = store::workout(tx, id)? {
                        let sets = tx.workout_sets(id)?;
                        out.workouts.push((w, sets));
                    }
                }
                for id in store::exercises_of(tx, user)? {
                    out.exercises.extend(store::exercise(tx, id)?);
                }
                for id in store::plans_of(tx, user)? {
                    out.plans.extend(store::plan(tx, id)?);
                }
                for id in store::all_metric_ids(tx, user)? {
                    out.metrics.extend(store::metric(tx, id)?);
                }
                Ok(out)
            })
            .await
    }
}
