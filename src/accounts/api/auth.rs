//! Registration, set-up, sign-in and sign-out.

use super::dto::*;
use super::*;
use crate::accounts::Accounts;
use crate::api::body::JsonBody;
use crate::config::Settings;

pub struct AuthApi;

#[OpenApi(prefix_path = "/api/v1")]
impl AuthApi {
    /// Public facts about this server: name, version, registration mode, set-up state.
    #[oai(
        path = "/instance",
        method = "get",
        tag = "Tag::Auth",
        operation_id = "get_instance"
    )]
    async fn instance(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
    ) -> Result<Json<Instance>> {
        let (mode, _) = accounts.registration_mode().await?;
        let g = accounts.gym();
        Ok(Json(Instance {
            name: g.name.clone(),
            version: crate::VERSION.to_owned(),
            registration_mode: mode.into(),
            needs_setup: accounts.needs_setup().await?,
            member_clubs: settings.member_clubs,
            logo_url: g.logo_url(),
            default_language: g.default_language.into(),
            units: g.units.into(),
            timezone: g.timezone.clone(),
            plates: PlatesDto::from(&g.plates),
        }))
    }

    /// The gym's logo (404 when it has none).
    #[oai(
        path = "/instance/logo",
        method = "get",
        tag = "Tag::Auth",
        operation_id = "get_instance_logo"
    )]
    async fn logo(&self, accounts: Svc<'_, Accounts>) -> Result<AvatarImage> {
        let logo = accounts
            .logo()
            .await?
            .ok_or_else(|| AppError::NotFound("This gym has no logo.".into()))?;
        Ok(AvatarImage::Ok(
            Image {
                content_type: logo.content_type,
                bytes: logo.bytes,
            },
            "public, max-age=31536000, immutable".to_owned(),
        ))
    }

    /// Sets a new password with a one-time link an administrator made; every session and API
    /// token of the account ends. Wrong links are limited per client address (429).
    #[oai(
        path = "/auth/password-reset",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "use_password_reset_link"
    )]
    async fn password_reset(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        body: JsonBody<PasswordResetRequest>,
    ) -> Result<NoContent> {
        let b = body.0;
        let client = client_info(req, &settings);
        accounts
            .use_reset_link(&b.token, b.password, client)
            .await?;
        Ok(NoContent::Done)
    }

    /// Creates the owner account with the one-time set-up code printed by the server. Wrong
    /// codes are limited per client address (429 with `Retry-After`).
    #[oai(
        path = "/auth/setup",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "setup_owner"
    )]
    async fn setup(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        body: JsonBody<SetupRequest>,
    ) -> Result<LoginReply> {
        let b = body.0;
        let new = NewUser {
            username: b.username,
            password: b.password,
            email: b.email,
            display_name: b.display_name,
        };
        let client = client_info(req, &settings);
        let ok = accounts
            .setup_owner(b.setup_code, new, client, &accounts.gym().name)
            .await?;
        Ok(LoginReply::Created(
            Json(login_response(&ok)),
            session_cookie(&settings, Some(&ok.token)),
        ))
    }

    /// Registers a new member (subject to the registration mode: open, invite or closed).
    /// Attempts and wrong invite codes are limited per client address (429 with
    /// `Retry-After`); a password that is easy to guess is refused with the reason.
    #[oai(
        path = "/auth/register",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "register"
    )]
    async fn register(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        body: JsonBody<RegisterRequest>,
    ) -> Result<Created<Me>> {
        let b = body.0;
        let new = NewUser {
            username: b.username,
            password: b.password,
            email: b.email,
            display_name: b.display_name,
        };
        let client = client_info(req, &settings);
        let user = accounts
            .register(new, b.invite_code, client, &accounts.gym().name)
            .await?;
        Ok(Created::Created(Json(Me::from(&user))))
    }

    /// Signs in with username or e-mail and password (and a TOTP code when enabled). Failed
    /// attempts are counted per account (username and e-mail count together) and per client
    /// address; over the limit the answer is 429 with `Retry-After`.
    #[oai(
        path = "/auth/login",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "login"
    )]
    async fn login(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        body: JsonBody<LoginRequest>,
    ) -> Result<LoginReply> {
        let b = body.0;
        let client = client_info(req, &settings);
        let ok = accounts
            .login(b.login, b.password, b.totp_code, client)
            .await?;
        Ok(LoginReply::Ok(
            Json(login_response(&ok)),
            session_cookie(&settings, Some(&ok.token)),
        ))
    }

    /// Ends the current session (or revokes the API token used) and clears the cookie.
    #[oai(
        path = "/auth/logout",
        method = "post",
        tag = "Tag::Auth",
        operation_id = "logout"
    )]
    async fn logout(
        &self,
        accounts: Svc<'_, Accounts>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        me: Member,
    ) -> Result<LogoutReply> {
        accounts.logout(me.0.session).await?;
        Ok(LogoutReply::Done(session_cookie(&settings, None)))
    }
}
