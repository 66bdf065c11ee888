//! Usage: the owner's dashboard of how the gym uses Gymbox, computed here and kept as
//! aggregates only — members active per day and week, new members, workouts and sets per day,
//! feature use counts, and retention by join month. Nothing leaves the server, and nothing per
//! person is kept beyond which days, weeks and months a member was active (to count each once;
//! removed with the account).
//!
//! Kept on write: a reactor counts the events other domains publish (`Event::Used` for
//! sign-ins, visits, follows, …; workouts, sets, plans and assignments from their own events),
//! in the gym's time zone.

pub mod api;
pub mod store;

use crate::storage::Tx;

use crate::accounts::gym::Gym;
use crate::analysis::rules::{Day, local_day, month_start, week_start};
use crate::error::AppError;
use crate::events::{Effects, Event, Feature, Reactor};
use crate::storage::Store;
use crate::storage::ids::now;

/// Longest range the dashboard shows, in days.
pub const MAX_DAYS: u32 = 365;
/// Join-month cohorts shown.
pub const COHORTS: usize = 12;

#[derive(Clone)]
pub struct Usage {
    store: Store,
    gym: Gym,
}

/// The local day an account was created, from its time-ordered id (UUIDv7 milliseconds).
pub fn joined_day(user: u128, tz: &jiff::tz::TimeZone) -> Day {
    let ms = i64::try_from(user >> 80).unwrap_or(0);
    local_day(ms / 1000, tz)
}

/// One day's numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayUsage {
    pub day: Day,
    pub active: u64,
    pub joined: u64,
    pub workouts: u64,
    pub sets: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cohort {
    /// First day of the join month.
    pub month: Day,
    pub members: u64,
    /// Members active in the join month, the month after, … up to this month.
    pub active: Vec<u64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub from: Day,
    pub to: Day,
    pub days: Vec<DayUsage>,
    /// (Monday, members active that week), oldest first.
    pub weeks: Vec<(Day, u64)>,
    /// Uses of each feature in the range (members' own features, not visits or joins).
    pub features: Vec<(Feature, u64)>,
    pub cohorts: Vec<Cohort>,
    /// Members with an account now.
    pub members: u64,
}

impl Usage {
    pub fn new(store: Store, gym: Gym) -> Self {
        Self { store, gym }
    }

    /// The last `days` days up to today, in the gym's time zone.
    pub async fn report(&self, days: u32) -> Result<Report, AppError> {
        let tz = self.gym.get().zone.clone();
        let today = local_day(now(), &tz);
        self.store
            .read(move |tx| {
                // Counts filed before the gym moved to a zone further west can be dated a day
                // after its today: the report ends with them rather than leave them out.
                let to = store::latest_day(tx, today + 1)?.map_or(today, |d| d.max(today));
                let from = to - (days.clamp(1, MAX_DAYS) as Day) + 1;
                let counts = store::counts(tx, from, to)?;
                let mut days = Vec::new();
                let mut features = vec![0u64; Feature::ALL.len()];
                for d in from..=to {
                    let get = |f: Feature| counts.get(&(d, f.code())).copied().unwrap_or(0);
                    for f in Feature::ALL {
                        features[f.code() as usize] += get(f);
                    }
                    days.push(DayUsage {
                        day: d,
                        active: get(Feature::Visit),
                        joined: get(Feature::Joined),
                        workouts: get(Feature::Workout),
                        sets: get(Feature::Set),
                    });
                }
                let weeks = store::weeks(tx, week_start(from, false), to)?;
                let this_month = month_start(to);
                let cohorts = store::cohorts(tx, this_month, COHORTS)?;
                let members = store::members(tx)?;
                Ok(Report {
                    from,
                    to,
                    days,
                    weeks,
                    features: Feature::ALL
                        .into_iter()
                        .filter(|f| !matches!(f, Feature::Visit | Feature::Joined))
                        .map(|f| (f, features[f.code() as usize]))
                        .collect(),
                    cohorts,
                    members,
                })
            })
            .await
    }

    /// Counts one use of `feature` by `user` at `at`, marking them active.
    fn count(&self, tx: &Tx, user: u128, feature: Feature, at: i64) -> Result<(), AppError> {
        let tz = self.gym.get().zone.clone();
        let day = local_day(at, &tz);
        let joined = month_start(joined_day(user, &tz));
        if feature == Feature::Joined {
            store::add_cohort_member(tx, joined, 1)?;
        }
        store::mark_active(tx, user, day, joined)?;
        if !matches!(feature, Feature::Visit) {
            store::bump(tx, day, feature.code())?;
        }
        Ok(())
    }
}

impl Reactor for Usage {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        let t = now();
        match *event {
            Event::Used { user, feature, at } => self.count(tx, user, feature, at)?,
            Event::WorkoutCreated { owner, .. } => self.count(tx, owner.id, Feature::Workout, t)?,
            Event::SetLogged { owner, .. } => self.count(tx, owner.id, Feature::Set, t)?,
            Event::PlanChanged {
                old: None,
                new: Some(p),
            } => self.count(tx, p.owner_id, Feature::Plan, t)?,
            Event::PlanAssigned { coach, .. } => self.count(tx, coach, Feature::Assignment, t)?,
            Event::UserDeleted { user } => {
                let tz = self.gym.get().zone.clone();
                store::forget(tx, user, month_start(joined_day(user, &tz)))?
            }
            _ => {}
        }
        Ok(Effects::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_join_day_comes_from_the_time_ordered_id() {
        let id = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            1_780_000_000,
            0,
        ))
        .as_u128();
        let day = joined_day(id, &jiff::tz::TimeZone::UTC);
        assert_eq!(day, local_day(1_780_000_000, &jiff::tz::TimeZone::UTC));
        let moscow = jiff::tz::TimeZone::get("Europe/Moscow").unwrap();
        let late = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            1_780_000_000 - 1_780_000_000 % 86_400 + 22 * 3600,
            0,
        ))
        .as_u128();
        assert_eq!(
            joined_day(late, &moscow),
            joined_day(late, &jiff::tz::TimeZone::UTC) + 1,
            "22:00 UTC is the next day in Moscow"
        );
    }
}
