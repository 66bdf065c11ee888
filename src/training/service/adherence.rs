//! How closely a member follows an assigned plan: planned vs done sessions per plan week, and
//! target vs actual sets of the planned days done.

use time::Duration;

use super::*;
use crate::accounts::model::User;
use crate::training::model::{Assignment, Plan, PlanDay, Workout, WorkoutSet};

/// One week of an assignment (weeks run from its start date, in UTC days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekAdherence {
    pub week_start: time::Date,
    pub planned: u32,
    pub done: u32,
}

/// A planned day the member did, with what the plan asked and what was logged.
#[derive(Debug, Clone)]
pub struct DayAdherence {
    pub workout: Workout,
    pub day: Option<PlanDay>,
    pub sets: Vec<WorkoutSet>,
}

#[derive(Debug, Clone)]
pub struct Adherence {
    pub assignment: Assignment,
    pub plan: Plan,
    pub weeks: Vec<WeekAdherence>,
    /// Newest first, at most `MAX_DAYS`.
    pub days: Vec<DayAdherence>,
}

/// Most weeks shown (the latest ones) and most planned days with their sets.
const MAX_WEEKS: i64 = 52;
const MAX_DAYS: usize = 20;

impl Training {
    /// The adherence of an assignment, for its member and the coach who made it while they
    /// coach the member.
    pub async fn adherence(&self, viewer: &User, id: u128) -> Result<Adherence, AppError> {
        let vid = viewer.id;
        let today = time::OffsetDateTime::from_unix_timestamp(crate::storage::ids::now())
            .map(|t| t.date())
            .unwrap_or(time::Date::MIN);
        let links = self.links.clone();
        self.store
            .read(move |tx| {
                // The coach who made it sees how the member follows it only while coaching
                // them: adherence shows the member's private workouts.
                let a = store::assignment(tx, id)?.ok_or_else(|| not_found("assignment"))?;
                if a.member_id != vid
                    && !(a.coach_id == vid && links.coaches(tx, vid, a.member_id)?)
                {
                    return Err(not_found("assignment"));
                }
                let plan = store::plan(tx, a.plan_id)?.ok_or_else(|| not_found("plan"))?;
                let start = parse_date("start_date", &a.start_date)?;
                let weeks_since = ((today - start).whole_days().max(0) / 7).min(10_000);
                let first = (weeks_since + 1 - MAX_WEEKS).max(0);
                let from = start + Duration::weeks(first);
                let lo = from.midnight().assume_utc().unix_timestamp();
                let hi = (today + Duration::days(1))
                    .midnight()
                    .assume_utc()
                    .unix_timestamp();
                let mut weeks: Vec<WeekAdherence> = (first..=weeks_since)
                    .map(|k| WeekAdherence {
                        week_start: start + Duration::weeks(k),
                        planned: plan
                            .weeks
                            .get(usize::try_from(k).unwrap_or(usize::MAX))
                            .map_or(0, |w| w.days.len() as u32),
                        done: 0,
                    })
                    .collect();
                let mut days = Vec::new();
                // The member's workouts since the first week shown (bounded by that period).
                for wid in tx.workout_keys(a.member_id, lo, hi, None, usize::MAX)? {
                    let Some(w) = store::workout(tx, wid)? else {
                        continue;
                    };
                    let Some(r) = w.plan.as_ref().filter(|r| r.assignment_id == Some(a.id)) else {
                        continue;
                    };
                    if w.finished_at.is_none() {
                        continue;
                    }
                    let date = time::OffsetDateTime::from_unix_timestamp(w.started_at)
                        .map(|t| t.date())
                        .unwrap_or(start);
                    let k = (date - from).whole_days().div_euclid(7);
                    if let Some(week) = usize::try_from(k).ok().and_then(|k| weeks.get_mut(k)) {
                        week.done += 1;
                    }
                    if days.len() < MAX_DAYS {
                        let day = plan
                            .weeks
                            .get(r.week as usize)
                            .and_then(|x| x.days.get(r.day as usize))
                            .cloned();
                        days.push(DayAdherence {
                            sets: tx.workout_sets(w.id)?,
                            workout: w,
                            day,
                        });
                    }
                }
                Ok(Adherence {
                    assignment: a,
                    plan,
                    weeks,
                    days,
                })
            })
            .await
    }
}
