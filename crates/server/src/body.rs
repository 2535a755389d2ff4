//! A JSON body extractor whose errors name the field: `birth.date: expected a string`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A request body read as JSON into `T`; a failure says which field and what was expected.
pub struct Valid<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Valid<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let bytes = json_bytes(req, state).await?;
        parse_json(&bytes).map(Valid)
    }
}

/// The body's bytes, after checking it claims to be JSON, is not too large, and has no control
/// character or bidi override in any text field ([`crate::text`]).
///
/// # Errors
/// 415 for another content type, 413 for a body over the limit, 422 naming a text field with a
/// control character in it.
pub async fn json_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    let bytes = read_json_bytes(req, state).await?;
    crate::text::check_json(&bytes)?;
    Ok(bytes)
}

async fn read_json_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    let json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let mime = v.split(';').next().unwrap_or("").trim();
            mime.eq_ignore_ascii_case("application/json")
        });
    if !json {
        return Err(AppError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            message: "send the body as JSON with `Content-Type: application/json`".to_owned(),
            field: None,
            retry_after: None,
        });
    }
    Bytes::from_request(req, state).await.map_err(|e| AppError {
        status: e.status(),
        code: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "body_too_large"
        } else {
            "invalid_body"
        },
        message: e.body_text(),
        field: None,
        retry_after: None,
    })
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
        let e = parse_json::<Set>(b"[1, 2.5]").unwrap_err();
        assert_eq!(e.code, "invalid_body");
        assert!(e.message.contains("an array"));
    }
}
