//! Schema version and the ordered migration steps.
//!
//! Version history:
//! - 1: users, username index, sessions, invites, settings, avatars.
//! - 2: `EMAIL_TO_USER` index, filled from the users table (log in by e-mail).
//! - 3: training tables (exercises, plans, assignments, workouts, sets, records, body metrics).
//! - 4: the search outbox (the index itself is derived and rebuilt when missing).
//! - 5: `SHARED_PLANS`, the list of plans every member may see, filled from the plans table.
//! - 6: analysis tables (records, per-exercise sessions, days); training's own `records` table
//!   is dropped (records moved to analysis). The analysis tables are derived: the step marks
//!   them for a rebuild, which the server runs at start-up. The search outbox becomes the
//!   general `OUTBOX`, rows keyed by consumer.
//! - 7: coaching relationships (`COACHING` and its indexes). Every coach–member pair that had an
//!   assignment (the old `coach_to_members` counts) becomes an active relationship when the coach
//!   still has coach rights, so no gym loses its coaching; `COACH_TO_ASSIGNMENTS` replaces the
//!   counts for finding a coach's assignments.
//! - 8: `IDEMPOTENCY_BODY`, the body fingerprint of each remembered Idempotency-Key (empty at
//!   first: keys remembered before it are not compared).
//! - 9: analysis's `an_best` index is dropped: each metric's record log only ever improves, so
//!   its newest entry is the current best (nothing to rebuild; the other analysis rows stand).
//! - 10: social tables (follows, blocks, activity, kudos, comments, notifications, clubs) and
//!   moderation; every finished workout becomes a feed item.
//! - 11: gamification tables (XP ledger, badges, weeks, bests, boards, challenges). Counters,
//!   badges and boards are derived from history: the step marks them for a rebuild, which the
//!   server runs at start-up (badges are awarded for the history, XP only for new training).
//! - 12: password-reset links, feedback, usage counts.
//! - 13: imports from other apps, calendar feeds.
//! - 14: the routes of GPS activities (`TR_TRACKS`, `TR_USER_TRACKS`; new tables).
//! - 15: the high-volume records (workouts and sets) are rewritten in their compact binary
//!   layouts (`codec::Record::encode_compact`); values already compact are left as they are.
//!   (Until version 16 this step also rewrote the analysis rows, which 16 replaces.)
//! - 16: analysis keeps each exercise's aggregate inside its workout's facts (`AN_FACTS`, keyed
//!   by start) and days are summed from those facts on reading, so an appended set rewrites one
//!   analysis row instead of four: `an_exercise_sessions`, `an_workouts` and `an_days` are
//!   dropped, `AN_FACTS` and the session index `AN_SESSIONS` replace them, and the summaries and
//!   record logs are cleared. The analysis tables are derived: the step marks them for a
//!   rebuild, which the server runs at start-up.
//! - 17: a workout counts in analysis once it is finished (a set logged into a workout in
//!   progress updates only the per-set records); the step marks analysis for a rebuild, which
//!   drops the rows of the workouts still open.
//! - 18: a workout's sets are kept in a few rows (`WORKOUT_SETS`, each a `SetList` of up to 32
//!   sets: each exercise id once, a set's time as the difference from the set before) instead
//!   of a row per set
//!   (`sets`), and the exercise history index lists workouts (`USER_EXERCISE_SESSIONS`, a row
//!   per workout and exercise) instead of sets (`user_exercise_sets`). The step converts the
//!   rows a workout at a time and drops the two old tables. Analysis finds an exercise's
//!   workouts through the new index, so its own `an_session_index` is dropped too (nothing to
//!   rebuild: the facts stand).

use std::path::Path;

use redb::{Database, ReadableTable, WriteTransaction};

use super::Tx;

use super::OpenError;
use super::schema::{
    AN_FACTS, AN_RECENT_RECORDS, AN_RECORD_LOG, AN_RECORDS, ASSIGNMENTS, AVATARS, BODY_METRICS,
    COACH_TO_ASSIGNMENTS, EMAIL_TO_USER, EXERCISES, GYM_EXERCISES, IDEMPOTENCY, IDEMPOTENCY_BODY,
    INVITES, MEMBER_TO_ASSIGNMENTS, META, OUTBOX, PASSWORD_RESETS, PLAN_TO_ASSIGNMENTS, PLANS,
    SESSIONS, SETTINGS, SHARED_PLANS, TOKEN_HASH_TO_SESSION, USER_BODY_METRICS,
    USER_EXERCISE_SESSIONS, USER_TO_EXERCISES, USER_TO_PLANS, USER_TO_SESSIONS, USER_TO_WORKOUTS,
    USERNAME_TO_USER, USERS, WORKOUT_SETS, WORKOUTS,
};

/// The schema version this binary writes.
pub const SCHEMA_VERSION: u64 = 18;
const KEY: &str = "schema_version";

type Step = fn(&WriteTransaction) -> Result<(), String>;

/// Step `i` upgrades version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[
    v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6, v6_to_v7, v7_to_v8, v8_to_v9, v9_to_v10,
    v10_to_v11, v11_to_v12, v12_to_v13, v13_to_v14, v14_to_v15, v15_to_v16, v16_to_v17, v17_to_v18,
];

const _: () = assert!(STEPS.len() as u64 == SCHEMA_VERSION - 1);

fn other(path: &Path, e: impl std::fmt::Display) -> OpenError {
    OpenError::Other(path.to_path_buf(), e.to_string())
}

/// Creates the tables of a new database, or upgrades an older one step by step, each step in
/// one write transaction that also bumps the version.
pub fn run(db: &Database, path: &Path) -> Result<(), OpenError> {
    let current = read_version(db).map_err(|e| other(path, e))?;
    match current {
        None => {
            let tx = db.begin_write().map_err(|e| other(path, e))?;
            create_all(&tx).map_err(|e| other(path, e))?;
            set_version(&tx, SCHEMA_VERSION).map_err(|e| other(path, e))?;
            tx.commit().map_err(|e| other(path, e))?;
        }
        Some(0) => {
            return Err(other(
                path,
                "it says it has schema version 0, which no Gymbox writes, so it is damaged; restore a backup (gymbox restore FILE)",
            ));
        }
        Some(v) if v > SCHEMA_VERSION => {
            return Err(OpenError::TooNew {
                path: path.to_path_buf(),
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        Some(mut v) => {
            while v < SCHEMA_VERSION {
                let step = STEPS[(v - 1) as usize];
                let tx = db.begin_write().map_err(|e| other(path, e))?;
                step(&tx).map_err(|e| other(path, format!("migration to {}: {e}", v + 1)))?;
                set_version(&tx, v + 1).map_err(|e| other(path, e))?;
                tx.commit().map_err(|e| other(path, e))?;
                tracing::info!(from = v, to = v + 1, "database migrated");
                v += 1;
            }
        }
    }
    Ok(())
}

/// The stored schema version, `None` for a new, empty database.
pub fn read_version(db: &Database) -> Result<Option<u64>, redb::Error> {
    use redb::ReadableDatabase;
    let tx = db.begin_read()?;
    let table = match tx.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(table.get(KEY)?.map(|v| v.value()))
}

fn set_version(tx: &WriteTransaction, v: u64) -> Result<(), redb::Error> {
    tx.open_table(META)?.insert(KEY, v)?;
    Ok(())
}

fn create_all(tx: &WriteTransaction) -> Result<(), redb::Error> {
    tx.open_table(META)?;
    tx.open_table(SETTINGS)?;
    tx.open_table(USERS)?;
    tx.open_table(USERNAME_TO_USER)?;
    tx.open_table(EMAIL_TO_USER)?;
    tx.open_table(SESSIONS)?;
    tx.open_table(TOKEN_HASH_TO_SESSION)?;
    tx.open_table(USER_TO_SESSIONS)?;
    tx.open_table(INVITES)?;
    tx.open_table(AVATARS)?;
    tx.open_table(PASSWORD_RESETS)?;
    create_training(tx)?;
    create_outbox(tx)?;
    create_analysis(tx)?;
    crate::coaching::store::create_tables(&Tx::new(tx))?;
    crate::social::store::create_tables(&Tx::new(tx))?;
    crate::gamification::store::create_tables(&Tx::new(tx))?;
    crate::feedback::store::create_tables(&Tx::new(tx))?;
    crate::usage::store::create_tables(&Tx::new(tx))?;
    crate::import::store::create_tables(&Tx::new(tx))?;
    crate::calendar::create_tables(&Tx::new(tx))?;
    crate::tracks::store::create_tables(&Tx::new(tx))?;
    Ok(())
}

fn create_analysis(tx: &WriteTransaction) -> Result<(), redb::Error> {
    tx.open_table(AN_RECORD_LOG)?;
    tx.open_table(AN_RECENT_RECORDS)?;
    tx.open_table(AN_RECORDS)?;
    tx.open_table(AN_FACTS)?;
    Ok(())
}

/// Analysis's per-exercise sessions, workout facts and days before version 16 (their values
/// were `ExerciseSession`, the facts without sessions, and `DayStats`).
const OLD_AN_EXERCISE_SESSIONS: redb::TableDefinition<(u128, &str, i64, u128), &[u8]> =
    redb::TableDefinition::new("an_exercise_sessions");
const OLD_AN_WORKOUTS: redb::TableDefinition<(u128, u128), &[u8]> =
    redb::TableDefinition::new("an_workouts");
const OLD_AN_DAYS: redb::TableDefinition<(u128, i32), &[u8]> =
    redb::TableDefinition::new("an_days");

/// Training's per-exercise records before version 6 (now derived by analysis).
const OLD_RECORDS: redb::TableDefinition<(u128, &str), &[u8]> =
    redb::TableDefinition::new("records");

/// The META key that asks the server to rebuild a derived domain (`rebuild:analysis`).
pub fn rebuild_key(domain: &str) -> String {
    format!("rebuild:{domain}")
}

/// Asks the server to rebuild the derived `domain` at its next start.
fn ask_rebuild(tx: &WriteTransaction, domain: &str) -> Result<(), String> {
    let mut meta = tx.open_table(META).map_err(|e| e.to_string())?;
    meta.insert(rebuild_key(domain).as_str(), 1)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Analysis's ordered index of every contribution before version 9.
const OLD_AN_BEST: redb::TableDefinition<(u128, &str, u8, u64, i64, u128), ()> =
    redb::TableDefinition::new("an_best");

/// Version 15: the high-volume records in their compact layouts.
fn v14_to_v15(tx: &WriteTransaction) -> Result<(), String> {
    use crate::training::model as tr;
    recode::<u128, tr::Workout, u128>(tx, WORKOUTS)?;
    recode::<(u128, u128), tr::WorkoutSet, (u128, u128)>(tx, OLD_SETS)
}

fn v15_to_v16(tx: &WriteTransaction) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    tx.delete_table(OLD_AN_EXERCISE_SESSIONS)
        .map_err(|x| e(&x))?;
    tx.delete_table(OLD_AN_WORKOUTS).map_err(|x| e(&x))?;
    tx.delete_table(OLD_AN_DAYS).map_err(|x| e(&x))?;
    // The summaries' layout changed too; the rebuild writes every analysis row again.
    tx.delete_table(AN_RECORDS).map_err(|x| e(&x))?;
    tx.delete_table(AN_RECORD_LOG).map_err(|x| e(&x))?;
    tx.delete_table(AN_RECENT_RECORDS).map_err(|x| e(&x))?;
    create_analysis(tx).map_err(|x| e(&x))?;
    ask_rebuild(tx, "analysis")
}

fn v16_to_v17(tx: &WriteTransaction) -> Result<(), String> {
    ask_rebuild(tx, "analysis")
}

/// The row per set before version 18: (workout_id, set_id) → `WorkoutSet`.
const OLD_SETS: redb::TableDefinition<(u128, u128), &[u8]> = redb::TableDefinition::new("sets");

/// The exercise history index before version 18: (user_id, exercise_id, completed_at, set_id)
/// → workout_id.
const OLD_USER_EXERCISE_SETS: redb::TableDefinition<(u128, &str, i64, u128), u128> =
    redb::TableDefinition::new("user_exercise_sets");

/// Analysis's index of an exercise's finished workouts before version 18: (user_id,
/// exercise_id, started_at, workout_id).
const OLD_AN_SESSIONS: redb::TableDefinition<(u128, &str, i64, u128), ()> =
    redb::TableDefinition::new("an_session_index");

/// Version 18: a workout's sets in rows of up to 32, the exercise history index a row per
/// workout.
fn v17_to_v18(tx: &WriteTransaction) -> Result<(), String> {
    use crate::training::model::{SetList, Workout, WorkoutSet};
    let e = |e: &dyn std::fmt::Display| e.to_string();
    {
        let old = tx.open_table(OLD_SETS).map_err(|x| e(&x))?;
        let workouts = tx.open_table(WORKOUTS).map_err(|x| e(&x))?;
        let mut rows = tx.open_table(WORKOUT_SETS).map_err(|x| e(&x))?;
        let mut index = tx.open_table(USER_EXERCISE_SESSIONS).map_err(|x| e(&x))?;
        let mut flush = |workout: u128, sets: Vec<WorkoutSet>| -> Result<(), String> {
            // Sets of a workout that no longer exists are left behind (`gymbox check` reported
            // them as problems before).
            let Some(w) = workouts.get(workout).map_err(|x| e(&x))? else {
                return Ok(());
            };
            let w: Workout = super::codec::decode(w.value()).map_err(|x| e(&x))?;
            let mut list = SetList(sets);
            list.sort();
            for (ex, (last, n)) in crate::training::store::tally(&list.0) {
                index
                    .insert(
                        (w.user_id, ex, w.started_at.max(last), w.id),
                        (w.started_at, last, n),
                    )
                    .map_err(|x| e(&x))?;
            }
            for (part, chunk) in list
                .0
                .chunks(crate::training::store::SETS_PER_ROW)
                .enumerate()
            {
                let chunk = SetList(chunk.to_vec());
                rows.insert(
                    (workout, part as u32),
                    super::codec::encode(&chunk).as_slice(),
                )
                .map_err(|x| e(&x))?;
            }
            Ok(())
        };
        let mut current: Option<(u128, Vec<WorkoutSet>)> = None;
        for row in old.iter().map_err(|x| e(&x))? {
            let (k, v) = row.map_err(|x| e(&x))?;
            let (workout, _) = k.value();
            let set: WorkoutSet = super::codec::decode(v.value())
                .map_err(|x| format!("sets: a value does not decode: {x}"))?;
            match &mut current {
                Some((w, sets)) if *w == workout => sets.push(set),
                _ => {
                    if let Some((w, sets)) = current.take() {
                        flush(w, sets)?;
                    }
                    current = Some((workout, vec![set]));
                }
            }
        }
        if let Some((w, sets)) = current {
            flush(w, sets)?;
        }
    }
    tx.delete_table(OLD_SETS).map_err(|x| e(&x))?;
    tx.delete_table(OLD_USER_EXERCISE_SETS).map_err(|x| e(&x))?;
    // Analysis finds an exercise's workouts through the new index.
    tx.delete_table(OLD_AN_SESSIONS).map_err(|x| e(&x))?;
    Ok(())
}

/// An owned copy of a table key, to go on reading after it while the table is written.
trait OwnedKey<K: redb::Key> {
    fn of(k: K::SelfType<'_>) -> Self;
    fn key(&self) -> K::SelfType<'_>;
}

macro_rules! owned_as_it_is {
    ($($k:ty),*) => {$(
        impl OwnedKey<$k> for $k {
            fn of(k: $k) -> Self {
                k
            }
            fn key(&self) -> $k {
                *self
            }
        }
    )*};
}
owned_as_it_is!(u128, (u128, u128), (u128, i32));

impl OwnedKey<(u128, &'static str)> for (u128, String) {
    fn of(k: (u128, &str)) -> Self {
        (k.0, k.1.to_owned())
    }
    fn key(&self) -> (u128, &str) {
        (self.0, &self.1)
    }
}

impl OwnedKey<(u128, &'static str, i64, u128)> for (u128, String, i64, u128) {
    fn of(k: (u128, &str, i64, u128)) -> Self {
        (k.0, k.1.to_owned(), k.2, k.3)
    }
    fn key(&self) -> (u128, &str, i64, u128) {
        (self.0, &self.1, self.2, self.3)
    }
}

/// Rewrites every value of a record table that is not yet in the record's compact layout, a
/// bounded chunk at a time (a table can hold millions of rows).
fn recode<K, T, O>(
    tx: &WriteTransaction,
    def: redb::TableDefinition<K, &'static [u8]>,
) -> Result<(), String>
where
    K: redb::Key + 'static,
    T: super::codec::Record,
    O: OwnedKey<K>,
{
    use std::ops::Bound;
    const CHUNK: usize = 4096;
    let e = |e: redb::Error| e.to_string();
    let mut t = tx.open_table(def).map_err(|x| e(x.into()))?;
    let mut after: Option<O> = None;
    loop {
        let mut chunk: Vec<(O, Vec<u8>)> = Vec::new();
        let mut last = None;
        {
            let lower = match &after {
                Some(a) => Bound::Excluded(a.key()),
                None => Bound::Unbounded,
            };
            let rows = t
                .range::<K::SelfType<'_>>((lower, Bound::Unbounded))
                .map_err(|x| e(x.into()))?;
            for row in rows.take(CHUNK) {
                let (k, v) = row.map_err(|x| e(x.into()))?;
                let bytes = v.value();
                if bytes.first().is_some_and(|f| *f < super::codec::COMPACT) {
                    let record: T = super::codec::decode(bytes).map_err(|x| {
                        format!(
                            "{}: a value does not decode: {x}",
                            redb::TableHandle::name(&def)
                        )
                    })?;
                    chunk.push((O::of(k.value()), super::codec::encode(&record)));
                }
                last = Some(O::of(k.value()));
            }
        }
        for (k, bytes) in &chunk {
            t.insert(k.key(), bytes.as_slice())
                .map_err(|x| e(x.into()))?;
        }
        match last {
            Some(l) => after = Some(l),
            None => return Ok(()),
        }
    }
}

/// Version 14: the routes of GPS activities (new tables).
fn v13_to_v14(tx: &WriteTransaction) -> Result<(), String> {
    crate::tracks::store::create_tables(&Tx::new(tx)).map_err(|e| e.to_string())
}

/// Version 13: imports from other apps and calendar feeds (new tables).
fn v12_to_v13(tx: &WriteTransaction) -> Result<(), String> {
    crate::import::store::create_tables(&Tx::new(tx)).map_err(|e| e.to_string())?;
    crate::calendar::create_tables(&Tx::new(tx)).map_err(|e| e.to_string())
}

/// Version 12: password-reset links, feedback and usage counts (new tables). Usage counts
/// activity from the upgrade on; the members already here are filed in their join-month
/// cohorts (months in UTC: the gym's time zone is not known here).
fn v11_to_v12(tx: &WriteTransaction) -> Result<(), String> {
    (|| -> Result<(), redb::Error> {
        tx.open_table(PASSWORD_RESETS)?;
        crate::feedback::store::create_tables(&Tx::new(tx))?;
        crate::usage::store::create_tables(&Tx::new(tx))?;
        Ok(())
    })()
    .map_err(|e| e.to_string())?;
    let users: Vec<u128> = tx
        .open_table(USERS)
        .map_err(|e| e.to_string())?
        .iter()
        .map_err(|e| e.to_string())?
        .map(|r| r.map(|(k, _)| k.value()))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    for id in users {
        let month = crate::analysis::rules::month_start(crate::usage::joined_day(
            id,
            &jiff::tz::TimeZone::UTC,
        ));
        crate::usage::store::add_cohort_member(&Tx::new(tx), month, 1)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn v10_to_v11(tx: &WriteTransaction) -> Result<(), String> {
    crate::gamification::store::create_tables(&Tx::new(tx)).map_err(|e| e.to_string())?;
    ask_rebuild(tx, "gamification")
}

fn v9_to_v10(tx: &WriteTransaction) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    crate::social::store::create_tables(&Tx::new(tx)).map_err(|x| e(&x))?;
    let finished: Vec<crate::training::model::Workout> = {
        let t = tx.open_table(WORKOUTS).map_err(|x| e(&x))?;
        let mut out = Vec::new();
        for row in t.iter().map_err(|x| e(&x))? {
            let (_, v) = row.map_err(|x| e(&x))?;
            let w: crate::training::model::Workout =
                super::codec::decode(v.value()).map_err(|x| e(&x))?;
            if w.finished_at.is_some() {
                out.push(w);
            }
        }
        out
    };
    for w in &finished {
        crate::social::store::put_activity(
            &Tx::new(tx),
            &crate::social::model::Activity {
                id: super::ids::new_id(),
                author: w.user_id,
                kind: crate::social::model::SubjectKind::Workout,
                subject: w.id,
                at: w.finished_at.unwrap_or(w.started_at),
            },
        )
        .map_err(|x| e(&x))?;
    }
    Ok(())
}

fn v8_to_v9(tx: &WriteTransaction) -> Result<(), String> {
    tx.delete_table(OLD_AN_BEST)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn v7_to_v8(tx: &WriteTransaction) -> Result<(), String> {
    tx.open_table(IDEMPOTENCY_BODY)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn v5_to_v6(tx: &WriteTransaction) -> Result<(), String> {
    create_analysis(tx).map_err(|e| e.to_string())?;
    // The search outbox becomes the search consumer's rows of the general outbox.
    create_outbox(tx).map_err(|e| e.to_string())?;
    {
        let old = tx
            .open_table(OLD_SEARCH_OUTBOX)
            .map_err(|e| e.to_string())?;
        for row in old.iter().map_err(|e| e.to_string())? {
            let (_, payload) = row.map_err(|e| e.to_string())?;
            super::outbox::enqueue(
                &Tx::new(tx),
                super::outbox::Consumer::Search,
                payload.value(),
            )
            .map_err(|e| e.to_string())?;
        }
    }
    tx.delete_table(OLD_SEARCH_OUTBOX)
        .map_err(|e| e.to_string())?;
    tx.delete_table(OLD_RECORDS).map_err(|e| e.to_string())?;
    ask_rebuild(tx, "analysis")
}

/// Before version 7: (coach, member) → number of assignments linking them.
const OLD_COACH_TO_MEMBERS: redb::TableDefinition<(u128, u128), u32> =
    redb::TableDefinition::new("coach_to_members");

fn v6_to_v7(tx: &WriteTransaction) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    crate::coaching::store::create_tables(&Tx::new(tx)).map_err(|x| e(&x))?;
    tx.open_table(COACH_TO_ASSIGNMENTS).map_err(|x| e(&x))?;
    let assignments: Vec<crate::training::model::Assignment> = {
        let t = tx.open_table(ASSIGNMENTS).map_err(|x| e(&x))?;
        let mut out = Vec::new();
        for row in t.iter().map_err(|x| e(&x))? {
            let (_, v) = row.map_err(|x| e(&x))?;
            out.push(super::codec::decode(v.value()).map_err(|x| e(&x))?);
        }
        out
    };
    for a in &assignments {
        crate::training::store::index_assignment_coach(&Tx::new(tx), a).map_err(|x| e(&x))?;
    }
    let pairs: Vec<(u128, u128)> = {
        let t = tx.open_table(OLD_COACH_TO_MEMBERS).map_err(|x| e(&x))?;
        let mut out = Vec::new();
        for row in t.iter().map_err(|x| e(&x))? {
            let (k, n) = row.map_err(|x| e(&x))?;
            if n.value() > 0 {
                out.push(k.value());
            }
        }
        out
    };
    let user = |id: u128| -> Result<Option<crate::accounts::model::User>, String> {
        let t = tx.open_table(USERS).map_err(|x| e(&x))?;
        let v = t.get(id).map_err(|x| e(&x))?;
        v.map(|v| super::codec::decode(v.value()).map_err(|x| e(&x)))
            .transpose()
    };
    let at = super::ids::now();
    for (coach, member) in pairs {
        let (Some(c), Some(_)) = (user(coach)?, user(member)?) else {
            continue;
        };
        // A coach demoted before this version keeps nothing: the role is what a relationship
        // needs on the coach's side.
        if coach == member || c.role < crate::accounts::model::Role::Coach {
            continue;
        }
        crate::coaching::link_active(&Tx::new(tx), coach, member, at, coach).map_err(|x| e(&x))?;
    }
    tx.delete_table(OLD_COACH_TO_MEMBERS).map_err(|x| e(&x))?;
    Ok(())
}

fn create_training(tx: &WriteTransaction) -> Result<(), redb::Error> {
    tx.open_table(EXERCISES)?;
    tx.open_table(USER_TO_EXERCISES)?;
    tx.open_table(GYM_EXERCISES)?;
    tx.open_table(PLANS)?;
    tx.open_table(USER_TO_PLANS)?;
    tx.open_table(ASSIGNMENTS)?;
    tx.open_table(MEMBER_TO_ASSIGNMENTS)?;
    tx.open_table(PLAN_TO_ASSIGNMENTS)?;
    tx.open_table(COACH_TO_ASSIGNMENTS)?;
    tx.open_table(WORKOUTS)?;
    tx.open_table(USER_TO_WORKOUTS)?;
    tx.open_table(WORKOUT_SETS)?;
    tx.open_table(USER_EXERCISE_SESSIONS)?;
    tx.open_table(BODY_METRICS)?;
    tx.open_table(USER_BODY_METRICS)?;
    tx.open_table(IDEMPOTENCY)?;
    tx.open_table(IDEMPOTENCY_BODY)?;
    tx.open_table(SHARED_PLANS)?;
    Ok(())
}

fn create_outbox(tx: &WriteTransaction) -> Result<(), redb::Error> {
    tx.open_table(OUTBOX)?;
    Ok(())
}

/// Version 4's search outbox: time-ordered row id → "kind:id" (moved into `OUTBOX` by 6).
const OLD_SEARCH_OUTBOX: redb::TableDefinition<u128, &str> =
    redb::TableDefinition::new("search_outbox");

fn v4_to_v5(tx: &WriteTransaction) -> Result<(), String> {
    let plans = tx.open_table(PLANS).map_err(|e| e.to_string())?;
    let mut shared = tx.open_table(SHARED_PLANS).map_err(|e| e.to_string())?;
    for row in plans.iter().map_err(|e| e.to_string())? {
        let (id, value) = row.map_err(|e| e.to_string())?;
        let plan: crate::training::model::Plan =
            super::codec::decode(value.value()).map_err(|e| e.to_string())?;
        if plan.visibility.shared_with_members() {
            shared.insert(id.value(), ()).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn v3_to_v4(tx: &WriteTransaction) -> Result<(), String> {
    tx.open_table(OLD_SEARCH_OUTBOX)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn v2_to_v3(tx: &WriteTransaction) -> Result<(), String> {
    create_training(tx).map_err(|e| e.to_string())
}

fn v1_to_v2(tx: &WriteTransaction) -> Result<(), String> {
    let users = tx.open_table(USERS).map_err(|e| e.to_string())?;
    let mut emails = tx.open_table(EMAIL_TO_USER).map_err(|e| e.to_string())?;
    for row in users.iter().map_err(|e| e.to_string())? {
        let (id, value) = row.map_err(|e| e.to_string())?;
        let user: crate::accounts::model::User =
            super::codec::decode(value.value()).map_err(|e| e.to_string())?;
        if let Some(email) = &user.email {
            emails
                .insert(email.to_lowercase().as_str(), id.value())
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::model::{Plan, Visibility};

    fn plan(id: u128, visibility: Visibility) -> Plan {
        Plan {
            id,
            owner_id: 1,
            title: format!("plan {id}"),
            description: String::new(),
            tags: Vec::new(),
            goal: None,
            visibility,
            weeks: Vec::new(),
            forked_from: None,
            created_at: 0,
            updated_at: 0,
            version: 1,
        }
    }

    /// A version-4 database holding plans gains the shared list, with exactly the plans every
    /// member may see.
    #[test]
    fn v4_to_v5_lists_the_shared_plans() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        // Turn it into what version 4 wrote: plans, no shared list.
        let tx = db.begin_write().unwrap();
        {
            let mut plans = tx.open_table(PLANS).unwrap();
            for (id, vis) in [
                (10, Visibility::Members),
                (11, Visibility::Private),
                (12, Visibility::Public),
                (13, Visibility::Followers),
            ] {
                let bytes = super::super::codec::encode(&plan(id, vis));
                plans.insert(id, bytes.as_slice()).unwrap();
            }
        }
        tx.delete_table(SHARED_PLANS).unwrap();
        set_version(&tx, 4).unwrap();
        tx.commit().unwrap();

        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        use redb::ReadableDatabase;
        let rx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        let shared = rx.open_table(SHARED_PLANS).unwrap();
        let ids: Vec<u128> = shared
            .iter()
            .unwrap()
            .map(|r| r.unwrap().0.value())
            .collect();
        assert_eq!(ids, [10, 12]);
    }

    /// A version-5 database: its pending search rows survive in the general outbox, training's
    /// old records table is gone, and the analysis tables are marked for a rebuild.
    #[test]
    fn v5_to_v6_moves_the_outbox_and_asks_for_an_analysis_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        tx.delete_table(OUTBOX).unwrap();
        {
            let mut old = tx.open_table(OLD_SEARCH_OUTBOX).unwrap();
            old.insert(1, "plan:00ab").unwrap();
            old.insert(2, "user:00cd").unwrap();
            let mut records = tx.open_table(OLD_RECORDS).unwrap();
            records.insert((7, "squat"), [1u8].as_slice()).unwrap();
        }
        set_version(&tx, 5).unwrap();
        tx.commit().unwrap();

        run(&db, &path).unwrap();
        use redb::ReadableDatabase;
        let rx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        let rows =
            super::super::outbox::pending(&rx, super::super::outbox::Consumer::Search, 10).unwrap();
        let payloads: Vec<&str> = rows.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(payloads, ["plan:00ab", "user:00cd"]);
        assert!(matches!(
            rx.open_table(OLD_RECORDS),
            Err(redb::TableError::TableDoesNotExist(_))
        ));
        assert!(matches!(
            rx.open_table(OLD_SEARCH_OUTBOX),
            Err(redb::TableError::TableDoesNotExist(_))
        ));
        let meta = rx.open_table(META).unwrap();
        assert!(
            meta.get(rebuild_key("analysis").as_str())
                .unwrap()
                .is_some()
        );
    }

    fn user(id: u128, role: crate::accounts::model::Role) -> crate::accounts::model::User {
        crate::accounts::model::User {
            id,
            username: format!("u{id}"),
            email: None,
            display_name: String::new(),
            bio: String::new(),
            role,
            status: crate::accounts::model::Status::Active,
            password_hash: String::new(),
            created_at: 0,
            last_login_at: None,
            preferences: Default::default(),
            privacy: Default::default(),
            totp: None,
            avatar_version: 0,
            status_reason: None,
            version: 1,
        }
    }

    #[test]
    fn v8_to_v9_drops_the_analysis_best_index_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        tx.open_table(OLD_AN_BEST)
            .unwrap()
            .insert((1, "squat", 1, 100_000, 5, 7), ())
            .unwrap();
        tx.open_table(AN_RECORD_LOG)
            .unwrap()
            .insert((1, "squat", 1, 5, 7), (100_000, u64::MAX, 3))
            .unwrap();
        // The step alone: version 16 clears every analysis table for its rebuild.
        v8_to_v9(&tx).unwrap();
        tx.commit().unwrap();

        use redb::{ReadableDatabase, ReadableTableMetadata};
        let tx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        assert!(matches!(
            tx.open_table(OLD_AN_BEST),
            Err(redb::TableError::TableDoesNotExist(_))
        ));
        let log = tx.open_table(AN_RECORD_LOG).unwrap();
        assert_eq!(log.len().unwrap(), 1);
        // No rebuild is asked for: the derived rows that stay are still right.
        let meta = tx.open_table(META).unwrap();
        assert!(
            meta.get(rebuild_key("analysis").as_str())
                .unwrap()
                .is_none()
        );
    }

    /// A version-9 database gets the social tables, and every workout finished so far becomes
    /// an item of the feed (unfinished ones do not).
    #[test]
    fn v9_to_v10_creates_the_social_tables_and_the_feed_of_finished_workouts() {
        use crate::social::store::Reader as _;
        use crate::training::model::Workout;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        for t in [
            "so_follows",
            "so_followers",
            "so_follow_ids",
            "so_follow_counts",
            "so_blocks",
            "so_blocked_by",
            "so_activity",
            "so_activity_by",
            "so_activity_of",
            "so_kudos",
            "so_kudos_by",
            "so_comments",
            "so_comments_of",
            "so_comments_by",
            "so_comment_authors",
            "so_counts",
            "so_subjects_of",
            "so_notifications",
            "so_notification_counts",
        ] {
            assert!(
                tx.delete_table(redb::TableDefinition::<u128, ()>::new(t))
                    .unwrap(),
                "{t}"
            );
        }
        {
            let mut workouts = tx.open_table(WORKOUTS).unwrap();
            for (id, finished) in [(1u128, Some(2_000)), (2, None), (3, Some(1_000))] {
                let w = Workout {
                    id,
                    user_id: 7,
                    title: format!("W{id}"),
                    notes: String::new(),
                    started_at: 500,
                    finished_at: finished,
                    visibility: Default::default(),
                    plan: None,
                    set_count: 0,
                    volume_kg: 0.0,
                    records_hit: 0,
                    exercise_notes: Vec::new(),
                    supersets: Vec::new(),
                    version: 1,
                };
                let bytes = super::super::codec::encode(&w);
                workouts.insert(id, bytes.as_slice()).unwrap();
            }
        }
        set_version(&tx, 9).unwrap();
        tx.commit().unwrap();

        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        use redb::ReadableDatabase;
        let tx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        let feed: Vec<(u128, i64)> = tx
            .activity_before(None, 10)
            .unwrap()
            .iter()
            .map(|a| (a.subject, a.at))
            .collect();
        assert_eq!(feed, [(1, 2_000), (3, 1_000)]);
        assert_eq!(tx.activity_of_author(7, None, 10).unwrap().len(), 2);
        assert_eq!(tx.follow_counts(7).unwrap(), (0, 0, 0));
    }

    /// A version-10 database gets the gamification tables, and asks for them to be filled from
    /// the history (badges earned before they existed).
    #[test]
    fn v10_to_v11_creates_the_gamification_tables_and_asks_for_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        for t in [
            "ga_standing",
            "ga_xp",
            "ga_challenges",
            "ga_open_challenges",
        ] {
            assert!(
                tx.delete_table(redb::TableDefinition::<u128, ()>::new(t))
                    .unwrap(),
                "{t}"
            );
        }
        for t in ["ga_scores", "ga_boards", "ga_badges", "ga_e1rm"] {
            assert!(
                tx.delete_table(redb::TableDefinition::<&str, ()>::new(t))
                    .unwrap(),
                "{t}"
            );
        }
        set_version(&tx, 10).unwrap();
        tx.commit().unwrap();
        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        use redb::ReadableDatabase;
        let tx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        use crate::gamification::store::Reader as _;
        assert_eq!(tx.standing(1).unwrap(), None);
        assert_eq!(tx.challenge(1).unwrap(), None);
        assert!(tx.due(i64::MAX).unwrap().is_empty());
        assert_eq!(tx.score("volume/all", 1).unwrap(), None);
        let meta = tx.open_table(META).unwrap();
        assert_eq!(
            meta.get(rebuild_key("gamification").as_str())
                .unwrap()
                .map(|v| v.value()),
            Some(1)
        );
    }

    /// Version 12 adds reset links, feedback and usage, and files the members already there
    /// in their join-month cohorts.
    /// A version-13 database gains the route tables, and routes can be kept at once.
    #[test]
    fn v13_to_v14_creates_the_route_tables() {
        use crate::storage::schema::{TR_TRACKS, TR_USER_TRACKS};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        assert!(tx.delete_table(TR_TRACKS).unwrap());
        assert!(tx.delete_table(TR_USER_TRACKS).unwrap());
        set_version(&tx, 13).unwrap();
        tx.commit().unwrap();
        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        let tx = db.begin_write().unwrap();
        let track = crate::tracks::Track {
            sport: "running".into(),
            points: vec![crate::tracks::Point::from_degrees(1.0, 2.0, None, Some(5)).unwrap()],
        };
        crate::tracks::store::put(&Tx::new(&tx), 7, 9, &track).unwrap();
        tx.commit().unwrap();
        use redb::ReadableDatabase;
        let rx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        assert_eq!(
            crate::tracks::store::tracks_of(&rx, 7).unwrap(),
            vec![(9, track)]
        );
    }

    #[test]
    fn v11_to_v12_creates_the_tables_and_counts_the_members_already_here() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let tx = db.begin_write().unwrap();
        for t in ["password_resets", "fb_items"] {
            assert!(
                tx.delete_table(redb::TableDefinition::<u128, ()>::new(t))
                    .unwrap()
            );
        }
        for t in ["us_counts", "us_seen", "us_weeks", "us_cohorts"] {
            assert!(
                tx.delete_table(redb::TableDefinition::<u8, ()>::new(t))
                    .unwrap()
            );
        }
        {
            let mut users = tx.open_table(USERS).unwrap();
            for _ in 0..3 {
                users
                    .insert(crate::storage::ids::new_id(), [1u8].as_slice())
                    .unwrap();
            }
        }
        set_version(&tx, 11).unwrap();
        tx.commit().unwrap();
        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        use redb::ReadableDatabase;
        let tx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        assert_eq!(crate::usage::store::members(&tx).unwrap(), 3);
        assert!(
            crate::feedback::store::by_status(&tx, None, None, 10)
                .unwrap()
                .is_empty()
        );
    }

    /// A version-6 database: every coach–member pair with assignments becomes an active
    /// relationship when the coach still has coach rights; a coach demoted earlier gets
    /// nothing; the coach index of assignments is filled and the old counts are gone.
    #[test]
    fn v6_to_v7_turns_assignment_pairs_into_active_relationships() {
        use crate::accounts::model::Role;
        use crate::coaching::store::Reader as _;
        use crate::training::model::Assignment;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let (coach, admin, demoted, member, other) = (1, 2, 3, 4, 5);
        // Turn it into what version 6 wrote: assignment counts, no coaching tables.
        let tx = db.begin_write().unwrap();
        use crate::storage::schema::{
            COACH_TO_COACHING, COACHING, COACHING_PAIRS, MEMBER_TO_COACHING,
        };
        tx.delete_table(COACHING).unwrap();
        tx.delete_table(COACHING_PAIRS).unwrap();
        tx.delete_table(COACH_TO_COACHING).unwrap();
        tx.delete_table(MEMBER_TO_COACHING).unwrap();
        tx.delete_table(COACH_TO_ASSIGNMENTS).unwrap();
        {
            let mut users = tx.open_table(USERS).unwrap();
            for (id, role) in [
                (coach, Role::Coach),
                (admin, Role::Admin),
                (demoted, Role::Member),
                (member, Role::Member),
                (other, Role::Member),
            ] {
                let bytes = super::super::codec::encode(&user(id, role));
                users.insert(id, bytes.as_slice()).unwrap();
            }
            let mut old = tx.open_table(OLD_COACH_TO_MEMBERS).unwrap();
            old.insert((coach, member), 2).unwrap();
            old.insert((admin, other), 1).unwrap();
            old.insert((demoted, member), 1).unwrap();
            old.insert((coach, other), 0).unwrap();
            let mut asg = tx.open_table(ASSIGNMENTS).unwrap();
            for (id, c, m) in [(20, coach, member), (21, coach, member), (22, admin, other)] {
                let a = Assignment {
                    id,
                    plan_id: 9,
                    coach_id: c,
                    member_id: m,
                    start_date: "2026-01-01".into(),
                    days_done: 0,
                    created_at: 0,
                };
                asg.insert(id, super::super::codec::encode(&a).as_slice())
                    .unwrap();
            }
        }
        set_version(&tx, 6).unwrap();
        tx.commit().unwrap();

        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        use redb::ReadableDatabase;
        let rx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        let active = |c, m| rx.of_pair(c, m).unwrap().is_some_and(|r| r.is_active());
        assert!(active(coach, member));
        assert!(active(admin, other));
        assert!(
            !active(demoted, member),
            "a demoted coach gets no relationship"
        );
        assert!(!active(coach, other), "a zero count links nobody");
        assert_eq!(rx.of_member(member).unwrap().len(), 1);
        assert_eq!(rx.of_coach(coach).unwrap().len(), 1);
        let idx = rx.open_table(COACH_TO_ASSIGNMENTS).unwrap();
        let keys: Vec<(u128, u128)> = idx.iter().unwrap().map(|r| r.unwrap().0.value()).collect();
        assert_eq!(keys, [(coach, 20), (coach, 21), (admin, 22)]);
        assert!(matches!(
            rx.open_table(OLD_COACH_TO_MEMBERS),
            Err(redb::TableError::TableDoesNotExist(_))
        ));
    }

    /// Records of every type with a compact layout, with their optional parts present and
    /// absent and their numbers at the edges.
    struct Samples {
        workouts: Vec<crate::training::model::Workout>,
        sets: Vec<crate::training::model::WorkoutSet>,
        summaries: Vec<crate::analysis::model::RecordSummary>,
        sessions: Vec<crate::analysis::model::ExerciseSession>,
        facts: Vec<crate::analysis::model::WorkoutFacts>,
    }

    fn compact_samples() -> Samples {
        use crate::analysis::model::*;
        use crate::training::model::*;
        let workout = Workout {
            id: 1 << 100,
            user_id: 7,
            title: "Push day".into(),
            notes: String::new(),
            started_at: 1_700_000_000,
            finished_at: None,
            visibility: Visibility::Private,
            plan: None,
            set_count: 0,
            volume_kg: 0.0,
            records_hit: 0,
            exercise_notes: Vec::new(),
            supersets: Vec::new(),
            version: 1,
        };
        let workouts = vec![
            workout.clone(),
            Workout {
                id: u128::MAX,
                notes: "ночью, \"тяжело\"".into(),
                started_at: -5,
                finished_at: Some(1_700_003_600),
                visibility: Visibility::Public,
                plan: Some(PlanRef {
                    plan_id: 9,
                    week: 2,
                    day: 3,
                    assignment_id: Some(u128::MAX - 1),
                }),
                set_count: 31,
                volume_kg: 12_345.675,
                records_hit: 2,
                exercise_notes: vec![ExerciseNote {
                    exercise_id: "barbell-bench-press".into(),
                    text: "seat at 4".into(),
                }],
                supersets: vec![vec!["a".into(), "b".into()], vec![]],
                version: u64::MAX,
                ..workout.clone()
            },
            Workout {
                visibility: Visibility::Followers,
                plan: Some(PlanRef {
                    plan_id: 9,
                    week: 0,
                    day: 0,
                    assignment_id: None,
                }),
                id: 2,
                volume_kg: 0.1 + 0.2,
                ..workout.clone()
            },
            Workout {
                id: 3,
                visibility: Visibility::Members,
                ..workout
            },
        ];
        let set = test_set(SetKind::Normal, Some(8), Some(62.5));
        let sets = vec![
            set.clone(),
            WorkoutSet {
                id: u128::MAX,
                exercise_id: "жим".into(),
                kind: SetKind::Failure,
                reps: Some(0),
                weight_kg: Some(140.125),
                rpe: Some(9.5),
                duration_s: Some(u32::MAX),
                distance_m: Some(5000.0),
                completed_at: i64::MIN,
                is_record: true,
            },
            WorkoutSet {
                kind: SetKind::Warmup,
                reps: None,
                weight_kg: None,
                completed_at: i64::MAX,
                ..set.clone()
            },
            WorkoutSet {
                kind: SetKind::Drop,
                weight_kg: Some(22.0462262),
                rpe: Some(f64::MAX),
                distance_m: Some(0.001),
                ..set
            },
        ];
        let summaries = vec![
            RecordSummary::default(),
            RecordSummary {
                bests: vec![(0, 116.66666666666667), (1, 100.0), (2, 12.0), (10, 0.5)],
                last_record_at: Some(-1),
            },
            RecordSummary {
                bests: vec![(8, 1e9)],
                last_record_at: None,
            },
        ];
        let sessions = vec![
            ExerciseSession::default(),
            ExerciseSession {
                e1rm: Some(116.66666666666667),
                heaviest: Some(100.0),
                volume: 2400.0,
                reps: 24,
                sets: 3,
            },
            ExerciseSession {
                e1rm: None,
                heaviest: Some(0.25),
                volume: 0.1 + 0.2,
                reps: 1,
                sets: 1,
            },
        ];
        let muscles = vec![
            MuscleWork {
                muscle: "chest".into(),
                sets: 3.5,
                volume: 1500.25,
            },
            MuscleWork {
                muscle: "triceps".into(),
                sets: 0.5,
                volume: 1.0 / 3.0,
            },
        ];
        let facts = vec![
            WorkoutFacts::default(),
            WorkoutFacts {
                day: -20_000,
                started_at: 1_700_000_000,
                duration_s: 3_600,
                sets: 20,
                reps: 180,
                volume: 9_001.5,
                load: 412.3456789,
                muscles,
                sessions: vec![
                    ("barbell-bench-press".into(), sessions[1].clone()),
                    ("dip".into(), sessions[2].clone()),
                    ("face-pull".into(), ExerciseSession::default()),
                ],
                rpe_sum: 42.5,
                rpe_sets: 5,
            },
        ];
        Samples {
            workouts,
            sets,
            summaries,
            sessions,
            facts,
        }
    }

    /// Every sample reads back identically from its compact layout, which is shorter than its
    /// JSON.
    #[test]
    fn compact_records_read_back_identically() {
        use crate::storage::codec::{COMPACT, Record, decode, encode, encode_json};
        fn check<T: Record + PartialEq + std::fmt::Debug>(items: &[T]) {
            for v in items {
                let bytes = encode(v);
                assert!(bytes[0] >= COMPACT);
                assert!(bytes.len() < encode_json(v).len(), "{v:?}");
                assert_eq!(&decode::<T>(&bytes).unwrap(), v);
                // JSON gives back what it parses (its last digit can differ from the number
                // written); the compact layout gives back exactly the number written.
                let json = decode::<T>(&encode_json(v)).unwrap();
                assert_eq!(decode::<T>(&encode(&json)).unwrap(), json);
                // Every shorter prefix is refused rather than misread.
                for n in 1..bytes.len() {
                    assert!(decode::<T>(&bytes[..n]).is_err(), "{v:?} cut at {n}");
                }
            }
        }
        let Samples {
            workouts,
            sets,
            summaries,
            sessions,
            facts,
        } = compact_samples();
        check(&workouts);
        check(&sets);
        // A workout's sets in one row: the samples in the order they were done, a set done
        // before the one listed ahead of it (a negative difference).
        let mut list = crate::training::model::SetList(sets.clone());
        list.sort();
        let mut back = list.clone();
        back.0.push(crate::training::model::WorkoutSet {
            id: 7,
            completed_at: i64::MIN,
            ..sets[0].clone()
        });
        check(&[list, back]);
        check(&summaries);
        check(&sessions);
        check(&facts);
        use crate::gamification::model::Standing;
        check(&[
            Standing::new(),
            Standing {
                xp: 123_456,
                workouts: 300,
                volume_kg: 1_234_567.5,
                records: 41,
                early_workouts: 7,
                late_workouts: 2,
                plans_completed: 3,
                challenges_finished: 9,
                challenges_won: 1,
                best_streak: 52,
                opt_out: true,
                shared: false,
            },
            Standing {
                volume_kg: 0.1 + 0.2,
                opt_out: true,
                ..Standing::new()
            },
        ]);
    }

    /// A version-13 database, its workouts and sets in JSON, comes out of the migration with
    /// every value in its compact layout, reading back as it read before; its analysis rows of
    /// the old shape are dropped and an analysis rebuild is asked for.
    #[test]
    fn old_databases_get_compact_training_rows_and_a_new_analysis() {
        use crate::storage::codec::{COMPACT, decode, encode_json};
        use crate::training::model as tr;
        use redb::ReadableDatabase;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gymbox.redb");
        let db = Database::create(&path).unwrap();
        run(&db, &path).unwrap();
        let Samples {
            workouts,
            sets,
            sessions,
            ..
        } = compact_samples();
        // What the JSON values read as before the migration.
        fn as_read<T: crate::storage::codec::Record>(items: Vec<T>) -> Vec<T> {
            items
                .iter()
                .map(|v| decode(&encode_json(v)).unwrap())
                .collect()
        }
        let (mut workouts, sets) = (as_read(workouts), as_read(sets));
        // Seven workouts of two members to hold the sets below (set i in workout 1000 + i % 7).
        let first = workouts[0].clone();
        workouts.extend((0..7u128).map(|i| tr::Workout {
            id: 1000 + i,
            user_id: 100 + i % 2,
            started_at: 1_000 + i as i64,
            ..first.clone()
        }));
        // More rows than one chunk of the rewrite, so it continues after the first.
        let many: Vec<tr::WorkoutSet> = (0..5000u128)
            .map(|i| tr::WorkoutSet {
                id: i,
                completed_at: i as i64,
                ..sets[i as usize % sets.len()].clone()
            })
            .collect();
        let tx = db.begin_write().unwrap();
        {
            let mut t = tx.open_table(WORKOUTS).unwrap();
            for w in &workouts {
                t.insert(w.id, encode_json(w).as_slice()).unwrap();
            }
            let mut t = tx.open_table(OLD_SETS).unwrap();
            for s in &many {
                t.insert((1000 + s.id % 7, s.id), encode_json(s).as_slice())
                    .unwrap();
            }
            let mut t = tx.open_table(OLD_AN_EXERCISE_SESSIONS).unwrap();
            for (i, v) in sessions.iter().enumerate() {
                t.insert((3, "bench", i as i64, 9), encode_json(v).as_slice())
                    .unwrap();
            }
            tx.open_table(OLD_AN_WORKOUTS).unwrap();
            let mut t = tx.open_table(OLD_AN_DAYS).unwrap();
            t.insert((3, 1), [1u8, b'{', b'}'].as_slice()).unwrap();
            tx.delete_table(AN_FACTS).unwrap();
        }
        set_version(&tx, 13).unwrap();
        tx.commit().unwrap();

        run(&db, &path).unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(SCHEMA_VERSION));
        let rx = crate::storage::Snapshot::of(db.begin_read().unwrap());
        use redb::ReadableTableMetadata;
        let compact = |b: &[u8]| assert!(b[0] >= COMPACT);
        let t = rx.open_table(WORKOUTS).unwrap();
        for w in &workouts {
            let v = t.get(w.id).unwrap().unwrap();
            compact(v.value());
            assert_eq!(&decode::<tr::Workout>(v.value()).unwrap(), w);
        }
        // Each workout's sets in one row, in the order they were done; a session row for each
        // exercise of each workout.
        let t = rx.open_table(WORKOUT_SETS).unwrap();
        for w in 0..7u128 {
            let mut got = Vec::new();
            for row in t.range((1000 + w, 0)..=(1000 + w, u32::MAX)).unwrap() {
                let v = row.unwrap().1;
                compact(v.value());
                let part = decode::<tr::SetList>(v.value()).unwrap().0;
                assert!(part.len() <= crate::training::store::SETS_PER_ROW);
                got.extend(part);
            }
            let mut want: Vec<tr::WorkoutSet> =
                many.iter().filter(|s| s.id % 7 == w).cloned().collect();
            want.sort_by_key(|s| (s.completed_at, s.id));
            assert_eq!(got, want);
        }
        let exercises: std::collections::BTreeSet<&str> =
            sets.iter().map(|s| s.exercise_id.as_str()).collect();
        assert_eq!(
            rx.open_table(USER_EXERCISE_SESSIONS)
                .unwrap()
                .len()
                .unwrap(),
            7 * exercises.len() as u64
        );
        // The old tables are gone, the new analysis ones empty until the rebuild.
        for name in [
            "an_exercise_sessions",
            "an_workouts",
            "an_days",
            "sets",
            "user_exercise_sets",
            "an_session_index",
        ] {
            let def: redb::TableDefinition<(), ()> = redb::TableDefinition::new(name);
            assert!(
                matches!(
                    rx.open_table(def),
                    Err(redb::TableError::TableDoesNotExist(_))
                ),
                "{name}"
            );
        }
        assert_eq!(rx.open_table(AN_FACTS).unwrap().len().unwrap(), 0);
        let meta = rx.open_table(META).unwrap();
        assert!(
            meta.get(rebuild_key("analysis").as_str())
                .unwrap()
                .is_some()
        );
        let report = super::super::backup::check(&rx).unwrap();
        let undecodable: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.problem.contains("decode") || p.table.contains("sets"))
            .collect();
        assert!(undecodable.is_empty(), "{undecodable:?}");
        assert_eq!(report.sets, many.len() as u64);
    }
}
