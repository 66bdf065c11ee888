//! `/api/v1/reports`, `/api/v1/admin/reports` and `/api/v1/admin/audit`.

use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use super::model::{ModerationAction, Report, ReportKind, ReportReason};
use super::{Reported, Social};
use crate::accounts::Accounts;
use crate::accounts::api::rfc3339;
use crate::accounts::service::Actor;
use crate::api::Svc;
use crate::api::auth::{Admin, Member};
use crate::api::body::JsonBody;
use crate::api::pagination::limit_of;
use crate::api::problem::ApiError;
use crate::error::AppError;
use crate::storage::ids;
use crate::training::Training;
use crate::training::api::dto::UserRef;
use crate::training::api::{decode_time_cursor, encode_time_cursor};

type Result<T> = std::result::Result<T, ApiError>;

#[derive(Tags)]
enum Tag {
    /// Reports by members and their moderation by administrators.
    Moderation,
}

/// What is reported.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ReportKindDto {
    /// A member (`id` is the username).
    User,
    Workout,
    Plan,
    Comment,
}

/// Why it is reported.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ReportReasonDto {
    Spam,
    Harassment,
    Inappropriate,
    Impersonation,
    /// Dangerous training advice or content.
    Unsafe,
    Other,
}

/// What an administrator does about a report.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ModerationActionDto {
    /// Nothing wrong.
    Dismiss,
    /// Hide the content: a workout or plan becomes private, a comment is removed.
    Hide,
    /// Warn the member (the note is shown to them).
    Warn,
    /// Suspend the member's account (the note is the reason they are shown).
    Suspend,
}

/// A report of something the caller can see.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ReportCreate {
    pub kind: ReportKindDto,
    /// The username for a member; the id of a workout, plan or comment.
    pub id: String,
    pub reason: ReportReasonDto,
    /// At most 1,000 characters.
    #[oai(default)]
    pub details: String,
}

/// How a report is resolved.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ReportResolveRequest {
    pub action: ModerationActionDto,
    /// Shown to the member for `hide`, `warn` and `suspend` (required for `warn` and
    /// `suspend`); kept in the audit log.
    #[oai(default)]
    pub note: String,
}

#[derive(Object, Debug)]
pub struct ResolutionDto {
    pub action: ModerationActionDto,
    pub note: String,
    #[oai(nullable)]
    pub by: Option<UserRef>,
    pub at: String,
}

#[derive(Object, Debug)]
pub struct ReportDto {
    pub id: String,
    pub kind: ReportKindDto,
    /// The username for a member; the id of a workout, plan or comment.
    pub target_id: String,
    /// Whose account or content it is (`null` once the account is deleted).
    #[oai(nullable)]
    pub owner: Option<UserRef>,
    /// Who reported it (administrators only; `null` once the account is deleted).
    #[oai(nullable)]
    pub reporter: Option<UserRef>,
    pub reason: ReportReasonDto,
    pub details: String,
    /// What the content said when it was reported.
    pub excerpt: String,
    /// For a comment: whether it is on a workout or a plan (`context_id`).
    #[oai(nullable)]
    pub context_kind: Option<crate::social::api::SubjectKindDto>,
    /// For a comment: the workout or plan it is on.
    #[oai(nullable)]
    pub context_id: Option<String>,
    pub created_at: String,
    /// `null` while open.
    #[oai(nullable)]
    pub resolution: Option<ResolutionDto>,
}

#[derive(Object, Debug)]
pub struct ReportList {
    pub items: Vec<ReportDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

/// Which reports an administrator lists.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[oai(rename_all = "snake_case")]
pub enum ReportStatus {
    /// The queue, oldest first.
    #[default]
    Open,
    /// Resolved ones, newest first.
    Resolved,
}

#[derive(Object, Debug)]
pub struct AuditEntryDto {
    pub id: String,
    pub at: String,
    /// The administrator (`null` once the account is deleted).
    #[oai(nullable)]
    pub actor: Option<UserRef>,
    /// What was done: `user.create`, `user.role`, `user.disable`, `user.enable`,
    /// `user.delete`, `user.password_reset_link`, `user.totp_off`, `invite.create`,
    /// `invite.revoke`, `settings.change`, `settings.logo`, `coaching.create`,
    /// `exercises.import`, `feedback.update`, `report.dismiss`, `report.hide`, `report.warn`,
    /// `report.suspend`, `result.void`, `result.restore` (a set's result on leaderboards and in
    /// challenges).
    pub action: String,
    /// The member concerned.
    #[oai(nullable)]
    pub subject: Option<UserRef>,
    /// The report it resolved.
    #[oai(nullable)]
    pub report_id: Option<String>,
    pub note: String,
    /// Done with the command line on the server (`actor` is then `null`).
    pub via_cli: bool,
}

#[derive(Object, Debug)]
pub struct AuditList {
    pub items: Vec<AuditEntryDto>,
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum ReportCreated {
    #[oai(status = 201)]
    Created(Json<ReportDto>),
}

fn kind_dto(k: ReportKind) -> ReportKindDto {
    match k {
        ReportKind::User => ReportKindDto::User,
        ReportKind::Workout => ReportKindDto::Workout,
        ReportKind::Plan => ReportKindDto::Plan,
        ReportKind::Comment => ReportKindDto::Comment,
    }
}

fn reason_of(r: ReportReasonDto) -> ReportReason {
    match r {
        ReportReasonDto::Spam => ReportReason::Spam,
        ReportReasonDto::Harassment => ReportReason::Harassment,
        ReportReasonDto::Inappropriate => ReportReason::Inappropriate,
        ReportReasonDto::Impersonation => ReportReason::Impersonation,
        ReportReasonDto::Unsafe => ReportReason::Unsafe,
        ReportReasonDto::Other => ReportReason::Other,
    }
}

fn reason_dto(r: ReportReason) -> ReportReasonDto {
    match r {
        ReportReason::Spam => ReportReasonDto::Spam,
        ReportReason::Harassment => ReportReasonDto::Harassment,
        ReportReason::Inappropriate => ReportReasonDto::Inappropriate,
        ReportReason::Impersonation => ReportReasonDto::Impersonation,
        ReportReason::Unsafe => ReportReasonDto::Unsafe,
        ReportReason::Other => ReportReasonDto::Other,
    }
}

fn action_dto(a: ModerationAction) -> ModerationActionDto {
    match a {
        ModerationAction::Dismiss => ModerationActionDto::Dismiss,
        ModerationAction::Hide => ModerationActionDto::Hide,
        ModerationAction::Warn => ModerationActionDto::Warn,
        ModerationAction::Suspend => ModerationActionDto::Suspend,
    }
}

async fn user_ref(accounts: &Accounts, id: u128) -> Option<UserRef> {
    accounts.user(id).await.ok().map(|u| UserRef::from(&u))
}

async fn report_dto(accounts: &Accounts, r: &Report, admin: bool) -> ReportDto {
    let owner = user_ref(accounts, r.owner).await;
    let target_id = match r.kind {
        ReportKind::User => owner
            .as_ref()
            .map_or_else(|| ids::to_string(r.target), |o| o.username.clone()),
        _ => ids::to_string(r.target),
    };
    let resolution = match &r.resolution {
        Some(res) => Some(ResolutionDto {
            action: action_dto(res.action),
            note: res.note.clone(),
            by: if admin {
                user_ref(accounts, res.by).await
            } else {
                None
            },
            at: rfc3339(res.at),
        }),
        None => None,
    };
    ReportDto {
        id: ids::to_string(r.id),
        kind: kind_dto(r.kind),
        target_id,
        owner,
        reporter: if admin {
            user_ref(accounts, r.reporter).await
        } else {
            None
        },
        reason: reason_dto(r.reason),
        details: r.details.clone(),
        excerpt: r.excerpt.clone(),
        context_kind: r.context.map(|(k, _)| match k {
            super::model::SubjectKind::Workout => crate::social::api::SubjectKindDto::Workout,
            super::model::SubjectKind::Plan => crate::social::api::SubjectKindDto::Plan,
            super::model::SubjectKind::Badge => crate::social::api::SubjectKindDto::Badge,
        }),
        context_id: r.context.map(|(_, id)| ids::to_string(id)),
        created_at: rfc3339(r.created_at),
        resolution,
    }
}

fn not_found(what: &str) -> AppError {
    AppError::NotFound(format!("No such {what}, or you may not see it."))
}

/// The moderation endpoints.
pub struct ModerationApi;

#[OpenApi(prefix_path = "/api/v1")]
impl ModerationApi {
    /// Reports a member, workout, plan or comment the caller can see, to the gym's
    /// administrators. Reporting the same thing again while the first report is open returns
    /// that report. 422 `own_item` for the caller's own account or content.
    #[oai(
        path = "/reports",
        method = "post",
        tag = "Tag::Moderation",
        operation_id = "create_report"
    )]
    async fn create(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        social: Svc<'_, Social>,
        me: Member,
        body: JsonBody<ReportCreate>,
    ) -> Result<ReportCreated> {
        let b = body.0;
        let id = || ids::parse(&b.id);
        let what = match b.kind {
            ReportKindDto::User => {
                let u = accounts.visible_profile(Some(&me.user), &b.id).await?;
                Reported {
                    kind: ReportKind::User,
                    target: u.id,
                    owner: u.id,
                    excerpt: format!("{} (@{})", u.display_name, u.username),
                    context: None,
                }
            }
            ReportKindDto::Workout => {
                let wid = id().ok_or_else(|| not_found("workout"))?;
                let w = training.workout(Some(&me.user), wid).await?.workout;
                Reported {
                    kind: ReportKind::Workout,
                    target: w.id,
                    owner: w.user_id,
                    excerpt: w.title.clone(),
                    context: None,
                }
            }
            ReportKindDto::Plan => {
                let pid = id().ok_or_else(|| not_found("plan"))?;
                let p = training.plan(&me.user, pid).await?;
                Reported {
                    kind: ReportKind::Plan,
                    target: p.id,
                    owner: p.owner_id,
                    excerpt: p.title.clone(),
                    context: None,
                }
            }
            ReportKindDto::Comment => {
                let cid = id().ok_or_else(|| not_found("comment"))?;
                let c = social.visible_comment(&me.user, cid).await?;
                Reported {
                    kind: ReportKind::Comment,
                    target: c.id,
                    owner: c.author,
                    excerpt: c.body.clone(),
                    context: Some((c.kind, c.subject)),
                }
            }
        };
        let r = social
            .report(&me.user, what, reason_of(b.reason), &b.details)
            .await?;
        Ok(ReportCreated::Created(Json(
            report_dto(&accounts, &r, false).await,
        )))
    }

    /// The moderation queue (`status=open`, oldest first) or resolved reports (newest
    /// first), for administrators.
    #[oai(
        path = "/admin/reports",
        method = "get",
        tag = "Tag::Moderation",
        operation_id = "admin_reports"
    )]
    async fn list(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        admin: Admin,
        status: Query<Option<ReportStatus>>,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<ReportList>> {
        let limit = limit_of(limit.0)?;
        let after = decode_time_cursor(cursor.0.as_deref())?;
        let open = status.0.unwrap_or_default() == ReportStatus::Open;
        let (items, next) = social.reports(&admin.user, open, after, limit).await?;
        let mut out = Vec::with_capacity(items.len());
        for r in &items {
            out.push(report_dto(&accounts, r, true).await);
        }
        Ok(Json(ReportList {
            items: out,
            next_cursor: next.map(encode_time_cursor),
        }))
    }

    /// Resolves a report (and every other open report about the same member or item):
    /// `dismiss`; `hide` the content (a workout or plan becomes private, a comment is removed;
    /// not for a member); `warn` the member; or `suspend` their account (their sessions end;
    /// they are told the note when they try to sign in). The member is told of a hidden item
    /// or a warning with the note; every resolution goes to the audit log. 409 when resolved
    /// already.
    #[oai(
        path = "/admin/reports/:id/resolve",
        method = "post",
        tag = "Tag::Moderation",
        operation_id = "resolve_report"
    )]
    async fn resolve(
        &self,
        accounts: Svc<'_, Accounts>,
        training: Svc<'_, Training>,
        social: Svc<'_, Social>,
        admin: Admin,
        id: Path<String>,
        body: JsonBody<ReportResolveRequest>,
    ) -> Result<Json<ReportDto>> {
        let id = ids::parse(&id.0).ok_or_else(|| AppError::NotFound("No such report.".into()))?;
        let b = body.0;
        let r = social.open_report(&admin.user, id).await?;
        let action = match b.action {
            ModerationActionDto::Dismiss => ModerationAction::Dismiss,
            ModerationActionDto::Hide => ModerationAction::Hide,
            ModerationActionDto::Warn => ModerationAction::Warn,
            ModerationActionDto::Suspend => ModerationAction::Suspend,
        };
        let needs_note = matches!(action, ModerationAction::Warn | ModerationAction::Suspend);
        if needs_note && b.note.trim().is_empty() {
            return Err(
                AppError::invalid("note", "Say why: the member is shown this note.").into(),
            );
        }
        match action {
            ModerationAction::Hide => match r.kind {
                ReportKind::Workout => {
                    training.hide_workout(r.target).await?;
                }
                ReportKind::Plan => {
                    training.hide_plan(r.target).await?;
                }
                ReportKind::Comment => social.hide_comment(&admin.user, r.target).await?,
                ReportKind::User => {
                    return Err(AppError::invalid(
                        "action",
                        "A member cannot be hidden: warn or suspend them, or dismiss the report.",
                    )
                    .into());
                }
            },
            ModerationAction::Suspend => {
                accounts
                    .suspend(&Actor::User(Box::new(admin.user.clone())), r.owner, &b.note)
                    .await?;
            }
            ModerationAction::Dismiss | ModerationAction::Warn => {}
        }
        let r = social.resolve(&admin.user, id, action, &b.note).await?;
        Ok(Json(report_dto(&accounts, &r, true).await))
    }

    /// What administrators did (accounts, settings, moderation, results), newest first.
    #[oai(
        path = "/admin/audit",
        method = "get",
        tag = "Tag::Moderation",
        operation_id = "admin_audit"
    )]
    async fn audit(
        &self,
        accounts: Svc<'_, Accounts>,
        social: Svc<'_, Social>,
        admin: Admin,
        limit: Query<Option<u32>>,
        cursor: Query<Option<String>>,
    ) -> Result<Json<AuditList>> {
        let limit = limit_of(limit.0)?;
        let before = decode_time_cursor(cursor.0.as_deref())?;
        let (items, next) = social.audit(&admin.user, before, limit).await?;
        let mut out = Vec::with_capacity(items.len());
        for e in &items {
            out.push(AuditEntryDto {
                id: ids::to_string(e.id),
                at: rfc3339(e.at),
                actor: user_ref(&accounts, e.actor).await,
                action: e.action.clone(),
                subject: match e.subject {
                    Some(s) => user_ref(&accounts, s).await,
                    None => None,
                },
                report_id: e.report.map(ids::to_string),
                note: e.note.clone(),
                via_cli: e.via_cli,
            });
        }
        Ok(Json(AuditList {
            items: out,
            next_cursor: next.map(encode_time_cursor),
        }))
    }
}
