//! The only code that names the analysis tables.

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::ReadableTable;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use super::model::{DayStats, ExerciseSession, Metric, RecordSummary, WorkoutFacts};
use super::rules::{Day, from_ordered_key};
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{
    AN_FACTS, AN_RECENT_RECORDS, AN_RECORD_LOG, AN_RECORDS, RecordLogKey,
};
use crate::storage::{opened, opened_mut};
use crate::training::store::Reader as TrainingReader;

/// No earlier best: the `previous` of a first record.
const NONE: u64 = u64::MAX;

/// A record as it was set.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedRecord {
    pub exercise: String,
    pub metric: Metric,
    pub at: i64,
    /// The set (or, for session volume, the workout) that set it.
    pub id: u128,
    pub value: u64,
    pub previous: Option<u64>,
    pub workout: u128,
}

/// What the analysis pages read (in a read transaction; the reactor uses `Tables`).
pub trait Reader {
    fn summary(&self, user: u128, exercise: &str) -> Result<Option<RecordSummary>, AppError>;

    /// Every exercise summary of a member.
    fn summaries(&self, user: u128) -> Result<Vec<(String, RecordSummary)>, AppError>;

    /// The member's newest records across exercises, newest first.
    fn recent_records(&self, user: u128, limit: usize) -> Result<Vec<LoggedRecord>, AppError>;

    /// One exercise's records set in `[from, to]`, oldest first.
    fn exercise_log(
        &self,
        user: u128,
        exercise: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<LoggedRecord>, AppError>;

    /// One exercise's sessions started in `[from, to]`, oldest first.
    fn exercise_sessions(
        &self,
        user: u128,
        exercise: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<(i64, u128, ExerciseSession)>, AppError>;

    /// The member's days with training in `[from, to]`, oldest first.
    fn days(&self, user: u128, from: i32, to: i32) -> Result<Vec<(i32, DayStats)>, AppError>;
}

impl Reader for Snapshot {
    fn summary(&self, user: u128, exercise: &str) -> Result<Option<RecordSummary>, AppError> {
        let t = self.open_table(AN_RECORDS)?;
        let log = self.open_table(AN_RECORD_LOG)?;
        let v = t.get((user, exercise))?;
        v.map(|v| with_session_volume(&*log, user, exercise, decode(v.value())?))
            .transpose()
    }

    fn summaries(&self, user: u128) -> Result<Vec<(String, RecordSummary)>, AppError> {
        let t = self.open_table(AN_RECORDS)?;
        let log = self.open_table(AN_RECORD_LOG)?;
        let mut out = Vec::new();
        for row in t.range((user, "")..)? {
            let (k, v) = row?;
            let (u, ex) = k.value();
            if u != user {
                break;
            }
            let s = with_session_volume(&*log, user, ex, decode(v.value())?)?;
            out.push((ex.to_owned(), s));
        }
        Ok(out)
    }

    fn recent_records(&self, user: u128, limit: usize) -> Result<Vec<LoggedRecord>, AppError> {
        let recent = self.open_table(AN_RECENT_RECORDS)?;
        let log = self.open_table(AN_RECORD_LOG)?;
        let mut out = Vec::new();
        for row in recent
            .range((user, i64::MIN, 0, 0)..=(user, i64::MAX, u128::MAX, u8::MAX))?
            .rev()
        {
            if out.len() == limit {
                break;
            }
            let (k, ex) = row?;
            let (_, at, id, code) = k.value();
            let ex = ex.value();
            if let Some(v) = log.get((user, ex, code, at, id))? {
                out.push(logged(ex, code, at, id, v.value()));
            }
        }
        Ok(out)
    }

    fn exercise_log(
        &self,
        user: u128,
        exercise: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<LoggedRecord>, AppError> {
        let t = self.open_table(AN_RECORD_LOG)?;
        let mut out = Vec::new();
        // The log is ordered by metric, then time: one bounded range per metric.
        for metric in Metric::ALL {
            let code = metric.code();
            for row in
                t.range((user, exercise, code, from, 0)..=(user, exercise, code, to, u128::MAX))?
            {
                let (k, v) = row?;
                let (_, _, code, at, id) = k.value();
                out.push(logged(exercise, code, at, id, v.value()));
            }
        }
        out.sort_by_key(|r| (r.at, r.id, r.metric.code()));
        Ok(out)
    }

    fn exercise_sessions(
        &self,
        user: u128,
        exercise: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<(i64, u128, ExerciseSession)>, AppError> {
        sessions_between(self, &*self.open_table(AN_FACTS)?, user, exercise, from, to)
    }

    fn days(&self, user: u128, from: i32, to: i32) -> Result<Vec<(i32, DayStats)>, AppError> {
        let t = self.open_table(AN_FACTS)?;
        // A workout's day is its start's date in the member's time zone (kept in its facts),
        // never more than a day away from the UTC date: read the workouts started within the
        // range widened by two days, and keep those whose day falls in it.
        const SLACK_S: i64 = 2 * 86_400;
        let lo = i64::from(from) * 86_400 - SLACK_S;
        let hi = (i64::from(to) + 1) * 86_400 + SLACK_S;
        let mut days: BTreeMap<Day, DayStats> = BTreeMap::new();
        for row in t.range((user, lo, 0)..=(user, hi, u128::MAX))? {
            let (_, v) = row?;
            let f: WorkoutFacts = decode(v.value())?;
            if (from..=to).contains(&f.day) {
                days.entry(f.day).or_default().apply(&f, 1.0);
            }
        }
        Ok(days.into_iter().collect())
    }
}

/// The summary with its best session volume: the newest entry of that metric's log.
fn with_session_volume(
    log: &impl ReadableTable<RecordLogKey, (u64, u64, u128)>,
    user: u128,
    exercise: &str,
    mut s: RecordSummary,
) -> Result<RecordSummary, AppError> {
    if let Some((v, (at, _))) = head_of(log, user, exercise, Metric::SessionVolume)? {
        s.set_best(Metric::SessionVolume, from_ordered_key(v));
        s.last_record_at = s.last_record_at.max(Some(at));
    }
    Ok(s)
}

/// The newest log entry of one metric of one exercise.
fn head_of(
    log: &impl ReadableTable<RecordLogKey, (u64, u64, u128)>,
    user: u128,
    ex: &str,
    m: Metric,
) -> Result<Option<Head>, AppError> {
    let c = m.code();
    let last = log
        .range((user, ex, c, i64::MIN, 0)..=(user, ex, c, i64::MAX, u128::MAX))?
        .next_back()
        .transpose()?;
    Ok(last.map(|(k, v)| {
        let (_, _, _, at, id) = k.value();
        (v.value().0, (at, id))
    }))
}

/// One exercise's sessions started in `[from, to]`, oldest first: the workouts training's
/// session index lists for the exercise (a workout sorts there at or after its start), each
/// one's aggregate read from its facts — finished workouts with working sets of it only.
fn sessions_between(
    tx: &impl TrainingReader,
    facts: &impl ReadableTable<(u128, i64, u128), &'static [u8]>,
    user: u128,
    exercise: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, u128, ExerciseSession)>, AppError> {
    let mut out = Vec::new();
    let listed = tx.sessions(
        user,
        exercise,
        (from, 0),
        (i64::MAX, u128::MAX),
        false,
        usize::MAX,
    )?;
    for x in listed {
        if !(from..=to).contains(&x.started_at) {
            continue;
        }
        let Some(v) = facts.get((user, x.started_at, x.workout))? else {
            continue;
        };
        let f: WorkoutFacts = decode(v.value())?;
        if let Some(s) = f.session(exercise).filter(|s| s.sets > 0) {
            out.push((x.started_at, x.workout, s.clone()));
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    Ok(out)
}

fn logged(exercise: &str, code: u8, at: i64, id: u128, v: (u64, u64, u128)) -> LoggedRecord {
    LoggedRecord {
        exercise: exercise.to_owned(),
        metric: Metric::from_code(code).unwrap_or(Metric::E1rm),
        at,
        id,
        value: v.0,
        previous: (v.1 != NONE).then_some(v.1),
        workout: v.2,
    }
}

/// The newest log entry of one metric: (value key, (when, set or workout id)).
pub type Head = (u64, (i64, u128));

/// One contribution of a set (or session) to a record metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    pub metric: Metric,
    pub value: u64,
    pub at: i64,
    pub id: u128,
}

type FactsTable<'tx> = redb::Table<'tx, (u128, i64, u128), &'static [u8]>;

/// The analysis tables one event changes: the summaries and the record log are tables the
/// batch keeps open ([`Tx::hot`]); the facts of finished workouts are opened once per event
/// and only when first needed.
pub struct Tables<'a, 'tx> {
    tx: &'a Tx<'tx>,
    facts: OnceCell<FactsTable<'tx>>,
}

impl<'a, 'tx> Tables<'a, 'tx> {
    pub fn new(tx: &'a Tx<'tx>) -> Self {
        Self {
            tx,
            facts: OnceCell::new(),
        }
    }

    fn facts_table(&self) -> Result<&FactsTable<'tx>, AppError> {
        opened(&self.facts, || self.tx.open_table(AN_FACTS))
    }

    fn facts_mut(&mut self) -> Result<&mut FactsTable<'tx>, AppError> {
        let tx = self.tx;
        opened_mut(&mut self.facts, || tx.open_table(AN_FACTS))
    }

    /// The newest log entry of every per-set metric of one exercise (session volume left out:
    /// it is not kept in the summary) with its metric code, in code order. Each metric's log
    /// only ever improves, so its newest entry is the current best.
    pub fn set_heads(&self, user: u128, ex: &str) -> Result<Vec<(u8, Head)>, AppError> {
        let mut out = Vec::new();
        for m in Metric::ALL {
            if m == Metric::SessionVolume {
                continue;
            }
            if let Some(head) = self.head(user, ex, m)? {
                out.push((m.code(), head));
            }
        }
        Ok(out)
    }

    /// The newest log entry of one metric.
    pub fn head(&self, user: u128, ex: &str, m: Metric) -> Result<Option<Head>, AppError> {
        head_of(&*self.tx.hot().an_record_log()?, user, ex, m)
    }

    /// When the newest record of one exercise was set (the newest log entry of any metric).
    pub fn newest_record_at(&self, user: u128, ex: &str) -> Result<Option<(i64, u128)>, AppError> {
        let mut newest = None;
        for m in Metric::ALL {
            newest = newest.max(self.head(user, ex, m)?.map(|(_, at)| at));
        }
        Ok(newest)
    }

    /// The best value set strictly before `(at, id)`: the newest record logged before it.
    pub fn best_before(
        &self,
        user: u128,
        ex: &str,
        m: Metric,
        before: (i64, u128),
    ) -> Result<Option<u64>, AppError> {
        let c = m.code();
        let log = self.tx.hot().an_record_log()?;
        let last = log
            .range((user, ex, c, i64::MIN, 0)..(user, ex, c, before.0, before.1))?
            .next_back()
            .transpose()?;
        Ok(last.map(|(_, v)| v.value().0))
    }

    /// Removes the records of `m` logged at or after `from`.
    pub fn clear_log_from(
        &mut self,
        user: u128,
        ex: &str,
        m: Metric,
        from: (i64, u128),
    ) -> Result<(), AppError> {
        let c = m.code();
        let mut gone = Vec::new();
        let mut log = self.tx.hot().an_record_log()?;
        for row in log.range((user, ex, c, from.0, from.1)..=(user, ex, c, i64::MAX, u128::MAX))? {
            let (k, _) = row?;
            let (_, _, _, at, id) = k.value();
            gone.push((at, id));
        }
        for (at, id) in gone {
            log.remove((user, ex, c, at, id))?;
            self.tx
                .hot()
                .an_recent_records()?
                .remove((user, at, id, c))?;
        }
        Ok(())
    }

    /// Logs a record, or changes the value of the one logged under the same key (a session
    /// whose volume record grows with each set); its entry among the recent records is the
    /// same then and is not written again.
    pub fn log_record(
        &mut self,
        user: u128,
        ex: &str,
        c: Contribution,
        previous: Option<u64>,
        workout: u128,
    ) -> Result<(), AppError> {
        let code = c.metric.code();
        let was = self
            .tx
            .hot()
            .an_record_log()?
            .insert(
                (user, ex, code, c.at, c.id),
                (c.value, previous.unwrap_or(NONE), workout),
            )?
            .is_some();
        if !was {
            self.tx
                .hot()
                .an_recent_records()?
                .insert((user, c.at, c.id, code), ex)?;
        }
        Ok(())
    }

    pub fn summary(&self, user: u128, ex: &str) -> Result<Option<RecordSummary>, AppError> {
        let records = self.tx.hot().an_records()?;
        let v = records.get((user, ex))?;
        v.map(|v| decode(v.value())).transpose()
    }

    pub fn put_summary(&mut self, user: u128, ex: &str, s: &RecordSummary) -> Result<(), AppError> {
        self.tx
            .hot()
            .an_records()?
            .insert((user, ex), encode(s).as_slice())?;
        Ok(())
    }

    pub fn remove_summary(&mut self, user: u128, ex: &str) -> Result<(), AppError> {
        self.tx.hot().an_records()?.remove((user, ex))?;
        Ok(())
    }

    /// One exercise's sessions started in `[from, to]`, oldest first.
    pub fn exercise_sessions(
        &self,
        user: u128,
        ex: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<(i64, u128, ExerciseSession)>, AppError> {
        sessions_between(self.tx, self.facts_table()?, user, ex, from, to)
    }

    /// Whether `ex` has a session (a finished workout with working sets of it) after the one
    /// at `(at, workout)`.
    pub fn session_after(
        &self,
        user: u128,
        ex: &str,
        at: i64,
        workout: u128,
    ) -> Result<bool, AppError> {
        let listed =
            self.tx
                .sessions(user, ex, (at, 0), (i64::MAX, u128::MAX), false, usize::MAX)?;
        for x in listed {
            if (x.started_at, x.workout) <= (at, workout) {
                continue;
            }
            if let Some(v) = self.facts_table()?.get((user, x.started_at, x.workout))? {
                let f: WorkoutFacts = decode(v.value())?;
                if f.session(ex).is_some_and(|s| s.sets > 0) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// A workout's facts, stored under its start `at`.
    pub fn facts(
        &self,
        user: u128,
        at: i64,
        workout: u128,
    ) -> Result<Option<WorkoutFacts>, AppError> {
        let v = self.facts_table()?.get((user, at, workout))?;
        v.map(|v| decode(v.value())).transpose()
    }

    pub fn put_facts(
        &mut self,
        user: u128,
        at: i64,
        workout: u128,
        f: Option<&WorkoutFacts>,
    ) -> Result<(), AppError> {
        match f {
            Some(f) => self
                .facts_mut()?
                .insert((user, at, workout), encode(f).as_slice())?,
            None => self.facts_mut()?.remove((user, at, workout))?,
        };
        Ok(())
    }
}

/// Every analysis row of a member as text, table by table in key order: what `gymbox analysis
/// rebuild` must reproduce from the history (a replay is compared with it). Stored records
/// show as their JSON with numbers to 9 significant digits: sums kept by adding and
/// subtracting differ from a fresh sum in the last bits.
pub fn rows_of(tx: &Snapshot, user: u128) -> Result<Vec<String>, AppError> {
    fn record<T: crate::storage::codec::Record>(bytes: &[u8]) -> String {
        let body = match decode::<T>(bytes) {
            Ok(r) => serde_json::to_string(&r).expect("records serialise to JSON"),
            Err(e) => return e.to_string(),
        };
        // Fractional numbers outside strings are rounded; integers (ids) stay exact.
        let text = body.as_str();
        let (mut out, mut number, mut in_string, mut escaped) =
            (String::new(), String::new(), false, false);
        let flush = |out: &mut String, number: &mut String| {
            if number.contains(['.', 'e', 'E']) {
                match number.parse::<f64>() {
                    Ok(f) => out.push_str(&format!("{f:.9e}")),
                    Err(_) => out.push_str(number),
                }
            } else {
                out.push_str(number);
            }
            number.clear();
        };
        for ch in text.chars() {
            if in_string {
                in_string = escaped || ch != '"';
                escaped = !escaped && ch == '\\';
                out.push(ch);
            } else if ch.is_ascii_digit() || matches!(ch, '.' | 'e' | 'E' | '+' | '-') {
                number.push(ch);
            } else {
                flush(&mut out, &mut number);
                in_string = ch == '"';
                out.push(ch);
            }
        }
        flush(&mut out, &mut number);
        out
    }
    fn each<K: redb::Key + 'static, V: redb::Value + 'static>(
        out: &mut Vec<String>,
        name: &str,
        rows: redb::Range<'_, K, V>,
        show: impl Fn(V::SelfType<'_>) -> String,
    ) -> Result<(), AppError>
    where
        for<'a> K::SelfType<'a>: std::fmt::Debug,
    {
        for row in rows {
            let (k, v) = row?;
            out.push(format!("{name} {:?} = {}", k.value(), show(v.value())));
        }
        Ok(())
    }
    let next = user.saturating_add(1);
    let mut out = Vec::new();
    each(
        &mut out,
        "log",
        tx.open_table(AN_RECORD_LOG)?
            .range((user, "", 0, i64::MIN, 0)..(next, "", 0, i64::MIN, 0))?,
        |v| format!("{v:?}"),
    )?;
    each(
        &mut out,
        "recent",
        tx.open_table(AN_RECENT_RECORDS)?
            .range((user, i64::MIN, 0, 0)..(next, i64::MIN, 0, 0))?,
        |v| v.to_owned(),
    )?;
    each(
        &mut out,
        "records",
        tx.open_table(AN_RECORDS)?.range((user, "")..(next, ""))?,
        record::<RecordSummary>,
    )?;
    each(
        &mut out,
        "facts",
        tx.open_table(AN_FACTS)?
            .range((user, i64::MIN, 0)..(next, i64::MIN, 0))?,
        record::<WorkoutFacts>,
    )?;
    Ok(out)
}

/// Removes every analysis row of a member (account deletion, or before a rebuild).
pub fn clear_user(tx: &Tx, user: u128) -> Result<(), AppError> {
    // UUIDv7 ids never reach u128::MAX, so `next` is the first key of the next member.
    let next = user.saturating_add(1);
    tx.hot().an_record_log()?.retain_in(
        (user, "", 0, i64::MIN, 0)..(next, "", 0, i64::MIN, 0),
        |_, _| false,
    )?;
    tx.hot()
        .an_recent_records()?
        .retain_in((user, i64::MIN, 0, 0)..(next, i64::MIN, 0, 0), |_, _| false)?;
    tx.hot()
        .an_records()?
        .retain_in((user, "")..(next, ""), |_, _| false)?;
    tx.open_table(AN_FACTS)?
        .retain_in((user, i64::MIN, 0)..(next, i64::MIN, 0), |_, _| false)?;
    Ok(())
}
