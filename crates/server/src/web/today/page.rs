//! The page: the day's body, the notices over it and the blocks around the session.

use crate::app::member::PlanView;
use maud::{Markup, html};
use mumstrong_core::plan::Decision;
use mumstrong_core::state::UrgentStop;
use mumstrong_store::{CheckInRow, ProgrammeRow};
use time::{Date, Duration};

use super::forms::{Problem, checkin_block};
use super::query::today_path;
use super::session::{session_block, walk_run_block};
use super::view::{Day, DayKind, PelvicFloorDose, TodayStatus, TodayView, load_view};
use super::words::{adapted_reason, and_list, library_name, words_of};
use super::{DayQuery, symptom_word};
use crate::AppState;
use crate::app::state::member_now;
use crate::web::urgent::{self, Reader};
use crate::web::{PageResult, Unit, Viewer, csrf_field, human_date};

/// What a set row needs to know.
pub(super) struct RowCtx<'a> {
    pub(super) csrf: &'a str,
    /// The day has a strength session.
    pub(super) session_day: bool,
    pub(super) unit: Unit,
    pub(super) date: Date,
    /// Sets can be logged for this day (not a preview of a later day).
    pub(super) can_log: bool,
}

/// The page's title and main content for a day.
pub(super) async fn today_body(
    state: &AppState,
    viewer: &Viewer,
    query: DayQuery,
    problem: Option<&Problem>,
) -> PageResult<(String, Markup)> {
    let user_id = viewer.member()?.id;
    let date = query.date;
    if state.store.latest_profile(user_id).await?.is_none() {
        return Ok(("Today".to_owned(), no_profile()));
    }
    // Her state now, decided once: a warning sign stops today whatever the programme says.
    if let Some(now) = member_now(state, user_id).await?
        && let Some(stop) = &now.state.urgent
    {
        let checkins = state
            .store
            .checkins_between(
                user_id,
                state.today() - Duration::days(plan_lookback()),
                state.today() + Duration::days(1),
                200,
            )
            .await?;
        return Ok((
            "Stop and get help".to_owned(),
            urgent(viewer, stop, &checkins, date),
        ));
    }
    let Some(programme) = state.store.latest_programme(user_id).await? else {
        return Ok(("Today".to_owned(), no_programme(viewer)));
    };
    let view = load_view(state, user_id, date).await?;
    if view.status == TodayStatus::Urgent {
        // A programme stopped by a warning sign that no longer stands: make it again.
        return Ok(("Today".to_owned(), no_programme(viewer)));
    }
    let sets = state.store.sets_between(user_id, date, date, 500).await?;
    let checkins = state
        .store
        .checkins_between(user_id, date, date, 50)
        .await?;
    let rounds_done = state
        .store
        .pelvic_floor_between(user_id, date, date)
        .await?
        .len();
    let notice = adaptation_notice(&programme, &view, date, query.adapted);
    let today = view.today.as_ref();
    let session = today.and_then(|d| d.session.as_ref());
    let ctx = RowCtx {
        csrf: &viewer.csrf,
        session_day: session.is_some(),
        unit: viewer.unit,
        date,
        can_log: date <= state.today() + Duration::days(1),
    };
    let title = match session {
        Some(s) => s.title.clone(),
        None => match view.status {
            TodayStatus::NotStarted => "Your plan starts soon".to_owned(),
            TodayStatus::Finished => "Plan finished".to_owned(),
            _ if today.is_some_and(|d| d.kind == DayKind::Run) => "Walk-run day".to_owned(),
            _ => "Rest day".to_owned(),
        },
    };
    let week = today.or(view.next.as_ref()).map(|d| &d.week);
    let body = html! {
        p.today-meta {
            (human_date(date))
            @if date == state.today() { " · today" }
            @if let Some(w) = today.map(|d| &d.week) {
                " · Week " (w.week) " · " (w.phase.title())
                @if w.deload { " · lighter week" }
            }
        }
        h1 { (title) }
        @if let Some(n) = notice { (n) }
        @if let Some(p) = problem { (problem_summary(p)) }
        @if !ctx.can_log {
            div.notice.info {
                p { "This is a look ahead at " (human_date(date)) ". You can tick your sets on the day." }
            }
        }
        @match (session, view.status) {
            (Some(s), _) => (session_block(&ctx, s, &sets, problem)),
            (None, TodayStatus::NotStarted) => {
                p.today-lead {
                    "Your plan starts on "
                    strong { (view.start.map_or_else(|| "its first day".to_owned(), human_date)) }
                    ". Until then, keep up your pelvic-floor practice and gentle walks."
                }
                (next_block(view.next.as_ref(), state))
            }
            (None, TodayStatus::Finished) => {
                p.today-lead { "You have reached the end of your plan. Well done for sticking with it." }
                form method="post" action="/programme" {
                    (csrf_field(&viewer.csrf))
                    button.wide type="submit" { "Make my next plan" }
                }
                p { "Your next plan starts where this one left off, from everything you logged." }
            }
            (None, _) => {
                @if let Some((d, run)) = today.and_then(|d| d.walk_run.as_ref().map(|r| (d, r))) {
                    (walk_run_block(run, d.date))
                } @else {
                    p.today-lead { "No strength session today. Rest is part of getting stronger: a walk with the buggy counts." }
                }
                (next_block(view.next.as_ref(), state))
            }
        }
        @if session.is_some() {
            @if let Some((d, run)) = today.and_then(|d| d.walk_run.as_ref().map(|r| (d, r))) { (walk_run_block(run, d.date)) }
        }
        @if let Some(w) = week {
            (pelvic_floor_block(&w.pelvic_floor, rounds_done, today.is_none()))
            @if session.is_none() && w.aerobic_minutes > 0 {
                p.muted { "This week: about " (w.aerobic_minutes) " minutes of walking or other easy activity in all, spread over the week." }
            }
            @if !w.phase_why.is_empty() || !w.notes.is_empty() {
                details.week-notes {
                    summary { "About this week" }
                    @if !w.phase_why.is_empty() { p { (w.phase_why) } }
                    @for note in &w.notes { p { (note) } }
                }
            }
        }
        @if ctx.can_log {
            (checkin_block(&ctx, &checkins, problem))
        }
        @if session.is_some() && ctx.can_log {
            div #rest-timer .rest-timer hidden role="region" aria-label="Rest timer" {
                div.rest-head {
                    span.rest-label { "Rest" }
                    span.rest-count #rest-count { "0:00" }
                }
                progress #rest-progress max="100" value="0" aria-hidden="true" { }
                p.rest-next #rest-next { }
                div.rest-buttons {
                    button.secondary type="button" #rest-more { "+30 s" }
                    button type="button" #rest-skip { "Skip rest" }
                }
            }
            div #announce .visually-hidden role="status" aria-live="polite" { }
        }
    };
    Ok((title, body))
}

pub(super) fn plan_lookback() -> i64 {
    mumstrong_core::plan::RED_FLAG_LOOKBACK_DAYS
}

pub(super) fn no_profile() -> Markup {
    html! {
        h1 { "Today" }
        div.card {
            h2 { "First, a few questions" }
            p { "Tell us about your birth, how you feel and what you want. It takes about five minutes, and then we make your plan." }
            p { a.button href="/onboarding" { "Answer the questions" } }
        }
    }
}

pub(super) fn no_programme(viewer: &Viewer) -> Markup {
    html! {
        h1 { "Today" }
        div.card {
            h2 { "Make your plan" }
            p { "Your answers are saved and screened. Your plan is made from them: phased sessions that build up safely, and your daily pelvic-floor practice." }
            form method="post" action="/programme" {
                (csrf_field(&viewer.csrf))
                button.wide type="submit" { "Make my plan" }
            }
            p { a href="/screening" { "See what is safe for you now, and why" } }
        }
    }
}

/// An urgent stop: what to do now ([`urgent::stop`], the same on every page), the check-ins
/// that raised it (a tick by mistake can be removed), and nothing else.
pub(super) fn urgent(
    viewer: &Viewer,
    stop: &UrgentStop,
    checkins: &[CheckInRow],
    date: Date,
) -> Markup {
    let flagged: Vec<&CheckInRow> = checkins
        .iter()
        .filter(|c| !words_of(&c.red_flags).is_empty())
        .collect();
    html! {
        (urgent::stop(stop, Reader::Member))
        @if !flagged.is_empty() {
            section.card {
                h2 { "What you told us" }
                ul.flagged {
                    @for c in &flagged {
                        li {
                            p {
                                strong { (human_date(c.done_on)) ": " }
                                (and_list(&words_of(&c.red_flags).iter().map(|w| symptom_word(w)).collect::<Vec<_>>()))
                            }
                            form method="post" action=(format!("/today/checkin/{}/delete", c.id)) data-confirm="Remove this check-in? Only do this if you ticked a warning sign by mistake." {
                                (csrf_field(&viewer.csrf))
                                input type="hidden" name="date" value=(date.to_string());
                                button.secondary type="submit" { "I ticked this by mistake: remove it" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "Because you reported leaking, we changed: …", from the latest programme when it was adapted.
pub(super) fn adaptation_notice(
    programme: &ProgrammeRow,
    view: &TodayView,
    date: Date,
    just_now: bool,
) -> Option<Markup> {
    let reason = programme.reason.strip_prefix("adapted: ")?;
    if !just_now && !reason.ends_with(&format!("on {date}")) {
        return None;
    }
    let (words, during) = match adapted_reason(reason) {
        Some(r) => (r.words, r.exercise.map(library_name)),
        None => (reason, None),
    };
    let reported: Vec<String> = words.split(", ").map(symptom_word).collect();
    // A plan stopped by a warning sign has no adaptations to read.
    let plan: Option<PlanView> = serde_json::from_str(&programme.plan_json).ok();
    let mut changes: Vec<(Decision, String, String)> = plan
        .iter()
        .flat_map(|p| &p.adaptations)
        .filter(|c| c.decision.holds_back() || c.date >= date - Duration::days(7))
        .map(|c| (c.decision, library_name(&c.exercise), c.text.clone()))
        .collect();
    changes.sort_by_key(|(d, _, _)| match d {
        Decision::Regress => 0,
        Decision::Repeat => 1,
        _ => 2,
    });
    let (now, later): (Vec<_>, Vec<_>) = changes.into_iter().partition(|(d, _, _)| d.holds_back());
    let next = match view.today.as_ref() {
        Some(d) if d.session.is_some() => Some(d),
        _ => view.next.as_ref(),
    };
    Some(html! {
        section.notice.warn.adapted #adapted tabindex="-1" role=[just_now.then_some("status")] aria-labelledby="adapted-title" {
            h2 #adapted-title { "We changed your plan" }
            p {
                "Because you reported " strong { (and_list(&reported)) }
                @if let Some(ex) = &during { " during " (ex) }
                ", we changed:"
            }
            @if now.is_empty() {
                p { "Impact and harder progressions wait until you have a week without symptoms." }
            } @else {
                ul.changes {
                    @for (_, name, text) in &now { li { strong { (name) ": " } (text) } }
                }
            }
            @if !later.is_empty() {
                details {
                    summary { "Also from what you logged (" (later.len()) ")" }
                    ul.changes { @for (_, name, text) in &later { li { strong { (name) ": " } (text) } } }
                }
            }
            @if let Some(d) = next {
                @let what = d.session.as_ref().map_or("walk-run", |s| s.title.as_str());
                p.next-session {
                    @if d.date == date {
                        "Your session today: " strong { (what) }
                    } @else {
                        "Your next session: " strong { (human_date(d.date)) ", " (what) }
                    }
                    @if let Some(s) = &d.session { " (about " (s.estimated_minutes) " minutes, " (s.exercises.len()) " exercises)" }
                    @if d.date == date { ", below." } @else { "." }
                }
            }
            p.source { "Leaking, heaviness or pain during exercise: stop that exercise for today. If it happens again or does not settle, see a pelvic-health physiotherapist; your GP can refer you, and many services accept self-referral (NHS; Goom, Donnelly & Brockwell 2019)." }
        }
    })
}

pub(super) fn problem_summary(problem: &Problem) -> Markup {
    let (href, e) = match problem {
        Problem::Set {
            exercise,
            set_number,
            error,
            ..
        } => (format!("#set-{exercise}-{set_number}"), error),
        Problem::CheckIn { error, .. } => ("#check-in".to_owned(), error),
    };
    html! {
        div.notice.error role="alert" tabindex="-1" #form-error {
            p { strong { "Please check: " } (e.message) }
            p { a href=(href) { "Go to the field" } " · nothing was saved" }
        }
    }
}

pub(super) fn next_block(next: Option<&Day>, state: &AppState) -> Markup {
    html! {
        @if let Some(d) = next {
            section.card.next #next {
                h2 { "Your next session" }
                p {
                    strong { (human_date(d.date)) }
                    ": "
                    @match (&d.session, &d.walk_run) {
                        (Some(s), _) => { (s.title) " (about " (s.estimated_minutes) " minutes, " (s.exercises.len()) " exercises)" }
                        (None, Some(_)) => "walk-run",
                        _ => "rest",
                    }
                }
                p { a href=(today_path(state, d.date)) { "See that session" } }
            }
        }
    }
}

pub(super) fn pelvic_floor_block(
    dose: &PelvicFloorDose,
    rounds_done: usize,
    shown_alone: bool,
) -> Markup {
    html! {
        section.card.pf-summary #pelvic-floor {
            h2 { "Pelvic floor today" }
            p {
                (dose.slow_holds) " slow holds of " (dose.hold_seconds) " seconds, then " (dose.quick_squeezes) " quick squeezes, "
                (dose.times_per_day) " times a day."
                @if shown_alone { " Keep it up on rest days too." }
            }
            p {
                strong { (rounds_done.min(usize::from(dose.times_per_day))) " of " (dose.times_per_day) " rounds done today." }
                " " a href="/pelvic-floor" { "Practise with the timer" }
            }
        }
    }
}
