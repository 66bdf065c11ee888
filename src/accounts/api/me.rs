//! The signed-in user's own account: profile, password, sessions, tokens, avatar, 2FA.

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::api::body::JsonBody;
use crate::config::Settings;

pub struct MeApi;

#[OpenApi(prefix_path = "/api/v1")]
impl MeApi {
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
        accounts: Svc<'_, Accounts>,
        me: Member,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: JsonBody<MePatch>,
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
            weekly_target: prefs.weekly_target,
            profile_visibility: privacy.profile_visibility.map(Into::into),
            searchable: privacy.searchable,
        };
        let version = parse_etag(if_match.0)?;
        let user = accounts.update_profile(me.user.id, patch, version).await?;
        Ok(me_response(&user))
    }

    /// Changes the password. Every other browser session ends, and so do all personal API
    /// tokens unless `keep_tokens` is true; the session or token making the request stays.
    /// Wrong current passwords are throttled like sign-ins (429 with `Retry-After`).
    #[oai(
        path = "/me/password",
        method = "post",
        tag = "Tag::Me",
        operation_id = "change_password"
    )]
    async fn change_password(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
        body: JsonBody<PasswordChange>,
    ) -> Result<NoContent> {
        let b = body.0;
        accounts
            .change_password(
                me.user.id,
                b.current_password,
                b.new_password,
                b.keep_tokens,
                &current(req, &settings, &me),
                &accounts.gym().name,
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
    async fn sessions(&self, accounts: Svc<'_, Accounts>, me: Member) -> Result<Json<SessionList>> {
        let list = accounts.sessions(me.user.id, SessionKind::Session).await?;
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
        accounts: Svc<'_, Accounts>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        let id = parse_id(&id.0)?;
        accounts
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
    async fn tokens(&self, accounts: Svc<'_, Accounts>, me: Member) -> Result<Json<TokenList>> {
        let list = accounts.sessions(me.user.id, SessionKind::ApiToken).await?;
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
        accounts: Svc<'_, Accounts>,
        me: Member,
        body: JsonBody<NewTokenRequest>,
    ) -> Result<Created<NewToken>> {
        let b = body.0;
        let ok = accounts
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
        accounts: Svc<'_, Accounts>,
        me: Member,
        id: Path<String>,
    ) -> Result<NoContent> {
        let id = parse_id(&id.0)?;
        accounts
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
        accounts: Svc<'_, Accounts>,
        me: Member,
        form: AvatarUpload,
    ) -> Result<MeResponse> {
        let ct = form.file.content_type().map(str::to_owned);
        let bytes = form
            .file
            .into_vec()
            .await
            .map_err(|e| AppError::BadRequest(format!("Could not read the upload: {e}")))?;
        let user = accounts.set_avatar(me.user.id, ct, bytes).await?;
        Ok(me_response(&user))
    }

    /// Removes the profile picture.
    #[oai(
        path = "/me/avatar",
        method = "delete",
        tag = "Tag::Me",
        operation_id = "delete_avatar"
    )]
    async fn delete_avatar(&self, accounts: Svc<'_, Accounts>, me: Member) -> Result<NoContent> {
        accounts.delete_avatar(me.user.id).await?;
        Ok(NoContent::Done)
    }

    /// Starts two-factor enrolment: returns a new secret and its `otpauth://` URL. Needs the
    /// password (throttled like sign-ins).
    #[oai(
        path = "/me/totp/setup",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_setup"
    )]
    async fn totp_setup(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
        body: JsonBody<PasswordConfirm>,
    ) -> Result<Json<TotpSetup>> {
        let (secret, otpauth_url) = accounts
            .totp_begin(me.user.id, body.0.password, &current(req, &settings, &me))
            .await?;
        Ok(Json(TotpSetup {
            secret,
            otpauth_url,
        }))
    }

    /// Turns two-factor sign-in on with a code from the app; returns recovery codes. Every
    /// other browser session of the user ends (this one stays). One code enables once; wrong
    /// codes are throttled like sign-ins.
    #[oai(
        path = "/me/totp/enable",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_enable"
    )]
    async fn totp_enable(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
        body: JsonBody<TotpCode>,
    ) -> Result<Json<RecoveryCodes>> {
        let recovery_codes = accounts
            .totp_enable(me.user.id, body.0.code, &current(req, &settings, &me))
            .await?;
        Ok(Json(RecoveryCodes { recovery_codes }))
    }

    /// Turns two-factor sign-in off. Needs the password (throttled like sign-ins).
    #[oai(
        path = "/me/totp/disable",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_disable"
    )]
    async fn totp_disable(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
        body: JsonBody<PasswordConfirm>,
    ) -> Result<NoContent> {
        accounts
            .totp_disable(me.user.id, body.0.password, &current(req, &settings, &me))
            .await?;
        Ok(NoContent::Done)
    }

    /// Replaces the recovery codes with ten new ones. Needs the password (throttled like
    /// sign-ins).
    #[oai(
        path = "/me/totp/recovery-codes",
        method = "post",
        tag = "Tag::Me",
        operation_id = "totp_recovery_codes"
    )]
    async fn totp_recovery(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
        body: JsonBody<PasswordConfirm>,
    ) -> Result<Json<RecoveryCodes>> {
        let recovery_codes = accounts
            .totp_new_recovery_codes(me.user.id, body.0.password, &current(req, &settings, &me))
            .await?;
        Ok(Json(RecoveryCodes { recovery_codes }))
    }
}
