//! The progress page's charts of how she is: pelvic-floor practice, symptom-free weeks, mood
//! and everyday load.

use std::collections::HashMap;

use maud::{Markup, html};
use mumstrong_core::records::week_start;
use mumstrong_core::sources;
use time::{Date, Duration};

use crate::web::charts::{self, Chart, Mark, Series, short_date};

use super::headline::{fine, plural, streak};
use super::sections::{section, week_labels};
use super::{Data, MoodData, SymptomData, clear_week};

pub(super) fn pelvic_floor(data: &Data) -> Markup {
    let first = week_start(data.today) - Duration::weeks(4);
    let days: Vec<Mark> = (0..35)
        .map(|i| {
            let day = first + Duration::days(i);
            if day > data.today {
                Mark::Future
            } else {
                match data.ticks.get(&day).copied().unwrap_or(0) {
                    0 => Mark::Empty,
                    n if n >= 3 => Mark::Done,
                    n => Mark::Partial(u8::try_from(n).unwrap_or(1)),
                }
            }
        })
        .collect();
    let full = days.iter().filter(|m| **m == Mark::Done).count();
    let some = days
        .iter()
        .filter(|m| matches!(m, Mark::Partial(_)))
        .count();
    let streak = streak(&data.ticks, data.today);
    let any = data.ticks.keys().any(|d| *d >= first);
    let lead = html! {
        p.chart-lead {
            strong { (plural(streak, "day", "days")) } " in a row. "
            "In the last five weeks: " (plural(full, "day", "days")) " with all three sets, " (some) " with some."
        }
    };
    let body = charts::calendar(
        &Chart {
            id: "pelvic-floor".into(),
            title: "Pelvic-floor practice, day by day".into(),
            desc: format!(
                "The last five weeks, a row per week from Monday. A tick: all three sets done; a number: that many sets; an empty box: none. {full} days with all three sets, {some} with some; {streak} days in a row."
            ),
            empty: if any {
                String::new()
            } else {
                "No pelvic-floor practice ticked in the last five weeks. Three short sets a day, every day, from birth: tick them on the pelvic-floor page.".into()
            },
            ..Chart::default()
        },
        first,
        &days,
        Some(data.today),
    );
    let body = html! {
        @if any { (lead) }
        (body)
        p.source { "Daily pelvic-floor training: " (sources::NHS_PFMT) "." }
    };
    section("pelvic-floor", "Pelvic-floor practice", body)
}

fn symptom_words(s: &SymptomData) -> String {
    let mut words: Vec<String> = s
        .by_symptom
        .keys()
        .map(|w| w.describe().to_owned())
        .collect();
    if s.red_flags > 0 {
        words.push("warning signs".to_owned());
    }
    words.join("; ")
}

pub(super) fn symptom_free(data: &Data) -> Markup {
    let by_week: HashMap<Date, &SymptomData> = data
        .progress
        .symptoms
        .iter()
        .map(|s| (s.week_start, s))
        .collect();
    let marks: Vec<Mark> = data
        .weeks
        .iter()
        .map(|w| match by_week.get(w) {
            None => Mark::NoData,
            Some(s) if clear_week(s) => Mark::Done,
            Some(_) => Mark::Warn,
        })
        .collect();
    let logged = data.progress.symptoms.len();
    let clear = data
        .progress
        .symptoms
        .iter()
        .filter(|s| clear_week(s))
        .count();
    let last_noted = data.progress.symptoms.iter().rev().find(|s| !clear_week(s));
    let lead = html! {
        p.chart-lead {
            strong { (clear) " of " (plural(logged, "week", "weeks")) } " you logged had no symptoms."
            @if let Some(s) = last_noted {
                " Last noted in the week of " (short_date(s.week_start)) ": " (symptom_words(s)) "."
            }
        }
    };
    let body = html! {
        @if logged > 0 { (lead) }
        (charts::strip(
            &Chart {
                id: "symptoms".into(),
                title: "Weeks without symptoms".into(),
                desc: format!(
                    "One box per week over the last {} weeks: a tick for a week with sets or check-ins and no symptoms, ! for a week with symptoms, a dash for a week with nothing logged. {clear} of {logged} logged weeks were symptom-free.",
                    data.weeks.len()
                ),
                x_title: "Week starting".into(),
                x_labels: week_labels(&data.weeks),
                empty: "No sets or check-ins in these weeks yet.".into(),
                ..Chart::default()
            },
            &marks,
        ))
        @if last_noted.is_some() {
            p.muted { "Leaking, heaviness or pain after exercise? Your plan eases off by itself; if it keeps happening, see a pelvic-health physiotherapist." }
        }
    };
    section("symptoms", "Symptom-free weeks", body)
}

pub(super) fn mood(data: &Data) -> Markup {
    let by_week: HashMap<Date, &MoodData> = data
        .progress
        .mood
        .iter()
        .map(|m| (m.week_start, m))
        .collect();
    let values: Vec<Option<f64>> = data
        .weeks
        .iter()
        .map(|w| by_week.get(w).and_then(|m| m.mood))
        .collect();
    let latest = data
        .progress
        .mood
        .iter()
        .rev()
        .find(|m| m.mood.is_some() || m.sleep_hours.is_some() || m.rpe.is_some());
    let lead = latest.map(|m| {
        let mut parts = Vec::new();
        if let Some(v) = m.mood {
            parts.push(format!("mood {} of 5", charts::number(v)));
        }
        if let Some(v) = m.sleep_hours {
            parts.push(format!("sleep {} hours a night", charts::number(v)));
        }
        if let Some(v) = m.rpe {
            parts.push(format!("effort {} of 10", charts::number(v)));
        }
        html! { p.chart-lead { "Week of " (short_date(m.week_start)) ", on average: " (parts.join(", ")) "." } }
    });
    let body = html! {
        @if let Some(lead) = lead { (lead) }
        (charts::line_chart(&Chart {
            id: "mood".into(),
            title: "Mood each week".into(),
            desc: format!("Average mood from your check-ins each week, from 1 (low) to 5 (good), over the last {} weeks.", data.weeks.len()),
            x_title: "Week starting".into(),
            x_labels: week_labels(&data.weeks),
            unit: String::new(),
            series: vec![Series::new("Mood (1-5)", values)],
            y_range: Some((1.0, 5.0)),
            y_ticks: vec![(1.0, "1 low".into()), (3.0, "3".into()), (5.0, "5 good".into())],
            empty: "No mood in your check-ins yet. Add how you feel after a session.".into(),
            ..Chart::default()
        }))
        p.muted { "Feeling low most days, or not enjoying things? Talk to your GP, midwife or health visitor." }
    };
    section("mood", "Mood", body)
}

pub(super) fn everyday_load(data: &Data) -> Markup {
    let points = &data.progress.everyday_load;
    let u = data.unit;
    let kg = |v: Option<f64>| {
        v.filter(|v| *v > 0.0)
            .map(|v| (u.from_kg(v) * 10.0).round() / 10.0)
    };
    let mut series = vec![
        Series::new(
            "Baby and car seat (everyday lift)",
            points.iter().map(|p| kg(Some(p.total_kg))).collect(),
        )
        .short("Everyday"),
    ];
    let logged_lift: Vec<Option<f64>> = points.iter().map(|p| kg(p.logged_lift_kg)).collect();
    let logged_carry: Vec<Option<f64>> = points.iter().map(|p| kg(p.logged_carry_kg)).collect();
    let any_logged = logged_lift.iter().chain(&logged_carry).any(Option::is_some);
    if logged_lift.iter().any(Option::is_some) {
        series.push(Series::new("Your heaviest squat or deadlift", logged_lift).short("Lift"));
    }
    if logged_carry.iter().any(Option::is_some) {
        series.push(Series::new("Your heaviest carry", logged_carry).short("Carry"));
    }
    if !any_logged {
        let plan_lift: Vec<Option<f64>> = points
            .iter()
            .map(|p| kg(p.lift_kg.or(p.carry_kg)))
            .collect();
        if plan_lift.iter().any(Option::is_some) {
            series
                .push(Series::new("Heaviest lift or carry in your plan", plan_lift).short("Plan"));
        }
    }
    let first = points.first();
    let last = points.last();
    let desc = match (first, last) {
        (Some(a), Some(b)) => format!(
            "Week by week through your plan: your baby grows from about {} to {}, so the everyday lift with the car seat goes from {} to {}. {}",
            fine(u, a.baby_kg),
            fine(u, b.baby_kg),
            fine(u, a.total_kg),
            fine(u, b.total_kg),
            if any_logged {
                "Your heaviest logged squats, deadlifts and carries are drawn beside it."
            } else {
                "Log a squat, deadlift or carry with a weight to see yours beside it."
            }
        ),
        _ => String::new(),
    };
    let body = html! {
        @if !desc.is_empty() { p.chart-lead { (desc) } }
        (charts::line_chart(&Chart {
            id: "everyday-load".into(),
            title: "Everyday load: your baby against your lifts".into(),
            desc: desc.clone(),
            x_title: "Plan week".into(),
            x_labels: points.iter().map(|p| p.week.to_string()).collect(),
            unit: u.word().into(),
            series,
            empty: "The everyday-load line comes with a plan: your baby's growing weight beside the loads you lift.".into(),
            ..Chart::default()
        }))
    };
    section("everyday-load", "Everyday load", body)
}
