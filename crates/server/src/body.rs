//! A JSON body extractor whose errors name the field: `birth.date: expected a string`.

use std::collections::HashMap;

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
/// 415 for another content type, 413 for a body over the limit, 400 naming a key given twice,
/// 422 naming a text field with a control character in it.
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
    let bytes = Bytes::from_request(req, state)
        .await
        .map_err(|e| AppError {
            status: e.status(),
            code: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "body_too_large"
            } else {
                "invalid_body"
            },
            message: e.body_text(),
            field: None,
            retry_after: None,
        })?;
    refuse_duplicate_keys(&bytes)?;
    Ok(bytes)
}

/// 400 naming the first key given twice in one object.
fn refuse_duplicate_keys(bytes: &[u8]) -> Result<(), AppError> {
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

/// The content types each API operation accepts, read from the OpenAPI document, so the
/// document and the server cannot disagree: `(METHOD, /api/v1/path/{id})` → its request body's
/// media types (empty when it takes no body).
#[derive(Debug, Default)]
pub struct ContentTypes {
    accepted: HashMap<(String, String), Vec<String>>,
}

impl ContentTypes {
    /// Every operation of the document and what its request body may be.
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> ContentTypes {
        let mut accepted = HashMap::new();
        for (path, item) in &doc.paths.paths {
            let operations = [
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                let types = match &operation.request_body {
                    Some(utoipa::openapi::RefOr::T(body)) => body.content.keys().cloned().collect(),
                    Some(utoipa::openapi::RefOr::Ref(_)) => vec!["application/json".to_owned()],
                    None => Vec::new(),
                };
                accepted.insert((method.to_owned(), path.clone()), types);
            }
        }
        ContentTypes { accepted }
    }

    /// What an operation accepts: `None` when the document does not list it.
    pub fn of(&self, method: &str, path: &str) -> Option<&[String]> {
        self.accepted
            .get(&(method.to_owned(), path.to_owned()))
            .map(Vec::as_slice)
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(headers: &axum::http::HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?;
    let text = String::from_utf8_lossy(value.as_bytes());
    Some(
        text.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
    )
}

/// Refuses, with 415, an API write whose `Content-Type` is not one its operation documents
/// (a body-less operation takes no body, or JSON). A `text/plain` form from another page
/// therefore never reaches a handler.
pub async fn content_type_gate(
    axum::extract::State(types): axum::extract::State<std::sync::Arc<ContentTypes>>,
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let method = request.method().as_str().to_owned();
    let path = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let accepted = path.as_deref().and_then(|p| types.of(&method, p));
    let Some(accepted) = accepted else {
        return next.run(request).await;
    };
    let given = media_type(request.headers());
    let ok = match (&given, accepted.is_empty()) {
        // No body documented: none, or an empty JSON object from a client that always sends one.
        (None, true) => true,
        (Some(t), true) => t == "application/json",
        (None, false) => false,
        (Some(t), false) => accepted.iter().any(|a| a == t),
    };
    if ok {
        return next.run(request).await;
    }
    let expected = if accepted.is_empty() {
        "no body".to_owned()
    } else {
        accepted
            .iter()
            .map(|a| format!("`Content-Type: {a}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let sent = given.map_or("no Content-Type".to_owned(), |t| format!("`{t}`"));
    AppError::unsupported_media_type(format!(
        "{method} {} takes {expected}; this request sent {sent}",
        path.unwrap_or_default()
    ))
    .into_response()
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
