//! Stored records of the coaching domain.

use serde::{Deserialize, Serialize};

use crate::storage::codec::Record;

/// Where a relationship stands. Declined, withdrawn and ended relationships are removed.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The coach asked; the member has not answered. Gives no access.
    Pending,
    /// The member accepted (or an administrator created it): the coach coaches the member.
    Active,
}

/// A coach's request to coach a member, or their relationship once accepted.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: u128,
    pub coach_id: u128,
    pub member_id: u128,
    pub status: Status,
    /// Who created it: the coach (a request) or an administrator.
    pub created_by: u128,
    pub created_at: i64,
    /// When it became active.
    #[serde(default)]
    pub since: Option<i64>,
    /// When a pending request lapses unanswered.
    #[serde(default)]
    pub expires_at: Option<i64>,
}

impl Record for Relationship {
    const FORMAT: u8 = 1;
}

impl Relationship {
    /// Whether it lets the coach act for the member at `now`.
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// A pending request that lapsed unanswered (gives nothing, and is replaced by a new one).
    pub fn is_expired(&self, now: i64) -> bool {
        self.status == Status::Pending && self.expires_at.is_some_and(|e| e <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_request_lapses_and_an_active_relationship_does_not() {
        let mut r = Relationship {
            id: 1,
            coach_id: 2,
            member_id: 3,
            status: Status::Pending,
            created_by: 2,
            created_at: 0,
            since: None,
            expires_at: Some(100),
        };
        assert!(!r.is_expired(99));
        assert!(r.is_expired(100));
        assert!(!r.is_active(), "a request gives nothing");
        r.status = Status::Active;
        assert!(!r.is_expired(1_000));
        assert!(r.is_active());
    }
}
