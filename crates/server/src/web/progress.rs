//! The progress page: a headline (sessions this week, pelvic-floor streak, best lift) and
//! charts of her main lifts, walking and running against the 150-minute guideline, weekly
//! volume, pelvic-floor practice, symptom-free weeks, mood and the everyday load of her baby.
//!
//! The figures come from the API's own `progress_view` (and the store for the sets and
//! pelvic-floor ticks), so the page and `/api/v1/progress` cannot disagree. The same chart
//! section serves her coach's view of her ([`progress_charts`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use maud::{Markup, html};
use mumstrong_core::library::{Dose, Pattern};
use mumstrong_core::records::{SetRecord, week_start};
use mumstrong_core::sources;
use serde::Deserialize;
use serde::de::IgnoredAny;
use time::{Date, Duration};

use super::charts::{self, Chart, Mark, Series, Target, short_date};
use super::urgent::{self, Reader};
use super::{Nav, PageResult, Unit, Viewer, page};
use crate::AppState;
use crate::app::member::{progress_view, sets_of};
use crate::app::state::member_now;
use mumstrong_core::records;

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/progress", get(progress_page))
}

/// How many weeks the weekly charts show, ending with this week.
const WINDOW_WEEKS: i64 = 12;
/// How many lifts get a chart of their own.
const LIFT_CHARTS: usize = 3;
/// Walks logged in metres count as minutes at a steady 5 km/h.
const WALK_METRES_PER_MINUTE: f64 = 5000.0 / 60.0;
/// The weekly aerobic guideline (UK CMO 2019: at least 150 minutes of moderate activity).
const AEROBIC_TARGET_MINUTES: f64 = mumstrong_core::plan::AEROBIC_TARGET_MINUTES as f64;

async fn progress_page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let user = viewer.member()?;
    // Her state now, decided once: a warning sign comes first here too.
    let stop = member_now(&state, user.id)
        .await?
        .and_then(|now| now.state.urgent);
    let charts = chart_section(&state, user.id, viewer.unit, true).await?;
    let body = html! {
        @if let Some(stop) = &stop { (urgent::stop(stop, Reader::Member)) }
        div.progress-page {
            @if stop.is_some() { h2 { "Your progress so far" } } @else { h1 { "Your progress" } }
            (charts)
        }
    };
    Ok(page(&viewer, "Your progress", Nav::Progress, body).into_response())
}

/// Her progress charts without the page around them, for her own page and her coach's view:
/// the headline, then a section per chart (each with an `h2`).
///
/// # Errors
/// The store failing.
pub async fn progress_charts(
    state: &AppState,
    member_id: i64,
    unit: Unit,
) -> PageResult<maud::Markup> {
    chart_section(state, member_id, unit, false).await
}

// ---- what the API gives ---------------------------------------------------------------------------

fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let text = String::deserialize(d)?;
    mumstrong_core::profile::parse_iso_date(&text).map_err(serde::de::Error::custom)
}

// Her progress as the engine computes it (`app::member::progress_view`), read directly.
type ProgressData = records::Progress;
type ExerciseData = records::ExerciseProgress;
type SymptomData = records::WeeklySymptoms;
type MoodData = records::WeeklyMood;

/// A week with nothing to report: no symptom on a set or check-in, no warning sign.
fn clear_week(week: &SymptomData) -> bool {
    week.sets_with_symptoms == 0 && week.checkins_with_symptoms == 0 && week.red_flags == 0
}

/// The parts of her stored plan the progress page needs.
#[derive(Deserialize)]
struct StoredPlan {
    weeks: Vec<StoredWeek>,
}

#[derive(Deserialize)]
struct StoredWeek {
    #[serde(deserialize_with = "iso_date")]
    starts: Date,
    aerobic_minutes: u16,
    sessions: Vec<IgnoredAny>,
}

/// Everything the charts are drawn from.
struct Data {
    today: Date,
    unit: Unit,
    progress: ProgressData,
    sets: Vec<SetRecord>,
    /// Pelvic-floor sets ticked per day, over the last year.
    ticks: BTreeMap<Date, usize>,
    plan: Option<StoredPlan>,
    /// The Mondays of the weekly charts, oldest first.
    weeks: Vec<Date>,
}

async fn gather(state: &AppState, member_id: i64, unit: Unit) -> PageResult<Data> {
    let today = state.today();
    let progress: ProgressData = progress_view(state, member_id).await?;
    let sets = sets_of(state, member_id).await?;
    let mut ticks: BTreeMap<Date, usize> = BTreeMap::new();
    for tick in state
        .store
        .pelvic_floor_between(member_id, today - Duration::days(400), today)
        .await?
    {
        *ticks.entry(tick.done_on).or_default() += 1;
    }
    let plan = match state.store.latest_programme(member_id).await? {
        Some(row) if row.status == "ready" => {
            serde_json::from_str::<StoredPlan>(&row.plan_json).ok()
        }
        _ => None,
    };
    let this_week = week_start(today);
    let first_activity = sets
        .iter()
        .map(|s| s.date)
        .chain(ticks.keys().copied())
        .chain(progress.mood.iter().map(|m| m.week_start))
        .chain(progress.symptoms.iter().map(|s| s.week_start))
        .min()
        .map_or(this_week, week_start)
        .min(this_week);
    let earliest = this_week - Duration::weeks(WINDOW_WEEKS - 1);
    let mut weeks = Vec::new();
    let mut w = first_activity.max(earliest);
    while w <= this_week {
        weeks.push(w);
        w += Duration::weeks(1);
    }
    Ok(Data {
        today,
        unit,
        progress,
        sets,
        ticks,
        plan,
        weeks,
    })
}

/// The charts; `her_own` adds links to her own pages when there is nothing yet.
async fn chart_section(
    state: &AppState,
    member_id: i64,
    unit: Unit,
    her_own: bool,
) -> PageResult<Markup> {
    let data = gather(state, member_id, unit).await?;
    let nothing_yet = data.progress.totals.sets_logged == 0
        && data.progress.totals.checkins == 0
        && data.ticks.is_empty();
    if nothing_yet {
        let markup = html! {
            div.card.progress-empty {
                h2 { "Nothing logged yet" }
                p { "Charts appear here as sessions, check-ins and pelvic-floor practice are logged: lifts getting heavier, minutes of walking against the 150-minute guideline, symptom-free weeks, and how your strength keeps ahead of your growing baby." }
                @if her_own {
                    p.muted { "Log the first session on Today, and tick the pelvic-floor sets as you do them." }
                    div.actions {
                        a.button href="/today" { "Go to today's session" }
                        a.button.secondary href="/pelvic-floor" { "Pelvic-floor practice" }
                    }
                }
            }
            (everyday_load(&data))
        };
        return Ok(markup);
    }
    let markup = html! {
        (headline(&data))
        div.chart-grid {
            (lifts(&data))
            (aerobic(&data))
            (volume(&data))
            (pelvic_floor(&data))
            (symptom_free(&data))
            (mood(&data))
            (everyday_load(&data))
        }
    };
    Ok(markup)
}

// ---- the headline ---------------------------------------------------------------------------------

/// Days in a row with pelvic-floor practice, up to today (or yesterday, while today is open).
fn streak(ticks: &BTreeMap<Date, usize>, today: Date) -> usize {
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
fn load_in(unit: Unit, kg: f64) -> f64 {
    (unit.from_kg(kg) * 2.0).round() / 2.0
}

/// A weight to 0.1 in her unit, for the baby's slow growth.
fn fine(unit: Unit, kg: f64) -> String {
    format!("{} {}", charts::number(unit.from_kg(kg)), unit.word())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The patterns of the main lifts: what she carries and lifts in everyday life.
fn main_lift(pattern: Pattern) -> bool {
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

fn set_words(unit: Unit, load_kg: Option<f64>, reps: u16, dose_unit: &str) -> String {
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

fn headline(data: &Data) -> Markup {
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

// ---- the charts -------------------------------------------------------------------------------------

fn week_labels(weeks: &[Date]) -> Vec<String> {
    weeks.iter().map(|w| short_date(*w)).collect()
}

fn section(id: &str, title: &str, body: Markup) -> Markup {
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
fn lifts(data: &Data) -> Markup {
    let first_week = data.weeks.first().copied().unwrap_or(data.today);
    let mut heaviest: HashMap<(&str, Date), f64> = HashMap::new();
    for set in &data.sets {
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
fn aerobic_minutes(exercise: &str, amount: u16) -> Option<f64> {
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
fn aerobic(data: &Data) -> Markup {
    let mut logged: BTreeMap<Date, f64> = BTreeMap::new();
    for set in &data.sets {
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

fn volume(data: &Data) -> Markup {
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

fn pelvic_floor(data: &Data) -> Markup {
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

fn symptom_free(data: &Data) -> Markup {
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

fn mood(data: &Data) -> Markup {
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

fn everyday_load(data: &Data) -> Markup {
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_streak_counts_back_from_today_or_yesterday() {
        let today = date!(2026 - 11 - 25);
        let mut ticks = BTreeMap::new();
        assert_eq!(streak(&ticks, today), 0);
        for d in 1..=3 {
            ticks.insert(today - Duration::days(d), 3);
        }
        assert_eq!(streak(&ticks, today), 3, "today still open");
        ticks.insert(today, 1);
        assert_eq!(streak(&ticks, today), 4);
        ticks.remove(&(today - Duration::days(2)));
        assert_eq!(streak(&ticks, today), 2);
    }

    #[test]
    fn walks_and_runs_count_as_minutes() {
        assert_eq!(aerobic_minutes("run_walk_intervals", 120), Some(2.0));
        assert_eq!(aerobic_minutes("jog_on_spot", 30), Some(0.5));
        let walk = aerobic_minutes("baby_carrier_walk", 500).unwrap_or(0.0);
        assert!((walk - 6.0).abs() < 0.01, "{walk}");
        assert_eq!(aerobic_minutes("goblet_squat", 10), None);
        assert_eq!(aerobic_minutes("not_an_exercise", 10), None);
    }

    #[test]
    fn sets_read_in_her_unit() {
        assert_eq!(set_words(Unit::Kg, Some(12.0), 8, "reps"), "12 kg × 8");
        assert_eq!(set_words(Unit::Lb, Some(10.0), 8, "reps"), "22 lb × 8");
        assert_eq!(set_words(Unit::Kg, None, 30, "seconds"), "30 s");
        assert_eq!(set_words(Unit::Kg, None, 10, "reps"), "10 reps");
    }
}
