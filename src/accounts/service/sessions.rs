//! Sign-in, sessions and personal API tokens.

use super::*;

fn pair_key(account: &str, address: &str) -> String {
    format!("{account}\u{0}{address}")
}

impl Accounts {
    /// Refuses a sign-in while the account (from this address, or from anywhere) or the
    /// address has failed too often. Locking per account *and* address means a stranger
    /// cannot lock a member out with a few wrong guesses; the looser account-wide limit still
    /// stops guessing spread over many addresses.
    fn throttle_check(&self, account: &str, address: &str) -> Result<(), AppError> {
        let pair = pair_key(account, address);
        for (throttle, key) in [
            (&self.by_pair, pair.as_str()),
            (&self.by_account, account),
            (&self.by_address, address),
        ] {
            if let Some(retry_after) = throttle.check(key) {
                tracing::warn!(login = %account, ip = %address, "sign-in throttled");
                return Err(AppError::RateLimited {
                    retry_after,
                    detail: format!(
                        "Too many failed sign-ins. Try again in {retry_after} seconds."
                    ),
                });
            }
        }
        Ok(())
    }

    fn throttle_fail(&self, account: &str, address: &str) {
        self.by_pair.fail(&pair_key(account, address));
        self.by_account.fail(account);
        self.by_address.fail(address);
        self.login_failures.inc();
        tracing::warn!(login = %account, ip = %address, "failed sign-in");
    }

    pub async fn login(
        &self,
        login: String,
        password: String,
        totp_code: Option<String>,
        client: ClientInfo,
    ) -> Result<LoginOk, AppError> {
        let account_key = login.trim().to_lowercase();
        let address_key = client.ip.clone().unwrap_or_default();
        self.throttle_check(&account_key, &address_key)?;
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
            self.throttle_fail(&account_key, &address_key);
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
                self.throttle_fail(&account_key, &address_key);
                return Err(AppError::Unauthorized(
                    "invalid_totp",
                    "The authenticator code is wrong or was already used.".into(),
                ));
            }
        }
        self.by_pair.clear(&pair_key(&account_key, &address_key));
        user.last_login_at = Some(now());
        self.start_session_updating(user, client).await
    }

    pub(super) async fn start_session(
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
}
