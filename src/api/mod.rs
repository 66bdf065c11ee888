//! HTTP API plumbing shared by every domain: errors, authentication, pagination, and the
//! services as handler parameters.

pub mod auth;
pub mod body;
pub mod json;
pub mod pagination;
pub mod problem;
pub mod reply;
pub mod services;

pub use services::Svc;
