//! Her progress figures, as the engine computes them from her logs and current programme.

use mumstrong_core::records;

use crate::AppState;
use crate::domain;
use crate::error::ApiResult;

use super::{checkins_of, current_plan, sets_of};

/// Her progress figures: per exercise best set and estimated 1RM (Epley), weekly volume by
/// pattern, symptom and mood trends, and the everyday-load line.
pub(crate) async fn progress_view(state: &AppState, user_id: i64) -> ApiResult<records::Progress> {
    let today = state.today();
    let sets = sets_of(state, user_id).await?;
    let checkins = checkins_of(state, user_id).await?;
    let library = domain::library();
    // The everyday-load line comes from her current programme, made again with today's data.
    let plan_outcome = current_plan(state, user_id, &sets, &checkins).await?;
    let plan = match &plan_outcome {
        Some(mumstrong_core::plan::PlanOutcome::Ready(plan)) => Some(plan.as_ref()),
        _ => None,
    };
    Ok(records::progress(&sets, &checkins, library, plan, today))
}
