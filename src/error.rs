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

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{1}")]
    Unauthorized(&'static str, String),
    #[error("{1}")]
    Forbidden(&'static str, String),
    #[error("{0}")]
    NotFound(String),
    #[error("{1}")]
    Conflict(&'static str, String),
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("Some fields are invalid.")]
    Validation(Vec<FieldError>),
    #[error("{1}")]
    Unprocessable(&'static str, String),
    #[error("{detail}")]
    RateLimited { retry_after: u64, detail: String },
    #[error("{0}")]
    Unavailable(String),
    /// The disk holding the database is full: writes are refused, reads still work.
    #[error("{0}")]
    InsufficientStorage(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The one table: HTTP status and stable snake_case problem `type` of every error.
    pub fn status_and_type(&self) -> (StatusCode, &'static str) {
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::Unauthorized(t, _) => (StatusCode::UNAUTHORIZED, t),
            Self::Forbidden(t, _) => (StatusCode::FORBIDDEN, t),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Conflict(t, _) => (StatusCode::CONFLICT, t),
            Self::PreconditionFailed(_) => (StatusCode::PRECONDITION_FAILED, "precondition_failed"),
            Self::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            Self::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            Self::Unprocessable(t, _) => (StatusCode::UNPROCESSABLE_ENTITY, t),
            Self::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Self::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Self::InsufficientStorage(_) => {
                (StatusCode::INSUFFICIENT_STORAGE, "insufficient_storage")
            }
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
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

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::Forbidden("forbidden", detail.into())
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
