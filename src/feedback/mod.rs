//! Feedback: members send ideas and bug reports (optionally naming the screen they were on);
//! administrators see an inbox by status (new, planned, done) and answer. The author is told
//! of an answer through a notification (`Event::FeedbackAnswered`, kept by social).

pub mod api;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::accounts::model::User;
use crate::error::AppError;
use crate::events::{Bus, Event, Feature, Reactor};
use crate::storage::Store;
use crate::storage::codec::Record;
use crate::storage::ids::{new_id, now};

/// Longest message and answer, and the longest screen path.
pub const MAX_MESSAGE: usize = 4000;
pub const MAX_SCREEN: usize = 200;
/// Feedback a member may have waiting with status `new` at once (a flood guard).
pub const MAX_OPEN_PER_MEMBER: usize = 20;

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Idea,
    Bug,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Planned,
    Done,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::New => 0,
            Status::Planned => 1,
            Status::Done => 2,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Planned => "planned",
            Status::Done => "done",
        }
    }
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Feedback {
    pub id: u128,
    pub author: u128,
    pub kind: Kind,
    pub message: String,
    #[serde(default)]
    pub screen: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub answered_by: Option<u128>,
    #[serde(default)]
    pub answered_at: Option<i64>,
    pub created_at: i64,
}

impl Record for Feedback {
    const FORMAT: u8 = 1;
}

#[derive(Clone)]
pub struct FeedbackService {
    store: Store,
    bus: Bus,
}

fn not_found() -> AppError {
    AppError::NotFound("No feedback with that id.".into())
}

/// Trims a text and checks its length; `what` names the field.
fn text(field: &str, s: &str, max: usize, required: bool) -> Result<String, AppError> {
    let t = s.trim();
    if required && t.is_empty() {
        return Err(AppError::invalid(field, "Write a few words."));
    }
    if t.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("At most {max} characters, please."),
        ));
    }
    Ok(t.to_owned())
}

impl FeedbackService {
    pub fn new(store: Store, bus: Bus) -> Self {
        Self { store, bus }
    }

    /// A member sends feedback.
    pub async fn send(
        &self,
        author: &User,
        kind: Kind,
        message: &str,
        screen: Option<&str>,
    ) -> Result<Feedback, AppError> {
        let message = text("message", message, MAX_MESSAGE, true)?;
        let screen = match screen.map(|s| text("screen", s, MAX_SCREEN, false)) {
            Some(Ok(s)) if !s.is_empty() => Some(s),
            Some(Err(e)) => return Err(e),
            _ => None,
        };
        let t = now();
        let f = Feedback {
            id: new_id(),
            author: author.id,
            kind,
            message,
            screen,
            status: Status::New,
            answer: None,
            answered_by: None,
            answered_at: None,
            created_at: t,
        };
        let (row, bus) = (f.clone(), self.bus.clone());
        self.store
            .write(move |tx| {
                if store::open_count(tx, row.author)? >= MAX_OPEN_PER_MEMBER {
                    return Err(AppError::Problem(
                        crate::error::Code::LimitReached,
                        format!(
                            "You have {MAX_OPEN_PER_MEMBER} messages waiting for the administrators; \
                             wait for their answers before sending more."
                        ),
                    ));
                }
                store::put(tx, None, &row)?;
                bus.publish(
                    tx,
                    &Event::Used {
                        user: row.author,
                        feature: Feature::Feedback,
                        at: t,
                    },
                )?;
                Ok(())
            })
            .await?;
        Ok(f)
    }

    /// What a member sent, newest first, before `before` (an id).
    pub async fn mine(
        &self,
        author: u128,
        before: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Feedback>, AppError> {
        self.store
            .read(move |tx| store::by_author(tx, author, before, limit))
            .await
    }

    /// The inbox: feedback with `status` (all when `None`), newest first, before `before`.
    pub async fn inbox(
        &self,
        status: Option<Status>,
        before: Option<u128>,
        limit: usize,
    ) -> Result<Vec<Feedback>, AppError> {
        self.store
            .read(move |tx| store::by_status(tx, status, before, limit))
            .await
    }

    /// An administrator changes the status and/or writes the answer; the author is told.
    pub async fn update(
        &self,
        admin: &User,
        id: u128,
        status: Option<Status>,
        answer: Option<&str>,
    ) -> Result<Feedback, AppError> {
        let answer = answer
            .map(|a| text("answer", a, MAX_MESSAGE, false))
            .transpose()?;
        let (by, bus) = (admin.id, self.bus.clone());
        self.store
            .write(move |tx| {
                let old = store::get(tx, id)?.ok_or_else(not_found)?;
                let mut f = old.clone();
                if let Some(s) = status {
                    f.status = s;
                }
                if let Some(a) = &answer {
                    f.answer = (!a.is_empty()).then(|| a.clone());
                    f.answered_by = Some(by);
                    f.answered_at = Some(now());
                }
                if f == old {
                    return Ok(f);
                }
                store::put(tx, Some(&old), &f)?;
                let mut note = format!("status {}", f.status.name());
                if answer.is_some() {
                    note.push_str(", answered");
                }
                bus.publish(
                    tx,
                    &Event::Audited {
                        actor: Some(by),
                        action: "feedback.update",
                        subject: Some(f.author),
                        note: &note,
                    },
                )?;
                if f.answer != old.answer || f.status != old.status {
                    bus.publish(
                        tx,
                        &Event::FeedbackAnswered {
                            author: f.author,
                            feedback: f.id,
                            by,
                        },
                    )?;
                }
                Ok(f)
            })
            .await
    }
}

/// Account deletion removes what the member sent.
pub struct Cleanup;

impl Reactor for Cleanup {
    fn react(
        &self,
        tx: &crate::storage::Tx,
        event: &Event<'_>,
    ) -> Result<crate::events::Effects, AppError> {
        if let Event::UserDeleted { user } = *event {
            store::delete_author(tx, user)?;
        }
        Ok(Default::default())
    }
}
