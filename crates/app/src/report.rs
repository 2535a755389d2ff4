//! The printable report for her coach or physio, as one HTML page: the same for the API, the
//! report page and `mumstrong report`.

use mumstrong_core::records;
use mumstrong_core::report::Paper;
use time::{Date, Duration};

use crate::AppState;
use crate::domain;
use crate::error::{AppError, AppResult};
use crate::member::{checkins_of, current_plan, no_profile, sets_of};

/// The paper a report is asked for by its word (`a4` or `letter`, any case); A4 when not asked.
///
/// # Errors
/// 422 naming `paper` for any other word.
pub fn paper_param(word: Option<&str>) -> AppResult<Paper> {
    match word {
        None => Ok(Paper::default()),
        Some(word) => Paper::from_word(word)
            .ok_or_else(|| AppError::invalid("paper", "expected a4 (the default) or letter")),
    }
}

/// The report for her coach or physio, from `from` (default: 12 weeks before `to`) to `to`
/// (default today), as one printable HTML page laid out for `paper`.
///
/// # Errors
/// 422 when `from` is after `to`; 409 when she has no profile.
pub async fn report_html(
    state: &AppState,
    user_id: i64,
    from: Option<Date>,
    to: Option<Date>,
    paper: Paper,
) -> AppResult<String> {
    let today = state.today();
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(84));
    if from > to {
        return Err(AppError::invalid(
            "from",
            format!("{from} is after `to` ({to})"),
        ));
    }
    let Some(row) = state.store.latest_profile(user_id).await? else {
        return Err(no_profile());
    };
    let (_, profile) = domain::stored_profile(&row.profile_json, today)?;
    let name = state
        .store
        .user_by_id(user_id)
        .await?
        .map(|(u, _)| u.display_name)
        .unwrap_or_default();
    let sets = sets_of(state, user_id).await?;
    let checkins = checkins_of(state, user_id).await?;
    let screening = domain::screen(&profile, &sets, &checkins, today);
    let history: Vec<(Date, i64, Option<mumstrong_core::state::Outcome>)> = state
        .store
        .screenings(user_id, 200)
        .await?
        .into_iter()
        .filter(|s| s.screened_on >= from && s.screened_on <= to)
        .map(|s| {
            let outcome = mumstrong_core::state::Outcome::from_word(&s.outcome);
            (s.screened_on, s.profile_version, outcome)
        })
        .collect();
    let plan_outcome = current_plan(state, user_id, &sets, &checkins).await?;
    let plan = match &plan_outcome {
        Some(mumstrong_core::plan::PlanOutcome::Ready(plan)) => Some(plan.as_ref()),
        _ => None,
    };
    let in_range_sets: Vec<_> = sets
        .iter()
        .filter(|s| s.date >= from && s.date <= to)
        .cloned()
        .collect();
    let in_range_checkins: Vec<_> = checkins
        .iter()
        .filter(|c| c.date >= from && c.date <= to)
        .cloned()
        .collect();
    let progress = records::progress(
        &in_range_sets,
        &in_range_checkins,
        domain::library(),
        plan,
        today,
    );
    let mut pelvic_floor: Vec<(Date, usize)> = Vec::new();
    for tick in state.store.pelvic_floor_between(user_id, from, to).await? {
        let week = records::week_start(tick.done_on);
        match pelvic_floor.last_mut() {
            Some((w, n)) if *w == week => *n += 1,
            _ => pelvic_floor.push((week, 1)),
        }
    }
    Ok(mumstrong_core::report::html(
        &mumstrong_core::report::ReportData {
            name: &name,
            from,
            to,
            generated: today,
            profile: &profile,
            screening: &screening,
            history: &history,
            plan,
            progress: &progress,
            pelvic_floor: &pelvic_floor,
            paper,
        },
    ))
}
