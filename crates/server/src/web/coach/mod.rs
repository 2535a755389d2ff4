//! The coach's pages: her clients, the ones needing attention first; invitation codes; and one
//! client's screening, programme and recent logs.
//!
//! Everything goes through the coach's use cases (`crate::app::coaching`), as the API does: the
//! list is the API's client list (same order, same hourly audit), and a client page passes the same access check
//! and writes the same audit entry as the API's client reads, so a coach without a live grant
//! sees the same 404 whether or not the id exists.

mod invite;
mod list;
mod logs;
mod sections;
#[cfg(test)]
mod tests;
mod words;

use crate::error::HttpStatus;
use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use maud::{Markup, html};
use time::Duration;

use super::{Nav, PageError, PageResult, Viewer, page};
use crate::AppState;
use crate::app::{coaching, member};
use crate::error::AppError;

use invite::{make_invitation, revoke_invitation, show_invitation};
use list::clients;
use logs::logs_section;
use sections::{programme_section, screening_section};

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/coach", get(clients))
        .route("/coach/invitations", post(make_invitation))
        .route("/coach/invitations/new", get(show_invitation))
        .route("/coach/invitations/{code}/revoke", post(revoke_invitation))
        .route("/coach/clients/{id}", get(client))
}

/// The cookie that tells the page after a new invitation code which one is new.
const INVITE_COOKIE: &str = "mumstrong_once_invite";

/// A member who opens a coach's page: a clear 403 page that sends her to sharing with a coach.
fn refuse_member(viewer: &Viewer) -> Option<axum::response::Response> {
    if !viewer.is_member() {
        return None;
    }
    let body = html! {
        h1 { "This page is for coaches" }
        div.notice.info {
            p { "Coaches and physios see their clients here. Your own training is under Today and Plan." }
        }
        p { "To let your coach or physio follow your training, ask her for an invitation code and enter it under " strong { "Account → Share with a coach" } "." }
        div.actions {
            a.button href="/account#coach" { "Share with a coach" }
            a.button.secondary href="/today" { "Today’s session" }
        }
    };
    Some(
        (
            StatusCode::FORBIDDEN,
            page(viewer, "For coaches", Nav::None, body),
        )
            .into_response(),
    )
}

/// An API error that only means "nothing yet" (no profile, no programme).
fn nothing_yet<T>(result: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.status() == StatusCode::CONFLICT => Ok(None),
        Err(e) => Err(e),
    }
}

async fn client(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    uri: Uri,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let Ok(member_id) = id.parse::<i64>() else {
        return Err(PageError(AppError::not_found(
            "there is no page at this address",
        )));
    };
    let id = coaching::client_access(
        &state,
        &viewer.user,
        member_id,
        &format!("GET {}", uri.path()),
    )
    .await?;
    let Some((member, _)) = state.store.user_by_id(id).await? else {
        return Err(PageError(AppError::not_found(format!(
            "no client {id} has granted you access"
        ))));
    };
    let today = state.today();
    let screening = nothing_yet(member::screening_view(&state, id).await)?;
    // Her programme as the engine's plan, made again as it was made (the typed plan, not its
    // stored JSON); `None` when there is none or a warning sign stopped it.
    // Read once for this section and her progress charts.
    let programme = state.store.latest_programme(id).await?;
    let inputs = member::progress_inputs(&state, id).await?;
    let from = today - Duration::days(13);
    let query = Ok(Query(HashMap::from([
        ("from".to_owned(), from.to_string()),
        ("to".to_owned(), today.to_string()),
    ])));
    let logs = member::logs_between(
        &state,
        id,
        crate::extract::date_param(&query, "from")?,
        crate::extract::date_param(&query, "to")?,
    )
    .await?;
    let charts: Option<Markup> =
        Some(crate::web::progress::progress_charts(&state, id, viewer.unit, &inputs).await?);
    let name = member.display_name.clone();
    let weeks = screening.as_ref().map(|s| s.screening.weeks_postpartum);
    let body = html! {
        div.coach-client {
        p.crumb { a href="/coach" { "← Your clients" } }
        h1 { (name) }
        p.muted {
            (member.email)
            @if let Some(w) = weeks { " · " (w) " weeks after birth" }
        }
        @if screening.is_some() {
            div.actions {
                a.button.secondary href=(format!("/api/v1/clients/{id}/report")) { "Printable report" }
            }
        }
        @match &screening {
            Some(s) => { (screening_section(s)) }
            None => {
                section.card aria-labelledby="screening-h" {
                    h2 #screening-h { "Screening" }
                    p { (name) " has not finished her questionnaire yet, so there is no screening and no programme." }
                }
            }
        }
        (programme_section(programme.as_ref(), inputs.ready_plan(), &logs, today))
        @if let Some(c) = charts {
            section.card aria-labelledby="progress-h" {
                h2 #progress-h { "Progress" }
                (c)
            }
        }
        (logs_section(&logs, viewer.unit))
        p.muted.audit-note { "Opening this page is recorded in " (name) "’s account, where she sees who read her data and when." }
        }
    };
    let mut response = page(&viewer, &name, Nav::Clients, body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
