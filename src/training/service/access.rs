//! Who may see what: the owner, their coaches, and others as the item's visibility allows.

use crate::accounts::model::{Role, User};
use crate::training::model::Visibility;

/// Whether `viewer` (`None`: a signed-out visitor) may see something of `owner_id` with
/// `visibility`; `coach_link` is true when the viewer coaches the owner (a plan assignment
/// links them). `public` is for everyone, `members` for everyone signed in.
pub fn can_see(
    viewer: Option<&User>,
    owner_id: u128,
    visibility: Visibility,
    coach_link: bool,
) -> bool {
    let Some(viewer) = viewer else {
        return visibility == Visibility::Public;
    };
    if viewer.id == owner_id || coach_link {
        return true;
    }
    // Follows arrive with the social features; until then `followers` means owner and coaches.
    visibility.shared_with_members()
}

/// Coaches and administrators maintain the gym-wide exercise list.
pub fn may_edit_gym_exercises(user: &User) -> bool {
    user.role >= Role::Coach
}
