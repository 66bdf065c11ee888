//! HTTP API plumbing shared by every domain: errors, authentication, pagination.

pub mod auth;
pub mod body;
pub mod pagination;
pub mod problem;
pub mod reply;
