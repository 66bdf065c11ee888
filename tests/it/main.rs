//! The one integration-test binary: real servers on 127.0.0.1:0 with temp data dirs.

mod accounts;
mod activities;
mod admin;
mod analysis;
mod authz;
mod backup;
mod cli;
mod coaching;
mod conn;
mod errors;
mod faults;
mod gamification;
mod gym;
mod imports;
mod limits;
mod ops;
mod search;
mod social;
mod storage;
mod support;
mod training;
mod transfer;
mod trust;
