//! mumstrong's use cases, shared by the API, the pages and the CLI: a front end calls these and
//! renders what they return; none of them reaches into another front end. Nothing here knows
//! about HTTP (no axum, no maud): errors carry an [`error::ErrorKind`] that the server maps to a
//! status and the CLI to an exit code.
//!
//! [`state::member_now`] is her state now, decided once; every page and endpoint renders it.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod auth;
pub mod calendar;
pub mod caseload;
pub mod coaching;
pub mod config;
pub mod domain;
pub mod error;
pub mod imports;
pub mod invite_code;
pub mod json;
pub mod member;
pub mod report;
pub mod state;
pub mod text;
pub mod words;

use std::sync::Arc;

use mumstrong_store::Store;
use time::{Date, OffsetDateTime};

pub use config::Config;
pub use error::{AppError, AppResult, ErrorKind};

/// Reads the time; tests may pass a fixed one.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// What every use case can reach: the store, the settings and the clock.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The settings.
    pub config: Arc<Config>,
    /// The clock.
    pub clock: Clock,
}

impl AppState {
    /// Now, as unix seconds.
    pub fn now_unix(&self) -> i64 {
        (self.clock)().unix_timestamp()
    }

    /// Today's date (UTC), for screening and "today's session".
    pub fn today(&self) -> Date {
        (self.clock)().date()
    }
}

/// A date query or body value: `YYYY-MM-DD`.
///
/// # Errors
/// 422 naming `field`.
pub fn parse_date(field: &str, text: &str) -> Result<time::Date, AppError> {
    mumstrong_core::profile::parse_iso_date(text).map_err(|m| AppError::invalid(field, m))
}
