//! The member's endpoints: profile, screening, programme, today's session, logs and progress.
//! Each handler takes the request apart, calls the use case in [`crate::app::member`] and
//! answers; the coach's routes under `/api/v1/clients/{id}` call the same use cases once access
//! is checked and audited.

use std::collections::HashMap;

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ErrorBody, sorted_json};
pub(crate) use crate::app::member::*;
pub use crate::app::report::report_html;
use crate::app::state::{Now, member_now};
use crate::auth::{self, Auth};
use crate::body::{Valid, json_bytes};
use crate::error::{ApiError, ApiResult, AppError};
pub(crate) use crate::extract::date_param;
pub(crate) use crate::security::html_response;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_profile, get_profile))
        .routes(routes!(profile_history))
        .routes(routes!(get_screening))
        .routes(routes!(get_state))
        .routes(routes!(create_programme, get_programme))
        .routes(routes!(today))
        .routes(routes!(log_set))
        .routes(routes!(delete_set))
        .routes(routes!(log_checkin))
        .routes(routes!(delete_checkin))
        .routes(routes!(tick_pelvic_floor))
        .routes(routes!(log_baby_weight))
        .routes(routes!(list_logs))
        .routes(routes!(progress))
        .routes(routes!(report))
}

// ---- profile -----------------------------------------------------------------------------------

/// Save a new version of her profile (the same JSON as a profile file, without `as_of`). The old
/// versions are kept. Returns the screening for today; an existing programme is made again from
/// the new profile at once.
#[utoipa::path(put, path = "/api/v1/profile", tag = "member",
    request_body(content = Object, description = "A profile: birth, health, readiness, training (see `mumstrong template`)"),
    responses(
        (status = 200, description = "Saved: version, profile, today's screening, and the programme if one was made again"),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
    ))]
pub async fn put_profile(
    State(state): State<AppState>,
    auth: Auth,
    request: Request,
) -> ApiResult<Json<Value>> {
    let user = auth.member()?.clone();
    let bytes = json_bytes(request, &state).await?;
    Ok(Json(save_profile(&state, user.id, &bytes).await?))
}

/// Her latest profile.
#[utoipa::path(get, path = "/api/v1/profile", tag = "member",
    responses((status = 200, description = "Latest version"), (status = 409, description = "No profile yet", body = ErrorBody)))]
pub async fn get_profile(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    Ok(Json(profile_view(&state, user.id).await?))
}

/// Every version of her profile, newest first, each with its screening outcomes.
#[utoipa::path(get, path = "/api/v1/profile/history", tag = "member",
    responses((status = 200, description = "All versions, newest first")))]
pub async fn profile_history(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    sorted_json(&history_view(&state, user.id).await?)
}

/// Today's screening: what is safe now, what waits and until when, who to see, each with its
/// reason and guideline.
#[utoipa::path(get, path = "/api/v1/screening", tag = "member",
    responses((status = 200, description = "The screening decision"), (status = 409, description = "No profile yet", body = ErrorBody)))]
pub async fn get_screening(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    sorted_json(&screening_view(&state, user.id).await?)
}

/// Her state now, decided once: whether a warning sign stops everything (with what to do and
/// the numbers to call), who to see, and whether impact and running are allowed. Every page
/// renders this same decision.
#[utoipa::path(get, path = "/api/v1/state", tag = "member",
    responses((status = 200, description = "Her state now", body = Now), (status = 409, description = "No profile yet", body = ErrorBody)))]
pub async fn get_state(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    match member_now(&state, user.id).await? {
        Some(now) => sorted_json(&now),
        None => Err(no_profile().into()),
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}

/// Make her programme from her latest profile and everything she has logged.
#[utoipa::path(post, path = "/api/v1/programme", tag = "member",
    request_body = ProgrammeIn,
    responses(
        (status = 201, description = "The programme, with its plan (or an urgent stop: status `urgent`)"),
        (status = 409, description = "No profile yet", body = ErrorBody),
        (status = 422, description = "An option is wrong (named)", body = ErrorBody),
    ))]
pub async fn create_programme(
    State(state): State<AppState>,
    auth: Auth,
    request: Request,
) -> ApiResult<Response> {
    let user = auth.member()?.clone();
    let bytes = json_bytes(request, &state).await?;
    let body: ProgrammeIn = if bytes.iter().all(u8::is_ascii_whitespace) {
        ProgrammeIn::default()
    } else {
        crate::body::parse_json(&bytes)?
    };
    let row = start_programme(&state, user.id, &body).await?;
    Ok(json_response(StatusCode::CREATED, programme_json(&row)))
}

/// Her current programme with its plan.
#[utoipa::path(get, path = "/api/v1/programme", tag = "member",
    responses((status = 200, description = "The current programme"), (status = 409, description = "No programme yet", body = ErrorBody)))]
pub async fn get_programme(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    let user = auth.member()?;
    Ok(json_response(
        StatusCode::OK,
        programme_view(&state, user.id).await?,
    ))
}

/// Today's session with cues, sets, reps and loads; on a rest day, the next session too. An
/// urgent stop (a red flag) replaces it with what to do now.
#[utoipa::path(get, path = "/api/v1/programme/today", tag = "member",
    params(("date" = Option<String>, Query, description = "Her own date, YYYY-MM-DD (default: the server's)")),
    responses((status = 200, description = "Today (status `ready`, `urgent`, `not_started` or `finished`)"),
              (status = 409, description = "No programme yet", body = ErrorBody)))]
pub async fn today(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let date = date_param(&query, "date")?.unwrap_or_else(|| state.today());
    // The app's most frequent request: with a session cookie, the session and the day come
    // from one query.
    if auth::bearer(&headers).is_none()
        && let Some(cookie) = auth::session_cookie(&headers)
    {
        let hash = auth::hash_secret(cookie);
        let found = state.store.session_today(&hash, date).await?;
        let (session, days) = match found {
            Some((user, expires_at, days)) => (Some((user, expires_at)), days),
            None => (None, Vec::new()),
        };
        let signed_in = auth::check_session(&state, hash, session).await?;
        let user = signed_in.member()?;
        let body = today_from_days(&state, user.id, date, &days).await?;
        return Ok(json_response(StatusCode::OK, body));
    }
    let signed_in = auth::authenticate(&state, &headers).await?;
    let user = signed_in.member()?;
    Ok(json_response(
        StatusCode::OK,
        today_view(&state, user.id, date).await?,
    ))
}

/// Log one set. A set that reports a symptom or warning sign adapts her programme at once; the
/// reply says how (`adaptation`).
#[utoipa::path(post, path = "/api/v1/logs/sets", tag = "member",
    request_body = SetIn,
    responses(
        (status = 201, description = "Stored (or already stored under this client_ref); `adaptation` when a symptom changed the programme"),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
    ))]
pub async fn log_set(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Valid<SetIn>, ApiError>,
) -> ApiResult<Response> {
    // Who is asking comes first: a signed-out caller gets 401 whatever the body.
    let set = match body.and_then(|Valid(body)| Ok((new_set(&body, state.today())?, body))) {
        Ok(set) => set,
        Err(e) => {
            auth::authenticate(&state, &headers).await?.member()?;
            return Err(e);
        }
    };
    let (set, body) = set;
    // The app's most frequent write: a set without symptoms, with a session cookie, is checked
    // and stored in one statement.
    if body.symptoms.is_empty()
        && body.red_flags.is_empty()
        && auth::bearer(&headers).is_none()
        && let Some(cookie) = auth::session_cookie(&headers)
        && let Some(row) = state
            .store
            .insert_set_for_session(
                &auth::hash_secret(cookie),
                &set,
                state.now_unix(),
                auth::slide(&state),
            )
            .await?
    {
        return Ok((StatusCode::CREATED, Json(json!({ "set": set_out(&row) }))).into_response());
    }
    // Otherwise (a token, symptoms, a repeated client_ref, or a session that is unknown,
    // expired or a coach's) the full path decides and says why.
    let signed_in = auth::authenticate(&state, &headers).await?;
    let user = signed_in.member()?;
    let out = store_set(&state, user.id, &set, &body).await?;
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Delete one of her logged sets (a mistake).
#[utoipa::path(delete, path = "/api/v1/logs/sets/{id}", tag = "member",
    params(("id" = i64, Path, description = "Set id")),
    responses((status = 200, description = "Deleted, with the programme made again"), (status = 404, body = ErrorBody)))]
pub async fn delete_set(
    State(state): State<AppState>,
    auth: Auth,
    super::Id(id): super::Id,
) -> ApiResult<Response> {
    let user = auth.member()?;
    Ok(Json(remove_set(&state, user.id, id).await?).into_response())
}

/// Delete one of her check-ins (a mistake, such as a warning sign tapped by accident). Her
/// programme is made again without it.
#[utoipa::path(delete, path = "/api/v1/logs/checkins/{id}", tag = "member",
    params(("id" = i64, Path, description = "Check-in id")),
    responses((status = 200, description = "Deleted, with the programme made again"), (status = 404, body = ErrorBody)))]
pub async fn delete_checkin(
    State(state): State<AppState>,
    auth: Auth,
    super::Id(id): super::Id,
) -> ApiResult<Response> {
    let user = auth.member()?;
    Ok(Json(remove_checkin(&state, user.id, id).await?).into_response())
}

/// Log a check-in: symptoms, effort, mood 1-5, sleep, notes. Symptoms or warning signs adapt the
/// programme at once.
#[utoipa::path(post, path = "/api/v1/logs/checkins", tag = "member",
    request_body = CheckInIn,
    responses((status = 201, description = "Stored; `adaptation` when it changed the programme"),
              (status = 422, body = ErrorBody)))]
pub async fn log_checkin(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<CheckInIn>,
) -> ApiResult<Response> {
    let user = auth.member()?;
    let out = save_checkin(&state, user.id, &body).await?;
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Tick a pelvic-floor set (three a day). Ticking twice changes nothing.
#[utoipa::path(post, path = "/api/v1/logs/pelvic-floor", tag = "member",
    request_body = PelvicFloorIn,
    responses((status = 201, description = "Ticked"), (status = 422, body = ErrorBody)))]
pub async fn tick_pelvic_floor(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<PelvicFloorIn>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = auth.member()?;
    Ok((
        StatusCode::CREATED,
        Json(save_pelvic_floor_tick(&state, user.id, &body).await?),
    ))
}

/// Record her baby's weight (the everyday load she lifts).
#[utoipa::path(post, path = "/api/v1/logs/baby-weights", tag = "member",
    request_body = BabyWeightIn,
    responses((status = 201, description = "Stored"), (status = 422, body = ErrorBody)))]
pub async fn log_baby_weight(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<BabyWeightIn>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = auth.member()?;
    Ok((
        StatusCode::CREATED,
        Json(save_baby_weight(&state, user.id, &body).await?),
    ))
}

/// Her logs between two dates: sets, check-ins, pelvic-floor ticks and baby weights.
pub(crate) async fn logs_view(
    state: &AppState,
    user_id: i64,
    query: &Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Value> {
    let from = date_param(query, "from")?;
    let to = date_param(query, "to")?;
    Ok(
        serde_json::to_value(logs_between(state, user_id, from, to).await?)
            .map_err(AppError::internal)?,
    )
}

/// Her logs between `from` and `to` (default: the last 30 days).
#[utoipa::path(get, path = "/api/v1/logs", tag = "member",
    params(("from" = Option<String>, Query, description = "First day, YYYY-MM-DD"),
           ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD (default today)")),
    responses((status = 200, description = "Sets, check-ins, pelvic-floor ticks, baby weights"),
              (status = 422, body = ErrorBody)))]
pub async fn list_logs(
    State(state): State<AppState>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    Ok(Json(logs_view(&state, user.id, &query).await?))
}

/// Her progress figures, for charts and for her physio.
#[utoipa::path(get, path = "/api/v1/progress", tag = "member",
    responses((status = 200, description = "Per-exercise bests and e1RM, weekly volume by pattern, symptom and mood trends, everyday load")))]
pub async fn progress(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    sorted_json(&progress_view(&state, user.id).await?)
}

/// A 200 reply whose JSON body is already a string.
pub(crate) fn json_response_ok(body: String) -> Response {
    json_response(StatusCode::OK, body)
}

/// The report for her coach or physio, as one printable HTML page (query `from`, `to`).
pub(crate) async fn report_view(
    state: &AppState,
    user_id: i64,
    query: &Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<String> {
    let from = date_param(query, "from")?;
    let to = date_param(query, "to")?;
    let paper = crate::app::report::paper_param(
        query
            .as_ref()
            .ok()
            .and_then(|q| q.get("paper"))
            .map(String::as_str),
    )?;
    Ok(report_html(state, user_id, from, to, paper).await?)
}

/// Her report for a coach or physio: profile and screening history with reasons, programme
/// phase, adherence, loads and best sets, symptoms, mood, pelvic-floor practice and readiness
/// tests, with charts. Print-friendly HTML (print it to PDF from the browser).
#[utoipa::path(get, path = "/api/v1/report", tag = "member",
    params(("from" = Option<String>, Query, description = "First day (default: 12 weeks before `to`)"),
           ("to" = Option<String>, Query, description = "Last day (default today)"),
           ("paper" = Option<String>, Query, description = "`a4` (default) or `letter`")),
    responses((status = 200, description = "text/html", content_type = "text/html"),
              (status = 409, description = "No profile yet", body = ErrorBody)))]
pub async fn report(
    State(state): State<AppState>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let user = auth.member()?;
    Ok(html_response(report_view(&state, user.id, &query).await?))
}
