//! RFC 9457 problem details: the body of every error response.

use poem::Response;
use poem::http::StatusCode;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

use crate::error::{AppError, Code, FieldError};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Object, Debug, Clone)]
pub struct ProblemField {
    /// The request field at fault, e.g. `password` or `preferences.timezone`.
    pub field: String,
    /// Machine-readable reason: `invalid` in general, or a specific one such as
    /// `unknown_user` or `user_disabled` where clients act on the difference.
    pub code: String,
    pub message: String,
}

/// An error, as `application/problem+json`.
#[derive(Object, Debug, Clone)]
pub struct Problem {
    /// What went wrong, as a stable snake_case code with exactly one HTTP status.
    #[oai(rename = "type")]
    pub kind: Code,
    pub title: String,
    pub status: u16,
    /// A sentence for people saying what went wrong and what to do.
    pub detail: String,
    #[oai(skip_serializing_if_is_none, nullable)]
    pub errors: Option<Vec<ProblemField>>,
    /// `account_disabled` for a suspended account: the administrator's reason, in their words.
    #[oai(skip_serializing_if_is_none, nullable)]
    pub reason: Option<String>,
}

impl Problem {
    pub fn new(code: Code, detail: impl Into<String>) -> Self {
        let status = code.status();
        Self {
            kind: code,
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: None,
            reason: None,
        }
    }

    pub fn from_app(err: &AppError) -> Self {
        let mut p = Self::new(err.code(), err.public_detail());
        if let AppError::Suspended(reason) = err {
            p.reason = Some(reason.clone());
        }
        if let AppError::Validation(fields) = err {
            p.errors = Some(fields.iter().map(field).collect());
            if let Some(first) = fields.first() {
                p.detail = format!("{}: {}", first.field, first.message);
            }
        }
        p
    }

    /// The JSON body.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&poem_openapi::types::ToJSON::to_json(self)).unwrap_or_default()
    }

    pub fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Response::builder()
            .status(status)
            .content_type(PROBLEM_JSON)
            .body(self.to_bytes())
    }
}

fn field(f: &FieldError) -> ProblemField {
    ProblemField {
        field: f.field.clone(),
        code: f.code.to_owned(),
        message: f.message.clone(),
    }
}

type P = Json<Problem>;

/// The error half of every operation's result; lists the statuses in the OpenAPI document.
#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// Malformed request.
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(P),
    /// Not signed in, or the credentials are wrong.
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(P),
    /// Signed in but not allowed.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(P),
    /// Not found, or not visible to the caller.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(P),
    /// Conflicts with the current state (e.g. the name is taken).
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(P),
    /// `If-Match` did not match: someone else changed it first.
    #[oai(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(P),
    /// The body is too large.
    #[oai(status = 413, content_type = "application/problem+json")]
    TooLarge(P),
    /// The body's media type is not accepted.
    #[oai(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(P),
    /// The request is well-formed but invalid; `errors` lists the fields.
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(P),
    /// Too many attempts; retry after the given number of seconds.
    #[oai(status = 429, content_type = "application/problem+json")]
    RateLimited(P, #[oai(header = "Retry-After")] u64),
    /// Temporarily unavailable.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(P),
    /// The server's storage is full: nothing can be saved until space is freed (reads work).
    #[oai(status = 507, content_type = "application/problem+json")]
    InsufficientStorage(P),
    /// Server fault (logged).
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(P),
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        let p = Json(Problem::from_app(&err));
        if let AppError::RateLimited { retry_after, .. } = err {
            return Self::RateLimited(p, retry_after);
        }
        match err.code().status() {
            StatusCode::BAD_REQUEST => Self::BadRequest(p),
            StatusCode::UNAUTHORIZED => Self::Unauthorized(p),
            StatusCode::FORBIDDEN => Self::Forbidden(p),
            StatusCode::NOT_FOUND => Self::NotFound(p),
            StatusCode::CONFLICT => Self::Conflict(p),
            StatusCode::PRECONDITION_FAILED => Self::PreconditionFailed(p),
            StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge(p),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::UnsupportedMediaType(p),
            StatusCode::UNPROCESSABLE_ENTITY => Self::Unprocessable(p),
            StatusCode::SERVICE_UNAVAILABLE => Self::Unavailable(p),
            StatusCode::INSUFFICIENT_STORAGE => Self::InsufficientStorage(p),
            _ => Self::Internal(p),
        }
    }
}

impl poem::error::ResponseError for AppError {
    fn status(&self) -> StatusCode {
        self.status_and_type().0
    }

    fn as_response(&self) -> Response {
        let mut resp = Problem::from_app(self).into_response();
        if let AppError::RateLimited { retry_after, .. } = self {
            resp.headers_mut()
                .insert("retry-after", poem::http::HeaderValue::from(*retry_after));
        }
        resp
    }
}

/// Turns any error that reached the top without a problem body (routing, parsing, extractor
/// and size-limit errors) into problem+json; bodies already made by `ApiError` pass through.
/// The 422 for poem-openapi's multipart `reason` when it is about one field.
fn multipart_field_error(reason: &str) -> Option<AppError> {
    let field = |rest: &str| rest.split('`').next().map(str::to_owned);
    if let Some(rest) = reason.strip_prefix("field `")
        && rest.ends_with("` is required")
    {
        return Some(AppError::Validation(vec![
            FieldError::new(&field(rest)?, "This field is required.").with_code("required"),
        ]));
    }
    if reason.starts_with("failed to parse field `") || reason.starts_with("unknown field `") {
        return Some(crate::api::body::parse_error(reason));
    }
    None
}

pub fn render_error(err: poem::Error) -> Response {
    if err.is_from_response() {
        return err.into_response();
    }
    if let Some(app) = err.downcast_ref::<AppError>() {
        return poem::error::ResponseError::as_response(app);
    }
    // A body parsed by poem-openapi's own `Json` (not `JsonBody`) that does not fit its type:
    // well-formed JSON is a 422 naming the field, malformed JSON stays a 400.
    if let Some(e) = err.downcast_ref::<poem_openapi::error::ParseRequestPayloadError>()
        && e.reason.starts_with("failed to parse")
    {
        let app = crate::api::body::parse_error(&e.reason);
        return poem::error::ResponseError::as_response(&app);
    }
    // A form field (a file upload) that is missing or does not fit its type: a 422 naming
    // the field, as for JSON bodies; a malformed form stays a 400.
    if let Some(e) = err.downcast_ref::<poem_openapi::error::ParseMultipartError>()
        && let Some(app) = multipart_field_error(&e.reason)
    {
        return poem::error::ResponseError::as_response(&app);
    }
    let status = err.status();
    let code = Code::for_status(status);
    let detail = match code {
        Code::NotFound => "There is nothing at this address.".to_owned(),
        Code::MethodNotAllowed => "This method is not allowed on this path.".to_owned(),
        Code::PayloadTooLarge => "The request body is too large.".to_owned(),
        Code::UriTooLong => "The address is too long.".to_owned(),
        Code::Unauthorized => {
            "Sign in first: send a Bearer token or the session cookie.".to_owned()
        }
        Code::Internal => {
            tracing::error!(error = %err, "unhandled server error");
            "Something went wrong on the server. The error has been logged.".to_owned()
        }
        _ => err.to_string(),
    };
    Problem::new(code, detail).into_response()
}
