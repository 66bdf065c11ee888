//! Stored account records (never sent to clients as they are: see `api` for wire types).

use serde::{Deserialize, Serialize};

use crate::storage::codec::{COMPACT, Reader, Record, Writer};

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

    /// Format 128 (every request reads its member's row): id, username, one byte each for
    /// the role, status, units, language, week start and profile visibility, a byte of which
    /// optional parts follow (and `searchable`), the names, bio and password hash, creation
    /// time, the optional parts, the time zone, weekly target, avatar version and version.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.id(self.id);
        w.str(&self.username);
        w.u8(match self.role {
            Role::Member => 0,
            Role::Coach => 1,
            Role::Admin => 2,
            Role::Owner => 3,
        });
        w.u8(match self.status {
            Status::Active => 0,
            Status::Disabled => 1,
        });
        w.u8(match self.preferences.units {
            Units::Metric => 0,
            Units::Imperial => 1,
        });
        w.u8(match self.preferences.language {
            Language::En => 0,
            Language::Ru => 1,
        });
        w.u8(match self.preferences.week_start {
            WeekStart::Monday => 0,
            WeekStart::Sunday => 1,
        });
        w.u8(self.privacy.profile_visibility.code());
        w.u8(u8::from(self.email.is_some())
            | u8::from(self.last_login_at.is_some()) << 1
            | u8::from(self.totp.is_some()) << 2
            | u8::from(self.status_reason.is_some()) << 3
            | u8::from(self.privacy.searchable) << 4);
        w.str(&self.display_name);
        w.str(&self.bio);
        w.str(&self.password_hash);
        w.zigzag(self.created_at);
        if let Some(e) = &self.email {
            w.str(e);
        }
        if let Some(at) = self.last_login_at {
            w.zigzag(at);
        }
        if let Some(t) = &self.totp {
            w.str(&t.secret_b32);
            w.u8(u8::from(t.enabled));
            w.varint(t.recovery_hashes.len() as u64);
            for h in &t.recovery_hashes {
                w.str(h);
            }
            w.varint(t.last_step);
        }
        if let Some(r) = &self.status_reason {
            w.str(r);
        }
        w.str(&self.preferences.timezone);
        w.u8(self.preferences.weekly_target);
        w.varint(self.avatar_version.into());
        w.varint(self.version);
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let id = r.id()?;
        let username = r.str()?;
        let role = match r.u8()? {
            0 => Role::Member,
            1 => Role::Coach,
            2 => Role::Admin,
            3 => Role::Owner,
            n => return Err(format!("unknown role {n}")),
        };
        let status = match r.u8()? {
            0 => Status::Active,
            1 => Status::Disabled,
            n => return Err(format!("unknown status {n}")),
        };
        let units = match r.u8()? {
            0 => Units::Metric,
            1 => Units::Imperial,
            n => return Err(format!("unknown units {n}")),
        };
        let language = match r.u8()? {
            0 => Language::En,
            1 => Language::Ru,
            n => return Err(format!("unknown language {n}")),
        };
        let week_start = match r.u8()? {
            0 => WeekStart::Monday,
            1 => WeekStart::Sunday,
            n => return Err(format!("unknown week start {n}")),
        };
        let profile_visibility = Visibility::from_code(r.u8()?)?;
        let flags = r.u8()?;
        let display_name = r.str()?;
        let bio = r.str()?;
        let password_hash = r.str()?;
        let created_at = r.zigzag()?;
        let email = (flags & 1 != 0).then(|| r.str()).transpose()?;
        let last_login_at = (flags & 2 != 0).then(|| r.zigzag()).transpose()?;
        let totp = if flags & 4 != 0 {
            let secret_b32 = r.str()?;
            let enabled = r.u8()? != 0;
            let recovery_hashes = (0..r.varint()?)
                .map(|_| r.str())
                .collect::<Result<Vec<_>, _>>()?;
            Some(Totp {
                secret_b32,
                enabled,
                recovery_hashes,
                last_step: r.varint()?,
            })
        } else {
            None
        };
        let status_reason = (flags & 8 != 0).then(|| r.str()).transpose()?;
        let timezone = r.str()?;
        let weekly_target = r.u8()?;
        Ok(User {
            id,
            username,
            email,
            display_name,
            bio,
            role,
            status,
            password_hash,
            created_at,
            last_login_at,
            preferences: Preferences {
                units,
                language,
                timezone,
                week_start,
                weekly_target,
            },
            privacy: Privacy {
                profile_visibility,
                searchable: flags & 16 != 0,
            },
            totp,
            avatar_version: r.u32()?,
            status_reason,
            version: r.varint()?,
        })
    }
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

    /// Format 128 (every signed-in request reads one): ids, a byte of the kind and which
    /// optional parts follow, the token's hash, the times, then the optional strings.
    fn encode_compact(&self, w: &mut Writer) -> Option<u8> {
        w.id(self.id);
        w.id(self.user_id);
        w.u8(u8::from(self.kind == SessionKind::ApiToken)
            | u8::from(self.expires_at.is_some()) << 1
            | u8::from(self.last_used_at.is_some()) << 2
            | u8::from(self.name.is_some()) << 3
            | u8::from(self.user_agent.is_some()) << 4
            | u8::from(self.ip.is_some()) << 5);
        w.0.extend_from_slice(&self.token_hash);
        w.zigzag(self.created_at);
        w.zigzag(self.last_seen_at);
        for at in [self.expires_at, self.last_used_at].into_iter().flatten() {
            w.zigzag(at);
        }
        for s in [&self.name, &self.user_agent, &self.ip]
            .into_iter()
            .flatten()
        {
            w.str(s);
        }
        Some(COMPACT)
    }

    fn decode_compact(format: u8, r: &mut Reader<'_>) -> Result<Self, String> {
        if format != COMPACT {
            return Err(format!("unknown record format {format}"));
        }
        let id = r.id()?;
        let user_id = r.id()?;
        let flags = r.u8()?;
        let token_hash = r.bytes::<32>()?;
        let created_at = r.zigzag()?;
        let last_seen_at = r.zigzag()?;
        let has = |bit: u8| flags & (1 << bit) != 0;
        let expires_at = has(1).then(|| r.zigzag()).transpose()?;
        let last_used_at = has(2).then(|| r.zigzag()).transpose()?;
        let name = has(3).then(|| r.str()).transpose()?;
        let user_agent = has(4).then(|| r.str()).transpose()?;
        let ip = has(5).then(|| r.str()).transpose()?;
        Ok(Session {
            id,
            user_id,
            kind: if has(0) {
                SessionKind::ApiToken
            } else {
                SessionKind::Session
            },
            token_hash,
            name,
            created_at,
            expires_at,
            last_seen_at,
            last_used_at,
            user_agent,
            ip,
        })
    }
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

impl User {
    /// Whether `other` is found in search exactly as this user is: the same of everything their
    /// search document is made of (`search::index::user_doc`).
    pub fn same_for_search(&self, other: &User) -> bool {
        self.id == other.id
            && self.username == other.username
            && self.display_name == other.display_name
            && self.bio == other.bio
            && self.status == other.status
            && self.privacy.searchable == other.privacy.searchable
            && self.privacy.profile_visibility == other.privacy.profile_visibility
    }
}

#[cfg(test)]
impl User {
    /// A member with nothing optional set (tests build on it).
    pub(crate) fn sample() -> User {
        User {
            id: 7,
            username: "anna".into(),
            email: None,
            display_name: "Anna".into(),
            bio: String::new(),
            role: Role::Member,
            status: Status::Active,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            created_at: 1_700_000_000,
            last_login_at: None,
            preferences: Preferences::default(),
            privacy: Privacy::default(),
            totp: None,
            avatar_version: 0,
            status_reason: None,
            version: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode, encode_json};

    #[test]
    fn users_and_sessions_read_back_as_written_in_either_layout() {
        let full = User {
            email: Some("anna@example.org".into()),
            bio: "Squats — и жим".into(),
            role: Role::Owner,
            status: Status::Disabled,
            last_login_at: Some(-5),
            preferences: Preferences {
                units: Units::Imperial,
                language: Language::Ru,
                timezone: "Europe/Moscow".into(),
                week_start: WeekStart::Sunday,
                weekly_target: 6,
            },
            privacy: Privacy {
                profile_visibility: Visibility::Followers,
                searchable: false,
            },
            totp: Some(Totp {
                secret_b32: "JBSWY3DPEHPK3PXP".into(),
                enabled: true,
                recovery_hashes: vec!["a".into(), "b".into()],
                last_step: 58_000_000,
            }),
            avatar_version: 3,
            status_reason: Some("spam".into()),
            version: u64::MAX,
            ..User::sample()
        };
        for u in [User::sample(), full] {
            let compact = encode(&u);
            assert!(compact[0] >= COMPACT);
            assert_eq!(decode::<User>(&compact).unwrap(), u);
            assert_eq!(decode::<User>(&encode_json(&u)).unwrap(), u);
            for n in 1..compact.len() {
                assert!(decode::<User>(&compact[..n]).is_err(), "{n}");
            }
        }
        let browser = Session {
            id: 1,
            user_id: 7,
            kind: SessionKind::Session,
            token_hash: [9; 32],
            name: None,
            created_at: 1_700_000_000,
            expires_at: Some(1_702_000_000),
            last_seen_at: 1_700_000_100,
            last_used_at: None,
            user_agent: Some("Firefox".into()),
            ip: Some("127.0.0.1".into()),
        };
        let token = Session {
            kind: SessionKind::ApiToken,
            name: Some("scale".into()),
            expires_at: None,
            last_used_at: Some(1_700_000_200),
            user_agent: None,
            ip: None,
            ..browser.clone()
        };
        for s in [browser, token] {
            let compact = encode(&s);
            assert!(compact[0] >= COMPACT);
            assert_eq!(decode::<Session>(&compact).unwrap(), s);
            assert_eq!(decode::<Session>(&encode_json(&s)).unwrap(), s);
            for n in 1..compact.len() {
                assert!(decode::<Session>(&compact[..n]).is_err(), "{n}");
            }
        }
    }
}
