//! The coach's pages: her clients, the ones needing attention first; invitation codes; and one
//! client's screening, programme and recent logs.
//!
//! Everything goes through the coach's use cases (`crate::app::coaching`), as the API does: the
//! list is the API's client list (same order, same hourly audit), and a client page passes the same access check
//! and writes the same audit entry as the API's client reads, so a coach without a live grant
//! sees the same 404 whether or not the id exists.

use std::collections::{BTreeMap, HashMap};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use maud::{Markup, html};
use mumstrong_core::screening::{ExerciseLevel, Reason};
use mumstrong_core::state::{Help, Outcome};
use mumstrong_core::vocab::{RedFlag, Symptom};
use serde_json::Value;
use time::{Date, Duration};

use super::account::{clear_once, once_value, see_other_with_once};
use super::human_time;
use super::phase_title;
use super::urgent::{self, Reader};
use super::{Nav, PageError, PageResult, Unit, Viewer, WebForm, csrf_field, human_date, page};
use crate::AppState;
use crate::app::coaching::{ClientFlag, ClientSummary};
use crate::app::member::{CheckInOut, LogsView, ScreeningView, SetOut};
use crate::app::{coaching, member};
use crate::domain;
use crate::error::AppError;

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/coach", get(clients))
        .route("/coach/invitations", post(make_invitation))
        .route("/coach/invitations/new", get(show_invitation))
        .route("/coach/clients/{id}", get(client))
}

/// The cookie that carries a new invitation code to the page that shows it once.
const INVITE_COOKIE: &str = "mumstrong_once_invite";

// ---- words -------------------------------------------------------------------------------------

/// A vocabulary word as a short label: `pelvic_heaviness` → `pelvic heaviness`.
fn word_label(word: &str) -> String {
    word.replace('_', " ")
}

fn symptom_title(word: &str) -> String {
    Symptom::from_word(word).map_or_else(|| word_label(word), |s| s.describe().to_owned())
}

fn red_flag_title(word: &str) -> String {
    RedFlag::from_word(word).map_or_else(|| word_label(word), |s| s.describe().to_owned())
}

fn exercise_name(id: &str) -> String {
    domain::library()
        .get(id)
        .map_or_else(|| word_label(id), |e| e.name.clone())
}

fn strs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn date_of(value: &Value) -> Option<Date> {
    value
        .as_str()
        .and_then(|s| mumstrong_core::profile::parse_iso_date(s).ok())
}

/// How long ago, in days: `today`, `yesterday`, `9 days ago`.
fn days_ago(today: Date, day: Date) -> String {
    match (today - day).whole_days() {
        d if d <= 0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        d => format!("{d} days ago"),
    }
}

/// Days without a log after which a client counts as inactive.
const INACTIVE_DAYS: i64 = 7;

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

// ---- the client list ---------------------------------------------------------------------------

async fn clients(State(state): State<AppState>, viewer: Viewer) -> PageResult {
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

async fn make_invitation(
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

async fn show_invitation(viewer: Viewer, headers: HeaderMap) -> PageResult {
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

// ---- one client --------------------------------------------------------------------------------

/// An API error that only means "nothing yet" (no profile, no programme).
fn nothing_yet<T>(result: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.status == StatusCode::CONFLICT => Ok(None),
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
    let id = coaching::client_access(&state, &viewer.user, member_id, &Method::GET, &uri).await?;
    let Some((member, _)) = state.store.user_by_id(id).await? else {
        return Err(PageError(AppError::not_found(format!(
            "no client {id} has granted you access"
        ))));
    };
    let today = state.today();
    let screening = nothing_yet(member::screening_view(&state, id).await)?;
    let programme = nothing_yet(member::programme_view(&state, id).await)?
        .map(|s| serde_json::from_str::<Value>(&s).map_err(AppError::internal))
        .transpose()?;
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
        Some(crate::web::progress::progress_charts(&state, id, viewer.unit).await?);
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
        (programme_section(programme.as_ref(), &logs, today))
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

fn screening_section(view: &ScreeningView) -> Markup {
    let s = &view.screening;
    let state = &view.state;
    let mut ordered: Vec<&Reason> = s.reasons.iter().collect();
    // Urgent first, then those that refer her on, then the rest, each in the engine's order.
    ordered.sort_by_key(|r| {
        if r.urgent {
            0
        } else if r.referral.is_some() {
            1
        } else {
            2
        }
    });
    let outcome_class = match state.outcome {
        Outcome::Urgent => "tag stop",
        Outcome::Refer => "tag warn",
        Outcome::Clear => "tag ok",
    };
    html! {
        @if let Some(stop) = &state.urgent {
            (urgent::stop(stop, Reader::Coach))
        }
        section.card aria-labelledby="screening-h" {
            h2 #screening-h { "Screening" }
            p {
                span class=(outcome_class) { (state.outcome.label()) }
                " " span.muted { "as of " (human_date(s.as_of)) }
            }
            dl.facts.summary {
                dt { "Stage" }
                dd { (s.stage.describe()) }
                dt { "Exercise" }
                dd {
                    @match s.exercise {
                        ExerciseLevel::Stop => { "none until she has had help" }
                        ExerciseLevel::Gentle => { "gentle only: pelvic floor, breathing, walking, mobility" }
                        ExerciseLevel::Progressive => { "progressive strength training" }
                    }
                }
                dt { "Impact" }
                dd { (yes_no(state.impact_allowed, "allowed", "not yet")) }
                dt { "Heavy, breath-holding work" }
                dd { (yes_no(s.high_pressure_allowed, "allowed", "not yet")) }
                @if let Some(limit) = &s.lifting_limit {
                    dt { "Lifting limit" }
                    dd {
                        @if limit.max == "baby_weight" { "nothing heavier than her baby" } @else { (word_label(limit.max)) }
                        " until " (human_date(limit.until))
                    }
                }
                dt { "Running" }
                dd {
                    @if state.running.cleared {
                        "cleared for a graded return"
                    } @else if state.running.waiting_for.is_empty() {
                        "not yet"
                    } @else {
                        details.inline {
                            summary { "not yet: " (state.running.waiting_for.len()) " to go" }
                            ul { @for b in &state.running.waiting_for { li { (b) } } }
                        }
                    }
                }
                @if let Some(e) = &s.epds {
                    dt { "EPDS (mood)" }
                    dd {
                        (e.score) " of 30, " (e.band) " depression"
                        @if e.self_harm { " " span.tag.stop { "self-harm item answered" } }
                    }
                }
            }
            @if state.urgent.is_none() {
                @let help: Vec<&Help> = state.help.iter().collect();
                @if !help.is_empty() {
                    h3 { "Who she should see" }
                    ul {
                        @for h in &help {
                            li { strong { (h.label) ": " } (h.advice) }
                        }
                    }
                }
            }
            @if !s.safe_now.is_empty() {
                details {
                    summary { "Safe now (" (s.safe_now.len()) ")" }
                    ul { @for item in &s.safe_now { li { (item) } } }
                }
            }
            @if !s.waits.is_empty() {
                h3 { "Waits" }
                ul {
                    @for w in &s.waits {
                        li {
                            strong { (w.what) }
                            @if let Some(until) = w.until { " until " (human_date(until)) }
                            ": " (w.why)
                        }
                    }
                }
            }
            h3 { "Reasons and sources" }
            ol.reasons {
                @for r in &ordered {
                    li {
                        @if r.urgent {
                            span.tag.stop { "Urgent" } " "
                        } @else if let Some(refer) = r.referral {
                            span.tag.warn { "Refer: " (refer.label()) } " "
                        }
                        (r.text)
                        br;
                        span.source { "Source: " (r.source) }
                    }
                }
            }
        }
    }
}

fn yes_no(value: bool, yes: &'static str, no: &'static str) -> &'static str {
    if value { yes } else { no }
}

/// The programme week that holds `today`, if any.
fn current_week(plan: &Value, today: Date) -> Option<&Value> {
    plan["weeks"].as_array()?.iter().find(|w| {
        date_of(&w["starts"])
            .is_some_and(|start| start <= today && today < start + Duration::days(7))
    })
}

fn programme_section(programme: Option<&Value>, logs: &LogsView, today: Date) -> Markup {
    // Sets logged per day, to show which of this week's sessions she did.
    let mut logged: BTreeMap<Date, usize> = BTreeMap::new();
    for set in &logs.sets {
        *logged.entry(set.date).or_default() += 1;
    }
    html! {
        section.card aria-labelledby="programme-h" {
            h2 #programme-h { "Programme" }
            @match programme {
                None => { p { "No programme yet." } }
                Some(p) if p["status"].as_str() == Some("urgent") => {
                    div.notice.stop { p { strong { "Stopped. " } "A warning sign stopped her programme until she has had help; see the screening above." } }
                }
                Some(p) => {
                    @let plan = &p["plan"];
                    @let total = plan["weeks"].as_array().map_or(0, Vec::len);
                    @match current_week(plan, today) {
                        Some(week) => {
                            dl.facts.summary {
                                dt { "Phase" }
                                dd { (phase_title(week["phase"].as_str().unwrap_or(""))) }
                                dt { "Week" }
                                dd {
                                    (week["week"].as_u64().unwrap_or(0)) " of " (total)
                                    @if week["deload"].as_bool() == Some(true) { " " span.tag { "lighter week" } }
                                }
                                dt { "Pelvic floor" }
                                dd {
                                    @let pf = &week["pelvic_floor"];
                                    (pf["slow_holds"]) " holds of " (pf["hold_seconds"]) " s and "
                                    (pf["quick_squeezes"]) " quick squeezes, " (pf["times_per_day"]) " times a day"
                                }
                                @if let Some(runs) = week["walk_run"]["runs"].as_array().filter(|r| !r.is_empty()) {
                                    // After the walk-run: each run by kind and minutes.
                                    dt { "Running" }
                                    dd { (runs.iter().map(|r| format!("{} {} min", r["kind"].as_str().unwrap_or("easy"), r["run_minutes"])).collect::<Vec<_>>().join(", ")) }
                                } @else if let Some(wr) = week["walk_run"].as_object() {
                                    dt { "Walk-run" }
                                    dd { "stage " (wr.get("stage").cloned().unwrap_or_default()) ", "
                                        (wr.get("sessions").cloned().unwrap_or_default()) " sessions of "
                                        (wr.get("session_minutes").cloned().unwrap_or_default()) " minutes" }
                                }
                            }
                            @if let Some(why) = week["phase_why"].as_str() { p.muted { (why) } }
                            h3 { "This week’s sessions" }
                            @let sessions = week["sessions"].as_array().cloned().unwrap_or_default();
                            @if sessions.is_empty() {
                                p { "No strength sessions this week." }
                            } @else {
                                table.stack.sessions {
                                    thead { tr { th scope="col" { "Day" } th scope="col" { "Session" } th scope="col" { "Done?" } } }
                                    tbody {
                                        @for s in &sessions {
                                            @let day = date_of(&s["date"]);
                                            tr {
                                                th.day scope="row" { (day.map(short_date).unwrap_or_default()) }
                                                td {
                                                    strong { (s["title"].as_str().unwrap_or("")) }
                                                    " " span.muted { "(" (s["estimated_minutes"]) " min)" }
                                                    br;
                                                    span.small {
                                                        (s["exercises"].as_array().map(|ex| ex.iter()
                                                            .filter_map(|e| e["name"].as_str())
                                                            .collect::<Vec<_>>().join(", ")).unwrap_or_default())
                                                    }
                                                }
                                                td {
                                                    @match day {
                                                        Some(d) if logged.get(&d).is_some_and(|n| *n > 0) => {
                                                            span.tag.ok { "Logged (" (logged[&d]) " sets)" }
                                                        }
                                                        Some(d) if d < today => { span.tag.warn { "Not logged" } }
                                                        Some(d) if d == today => { span.tag { "Today" } }
                                                        _ => { span.tag { "Coming" } }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        None => {
                            @let start = date_of(&p["start"]);
                            @if start.is_some_and(|s| s > today) {
                                p { "Her programme starts on " (start.map(human_date).unwrap_or_default()) "." }
                            } @else {
                                p { "Her " (total) "-week programme has finished; she can start a new one." }
                            }
                        }
                    }
                    @let adaptations = plan["adaptations"].as_array().cloned().unwrap_or_default();
                    @let (ups, holds): (Vec<&Value>, Vec<&Value>) = adaptations.iter().partition(|a| a["decision"].as_str() == Some("progress"));
                    @if !adaptations.is_empty() {
                        h3 { "Adaptations from her log" }
                        @if holds.is_empty() {
                            p { "Nothing held back: every exercise she logged goes up." }
                        } @else {
                            ul.adaptations {
                                @for a in &holds { li { (adaptation(a)) } }
                            }
                        }
                        @if !ups.is_empty() {
                            details {
                                summary { (ups.len()) " exercises progress" }
                                ul.adaptations {
                                    @for a in &ups { li { (adaptation(a)) } }
                                }
                            }
                        }
                    }
                    @let notes = strs(&plan["notes"]);
                    @if !notes.is_empty() {
                        h3 { "Notes" }
                        ul { @for n in &notes { li { (n) } } }
                    }
                }
            }
        }
    }
}

fn adaptation(a: &Value) -> Markup {
    html! {
        @match a["decision"].as_str().unwrap_or("") {
            "progress" => { span.tag.ok { "Progress" } }
            "regress" => { span.tag.warn { "Easier" } }
            _ => { span.tag { "Repeat" } }
        }
        " " (a["text"].as_str().unwrap_or(""))
    }
}

/// A number with its noun: `1 set`, `3 sets`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A short date for tables: `Wed 25 Nov`.
fn short_date(date: Date) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short] [day padding:none] [month repr:short]"
    );
    date.format(&fmt).unwrap_or_else(|_| date.to_string())
}

/// One logged set: reps done, reps aimed for, load in kg.
type LoggedSet = (i64, Option<i64>, Option<f64>);

/// One day of logged sets, for the log table: each exercise with its sets, the hardest effort,
/// and what she reported.
struct DayLog {
    date: Date,
    exercises: Vec<(String, Vec<LoggedSet>)>,
    max_rpe: Option<i64>,
    symptoms: Vec<String>,
    red_flags: Vec<String>,
}

fn day_logs(sets: &[SetOut]) -> Vec<DayLog> {
    let mut days: Vec<DayLog> = Vec::new();
    for set in sets {
        let date = set.date;
        let index = match days.iter().position(|d| d.date == date) {
            Some(i) => i,
            None => {
                days.push(DayLog {
                    date,
                    exercises: Vec::new(),
                    max_rpe: None,
                    symptoms: Vec::new(),
                    red_flags: Vec::new(),
                });
                days.len() - 1
            }
        };
        let day = &mut days[index];
        let exercise = set.exercise.clone();
        let one = (
            set.reps,
            set.target_reps,
            set.load_kg.filter(|kg| *kg > 0.0),
        );
        match day.exercises.iter_mut().find(|(e, _)| *e == exercise) {
            Some((_, sets)) => sets.push(one),
            None => day.exercises.push((exercise, vec![one])),
        }
        if let Some(rpe) = set.rpe {
            day.max_rpe = Some(day.max_rpe.map_or(rpe, |m| m.max(rpe)));
        }
        for w in &set.symptoms {
            if !day.symptoms.contains(w) {
                day.symptoms.push(w.clone());
            }
        }
        for w in &set.red_flags {
            if !day.red_flags.contains(w) {
                day.red_flags.push(w.clone());
            }
        }
    }
    days.sort_by_key(|d| std::cmp::Reverse(d.date));
    days
}

/// One exercise's sets in a line: `10, 10, 8/10 × 8 kg` (reps done / target when short), or
/// each set's load when they differ.
fn sets_line(sets: &[LoggedSet], unit: Unit) -> String {
    let reps = |(r, t, _): &LoggedSet| match t {
        Some(t) if t != r => format!("{r}/{t}"),
        _ => r.to_string(),
    };
    let first = sets.first().and_then(|s| s.2);
    if sets.iter().all(|s| s.2 == first) {
        let all: Vec<String> = sets.iter().map(reps).collect();
        match first {
            Some(kg) => format!("{} × {}", all.join(", "), unit.show(kg)),
            None => all.join(", "),
        }
    } else {
        sets.iter()
            .map(|s| match s.2 {
                Some(kg) => format!("{} × {}", reps(s), unit.show(kg)),
                None => reps(s),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn words_cell(symptoms: &[String], red_flags: &[String]) -> Markup {
    html! {
        @for f in red_flags {
            span.tag.stop title=(red_flag_title(f)) { "Warning sign: " (RedFlag::label_of(f)) } " "
        }
        @for s in symptoms {
            span.tag.warn title=(symptom_title(s)) { (Symptom::label_of(s)) } " "
        }
        @if symptoms.is_empty() && red_flags.is_empty() {
            "none"
        }
    }
}

fn logs_section(logs: &LogsView, unit: Unit) -> Markup {
    let sets = &logs.sets;
    let days = day_logs(sets);
    let mut checkins: Vec<&CheckInOut> = logs.checkins.iter().collect();
    checkins.sort_by_key(|c| std::cmp::Reverse(c.date));
    let pelvic_floor = logs.pelvic_floor.len();
    let from = human_date(logs.from);
    html! {
        section.card aria-labelledby="logs-h" {
            h2 #logs-h { "The last 2 weeks" }
            p.muted {
                "Since " (from) ": " (count(sets.len(), "set", "sets")) " on " (count(days.len(), "day", "days")) ", "
                (count(checkins.len(), "check-in", "check-ins")) " and "
                (count(pelvic_floor, "pelvic-floor practice", "pelvic-floor practices")) "."
            }
            h3 { "Sets" }
            @if days.is_empty() {
                p { "No sets logged in the last 2 weeks." }
            } @else {
                table.logs.stack {
                    caption.visually-hidden { "Sets of the last 2 weeks by day, newest first" }
                    thead {
                        tr {
                            th scope="col" { "Day" }
                            th scope="col" { "Exercises: reps × load" }
                            th scope="col" { "Hardest effort" }
                            th scope="col" { "Symptoms" }
                        }
                    }
                    tbody {
                        @for d in &days {
                            tr {
                                th.day scope="row" { (short_date(d.date)) }
                                td data-label="Sets" {
                                    ul.sets {
                                        @for (exercise, sets) in &d.exercises {
                                            li { (exercise_name(exercise)) ": " (sets_line(sets, unit)) }
                                        }
                                    }
                                }
                                td.inline data-label="Effort" { @match d.max_rpe { Some(r) => { "RPE " (r) } None => { "–" } } }
                                td data-label="Symptoms" { (words_cell(&d.symptoms, &d.red_flags)) }
                            }
                        }
                    }
                }
            }
            h3 { "Check-ins" }
            @if checkins.is_empty() {
                p { "No check-ins in the last 2 weeks." }
            } @else {
                table.logs.stack {
                    caption.visually-hidden { "Check-ins of the last 2 weeks, newest first" }
                    thead {
                        tr {
                            th scope="col" { "Day" }
                            th scope="col" { "Symptoms and warning signs" }
                            th scope="col" { "Effort" }
                            th scope="col" { "Mood (1–5)" }
                            th scope="col" { "Sleep" }
                            th scope="col" { "Notes" }
                        }
                    }
                    tbody {
                        @for c in &checkins {
                            tr {
                                th.day scope="row" { (short_date(c.date)) }
                                td data-label="Symptoms" { (words_cell(&c.symptoms, &c.red_flags)) }
                                td.inline data-label="Effort" { @match c.rpe { Some(r) => { "RPE " (r) } None => { "–" } } }
                                td.inline data-label="Mood" { @match c.mood { Some(m) => { (m) " of 5" } None => { "–" } } }
                                td.inline data-label="Sleep" { @match c.sleep_hours { Some(h) => { (h) " h" } None => { "–" } } }
                                td data-label="Notes" { @if c.notes.is_empty() { "–" } @else { (c.notes) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_grouped_by_day_newest_first() {
        fn set(
            date: &str,
            exercise: &str,
            (reps, target_reps): (i64, Option<i64>),
            load_kg: Option<f64>,
            rpe: Option<i64>,
            (symptoms, red_flags): (&[&str], &[&str]),
        ) -> SetOut {
            SetOut {
                id: 0,
                date: mumstrong_core::profile::parse_iso_date(date).unwrap(),
                exercise: exercise.to_owned(),
                set_number: None,
                reps,
                target_reps,
                load_kg,
                rpe,
                symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
                red_flags: red_flags.iter().map(|s| (*s).to_owned()).collect(),
                client_ref: None,
                created_at: 0,
            }
        }
        let none: (&[&str], &[&str]) = (&[], &[]);
        let sets = vec![
            set(
                "2026-01-01",
                "glute_bridge",
                (10, Some(10)),
                Some(8.0),
                Some(6),
                none,
            ),
            set(
                "2026-01-01",
                "glute_bridge",
                (8, Some(10)),
                Some(8.0),
                Some(8),
                (&["urinary_leakage"], &[]),
            ),
            set(
                "2026-01-01",
                "mini_squat",
                (10, None),
                Some(4.0),
                None,
                none,
            ),
            set(
                "2026-01-01",
                "mini_squat",
                (10, None),
                Some(6.0),
                None,
                none,
            ),
            set(
                "2026-01-03",
                "glute_bridge",
                (10, None),
                None,
                None,
                (&[], &["fever"]),
            ),
        ];
        let days = day_logs(&sets);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].date.to_string(), "2026-01-03");
        assert_eq!(days[0].red_flags, vec!["fever"]);
        assert_eq!(sets_line(&days[0].exercises[0].1, Unit::Kg), "10");
        assert_eq!(days[1].exercises.len(), 2);
        assert_eq!(
            sets_line(&days[1].exercises[0].1, Unit::Kg),
            "10, 8/10 × 8 kg"
        );
        assert_eq!(
            sets_line(&days[1].exercises[1].1, Unit::Kg),
            "10 × 4 kg, 10 × 6 kg"
        );
        assert_eq!(days[1].max_rpe, Some(8));
        assert_eq!(days[1].symptoms, vec!["urinary_leakage"]);
    }

    #[test]
    fn words_are_readable() {
        assert_eq!(
            phase_title("return_to_impact"),
            "Return to impact and running"
        );
        let today = Date::from_calendar_date(2026, time::Month::March, 10).unwrap();
        assert_eq!(days_ago(today, today), "today");
        assert_eq!(days_ago(today, today - Duration::days(9)), "9 days ago");
    }
}
