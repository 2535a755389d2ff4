//! Her screening as every reader sees it: its outcome, the referrals and who to see for them.

use mumstrong_core::state::{MemberState, Outcome};
use mumstrong_core::{Referral, Screening};
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::AppResult;
use crate::state::member_now;

use super::{no_profile, record_screening};

/// Who a referral sends her to and what to do, as the API has always sent it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HelpOut {
    /// The referral's code (`pelvic_health_physio`).
    #[schema(value_type = String)]
    pub code: Referral,
    /// What to do, with any numbers in the words.
    pub advice: &'static str,
}

/// Today's screening of her latest profile, with her state now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScreeningView {
    /// The profile version screened.
    pub profile_version: i64,
    /// The day screened for, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub screened_on: Date,
    /// `urgent`, `refer` or `clear`.
    #[schema(value_type = String)]
    pub outcome: Outcome,
    /// Every referral with its advice.
    pub help: Vec<HelpOut>,
    /// The screening: every decision with its reason and source.
    #[schema(value_type = Object)]
    pub screening: Screening,
    /// What she may do now, decided once ([`MemberState`]): what every page shows.
    #[schema(value_type = Object)]
    pub state: MemberState,
}

/// Every referral of a screening with its advice.
pub fn help_of(screening: &Screening) -> Vec<HelpOut> {
    screening
        .referrals
        .iter()
        .map(|&r| HelpOut {
            code: r,
            advice: r.advice(),
        })
        .collect()
}

/// Today's screening of her latest profile (with warning signs and symptoms she logged), kept.
pub async fn screening_view(state: &AppState, user_id: i64) -> AppResult<ScreeningView> {
    let Some(now) = member_now(state, user_id).await? else {
        return Err(no_profile());
    };
    record_screening(
        state,
        user_id,
        now.profile_version,
        now.screened_on,
        &now.screening,
    )
    .await?;
    Ok(ScreeningView {
        profile_version: now.profile_version,
        screened_on: now.screened_on,
        outcome: now.state.outcome,
        help: help_of(&now.screening),
        screening: now.screening,
        state: now.state,
    })
}
