//! JSON she sends, read in one place: errors name the field (`birth.date: expected a string`),
//! a key given twice is refused, and an array is never read as a struct by position.

use serde::de::DeserializeOwned;

use crate::error::AppError;

/// 400 naming the first key given twice in one object.
pub fn refuse_duplicate_keys(bytes: &[u8]) -> Result<(), AppError> {
    match duplicate_key(bytes) {
        Some(field) => Err(AppError::bad_body(
            Some(field.clone()),
            format!("`{field}` is given twice; send each field once"),
        )),
        None => Ok(()),
    }
}

/// Reads JSON into `T`, naming the field at fault.
///
/// # Errors
/// 400 for text that is not JSON; 422 naming the field for a missing, unknown or mistyped one.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // Every body is a JSON object; serde would also read a struct from an array, by position,
    // which would bypass the field names.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{') {
        let shown = if first == Some(&b'[') {
            "an array"
        } else {
            "not an object"
        };
        return Err(AppError::bad_body(
            None,
            format!(
                "the body is {shown}; send a JSON object such as {{\"date\": \"2026-11-25\", …}}"
            ),
        ));
    }
    refuse_duplicate_keys(bytes)?;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        if inner.is_syntax() || inner.is_eof() {
            return AppError::bad_body(None, format!("the body is not valid JSON: {message}"));
        }
        let field = missing_field(&path, &message).unwrap_or(path);
        let field = if field == "." || field.is_empty() {
            "body".to_owned()
        } else {
            field
        };
        let message = plain_words(message.split(" at line ").next().unwrap_or(&message));
        AppError::invalid(field, message)
    })?;
    de.end()
        .map_err(|e| AppError::bad_body(None, format!("the body is not valid JSON: {e}")))?;
    Ok(value)
}

/// The dotted path of the first key given twice in one JSON object (`sets[2].reps`), if any.
/// serde_json would silently keep the last one, so `{"reps": 5, "reps": 500}` could pass a
/// check made on one copy. Text that is not JSON is left for the real parse to report.
pub fn duplicate_key(bytes: &[u8]) -> Option<String> {
    use serde::de::DeserializeSeed;
    let mut found = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let _ = DupSeed {
        path: String::new(),
        found: &mut found,
    }
    .deserialize(&mut de);
    found
}

/// Walks any JSON value, recording the path of the first duplicate key.
struct DupSeed<'a> {
    path: String,
    found: &'a mut Option<String>,
}

impl<'de> serde::de::DeserializeSeed<'de> for DupSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for DupSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let seed = DupSeed {
                path: format!("{}[{index}]", self.path),
                found: &mut *self.found,
            };
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            if self.found.is_some() {
                return Err(serde::de::Error::custom("duplicate key"));
            }
            index += 1;
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if !seen.insert(key) {
                *self.found = Some(path);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            map.next_value_seed(DupSeed {
                path,
                found: &mut *self.found,
            })?;
            if self.found.is_some() {
                return Err(serde::de::Error::custom("duplicate key"));
            }
        }
        Ok(())
    }
}

/// serde reports a missing or unknown field at its parent's path; point at the field itself.
fn missing_field(path: &str, message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // serde_path_to_error already ends the path with the unknown key.
        let name = rest.split('`').next()?;
        return Some(if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            path.to_owned()
        });
    }
    let name = message.strip_prefix("missing field `")?.split('`').next()?;
    Some(if path == "." || path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    })
}

/// serde's messages in words a person reads: no Rust type names, no 300-digit numbers.
fn plain_words(message: &str) -> String {
    let mut out = message
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected u16", "expected a whole number from 0 to 65535")
        .replace(
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        )
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected f32", "expected a number")
        .replace("floating point", "decimal number")
        .replace("invalid type: ", "");
    if out.chars().count() > 200 {
        out = out.chars().take(200).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Set {
        reps: u16,
        load_kg: Option<f64>,
    }

    #[test]
    fn messages_are_plain_and_short_and_arrays_are_refused() {
        let e = parse_json::<Set>(br#"{"reps": 70000}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("reps"));
        assert!(
            e.message.contains("whole number from 0 to 65535"),
            "{}",
            e.message
        );
        let huge = format!(r#"{{"reps": 1, "load_kg": "{}"}}"#, "9".repeat(400));
        let e = parse_json::<Set>(huge.as_bytes()).unwrap_err();
        assert!(e.message.chars().count() <= 201, "{}", e.message);
        let e = parse_json::<Set>(br#"{"reps": 5, "load_kg": 2, "reps": 500}"#).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("invalid_body", Some("reps")));
        assert_eq!(
            duplicate_key(br#"{"a": [{"b": 1}, {"b": 1, "c": {"d": 1, "d": 2}}]}"#).as_deref(),
            Some("a[1].c.d")
        );
        assert_eq!(duplicate_key(br#"{"a": {"b": 1}, "b": {"a": 2}}"#), None);
        let e = parse_json::<Set>(b"[1, 2.5]").unwrap_err();
        assert_eq!(e.code, "invalid_body");
        assert!(e.message.contains("an array"));
    }
}
