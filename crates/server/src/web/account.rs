//! The account page, for members and coaches: unit of weight, export, API tokens, coach access
//! (members), the calendar feed (members), signing out everywhere and deleting the account.
//!
//! Every action calls the same use case as its API endpoint (`crate::app::accounts`,
//! `crate::app::coaching`, `crate::app::calendar`), so a page and its endpoint cannot disagree;
//! pages are always signed in with a session (a password), never with an API token. Secrets shown once (a new API token, a calendar address, an invitation code)
//! travel from the POST to the page after it in a short-lived HttpOnly cookie that the page
//! clears as it shows them, so the form still redirects (PRG) and the secret never sits in a URL.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use mumstrong_store::{ApiToken, AuditEntry, GrantRow};

use super::{
    Nav, PageError, PageResult, Viewer, Visitor, WebForm, csrf_field, error_summary, field_error,
    page, see_other, shell,
};
use super::{human_day, human_time};
use crate::AppState;
use crate::app::{accounts, calendar, coaching};
use crate::auth;
use crate::error::AppError;

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

// ---- shared with the coach pages ---------------------------------------------------------------

/// How long a secret waits in its cookie for the page that shows it.
const ONCE_SECONDS: i64 = 300;

/// After a form that made a secret: go to `to`, carrying the secret in a short-lived cookie
/// (never in the URL) for the page that shows it once.
pub(crate) fn see_other_with_once(
    state: &AppState,
    headers: &HeaderMap,
    to: &str,
    (name, path): (&str, &str),
    value: &str,
) -> PageResult {
    let mut response = see_other(to);
    response.headers_mut().append(
        header::SET_COOKIE,
        once_cookie(state, headers, name, path, value)?,
    );
    Ok(response)
}

/// A cookie that carries a secret from a form to the page after it (see the module docs).
fn once_cookie(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    path: &str,
    value: &str,
) -> PageResult<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={ONCE_SECONDS}{}",
        if state.cookies_secure(headers) {
            "; Secure"
        } else {
            ""
        }
    ))
    .map_err(|e| PageError(AppError::internal(e)))
}

/// The secret waiting in a cookie, if any.
pub(crate) fn once_value(headers: &HeaderMap, name: &str) -> Option<String> {
    crate::auth::cookie(headers, name).map(str::to_owned)
}

/// Clears a secret's cookie once the page has shown it.
pub(crate) fn clear_once(name: &str, path: &str) -> PageResult<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{name}=; Path={path}; HttpOnly; SameSite=Strict; Max-Age=0"
    ))
    .map_err(|e| PageError(AppError::internal(e)))
}

/// A labelled input with its hint and its error (linked by `aria-describedby`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn input_field(
    id: &str,
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
    error: Option<&str>,
    extra: Option<(&str, &str)>,
) -> Markup {
    super::input_field(&super::Input {
        id,
        name,
        label,
        kind,
        value,
        hint,
        error,
        autocomplete: extra.filter(|(k, _)| *k == "autocomplete").map(|(_, v)| v),
        inputmode: extra.filter(|(k, _)| *k == "inputmode").map(|(_, v)| v),
        ..super::Input::default()
    })
}

fn path_id(text: &str) -> PageResult<i64> {
    text.parse()
        .map_err(|_| PageError(AppError::not_found("there is no page at this address")))
}

// ---- the page ----------------------------------------------------------------------------------

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
    let body = render(&state, &viewer, &headers, notice.as_deref(), &once, None).await?;
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
    if !error.status.is_client_error() || error.status == StatusCode::NOT_FOUND {
        return Err(PageError(error));
    }
    let failed = Failed {
        section,
        error: &error,
        form,
    };
    let body = render(
        state,
        viewer,
        headers,
        None,
        &Once::default(),
        Some(&failed),
    )
    .await?;
    let status = if error.status == StatusCode::FORBIDDEN {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, body).into_response())
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    notice: Option<&str>,
    once: &Once,
    failed: Option<&Failed<'_>>,
) -> PageResult<Markup> {
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
            (coach_section(viewer, &grants, &reads, failed))
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

fn unit_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = field_error(Failed::error_for(failed, Section::Unit), "unit");
    let current = viewer.unit.word();
    html! {
        section.card #units aria-labelledby="units-h" {
            h2 #units-h { "Units" }
            (error_summary(Failed::error_for(failed, Section::Unit)))
            form method="post" action="/account/unit#units" {
                (csrf_field(&viewer.csrf))
                fieldset aria-describedby=[error.map(|_| "unit-error")] {
                    legend { "Show weights in" }
                    label.choice {
                        input type="radio" name="unit" value="kg" checked[current == "kg"]
                            aria-invalid=[error.map(|_| "true")];
                        span { strong { "Kilograms (kg)" } }
                    }
                    label.choice {
                        input type="radio" name="unit" value="lb" checked[current == "lb"]
                            aria-invalid=[error.map(|_| "true")];
                        span { strong { "Pounds (lb)" } }
                    }
                    @if let Some(msg) = error { span.field-error #unit-error { (msg) } }
                }
                button type="submit" { "Save units" }
            }
        }
    }
}

fn coach_section(
    viewer: &Viewer,
    grants: &[GrantRow],
    reads: &[AuditEntry],
    failed: Option<&Failed<'_>>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Grants);
    let current: Vec<&GrantRow> = grants.iter().filter(|g| g.revoked_at.is_none()).collect();
    let past: Vec<&GrantRow> = grants.iter().filter(|g| g.revoked_at.is_some()).collect();
    html! {
        section.card #coach aria-labelledby="coach-h" {
            h2 #coach-h { "Share with a coach" }
            (error_summary(error))
            p { "A coach or pelvic-health physio can follow your screening, programme and logs once you enter her invitation code. You can stop sharing at any time, and you see every time she reads your data." }
            @if current.is_empty() {
                p.muted { "No coach can see your data." }
            } @else {
                h3 { "Coaches who can see your data" }
                ul.rows {
                    @for g in &current {
                        li {
                            div {
                                strong { (g.display_name) } " " span.muted { "(" (g.email) ")" }
                                br;
                                span.muted { "Since " (human_day(g.created_at)) }
                            }
                            form method="post" action=(format!("/account/grants/{}/revoke", g.id))
                                data-confirm=(format!("Stop sharing your data with {}?", g.display_name)) {
                                (csrf_field(&viewer.csrf))
                                button.secondary type="submit" {
                                    "Stop sharing" span.visually-hidden { " with " (g.display_name) }
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action="/account/grants#coach" novalidate {
                (csrf_field(&viewer.csrf))
                (input_field("code", "code", "Invitation code", "text",
                    &Failed::value(failed, Section::Grants, "code"),
                    Some("The code your coach gave you. It works once, for 14 days."),
                    field_error(error, "code"), Some(("autocomplete", "off"))))
                button type="submit" { "Share with this coach" }
            }
            @if !past.is_empty() {
                details {
                    summary { "Coaches you stopped sharing with (" (past.len()) ")" }
                    ul {
                        @for g in &past {
                            li {
                                (g.display_name) " (" (g.email) "), "
                                (human_day(g.created_at)) " to "
                                (g.revoked_at.map(human_day).unwrap_or_default())
                            }
                        }
                    }
                }
            }
            details {
                summary { "Who has read your data" @if !reads.is_empty() { " (" (reads.len()) ")" } }
                @if reads.is_empty() {
                    p.muted { "Nobody else has read your data." }
                } @else {
                    ul.reads {
                        @for r in reads {
                            li {
                                strong { (r.actor_email) } " " (read_words(&r.action)) ", "
                                span.muted { (human_time(r.at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What an audit entry's action means, in words.
fn read_words(action: &str) -> String {
    if action.ends_with("(summary)") {
        "saw you in her client list".to_owned()
    } else if action.contains("/report") {
        "opened your report".to_owned()
    } else if action.starts_with("GET /coach/clients/") {
        "opened your client page".to_owned()
    } else if let Some(what) = action.rsplit('/').next()
        && action.starts_with("GET /api/v1/clients/")
    {
        format!("read your {} (API)", what.replace('_', " "))
    } else {
        format!("read {action}")
    }
}

fn calendar_section(
    viewer: &Viewer,
    headers: &HeaderMap,
    feed: Option<&(String, i64)>,
    once: &Once,
    failed: Option<&Failed<'_>>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Calendar);
    let current: Vec<String> = feed
        .map(|(r, _)| serde_json::from_str(r).unwrap_or_default())
        .unwrap_or_else(|| {
            calendar::DEFAULT_REMINDERS
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        });
    // What she typed, position by position (blanks included), after a failed form.
    let typed: Option<Vec<String>> = failed.filter(|f| f.section == Section::Calendar).map(|f| {
        f.form
            .pairs()
            .iter()
            .filter(|(k, _)| k == "reminders")
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    });
    let values: Vec<String> = (0..calendar::MAX_REMINDERS)
        .map(|i| match &typed {
            Some(t) => t.get(i).cloned().unwrap_or_default(),
            None => current.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    // The API numbers the times it was given (the filled ones); map back to the boxes.
    let filled: Vec<usize> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, _)| i)
        .collect();
    let bad_box = error.and_then(|e| e.field.as_deref()).and_then(|f| {
        let n: usize = f
            .strip_prefix("reminders[")?
            .strip_suffix(']')?
            .parse()
            .ok()?;
        filled.get(n).copied()
    });
    let new_url = once
        .feed_path
        .as_deref()
        .map(|path| crate::extract::public_url(headers, path));
    let form = html! {
        form method="post" action="/account/calendar#calendar" novalidate {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { "Pelvic-floor reminder times" }
                span.hint #reminders-hint { "Up to 6 a day. Leave them all empty for no reminders. The NHS suggests practising 3 times a day." }
                div.times {
                    @for (i, v) in values.iter().enumerate() {
                        @let id = format!("reminder-{}", i + 1);
                        @let bad = bad_box == Some(i);
                        div.field {
                            label for=(id) { "Reminder " (i + 1) }
                            input id=(id) name="reminders" type="time" value=(v)
                                aria-describedby=(if bad { "reminders-hint reminders-error" } else { "reminders-hint" })
                                aria-invalid=[bad.then_some("true")];
                        }
                    }
                }
                @if let Some(e) = error {
                    span.field-error #reminders-error { (e.message) }
                }
            }
            button type="submit" { @if feed.is_some() { "Make a new calendar link" } @else { "Make my calendar link" } }
        }
    };
    html! {
        section.card #calendar aria-labelledby="calendar-h" {
            h2 #calendar-h { "Calendar" }
            (error_summary(error))
            p { "Add your sessions and pelvic-floor reminders to your phone's calendar: it subscribes to a private address and keeps up as your plan changes." }
            @if let Some(url) = &new_url {
                div.notice.ok.secret role="status" {
                    p { strong { "Your calendar address (shown only this once):" } }
                    p.secret-value { code { (url) } }
                    p { "Copy it now. On an iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar. In Google Calendar on a computer: Other calendars → + → From URL." }
                    p { "Keep it private: anyone with it can see your sessions." }
                }
            }
            @match feed {
                Some((_, made)) => {
                    p {
                        span.tag.ok { "On" } " Made " (human_day(*made))
                        @if current.is_empty() { ", with no pelvic-floor reminders." }
                        @else { ", with pelvic-floor reminders at " (current.join(", ")) "." }
                    }
                    @if new_url.is_none() {
                        p.muted { "The address is shown only when it is made. Lost it? Make a new one: the old one stops working." }
                    }
                }
                None => { p { span.tag { "Off" } " You have no calendar link." } }
            }
            @if feed.is_some() {
                details open[error.is_some()] {
                    summary { "Change reminder times (makes a new address)" }
                    (form)
                }
            } @else {
                (form)
            }
            @if feed.is_some() {
                form method="post" action="/account/calendar/delete"
                    data-confirm="Turn off your calendar link? Calendars subscribed to it stop updating." {
                    (csrf_field(&viewer.csrf))
                    button.secondary type="submit" { "Turn off the calendar link" }
                }
            }
        }
    }
}

fn data_section(member: bool) -> Markup {
    html! {
        section.card #data aria-labelledby="data-h" {
            h2 #data-h { "Your data" }
            p { "Download everything stored about you: account, "
                @if member { "questionnaires, screenings, programmes, logs, coaches and who read your data" }
                @else { "clients and API tokens" }
                ", as one JSON file." }
            div.actions {
                a.button.secondary href="/account/export" download="mumstrong-export.json" { "Download all my data (JSON)" }
                @if member {
                    a.button.secondary href="/account/export?format=strong-csv" download="mumstrong-strong.csv" { "Download my sets for other apps (CSV)" }
                }
            }
            @if member {
                p.hint { "The CSV uses the Strong app's layout, which many training apps import." }
                h3 { "Bring your history, or share it" }
                div.actions {
                    a.button.secondary href="/import" { "Import from Strong, Hevy or FitNotes" }
                    a.button.secondary href="/report" { "Report for my coach or physio" }
                }
            }
        }
    }
}

fn tokens_section(
    viewer: &Viewer,
    tokens: &[ApiToken],
    once: &Once,
    failed: Option<&Failed<'_>>,
) -> Markup {
    let error = Failed::error_for(failed, Section::Tokens);
    html! {
        section.card #tokens aria-labelledby="tokens-h" {
            h2 #tokens-h { "API tokens" }
            (error_summary(error))
            p { "For your own scripts and apps: send a token as " code { "Authorization: Bearer …" } " to the API. "
                @if viewer.is_member() { "A token can read and log like you" } @else { "A token can read your clients' data like you" }
                ", but cannot make tokens, change your password, grant a coach access, make a calendar feed, sign you out everywhere or delete your account." }
            @if let Some(t) = &once.token {
                div.notice.ok.secret role="status" {
                    p { strong { "Your new token (shown only this once):" } }
                    p.secret-value { code { (t) } }
                    p { "Copy it now and keep it somewhere safe. If you lose it, delete it and make another." }
                }
            }
            @if tokens.is_empty() {
                p.muted { "You have no API tokens." }
            } @else {
                ul.rows {
                    @for t in tokens {
                        li {
                            div {
                                strong { (t.name) }
                                br;
                                span.muted {
                                    "Made " (human_day(t.created_at)) ". "
                                    @match t.expires_at {
                                        Some(e) => { "Expires " (human_day(e)) ". " }
                                        None => { "Does not expire. " }
                                    }
                                    @match t.last_used_at {
                                        Some(u) => { "Last used " (human_day(u)) "." }
                                        None => { "Never used." }
                                    }
                                }
                            }
                            form method="post" action=(format!("/account/tokens/{}/delete", t.id))
                                data-confirm=(format!("Delete the token “{}”? Scripts using it stop working.", t.name)) {
                                (csrf_field(&viewer.csrf))
                                button.secondary type="submit" {
                                    "Delete" span.visually-hidden { " token " (t.name) }
                                }
                            }
                        }
                    }
                }
            }
            details open[error.is_some()] {
                summary { "Make a token" }
                form method="post" action="/account/tokens#tokens" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input_field("token-name", "name", "Name", "text",
                        &Failed::value(failed, Section::Tokens, "name"),
                        Some("What it is for, such as “weekly export”."),
                        field_error(error, "name"), Some(("autocomplete", "off"))))
                    (input_field("token-days", "expires_in_days", "Expires after (days, optional)", "text",
                        &Failed::value(failed, Section::Tokens, "expires_in_days"),
                        Some("1 to 365. Leave empty for a token that does not expire."),
                        field_error(error, "expires_in_days"), Some(("inputmode", "numeric"))))
                    button type="submit" { "Make token" }
                }
            }
        }
    }
}

fn password_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = Failed::error_for(failed, Section::Password);
    html! {
        section.card #password aria-labelledby="password-h" {
            h2 #password-h { "Change password" }
            (error_summary(error))
            p { "Every other session (other phones and computers) ends, and every API token of yours is deleted. You stay signed in here." }
            details open[error.is_some()] {
                summary { "Change my password" }
                form method="post" action="/account/password#password" novalidate {
                    (csrf_field(&viewer.csrf))
                    (input_field("password-current", "current_password", "Current password", "password", "",
                        None, field_error(error, "current_password"),
                        Some(("autocomplete", "current-password"))))
                    (input_field("password-new", "new_password", "New password", "password", "",
                        Some("At least 10 characters; a few words make a good one."),
                        field_error(error, "new_password"),
                        Some(("autocomplete", "new-password"))))
                    div.actions { button type="submit" { "Change password" } }
                }
            }
        }
    }
}

fn delete_section(viewer: &Viewer, failed: Option<&Failed<'_>>) -> Markup {
    let error = Failed::error_for(failed, Section::Delete);
    let confirm_error = field_error(error, "confirm");
    html! {
        section.card.danger-zone #delete aria-labelledby="delete-h" {
            h2 #delete-h { "Delete account" }
            (error_summary(error))
            p { "Deletes your account and everything stored about you, at once and for good. "
                @if viewer.is_member() { "Coaches you share with lose access. " } @else { "Your clients' data stays theirs; you lose access to it. " }
                "Download your data first if you want to keep it." }
            details open[error.is_some()] {
                summary { "Delete my account" }
                form method="post" action="/account/delete#delete" novalidate
                    data-confirm="Delete your account and all your data for good? This cannot be undone." {
                    (csrf_field(&viewer.csrf))
                    (input_field("delete-password", "password", "Your password", "password", "",
                        Some("To make sure it is you."), field_error(error, "password"),
                        Some(("autocomplete", "current-password"))))
                    label.choice for="delete-confirm" {
                        input #delete-confirm type="checkbox" name="confirm" value="yes"
                            checked[failed.is_some_and(|f| f.section == Section::Delete && f.form.checked("confirm"))]
                            aria-describedby=[confirm_error.map(|_| "delete-confirm-error")]
                            aria-invalid=[confirm_error.map(|_| "true")];
                        span { "I understand that this deletes my account and all my data, and cannot be undone." }
                    }
                    @if let Some(msg) = confirm_error {
                        span.field-error #delete-confirm-error { (msg) }
                    }
                    div.actions { button.danger type="submit" { "Delete my account for good" } }
                }
            }
        }
    }
}

// ---- the forms ---------------------------------------------------------------------------------

async fn set_unit(
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

async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> PageResult {
    let format = crate::extract::query_word(&query, "format")?;
    let mut response = accounts::export(&state, &viewer.user, format)
        .await?
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

async fn create_token(
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

async fn delete_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    _form: WebForm,
) -> PageResult {
    let id = path_id(&id)?;
    accounts::delete_token(&state, &viewer.user, id).await?;
    Ok(see_other("/account?done=token-deleted#tokens"))
}

async fn redeem(
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

async fn revoke(
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

async fn make_feed(
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
    let result = calendar::create_feed(&state, &viewer.user, Some(reminders), &headers).await;
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

async fn delete_feed(State(state): State<AppState>, viewer: Viewer, _form: WebForm) -> PageResult {
    viewer.member()?;
    calendar::delete_feed(&state, &viewer.user).await?;
    Ok(see_other("/account?done=calendar-off#calendar"))
}

async fn change_password(
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

async fn logout_everywhere(
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

async fn delete_account(
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

async fn goodbye(visitor: Visitor) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_put_in_words() {
        assert_eq!(
            read_words("GET /api/v1/coach/clients (summary)"),
            "saw you in her client list"
        );
        assert_eq!(
            read_words("GET /coach/clients/7"),
            "opened your client page"
        );
        assert_eq!(
            read_words("GET /api/v1/clients/7/report"),
            "opened your report"
        );
        assert_eq!(
            read_words("GET /api/v1/clients/7/screening"),
            "read your screening (API)"
        );
    }

    #[test]
    fn once_cookies_are_found_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; mumstrong_once_token=ms_abc; b=2"),
        );
        assert_eq!(
            once_value(&headers, TOKEN_COOKIE).as_deref(),
            Some("ms_abc")
        );
        assert_eq!(once_value(&headers, FEED_COOKIE), None);
    }
}
