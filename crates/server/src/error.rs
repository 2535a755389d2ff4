//! The use cases' [`AppError`] over HTTP: each [`ErrorKind`] has one status, and every failure
//! becomes `{"error": {"code", "message", "field"}}` (with `Retry-After` when it says when).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use mumstrong_app::error::{AppError, ErrorKind};
use mumstrong_store::StoreError;
use serde::Serialize;

/// An [`AppError`] as an HTTP response. A wrapper, because the error type lives in the `app`
/// crate and the response trait in axum; `?` turns one into the other.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(e.into())
    }
}

impl std::ops::Deref for ApiError {
    type Target = AppError;
    fn deref(&self) -> &AppError {
        &self.0
    }
}

/// The HTTP status of an error's kind.
pub trait HttpStatus {
    /// The status the server answers with.
    fn status(&self) -> StatusCode;
}

impl HttpStatus for AppError {
    fn status(&self) -> StatusCode {
        match self.kind {
            ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorKind::BadBody => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
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

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let body = Body {
            error: Inner {
                code: e.code,
                message: &e.message,
                field: e.field.as_deref(),
            },
        };
        let mut response = (e.status(), axum::Json(body)).into_response();
        if let Some(seconds) = e.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// An [`AppError`] straight to a response, where a handler answers with one directly.
pub trait ErrorResponse {
    /// The error's JSON response with its status.
    fn response(self) -> Response;
}

impl ErrorResponse for AppError {
    fn response(self) -> Response {
        ApiError(self).into_response()
    }
}

/// Handler results.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_status_and_exit_code() {
        let cases = [
            (AppError::invalid("f", "m"), 422, 2),
            (AppError::unsupported_media_type("m"), 415, 2),
            (AppError::bad_body(None, "m"), 400, 2),
            (AppError::unauthenticated("signed_out", "m"), 401, 2),
            (AppError::forbidden("m"), 403, 2),
            (AppError::not_found("m"), 404, 2),
            (AppError::conflict(None, "m"), 409, 2),
            (AppError::rate_limited(3, "m"), 429, 2),
            (AppError::busy(3, "m"), 503, 1),
            (AppError::too_large(None, "m"), 413, 2),
            (AppError::method_not_allowed("m"), 405, 2),
            (AppError::internal("d"), 500, 1),
        ];
        for (e, status, exit) in cases {
            assert_eq!(e.status().as_u16(), status, "{e}");
            assert_eq!(e.exit_code(), exit, "{e}");
            assert_eq!(e.is_client_error(), e.status().is_client_error(), "{e}");
        }
    }
}
