//! `/me/calendar` (make, show, stop a feed) and `/calendar/{token}.ics` (the feed itself).

use poem::Request;
use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, Object, OpenApi, Tags};

use super::Calendar;
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::api::Svc;
use crate::api::auth::Member;
use crate::api::problem::ApiError;
use crate::config::Settings;
use crate::error::AppError;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Planned sessions in any calendar app.
    Calendar,
}

#[derive(Object, Debug)]
pub struct CalendarFeed {
    /// Whether the member has a feed.
    pub active: bool,
    #[oai(nullable)]
    pub created_at: Option<String>,
    /// The feed's address: only in the answer that made it (it is not stored).
    #[oai(nullable)]
    pub url: Option<String>,
}

#[derive(ApiResponse)]
pub enum Made {
    #[oai(status = 201)]
    Created(Json<CalendarFeed>),
}

#[derive(ApiResponse)]
pub enum Stopped {
    #[oai(status = 204)]
    Done,
}

/// An iCalendar document.
pub struct Ics(pub String);

impl poem_openapi::payload::Payload for Ics {
    const CONTENT_TYPE: &'static str = "text/calendar";

    fn schema_ref() -> poem_openapi::registry::MetaSchemaRef {
        <PlainText<String> as poem_openapi::payload::Payload>::schema_ref()
    }
}

impl poem::IntoResponse for Ics {
    fn into_response(self) -> poem::Response {
        poem::Response::builder()
            .content_type("text/calendar; charset=utf-8")
            .body(self.0)
    }
}

#[derive(ApiResponse)]
pub enum Feed {
    /// The planned sessions (all-day events).
    #[oai(status = 200)]
    Ok(Ics, #[oai(header = "Cache-Control")] String),
}

fn base(settings: &Settings, req: &Request) -> String {
    match &settings.public_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => {
            let host = req
                .headers()
                .get("host")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            format!(
                "{}://{host}",
                if settings.https() { "https" } else { "http" }
            )
        }
    }
}

pub struct CalendarApi;

#[OpenApi(prefix_path = "/api/v1")]
impl CalendarApi {
    /// Whether the caller has a calendar feed.
    #[oai(
        path = "/me/calendar",
        method = "get",
        tag = "Tag::Calendar",
        operation_id = "get_calendar_feed"
    )]
    async fn get(&self, calendar: Svc<'_, Calendar>, me: Member) -> Result<Json<CalendarFeed>> {
        let made = calendar.feed_of(&me.user).await?;
        Ok(Json(CalendarFeed {
            active: made.is_some(),
            created_at: made.map(rfc3339),
            url: None,
        }))
    }

    /// Makes a new secret feed address of the caller's planned sessions (an older address stops
    /// working). The address is shown once; anyone who has it sees the plan days, so share it
    /// only with your calendar app.
    #[oai(
        path = "/me/calendar",
        method = "post",
        tag = "Tag::Calendar",
        operation_id = "create_calendar_feed"
    )]
    async fn create(
        &self,
        calendar: Svc<'_, Calendar>,
        settings: Svc<'_, std::sync::Arc<Settings>>,
        req: &Request,
        me: Member,
    ) -> Result<Made> {
        let secret = calendar.open_feed(&me.user).await?;
        Ok(Made::Created(Json(CalendarFeed {
            active: true,
            created_at: Some(rfc3339(crate::storage::ids::now())),
            url: Some(format!(
                "{}/api/v1/calendar/{secret}.ics",
                base(&settings, req)
            )),
        })))
    }

    /// Stops the caller's feed: its address answers 404 from now on.
    #[oai(
        path = "/me/calendar",
        method = "delete",
        tag = "Tag::Calendar",
        operation_id = "delete_calendar_feed"
    )]
    async fn delete(&self, calendar: Svc<'_, Calendar>, me: Member) -> Result<Stopped> {
        calendar.close_feed(&me.user).await?;
        Ok(Stopped::Done)
    }

    /// A member's planned sessions as iCalendar, for calendar apps (no sign-in: the secret in
    /// the address is the key; 404 for an unknown or stopped feed).
    #[oai(
        path = "/calendar/:file",
        method = "get",
        tag = "Tag::Calendar",
        operation_id = "calendar_feed"
    )]
    async fn feed(
        &self,
        calendar: Svc<'_, Calendar>,
        accounts: Svc<'_, Accounts>,
        file: Path<String>,
    ) -> Result<Feed> {
        let gone = || AppError::NotFound("There is no calendar at this address.".into());
        let secret = file.0.strip_suffix(".ics").ok_or_else(gone)?;
        let owner = calendar.owner(secret).await?.ok_or_else(gone)?;
        let user = accounts.user(owner).await.map_err(|_| gone())?;
        if user.status != crate::accounts::model::Status::Active {
            return Err(gone().into());
        }
        let sessions = calendar.sessions(&user).await?;
        let name = format!("{} · {}", accounts.gym().name, user.display_name);
        Ok(Feed::Ok(
            Ics(super::ics(&name, &sessions, crate::storage::ids::now())),
            "private, max-age=300".to_owned(),
        ))
    }
}
