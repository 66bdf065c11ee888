//! Cursor pagination: `?limit=&cursor=` → `{items, next_cursor}`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::problem::ApiError;
use crate::error::AppError;

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;

/// The page size asked for: default 20, 1–100 allowed.
pub fn limit_of(limit: Option<u32>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n @ 1..=100) => Ok(n as usize),
        Some(_) => {
            Err(AppError::invalid("limit", format!("Use a limit from 1 to {MAX_LIMIT}.")).into())
        }
    }
}

/// An opaque cursor: the last key of the previous page.
pub struct Cursor;

impl Cursor {
    pub fn encode(key: &str) -> String {
        URL_SAFE_NO_PAD.encode(key.as_bytes())
    }

    pub fn decode(cursor: Option<&str>) -> Result<Option<String>, ApiError> {
        let Some(c) = cursor.filter(|c| !c.is_empty()) else {
            return Ok(None);
        };
        URL_SAFE_NO_PAD
            .decode(c)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .map(Some)
            .ok_or_else(|| {
                AppError::BadRequest(
                    "The cursor is not one this server gave out; start from the first page.".into(),
                )
                .into()
            })
    }
}
