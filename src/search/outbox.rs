//! The search outbox: every write that changes an indexed entity adds a row here in the SAME
//! redb transaction; the indexer drains it into Tantivy, then deletes the drained rows.

use redb::{ReadTransaction, ReadableTable, WriteTransaction};

use crate::error::AppError;
use crate::storage::ids::new_id;
use crate::storage::schema::SEARCH_OUTBOX;

/// What kind of entity a row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    User,
    Plan,
    Exercise,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Plan => "plan",
            Self::Exercise => "exercise",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "user" | "users" => Self::User,
            "plan" | "plans" => Self::Plan,
            "exercise" | "exercises" => Self::Exercise,
            _ => return None,
        })
    }
}

/// Notes that `kind:id` changed (created, updated or deleted).
pub fn enqueue(tx: &WriteTransaction, kind: Kind, id: &str) -> Result<(), AppError> {
    let row = format!("{}:{id}", kind.as_str());
    tx.open_table(SEARCH_OUTBOX)?
        .insert(new_id(), row.as_str())?;
    Ok(())
}

/// Up to `limit` pending rows, oldest first.
pub fn pending(tx: &ReadTransaction, limit: usize) -> Result<Vec<(u128, Kind, String)>, AppError> {
    let t = tx.open_table(SEARCH_OUTBOX)?;
    let mut out = Vec::new();
    for row in t.iter()? {
        let (k, v) = row?;
        if let Some((kind, id)) = v.value().split_once(':')
            && let Some(kind) = Kind::parse(kind)
        {
            out.push((k.value(), kind, id.to_owned()));
        }
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

pub fn remove(tx: &WriteTransaction, keys: &[u128]) -> Result<(), AppError> {
    let mut t = tx.open_table(SEARCH_OUTBOX)?;
    for k in keys {
        t.remove(*k)?;
    }
    Ok(())
}
