//! The web pages driven as a browser does (forms with the CSRF field, redirects followed), as one
//! test binary: the real server on a random port with a fresh database, on SQLite and PostgreSQL.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod account;
mod coach;
mod imports;
mod invite;
mod onboarding;
mod onboarding_mood;
mod progress;
mod public;
mod report;
mod screening;
mod today;
mod urgent;
