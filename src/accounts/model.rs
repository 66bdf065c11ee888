//! Stored account records (never sent to clients as they are: see `api` for wire types).

use serde::{Deserialize, Serialize};

use crate::storage::codec::Record;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Coach,
    Admin,
    Owner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Coach => "coach",
            Self::Admin => "admin",
            Self::Owner => "owner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" => Self::Member,
            "coach" => Self::Coach,
            "admin" => Self::Admin,
            "owner" => Self::Owner,
            _ => return None,
        })
    }

    pub fn is_admin(self) -> bool {
        self >= Self::Admin
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Disabled,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    #[default]
    Metric,
    Imperial,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Ru,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

/// Profiles use the one visibility type of the access policy.
pub use crate::access::Visibility;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    #[serde(default)]
    pub units: Units,
    #[serde(default)]
    pub language: Language,
    #[serde(default = "default_tz")]
    pub timezone: String,
    #[serde(default)]
    pub week_start: WeekStart,
    /// Sessions a week the member aims for (weekly streaks count weeks that meet it).
    #[serde(default = "default_weekly_target")]
    pub weekly_target: u8,
}

/// The weekly target of a member who never chose one.
pub const DEFAULT_WEEKLY_TARGET: u8 = 3;

fn default_weekly_target() -> u8 {
    DEFAULT_WEEKLY_TARGET
}

fn default_tz() -> String {
    "UTC".to_owned()
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            units: Units::default(),
            language: Language::default(),
            timezone: default_tz(),
            week_start: WeekStart::default(),
            weekly_target: DEFAULT_WEEKLY_TARGET,
        }
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Privacy {
    #[serde(default = "Visibility::members")]
    pub profile_visibility: Visibility,
    #[serde(default = "yes")]
    pub searchable: bool,
}

fn yes() -> bool {
    true
}

impl Default for Privacy {
    fn default() -> Self {
        Self {
            profile_visibility: Visibility::members(),
            searchable: true,
        }
    }
}

/// TOTP second factor. `enabled` only after the user proved a code; recovery codes are stored
/// as SHA-256 hex digests and removed when used.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct Totp {
    pub secret_b32: String,
    pub enabled: bool,
    #[serde(default)]
    pub recovery_hashes: Vec<String>,
    /// Last accepted time step, so one code cannot be replayed.
    #[serde(default)]
    pub last_step: u64,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct User {
    pub id: u128,
    /// As the user typed it; uniqueness is on the lower-cased form.
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    #[serde(default)]
    pub bio: String,
    pub role: Role,
    pub status: Status,
    pub password_hash: String,
    pub created_at: i64,
    #[serde(default)]
    pub last_login_at: Option<i64>,
    #[serde(default)]
    pub preferences: Preferences,
    #[serde(default)]
    pub privacy: Privacy,
    #[serde(default)]
    pub totp: Option<Totp>,
    /// 0 = no avatar; bumped on every upload (cache busting).
    #[serde(default)]
    pub avatar_version: u32,
    /// Why the account was suspended (shown to the member when they try to sign in).
    #[serde(default)]
    pub status_reason: Option<String>,
    /// Bumped on every change; the ETag of `/me`.
    #[serde(default)]
    pub version: u64,
}

impl Record for User {
    const FORMAT: u8 = 1;
}

impl User {
    pub fn totp_enabled(&self) -> bool {
        self.totp.as_ref().is_some_and(|t| t.enabled)
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Session,
    ApiToken,
}

/// A browser session or a personal API token. Only the SHA-256 of the secret is stored.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Session {
    pub id: u128,
    pub user_id: u128,
    pub kind: SessionKind,
    pub token_hash: [u8; 32],
    /// Name of an API token.
    #[serde(default)]
    pub name: Option<String>,
    pub created_at: i64,
    /// Absolute expiry; `None` for API tokens that never expire.
    pub expires_at: Option<i64>,
    /// Last use (written at most every few minutes); sessions idle too long expire.
    pub last_seen_at: i64,
    #[serde(default)]
    pub last_used_at: Option<i64>,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[serde(default)]
    pub ip: Option<String>,
}

impl Record for Session {
    const FORMAT: u8 = 1;
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Invite {
    pub code: String,
    pub role: Role,
    pub max_uses: u32,
    pub uses: u32,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    pub created_by: String,
}

impl Record for Invite {
    const FORMAT: u8 = 1;
}

impl Invite {
    pub fn usable(&self, now: i64) -> bool {
        self.uses < self.max_uses && self.expires_at.is_none_or(|e| e > now)
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    pub content_type: String,
    #[serde(with = "b64")]
    pub bytes: Vec<u8>,
}

/// A one-time link an administrator made for a member to choose a new password: only the
/// SHA-256 of its secret is kept.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ResetLink {
    pub hash: String,
    pub expires_at: i64,
    pub created_by: u128,
}

impl Record for ResetLink {
    const FORMAT: u8 = 1;
}

impl Record for Avatar {
    const FORMAT: u8 = 1;
}

mod b64 {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        STANDARD.decode(s).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationMode {
    Open,
    Invite,
    Closed,
}

impl RegistrationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Invite => "invite",
            Self::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "open" => Self::Open,
            "invite" => Self::Invite,
            "closed" => Self::Closed,
            _ => return None,
        })
    }
}

impl Record for RegistrationMode {
    const FORMAT: u8 = 1;
}
