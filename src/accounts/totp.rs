//! TOTP (RFC 6238: SHA-1, 6 digits, 30 s, ±1 step) and recovery codes.

use rand::RngCore;
use totp_rs::{Algorithm, Secret, Totp as Generator};

use super::model::Totp;
use super::tokens;

pub const ISSUER: &str = "Gymbox";

fn generator(secret_b32: &str, account: &str) -> Option<Generator> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', "_"))
        .build()
        .ok()
}

/// A fresh 160-bit secret in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

pub fn otpauth_url(secret_b32: &str, account: &str) -> String {
    generator(secret_b32, account)
        .and_then(|g| g.to_url().ok())
        .unwrap_or_default()
}

/// The step of a valid code newer than `last_step`, so each code works once.
pub fn check(totp: &Totp, code: &str, now: i64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let g = generator(&totp.secret_b32, "x")?;
    g.check(&code, u64::try_from(now).ok()?)
        .filter(|&step| step > totp.last_step)
}

/// The current code (tests and the CLI use it).
pub fn current_code(secret_b32: &str, now: i64) -> String {
    generator(secret_b32, "x")
        .map(|g| g.generate(u64::try_from(now).unwrap_or(0)).to_string())
        .unwrap_or_default()
}

/// Ten new recovery codes (shown once) and their hashes (stored).
pub fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..10)
        .map(|_| {
            let c = tokens::random_code(10);
            format!("{}-{}", &c[..5], &c[5..])
        })
        .collect();
    let hashes = codes
        .iter()
        .map(|c| tokens::hash_hex(&normalize(c)))
        .collect();
    (codes, hashes)
}

pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Uses a recovery code: removes it and returns true when it matched.
pub fn take_recovery_code(totp: &mut Totp, code: &str) -> bool {
    let h = tokens::hash_hex(&normalize(code));
    let before = totp.recovery_hashes.len();
    totp.recovery_hashes.retain(|x| *x != h);
    totp.recovery_hashes.len() < before
}

/// Uses `code` once: a current authenticator code newer than the last one accepted, or a
/// recovery code. Changes `totp` (the caller writes it back in the same transaction that
/// read it) and returns true when the code was good.
pub fn use_code(totp: &mut Totp, code: &str, now: i64) -> bool {
    if let Some(step) = check(totp, code, now) {
        totp.last_step = step;
        true
    } else {
        take_recovery_code(totp, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_work_once() {
        let secret = new_secret();
        let mut t = Totp {
            secret_b32: secret.clone(),
            enabled: true,
            ..Default::default()
        };
        let now = 1_800_000_000;
        let code = current_code(&secret, now);
        let step = check(&t, &code, now).expect("current code is valid");
        t.last_step = step;
        assert!(check(&t, &code, now).is_none(), "a code cannot be replayed");
        assert!(
            check(&t, "000000", now + 3600).is_none()
                || current_code(&secret, now + 3600) == "000000"
        );
        assert!(otpauth_url(&secret, "alice").starts_with("otpauth://totp/Gymbox:alice?"));
        let (codes, hashes) = new_recovery_codes();
        t.recovery_hashes = hashes;
        assert!(take_recovery_code(&mut t, &codes[3].to_uppercase()));
        assert!(!take_recovery_code(&mut t, &codes[3]));
        assert_eq!(t.recovery_hashes.len(), 9);
    }

    #[test]
    fn use_code_takes_each_code_once() {
        let secret = new_secret();
        let (codes, hashes) = new_recovery_codes();
        let mut t = Totp {
            secret_b32: secret.clone(),
            enabled: true,
            recovery_hashes: hashes,
            last_step: 0,
        };
        let now = 1_800_000_000;
        let code = current_code(&secret, now);
        assert!(use_code(&mut t, &code, now));
        assert!(!use_code(&mut t, &code, now), "the step is used up");
        let next = current_code(&secret, now + 30);
        assert!(use_code(&mut t, &next, now), "the next step is newer");
        assert!(use_code(&mut t, &codes[0], now));
        assert!(
            !use_code(&mut t, &codes[0], now),
            "a recovery code is used up"
        );
        assert_eq!(t.recovery_hashes.len(), 9);
        assert!(!use_code(&mut t, "not-a-code", now));
    }
}
