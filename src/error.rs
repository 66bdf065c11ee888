//! One error type for the whole server, and the single table that maps it to HTTP.

use poem::http::StatusCode;

/// A field that failed validation, reported to the client as `{field, message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// Machine-readable reason (`invalid` unless a client may need to tell cases apart).
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code: "invalid",
            message: message.into(),
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }
}

/// Declares the problem codes: each with exactly one HTTP status.
macro_rules! problem_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal => $status:ident,)*) => {
        /// Every problem `type` the server sends, each with exactly one HTTP status; clients
        /// key their messages by it. Listed in the OpenAPI document.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, poem_openapi::Enum)]
        pub enum Code {
            $($(#[doc = $doc])* #[oai(rename = $code)] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable snake_case `type`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The one HTTP status of this code.
            pub fn status(self) -> StatusCode {
                match self {
                    $(Code::$variant => StatusCode::$status,)*
                }
            }
        }
    };
}

problem_codes! {
    /// The request is malformed (bad JSON, a bad cursor, a bad header).
    BadRequest = "bad_request" => BAD_REQUEST,
    /// A password-reset link was used already, has expired, or was replaced by a newer one.
    ResetLinkInvalid = "reset_link_invalid" => BAD_REQUEST,
    /// Not signed in: send a Bearer token or the session cookie.
    Unauthorized = "unauthorized" => UNAUTHORIZED,
    /// The session or token expired, was ended, or does not exist.
    SessionExpired = "session_expired" => UNAUTHORIZED,
    /// Sign-in: the username/e-mail or the password is wrong.
    InvalidCredentials = "invalid_credentials" => UNAUTHORIZED,
    /// Sign-in: this account needs its two-step code (`totp_code`).
    TotpRequired = "totp_required" => UNAUTHORIZED,
    /// Sign-in: the two-step code or recovery code is wrong or was already used.
    InvalidTotp = "invalid_totp" => UNAUTHORIZED,
    /// Signed in but not allowed.
    Forbidden = "forbidden" => FORBIDDEN,
    /// The account is disabled.
    AccountDisabled = "account_disabled" => FORBIDDEN,
    /// An unsafe request authenticated by cookie lacks the CSRF header or comes from elsewhere.
    CsrfFailed = "csrf_failed" => FORBIDDEN,
    /// Re-verification: the current password is wrong.
    WrongPassword = "wrong_password" => FORBIDDEN,
    /// Registration is closed on this server.
    RegistrationClosed = "registration_closed" => FORBIDDEN,
    /// The invite code is unknown, used up or expired.
    InvalidInvite = "invalid_invite" => FORBIDDEN,
    /// The owner set-up code is wrong.
    InvalidSetupCode = "invalid_setup_code" => FORBIDDEN,
    /// The server has no owner yet: create it with the set-up code first.
    SetupRequired = "setup_required" => FORBIDDEN,
    /// Not found, or not visible to the caller.
    NotFound = "not_found" => NOT_FOUND,
    /// This method is not allowed on this path.
    MethodNotAllowed = "method_not_allowed" => METHOD_NOT_ALLOWED,
    /// The server cannot answer in a form the client accepts.
    NotAcceptable = "not_acceptable" => NOT_ACCEPTABLE,
    /// The client took too long to send its request.
    RequestTimeout = "request_timeout" => REQUEST_TIMEOUT,
    /// It conflicts with the current state.
    Conflict = "conflict" => CONFLICT,
    /// The username is taken.
    UsernameTaken = "username_taken" => CONFLICT,
    /// The e-mail address is used by another account.
    EmailTaken = "email_taken" => CONFLICT,
    /// The client-chosen id is used by something else.
    IdTaken = "id_taken" => CONFLICT,
    /// Another request with this Idempotency-Key is being handled.
    IdempotencyKeyInUse = "idempotency_key_in_use" => CONFLICT,
    /// The data directory already has users (demo).
    NotEmpty = "not_empty" => CONFLICT,
    /// There is an owner already.
    OwnerExists = "owner_exists" => CONFLICT,
    /// The owner set-up was done already.
    SetupDone = "setup_done" => CONFLICT,
    /// A plan names someone else's private exercises.
    PlanUsesPrivateExercises = "plan_uses_private_exercises" => CONFLICT,
    /// The registration mode is fixed by the server's configuration.
    RegistrationModeLocked = "registration_mode_locked" => CONFLICT,
    /// The member has the most personal API tokens allowed.
    TooManyTokens = "too_many_tokens" => CONFLICT,
    /// Two-step sign-in is on already.
    TotpEnabled = "totp_enabled" => CONFLICT,
    /// Two-step sign-in is off.
    TotpDisabled = "totp_disabled" => CONFLICT,
    /// A coaching request or relationship between these two exists already.
    CoachingExists = "coaching_exists" => CONFLICT,
    /// The coaching relationship is active already.
    CoachingActive = "coaching_active" => CONFLICT,
    /// The club's last admin cannot leave or step down while it has members.
    LastClubAdmin = "last_club_admin" => CONFLICT,
    /// The caller blocked this member: unblock them first.
    Blocked = "blocked" => CONFLICT,
    /// The challenge has ended: its standings are final.
    ChallengeEnded = "challenge_ended" => CONFLICT,
    /// Two-step sign-in set-up was not started.
    TotpNotStarted = "totp_not_started" => CONFLICT,
    /// Something else changed it first (`If-Match` did not match).
    PreconditionFailed = "precondition_failed" => PRECONDITION_FAILED,
    /// The request body is too large.
    PayloadTooLarge = "payload_too_large" => PAYLOAD_TOO_LARGE,
    /// The address is too long.
    UriTooLong = "uri_too_long" => URI_TOO_LONG,
    /// The body's media type is not accepted.
    UnsupportedMediaType = "unsupported_media_type" => UNSUPPORTED_MEDIA_TYPE,
    /// Fields are invalid; `errors` lists them.
    ValidationFailed = "validation_failed" => UNPROCESSABLE_ENTITY,
    /// Re-verification: the two-step code is wrong (e.g. while turning it on).
    WrongCode = "wrong_code" => UNPROCESSABLE_ENTITY,
    /// A per-member limit is reached (plans, exercises, workouts a day, sets a workout, …).
    LimitReached = "limit_reached" => UNPROCESSABLE_ENTITY,
    /// The Idempotency-Key was used before with a different body.
    IdempotencyKeyReused = "idempotency_key_reused" => UNPROCESSABLE_ENTITY,
    /// The image is larger than accepted (pixels a side).
    ImageTooLarge = "image_too_large" => UNPROCESSABLE_ENTITY,
    /// The upload is not a PNG, JPEG or WebP image.
    UnsupportedImage = "unsupported_image" => UNPROCESSABLE_ENTITY,
    /// Too many attempts; retry after `Retry-After` seconds.
    RateLimited = "rate_limited" => TOO_MANY_REQUESTS,
    /// The request headers are too large.
    HeadersTooLarge = "headers_too_large" => REQUEST_HEADER_FIELDS_TOO_LARGE,
    /// A server fault (logged; no detail is shown).
    Internal = "internal" => INTERNAL_SERVER_ERROR,
    /// Temporarily unavailable; retry later.
    Unavailable = "unavailable" => SERVICE_UNAVAILABLE,
    /// The server's storage is full; reads work, writes resume when space is freed.
    InsufficientStorage = "insufficient_storage" => INSUFFICIENT_STORAGE,
}

impl Code {
    /// The code for a status an error reached the top with (routing, parsing, limits).
    pub fn for_status(status: StatusCode) -> Code {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.status() == status)
            .unwrap_or(if status.is_server_error() {
                Code::Internal
            } else {
                Code::BadRequest
            })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Any other problem: its code decides the status.
    #[error("{1}")]
    Problem(Code, String),
    #[error("Some fields are invalid.")]
    Validation(Vec<FieldError>),
    #[error("{detail}")]
    RateLimited { retry_after: u64, detail: String },
    #[error("{0}")]
    Unavailable(String),
    /// The disk holding the database is full: writes are refused, reads still work.
    #[error("{0}")]
    InsufficientStorage(String),
    /// The account is suspended by an administrator, for this reason.
    #[error("This account is suspended: {0} Ask an administrator to lift it.")]
    Suspended(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The problem code of this error (and so its HTTP status).
    pub fn code(&self) -> Code {
        match self {
            Self::BadRequest(_) => Code::BadRequest,
            Self::NotFound(_) => Code::NotFound,
            Self::PreconditionFailed(_) => Code::PreconditionFailed,
            Self::TooLarge(_) => Code::PayloadTooLarge,
            Self::UnsupportedMediaType(_) => Code::UnsupportedMediaType,
            Self::Problem(code, _) => *code,
            Self::Validation(_) => Code::ValidationFailed,
            Self::RateLimited { .. } => Code::RateLimited,
            Self::Unavailable(_) => Code::Unavailable,
            Self::InsufficientStorage(_) => Code::InsufficientStorage,
            Self::Suspended(_) => Code::AccountDisabled,
            Self::Internal(_) => Code::Internal,
        }
    }

    /// HTTP status and stable snake_case problem `type`, both from the one code table.
    pub fn status_and_type(&self) -> (StatusCode, &'static str) {
        let code = self.code();
        (code.status(), code.as_str())
    }

    /// The detail shown to clients: internal errors are logged, never shown.
    pub fn public_detail(&self) -> String {
        match self {
            Self::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                "Something went wrong on the server. The error has been logged.".to_owned()
            }
            other => other.to_string(),
        }
    }

    pub fn problem(code: Code, detail: impl Into<String>) -> Self {
        Self::Problem(code, detail.into())
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::Problem(Code::Forbidden, detail.into())
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// A validation error with a specific machine-readable `code` for the field.
    pub fn invalid_code(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message).with_code(code)])
    }
}

macro_rules! internal_from {
    ($($t:ty),*) => {$(
        impl From<$t> for AppError {
            fn from(e: $t) -> Self {
                Self::Internal(e.to_string())
            }
        }
    )*};
}
internal_from!(redb::Error, tokio::task::JoinError);

/// What a client is told when a write finds the disk full.
pub const STORAGE_FULL: &str = "The server's storage is full, so nothing can be saved right now; reading still works. Try again later (the server's operator has to free disk space).";

impl From<redb::StorageError> for AppError {
    fn from(e: redb::StorageError) -> Self {
        match &e {
            redb::StorageError::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                ) =>
            {
                Self::InsufficientStorage(STORAGE_FULL.to_owned())
            }
            _ => Self::Internal(e.to_string()),
        }
    }
}

impl From<redb::CommitError> for AppError {
    fn from(e: redb::CommitError) -> Self {
        match e {
            redb::CommitError::Storage(s) => s.into(),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<redb::TableError> for AppError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(s) => s.into(),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<redb::TransactionError> for AppError {
    fn from(e: redb::TransactionError) -> Self {
        match e {
            redb::TransactionError::Storage(s) => s.into(),
            other => Self::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct_and_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{} twice", c.as_str());
            assert!(
                c.as_str()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}",
                c.as_str()
            );
            assert!(c.status().is_client_error() || c.status().is_server_error());
        }
    }

    #[test]
    fn a_status_that_reaches_the_top_gets_its_own_code() {
        assert_eq!(Code::for_status(StatusCode::NOT_FOUND), Code::NotFound);
        assert_eq!(Code::for_status(StatusCode::URI_TOO_LONG), Code::UriTooLong);
        assert_eq!(Code::for_status(StatusCode::IM_A_TEAPOT), Code::BadRequest);
        assert_eq!(Code::for_status(StatusCode::BAD_GATEWAY), Code::Internal);
    }
}
