//! Password hashing (argon2id, bounded) and the password rules (NIST SP 800-63B).

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::error::{AppError, FieldError};

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// Checks a new password: length in characters, not a common password, not the username.
pub fn check_rules(field: &str, password: &str, username: &str) -> Result<(), AppError> {
    let len = password.chars().count();
    let msg = if len < MIN_LEN {
        format!("Use at least {MIN_LEN} characters; a few words make a good passphrase.")
    } else if len > MAX_LEN {
        format!("Use at most {MAX_LEN} characters.")
    } else if is_common(password) {
        "This password is among the most common ones; choose another.".to_owned()
    } else if username.chars().count() >= 3
        && password.to_lowercase().contains(&username.to_lowercase())
    {
        "The password must not contain the username.".to_owned()
    } else {
        return Ok(());
    };
    Err(AppError::Validation(vec![FieldError::new(field, msg)]))
}

fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return true;
    }
    // One character repeated, e.g. "aaaaaaaaaaaa".
    let mut chars = lower.chars();
    let first = chars.next();
    first.is_some() && chars.all(|c| Some(c) == first)
}

/// Hashes and verifies passwords off the async workers, at most `permits` at a time, so a
/// burst of logins queues here instead of starving other requests.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified when the account does not exist so that the
    /// failure takes as long as a wrong password.
    dummy: Arc<String>,
}

impl Hasher {
    pub fn new(permits: usize) -> Self {
        let dummy = hash_now(&crate::accounts::tokens::random_token("x"))
            .expect("hashing a random password works");
        Self {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            dummy: Arc::new(dummy),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_now(&password)).await?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when `hash` is `None`
    /// (always false then), taking the same time either way.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let dummy = self.dummy.clone();
        tokio::task::spawn_blocking(move || {
            let real = hash.is_some();
            let h = hash.unwrap_or_else(|| dummy.to_string());
            let ok = PasswordHash::new(&h)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false);
            ok && real
        })
        .await
        .map_err(AppError::from)
    }
}

/// argon2id with the crate defaults, which are OWASP's recommendation (m=19 MiB, t=2, p=1).
pub fn hash_now(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(check_rules("password", "short", "bob").is_err());
        assert!(check_rules("password", "Password123", "bob").is_err());
        assert!(check_rules("password", "aaaaaaaaaaaaaa", "bob").is_err());
        assert!(check_rules("password", "my-alice-is-great", "alice").is_err());
        assert!(check_rules("password", "correct horse battery", "bob").is_ok());
        assert!(check_rules("password", "пароль на русском", "bob").is_ok());
        assert!(check_rules("password", &"x".repeat(9).to_string(), "bob").is_err());
        assert!(check_rules("password", &"ab".repeat(200), "bob").is_err());
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let h = Hasher::new(2);
        let hash = h.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            h.verify("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !h.verify("wrong horse battery".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(!h.verify("anything".into(), None).await.unwrap());
    }
}
