//! The only code that names the training tables.

use std::borrow::Borrow;

use redb::{Key, ReadTransaction, ReadableTable, TableDefinition, WriteTransaction};

use super::model::{Assignment, BodyMetric, Exercise, Plan, Workout, WorkoutSet};
use crate::error::{AppError, Code};
use crate::storage::codec::{Record, decode, encode};
use crate::storage::outbox::{Entity as Kind, entity_changed};
use crate::storage::schema::{
    ASSIGNMENTS, BODY_METRICS, COACH_TO_ASSIGNMENTS, EXERCISES, GYM_EXERCISES, IDEMPOTENCY,
    IDEMPOTENCY_BODY, MEMBER_TO_ASSIGNMENTS, PLAN_TO_ASSIGNMENTS, PLANS, SETS, SHARED_PLANS,
    USER_BODY_METRICS, USER_EXERCISE_SETS, USER_TO_EXERCISES, USER_TO_PLANS, USER_TO_WORKOUTS,
    WORKOUTS,
};

type Bytes = &'static [u8];

/// What an Idempotency-Key remembers: the id the first request created and the SHA-256 of
/// its body (`None` for keys remembered before bodies were).
pub type Remembered = (u128, Option<[u8; 32]>);

/// Reads through either kind of transaction.
pub trait Reader {
    fn rec<'a, K: Key + 'static, T: Record>(
        &self,
        def: TableDefinition<K, Bytes>,
        key: impl Borrow<K::SelfType<'a>>,
    ) -> Result<Option<T>, AppError>;

    /// The records of `ids` that exist, in the order asked (one table lookup for all).
    fn recs<T: Record>(
        &self,
        def: TableDefinition<u128, Bytes>,
        ids: &[u128],
    ) -> Result<Vec<T>, AppError>;

    /// Second components of `(id, x)` keys for one `id`, in key order (or reversed).
    fn children(
        &self,
        def: TableDefinition<(u128, u128), ()>,
        id: u128,
    ) -> Result<Vec<u128>, AppError>;

    /// How many `(id, x)` keys there are for one `id`, counting no further than `cap`.
    fn count_children(
        &self,
        def: TableDefinition<(u128, u128), ()>,
        id: u128,
        cap: usize,
    ) -> Result<usize, AppError>;

    /// A page of a user's workouts, newest first, strictly before `before` = (started_at, id).
    fn workout_keys(
        &self,
        user: u128,
        from: i64,
        to: i64,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<u128>, AppError>;

    fn workout_sets(&self, workout: u128) -> Result<Vec<WorkoutSet>, AppError>;

    /// One user's sets of one exercise, newest first: (completed_at, set_id, workout_id).
    fn exercise_history(
        &self,
        user: u128,
        exercise: &str,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<Vec<(i64, u128, u128)>, AppError>;

    /// How many sets of `exercise` the member has logged (warm-ups included) and when the
    /// newest was done: a walk over the keys of that exercise's history.
    fn exercise_tally(&self, user: u128, exercise: &str) -> Result<(u32, Option<i64>), AppError>;

    fn metric_keys(
        &self,
        user: u128,
        kind: &str,
        from: i64,
        to: i64,
        limit: usize,
    ) -> Result<Vec<u128>, AppError>;

    /// What the first request with this Idempotency-Key created, and the SHA-256 of its body
    /// (`None` for keys remembered before bodies were).
    fn idempotent(&self, user: u128, key: &str) -> Result<Option<Remembered>, AppError>;

    fn gym_exercise_ids(&self) -> Result<Vec<u128>, AppError>;

    /// Up to `limit` ids of plans every member may see, newest first, strictly before `before`.
    fn shared_plan_ids(&self, before: Option<u128>, limit: usize) -> Result<Vec<u128>, AppError>;
}

macro_rules! reader_impl {
    ($tx:ty) => {
        impl Reader for $tx {
            fn rec<'a, K: Key + 'static, T: Record>(
                &self,
                def: TableDefinition<K, Bytes>,
                key: impl Borrow<K::SelfType<'a>>,
            ) -> Result<Option<T>, AppError> {
                let t = self.open_table(def)?;
                let v = t.get(key)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn recs<T: Record>(
                &self,
                def: TableDefinition<u128, Bytes>,
                ids: &[u128],
            ) -> Result<Vec<T>, AppError> {
                let t = self.open_table(def)?;
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(v) = t.get(id)? {
                        out.push(decode(v.value())?);
                    }
                }
                Ok(out)
            }

            fn children(
                &self,
                def: TableDefinition<(u128, u128), ()>,
                id: u128,
            ) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(def)?;
                let mut out = Vec::new();
                for row in t.range((id, 0)..=(id, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }

            fn count_children(
                &self,
                def: TableDefinition<(u128, u128), ()>,
                id: u128,
                cap: usize,
            ) -> Result<usize, AppError> {
                let t = self.open_table(def)?;
                let mut n = 0;
                for row in t.range((id, 0)..=(id, u128::MAX))? {
                    row?;
                    n += 1;
                    if n >= cap {
                        break;
                    }
                }
                Ok(n)
            }

            fn workout_keys(
                &self,
                user: u128,
                from: i64,
                to: i64,
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(USER_TO_WORKOUTS)?;
                let upper = match before {
                    Some((at, id)) if (at, id) <= (to, u128::MAX) => (user, at, id),
                    _ => (user, to, u128::MAX),
                };
                let mut out = Vec::new();
                for row in t.range((user, from, 0)..=upper)?.rev() {
                    let key = row?.0.value();
                    if Some((key.1, key.2)) == before {
                        continue;
                    }
                    if out.len() == limit {
                        break;
                    }
                    out.push(key.2);
                }
                Ok(out)
            }

            fn workout_sets(&self, workout: u128) -> Result<Vec<WorkoutSet>, AppError> {
                let t = self.open_table(SETS)?;
                let mut out: Vec<WorkoutSet> = Vec::new();
                for row in t.range((workout, 0)..=(workout, u128::MAX))? {
                    out.push(decode(row?.1.value())?);
                }
                out.sort_by_key(|s| (s.completed_at, s.id));
                Ok(out)
            }

            fn exercise_history(
                &self,
                user: u128,
                exercise: &str,
                before: Option<(i64, u128)>,
                limit: usize,
            ) -> Result<Vec<(i64, u128, u128)>, AppError> {
                let t = self.open_table(USER_EXERCISE_SETS)?;
                let (at, id) = before.unwrap_or((i64::MAX, u128::MAX));
                let mut out = Vec::new();
                for row in t
                    .range((user, exercise, i64::MIN, 0)..=(user, exercise, at, id))?
                    .rev()
                {
                    let (k, v) = row?;
                    let k = k.value();
                    if Some((k.2, k.3)) == before {
                        continue;
                    }
                    if out.len() == limit {
                        break;
                    }
                    out.push((k.2, k.3, v.value()));
                }
                Ok(out)
            }

            fn exercise_tally(
                &self,
                user: u128,
                exercise: &str,
            ) -> Result<(u32, Option<i64>), AppError> {
                let t = self.open_table(USER_EXERCISE_SETS)?;
                let (mut n, mut last) = (0u32, None);
                for row in
                    t.range((user, exercise, i64::MIN, 0)..=(user, exercise, i64::MAX, u128::MAX))?
                {
                    last = Some(row?.0.value().2);
                    n = n.saturating_add(1);
                }
                Ok((n, last))
            }

            fn metric_keys(
                &self,
                user: u128,
                kind: &str,
                from: i64,
                to: i64,
                limit: usize,
            ) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(USER_BODY_METRICS)?;
                let mut out = Vec::new();
                for row in t
                    .range((user, kind, from, 0)..=(user, kind, to, u128::MAX))?
                    .rev()
                {
                    if out.len() == limit {
                        break;
                    }
                    out.push(row?.0.value().3);
                }
                Ok(out)
            }

            fn idempotent(&self, user: u128, key: &str) -> Result<Option<Remembered>, AppError> {
                let Some(id) = self
                    .open_table(IDEMPOTENCY)?
                    .get((user, key))?
                    .map(|v| v.value())
                else {
                    return Ok(None);
                };
                let body = self
                    .open_table(IDEMPOTENCY_BODY)?
                    .get((user, key))?
                    .map(|v| *v.value());
                Ok(Some((id, body)))
            }

            fn gym_exercise_ids(&self) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(GYM_EXERCISES)?;
                let mut out = Vec::new();
                for row in t.iter()? {
                    out.push(row?.0.value());
                }
                Ok(out)
            }

            fn shared_plan_ids(
                &self,
                before: Option<u128>,
                limit: usize,
            ) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(SHARED_PLANS)?;
                let mut out = Vec::with_capacity(limit);
                for row in t.range(..before.unwrap_or(u128::MAX))?.rev().take(limit) {
                    out.push(row?.0.value());
                }
                Ok(out)
            }
        }
    };
}
reader_impl!(ReadTransaction);
reader_impl!(WriteTransaction);

fn put<K: Key + 'static, T: Record>(
    tx: &WriteTransaction,
    def: TableDefinition<K, Bytes>,
    key: K::SelfType<'_>,
    rec: &T,
) -> Result<(), AppError> {
    tx.open_table(def)?.insert(key, encode(rec).as_slice())?;
    Ok(())
}

pub fn custom_exercise_id(e: &Exercise) -> Result<u128, AppError> {
    crate::storage::ids::parse(&e.id)
        .ok_or_else(|| AppError::Internal(format!("custom exercise with id {}", e.id)))
}

fn search_changed(tx: &WriteTransaction, kind: Kind, id: &str) -> Result<(), AppError> {
    entity_changed(tx, kind, id)
}

pub fn put_exercise(tx: &WriteTransaction, e: &Exercise) -> Result<(), AppError> {
    let id = custom_exercise_id(e)?;
    search_changed(tx, Kind::Exercise, &e.id)?;
    put(tx, EXERCISES, id, e)?;
    match e.owner_id {
        Some(owner) => {
            tx.open_table(USER_TO_EXERCISES)?.insert((owner, id), ())?;
        }
        None => {
            tx.open_table(GYM_EXERCISES)?.insert(id, ())?;
        }
    }
    Ok(())
}

pub fn delete_exercise(tx: &WriteTransaction, e: &Exercise) -> Result<(), AppError> {
    let id = custom_exercise_id(e)?;
    search_changed(tx, Kind::Exercise, &e.id)?;
    tx.open_table(EXERCISES)?.remove(id)?;
    match e.owner_id {
        Some(owner) => {
            tx.open_table(USER_TO_EXERCISES)?.remove((owner, id))?;
        }
        None => {
            tx.open_table(GYM_EXERCISES)?.remove(id)?;
        }
    }
    Ok(())
}

pub fn put_plan(tx: &WriteTransaction, p: &Plan) -> Result<(), AppError> {
    put(tx, PLANS, p.id, p)?;
    search_changed(tx, Kind::Plan, &crate::storage::ids::to_string(p.id))?;
    tx.open_table(USER_TO_PLANS)?
        .insert((p.owner_id, p.id), ())?;
    let mut shared = tx.open_table(SHARED_PLANS)?;
    if p.visibility.shared_with_members() {
        shared.insert(p.id, ())?;
    } else {
        shared.remove(p.id)?;
    }
    Ok(())
}

pub fn delete_plan(tx: &WriteTransaction, p: &Plan) -> Result<(), AppError> {
    for a in tx.children(PLAN_TO_ASSIGNMENTS, p.id)? {
        if let Some(asg) = tx.rec::<u128, Assignment>(ASSIGNMENTS, a)? {
            delete_assignment(tx, &asg)?;
        }
    }
    tx.open_table(PLANS)?.remove(p.id)?;
    tx.open_table(USER_TO_PLANS)?.remove((p.owner_id, p.id))?;
    tx.open_table(SHARED_PLANS)?.remove(p.id)?;
    search_changed(tx, Kind::Plan, &crate::storage::ids::to_string(p.id))?;
    Ok(())
}

pub fn put_assignment(tx: &WriteTransaction, a: &Assignment, new: bool) -> Result<(), AppError> {
    put(tx, ASSIGNMENTS, a.id, a)?;
    if new {
        tx.open_table(MEMBER_TO_ASSIGNMENTS)?
            .insert((a.member_id, a.id), ())?;
        tx.open_table(PLAN_TO_ASSIGNMENTS)?
            .insert((a.plan_id, a.id), ())?;
        tx.open_table(COACH_TO_ASSIGNMENTS)?
            .insert((a.coach_id, a.id), ())?;
    }
    Ok(())
}

pub fn delete_assignment(tx: &WriteTransaction, a: &Assignment) -> Result<(), AppError> {
    tx.open_table(ASSIGNMENTS)?.remove(a.id)?;
    tx.open_table(MEMBER_TO_ASSIGNMENTS)?
        .remove((a.member_id, a.id))?;
    tx.open_table(PLAN_TO_ASSIGNMENTS)?
        .remove((a.plan_id, a.id))?;
    tx.open_table(COACH_TO_ASSIGNMENTS)?
        .remove((a.coach_id, a.id))?;
    Ok(())
}

/// Writes a workout's row; `old_started` is the start it was stored under (`None` for a new
/// workout). The member's index of workouts by start is written only when the workout is new
/// or moved (a logged set rewrites the row, not the index).
pub fn put_workout(
    tx: &WriteTransaction,
    w: &Workout,
    old_started: Option<i64>,
) -> Result<(), AppError> {
    put(tx, WORKOUTS, w.id, w)?;
    if old_started == Some(w.started_at) {
        return Ok(());
    }
    let mut idx = tx.open_table(USER_TO_WORKOUTS)?;
    if let Some(old) = old_started {
        idx.remove((w.user_id, old, w.id))?;
    }
    idx.insert((w.user_id, w.started_at, w.id), ())?;
    Ok(())
}

pub fn delete_workout_row(tx: &WriteTransaction, w: &Workout) -> Result<(), AppError> {
    tx.open_table(WORKOUTS)?.remove(w.id)?;
    tx.open_table(USER_TO_WORKOUTS)?
        .remove((w.user_id, w.started_at, w.id))?;
    Ok(())
}

pub fn put_set(
    tx: &WriteTransaction,
    user: u128,
    workout: u128,
    s: &WorkoutSet,
) -> Result<(), AppError> {
    put(tx, SETS, (workout, s.id), s)?;
    tx.open_table(USER_EXERCISE_SETS)?.insert(
        (user, s.exercise_id.as_str(), s.completed_at, s.id),
        workout,
    )?;
    Ok(())
}

/// Rewrites a set's own row in place (its exercise and time unchanged, so its index entry
/// stands): a set marked as a record after the reactors saw it.
pub fn rewrite_set(tx: &WriteTransaction, workout: u128, s: &WorkoutSet) -> Result<(), AppError> {
    put(tx, SETS, (workout, s.id), s)
}

pub fn delete_set(
    tx: &WriteTransaction,
    user: u128,
    workout: u128,
    s: &WorkoutSet,
) -> Result<(), AppError> {
    tx.open_table(SETS)?.remove((workout, s.id))?;
    tx.open_table(USER_EXERCISE_SETS)?.remove((
        user,
        s.exercise_id.as_str(),
        s.completed_at,
        s.id,
    ))?;
    Ok(())
}

pub fn get_set(tx: &impl Reader, workout: u128, set: u128) -> Result<Option<WorkoutSet>, AppError> {
    tx.rec(SETS, (workout, set))
}

pub fn put_metric(tx: &WriteTransaction, m: &BodyMetric) -> Result<(), AppError> {
    put(tx, BODY_METRICS, m.id, m)?;
    tx.open_table(USER_BODY_METRICS)?
        .insert((m.user_id, m.kind.as_str(), m.measured_at, m.id), ())?;
    Ok(())
}

pub fn delete_metric(tx: &WriteTransaction, m: &BodyMetric) -> Result<(), AppError> {
    tx.open_table(BODY_METRICS)?.remove(m.id)?;
    tx.open_table(USER_BODY_METRICS)?
        .remove((m.user_id, m.kind.as_str(), m.measured_at, m.id))?;
    Ok(())
}

/// Remembers that the request with Idempotency-Key `key` and body fingerprint `body` created
/// `id`.
pub fn remember_idempotent(
    tx: &WriteTransaction,
    user: u128,
    key: &str,
    body: &[u8; 32],
    id: u128,
) -> Result<(), AppError> {
    let mut t = tx.open_table(IDEMPOTENCY)?;
    // Checked again inside the write: two requests with the same key that both passed the
    // read-side replay check must not both create. The later one is refused (nothing is
    // written) and its retry replays the first result.
    if t.get((user, key))?.is_some_and(|g| g.value() != id) {
        return Err(AppError::Problem(Code::IdempotencyKeyInUse,
            "Another request with this Idempotency-Key was handled at the same moment; retry to get its result.".into(),
        ));
    }
    t.insert((user, key), id)?;
    tx.open_table(IDEMPOTENCY_BODY)?.insert((user, key), body)?;
    Ok(())
}

/// Everything the training domain holds for a user (called when the account is deleted).
pub fn delete_user_data(tx: &WriteTransaction, user: u128) -> Result<(), AppError> {
    // Workouts with their sets.
    let workouts = tx.workout_keys(user, i64::MIN, i64::MAX, None, usize::MAX)?;
    for id in workouts {
        if let Some(w) = tx.rec::<u128, Workout>(WORKOUTS, id)? {
            for s in tx.workout_sets(id)? {
                delete_set(tx, user, id, &s)?;
            }
            delete_workout_row(tx, &w)?;
        }
    }
    // Plans (and assignments of them), assignments to the user.
    for p in tx.children(USER_TO_PLANS, user)? {
        if let Some(plan) = tx.rec::<u128, Plan>(PLANS, p)? {
            delete_plan(tx, &plan)?;
        }
    }
    for a in tx.children(MEMBER_TO_ASSIGNMENTS, user)? {
        if let Some(asg) = tx.rec::<u128, Assignment>(ASSIGNMENTS, a)? {
            delete_assignment(tx, &asg)?;
        }
    }
    // Assignments this user made as a coach.
    for a in tx.children(COACH_TO_ASSIGNMENTS, user)? {
        if let Some(asg) = tx.rec::<u128, Assignment>(ASSIGNMENTS, a)? {
            delete_assignment(tx, &asg)?;
        }
    }
    // Private exercises.
    for e in tx.children(USER_TO_EXERCISES, user)? {
        if let Some(ex) = tx.rec::<u128, Exercise>(EXERCISES, e)? {
            delete_exercise(tx, &ex)?;
        }
    }
    // Body metrics.
    let ids: Vec<u128> = {
        let t = tx.open_table(USER_BODY_METRICS)?;
        let mut v = Vec::new();
        for row in t.range((user, "", i64::MIN, 0)..)? {
            let (k, _) = row?;
            let (u, _, _, id) = k.value();
            if u != user {
                break;
            }
            v.push(id);
        }
        v
    };
    for id in ids {
        if let Some(m) = tx.rec::<u128, BodyMetric>(BODY_METRICS, id)? {
            delete_metric(tx, &m)?;
        }
    }
    // Idempotency keys.
    {
        let mut t = tx.open_table(IDEMPOTENCY)?;
        let mut keys = Vec::new();
        for row in t.range((user, "")..)? {
            let (k, _) = row?;
            let (u, ex) = k.value();
            if u != user {
                break;
            }
            keys.push(ex.to_owned());
        }
        let mut bodies = tx.open_table(IDEMPOTENCY_BODY)?;
        for k in keys {
            t.remove((user, k.as_str()))?;
            bodies.remove((user, k.as_str()))?;
        }
    }
    Ok(())
}

// ----- nouns: what services and other domains ask for --------------------------------------

pub fn workout(tx: &impl Reader, id: u128) -> Result<Option<Workout>, AppError> {
    tx.rec(WORKOUTS, id)
}

/// The workouts of `ids` that exist, in that order.
pub fn workouts(tx: &impl Reader, ids: &[u128]) -> Result<Vec<Workout>, AppError> {
    tx.recs(WORKOUTS, ids)
}

pub fn plan(tx: &impl Reader, id: u128) -> Result<Option<Plan>, AppError> {
    tx.rec(PLANS, id)
}

/// A custom exercise (built-ins live in the catalogue).
pub fn exercise(tx: &impl Reader, id: u128) -> Result<Option<Exercise>, AppError> {
    tx.rec(EXERCISES, id)
}

pub fn assignment(tx: &impl Reader, id: u128) -> Result<Option<Assignment>, AppError> {
    tx.rec(ASSIGNMENTS, id)
}

pub fn metric(tx: &impl Reader, id: u128) -> Result<Option<BodyMetric>, AppError> {
    tx.rec(BODY_METRICS, id)
}

/// A member's assignments (plans assigned to them), oldest first.
pub fn assignments_of(tx: &impl Reader, member: u128) -> Result<Vec<u128>, AppError> {
    tx.children(MEMBER_TO_ASSIGNMENTS, member)
}

/// Who follows a plan (its assignments).
pub fn assignments_of_plan(tx: &impl Reader, plan: u128) -> Result<Vec<u128>, AppError> {
    tx.children(PLAN_TO_ASSIGNMENTS, plan)
}

/// Every assignment's id with the coach who made it (the migration to schema version 7 fills
/// `COACH_TO_ASSIGNMENTS` from it).
pub fn index_assignment_coach(tx: &WriteTransaction, a: &Assignment) -> Result<(), AppError> {
    tx.open_table(COACH_TO_ASSIGNMENTS)?
        .insert((a.coach_id, a.id), ())?;
    Ok(())
}

/// A member's private custom exercises.
pub fn exercises_of(tx: &impl Reader, owner: u128) -> Result<Vec<u128>, AppError> {
    tx.children(USER_TO_EXERCISES, owner)
}

/// How many private custom exercises a member has (counting no further than `cap`).
pub fn exercise_count(tx: &impl Reader, owner: u128, cap: usize) -> Result<usize, AppError> {
    tx.count_children(USER_TO_EXERCISES, owner, cap)
}

/// How many plans a member owns (counting no further than `cap`).
pub fn plan_count(tx: &impl Reader, owner: u128, cap: usize) -> Result<usize, AppError> {
    tx.count_children(USER_TO_PLANS, owner, cap)
}

/// How many workouts a member started in `[from, to]` (counting no further than `cap`).
pub fn workout_count(
    tx: &impl Reader,
    user: u128,
    from: i64,
    to: i64,
    cap: usize,
) -> Result<usize, AppError> {
    Ok(tx.workout_keys(user, from, to, None, cap)?.len())
}

/// A member's own plans.
pub fn plans_of(tx: &impl Reader, owner: u128) -> Result<Vec<u128>, AppError> {
    tx.children(USER_TO_PLANS, owner)
}

/// One member's sets of one exercise at or after `from` = (completed_at, set id), oldest
/// first, with their workout ids; `visit` returns `false` to stop.
pub fn exercise_sets_from(
    tx: &WriteTransaction,
    user: u128,
    exercise: &str,
    from: (i64, u128),
    visit: &mut dyn FnMut(u128, &WorkoutSet) -> Result<bool, AppError>,
) -> Result<(), AppError> {
    let idx = tx.open_table(USER_EXERCISE_SETS)?;
    let sets = tx.open_table(SETS)?;
    for row in
        idx.range((user, exercise, from.0, from.1)..=(user, exercise, i64::MAX, u128::MAX))?
    {
        let (k, w) = row?;
        let (_, _, _, set_id) = k.value();
        let workout = w.value();
        if let Some(v) = sets.get((workout, set_id))? {
            let s: WorkoutSet = decode(v.value())?;
            if !visit(workout, &s)? {
                break;
            }
        }
    }
    Ok(())
}

/// The newest entry of each kind of body measurement a member has, in kind order: one short
/// range read per kind (a skip scan), never a walk over all entries.
/// Every body metric id of a member (any kind, any time).
pub fn all_metric_ids(tx: &ReadTransaction, uid: u128) -> Result<Vec<u128>, AppError> {
    let t = tx.open_table(USER_BODY_METRICS)?;
    let mut out = Vec::new();
    for row in t.range::<(u128, &str, i64, u128)>((uid, "", i64::MIN, 0)..)? {
        let (k, _) = row?;
        let (user, _, _, id) = k.value();
        if user != uid {
            break;
        }
        out.push(id);
    }
    Ok(out)
}

pub fn newest_metric_per_kind(tx: &ReadTransaction, uid: u128) -> Result<Vec<u128>, AppError> {
    use std::ops::Bound;
    let t = tx.open_table(USER_BODY_METRICS)?;
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let lower = match &after {
            Some(k) => Bound::Excluded((uid, k.as_str(), i64::MAX, u128::MAX)),
            None => Bound::Included((uid, "", i64::MIN, 0)),
        };
        let first = t
            .range::<(u128, &str, i64, u128)>((lower, Bound::Unbounded))?
            .next()
            .transpose()?;
        let Some((k, _)) = first else { break };
        let (user, kind, _, _) = k.value();
        if user != uid {
            break;
        }
        let kind = kind.to_owned();
        let newest = t
            .range((uid, kind.as_str(), i64::MIN, 0)..=(uid, kind.as_str(), i64::MAX, u128::MAX))?
            .next_back()
            .transpose()?
            .map(|(k, _)| k.value().3);
        out.extend(newest);
        after = Some(kind);
    }
    Ok(out)
}

/// Calls `visit` with every plan (whole-table work such as a search rebuild).
pub fn each_plan(
    tx: &ReadTransaction,
    visit: &mut dyn FnMut(Plan) -> Result<(), AppError>,
) -> Result<(), AppError> {
    for row in tx.open_table(PLANS)?.iter()? {
        visit(decode(row?.1.value())?)?;
    }
    Ok(())
}

/// Calls `visit` with every custom exercise, private and gym-wide.
pub fn each_custom_exercise(
    tx: &ReadTransaction,
    visit: &mut dyn FnMut(Exercise) -> Result<(), AppError>,
) -> Result<(), AppError> {
    for row in tx.open_table(EXERCISES)?.iter()? {
        visit(decode(row?.1.value())?)?;
    }
    Ok(())
}
