//! The date and other words of the address: `?date=`, `adapted`, anchors, JSON or HTML.

use axum::http::{HeaderMap, header};
use time::Date;

use crate::AppState;
use crate::error::AppError;

/// What the address asks for: a day (her phone's date) and whether a plan was just adapted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayQuery {
    /// The day shown.
    pub date: Date,
    /// The plan was just adapted (after a check-in or a set with symptoms).
    pub adapted: bool,
}

/// Reads `?date=YYYY-MM-DD` (default: the server's today) and `adapted`.
///
/// # Errors
/// 422 naming `date` when it is not a real day.
pub(crate) fn day_query(state: &AppState, raw: Option<&str>) -> Result<DayQuery, AppError> {
    let mut out = DayQuery {
        date: state.today(),
        adapted: false,
    };
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "date" if !v.trim().is_empty() => out.date = page_date(&v)?,
            "adapted" => out.adapted = true,
            _ => {}
        }
    }
    Ok(out)
}

/// A date from an address or a form, with a message that names `date`.
pub(crate) fn page_date(text: &str) -> Result<Date, AppError> {
    crate::app::parse_date("date", text)
        .map_err(|e| AppError::invalid("date", format!("Date: {}", e.message)))
}

/// The Today page for a day: `/today` for the server's today, with `?date=` otherwise.
pub(super) fn today_path(state: &AppState, date: Date) -> String {
    if date == state.today() {
        "/today".to_owned()
    } else {
        format!("/today?date={date}")
    }
}

pub(super) fn with_query(path: &str, extra: &str) -> String {
    if path.contains('?') {
        format!("{path}&{extra}")
    } else {
        format!("{path}?{extra}")
    }
}

/// Whether the caller (today.js) asked for JSON.
pub(super) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// An anchor we made ourselves (`ex-glute_bridge`), safe to put back in an address.
pub(super) fn safe_anchor(text: &str) -> Option<&str> {
    (!text.is_empty()
        && text.len() <= 80
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then_some(text)
}
