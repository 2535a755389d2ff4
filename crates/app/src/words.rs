//! Dates and times as people write them (`Tue 24 Nov 2026`, `14:05`), for pages, API messages
//! and the CLI alike: one copy, so a date reads the same everywhere.

/// A short, human date: `Tue 24 Nov 2026`.
pub fn human_date(date: time::Date) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short] [day padding:none] [month repr:short] [year]"
    );
    date.format(&fmt).unwrap_or_else(|_| date.to_string())
}

/// A date from a Unix timestamp (UTC), as [`human_date`].
pub fn human_day(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| human_date(t.date()))
        .unwrap_or_else(|_| unix.to_string())
}

/// A date and time from a Unix timestamp, in UTC: `Tue 24 Nov 2026, 14:05 UTC`.
pub fn human_time(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{}, {:02}:{:02} UTC",
            human_date(t.date()),
            t.hour(),
            t.minute()
        ),
        Err(_) => unix.to_string(),
    }
}

/// The text with its first letter in lower case (a heading's words inside a sentence).
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text with its first letter in upper case (for words that start a sentence or a label).
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
