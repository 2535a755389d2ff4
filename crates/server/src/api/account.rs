//! Accounts: sign-up, login, logout (here and everywhere), API tokens, export and deletion.

use axum::Json;
use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mumstrong_store::{ApiToken, User};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ClientIp, ErrorBody};
use crate::app::accounts;
pub use crate::app::accounts::{LoginIn, SignupIn, UserOut};
pub use crate::app::accounts::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_password, check_password_in, normalise_email,
};
pub(crate) use crate::app::accounts::{check_login, create_member};
use crate::auth::{Auth, Credential};
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
        return Err(AppError::internal("a session without its hash").into());
    };
    let changed = accounts::change_password(
        &state,
        &auth.user,
        keep,
        body.current_password,
        body.new_password,
    )
    .await?;
    super::sorted_json(&changed)
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
    let made = accounts::create_token(&state, &auth.user, &body.name, body.expires_in_days).await?;
    Ok((StatusCode::CREATED, super::sorted_json(&made)?))
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
    accounts::delete_token(&state, &auth.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
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
    let format = crate::extract::query_word(&query, "format")?;
    Ok(crate::reply::export(
        accounts::export(&state, &auth.user, format).await?,
    ))
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
    accounts::delete_account(&state, &auth.user, body.password).await?;
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
