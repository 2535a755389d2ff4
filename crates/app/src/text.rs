//! Text she sends, checked in one place for every JSON body ([`crate::json::parse_json`]) and
//! every page form (`WebForm`): no control characters and no bidirectional overrides in any
//! field. A NUL cannot be stored in PostgreSQL (it was a 500 there and stored on SQLite); an
//! escape (ESC) starts a terminal colour code; a CR or LF in a name splits a line in a log or a
//! CSV; a right-to-left override (U+202E) makes text read differently from what it is. Line
//! breaks (LF, or CR LF as a browser sends them) and tabs are allowed in multi-line notes only.

use crate::error::AppError;

/// Whether a field holds free text over several lines: `notes`, or a field ending in `.notes`
/// or `_notes`.
pub fn is_multiline(field: &str) -> bool {
    let last = field.rsplit(['.', ']']).next().unwrap_or(field);
    last == "notes" || last.ends_with("_notes")
}

/// Whether a field is a password: checked by argon2, never stored, shown or logged, so any
/// character may be part of it (refusing one now could lock an existing password out).
pub fn is_password(field: &str) -> bool {
    field
        .rsplit(['.', ']'])
        .next()
        .unwrap_or(field)
        .ends_with("password")
}

/// Whether a form field is the page to return to after signing in: never stored or shown, and
/// checked on its own by `safe_next`, which drops a `next` with any control character so that
/// she still signs in (a 422 there would be an error page for a link someone else made).
pub fn is_redirect_target(field: &str) -> bool {
    field == "next"
}

/// The characters that can disguise text: the bidirectional embeddings and overrides
/// (U+202A-U+202E) and isolates (U+2066-U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A refused character in words a person reads.
fn describe(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    let what = match c {
        '\0' => "a NUL character",
        '\n' | '\r' => "a line break",
        '\t' => "a tab",
        '\u{1b}' => "an escape character (used for terminal colour codes)",
        c if is_bidi_control(c) => {
            "a right-to-left or left-to-right override, which can disguise text"
        }
        _ => "a control character",
    };
    format!("{what} ({code})")
}

/// Checks one field's text.
///
/// # Errors
/// 422 naming `field` and the first refused character, with where it is.
pub fn check(field: &str, text: &str) -> Result<(), AppError> {
    if is_password(field) {
        return Ok(());
    }
    let multiline = is_multiline(field);
    let mut chars = text.chars().enumerate().peekable();
    while let Some((at, c)) = chars.next() {
        let allowed = if multiline {
            match c {
                '\n' | '\t' => true,
                '\r' => chars.peek().is_some_and(|(_, next)| *next == '\n'),
                c => !c.is_control() && !is_bidi_control(c),
            }
        } else {
            !c.is_control() && !is_bidi_control(c)
        };
        if !allowed {
            let rule = if multiline {
                "only line breaks and tabs are allowed here"
            } else {
                "this field is one line of plain text"
            };
            return Err(AppError::invalid(
                field,
                format!(
                    "contains {} at character {}; remove it ({rule})",
                    describe(c),
                    at + 1
                ),
            ));
        }
    }
    Ok(())
}

/// Whether JSON text may hold a refused character at all: one can only arrive as a `\u` (or
/// `\n`, `\t`, …) escape, as a raw DEL, or as a non-ASCII character (C1 controls, bidi
/// overrides), because JSON does not allow raw C0 control characters in strings. Most bodies
/// are skipped this way.
fn may_hold_refused(json: &[u8]) -> bool {
    json.iter().any(|b| *b == b'\\' || *b >= 0x7f)
}

/// Checks every string (keys too) in a JSON document, naming the first field at fault as a
/// dotted path (`sets[2].notes`). Text that is not JSON passes: the body's reader says what is
/// wrong with it.
///
/// # Errors
/// 422 naming the field.
pub fn check_json(json: &[u8]) -> Result<(), AppError> {
    if !may_hold_refused(json) {
        return Ok(());
    }
    match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(value) => walk(&value, &mut String::new()),
        Err(_) => Ok(()),
    }
}

fn walk(value: &serde_json::Value, path: &mut String) -> Result<(), AppError> {
    use serde_json::Value;
    match value {
        Value::String(s) => check(if path.is_empty() { "body" } else { path }, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                // A key is one line of plain text, whatever its value may hold.
                check(&format!("{path}{key}"), key).map_err(|mut e| {
                    e.field = Some(if len == 0 {
                        "body".to_owned()
                    } else {
                        path[..len].to_owned()
                    });
                    e
                })?;
                path.push_str(key);
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Checks every field of a submitted page form.
///
/// # Errors
/// 422 naming the first field at fault.
pub fn check_form(pairs: &[(String, String)]) -> Result<(), AppError> {
    for (name, value) in pairs.iter().filter(|(name, _)| !is_redirect_target(name)) {
        check(name, name)
            .and_then(|()| check(name, value))
            .map_err(|mut e| {
                e.message = format!("“{name}” {}", e.message);
                e
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_refuse_every_control_and_override() {
        for bad in [
            "a\0b",
            "a\nb",
            "a\rb",
            "a\tb",
            "\u{1b}[31mred",
            "x\u{7f}",
            "x\u{85}",
            "x\u{9b}",
            "evil\u{202E}txt.exe",
            "\u{202A}",
            "\u{2066}x\u{2069}",
        ] {
            let e = check("display_name", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("display_name"), "{bad:?}");
            assert_eq!(e.kind, crate::error::ErrorKind::Invalid);
        }
        for good in ["Ana María", "أم قوية", "Zoë 👶", "O'Brien-Smith", ""] {
            assert!(check("display_name", good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn notes_keep_line_breaks_and_tabs_only() {
        assert!(check("notes", "felt good\nleft knee ok\r\n\tmore").is_ok());
        assert!(check("sets[0].notes", "a\nb").is_ok());
        assert!(check("notes", "a\0b").is_err());
        assert!(check("notes", "lone\rreturn").is_err());
        assert!(check("notes", "\u{1b}[2J").is_err());
        assert!(check("notes", "\u{202E}").is_err());
        let e = check("notes", "ab\0").unwrap_err();
        assert!(
            e.message.contains("NUL") && e.message.contains("character 3"),
            "{}",
            e.message
        );
    }

    #[test]
    fn json_is_walked_with_paths() {
        assert!(check_json(br#"{"a": "plain", "b": [1, "x"]}"#).is_ok());
        let e = check_json(b"{\"raw_del\": \"a\x7fb\"}").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("raw_del"));
        let e =
            check_json(br#"{"sets": [{"notes": "ok\n"}, {"exercise": "x\u0000"}]}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("sets[1].exercise"));
        let e = check_json(br#"{"answers": {"bad\u0007key": 1}}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("answers"));
        let e = check_json(br#"{"name": "\u202e"}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"));
    }

    #[test]
    fn forms_name_the_field() {
        let pairs = vec![
            ("csrf".to_owned(), "abc".to_owned()),
            ("notes".to_owned(), "line\r\nline".to_owned()),
            ("name".to_owned(), "a\u{1b}b".to_owned()),
        ];
        let e = check_form(&pairs).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"));
        assert!(e.message.starts_with("“name”"), "{}", e.message);
        let pairs = vec![("new_password".to_owned(), "tab\there\0".to_owned())];
        assert!(
            check_form(&pairs).is_ok(),
            "passwords are never stored or shown"
        );
    }
}
