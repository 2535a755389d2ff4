//! Reading single values as the apps write them: numbers, dates, durations, set types, units
//! and lengths.

use std::borrow::Cow;

use time::{Date, Month, PrimitiveDateTime, Time};

use super::format::location;
use super::locale::{NOTE_WORDS, REST_WORDS};
use super::{ImportError, ImportErrorKind, METRES_PER_MILE, SetType};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, shorten};

/// A plain decimal number: digits with an optional sign and point (or, in files not separated
/// by commas, a decimal comma). No exponents, no `inf`, no `NaN`.
pub(super) fn number(text: &str, decimal_comma: bool) -> Option<f64> {
    let text = text.trim();
    let text: Cow<'_, str> = if decimal_comma && !text.contains('.') {
        Cow::Owned(text.replacen(',', ".", 1))
    } else {
        Cow::Borrowed(text)
    };
    let digits = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let mut points = 0;
    let mut any_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => any_digit = true,
            '.' => points += 1,
            _ => return None,
        }
    }
    if !any_digit || points > 1 {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A month from its English name or abbreviation (`Feb`, `February`, `Sept`).
fn month_named(word: &str) -> Option<Month> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let index = NAMES.iter().position(|n| n.starts_with(&word))?;
    Month::try_from(u8::try_from(index + 1).ok()?).ok()
}

fn small_number(text: &str, max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    (EARLIEST_AS_OF..=LATEST_AS_OF)
        .contains(&date)
        .then_some(date)
}

/// A date in one token: `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY/MM/DD` or `DD/MM/YYYY` (day first:
/// the apps that write `/` here are set to a day-first locale; a month over 12 is refused,
/// never silently swapped).
fn date_token(token: &str) -> Option<Date> {
    for sep in ['-', '.', '/'] {
        let parts: Vec<&str> = token.split(sep).collect();
        if parts.len() != 3 {
            continue;
        }
        let n = |i: usize, digits| small_number(parts[i], digits);
        return if parts[0].len() == 4 {
            make_date(n(0, 4)?, n(1, 2)?, n(2, 2)?)
        } else if parts[2].len() == 4 && sep != '-' {
            make_date(n(2, 4)?, n(1, 2)?, n(0, 2)?)
        } else {
            None
        };
    }
    None
}

/// A time of day: `HH:MM` or `HH:MM:SS`, with an optional `AM`/`PM` (attached or apart).
fn time_tokens(tokens: &[&str]) -> Option<Time> {
    let (clock, meridiem) = match tokens {
        [] => return Some(Time::MIDNIGHT),
        [one] => {
            let lower = one.to_ascii_lowercase();
            match lower
                .strip_suffix("am")
                .or_else(|| lower.strip_suffix("pm"))
            {
                Some(clock) => (clock.to_owned(), Some(lower.ends_with("pm"))),
                None => (lower, None),
            }
        }
        [clock, meridiem] => {
            let m = meridiem.to_ascii_lowercase().replace('.', "");
            let pm = match m.as_str() {
                "am" => false,
                "pm" => true,
                _ => return None,
            };
            (clock.to_ascii_lowercase(), Some(pm))
        }
        _ => return None,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut hour = small_number(parts[0], 2)?;
    let minute = small_number(parts[1], 2)?;
    let second = match parts.get(2) {
        Some(s) => {
            // Fractions of a second are dropped.
            let whole = s.split('.').next().unwrap_or_default();
            small_number(whole, 2)?
        }
        None => 0,
    };
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    Time::from_hms(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()
}

/// A date with an optional time, in the forms the apps write: `2025-03-04 09:15:00`,
/// `2025-03-04T09:15`, `21 Feb 2025, 07:17`, `Jan 1, 2024, 10:00 AM`, `05.06.2026, 07:30`,
/// `2025-03-04` and `04/03/2025` (day first). Without a time, 00:00.
pub(super) fn parse_datetime(text: &str) -> Option<PrimitiveDateTime> {
    let mut tokens: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() == 1
        && let Some((date, time)) = tokens[0].split_once('T')
    {
        tokens = vec![date, time];
    }
    if tokens.is_empty() || tokens.len() > 5 {
        return None;
    }
    let (date, used) = if let Some(date) = date_token(tokens[0]) {
        (date, 1)
    } else if tokens.len() >= 3 {
        // `21 Feb 2025` or `Feb 21 2025` (the comma after the day already split off).
        let (day, month) = match (small_number(tokens[0], 2), month_named(tokens[0])) {
            (Some(day), _) => (day, month_named(tokens[1])?),
            (None, Some(month)) => (small_number(tokens[1], 2)?, month),
            (None, None) => return None,
        };
        let year = small_number(tokens[2], 4).filter(|_| tokens[2].len() == 4)?;
        (make_date(year, u8::from(month).into(), day)?, 3)
    } else {
        return None;
    };
    let time = time_tokens(&tokens[used..])?;
    Some(PrimitiveDateTime::new(date, time))
}

/// A duration in seconds: `29m`, `1h 5m`, `45s`, `1h5m30s`, `0:01:48` (H:MM:SS), `30:00`
/// (MM:SS), or a bare number of seconds (`2100`, `30.0`).
pub(super) fn parse_duration(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Some(n) = number(text, false) {
        return (n >= 0.0 && n < f64::from(u32::MAX)).then(|| n.round() as u32);
    }
    if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        let (h, m, s) = match parts.as_slice() {
            [m, s] => ("0", *m, *s),
            [h, m, s] => (*h, *m, *s),
            _ => return None,
        };
        let h = u64::from(small_number(h, 4)?);
        let m = u64::from(small_number(m, 4)?);
        let s = number(s, false)
            .filter(|s| (0.0..60.0).contains(s))?
            .round() as u64;
        if parts.len() == 3 && m >= 60 {
            return None;
        }
        return u32::try_from(h * 3600 + m * 60 + s).ok();
    }
    // Numbers each followed by a unit, spaces optional.
    let mut total: u64 = 0;
    let mut rest = text;
    let mut any = false;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let value: u64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = rest[..letters].to_ascii_lowercase();
        rest = &rest[letters..];
        let seconds = match unit.as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return None,
        };
        total = total.checked_add(value.checked_mul(seconds)?)?;
        any = true;
    }
    if any { u32::try_from(total).ok() } else { None }
}

/// What a `Set Order` (Strong) or `set_type` (Hevy) says a row is.
pub(super) enum SetOrder {
    Set(SetType),
    /// A rest timer: the rest after the set before, not a set.
    Rest,
    /// The exercise's note (Strong's `Note` row), not a set.
    Note,
}

/// Strong's `Set Order` and Hevy's `set_type`, in either app's words and Strong's languages.
pub(super) fn set_order(text: &str) -> Option<SetOrder> {
    let word = text.trim().to_lowercase();
    if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() {
        return Some(SetOrder::Set(SetType::Normal));
    }
    if REST_WORDS.contains(&word.as_str()) {
        return Some(SetOrder::Rest);
    }
    if NOTE_WORDS.contains(&word.as_str()) {
        return Some(SetOrder::Note);
    }
    Some(SetOrder::Set(match word.as_str() {
        "" | "normal" | "ss" | "superset" => SetType::Normal,
        "w" | "warmup" | "warm-up" | "warm up" => SetType::Warmup,
        "d" | "drop" | "dropset" | "drop set" => SetType::Drop,
        "f" | "failure" => SetType::Failure,
        _ => return None,
    }))
}

/// Metres in one of a distance unit as apps write it.
pub(super) fn metres_per(unit: &str) -> Option<f64> {
    match unit.trim().to_ascii_lowercase().as_str() {
        "m" | "meter" | "meters" | "metre" | "metres" => Some(1.0),
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Some(1000.0),
        "mi" | "mile" | "miles" => Some(METRES_PER_MILE),
        "yd" | "yds" | "yard" | "yards" => Some(0.9144),
        "ft" | "feet" | "foot" => Some(0.3048),
        _ => None,
    }
}

/// The length of `value` (trimmed) in characters when it is over `max`, else `None`; linear,
/// and free for the usual short value (a byte count at most `max` cannot hold more characters).
pub(super) fn too_long(value: &str, max: usize) -> Option<usize> {
    if value.len() <= max {
        return None;
    }
    let chars = value.trim().chars().count();
    (chars > max).then_some(chars)
}

/// `value` within `max` characters, or the error naming `line` and the column (asked for only
/// when it is needed), with the start of the value.
pub(super) fn check_length<'c>(
    value: &str,
    max: usize,
    line: usize,
    column: impl FnOnce() -> &'c str,
) -> Result<(), ImportError> {
    match too_long(value, max) {
        None => Ok(()),
        Some(chars) => Err(location(Some(line), column()).error(
            ImportErrorKind::TooLong,
            format!(
                "{chars} characters long; expected at most {max} characters (`{}`)",
                shorten(value.trim(), 40)
            ),
        )),
    }
}
