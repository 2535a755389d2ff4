//! The progress page's training charts: her lifts, aerobic minutes and training volume.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use maud::{Markup, html};
use mumstrong_core::library::{Dose, Pattern};
use mumstrong_core::records::week_start;
use mumstrong_core::sources;
use time::Date;

use crate::web::charts::{self, Chart, Series, Target, short_date};

use super::headline::{load_in, main_lift, set_words};
use super::{
    AEROBIC_TARGET_MINUTES, Data, ExerciseData, LIFT_CHARTS, WALK_METRES_PER_MINUTE, WINDOW_WEEKS,
};

pub(super) fn week_labels(weeks: &[Date]) -> Vec<String> {
    weeks.iter().map(|w| short_date(*w)).collect()
}

pub(super) fn section(id: &str, title: &str, body: Markup) -> Markup {
    let heading = format!("{id}-heading");
    html! {
        section.card.chart-card aria-labelledby=(heading) {
            h2 id=(heading) { (title) }
            (body)
        }
    }
}

/// The lifts she does most, each with its own small chart: the heaviest load of each week
/// (in her unit), or, for bodyweight work, the most reps, seconds or metres in a set.
pub(super) fn lifts(data: &Data) -> Markup {
    let first_week = data.weeks.first().copied().unwrap_or(data.today);
    let mut heaviest: HashMap<(&str, Date), f64> = HashMap::new();
    for set in data.sets {
        if let Some(kg) = set.load_kg.filter(|kg| kg.is_finite() && *kg > 0.0) {
            let e = heaviest
                .entry((set.exercise.as_str(), week_start(set.date)))
                .or_insert(kg);
            *e = e.max(kg);
        }
    }
    let recent: Vec<&ExerciseData> = data
        .progress
        .exercises
        .iter()
        .filter(|e| e.last_date >= first_week)
        .collect();
    let mut chosen: Vec<&ExerciseData> = recent
        .iter()
        .copied()
        .filter(|e| main_lift(e.pattern))
        .collect();
    if chosen.is_empty() {
        chosen = recent
            .iter()
            .copied()
            .filter(|e| {
                !matches!(
                    e.pattern,
                    Pattern::Breathing | Pattern::PelvicFloor | Pattern::Mobility
                )
            })
            .collect();
    }
    let loaded = |e: &ExerciseData| e.best_set.load_kg.is_some_and(|kg| kg > 0.0);
    chosen.sort_by(|a, b| {
        loaded(b)
            .cmp(&loaded(a))
            .then(b.sets_logged.cmp(&a.sets_logged))
            .then(a.name.cmp(&b.name))
    });
    chosen.truncate(LIFT_CHARTS);
    let labels = week_labels(&data.weeks);
    let body = html! {
        @if chosen.is_empty() {
            div.chart-empty { p { "No strength exercises logged in the last " (WINDOW_WEEKS) " weeks yet. Each main lift gets a chart here once it is logged." } }
        }
        @for e in &chosen {
            @let with_load = loaded(e);
            @let (unit, values): (String, Vec<Option<f64>>) = if with_load {
                (data.unit.word().to_owned(), data.weeks.iter().map(|w| heaviest.get(&(e.id.as_str(), *w)).map(|kg| load_in(data.unit, *kg))).collect())
            } else {
                let by_week: HashMap<Date, f64> = e.weekly_best.iter().map(|b| (b.week_start, b.value)).collect();
                (e.weekly_best_unit.to_owned(), data.weeks.iter().map(|w| by_week.get(w).copied()).collect())
            };
            @let measure = if with_load { "Heaviest load" } else { "Most in one set" };
            @let shown: Vec<f64> = values.iter().flatten().copied().collect();
            @let trend = match (shown.first(), shown.last()) {
                (Some(a), Some(b)) if shown.len() > 1 => format!(" It went from {} to {} {unit}.", charts::number(*a), charts::number(*b)),
                (Some(a), _) => format!(" One week so far: {} {unit}.", charts::number(*a)),
                _ => String::new(),
            };
            @let best = set_words(data.unit, e.best_set.load_kg, e.best_set.reps, e.unit);
            @let e1rm = e.best_set.estimated_1rm_kg.map(|kg| format!(" (estimated one-rep max {})", data.unit.show(kg))).unwrap_or_default();
            div.lift {
                h3 { (e.name) }
                p.chart-lead { "Best set: " strong { (best) } " on " (short_date(e.best_set.date)) (e1rm) "." }
                (charts::line_chart(&Chart {
                    id: format!("lift-{}", e.id),
                    title: format!("{}: {} each week", e.name, measure.to_lowercase()),
                    desc: format!("{measure} of {} in each week you did it, in {unit}, over the last {} weeks.{trend} Best set {best} on {}{e1rm}.", e.name, data.weeks.len(), short_date(e.best_set.date)),
                    x_title: "Week starting".into(),
                    x_labels: labels.clone(),
                    unit,
                    series: vec![Series::new(measure, values)],
                    empty: "Nothing logged in these weeks.".into(),
                    ..Chart::default()
                }))
            }
        }
    };
    html! {
        section.card.chart-card.lifts-card aria-labelledby="lifts-heading" {
            h2 #lifts-heading { "Your main lifts" }
            div.lifts { (body) }
        }
    }
}

/// Whether a logged exercise is walking, marching or running, and how to turn its amount into
/// minutes.
pub(super) fn aerobic_minutes(exercise: &str, amount: u16) -> Option<f64> {
    let e = crate::domain::library().get(exercise)?;
    match (e.pattern, e.dose) {
        (Pattern::Impact, Dose::Seconds) => Some(f64::from(amount) / 60.0),
        (_, Dose::Distance) if e.id.ends_with("walk") => {
            Some(f64::from(amount) / WALK_METRES_PER_MINUTE)
        }
        _ => None,
    }
}

/// Minutes of walking and running a week against the 150-minute guideline: what she logged,
/// or, when she never logs them as minutes, what her plan set for the weeks she trained (said
/// plainly).
pub(super) fn aerobic(data: &Data) -> Markup {
    let mut logged: BTreeMap<Date, f64> = BTreeMap::new();
    for set in data.sets {
        if let Some(min) = aerobic_minutes(&set.exercise, set.reps) {
            *logged.entry(week_start(set.date)).or_default() += min;
        }
    }
    let any_logged = logged.values().any(|m| *m > 0.0);
    let trained: BTreeSet<Date> = data.sets.iter().map(|s| week_start(s.date)).collect();
    let (values, desc, note): (Vec<Option<f64>>, String, Option<&str>) = if any_logged {
        let values: Vec<Option<f64>> = data
            .weeks
            .iter()
            .map(|w| Some(logged.get(w).copied().unwrap_or(0.0).round()))
            .collect();
        let met = values
            .iter()
            .flatten()
            .filter(|m| **m >= AEROBIC_TARGET_MINUTES)
            .count();
        (
            values,
            format!(
                "Minutes of walking, marching and running you logged each week, against the guideline of 150 minutes a week. {met} of the last {} weeks reached it. Walks logged in metres count at 5 km/h.",
                data.weeks.len()
            ),
            Some(
                "From the walks, marches and runs you logged (walks in metres counted at 5 km/h). Brisk walks with the buggy count too: log them to see them here.",
            ),
        )
    } else {
        let planned: HashMap<Date, f64> = data
            .plan
            .iter()
            .flat_map(|p| &p.weeks)
            .map(|w| (week_start(w.starts), f64::from(w.aerobic_minutes)))
            .collect();
        let values: Vec<Option<f64>> = data
            .weeks
            .iter()
            .map(|w| planned.get(w).copied().filter(|_| trained.contains(w)))
            .collect();
        (
            values,
            "You have not logged walks or runs as minutes, so these bars are the minutes your plan set for each week you trained, not minutes you logged. The dashed line is the guideline of 150 minutes a week.".to_owned(),
            Some("Planned, not logged: you have not logged any walks or runs yet, so these are the minutes your plan set for the weeks you trained."),
        )
    };
    let body = html! {
        @if let Some(note) = note { p.chart-lead { (note) } }
        (charts::bar_chart(&Chart {
            id: "aerobic".into(),
            title: "Minutes of walking and running each week".into(),
            desc,
            x_title: "Week starting".into(),
            x_labels: week_labels(&data.weeks),
            unit: "minutes".into(),
            series: vec![Series::new(if any_logged { "Logged" } else { "Planned" }, values)],
            target: Some(Target { value: AEROBIC_TARGET_MINUTES, label: "150 min a week".into() }),
            empty: "No walks or runs logged yet, and no plan to compare with. Brisk walking counts: aim for 150 minutes over the week.".into(),
            ..Chart::default()
        }))
        p.source { "Guideline: at least 150 minutes of moderate activity a week, such as brisk walking (" (sources::CMO_2019) ")." }
    };
    section("aerobic", "Walking and running", body)
}

/// The groups weekly volume is stacked by (few enough to tell apart at a glance).
const GROUPS: [(&str, &[Pattern]); 4] = [
    (
        "Legs and bum",
        &[
            Pattern::Squat,
            Pattern::Hinge,
            Pattern::Lunge,
            Pattern::Glutes,
        ],
    ),
    ("Upper body", &[Pattern::Push, Pattern::Pull]),
    (
        "Core and pelvic floor",
        &[Pattern::Core, Pattern::PelvicFloor, Pattern::Breathing],
    ),
    (
        "Carries, mobility, impact",
        &[Pattern::Carry, Pattern::Mobility, Pattern::Impact],
    ),
];

pub(super) fn volume(data: &Data) -> Markup {
    let mut by: HashMap<(usize, Date), f64> = HashMap::new();
    for v in &data.progress.weekly_volume {
        if let Some(g) = GROUPS.iter().position(|(_, ps)| ps.contains(&v.pattern)) {
            *by.entry((g, v.week_start)).or_default() += v.sets as f64;
        }
    }
    let series: Vec<Series> = GROUPS
        .iter()
        .enumerate()
        .filter(|(g, _)| data.weeks.iter().any(|w| by.contains_key(&(*g, *w))))
        .map(|(g, (name, _))| {
            Series::new(
                *name,
                data.weeks
                    .iter()
                    .map(|w| by.get(&(g, *w)).copied())
                    .collect(),
            )
        })
        .collect();
    let this_week: f64 = series
        .iter()
        .filter_map(|s| s.values.last().copied().flatten())
        .sum();
    let body = charts::bar_chart(&Chart {
        id: "volume".into(),
        title: "Sets each week, by kind of exercise".into(),
        desc: format!(
            "Sets logged each week over the last {} weeks, stacked by kind of exercise: {}. This week: {} sets.",
            data.weeks.len(),
            series
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            charts::number(this_week)
        ),
        x_title: "Week starting".into(),
        x_labels: week_labels(&data.weeks),
        unit: "sets".into(),
        series,
        legend: true,
        empty: "No sets logged in these weeks yet.".into(),
        ..Chart::default()
    });
    section("volume", "Training volume", body)
}
