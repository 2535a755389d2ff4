//! Her programme as a calendar feed (RFC 5545) that calendar apps subscribe to: sessions and
//! walk-runs as events with the exercises in the description, and pelvic-floor reminders with
//! alarms at the times she chose. The feed's URL holds a secret token (stored only as its hash);
//! making a new feed or deleting it revokes the old URL at once.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::Auth;
use crate::body::Valid;
use crate::error::ApiResult;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_feed, get_feed, delete_feed))
        .routes(routes!(feed))
}

use crate::app::calendar as calendar_app;
pub use crate::app::calendar::{DEFAULT_REMINDERS, MAX_REMINDERS};

/// Settings for her calendar feed.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct FeedIn {
    /// Pelvic-floor reminder times, `HH:MM` (24-hour, her local time), 0 to 6 of them;
    /// 08:00, 13:00 and 20:00 when absent.
    #[serde(default)]
    pub reminders: Option<Vec<String>>,
}

/// Make her calendar feed (replacing, and so revoking, any earlier one). The reply holds the
/// secret URL, shown this once.
#[utoipa::path(post, path = "/api/v1/calendar", tag = "calendar",
    request_body = FeedIn,
    responses((status = 201, description = "The feed's secret URL (shown once) and reminder times"),
              (status = 403, description = "Sent with an API token", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    auth: Auth,
    Valid(body): Valid<FeedIn>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = auth.member()?;
    auth.signed_in_with_password("make a calendar feed")?;
    let made = calendar_app::create_feed(
        &state,
        user,
        body.reminders,
        &crate::extract::public_url(&headers, ""),
    )
    .await?;
    Ok((StatusCode::CREATED, super::sorted_json(&made)?))
}

/// Whether she has a calendar feed, and its reminder times (the URL is not shown again).
#[utoipa::path(get, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 200, description = "`active`, reminder times, when it was made", body = calendar_app::FeedSettings)))]
pub async fn get_feed(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<calendar_app::FeedSettings>> {
    Ok(Json(
        calendar_app::feed_settings(&state, auth.member()?).await?,
    ))
}

/// Revoke her calendar feed: its URL stops working at once.
#[utoipa::path(delete, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_feed(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    calendar_app::delete_feed(&state, auth.member()?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The calendar feed itself, for calendar apps: no sign-in, the secret in the URL is the key.
#[utoipa::path(get, path = "/calendar/{token}", tag = "calendar",
    params(("token" = String, Path, description = "The feed's secret (with or without .ics)")),
    responses((status = 200, description = "text/calendar", content_type = "text/calendar"),
              (status = 404, description = "Unknown or revoked", body = ErrorBody)))]
pub async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Response> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let body = calendar_app::feed_calendar(&state, token).await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=900"),
        ],
        body,
    )
        .into_response())
}
