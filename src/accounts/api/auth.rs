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
        accounts: Data<&Accounts>,
        settings: Data<&std::sync::Arc<Settings>>,
    ) -> Result<Json<Instance>> {
        let (mode, _) = accounts.registration_mode().await?;
        Ok(Json(Instance {
            name: settings.instance_name.clone(),
            version: crate::VERSION.to_owned(),
            registration_mode: mode.into(),
            needs_setup: accounts.needs_setup().await?,
            member_clubs: settings.member_clubs,
        }))
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
        accounts: Data<&Accounts>,
        settings: Data<&std::sync::Arc<Settings>>,
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
            .setup_owner(b.setup_code, new, client, &settings.instance_name)
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
        accounts: Data<&Accounts>,
        settings: Data<&std::sync::Arc<Settings>>,
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
            .register(new, b.invite_code, client, &settings.instance_name)
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
        accounts: Data<&Accounts>,
        settings: Data<&std::sync::Arc<Settings>>,
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
        accounts: Data<&Accounts>,
        settings: Data<&std::sync::Arc<Settings>>,
        me: Member,
    ) -> Result<LogoutReply> {
        accounts.logout(me.0.session).await?;
        Ok(LogoutReply::Done(session_cookie(&settings, None)))
    }
}
