//! Accounts: sign-up, login, logout (here and everywhere), API tokens, export and deletion.

use axum::Json;
use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mumstrong_store::{ApiToken, AuthUser, Role, User};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ClientIp, ErrorBody};
pub use crate::app::accounts::{LoginIn, SignupIn};
pub use crate::app::accounts::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_password, check_password_in, normalise_email,
};
pub(crate) use crate::app::accounts::{check_login, create_member};
use crate::auth::{self, Auth, Credential, TOKEN_PREFIX};
pub(crate) use crate::auth::{clear_cookie, new_session, session_set_cookie as session_cookie};
use crate::body::Valid;
use crate::error::{ApiResult, AppError};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_everywhere))
        .routes(routes!(change_password))
        .routes(routes!(me))
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(delete_token))
        .routes(routes!(export))
        .routes(routes!(delete_account))
        .routes(routes!(audit))
}

/// An account as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct UserOut {
    /// Stable id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// `member` or `coach`.
    pub role: String,
    /// Display name.
    pub display_name: String,
}

impl From<&AuthUser> for UserOut {
    fn from(u: &AuthUser) -> Self {
        UserOut {
            id: u.id,
            email: u.email.clone(),
            role: u.role.as_str().to_owned(),
            display_name: u.display_name.clone(),
        }
    }
}

impl From<&User> for UserOut {
    fn from(u: &User) -> Self {
        UserOut {
            id: u.id,
            email: u.email.clone(),
            role: u.role.as_str().to_owned(),
            display_name: u.display_name.clone(),
        }
    }
}

async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    status: StatusCode,
) -> ApiResult<Response> {
    let cookie = new_session(state, headers, user).await?;
    let mut response = (status, Json(json!({ "user": UserOut::from(user) }))).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Sign up as a member. Starts a session (cookie).
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "account",
    request_body = SignupIn,
    responses(
        (status = 201, description = "Account made; the session cookie is set"),
        (status = 409, description = "Email already has an account", body = ErrorBody),
        (status = 422, description = "A field is wrong (named)", body = ErrorBody),
        (status = 429, description = "Too many accounts made from this address; see Retry-After", body = ErrorBody),
        (status = 503, description = "Too many sign-ins and sign-ups at once; see Retry-After", body = ErrorBody),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Valid(body): Valid<SignupIn>,
) -> ApiResult<Response> {
    let user = create_member(&state, &ip, body).await?;
    start_session(&state, &headers, &user, StatusCode::CREATED).await
}

/// Sign in. Five failed attempts for one email in 15 minutes (or 50 from one address) are
/// refused with 429 until the window passes, on every server sharing the database.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "account",
    request_body = LoginIn,
    responses(
        (status = 200, description = "Signed in; the session cookie is set"),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Valid(body): Valid<LoginIn>,
) -> ApiResult<Response> {
    let user = check_login(&state, &ip, body).await?;
    start_session(&state, &headers, &user, StatusCode::OK).await
}

/// Sign out of this session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "account",
    responses((status = 204, description = "Signed out; the cookie is cleared")))]
pub async fn logout(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    if let Credential::Session(hash) = &auth.credential {
        state.store.delete_session(hash).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_cookie());
    Ok(response)
}

/// Sign out of every session on every device (API tokens stay; delete them separately).
#[utoipa::path(post, path = "/api/v1/auth/logout-everywhere", tag = "account",
    responses((status = 200, description = "How many sessions ended"),
              (status = 403, description = "Sent with an API token", body = ErrorBody)))]
pub async fn logout_everywhere(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    auth.signed_in_with_password("sign you out everywhere")?;
    let ended = state.store.delete_sessions_of(auth.user.id).await?;
    let mut response = Json(json!({ "sessions_ended": ended })).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_cookie());
    Ok(response)
}

/// Her current password and the new one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeIn {
    /// Her password now.
    pub current_password: String,
    /// The new one: 10 to 256 characters, as at sign-up.
    pub new_password: String,
}

/// Change her password. Every other session of hers ends and every API token of hers is deleted;
/// the session that changed it stays signed in. Needs a session (not an API token).
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "account",
    request_body = PasswordChangeIn,
    responses((status = 200, description = "Changed: how many other sessions ended and tokens were deleted"),
              (status = 403, description = "Sent with an API token", body = ErrorBody),
              (status = 422, description = "The current password is wrong, or the new one breaks the rules (named)", body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<PasswordChangeIn>,
) -> ApiResult<Json<Value>> {
    auth.signed_in_with_password("change your password")?;
    let Credential::Session(keep) = &auth.credential else {
        return Err(AppError::internal("a session without its hash"));
    };
    if body.current_password.is_empty() {
        return Err(AppError::invalid(
            "current_password",
            "enter your current password; nothing was changed",
        ));
    }
    check_password_in("new_password", &body.new_password)?;
    if body.new_password == body.current_password {
        return Err(AppError::invalid(
            "new_password",
            "that is your current password; choose a different one",
        ));
    }
    let hash = state.store.user_by_id(auth.user.id).await?.map(|(_, h)| h);
    if !auth::verify_password(body.current_password, hash).await? {
        return Err(AppError::invalid(
            "current_password",
            "that is not your current password; nothing was changed",
        ));
    }
    let new_hash = auth::hash_password(body.new_password).await?;
    let (sessions, tokens) = state
        .store
        .set_password(auth.user.id, &new_hash, Some(keep))
        .await?
        .ok_or_else(|| AppError::not_found("this account no longer exists"))?;
    tracing::info!(
        user = auth.user.id,
        sessions,
        tokens,
        "password changed; other sessions and tokens ended"
    );
    Ok(Json(json!({
        "changed": true,
        "other_sessions_ended": sessions,
        "tokens_deleted": tokens,
    })))
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = UserOut), (status = 401, body = ErrorBody)))]
pub async fn me(auth: Auth) -> Json<UserOut> {
    Json(UserOut::from(&auth.user))
}

/// A new personal API token.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenIn {
    /// What it is for ("weekly export").
    pub name: String,
    /// Days until it stops working (1-365); never when absent.
    #[serde(default)]
    pub expires_in_days: Option<u32>,
}

/// Make a personal API token for scripts. The token is shown once, in this reply.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "account",
    request_body = TokenIn,
    responses((status = 201, description = "The token (shown once) and its record"),
              (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<TokenIn>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    auth.signed_in_with_password("make API tokens")?;
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid("name", "expected 1 to 80 characters"));
    }
    if let Some(days) = body.expires_in_days
        && !(1..=365).contains(&days)
    {
        return Err(AppError::invalid(
            "expires_in_days",
            format!(
                "{days}; expected 1 to 365 days, or leave it out for a token that does not expire"
            ),
        ));
    }
    let now = state.now_unix();
    let secret = format!("{TOKEN_PREFIX}{}", auth::new_secret()?);
    let record = state
        .store
        .create_token(
            auth.user.id,
            name,
            &auth::hash_secret(&secret),
            now,
            body.expires_in_days.map(|d| now + i64::from(d) * 86_400),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": secret, "record": record })),
    ))
}

/// Her API tokens (without the secrets).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account",
    responses((status = 200, description = "Her tokens")))]
pub async fn list_tokens(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.store.tokens_of(auth.user.id).await?))
}

/// Delete one of her API tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account",
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete_token(
    State(state): State<AppState>,
    auth: Auth,
    super::Id(id): super::Id,
) -> ApiResult<StatusCode> {
    auth.signed_in_with_password("delete API tokens")?;
    if state.store.delete_token(auth.user.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found(format!("you have no token {id}")))
    }
}

/// Everything stored about her, as one JSON document; or (`?format=strong-csv`) her logged sets
/// as a Strong classic CSV, which other training apps import.
#[utoipa::path(get, path = "/api/v1/export", tag = "account",
    params(("format" = Option<String>, Query, description = "`json` (default: all her data) or `strong-csv` (her sets, Strong's classic layout, kg)")),
    responses((status = 200, description = "All her data: account, profiles, screenings, programmes, logs, grants, tokens, audit"),
              (status = 422, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let id = auth.user.id;
    let query = query
        .map_err(|e| AppError::bad_body(None, format!("the query string is malformed: {e}")))?;
    match query.get("format").map(String::as_str) {
        None | Some("json") => {}
        Some("strong-csv") => {
            let sets = super::member::sets_of(&state, id).await?;
            let csv = mumstrong_core::export::strong_csv(&sets, crate::domain::library());
            return Ok((
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"mumstrong-strong.csv\"",
                    ),
                ],
                csv,
            )
                .into_response());
        }
        Some(other) => {
            return Err(AppError::invalid(
                "format",
                format!(
                    "`{}`: expected `json` or `strong-csv`",
                    other.chars().take(30).collect::<String>()
                ),
            ));
        }
    }
    let store = &state.store;
    let profiles: Vec<Value> = store
        .profile_history(id)
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "version": p.version,
                "created_at": p.created_at,
                "profile": serde_json::from_str::<Value>(&p.profile_json).unwrap_or(Value::Null),
            })
        })
        .collect();
    let screenings: Vec<Value> = store
        .screenings(id, i64::MAX)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "profile_version": s.profile_version,
                "screened_on": s.screened_on.to_string(),
                "outcome": s.outcome,
                "created_at": s.created_at,
                "screening": serde_json::from_str::<Value>(&s.screening_json).unwrap_or(Value::Null),
            })
        })
        .collect();
    let mut programmes = Vec::new();
    for summary in store.programme_history(id).await? {
        programmes.push(serde_json::to_value(&summary).unwrap_or(Value::Null));
    }
    let latest_plan = store
        .latest_programme(id)
        .await?
        .map(|p| serde_json::from_str::<Value>(&p.plan_json).unwrap_or(Value::Null));
    let (from, to) = super::member::all_dates();
    let sets: Vec<Value> = store
        .sets_between(id, from, to, i64::MAX)
        .await?
        .iter()
        .map(super::member::set_out)
        .collect();
    let checkins: Vec<Value> = store
        .checkins_between(id, from, to, i64::MAX)
        .await?
        .iter()
        .map(super::member::checkin_out)
        .collect();
    let document = json!({
        "exported_at": state.now_unix(),
        "format": "mumstrong export 1",
        "account": UserOut::from(&auth.user),
        "profiles": profiles,
        "screenings": screenings,
        "programmes": programmes,
        "current_plan": latest_plan,
        "sets": sets,
        "checkins": checkins,
        "pelvic_floor": store.pelvic_floor_between(id, from, to).await?,
        "baby_weights": store.baby_weights(id).await?,
        "coaches": store.grants_of_member(id).await?,
        "clients": if auth.user.role == Role::Coach { store.clients_of(id).await? } else { Vec::new() },
        "tokens": store.tokens_of(id).await?,
        "settings": { "unit": store.unit_of(id).await? },
        "onboarding_draft": store
            .onboarding_draft(id)
            .await?
            .map(|(draft, step)| json!({
                "step": step,
                "answers": serde_json::from_str::<Value>(&draft).unwrap_or(Value::Null),
            })),
        "read_by_others": store.audit_of(id, i64::MAX).await?,
        "disclaimer": mumstrong_core::screening::DISCLAIMER,
    });
    let mut response = Json(document).into_response();
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"mumstrong-export.json\""),
    );
    Ok(response)
}

/// Her password, to confirm deleting the account.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteIn {
    /// Her current password.
    pub password: String,
}

/// Delete her account and all her data, at once and for good. Needs her password.
#[utoipa::path(delete, path = "/api/v1/account", tag = "account",
    request_body = DeleteIn,
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorBody)))]
pub async fn delete_account(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<DeleteIn>,
) -> ApiResult<Response> {
    auth.signed_in_with_password("delete the account")?;
    let hash = state.store.user_by_id(auth.user.id).await?.map(|(_, h)| h);
    if !auth::verify_password(body.password, hash).await? {
        return Err(AppError::invalid(
            "password",
            "that is not your password; nothing was deleted",
        ));
    }
    state.store.delete_user(auth.user.id).await?;
    tracing::info!(user = auth.user.id, "account deleted");
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_cookie());
    Ok(response)
}

/// Who read her data, newest first: every read by a coach is recorded.
#[utoipa::path(get, path = "/api/v1/audit", tag = "account",
    responses((status = 200, description = "Reads of her data by others")))]
pub async fn audit(State(state): State<AppState>, auth: Auth) -> ApiResult<Response> {
    Ok(Json(state.store.audit_of(auth.user.id, 1000).await?).into_response())
}
