//! The only code that names the training tables.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::storage::Snapshot;
use crate::storage::Tx;
use crate::storage::tx::hot_or_open;
use redb::{Key, ReadableTable, TableDefinition};

use super::model::{Assignment, BodyMetric, Exercise, Plan, SetList, Workout, WorkoutSet};
use crate::error::{AppError, Code};
use crate::storage::codec::{Record, decode, encode};
use crate::storage::outbox::{Entity as Kind, entity_changed};
use crate::storage::schema::{
    ASSIGNMENTS, BODY_METRICS, COACH_TO_ASSIGNMENTS, EXERCISES, GYM_EXERCISES, IDEMPOTENCY,
    IDEMPOTENCY_BODY, MEMBER_TO_ASSIGNMENTS, PLAN_TO_ASSIGNMENTS, PLANS, SHARED_PLANS,
    USER_BODY_METRICS, USER_EXERCISE_SESSIONS, USER_TO_EXERCISES, USER_TO_PLANS, USER_TO_WORKOUTS,
    WORKOUT_SETS, WORKOUTS,
};

type Bytes = &'static [u8];

/// What an Idempotency-Key remembers: the id the first request created and the SHA-256 of
/// its body (`None` for keys remembered before bodies were).
pub type Remembered = (u128, Option<[u8; 32]>);

/// A workout in which a member did an exercise: a row of the exercise's session index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    /// The later of the workout's start and its newest set of the exercise (the index's order).
    pub at: i64,
    pub workout: u128,
    pub started_at: i64,
    /// When its newest set of the exercise was done.
    pub last_set_at: i64,
    /// Its sets of the exercise, warm-ups included.
    pub sets: u32,
}

/// Sets in one row of `WORKOUT_SETS` at most: appending a set rewrites one row of at most this
/// many (under a kilobyte) however long the workout.
pub const SETS_PER_ROW: usize = 32;

/// A workout's sets as stored: its rows (part number, sets in the order done).
#[derive(Debug, Clone, Default)]
pub struct StoredSets {
    pub rows: Vec<(u32, SetList)>,
}

impl StoredSets {
    /// Every set, in the order done.
    pub fn all(&self) -> Vec<WorkoutSet> {
        let mut out: Vec<WorkoutSet> = self.iter().cloned().collect();
        out.sort_by_key(|s| (s.completed_at, s.id));
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = &WorkoutSet> {
        self.rows.iter().flat_map(|(_, l)| l.0.iter())
    }

    pub fn find(&self, id: u128) -> Option<&WorkoutSet> {
        self.iter().find(|s| s.id == id)
    }

    /// The row holding set `id`.
    fn row_of(&self, id: u128) -> Option<usize> {
        self.rows
            .iter()
            .position(|(_, l)| l.0.iter().any(|s| s.id == id))
    }
}

/// A page of an exercise's history: (workout id, set) newest first, and where it ended when
/// more follow.
pub type HistoryPage = (Vec<(u128, WorkoutSet)>, Option<HistoryCursor>);

/// Where a page of an exercise's history ended: the session (at, workout) and the last set
/// given, (completed at, set id).
pub type HistoryCursor = (i64, u128, i64, u128);

/// Reads through either kind of transaction.
pub trait Reader {
    /// The workout `id` (its row in `WORKOUTS`).
    fn workout_row(&self, id: u128) -> Result<Option<Workout>, AppError>;

    fn rec<'a, K: Key + Send + Sync + 'static, T: Record>(
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

    /// A workout's sets as stored, row by row.
    fn stored_sets(&self, workout: u128) -> Result<StoredSets, AppError>;

    /// One member's sessions of one exercise with `lo <= (at, workout) <= hi`, oldest first
    /// (newest first with `newest_first`), at most `limit`.
    fn sessions(
        &self,
        user: u128,
        exercise: &str,
        lo: (i64, u128),
        hi: (i64, u128),
        newest_first: bool,
        limit: usize,
    ) -> Result<Vec<Session>, AppError>;

    /// One member's sets of one exercise, newest workout first and within a workout newest
    /// first, after `before`; with where the page ended when more follow.
    fn exercise_history(
        &self,
        user: u128,
        exercise: &str,
        before: Option<HistoryCursor>,
        limit: usize,
    ) -> Result<HistoryPage, AppError>;

    /// How many sets of `exercise` the member has logged (warm-ups included) and when the
    /// newest was done: a walk over that exercise's sessions.
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
    ($tx:ty, $mode:ident) => {
        impl Reader for $tx {
            fn workout_row(&self, id: u128) -> Result<Option<Workout>, AppError> {
                let t = hot_or_open!($mode, self, WORKOUTS, workouts);
                let v = t.get(id)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn rec<'a, K: Key + Send + Sync + 'static, T: Record>(
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
                Ok(self.stored_sets(workout)?.all())
            }

            fn stored_sets(&self, workout: u128) -> Result<StoredSets, AppError> {
                let t = hot_or_open!($mode, self, WORKOUT_SETS, workout_sets);
                let mut rows = Vec::new();
                for row in t.range((workout, 0)..=(workout, u32::MAX))? {
                    let (k, v) = row?;
                    rows.push((k.value().1, decode::<SetList>(v.value())?));
                }
                Ok(StoredSets { rows })
            }

            fn sessions(
                &self,
                user: u128,
                exercise: &str,
                lo: (i64, u128),
                hi: (i64, u128),
                newest_first: bool,
                limit: usize,
            ) -> Result<Vec<Session>, AppError> {
                let t = hot_or_open!($mode, self, USER_EXERCISE_SESSIONS, user_exercise_sessions);
                if lo > hi {
                    return Ok(Vec::new());
                }
                let range = t.range((user, exercise, lo.0, lo.1)..=(user, exercise, hi.0, hi.1))?;
                let mut out = Vec::new();
                let mut push = |row: Result<_, redb::StorageError>| -> Result<bool, AppError> {
                    if out.len() == limit {
                        return Ok(false);
                    }
                    let (k, v): (
                        redb::AccessGuard<(u128, &str, i64, u128)>,
                        redb::AccessGuard<(i64, i64, u32)>,
                    ) = row?;
                    let (_, _, at, workout) = k.value();
                    let (started_at, last_set_at, sets) = v.value();
                    out.push(Session {
                        at,
                        workout,
                        started_at,
                        last_set_at,
                        sets,
                    });
                    Ok(true)
                };
                if newest_first {
                    for row in range.rev() {
                        if !push(row)? {
                            break;
                        }
                    }
                } else {
                    for row in range {
                        if !push(row)? {
                            break;
                        }
                    }
                }
                Ok(out)
            }

            fn exercise_history(
                &self,
                user: u128,
                exercise: &str,
                before: Option<HistoryCursor>,
                limit: usize,
            ) -> Result<HistoryPage, AppError> {
                let t = hot_or_open!($mode, self, USER_EXERCISE_SESSIONS, user_exercise_sessions);
                let hi = before.map_or((i64::MAX, u128::MAX), |c| (c.0, c.1));
                let mut out: Vec<(u128, WorkoutSet)> = Vec::new();
                let mut ends: Vec<(i64, u128)> = Vec::new();
                for row in t
                    .range((user, exercise, i64::MIN, 0)..=(user, exercise, hi.0, hi.1))?
                    .rev()
                {
                    let (_, _, at, workout) = row?.0.value();
                    let mut sets: Vec<WorkoutSet> = self
                        .workout_sets(workout)?
                        .into_iter()
                        .filter(|s| s.exercise_id == exercise)
                        .collect();
                    sets.reverse();
                    for s in sets {
                        if let Some(c) = before.filter(|c| (c.0, c.1) == (at, workout))
                            && (s.completed_at, s.id) >= (c.2, c.3)
                        {
                            continue;
                        }
                        out.push((workout, s));
                        ends.push((at, workout));
                    }
                    if out.len() > limit {
                        break;
                    }
                }
                if out.len() <= limit {
                    return Ok((out, None));
                }
                out.truncate(limit);
                let (w, last) = &out[limit - 1];
                let (at, _) = ends[limit - 1];
                let next = (at, *w, last.completed_at, last.id);
                Ok((out, Some(next)))
            }

            fn exercise_tally(
                &self,
                user: u128,
                exercise: &str,
            ) -> Result<(u32, Option<i64>), AppError> {
                let t = hot_or_open!($mode, self, USER_EXERCISE_SESSIONS, user_exercise_sessions);
                let (mut n, mut last) = (0u32, None::<i64>);
                for row in
                    t.range((user, exercise, i64::MIN, 0)..=(user, exercise, i64::MAX, u128::MAX))?
                {
                    let (_, last_set_at, sets) = row?.1.value();
                    last = Some(last.map_or(last_set_at, |l| l.max(last_set_at)));
                    n = n.saturating_add(sets);
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
reader_impl!(Snapshot, read);
reader_impl!(Tx<'_>, write);

fn put<K: Key + 'static, T: Record>(
    tx: &Tx,
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

fn search_changed(tx: &Tx, kind: Kind, id: &str) -> Result<(), AppError> {
    entity_changed(tx, kind, id)
}

pub fn put_exercise(tx: &Tx, e: &Exercise) -> Result<(), AppError> {
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

pub fn delete_exercise(tx: &Tx, e: &Exercise) -> Result<(), AppError> {
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

pub fn put_plan(tx: &Tx, p: &Plan) -> Result<(), AppError> {
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

pub fn delete_plan(tx: &Tx, p: &Plan) -> Result<(), AppError> {
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

pub fn put_assignment(tx: &Tx, a: &Assignment, new: bool) -> Result<(), AppError> {
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

pub fn delete_assignment(tx: &Tx, a: &Assignment) -> Result<(), AppError> {
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
/// or moved (a logged set rewrites the row, not the index); a moved workout's sessions move
/// with it.
pub fn put_workout(tx: &Tx, w: &Workout, old_started: Option<i64>) -> Result<(), AppError> {
    tx.hot().workouts()?.insert(w.id, encode(w).as_slice())?;
    if old_started == Some(w.started_at) {
        return Ok(());
    }
    let mut idx = tx.open_table(USER_TO_WORKOUTS)?;
    if let Some(old) = old_started {
        idx.remove((w.user_id, old, w.id))?;
        let sets = tx.workout_sets(w.id)?;
        let before = Workout {
            started_at: old,
            ..w.clone()
        };
        reindex(tx, &before, &sets, w, &sets)?;
    }
    idx.insert((w.user_id, w.started_at, w.id), ())?;
    Ok(())
}

/// Removes a workout's row, its sets and its sessions.
pub fn delete_workout_row(tx: &Tx, w: &Workout) -> Result<(), AppError> {
    let sets = tx.workout_sets(w.id)?;
    reindex(tx, w, &sets, w, &[])?;
    tx.hot()
        .workout_sets()?
        .retain_in((w.id, 0)..=(w.id, u32::MAX), |_, _| false)?;
    tx.hot().workouts()?.remove(w.id)?;
    tx.open_table(USER_TO_WORKOUTS)?
        .remove((w.user_id, w.started_at, w.id))?;
    Ok(())
}

/// The sets of each exercise in a workout: (newest completed at, how many).
pub(crate) fn tally<'a>(
    sets: impl IntoIterator<Item = &'a WorkoutSet>,
) -> BTreeMap<&'a str, (i64, u32)> {
    let mut out: BTreeMap<&str, (i64, u32)> = BTreeMap::new();
    for s in sets {
        let e = out.entry(s.exercise_id.as_str()).or_insert((i64::MIN, 0));
        e.0 = e.0.max(s.completed_at);
        e.1 += 1;
    }
    out
}

/// Brings the session index from what `old` (with `old_sets`) listed to what `new` (with
/// `new_sets`) lists: only the rows of exercises whose sessions changed are written.
fn reindex(
    tx: &Tx,
    old: &Workout,
    old_sets: &[WorkoutSet],
    new: &Workout,
    new_sets: &[WorkoutSet],
) -> Result<(), AppError> {
    write_sessions(tx, old, &tally(old_sets), new, &tally(new_sets))
}

/// Rewrites the session rows that differ between `before` (the tallies of `old`) and `after`
/// (those of `new`): all of them when the workout's start moved.
fn write_sessions(
    tx: &Tx,
    old: &Workout,
    before: &BTreeMap<&str, (i64, u32)>,
    new: &Workout,
    after: &BTreeMap<&str, (i64, u32)>,
) -> Result<(), AppError> {
    let moved = old.started_at != new.started_at;
    if before == after && !moved {
        return Ok(());
    }
    let mut t = tx.hot().user_exercise_sessions()?;
    for (ex, &(last, _)) in before {
        if moved || after.get(ex) != before.get(ex) {
            t.remove((old.user_id, *ex, old.started_at.max(last), old.id))?;
        }
    }
    for (ex, &(last, n)) in after {
        if moved || before.get(ex) != after.get(ex) {
            t.insert(
                (new.user_id, *ex, new.started_at.max(last), new.id),
                (new.started_at, last, n),
            )?;
        }
    }
    Ok(())
}

/// A change of one set of a workout.
#[derive(Clone, Copy)]
enum Change<'s> {
    /// Adds the set, or replaces the set with its id.
    Put(&'s WorkoutSet),
    Remove(u128),
}

/// Applies `change` to the workout `w` whose sets, as stored, are `stored`: the one row it
/// touches is rewritten, and the session index follows (appends take [`append_set`]).
fn change_stored(
    tx: &Tx,
    w: &Workout,
    stored: &mut StoredSets,
    change: Change<'_>,
) -> Result<(), AppError> {
    let before: BTreeMap<String, (i64, u32)> = tally(stored.iter())
        .into_iter()
        .map(|(e, t)| (e.to_owned(), t))
        .collect();
    let id = match change {
        Change::Put(s) => s.id,
        Change::Remove(id) => id,
    };
    let row = match (stored.row_of(id), change) {
        (Some(i), _) => i,
        (None, Change::Put(_)) => {
            // Appended to the last row while it has room, else to a new one.
            match stored.rows.last() {
                Some((_, l)) if l.0.len() < SETS_PER_ROW => stored.rows.len() - 1,
                last => {
                    let part = last.map_or(0, |(p, _)| p + 1);
                    stored.rows.push((part, SetList::default()));
                    stored.rows.len() - 1
                }
            }
        }
        (None, _) => return Ok(()),
    };
    let (part, list) = &mut stored.rows[row];
    match change {
        Change::Put(s) => {
            list.0.retain(|x| x.id != s.id);
            list.0.push(s.clone());
            list.sort();
        }
        Change::Remove(id) => list.0.retain(|x| x.id != id),
    }
    let part = *part;
    if list.0.is_empty() {
        tx.hot().workout_sets()?.remove((w.id, part))?;
        stored.rows.remove(row);
    } else {
        tx.hot()
            .workout_sets()?
            .insert((w.id, part), encode(list).as_slice())?;
    }
    let before: BTreeMap<&str, (i64, u32)> = before.iter().map(|(e, t)| (e.as_str(), *t)).collect();
    write_sessions(tx, w, &before, w, &tally(stored.iter()))?;
    Ok(())
}

/// What appending sets to a workout needs of its stored sets: the last row (the one an append
/// rewrites) and, per exercise, the newest set and how many there are (its session row). Rows
/// before the last are scanned once and never decoded, so an append costs the same however
/// long the workout.
#[derive(Debug, Default)]
pub struct AppendView {
    last: Option<(u32, SetList)>,
    tallies: BTreeMap<String, ((i64, u128), u32)>,
}

impl AppendView {
    /// Whether `s` is (now) the newest set of its exercise in the workout.
    pub fn is_newest(&self, s: &WorkoutSet) -> bool {
        self.tallies
            .get(&s.exercise_id)
            .is_none_or(|t| t.0 <= (s.completed_at, s.id))
    }

    /// The exercise's tally as `write_sessions` takes it (newest set's time, count).
    fn session_of<'e>(&self, exercise: &'e str) -> BTreeMap<&'e str, (i64, u32)> {
        self.tallies
            .get(exercise)
            .map(|&(at, n)| (exercise, (at.0, n)))
            .into_iter()
            .collect()
    }

    fn count(&mut self, exercise: &str, at: (i64, u128)) {
        match self.tallies.get_mut(exercise) {
            Some(t) => {
                t.0 = t.0.max(at);
                t.1 += 1;
            }
            None => {
                self.tallies.insert(exercise.to_owned(), (at, 1));
            }
        }
    }
}

/// Reads what appending to `workout` needs (see [`AppendView`]) and, when a set with id
/// `look_for` is already stored, that set (the retry of an append).
pub fn append_view(
    tx: &Tx,
    workout: u128,
    look_for: Option<u128>,
) -> Result<(AppendView, Option<WorkoutSet>), AppError> {
    let t = tx.hot().workout_sets()?;
    let mut view = AppendView::default();
    let mut found = None;
    let mut rows = t.range((workout, 0)..=(workout, u32::MAX))?.peekable();
    while let Some(row) = rows.next() {
        let (k, v) = row?;
        let bytes = v.value();
        if rows.peek().is_none() {
            let list = decode::<SetList>(bytes)?;
            for s in &list.0 {
                view.count(&s.exercise_id, (s.completed_at, s.id));
            }
            if let Some(id) = look_for {
                found = found.or_else(|| list.0.iter().find(|s| s.id == id).cloned());
            }
            view.last = Some((k.value().1, list));
            break;
        }
        let mut here = false;
        SetList::scan(bytes, |id, exercise, at| {
            here |= Some(id) == look_for;
            view.count(exercise, (at, id));
        })?;
        if here && found.is_none() {
            found = decode::<SetList>(bytes)?
                .0
                .into_iter()
                .find(|s| Some(s.id) == look_for);
        }
    }
    Ok((view, found))
}

/// Appends `s` (a set with an id of its own) to the workout `w` whose stored sets `view`
/// describes: the last row takes it while it has room, else a new row; the exercise's session
/// row follows. `view` describes the sets as written after.
pub fn append_set(
    tx: &Tx,
    w: &Workout,
    view: &mut AppendView,
    s: &WorkoutSet,
) -> Result<(), AppError> {
    let (part, list) = match view.last.take() {
        Some((p, l)) if l.0.len() < SETS_PER_ROW => (p, l),
        Some((p, _)) => (p + 1, SetList::default()),
        None => (0, SetList::default()),
    };
    let (part, list) = view.last.insert((part, list));
    list.0.push(s.clone());
    list.sort();
    tx.hot()
        .workout_sets()?
        .insert((w.id, *part), encode(&*list).as_slice())?;
    let ex = s.exercise_id.as_str();
    let before = view.session_of(ex);
    view.count(ex, (s.completed_at, s.id));
    write_sessions(tx, w, &before, w, &view.session_of(ex))
}

/// Marks the set `id`, just appended through `view`, a record.
pub fn flag_record(tx: &Tx, w: &Workout, view: &mut AppendView, id: u128) -> Result<(), AppError> {
    let Some((part, list)) = &mut view.last else {
        return Ok(());
    };
    let mut changed = false;
    for s in list.0.iter_mut().filter(|s| s.id == id) {
        s.is_record = true;
        changed = true;
    }
    if changed {
        tx.hot()
            .workout_sets()?
            .insert((w.id, *part), encode(&*list).as_slice())?;
    }
    Ok(())
}

/// Adds `s` to the workout `w`, or replaces the set with its id.
pub fn put_set(tx: &Tx, w: &Workout, s: &WorkoutSet) -> Result<(), AppError> {
    let mut stored = tx.stored_sets(w.id)?;
    change_stored(tx, w, &mut stored, Change::Put(s))
}

pub fn delete_set(tx: &Tx, w: &Workout, s: &WorkoutSet) -> Result<(), AppError> {
    let mut stored = tx.stored_sets(w.id)?;
    change_stored(tx, w, &mut stored, Change::Remove(s.id))
}

pub fn get_set(tx: &impl Reader, workout: u128, set: u128) -> Result<Option<WorkoutSet>, AppError> {
    Ok(tx.stored_sets(workout)?.find(set).cloned())
}

/// Whether the member has a set of `exercise` later than `after` = (completed at, set id) in a
/// workout other than `skip`. Only workouts listed at or after `after`'s time can hold one, and
/// their rows say when their newest set was done: a workout's sets are read only for a set
/// done at that very second.
pub fn later_set_elsewhere(
    tx: &impl Reader,
    user: u128,
    exercise: &str,
    after: (i64, u128),
    skip: u128,
) -> Result<bool, AppError> {
    let listed = tx.sessions(
        user,
        exercise,
        (after.0, 0),
        (i64::MAX, u128::MAX),
        false,
        usize::MAX,
    )?;
    for x in listed.iter().filter(|x| x.workout != skip) {
        if x.last_set_at > after.0 {
            return Ok(true);
        }
        if x.last_set_at == after.0
            && tx
                .workout_sets(x.workout)?
                .iter()
                .any(|s| s.exercise_id == exercise && (s.completed_at, s.id) > after)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn put_metric(tx: &Tx, m: &BodyMetric) -> Result<(), AppError> {
    put(tx, BODY_METRICS, m.id, m)?;
    tx.open_table(USER_BODY_METRICS)?
        .insert((m.user_id, m.kind.as_str(), m.measured_at, m.id), ())?;
    Ok(())
}

pub fn delete_metric(tx: &Tx, m: &BodyMetric) -> Result<(), AppError> {
    tx.open_table(BODY_METRICS)?.remove(m.id)?;
    tx.open_table(USER_BODY_METRICS)?
        .remove((m.user_id, m.kind.as_str(), m.measured_at, m.id))?;
    Ok(())
}

/// Remembers that the request with Idempotency-Key `key` and body fingerprint `body` created
/// `id`.
pub fn remember_idempotent(
    tx: &Tx,
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
pub fn delete_user_data(tx: &Tx, user: u128) -> Result<(), AppError> {
    // Workouts with their sets.
    let workouts = tx.workout_keys(user, i64::MIN, i64::MAX, None, usize::MAX)?;
    for id in workouts {
        if let Some(w) = workout(tx, id)? {
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
    tx.workout_row(id)
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
pub fn index_assignment_coach(tx: &Tx, a: &Assignment) -> Result<(), AppError> {
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
/// first, with their workout ids; `visit` returns `false` to stop. Every such set is in a
/// session listed at or after `from`'s time.
pub fn exercise_sets_from(
    tx: &Tx,
    user: u128,
    exercise: &str,
    from: (i64, u128),
    visit: &mut dyn FnMut(u128, &WorkoutSet) -> Result<bool, AppError>,
) -> Result<(), AppError> {
    let mut found: Vec<(u128, WorkoutSet)> = Vec::new();
    for x in tx.sessions(
        user,
        exercise,
        (from.0, 0),
        (i64::MAX, u128::MAX),
        false,
        usize::MAX,
    )? {
        for s in tx.workout_sets(x.workout)? {
            if s.exercise_id == exercise && (s.completed_at, s.id) >= from {
                found.push((x.workout, s));
            }
        }
    }
    found.sort_by_key(|(_, s)| (s.completed_at, s.id));
    for (w, s) in &found {
        if !visit(*w, s)? {
            break;
        }
    }
    Ok(())
}

/// The newest entry of each kind of body measurement a member has, in kind order: one short
/// range read per kind (a skip scan), never a walk over all entries.
/// Every body metric id of a member (any kind, any time).
pub fn all_metric_ids(tx: &Snapshot, uid: u128) -> Result<Vec<u128>, AppError> {
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

pub fn newest_metric_per_kind(tx: &Snapshot, uid: u128) -> Result<Vec<u128>, AppError> {
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
    tx: &Snapshot,
    visit: &mut dyn FnMut(Plan) -> Result<(), AppError>,
) -> Result<(), AppError> {
    for row in tx.open_table(PLANS)?.iter()? {
        visit(decode(row?.1.value())?)?;
    }
    Ok(())
}

/// Calls `visit` with every custom exercise, private and gym-wide.
pub fn each_custom_exercise(
    tx: &Snapshot,
    visit: &mut dyn FnMut(Exercise) -> Result<(), AppError>,
) -> Result<(), AppError> {
    for row in tx.open_table(EXERCISES)?.iter()? {
        visit(decode(row?.1.value())?)?;
    }
    Ok(())
}
