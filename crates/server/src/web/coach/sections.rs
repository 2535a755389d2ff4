//! One client's page, screening and programme sections: what the coach reads about her client.

use std::collections::BTreeMap;

use maud::{Markup, html};
use mumstrong_core::plan::{Adaptation, Plan, RunKind, Week};
use mumstrong_core::screening::{ExerciseLevel, Reason};
use mumstrong_core::state::{Help, Outcome};
use mumstrong_store::ProgrammeRow;
use time::{Date, Duration};

use crate::app::member::{LogsView, ScreeningView};
use crate::web::human_date;
use crate::web::urgent::{self, Reader};

use super::words::word_label;

pub(super) fn screening_section(view: &ScreeningView) -> Markup {
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
fn current_week<'p, 'a>(plan: &'p Plan<'a>, today: Date) -> Option<&'p Week<'a>> {
    plan.weeks
        .iter()
        .find(|w| w.starts <= today && today < w.starts + Duration::days(7))
}

/// A run of the running progression in a few words.
fn run_kind(kind: RunKind) -> &'static str {
    match kind {
        RunKind::Easy => "easy",
        RunKind::Long => "long run",
        RunKind::Strides => "strides",
        RunKind::Intervals => "intervals",
    }
}

/// Her programme: none, stopped by a warning sign, or this week of it (the engine's plan, made
/// again as it was, not its stored JSON) with what she logged of it and what her log changed.
pub(super) fn programme_section(
    programme: Option<&ProgrammeRow>,
    plan: Option<&Plan<'_>>,
    logs: &LogsView,
    today: Date,
) -> Markup {
    html! {
        section.card aria-labelledby="programme-h" {
            h2 #programme-h { "Programme" }
            @match (programme, plan) {
                (None, _) => { p { "No programme yet." } }
                (Some(_), None) => {
                    div.notice.stop { p { strong { "Stopped. " } "A warning sign stopped her programme until she has had help; see the screening above." } }
                }
                (Some(row), Some(plan)) => {
                    @match current_week(plan, today) {
                        Some(week) => { (this_week(week, plan.weeks.len(), logs, today)) }
                        None => {
                            @if row.start_on > today {
                                p { "Her programme starts on " (human_date(row.start_on)) "." }
                            } @else {
                                p { "Her " (plan.weeks.len()) "-week programme has finished; she can start a new one." }
                            }
                        }
                    }
                    (adaptations(&plan.adaptations))
                    @if !plan.notes.is_empty() {
                        h3 { "Notes" }
                        ul { @for n in &plan.notes { li { (n) } } }
                    }
                }
            }
        }
    }
}

/// This week: phase, week, pelvic-floor dose, running, and each session with whether she logged it.
fn this_week(week: &Week<'_>, total: usize, logs: &LogsView, today: Date) -> Markup {
    // Sets logged per day, to show which of this week's sessions she did.
    let mut logged: BTreeMap<Date, usize> = BTreeMap::new();
    for set in &logs.sets {
        *logged.entry(set.date).or_default() += 1;
    }
    let pf = &week.pelvic_floor;
    html! {
        dl.facts.summary {
            dt { "Phase" }
            dd { (week.phase.title()) }
            dt { "Week" }
            dd {
                (week.week) " of " (total)
                @if week.deload { " " span.tag { "lighter week" } }
            }
            dt { "Pelvic floor" }
            dd {
                (pf.slow_holds) " holds of " (pf.hold_seconds) " s and "
                (pf.quick_squeezes) " quick squeezes, " (pf.times_per_day) " times a day"
            }
            @if let Some(wr) = &week.walk_run {
                @if wr.runs.is_empty() {
                    dt { "Walk-run" }
                    dd { "stage " (wr.stage) ", " (wr.sessions) " sessions of " (wr.session_minutes) " minutes" }
                } @else {
                    // After the walk-run: each run by kind and minutes.
                    dt { "Running" }
                    dd { (wr.runs.iter().map(|r| format!("{} {} min", run_kind(r.kind), r.run_minutes)).collect::<Vec<_>>().join(", ")) }
                }
            }
        }
        @if !week.phase_why.is_empty() { p.muted { (week.phase_why) } }
        h3 { "This week’s sessions" }
        @if week.sessions.is_empty() {
            p { "No strength sessions this week." }
        } @else {
            table.stack.sessions {
                thead { tr { th scope="col" { "Day" } th scope="col" { "Session" } th scope="col" { "Done?" } } }
                tbody {
                    @for s in &week.sessions {
                        tr {
                            th.day scope="row" { (short_date(s.date)) }
                            td {
                                strong { (s.title) }
                                " " span.muted { "(" (s.estimated_minutes) " min)" }
                                br;
                                span.small { (s.exercises.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")) }
                            }
                            td {
                                @match logged.get(&s.date).copied().unwrap_or(0) {
                                    n if n > 0 => { span.tag.ok { "Logged (" (n) " sets)" } }
                                    _ if s.date < today => { span.tag.warn { "Not logged" } }
                                    _ if s.date == today => { span.tag { "Today" } }
                                    _ => { span.tag { "Coming" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What her log changed: what is held back first, the exercises that progress folded away.
fn adaptations(all: &[Adaptation]) -> Markup {
    let (ups, holds): (Vec<&Adaptation>, Vec<&Adaptation>) =
        all.iter().partition(|a| !a.decision.holds_back());
    html! {
        @if !all.is_empty() {
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
    }
}

fn adaptation(a: &Adaptation) -> Markup {
    html! {
        (crate::web::programme::decision_tag(a.decision))
        " " (a.text)
    }
}

/// A number with its noun: `1 set`, `3 sets`.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A short date for tables: `Wed 25 Nov`.
pub(super) fn short_date(date: Date) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short] [day padding:none] [month repr:short]"
    );
    date.format(&fmt).unwrap_or_else(|_| date.to_string())
}
