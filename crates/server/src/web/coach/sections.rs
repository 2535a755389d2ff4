//! One client's page, screening and programme sections: what the coach reads about her client.

use std::collections::BTreeMap;

use maud::{Markup, html};
use mumstrong_core::screening::{ExerciseLevel, Reason};
use mumstrong_core::state::{Help, Outcome};
use serde_json::Value;
use time::{Date, Duration};

use crate::app::member::{LogsView, ScreeningView};
use crate::web::human_date;
use crate::web::phase_title;
use crate::web::urgent::{self, Reader};

use super::words::{date_of, strs, word_label};

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
fn current_week(plan: &Value, today: Date) -> Option<&Value> {
    plan["weeks"].as_array()?.iter().find(|w| {
        date_of(&w["starts"])
            .is_some_and(|start| start <= today && today < start + Duration::days(7))
    })
}

pub(super) fn programme_section(programme: Option<&Value>, logs: &LogsView, today: Date) -> Markup {
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
