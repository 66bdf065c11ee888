//! Training: exercise catalogue, plans and assignments, workout logging, body metrics.

pub mod api;
pub mod catalogue;
pub mod demo;
pub mod history;
pub mod limits;
pub mod model;
pub mod service;
pub mod store;
pub mod vocab;

pub use service::Training;
