//! The caller as a typed handler parameter: `Member`, `Coach`, `Admin` (required role visible in
//! the signature, enforced here, in one place) and `MaybeMember` for endpoints open to guests.
//!
//! A token is taken from `Authorization: Bearer …` or from the `gymbox_session` cookie. Unsafe
//! requests authenticated by the cookie must carry `X-Gymbox-Csrf` (which a cross-site form
//! cannot send) and, when the browser sends `Origin`, come from this server's own origin.

use poem::http::Method;
use poem::{Request, RequestBody};
use poem_openapi::auth::{ApiKey, Bearer};
use poem_openapi::registry::Registry;
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions, SecurityScheme};

use crate::accounts::model::{Role, Session, User};
use crate::config::Settings;
use crate::error::{AppError, Code};

pub const SESSION_COOKIE: &str = "gymbox_session";
pub const CSRF_HEADER: &str = "x-gymbox-csrf";

/// A session token or personal API token.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", rename = "bearerAuth")]
#[allow(dead_code)]
struct BearerAuth(Bearer);

/// The session cookie set by login (unsafe methods also need the `X-Gymbox-Csrf` header).
#[derive(SecurityScheme)]
#[oai(
    ty = "api_key",
    key_name = "gymbox_session",
    key_in = "cookie",
    rename = "cookieAuth"
)]
#[allow(dead_code)]
struct CookieAuth(ApiKey);

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub session: Session,
}

fn token_of(req: &Request) -> Option<(String, bool)> {
    if let Some(h) = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    {
        let (scheme, token) = h.split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| (token.trim().to_owned(), false));
    }
    req.cookie()
        .get(SESSION_COOKIE)
        .map(|c| (c.value_str().to_owned(), true))
}

fn check_csrf(req: &Request, settings: &Settings) -> Result<(), AppError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    if !req.headers().contains_key(CSRF_HEADER) {
        return Err(AppError::Problem(
            Code::CsrfFailed,
            "Requests signed in by cookie must send the X-Gymbox-Csrf header.".into(),
        ));
    }
    if let Some(origin) = req.headers().get("origin").and_then(|v| v.to_str().ok()) {
        let host = req
            .headers()
            .get("host")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let same_host = origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host);
        let public = settings
            .public_url
            .as_deref()
            .is_some_and(|p| p.trim_end_matches('/') == origin);
        if !same_host && !public {
            return Err(AppError::Problem(
                Code::CsrfFailed,
                "This request came from another site and was refused.".into(),
            ));
        }
    }
    Ok(())
}

/// Resolves the caller, or `None` when no credentials were sent. Invalid credentials are a 401.
pub async fn resolve(req: &Request) -> Result<Option<Caller>, AppError> {
    let state = crate::api::services::state(req)?;
    let (accounts, settings) = (&state.accounts, &*state.settings);
    let Some((token, via_cookie)) = token_of(req) else {
        return Ok(None);
    };
    if via_cookie {
        check_csrf(req, settings)?;
    }
    match accounts.authenticate(&token).await? {
        Some((user, session)) => Ok(Some(Caller { user, session })),
        None => Err(AppError::Problem(
            Code::SessionExpired,
            "Your session has ended or the token is not valid; sign in again.".into(),
        )),
    }
}

async fn require(req: &Request, role: Role) -> Result<Caller, AppError> {
    let caller = resolve(req).await?.ok_or_else(|| {
        AppError::Problem(
            Code::Unauthorized,
            "Sign in first: send a Bearer token or the session cookie.".into(),
        )
    })?;
    if caller.user.role < role {
        return Err(AppError::Problem(
            Code::Forbidden,
            format!("This needs the {} role or higher.", role.as_str()),
        ));
    }
    Ok(caller)
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub Caller);

        impl<'a> ApiExtractor<'a> for $name {
            const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];
            type ParamType = ();
            type ParamRawType = ();

            fn register(registry: &mut Registry) {
                <BearerAuth as ApiExtractor>::register(registry);
                <CookieAuth as ApiExtractor>::register(registry);
            }

            fn security_schemes() -> Vec<&'static str> {
                let mut v = <BearerAuth as ApiExtractor>::security_schemes();
                v.extend(<CookieAuth as ApiExtractor>::security_schemes());
                v
            }

            async fn from_request(
                req: &'a Request,
                _body: &mut RequestBody,
                _opts: ExtractParamOptions<Self::ParamType>,
            ) -> poem::Result<Self> {
                Ok(Self(require(req, $role).await?))
            }
        }

        impl std::ops::Deref for $name {
            type Target = Caller;
            fn deref(&self) -> &Caller {
                &self.0
            }
        }
    };
}

role_extractor!(
    /// Any signed-in, active user.
    Member,
    Role::Member
);
role_extractor!(
    /// A coach, admin or the owner.
    Coach,
    Role::Coach
);
role_extractor!(
    /// An admin or the owner.
    Admin,
    Role::Admin
);

/// The caller if signed in; guests are `None`. Bad credentials are still a 401.
#[derive(Debug, Clone)]
pub struct MaybeMember(pub Option<Caller>);

impl<'a> poem::FromRequest<'a> for MaybeMember {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        Ok(Self(resolve(req).await?))
    }
}
