//! The JSON API under `/api/v1`. Every handler is registered through `utoipa-axum`, so the
//! OpenAPI document at `/api/v1/openapi.json` lists exactly the routes that exist.

pub mod account;
pub mod calendar;
pub mod coach;
pub mod imports;
pub mod member;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi};
use utoipa::{Modify, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::error::{ApiError, ApiResult, AppError};

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
pub async fn not_found() -> ApiError {
    AppError::no_endpoint().into()
}

pub use crate::extract::{ClientIp, Id};

/// Known paths asked with a method they do not take get the JSON error shape too.
pub async fn method_not_allowed() -> ApiError {
    AppError::method_not_allowed(
        "this endpoint does not take that method; see /api/v1/openapi.json",
    )
    .into()
}

pub use crate::extract::over_tls;

/// A view as the API's JSON body, through `serde_json::Value` so its keys come out sorted as
/// they always have (the `json!` bodies before typed views were sorted maps).
///
/// # Errors
/// 500 when the view cannot be serialised (it always can).
pub fn sorted_json<T: Serialize>(view: &T) -> ApiResult<axum::Json<serde_json::Value>> {
    Ok(serde_json::to_value(view)
        .map(axum::Json)
        .map_err(AppError::internal)?)
}

pub use crate::app::parse_date;
