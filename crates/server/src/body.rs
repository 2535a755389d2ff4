//! A JSON body extractor whose errors name the field: `birth.date: expected a string` (the
//! reading itself is the app's [`mumstrong_app::json`]), and the content-type gate.

use crate::error::ErrorResponse;
use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, AppError};
pub use mumstrong_app::json::{duplicate_key, parse_json, refuse_duplicate_keys};

/// A request body read as JSON into `T`; a failure says which field and what was expected.
pub struct Valid<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Valid<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = json_bytes(req, state).await?;
        Ok(parse_json(&bytes).map(Valid)?)
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
        return Err(AppError::unsupported_media_type(
            "send the body as JSON with `Content-Type: application/json`",
        ));
    }
    let bytes = Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::too_large(None, e.body_text())
        } else {
            AppError::bad_body(None, e.body_text())
        }
    })?;
    refuse_duplicate_keys(&bytes)?;
    Ok(bytes)
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
    .response()
}
