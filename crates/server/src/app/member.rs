//! A member's own data as the use cases every front end shares: her profile and its versions, her
//! screening, her programme and today's session, her logs (sets, check-ins, pelvic-floor
//! practice, her baby's weights) and her progress, each a function of (state, member id) so the
//! API, the pages, the coach's views of a client and the CLI show exactly the same thing. Her sets
//! and check-ins are read as the engine's records and her current programme is made again as the
//! engine's plan here too.

use mumstrong_core::log::{MAX_LOAD_KG, MAX_REPS};
use mumstrong_core::records;
use mumstrong_core::state::{MemberState, Outcome};
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_core::{Referral, Screening};
use mumstrong_store::{
    CheckInRow, NewCheckIn, NewProgramme, NewScreening, NewSet, ProgrammeDay, SetRow,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::{Date, Duration};
use utoipa::ToSchema;

use crate::AppState;
use crate::app::parse_date;
use crate::app::state::member_now;
use crate::domain::{self, PlanRequest};
use crate::error::{ApiResult, AppError};

/// The widest date range: everything (within what both databases can store).
pub(crate) fn all_dates() -> (Date, Date) {
    (
        Date::from_ordinal_date(1900, 1).unwrap_or(Date::MIN),
        Date::from_ordinal_date(9999, 1).unwrap_or(Date::MAX),
    )
}

/// 409: she has not saved a profile yet.
pub(crate) fn no_profile() -> AppError {
    AppError::precondition(
        "no_profile",
        "there is no profile yet: PUT /api/v1/profile first",
    )
}

pub(crate) async fn checkins_of(
    state: &AppState,
    user_id: i64,
) -> ApiResult<Vec<records::CheckIn>> {
    let (from, to) = all_dates();
    Ok(state
        .store
        .checkins_between(user_id, from, to, domain::MAX_LOG_ROWS)
        .await?
        .iter()
        .map(domain::checkin_record)
        .collect())
}

pub(crate) async fn sets_of(state: &AppState, user_id: i64) -> ApiResult<Vec<records::SetRecord>> {
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
pub(crate) async fn current_plan(
    state: &AppState,
    user_id: i64,
    sets: &[records::SetRecord],
    checkins: &[records::CheckIn],
) -> ApiResult<Option<mumstrong_core::plan::PlanOutcome<'static>>> {
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

/// Saves a new profile version from its JSON, screens it, and makes an existing programme
/// again: for the API and the onboarding pages.
pub(crate) async fn save_profile(state: &AppState, user_id: i64, bytes: &[u8]) -> ApiResult<Value> {
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
) -> ApiResult<()> {
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
pub(crate) async fn profile_view(state: &AppState, user_id: i64) -> ApiResult<Value> {
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
pub(crate) async fn history_view(state: &AppState, user_id: i64) -> ApiResult<HistoryView> {
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

// ---- screening ---------------------------------------------------------------------------------

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
pub(crate) fn help_of(screening: &Screening) -> Vec<HelpOut> {
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
pub(crate) async fn screening_view(state: &AppState, user_id: i64) -> ApiResult<ScreeningView> {
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

// ---- programme ---------------------------------------------------------------------------------

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
pub(crate) fn programme_json(row: &mumstrong_store::ProgrammeRow) -> String {
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
) -> ApiResult<(i64, domain::Generated)> {
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
pub(crate) async fn regenerate(
    state: &AppState,
    user_id: i64,
    reason: &str,
) -> ApiResult<Option<Value>> {
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
pub(crate) async fn start_programme(
    state: &AppState,
    user_id: i64,
    body: &ProgrammeIn,
) -> ApiResult<mumstrong_store::ProgrammeRow> {
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
pub(crate) async fn programme_view(state: &AppState, user_id: i64) -> ApiResult<String> {
    match state.store.latest_programme(user_id).await? {
        Some(row) => Ok(programme_json(&row)),
        None => Err(AppError::precondition(
            "no_programme",
            "there is no programme yet: POST /api/v1/programme",
        )),
    }
}

/// Today's session (or rest day and the next session), as a JSON string.
pub(crate) async fn today_view(state: &AppState, user_id: i64, date: Date) -> ApiResult<String> {
    let days = state.store.programme_days_from(user_id, date).await?;
    today_from_days(state, user_id, date, &days).await
}

/// Today's view from the stored days (at most today and the next day with something to do).
pub(crate) async fn today_from_days(
    state: &AppState,
    user_id: i64,
    date: Date,
    days: &[ProgrammeDay],
) -> ApiResult<String> {
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

// ---- logs --------------------------------------------------------------------------------------

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

pub(crate) fn check_log_date(field: &str, text: &str, today: Date) -> ApiResult<Date> {
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

/// A stored list of words (symptoms, warning signs); a damaged value reads as none.
fn stored_words(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A stored set as every reader sees it.
pub(crate) fn set_out(row: &SetRow) -> SetOut {
    SetOut {
        id: row.id,
        date: row.done_on,
        exercise: row.exercise.clone(),
        set_number: row.set_number,
        reps: row.reps,
        target_reps: row.target_reps,
        load_kg: row.load_kg,
        rpe: row.rpe,
        symptoms: stored_words(&row.symptoms),
        red_flags: stored_words(&row.red_flags),
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
pub(crate) fn checkin_out(row: &CheckInRow) -> CheckInOut {
    CheckInOut {
        id: row.id,
        date: row.done_on,
        symptoms: stored_words(&row.symptoms),
        red_flags: stored_words(&row.red_flags),
        rpe: row.rpe,
        mood: row.mood,
        sleep_hours: row.sleep_hours,
        notes: row.notes.clone(),
        created_at: row.created_at,
    }
}

pub(crate) fn words_json<T: serde::Serialize>(words: &[T]) -> ApiResult<String> {
    serde_json::to_string(words).map_err(AppError::internal)
}

/// The warning signs and symptoms she reported, red flags first, as words for the reason an
/// adaptation gives; `None` when she reported none (nothing to adapt to).
pub(crate) fn reported(red_flags: &[RedFlag], symptoms: &[Symptom]) -> Option<String> {
    let words: Vec<&str> = red_flags
        .iter()
        .map(|f| f.as_str())
        .chain(symptoms.iter().map(|s| s.as_str()))
        .collect();
    (!words.is_empty()).then(|| words.join(", "))
}

/// What a symptom or warning sign changed: the adapted programme and the day ahead.
pub(crate) async fn adapt_after(
    state: &AppState,
    user_id: i64,
    what: String,
) -> ApiResult<Option<Value>> {
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
pub(crate) async fn save_set(state: &AppState, user_id: i64, body: &SetIn) -> ApiResult<Value> {
    let set = new_set(body, state.today())?;
    store_set(state, user_id, &set, body).await
}

pub(crate) async fn store_set(
    state: &AppState,
    user_id: i64,
    set: &NewSet,
    body: &SetIn,
) -> ApiResult<Value> {
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
pub(crate) fn new_set(body: &SetIn, today: Date) -> ApiResult<NewSet> {
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
pub(crate) async fn remove_set(state: &AppState, user_id: i64, id: i64) -> ApiResult<Value> {
    if !state.store.delete_set(user_id, id).await? {
        return Err(AppError::not_found(format!("you have no set {id}")));
    }
    let adaptation = regenerate(state, user_id, "made again: a logged set was deleted").await?;
    Ok(json!({ "deleted": id, "adaptation": adaptation }))
}

/// Deletes one of her check-ins and makes the programme again without it.
pub(crate) async fn remove_checkin(state: &AppState, user_id: i64, id: i64) -> ApiResult<Value> {
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
pub(crate) async fn save_checkin(
    state: &AppState,
    user_id: i64,
    body: &CheckInIn,
) -> ApiResult<Value> {
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
pub(crate) async fn save_pelvic_floor_tick(
    state: &AppState,
    user_id: i64,
    body: &PelvicFloorIn,
) -> ApiResult<Value> {
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
pub(crate) async fn save_baby_weight(
    state: &AppState,
    user_id: i64,
    body: &BabyWeightIn,
) -> ApiResult<Value> {
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

/// Her logs from `from` (default: 30 days before `to`) to `to` (default today): sets,
/// check-ins, pelvic-floor practice and her baby's weights.
///
/// # Errors
/// 422 naming `from` when it is after `to`.
pub(crate) async fn logs_between(
    state: &AppState,
    user_id: i64,
    from: Option<Date>,
    to: Option<Date>,
) -> ApiResult<LogsView> {
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
