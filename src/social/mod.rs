//! Social: follows (with consent for profiles not shared with the gym), blocks, the feed,
//! kudos, comments and in-app notifications.
//!
//! Privacy is decided by the one access policy ([`crate::access`]): this domain supplies the
//! ties it needs (an accepted follow, a block either way, over the coaching domain's links) as
//! the [`crate::access::Relations`] port every domain asks. The feed is assembled on read from
//! each member's activity (fan-out on read), so a visibility change, a block or an unfollow
//! applies to every item at once and a logged set costs nothing here. Account and workout
//! deletion remove the social rows through the deletion events.

pub mod api;
mod clubs;
pub mod clubs_api;
pub mod model;
mod moderation;
pub mod moderation_api;
mod service;
pub mod store;

pub use clubs::{ClubPatch, ClubView, MAX_DESCRIPTION, MAX_NAME, may_see_club};
pub use moderation::{MAX_DETAILS, Reported};
pub use service::{FeedEntry, FollowState, Item, Scope, Social, mentions};
