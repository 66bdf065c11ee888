//! Feedback endpoints: `POST /feedback`, `GET /me/feedback`, and the administrators' inbox
//! `GET /admin/feedback`, `PATCH /admin/feedback/{id}`.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::{Feedback, FeedbackService, Kind, Status};
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::api::Svc;
use crate::api::auth::{Admin, Member};
use crate::api::body::JsonBody;
use crate::api::pagination::limit_of;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::api::dto::UserRef;

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Ideas and bug reports from members, and the administrators' answers.
    Feedback,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FeedbackKindDto {
    Idea,
    Bug,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FeedbackStatusDto {
    New,
    Planned,
    Done,
}

impl From<FeedbackKindDto> for Kind {
    fn from(k: FeedbackKindDto) -> Self {
        match k {
            FeedbackKindDto::Idea => Kind::Idea,
            FeedbackKindDto::Bug => Kind::Bug,
        }
    }
}

impl From<FeedbackStatusDto> for Status {
    fn from(s: FeedbackStatusDto) -> Self {
        match s {
            FeedbackStatusDto::New => Status::New,
            FeedbackStatusDto::Planned => Status::Planned,
            FeedbackStatusDto::Done => Status::Done,
        }
    }
}

/// A member's idea or bug report, with the administrators' answer.
#[derive(Object, Debug)]
pub struct FeedbackDto {
    pub id: String,
    pub kind: FeedbackKindDto,
    pub message: String,
    /// The screen it was sent from (a path of the web app), if the member included it.
    #[oai(nullable)]
    pub screen: Option<String>,
    pub status: FeedbackStatusDto,
    #[oai(nullable)]
    pub answer: Option<String>,
    #[oai(nullable)]
    pub answered_at: Option<String>,
    pub created_at: String,
    /// Who sent it (`null` once the account is gone).
    #[oai(nullable)]
    pub author: Option<UserRef>,
}

#[derive(Object, Debug)]
pub struct FeedbackList {
    pub items: Vec<FeedbackDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewFeedbackRequest {
    pub kind: FeedbackKindDto,
    /// 1–4,000 characters.
    pub message: String,
    /// The screen the member was on (a path of the web app, at most 200 characters).
    pub screen: Option<String>,
}

#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct FeedbackPatch {
    pub status: Option<FeedbackStatusDto>,
    /// The answer the member sees (at most 4,000 characters; empty removes it).
    pub answer: Option<String>,
}

#[derive(ApiResponse)]
pub enum Sent {
    #[oai(status = 201)]
    Sent(Json<FeedbackDto>),
}

fn dto(f: &Feedback, author: Option<UserRef>) -> FeedbackDto {
    FeedbackDto {
        id: ids::to_string(f.id),
        kind: match f.kind {
            Kind::Idea => FeedbackKindDto::Idea,
            Kind::Bug => FeedbackKindDto::Bug,
        },
        message: f.message.clone(),
        screen: f.screen.clone(),
        status: match f.status {
            Status::New => FeedbackStatusDto::New,
            Status::Planned => FeedbackStatusDto::Planned,
            Status::Done => FeedbackStatusDto::Done,
        },
        answer: f.answer.clone(),
        answered_at: f.answered_at.map(rfc3339),
        created_at: rfc3339(f.created_at),
        author,
    }
}

async fn author(accounts: &Accounts, id: u128) -> Option<UserRef> {
    accounts.user(id).await.ok().map(|u| UserRef::from(&u))
}

fn cursor(s: Option<&str>) -> Result<Option<u128>> {
    s.map(|c| {
        ids::parse(c).ok_or_else(|| {
            ApiError::from(AppError::BadRequest(
                "The cursor is not one this server gave out; start from the first page.".into(),
            ))
        })
    })
    .transpose()
}

async fn page(accounts: &Accounts, mut list: Vec<Feedback>, limit: usize) -> FeedbackList {
    let next_cursor = (list.len() > limit).then(|| {
        list.truncate(limit);
        ids::to_string(list[limit - 1].id)
    });
    let mut items = Vec::with_capacity(list.len());
    for f in &list {
        items.push(dto(f, author(accounts, f.author).await));
    }
    FeedbackList { items, next_cursor }
}

pub struct FeedbackApi;

#[OpenApi(prefix_path = "/api/v1")]
impl FeedbackApi {
    /// Sends an idea or a bug report to the gym's administrators (at most 20 waiting at once).
    #[oai(
        path = "/feedback",
        method = "post",
        tag = "Tag::Feedback",
        operation_id = "send_feedback"
    )]
    async fn send(
        &self,
        feedback: Svc<'_, FeedbackService>,
        me: Member,
        body: JsonBody<NewFeedbackRequest>,
    ) -> Result<Sent> {
        let b = body.0;
        let f = feedback
            .send(&me.user, b.kind.into(), &b.message, b.screen.as_deref())
            .await?;
        Ok(Sent::Sent(Json(dto(&f, Some(UserRef::from(&me.user))))))
    }

    /// What the caller sent, newest first, with the answers.
    #[oai(
        path = "/me/feedback",
        method = "get",
        tag = "Tag::Feedback",
        operation_id = "my_feedback"
    )]
    async fn mine(
        &self,
        feedback: Svc<'_, FeedbackService>,
        accounts: Svc<'_, Accounts>,
        me: Member,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<FeedbackList>> {
        let limit = limit_of(limit.0)?;
        let before = self::cursor(cursor.0.as_deref())?;
        let list = feedback.mine(me.user.id, before, limit + 1).await?;
        Ok(Json(page(&accounts, list, limit).await))
    }

    /// The feedback inbox, newest first; `status` filters.
    #[oai(
        path = "/admin/feedback",
        method = "get",
        tag = "Tag::Feedback",
        operation_id = "admin_feedback"
    )]
    async fn inbox(
        &self,
        feedback: Svc<'_, FeedbackService>,
        accounts: Svc<'_, Accounts>,
        _admin: Admin,
        status: Query<Option<FeedbackStatusDto>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<FeedbackList>> {
        let limit = limit_of(limit.0)?;
        let before = self::cursor(cursor.0.as_deref())?;
        let list = feedback
            .inbox(status.0.map(Into::into), before, limit + 1)
            .await?;
        Ok(Json(page(&accounts, list, limit).await))
    }

    /// Changes a message's status and/or answers it; the member is notified.
    #[oai(
        path = "/admin/feedback/:id",
        method = "patch",
        tag = "Tag::Feedback",
        operation_id = "admin_update_feedback"
    )]
    async fn update(
        &self,
        feedback: Svc<'_, FeedbackService>,
        accounts: Svc<'_, Accounts>,
        admin: Admin,
        id: Path<String>,
        body: JsonBody<FeedbackPatch>,
    ) -> Result<Json<FeedbackDto>> {
        let id = ids::parse(&id.0)
            .ok_or_else(|| AppError::NotFound("No feedback with that id.".into()))?;
        let b = body.0;
        let f = feedback
            .update(
                &admin.user,
                id,
                b.status.map(Into::into),
                b.answer.as_deref(),
            )
            .await?;
        let a = author(&accounts, f.author).await;
        Ok(Json(dto(&f, a)))
    }
}
