//! Her profile and its versions: saving a new version (screened, her programme made again),
//! the current one and the history of versions with their screenings.

use mumstrong_store::NewScreening;
use serde::Serialize;
use serde_json::{Value, json};
use time::Date;
use utoipa::ToSchema;

use crate::AppState;
use crate::domain;
use crate::error::{AppError, AppResult};

use super::{checkins_of, help_of, no_profile, regenerate, sets_of};

/// Saves a new profile version from its JSON, screens it, and makes an existing programme
/// again: for the API and the onboarding pages.
pub async fn save_profile(state: &AppState, user_id: i64, bytes: &[u8]) -> AppResult<Value> {
    let state = state.clone();
    let today = state.today();
    let (input, profile) = domain::read_profile(bytes, today)?;
    let profile_json = serde_json::to_string(&input).map_err(AppError::internal)?;
    let saved = state
        .store
        .insert_profile(user_id, &profile_json, state.now_unix())
        .await?;
    let checkins = checkins_of(&state, user_id).await?;
    let sets = sets_of(&state, user_id).await?;
    let screening = domain::screen(&profile, &sets, &checkins, today);
    record_screening(&state, user_id, saved.version, today, &screening).await?;
    let programme = if state.store.latest_programme(user_id).await?.is_some() {
        regenerate(&state, user_id, "made again: profile updated").await?
    } else {
        None
    };
    Ok(json!({
        "version": saved.version,
        "created_at": saved.created_at,
        "profile": input,
        "screening": screening,
        "help": help_of(&screening),
        "programme": programme,
    }))
}

pub(crate) async fn record_screening(
    state: &AppState,
    user_id: i64,
    version: i64,
    today: Date,
    screening: &mumstrong_core::Screening,
) -> AppResult<()> {
    let json = serde_json::to_string(screening).map_err(AppError::internal)?;
    state
        .store
        .record_screening(
            user_id,
            &NewScreening {
                profile_version: version,
                screened_on: today,
                outcome: domain::outcome(screening),
                screening_json: &json,
            },
            state.now_unix(),
        )
        .await?;
    Ok(())
}

/// Her latest profile, as a view for any reader.
pub async fn profile_view(state: &AppState, user_id: i64) -> AppResult<Value> {
    let Some(row) = state.store.latest_profile(user_id).await? else {
        return Err(no_profile());
    };
    Ok(json!({
        "version": row.version,
        "created_at": row.created_at,
        "profile": serde_json::from_str::<Value>(&row.profile_json).map_err(AppError::internal)?,
    }))
}

/// One screening made from a profile version: when and its outcome word.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScreenedOut {
    /// The day screened, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub screened_on: Date,
    /// `urgent`, `refer` or `clear` as stored; an unknown word reads as `None` on a page.
    pub outcome: String,
}

/// One version of her profile with the screenings made from it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionOut {
    /// The version number, from 1.
    pub version: i64,
    /// When it was saved (Unix seconds).
    pub created_at: i64,
    /// The profile as she saved it (raw JSON: its shape is the profile file's).
    #[schema(value_type = Object)]
    pub profile: Value,
    /// The screenings made from it, newest first.
    pub screenings: Vec<ScreenedOut>,
}

/// Every version of her profile, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryView {
    /// The versions, newest first.
    pub versions: Vec<VersionOut>,
}

/// Every version of her profile with the screenings made from it, newest first.
pub async fn history_view(state: &AppState, user_id: i64) -> AppResult<HistoryView> {
    let screenings = state.store.screenings(user_id, 10_000).await?;
    let versions = state
        .store
        .profile_history(user_id)
        .await?
        .into_iter()
        .map(|p| VersionOut {
            version: p.version,
            created_at: p.created_at,
            profile: serde_json::from_str::<Value>(&p.profile_json).unwrap_or(Value::Null),
            screenings: screenings
                .iter()
                .filter(|s| s.profile_version == p.version)
                .map(|s| ScreenedOut {
                    screened_on: s.screened_on,
                    outcome: s.outcome.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(HistoryView { versions })
}
