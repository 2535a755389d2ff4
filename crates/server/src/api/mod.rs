//! The JSON API under `/api/v1`. Every handler is registered through `utoipa-axum`, so the
//! OpenAPI document at `/api/v1/openapi.json` lists exactly the routes that exist.

pub mod account;
pub mod calendar;
pub mod coach;
pub mod imports;
pub mod member;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi};
use utoipa::{Modify, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::error::AppError;

/// The API's routes with their OpenAPI descriptions.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(account::routes())
        .merge(member::routes())
        .merge(coach::routes())
        .merge(calendar::routes())
        .merge(imports::routes())
}

/// Fills in the document's title, version, security schemes and error schema.
pub fn finish_openapi(mut doc: OpenApi) -> OpenApi {
    doc.info = InfoBuilder::new()
        .title("mumstrong API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Safe, progressive strength training after childbirth. Exercise guidance, not medical \
             advice. Sign in with POST /api/v1/auth/login (a session cookie) or send a personal \
             API token as `Authorization: Bearer ms_…`. Errors are `{\"error\": {\"code\", \
             \"message\", \"field\"}}`.",
        ))
        .build();
    SecurityAddon.modify(&mut doc);
    doc
}

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The error body every failure has.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `invalid_field`, `invalid_body`, `unauthenticated`, `session_expired`,
    /// `forbidden`, `not_found`, `conflict`, `rate_limited`, `no_profile`, `no_programme`, …
    code: String,
    /// What went wrong and what was expected.
    message: String,
    /// The field at fault, as a dotted path.
    field: Option<String>,
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Unknown paths get the JSON error shape too.
pub async fn not_found() -> AppError {
    AppError::not_found("no such endpoint; see /api/v1/openapi.json")
}

/// The client's address, for login rate limits: the socket's peer, or the last
/// `X-Forwarded-For` address (the one the proxy saw) when the server is told to trust its proxy.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
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
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Path::<i64>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) => Ok(Id(id)),
            Err(_) => Err(AppError::not_found(
                "no such item: ids in paths are whole numbers",
            )),
        }
    }
}

/// Known paths asked with a method they do not take get the JSON error shape too.
pub async fn method_not_allowed() -> AppError {
    AppError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: "this endpoint does not take that method; see /api/v1/openapi.json".to_owned(),
        field: None,
        retry_after: None,
    }
}

/// Whether the request came over TLS (directly or through a proxy that says so).
pub fn over_tls(parts_headers: &axum::http::HeaderMap) -> bool {
    parts_headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub use crate::app::parse_date;
