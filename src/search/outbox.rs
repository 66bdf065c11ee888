//! The search indexer's view of the outbox (`storage::outbox`): which users, plans and
//! exercises changed since the index last saw them.

use crate::storage::Snapshot;
use crate::storage::Tx;

use crate::error::AppError;
use crate::storage::outbox::{self, Consumer};

/// What kind of entity a row names.
pub use crate::storage::outbox::Entity as Kind;

/// Up to `limit` pending rows, oldest first.
pub fn pending(tx: &Snapshot, limit: usize) -> Result<Vec<(u128, Kind, String)>, AppError> {
    let mut out = Vec::new();
    for (key, payload) in outbox::pending(tx, Consumer::Search, limit)? {
        if let Some((kind, id)) = payload.split_once(':')
            && let Some(kind) = Kind::parse(kind)
        {
            out.push((key, kind, id.to_owned()));
        }
    }
    Ok(out)
}

pub fn remove(tx: &Tx, keys: &[u128]) -> Result<(), AppError> {
    outbox::remove(tx, Consumer::Search, keys)
}
