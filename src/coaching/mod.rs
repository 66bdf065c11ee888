//! Coaching: coach–member relationships with consent, and what they let a coach do.
//!
//! A relationship exists only when the member accepts a coach's request or an administrator
//! creates it. Only an active relationship lets a coach assign plans to the member or see the
//! member's private training (through [`crate::access::Ties::coach`]); administrators and the
//! owner have coach rights but need a relationship like any coach. The member or the coach
//! ends it at any time, an administrator too; it ends when the coach loses the coach role and
//! when either account is deleted (the [`Coaching`] reactor).

pub mod api;
pub mod model;
mod service;
pub mod store;

pub use service::{Coaching, REQUEST_TTL, link_active};
