//! Analysis: personal records, progress per exercise, weekly and monthly summaries, volume per
//! muscle, streaks and training load — derived from the training history.
//!
//! Everything here is maintained on write by the [`Reactor`](crate::events::Reactor)
//! implementation in `reactor.rs`, inside the transaction of the training change, so a page
//! reads a bounded range of precomputed rows and never a member's whole history. The tables
//! are derived: `gymbox analysis rebuild` replays the history into them.

pub mod api;
pub mod model;
mod reactor;
pub mod rules;
pub mod store;

use std::sync::Arc;

use self::model::{DayStats, ExerciseSession, MuscleWork, RecordSummary, merge_muscles};
use self::rules::{Day, Period};
use self::store::{LoggedRecord, Reader};
use crate::accounts::model::{User, WeekStart};
use crate::error::AppError;
use crate::events::{Owner, TrainingHistory};
use crate::storage::Store;

#[derive(Clone)]
pub struct Analysis {
    store: Store,
    history: Arc<dyn TrainingHistory>,
}

/// A date range in local days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: Day,
    pub to: Day,
}

/// One bucket (week or month) of a summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bucket {
    pub start: Day,
    pub stats: DayStats,
}

/// A member's summary over a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub range: Range,
    pub period: Period,
    pub timezone: String,
    pub weekly_target: u8,
    pub totals: DayStats,
    pub buckets: Vec<Bucket>,
    pub days: Vec<(Day, DayStats)>,
    pub streak_weeks: u32,
    pub streak_days: u32,
    pub this_week_sessions: u32,
}

/// One exercise's progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub summary: Option<RecordSummary>,
    pub timeline: Vec<LoggedRecord>,
    pub sessions: Vec<(i64, u128, ExerciseSession)>,
    pub timezone: String,
}

fn bad_date(field: &str) -> AppError {
    AppError::invalid(field, "Use a date as YYYY-MM-DD.")
}

/// Parses the `from`/`to` query pair; `default_from` gives `from` when it is missing.
pub fn parse_range(
    from: Option<&str>,
    to: Option<&str>,
    today: Day,
    default_from: impl FnOnce(Day) -> Day,
    max_days: i32,
) -> Result<Range, AppError> {
    let to = match to {
        Some(s) => rules::parse_day(s).ok_or_else(|| bad_date("to"))?,
        None => today,
    };
    let from = match from {
        Some(s) => rules::parse_day(s).ok_or_else(|| bad_date("from"))?,
        None => default_from(to),
    };
    if from > to {
        return Err(AppError::invalid(
            "from",
            "The range must start before it ends.",
        ));
    }
    if to - from >= max_days {
        return Err(AppError::invalid(
            "from",
            format!("Ask for at most {max_days} days at a time."),
        ));
    }
    Ok(Range { from, to })
}

fn today(tz: &str) -> Day {
    rules::local_day(crate::storage::ids::now(), &reactor::zone(tz))
}

/// The first second of a local day.
fn day_start(day: Day, tz: &str) -> i64 {
    rules::date_of_day(day)
        .to_zoned(reactor::zone(tz))
        .map_or(i64::from(day) * 86_400, |z| z.timestamp().as_second())
}

impl Analysis {
    pub fn new(store: Store, history: Arc<dyn TrainingHistory>) -> Self {
        Self { store, history }
    }

    /// Summaries of `member` by week or month; `None` dates take the last 12 periods.
    pub async fn stats(
        &self,
        member: &User,
        from: Option<String>,
        to: Option<String>,
        period: Period,
    ) -> Result<Stats, AppError> {
        let tz = member.preferences.timezone.clone();
        let now = today(&tz);
        let sunday = member.preferences.week_start == WeekStart::Sunday;
        let range = parse_range(
            from.as_deref(),
            to.as_deref(),
            now,
            |to| match period {
                Period::Week => rules::week_start(to, sunday) - 11 * 7,
                Period::Month => {
                    (0..11).fold(rules::month_start(to), |m, _| rules::month_start(m - 1))
                }
            },
            3 * 366,
        )?;
        let target = u32::from(member.preferences.weekly_target.max(1));
        let uid = member.id;
        let this_week = rules::week_start(now, sunday);
        let (days, weeks, streak_days) = self
            .store
            .read_long(move |tx| {
                let days = tx.days(uid, range.from, range.to)?;
                let (weeks, streak_days) = streak_history(tx, uid, now, this_week, sunday, target)?;
                Ok((days, weeks, streak_days))
            })
            .await?;
        let starts = rules::buckets(range.from, range.to, period, sunday);
        let mut buckets: Vec<Bucket> = starts
            .iter()
            .map(|s| Bucket {
                start: *s,
                stats: DayStats::default(),
            })
            .collect();
        let mut totals = DayStats::default();
        for (day, d) in &days {
            let i = starts.partition_point(|s| s <= day).saturating_sub(1);
            if let Some(b) = buckets.get_mut(i) {
                add_day(&mut b.stats, d);
            }
            add_day(&mut totals, d);
        }
        for b in &mut buckets {
            sort_muscles(&mut b.stats.muscles);
        }
        sort_muscles(&mut totals.muscles);
        let this_week_sessions = weeks
            .first()
            .filter(|(w, _)| *w == this_week)
            .map_or(0, |(_, n)| *n);
        Ok(Stats {
            range,
            period,
            timezone: tz,
            weekly_target: member.preferences.weekly_target,
            totals,
            buckets,
            days,
            streak_weeks: rules::week_streak(&weeks, this_week, target),
            streak_days,
            this_week_sessions,
        })
    }

    /// Every exercise's current bests, most recent record first, and the newest records.
    pub async fn records(
        &self,
        member: &User,
    ) -> Result<(Vec<(String, RecordSummary)>, Vec<LoggedRecord>), AppError> {
        let uid = member.id;
        self.store
            .read_long(move |tx| {
                let mut all = tx.summaries(uid)?;
                all.retain(|(_, s)| !s.bests.is_empty());
                all.sort_by_key(|(_, s)| std::cmp::Reverse(s.last_record_at));
                Ok((all, tx.recent_records(uid, 10)?))
            })
            .await
    }

    /// Every analysis row of a member as text (see `store::rows_of`).
    pub async fn rows_of(&self, member: u128) -> Result<Vec<String>, AppError> {
        self.store
            .read_long(move |tx| store::rows_of(tx, member))
            .await
    }

    /// One exercise's bests (the exercise history page's summary).
    pub async fn summary(&self, member: u128, exercise: &str) -> Result<RecordSummary, AppError> {
        let ex = exercise.to_owned();
        self.store
            .read(move |tx| Ok(tx.summary(member, &ex)?.unwrap_or_default()))
            .await
    }

    /// One exercise's sessions in a date range (default: the last year), its records and
    /// the timeline of the records set in that range.
    pub async fn progress(
        &self,
        member: &User,
        exercise: &str,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Progress, AppError> {
        let tz = member.preferences.timezone.clone();
        let range = parse_range(
            from.as_deref(),
            to.as_deref(),
            today(&tz),
            |to| to - 364,
            5 * 366,
        )?;
        let (lo, hi) = (day_start(range.from, &tz), day_start(range.to + 1, &tz) - 1);
        let (uid, ex) = (member.id, exercise.to_owned());
        let (summary, timeline, sessions) = self
            .store
            .read_long(move |tx| {
                Ok((
                    tx.summary(uid, &ex)?,
                    tx.exercise_log(uid, &ex, lo, hi)?,
                    tx.exercise_sessions(uid, &ex, lo, hi)?,
                ))
            })
            .await?;
        Ok(Progress {
            summary,
            timeline,
            sessions,
            timezone: tz,
        })
    }

    /// The load curve over a range (default: the last 90 days).
    pub async fn load(
        &self,
        member: &User,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<rules::LoadPoint>, AppError> {
        let range = parse_range(
            from.as_deref(),
            to.as_deref(),
            today(&member.preferences.timezone),
            |to| to - 89,
            2 * 366,
        )?;
        let uid = member.id;
        let days = self
            .store
            .read_long(move |tx| tx.days(uid, range.from - rules::WARMUP_DAYS, range.to))
            .await?;
        let daily: Vec<(Day, f64)> = days.iter().map(|(d, s)| (*d, s.load)).collect();
        Ok(rules::load_curve(&daily, range.from, range.to))
    }

    /// Recomputes one member's analysis from their training history, in one transaction.
    pub async fn rebuild_member(&self, owner: Owner) -> Result<u64, AppError> {
        let me = self.clone();
        self.store.write(move |tx| me.replay_user(tx, &owner)).await
    }

    /// Recomputes the analysis of every member in `owners`, one transaction per member (so
    /// the server keeps serving, and a member's live changes are never lost between the
    /// replay and the next write). `progress(done, total)` is called as members finish.
    /// Returns the number of sets replayed.
    pub async fn rebuild_all(
        &self,
        owners: Vec<Owner>,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<u64, AppError> {
        let total = owners.len() as u64;
        let mut sets = 0;
        for (i, owner) in owners.into_iter().enumerate() {
            sets += self.rebuild_member(owner).await?;
            progress(i as u64 + 1, total);
        }
        Ok(sets)
    }
}

/// Weeks with sessions (newest first) back from this week until the weekly streak has
/// certainly ended, and the day streak. Reads 12 weeks at a time, so its cost follows the
/// streak's length, not the member's history.
fn streak_history(
    tx: &crate::storage::Snapshot,
    user: u128,
    today: Day,
    this_week: Day,
    sunday: bool,
    target: u32,
) -> Result<(Vec<(Day, u32)>, u32), AppError> {
    let mut weeks: Vec<(Day, u32)> = Vec::new();
    let mut active_days: Vec<Day> = Vec::new();
    let mut hi = today;
    let mut lo = this_week - 11 * 7;
    loop {
        let days = tx.days(user, lo, hi)?;
        for (d, s) in days.iter().rev() {
            let w = rules::week_start(*d, sunday);
            match weeks.last_mut() {
                Some((lw, n)) if *lw == w => *n += s.sessions,
                _ => weeks.push((w, s.sessions)),
            }
            active_days.push(*d);
        }
        let streak = rules::week_streak(&weeks, this_week, target);
        let reached = (this_week - lo) / 7;
        // Ended when the streak is shorter than the weeks read (minus the current one).
        if i64::from(streak) + 1 < i64::from(reached)
            || lo < rules::day_of_date(jiff::civil::date(1990, 1, 1))
        {
            break;
        }
        hi = lo - 1;
        lo -= 12 * 7;
    }
    Ok((weeks.clone(), rules::day_streak(&active_days, today)))
}

fn add_day(into: &mut DayStats, d: &DayStats) {
    into.sessions += d.sessions;
    into.duration_s += d.duration_s;
    into.sets += d.sets;
    into.reps += d.reps;
    into.volume += d.volume;
    into.load += d.load;
    merge_muscles(&mut into.muscles, &d.muscles, 1.0);
}

fn sort_muscles(m: &mut [MuscleWork]) {
    m.sort_by(|a, b| b.sets.total_cmp(&a.sets).then(a.muscle.cmp(&b.muscle)));
}
