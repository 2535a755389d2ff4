//! Use cases shared by the API, the pages and the CLI, below their handlers: a front end calls
//! these and renders what they return; none of them reaches into another front end's handlers.
//! [`state::member_now`] is her state now, decided once; every page and endpoint renders it.

pub mod accounts;
pub mod calendar;
pub mod coaching;
pub mod imports;
pub mod member;
pub mod report;
pub mod state;

use crate::error::AppError;

/// A date query or body value: `YYYY-MM-DD`.
///
/// # Errors
/// 422 naming `field`.
pub fn parse_date(field: &str, text: &str) -> Result<time::Date, AppError> {
    mumstrong_core::profile::parse_iso_date(text).map_err(|m| AppError::invalid(field, m))
}
