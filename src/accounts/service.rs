//! Account rules: registration, login, sessions, tokens, profiles, privacy, 2FA, admin.
//!
//! Every method is async; storage work runs on the blocking pool through `Store::read` /
//! `Store::write`, password hashing through the bounded `Hasher`.

use std::sync::Arc;
use std::time::Duration;

use redb::WriteTransaction;

use super::model::{
    Avatar, Invite, Language, Preferences, Privacy, RegistrationMode, Role, Session, SessionKind,
    Status, Totp, Units, User, Visibility, WeekStart,
};
use super::password::{self, Hasher};
use super::store::{self, Reader};
use super::throttle::Throttle;
use super::{tokens, totp, validate};
use crate::error::{AppError, FieldError};
use crate::storage::Store;
use crate::storage::ids::{new_id, now};

/// Sessions end this long after login at the latest.
pub const SESSION_TTL: i64 = 30 * 24 * 3600;
/// Sessions unused for this long end.
pub const SESSION_IDLE: i64 = 14 * 24 * 3600;
/// Last-use times are written at most this often (one durable write per 5 minutes, not per request).
const TOUCH_EVERY: i64 = 300;
pub const MAX_AVATAR_BYTES: usize = 2 * 1024 * 1024;
const MAX_TOKENS_PER_USER: usize = 50;

/// Who is asking for an administrative change.
#[derive(Debug, Clone)]
pub enum Actor {
    /// The local administrator through the CLI (filesystem access to the data directory).
    System,
    User(User),
}

#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ProfilePatch {
    pub display_name: Option<String>,
    pub bio: Option<String>,
    /// `Some("")` clears the address.
    pub email: Option<String>,
    pub units: Option<Units>,
    pub language: Option<Language>,
    pub timezone: Option<String>,
    pub week_start: Option<WeekStart>,
    pub profile_visibility: Option<Visibility>,
    pub searchable: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub struct LoginOk {
    pub token: String,
    pub session: Session,
    pub user: User,
}

#[derive(Clone)]
pub struct Accounts {
    store: Store,
    hasher: Hasher,
    by_account: Arc<Throttle>,
    by_address: Arc<Throttle>,
    /// Registration mode fixed by the server configuration (then not changeable at run time).
    fixed_mode: Option<RegistrationMode>,
    login_failures: prometheus_client::metrics::counter::Counter,
}

fn unauthorized() -> AppError {
    AppError::Unauthorized(
        "invalid_credentials",
        "The username/e-mail or the password is wrong.".into(),
    )
}

fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("No {what} with that name, or you may not see it."))
}

fn field_errors(errs: Vec<FieldError>) -> Result<(), AppError> {
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

impl Accounts {
    pub fn new(
        store: Store,
        fixed_mode: Option<RegistrationMode>,
        hash_permits: usize,
        login_failures: prometheus_client::metrics::counter::Counter,
    ) -> Self {
        Self {
            store,
            hasher: Hasher::new(hash_permits),
            by_account: Arc::new(Throttle::new(5, Duration::from_secs(15 * 60))),
            by_address: Arc::new(Throttle::new(30, Duration::from_secs(15 * 60))),
            fixed_mode,
            login_failures,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Forgets throttling entries that have expired (run every few minutes).
    pub fn prune_throttles(&self) {
        self.by_account.prune();
        self.by_address.prune();
    }

    // ----- instance and set-up -------------------------------------------------------------

    pub async fn registration_mode(&self) -> Result<(RegistrationMode, bool), AppError> {
        if let Some(m) = self.fixed_mode {
            return Ok((m, true));
        }
        let stored = self.store.read(|tx| store::registration_mode(tx)).await?;
        Ok((stored.unwrap_or(RegistrationMode::Invite), false))
    }

    pub async fn set_registration_mode(&self, mode: RegistrationMode) -> Result<(), AppError> {
        if self.fixed_mode.is_some() {
            return Err(AppError::Conflict(
                "registration_mode_locked",
                "The registration mode is set in the server configuration; change it there.".into(),
            ));
        }
        self.store
            .write(move |tx| store::set_registration_mode(tx, mode))
            .await
    }

    pub async fn needs_setup(&self) -> Result<bool, AppError> {
        Ok(!self.store.read(|tx| store::owner_exists(tx)).await?)
    }

    /// When there is no owner yet, makes a new one-time set-up code (stored as a hash) and
    /// returns it so the server can print it; `None` once an owner exists.
    pub async fn new_setup_code(&self) -> Result<Option<String>, AppError> {
        let code = tokens::random_code(12);
        let hash = tokens::hash(&code);
        self.store
            .write(move |tx| {
                if store::owner_exists(tx)? {
                    return Ok(None);
                }
                store::set_setup_code_hash(tx, Some(&hash))?;
                Ok(Some(code))
            })
            .await
    }

    /// Creates the owner with the set-up code printed at start-up, and signs them in.
    pub async fn setup_owner(
        &self,
        code: String,
        new: NewUser,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        let hash = tokens::hash(code.trim());
        let stored = self.store.read(|tx| store::setup_code_hash(tx)).await?;
        if self.store.read(|tx| store::owner_exists(tx)).await? {
            return Err(AppError::Conflict(
                "setup_done",
                "The owner account already exists; sign in instead.".into(),
            ));
        }
        let ok =
            stored.is_some_and(|s| subtle::ConstantTimeEq::ct_eq(s.as_slice(), &hash[..]).into());
        if !ok {
            return Err(AppError::Forbidden(
                "invalid_setup_code",
                "The set-up code is wrong. Use the code the server printed at its latest start."
                    .into(),
            ));
        }
        let user = self.create_user(new, Role::Owner).await?;
        self.store
            .write(|tx| store::set_setup_code_hash(tx, None))
            .await?;
        self.start_session(user, client).await
    }

    // ----- creating users ------------------------------------------------------------------

    fn check_new_user(new: &NewUser) -> Result<(), AppError> {
        let mut errs = Vec::new();
        if let Err(e) = validate::username(&new.username) {
            errs.push(e);
        }
        if let Some(e) = new.email.as_deref().filter(|e| !e.is_empty())
            && let Err(err) = validate::email(e)
        {
            errs.push(err);
        }
        if let Some(d) = &new.display_name
            && let Err(e) = validate::text("display_name", d, validate::DISPLAY_NAME_MAX, false)
        {
            errs.push(e);
        }
        if let Err(AppError::Validation(mut v)) =
            password::check_rules("password", &new.password, &new.username)
        {
            errs.append(&mut v);
        }
        field_errors(errs)
    }

    /// Creates a user with `role` (registration, set-up, CLI and admin all come here).
    pub async fn create_user(&self, new: NewUser, role: Role) -> Result<User, AppError> {
        self.create_user_with(new, role, |_| Ok(())).await
    }

    /// Like `create_user`, running `also` in the same write transaction (e.g. using an invite).
    async fn create_user_with(
        &self,
        new: NewUser,
        role: Role,
        also: impl FnOnce(&WriteTransaction) -> Result<(), AppError> + Send + 'static,
    ) -> Result<User, AppError> {
        Self::check_new_user(&new)?;
        let password_hash = self.hasher.hash(new.password.clone()).await?;
        let username = new.username.trim().to_owned();
        let user = User {
            id: new_id(),
            display_name: new
                .display_name
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| username.clone()),
            username,
            email: new
                .email
                .map(|e| e.trim().to_owned())
                .filter(|e| !e.is_empty()),
            bio: String::new(),
            role,
            status: Status::Active,
            password_hash,
            created_at: now(),
            last_login_at: None,
            preferences: Preferences::default(),
            privacy: Privacy::default(),
            totp: None,
            avatar_version: 0,
            version: 1,
        };
        let u = user.clone();
        self.store
            .write(move |tx| {
                if u.role == Role::Owner && store::owner_exists(tx)? {
                    return Err(AppError::Conflict(
                        "owner_exists",
                        "There is already an owner; create this account with another role.".into(),
                    ));
                }
                also(tx)?;
                store::insert_user(tx, &u)
            })
            .await?;
        tracing::info!(username = %user.username, role = user.role.as_str(), "user created");
        Ok(user)
    }

    /// Self-service registration, subject to the registration mode.
    pub async fn register(
        &self,
        new: NewUser,
        invite_code: Option<String>,
    ) -> Result<User, AppError> {
        let (mode, _) = self.registration_mode().await?;
        if self.needs_setup().await? {
            return Err(AppError::Forbidden(
                "setup_required",
                "This server has no owner yet; use the set-up link printed by the server.".into(),
            ));
        }
        let code = invite_code
            .map(|c| c.trim().to_lowercase())
            .filter(|c| !c.is_empty());
        match (mode, code) {
            (RegistrationMode::Closed, None) => Err(AppError::Forbidden(
                "registration_closed",
                "Registration is closed on this server; ask an administrator for an account."
                    .into(),
            )),
            (RegistrationMode::Open, None) => self.create_user(new, Role::Member).await,
            (RegistrationMode::Invite, None) => Err(AppError::Forbidden(
                "invalid_invite",
                "Registration on this server needs an invite code from an administrator.".into(),
            )),
            (_, Some(code)) => {
                let invite = self
                    .store
                    .read({
                        let code = code.clone();
                        move |tx| tx.invite(&code)
                    })
                    .await?;
                let role = match invite {
                    Some(i) if i.usable(now()) => i.role,
                    _ => return Err(invalid_invite()),
                };
                self.create_user_with(new, role, move |tx| {
                    // Re-read inside the transaction so concurrent uses cannot exceed max_uses.
                    let mut inv = tx
                        .invite(&code)?
                        .filter(|i| i.usable(now()))
                        .ok_or_else(invalid_invite)?;
                    inv.uses += 1;
                    store::put_invite(tx, &inv)
                })
                .await
            }
        }
    }

    // ----- login, sessions, tokens ---------------------------------------------------------

    pub async fn login(
        &self,
        login: String,
        password: String,
        totp_code: Option<String>,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        let account_key = login.trim().to_lowercase();
        let address_key = client.ip.clone().unwrap_or_default();
        for (throttle, key) in [
            (&self.by_account, &account_key),
            (&self.by_address, &address_key),
        ] {
            if let Some(retry_after) = throttle.check(key) {
                tracing::warn!(login = %account_key, ip = %address_key, "login throttled");
                return Err(AppError::RateLimited {
                    retry_after,
                    detail: format!(
                        "Too many failed sign-ins. Try again in {retry_after} seconds."
                    ),
                });
            }
        }
        let key = account_key.clone();
        let user = self
            .store
            .read(move |tx| {
                let id = if key.contains('@') {
                    tx.user_id_by_email(&key)?
                } else {
                    tx.user_id_by_username(&key)?
                };
                id.map(|id| tx.user(id)).transpose().map(Option::flatten)
            })
            .await?;
        let ok = self
            .hasher
            .verify(password, user.as_ref().map(|u| u.password_hash.clone()))
            .await?;
        let Some(mut user) = user.filter(|_| ok) else {
            self.by_account.fail(&account_key);
            self.by_address.fail(&address_key);
            self.login_failures.inc();
            tracing::warn!(login = %account_key, ip = %address_key, "failed sign-in");
            return Err(unauthorized());
        };
        if user.status == Status::Disabled {
            return Err(AppError::Forbidden(
                "account_disabled",
                "This account is disabled; ask an administrator.".into(),
            ));
        }
        if let Some(t) = user.totp.as_mut().filter(|t| t.enabled) {
            let Some(code) = totp_code.filter(|c| !c.trim().is_empty()) else {
                return Err(AppError::Unauthorized(
                    "totp_required",
                    "Enter the code from your authenticator app.".into(),
                ));
            };
            if let Some(step) = totp::check(t, &code, now()) {
                t.last_step = step;
            } else if !totp::take_recovery_code(t, &code) {
                self.by_account.fail(&account_key);
                self.by_address.fail(&address_key);
                self.login_failures.inc();
                return Err(AppError::Unauthorized(
                    "invalid_totp",
                    "The authenticator code is wrong or was already used.".into(),
                ));
            }
        }
        self.by_account.clear(&account_key);
        user.last_login_at = Some(now());
        self.start_session_updating(user, client).await
    }

    async fn start_session(&self, user: User, client: ClientInfo) -> Result<LoginOk, AppError> {
        self.issue(
            user,
            SessionKind::Session,
            None,
            Some(now() + SESSION_TTL),
            client,
            false,
        )
        .await
    }

    async fn start_session_updating(
        &self,
        user: User,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        self.issue(
            user,
            SessionKind::Session,
            None,
            Some(now() + SESSION_TTL),
            client,
            true,
        )
        .await
    }

    async fn issue(
        &self,
        user: User,
        kind: SessionKind,
        name: Option<String>,
        expires_at: Option<i64>,
        client: ClientInfo,
        write_user: bool,
    ) -> Result<LoginOk, AppError> {
        let prefix = match kind {
            SessionKind::Session => tokens::SESSION_PREFIX,
            SessionKind::ApiToken => tokens::API_TOKEN_PREFIX,
        };
        let token = tokens::random_token(prefix);
        let t = now();
        let session = Session {
            id: new_id(),
            user_id: user.id,
            kind,
            token_hash: tokens::hash(&token),
            name,
            created_at: t,
            expires_at,
            last_seen_at: t,
            last_used_at: None,
            user_agent: client.user_agent.map(|s| s.chars().take(200).collect()),
            ip: client.ip,
        };
        let (s, u) = (session.clone(), user.clone());
        self.store
            .write(move |tx| {
                let current = tx.user(u.id)?.ok_or_else(unauthorized)?;
                if current.status == Status::Disabled {
                    return Err(AppError::Forbidden(
                        "account_disabled",
                        "This account is disabled; ask an administrator.".into(),
                    ));
                }
                if write_user {
                    let mut next = current.clone();
                    next.last_login_at = u.last_login_at;
                    next.totp = u.totp.clone();
                    store::update_user(tx, &current, &next)?;
                }
                store::insert_session(tx, &s)
            })
            .await?;
        Ok(LoginOk {
            token,
            session,
            user,
        })
    }

    /// Resolves a bearer/cookie token to its active user and session, or `None`.
    pub async fn authenticate(&self, token: &str) -> Result<Option<(User, Session)>, AppError> {
        if token.len() > 128 {
            return Ok(None);
        }
        let hash = tokens::hash(token);
        let found = self
            .store
            .read(move |tx| {
                let Some(id) = tx.session_id_by_hash(&hash)? else {
                    return Ok(None);
                };
                let Some(s) = tx.session(id)? else {
                    return Ok(None);
                };
                let Some(u) = tx.user(s.user_id)? else {
                    return Ok(None);
                };
                Ok(Some((u, s)))
            })
            .await?;
        let Some((user, session)) = found else {
            return Ok(None);
        };
        let t = now();
        let expired = session.expires_at.is_some_and(|e| e <= t)
            || (session.kind == SessionKind::Session && t - session.last_seen_at > SESSION_IDLE);
        if expired {
            let s = session.clone();
            self.store
                .write(move |tx| store::delete_session(tx, &s))
                .await?;
            return Ok(None);
        }
        if user.status != Status::Active {
            return Ok(None);
        }
        if t - session.last_seen_at >= TOUCH_EVERY {
            let mut s = session.clone();
            s.last_seen_at = t;
            if s.kind == SessionKind::ApiToken {
                s.last_used_at = Some(t);
            }
            self.store
                .write(move |tx| {
                    if tx.session(s.id)?.is_some() {
                        store::put_session(tx, &s)?;
                    }
                    Ok(())
                })
                .await?;
        }
        Ok(Some((user, session)))
    }

    pub async fn logout(&self, session: Session) -> Result<(), AppError> {
        self.store
            .write(move |tx| store::delete_session(tx, &session))
            .await
    }

    pub async fn sessions(
        &self,
        user_id: u128,
        kind: SessionKind,
    ) -> Result<Vec<Session>, AppError> {
        self.store
            .read(move |tx| store::user_sessions(tx, user_id, kind))
            .await
    }

    /// Ends one of the user's own sessions or tokens; 404 for anything else.
    pub async fn revoke(&self, user_id: u128, id: u128, kind: SessionKind) -> Result<(), AppError> {
        self.store
            .write(move |tx| match tx.session(id)? {
                Some(s) if s.user_id == user_id && s.kind == kind => store::delete_session(tx, &s),
                _ => Err(AppError::NotFound("No such session or token.".into())),
            })
            .await
    }

    pub async fn create_api_token(
        &self,
        user: User,
        name: String,
        expires_in_days: Option<u32>,
    ) -> Result<LoginOk, AppError> {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(AppError::invalid(
                "name",
                "Give the token a name, e.g. the script that uses it.",
            ));
        }
        validate::text("name", &name, validate::TOKEN_NAME_MAX, false)
            .map_err(|e| AppError::Validation(vec![e]))?;
        let expires_at = match expires_in_days {
            Some(0) | Some(3651..) => {
                return Err(AppError::invalid(
                    "expires_in_days",
                    "Use 1 to 3650 days, or leave it out for no expiry.",
                ));
            }
            Some(d) => Some(now() + i64::from(d) * 86_400),
            None => None,
        };
        let existing = self.sessions(user.id, SessionKind::ApiToken).await?;
        if existing.len() >= MAX_TOKENS_PER_USER {
            return Err(AppError::Conflict(
                "too_many_tokens",
                format!("You have {MAX_TOKENS_PER_USER} tokens; revoke one you no longer use."),
            ));
        }
        let client = ClientInfo {
            ip: None,
            user_agent: None,
        };
        self.issue(
            user,
            SessionKind::ApiToken,
            Some(name),
            expires_at,
            client,
            false,
        )
        .await
    }

    // ----- own profile -----------------------------------------------------------------------

    pub async fn user(&self, id: u128) -> Result<User, AppError> {
        self.store
            .read(move |tx| tx.user(id))
            .await?
            .ok_or_else(|| not_found("user"))
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>, AppError> {
        let key = username.to_lowercase();
        self.store
            .read(move |tx| match tx.user_id_by_username(&key)? {
                Some(id) => tx.user(id),
                None => Ok(None),
            })
            .await
    }

    /// Applies a partial profile update; `if_match` is the version the client last saw.
    pub async fn update_profile(
        &self,
        user_id: u128,
        patch: ProfilePatch,
        if_match: Option<u64>,
    ) -> Result<User, AppError> {
        let mut errs = Vec::new();
        if let Some(d) = &patch.display_name {
            if d.trim().is_empty() {
                errs.push(FieldError::new(
                    "display_name",
                    "The display name cannot be empty.",
                ));
            } else if let Err(e) =
                validate::text("display_name", d, validate::DISPLAY_NAME_MAX, false)
            {
                errs.push(e);
            }
        }
        if let Some(b) = &patch.bio
            && let Err(e) = validate::text("bio", b, validate::BIO_MAX, true)
        {
            errs.push(e);
        }
        if let Some(e) = patch.email.as_deref().filter(|e| !e.trim().is_empty())
            && let Err(err) = validate::email(e.trim())
        {
            errs.push(err);
        }
        if let Some(tz) = &patch.timezone
            && let Err(e) = validate::timezone(tz)
        {
            errs.push(e);
        }
        field_errors(errs)?;
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                if if_match.is_some_and(|v| v != old.version) {
                    return Err(AppError::PreconditionFailed(
                        "Your profile was changed elsewhere; reload it and apply your change again."
                            .into(),
                    ));
                }
                let mut u = old.clone();
                if let Some(d) = patch.display_name {
                    u.display_name = d.trim().to_owned();
                }
                if let Some(b) = patch.bio {
                    u.bio = b.trim().to_owned();
                }
                if let Some(e) = patch.email {
                    let e = e.trim().to_owned();
                    u.email = (!e.is_empty()).then_some(e);
                }
                let p = &mut u.preferences;
                p.units = patch.units.unwrap_or(p.units);
                p.language = patch.language.unwrap_or(p.language);
                p.week_start = patch.week_start.unwrap_or(p.week_start);
                if let Some(tz) = patch.timezone {
                    p.timezone = tz;
                }
                let v = &mut u.privacy;
                v.profile_visibility = patch.profile_visibility.unwrap_or(v.profile_visibility);
                v.searchable = patch.searchable.unwrap_or(v.searchable);
                if u != old {
                    u.version += 1;
                    store::update_user(tx, &old, &u)?;
                }
                Ok(u)
            })
            .await
    }

    async fn check_password(&self, user: &User, password: String) -> Result<(), AppError> {
        if self
            .hasher
            .verify(password, Some(user.password_hash.clone()))
            .await?
        {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "invalid_credentials",
                "The current password is wrong.".into(),
            ))
        }
    }

    /// Changes the password and ends every other session (API tokens stay).
    pub async fn change_password(
        &self,
        user_id: u128,
        current: String,
        new: String,
        keep_session: Option<u128>,
    ) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, current).await?;
        password::check_rules("new_password", &new, &user.username)?;
        self.set_password(user_id, new, keep_session).await
    }

    /// Sets a new password (also the CLI's reset) and ends the user's sessions but `keep`.
    pub async fn set_password(
        &self,
        user_id: u128,
        new: String,
        keep: Option<u128>,
    ) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        password::check_rules("new_password", &new, &user.username)?;
        let hash = self.hasher.hash(new).await?;
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.password_hash = hash;
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                store::delete_sessions(tx, user_id, |s| {
                    s.kind == SessionKind::Session && Some(s.id) != keep
                })?;
                Ok(())
            })
            .await
    }

    // ----- two-factor ------------------------------------------------------------------------

    /// Starts TOTP enrolment: stores a new, not yet enabled secret and returns it.
    pub async fn totp_begin(
        &self,
        user_id: u128,
        password: String,
    ) -> Result<(String, String), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password).await?;
        if user.totp_enabled() {
            return Err(AppError::Conflict(
                "totp_enabled",
                "Two-factor sign-in is already on; turn it off first to enrol a new device.".into(),
            ));
        }
        let secret = totp::new_secret();
        let url = totp::otpauth_url(&secret, &user.username);
        let s = secret.clone();
        self.mutate_user(user_id, move |u| {
            u.totp = Some(Totp {
                secret_b32: s,
                ..Totp::default()
            });
            Ok(())
        })
        .await?;
        Ok((secret, url))
    }

    /// Finishes enrolment with a code from the app; returns the recovery codes (shown once).
    pub async fn totp_enable(&self, user_id: u128, code: String) -> Result<Vec<String>, AppError> {
        let (codes, hashes) = totp::new_recovery_codes();
        self.mutate_user(user_id, move |u| {
            let t = u.totp.as_mut().filter(|t| !t.enabled).ok_or_else(|| {
                AppError::Conflict(
                    "totp_not_started",
                    "Start the set-up of two-factor sign-in first.".into(),
                )
            })?;
            let step = totp::check(t, &code, now()).ok_or_else(|| {
                AppError::Unprocessable(
                    "invalid_totp",
                    "The code is wrong; check the time on your phone and try the next code.".into(),
                )
            })?;
            t.last_step = step;
            t.enabled = true;
            t.recovery_hashes = hashes;
            Ok(())
        })
        .await?;
        Ok(codes)
    }

    pub async fn totp_disable(&self, user_id: u128, password: String) -> Result<(), AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password).await?;
        self.mutate_user(user_id, |u| {
            u.totp = None;
            Ok(())
        })
        .await
        .map(|_| ())
    }

    pub async fn totp_new_recovery_codes(
        &self,
        user_id: u128,
        password: String,
    ) -> Result<Vec<String>, AppError> {
        let user = self.user(user_id).await?;
        self.check_password(&user, password).await?;
        let (codes, hashes) = totp::new_recovery_codes();
        self.mutate_user(user_id, move |u| {
            let t = u.totp.as_mut().filter(|t| t.enabled).ok_or_else(|| {
                AppError::Conflict("totp_disabled", "Two-factor sign-in is off.".into())
            })?;
            t.recovery_hashes = hashes;
            Ok(())
        })
        .await?;
        Ok(codes)
    }

    async fn mutate_user(
        &self,
        user_id: u128,
        f: impl FnOnce(&mut User) -> Result<(), AppError> + Send + 'static,
    ) -> Result<User, AppError> {
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                f(&mut u)?;
                u.version += 1;
                store::update_user(tx, &old, &u)?;
                Ok(u)
            })
            .await
    }

    // ----- avatar ----------------------------------------------------------------------------

    pub async fn set_avatar(
        &self,
        user_id: u128,
        content_type: Option<String>,
        bytes: Vec<u8>,
    ) -> Result<User, AppError> {
        if bytes.len() > MAX_AVATAR_BYTES {
            return Err(AppError::TooLarge(
                "The image is larger than 2 MiB; use a smaller one.".into(),
            ));
        }
        let sniffed = sniff_image(&bytes).ok_or_else(|| {
            AppError::Unprocessable("unsupported_image", "Use a PNG, JPEG or WebP image.".into())
        })?;
        if let Some(ct) = content_type.filter(|c| c != "application/octet-stream")
            && ct != sniffed
        {
            return Err(AppError::Unprocessable(
                "unsupported_image",
                format!("The file says it is {ct} but its content is {sniffed}."),
            ));
        }
        let avatar = Avatar {
            content_type: sniffed.to_owned(),
            bytes,
        };
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.avatar_version += 1;
                u.version += 1;
                store::put_avatar(tx, user_id, &avatar)?;
                store::update_user(tx, &old, &u)?;
                Ok(u)
            })
            .await
    }

    pub async fn delete_avatar(&self, user_id: u128) -> Result<(), AppError> {
        self.store
            .write(move |tx| {
                let old = tx.user(user_id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.avatar_version = 0;
                u.version += 1;
                store::delete_avatar(tx, user_id)?;
                store::update_user(tx, &old, &u)
            })
            .await
    }

    pub async fn avatar(&self, user_id: u128) -> Result<Option<Avatar>, AppError> {
        self.store.read(move |tx| tx.avatar(user_id)).await
    }

    // ----- other people's profiles -----------------------------------------------------------

    /// The user named `username` if `viewer` may see their profile; 404 otherwise, so hidden
    /// and missing profiles look the same.
    pub async fn visible_profile(
        &self,
        viewer: Option<&User>,
        username: &str,
    ) -> Result<User, AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        if can_see_profile(viewer, &target) {
            Ok(target)
        } else {
            Err(not_found("user"))
        }
    }

    // ----- administration --------------------------------------------------------------------

    pub async fn list_users(
        &self,
        prefix: String,
        after: Option<String>,
        limit: usize,
    ) -> Result<Vec<User>, AppError> {
        let prefix = prefix.trim().to_lowercase();
        let after = after.map(|a| a.to_lowercase());
        self.store
            .read(move |tx| tx.users_page(&prefix, after.as_deref(), limit))
            .await
    }

    /// Changes a user's role and/or status as `actor` may.
    pub async fn admin_update(
        &self,
        actor: &Actor,
        username: &str,
        role: Option<Role>,
        status: Option<Status>,
    ) -> Result<User, AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        may_manage(actor, &target, role)?;
        let id = target.id;
        let user = self
            .store
            .write(move |tx| {
                let old = tx.user(id)?.ok_or_else(|| not_found("user"))?;
                let mut u = old.clone();
                u.role = role.unwrap_or(u.role);
                u.status = status.unwrap_or(u.status);
                if u != old {
                    u.version += 1;
                    store::update_user(tx, &old, &u)?;
                }
                if u.status == Status::Disabled {
                    store::delete_sessions(tx, id, |_| true)?;
                }
                Ok(u)
            })
            .await?;
        tracing::info!(username = %user.username, role = user.role.as_str(), status = ?user.status, "user changed by an administrator");
        Ok(user)
    }

    /// Deletes a user and their data.
    pub async fn delete_user(&self, actor: &Actor, username: &str) -> Result<(), AppError> {
        let target = self
            .user_by_name(username)
            .await?
            .ok_or_else(|| not_found("user"))?;
        may_manage(actor, &target, None)?;
        let u = target.clone();
        self.store
            .write(move |tx| store::delete_user(tx, &u))
            .await?;
        tracing::info!(username = %target.username, "user deleted");
        Ok(())
    }

    pub async fn create_invite(
        &self,
        actor: &Actor,
        role: Role,
        max_uses: u32,
        expires_in_hours: Option<u32>,
    ) -> Result<Invite, AppError> {
        if role == Role::Owner {
            return Err(AppError::forbidden("An invite cannot make an owner."));
        }
        if let Actor::User(u) = actor
            && u.role != Role::Owner
            && role.is_admin()
        {
            return Err(AppError::forbidden(
                "Only the owner can invite administrators.",
            ));
        }
        if !(1..=1000).contains(&max_uses) {
            return Err(AppError::invalid("max_uses", "Use 1 to 1000 uses."));
        }
        if expires_in_hours.is_some_and(|h| h == 0 || h > 24 * 365) {
            return Err(AppError::invalid(
                "expires_in_hours",
                "Use 1 hour to 1 year, or leave it out.",
            ));
        }
        let t = now();
        let invite = Invite {
            code: tokens::random_code(12),
            role,
            max_uses,
            uses: 0,
            expires_at: expires_in_hours.map(|h| t + i64::from(h) * 3600),
            created_at: t,
            created_by: match actor {
                Actor::System => "cli".into(),
                Actor::User(u) => u.username.clone(),
            },
        };
        let i = invite.clone();
        self.store
            .write(move |tx| store::put_invite(tx, &i))
            .await?;
        Ok(invite)
    }

    pub async fn invites(
        &self,
        after: Option<String>,
        limit: usize,
    ) -> Result<Vec<Invite>, AppError> {
        self.store
            .read(move |tx| tx.invites_page(after.as_deref(), limit))
            .await
    }

    pub async fn revoke_invite(&self, code: String) -> Result<(), AppError> {
        let code = code.trim().to_lowercase();
        self.store
            .write(move |tx| {
                if store::delete_invite(tx, &code)? {
                    Ok(())
                } else {
                    Err(AppError::NotFound("No invite with that code.".into()))
                }
            })
            .await
    }
}

fn invalid_invite() -> AppError {
    AppError::Forbidden(
        "invalid_invite",
        "The invite code is unknown, used up or expired; ask for a new one.".into(),
    )
}

/// Whether `viewer` (None = anonymous) may see `target`'s profile.
pub fn can_see_profile(viewer: Option<&User>, target: &User) -> bool {
    if viewer.is_some_and(|v| v.id == target.id || v.role.is_admin()) {
        return true;
    }
    if target.status != Status::Active {
        return false;
    }
    match target.privacy.profile_visibility {
        Visibility::Public => true,
        Visibility::Members => viewer.is_some(),
        // Follows arrive with the social features; until then only the user and admins see it.
        Visibility::Followers | Visibility::Private => false,
    }
}

/// The rules of who may change or delete whom.
fn may_manage(actor: &Actor, target: &User, new_role: Option<Role>) -> Result<(), AppError> {
    if target.role == Role::Owner {
        return Err(AppError::forbidden(
            "The owner account cannot be changed or deleted.",
        ));
    }
    if new_role == Some(Role::Owner) {
        return Err(AppError::forbidden(
            "There is one owner; another account cannot become owner.",
        ));
    }
    let Actor::User(me) = actor else {
        return Ok(());
    };
    if me.id == target.id {
        return Err(AppError::forbidden(
            "You cannot change your own role or status.",
        ));
    }
    if me.role == Role::Owner {
        return Ok(());
    }
    if target.role.is_admin() || new_role.is_some_and(Role::is_admin) {
        return Err(AppError::forbidden(
            "Only the owner can manage administrators.",
        ));
    }
    Ok(())
}

/// The real type of an image from its first bytes.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}
