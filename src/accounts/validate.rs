//! Input rules for account fields. Each returns a `FieldError` a person can act on.

use crate::error::FieldError;

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;
pub const DISPLAY_NAME_MAX: usize = 64;
pub const BIO_MAX: usize = 500;
pub const EMAIL_MAX: usize = 254;
pub const TOKEN_NAME_MAX: usize = 64;

pub fn username(v: &str) -> Result<(), FieldError> {
    let n = v.chars().count();
    if !(USERNAME_MIN..=USERNAME_MAX).contains(&n) {
        return Err(FieldError::new(
            "username",
            format!("Use {USERNAME_MIN} to {USERNAME_MAX} characters."),
        ));
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(FieldError::new(
            "username",
            "Use only Latin letters, digits, '_', '.' and '-'.",
        ));
    }
    if !v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Err(FieldError::new(
            "username",
            "Start with a letter or a digit.",
        ));
    }
    Ok(())
}

pub fn email(v: &str) -> Result<(), FieldError> {
    let bad = || FieldError::new("email", "Enter an e-mail address like name@example.org.");
    if v.len() > EMAIL_MAX || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (local, domain) = v.rsplit_once('@').ok_or_else(bad)?;
    if local.is_empty()
        || domain.len() < 3
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains('@')
    {
        return Err(bad());
    }
    Ok(())
}

pub fn text(field: &str, v: &str, max: usize, allow_newlines: bool) -> Result<(), FieldError> {
    if v.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("Use at most {max} characters."),
        ));
    }
    if v.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t')))
    {
        return Err(FieldError::new(field, "Remove control characters."));
    }
    Ok(())
}

/// A time-zone name from the IANA database bundled into the binary (`Europe/Moscow`,
/// `America/Argentina/Buenos_Aires`, `UTC`), returned in the database's own spelling so that
/// `europe/moscow` is stored as `Europe/Moscow`.
pub fn timezone(v: &str) -> Result<String, FieldError> {
    let err = || {
        FieldError::new(
            "preferences.timezone",
            "Use an IANA time-zone name such as Europe/Moscow or UTC.",
        )
    };
    // Names are short ASCII; anything else is not worth a database lookup.
    if v.is_empty() || v.len() > 64 || !v.is_ascii() {
        return Err(err());
    }
    let tz = jiff::tz::db().get(v).map_err(|_| err())?;
    Ok(tz.iana_name().unwrap_or(v).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(username("alice").is_ok());
        assert!(username("Al.ice_9-x").is_ok());
        assert!(username("ab").is_err());
        assert!(username(&"a".repeat(33)).is_err());
        assert!(username("алиса").is_err());
        assert!(username("_alice").is_err());
        assert!(username("a b c").is_err());
    }

    #[test]
    fn emails_and_zones() {
        assert!(email("a@b.co").is_ok());
        assert!(email("a@b").is_err());
        assert!(email("@b.co").is_err());
        assert!(email("a b@c.de").is_err());
        assert_eq!(timezone("Europe/Moscow").unwrap(), "Europe/Moscow");
        assert_eq!(timezone("europe/moscow").unwrap(), "Europe/Moscow");
        assert_eq!(timezone("UTC").unwrap(), "UTC");
        assert!(timezone("Etc/GMT+3").is_ok());
        assert!(timezone("America/Argentina/Buenos_Aires").is_ok());
        assert!(timezone("Mars/Olympus").is_err());
        assert!(timezone("../etc/passwd").is_err());
        assert!(timezone("/etc/localtime").is_err());
        assert!(timezone("").is_err());
    }
}
