//! Pelvic floor: today's practice from this week's dose, how to do it, a guided timer
//! (`pelvic_floor.js`), a tick for each round of the day and her streak.

use crate::error::HttpStatus;
use std::collections::BTreeSet;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use time::{Date, Duration};

use super::today::{DayQuery, PelvicFloorDose, day_query, load_view, page_date};
use super::urgent::{self, Reader};
use super::{
    Nav, PageError, PageResult, Viewer, WebForm, csrf_field, human_date, page_with_scripts,
    see_other,
};
use crate::AppState;
use crate::app::member::{self, PelvicFloorIn};
use crate::app::state::member_now;
use crate::error::AppError;
use mumstrong_core::state::UrgentStop;

/// The pelvic-floor routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pelvic-floor", get(pelvic_floor_page))
        .route("/pelvic-floor/tick", post(tick))
}

/// The target dose (NHS): 10 slow holds of 10 seconds and 10 quick squeezes, 3 times a day.
const TARGET: PelvicFloorDose = PelvicFloorDose {
    slow_holds: 10,
    hold_seconds: 10,
    quick_squeezes: 10,
    times_per_day: 3,
};

/// The streak is counted over at most this many days.
const STREAK_WINDOW_DAYS: i64 = 400;

/// Where the dose comes from.
enum DoseFrom {
    /// This week of her plan.
    Plan(PelvicFloorDose),
    /// No plan (yet, or any more): the target.
    Target,
    /// An urgent stop: no exercise until she has had help (her state's stop, shown as on every
    /// page).
    Stopped(Box<UrgentStop>),
}

fn pelvic_path(state: &AppState, date: Date) -> String {
    if date == state.today() {
        "/pelvic-floor".to_owned()
    } else {
        format!("/pelvic-floor?date={date}")
    }
}

/// Minutes one round takes with the timer: each hold and its rest, a second per quick squeeze
/// and per relax, and 3 seconds to get ready; rounded up.
fn round_minutes(dose: &PelvicFloorDose) -> u32 {
    let seconds = 3
        + 2 * u32::from(dose.slow_holds) * u32::from(dose.hold_seconds)
        + 2 * u32::from(dose.quick_squeezes);
    seconds.div_ceil(60)
}

/// Consecutive days up to `date` with at least one round; a day not yet practised today does not
/// break it (it counts from yesterday).
pub(crate) fn streak(days: &BTreeSet<Date>, date: Date) -> u32 {
    let mut day = if days.contains(&date) {
        date
    } else {
        date - Duration::days(1)
    };
    let mut n = 0;
    while days.contains(&day) {
        n += 1;
        day -= Duration::days(1);
    }
    n
}

async fn dose_for(state: &AppState, user_id: i64, date: Date) -> PageResult<DoseFrom> {
    // Her state now, decided once: a warning sign stops the practice too.
    if let Some(now) = member_now(state, user_id).await?
        && let Some(stop) = now.state.urgent
    {
        return Ok(DoseFrom::Stopped(Box::new(stop)));
    }
    if state.store.latest_programme(user_id).await?.is_none() {
        return Ok(DoseFrom::Target);
    }
    let view = load_view(state, user_id, date).await?;
    if view.status == crate::app::member::TodayStatus::Urgent {
        return Ok(DoseFrom::Target);
    }
    Ok(view
        .today
        .as_ref()
        .or(view.next.as_ref())
        .map_or(DoseFrom::Target, |d| DoseFrom::Plan(d.week.pelvic_floor)))
}

async fn pelvic_floor_page(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> PageResult {
    viewer.member()?;
    let query = day_query(&state, raw.as_deref())?;
    render(&state, &viewer, query, None).await
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    query: DayQuery,
    error: Option<AppError>,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let date = query.date;
    let from = dose_for(state, user_id, date).await?;
    let ticks = state
        .store
        .pelvic_floor_between(user_id, date - Duration::days(STREAK_WINDOW_DAYS), date)
        .await?;
    let days: BTreeSet<Date> = ticks.iter().map(|t| t.done_on).collect();
    let done_today: BTreeSet<i64> = ticks
        .iter()
        .filter(|t| t.done_on == date)
        .map(|t| t.set_number)
        .collect();
    let body = page_body(
        state,
        viewer,
        date,
        &from,
        &done_today,
        streak(&days, date),
        error.as_ref(),
    );
    let status = error
        .as_ref()
        .map_or(axum::http::StatusCode::OK, |e| e.status());
    Ok((
        status,
        page_with_scripts(
            viewer,
            "Pelvic floor",
            Nav::PelvicFloor,
            &["pelvic_floor.js"],
            body,
        ),
    )
        .into_response())
}

fn page_body(
    state: &AppState,
    viewer: &Viewer,
    date: Date,
    from: &DoseFrom,
    done_today: &BTreeSet<i64>,
    streak: u32,
    error: Option<&AppError>,
) -> Markup {
    let dose = match from {
        DoseFrom::Plan(d) => *d,
        DoseFrom::Target | DoseFrom::Stopped(_) => TARGET,
    };
    let rounds = i64::from(dose.times_per_day.clamp(1, 3));
    let next_round = (1..=rounds).find(|n| !done_today.contains(n)).unwrap_or(0);
    let done = done_today.iter().filter(|n| **n <= rounds).count();
    let can_tick = date <= state.today() + Duration::days(1);
    html! {
        p.today-meta { (human_date(date)) @if date == state.today() { " · today" } }
        // A warning sign's stop is the page's heading; otherwise the page's own.
        @if !matches!(from, DoseFrom::Stopped(_)) { h1 { "Pelvic floor" } }
        @if let Some(e) = error {
            div.notice.error role="alert" tabindex="-1" #form-error {
                p { strong { "Please check: " } (e.message) }
            }
        }
        @if let DoseFrom::Stopped(stop) = from {
            (urgent::stop(stop, Reader::Member))
        } @else {
            p.today-lead.pf-dose {
                "Today: " strong { (dose.slow_holds) " slow holds of " (dose.hold_seconds) " seconds" }
                ", then " strong { (dose.quick_squeezes) " quick squeezes" } ". "
                (dose.times_per_day) " times a day."
            }
            @if let DoseFrom::Target = from {
                p.muted { "This is the usual target. Your plan sets a dose that builds up to it: " a href="/today" { "make or see your plan" } "." }
            }
            section.card.pf-timer #pf-timer hidden
                data-holds=(dose.slow_holds) data-hold=(dose.hold_seconds)
                data-quick=(dose.quick_squeezes) data-next-round=(if can_tick { next_round } else { 0 })
                aria-labelledby="timer-title" {
                h2 #timer-title { "Guided timer" }
                div.pf-display #pf-display {
                    p.pf-phase #pf-phase { "Ready when you are" }
                    p.pf-count-big #pf-count aria-hidden="true" {}
                    p.pf-progress #pf-progress { "One round: about " (round_minutes(&dose)) " minutes" }
                }
                div.actions.pf-buttons {
                    button #pf-start type="button" { "Start" }
                    button.secondary #pf-pause type="button" hidden { "Pause" }
                    button.secondary #pf-stop type="button" hidden { "Stop" }
                }
                div #pf-end hidden {
                    p.pf-end-text #pf-end-text { "Round done. Well done!" }
                    button.wide #pf-tick type="button" hidden { "Tick this round" }
                }
                div #pf-announce .visually-hidden role="status" aria-live="assertive" { }
            }
            section.card.pf-rounds #rounds aria-labelledby="rounds-title" {
                h2 #rounds-title { "Rounds today" }
                p.pf-count {
                    strong #rounds-done { (done) " of " (rounds) " done" }
                    " · "
                    @if streak == 0 { "start your streak today" }
                    @else if streak == 1 { "streak: 1 day" }
                    @else { "streak: " (streak) " days in a row" }
                }
                ol.pf-round-list {
                    @for n in 1..=rounds {
                        li {
                            @if done_today.contains(&n) {
                                p.pf-ticked { span.tick aria-hidden="true" { "✓" } " Round " (n) " done" }
                            } @else if can_tick {
                                form #(format!("tick-{n}")) method="post" action="/pelvic-floor/tick" {
                                    (csrf_field(&viewer.csrf))
                                    input type="hidden" name="date" value=(date.to_string());
                                    input type="hidden" name="round" value=(n);
                                    button.secondary.wide type="submit" { "Tick round " (n) }
                                }
                            } @else {
                                p.muted { "Round " (n) }
                            }
                        }
                    }
                }
            }
        }
        // Under a warning sign's stop nothing here invites her to exercise.
        @if !matches!(from, DoseFrom::Stopped(_)) {
        section.card.pf-how #how aria-labelledby="how-title" {
            h2 #how-title { "How to do it" }
            ol.points {
                li { "Sit, stand or lie comfortably, with your tummy, buttocks and thighs relaxed." }
                li { strong { "Squeeze and lift: " } "breathe out, then close and draw up around your back passage and vagina, as if stopping wind and a wee at the same time, lifting up and in." }
                li { strong { "Hold, and keep breathing. " } "Don't hold your breath, pull in your tummy hard or clench your buttocks." }
                li { strong { "Relax fully " } "for as long as you held, before the next one. Letting go matters as much as the squeeze." }
                li { strong { "Quick squeezes: " } "squeeze and lift quickly, then let go straight away." }
            }
            p { "Build up to 10 slow holds of 10 seconds and 10 quick squeezes, 3 times a day. It can take about 3 months to feel a difference, so keep going every day, and keep it up for life." }
            p.source { "NHS maternity guidance (SNEE \"After birth\"); NICE: at least 8 squeezes, at least 3 times a day, for at least 3 months. The NHS Squeezy app can remind you." }
            div.notice.info {
                p { "Can't feel a squeeze, or still leaking, feeling heaviness or a bulge? See a pelvic-health physiotherapist: your GP can refer you, and many services accept self-referral." }
            }
        }
        }
    }
}

/// One round of the day done.
async fn tick(
    State(state): State<AppState>,
    viewer: Viewer,
    form: WebForm,
) -> PageResult<Response> {
    let user_id = viewer.member()?.id;
    let date_text = form.get("date").unwrap_or("").to_owned();
    let date = page_date(&date_text).unwrap_or_else(|_| state.today());
    let result = match form.get("round").map(str::parse::<u8>) {
        Some(Ok(round)) => member::save_pelvic_floor_tick(
            &state,
            user_id,
            &PelvicFloorIn {
                date: date_text,
                set_number: round,
            },
        )
        .await
        .map_err(|mut e| {
            if e.field.as_deref() == Some("set_number") {
                e.field = Some("round".to_owned());
                e.message = format!("Round: {}", e.message.replace("sets a day", "rounds a day"));
            } else if e.field.as_deref() == Some("date") && !e.message.starts_with("Date") {
                e.message = format!("Date: {}", e.message);
            }
            e
        }),
        _ => Err(AppError::invalid("round", "Round: choose round 1, 2 or 3")),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("{}#rounds", pelvic_path(&state, date)))),
        Err(e) if e.status().is_client_error() => {
            render(
                &state,
                &viewer,
                DayQuery {
                    date,
                    adapted: false,
                },
                Some(e),
            )
            .await
        }
        Err(e) => Err(PageError(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streak_counts_back_and_survives_a_day_not_yet_practised() {
        let d = |n: i64| Date::from_ordinal_date(2026, 100).unwrap() + Duration::days(n);
        let days: BTreeSet<Date> = [d(-3), d(-2), d(-1), d(0)].into_iter().collect();
        assert_eq!(streak(&days, d(0)), 4);
        assert_eq!(streak(&days, d(1)), 4);
        assert_eq!(streak(&days, d(2)), 0);
        let gap: BTreeSet<Date> = [d(-3), d(-1)].into_iter().collect();
        assert_eq!(streak(&gap, d(0)), 1);
    }
}
