//! Her logs: sets, check-ins, pelvic-floor practice and her baby's weights, saved, removed and
//! read between two days.

use mumstrong_core::log::{MAX_LOAD_KG, MAX_REPS};
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_store::{CheckInRow, NewCheckIn, NewSet, SetRow};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::{Date, Duration};
use utoipa::ToSchema;

use crate::AppState;
use crate::domain;
use crate::error::{AppError, AppResult};
use crate::parse_date;

use super::{regenerate, today_view};

/// One set she did.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetIn {
    /// The day, `YYYY-MM-DD` (not in the future).
    pub date: String,
    /// The exercise's library id (`goblet_squat`).
    pub exercise: String,
    /// Which set of this exercise that day, from 1.
    #[serde(default)]
    pub set_number: Option<u8>,
    /// Reps done (or seconds, or metres, as the exercise is dosed).
    pub reps: u16,
    /// What the plan asked for.
    #[serde(default)]
    pub target_reps: Option<u16>,
    /// Load in kg (0 or absent: bodyweight).
    #[serde(default)]
    pub load_kg: Option<f64>,
    /// Effort 1-10.
    #[serde(default)]
    pub rpe: Option<u8>,
    /// Symptoms during the set (`urinary_leakage`, `pelvic_heaviness`, `doming`, …).
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub symptoms: Vec<Symptom>,
    /// Warning signs (these stop training and say where to get help).
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub red_flags: Vec<RedFlag>,
    /// The app's own id for this set: a retry with the same id stores nothing twice.
    #[serde(default)]
    pub client_ref: Option<String>,
}

pub(crate) fn check_log_date(field: &str, text: &str, today: Date) -> AppResult<Date> {
    let date = parse_date(field, text)?;
    if date > today + Duration::days(1) {
        return Err(AppError::invalid(
            field,
            format!("{date} is in the future; log what you have done (today is {today})"),
        ));
    }
    if date < today - Duration::days(3660) {
        return Err(AppError::invalid(
            field,
            format!("{date} is more than 10 years ago"),
        ));
    }
    Ok(date)
}

/// A stored set as every reader sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SetOut {
    /// Its id (to delete it).
    pub id: i64,
    /// The day, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub date: Date,
    /// The exercise's library id (or an imported name).
    pub exercise: String,
    /// Which set that day, from 1.
    pub set_number: Option<i64>,
    /// Reps (or seconds, or metres) done.
    pub reps: i64,
    /// What the plan asked for.
    pub target_reps: Option<i64>,
    /// Load in kg; none for bodyweight.
    pub load_kg: Option<f64>,
    /// Effort 1-10.
    pub rpe: Option<i64>,
    /// Symptom words she reported with it.
    pub symptoms: Vec<String>,
    /// Warning-sign words she reported with it.
    pub red_flags: Vec<String>,
    /// The app's own id for the set, if it sent one.
    pub client_ref: Option<String>,
    /// When it was stored (Unix seconds).
    pub created_at: i64,
}

/// A stored set as every reader sees it.
pub fn set_out(row: &SetRow) -> SetOut {
    SetOut {
        id: row.id,
        date: row.done_on,
        exercise: row.exercise.clone(),
        set_number: row.set_number,
        reps: row.reps,
        target_reps: row.target_reps,
        load_kg: row.load_kg,
        rpe: row.rpe,
        symptoms: domain::words::<String>(&row.symptoms),
        red_flags: domain::words::<String>(&row.red_flags),
        client_ref: row.client_ref.clone(),
        created_at: row.created_at,
    }
}

/// A stored check-in as every reader sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckInOut {
    /// Its id (to delete it).
    pub id: i64,
    /// The day, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub date: Date,
    /// Symptom words.
    pub symptoms: Vec<String>,
    /// Warning-sign words.
    pub red_flags: Vec<String>,
    /// Effort of the day, 1-10.
    pub rpe: Option<i64>,
    /// Mood 1 (low) to 5 (good).
    pub mood: Option<i64>,
    /// Hours slept.
    pub sleep_hours: Option<f64>,
    /// Her notes.
    pub notes: String,
    /// When it was stored (Unix seconds).
    pub created_at: i64,
}

/// A stored check-in as every reader sees it.
pub fn checkin_out(row: &CheckInRow) -> CheckInOut {
    CheckInOut {
        id: row.id,
        date: row.done_on,
        symptoms: domain::words::<String>(&row.symptoms),
        red_flags: domain::words::<String>(&row.red_flags),
        rpe: row.rpe,
        mood: row.mood,
        sleep_hours: row.sleep_hours,
        notes: row.notes.clone(),
        created_at: row.created_at,
    }
}

pub(crate) fn words_json<T: serde::Serialize>(words: &[T]) -> AppResult<String> {
    serde_json::to_string(words).map_err(AppError::internal)
}

/// The warning signs and symptoms she reported, red flags first, as words for the reason an
/// adaptation gives; `None` when she reported none (nothing to adapt to).
pub fn reported(red_flags: &[RedFlag], symptoms: &[Symptom]) -> Option<String> {
    let words: Vec<&str> = red_flags
        .iter()
        .map(|f| f.as_str())
        .chain(symptoms.iter().map(|s| s.as_str()))
        .collect();
    (!words.is_empty()).then(|| words.join(", "))
}

/// What a symptom or warning sign changed: the adapted programme and the day ahead.
pub async fn adapt_after(state: &AppState, user_id: i64, what: String) -> AppResult<Option<Value>> {
    let Some(mut adaptation) = regenerate(state, user_id, &what).await? else {
        return Ok(Some(json!({
            "reason": what,
            "programme_id": null,
            "message": "noted; make a programme (POST /api/v1/programme) and it will take this into account",
        })));
    };
    let day = today_view(state, user_id, state.today()).await?;
    adaptation["today"] = serde_json::from_str(&day).map_err(AppError::internal)?;
    Ok(Some(adaptation))
}

/// Checks and stores one set she did (her pages' path): the reply has `set`, and `adaptation`
/// when a symptom or warning sign changed the programme.
pub async fn save_set(state: &AppState, user_id: i64, body: &SetIn) -> AppResult<Value> {
    let set = new_set(body, state.today())?;
    store_set(state, user_id, &set, body).await
}

/// Stores a set read from her body (once per `client_ref`), and says what it changed.
pub async fn store_set(
    state: &AppState,
    user_id: i64,
    set: &NewSet,
    body: &SetIn,
) -> AppResult<Value> {
    let date = set.done_on;
    // A retry of a set already stored (same client_ref) does not adapt the programme again.
    let (row, fresh) = state
        .store
        .insert_set(user_id, set, state.now_unix())
        .await?;
    let reported = reported(&body.red_flags, &body.symptoms);
    let adaptation = if fresh && let Some(words) = reported {
        adapt_after(
            state,
            user_id,
            format!("adapted: {words} logged during {} on {date}", body.exercise),
        )
        .await?
    } else {
        None
    };
    let mut out = json!({ "set": set_out(&row) });
    if let Some(a) = adaptation {
        out["adaptation"] = a;
    }
    Ok(out)
}

/// Checks a logged set against the library and the ranges, naming the field at fault.
pub fn new_set(body: &SetIn, today: Date) -> AppResult<NewSet> {
    let date = check_log_date("date", &body.date, today)?;
    let library = domain::library();
    if library.get(&body.exercise).is_none() {
        let hint = library
            .nearest_id(&body.exercise)
            .map(|id| format!("; did you mean `{id}`?"))
            .unwrap_or_else(|| "; see `mumstrong exercises` for the ids".to_owned());
        return Err(AppError::invalid(
            "exercise",
            format!(
                "`{}` is not in the exercise library{hint}",
                body.exercise.chars().take(60).collect::<String>()
            ),
        ));
    }
    if body.reps > MAX_REPS {
        return Err(AppError::invalid(
            "reps",
            format!("{}; expected 0 to {MAX_REPS}", body.reps),
        ));
    }
    if let Some(t) = body.target_reps
        && !(1..=MAX_REPS).contains(&t)
    {
        return Err(AppError::invalid(
            "target_reps",
            format!("{t}; expected 1 to {MAX_REPS}"),
        ));
    }
    if let Some(kg) = body.load_kg
        && !(kg.is_finite() && (0.0..=MAX_LOAD_KG).contains(&kg))
    {
        return Err(AppError::invalid(
            "load_kg",
            format!("{kg}; expected 0 to {MAX_LOAD_KG} kg"),
        ));
    }
    if let Some(rpe) = body.rpe
        && !(1..=10).contains(&rpe)
    {
        return Err(AppError::invalid(
            "rpe",
            format!("{rpe}; expected effort from 1 (very easy) to 10 (maximal)"),
        ));
    }
    if let Some(n) = body.set_number
        && !(1..=mumstrong_core::log::MAX_SETS).contains(&n)
    {
        return Err(AppError::invalid(
            "set_number",
            format!("{n}; expected 1 to {}", mumstrong_core::log::MAX_SETS),
        ));
    }
    if let Some(r) = &body.client_ref
        && (r.is_empty() || r.len() > 100)
    {
        return Err(AppError::invalid(
            "client_ref",
            "expected 1 to 100 characters",
        ));
    }
    Ok(NewSet {
        done_on: date,
        exercise: body.exercise.clone(),
        set_number: body.set_number.map(i64::from),
        reps: i64::from(body.reps),
        target_reps: body.target_reps.map(i64::from),
        load_kg: body.load_kg.filter(|kg| *kg > 0.0),
        rpe: body.rpe.map(i64::from),
        symptoms: words_json(&body.symptoms)?,
        red_flags: words_json(&body.red_flags)?,
        client_ref: body.client_ref.clone(),
    })
}

/// Deletes one of her sets and makes the programme again (what the set said may have shaped it).
pub async fn remove_set(state: &AppState, user_id: i64, id: i64) -> AppResult<Value> {
    if !state.store.delete_set(user_id, id).await? {
        return Err(AppError::not_found(format!("you have no set {id}")));
    }
    let adaptation = regenerate(state, user_id, "made again: a logged set was deleted").await?;
    Ok(json!({ "deleted": id, "adaptation": adaptation }))
}

/// Deletes one of her check-ins and makes the programme again without it.
pub async fn remove_checkin(state: &AppState, user_id: i64, id: i64) -> AppResult<Value> {
    if !state.store.delete_checkin(user_id, id).await? {
        return Err(AppError::not_found(format!("you have no check-in {id}")));
    }
    let adaptation = regenerate(state, user_id, "made again: a check-in was deleted").await?;
    Ok(json!({ "deleted": id, "adaptation": adaptation }))
}

/// A check-in after a session, or on any day.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInIn {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Symptoms after training or that day.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub symptoms: Vec<Symptom>,
    /// Warning signs.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub red_flags: Vec<RedFlag>,
    /// The session's effort, 1-10.
    #[serde(default)]
    pub rpe: Option<u8>,
    /// Mood, 1 (low) to 5 (good).
    #[serde(default)]
    pub mood: Option<u8>,
    /// Hours slept, 0-24.
    #[serde(default)]
    pub sleep_hours: Option<f64>,
    /// Her own words (up to 2000 characters).
    #[serde(default)]
    pub notes: Option<String>,
}

/// Checks and stores a check-in: the reply has `checkin`, and `adaptation` when a symptom or
/// warning sign changed the programme. For the API and her pages.
pub async fn save_checkin(state: &AppState, user_id: i64, body: &CheckInIn) -> AppResult<Value> {
    let date = check_log_date("date", &body.date, state.today())?;
    if let Some(rpe) = body.rpe
        && !(1..=10).contains(&rpe)
    {
        return Err(AppError::invalid("rpe", format!("{rpe}; expected 1 to 10")));
    }
    if let Some(mood) = body.mood
        && !(1..=5).contains(&mood)
    {
        return Err(AppError::invalid(
            "mood",
            format!("{mood}; expected 1 (low) to 5 (good)"),
        ));
    }
    if let Some(h) = body.sleep_hours
        && !(h.is_finite() && (0.0..=24.0).contains(&h))
    {
        return Err(AppError::invalid(
            "sleep_hours",
            format!("{h}; expected 0 to 24 hours"),
        ));
    }
    let notes = body.notes.clone().unwrap_or_default();
    if notes.chars().count() > 2000 {
        return Err(AppError::invalid(
            "notes",
            "expected at most 2000 characters",
        ));
    }
    let row = state
        .store
        .insert_checkin(
            user_id,
            &NewCheckIn {
                done_on: date,
                symptoms: words_json(&body.symptoms)?,
                red_flags: words_json(&body.red_flags)?,
                rpe: body.rpe.map(i64::from),
                mood: body.mood.map(i64::from),
                sleep_hours: body.sleep_hours,
                notes,
            },
            state.now_unix(),
        )
        .await?;
    let mut out = json!({ "checkin": checkin_out(&row) });
    if let Some(words) = reported(&body.red_flags, &body.symptoms)
        && let Some(a) = adapt_after(
            state,
            user_id,
            format!("adapted: {words} noted in the check-in on {date}"),
        )
        .await?
    {
        out["adaptation"] = a;
    }
    Ok(out)
}

/// One of the day's pelvic-floor sets done.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PelvicFloorIn {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Which of the day's three sets (1-3).
    pub set_number: u8,
}

/// Ticks one of the day's three pelvic-floor sets: `{date, sets_done}`.
pub async fn save_pelvic_floor_tick(
    state: &AppState,
    user_id: i64,
    body: &PelvicFloorIn,
) -> AppResult<Value> {
    let date = check_log_date("date", &body.date, state.today())?;
    if !(1..=3).contains(&body.set_number) {
        return Err(AppError::invalid(
            "set_number",
            format!("{}; expected 1, 2 or 3 (three sets a day)", body.set_number),
        ));
    }
    state
        .store
        .tick_pelvic_floor(user_id, date, i64::from(body.set_number), state.now_unix())
        .await?;
    let ticks = state
        .store
        .pelvic_floor_between(user_id, date, date)
        .await?;
    Ok(json!({ "date": date.to_string(), "sets_done": ticks.len() }))
}

/// Her baby's weight on a day.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BabyWeightIn {
    /// The day it was measured, `YYYY-MM-DD`.
    pub date: String,
    /// Weight in kg (0.3-40).
    pub weight_kg: f64,
}

/// Checks and stores her baby's weight: `{baby_weight}`.
pub async fn save_baby_weight(
    state: &AppState,
    user_id: i64,
    body: &BabyWeightIn,
) -> AppResult<Value> {
    let date = check_log_date("date", &body.date, state.today())?;
    if !(body.weight_kg.is_finite() && (0.3..=40.0).contains(&body.weight_kg)) {
        return Err(AppError::invalid(
            "weight_kg",
            format!(
                "{}; expected a baby's weight from 0.3 to 40 kg",
                body.weight_kg
            ),
        ));
    }
    let row = state
        .store
        .insert_baby_weight(user_id, date, body.weight_kg, state.now_unix())
        .await?;
    Ok(json!({ "baby_weight": row }))
}

/// Her logs from `from` (default: 30 days before `to`) to `to` (default today): sets,
/// check-ins, pelvic-floor practice and her baby's weights.
///
/// # Errors
/// 422 naming `from` when it is after `to`.
pub async fn logs_between(
    state: &AppState,
    user_id: i64,
    from: Option<Date>,
    to: Option<Date>,
) -> AppResult<LogsView> {
    let today = state.today();
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(30));
    if from > to {
        return Err(AppError::invalid(
            "from",
            format!("{from} is after `to` ({to})"),
        ));
    }
    let sets = state
        .store
        .sets_between(user_id, from, to, domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(set_out)
        .collect();
    let checkins = state
        .store
        .checkins_between(user_id, from, to, domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(checkin_out)
        .collect();
    let baby_weights = state
        .store
        .baby_weights(user_id)
        .await?
        .into_iter()
        .filter(|b| b.measured_on >= from && b.measured_on <= to)
        .collect();
    Ok(LogsView {
        from,
        to,
        sets,
        checkins,
        pelvic_floor: state.store.pelvic_floor_between(user_id, from, to).await?,
        baby_weights,
    })
}

/// Her logs between two days, as every reader sees them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogsView {
    /// First day, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub from: Date,
    /// Last day, `YYYY-MM-DD`.
    #[serde(serialize_with = "mumstrong_core::screening::iso::date")]
    #[schema(value_type = String)]
    pub to: Date,
    /// Sets, oldest first.
    pub sets: Vec<SetOut>,
    /// Check-ins, oldest first.
    pub checkins: Vec<CheckInOut>,
    /// Pelvic-floor rounds ticked.
    #[schema(value_type = Vec<Object>)]
    pub pelvic_floor: Vec<mumstrong_store::PelvicFloorTick>,
    /// Her baby's weights measured.
    #[schema(value_type = Vec<Object>)]
    pub baby_weights: Vec<mumstrong_store::BabyWeight>,
}
