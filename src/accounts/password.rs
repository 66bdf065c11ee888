//! Password hashing (argon2id with reused, bounded memory) and the password rules (NIST SP
//! 800-63B).

use std::collections::HashSet;
use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Block, Params, PasswordHasher, Version};
use rand::RngCore;
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

/// The parameters of new hashes: the crate defaults, OWASP's recommendation (argon2id,
/// m=19 MiB, t=2, p=1).
fn params() -> Params {
    Params::DEFAULT
}

/// argon2 working memory for the default parameters (19 MiB).
fn new_memory() -> Vec<Block> {
    vec![Block::new(); params().block_count()]
}

/// Hashes and verifies passwords off the async workers, at most `permits` at a time, so a
/// burst of logins queues here instead of starving other requests.
///
/// Each permit owns one set of argon2 memory blocks, allocated once and reused, so a login
/// storm costs `permits` × 19 MiB however long it lasts, instead of a fresh 19 MiB
/// allocation per attempt that the allocator keeps around in per-thread arenas.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Idle working memory; never more sets than permits.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// A hash of a random password, verified when the account does not exist so that the
    /// failure takes as long as a wrong password.
    dummy: Arc<String>,
}

impl Hasher {
    pub fn new(permits: usize) -> Self {
        let mut memory = new_memory();
        let dummy = hash_with(
            crate::accounts::tokens::random_token("x").as_bytes(),
            &mut memory,
        )
        .expect("hashing a random password works");
        Self {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            memory: Arc::new(Mutex::new(vec![memory])),
            dummy: Arc::new(dummy),
        }
    }

    /// Runs `f` on the blocking pool with a permit and a set of working memory. The permit
    /// travels with the memory, so a cancelled request cannot free its permit while its
    /// blocking work still holds the memory.
    async fn with_memory<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let taken = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut memory = taken.unwrap_or_else(new_memory);
            let out = f(&mut memory);
            pool.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
            drop(permit);
            out
        })
        .await
        .map_err(AppError::from)
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.with_memory(move |memory| hash_with(password.as_bytes(), memory))
            .await?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when `hash` is `None`
    /// (always false then), taking the same time either way.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let dummy = self.dummy.clone();
        self.with_memory(move |memory| {
            let real = hash.is_some();
            let h = hash.unwrap_or_else(|| dummy.to_string());
            verify_with(password.as_bytes(), &h, memory) && real
        })
        .await
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("password hashing failed: {e}"))
}

/// A new argon2id PHC string for `password`, computed in `memory`.
fn hash_with(password: &[u8], memory: &mut [Block]) -> Result<String, AppError> {
    let params = params();
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password, &salt, &mut out, memory)
        .map_err(internal)?;
    let phc = PasswordHash {
        algorithm: ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(internal)?,
        salt: Some(Salt::new(&salt).map_err(internal)?),
        hash: Some(Output::new(&out).map_err(internal)?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the PHC string `phc` (any argon2 variant, version and
/// parameters); uses `memory` when it is large enough, else a one-off buffer.
fn verify_with(password: &[u8], phc: &str, memory: &mut [Block]) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let needed = params.block_count();
    let mut spare = Vec::new();
    let blocks = if needed <= memory.len() {
        memory
    } else {
        spare.resize(needed, Block::new());
        spare.as_mut_slice()
    };
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password, salt, &mut out, blocks)
        .is_ok()
        && subtle::ConstantTimeEq::ct_eq(out.as_slice(), expected.as_bytes()).into()
}

/// argon2id with the crate's own memory handling (benches and fixtures; the server uses
/// `Hasher`).
pub fn hash_now(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(internal)
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
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
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

    #[tokio::test]
    async fn existing_phc_hashes_still_verify() {
        let h = Hasher::new(1);
        // Made by the argon2 crate itself, with its defaults and with other parameters.
        let default = hash_now("correct horse battery").unwrap();
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(32 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"correct horse battery")
        .unwrap()
        .to_string();
        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(8 * 1024, 3, 1, None).unwrap(),
        )
        .hash_password(b"correct horse battery")
        .unwrap()
        .to_string();
        for phc in [default, bigger, argon2i] {
            assert!(
                h.verify("correct horse battery".into(), Some(phc.clone()))
                    .await
                    .unwrap(),
                "{phc}"
            );
            assert!(
                !h.verify("correct horse batter".into(), Some(phc.clone()))
                    .await
                    .unwrap(),
                "{phc}"
            );
        }
        assert!(
            !h.verify("x".into(), Some("not a hash".into()))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn working_memory_is_reused_not_reallocated() {
        let h = Hasher::new(2);
        let hash = h.hash("correct horse battery".into()).await.unwrap();
        let checks: Vec<_> = (0..8)
            .map(|_| {
                let (h, hash) = (h.clone(), hash.clone());
                tokio::spawn(
                    async move { h.verify("correct horse battery".into(), Some(hash)).await },
                )
            })
            .collect();
        for c in checks {
            assert!(c.await.unwrap().unwrap());
        }
        let sets = h.memory.lock().unwrap().len();
        assert!((1..=2).contains(&sets), "{sets} memory sets for 2 permits");
    }
}
