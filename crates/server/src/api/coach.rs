//! Coaches and grants: a coach hands a member an invitation code; the member redeems it to grant
//! access and can revoke it. A coach reads only members who granted access, and every read is
//! written to the audit log the member can see.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ErrorBody;
use crate::api::member::{self, json_response_ok};
use crate::app::coaching;
pub use crate::app::coaching::INVITATION_DAYS;
use crate::auth::Auth;
use crate::body::Valid;
use crate::error::ApiResult;
use crate::extract::Client;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_invitation, list_invitations))
        .routes(routes!(revoke_invitation))
        .routes(routes!(clients))
        .routes(routes!(redeem, list_grants))
        .routes(routes!(revoke))
        .routes(routes!(client_profile))
        .routes(routes!(client_profile_history))
        .routes(routes!(client_screening))
        .routes(routes!(client_programme))
        .routes(routes!(client_today))
        .routes(routes!(client_logs))
        .routes(routes!(client_progress))
        .routes(routes!(client_report))
}

/// An invitation with its link made whole (the address as this request reached the server).
fn with_full_link(
    headers: &HeaderMap,
    mut invitation: coaching::Invitation,
) -> coaching::Invitation {
    invitation.link = crate::extract::public_url(headers, &invitation.link);
    invitation
}

/// Make an invitation code to give to a member (valid 14 days, once): `code` as people read it
/// (`K7QX-2M9D`) and `link`, the member's share form with the code filled in.
#[utoipa::path(post, path = "/api/v1/coach/invitations", tag = "coach",
    responses((status = 201, description = "The code, its link and its expiry", body = coaching::Invitation),
              (status = 403, description = "Not a coach", body = ErrorBody)))]
pub async fn create_invitation(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let made = coaching::create_invitation(&state, auth.coach()?).await?;
    Ok((
        StatusCode::CREATED,
        super::sorted_json(&with_full_link(&headers, made))?,
    ))
}

/// The coach's open invitation codes (not used, expired or revoked), the soonest to expire first.
#[utoipa::path(get, path = "/api/v1/coach/invitations", tag = "coach",
    responses((status = 200, description = "Her open codes with their links", body = InvitationsOut),
              (status = 403, description = "Not a coach", body = ErrorBody)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let open = coaching::open_invitations(&state, auth.coach()?).await?;
    super::sorted_json(&InvitationsOut {
        invitations: open
            .into_iter()
            .map(|i| with_full_link(&headers, i))
            .collect(),
    })
}

/// A coach's open invitation codes.
#[derive(Serialize, ToSchema)]
pub struct InvitationsOut {
    /// The soonest to expire first.
    pub invitations: Vec<coaching::Invitation>,
}

/// Revoke one of her open codes: it stops working at once.
#[utoipa::path(delete, path = "/api/v1/coach/invitations/{code}", tag = "coach",
    params(("code" = String, Path, description = "The code, as shown (`K7QX-2M9D`) or typed any way")),
    responses((status = 204),
              (status = 403, description = "Not a coach", body = ErrorBody),
              (status = 404, description = "No such open code of hers", body = ErrorBody),
              (status = 422, description = "Not an invitation code", body = ErrorBody)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    auth: Auth,
    Path(code): Path<String>,
) -> ApiResult<StatusCode> {
    coaching::revoke_invitation(&state, auth.coach()?, &code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An invitation code from a coach.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeemIn {
    /// The code the coach gave her.
    pub code: String,
}

/// Grant a coach access to her data, with the coach's invitation code.
#[utoipa::path(post, path = "/api/v1/grants", tag = "grants",
    request_body = RedeemIn,
    responses((status = 201, description = "The coach who now has access"),
              (status = 403, description = "Sent with an API token", body = ErrorBody),
              (status = 422, description = "Malformed, unknown, used, expired or revoked code", body = ErrorBody)))]
pub async fn redeem(
    State(state): State<AppState>,
    auth: Auth,
    Valid(body): Valid<RedeemIn>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let user = auth.member()?;
    auth.signed_in_with_password("redeem a coach's code")?;
    let granted = coaching::redeem(&state, user, &body.code).await?;
    Ok((StatusCode::CREATED, super::sorted_json(&granted)?))
}

/// The coaches she has granted access, current and revoked.
#[utoipa::path(get, path = "/api/v1/grants", tag = "grants",
    responses((status = 200, description = "Her grants, newest first")))]
pub async fn list_grants(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    Ok(Json(
        json!({ "grants": state.store.grants_of_member(user.id).await? }),
    ))
}

/// Withdraw a coach's access at once.
#[utoipa::path(delete, path = "/api/v1/grants/{coach_id}", tag = "grants",
    params(("coach_id" = i64, Path, description = "The coach's id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    super::Id(coach_id): super::Id,
) -> ApiResult<StatusCode> {
    let user = auth.member()?;
    coaching::revoke(&state, user, coach_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The coach's clients, the ones needing attention first: urgent (a red flag), then referrals,
/// then recent symptoms, then the least recently active.
#[utoipa::path(get, path = "/api/v1/coach/clients", tag = "coach",
    responses((status = 200, description = "Clients with flags and last activity"),
              (status = 403, body = ErrorBody)))]
pub async fn clients(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    crate::api::sorted_json(&coaching::clients(&state, auth.coach()?).await?)
}

/// A client's latest profile.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/profile", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, description = "No such client for you", body = ErrorBody)))]
pub async fn client_profile(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Json<Value>> {
    Ok(Json(member::profile_view(&state, id).await?))
}

/// A client's profile versions.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/profile/history", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_profile_history(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Json<Value>> {
    crate::api::sorted_json(&member::history_view(&state, id).await?)
}

/// A client's screening today.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/screening", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_screening(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Json<Value>> {
    crate::api::sorted_json(&member::screening_view(&state, id).await?)
}

/// A client's current programme.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/programme", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_programme(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Response> {
    Ok(json_response_ok(member::programme_view(&state, id).await?))
}

/// A client's session today.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/programme/today", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_today(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Response> {
    Ok(json_response_ok(
        member::today_view(&state, id, state.today()).await?,
    ))
}

/// A client's logs between two dates.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/logs", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id"),
           ("from" = Option<String>, Query, description = "First day"),
           ("to" = Option<String>, Query, description = "Last day"),
           ("paper" = Option<String>, Query, description = "`a4` (default) or `letter`")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_logs(
    State(state): State<AppState>,
    Client(id): Client,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    Ok(Json(member::logs_view(&state, id, &query).await?))
}

/// A client's progress figures.
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/progress", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id")),
    responses((status = 200), (status = 404, body = ErrorBody)))]
pub async fn client_progress(
    State(state): State<AppState>,
    Client(id): Client,
) -> ApiResult<Json<Value>> {
    crate::api::sorted_json(&member::progress_view(&state, id).await?)
}

/// A client's report (HTML, print-friendly).
#[utoipa::path(get, path = "/api/v1/clients/{member_id}/report", tag = "coach",
    params(("member_id" = i64, Path, description = "The member's id"),
           ("from" = Option<String>, Query, description = "First day"),
           ("to" = Option<String>, Query, description = "Last day"),
           ("paper" = Option<String>, Query, description = "`a4` (default) or `letter`")),
    responses((status = 200, description = "text/html", content_type = "text/html"), (status = 404, body = ErrorBody)))]
pub async fn client_report(
    State(state): State<AppState>,
    Client(id): Client,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    Ok(member::html_response(
        member::report_view(&state, id, &query).await?,
    ))
}
