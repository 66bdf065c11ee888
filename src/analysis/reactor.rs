//! Keeps the analysis tables in step with the training history, inside the write transaction
//! of every set and workout change (and replays history into them for a rebuild).

use std::collections::BTreeMap;

use crate::storage::Tx;
use jiff::tz::TimeZone;

use super::Analysis;
use super::model::ExerciseSession;
use super::model::{Metric, MuscleWork, RecordSummary, WorkoutFacts, contributions, merge_muscles};
use super::rules::{MAX_SESSION_S, e1rm, from_ordered_key, local_day, ordered_key, session_load};
use super::store::{self, Contribution, Tables};
use crate::error::AppError;
use crate::events::{Effects, Event, Muscles, Owner, Reactor};
use crate::training::model::{SetKind, Workout, WorkoutSet};

/// The member's time zone, UTC when the stored name is unknown.
pub(super) fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

fn set_contributions(s: &WorkoutSet) -> impl Iterator<Item = Contribution> + '_ {
    contributions(s)
        .into_iter()
        .map(|(metric, v)| Contribution {
            metric,
            value: ordered_key(v),
            at: s.completed_at,
            id: s.id,
        })
}

/// What a change touched of one exercise: the earliest position its records must be re-read
/// from, and which metrics (a bit per metric code) can have changed — a set only ever affects
/// the timelines of the metrics it contributes to.
#[derive(Clone, Copy)]
struct Touch {
    from: (i64, u128),
    metrics: u16,
}

const ALL_METRICS: u16 = u16::MAX;
const NOWHERE: (i64, u128) = (i64::MAX, u128::MAX);

#[derive(Default)]
struct Touched {
    exercises: BTreeMap<String, Touch>,
}

impl Touched {
    fn note(&mut self, ex: &str, from: (i64, u128), metrics: u16) {
        let e = self
            .exercises
            .entry(ex.to_owned())
            .or_insert(Touch { from, metrics: 0 });
        e.from = e.from.min(from);
        e.metrics |= metrics;
    }
}

fn mask_of(s: &WorkoutSet) -> u16 {
    set_contributions(s).fold(0, |m, c| m | (1 << c.metric.code()))
}

impl Reactor for Analysis {
    fn react(&self, tx: &Tx, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            store::clear_user(tx, user)?;
            return Ok(Effects::default());
        }
        if let Event::RoleChanged { .. } = *event {
            return Ok(Effects::default());
        }
        let t = &mut Tables::new(tx);
        if let Event::SetLogged {
            owner,
            workout,
            set,
            latest_in_workout,
        } = *event
        {
            // The usual append: a set newer than every set of its exercise, in its own workout
            // (the event says) and in the others.
            let at = (set.completed_at, set.id);
            let newest = latest_in_workout
                && !self.history.later_set_elsewhere(
                    tx,
                    owner.id,
                    &set.exercise_id,
                    at,
                    workout.id,
                )?;
            if newest {
                let summary = t.summary(owner.id, &set.exercise_id)?;
                return self.append_set(tx, t, owner, workout, set, summary.unwrap_or_default());
            }
        }
        let mut touched = Touched::default();
        let (owner, workout, stored_at, target) = match *event {
            Event::UserDeleted { .. }
            | Event::RoleChanged { .. }
            | Event::CoachingRequested { .. }
            | Event::PlanAssigned { .. }
            | Event::PlanChanged { .. }
            | Event::ProfileShared { .. }
            | Event::PlanCompleted { .. }
            | Event::BadgeEarned { .. }
            | Event::ResultVoided { .. }
            | Event::Audited { .. }
            | Event::Used { .. }
            | Event::FeedbackAnswered { .. } => return Ok(Effects::default()),
            Event::WorkoutCreated { owner, workout } => (owner, workout, workout.started_at, None),
            Event::WorkoutChanged { owner, old, new } => (owner, new, old.started_at, None),
            Event::WorkoutDeleted {
                owner,
                workout,
                sets,
            } => {
                for s in sets {
                    Self::touch_set(s, &mut touched);
                }
                (owner, workout, workout.started_at, None)
            }
            Event::SetLogged {
                owner,
                workout,
                set,
                ..
            } => {
                Self::touch_set(set, &mut touched);
                (owner, workout, workout.started_at, Some(set.id))
            }
            Event::SetChanged {
                owner,
                workout,
                old,
                new,
            } => {
                Self::touch_set(old, &mut touched);
                Self::touch_set(new, &mut touched);
                (owner, workout, workout.started_at, Some(new.id))
            }
            Event::SetDeleted {
                owner,
                workout,
                set,
            } => {
                Self::touch_set(set, &mut touched);
                (owner, workout, workout.started_at, None)
            }
        };
        let mut effects = Effects::default();
        let appended = match *event {
            Event::SetLogged { set, .. } => Some(set),
            _ => None,
        };
        let at = Stored {
            workout: workout.id,
            at: stored_at,
        };
        let sessions = self.touch_workout(tx, t, owner, None, at, true, appended, false)?;
        for ex in sessions {
            touched.note(&ex, NOWHERE, 0);
        }
        for (ex, touch) in &touched.exercises {
            if touch.metrics != 0
                && self.relog_sets(tx, t, owner.id, ex, touch.from, touch.metrics, target)?
            {
                effects.record_sets.extend(target);
            }
            refresh_summary(t, owner.id, ex)?;
        }
        Ok(effects)
    }
}

impl Analysis {
    /// A set newer than every set of its exercise (`sum` is the exercise's summary): its
    /// records are those it beats the current bests in, with nothing after them to re-derive;
    /// the summary is updated in place instead of re-read. In a workout in progress (the
    /// usual case in the gym) that is all: its facts wait for the finish.
    fn append_set(
        &self,
        tx: &Tx,
        t: &mut Tables<'_, '_>,
        owner: &Owner,
        workout: &Workout,
        set: &WorkoutSet,
        mut sum: RecordSummary,
    ) -> Result<Effects, AppError> {
        let (user, ex) = (owner.id, set.exercise_id.as_str());
        let mut effects = Effects::default();
        let mut records = false;
        for c in set_contributions(set) {
            let prev = sum.best(c.metric).map(ordered_key);
            if prev.is_none_or(|p| c.value > p) {
                t.log_record(user, ex, c, prev, workout.id)?;
                sum.set_best(c.metric, from_ordered_key(c.value));
                sum.last_record_at = sum.last_record_at.max(Some(c.at));
                records = true;
                if c.metric.flags_set() && !effects.record_sets.contains(&set.id) {
                    effects.record_sets.push(set.id);
                }
            }
        }
        // The summary keeps the per-set bests only, so a set that set none leaves it alone.
        if records {
            t.put_summary(user, ex, &sum)?;
        }
        // A workout in progress counts once it is finished (its facts, session and session
        // volume record are written then, from all of its sets).
        if workout.finished_at.is_none() {
            return Ok(effects);
        }
        let later = t.session_after(user, ex, workout.started_at, workout.id)?;
        let at = Stored {
            workout: workout.id,
            at: workout.started_at,
        };
        self.touch_workout(tx, t, owner, Some(workout), at, true, Some(set), !later)?;
        Ok(effects)
    }

    /// Notes a set added, changed or removed: its exercise's records are re-read from it on.
    fn touch_set(s: &WorkoutSet, touched: &mut Touched) {
        touched.note(&s.exercise_id, (s.completed_at, s.id), mask_of(s));
    }

    /// Rewrites the records of `ex` in the `mask`ed metrics set at or after `from`, walking that
    /// part of the history in time order (appending a set reads just that set); returns whether
    /// `target` set a headline record.
    fn relog_sets(
        &self,
        tx: &Tx,
        t: &mut Tables<'_, '_>,
        user: u128,
        ex: &str,
        from: (i64, u128),
        mask: u16,
        target: Option<u128>,
    ) -> Result<bool, AppError> {
        let metrics: Vec<Metric> = Metric::ALL
            .into_iter()
            .filter(|m| *m != Metric::SessionVolume && mask & (1 << m.code()) != 0)
            .collect();
        let mut prev = [None; 11];
        // Records logged at or after `from` are re-derived; a set newer than every record
        // (the usual append) has none to clear.
        let later = t.newest_record_at(user, ex)?.is_some_and(|n| n >= from);
        for m in &metrics {
            prev[usize::from(m.code())] = t.best_before(user, ex, *m, from)?;
            if later {
                t.clear_log_from(user, ex, *m, from)?;
            }
        }
        let mut hit = false;
        self.history
            .exercise_sets_from(tx, user, ex, from, &mut |workout, s| {
                for c in set_contributions(s).filter(|c| mask & (1 << c.metric.code()) != 0) {
                    let p = &mut prev[usize::from(c.metric.code())];
                    if p.is_none_or(|p| c.value > p) {
                        t.log_record(user, ex, c, *p, workout)?;
                        *p = Some(c.value);
                        hit |= Some(s.id) == target && c.metric.flags_set();
                    }
                }
                Ok(true)
            })?;
        Ok(hit)
    }

    /// Rewrites the session-volume records of `ex` from `from` (sessions in time order).
    fn relog_sessions(
        &self,
        t: &mut Tables<'_, '_>,
        user: u128,
        ex: &str,
        from: (i64, u128),
    ) -> Result<(), AppError> {
        let m = Metric::SessionVolume;
        let mut prev = t.best_before(user, ex, m, from)?;
        t.clear_log_from(user, ex, m, from)?;
        for (at, workout, s) in t.exercise_sessions(user, ex, from.0, i64::MAX)? {
            if (at, workout) < from || s.volume <= 0.0 {
                continue;
            }
            let c = Contribution {
                metric: m,
                value: ordered_key(s.volume),
                at,
                id: workout,
            };
            if prev.is_none_or(|p| c.value > p) {
                t.log_record(user, ex, c, prev, workout)?;
                prev = Some(c.value);
            }
        }
        Ok(())
    }

    /// Recomputes what a workout contributes (its facts: day, totals and per-exercise
    /// sessions; the session index; the session-volume records) and applies the difference.
    /// Returns the exercises whose sessions changed.
    #[allow(clippy::too_many_arguments)]
    fn touch_workout(
        &self,
        tx: &Tx,
        t: &mut Tables<'_, '_>,
        owner: &Owner,
        known: Option<&Workout>,
        stored: Stored,
        relog: bool,
        appended: Option<&WorkoutSet>,
        newest_session: bool,
    ) -> Result<Vec<String>, AppError> {
        let (user, workout) = (owner.id, stored.workout);
        let old = t.facts(user, stored.at, workout)?;
        // The workout as stored (an appended set's event carries it; its totals are not read).
        let fetched;
        let row = match known {
            Some(w) => Some(w),
            None => {
                fetched = self.history.workout(tx, workout)?;
                fetched.as_ref()
            }
        };
        // Only a finished workout counts (`end`: when it finished): one in progress has no
        // facts until it is finished, and loses them when it is reopened.
        let row = row.and_then(|w| w.finished_at.map(|end| (w, end)));
        // Appending a set to a workout that already has facts adds just that set; any other
        // change re-reads the workout's sets (bounded by one workout).
        let appended = appended.filter(|_| old.is_some() && row.is_some());
        let sets = match (row, appended) {
            (Some(_), None) => self.history.sets_of(tx, workout)?,
            _ => Vec::new(),
        };
        let new = match (row, appended, &old) {
            (Some((_, end)), Some(s), Some(o)) => {
                let mut f = o.clone();
                self.add_to_facts(tx, &mut f, s, &mut BTreeMap::new())?;
                finish_facts(&mut f, end);
                Some(f)
            }
            (Some((w, end)), None, _) if !sets.is_empty() => {
                Some(self.facts(tx, owner, w, end, &sets)?)
            }
            _ => None,
        };
        if old == new {
            return Ok(Vec::new());
        }
        // The facts first: the sessions re-read below come from them.
        match &new {
            Some(n) => {
                if n.started_at != stored.at && old.is_some() {
                    t.put_facts(user, stored.at, workout, None)?;
                }
                t.put_facts(user, n.started_at, workout, Some(n))?;
            }
            None => t.put_facts(user, stored.at, workout, None)?,
        }
        let mut exercises: Vec<String> = match appended {
            // Only the appended set's exercise changes.
            Some(s) => vec![s.exercise_id.clone()],
            None => old
                .iter()
                .chain(new.iter())
                .flat_map(|f| f.sessions.iter().map(|(ex, _)| ex.clone()))
                .collect(),
        };
        exercises.sort();
        exercises.dedup();
        // An exercise's session in a workout: its aggregate when it had working sets.
        let session = |f: &Option<WorkoutFacts>, ex: &str| {
            f.as_ref().and_then(|f| {
                f.session(ex)
                    .filter(|s| s.sets > 0)
                    .map(|s| (f.started_at, s.clone()))
            })
        };
        let mut changed = Vec::new();
        for ex in exercises {
            let before = session(&old, &ex);
            let after = session(&new, &ex);
            if before == after {
                continue;
            }
            let contribution = |x: &Option<(i64, ExerciseSession)>| {
                x.as_ref()
                    .filter(|(_, s)| s.volume > 0.0)
                    .map(|(at, s)| Contribution {
                        metric: Metric::SessionVolume,
                        value: ordered_key(s.volume),
                        at: *at,
                        id: workout,
                    })
            };
            let (b, a) = (contribution(&before), contribution(&after));
            if b != a {
                match (b, a) {
                    _ if !relog => {}
                    // The exercise's newest session grew: only its own entry can change.
                    (_, Some(a))
                        if newest_session
                            && b.is_none_or(|b| {
                                (b.at, b.id) == (a.at, a.id) && b.value <= a.value
                            }) =>
                    {
                        let prev = t.best_before(user, &ex, Metric::SessionVolume, (a.at, a.id))?;
                        if prev.is_none_or(|p| a.value > p) {
                            t.log_record(user, &ex, a, prev, workout)?;
                        }
                    }
                    _ => {
                        let from = [b, a]
                            .iter()
                            .flatten()
                            .map(|c| (c.at, c.id))
                            .min()
                            .unwrap_or((i64::MIN, 0));
                        self.relog_sessions(t, user, &ex, from)?;
                    }
                }
            }
            changed.push(ex);
        }
        Ok(changed)
    }

    fn facts(
        &self,
        tx: &Tx,
        owner: &Owner,
        w: &Workout,
        end: i64,
        sets: &[WorkoutSet],
    ) -> Result<WorkoutFacts, AppError> {
        let mut f = WorkoutFacts {
            day: local_day(w.started_at, &zone(&owner.timezone)),
            started_at: w.started_at,
            ..WorkoutFacts::default()
        };
        let mut muscles_of: BTreeMap<String, Muscles> = BTreeMap::new();
        for s in sets {
            self.add_to_facts(tx, &mut f, s, &mut muscles_of)?;
        }
        finish_facts(&mut f, end);
        Ok(f)
    }

    /// Adds one set to a workout's facts (the caller then calls `finish_facts`).
    fn add_to_facts(
        &self,
        tx: &Tx,
        f: &mut WorkoutFacts,
        s: &WorkoutSet,
        muscles_of: &mut BTreeMap<String, Muscles>,
    ) -> Result<(), AppError> {
        // Sessions are kept in exercise id order, however the sets arrived.
        match f
            .sessions
            .binary_search_by(|(ex, _)| ex.as_str().cmp(&s.exercise_id))
        {
            Ok(i) => add_to_session(&mut f.sessions[i].1, s),
            Err(i) => {
                let mut session = ExerciseSession::default();
                add_to_session(&mut session, s);
                f.sessions.insert(i, (s.exercise_id.clone(), session));
            }
        }
        if s.kind == SetKind::Warmup {
            return Ok(());
        }
        f.sets += 1;
        f.reps += s.reps.unwrap_or(0);
        let volume = s.volume();
        f.volume += volume;
        if let Some(r) = s.rpe {
            f.rpe_sum += r;
            f.rpe_sets += 1;
        }
        if !muscles_of.contains_key(&s.exercise_id) {
            let m = self
                .history
                .muscles(tx, &s.exercise_id)?
                .unwrap_or_default();
            muscles_of.insert(s.exercise_id.clone(), m);
        }
        let (primary, secondary) = &muscles_of[&s.exercise_id];
        let work: Vec<MuscleWork> = primary
            .iter()
            .map(|m| (m, 1.0))
            .chain(secondary.iter().map(|m| (m, 0.5)))
            .map(|(m, share)| MuscleWork {
                muscle: m.clone(),
                sets: share,
                volume: share * volume,
            })
            .collect();
        merge_muscles(&mut f.muscles, &work, 1.0);
        Ok(())
    }

    /// Replaces a member's analysis rows with ones computed from their whole history, in one
    /// pass (records are re-read once per exercise). Returns the number of sets replayed.
    pub(super) fn replay_user(&self, tx: &Tx, owner: &Owner) -> Result<u64, AppError> {
        let user = owner.id;
        store::clear_user(tx, user)?;
        let t = &mut Tables::new(tx);
        let mut touched = Touched::default();
        let mut n = 0;
        for w in self.history.workouts_of(tx, user)? {
            for s in self.history.sets_of(tx, w.id)? {
                Self::touch_set(&s, &mut touched);
                n += 1;
            }
            let at = Stored {
                workout: w.id,
                at: w.started_at,
            };
            self.touch_workout(tx, t, owner, Some(&w), at, false, None, false)?;
        }
        for ex in touched.exercises.keys() {
            self.relog_sets(tx, t, user, ex, (i64::MIN, 0), ALL_METRICS, None)?;
            self.relog_sessions(t, user, ex, (i64::MIN, 0))?;
            refresh_summary(t, user, ex)?;
        }
        Ok(n)
    }
}

/// A workout and the start its facts are stored under (its start before a change of it).
#[derive(Clone, Copy)]
struct Stored {
    workout: u128,
    at: i64,
}

/// Re-reads the current per-set bests of `ex` from the newest entry of each metric's record
/// log (the summary is removed when there are none).
fn refresh_summary(t: &mut Tables<'_, '_>, user: u128, ex: &str) -> Result<(), AppError> {
    let heads = t.set_heads(user, ex)?;
    let s = RecordSummary {
        bests: heads
            .iter()
            .map(|&(code, (v, _))| (code, from_ordered_key(v)))
            .collect(),
        last_record_at: heads.iter().map(|&(_, (_, (at, _)))| at).max(),
    };
    if s.bests.is_empty() {
        t.remove_summary(user, ex)
    } else {
        t.put_summary(user, ex, &s)
    }
}

/// Duration (to `end`, capped), the order of muscles and the load, once the sets are in.
fn finish_facts(f: &mut WorkoutFacts, end: i64) {
    f.duration_s = u32::try_from((end - f.started_at).clamp(0, i64::from(MAX_SESSION_S)))
        .unwrap_or(MAX_SESSION_S);
    f.muscles
        .sort_by(|a, b| b.sets.total_cmp(&a.sets).then(a.muscle.cmp(&b.muscle)));
    let rpe = (f.rpe_sets > 0).then(|| f.rpe_sum / f64::from(f.rpe_sets));
    f.load = session_load(rpe, f.duration_s);
}

/// Adds one working set to an exercise's aggregate within a workout (warm-ups add nothing).
fn add_to_session(s: &mut ExerciseSession, x: &WorkoutSet) {
    if x.kind == SetKind::Warmup {
        return;
    }
    s.sets += 1;
    s.reps += x.reps.unwrap_or(0);
    s.volume += x.volume();
    if let (Some(w), Some(r)) = (x.weight_kg, x.reps) {
        if let Some(v) = e1rm(w, r) {
            s.e1rm = Some(s.e1rm.map_or(v, |b: f64| b.max(v)));
        }
        if r > 0 && w > 0.0 {
            s.heaviest = Some(s.heaviest.map_or(w, |b: f64| b.max(w)));
        }
    }
}
