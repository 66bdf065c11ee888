//! The only code that names the track tables.

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::ReadableTable;

use super::Track;
use crate::error::AppError;
use crate::storage::schema::{TR_TRACKS, TR_USER_TRACKS};

pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(TR_TRACKS)?;
    tx.open_table(TR_USER_TRACKS)?;
    Ok(())
}

fn corrupt(e: String) -> AppError {
    AppError::Internal(format!("corrupt stored track: {e}"))
}

pub fn track(tx: &Snapshot, workout: u128) -> Result<Option<Track>, AppError> {
    let t = tx.open_table(TR_TRACKS)?;
    t.get(workout)?
        .map(|v| Track::unpack(v.value()).map_err(corrupt))
        .transpose()
}

/// Keeps the track of `user`'s `workout` (replacing one it had).
pub fn put(tx: &Tx, user: u128, workout: u128, track: &Track) -> Result<(), AppError> {
    tx.open_table(TR_TRACKS)?
        .insert(workout, track.pack().as_slice())?;
    tx.open_table(TR_USER_TRACKS)?.insert((user, workout), ())?;
    Ok(())
}

/// A member's tracks, by workout id.
pub fn tracks_of(tx: &Snapshot, user: u128) -> Result<Vec<(u128, Track)>, AppError> {
    let items = tx.open_table(TR_TRACKS)?;
    let mut out = Vec::new();
    for row in tx
        .open_table(TR_USER_TRACKS)?
        .range((user, 0)..=(user, u128::MAX))?
    {
        let w = row?.0.value().1;
        if let Some(v) = items.get(w)? {
            out.push((w, Track::unpack(v.value()).map_err(corrupt)?));
        }
    }
    Ok(out)
}

pub fn delete(tx: &Tx, user: u128, workout: u128) -> Result<(), AppError> {
    tx.open_table(TR_TRACKS)?.remove(workout)?;
    tx.open_table(TR_USER_TRACKS)?.remove((user, workout))?;
    Ok(())
}

/// Removes every track of a member (account deletion).
pub fn delete_user(tx: &Tx, user: u128) -> Result<(), AppError> {
    let ids: Vec<u128> = tx
        .open_table(TR_USER_TRACKS)?
        .range((user, 0)..=(user, u128::MAX))?
        .map(|r| r.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    let mut items = tx.open_table(TR_TRACKS)?;
    for id in ids {
        items.remove(id)?;
    }
    tx.open_table(TR_USER_TRACKS)?
        .retain_in((user, 0)..=(user, u128::MAX), |_, _| false)?;
    Ok(())
}
