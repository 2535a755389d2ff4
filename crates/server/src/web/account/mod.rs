//! The account page, for members and coaches: unit of weight, export, API tokens, coach access
//! (members), the calendar feed (members), signing out everywhere and deleting the account.
//!
//! Every action calls the same use case as its API endpoint (`crate::app::accounts`,
//! `crate::app::coaching`, `crate::app::calendar`), so a page and its endpoint cannot disagree;
//! pages are always signed in with a session (a password), never with an API token. Secrets shown once (a new API token, a calendar address)
//! travel from the POST to the page after it in a short-lived HttpOnly cookie that the page
//! clears as it shows them, so the form still redirects (PRG) and the secret never sits in a URL.

mod forms;
mod once;
mod sections;
#[cfg(test)]
mod tests;

use crate::error::HttpStatus;
use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use maud::{Markup, html};

use super::{Nav, PageError, PageResult, Viewer, WebForm, csrf_field, page};
use crate::AppState;
use crate::error::AppError;

use forms::{
    change_password, create_token, delete_account, delete_feed, delete_token, export, goodbye,
    logout_everywhere, make_feed, redeem, revoke, set_unit,
};
pub(crate) use once::{clear_once, once_value, see_other_with_once};
use sections::{
    calendar_section, coach_section, data_section, delete_section, password_section,
    tokens_section, unit_section,
};

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page))
        .route("/account/unit", post(set_unit))
        .route("/account/export", get(export))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/delete", post(delete_token))
        .route("/account/grants", post(redeem))
        .route("/account/grants/{coach_id}/revoke", post(revoke))
        .route("/account/calendar", post(make_feed))
        .route("/account/calendar/delete", post(delete_feed))
        .route("/account/password", post(change_password))
        .route("/account/logout-everywhere", post(logout_everywhere))
        .route("/account/delete", post(delete_account))
        .route("/account/deleted", get(goodbye))
}

/// Which form a failed submission belongs to (its section opens, with the error by the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Unit,
    Tokens,
    Grants,
    Calendar,
    Password,
    Delete,
}

/// A form that came back with an error, to show again with what she typed.
struct Failed<'a> {
    section: Section,
    error: &'a AppError,
    form: &'a WebForm,
}

impl Failed<'_> {
    fn error_for(failed: Option<&Self>, section: Section) -> Option<&AppError> {
        failed.filter(|f| f.section == section).map(|f| f.error)
    }

    fn value(failed: Option<&Self>, section: Section, name: &str) -> String {
        failed
            .filter(|f| f.section == section)
            .and_then(|f| f.form.get(name))
            .unwrap_or("")
            .to_owned()
    }
}

/// The secrets made by the form just sent, shown this once.
#[derive(Default)]
struct Once {
    token: Option<String>,
    feed_path: Option<String>,
}

const TOKEN_COOKIE: &str = "mumstrong_once_token";
const FEED_COOKIE: &str = "mumstrong_once_feed";

fn done_message(done: &str, viewer: &Viewer) -> Option<String> {
    Some(match done {
        "unit" => format!("Saved: weights now show in {}.", viewer.unit.word()),
        "token-deleted" => "Token deleted; it no longer works.".to_owned(),
        "grant" => "Shared: your coach can now see your screening, programme and logs.".to_owned(),
        "revoked" => "Stopped: that coach can no longer see your data.".to_owned(),
        "calendar-off" => "Calendar link turned off: the old address no longer works.".to_owned(),
        "password" => "Password changed. You are still signed in here; every other session and every API token of yours has ended.".to_owned(),
        _ => return None,
    })
}

async fn account_page(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> PageResult {
    let once = Once {
        token: once_value(&headers, TOKEN_COOKIE),
        feed_path: once_value(&headers, FEED_COOKIE),
    };
    let notice = query.get("done").and_then(|d| done_message(d, &viewer));
    // A coach's invitation link (`/account?code=K7QX-2M9D#coach`) fills in her share form.
    let prefill = query
        .get("code")
        .and_then(|c| crate::app::invite_code::normalise(c).ok())
        .map(|c| crate::app::invite_code::grouped(&c));
    let page = Page {
        notice: notice.as_deref(),
        once: &once,
        failed: None,
        code: prefill.as_deref(),
    };
    let body = render(&state, &viewer, &headers, &page).await?;
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if once.token.is_some() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, clear_once(TOKEN_COOKIE, "/account")?);
    }
    if once.feed_path.is_some() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, clear_once(FEED_COOKIE, "/account")?);
    }
    Ok(response)
}

/// The page again, 422, with the error by its field and what she typed.
async fn again(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    section: Section,
    error: AppError,
    form: &WebForm,
) -> PageResult {
    if !error.status().is_client_error() || error.status() == StatusCode::NOT_FOUND {
        return Err(PageError(error));
    }
    let failed = Failed {
        section,
        error: &error,
        form,
    };
    let page = Page {
        notice: None,
        once: &Once::default(),
        failed: Some(&failed),
        code: None,
    };
    let body = render(state, viewer, headers, &page).await?;
    let status = if matches!(
        error.status(),
        StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS
    ) {
        error.status()
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, body).into_response())
}

/// What the account page shows besides the account: a notice, secrets made just now, a form
/// that came back with an error, and an invitation code from a coach's link.
struct Page<'a> {
    notice: Option<&'a str>,
    once: &'a Once,
    failed: Option<&'a Failed<'a>>,
    code: Option<&'a str>,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    page_parts: &Page<'_>,
) -> PageResult<Markup> {
    let Page {
        notice,
        once,
        failed,
        code,
    } = *page_parts;
    let user = &viewer.user;
    let member = viewer.is_member();
    let tokens = state.store.tokens_of(user.id).await?;
    let (grants, reads, feed) = if member {
        (
            state.store.grants_of_member(user.id).await?,
            state.store.audit_of(user.id, 20).await?,
            state.store.calendar_feed_of(user.id).await?,
        )
    } else {
        (Vec::new(), Vec::new(), None)
    };
    let body = html! {
        div.account {
        h1 { "Account" }
        p {
            "Signed in as " strong { (user.display_name) } " (" (user.email) ")"
            @if !member { ", a coach account" } "."
        }
        @if let Some(n) = notice {
            div.notice.ok role="status" { p { (n) } }
        }
        nav.account-toc aria-label="On this page" {
            ul {
                li { a href="#units" { "Units" } }
                @if member {
                    li { a href="#coach" { "Share with a coach" } }
                    li { a href="#calendar" { "Calendar" } }
                }
                li { a href="#data" { "Your data" } }
                li { a href="#tokens" { "API tokens" } }
                li { a href="#password" { "Change password" } }
                li { a href="#sign-out" { "Sign out everywhere" } }
                li { a href="#delete" { "Delete account" } }
            }
        }
        (unit_section(viewer, failed))
        @if member {
            (coach_section(viewer, &grants, &reads, failed, code))
            (calendar_section(viewer, headers, feed.as_ref(), once, failed))
        }
        (data_section(member))
        (tokens_section(viewer, &tokens, once, failed))
        (password_section(viewer, failed))
        section.card #sign-out aria-labelledby="sign-out-h" {
            h2 #sign-out-h { "Sign out everywhere" }
            p { "Ends every session, on every phone and computer, including this one. API tokens keep working: delete them above." }
            form method="post" action="/account/logout-everywhere" {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" { "Sign out on every device" }
            }
        }
        (delete_section(viewer, failed))
        }
    };
    Ok(page(viewer, "Account", Nav::Account, body))
}
