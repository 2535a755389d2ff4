//! One client's logs section: her sets grouped by day, with what she reported.

use maud::{Markup, html};
use mumstrong_core::vocab::{RedFlag, Symptom};
use time::Date;

use crate::app::member::{CheckInOut, LogsView, SetOut};
use crate::web::{Unit, human_date};

use super::sections::{count, short_date};
use super::words::{exercise_name, red_flag_title, symptom_title};

/// One logged set: reps done, reps aimed for, load in kg.
type LoggedSet = (i64, Option<i64>, Option<f64>);

/// One day of logged sets, for the log table: each exercise with its sets, the hardest effort,
/// and what she reported.
pub(super) struct DayLog {
    pub(super) date: Date,
    pub(super) exercises: Vec<(String, Vec<LoggedSet>)>,
    pub(super) max_rpe: Option<i64>,
    pub(super) symptoms: Vec<String>,
    pub(super) red_flags: Vec<String>,
}

pub(super) fn day_logs(sets: &[SetOut]) -> Vec<DayLog> {
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
pub(super) fn sets_line(sets: &[LoggedSet], unit: Unit) -> String {
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

pub(super) fn logs_section(logs: &LogsView, unit: Unit) -> Markup {
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
