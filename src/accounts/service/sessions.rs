//! Sign-in, sessions and personal API tokens.

use super::*;

/// Longest `login` accepted: an e-mail address (usernames are shorter).
const LOGIN_MAX: usize = validate::EMAIL_MAX;
/// Longest one-time code accepted (recovery codes are 11 characters).
const CODE_MAX: usize = 32;

fn pair_key(account: &str, address: &str) -> String {
    format!("{account}\u{0}{address}")
}

/// The throttle key of an account: its id when it exists, so that the username and the
/// e-mail address share one count; otherwise the name as typed (already length-limited).
pub(super) fn account_key(name: &str, user: Option<&User>) -> String {
    match user {
        Some(u) => format!("id:{}", u.id),
        None => format!("name:{name}"),
    }
}

/// What was attempted, for the throttle's message and log line.
#[derive(Clone, Copy)]
pub(super) enum Attempt {
    SignIn,
    /// The current password or a code, asked again by a signed-in request.
    Reverify,
}

impl Attempt {
    fn refusal(self, retry_after: u64) -> String {
        match self {
            Self::SignIn => {
                format!("Too many failed sign-ins. Try again in {retry_after} seconds.")
            }
            Self::Reverify => {
                format!("Too many wrong passwords or codes. Try again in {retry_after} seconds.")
            }
        }
    }
}

/// Refuses input that is too long to be a login name, password or code, before any of it is
/// logged, looked up or kept as a throttle key.
fn check_credential_lengths(
    login: &str,
    password: &str,
    code: Option<&str>,
) -> Result<(), AppError> {
    let mut errs = Vec::new();
    if login.len() > LOGIN_MAX {
        errs.push(FieldError::new(
            "login",
            format!("Enter your username or e-mail address (at most {LOGIN_MAX} characters)."),
        ));
    }
    if password.chars().count() > password::MAX_LEN {
        errs.push(FieldError::new(
            "password",
            format!("Passwords have at most {} characters.", password::MAX_LEN),
        ));
    }
    if code.is_some_and(|c| c.len() > CODE_MAX) {
        errs.push(FieldError::new(
            "totp_code",
            "Enter the 6-digit code from your authenticator app or a recovery code.",
        ));
    }
    field_errors(errs)
}

fn invalid_code() -> AppError {
    AppError::Problem(
        Code::InvalidTotp,
        "The authenticator code is wrong or was already used.".into(),
    )
}

impl Accounts {
    /// Refuses an attempt while the account (from this address, or from anywhere) or the
    /// address has failed too often. Locking per account *and* address means a stranger
    /// cannot lock a member out with a few wrong guesses; the looser account-wide limit still
    /// stops guessing spread over many addresses.
    pub(super) fn throttle_check(
        &self,
        account: &str,
        address: &str,
        what: Attempt,
    ) -> Result<(), AppError> {
        let pair = pair_key(account, address);
        for (throttle, key) in [
            (&self.by_pair, pair.as_str()),
            (&self.by_account, account),
            (&self.by_address, address),
        ] {
            if let Some(retry_after) = throttle.check(key) {
                tracing::warn!(account = %account, ip = %address, "sign-in throttled");
                return Err(AppError::RateLimited {
                    retry_after,
                    detail: what.refusal(retry_after),
                });
            }
        }
        Ok(())
    }

    /// Counts a failed attempt against the account, the pair and the address.
    pub(super) fn throttle_fail(&self, account: &str, address: &str) {
        self.by_pair.fail(&pair_key(account, address));
        self.by_account.fail(account);
        self.by_address.fail(address);
    }

    /// A successful attempt clears the account's count from this address.
    pub(super) fn throttle_clear(&self, account: &str, address: &str) {
        self.by_pair.clear(&pair_key(account, address));
    }

    /// Signs in with a username or e-mail address and password, and the authenticator code
    /// or a recovery code when two-factor sign-in is on. The code is checked and used up in
    /// the same write transaction that starts the session, so parallel sign-ins with one
    /// code succeed once.
    pub async fn login(
        &self,
        login: String,
        password: String,
        totp_code: Option<String>,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        check_credential_lengths(login.trim(), &password, totp_code.as_deref())?;
        let name = login.trim().to_lowercase();
        let address = client.ip.clone().unwrap_or_default();
        let key = name.clone();
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
        let account = account_key(&name, user.as_ref());
        self.throttle_check(&account, &address, Attempt::SignIn)?;
        let ok = self
            .hasher
            .verify(password, user.as_ref().map(|u| u.password_hash.clone()))
            .await?;
        let Some(user) = user.filter(|_| ok) else {
            self.throttle_fail(&account, &address);
            self.login_failures.inc();
            tracing::warn!(login = %name, ip = %address, "failed sign-in");
            return Err(unauthorized());
        };
        if user.status == Status::Disabled {
            return Err(disabled_because(&user));
        }
        let code = totp_code.filter(|c| !c.trim().is_empty());
        if user.totp_enabled() && code.is_none() {
            return Err(totp_required());
        }
        let signed_in = self
            .issue(
                user.id,
                SessionKind::Session,
                None,
                Some(now() + SESSION_TTL),
                client,
                Some(Box::new(move |u: &mut User| {
                    if let Some(t) = u.totp.as_mut().filter(|t| t.enabled) {
                        let code = code.as_deref().ok_or_else(totp_required)?;
                        if !totp::use_code(t, code, now()) {
                            return Err(invalid_code());
                        }
                    }
                    u.last_login_at = Some(now());
                    Ok(())
                })),
            )
            .await;
        match &signed_in {
            Ok(_) => self.throttle_clear(&account, &address),
            Err(AppError::Problem(Code::InvalidTotp, _)) => {
                self.throttle_fail(&account, &address);
                self.login_failures.inc();
                tracing::warn!(login = %name, ip = %address, "failed sign-in");
            }
            Err(_) => {}
        }
        signed_in
    }

    pub(super) async fn start_session(
        &self,
        user: User,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        self.issue(
            user.id,
            SessionKind::Session,
            None,
            Some(now() + SESSION_TTL),
            client,
            None,
        )
        .await
    }

    /// Creates a session or token for the user, re-reading the user inside the write
    /// transaction; `update` may change the user (and refuse) in that same transaction.
    async fn issue(
        &self,
        user_id: u128,
        kind: SessionKind,
        name: Option<String>,
        expires_at: Option<i64>,
        client: ClientInfo,
        update: Option<UserUpdate>,
    ) -> Result<LoginOk, AppError> {
        let prefix = match kind {
            SessionKind::Session => tokens::SESSION_PREFIX,
            SessionKind::ApiToken => tokens::API_TOKEN_PREFIX,
        };
        let token = tokens::random_token(prefix);
        let t = now();
        let session = Session {
            id: new_id(),
            user_id,
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
        let s = session.clone();
        let bus = self.bus.clone();
        let user = self
            .store
            .write(move |tx| {
                let current = tx.user(user_id)?.ok_or_else(unauthorized)?;
                if current.status == Status::Disabled {
                    return Err(disabled_because(&current));
                }
                let user = match &update {
                    Some(update) => {
                        let mut next = current.clone();
                        update(&mut next)?;
                        store::update_user(tx, &current, &next)?;
                        next
                    }
                    None => current,
                };
                store::insert_session(tx, &s)?;
                if s.kind == SessionKind::Session {
                    super::used(tx, &bus, user_id, crate::events::Feature::SignIn)?;
                }
                Ok(user)
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
            let bus = self.bus.clone();
            self.store
                .write(move |tx| {
                    if tx.session(s.id)?.is_some() {
                        store::put_session(tx, &s)?;
                        super::used(tx, &bus, s.user_id, crate::events::Feature::Visit)?;
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
            return Err(AppError::Problem(
                Code::TooManyTokens,
                format!("You have {MAX_TOKENS_PER_USER} tokens; revoke one you no longer use."),
            ));
        }
        let client = ClientInfo {
            ip: None,
            user_agent: None,
        };
        self.issue(
            user.id,
            SessionKind::ApiToken,
            Some(name),
            expires_at,
            client,
            None,
        )
        .await
    }
}
