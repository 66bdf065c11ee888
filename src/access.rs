//! The one access policy: who may see an item of another member.
//!
//! Every domain asks [`may_see`] (items: workouts, plans, stats, records) or [`may_see_profile`]
//! (profiles); none decides visibility on its own. [`Ties`] carries what the caller has to do
//! with the owner (a coach link today; follows and blocks as the social features arrive).

use crate::storage::Snapshot;
use crate::storage::Tx;
use serde::{Deserialize, Serialize};

use crate::accounts::model::{Status, User};
use crate::error::AppError;

/// Who may see an item or a profile besides its owner.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The owner (and, for training data, their coach).
    #[default]
    Private,
    /// People the owner accepted as followers (and the owner's coach).
    Followers,
    /// Every signed-in member of the gym.
    Members,
    /// Everyone, signed out visitors included.
    Public,
}

impl Visibility {
    /// Whether every member of the gym may see the item (`members` or `public`).
    pub fn shared_with_members(self) -> bool {
        matches!(self, Visibility::Members | Visibility::Public)
    }

    /// The default of profiles: visible to the gym's members.
    pub fn members() -> Self {
        Visibility::Members
    }

    /// Its number in compact stored layouts (0–3).
    pub fn code(self) -> u8 {
        match self {
            Visibility::Private => 0,
            Visibility::Followers => 1,
            Visibility::Members => 2,
            Visibility::Public => 3,
        }
    }

    /// The visibility stored as `code`.
    pub fn from_code(code: u8) -> Result<Self, String> {
        Ok(match code {
            0 => Visibility::Private,
            1 => Visibility::Followers,
            2 => Visibility::Members,
            3 => Visibility::Public,
            n => return Err(format!("unknown visibility {n}")),
        })
    }
}

/// How the viewer is tied to the owner of what they want to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ties {
    /// The viewer coaches the owner.
    pub coach: bool,
    /// The owner accepted the viewer as a follower.
    pub follower: bool,
    /// One of them blocked the other: nothing is visible either way.
    pub blocked: bool,
}

impl Ties {
    pub fn coach(coach: bool) -> Self {
        Self {
            coach,
            ..Self::default()
        }
    }
}

/// Where [`Ties`] come from: implemented by the social domain (follows, blocks) over the
/// coaching domain's links, and handed to every domain by `app.rs`.
pub trait Relations: Send + Sync {
    /// How `viewer` is tied to `owner`, read in `tx` (nothing when they are the same).
    fn ties(&self, tx: &Snapshot, viewer: u128, owner: u128) -> Result<Ties, AppError>;

    /// The same inside a write transaction.
    fn ties_in(&self, tx: &Tx, viewer: u128, owner: u128) -> Result<Ties, AppError>;
}

/// The ties of a viewer who may be signed out (`None`: no ties).
pub fn ties_of(
    relations: &dyn Relations,
    tx: &Snapshot,
    viewer: Option<&User>,
    owner: u128,
) -> Result<Ties, AppError> {
    match viewer {
        Some(v) if v.id != owner => relations.ties(tx, v.id, owner),
        _ => Ok(Ties::default()),
    }
}

/// Relations of a service nobody wired to the social domain: no ties at all.
pub struct NoRelations;

impl Relations for NoRelations {
    fn ties(&self, _: &Snapshot, _: u128, _: u128) -> Result<Ties, AppError> {
        Ok(Ties::default())
    }

    fn ties_in(&self, _: &Tx, _: u128, _: u128) -> Result<Ties, AppError> {
        Ok(Ties::default())
    }
}

/// Whether `viewer` (`None`: a signed-out visitor) may see an item of `owner` with
/// `visibility`. The owner always sees their own; a block hides everything; a coach sees their
/// members' training; `public` is for everyone, `members` for everyone signed in,
/// `followers` for accepted followers.
pub fn may_see(viewer: Option<&User>, owner: u128, visibility: Visibility, ties: Ties) -> bool {
    let Some(viewer) = viewer else {
        return visibility == Visibility::Public;
    };
    if viewer.id == owner {
        return true;
    }
    if ties.blocked {
        return false;
    }
    if ties.coach {
        return true;
    }
    match visibility {
        Visibility::Public | Visibility::Members => true,
        Visibility::Followers => ties.follower,
        Visibility::Private => false,
    }
}

/// Whether a member may appear on gym-wide lists (leaderboards, challenge standings): their
/// account is active and their profile is shared with the gym's members.
pub fn shared_with_gym(user: &User) -> bool {
    user.status == Status::Active && user.privacy.profile_visibility.shared_with_members()
}

/// Whether `viewer` may see `target`'s profile (and what hangs off it: stats, public lists).
/// Administrators see every profile; a disabled account's profile shows to nobody else.
pub fn may_see_profile(viewer: Option<&User>, target: &User, ties: Ties) -> bool {
    if viewer.is_some_and(|v| v.id == target.id || v.role.is_admin()) {
        return true;
    }
    if target.status != Status::Active {
        return false;
    }
    may_see(
        viewer,
        target.id,
        target.privacy.profile_visibility,
        Ties {
            // A coach's access is to training data, not to a profile the member keeps private.
            coach: false,
            ..ties
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::model::Role;

    fn user(id: u128, role: Role) -> User {
        User {
            id,
            username: format!("u{id}"),
            email: None,
            display_name: String::new(),
            bio: String::new(),
            role,
            status: Status::Active,
            password_hash: String::new(),
            created_at: 0,
            last_login_at: None,
            preferences: Default::default(),
            privacy: Default::default(),
            totp: None,
            avatar_version: 0,
            status_reason: None,
            version: 0,
        }
    }

    #[test]
    fn items() {
        let owner = user(1, Role::Member);
        let other = user(2, Role::Member);
        let admin = user(3, Role::Admin);
        use Visibility::*;
        for v in [Private, Followers, Members, Public] {
            assert!(may_see(Some(&owner), 1, v, Ties::default()));
            assert!(may_see(Some(&other), 1, v, Ties::coach(true)));
            assert!(!may_see(
                Some(&other),
                1,
                v,
                Ties {
                    blocked: true,
                    coach: true,
                    follower: true
                }
            ));
        }
        assert!(may_see(None, 1, Public, Ties::default()));
        assert!(!may_see(None, 1, Members, Ties::default()));
        assert!(may_see(Some(&other), 1, Members, Ties::default()));
        assert!(!may_see(Some(&other), 1, Followers, Ties::default()));
        assert!(may_see(
            Some(&other),
            1,
            Followers,
            Ties {
                follower: true,
                ..Ties::default()
            }
        ));
        // Being an administrator gives no access to members' private training.
        assert!(!may_see(Some(&admin), 1, Private, Ties::default()));
    }

    #[test]
    fn profiles() {
        let mut target = user(1, Role::Member);
        let other = user(2, Role::Member);
        let admin = user(3, Role::Admin);
        target.privacy.profile_visibility = Visibility::Private;
        assert!(!may_see_profile(Some(&other), &target, Ties::coach(true)));
        assert!(may_see_profile(Some(&admin), &target, Ties::default()));
        target.privacy.profile_visibility = Visibility::Members;
        assert!(may_see_profile(Some(&other), &target, Ties::default()));
        assert!(!may_see_profile(None, &target, Ties::default()));
        target.status = Status::Disabled;
        assert!(!may_see_profile(Some(&other), &target, Ties::default()));
    }
}
