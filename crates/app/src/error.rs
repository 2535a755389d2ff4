//! The one error type of the use cases: what went wrong, for whom, and which field. The server
//! turns its [`ErrorKind`] into an HTTP status and a `{"error": {"code", "message", "field"}}`
//! body; the CLI turns it into an exit code. Nothing here knows about HTTP.

use mumstrong_store::StoreError;

/// The kinds of failure, each with one HTTP status in the server and one exit code in the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A value in the request is wrong (422).
    Invalid,
    /// The body is not in the expected format (415).
    UnsupportedMediaType,
    /// The body is not JSON of the expected shape (400).
    BadBody,
    /// No valid session or token (401).
    Unauthenticated,
    /// Signed in, but not allowed (403).
    Forbidden,
    /// Nothing there, or nothing she may see (404).
    NotFound,
    /// Clashes with what is stored, or something must happen first (409).
    Conflict,
    /// Too many attempts (429).
    RateLimited,
    /// At the bound for this kind of work; try again (503).
    Busy,
    /// The body is larger than allowed (413).
    TooLarge,
    /// The path does not take this method (405).
    MethodNotAllowed,
    /// Our fault (500).
    Internal,
}

/// A failed request: what went wrong, for whom it is, and which field (if one) is at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// What kind of failure: the server maps it to an HTTP status, the CLI to an exit code.
    pub kind: ErrorKind,
    /// A stable machine-readable code (`invalid_body`, `not_found`, …).
    pub code: &'static str,
    /// What went wrong and what was expected, in plain words.
    pub message: String,
    /// The request field at fault, as a dotted path (`birth.date`), if one is.
    pub field: Option<String>,
    /// Seconds to wait before retrying (rate limits).
    pub retry_after: Option<u64>,
}

impl AppError {
    fn new(kind: ErrorKind, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            kind,
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
            ..Self::new(ErrorKind::Invalid, "invalid_field", message)
        }
    }

    /// 415: the body is not in the expected format.
    pub fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(
            ErrorKind::UnsupportedMediaType,
            "unsupported_media_type",
            message,
        )
    }

    /// 400: the body is not JSON of the expected shape.
    pub fn bad_body(field: Option<String>, message: impl Into<String>) -> Self {
        AppError {
            field,
            ..Self::new(ErrorKind::BadBody, "invalid_body", message)
        }
    }

    /// 401: no valid session or token.
    pub fn unauthenticated(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthenticated, code, message)
    }

    /// 403: signed in, but not allowed to do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, "forbidden", message)
    }

    /// 404: nothing there (or nothing she may see: the two look the same on purpose).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, "not_found", message)
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
            ..Self::new(ErrorKind::Conflict, "conflict", message)
        }
    }

    /// 409 with its own code: something must happen first (a profile before a programme).
    pub fn precondition(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, code, message)
    }

    /// 429: too many attempts; try again after `seconds`.
    pub fn rate_limited(seconds: u64, message: impl Into<String>) -> Self {
        AppError {
            retry_after: Some(seconds),
            ..Self::new(ErrorKind::RateLimited, "rate_limited", message)
        }
    }

    /// 503 `busy`: the server is at its bound for this kind of work (password hashing, reading
    /// files); try again after `seconds`.
    pub fn busy(seconds: u64, message: impl Into<String>) -> Self {
        AppError {
            retry_after: Some(seconds),
            ..Self::new(ErrorKind::Busy, "busy", message)
        }
    }

    /// 413 `body_too_large`: the body is over its limit; names the field when one is at fault.
    pub fn too_large(field: Option<&str>, message: impl Into<String>) -> Self {
        AppError {
            field: field.map(str::to_owned),
            ..Self::new(ErrorKind::TooLarge, "body_too_large", message)
        }
    }

    /// 405 `method_not_allowed`: a known path asked with a method it does not take.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::MethodNotAllowed, "method_not_allowed", message)
    }

    /// 500: our fault. The details go to the log, not to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        Self::new(
            ErrorKind::Internal,
            "internal",
            "something went wrong on our side; nothing you sent was lost if you got no reply, please try again",
        )
    }

    /// Whether the request was at fault (bad input, not signed in, not allowed, not there),
    /// rather than the server or a busy moment.
    pub fn is_client_error(&self) -> bool {
        !matches!(self.kind, ErrorKind::Busy | ErrorKind::Internal)
    }

    /// The CLI exit code for this kind of error: 2 for bad input, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        if self.is_client_error() { 2 } else { 1 }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => {
                AppError::conflict(None, format!("that already exists ({what})"))
            }
            StoreError::Refused(why) => AppError::new(ErrorKind::Conflict, "refused", why),
            other => AppError::internal(other),
        }
    }
}

/// Use-case results.
pub type AppResult<T> = Result<T, AppError>;
