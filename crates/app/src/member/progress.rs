//! Her progress figures, as the engine computes them from her logs and current programme.

use mumstrong_core::plan::{Plan, PlanOutcome};
use mumstrong_core::records;
use time::Date;

use crate::AppState;
use crate::domain;
use crate::error::AppResult;

use super::{checkins_of, current_plan, sets_of};

/// What her progress is computed from, read once: every set and check-in, and her current
/// programme made again as the engine's plan. A page that also shows the plan or the sets (the
/// coach's view of her, the Progress page) reads these once and uses them for both.
pub struct ProgressInputs {
    /// Every set she logged, oldest first.
    pub sets: Vec<records::SetRecord>,
    /// Every check-in, oldest first.
    pub checkins: Vec<records::CheckIn>,
    /// Her current programme, when there is one.
    pub plan: Option<PlanOutcome<'static>>,
}

impl ProgressInputs {
    /// Her current programme's plan, unless there is none or a warning sign stopped it.
    pub fn ready_plan(&self) -> Option<&Plan<'static>> {
        match &self.plan {
            Some(PlanOutcome::Ready(plan)) => Some(plan.as_ref()),
            _ => None,
        }
    }

    /// Her progress figures: per exercise best set and estimated 1RM (Epley), weekly volume by
    /// pattern, symptom and mood trends, and the everyday-load line (from her current plan).
    pub fn progress(&self, today: Date) -> records::Progress {
        records::progress(
            &self.sets,
            &self.checkins,
            domain::library(),
            self.ready_plan(),
            today,
        )
    }
}

/// Reads what her progress is computed from.
///
/// # Errors
/// A database error.
pub async fn progress_inputs(state: &AppState, user_id: i64) -> AppResult<ProgressInputs> {
    let sets = sets_of(state, user_id).await?;
    let checkins = checkins_of(state, user_id).await?;
    // The everyday-load line comes from her current programme, made again with today's data.
    let plan = current_plan(state, user_id, &sets, &checkins).await?;
    Ok(ProgressInputs {
        sets,
        checkins,
        plan,
    })
}

/// Her progress figures, for the API.
pub async fn progress_view(state: &AppState, user_id: i64) -> AppResult<records::Progress> {
    Ok(progress_inputs(state, user_id)
        .await?
        .progress(state.today()))
}
