//! The only code that names the usage tables.

use std::collections::HashMap;

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::ReadableTable;

use super::Cohort;
use crate::analysis::rules::{Day, month_start, next_month_start, week_start};
use crate::error::AppError;
use crate::events::Feature;
use crate::storage::schema::{US_COHORTS, US_COUNTS, US_SEEN, US_WEEKS};

const DAY: u8 = 0;
const WEEK: u8 = 1;
const MONTH: u8 = 2;
/// The cohort key's month for its size, and the key of all members.
const SIZE: i32 = i32::MIN;

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(US_COUNTS)?;
    tx.open_table(US_SEEN)?;
    tx.open_table(US_WEEKS)?;
    tx.open_table(US_COHORTS)?;
    Ok(())
}

fn add<K: redb::Key + 'static>(
    t: &mut redb::Table<K, u64>,
    key: K::SelfType<'_>,
    by: i64,
) -> Result<(), AppError>
where
    for<'a> K::SelfType<'a>: Clone,
{
    let now = t.get(key.clone())?.map_or(0, |v| v.value());
    let next = now.saturating_add_signed(by);
    if next == 0 {
        t.remove(key)?;
    } else {
        t.insert(key, next)?;
    }
    Ok(())
}

/// One more use of a feature on `day`.
pub fn bump(tx: &Tx, day: Day, feature: u8) -> Result<(), AppError> {
    add(&mut *tx.hot().us_counts()?, (day, feature), 1)
}

/// A member joined in `month` (or left: `by` −1).
pub fn add_cohort_member(tx: &Tx, month: Day, by: i64) -> Result<(), AppError> {
    let mut t = tx.open_table(US_COHORTS)?;
    add(&mut t, (month, SIZE), by)?;
    add(&mut t, (SIZE, SIZE), by)
}

/// Marks `user` (who joined in the month starting `joined`) active on `day`: the first time
/// that day, week and month, each counts them once. The common case — already seen today —
/// is one point read.
pub fn mark_active(tx: &Tx, user: u128, day: Day, joined: Day) -> Result<(), AppError> {
    let mut seen = tx.hot().us_seen()?;
    if seen.get((user, DAY, day))?.is_some() {
        return Ok(());
    }
    seen.insert((user, DAY, day), ())?;
    bump(tx, day, Feature::Visit.code())?;
    let week = week_start(day, false);
    if seen.get((user, WEEK, week))?.is_none() {
        seen.insert((user, WEEK, week), ())?;
        add(&mut tx.open_table(US_WEEKS)?, week, 1)?;
    }
    let month = month_start(day);
    if seen.get((user, MONTH, month))?.is_none() {
        seen.insert((user, MONTH, month), ())?;
        add(&mut tx.open_table(US_COHORTS)?, (joined, month), 1)?;
    }
    Ok(())
}

/// Forgets a deleted member: their activity marks go, and they leave their cohort (its size
/// and the months they were active), so retention speaks of members who are still here. Days
/// and weeks already counted stay as they were.
pub fn forget(tx: &Tx, user: u128, joined: Day) -> Result<(), AppError> {
    let mut seen = tx.hot().us_seen()?;
    let months: Vec<i32> = seen
        .range((user, MONTH, i32::MIN)..=(user, MONTH, i32::MAX))?
        .map(|r| r.map(|(k, _)| k.value().2))
        .collect::<Result<_, _>>()?;
    {
        let mut cohorts = tx.open_table(US_COHORTS)?;
        for m in months {
            add(&mut cohorts, (joined, m), -1)?;
        }
    }
    add_cohort_member(tx, joined, -1)?;
    seen.retain_in((user, DAY, i32::MIN)..=(user, MONTH, i32::MAX), |_, _| {
        false
    })?;
    Ok(())
}

/// Counts of every feature on the days `from..=to`.
/// The newest day with counts, at most `up_to`.
pub fn latest_day(tx: &Snapshot, up_to: Day) -> Result<Option<Day>, AppError> {
    let t = tx.open_table(US_COUNTS)?;
    let newest = t.range(..=(up_to, u8::MAX))?.next_back().transpose()?;
    Ok(newest.map(|(k, _)| k.value().0))
}

pub fn counts(tx: &Snapshot, from: Day, to: Day) -> Result<HashMap<(Day, u8), u64>, AppError> {
    let mut out = HashMap::new();
    for row in tx.open_table(US_COUNTS)?.range((from, 0)..=(to, u8::MAX))? {
        let (k, v) = row?;
        out.insert(k.value(), v.value());
    }
    Ok(out)
}

/// Members active per week, for the weeks starting `from..=to` (every week, zeros included).
pub fn weeks(tx: &Snapshot, from: Day, to: Day) -> Result<Vec<(Day, u64)>, AppError> {
    let t = tx.open_table(US_WEEKS)?;
    let mut out = Vec::new();
    let mut w = from;
    while w <= to {
        out.push((w, t.get(w)?.map_or(0, |v| v.value())));
        w += 7;
    }
    Ok(out)
}

/// The `n` join-month cohorts up to the month starting `this_month`, oldest first.
pub fn cohorts(tx: &Snapshot, this_month: Day, n: usize) -> Result<Vec<Cohort>, AppError> {
    let t = tx.open_table(US_COHORTS)?;
    let mut months = vec![this_month];
    while months.len() < n {
        let first = months[0];
        months.insert(0, month_start(first - 1));
    }
    let mut out = Vec::new();
    for m in months {
        let members = t.get((m, SIZE))?.map_or(0, |v| v.value());
        let mut active = Vec::new();
        let mut month = m;
        while month <= this_month {
            active.push(t.get((m, month))?.map_or(0, |v| v.value()));
            month = next_month_start(month);
        }
        out.push(Cohort {
            month: m,
            members,
            active,
        });
    }
    Ok(out)
}

/// Members with an account now.
pub fn members(tx: &Snapshot) -> Result<u64, AppError> {
    Ok(tx
        .open_table(US_COHORTS)?
        .get((SIZE, SIZE))?
        .map_or(0, |v| v.value()))
}
