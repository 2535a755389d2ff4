//! Reading a profile's text (TOML or JSON) into a [`ProfileInput`], with errors that name the field.

use super::vocab::{RedFlag, Symptom};
use super::{ProfileError, ProfileFormat, ProfileInput, shorten};

impl ProfileInput {
    /// Reads a profile from text in the given format. Syntax and type errors name the field.
    ///
    /// Both formats are first read into one JSON value tree, so that TOML and JSON profiles are
    /// checked by the same code: `null` counts as "not given", and the four sections must be
    /// tables (a list in their place would otherwise be read by position, bypassing the names).
    pub fn from_str(text: &str, format: ProfileFormat) -> Result<Self, ProfileError> {
        let syntax = |message: String| ProfileError::Syntax {
            format,
            message: shorten_lines(message.trim_end()),
        };
        let mut value = match format {
            ProfileFormat::Toml => text
                .parse::<toml::Table>()
                .map(|t| toml_to_json(toml::Value::Table(t)))
                .map_err(|e| syntax(e.to_string()))?,
            ProfileFormat::Json => serde_json::from_str::<serde_json::Value>(text)
                .map_err(|e| syntax(e.to_string()))?,
        };
        drop_nulls(&mut value);
        check_sections(&value, format)?;
        check_misplaced_words(&value)?;
        serde_path_to_error::deserialize(value)
            .map_err(|e| data_error(e.path().to_string(), &e.inner().to_string()))
    }
}

/// TOML values as JSON values: dates become their `YYYY-MM-DD` text; a float JSON cannot hold
/// (nan, inf) becomes text, which the field then rejects by name.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(J::Number)
            .unwrap_or_else(|| J::String(f.to_string())),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// `"field": null` means the field was not given.
fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The profile and its sections must be tables.
fn check_sections(value: &serde_json::Value, format: ProfileFormat) -> Result<(), ProfileError> {
    let table = |name: &str| match format {
        ProfileFormat::Toml => format!("a table (a `[{name}]` section with `key = value` lines)"),
        ProfileFormat::Json => format!("an object of fields ({{\"{name}\": {{ ... }}}})"),
    };
    let Some(map) = value.as_object() else {
        return Err(ProfileError::field_error(
            "profile",
            match format {
                ProfileFormat::Toml => "expected `key = value` lines and [sections]".to_owned(),
                ProfileFormat::Json => "expected an object of fields { ... } at the top".to_owned(),
            },
        ));
    };
    if map.is_empty() {
        return Err(ProfileError::field_error(
            "profile",
            "is empty; it needs at least `birth` with its `date` and `delivery`",
        ));
    }
    for section in ["birth", "health", "readiness", "training"] {
        if map.get(section).is_some_and(|v| !v.is_object()) {
            return Err(ProfileError::field_error(
                section,
                format!("expected {}", table(section)),
            ));
        }
    }
    Ok(())
}

/// A warning sign written among the symptoms is still a warning sign, and a symptom among the
/// red flags is not one: either is refused with a message that says which list it belongs in,
/// never a bare "unknown value" (a red flag must never be lost as a typo).
fn check_misplaced_words(value: &serde_json::Value) -> Result<(), ProfileError> {
    let words = |list: &str| {
        value
            .pointer(&format!("/health/{list}"))
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| v.as_str().map(|w| (i, w.trim().to_lowercase())))
    };
    for (i, word) in words("symptoms") {
        if Symptom::from_word(&word).is_none()
            && let Some(flag) = RedFlag::from_word(&word)
        {
            return Err(ProfileError::field_error(
                format!("health.symptoms[{i}]"),
                format!(
                    "`{flag}` ({}) is a warning sign, not a symptom: list it in `health.red_flags`, stop exercising and get medical help now",
                    flag.describe()
                ),
            ));
        }
    }
    for (i, word) in words("red_flags") {
        if RedFlag::from_word(&word).is_none()
            && let Some(symptom) = Symptom::from_word(&word)
        {
            return Err(ProfileError::field_error(
                format!("health.red_flags[{i}]"),
                format!(
                    "`{symptom}` ({}) is a symptom, not a warning sign: list it in `health.symptoms`; `health.red_flags` takes {}",
                    symptom.describe(),
                    RedFlag::allowed()
                ),
            ));
        }
    }
    Ok(())
}

/// Cuts each line of a parser message (which quotes the source line) to a readable length.
fn shorten_lines(message: &str) -> String {
    message
        .lines()
        .map(|line| shorten(line, 200))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rewrites serde's Rust-flavoured words into ones a person filling in a profile knows.
fn plain_serde_message(message: &str) -> String {
    let message = message
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "expected a sequence",
            "expected a list in square brackets, e.g. [\"a\", \"b\"]",
        )
        .replace("expected a string", "expected text in quotes");
    let message = if message.starts_with("unknown field `as_of`") {
        format!("{message}; as_of belongs at the top of the file, before [birth]")
    } else {
        message
    };
    shorten(&message, 400)
}

/// Turns a serde data error at `path` into a field error. A missing field is reported at the
/// field itself (`birth.date is required`), not at its parent table.
fn data_error(path: String, message: &str) -> ProfileError {
    let parent = if path == "." { String::new() } else { path };
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let field = if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        };
        return ProfileError::field_error(field, "is required but missing");
    }
    let field = if parent.is_empty() {
        "profile".to_owned()
    } else {
        parent
    };
    ProfileError::field_error(field, plain_serde_message(message))
}
