//! The account page's forms: each calls its API endpoint's use case and redirects (PRG).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::AppState;
use crate::app::{accounts, calendar, coaching};
use crate::auth;
use crate::error::AppError;
use crate::web::{Nav, PageResult, Viewer, Visitor, WebForm, see_other, shell};

use super::once::{path_id, see_other_with_once};
use super::{FEED_COOKIE, Section, TOKEN_COOKIE, again};

pub(super) async fn set_unit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    match form.get("unit") {
        Some(unit @ ("kg" | "lb")) => {
            state
                .store
                .set_unit(viewer.user.id, unit, state.now_unix())
                .await?;
            Ok(see_other("/account?done=unit#units"))
        }
        _ => {
            let e = AppError::invalid("unit", "choose kilograms or pounds");
            again(&state, &viewer, &headers, Section::Unit, e, &form).await
        }
    }
}

pub(super) async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> PageResult {
    let format = crate::extract::query_word(&query, "format")?;
    let mut response = crate::reply::export(accounts::export(&state, &viewer.user, format).await?);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub(super) async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    let days = match form.get("expires_in_days") {
        None => Ok(None),
        Some(text) => text.parse::<u32>().map(Some).map_err(|_| {
            AppError::invalid(
                "expires_in_days",
                format!(
                    "“{}” is not a number of days; expected a whole number from 1 to 365, or leave it empty",
                    text.chars().take(20).collect::<String>()
                ),
            )
        }),
    };
    let result = match days {
        Ok(expires_in_days) => {
            let name = form.get("name").unwrap_or("");
            accounts::create_token(&state, &viewer.user, name, expires_in_days).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(made) => see_other_with_once(
            &state,
            &headers,
            "/account#tokens",
            (TOKEN_COOKIE, "/account"),
            &made.token,
        ),
        Err(e) => again(&state, &viewer, &headers, Section::Tokens, e, &form).await,
    }
}

pub(super) async fn delete_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    _form: WebForm,
) -> PageResult {
    let id = path_id(&id)?;
    accounts::delete_token(&state, &viewer.user, id).await?;
    Ok(see_other("/account?done=token-deleted#tokens"))
}

pub(super) async fn redeem(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    viewer.member()?;
    // Codes have no spaces; a code copied from a message may have picked some up.
    let code: String = form
        .get("code")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let result = if code.is_empty() {
        Err(AppError::invalid(
            "code",
            "enter the invitation code your coach gave you",
        ))
    } else {
        coaching::redeem(&state, &viewer.user, &code).await
    };
    match result {
        Ok(_) => Ok(see_other("/account?done=grant#coach")),
        Err(e) => again(&state, &viewer, &headers, Section::Grants, e, &form).await,
    }
}

pub(super) async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(coach_id): Path<String>,
    _form: WebForm,
) -> PageResult {
    let coach_id = path_id(&coach_id)?;
    viewer.member()?;
    coaching::revoke(&state, &viewer.user, coach_id).await?;
    Ok(see_other("/account?done=revoked#coach"))
}

pub(super) async fn make_feed(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    viewer.member()?;
    let reminders: Vec<String> = form
        .all("reminders")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let result = calendar::create_feed(
        &state,
        &viewer.user,
        Some(reminders),
        &crate::extract::public_url(&headers, ""),
    )
    .await;
    match result {
        Ok(made) => see_other_with_once(
            &state,
            &headers,
            "/account#calendar",
            (FEED_COOKIE, "/account"),
            &made.path,
        ),
        Err(e) => again(&state, &viewer, &headers, Section::Calendar, e, &form).await,
    }
}

pub(super) async fn delete_feed(
    State(state): State<AppState>,
    viewer: Viewer,
    _form: WebForm,
) -> PageResult {
    viewer.member()?;
    calendar::delete_feed(&state, &viewer.user).await?;
    Ok(see_other("/account?done=calendar-off#calendar"))
}

pub(super) async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    // Passwords as typed (not trimmed: spaces may be part of them).
    let keep = auth::session_cookie(&headers)
        .map(auth::hash_secret)
        .unwrap_or_default();
    let result = accounts::change_password(
        &state,
        &viewer.user,
        &keep,
        form.exact("current_password"),
        form.exact("new_password"),
    )
    .await;
    match result {
        Ok(_) => Ok(see_other("/account?done=password#password")),
        Err(e) => again(&state, &viewer, &headers, Section::Password, e, &form).await,
    }
}

pub(super) async fn logout_everywhere(
    State(state): State<AppState>,
    viewer: Viewer,
    _form: WebForm,
) -> PageResult {
    let ended = state.store.delete_sessions_of(viewer.user.id).await?;
    tracing::info!(user = viewer.user.id, ended, "signed out everywhere");
    let mut response = see_other("/login");
    response
        .headers_mut()
        .insert(header::SET_COOKIE, auth::clear_cookie());
    Ok(response)
}

pub(super) async fn delete_account(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    // The password as typed (not trimmed: spaces may be part of it).
    let password = form.exact("password");
    let result = if password.is_empty() {
        Err(AppError::invalid(
            "password",
            "enter your password to delete your account; nothing was deleted",
        ))
    } else if !form.checked("confirm") {
        Err(AppError::invalid(
            "confirm",
            "tick the box to confirm that you want everything deleted; nothing was deleted",
        ))
    } else {
        accounts::delete_account(&state, &viewer.user, password).await
    };
    match result {
        Ok(_) => {
            let mut response = see_other("/account/deleted");
            response
                .headers_mut()
                .insert(header::SET_COOKIE, auth::clear_cookie());
            Ok(response)
        }
        Err(e) => again(&state, &viewer, &headers, Section::Delete, e, &form).await,
    }
}

pub(super) async fn goodbye(visitor: Visitor) -> Response {
    let body = html! {
        h1 { "Your account is deleted" }
        div.notice.ok role="status" {
            p { "Your account and everything stored about you have been deleted. Any coach you shared with can no longer see anything." }
        }
        p { "Thank you for training with mumstrong. Look after yourself, and if anything feels wrong, talk to your GP, midwife or a pelvic-health physiotherapist." }
        div.actions {
            a.button.secondary href="/" { "Go to the start" }
        }
    };
    shell(
        visitor.viewer.as_ref(),
        "Account deleted",
        Nav::None,
        &[],
        body,
    )
    .into_response()
}
