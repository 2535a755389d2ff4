//! The progress page: a headline (sessions this week, pelvic-floor streak, best lift) and
//! charts of her main lifts, walking and running against the 150-minute guideline, weekly
//! volume, pelvic-floor practice, symptom-free weeks, mood and the everyday load of her baby.
//!
//! The figures come from the same `ProgressInputs::progress` as `/api/v1/progress` (read once
//! with her sets and plan, and the store for the pelvic-floor ticks), so the page and the API
//! cannot disagree. The same chart
//! section serves her coach's view of her ([`progress_charts`]).

mod headline;
mod sections;
#[cfg(test)]
mod tests;
mod wellbeing;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use maud::{Markup, html};
use mumstrong_core::records::{SetRecord, week_start};
use time::{Date, Duration};

use super::urgent::{self, Reader};
use super::{Nav, PageResult, Unit, Viewer, page};
use crate::AppState;
use crate::app::member::PlanView;
use crate::app::member::{ProgressInputs, progress_inputs};
use crate::app::state::member_now;
use mumstrong_core::records;

use headline::headline;
use sections::{aerobic, lifts, volume};
use wellbeing::{everyday_load, mood, pelvic_floor, symptom_free};

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
    // Under a warning sign's stop the page invites no training (no "go to today's session").
    let inputs = progress_inputs(&state, user.id).await?;
    let charts = chart_section(&state, user.id, viewer.unit, stop.is_none(), &inputs).await?;
    let body = html! {
        @if let Some(stop) = &stop { (urgent::stop(stop, Reader::Member)) }
        div.progress-page {
            @if stop.is_some() { h2 { "Your progress so far" } } @else { h1 { "Your progress" } }
            (charts)
        }
    };
    Ok(page(&viewer, "Your progress", Nav::Progress, body).into_response())
}

/// Her progress charts without the page around them, for her coach's view: the headline, then
/// a section per chart (each with an `h2`), from what the caller read once ([`progress_inputs`]).
///
/// # Errors
/// The store failing.
pub(crate) async fn progress_charts(
    state: &AppState,
    member_id: i64,
    unit: Unit,
    inputs: &ProgressInputs,
) -> PageResult<maud::Markup> {
    chart_section(state, member_id, unit, false, inputs).await
}

// ---- what the API gives ---------------------------------------------------------------------------

// Her progress as the engine computes it (`app::member::progress_view`), read directly.
type ProgressData = records::Progress;
type ExerciseData = records::ExerciseProgress;
type SymptomData = records::WeeklySymptoms;
type MoodData = records::WeeklyMood;

/// A week with nothing to report: no symptom on a set or check-in, no warning sign.
fn clear_week(week: &SymptomData) -> bool {
    week.sets_with_symptoms == 0 && week.checkins_with_symptoms == 0 && week.red_flags == 0
}

/// Everything the charts are drawn from.
struct Data<'a> {
    today: Date,
    unit: Unit,
    progress: ProgressData,
    sets: &'a [SetRecord],
    /// Pelvic-floor sets ticked per day, over the last year.
    ticks: BTreeMap<Date, usize>,
    plan: Option<PlanView>,
    /// The Mondays of the weekly charts, oldest first.
    weeks: Vec<Date>,
}

async fn gather<'a>(
    state: &AppState,
    member_id: i64,
    unit: Unit,
    inputs: &'a ProgressInputs,
) -> PageResult<Data<'a>> {
    let today = state.today();
    let progress: ProgressData = inputs.progress(today);
    let sets = inputs.sets.as_slice();
    let mut ticks: BTreeMap<Date, usize> = BTreeMap::new();
    for tick in state
        .store
        .pelvic_floor_between(member_id, today - Duration::days(400), today)
        .await?
    {
        *ticks.entry(tick.done_on).or_default() += 1;
    }
    let plan = crate::app::member::stored_programme(state, member_id)
        .await?
        .and_then(|p| p.plan);
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
    inputs: &ProgressInputs,
) -> PageResult<Markup> {
    let data = gather(state, member_id, unit, inputs).await?;
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
