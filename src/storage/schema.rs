//! Every redb table of Gymbox, in one place. Only the domains' `store` modules use them.
//!
//! Ids are UUIDv7 as `u128`; values are `codec`-encoded records unless noted.

use redb::TableDefinition;

/// "schema_version" → u64. Also holds other small counters.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// Instance settings changed at run time: key → codec-encoded value.
pub const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");

/// user_id → `accounts::model::User`.
pub const USERS: TableDefinition<u128, &[u8]> = TableDefinition::new("users");

/// lower-cased username → user_id (unique; ordered, so prefix search is a range scan).
pub const USERNAME_TO_USER: TableDefinition<&str, u128> = TableDefinition::new("username_to_user");

/// lower-cased e-mail → user_id (unique). Added in schema version 2.
pub const EMAIL_TO_USER: TableDefinition<&str, u128> = TableDefinition::new("email_to_user");

/// session_id → `accounts::model::Session` (browser sessions and personal API tokens).
pub const SESSIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("sessions");

/// SHA-256 of the secret token → session_id. The secret itself is never stored.
pub const TOKEN_HASH_TO_SESSION: TableDefinition<&[u8; 32], u128> =
    TableDefinition::new("token_hash_to_session");

/// (user_id, session_id) → () — one user's sessions and tokens, oldest first.
pub const USER_TO_SESSIONS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("user_to_sessions");

/// invite code → `accounts::model::Invite`.
pub const INVITES: TableDefinition<&str, &[u8]> = TableDefinition::new("invites");

/// user_id → `accounts::model::Avatar` (content type + image bytes).
pub const AVATARS: TableDefinition<u128, &[u8]> = TableDefinition::new("avatars");
