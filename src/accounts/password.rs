//! Password hashing (argon2id with reused, bounded memory) and the password rules (NIST SP
//! 800-63B: length, a list of common passwords, and a strength estimate).

use std::collections::HashSet;
use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Block, Params, PasswordHasher, Version};
use rand::RngCore;
use tokio::sync::Semaphore;

use crate::error::{AppError, FieldError};

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;
/// The lowest zxcvbn score (0–4) a new password must reach: 3 means "safely unguessable"
/// (about 10^10 guesses).
pub const MIN_SCORE: u8 = 3;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// What a new password must not be built from: the person's own names and the gym's name.
#[derive(Debug, Clone, Copy, Default)]
pub struct Personal<'a> {
    pub username: &'a str,
    pub display_name: Option<&'a str>,
    pub email: Option<&'a str>,
    /// The instance name shown on the sign-in page.
    pub gym_name: &'a str,
}

impl Personal<'_> {
    /// Each value lower-cased, whole and split into its words: the names, the e-mail
    /// address and the part before its `@` (not the mail provider's name).
    fn words(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |w: String| {
            if !w.is_empty() && !out.contains(&w) {
                out.push(w);
            }
        };
        if let Some(e) = self.email {
            add(e.trim().to_lowercase());
        }
        let local = self.email.and_then(|e| e.trim().split('@').next());
        for value in [
            Some(self.username),
            self.display_name,
            local,
            Some(self.gym_name),
        ]
        .into_iter()
        .flatten()
        {
            let lower = value.trim().to_lowercase();
            for w in lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
            {
                add(w.to_owned());
            }
            add(lower);
        }
        out
    }
}

/// Checks a new password: length in characters, not a common password, not containing the
/// username, and not easy to guess by zxcvbn's estimate given the person's names and the gym's.
pub fn check_rules(field: &str, password: &str, who: &Personal<'_>) -> Result<(), AppError> {
    let len = password.chars().count();
    let username = who.username;
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
    } else if let Some(why) = too_guessable(password, who) {
        why
    } else {
        return Ok(());
    };
    Err(AppError::Validation(vec![FieldError::new(field, msg)]))
}

/// Why zxcvbn rates `password` below `MIN_SCORE`, as sentences a person can act on.
fn too_guessable(password: &str, who: &Personal<'_>) -> Option<String> {
    use zxcvbn::feedback::Suggestion;
    let words = who.words();
    let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return None;
    }
    let mut msg = String::from("This password would be easy to guess.");
    let lower = password.to_lowercase();
    if words
        .iter()
        .any(|w| w.chars().count() >= 3 && lower.contains(w.as_str()))
    {
        msg.push_str(" It is built from your name, your e-mail address or the gym's name.");
    } else if let Some(w) = estimate
        .feedback()
        .and_then(zxcvbn::feedback::Feedback::warning)
    {
        msg.push(' ');
        msg.push_str(&w.to_string());
    }
    let suggestions: Vec<String> = estimate
        .feedback()
        .map(|f| f.suggestions())
        .unwrap_or_default()
        .iter()
        .filter(|s| **s != Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters)
        .map(ToString::to_string)
        .collect();
    if suggestions.is_empty() {
        msg.push_str(" Add another word or two; uncommon words are best.");
    } else {
        for s in suggestions {
            msg.push(' ');
            msg.push_str(&s);
        }
    }
    Some(msg)
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
/// allocation per attempt that the allocator keeps around in per-thread arenas. After a
/// quiet spell the sets are given back ([`Hasher::release_idle`]), so a storm's memory does not
/// stay with the server.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Idle working memory; never more sets than permits.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// When a hash last finished (a monotonic clock).
    last_used: Arc<Mutex<std::time::Instant>>,
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
            last_used: Arc::new(Mutex::new(std::time::Instant::now())),
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
        let (pool, last_used) = (self.memory.clone(), self.last_used.clone());
        tokio::task::spawn_blocking(move || {
            let taken = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut memory = taken.unwrap_or_else(new_memory);
            let out = f(&mut memory);
            pool.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
            *last_used.lock().unwrap_or_else(|e| e.into_inner()) = std::time::Instant::now();
            drop(permit);
            out
        })
        .await
        .map_err(AppError::from)
    }

    /// Gives the idle working memory back when no password was hashed for `quiet`; the next
    /// sign-in allocates a set again (a few milliseconds). Returns the sets released.
    pub fn release_idle(&self, quiet: std::time::Duration) -> usize {
        if self
            .last_used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .elapsed()
            < quiet
        {
            return 0;
        }
        let released = std::mem::take(&mut *self.memory.lock().unwrap_or_else(|e| e.into_inner()));
        released.len()
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

    fn bob() -> Personal<'static> {
        Personal {
            username: "bob",
            ..Personal::default()
        }
    }

    fn message(password: &str, who: &Personal<'_>) -> String {
        match check_rules("password", password, who) {
            Err(AppError::Validation(v)) => v[0].message.clone(),
            other => panic!("{password:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn rules() {
        assert!(check_rules("password", "short", &bob()).is_err());
        assert!(check_rules("password", "Password123", &bob()).is_err());
        assert!(check_rules("password", "aaaaaaaaaaaaaa", &bob()).is_err());
        let alice = Personal {
            username: "alice",
            ..Personal::default()
        };
        assert!(check_rules("password", "my-alice-is-great", &alice).is_err());
        assert!(check_rules("password", "correct horse battery", &bob()).is_ok());
        assert!(check_rules("password", "пароль на русском", &bob()).is_ok());
        assert!(check_rules("password", &"x".repeat(9).to_string(), &bob()).is_err());
        assert!(check_rules("password", &"ab".repeat(200), &bob()).is_err());
    }

    #[test]
    fn easy_to_guess_passwords_are_refused_with_a_reason() {
        let msg = message("qwertyuiop12", &bob());
        assert!(
            msg.starts_with("This password would be easy to guess."),
            "{msg}"
        );
        assert!(msg.ends_with('.'), "{msg}");
        assert!(check_rules("password", "violet harbour kettle drum", &bob()).is_ok());
    }

    #[test]
    fn the_persons_and_the_gyms_names_count_as_easy_words() {
        let who = Personal {
            username: "dima77",
            display_name: Some("Dmitri Kuznetsov"),
            email: Some("dmitri.kuznetsov@example.org"),
            gym_name: "Riverside Barbell",
        };
        for password in ["riverside barbell", "dmitri.kuznetsov", "KuznetsovDmitri"] {
            let msg = message(password, &who);
            assert!(
                msg.contains("your name, your e-mail address or the gym's name"),
                "{msg}"
            );
            // Without knowing whose password it is, the same one passes the estimate.
            assert!(
                check_rules("password", password, &bob()).is_ok(),
                "{password} is only weak for this person"
            );
        }
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
        // Busy a moment ago: kept. Quiet for longer than asked: given back, and a later hash
        // still works.
        assert_eq!(h.release_idle(std::time::Duration::from_secs(3600)), 0);
        assert_eq!(h.release_idle(std::time::Duration::ZERO), sets);
        assert!(h.memory.lock().unwrap().is_empty());
        assert!(
            h.verify("correct horse battery".into(), Some(hash))
                .await
                .unwrap()
        );
        assert_eq!(h.memory.lock().unwrap().len(), 1);
    }
}
