//! The one error type of the service: every failure becomes `{"error": {"code", "message",
//! "field"}}` with the right HTTP status, and the CLI maps the same kinds to exit codes.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mumstrong_store::StoreError;
use serde::Serialize;

/// A failed request: what went wrong, for whom it is, and which field (if one) is at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable machine-readable code (`invalid_body`, `not_found`, …).
    pub code: &'static str,
    /// What went wrong and what was expected, in plain words.
    pub message: String,
    /// The request field at fault, as a dotted path (`birth.date`), if one is.
    pub field: Option<String>,
    /// Seconds to wait before retrying (rate limits).
    pub retry_after: Option<u64>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
    field: Option<&'a str>,
}

impl AppError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            field: None,
            retry_after: None,
        }
    }

    /// 422: a value in the request is wrong; names the field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError {
            field: Some(field.into()),
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", message)
        }
    }

    /// 415: the body is not in the expected format.
    pub fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// 400: the body is not JSON of the expected shape.
    pub fn bad_body(field: Option<String>, message: impl Into<String>) -> Self {
        AppError {
            field,
            ..Self::new(StatusCode::BAD_REQUEST, "invalid_body", message)
        }
    }

    /// 401: no valid session or token.
    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// 403: signed in, but not allowed to do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404: nothing there (or nothing she may see: the two look the same on purpose).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// The JSON 404 of an unknown API path (the API's fallback and the pages' fallback for
    /// `/api/…` paths share it).
    pub fn no_endpoint() -> Self {
        Self::not_found("no such endpoint; see /api/v1/openapi.json")
    }

    /// 409: the request clashes with what is stored (an email already taken).
    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> Self {
        AppError {
            field: field.map(str::to_owned),
            ..Self::new(StatusCode::CONFLICT, "conflict", message)
        }
    }

    /// 409 with its own code: something must happen first (a profile before a programme).
    pub fn precondition(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    /// 429: too many attempts; try again after `seconds`.
    pub fn rate_limited(seconds: u64, message: impl Into<String>) -> Self {
        AppError {
            retry_after: Some(seconds),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
        }
    }

    /// 503 `busy`: the server is at its bound for this kind of work (password hashing, reading
    /// files); try again after `seconds`.
    pub fn busy(seconds: u64, message: impl Into<String>) -> Self {
        AppError {
            retry_after: Some(seconds),
            ..Self::new(StatusCode::SERVICE_UNAVAILABLE, "busy", message)
        }
    }

    /// 500: our fault. The details go to the log, not to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "something went wrong on our side; nothing you sent was lost if you got no reply, please try again",
        )
    }

    /// The CLI exit code for this kind of error: 2 for bad input, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        if self.status.is_client_error() { 2 } else { 1 }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => {
                AppError::conflict(None, format!("that already exists ({what})"))
            }
            StoreError::Refused(why) => AppError::new(StatusCode::CONFLICT, "refused", why),
            other => AppError::internal(other),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                code: self.code,
                message: &self.message,
                field: self.field.as_deref(),
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Handler results.
pub type ApiResult<T> = Result<T, AppError>;
