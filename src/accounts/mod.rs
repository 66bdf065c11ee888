//! Accounts: users, credentials, sessions, API tokens, invites, roles, profiles, privacy, 2FA.

pub mod api;
pub mod gym;
pub mod model;
pub mod password;
pub mod service;
pub mod store;
pub mod throttle;
pub mod tokens;
pub mod totp;
pub mod validate;

pub use service::Accounts;
