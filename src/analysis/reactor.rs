//! Keeps the analysis tables in step with the training history, inside the write transaction
//! of every set and workout change (and replays history into them for a rebuild).

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use redb::WriteTransaction;

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
/// from, the change in its set count, and which metrics (a bit per metric code) can have
/// changed — a set only ever affects the timelines of the metrics it contributes to.
#[derive(Clone, Copy)]
struct Touch {
    from: (i64, u128),
    sets: i64,
    metrics: u16,
}

const ALL_METRICS: u16 = u16::MAX;
const NOWHERE: (i64, u128) = (i64::MAX, u128::MAX);

#[derive(Default)]
struct Touched {
    exercises: BTreeMap<String, Touch>,
}

impl Touched {
    fn note(&mut self, ex: &str, from: (i64, u128), sets: i64, metrics: u16) {
        let e = self.exercises.entry(ex.to_owned()).or_insert(Touch {
            from,
            sets: 0,
            metrics: 0,
        });
        e.from = e.from.min(from);
        e.sets += sets;
        e.metrics |= metrics;
    }
}

fn mask_of(s: &WorkoutSet) -> u16 {
    set_contributions(s).fold(0, |m, c| m | (1 << c.metric.code()))
}

impl Reactor for Analysis {
    fn react(&self, tx: &WriteTransaction, event: &Event<'_>) -> Result<Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            store::clear_user(tx, user)?;
            return Ok(Effects::default());
        }
        if let Event::RoleChanged { .. } = *event {
            return Ok(Effects::default());
        }
        let t = &mut Tables::open(tx)?;
        if let Event::SetLogged {
            owner,
            workout,
            set,
        } = *event
        {
            // The usual append: a set newer than every set of its exercise.
            let summary = t.summary(owner.id, &set.exercise_id)?;
            let newest = |s: &RecordSummary| match (s.last_at, s.last_set) {
                (None, _) => true,
                (Some(at), None) => at < set.completed_at,
                (Some(at), Some(id)) => (at, id) < (set.completed_at, set.id),
            };
            if summary.as_ref().is_none_or(newest) {
                return self.append_set(tx, t, owner, workout, set, summary.unwrap_or_default());
            }
        }
        let mut touched = Touched::default();
        let (owner, workout, target) = match *event {
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
            Event::WorkoutCreated { owner, workout } => (owner, workout, None),
            Event::WorkoutChanged { owner, new, .. } => (owner, new, None),
            Event::WorkoutDeleted {
                owner,
                workout,
                sets,
            } => {
                for s in sets {
                    Self::remove_set(s, &mut touched);
                }
                (owner, workout, None)
            }
            Event::SetLogged {
                owner,
                workout,
                set,
            } => {
                Self::add_set(set, &mut touched);
                (owner, workout, Some(set.id))
            }
            Event::SetChanged {
                owner,
                workout,
                old,
                new,
            } => {
                Self::remove_set(old, &mut touched);
                Self::add_set(new, &mut touched);
                (owner, workout, Some(new.id))
            }
            Event::SetDeleted {
                owner,
                workout,
                set,
            } => {
                Self::remove_set(set, &mut touched);
                (owner, workout, None)
            }
        };
        let mut effects = Effects::default();
        let appended = match *event {
            Event::SetLogged { set, .. } => Some(set),
            _ => None,
        };
        let sessions = self.touch_workout(tx, t, owner, None, workout.id, true, appended, false)?;
        for ex in sessions {
            touched.note(&ex, NOWHERE, 0, 0);
        }
        for (ex, touch) in &touched.exercises {
            if touch.metrics != 0
                && self.relog_sets(tx, t, owner.id, ex, touch.from, touch.metrics, target)?
            {
                effects.record_sets.extend(target);
            }
            self.refresh_summary(tx, t, owner.id, ex, touch.sets)?;
        }
        Ok(effects)
    }
}

impl Analysis {
    /// A set newer than every set of its exercise (`sum` is the exercise's summary): its
    /// records are those it beats the current bests in, with nothing after them to re-derive;
    /// the summary is updated in place instead of re-read.
    fn append_set(
        &self,
        tx: &WriteTransaction,
        t: &mut Tables<'_>,
        owner: &Owner,
        workout: &Workout,
        set: &WorkoutSet,
        mut sum: RecordSummary,
    ) -> Result<Effects, AppError> {
        let (user, ex) = (owner.id, set.exercise_id.as_str());
        let mut effects = Effects::default();
        for c in set_contributions(set) {
            let prev = sum.best(c.metric).map(ordered_key);
            if prev.is_none_or(|p| c.value > p) {
                t.log_record(user, ex, c, prev, workout.id)?;
                sum.set_best(c.metric, from_ordered_key(c.value));
                sum.last_record_at = sum.last_record_at.max(Some(c.at));
                if c.metric.flags_set() && !effects.record_sets.contains(&set.id) {
                    effects.record_sets.push(set.id);
                }
            }
        }
        let later = t.session_after(user, ex, workout.started_at, workout.id)?;
        let changed = self.touch_workout(
            tx,
            t,
            owner,
            Some(workout),
            workout.id,
            true,
            Some(set),
            !later,
        )?;
        if changed.iter().any(|e| e == ex) {
            // The session's volume grew and its session-volume records were re-derived from
            // it on. When it is the exercise's newest session, that can only add or raise its
            // own entry; otherwise read every metric's newest entry again.
            if later {
                let heads = t.heads(user, ex)?;
                sum.bests = heads
                    .iter()
                    .map(|&(code, (v, _))| (code, from_ordered_key(v)))
                    .collect();
                sum.last_record_at = heads.iter().map(|&(_, (_, (at, _)))| at).max();
            } else if let Some((v, (at, _))) = t.head(user, ex, Metric::SessionVolume)? {
                sum.set_best(Metric::SessionVolume, from_ordered_key(v));
                sum.last_record_at = sum.last_record_at.max(Some(at));
            }
        }
        sum.sets = sum.sets.saturating_add(1);
        sum.last_at = Some(set.completed_at);
        sum.last_set = Some(set.id);
        t.put_summary(user, ex, &sum)?;
        Ok(effects)
    }

    fn add_set(s: &WorkoutSet, touched: &mut Touched) {
        touched.note(&s.exercise_id, (s.completed_at, s.id), 1, mask_of(s));
    }

    fn remove_set(s: &WorkoutSet, touched: &mut Touched) {
        touched.note(&s.exercise_id, (s.completed_at, s.id), -1, mask_of(s));
    }

    /// Rewrites the records of `ex` in the `mask`ed metrics set at or after `from`, walking that
    /// part of the history in time order (appending a set reads just that set); returns whether
    /// `target` set a headline record.
    fn relog_sets(
        &self,
        tx: &WriteTransaction,
        t: &mut Tables<'_>,
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
        t: &mut Tables<'_>,
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

    /// Recomputes what a workout contributes (its day, its per-exercise sessions and their
    /// session-volume records) and applies the difference. Returns the exercises whose
    /// sessions changed.
    #[allow(clippy::too_many_arguments)]
    fn touch_workout(
        &self,
        tx: &WriteTransaction,
        t: &mut Tables<'_>,
        owner: &Owner,
        known: Option<&Workout>,
        workout: u128,
        relog: bool,
        appended: Option<&WorkoutSet>,
        newest_session: bool,
    ) -> Result<Vec<String>, AppError> {
        let user = owner.id;
        let old = t.facts(user, workout)?;
        // The workout as stored (an appended set's event carries it; its totals are not read).
        let fetched;
        let row = match known {
            Some(w) => Some(w),
            None => {
                fetched = self.history.workout(tx, workout)?;
                fetched.as_ref()
            }
        };
        // Appending a set to a workout that already has facts adds just that set; any other
        // change re-reads the workout's sets (bounded by one workout).
        let appended = appended.filter(|_| old.is_some() && row.is_some());
        let sets = match (row, appended) {
            (Some(_), None) => self.history.sets_of(tx, workout)?,
            _ => Vec::new(),
        };
        let new = match (row, appended, &old) {
            (Some(w), Some(s), Some(o)) => {
                let mut f = o.clone();
                self.add_to_facts(tx, &mut f, s, &mut BTreeMap::new())?;
                let end = w.finished_at.unwrap_or_else(|| {
                    (o.started_at + i64::from(o.duration_s)).max(s.completed_at)
                });
                finish_facts(&mut f, end);
                Some(f)
            }
            (Some(w), None, _) if !sets.is_empty() => Some(self.facts(tx, owner, w, &sets)?),
            _ => None,
        };
        if old == new {
            return Ok(Vec::new());
        }
        match (&old, &new) {
            (Some(o), Some(n)) if o.day == n.day => {
                let mut d = t.day(user, o.day)?;
                d.apply(o, -1.0);
                d.apply(n, 1.0);
                t.put_day(user, o.day, &d)?;
            }
            _ => {
                if let Some(o) = &old {
                    let mut d = t.day(user, o.day)?;
                    d.apply(o, -1.0);
                    t.put_day(user, o.day, &d)?;
                }
                if let Some(n) = &new {
                    let mut d = t.day(user, n.day)?;
                    d.apply(n, 1.0);
                    t.put_day(user, n.day, &d)?;
                }
            }
        }
        let mut exercises: Vec<String> = match appended {
            // Only the appended set's exercise changes.
            Some(s) => vec![s.exercise_id.clone()],
            None => old
                .iter()
                .chain(new.iter())
                .flat_map(|f| f.exercises.clone())
                .collect(),
        };
        exercises.sort();
        exercises.dedup();
        let mut changed = Vec::new();
        for ex in exercises {
            let before = match &old {
                Some(o) => t
                    .session(user, &ex, o.started_at, workout)?
                    .map(|s| (o.started_at, s)),
                None => None,
            };
            let after = match (new.as_ref(), appended) {
                (Some(n), Some(x)) => {
                    let mut s = before.clone().map(|(_, s)| s).unwrap_or_default();
                    add_to_session(&mut s, x);
                    (s.sets > 0).then_some((n.started_at, s))
                }
                (Some(n), None) => session_of(&sets, &ex).map(|s| (n.started_at, s)),
                (None, _) => None,
            };
            if before == after {
                continue;
            }
            // The session row is rewritten in place when it stays under the same start.
            if let Some((at, _)) = &before
                && after.as_ref().is_none_or(|(a, _)| a != at)
            {
                t.remove_session(user, &ex, *at, workout)?;
            }
            if let Some((at, s)) = &after {
                t.put_session(user, &ex, *at, workout, s)?;
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
        t.put_facts(user, workout, new.as_ref())?;
        Ok(changed)
    }

    fn facts(
        &self,
        tx: &WriteTransaction,
        owner: &Owner,
        w: &Workout,
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
        let end = w
            .finished_at
            .or_else(|| sets.iter().map(|s| s.completed_at).max())
            .unwrap_or(w.started_at);
        finish_facts(&mut f, end);
        Ok(f)
    }

    /// Adds one set to a workout's facts (the caller then calls `finish_facts`).
    fn add_to_facts(
        &self,
        tx: &WriteTransaction,
        f: &mut WorkoutFacts,
        s: &WorkoutSet,
        muscles_of: &mut BTreeMap<String, Muscles>,
    ) -> Result<(), AppError> {
        if !f.exercises.contains(&s.exercise_id) {
            f.exercises.push(s.exercise_id.clone());
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

    /// Re-reads the current bests of `ex` from the newest entry of each metric's record log.
    fn refresh_summary(
        &self,
        tx: &WriteTransaction,
        t: &mut Tables<'_>,
        user: u128,
        ex: &str,
        sets_delta: i64,
    ) -> Result<(), AppError> {
        let old = t.summary(user, ex)?.unwrap_or_default();
        let mut s = RecordSummary {
            sets: u32::try_from((i64::from(old.sets) + sets_delta).max(0)).unwrap_or(u32::MAX),
            ..RecordSummary::default()
        };
        let heads = t.heads(user, ex)?;
        s.bests = heads
            .iter()
            .map(|&(code, (v, _))| (code, super::rules::from_ordered_key(v)))
            .collect();
        let last = self.history.last_set(tx, user, ex)?;
        s.last_at = last.map(|(at, _)| at);
        s.last_set = last.map(|(_, id)| id);
        s.last_record_at = heads.iter().map(|&(_, (_, (at, _)))| at).max();
        if s.sets == 0 && s.bests.is_empty() {
            t.remove_summary(user, ex)
        } else {
            t.put_summary(user, ex, &s)
        }
    }

    /// Replaces a member's analysis rows with ones computed from their whole history, in one
    /// pass (records are re-read once per exercise). Returns the number of sets replayed.
    pub(super) fn replay_user(
        &self,
        tx: &WriteTransaction,
        owner: &Owner,
    ) -> Result<u64, AppError> {
        let user = owner.id;
        store::clear_user(tx, user)?;
        let t = &mut Tables::open(tx)?;
        let mut touched = Touched::default();
        let mut n = 0;
        for w in self.history.workouts_of(tx, user)? {
            for s in self.history.sets_of(tx, w.id)? {
                Self::add_set(&s, &mut touched);
                n += 1;
            }
            self.touch_workout(tx, t, owner, Some(&w), w.id, false, None, false)?;
        }
        for (ex, touch) in &touched.exercises {
            self.relog_sets(tx, t, user, ex, (i64::MIN, 0), ALL_METRICS, None)?;
            self.relog_sessions(t, user, ex, (i64::MIN, 0))?;
            self.refresh_summary(tx, t, user, ex, touch.sets)?;
        }
        Ok(n)
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

/// One exercise's aggregate within a workout's sets (None when it had only warm-ups).
fn session_of(sets: &[WorkoutSet], ex: &str) -> Option<ExerciseSession> {
    let mut s = ExerciseSession::default();
    for x in sets.iter().filter(|x| x.exercise_id == ex) {
        add_to_session(&mut s, x);
    }
    (s.sets > 0).then_some(s)
}
