//! The only code that names the coaching tables.

use crate::storage::Snapshot;
use crate::storage::Tx;
use redb::ReadableTable;

use super::model::Relationship;
use crate::error::AppError;
use crate::storage::codec::{decode, encode};
use crate::storage::schema::{COACH_TO_COACHING, COACHING, COACHING_PAIRS, MEMBER_TO_COACHING};

/// Reads through either kind of transaction.
pub trait Reader {
    /// A relationship (or request) by id.
    fn relationship(&self, id: u128) -> Result<Option<Relationship>, AppError>;

    /// The current request or relationship of a coach and a member.
    fn of_pair(&self, coach: u128, member: u128) -> Result<Option<Relationship>, AppError>;

    /// Ids of a coach's requests and relationships, oldest first.
    fn of_coach(&self, coach: u128) -> Result<Vec<u128>, AppError>;

    /// Ids of a member's requests and relationships, oldest first.
    fn of_member(&self, member: u128) -> Result<Vec<u128>, AppError>;
}

macro_rules! reader_impl {
    ($tx:ty) => {
        impl Reader for $tx {
            fn relationship(&self, id: u128) -> Result<Option<Relationship>, AppError> {
                let t = self.open_table(COACHING)?;
                let v = t.get(id)?;
                v.map(|v| decode(v.value())).transpose()
            }

            fn of_pair(&self, coach: u128, member: u128) -> Result<Option<Relationship>, AppError> {
                let id = {
                    let t = self.open_table(COACHING_PAIRS)?;
                    let v = t.get((coach, member))?;
                    v.map(|v| v.value())
                };
                match id {
                    Some(id) => self.relationship(id),
                    None => Ok(None),
                }
            }

            fn of_coach(&self, coach: u128) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(COACH_TO_COACHING)?;
                let mut out = Vec::new();
                for row in t.range((coach, 0)..=(coach, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }

            fn of_member(&self, member: u128) -> Result<Vec<u128>, AppError> {
                let t = self.open_table(MEMBER_TO_COACHING)?;
                let mut out = Vec::new();
                for row in t.range((member, 0)..=(member, u128::MAX))? {
                    out.push(row?.0.value().1);
                }
                Ok(out)
            }
        }
    };
}
reader_impl!(Snapshot);
reader_impl!(Tx<'_>);

/// Stores a relationship with its pair and index rows (a new one or a changed status).
pub fn put(tx: &Tx, r: &Relationship) -> Result<(), AppError> {
    tx.open_table(COACHING)?
        .insert(r.id, encode(r).as_slice())?;
    tx.open_table(COACHING_PAIRS)?
        .insert((r.coach_id, r.member_id), r.id)?;
    tx.open_table(COACH_TO_COACHING)?
        .insert((r.coach_id, r.id), ())?;
    tx.open_table(MEMBER_TO_COACHING)?
        .insert((r.member_id, r.id), ())?;
    Ok(())
}

/// Removes a relationship (declined, withdrawn, ended) with its pair and index rows.
pub fn delete(tx: &Tx, r: &Relationship) -> Result<(), AppError> {
    tx.open_table(COACHING)?.remove(r.id)?;
    let mut pairs = tx.open_table(COACHING_PAIRS)?;
    if pairs
        .get((r.coach_id, r.member_id))?
        .is_some_and(|v| v.value() == r.id)
    {
        pairs.remove((r.coach_id, r.member_id))?;
    }
    tx.open_table(COACH_TO_COACHING)?
        .remove((r.coach_id, r.id))?;
    tx.open_table(MEMBER_TO_COACHING)?
        .remove((r.member_id, r.id))?;
    Ok(())
}

/// Creates the coaching tables (a new database, or the migration to schema version 7).
pub fn create_tables(tx: &Tx) -> Result<(), redb::TableError> {
    tx.open_table(COACHING)?;
    tx.open_table(COACHING_PAIRS)?;
    tx.open_table(COACH_TO_COACHING)?;
    tx.open_table(MEMBER_TO_COACHING)?;
    Ok(())
}
