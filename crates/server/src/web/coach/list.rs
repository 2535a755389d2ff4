//! The coach's client list and the invitation codes she makes for new clients.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::IntoResponse;
use maud::{Markup, html};
use mumstrong_core::vocab::Symptom;
use time::Date;

use crate::AppState;
use crate::app::coaching::{self, ClientFlag, ClientSummary};
use crate::web::account::{clear_once, once_value, see_other_with_once};
use crate::web::human_time;
use crate::web::{Nav, PageResult, Viewer, WebForm, csrf_field, page};

use super::sections::short_date;
use super::words::{INACTIVE_DAYS, days_ago};
use super::{INVITE_COOKIE, refuse_member};

pub(super) async fn clients(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let list = coaching::clients(&state, viewer.coach()?).await?;
    let rows = list.clients;
    let today = state.today();
    let body = html! {
        h1 { "Your clients" }
        @if rows.is_empty() {
            section.card.empty-state aria-labelledby="empty-h" {
                h2 #empty-h { "No clients yet" }
                p { "A client appears here once she shares her data with you. To invite her:" }
                ol.points {
                    li { "Make an invitation code below." }
                    li { "Send it to her (a message is easiest; the code is long)." }
                    li { "She enters it in mumstrong under " strong { "Account → Share with a coach" } "." }
                }
                p { "She can stop sharing at any time, and she sees every time you open her data." }
                (invite_form(&viewer, true))
            }
        } @else {
            p.muted { "Those who need you most come first: urgent warning signs, then referrals, then recent symptoms, then the longest inactive." }
            h2.visually-hidden { "Clients" }
            ul.client-list {
                @for row in &rows {
                    (client_row(row, today))
                }
            }
            section.card aria-labelledby="invite-h" {
                h2 #invite-h { "Invite a client" }
                p { "She enters the code under " strong { "Account → Share with a coach" } ". Each code works once, for " (coaching::INVITATION_DAYS) " days." }
                (invite_form(&viewer, false))
            }
        }
    };
    Ok(page(&viewer, "Your clients", Nav::Clients, body).into_response())
}

fn invite_form(viewer: &Viewer, primary: bool) -> Markup {
    html! {
        form method="post" action="/coach/invitations" {
            (csrf_field(&viewer.csrf))
            @if primary {
                button type="submit" { "Make an invitation code" }
            } @else {
                button.secondary type="submit" { "Make an invitation code" }
            }
        }
    }
}

fn client_row(row: &ClientSummary, today: Date) -> Markup {
    let id = row.member_id;
    let name = &row.display_name;
    let last = row
        .last_activity
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .map(|t| t.date());
    let inactive = last.is_none_or(|d| (today - d).whole_days() >= INACTIVE_DAYS);
    let class = match row.flag {
        ClientFlag::Urgent => "client flag-urgent",
        ClientFlag::Referral => "client flag-referral",
        ClientFlag::Symptoms => "client flag-symptoms",
        ClientFlag::None if inactive => "client flag-inactive",
        ClientFlag::None => "client",
    };
    html! {
        li class=(class) {
            h3 { a href=(format!("/coach/clients/{id}")) { (name) } }
            p.tags {
                @if let Some(label) = row.flag.label() {
                    @if row.flag == ClientFlag::Urgent {
                        span.tag.stop { (label) } " "
                    } @else {
                        span.tag.warn { (label) } " "
                    }
                }
                @if inactive {
                    span.tag { "Inactive" } " "
                }
                @if row.flag == ClientFlag::None && !inactive {
                    span.tag.ok { "On track" } " "
                }
                @match row.screening {
                    "no_profile" => { span.tag { "No questionnaire yet" } }
                    "profile_outdated" => { span.tag { "Questionnaire needs updating" } }
                    _ => {}
                }
            }
            dl.facts {
                dt { "After birth" }
                dd {
                    @match row.weeks_postpartum {
                        Some(w) => { (w) " weeks" }
                        None => { span.muted { "not known yet" } }
                    }
                }
                dt { "Last activity" }
                dd {
                    @match last {
                        Some(d) => { (days_ago(today, d)) span.muted { " (" (short_date(d)) ")" } }
                        None => { span.muted { "nothing logged yet" } }
                    }
                }
                @if !row.referrals.is_empty() {
                    dt { "Refer to" }
                    dd { (row.referrals.iter().map(|r| r.short_label()).collect::<Vec<_>>().join(", ")) }
                }
                @if !row.recent_symptoms.is_empty() {
                    dt { "Symptoms" }
                    dd { (row.recent_symptoms.iter().map(|s| Symptom::label_of(s)).collect::<Vec<_>>().join(", ")) span.muted { " (2 weeks)" } }
                }
            }
            p.open { a href=(format!("/coach/clients/{id}")) { "Open " (name) "’s page" } }
        }
    }
}

// ---- invitation codes --------------------------------------------------------------------------

pub(super) async fn make_invitation(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    _form: WebForm,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let made = coaching::create_invitation(&state, viewer.coach()?).await?;
    let (code, expires) = (made.code.as_str(), made.expires_at);
    see_other_with_once(
        &state,
        &headers,
        "/coach/invitations/new",
        (INVITE_COOKIE, "/coach"),
        &format!("{expires}.{code}"),
    )
}

pub(super) async fn show_invitation(viewer: Viewer, headers: HeaderMap) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let made = once_value(&headers, INVITE_COOKIE).and_then(|v| {
        let (expires, code) = v.split_once('.')?;
        Some((expires.parse::<i64>().ok()?, code.to_owned()))
    });
    let body = html! {
        @match &made {
            Some((expires, code)) => {
                h1 { "Invitation code" }
                p { "Give her this code. It is shown only this once, so copy it now." }
                div.invite-code {
                    p.visually-hidden #code-label { "The code:" }
                    p.code-value aria-describedby="code-label" { code { (code) } }
                }
                p { strong { "It works once, until " (human_time(*expires)) "." } }
                h2 { "How she uses it" }
                ol.points {
                    li { "Send her the code, for example in a message." }
                    li { "She signs in to mumstrong (or makes an account) and opens " strong { "Account" } "." }
                    li { "Under " strong { "Share with a coach" } " she pastes the code and presses " strong { "Share with this coach" } "." }
                    li { "She then appears in your client list." }
                }
            }
            None => {
                h1 { "Invitation code" }
                div.notice.info { p { "An invitation code is shown only once, right after it is made. If you did not copy it, make a new one: codes nobody uses simply expire." } }
            }
        }
        div.actions.invite-actions {
            a.button.secondary href="/coach" { "Back to your clients" }
            form method="post" action="/coach/invitations" {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" { "Make another code" }
            }
        }
    };
    let mut response = page(&viewer, "Invitation code", Nav::Clients, body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if made.is_some() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, clear_once(INVITE_COOKIE, "/coach")?);
    }
    Ok(response)
}
