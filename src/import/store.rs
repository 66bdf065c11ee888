//! The only code that names the import tables.

use crate::storage::Tx;
use redb::ReadableTable;

use super::Import;
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{IM_FINGERPRINTS, IM_IMPORTS, IM_MAPPINGS, IM_USER_IMPORTS};

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(IM_IMPORTS)?;
    tx.open_table(IM_USER_IMPORTS)?;
    tx.open_table(IM_MAPPINGS)?;
    tx.open_table(IM_FINGERPRINTS)?;
    Ok(())
}

pub fn import(tx: &crate::storage::Snapshot, id: u128) -> Result<Option<Import>, AppError> {
    let t = tx.open_table(IM_IMPORTS)?;
    t.get(id)?.map(|v| decode(v.value())).transpose()
}

pub fn import_w(tx: &Tx, id: u128) -> Result<Option<Import>, AppError> {
    let t = tx.open_table(IM_IMPORTS)?;
    t.get(id)?.map(|v| decode(v.value())).transpose()
}

pub fn put_import(tx: &Tx, i: &Import) -> Result<(), AppError> {
    tx.open_table(IM_IMPORTS)?
        .insert(i.id, encode(i).as_slice())?;
    tx.open_table(IM_USER_IMPORTS)?.insert((i.user, i.id), ())?;
    Ok(())
}

/// A member's imports, newest first.
pub fn imports_of(
    tx: &crate::storage::Snapshot,
    user: u128,
    before: Option<u128>,
    limit: usize,
) -> Result<Vec<Import>, AppError> {
    let items = tx.open_table(IM_IMPORTS)?;
    let mut out = Vec::new();
    for row in tx
        .open_table(IM_USER_IMPORTS)?
        .range((user, 0)..(user, before.unwrap_or(u128::MAX)))?
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

/// Imports left `applying` (by a server that stopped in the middle). Reads every import, so it
/// runs once at start, never on a request.
pub fn applying(tx: &crate::storage::Snapshot) -> Result<Vec<u128>, AppError> {
    let mut out = Vec::new();
    for row in tx.open_table(IM_IMPORTS)?.iter()? {
        let (k, v) = row?;
        let i: Import = decode(v.value())?;
        if i.status == super::Status::Applying {
            out.push(k.value());
        }
    }
    Ok(out)
}

pub fn mapping(
    tx: &crate::storage::Snapshot,
    user: u128,
    name: &str,
) -> Result<Option<String>, AppError> {
    Ok(tx
        .open_table(IM_MAPPINGS)?
        .get((user, name))?
        .map(|v| v.value().to_owned()))
}

pub fn put_mapping(tx: &Tx, user: u128, name: &str, exercise: &str) -> Result<(), AppError> {
    tx.open_table(IM_MAPPINGS)?.insert((user, name), exercise)?;
    Ok(())
}

pub fn fingerprint(
    tx: &crate::storage::Snapshot,
    user: u128,
    fp: u64,
) -> Result<Option<u128>, AppError> {
    Ok(tx
        .open_table(IM_FINGERPRINTS)?
        .get((user, fp))?
        .map(|v| v.value()))
}

pub fn fingerprint_w(tx: &Tx, user: u128, fp: u64) -> Result<Option<u128>, AppError> {
    Ok(tx
        .open_table(IM_FINGERPRINTS)?
        .get((user, fp))?
        .map(|v| v.value()))
}

pub fn put_fingerprint(
    tx: &Tx,
    user: u128,
    fp: u64,
    workout: Option<u128>,
) -> Result<(), AppError> {
    let mut t = tx.open_table(IM_FINGERPRINTS)?;
    match workout {
        Some(w) => t.insert((user, fp), w)?,
        None => t.remove((user, fp))?,
    };
    Ok(())
}

/// Removes everything import-related of a member (account deletion).
pub fn delete_user(tx: &Tx, user: u128) -> Result<(), AppError> {
    let ids: Vec<u128> = tx
        .open_table(IM_USER_IMPORTS)?
        .range((user, 0)..=(user, u128::MAX))?
        .map(|r| r.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    let mut items = tx.open_table(IM_IMPORTS)?;
    for id in ids {
        items.remove(id)?;
    }
    tx.open_table(IM_USER_IMPORTS)?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    tx.open_table(IM_FINGERPRINTS)?
        .retain_in((user, 0)..=(user, u64::MAX), |_, _| false)?;
    let mut names = Vec::new();
    for row in tx.open_table(IM_MAPPINGS)?.range((user, "")..)? {
        let (k, _) = row?;
        let (u, n) = k.value();
        if u != user {
            break;
        }
        names.push(n.to_owned());
    }
    let mut m = tx.open_table(IM_MAPPINGS)?;
    for n in names {
        m.remove((user, n.as_str()))?;
    }
    Ok(())
}
