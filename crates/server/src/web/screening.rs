//! The screening page: what is safe now, what waits and until when, who to see and why, each
//! decision with its guideline, and the way on (make the programme, or change her answers).
//!
//! It reads the API's own [`screening_view`] and [`history_view`]. An urgent result (a warning
//! sign or a self-harm answer) takes over the page: what to do now and the numbers to call,
//! first and alone, and no button to make a programme.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use maud::{Markup, html};
use mumstrong_core::readiness::READINESS_TESTS;
use mumstrong_core::screening::ExerciseLevel;
use mumstrong_core::state::Outcome;

use super::capitalised;
use super::urgent::{self, Reader};
use super::{Nav, PageError, PageResult, Viewer, csrf_field, human_date, page, see_other};
use crate::AppState;
use crate::app::member::{HistoryView, ScreeningView, history_view, screening_view};

/// The screening routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/screening", get(screening_page))
}

fn unix_date(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map_or_else(|_| "?".to_owned(), |t| human_date(t.date()))
}

/// The phone numbers the help texts mention, with what each is, in the order to show them.
const NUMBERS: [(&str, &str); 5] = [
    ("999", "Call 999 (UK emergency)"),
    ("112", "Call 112 (EU emergency)"),
    ("911", "Call 911 (US emergency)"),
    ("111", "Call NHS 111"),
    ("116 123", "Call Samaritans 116 123"),
];

/// Where a phone number stands alone in a text (not inside a longer number).
fn find_number(text: &str, number: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(number).map(|i| i + from) {
        let end = at + number.len();
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(end).copied();
        let digit_or_space_digit = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());
        if !digit_or_space_digit(before) && !digit_or_space_digit(after) {
            return Some(at);
        }
        from = end;
    }
    None
}

fn tel(number: &str) -> String {
    format!("tel:{}", number.replace(' ', ""))
}

/// A help text with its phone numbers as links she can tap to call.
pub(crate) fn with_phone_links(text: &str) -> Markup {
    let mut parts: Vec<(String, Option<String>)> = Vec::new();
    let mut rest = text;
    loop {
        let next = NUMBERS
            .iter()
            .filter_map(|(n, _)| find_number(rest, n).map(|at| (at, *n)))
            .min_by_key(|(at, _)| *at);
        match next {
            Some((at, number)) => {
                parts.push((rest[..at].to_owned(), None));
                parts.push((number.to_owned(), Some(tel(number))));
                rest = &rest[at + number.len()..];
            }
            None => {
                parts.push((rest.to_owned(), None));
                break;
            }
        }
    }
    html! {
        @for (t, link) in parts {
            @if let Some(href) = link { a href=(href) { (t) } } @else { (t) }
        }
    }
}

async fn screening_page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let user = viewer.member()?.clone();
    if state.store.latest_profile(user.id).await?.is_none() {
        return Ok(see_other("/onboarding"));
    }
    let view = match screening_view(&state, user.id).await {
        Ok(v) => v,
        Err(e) if e.code == "profile_outdated" => {
            let body = html! {
                h1 { "Your answers need updating" }
                div.notice.warn { p { (capitalised(&e.message)) } }
                p { a.button href="/onboarding" { "Update my answers" } }
            };
            return Ok((
                StatusCode::CONFLICT,
                page(&viewer, "Your answers need updating", Nav::Screening, body),
            )
                .into_response());
        }
        Err(e) => return Err(PageError(e)),
    };
    let history = history_view(&state, user.id).await?;
    let saved_at = history
        .versions
        .iter()
        .find(|v| v.version == view.profile_version)
        .map(|v| v.created_at);
    let has_programme = state.store.latest_programme(user.id).await?.is_some();
    let urgent = view.state.urgent.is_some();
    let body = html! {
        div.screening {
            @if let Some(stop) = &view.state.urgent {
                (urgent::stop(stop, Reader::Member))
            } @else {
                (normal(&viewer, &view, has_programme))
            }
            (about_answers(&view, saved_at, urgent))
            (history_section(&history))
        }
    };
    let title = if urgent {
        "Stop and get help now"
    } else {
        "Your screening"
    };
    Ok(page(&viewer, title, Nav::Screening, body).into_response())
}

fn level_summary(screening: &mumstrong_core::Screening) -> Markup {
    let (tag_class, tag, text) = match screening.exercise {
        ExerciseLevel::Progressive => (
            "tag ok",
            "Ready to build",
            "You can do progressive strength training, within the limits below.",
        ),
        _ => (
            "tag warn",
            "Gentle for now",
            "Keep to gentle exercise for now: what is safe is listed below, and what waits says until when.",
        ),
    };
    let since = match (screening.weeks_postpartum, screening.days_postpartum) {
        (0, 1) => "1 day".to_owned(),
        (0, d) => format!("{d} days"),
        (_, d) => mumstrong_core::text::since_birth(d),
    };
    html! {
        div.card.summary {
            p.level { span class=(tag_class) { (tag) } }
            p { (text) }
            p.muted { "You are " (since) " after birth." }
        }
    }
}

/// A screening with no warning sign: what to do now and today first (who to see, the next
/// step), then what is safe and what waits, running (in full when it is her goal, else on
/// request), and the reasons for every decision folded away.
fn normal(viewer: &Viewer, view: &ScreeningView, has_programme: bool) -> Markup {
    let screening = &view.screening;
    html! {
        h1 { "Your screening" }
        (level_summary(screening))
        (who_section(view))
        (next_step(viewer, has_programme))
        (safe_and_waits(screening))
        (running_section(view))
        (other_reasons(screening))
        div.notice.info { p { (screening.disclaimer) } }
    }
}

/// What is safe now, and what waits (until a date, or until what it waits for).
fn safe_and_waits(screening: &mumstrong_core::Screening) -> Markup {
    html! {
        section.safe {
            h2 { "Safe now" }
            ul.checks {
                @for item in &screening.safe_now {
                    li { span.mark aria-hidden="true" { "✓" } (capitalised(item)) }
                }
            }
        }
        @let waits = &screening.waits;
        @if !waits.is_empty() {
            section.waits {
                h2 { "What waits" }
                ul.wait-list {
                    @for w in waits {
                        li {
                            p.what {
                                strong { (capitalised(&w.what)) }
                                " "
                                @if let Some(until) = w.until {
                                    span.tag.warn { "from " (human_date(until)) }
                                } @else {
                                    span.tag { "when ready" }
                                }
                            }
                            p.why { (capitalised(&w.why)) "." }
                        }
                    }
                }
            }
        }
    }
}

/// Running as her state decides it: cleared, or what stands in the way (problems, then the
/// readiness tests still to pass).
fn running_section(view: &ScreeningView) -> Markup {
    let screening = &view.screening;
    let running = &view.state.running;
    let cleared = running.cleared;
    // What stands between her and running, decided once (her logged symptoms included).
    let problems = &running.problems;
    let tests = &running.tests_left;
    let earliest = screening.running.earliest;
    let earliest_ahead = earliest > view.screened_on;
    let body = running_body(view, cleared, earliest_ahead, problems, tests);
    html! {
        section.running {
            h2 { "Running" }
            @if running.goal || cleared {
                (body)
            } @else {
                details.fold {
                    summary { "Not yet. See what running waits for" }
                    (body)
                }
            }
        }
    }
}

/// What running waits for, or that she may start.
fn running_body(
    view: &ScreeningView,
    cleared: bool,
    earliest_ahead: bool,
    problems: &[String],
    tests: &[&str],
) -> Markup {
    let screening = &view.screening;
    let earliest = screening.running.earliest;
    html! {
            @if cleared {
                p { span.tag.ok { "Yes" } " You can start a graded return to running." }
                @if let Some(from) = Some(screening.running.buggy_from).filter(|from| *from > view.screened_on) {
                    p.muted { "With the buggy from " (human_date(from)) ", once 30 minutes of running feels comfortable." }
                } @else {
                    p.muted { "With the buggy once 30 minutes of continuous running feels comfortable." }
                }
            } @else {
                p {
                    span.tag.warn { "Not yet" }
                    @if earliest_ahead {
                        " Not before " (human_date(earliest)) ", and only once these are done:"
                    } @else {
                        " Only once these are done:"
                    }
                }
                @if !problems.is_empty() {
                    ul.blockers {
                        @for b in problems { li { (capitalised(b)) } }
                    }
                }
                @if !tests.is_empty() {
                    p.tests-left {
                        strong { "Readiness tests still to pass (" (tests.len()) " of " (READINESS_TESTS.len()) "):" }
                    }
                    ul.blockers.tests { @for t in tests { li { (capitalised(t)) } } }
                    p.muted { "Passed a test since? " a href="/onboarding/readiness?return=review" { "Update your readiness tests" } }
                }
            }
    }
}

/// Each referral: who, what to do, and every reason for it with its source.
fn who_section(view: &ScreeningView) -> Markup {
    let reasons = &view.screening.reasons;
    let help = &view.state.help;
    html! {
        @if !help.is_empty() {
            section.who id="who" {
                h2 { "Who to see" }
                @for h in help {
                    div.card.referral {
                        h3 { (h.label) }
                        p { (with_phone_links(h.advice)) }
                        @let why: Vec<_> = reasons.iter().filter(|r| r.referral == Some(h.referral)).collect();
                        @if !why.is_empty() {
                            details.fold {
                                summary { "Why" }
                                @for r in &why {
                                    div.reason {
                                        p { (r.text) }
                                        p.source { "Source: " (r.source) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The way on: make the programme (or make it again), or change her answers.
fn next_step(viewer: &Viewer, has_programme: bool) -> Markup {
    html! {
        section.card.next-step id="next" {
            h2 { "Your next step" }
            @if has_programme {
                p { "Your programme was made again from these answers." }
                p { a.button href="/today" { "Go to today's session" } }
            } @else {
                p { "Make your programme from this screening: sessions that fit your time and equipment, built up safely week by week." }
            }
            form method="post" action="/programme" {
                (csrf_field(&viewer.csrf))
                div.field.short {
                    label for="weeks" { "How many weeks?" }
                    select id="weeks" name="weeks" {
                        @for w in [4u8, 6, 8, 12, 16] {
                            option value=(w) selected[w == 12] { (w) " weeks" }
                        }
                    }
                }
                div.actions {
                    @if has_programme {
                        button.secondary type="submit" { "Make my programme again" }
                    } @else {
                        button.wide type="submit" { "Make my programme" }
                    }
                }
            }
            p { a href="/onboarding" { "Change my answers" } }
        }
    }
}

/// The decisions that refer her to no one, each with its source.
fn other_reasons(screening: &mumstrong_core::Screening) -> Markup {
    let other_reasons: Vec<&mumstrong_core::screening::Reason> = screening
        .reasons
        .iter()
        .filter(|r| r.referral.is_none())
        .collect();
    html! {
        @if !other_reasons.is_empty() {
            section.reasons {
                h2 { "Why: each decision" }
                details.fold {
                    summary { "Show the reasons and their guidelines (" (other_reasons.len()) ")" }
                    ul.reason-list {
                        @for r in &other_reasons {
                            li {
                                p { (r.text) }
                                p.source { "Source: " (r.source) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn about_answers(view: &ScreeningView, saved_at: Option<i64>, urgent: bool) -> Markup {
    html! {
        p.answers-meta.muted {
            "Screened " (human_date(view.screened_on)) " from your answers version " (view.profile_version)
            @if let Some(t) = saved_at { ", saved " (unix_date(t)) }
            ". "
            @if !urgent { a href="/onboarding" { "Change my answers" } " · " }
            a href="#history" { "Past screenings" }
        }
    }
}

fn outcome_tag(word: &str) -> Markup {
    let outcome = Outcome::from_word(word);
    let class = match outcome {
        Some(Outcome::Urgent) => "tag stop",
        Some(Outcome::Refer) => "tag warn",
        Some(Outcome::Clear) => "tag ok",
        None => "tag",
    };
    html! { span class=(class) { (outcome.map_or("Not known", Outcome::label)) } }
}

fn history_section(history: &HistoryView) -> Markup {
    let versions = &history.versions;
    html! {
        section.history id="history" {
            h2 { "Past screenings" }
            @if versions.is_empty() {
                p.muted { "None yet." }
            } @else {
                ul.history-list {
                    @for v in versions {
                        li {
                            p.version {
                                strong { "Answers version " (v.version) }
                                span.muted { ", saved " (unix_date(v.created_at)) }
                            }
                            @let screened = &v.screenings;
                            @if screened.is_empty() {
                                p.muted { "Not screened." }
                            } @else {
                                ul.screened {
                                    @for sc in screened.iter().take(8) {
                                        li { (human_date(sc.screened_on)) " " (outcome_tag(&sc.outcome)) }
                                    }
                                    @if screened.len() > 8 {
                                        li.muted { "and " (screened.len() - 8) " earlier" }
                                    }
                                }
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
    fn phone_numbers_become_links_but_not_inside_longer_numbers() {
        let html = with_phone_links(
            "Call 999 (UK), 112 (EU) or 911 (US). Samaritans answer on 116 123; NHS 111.",
        )
        .into_string();
        for href in ["tel:999", "tel:112", "tel:911", "tel:116123", "tel:111\""] {
            assert!(html.contains(href), "{href} in {html}");
        }
        assert_eq!(find_number("call 1112", "111"), None);
        assert_eq!(find_number("call 111.", "111"), Some(5));
    }
}
