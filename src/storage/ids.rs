//! Identifiers: UUIDv7 (time-ordered) stored as `u128`, shown to clients as opaque strings.

use uuid::Uuid;

/// A new time-ordered id.
pub fn new_id() -> u128 {
    Uuid::now_v7().as_u128()
}

/// The wire form of an id (32 lowercase hex digits).
pub fn to_string(id: u128) -> String {
    IdText::of(id).as_str().to_owned()
}

/// The wire form of an id without an allocation.
#[derive(Clone, Copy)]
pub struct IdText([u8; uuid::fmt::Simple::LENGTH]);

impl IdText {
    pub fn of(id: u128) -> Self {
        // Encoded into a buffer rather than through `Display`: every listed row carries a few
        // ids.
        let mut buf = [0u8; uuid::fmt::Simple::LENGTH];
        Uuid::from_u128(id).simple().encode_lower(&mut buf);
        Self(buf)
    }

    pub fn as_str(&self) -> &str {
        // Only lowercase hex digits are ever written.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The text's bytes: lowercase hex digits only.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Parses the wire form of an id; `None` for anything that is not one.
pub fn parse(s: &str) -> Option<u128> {
    Uuid::try_parse(s).ok().map(|u| u.as_u128())
}

/// Current time as unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_wire_form_is_32_lowercase_hex_digits_and_parses_back() {
        for id in [
            0u128,
            1,
            u128::MAX,
            super::new_id(),
            0x0123_4567_89ab_cdef << 64,
        ] {
            let s = super::to_string(id);
            assert_eq!(s, format!("{id:032x}"));
            assert_eq!(super::parse(&s), Some(id));
            assert_eq!(super::IdText::of(id).as_str(), s);
        }
    }
}
