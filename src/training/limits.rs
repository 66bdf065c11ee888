//! What one member may store in training, and how large one item may grow. Generous for real
//! training, small enough that no request or member can make the server store or send
//! unbounded data. `docs/operations.md` lists them; change both together.

use crate::error::{AppError, Code};

/// Weeks in one plan.
pub const PLAN_WEEKS: usize = 52;
/// Training days in one plan week.
pub const PLAN_DAYS: usize = 7;
/// Exercises in one plan day.
pub const PLAN_DAY_EXERCISES: usize = 30;
/// Set targets of one exercise in a plan day.
pub const PLAN_EXERCISE_SETS: usize = 20;
/// Exercise entries in one plan, all weeks and days together.
pub const PLAN_EXERCISES: usize = 3_000;
/// Set targets in one plan, all weeks and days together.
pub const PLAN_SETS: usize = 12_000;
/// A plan as stored (and, about as large, as sent), in bytes.
pub const PLAN_BYTES: usize = 2 * 1024 * 1024;
/// Plans one member owns (their own, forks included).
pub const PLANS_PER_MEMBER: usize = 500;
/// Private custom exercises one member owns.
pub const EXERCISES_PER_MEMBER: usize = 1_000;
/// Workouts one member starts in one UTC day.
pub const WORKOUTS_PER_DAY: usize = 50;
/// Sets in one workout.
pub const SETS_PER_WORKOUT: usize = 500;
/// Measurements of one kind one member records in one UTC day.
pub const METRICS_PER_DAY: usize = 50;

/// The error for a member who reached a per-member limit.
pub fn reached(what: &str, limit: usize, advice: &str) -> AppError {
    AppError::Problem(
        Code::LimitReached,
        format!("You have reached the limit of {limit} {what}; {advice}"),
    )
}

/// Start and end (inclusive) of the UTC day holding `at` (unix seconds).
pub fn utc_day(at: i64) -> (i64, i64) {
    let start = at.div_euclid(86_400) * 86_400;
    (start, start + 86_399)
}
