//! The progress page's headline: what she has done lately, in a few plain sentences.

use std::collections::{BTreeMap, BTreeSet};

use maud::{Markup, html};
use mumstrong_core::library::Pattern;
use mumstrong_core::records::week_start;
use time::{Date, Duration};

use crate::web::Unit;
use crate::web::charts::{self, short_date};

use super::{Data, clear_week};

/// Days in a row with pelvic-floor practice, up to today (or yesterday, while today is open).
pub(super) fn streak(ticks: &BTreeMap<Date, usize>, today: Date) -> usize {
    let mut day = if ticks.contains_key(&today) {
        today
    } else {
        today - Duration::days(1)
    };
    let mut n = 0;
    while ticks.contains_key(&day) {
        n += 1;
        day -= Duration::days(1);
    }
    n
}

/// A load in her unit as the pages show it (to the nearest 0.5), so a chart's labels match the
/// words beside it.
pub(super) fn load_in(unit: Unit, kg: f64) -> f64 {
    (unit.from_kg(kg) * 2.0).round() / 2.0
}

/// A weight to 0.1 in her unit, for the baby's slow growth.
pub(super) fn fine(unit: Unit, kg: f64) -> String {
    format!("{} {}", charts::number(unit.from_kg(kg)), unit.word())
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The patterns of the main lifts: what she carries and lifts in everyday life.
pub(super) fn main_lift(pattern: Pattern) -> bool {
    matches!(
        pattern,
        Pattern::Squat
            | Pattern::Hinge
            | Pattern::Lunge
            | Pattern::Push
            | Pattern::Pull
            | Pattern::Carry
            | Pattern::Glutes
    )
}

pub(super) fn set_words(unit: Unit, load_kg: Option<f64>, reps: u16, dose_unit: &str) -> String {
    let amount = match dose_unit {
        "seconds" => format!("{reps} s"),
        "metres" => format!("{reps} m"),
        _ => format!("{reps}"),
    };
    match load_kg.filter(|kg| *kg > 0.0) {
        Some(kg) => format!("{} × {amount}", unit.show(kg)),
        None => match dose_unit {
            "reps" => format!("{reps} reps"),
            _ => amount,
        },
    }
}

pub(super) fn headline(data: &Data) -> Markup {
    let this_week = week_start(data.today);
    let days: BTreeSet<Date> = data
        .sets
        .iter()
        .filter(|s| s.date >= this_week && s.date <= data.today)
        .map(|s| s.date)
        .collect();
    let planned = data
        .plan
        .as_ref()
        .and_then(|p| {
            p.weeks
                .iter()
                .find(|w| w.starts <= data.today && data.today < w.starts + Duration::weeks(1))
        })
        .map(|w| w.sessions.len());
    let streak = streak(&data.ticks, data.today);
    let best = data
        .progress
        .exercises
        .iter()
        .filter(|e| main_lift(e.pattern) && e.best_set.load_kg.is_some_and(|kg| kg > 0.0))
        .max_by(|a, b| {
            a.best_set
                .load_kg
                .unwrap_or(0.0)
                .total_cmp(&b.best_set.load_kg.unwrap_or(0.0))
        });
    let logged_weeks = data.progress.symptoms.len();
    let clear_weeks = data
        .progress
        .symptoms
        .iter()
        .filter(|s| clear_week(s))
        .count();
    html! {
        section.card.headline aria-labelledby="headline-title" {
            h2 #headline-title .visually-hidden { "At a glance" }
            ul.stats {
                li {
                    span.stat-value { (days.len()) @if let Some(p) = planned { span.stat-of { " of " (p) } } }
                    span.stat-label { (if days.len() == 1 && planned.is_none_or(|p| p == 1) { "session this week" } else { "sessions this week" }) }
                }
                li {
                    span.stat-value { (streak) }
                    span.stat-label { "pelvic-floor day" (if streak == 1 { "" } else { "s" }) " in a row" }
                }
                li {
                    span.stat-value { (clear_weeks) @if logged_weeks > 0 { span.stat-of { " of " (logged_weeks) } } }
                    span.stat-label { "symptom-free week" (if logged_weeks == 1 { "" } else { "s" }) }
                }
                li.stat-wide {
                    @if let Some(e) = best {
                        span.stat-value { (data.unit.show(e.best_set.load_kg.unwrap_or(0.0))) }
                        span.stat-label {
                            "best lift: " (e.name) ", " (set_words(data.unit, e.best_set.load_kg, e.best_set.reps, e.unit))
                            " on " (short_date(e.best_set.date))
                        }
                    } @else {
                        span.stat-value { "–" }
                        span.stat-label { "best lift: log a squat, deadlift, press, row or carry with a weight to see it here" }
                    }
                }
            }
        }
    }
}
