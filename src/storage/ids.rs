//! Identifiers: UUIDv7 (time-ordered) stored as `u128`, shown to clients as opaque strings.

use uuid::Uuid;

/// A new time-ordered id.
pub fn new_id() -> u128 {
    Uuid::now_v7().as_u128()
}

/// The wire form of an id.
pub fn to_string(id: u128) -> String {
    Uuid::from_u128(id).simple().to_string()
}

/// Parses the wire form of an id; `None` for anything that is not one.
pub fn parse(s: &str) -> Option<u128> {
    Uuid::try_parse(s).ok().map(|u| u.as_u128())
}

/// Current time as unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
