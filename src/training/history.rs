//! What other domains may read of the training history inside a write transaction (the
//! [`TrainingHistory`] port), and training's reaction to an account's deletion.

use crate::storage::Tx;

use super::catalogue;
use super::model::{Exercise, Workout, WorkoutSet};
use super::store::{self, Reader};
use crate::error::AppError;
use crate::events::{Effects, Event, Muscles, Reactor, TrainingHistory};
use crate::storage::ids;

/// Training's implementation of the history port, handed to other domains by `app.rs`.
pub struct History;

impl TrainingHistory for History {
    fn workout(&self, tx: &Tx, id: u128) -> Result<Option<Workout>, AppError> {
        store::workout(tx, id)
    }

    fn sets_of(&self, tx: &Tx, workout: u128) -> Result<Vec<WorkoutSet>, AppError> {
        tx.workout_sets(workout)
    }

    fn exercise_sets_from(
        &self,
        tx: &Tx,
        user: u128,
        exercise: &str,
        from: (i64, u128),
        visit: &mut dyn FnMut(u128, &WorkoutSet) -> Result<bool, AppError>,
    ) -> Result<(), AppError> {
        store::exercise_sets_from(tx, user, exercise, from, visit)
    }

    fn muscles(&self, tx: &Tx, exercise: &str) -> Result<Option<Muscles>, AppError> {
        if let Some(e) = catalogue::builtin_by_id(exercise) {
            return Ok(Some((e.primary.clone(), e.secondary.clone())));
        }
        let e: Option<Exercise> = match ids::parse(exercise) {
            Some(id) => store::exercise(tx, id)?,
            None => None,
        };
        Ok(e.map(|e| (e.primary, e.secondary)))
    }

    fn later_set_elsewhere(
        &self,
        tx: &Tx,
        user: u128,
        exercise: &str,
        after: (i64, u128),
        skip: u128,
    ) -> Result<bool, AppError> {
        store::later_set_elsewhere(tx, user, exercise, after, skip)
    }

    fn workouts_of(&self, tx: &Tx, user: u128) -> Result<Vec<Workout>, AppError> {
        let mut out = Vec::new();
        for id in tx
            .workout_keys(user, i64::MIN, i64::MAX, None, usize::MAX)?
            .into_iter()
            .rev()
        {
            out.extend(store::workout(tx, id)?);
        }
        Ok(out)
    }

    fn workouts_between(
        &self,
        tx: &Tx,
        user: u128,
        from: i64,
        to: i64,
    ) -> Result<Vec<Workout>, AppError> {
        let mut out = Vec::new();
        for id in tx
            .workout_keys(user, from, to - 1, None, usize::MAX)?
            .into_iter()
            .rev()
        {
            out.extend(store::workout(tx, id)?);
        }
        Ok(out)
    }

    fn body_weight(&self, tx: &Tx, user: u128) -> Result<Option<f64>, AppError> {
        latest_weight(tx, user)
    }
}

/// The latest body weight of a member (kilograms).
pub fn latest_weight(tx: &impl Reader, user: u128) -> Result<Option<f64>, AppError> {
    match tx
        .metric_keys(user, "weight", i64::MIN, i64::MAX, 1)?
        .first()
    {
        Some(id) => Ok(store::metric(tx, *id)?.map(|m| m.value)),
        None => Ok(None),
    }
}

/// Deletes a member's training data when their account is deleted.
pub struct Cleanup;

impl Reactor for Cleanup {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = event {
            store::delete_user_data(tx, *user)?;
        }
        Ok(Effects::default())
    }
}
