//! Workouts and their sets; aggregates (set count, volume, records) maintained on write.

use crate::storage::Tx;

use super::*;
use crate::access::{may_see, ties_of};
use crate::accounts::model::User;
use crate::error::FieldError;
use crate::events::{Bus, Event, Owner};
use crate::storage::ids::{self, new_id, now};
use crate::training::limits;
use crate::training::model::{
    ExerciseNote, PlanDay, PlanRef, SetKind, Visibility, Workout, WorkoutSet,
};
use crate::training::service::plan_ties;
use crate::training::store::AppendView;

/// Oldest accepted time (1990) and how far into the future a time may be (one day of clock skew).
const EARLIEST: i64 = 631_152_000;
const FUTURE_SLACK: i64 = 86_400;

#[derive(Debug, Clone, Default)]
pub struct WorkoutInput {
    /// Chosen by the client so an offline device can log sets before the workout syncs.
    pub id: Option<String>,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub visibility: Option<Visibility>,
    pub plan: Option<PlanRef>,
}

#[derive(Debug, Clone, Default)]
pub struct WorkoutPatch {
    pub title: Option<String>,
    pub notes: Option<String>,
    pub started_at: Option<i64>,
    /// `Some(None)` reopens a finished workout.
    pub finished_at: Option<Option<i64>>,
    pub visibility: Option<Visibility>,
    /// Replaces every exercise note: (exercise id, text); an empty text removes the note.
    pub exercise_notes: Option<Vec<(String, String)>>,
    /// Replaces every superset group (exercise ids in the order to alternate).
    pub supersets: Option<Vec<Vec<String>>>,
}

/// Most exercise notes on one workout, and the longest note.
pub const MAX_EXERCISE_NOTES: usize = 50;
pub const MAX_EXERCISE_NOTE: usize = 1000;
/// Most superset groups on one workout, and the most exercises in one group.
pub const MAX_SUPERSETS: usize = 10;
pub const MAX_SUPERSET_SIZE: usize = 6;

#[derive(Debug, Clone, Default)]
pub struct SetInput {
    pub id: Option<String>,
    pub exercise_id: Option<String>,
    pub kind: Option<SetKind>,
    pub reps: Option<Option<u32>>,
    pub weight_kg: Option<Option<f64>>,
    pub rpe: Option<Option<f64>>,
    pub duration_s: Option<Option<u32>>,
    pub distance_m: Option<Option<f64>>,
    pub completed_at: Option<i64>,
}

/// A workout with its sets, the plan day it follows, and the owner's previous sets of each
/// exercise ("last time").
#[derive(Debug, Clone)]
pub struct WorkoutDetail {
    pub workout: Workout,
    pub sets: Vec<WorkoutSet>,
    pub plan_day: Option<PlanDay>,
    pub previous: Vec<(String, Vec<WorkoutSet>)>,
}

fn check_time(field: &str, t: i64, errs: &mut Vec<FieldError>) {
    if t < EARLIEST || t > now() + FUTURE_SLACK {
        errs.push(FieldError::new(field, "Use a time between 1990 and now."));
    }
}

pub(super) fn check_set(s: &WorkoutSet) -> Result<(), AppError> {
    let mut errs = Vec::new();
    if s.reps.is_some_and(|r| r > 10_000) {
        errs.push(FieldError::new("reps", "Use 0 to 10000 reps."));
    }
    if s.weight_kg
        .is_some_and(|w| !(0.0..=2000.0).contains(&w) || w.is_nan())
    {
        errs.push(FieldError::new("weight_kg", "Use 0 to 2000 kg."));
    }
    if s.rpe
        .is_some_and(|r| !(1.0..=10.0).contains(&r) || (r * 2.0).fract() != 0.0)
    {
        errs.push(FieldError::new(
            "rpe",
            "Use an RPE from 1 to 10 in steps of 0.5.",
        ));
    }
    if s.duration_s.is_some_and(|d| d > 86_400) {
        errs.push(FieldError::new("duration_s", "Use at most 24 hours."));
    }
    if s.distance_m
        .is_some_and(|d| !(0.0..=1_000_000.0).contains(&d) || d.is_nan())
    {
        errs.push(FieldError::new("distance_m", "Use 0 to 1000 km."));
    }
    if s.reps.is_none() && s.weight_kg.is_none() && s.duration_s.is_none() && s.distance_m.is_none()
    {
        errs.push(FieldError::new(
            "reps",
            "Record at least reps, weight, duration or distance.",
        ));
    }
    check_time("completed_at", s.completed_at, &mut errs);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

fn check_text(field: &str, v: &str, max: usize, nl: bool) -> Result<(), AppError> {
    crate::accounts::validate::text(field, v, max, nl).map_err(|e| AppError::Validation(vec![e]))
}

fn stale() -> AppError {
    AppError::PreconditionFailed("This workout changed on another device; reload it first.".into())
}

impl Training {
    /// Creates a workout (empty, from a plan day, or a past one entered afterwards). A repeated
    /// request with the same client id or Idempotency-Key returns the first result.
    pub async fn create_workout(
        &self,
        user: &User,
        input: WorkoutInput,
        idempotency_key: Option<IdempotencyKey>,
    ) -> Result<(Workout, bool), AppError> {
        if let Some(id) = self.replay(user.id, idempotency_key.as_ref()).await? {
            return Ok((self.own_workout(user, id).await?, false));
        }
        let id = match &input.id {
            Some(s) => ids::parse(s)
                .ok_or_else(|| AppError::invalid("id", "Use a UUID for the workout id."))?,
            None => new_id(),
        };
        let uid = user.id;
        if let Some(existing) = self.store.read(move |tx| store::workout(tx, id)).await? {
            return if existing.user_id == uid {
                Ok((existing, false))
            } else {
                Err(AppError::Problem(
                    Code::IdTaken,
                    "This workout id is already used; generate a new one.".into(),
                ))
            };
        }
        let mut errs = Vec::new();
        let started_at = input.started_at.unwrap_or_else(now);
        check_time("started_at", started_at, &mut errs);
        if let Some(f) = input.finished_at {
            check_time("finished_at", f, &mut errs);
            if f < started_at {
                errs.push(FieldError::new(
                    "finished_at",
                    "A workout cannot finish before it starts.",
                ));
            }
        }
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        let mut title = input.title.map(|t| t.trim().to_owned()).unwrap_or_default();
        check_text("title", &title, 120, false)?;
        let notes = input.notes.unwrap_or_default();
        check_text("notes", &notes, 5000, true)?;
        if let Some(r) = &input.plan {
            let plan = self.plan(user, r.plan_id).await.map_err(|_| {
                AppError::invalid("plan.plan_id", "There is no such plan you may use.")
            })?;
            let day = plan
                .weeks
                .get(r.week as usize)
                .and_then(|w| w.days.get(r.day as usize))
                .ok_or_else(|| {
                    AppError::invalid("plan.day", "The plan has no such week and day.")
                })?;
            if title.is_empty() {
                title = day.name.clone();
            }
            if let Some(a) = r.assignment_id {
                let asg = self.store.read(move |tx| store::assignment(tx, a)).await?;
                if asg.is_none_or(|x| x.member_id != uid || x.plan_id != r.plan_id) {
                    return Err(AppError::invalid(
                        "plan.assignment_id",
                        "This assignment is not yours.",
                    ));
                }
            }
        }
        if title.is_empty() {
            title = default_title(user, started_at);
        }
        let w = Workout {
            id,
            user_id: uid,
            title,
            notes,
            started_at,
            finished_at: input.finished_at,
            visibility: input.visibility.unwrap_or_default(),
            plan: input.plan,
            set_count: 0,
            volume_kg: 0.0,
            records_hit: 0,
            exercise_notes: Vec::new(),
            supersets: Vec::new(),
            version: 1,
        };
        let rec = w.clone();
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                if store::workout(tx, rec.id)?.is_some() {
                    return Err(AppError::Problem(
                        Code::IdTaken,
                        "This workout id is already used.".into(),
                    ));
                }
                let (from, to) = limits::utc_day(rec.started_at);
                let cap = limits::WORKOUTS_PER_DAY;
                if store::workout_count(tx, uid, from, to, cap)? >= cap {
                    return Err(limits::reached(
                        "workouts started in one day",
                        cap,
                        "log further training as sets of an existing workout.",
                    ));
                }
                store::put_workout(tx, &rec, None)?;
                bus.publish(
                    tx,
                    &Event::WorkoutCreated {
                        owner: &owner,
                        workout: &rec,
                    },
                )?;
                if let Some(k) = &idempotency_key {
                    store::remember_idempotent(tx, uid, &k.key, &k.body, rec.id)?;
                }
                if rec.finished_at.is_some() {
                    advance_assignment(tx, &bus, &rec)?;
                }
                Ok(())
            })
            .await?;
        Ok((w, true))
    }

    async fn own_workout(&self, user: &User, id: u128) -> Result<Workout, AppError> {
        let uid = user.id;
        self.store
            .read(move |tx| store::workout(tx, id))
            .await?
            .filter(|w| w.user_id == uid)
            .ok_or_else(|| not_found("workout"))
    }

    /// A workout the viewer may see (owner, their coach, or by its visibility); `None` is a
    /// signed-out visitor, who sees public workouts only.
    pub async fn workout(
        &self,
        viewer: Option<&User>,
        id: u128,
    ) -> Result<WorkoutDetail, AppError> {
        let vid = viewer.map(|v| v.id);
        let viewer = viewer.cloned();
        let relations = self.relations.clone();
        self.store
            .read(move |tx| {
                let w = store::workout(tx, id)?.ok_or_else(|| not_found("workout"))?;
                let ties = ties_of(&*relations, tx, viewer.as_ref(), w.user_id)?;
                if !may_see(viewer.as_ref(), w.user_id, w.visibility, ties) {
                    return Err(not_found("workout"));
                }
                let sets = tx.workout_sets(id)?;
                // The plan day shows only to whoever may read the plan: its author decides.
                let plan_day = match &w.plan {
                    Some(r) => match store::plan(tx, r.plan_id)? {
                        Some(p)
                            if may_read_plan(
                                tx,
                                viewer.as_ref(),
                                &p,
                                plan_ties(ties_of(&*relations, tx, viewer.as_ref(), p.owner_id)?),
                            )? =>
                        {
                            { p }
                                .weeks
                                .get(r.week as usize)
                                .and_then(|wk| wk.days.get(r.day as usize))
                                .cloned()
                        }
                        _ => None,
                    },
                    None => None,
                };
                let mut previous = Vec::new();
                if vid == Some(w.user_id) {
                    let mut exercises: Vec<String> = plan_day
                        .iter()
                        .flat_map(|d| d.exercises.iter().map(|e| e.exercise_id.clone()))
                        .chain(sets.iter().map(|s| s.exercise_id.clone()))
                        .collect();
                    exercises.dedup();
                    let mut seen = std::collections::HashSet::new();
                    for ex in exercises {
                        if !seen.insert(ex.clone()) {
                            continue;
                        }
                        if let Some(last) = last_time(tx, w.user_id, &ex, w.id, w.started_at)? {
                            previous.push((ex, last));
                        }
                    }
                }
                Ok(WorkoutDetail {
                    workout: w,
                    sets,
                    plan_day,
                    previous,
                })
            })
            .await
    }

    /// A page of the caller's workouts between `from` and `to`, newest first.
    pub async fn workouts(
        &self,
        user_id: u128,
        from: i64,
        to: i64,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<(Vec<Workout>, Option<(i64, u128)>), AppError> {
        self.store
            .read(move |tx| {
                let ids = tx.workout_keys(user_id, from, to, before, limit + 1)?;
                let out = store::workouts(tx, &ids[..ids.len().min(limit)])?;
                let next = (ids.len() > limit)
                    .then(|| out.last().map(|w: &Workout| (w.started_at, w.id)))
                    .flatten();
                Ok((out, next))
            })
            .await
    }

    /// Whether `coach` coaches `member`: an active coaching relationship (the member's
    /// consent or an administrator's pairing), never a role or an assignment by itself.
    pub async fn coaches(&self, coach: u128, member: u128) -> Result<bool, AppError> {
        if coach == member {
            return Ok(false);
        }
        let links = self.links.clone();
        self.store
            .read(move |tx| links.coaches(tx, coach, member))
            .await
    }

    /// Another user's workouts as `viewer` may see them (coaches see all of their members').
    pub async fn visible_workouts(
        &self,
        viewer: Option<&User>,
        owner: &User,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<(Vec<Workout>, Option<(i64, u128)>), AppError> {
        let oid = owner.id;
        let ties = self.ties(viewer, oid).await?;
        let mut out: Vec<Workout> = Vec::new();
        let mut cursor = before;
        // Scan back through history in batches, skipping what the viewer may not see. A next
        // cursor is given only when another visible workout follows, and it is always the
        // last workout returned, so a page never tells that hidden workouts exist. The scan is
        // bounded: after SCAN_BUDGET hidden workouts the page is returned as it is (after a
        // run of more than SCAN_BUDGET hidden ones, an empty page goes on from the last one
        // scanned).
        const SCAN_BUDGET: usize = 500;
        let batch = (limit + 1).max(50);
        let mut scanned = 0;
        loop {
            let (page, next) = self
                .workouts(oid, i64::MIN, i64::MAX, cursor, batch)
                .await?;
            for w in page {
                cursor = Some((w.started_at, w.id));
                if may_see(viewer, w.user_id, w.visibility, ties) {
                    if out.len() == limit {
                        let last = out.last().map(|w| (w.started_at, w.id));
                        return Ok((out, last));
                    }
                    out.push(w);
                } else {
                    scanned += 1;
                }
            }
            if next.is_none() {
                return Ok((out, None));
            }
            if scanned >= SCAN_BUDGET {
                let last = out.last().map(|w| (w.started_at, w.id));
                return Ok((out, last.or(cursor)));
            }
        }
    }

    /// Moderation: makes a reported workout private (its owner still sees it). The caller
    /// must have checked that an administrator asks.
    pub async fn hide_workout(&self, id: u128) -> Result<Workout, AppError> {
        let bus = self.bus.clone();
        self.store
            .write(move |tx| {
                let old = store::workout(tx, id)?.ok_or_else(|| {
                    AppError::NotFound(
                        "The reported workout is gone already; dismiss the report.".into(),
                    )
                })?;
                let user = crate::accounts::store::Reader::user(tx, old.user_id)?
                    .ok_or_else(|| not_found("workout"))?;
                let mut w = old.clone();
                w.visibility = Visibility::Private;
                w.version += 1;
                store::put_workout(tx, &w, Some(old.started_at))?;
                bus.publish(
                    tx,
                    &Event::WorkoutChanged {
                        owner: &Owner::of(&user),
                        old: &old,
                        new: &w,
                    },
                )?;
                Ok(w)
            })
            .await
    }

    pub async fn update_workout(
        &self,
        user: &User,
        id: u128,
        patch: WorkoutPatch,
        if_match: Option<u64>,
    ) -> Result<Workout, AppError> {
        let mut errs = Vec::new();
        if let Some(t) = patch.started_at {
            check_time("started_at", t, &mut errs);
        }
        if let Some(Some(t)) = patch.finished_at {
            check_time("finished_at", t, &mut errs);
        }
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        if let Some(t) = &patch.title {
            check_text("title", t, 120, false)?;
            if t.trim().is_empty() {
                return Err(AppError::invalid("title", "The title cannot be empty."));
            }
        }
        if let Some(n) = &patch.notes {
            check_text("notes", n, 5000, true)?;
        }
        let exercise_notes = match &patch.exercise_notes {
            Some(list) => Some(exercise_notes(list)?),
            None => None,
        };
        if let Some(groups) = &patch.supersets {
            check_supersets(groups)?;
        }
        let uid = user.id;
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                let old = store::workout(tx, id)?
                    .filter(|w| w.user_id == uid)
                    .ok_or_else(|| not_found("workout"))?;
                if if_match.is_some_and(|v| v != old.version) {
                    return Err(stale());
                }
                let mut w = old.clone();
                if let Some(t) = &patch.title {
                    w.title = t.trim().to_owned();
                }
                if let Some(n) = &patch.notes {
                    w.notes = n.clone();
                }
                if let Some(list) = &exercise_notes {
                    w.exercise_notes = list.clone();
                }
                if let Some(groups) = &patch.supersets {
                    w.supersets = groups.clone();
                }
                if let Some(t) = patch.started_at {
                    w.started_at = t;
                }
                if let Some(f) = patch.finished_at {
                    w.finished_at = f;
                }
                if let Some(v) = patch.visibility {
                    w.visibility = v;
                }
                if w.finished_at.is_some_and(|f| f < w.started_at) {
                    return Err(AppError::invalid(
                        "finished_at",
                        "A workout cannot finish before it starts.",
                    ));
                }
                w.version += 1;
                store::put_workout(tx, &w, Some(old.started_at))?;
                bus.publish(
                    tx,
                    &Event::WorkoutChanged {
                        owner: &owner,
                        old: &old,
                        new: &w,
                    },
                )?;
                if old.finished_at.is_none() && w.finished_at.is_some() {
                    advance_assignment(tx, &bus, &w)?;
                }
                Ok(w)
            })
            .await
    }

    pub async fn delete_workout(&self, user: &User, id: u128) -> Result<(), AppError> {
        let uid = user.id;
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                let w = store::workout(tx, id)?
                    .filter(|w| w.user_id == uid)
                    .ok_or_else(|| not_found("workout"))?;
                let sets = tx.workout_sets(id)?;
                store::delete_workout_row(tx, &w)?;
                bus.publish(
                    tx,
                    &Event::WorkoutDeleted {
                        owner: &owner,
                        workout: &w,
                        sets: &sets,
                    },
                )?;
                Ok(())
            })
            .await
    }

    /// Appends a set. The client chooses its id, so a retry returns the set already written
    /// (`false`) instead of adding it twice.
    pub async fn add_set(
        &self,
        user: &User,
        workout_id: u128,
        input: SetInput,
    ) -> Result<(WorkoutSet, bool), AppError> {
        let set_id = match &input.id {
            Some(s) => ids::parse(s)
                .ok_or_else(|| AppError::invalid("id", "Use a UUID for the set id."))?,
            None => new_id(),
        };
        let exercise_id = input
            .exercise_id
            .clone()
            .ok_or_else(|| AppError::invalid("exercise_id", "Name the exercise."))?;
        let exercise_id = self
            .usable_exercise_id(user, &exercise_id)
            .await
            .map_err(|_| {
                AppError::invalid("exercise_id", "There is no such exercise you may use.")
            })?;
        let s = WorkoutSet {
            id: set_id,
            exercise_id,
            kind: input.kind.unwrap_or_default(),
            reps: input.reps.flatten(),
            weight_kg: input.weight_kg.flatten(),
            rpe: input.rpe.flatten(),
            duration_s: input.duration_s.flatten(),
            distance_m: input.distance_m.flatten(),
            completed_at: input.completed_at.unwrap_or_else(now),
            is_record: false,
        };
        check_set(&s)?;
        let uid = user.id;
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                let mut w = store::workout(tx, workout_id)?
                    .filter(|w| w.user_id == uid)
                    .ok_or_else(|| not_found("workout"))?;
                // The workout's rows are read once for the retry check and the append.
                let (mut view, existing) = store::append_view(tx, workout_id, Some(s.id))?;
                if let Some(existing) = existing {
                    return Ok((existing, false));
                }
                if w.set_count as usize >= limits::SETS_PER_WORKOUT {
                    return Err(limits::reached(
                        "sets in one workout",
                        limits::SETS_PER_WORKOUT,
                        "start a new workout to log more.",
                    ));
                }
                let mut s = s.clone();
                log_set(tx, &bus, &owner, &mut w, &mut view, &mut s)?;
                w.version += 1;
                store::put_workout(tx, &w, Some(w.started_at))?;
                Ok((s, true))
            })
            .await
    }

    pub async fn update_set(
        &self,
        user: &User,
        workout_id: u128,
        set_id: u128,
        input: SetInput,
    ) -> Result<WorkoutSet, AppError> {
        let new_exercise = match &input.exercise_id {
            Some(e) => Some(self.usable_exercise_id(user, e).await.map_err(|_| {
                AppError::invalid("exercise_id", "There is no such exercise you may use.")
            })?),
            None => None,
        };
        let uid = user.id;
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                let mut w = store::workout(tx, workout_id)?
                    .filter(|w| w.user_id == uid)
                    .ok_or_else(|| not_found("workout"))?;
                let old =
                    store::get_set(tx, workout_id, set_id)?.ok_or_else(|| not_found("set"))?;
                let mut s = old.clone();
                if let Some(e) = &new_exercise {
                    s.exercise_id = e.clone();
                }
                s.kind = input.kind.unwrap_or(s.kind);
                if let Some(v) = input.reps {
                    s.reps = v;
                }
                if let Some(v) = input.weight_kg {
                    s.weight_kg = v;
                }
                if let Some(v) = input.rpe {
                    s.rpe = v;
                }
                if let Some(v) = input.duration_s {
                    s.duration_s = v;
                }
                if let Some(v) = input.distance_m {
                    s.distance_m = v;
                }
                if let Some(v) = input.completed_at {
                    s.completed_at = v;
                }
                check_set(&s)?;
                store::delete_set(tx, &w, &old)?;
                s.is_record = false;
                store::put_set(tx, &w, &s)?;
                let effects = bus.publish(
                    tx,
                    &Event::SetChanged {
                        owner: &owner,
                        workout: &w,
                        old: &old,
                        new: &s,
                    },
                )?;
                if effects.is_record(s.id) {
                    s.is_record = true;
                    store::put_set(tx, &w, &s)?;
                }
                w.volume_kg = (w.volume_kg - old.volume() + s.volume()).max(0.0);
                w.records_hit =
                    w.records_hit.saturating_sub(u32::from(old.is_record)) + u32::from(s.is_record);
                w.version += 1;
                store::put_workout(tx, &w, Some(w.started_at))?;
                Ok(s)
            })
            .await
    }

    pub async fn delete_set(
        &self,
        user: &User,
        workout_id: u128,
        set_id: u128,
    ) -> Result<(), AppError> {
        let uid = user.id;
        let (bus, owner) = (self.bus.clone(), Owner::of(user));
        self.store
            .write(move |tx| {
                let mut w = store::workout(tx, workout_id)?
                    .filter(|w| w.user_id == uid)
                    .ok_or_else(|| not_found("workout"))?;
                let s = store::get_set(tx, workout_id, set_id)?.ok_or_else(|| not_found("set"))?;
                store::delete_set(tx, &w, &s)?;
                bus.publish(
                    tx,
                    &Event::SetDeleted {
                        owner: &owner,
                        workout: &w,
                        set: &s,
                    },
                )?;
                w.set_count = w.set_count.saturating_sub(1);
                w.volume_kg = (w.volume_kg - s.volume()).max(0.0);
                w.records_hit = w.records_hit.saturating_sub(u32::from(s.is_record));
                w.version += 1;
                store::put_workout(tx, &w, Some(w.started_at))
            })
            .await
    }
}

/// Appends `s` to `w` in `tx`: its sets row (`sets`: as stored before, as written after), the
/// events (records come back as its flag) and the workout's maintained totals (the caller
/// writes the workout row).
fn log_set(
    tx: &Tx,
    bus: &Bus,
    owner: &Owner,
    w: &mut Workout,
    view: &mut AppendView,
    s: &mut WorkoutSet,
) -> Result<(), AppError> {
    s.is_record = false;
    store::append_set(tx, w, view, s)?;
    let latest_in_workout = view.is_newest(s);
    let effects = bus.publish(
        tx,
        &Event::SetLogged {
            owner,
            workout: w,
            set: s,
            latest_in_workout,
        },
    )?;
    if effects.is_record(s.id) {
        s.is_record = true;
        store::flag_record(tx, w, view, s.id)?;
    }
    w.set_count += 1;
    w.volume_kg += s.volume();
    w.records_hit += u32::from(s.is_record);
    Ok(())
}

/// Writes a complete workout with its sets in `tx`, publishing the same events and
/// maintaining the same totals and assignment progress as logging one set at a time (the
/// demo generator and imports use it). Every set has a new id of its own.
pub fn write_complete_workout(
    tx: &Tx,
    bus: &Bus,
    owner: &Owner,
    mut w: Workout,
    sets: Vec<WorkoutSet>,
) -> Result<Workout, AppError> {
    store::put_workout(tx, &w, None)?;
    bus.publish(tx, &Event::WorkoutCreated { owner, workout: &w })?;
    let (mut view, _) = store::append_view(tx, w.id, None)?;
    for mut s in sets {
        log_set(tx, bus, owner, &mut w, &mut view, &mut s)?;
    }
    store::put_workout(tx, &w, Some(w.started_at))?;
    if w.finished_at.is_some() {
        advance_assignment(tx, bus, &w)?;
    }
    Ok(w)
}

/// The owner's sets of `exercise` in their latest earlier workout.
fn last_time(
    tx: &crate::storage::Snapshot,
    user: u128,
    exercise: &str,
    this: u128,
    before: i64,
) -> Result<Option<Vec<WorkoutSet>>, AppError> {
    let newest = tx.sessions(
        user,
        exercise,
        (i64::MIN, 0),
        (i64::MAX, u128::MAX),
        true,
        200,
    )?;
    for x in newest.iter().filter(|x| x.workout != this) {
        let sets: Vec<WorkoutSet> = tx
            .workout_sets(x.workout)?
            .into_iter()
            .filter(|s| s.exercise_id == exercise)
            .collect();
        if sets.iter().any(|s| s.completed_at <= before + FUTURE_SLACK) {
            return Ok(Some(sets));
        }
    }
    Ok(None)
}

/// Finishing a workout of an assigned plan day moves the member to the next day.
/// Checks the superset groups of a workout patch: at most `MAX_SUPERSETS` groups of 2 to
/// `MAX_SUPERSET_SIZE` exercises, each exercise in one group at most.
pub(super) fn check_supersets(groups: &[Vec<String>]) -> Result<(), AppError> {
    if groups.len() > MAX_SUPERSETS {
        return Err(AppError::invalid(
            "supersets",
            format!("At most {MAX_SUPERSETS} supersets per workout."),
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if !(2..=MAX_SUPERSET_SIZE).contains(&g.len()) {
            return Err(AppError::invalid(
                &format!("supersets[{i}]"),
                format!("A superset has 2 to {MAX_SUPERSET_SIZE} exercises."),
            ));
        }
        for (j, e) in g.iter().enumerate() {
            if e.trim().is_empty() || e.len() > 100 {
                return Err(AppError::invalid(
                    &format!("supersets[{i}][{j}]"),
                    "Name the exercise by its id.",
                ));
            }
            if seen.contains(&e.as_str()) {
                return Err(AppError::invalid(
                    &format!("supersets[{i}][{j}]"),
                    "An exercise can be in one superset only; take it out of the other first.",
                ));
            }
            seen.push(e);
        }
    }
    Ok(())
}

/// Checks the exercise notes of a workout patch: each exercise once, texts trimmed and
/// bounded; empty texts are dropped (they remove the note).
fn exercise_notes(list: &[(String, String)]) -> Result<Vec<ExerciseNote>, AppError> {
    if list.len() > MAX_EXERCISE_NOTES {
        return Err(AppError::invalid(
            "exercise_notes",
            format!("At most {MAX_EXERCISE_NOTES} exercise notes per workout."),
        ));
    }
    let mut out: Vec<ExerciseNote> = Vec::new();
    for (i, (exercise, text)) in list.iter().enumerate() {
        let field = format!("exercise_notes[{i}]");
        if exercise.trim().is_empty() || exercise.len() > 100 {
            return Err(AppError::invalid(
                &format!("{field}.exercise_id"),
                "Name the exercise the note is about.",
            ));
        }
        if out.iter().any(|n| n.exercise_id == *exercise) {
            return Err(AppError::invalid(
                &format!("{field}.exercise_id"),
                "One note per exercise: this exercise has one already in the list.",
            ));
        }
        check_text(&format!("{field}.text"), text, MAX_EXERCISE_NOTE, true)?;
        let text = text.trim();
        if !text.is_empty() {
            out.push(ExerciseNote {
                exercise_id: exercise.clone(),
                text: text.to_owned(),
            });
        }
    }
    Ok(out)
}

/// A workout's title when none is given: the time of day it started, in the member's time
/// zone and language ("Evening workout", «Вечерняя тренировка»).
pub fn default_title(user: &User, started_at: i64) -> String {
    let tz = jiff::tz::TimeZone::get(&user.preferences.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let hour = jiff::Timestamp::from_second(started_at).map_or(12, |t| t.to_zoned(tz).hour());
    let ru = user.preferences.language == crate::accounts::model::Language::Ru;
    match (hour, ru) {
        (5..=11, false) => "Morning workout",
        (12..=16, false) => "Afternoon workout",
        (17..=21, false) => "Evening workout",
        (_, false) => "Night workout",
        (5..=11, true) => "Утренняя тренировка",
        (12..=16, true) => "Дневная тренировка",
        (17..=21, true) => "Вечерняя тренировка",
        (_, true) => "Ночная тренировка",
    }
    .to_owned()
}

/// Finishing the last day publishes that the member completed the plan.
fn advance_assignment(tx: &Tx, bus: &Bus, w: &Workout) -> Result<(), AppError> {
    let Some(aid) = w.plan.as_ref().and_then(|p| p.assignment_id) else {
        return Ok(());
    };
    if let Some(mut a) = store::assignment(tx, aid)?
        && a.member_id == w.user_id
    {
        a.days_done += 1;
        store::put_assignment(tx, &a, false)?;
        let days = store::plan(tx, a.plan_id)?.map_or(0, |p| p.sequence().count());
        if days > 0 && a.days_done as usize == days {
            bus.publish(
                tx,
                &Event::PlanCompleted {
                    member: a.member_id,
                    plan: a.plan_id,
                    assignment: a.id,
                },
            )?;
        }
    }
    Ok(())
}
