//! Extractors every front end shares: the client's address (for rate limits) and a numeric id
//! from the path.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;
use crate::error::{ApiError, AppError};

/// The client's address, for login rate limits: the socket's peer, or the last
/// `X-Forwarded-For` address (the one the proxy saw) when the server is told to trust its proxy.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.trust_proxy
            && let Some(forwarded) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                // The rightmost address is the one our proxy added; the ones before it are
                // whatever the client claimed.
                .and_then(|v| v.rsplit(',').next())
        {
            return Ok(ClientIp(forwarded.trim().to_owned()));
        }
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientIp(ip))
    }
}

/// A numeric id from the path; anything else is a JSON 404 naming what was expected.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<i64>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) => Ok(Id(id)),
            Err(_) => {
                Err(AppError::not_found("no such item: ids in paths are whole numbers").into())
            }
        }
    }
}

/// A coach's read of one client: the one gate every coach endpoint passes. Extracting it signs
/// the caller in, refuses members, checks the coach's current grant from this client (404 when
/// there is none, so ids reveal nothing) and writes the read to her audit log
/// ([`crate::app::coaching::client_access`]). Holds the client's member id.
pub struct Client(pub i64);

impl FromRequestParts<crate::AppState> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::AppState,
    ) -> Result<Self, ApiError> {
        let auth = crate::auth::Auth::from_request_parts(parts, state).await?;
        let Id(member_id) = Id::from_request_parts(parts, state).await?;
        let id = crate::app::coaching::client_access(
            state,
            auth.coach()?,
            member_id,
            &format!("{} {}", parts.method, parts.uri.path()),
        )
        .await?;
        Ok(Client(id))
    }
}

/// Reads a date from the query string (`?date=YYYY-MM-DD`, her phone's date), if given.
pub(crate) fn date_param(
    query: &Result<
        axum::extract::Query<std::collections::HashMap<String, String>>,
        axum::extract::rejection::QueryRejection,
    >,
    name: &str,
) -> Result<Option<time::Date>, AppError> {
    let query = query
        .as_ref()
        .map_err(|e| AppError::bad_body(None, format!("the query string is malformed: {e}")))?;
    query
        .get(name)
        .map(|text| crate::app::parse_date(name, text))
        .transpose()
}

/// Reads a word from the query string (`?format=json`), if given; a malformed query is a 400.
pub(crate) fn query_word<'q>(
    query: &'q Result<
        axum::extract::Query<std::collections::HashMap<String, String>>,
        axum::extract::rejection::QueryRejection,
    >,
    name: &str,
) -> Result<Option<&'q str>, AppError> {
    let query = query
        .as_ref()
        .map_err(|e| AppError::bad_body(None, format!("the query string is malformed: {e}")))?;
    Ok(query.get(name).map(String::as_str))
}

/// Whether the request came over TLS (directly or through a proxy that says so).
pub fn over_tls(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The full address of a path on this server, as the browser reached it (for a calendar feed's
/// URL, which a calendar app needs whole).
pub(crate) fn public_url(headers: &axum::http::HeaderMap, path: &str) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let scheme = if over_tls(headers) { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}
