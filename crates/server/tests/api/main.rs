//! The JSON API, its OpenAPI document and the hardening checks, as one test binary: the real
//! server on a random port with a fresh database, on SQLite and on PostgreSQL.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod api;
mod hardening_account;
mod hardening_http;
mod hardening_import;
mod invitations;
mod openapi;
