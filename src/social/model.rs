//! The social domain's stored records.

use serde::{Deserialize, Serialize};

use crate::storage::codec::Record;

/// A follow: pending until the followee accepts (profiles not shared with the gym), or
/// accepted at once. Stored as a fixed-width row (`social::store`), not a codec record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    pub id: u128,
    pub follower: u128,
    pub followee: u128,
    pub accepted: bool,
    /// When it was asked for.
    pub created_at: i64,
    /// When it was accepted.
    #[serde(default)]
    pub since: Option<i64>,
}

/// What kind of item a subject id names.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Workout,
    Plan,
    /// A badge a member earned (feed items only: no kudos or comments).
    Badge,
}

impl SubjectKind {
    pub fn code(self) -> u8 {
        match self {
            SubjectKind::Workout => 1,
            SubjectKind::Plan => 2,
            SubjectKind::Badge => 3,
        }
    }

    pub fn from_code(c: u8) -> Option<Self> {
        match c {
            1 => Some(SubjectKind::Workout),
            2 => Some(SubjectKind::Plan),
            3 => Some(SubjectKind::Badge),
            _ => None,
        }
    }
}

/// One item of the gym's activity: a finished workout or a shared plan (what it shows is read
/// from the item when the feed is shown, so edits, visibility changes and deletion apply at
/// once). Stored as a fixed-width row (`social::store`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: u128,
    pub author: u128,
    pub kind: SubjectKind,
    pub subject: u128,
    pub at: i64,
}

/// A comment on a workout or a plan.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: u128,
    pub subject: u128,
    pub kind: SubjectKind,
    /// The owner of the item commented on.
    pub owner: u128,
    pub author: u128,
    pub body: String,
    pub created_at: i64,
    #[serde(default)]
    pub edited_at: Option<i64>,
}

impl Record for Comment {
    const FORMAT: u8 = 1;
}

/// Why a member is notified.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone follows the member now.
    Follow,
    /// Someone asks to follow the member.
    FollowRequest,
    /// The member's follow request was accepted.
    FollowAccepted,
    /// Kudos on the member's workout.
    Kudos,
    /// A comment on the member's workout or plan.
    Comment,
    /// The member was @mentioned in a comment.
    Mention,
    /// A coach asks to coach the member.
    CoachingRequest,
    /// A coach assigned the member a plan.
    PlanAssigned,
    /// Someone asks to join a club the member runs.
    ClubRequest,
    /// A club admin invites the member to a club.
    ClubInvite,
    /// The member's request to join a club was approved.
    ClubAccepted,
    /// An administrator hid the member's content (`note` says why).
    ContentHidden,
    /// An administrator warned the member (`note` says why).
    Warning,
    /// An administrator answered the member's feedback (or changed its status).
    FeedbackAnswered,
}

/// A notification for one member.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: u128,
    pub kind: NotificationKind,
    /// Who did it.
    pub actor: u128,
    /// The item it is about (a workout, a plan, an assignment's plan), if any.
    #[serde(default)]
    pub subject: Option<(SubjectKind, u128)>,
    /// The comment it is about, if any.
    #[serde(default)]
    pub comment: Option<u128>,
    /// The club it is about, if any.
    #[serde(default)]
    pub club: Option<u128>,
    /// An administrator's words (hidden content, warnings).
    #[serde(default)]
    pub note: Option<String>,
    pub at: i64,
    #[serde(default)]
    pub read: bool,
}

impl Record for Notification {
    const FORMAT: u8 = 1;
}

/// Who may join a club.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum JoinPolicy {
    /// Anyone in the gym joins at once.
    Open,
    /// Anyone asks; a club admin approves.
    Approval,
    /// Only people a club admin invited join; the club is hidden from everyone else.
    Invite,
}

/// A club inside the gym.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Club {
    pub id: u128,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub policy: JoinPolicy,
    pub created_by: u128,
    pub created_at: i64,
    /// Members and admins (not requests or invitations), kept on write.
    pub members: u32,
}

impl Record for Club {
    const FORMAT: u8 = 1;
}

/// Someone's place in a club.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClubRole {
    /// Asked to join an approval club.
    Requested,
    /// Invited by a club admin; not a member until they join.
    Invited,
    Member,
    /// Manages the club (members, settings).
    Admin,
}

impl ClubRole {
    pub fn code(self) -> u8 {
        match self {
            ClubRole::Requested => 0,
            ClubRole::Invited => 1,
            ClubRole::Member => 2,
            ClubRole::Admin => 3,
        }
    }

    pub fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            0 => ClubRole::Requested,
            1 => ClubRole::Invited,
            2 => ClubRole::Member,
            3 => ClubRole::Admin,
            _ => return None,
        })
    }

    /// A member or an admin (not a request or an invitation).
    pub fn is_member(self) -> bool {
        self >= ClubRole::Member
    }
}

/// What a report is about.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    User,
    Workout,
    Plan,
    Comment,
}

/// Why something was reported.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    Spam,
    Harassment,
    Inappropriate,
    Impersonation,
    /// Dangerous training advice or content.
    Unsafe,
    Other,
}

/// What an administrator did about a report.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    /// Nothing wrong.
    Dismiss,
    /// The content is hidden (a workout or plan becomes private, a comment is removed).
    Hide,
    /// The member is warned, with the note.
    Warn,
    /// The member's account is suspended, with the note as the reason.
    Suspend,
}

/// How a report was resolved.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub action: ModerationAction,
    pub note: String,
    pub by: u128,
    pub at: i64,
}

/// A member's report of a person, workout, plan or comment.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: u128,
    pub reporter: u128,
    pub kind: ReportKind,
    pub target: u128,
    /// The member whose account or content it is.
    pub owner: u128,
    pub reason: ReportReason,
    #[serde(default)]
    pub details: String,
    /// What the reported content said when it was reported (a comment's text, a title, a name).
    #[serde(default)]
    pub excerpt: String,
    /// Where a reported comment is: the workout or plan it is on.
    #[serde(default)]
    pub context: Option<(SubjectKind, u128)>,
    pub created_at: i64,
    #[serde(default)]
    pub resolution: Option<Resolution>,
}

impl Record for Report {
    const FORMAT: u8 = 1;
}

/// One administrator action, kept for the audit log.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: u128,
    pub at: i64,
    pub actor: u128,
    /// What was done, e.g. `report.hide`, `report.suspend`.
    pub action: String,
    /// Whom or what it concerned (a member's id).
    #[serde(default)]
    pub subject: Option<u128>,
    /// The report it resolved, if any.
    #[serde(default)]
    pub report: Option<u128>,
    #[serde(default)]
    pub note: String,
    /// Done with the command line on the server (no administrator account).
    #[serde(default)]
    pub via_cli: bool,
}

impl Record for AuditEntry {
    const FORMAT: u8 = 1;
}
