//! Her programme as a calendar feed (RFC 5545) that calendar apps subscribe to: sessions and
//! walk-runs as events with the exercises in the description, and pelvic-floor reminders with
//! alarms at the times she chose. The feed's URL holds a secret token (stored only as its hash);
//! making a new feed or deleting it revokes the old URL at once.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use time::Time;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ErrorBody, member};
use crate::auth::{self, Auth};
use crate::body::Valid;
use crate::error::{ApiResult, AppError};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_feed, get_feed, delete_feed))
        .routes(routes!(feed))
}

use crate::app::calendar::{self as calendar_app, parse_time};
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
    responses((status = 200, description = "`active`, reminder times, when it was made")))]
pub async fn get_feed(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    Ok(Json(match state.store.calendar_feed_of(user.id).await? {
        Some((reminders, created_at)) => json!({
            "active": true,
            "reminders": serde_json::from_str::<Value>(&reminders).unwrap_or(Value::Null),
            "created_at": created_at,
        }),
        None => json!({ "active": false }),
    }))
}

/// Revoke her calendar feed: its URL stops working at once.
#[utoipa::path(delete, path = "/api/v1/calendar", tag = "calendar",
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_feed(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    calendar_app::delete_feed(&state, auth.member()?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A calendar with no events, for a feed whose programme is missing or stopped.
fn empty_calendar() -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{}\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:mumstrong programme\r\nEND:VCALENDAR\r\n",
        mumstrong_core::render_plan::PRODID
    )
}

/// The calendar feed itself, for calendar apps: no sign-in, the secret in the URL is the key.
#[utoipa::path(get, path = "/calendar/{token}", tag = "calendar",
    params(("token" = String, Path, description = "The feed's secret (with or without .ics)")),
    responses((status = 200, description = "text/calendar", content_type = "text/calendar"),
              (status = 404, description = "Unknown or revoked", body = ErrorBody)))]
pub async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult<Response> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let Some((user_id, reminders, _)) = state
        .store
        .calendar_feed_by_token(&auth::hash_secret(token))
        .await?
    else {
        return Err(AppError::not_found(
            "no calendar feed at this address (it may have been revoked)",
        )
        .into());
    };
    let words: Vec<String> = serde_json::from_str(&reminders).unwrap_or_default();
    let times: Vec<Time> = words.iter().filter_map(|w| parse_time(w)).collect();
    let sets = member::sets_of(&state, user_id).await?;
    let checkins = member::checkins_of(&state, user_id).await?;
    let body = match member::current_plan(&state, user_id, &sets, &checkins).await? {
        Some(mumstrong_core::plan::PlanOutcome::Ready(plan)) => {
            mumstrong_core::render_plan::feed_ics(&plan, &times, (state.clock)())
        }
        _ => empty_calendar(),
    };
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
