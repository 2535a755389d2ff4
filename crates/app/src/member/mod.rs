//! A member's own data as the use cases every front end shares: her profile and its versions, her
//! screening, her programme and today's session, her logs (sets, check-ins, pelvic-floor
//! practice, her baby's weights) and her progress, each a function of (state, member id) so the
//! API, the pages, the coach's views of a client and the CLI show exactly the same thing. Her sets
//! and check-ins are read as the engine's records and her current programme is made again as the
//! engine's plan here too.

use mumstrong_core::records;
use time::Date;

use crate::AppState;
use crate::domain::{self, PlanRequest};
use crate::error::{AppError, AppResult};

mod logs;
mod plan_view;
mod profile;
mod programme;
mod progress;
mod screening;

pub use logs::*;
pub use plan_view::*;
pub use profile::*;
pub use programme::*;
pub use progress::*;
pub use screening::*;

/// The widest date range: everything (within what both databases can store).
pub fn all_dates() -> (Date, Date) {
    (
        Date::from_ordinal_date(1900, 1).unwrap_or(Date::MIN),
        Date::from_ordinal_date(9999, 1).unwrap_or(Date::MAX),
    )
}

/// 409: she has not saved a profile yet.
pub fn no_profile() -> AppError {
    AppError::precondition(
        "no_profile",
        "there is no profile yet: PUT /api/v1/profile first",
    )
}

/// Every check-in she has logged, as the domain reads them.
pub async fn checkins_of(state: &AppState, user_id: i64) -> AppResult<Vec<records::CheckIn>> {
    let (from, to) = all_dates();
    Ok(state
        .store
        .checkins_between(user_id, from, to, domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(domain::checkin_record)
        .collect())
}

/// Every set she has logged, as the domain reads them.
pub async fn sets_of(state: &AppState, user_id: i64) -> AppResult<Vec<records::SetRecord>> {
    let (from, to) = all_dates();
    Ok(state
        .store
        .sets_between(user_id, from, to, domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(domain::set_record)
        .collect())
}

/// Her current programme as the engine's `Plan`, made again from its start date with her
/// profile and what she had logged by then (the stored JSON is for reading, not for rendering).
/// `None` when she has no profile or no programme, or the programme is an urgent stop.
pub async fn current_plan(
    state: &AppState,
    user_id: i64,
    sets: &[records::SetRecord],
    checkins: &[records::CheckIn],
) -> AppResult<Option<mumstrong_core::plan::PlanOutcome<'static>>> {
    let today = state.today();
    let (Some(profile_row), Some(programme)) = (
        state.store.latest_profile(user_id).await?,
        state.store.latest_programme(user_id).await?,
    ) else {
        return Ok(None);
    };
    if programme.status != "ready" {
        return Ok(None);
    }
    let (_, profile) = domain::stored_profile(&profile_row.profile_json, today)?;
    let profile = domain::with_logged_red_flags(&profile, sets, checkins, today);
    let request = PlanRequest {
        start: programme.start_on,
        weeks: u8::try_from(programme.weeks).unwrap_or(12),
        car_seat_kg: None,
    };
    let (early_sets, early_checkins) =
        domain::logged_up_to(&profile, request.start, sets, checkins);
    let log = records::training_log(&early_sets, &early_checkins);
    let options = domain::plan_options(&profile, request);
    Ok(mumstrong_core::plan::generate(&profile, domain::library(), &options, &log).ok())
}
