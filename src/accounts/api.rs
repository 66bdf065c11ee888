//! Account endpoints: auth, own profile, other profiles, administration.

use poem::Request;
use poem::web::Data;
use poem::web::cookie::{Cookie, SameSite};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::types::multipart::Upload;
use poem_openapi::{ApiResponse, Enum, Multipart, Object, OpenApi, Tags};
use time::OffsetDateTime;

use super::model::{self, Invite, Role, Session, SessionKind, Status, User};
use super::service::{Actor, ClientInfo, LoginOk, NewUser, ProfilePatch};
use crate::api::auth::{Admin, MaybeMember, Member, SESSION_COOKIE};
use crate::api::pagination::{Cursor, limit_of};
use crate::api::problem::ApiError;
use crate::app::AppState;
use crate::error::AppError;
use crate::storage::ids;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Registration, sign-in and the instance's public facts.
    Auth,
    /// The signed-in user's own account.
    Me,
    /// Other people's profiles.
    Users,
    /// Administration (admins and the owner).
    Admin,
}

// ----- wire types ------------------------------------------------------------------------------

pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

macro_rules! wire_enum {
    ($name:ident, $model:path, $($v:ident),+) => {
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
        #[oai(rename_all = "snake_case")]
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

#[derive(Object)]
pub struct PreferencesDto {
    pub units: UnitsDto,
    pub language: LanguageDto,
    /// IANA time-zone name, e.g. `Europe/Moscow`.
    pub timezone: String,
    pub week_start: WeekStartDto,
}

#[derive(Object)]
pub struct PrivacyDto {
    /// Who may see the profile: anyone, signed-in members, followers, or nobody else.
    pub profile_visibility: VisibilityDto,
    /// Whether the user can be found in search.
    pub searchable: bool,
}

/// The signed-in user's own account.
#[derive(Object)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: RoleDto,
    pub status: StatusDto,
    pub bio: String,
    pub avatar_url: Option<String>,
    pub created_at: String,
    pub totp_enabled: bool,
    pub preferences: PreferencesDto,
    pub privacy: PrivacyDto,
}

fn avatar_url(u: &User) -> Option<String> {
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
    pub email: Option<String>,
    pub role: RoleDto,
    pub status: StatusDto,
    pub created_at: String,
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
    pub next_cursor: Option<String>,
}

#[derive(Object)]
pub struct Instance {
    pub name: String,
    pub version: String,
    pub registration_mode: RegistrationModeDto,
    /// True until the owner account has been created with the set-up code.
    pub needs_setup: bool,
}

#[derive(Object)]
pub struct SetupRequest {
    /// The code the server printed at start-up.
    pub setup_code: String,
    pub username: String,
    pub password: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Object)]
pub struct RegisterRequest {
    /// 3–32 characters: Latin letters, digits, `_`, `.`, `-`. Case-insensitive.
    pub username: String,
    /// At least 10 characters, at most 256; not a common password.
    pub password: String,
    pub email: Option<String>,
    /// At most 64 characters.
    pub display_name: Option<String>,
    pub invite_code: Option<String>,
}

#[derive(Object)]
pub struct LoginRequest {
    /// Username or e-mail address.
    pub login: String,
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
pub struct PreferencesPatch {
    pub units: Option<UnitsDto>,
    pub language: Option<LanguageDto>,
    pub timezone: Option<String>,
    pub week_start: Option<WeekStartDto>,
}

#[derive(Object, Default)]
pub struct PrivacyPatch {
    pub profile_visibility: Option<VisibilityDto>,
    pub searchable: Option<bool>,
}

#[derive(Object)]
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
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Object)]
pub struct SessionDto {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: Option<String>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// The session making this request.
    pub current: bool,
}

#[derive(Object)]
pub struct SessionList {
    pub items: Vec<SessionDto>,
    pub next_cursor: Option<String>,
}

#[derive(Object)]
pub struct TokenDto {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

fn token_dto(s: &Session) -> TokenDto {
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
    pub next_cursor: Option<String>,
}

#[derive(Object)]
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
    pub expires_at: Option<String>,
}

#[derive(Object)]
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
    pub next_cursor: Option<String>,
}

#[derive(Object)]
pub struct NewInviteRequest {
    /// Role given to those who register with it (default `member`).
    pub role: Option<RoleDto>,
    /// 1–1000 (default 1).
    pub max_uses: Option<u32>,
    /// Default 168 (one week).
    pub expires_in_hours: Option<u32>,
}

#[derive(Object)]
pub struct InstanceSettings {
    pub registration_mode: RegistrationModeDto,
    /// True when the server configuration fixes the mode (it cannot be changed here).
    pub registration_mode_locked: bool,
}

#[derive(Object)]
pub struct InstanceSettingsPatch {
    pub registration_mode: Option<RegistrationModeDto>,
}

// ----- responses with headers ------------------------------------------------------------------

#[derive(ApiResponse)]
pub enum MeResponse {
    #[oai(status = 200)]
    Ok(Json<Me>, #[oai(header = "ETag")] String),
}

fn me_response(u: &User) -> MeResponse {
    MeResponse::Ok(Json(Me::from(u)), format!("\"{}\"", u.version))
}

#[derive(ApiResponse)]
pub enum LoginReply {
    /// Signed in; the session cookie is set.
    #[oai(status = 200)]
    Ok(Json<LoginResponse>, #[oai(header = "Set-Cookie")] String),
    /// Owner created and signed in.
    #[oai(status = 201)]
    Created(Json<LoginResponse>, #[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
pub enum Created<T: poem_openapi::types::ToJSON> {
    #[oai(status = 201)]
    Created(Json<T>),
}

#[derive(ApiResponse)]
pub enum NoContent {
    #[oai(status = 204)]
    Done,
}

#[derive(ApiResponse)]
pub enum LogoutReply {
    #[oai(status = 204)]
    Done(#[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
pub enum AvatarImage {
    #[oai(status = 200, content_type = "image/png")]
    Png(Binary<Vec<u8>>, #[oai(header = "Cache-Control")] String),
    #[oai(status = 200, content_type = "image/jpeg")]
    Jpeg(Binary<Vec<u8>>, #[oai(header = "Cache-Control")] String),
    #[oai(status = 200, content_type = "image/webp")]
    Webp(Binary<Vec<u8>>, #[oai(header = "Cache-Control")] String),
}

// ----- helpers -----------------------------------------------------------------------------------

fn client_info(req: &Request, state: &AppState) -> ClientInfo {
    let forwarded = state
        .settings
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|s| s.trim().to_owned())
        })
        .flatten();
    let ip = forwarded.or_else(|| match req.remote_addr().0 {
        poem::Addr::SocketAddr(a) => Some(a.ip().to_string()),
        _ => None,
    });
    ClientInfo {
        ip,
        user_agent: req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

fn session_cookie(state: &AppState, token: Option<&str>) -> String {
    let mut c = Cookie::new_with_str(SESSION_COOKIE, token.unwrap_or(""));
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.settings.https());
    match token {
        Some(_) => c.set_max_age(std::time::Duration::from_secs(
            super::service::SESSION_TTL as u64,
        )),
        None => c.set_max_age(std::time::Duration::ZERO),
    }
    c.to_string()
}

fn login_response(ok: &LoginOk) -> LoginResponse {
    LoginResponse {
        token: ok.token.clone(),
        expires_at: ok.session.expires_at.map(rfc3339).unwrap_or_default(),
        user: Me::from(&ok.user),
    }
}

fn parse_etag(h: Option<String>) -> Result<Option<u64>> {
    let Some(h) = h else { return Ok(None) };
    let v = h.trim().trim_start_matches("W/").trim_matches('"');
    if v == "*" {
        return Ok(None);
    }
    v.parse().map(Some).map_err(|_| {
        AppError::BadRequest("If-Match must be an ETag from GET /api/v1/me.".into()).into()
    })
}

fn parse_id(id: &str) -> Result<u128> {
    ids::parse(id).ok_or_else(|| AppError::NotFound("Nothing has that id.".into()).into())
}

// ----- endpoints ---------------------------------------------------------------------------------

pub struct AccountsApi;

#[OpenApi(prefix_path = "/api/v1")]
impl AccountsApi {
    /// Public facts about this server: name, version, registration mode, set-up state.
    #[oai(
        path = "/instance",
        method = "get",
        tag = "Tag::Auth",
        operation_id = "get_instance"
    )]
    async fn instance(&self, state: Data<&AppState>) -> Result<Json<Instance>> {
        let (mode, _) = state.accounts.registration_mode().await?;
        Ok(Json(Instance {
            name: state.settings.instance_name.clone(),
            version: crate::VERSION.to_owned(),
            registration_mode: mode.into(),
            needs_setup: state.accounts.needs_setup().await?,
        }))
    }

    /// Creates the owner account with the one-time set-up code printed by the server.
    #[oai(
        path = "/auth/setup",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "setup_owner"
    )]
    async fn setup(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<SetupRequest>,
    ) -> Result<LoginReply> {
        let b = body.0;
        let new = NewUser {
            username: b.username,
            password: b.password,
            email: b.email,
            display_name: b.display_name,
        };
        let client = client_info(req, &state);
        let ok = state
            .accounts
            .setup_owner(b.setup_code, new, client)
            .await?;
        Ok(LoginReply::Created(
            Json(login_response(&ok)),
            session_cookie(&state, Some(&ok.token)),
        ))
    }

    /// Registers a new member (subject to the registration mode: open, invite or closed).
    #[oai(
        path = "/auth/register",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "register"
    )]
    async fn register(
        &self,
        state: Data<&AppState>,
        body: Json<RegisterRequest>,
    ) -> Result<Created<Me>> {
        let b = body.0;
        let new = NewUser {
            username: b.username,
            password: b.password,
            email: b.email,
            display_name: b.display_name,
        };
        let user = state.accounts.register(new, b.invite_code).await?;
        Ok(Created::Created(Json(Me::from(&user))))
    }

    /// Signs in with username or e-mail and password (and a TOTP code when enabled).
    #[oai(
        path = "/auth/login",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "login"
    )]
    async fn login(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<LoginRequest>,
    ) -> Result<LoginReply> {
        let b = body.0;
        let client = client_info(req, &state);
        let ok = state
            .accounts
            .login(b.login, b.password, b.totp_code, client)
            .await?;
        Ok(LoginReply::Ok(
            Json(login_response(&ok)),
            session_cookie(&state, Some(&ok.token)),
        ))
    }

    /// Ends the current session (or revokes the API token used) and clears the cookie.
    #[oai(
        path = "/auth/logout",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "logout"
    )]
    async fn logout(&self, state: Data<&AppState>, me: Member) -> Result<LogoutReply> {
        state.accounts.logout(me.0.session).await?;
        Ok(LogoutReply::Done(session_cookie(&state, None)))
    }

    /// The caller's own account, preferences and privacy settings.
    #[oai(path = "/me", method = "get", tag = "Tag::Me", operation_id = "get_me")]
    async fn me(&self, me: Member) -> Result<MeResponse> {
        Ok(me_response(&me.user))
    }

    /// Updates own profile, preferences and privacy. Send `If-Match` with the ETag to detect
    /// concurrent edits (412 when someone changed it first).
    #[oai(
        path = "/me",
        method = "patch",
        tag = "Tag::Me",
        operation_id = "update_me"
    )]
    async fn update_me(
        &self,
        state: Data<&AppState>,
        me: Member,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MePatch>,
    ) -> Result<MeResponse> {
        let b = body.0;
        let prefs = b.preferences.unwrap_or_default();
        let privacy = b.privacy.unwrap_or_default();
        let patch = ProfilePatch {
            display_name: b.display_name,
            bio: b.bio,
            email: b.email,
            units: prefs.units.map(Into::into),
            language: prefs.language.map(Into::into),
            timezone: prefs.timezone,
            week_start: prefs.week_start.map(Into::into),
            profile_visibility: privacy.profile_visibility.map(Into::into),
            searchable: privacy.searchable,
        };
        let version = parse_etag(if_match.0)?;
        let user = state
            .accounts
            .update_profile(me.user.id, patch, version)
            .await?;
        Ok(me_response(&user))
    }

    /// Changes the password; every other session ends.
    #[oai(
        path = "/me/password",
        method = "post",
        tag = "Tag::Me",
        operation_id = "change_password"
    )]
    async fn change_password(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<PasswordChange>,
    ) -> Result<NoContent> {
        let b = body.0;
        state
            .accounts
            .change_password(
                me.user.id,
                b.current_password,
                b.new_password,
                Some(me.session.id),
            )
            .await?;
        Ok(NoContent::Done)
    }

    /// Own active browser sessions.
    #[oai(
        path = "/me/sessions",
        method = "get",
        tag = "Tag::Me",
        operation_id = "list_sessions"
    )]
    async fn sessions(&self, state: Data<&AppState>, me: Member) -> Result<Json<SessionList>> {
        let list = state
            .accounts
            .sessions(me.user.id, SessionKind::Session)
            .await?;
        let items = list
            .iter()
            .rev()
            .map(|s| SessionDto {
                id: ids::to_string(s.id),
                created_at: rfc3339(s.created_at),
                last_seen_at: rfc3339(s.last_seen_at),
                expires_at: s.expires_at.map(rfc3339),
                user_agent: s.user_agent.clone(),
                ip: s.ip.clone(),
                current: s.id == me.session.id,
            })
            .collect();
        Ok(Json(SessionList {
            items,
            next_cursor: None,
        }))
    }

    /// Ends one of own sessions (sign out another device).
    #[oai(
        path = "/me/sessions/:id",
        method = "delete",
        tag = "Tag::Me",
        operation_id = "revoke_session"
    )]
    async fn revoke_session(
        &self,
        state: Data<&AppState>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        let id = parse_id(&id.0)?;
        state
            .accounts
            .revoke(me.user.id, id, SessionKind::Session)
            .await?;
        Ok(NoContent::Done)
    }

    /// Own personal API tokens (secrets are never shown again).
    #[oai(
        path = "/me/tokens",
        method = "get",
        tag = "Tag::Me",
        operation_id = "list_tokens"
    )]
    async fn tokens(&self, state: Data<&AppState>, me: Member) -> Result<Json<TokenList>> {
        let list = state
            .accounts
            .sessions(me.user.id, SessionKind::ApiToken)
            .await?;
        Ok(Json(TokenList {
            items: list.iter().rev().map(token_dto).collect(),
            next_cursor: None,
        }))
    }

    /// Creates a personal API token; the secret is in this response only.
    #[oai(
        path = "/me/tokens",
        method = "post",
        tag = "Tag::Me",
        operation_id = "create_token"
    )]
    async fn create_token(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<NewTokenRequest>,
    ) -> Result<Created<NewToken>> {
        let b = body.0;
        let ok = state
            .accounts
            .create_api_token(me.0.user, b.name, b.expires_in_days)
            .await?;
        let dto = token_dto(&ok.session);
        Ok(Created::Created(Json(NewToken {
            id: dto.id,
            name: dto.name,
            token: ok.token,
            created_at: dto.created_at,
            expires_at: dto.expires_at,
        })))
    }

    /// Revokes one of own API tokens.
    #[oai(
        path = "/me/tokens/:id",
        method = "delete",
        tag = "Tag::Me",
        operation_id = "revoke_token"
    )]
    async fn revoke_token(
        &self,
        state: Data<&AppState>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        let id = parse_id(&id.0)?;
        state
            .accounts
            .revoke(me.user.id, id, SessionKind::ApiToken)
            .await?;
        Ok(NoContent::Done)
    }

    /// Uploads a profile picture (multipart field `file`: PNG, JPEG or WebP, at most 2 MiB).
    #[oai(
        path = "/me/avatar",
        method = "put",
        tag = "Tag::Me",
        operation_id = "upload_avatar"
    )]
    async fn upload_avatar(
        &self,
        state: Data<&AppState>,
        me: Member,
        form: AvatarUpload,
    ) -> Result<MeResponse> {
        let ct = form.file.content_type().map(str::to_owned);
        let bytes = form
            .file
            .into_vec()
            .await
            .map_err(|e| AppError::BadRequest(format!("Could not read the upload: {e}")))?;
        let user = state.accounts.set_avatar(me.user.id, ct, bytes).await?;
        Ok(me_response(&user))
    }

    /// Removes the profile picture.
    #[oai(
        path = "/me/avatar",
        method = "delete",
        tag = "Tag::Me",
        operation_id = "delete_avatar"
    )]
    async fn delete_avatar(&self, state: Data<&AppState>, me: Member) -> Result<NoContent> {
        state.accounts.delete_avatar(me.user.id).await?;
        Ok(NoContent::Done)
    }

    /// Starts two-factor enrolment: returns a new secret and its `otpauth://` URL.
    #[oai(
        path = "/me/totp/setup",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_setup"
    )]
    async fn totp_setup(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<PasswordConfirm>,
    ) -> Result<Json<TotpSetup>> {
        let (secret, otpauth_url) = state
            .accounts
            .totp_begin(me.user.id, body.0.password)
            .await?;
        Ok(Json(TotpSetup {
            secret,
            otpauth_url,
        }))
    }

    /// Turns two-factor sign-in on with a code from the app; returns recovery codes.
    #[oai(
        path = "/me/totp/enable",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_enable"
    )]
    async fn totp_enable(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<TotpCode>,
    ) -> Result<Json<RecoveryCodes>> {
        let recovery_codes = state.accounts.totp_enable(me.user.id, body.0.code).await?;
        Ok(Json(RecoveryCodes { recovery_codes }))
    }

    /// Turns two-factor sign-in off.
    #[oai(
        path = "/me/totp/disable",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_disable"
    )]
    async fn totp_disable(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<PasswordConfirm>,
    ) -> Result<NoContent> {
        state
            .accounts
            .totp_disable(me.user.id, body.0.password)
            .await?;
        Ok(NoContent::Done)
    }

    /// Replaces the recovery codes with ten new ones.
    #[oai(
        path = "/me/totp/recovery-codes",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_recovery_codes"
    )]
    async fn totp_recovery(
        &self,
        state: Data<&AppState>,
        me: Member,
        body: Json<PasswordConfirm>,
    ) -> Result<Json<RecoveryCodes>> {
        let recovery_codes = state
            .accounts
            .totp_new_recovery_codes(me.user.id, body.0.password)
            .await?;
        Ok(Json(RecoveryCodes { recovery_codes }))
    }

    /// A profile as the caller may see it (404 when it does not exist or is hidden).
    #[oai(
        path = "/users/:username",
        method = "get",
        tag = "Tag::Users",
        operation_id = "get_user"
    )]
    async fn user(
        &self,
        state: Data<&AppState>,
        viewer: MaybeMember,
        username: Path<String>,
    ) -> Result<Json<Profile>> {
        let viewer = viewer.0.map(|c| c.user);
        let u = state
            .accounts
            .visible_profile(viewer.as_ref(), &username.0)
            .await?;
        Ok(Json(Profile::from(&u)))
    }

    /// A user's profile picture, when the caller may see the profile.
    #[oai(
        path = "/users/:username/avatar",
        method = "get",
        tag = "Tag::Users",
        operation_id = "get_avatar"
    )]
    async fn avatar(
        &self,
        state: Data<&AppState>,
        viewer: MaybeMember,
        username: Path<String>,
    ) -> Result<AvatarImage> {
        let viewer = viewer.0.map(|c| c.user);
        let u = state
            .accounts
            .visible_profile(viewer.as_ref(), &username.0)
            .await?;
        let avatar = state
            .accounts
            .avatar(u.id)
            .await?
            .ok_or_else(|| AppError::NotFound("This user has no profile picture.".into()))?;
        let cache = "private, max-age=86400".to_owned();
        let body = Binary(avatar.bytes);
        Ok(match avatar.content_type.as_str() {
            "image/png" => AvatarImage::Png(body, cache),
            "image/jpeg" => AvatarImage::Jpeg(body, cache),
            _ => AvatarImage::Webp(body, cache),
        })
    }

    /// Users, ordered by username; `q` filters by username prefix.
    #[oai(
        path = "/admin/users",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_list_users"
    )]
    async fn admin_users(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
        q: Query<Option<String>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<AdminUserList>> {
        let limit = limit_of(limit.0)?;
        let after = Cursor::decode(cursor.0.as_deref())?;
        let mut users = state
            .accounts
            .list_users(q.0.unwrap_or_default(), after, limit + 1)
            .await?;
        let next_cursor = (users.len() > limit).then(|| {
            users.truncate(limit);
            Cursor::encode(&users[limit - 1].username.to_lowercase())
        });
        Ok(Json(AdminUserList {
            items: users.iter().map(AdminUser::from).collect(),
            next_cursor,
        }))
    }

    /// One user, as administrators see them.
    #[oai(
        path = "/admin/users/:username",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_get_user"
    )]
    async fn admin_user(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
        username: Path<String>,
    ) -> Result<Json<AdminUser>> {
        let u = state
            .accounts
            .user_by_name(&username.0)
            .await?
            .ok_or_else(|| AppError::NotFound("No user with that name.".into()))?;
        Ok(Json(AdminUser::from(&u)))
    }

    /// Changes a user's role or status; disabling ends their sessions at once.
    #[oai(
        path = "/admin/users/:username",
        method = "patch",
        tag = "Tag::Admin",
        operation_id = "admin_update_user"
    )]
    async fn admin_update_user(
        &self,
        state: Data<&AppState>,
        admin: Admin,
        username: Path<String>,
        body: Json<AdminUserPatch>,
    ) -> Result<Json<AdminUser>> {
        let actor = Actor::User(admin.0.user);
        let u = state
            .accounts
            .admin_update(
                &actor,
                &username.0,
                body.0.role.map(Role::from),
                body.0.status.map(Status::from),
            )
            .await?;
        Ok(Json(AdminUser::from(&u)))
    }

    /// Deletes a user and all their data.
    #[oai(
        path = "/admin/users/:username",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_delete_user"
    )]
    async fn admin_delete_user(
        &self,
        state: Data<&AppState>,
        admin: Admin,
        username: Path<String>,
    ) -> Result<NoContent> {
        let actor = Actor::User(admin.0.user);
        state.accounts.delete_user(&actor, &username.0).await?;
        Ok(NoContent::Done)
    }

    /// Invite codes.
    #[oai(
        path = "/admin/invites",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_list_invites"
    )]
    async fn invites(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<InviteList>> {
        let limit = limit_of(limit.0)?;
        let after = Cursor::decode(cursor.0.as_deref())?;
        let mut list = state.accounts.invites(after, limit + 1).await?;
        let next_cursor = (list.len() > limit).then(|| {
            list.truncate(limit);
            Cursor::encode(&list[limit - 1].code)
        });
        Ok(Json(InviteList {
            items: list.iter().map(InviteDto::from).collect(),
            next_cursor,
        }))
    }

    /// Creates an invite code.
    #[oai(
        path = "/admin/invites",
        method = "post",
        tag = "Tag::Admin",
        operation_id = "admin_create_invite"
    )]
    async fn create_invite(
        &self,
        state: Data<&AppState>,
        admin: Admin,
        body: Json<NewInviteRequest>,
    ) -> Result<Created<InviteDto>> {
        let b = body.0;
        let actor = Actor::User(admin.0.user);
        let invite = state
            .accounts
            .create_invite(
                &actor,
                b.role.map_or(Role::Member, Role::from),
                b.max_uses.unwrap_or(1),
                Some(b.expires_in_hours.unwrap_or(168)),
            )
            .await?;
        Ok(Created::Created(Json(InviteDto::from(&invite))))
    }

    /// Revokes an invite code.
    #[oai(
        path = "/admin/invites/:code",
        method = "delete",
        tag = "Tag::Admin",
        operation_id = "admin_revoke_invite"
    )]
    async fn revoke_invite(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
        code: Path<String>,
    ) -> Result<NoContent> {
        state.accounts.revoke_invite(code.0).await?;
        Ok(NoContent::Done)
    }

    /// Instance settings.
    #[oai(
        path = "/admin/settings",
        method = "get",
        tag = "Tag::Admin",
        operation_id = "admin_get_settings"
    )]
    async fn settings(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
    ) -> Result<Json<InstanceSettings>> {
        let (mode, locked) = state.accounts.registration_mode().await?;
        Ok(Json(InstanceSettings {
            registration_mode: mode.into(),
            registration_mode_locked: locked,
        }))
    }

    /// Changes instance settings.
    #[oai(
        path = "/admin/settings",
        method = "patch",
        tag = "Tag::Admin",
        operation_id = "admin_update_settings"
    )]
    async fn update_settings(
        &self,
        state: Data<&AppState>,
        _admin: Admin,
        body: Json<InstanceSettingsPatch>,
    ) -> Result<Json<InstanceSettings>> {
        if let Some(mode) = body.0.registration_mode {
            state.accounts.set_registration_mode(mode.into()).await?;
        }
        let (mode, locked) = state.accounts.registration_mode().await?;
        Ok(Json(InstanceSettings {
            registration_mode: mode.into(),
            registration_mode_locked: locked,
        }))
    }
}
