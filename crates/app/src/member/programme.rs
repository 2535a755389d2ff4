//! Her programme: starting one, making it again after a change, and the day's session.

use mumstrong_store::{NewProgramme, ProgrammeDay};
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;
use utoipa::ToSchema;

use crate::AppState;
use crate::domain::{self, PlanRequest};
use crate::error::{AppError, AppResult};
use crate::parse_date;

use super::{checkins_of, no_profile, sets_of};

/// Options for a new programme.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeIn {
    /// First day, `YYYY-MM-DD`, within 4 weeks of today; today when absent.
    #[serde(default)]
    pub start: Option<String>,
    /// Weeks, 1 to 52; 12 when absent.
    #[serde(default)]
    pub weeks: Option<u8>,
    /// Her car seat's weight in kg (0-20); her profile's or 3.5 when absent.
    #[serde(default)]
    pub car_seat_kg: Option<f64>,
}

/// A programme row (with its plan inline), as every reader sees it.
pub fn programme_json(row: &mumstrong_store::ProgrammeRow) -> String {
    format!(
        r#"{{"id":{},"status":"{}","reason":{},"profile_version":{},"library_version":{},"start":"{}","weeks":{},"created_at":{},"plan":{}}}"#,
        row.id,
        row.status,
        Value::from(row.reason.as_str()),
        row.profile_version,
        Value::from(row.library_version.as_str()),
        row.start_on,
        row.weeks,
        row.created_at,
        row.plan_json
    )
}

pub(crate) async fn make_programme(
    state: &AppState,
    user_id: i64,
    request: PlanRequest,
    reason: &str,
) -> AppResult<(i64, domain::Generated)> {
    let Some(row) = state.store.latest_profile(user_id).await? else {
        return Err(no_profile());
    };
    let (_, profile) = domain::stored_profile(&row.profile_json, state.today())?;
    let sets = sets_of(state, user_id).await?;
    let checkins = checkins_of(state, user_id).await?;
    let generated = domain::generate(&profile, request, &sets, &checkins)?;
    let id = state
        .store
        .insert_programme(
            user_id,
            &NewProgramme {
                profile_version: row.version,
                library_version: &generated.library_version,
                start_on: request.start,
                weeks: i64::from(request.weeks),
                status: generated.status,
                reason,
                plan_json: &generated.plan_json,
            },
            &generated.days,
            state.now_unix(),
        )
        .await?;
    Ok((id, generated))
}

/// Makes her programme again from today with everything logged (an adaptation); `None` when
/// she has no programme or no profile yet.
pub async fn regenerate(state: &AppState, user_id: i64, reason: &str) -> AppResult<Option<Value>> {
    let Some(current) = state.store.latest_programme(user_id).await? else {
        return Ok(None);
    };
    let today = state.today();
    let request = PlanRequest {
        start: domain::adapted_start(today, Some(current.start_on)),
        weeks: domain::weeks_left(today, Some((current.start_on, current.weeks))),
        car_seat_kg: None,
    };
    let (id, generated) = make_programme(state, user_id, request, reason).await?;
    tracing::info!(user = user_id, programme = id, reason, "programme adapted");
    Ok(Some(json!({
        "programme_id": id,
        "status": generated.status,
        "reason": reason,
        "start": request.start.to_string(),
        "weeks": request.weeks,
        "changes": generated.adaptations,
    })))
}

/// Makes her programme from her latest profile and logs: for the API and the programme page.
pub async fn start_programme(
    state: &AppState,
    user_id: i64,
    body: &ProgrammeIn,
) -> AppResult<mumstrong_store::ProgrammeRow> {
    let today = state.today();
    let start = match &body.start {
        Some(text) => {
            let start = parse_date("start", text)?;
            if (start - today).whole_days().abs() > 28 {
                return Err(AppError::invalid(
                    "start",
                    format!(
                        "{start} is more than 4 weeks from today ({today}); pick a start within 4 weeks"
                    ),
                ));
            }
            start
        }
        None => today,
    };
    let request = PlanRequest {
        start,
        weeks: body.weeks.unwrap_or(12),
        car_seat_kg: body.car_seat_kg,
    };
    make_programme(state, user_id, request, "requested").await?;
    state
        .store
        .latest_programme(user_id)
        .await?
        .ok_or_else(|| AppError::internal("programme vanished after insert"))
}

/// Her current programme, as a JSON string.
pub async fn programme_view(state: &AppState, user_id: i64) -> AppResult<String> {
    match state.store.latest_programme(user_id).await? {
        Some(row) => Ok(programme_json(&row)),
        None => Err(AppError::precondition(
            "no_programme",
            "there is no programme yet: POST /api/v1/programme",
        )),
    }
}

/// Today's session (or rest day and the next session), as a JSON string.
pub async fn today_view(state: &AppState, user_id: i64, date: Date) -> AppResult<String> {
    let days = state.store.programme_days_from(user_id, date).await?;
    today_from_days(state, user_id, date, &days).await
}

/// Today's view from the stored days (at most today and the next day with something to do).
pub async fn today_from_days(
    state: &AppState,
    user_id: i64,
    date: Date,
    days: &[ProgrammeDay],
) -> AppResult<String> {
    let today = days.iter().find(|d| d.day_on == date);
    if today.is_none()
        && let Some(current) = state.store.latest_programme(user_id).await?
        && current.status == "ready"
        && date < current.start_on
    {
        // Every day of a programme is stored, so no row for the day means it is before the
        // start (or after the end, below).
        return Ok(format!(
            r#"{{"date":"{date}","status":"not_started","programme_id":{},"start":"{}","today":null,"next":{}}}"#,
            current.id,
            current.start_on,
            days.first().map_or("null", |d| d.day_json.as_str())
        ));
    }
    // The next session is shown only when today has none to do.
    let next = if today.is_some_and(|d| d.kind != "rest") {
        None
    } else {
        days.iter().find(|d| d.day_on > date)
    };
    if today.is_none() && next.is_none() {
        let Some(current) = state.store.latest_programme(user_id).await? else {
            return Err(AppError::precondition(
                "no_programme",
                "there is no programme yet: POST /api/v1/programme",
            ));
        };
        if current.status == "urgent" {
            return Ok(format!(
                r#"{{"date":"{date}","status":"urgent","programme_id":{},"stop":{}}}"#,
                current.id, current.plan_json
            ));
        }
        let status = if date < current.start_on {
            "not_started"
        } else {
            "finished"
        };
        return Ok(format!(
            r#"{{"date":"{date}","status":"{status}","programme_id":{},"start":"{}","today":null,"next":null}}"#,
            current.id, current.start_on
        ));
    }
    Ok(format!(
        r#"{{"date":"{date}","status":"ready","today":{},"next":{}}}"#,
        today.map_or("null", |d| d.day_json.as_str()),
        next.map_or("null", |d| d.day_json.as_str()),
    ))
}
