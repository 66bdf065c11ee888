//! Gymbox: a self-hosted training and community platform in one binary.

pub mod access;
pub mod accounts;
pub mod admin;
pub mod analysis;
pub mod api;
pub mod app;
pub mod calendar;
pub mod cli;
pub mod coaching;
pub mod config;
pub mod conn;
pub mod encoding;
pub mod error;
pub mod events;
pub mod export;
pub mod feedback;
pub mod gamification;
pub mod import;
pub mod metrics;
pub mod search;
pub mod social;
pub mod state;
pub mod storage;
pub mod tracks;
pub mod training;
pub mod usage;
pub mod web;

/// The version of this build.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
