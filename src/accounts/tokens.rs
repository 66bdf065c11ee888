//! Secret tokens: random, shown once, stored only as SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Prefix of browser session tokens.
pub const SESSION_PREFIX: &str = "gbs";
/// Prefix of personal API tokens.
pub const API_TOKEN_PREFIX: &str = "gbt";

/// 256 random bits, base64url, with a prefix telling what the token is for.
pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}_{}", URL_SAFE_NO_PAD.encode(bytes))
}

pub fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

pub fn hash_hex(token: &str) -> String {
    hash(token).iter().map(|b| format!("{b:02x}")).collect()
}

/// A human-friendly code from an unambiguous alphabet, e.g. invite and recovery codes.
pub fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}
