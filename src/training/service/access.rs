//! What the training domain adds to the access policy: who maintains the gym's exercises.

use crate::accounts::model::{Role, User};

/// Coaches and administrators maintain the gym-wide exercise list.
pub fn may_edit_gym_exercises(user: &User) -> bool {
    user.role >= Role::Coach
}
