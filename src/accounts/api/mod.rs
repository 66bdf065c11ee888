//! Account endpoints, one `OpenApi` group per file: auth, me, users, admin.

mod admin;
mod auth;
pub mod dto;
mod me;
mod users;

use poem::Request;
use poem::web::cookie::{Cookie, SameSite};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, OpenApi, Tags};

use super::model::{Role, SessionKind, Status, User};
use super::service::{Actor, ClientInfo, Current, LoginOk, NewUser, ProfilePatch};
use crate::api::Svc;
use crate::api::auth::{Admin, MaybeMember, Member, SESSION_COOKIE};
use crate::api::pagination::{Cursor, limit_of};
use crate::api::problem::ApiError;
use crate::api::reply::Reply;
use crate::config::Settings;
use crate::error::AppError;
use crate::storage::ids;

pub use dto::rfc3339;
use dto::*;

pub type Result<T> = std::result::Result<T, ApiError>;

/// All account endpoints, for the OpenAPI service.
pub type AccountsApi = (auth::AuthApi, me::MeApi, users::UsersApi, admin::AdminApi);

#[derive(Tags)]
pub enum Tag {
    /// Registration, sign-in and the instance's public facts.
    Auth,
    /// The signed-in user's own account.
    Me,
    /// Other people's profiles.
    Users,
    /// Administration (admins and the owner).
    Admin,
}

// ----- responses with headers ------------------------------------------------------------------

#[derive(ApiResponse)]
pub enum MeResponse {
    #[oai(status = 200)]
    Ok(Reply<Me>, #[oai(header = "ETag")] String),
}

fn me_response(u: &User) -> MeResponse {
    MeResponse::Ok(Reply(Me::from(u)), format!("\"{}\"", u.version))
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

/// An image whose exact type (PNG, JPEG or WebP) is in its `Content-Type`.
pub struct Image {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl poem_openapi::payload::Payload for Image {
    const CONTENT_TYPE: &'static str = "image/*";

    fn schema_ref() -> poem_openapi::registry::MetaSchemaRef {
        <Binary<Vec<u8>> as poem_openapi::payload::Payload>::schema_ref()
    }
}

impl poem::IntoResponse for Image {
    fn into_response(self) -> poem::Response {
        poem::Response::builder()
            .content_type(self.content_type)
            .body(self.bytes)
    }
}

#[derive(ApiResponse)]
pub enum AvatarImage {
    /// The picture: image/png, image/jpeg or image/webp.
    #[oai(status = 200)]
    Ok(Image, #[oai(header = "Cache-Control")] String),
}

// ----- helpers -----------------------------------------------------------------------------------

fn client_info(req: &Request, settings: &Settings) -> ClientInfo {
    let forwarded = settings
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                // The nearest proxy appends the address it saw; earlier entries come from the
                // client and can be forged.
                .and_then(|v| v.rsplit(',').next())
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

/// The signed-in request, for changes that re-check the password or end other sessions.
fn current(req: &Request, settings: &Settings, me: &Member) -> Current {
    Current {
        session_id: me.session.id,
        client: client_info(req, settings),
    }
}

fn session_cookie(settings: &Settings, token: Option<&str>) -> String {
    let mut c = Cookie::new_with_str(SESSION_COOKIE, token.unwrap_or(""));
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(settings.https());
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

/// The value of `AccountsApi`.
pub fn apis() -> AccountsApi {
    (auth::AuthApi, me::MeApi, users::UsersApi, admin::AdminApi)
}
