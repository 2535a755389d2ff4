//! The one copy of the small wording helpers every module shares: plurals, lists a person reads
//! ("a, b and c"), people's dates and times since birth, and values echoed back in messages.
//!
//! Kept together so the screening, the renderers and the parsers' error messages say things the
//! same way.

use time::Date;

/// A date as people write it: "7 December 2026".
pub fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// A count with its noun: "1 week", "3 weeks".
pub fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Time since birth as people say it: "3 weeks", "1 year and 4 months", "3 years".
pub fn since_birth(days: i64) -> String {
    if days < 52 * 7 {
        return plural(days / 7, "week", "weeks");
    }
    let years = days / 365;
    let months = (days % 365) / 30;
    if years == 0 {
        return plural(days / 30, "month", "months");
    }
    if months == 0 || years >= 5 {
        plural(years, "year", "years")
    } else {
        format!(
            "{} and {}",
            plural(years, "year", "years"),
            plural(months, "month", "months")
        )
    }
}

/// Joins items as "a", "a and b", "a, b and c".
pub fn list_and<S: AsRef<str>>(items: &[S]) -> String {
    list_with(items, "and")
}

/// Joins items as "a", "a or b", "a, b or c".
pub fn list_or<S: AsRef<str>>(items: &[S]) -> String {
    list_with(items, "or")
}

fn list_with<S: AsRef<str>>(items: &[S], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last_word} {}", init.join(", "), last.as_ref())
        }
    }
}

/// Joins words as "`a`, `b` or `c`" for error messages.
pub fn quoted_or<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<String> = words.map(|w| format!("`{w}`")).collect();
    list_or(&words)
}

/// Items described and joined with semicolons, as a readable list of phrases: "a; b; c".
pub fn semicolons<T: Copy>(items: &[T], describe: impl Fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|&i| describe(i))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Most characters of a user's value repeated back in a message.
pub const MAX_ECHO_CHARS: usize = 60;

/// Cuts a value repeated back to the user to a readable length.
pub fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_people_write_them() {
        assert_eq!(list_and::<&str>(&[]), "");
        assert_eq!(list_and(&["a"]), "a");
        assert_eq!(list_and(&["a", "b"]), "a and b");
        assert_eq!(list_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(quoted_or(["x", "y", "z"].into_iter()), "`x`, `y` or `z`");
        assert_eq!(plural(1, "week", "weeks"), "1 week");
        assert_eq!(plural(0, "week", "weeks"), "0 weeks");
        assert_eq!(since_birth(400), "1 year and 1 month");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(
            long_date(time::macros::date!(2026 - 12 - 07)),
            "7 December 2026"
        );
    }
}
