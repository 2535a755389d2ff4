//! The coach's caseload (a table she can search, filter, sort and page, urgent clients first)
//! and, under it, her open invitation codes.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use maud::{Markup, html};
use mumstrong_core::vocab::Symptom;
use time::Date;

use crate::AppState;
use crate::app::caseload::{CaseloadQuery, FlagFilter, SortBy, caseload};
use crate::app::coaching::{self, ClientFlag, ClientSummary};
use crate::error::HttpStatus;
use crate::web::{Nav, PageResult, Viewer, csrf_field, error_summary, page, urlencode};
use mumstrong_core::text::plural;

use super::invite::{open_invitations, revoked_notice};
use super::refuse_member;
use super::sections::short_date;
use super::words::days_ago;

pub(super) async fn clients(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Query(words): Query<HashMap<String, String>>,
) -> PageResult {
    if let Some(refused) = refuse_member(&viewer) {
        return Ok(refused);
    }
    let list = coaching::clients(&state, viewer.coach()?).await?;
    let open = coaching::open_invitations(&state, viewer.coach()?).await?;
    let now = state.now_unix();
    let revoked = revoked_notice(&words);
    let word = |k: &str| words.get(k).map(String::as_str);
    let (query, error) = match CaseloadQuery::parse(
        word("q"),
        word("flag"),
        word("sort"),
        word("dir"),
        word("page"),
    ) {
        Ok(q) => (q, None),
        Err(e) => (CaseloadQuery::default(), Some(e)),
    };
    let shown = caseload(&list.clients, &query);
    let today = state.today();
    let body = html! {
        h1 { "Your clients" }
        @if let Some(n) = &revoked {
            div.notice.ok role="status" { p { (n) } }
        }
        @if list.clients.is_empty() {
            section.card.empty-state aria-labelledby="empty-h" {
                h2 #empty-h { "No clients yet" }
                p { "A client appears here once she shares her data with you. To invite her:" }
                ol.points {
                    li { "Make an invitation code below." }
                    li { "Read it out to her, send it, or let her scan its QR code." }
                    li { "She enters it in mumstrong under " strong { "Account → Share with a coach" } "." }
                }
                p { "She can stop sharing at any time, and she sees every time you open her data." }
                div #invite { (open_invitations(&viewer, &headers, &open, now)) }
                (invite_form(&viewer, true))
            }
        } @else {
            (error_summary(error.as_ref()))
            (caseload_form(&query))
            p.muted #caseload-count aria-live="polite" {
                @if shown.matching == shown.total {
                    (plural(shown.total as i64, "client", "clients"))
                } @else {
                    (shown.matching) " of " (plural(shown.total as i64, "client", "clients"))
                }
                @if shown.pages > 1 { " · page " (shown.page) " of " (shown.pages) }
                ". Urgent clients always come first; then the order you chose."
            }
            @if shown.rows.is_empty() {
                p { "No client matches. " a href="/coach" { "Show everyone" } }
            } @else {
                (caseload_table(&shown.rows, &query, today))
            }
            @if shown.pages > 1 { (pager(&query, shown.page, shown.pages)) }
            section.card #invite aria-labelledby="invite-h" {
                h2 #invite-h { "Invite a client" }
                p { "She enters the code under " strong { "Account → Share with a coach" } ". Each code works once, for " (coaching::INVITATION_DAYS) " days." }
                (open_invitations(&viewer, &headers, &open, now))
                (invite_form(&viewer, false))
            }
        }
    };
    let status = error
        .as_ref()
        .map_or(axum::http::StatusCode::OK, |e| e.status());
    Ok((status, page(&viewer, "Your clients", Nav::Clients, body)).into_response())
}

/// The list's address for a query, with `page` set; the default words are left out.
fn caseload_href(q: &CaseloadQuery, sort: SortBy, reversed: bool, page: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !q.search.is_empty() {
        parts.push(format!("q={}", urlencode(&q.search)));
    }
    if q.flag != FlagFilter::All {
        parts.push(format!("flag={}", q.flag.word()));
    }
    if sort != SortBy::Attention {
        parts.push(format!("sort={}", sort.word()));
    }
    if reversed {
        parts.push("dir=desc".to_owned());
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/coach".to_owned()
    } else {
        format!("/coach?{}", parts.join("&"))
    }
}

fn caseload_form(q: &CaseloadQuery) -> Markup {
    html! {
        form.caseload-form method="get" action="/coach" role="search" aria-label="Find a client" {
            div.field {
                label for="q" { "Name or email" }
                input #q name="q" type="search" value=(q.search) autocomplete="off";
            }
            div.field {
                label for="flag" { "Show" }
                select #flag name="flag" {
                    @for (f, w, label) in FlagFilter::ALL {
                        option value=(w) selected[f == q.flag] { (label) }
                    }
                }
            }
            div.field {
                label for="sort" { "Sort by" }
                select #sort name="sort" {
                    @for (s, w, label) in SortBy::ALL {
                        option value=(w) selected[s == q.sort] { (label) }
                    }
                }
            }
            @if q.reversed { input type="hidden" name="dir" value="desc"; }
            div.actions { button.secondary type="submit" { "Show" } }
        }
    }
}

/// A column heading that sorts by it (again: the other way round).
fn sort_heading(q: &CaseloadQuery, sort: SortBy, label: &str) -> Markup {
    let current = q.sort == sort;
    let reversed = current && !q.reversed;
    let aria = match (current, q.reversed) {
        (false, _) => None,
        (true, false) => Some("ascending"),
        (true, true) => Some("descending"),
    };
    html! {
        th scope="col" aria-sort=[aria] {
            a href=(caseload_href(q, sort, reversed, 1)) {
                (label)
                @if current { span aria-hidden="true" { (if q.reversed { " ▲" } else { " ▼" }) } }
            }
        }
    }
}

fn caseload_table(rows: &[&ClientSummary], q: &CaseloadQuery, today: Date) -> Markup {
    html! {
        table.caseload {
            caption.visually-hidden { "Your clients, urgent first" }
            thead {
                tr {
                    (sort_heading(q, SortBy::Name, "Name"))
                    (sort_heading(q, SortBy::Weeks, "After birth"))
                    (sort_heading(q, SortBy::Attention, "Flags"))
                    (sort_heading(q, SortBy::LastActivity, "Last activity"))
                    (sort_heading(q, SortBy::Adherence, "This week"))
                }
            }
            tbody {
                @for row in rows { (client_row(row, today)) }
            }
        }
    }
}

fn pager(q: &CaseloadQuery, page: usize, pages: usize) -> Markup {
    html! {
        nav.pager aria-label="Pages of clients" {
            @if page > 1 {
                a.button.secondary href=(caseload_href(q, q.sort, q.reversed, page - 1)) rel="prev" { "← Previous" }
            }
            span.muted { "Page " (page) " of " (pages) }
            @if page < pages {
                a.button.secondary href=(caseload_href(q, q.sort, q.reversed, page + 1)) rel="next" { "Next →" }
            }
        }
    }
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
    let inactive = row.inactive;
    let class = match row.flag {
        ClientFlag::Urgent => "client flag-urgent",
        ClientFlag::Referral => "client flag-referral",
        ClientFlag::Symptoms => "client flag-symptoms",
        ClientFlag::None if inactive => "client flag-inactive",
        ClientFlag::None => "client",
    };
    html! {
        tr class=(class) {
            th scope="row" data-label="Name" { a href=(format!("/coach/clients/{id}")) { (name) } }
            td data-label="After birth" {
                @match row.weeks_postpartum {
                    Some(w) => { (w) " weeks" }
                    None => { span.muted { "not known yet" } }
                }
            }
            td.tags data-label="Flags" {
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
                @if !row.referrals.is_empty() {
                    span.detail { "Refer to " (row.referrals.iter().map(|r| r.short_label()).collect::<Vec<_>>().join(", ")) }
                }
                @if !row.recent_symptoms.is_empty() {
                    span.detail { (row.recent_symptoms.iter().map(|s| Symptom::label_of(s)).collect::<Vec<_>>().join(", ")) " (2 weeks)" }
                }
            }
            td data-label="Last activity" {
                @match last {
                    Some(d) => { (days_ago(today, d)) span.muted { " (" (short_date(d)) ")" } }
                    None => { span.muted { "nothing logged yet" } }
                }
            }
            td data-label="This week" {
                @match row.days_planned_this_week {
                    Some(planned) => { (row.days_trained_this_week) " of " (planned) " days" }
                    None => { span.muted { "no plan yet" } }
                }
            }
        }
    }
}
