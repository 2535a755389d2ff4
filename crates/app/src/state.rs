//! Her state now, decided once for every front end: her latest profile screened for today with
//! the warning signs and symptoms she logged folded in, read by [`MemberState::decide`].
//!
//! Every page (Screening, Today, Plan, Pelvic floor, Progress, the coach's view of her), the
//! API's `GET /api/v1/state` and the report render this; none of them decides "urgent",
//! "referred" or "running cleared" for itself.

use mumstrong_core::Screening;
use mumstrong_core::plan::{RED_FLAG_LOOKBACK_DAYS, impact_pause};
use mumstrong_core::records;
use mumstrong_core::state::MemberState;
use serde::Serialize;
use time::{Date, Duration};
use utoipa::ToSchema;

use crate::AppState;
use crate::domain;
use crate::error::AppResult;

/// How far back her logs can still change her state: a warning sign counts for
/// [`RED_FLAG_LOOKBACK_DAYS`], a symptom for two weeks, and a symptom's pause of impact ends
/// with a symptom-free week logged after it, all inside this window.
const WINDOW_DAYS: i64 = RED_FLAG_LOOKBACK_DAYS;

/// Logs dated up to this many days ahead are accepted (a set logged just after midnight in
/// another time zone), so they are read too.
const AHEAD_DAYS: i64 = 2;

/// At most this many sets or check-ins are read for the window: the store's cap on a log read,
/// far above what a month holds (rows come oldest first, so a cap she could reach would drop the
/// newest, the ones that matter most).
const WINDOW_ROWS: i64 = domain::MAX_LOG_ROWS;

/// Her state now, with the screening it was read from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Now {
    /// The profile version screened.
    pub profile_version: i64,
    /// The day it was screened for, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub screened_on: Date,
    /// What she may do now: every front end renders this.
    #[schema(value_type = Object)]
    pub state: MemberState,
    /// The screening it comes from, every decision with its reason and source.
    #[serde(skip)]
    pub screening: Screening,
}

impl Now {
    /// Whether a warning sign stops everything now.
    pub fn urgent(&self) -> bool {
        self.state.urgent.is_some()
    }
}

/// Her sets and check-ins of the window that can still change her state (the last
/// [`WINDOW_DAYS`] days, and any dated up to [`AHEAD_DAYS`] ahead), oldest first.
///
/// # Errors
/// A database error.
pub async fn window_logs(
    state: &AppState,
    user_id: i64,
) -> AppResult<(Vec<records::SetRecord>, Vec<records::CheckIn>)> {
    let today = state.today();
    let from = today - Duration::days(WINDOW_DAYS);
    let to = today + Duration::days(AHEAD_DAYS);
    let sets = state
        .store
        .sets_between(user_id, from, to, WINDOW_ROWS)
        .await?
        .iter()
        .map(domain::set_record)
        .collect();
    let checkins = state
        .store
        .checkins_between(user_id, from, to, WINDOW_ROWS)
        .await?
        .iter()
        .map(domain::checkin_record)
        .collect();
    Ok((sets, checkins))
}

/// Her state now; `None` when she has not saved a profile yet.
///
/// # Errors
/// A database error, or 409 `profile_outdated` when her saved profile no longer validates.
pub async fn member_now(state: &AppState, user_id: i64) -> AppResult<Option<Now>> {
    let (sets, checkins) = window_logs(state, user_id).await?;
    member_now_with(state, user_id, &sets, &checkins).await
}

/// Her state now from the logs of [`window_logs`], for a caller that reads them anyway (the
/// coach's client list), so they are read once.
///
/// # Errors
/// As [`member_now`].
pub async fn member_now_with(
    state: &AppState,
    user_id: i64,
    sets: &[records::SetRecord],
    checkins: &[records::CheckIn],
) -> AppResult<Option<Now>> {
    let Some(row) = state.store.latest_profile(user_id).await? else {
        return Ok(None);
    };
    let today = state.today();
    let (_, profile) = domain::stored_profile(&row.profile_json, today)?;
    let screening = domain::screen(&profile, sets, checkins, today);
    let log = records::training_log(sets, checkins);
    let paused_since = impact_pause(&log, today);
    Ok(Some(Now {
        profile_version: row.version,
        screened_on: today,
        state: MemberState::decide(&screening, paused_since),
        screening,
    }))
}
