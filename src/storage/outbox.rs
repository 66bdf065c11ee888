//! The outbox: work that must follow a committed write but must not hold it up (search
//! indexing today; notifications next). A write adds rows in the SAME redb transaction as the
//! change; each consumer drains its own rows after commit, and deletes them only once done,
//! so a crash in between repeats work (consumers are idempotent) but never loses it.

use redb::ReadTransaction;

use super::Tx;

use super::ids::new_id;
use super::schema::OUTBOX;
use crate::error::AppError;

/// Who drains a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumer {
    /// The search indexer: payload `kind:id` of a changed user, plan, exercise or club.
    Search,
}

impl Consumer {
    fn code(self) -> u8 {
        match self {
            Consumer::Search => 1,
        }
    }
}

/// What kind of entity changed (created, updated or deleted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    User,
    Plan,
    Exercise,
    Club,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Plan => "plan",
            Self::Exercise => "exercise",
            Self::Club => "club",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "user" | "users" => Self::User,
            "plan" | "plans" => Self::Plan,
            "exercise" | "exercises" => Self::Exercise,
            "club" | "clubs" => Self::Club,
            _ => return None,
        })
    }
}

/// Notes in `tx` that an entity changed, for every consumer that follows entities.
pub fn entity_changed(tx: &Tx, entity: Entity, id: &str) -> Result<(), AppError> {
    enqueue(tx, Consumer::Search, &format!("{}:{id}", entity.as_str()))
}

thread_local! {
    /// Rows this thread has added (a write runs on one thread from start to end, so the
    /// difference across it says whether it gave a consumer work).
    static ENQUEUED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many rows this thread has added so far.
pub fn enqueued() -> u64 {
    ENQUEUED.with(std::cell::Cell::get)
}

/// Adds a row for `consumer` in the caller's write transaction.
pub fn enqueue(tx: &Tx, consumer: Consumer, payload: &str) -> Result<(), AppError> {
    tx.open_table(OUTBOX)?
        .insert((consumer.code(), new_id()), payload)?;
    ENQUEUED.with(|n| n.set(n.get() + 1));
    Ok(())
}

/// Up to `limit` of `consumer`'s pending rows, oldest first.
pub fn pending(
    tx: &ReadTransaction,
    consumer: Consumer,
    limit: usize,
) -> Result<Vec<(u128, String)>, AppError> {
    let t = tx.open_table(OUTBOX)?;
    let c = consumer.code();
    let mut out = Vec::new();
    for row in t.range((c, 0)..=(c, u128::MAX))?.take(limit) {
        let (k, v) = row?;
        out.push((k.value().1, v.value().to_owned()));
    }
    Ok(out)
}

/// Deletes rows `consumer` has finished.
pub fn remove(tx: &Tx, consumer: Consumer, keys: &[u128]) -> Result<(), AppError> {
    let mut t = tx.open_table(OUTBOX)?;
    for k in keys {
        t.remove((consumer.code(), *k))?;
    }
    Ok(())
}
