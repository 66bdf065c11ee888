//! Training endpoints: exercises, plans and assignments, workouts and sets, body metrics.

mod body;
pub mod dto;
mod exercises;
pub(crate) mod plans;
mod workouts;

use poem::IntoResponse;
use poem_openapi::payload::{Json, Payload};
use poem_openapi::types::ToJSON;
use poem_openapi::{ApiResponse, Tags};

use crate::api::pagination::Cursor;
use crate::api::problem::ApiError;
use crate::api::reply::Reply;
use crate::error::AppError;
use crate::storage::ids;

pub type Result<T> = std::result::Result<T, ApiError>;

/// The `Idempotency-Key` header with the fingerprint of the body it came with (the parsed body
/// in canonical JSON, so spacing and field order do not matter).
pub fn idempotency<T: ToJSON>(
    key: Option<String>,
    body: &T,
) -> Option<crate::training::service::IdempotencyKey> {
    key.map(|k| {
        let canonical = body.to_json().unwrap_or_default().to_string();
        crate::training::service::IdempotencyKey::new(k, canonical.as_bytes())
    })
}

pub type TrainingApi = (
    exercises::ExercisesApi,
    plans::PlansApi,
    workouts::WorkoutsApi,
    body::BodyApi,
);

pub fn apis() -> TrainingApi {
    (
        exercises::ExercisesApi,
        plans::PlansApi,
        workouts::WorkoutsApi,
        body::BodyApi,
    )
}

#[derive(Tags)]
pub enum Tag {
    /// The exercise catalogue: built-in, gym-wide and private exercises.
    Exercises,
    /// Plans (programs) and their assignment to members.
    Plans,
    /// Workout logging.
    Workouts,
    /// Body weight and measurements.
    BodyMetrics,
}

/// A create that is safe to retry: 201 the first time, 200 with the same result after. `B`
/// is the JSON body: `Json<T>`, or `Reply<T>` for what is created many times a second (a
/// logged set) and so is written straight with serde.
#[derive(ApiResponse)]
pub enum Saved<B: Payload + IntoResponse + Send> {
    #[oai(status = 201)]
    Created(B),
    /// An earlier request with the same id or Idempotency-Key created it.
    #[oai(status = 200)]
    Existing(B),
}

impl<B: Payload + IntoResponse + Send> Saved<B> {
    fn of(body: B, created: bool) -> Self {
        if created {
            Self::Created(body)
        } else {
            Self::Existing(body)
        }
    }
}

impl<T: ToJSON> Saved<Json<T>> {
    pub fn new(value: T, created: bool) -> Self {
        Self::of(Json(value), created)
    }
}

impl<T: ToJSON + serde::Serialize> Saved<Reply<T>> {
    pub fn reply(value: T, created: bool) -> Self {
        Self::of(Reply(value), created)
    }
}

#[derive(ApiResponse)]
pub enum NoContent {
    #[oai(status = 204)]
    Done,
}

/// Parses an RFC 3339 time into unix seconds.
pub fn parse_time(field: &str, s: &str) -> std::result::Result<i64, AppError> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| AppError::invalid(field, "Use an RFC 3339 time such as 2026-11-25T18:04:05Z."))
}

pub fn parse_opt_time(field: &str, s: Option<&str>) -> std::result::Result<Option<i64>, AppError> {
    s.map(|s| parse_time(field, s)).transpose()
}

/// A calendar date or time for `from`/`to` filters: `YYYY-MM-DD` (whole day) or RFC 3339.
pub fn parse_bound(field: &str, s: &str, end: bool) -> std::result::Result<i64, AppError> {
    if let Ok(d) = crate::training::service::parse_date(field, s) {
        let t = d.midnight().assume_utc().unix_timestamp();
        return Ok(if end { t + 86_399 } else { t });
    }
    parse_time(field, s)
}

pub fn parse_id(s: &str, what: &str) -> std::result::Result<u128, AppError> {
    ids::parse(s)
        .ok_or_else(|| AppError::NotFound(format!("No such {what}, or you may not see it.")))
}

/// Cursor for an exercise's history: where the page ended (the workout's place in the
/// exercise's sessions and the last set given).
pub fn encode_history_cursor(c: crate::training::store::HistoryCursor) -> String {
    Cursor::encode(&format!(
        "{}:{}:{}:{}",
        c.0,
        ids::to_string(c.1),
        c.2,
        ids::to_string(c.3)
    ))
}

pub fn decode_history_cursor(
    c: Option<&str>,
) -> Result<Option<crate::training::store::HistoryCursor>> {
    let Some(s) = Cursor::decode(c)? else {
        return Ok(None);
    };
    let bad = || {
        ApiError::from(AppError::BadRequest(
            "The cursor is not one this server gave out; start from the first page.".into(),
        ))
    };
    let parts: Vec<&str> = s.split(':').collect();
    let [at, workout, done, set] = parts[..] else {
        return Err(bad());
    };
    Ok(Some((
        at.parse().map_err(|_| bad())?,
        ids::parse(workout).ok_or_else(bad)?,
        done.parse().map_err(|_| bad())?,
        ids::parse(set).ok_or_else(bad)?,
    )))
}

/// Cursor for (time, id) keyed lists.
pub fn encode_time_cursor(c: (i64, u128)) -> String {
    Cursor::encode(&format!("{}:{}", c.0, ids::to_string(c.1)))
}

pub fn decode_time_cursor(c: Option<&str>) -> Result<Option<(i64, u128)>> {
    let Some(s) = Cursor::decode(c)? else {
        return Ok(None);
    };
    let bad = || {
        ApiError::from(AppError::BadRequest(
            "The cursor is not one this server gave out; start from the first page.".into(),
        ))
    };
    let (t, id) = s.split_once(':').ok_or_else(bad)?;
    Ok(Some((
        t.parse().map_err(|_| bad())?,
        ids::parse(id).ok_or_else(bad)?,
    )))
}

/// Someone's name for display (a plan's author, a workout's owner); `None` when the account is
/// gone. The caller (`viewer`), already loaded with the request, is not read again.
pub async fn user_ref(
    accounts: &crate::accounts::Accounts,
    viewer: Option<&crate::accounts::model::User>,
    id: u128,
) -> Option<dto::UserRef> {
    if let Some(v) = viewer.filter(|v| v.id == id) {
        return Some(dto::UserRef::from(v));
    }
    let u = accounts.user(id).await.ok()?;
    Some(dto::UserRef::from(&u))
}
