//! The only code that names the feedback tables.

use crate::storage::Tx;
use redb::ReadableTable;

use super::{Feedback, Status};
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{FB_BY_AUTHOR, FB_BY_STATUS, FB_ITEMS};

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(FB_ITEMS)?;
    tx.open_table(FB_BY_STATUS)?;
    tx.open_table(FB_BY_AUTHOR)?;
    Ok(())
}

pub fn get(tx: &Tx, id: u128) -> Result<Option<Feedback>, AppError> {
    let t = tx.open_table(FB_ITEMS)?;
    t.get(id)?.map(|v| decode(v.value())).transpose()
}

/// Stores `new` (replacing `old`) with its index rows.
pub fn put(tx: &Tx, old: Option<&Feedback>, new: &Feedback) -> Result<(), AppError> {
    let mut by_status = tx.open_table(FB_BY_STATUS)?;
    if let Some(o) = old {
        by_status.remove((o.status.code(), o.id))?;
    }
    by_status.insert((new.status.code(), new.id), ())?;
    tx.open_table(FB_BY_AUTHOR)?
        .insert((new.author, new.id), ())?;
    tx.open_table(FB_ITEMS)?
        .insert(new.id, encode(new).as_slice())?;
    Ok(())
}

/// How many of a member's messages still have status `new`.
pub fn open_count(tx: &Tx, author: u128) -> Result<usize, AppError> {
    let items = tx.open_table(FB_ITEMS)?;
    let mut n = 0;
    for row in tx
        .open_table(FB_BY_AUTHOR)?
        .range((author, 0)..=(author, u128::MAX))?
        .rev()
    {
        let id = row?.0.value().1;
        if let Some(v) = items.get(id)? {
            let f: Feedback = decode(v.value())?;
            if f.status == Status::New {
                n += 1;
            }
        }
        if n >= super::MAX_OPEN_PER_MEMBER {
            break;
        }
    }
    Ok(n)
}

pub fn by_author(
    tx: &crate::storage::Snapshot,
    author: u128,
    before: Option<u128>,
    limit: usize,
) -> Result<Vec<Feedback>, AppError> {
    let items = tx.open_table(FB_ITEMS)?;
    let end = before.unwrap_or(u128::MAX);
    let mut out = Vec::new();
    for row in tx
        .open_table(FB_BY_AUTHOR)?
        .range((author, 0)..(author, end))?
        .rev()
        .take(limit)
    {
        let id = row?.0.value().1;
        if let Some(v) = items.get(id)? {
            out.push(decode(v.value())?);
        }
    }
    Ok(out)
}

pub fn by_status(
    tx: &crate::storage::Snapshot,
    status: Option<Status>,
    before: Option<u128>,
    limit: usize,
) -> Result<Vec<Feedback>, AppError> {
    let items = tx.open_table(FB_ITEMS)?;
    let end = before.unwrap_or(u128::MAX);
    let mut out = Vec::new();
    match status {
        Some(s) => {
            for row in tx
                .open_table(FB_BY_STATUS)?
                .range((s.code(), 0)..(s.code(), end))?
                .rev()
                .take(limit)
            {
                let id = row?.0.value().1;
                if let Some(v) = items.get(id)? {
                    out.push(decode(v.value())?);
                }
            }
        }
        None => {
            for row in items.range(..end)?.rev().take(limit) {
                out.push(decode(row?.1.value())?);
            }
        }
    }
    Ok(out)
}

/// Removes everything a member sent (account deletion).
pub fn delete_author(tx: &Tx, author: u128) -> Result<(), AppError> {
    let ids: Vec<u128> = tx
        .open_table(FB_BY_AUTHOR)?
        .range((author, 0)..=(author, u128::MAX))?
        .map(|r| r.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    let mut items = tx.open_table(FB_ITEMS)?;
    let mut by_status = tx.open_table(FB_BY_STATUS)?;
    let mut by_author = tx.open_table(FB_BY_AUTHOR)?;
    for id in ids {
        if let Some(v) = items.remove(id)? {
            let f: Feedback = decode(v.value())?;
            by_status.remove((f.status.code(), id))?;
        }
        by_author.remove((author, id))?;
    }
    Ok(())
}
