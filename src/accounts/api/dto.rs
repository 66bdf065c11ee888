//! Wire types of the account endpoints (separate from the stored records in `model`).

use poem_openapi::types::multipart::Upload;
use poem_openapi::{Enum, Multipart, Object};

use crate::accounts::model::{self, Invite, Session, User};
use crate::storage::ids;

pub fn rfc3339(unix: i64) -> String {
    TimeText::of(unix).as_str().to_owned()
}

/// A time as RFC 3339 text (`2026-12-07T06:00:00Z`) without an allocation; empty outside the
/// years 0–9999, which is all RFC 3339 can write.
#[derive(Clone, Copy)]
pub struct TimeText {
    buf: [u8; 20],
    len: u8,
}

impl TimeText {
    pub fn of(unix: i64) -> Self {
        // By hand: every listed workout carries two of these, and the general formatter was
        // 3 % of serving a history page. Same text, see the tests.
        let mut out = Self {
            buf: [0; 20],
            len: 0,
        };
        let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        if !(0..=9999).contains(&y) {
            return out;
        }
        let parts = [
            (y / 100, None),
            (y % 100, Some(b'-')),
            (m, Some(b'-')),
            (d, Some(b'T')),
            (secs / 3600, Some(b':')),
            (secs / 60 % 60, Some(b':')),
            (secs % 60, Some(b'Z')),
        ];
        let mut i = 0;
        for (n, sep) in parts {
            out.buf[i] = b'0' + (n / 10) as u8;
            out.buf[i + 1] = b'0' + (n % 10) as u8;
            i += 2;
            if let Some(c) = sep {
                out.buf[i] = c;
                i += 1;
            }
        }
        out.len = i as u8;
        out
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and separators are ever written.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The text's bytes: ASCII digits and separators only.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}

/// The proleptic Gregorian (year, month, day) of a count of days since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

macro_rules! wire_enum {
    ($name:ident, $model:path, $($v:ident),+) => {
        #[derive(Enum, serde::Serialize, Debug, Clone, Copy, PartialEq, Eq)]
        #[oai(rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl From<$model> for $name {
            fn from(v: $model) -> Self { match v { $(<$model>::$v => Self::$v),+ } }
        }
        impl From<$name> for $model {
            fn from(v: $name) -> Self { match v { $($name::$v => Self::$v),+ } }
        }
    };
}
wire_enum!(RoleDto, model::Role, Member, Coach, Admin, Owner);
wire_enum!(StatusDto, model::Status, Active, Disabled);
wire_enum!(UnitsDto, model::Units, Metric, Imperial);
wire_enum!(LanguageDto, model::Language, En, Ru);
wire_enum!(WeekStartDto, model::WeekStart, Monday, Sunday);
wire_enum!(
    VisibilityDto,
    model::Visibility,
    Public,
    Members,
    Followers,
    Private
);
wire_enum!(
    RegistrationModeDto,
    model::RegistrationMode,
    Open,
    Invite,
    Closed
);

#[derive(Object, serde::Serialize)]
pub struct PreferencesDto {
    pub units: UnitsDto,
    pub language: LanguageDto,
    /// IANA time-zone name, e.g. `Europe/Moscow`.
    pub timezone: String,
    pub week_start: WeekStartDto,
    /// Sessions a week the member aims for (1–14); weekly streaks count weeks that meet it.
    pub weekly_target: u8,
}

#[derive(Object, serde::Serialize)]
pub struct PrivacyDto {
    /// Who may see the profile: anyone, signed-in members, followers, or nobody else.
    pub profile_visibility: VisibilityDto,
    /// Whether the user can be found in search.
    pub searchable: bool,
}

// Sent as a `Reply` (serde writes it straight out); the tests check serde and OpenAPI agree.
/// The signed-in user's own account.
#[derive(Object, serde::Serialize)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[oai(nullable)]
    pub email: Option<String>,
    pub role: RoleDto,
    pub status: StatusDto,
    pub bio: String,
    #[oai(nullable)]
    pub avatar_url: Option<String>,
    pub created_at: String,
    pub totp_enabled: bool,
    pub preferences: PreferencesDto,
    pub privacy: PrivacyDto,
}

pub fn avatar_url(u: &User) -> Option<String> {
    (u.avatar_version > 0)
        .then(|| format!("/api/v1/users/{}/avatar?v={}", u.username, u.avatar_version))
}

impl From<&User> for Me {
    fn from(u: &User) -> Self {
        Self {
            id: ids::to_string(u.id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role.into(),
            status: u.status.into(),
            bio: u.bio.clone(),
            avatar_url: avatar_url(u),
            created_at: rfc3339(u.created_at),
            totp_enabled: u.totp_enabled(),
            preferences: PreferencesDto {
                units: u.preferences.units.into(),
                language: u.preferences.language.into(),
                timezone: u.preferences.timezone.clone(),
                week_start: u.preferences.week_start.into(),
                weekly_target: u.preferences.weekly_target,
            },
            privacy: PrivacyDto {
                profile_visibility: u.privacy.profile_visibility.into(),
                searchable: u.privacy.searchable,
            },
        }
    }
}

/// A profile as others see it.
#[derive(Object)]
pub struct Profile {
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub role: RoleDto,
    #[oai(nullable)]
    pub avatar_url: Option<String>,
    pub created_at: String,
}

impl From<&User> for Profile {
    fn from(u: &User) -> Self {
        Self {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            bio: u.bio.clone(),
            role: u.role.into(),
            avatar_url: avatar_url(u),
            created_at: rfc3339(u.created_at),
        }
    }
}

/// A user as administrators see them.
#[derive(Object)]
pub struct AdminUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[oai(nullable)]
    pub email: Option<String>,
    pub role: RoleDto,
    pub status: StatusDto,
    pub created_at: String,
    #[oai(nullable)]
    pub last_login_at: Option<String>,
    pub totp_enabled: bool,
}

impl From<&User> for AdminUser {
    fn from(u: &User) -> Self {
        Self {
            id: ids::to_string(u.id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role.into(),
            status: u.status.into(),
            created_at: rfc3339(u.created_at),
            last_login_at: u.last_login_at.map(rfc3339),
            totp_enabled: u.totp_enabled(),
        }
    }
}

#[derive(Object)]
pub struct AdminUserList {
    pub items: Vec<AdminUser>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object)]
pub struct Instance {
    pub name: String,
    pub version: String,
    pub registration_mode: RegistrationModeDto,
    /// True until the owner account has been created with the set-up code.
    pub needs_setup: bool,
    /// Members (not only coaches and administrators) may create clubs.
    pub member_clubs: bool,
    #[oai(nullable)]
    pub logo_url: Option<String>,
    pub default_language: LanguageDto,
    pub units: UnitsDto,
    /// The gym's IANA time zone.
    pub timezone: String,
    /// The plates and bars of the gym (the logger's plate maths).
    pub plates: PlatesDto,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct SetupRequest {
    /// The code the server printed at start-up.
    pub setup_code: String,
    pub username: String,
    pub password: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct RegisterRequest {
    /// 3–32 characters: Latin letters, digits, `_`, `.`, `-`. Case-insensitive.
    pub username: String,
    /// At least 10 characters, at most 256; not a common password, not easy to guess
    /// (zxcvbn score 3 or more, counting the username, display name, e-mail address and the
    /// gym's name as easy words).
    pub password: String,
    /// At most 254 characters.
    pub email: Option<String>,
    /// At most 64 characters.
    pub display_name: Option<String>,
    pub invite_code: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct LoginRequest {
    /// Username or e-mail address (at most 254 characters).
    pub login: String,
    /// At most 256 characters.
    pub password: String,
    /// Code from the authenticator app, or a recovery code, when two-factor sign-in is on.
    pub totp_code: Option<String>,
}

#[derive(Object)]
pub struct LoginResponse {
    /// Session token for `Authorization: Bearer`; the same value is set as the session cookie.
    pub token: String,
    pub expires_at: String,
    pub user: Me,
}

#[derive(Object, Default)]
#[oai(deny_unknown_fields)]
pub struct PreferencesPatch {
    pub units: Option<UnitsDto>,
    pub language: Option<LanguageDto>,
    pub timezone: Option<String>,
    pub week_start: Option<WeekStartDto>,
    /// Sessions a week the member aims for, 1–14.
    #[oai(validator(minimum(value = "1"), maximum(value = "14")))]
    pub weekly_target: Option<u8>,
}

#[derive(Object, Default)]
#[oai(deny_unknown_fields)]
pub struct PrivacyPatch {
    pub profile_visibility: Option<VisibilityDto>,
    pub searchable: Option<bool>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct MePatch {
    /// At most 64 characters.
    pub display_name: Option<String>,
    /// At most 500 characters.
    pub bio: Option<String>,
    /// An empty string removes the address.
    pub email: Option<String>,
    pub preferences: Option<PreferencesPatch>,
    pub privacy: Option<PrivacyPatch>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    /// 10–256 characters, not a common password, not easy to guess (zxcvbn score 3 or more,
    /// counting the user's names, e-mail address and the gym's name as easy words).
    pub new_password: String,
    /// Keep the personal API tokens working (default false: the change ends them too).
    /// Other browser sessions end either way.
    #[oai(default)]
    pub keep_tokens: bool,
}

#[derive(Object)]
pub struct SessionDto {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    #[oai(nullable)]
    pub expires_at: Option<String>,
    #[oai(nullable)]
    pub user_agent: Option<String>,
    #[oai(nullable)]
    pub ip: Option<String>,
    /// The session making this request.
    pub current: bool,
}

#[derive(Object)]
pub struct SessionList {
    pub items: Vec<SessionDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object)]
pub struct TokenDto {
    pub id: String,
    pub name: String,
    pub created_at: String,
    #[oai(nullable)]
    pub last_used_at: Option<String>,
    #[oai(nullable)]
    pub expires_at: Option<String>,
}

pub fn token_dto(s: &Session) -> TokenDto {
    TokenDto {
        id: ids::to_string(s.id),
        name: s.name.clone().unwrap_or_default(),
        created_at: rfc3339(s.created_at),
        last_used_at: s.last_used_at.map(rfc3339),
        expires_at: s.expires_at.map(rfc3339),
    }
}

#[derive(Object)]
pub struct TokenList {
    pub items: Vec<TokenDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct NewTokenRequest {
    /// What the token is for (at most 64 characters).
    pub name: String,
    /// 1–3650; leave out for a token that does not expire.
    pub expires_in_days: Option<u32>,
}

#[derive(Object)]
pub struct NewToken {
    pub id: String,
    pub name: String,
    /// The secret: shown only now.
    pub token: String,
    pub created_at: String,
    #[oai(nullable)]
    pub expires_at: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct PasswordConfirm {
    pub password: String,
}

#[derive(Object)]
pub struct TotpSetup {
    /// Base32 secret for manual entry.
    pub secret: String,
    /// `otpauth://` URL to show as a QR code.
    pub otpauth_url: String,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct TotpCode {
    pub code: String,
}

#[derive(Object)]
pub struct RecoveryCodes {
    /// Single-use codes that replace an authenticator code; shown only now.
    pub recovery_codes: Vec<String>,
}

#[derive(Multipart)]
pub struct AvatarUpload {
    /// PNG, JPEG or WebP, at most 2 MiB.
    pub file: Upload,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct AdminUserPatch {
    pub role: Option<RoleDto>,
    pub status: Option<StatusDto>,
}

#[derive(Object)]
pub struct InviteDto {
    pub code: String,
    pub role: RoleDto,
    pub uses: u32,
    pub max_uses: u32,
    #[oai(nullable)]
    pub expires_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl From<&Invite> for InviteDto {
    fn from(i: &Invite) -> Self {
        Self {
            code: i.code.clone(),
            role: i.role.into(),
            uses: i.uses,
            max_uses: i.max_uses,
            expires_at: i.expires_at.map(rfc3339),
            created_at: rfc3339(i.created_at),
            created_by: i.created_by.clone(),
        }
    }
}

#[derive(Object)]
pub struct InviteList {
    pub items: Vec<InviteDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct NewInviteRequest {
    /// Role given to those who register with it (default `member`).
    pub role: Option<RoleDto>,
    /// 1–1000 (default 1).
    pub max_uses: Option<u32>,
    /// Default 168 (one week).
    pub expires_in_hours: Option<u32>,
}

/// Plates a lifter can load (per side, heaviest first) and the bar weights.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct PlatesDto {
    /// 1–16 plate weights in kilograms (above 0, at most 100).
    pub kg: Vec<f64>,
    /// 1–16 plate weights in pounds.
    pub lb: Vec<f64>,
    /// The bar in kilograms (0–100; 0 for none).
    pub bar_kg: f64,
    /// The bar in pounds.
    pub bar_lb: f64,
}

impl From<&crate::accounts::gym::Plates> for PlatesDto {
    fn from(p: &crate::accounts::gym::Plates) -> Self {
        Self {
            kg: p.kg.clone(),
            lb: p.lb.clone(),
            bar_kg: p.bar_kg,
            bar_lb: p.bar_lb,
        }
    }
}

impl From<PlatesDto> for crate::accounts::gym::Plates {
    fn from(p: PlatesDto) -> Self {
        Self {
            kg: p.kg,
            lb: p.lb,
            bar_kg: p.bar_kg,
            bar_lb: p.bar_lb,
        }
    }
}

/// The gym's settings, as administrators see and change them.
#[derive(Object)]
pub struct InstanceSettings {
    pub registration_mode: RegistrationModeDto,
    /// True when the server configuration fixes the mode (it cannot be changed here).
    pub registration_mode_locked: bool,
    /// The gym's name, shown in the app and used in sign-in checks.
    pub name: String,
    /// Language of new accounts (and of the app before a member chooses).
    pub default_language: LanguageDto,
    /// Units of new accounts.
    pub units: UnitsDto,
    /// IANA time zone of the gym: challenges, weekly and monthly leaderboards, usage days, and
    /// the time zone of new accounts.
    pub timezone: String,
    pub plates: PlatesDto,
    #[oai(nullable)]
    pub logo_url: Option<String>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct InstanceSettingsPatch {
    pub registration_mode: Option<RegistrationModeDto>,
    /// 1–80 characters.
    pub name: Option<String>,
    pub default_language: Option<LanguageDto>,
    pub units: Option<UnitsDto>,
    /// An IANA name such as `Europe/Berlin`. Weekly and monthly boards file new results by
    /// it from now on.
    pub timezone: Option<String>,
    pub plates: Option<PlatesDto>,
}

#[derive(Multipart)]
pub struct LogoUpload {
    /// PNG, JPEG or WebP, at most 256 KiB and 2048 pixels a side.
    pub file: Upload,
}

/// An account an administrator creates.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct NewUserRequest {
    pub username: String,
    /// `member` (default), `coach`, or `admin` (the owner only).
    pub role: Option<RoleDto>,
    pub display_name: Option<String>,
    pub email: Option<String>,
    /// Leave out to give the person a one-time link to choose their own.
    pub password: Option<String>,
}

/// A one-time link to choose a new password.
#[derive(Object)]
pub struct ResetLinkDto {
    /// Hand it to the person (it is shown once): `…/reset-password#token=…`.
    pub url: String,
    pub expires_at: String,
}

#[derive(Object)]
pub struct NewUserResponse {
    pub user: AdminUser,
    /// Present when the account was created without a password.
    #[oai(nullable)]
    pub reset_link: Option<ResetLinkDto>,
}

#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The token from the link (after `#token=`).
    pub token: String,
    /// The new password; the same rules as at registration.
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::reply::same_as_openapi;
    use time::OffsetDateTime;

    #[test]
    fn times_are_written_as_the_rfc_3339_formatter_writes_them() {
        let general = |unix: i64| {
            OffsetDateTime::from_unix_timestamp(unix)
                .ok()
                .and_then(|t| {
                    t.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                })
                .unwrap_or_default()
        };
        let mut seed: u64 = 11;
        let mut edges = vec![
            0,
            -1,
            86_399,
            86_400,
            951_782_400,     // 2000-02-29
            4_107_542_399,   // 2100-02-28T23:59:59
            -62_167_219_200, // 0000-01-01
            -62_167_219_201,
            253_402_300_799, // 9999-12-31T23:59:59
            253_402_300_800,
            i64::MIN,
            i64::MAX,
        ];
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            edges.push((seed % 320_000_000_000) as i64 - 64_000_000_000);
        }
        for unix in edges {
            assert_eq!(rfc3339(unix), general(unix), "{unix}");
        }
    }

    #[test]
    fn the_own_account_is_written_as_its_openapi_description() {
        let bare = User::sample();
        let full = User {
            email: Some("anna@example.org".into()),
            bio: "Squats — и \"жим\"".into(),
            role: model::Role::Owner,
            preferences: model::Preferences {
                units: model::Units::Imperial,
                language: model::Language::Ru,
                timezone: "Europe/Moscow".into(),
                week_start: model::WeekStart::Sunday,
                weekly_target: 6,
            },
            privacy: model::Privacy {
                profile_visibility: model::Visibility::Followers,
                searchable: false,
            },
            avatar_version: 3,
            ..User::sample()
        };
        for u in [bare, full] {
            same_as_openapi(&Me::from(&u)).unwrap();
        }
    }
}
