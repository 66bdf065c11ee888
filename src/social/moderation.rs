//! Reports and moderation: members report a person, workout, plan or comment they can see;
//! administrators work through the queue and dismiss, hide the content, warn or suspend the
//! member, who is told why. Every resolution is written to the audit log.

use super::Social;
use super::model::{
    AuditEntry, Comment, ModerationAction, Notification, NotificationKind, Report, ReportKind,
    ReportReason, Resolution, SubjectKind,
};
use super::store::{self, Reader};
use crate::accounts::model::User;
use crate::error::{AppError, Code};
use crate::storage::ids::{new_id, now};

/// Longest report details and moderator note, in characters.
pub const MAX_DETAILS: usize = 1000;

/// What a member reports, resolved by the API to its owner and an excerpt.
#[derive(Debug, Clone)]
pub struct Reported {
    pub kind: ReportKind,
    pub target: u128,
    pub owner: u128,
    pub excerpt: String,
    /// Where a reported comment is.
    pub context: Option<(SubjectKind, u128)>,
}

fn no_report() -> AppError {
    AppError::NotFound("No such report.".into())
}

fn admins_only() -> AppError {
    AppError::forbidden("Only administrators moderate.")
}

impl Social {
    /// A comment the viewer may see (for reports).
    pub async fn visible_comment(&self, viewer: &User, id: u128) -> Result<Comment, AppError> {
        let viewer = viewer.clone();
        let this = self.clone();
        self.store
            .read(move |tx| {
                let c = tx.comment(id)?.ok_or_else(|| {
                    AppError::NotFound("No such comment, or you may not see it.".into())
                })?;
                this.comments_visible_to(tx, &viewer, &c)?;
                Ok(c)
            })
            .await
    }

    /// The caller reports something they can see. One open report per person and target:
    /// reporting again returns the open one.
    pub async fn report(
        &self,
        me: &User,
        what: Reported,
        reason: ReportReason,
        details: &str,
    ) -> Result<Report, AppError> {
        if what.owner == me.id {
            return Err(AppError::invalid_code(
                "id",
                "own_item",
                "You cannot report yourself or your own content.",
            ));
        }
        let details = details.trim().to_owned();
        if details.chars().count() > MAX_DETAILS {
            return Err(AppError::invalid(
                "details",
                format!("Details are at most {MAX_DETAILS} characters."),
            ));
        }
        let me = me.id;
        self.store
            .write(move |tx| {
                for id in tx.open_reports_of(what.target)? {
                    if let Some(r) = tx.report(id)?
                        && r.reporter == me
                    {
                        return Ok(r);
                    }
                }
                let r = Report {
                    id: new_id(),
                    reporter: me,
                    kind: what.kind,
                    target: what.target,
                    owner: what.owner,
                    reason,
                    details: details.clone(),
                    excerpt: what.excerpt.chars().take(500).collect(),
                    context: what.context,
                    created_at: now(),
                    resolution: None,
                };
                store::put_report(tx, &r)?;
                Ok(r)
            })
            .await
    }

    /// Open reports (oldest first) or resolved ones (newest first), for administrators.
    pub async fn reports(
        &self,
        admin: &User,
        open: bool,
        after: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<(Vec<Report>, Option<(i64, u128)>), AppError> {
        if !admin.role.is_admin() {
            return Err(admins_only());
        }
        self.store
            .read(move |tx| {
                let page = tx.reports(open, after, limit + 1)?;
                let next = (page.len() > limit).then(|| {
                    let (at, r) = &page[limit - 1];
                    (*at, r.id)
                });
                Ok((page.into_iter().take(limit).map(|(_, r)| r).collect(), next))
            })
            .await
    }

    /// An open report, for an administrator about to resolve it (409 when resolved already).
    pub async fn open_report(&self, admin: &User, id: u128) -> Result<Report, AppError> {
        if !admin.role.is_admin() {
            return Err(admins_only());
        }
        let r = self
            .store
            .read(move |tx| tx.report(id))
            .await?
            .ok_or_else(no_report)?;
        if r.resolution.is_some() {
            return Err(AppError::Problem(
                Code::Conflict,
                "This report is resolved already.".into(),
            ));
        }
        Ok(r)
    }

    /// Records how an administrator resolved a report (and every other open report about the
    /// same target), tells the member for a hidden item or a warning, and writes the audit
    /// log. The action itself (hiding, suspending) is done by its domain first.
    pub async fn resolve(
        &self,
        admin: &User,
        id: u128,
        action: ModerationAction,
        note: &str,
    ) -> Result<Report, AppError> {
        if !admin.role.is_admin() {
            return Err(admins_only());
        }
        let note = note.trim().to_owned();
        if note.chars().count() > MAX_DETAILS {
            return Err(AppError::invalid(
                "note",
                format!("A note is at most {MAX_DETAILS} characters."),
            ));
        }
        let by = admin.id;
        self.store
            .write(move |tx| {
                let first = tx.report(id)?.ok_or_else(no_report)?;
                if first.resolution.is_some() {
                    return Err(AppError::Problem(
                        Code::Conflict,
                        "This report is resolved already.".into(),
                    ));
                }
                let at = now();
                let resolution = Resolution {
                    action,
                    note: note.clone(),
                    by,
                    at,
                };
                let mut ids = tx.open_reports_of(first.target)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
                let mut resolved = first.clone();
                for rid in ids {
                    if let Some(mut r) = tx.report(rid)? {
                        r.resolution = Some(resolution.clone());
                        store::put_report(tx, &r)?;
                        if rid == id {
                            resolved = r;
                        }
                    }
                }
                let kind = match action {
                    ModerationAction::Hide => Some(NotificationKind::ContentHidden),
                    ModerationAction::Warn => Some(NotificationKind::Warning),
                    _ => None,
                };
                if let Some(kind) = kind {
                    let subject = match first.kind {
                        ReportKind::Workout => Some((SubjectKind::Workout, first.target)),
                        ReportKind::Plan => Some((SubjectKind::Plan, first.target)),
                        _ => None,
                    };
                    let n = Notification {
                        id: new_id(),
                        kind,
                        actor: by,
                        subject,
                        comment: None,
                        club: None,
                        note: Some(note.clone()),
                        at,
                        read: false,
                    };
                    store::notify(tx, first.owner, &n)?;
                }
                let action_name = match action {
                    ModerationAction::Dismiss => "report.dismiss",
                    ModerationAction::Hide => "report.hide",
                    ModerationAction::Warn => "report.warn",
                    ModerationAction::Suspend => "report.suspend",
                };
                store::put_audit(
                    tx,
                    &AuditEntry {
                        id: new_id(),
                        at,
                        actor: by,
                        action: action_name.into(),
                        subject: Some(first.owner),
                        report: Some(id),
                        note: note.clone(),
                        via_cli: false,
                    },
                )?;
                Ok(resolved)
            })
            .await
    }

    /// An administrator removes a reported comment.
    pub async fn hide_comment(&self, admin: &User, id: u128) -> Result<(), AppError> {
        if !admin.role.is_admin() {
            return Err(admins_only());
        }
        self.store
            .write(move |tx| {
                let c = tx.comment(id)?.ok_or_else(|| {
                    AppError::NotFound(
                        "The reported comment is gone already; dismiss the report.".into(),
                    )
                })?;
                store::delete_comment(tx, &c)?;
                store::drop_notifications(tx, c.owner, &|n| n.comment == Some(id))
            })
            .await
    }

    /// The audit log, newest first, for administrators.
    pub async fn audit(
        &self,
        admin: &User,
        before: Option<(i64, u128)>,
        limit: usize,
    ) -> Result<(Vec<AuditEntry>, Option<(i64, u128)>), AppError> {
        if !admin.role.is_admin() {
            return Err(admins_only());
        }
        self.store
            .read(move |tx| {
                let page = tx.audit(before, limit + 1)?;
                let next = (page.len() > limit).then(|| (page[limit - 1].at, page[limit - 1].id));
                Ok((page.into_iter().take(limit).collect(), next))
            })
            .await
    }
}
