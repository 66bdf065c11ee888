//! Writes of records read from another Gymbox's export (the import of an account archive):
//! the same checks and events as creating them here, in the caller's write transaction so an
//! import commits each part with its bookkeeping.

use super::*;
use crate::events::Event;
use crate::training::limits;
use crate::training::model::{BodyMetric, Plan};

impl Training {
    /// Checks an exercise of an export as if the member had typed it.
    pub fn check_imported_exercise(e: &Exercise) -> Result<(), AppError> {
        Self::validate_exercise(e)
    }

    /// Checks a plan of an export as if the member had written it (texts, sizes, targets).
    pub fn check_imported_plan(&self, p: &Plan) -> Result<(), AppError> {
        let errs = self.check_plan(p);
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        self.check_size(p)
    }
}

/// Whether `user` has logged a set of `exercise`.
pub fn exercise_in_use(
    tx: &impl store::Reader,
    user: u128,
    exercise: &str,
) -> Result<bool, AppError> {
    Ok(!tx
        .sessions(
            user,
            exercise,
            (i64::MIN, 0),
            (i64::MAX, u128::MAX),
            true,
            1,
        )?
        .is_empty())
}

/// A private exercise of `e.owner_id`, within the member's cap.
pub fn write_imported_exercise(tx: &crate::storage::Tx, e: &Exercise) -> Result<(), AppError> {
    let cap = limits::EXERCISES_PER_MEMBER;
    if let Some(owner) = e.owner_id
        && store::exercise_count(tx, owner, cap)? >= cap
    {
        return Err(limits::reached(
            "custom exercises",
            cap,
            "delete exercises you no longer use to import more.",
        ));
    }
    store::put_exercise(tx, e)
}

/// A plan of `p.owner_id`, within the member's cap, published like a new plan.
pub fn write_imported_plan(tx: &crate::storage::Tx, bus: &Bus, p: &Plan) -> Result<(), AppError> {
    Training::check_plan_count(tx, p.owner_id)?;
    store::put_plan(tx, p)?;
    bus.publish(
        tx,
        &Event::PlanChanged {
            old: None,
            new: Some(p),
        },
    )?;
    Ok(())
}

/// A body measurement.
pub fn write_imported_metric(tx: &crate::storage::Tx, m: &BodyMetric) -> Result<(), AppError> {
    store::put_metric(tx, m)
}

/// Which of these records `user` already has (an export imported into the account it came
/// from): a workout, plan, measurement (by id) or private exercise.
pub fn owns_workout(tx: &impl store::Reader, user: u128, id: u128) -> Result<bool, AppError> {
    Ok(store::workout(tx, id)?.is_some_and(|w| w.user_id == user))
}

pub fn owns_plan(tx: &impl store::Reader, user: u128, id: u128) -> Result<bool, AppError> {
    Ok(store::plan(tx, id)?.is_some_and(|p| p.owner_id == user))
}

pub fn owns_metric(tx: &impl store::Reader, user: u128, id: u128) -> Result<bool, AppError> {
    Ok(store::metric(tx, id)?.is_some_and(|m| m.user_id == user))
}

/// An exercise a member may log by this id: built in, gym-wide, or their own.
pub fn usable_exercise(
    tx: &impl store::Reader,
    user: u128,
    id: &str,
) -> Result<Option<Exercise>, AppError> {
    if let Some(e) = crate::training::catalogue::builtin_by_id(id) {
        return Ok(Some(e.clone()));
    }
    let Some(n) = crate::storage::ids::parse(id) else {
        return Ok(None);
    };
    Ok(store::exercise(tx, n)?.filter(|e| e.owner_id.is_none_or(|o| o == user)))
}

/// Checks a set of an export as if it were logged.
pub fn check_imported_set(s: &crate::training::model::WorkoutSet) -> Result<(), AppError> {
    super::workouts::check_set(s)
}

/// Checks the superset groups of an exported workout.
pub fn check_imported_supersets(groups: &[Vec<String>]) -> Result<(), AppError> {
    super::workouts::check_supersets(groups)
}

/// Checks a measurement of an export as if it were recorded.
pub fn check_imported_metric(m: &BodyMetric) -> Result<(), AppError> {
    super::body::check(&super::MetricInput {
        kind: m.kind.clone(),
        value: m.value,
        measured_at: Some(m.measured_at),
        note: Some(m.note.clone()),
    })
}
