//! The glue between stored rows and the pure domain: profiles in, screenings and programmes out.

use mumstrong_core::Profile;
use mumstrong_core::library::Library;
use mumstrong_core::plan::{self, PlanOptions, PlanOutcome, RED_FLAG_LOOKBACK_DAYS};
use mumstrong_core::profile::{ProfileError, ProfileFormat, ProfileInput};
use mumstrong_core::records::{self, CheckIn, SetRecord};
use mumstrong_core::screening::{self, Screening};
use mumstrong_core::state::Outcome;
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_store::{CheckInRow, ProgrammeDay, SetRow};
use serde::Serialize;
use serde_json::{Value, json};
use time::{Date, Duration};

use crate::error::AppError;

/// The most sets and check-ins read back to plan from: years of training.
pub const MAX_LOG_ROWS: i64 = 20_000;

/// The exercise library shipped in the binary.
pub fn library() -> &'static Library {
    Library::builtin()
}

fn profile_error(e: ProfileError) -> AppError {
    match e {
        ProfileError::Field { field, message } => AppError::invalid(field, message),
        ProfileError::Syntax { message, .. } => {
            AppError::bad_body(None, format!("the body is not valid JSON: {message}"))
        }
    }
}

/// Reads a profile sent as JSON (the same shape as a `.json` profile file) and checks it for
/// `today`. The service always screens for the day it is asked, so `as_of` is refused.
///
/// # Errors
/// 422 naming the field, or 400 for text that is not JSON.
pub fn read_profile(body: &[u8], today: Date) -> Result<(ProfileInput, Profile), AppError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| AppError::bad_body(None, "the body is not UTF-8 text"))?;
    let input = ProfileInput::from_str(text, ProfileFormat::Json).map_err(profile_error)?;
    if input.as_of.is_some() {
        return Err(AppError::invalid(
            "as_of",
            "not accepted here: the service screens your profile for each day it is asked",
        ));
    }
    let profile = input.validate(today).map_err(profile_error)?;
    Ok((input, profile))
}

/// A stored profile, checked again for `today` (time moves her into new stages).
///
/// # Errors
/// 409 when the stored profile no longer validates (say, a date now out of range).
pub fn stored_profile(json: &str, today: Date) -> Result<(ProfileInput, Profile), AppError> {
    let input: ProfileInput = serde_json::from_str(json).map_err(AppError::internal)?;
    let profile = input.validate(today).map_err(|e| {
        AppError::precondition(
            "profile_outdated",
            format!("your saved profile needs updating: {e}"),
        )
    })?;
    Ok((input, profile))
}

/// The word a screening's outcome is filed under: `urgent`, `refer` or `clear`
/// (decided by [`Outcome::of`]).
pub fn outcome(screening: &Screening) -> &'static str {
    Outcome::of(screening).as_str()
}

/// Her profile with the warning signs logged recently (in sets or check-ins) added: a red flag
/// must stop training and show in her screening, whichever way she reported it.
pub fn with_logged_red_flags(
    profile: &Profile,
    sets: &[SetRecord],
    checkins: &[CheckIn],
    today: Date,
) -> Profile {
    let from_sets: Vec<CheckIn> = sets
        .iter()
        .filter(|s| !s.red_flags.is_empty())
        .map(|s| CheckIn {
            date: s.date,
            symptoms: Vec::new(),
            red_flags: s.red_flags.clone(),
            rpe: None,
            mood: None,
            sleep_hours: None,
        })
        .collect();
    let mut flags = records::checkin_red_flags(checkins, today, RED_FLAG_LOOKBACK_DAYS);
    flags.extend(records::checkin_red_flags(
        &from_sets,
        today,
        RED_FLAG_LOOKBACK_DAYS,
    ));
    if flags.is_empty() {
        return profile.clone();
    }
    let mut profile = profile.clone();
    for (_, flag) in flags {
        profile.health.red_flags.insert(flag);
    }
    profile
}

/// Screens her profile for `today`, counting warning signs she logged in the last 4 weeks and
/// symptoms she logged in the last 2 (leaking during a squat refers her to a pelvic-health
/// physio just as answering "leaking" in the questionnaire does).
pub fn screen(
    profile: &Profile,
    sets: &[SetRecord],
    checkins: &[CheckIn],
    today: Date,
) -> Screening {
    let profile = with_logged_red_flags(profile, sets, checkins, today);
    screening::screen(&plan::with_logged_symptoms(
        &profile,
        records::logged_symptoms(sets, checkins),
        today,
    ))
}

/// A stored JSON list of words (symptoms, warning signs); a damaged value reads as none.
pub fn words<T: serde::de::DeserializeOwned>(json: &str) -> Vec<T> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A stored set as the domain sees it.
pub fn set_record(row: &SetRow) -> SetRecord {
    SetRecord {
        date: row.done_on,
        exercise: row.exercise.clone(),
        reps: u16::try_from(row.reps).unwrap_or(0),
        target_reps: row.target_reps.and_then(|t| u16::try_from(t).ok()),
        load_kg: row.load_kg,
        rpe: row.rpe.and_then(|r| u8::try_from(r).ok()),
        symptoms: words::<Symptom>(&row.symptoms),
        red_flags: words::<RedFlag>(&row.red_flags),
    }
}

/// A stored check-in as the domain sees it.
pub fn checkin_record(row: &CheckInRow) -> CheckIn {
    CheckIn {
        date: row.done_on,
        symptoms: words::<Symptom>(&row.symptoms),
        red_flags: words::<RedFlag>(&row.red_flags),
        rpe: row.rpe.and_then(|r| u8::try_from(r).ok()),
        mood: row.mood.and_then(|m| u8::try_from(m).ok()),
        sleep_hours: row.sleep_hours,
    }
}

/// What to plan: from when, for how long, with which car seat.
#[derive(Debug, Clone, Copy)]
pub struct PlanRequest {
    /// First day.
    pub start: Date,
    /// Weeks, 1 to 52.
    pub weeks: u8,
    /// Car seat weight, if she gave one here.
    pub car_seat_kg: Option<f64>,
}

/// A generated programme, ready to store.
pub struct Generated {
    /// `ready` or `urgent`.
    pub status: &'static str,
    /// The plan (or the urgent stop) as JSON.
    pub plan_json: String,
    /// Day by day, for "today".
    pub days: Vec<ProgrammeDay>,
    /// The library version used.
    pub library_version: String,
    /// What the log changed, as the plan explains it.
    pub adaptations: Vec<Value>,
}

/// Generates her programme from her profile and everything she has logged.
///
/// # Errors
/// 422 naming the option at fault (weeks, start, car seat).
pub fn generate(
    profile: &Profile,
    request: PlanRequest,
    sets: &[SetRecord],
    checkins: &[CheckIn],
) -> Result<Generated, AppError> {
    let library = library();
    let (sets, checkins) = logged_up_to(profile, request.start, sets, checkins);
    let log = records::training_log(&sets, &checkins);
    let profile = with_logged_red_flags(profile, &sets, &checkins, request.start);
    // Check-ins on rest days have no log entry: their symptoms count through the same fold.
    let profile = plan::with_logged_symptoms(
        &profile,
        records::logged_symptoms(&sets, &checkins),
        request.start,
    );
    let outcome = plan::generate(&profile, library, &plan_options(&profile, request), &log)
        .map_err(|e| AppError::invalid(e.field.trim_start_matches('-'), e.message.clone()))?;
    match outcome {
        PlanOutcome::Urgent(stop) => Ok(Generated {
            status: "urgent",
            plan_json: {
                let mut value = serde_json::to_value(&stop).map_err(AppError::internal)?;
                value["help"] = serde_json::to_value(crate::member::help_of(&stop.screening))
                    .map_err(AppError::internal)?;
                value.to_string()
            },
            days: Vec::new(),
            library_version: library.version().to_owned(),
            adaptations: Vec::new(),
        }),
        PlanOutcome::Ready(plan) => {
            let adaptations = plan
                .adaptations
                .iter()
                .map(|a| serde_json::to_value(a).unwrap_or(Value::Null))
                .collect();
            Ok(Generated {
                status: "ready",
                plan_json: serde_json::to_string(&plan).map_err(AppError::internal)?,
                days: programme_days(&plan)?,
                library_version: plan.library_version.clone(),
                adaptations,
            })
        }
    }
}

/// What was logged from the birth up to `start`: the engine plans from what was done before the
/// plan begins, so later (or pre-birth) rows wait for the next plan.
pub fn logged_up_to(
    profile: &Profile,
    start: Date,
    sets: &[SetRecord],
    checkins: &[CheckIn],
) -> (Vec<SetRecord>, Vec<CheckIn>) {
    let in_range = |d: Date| d <= start && d >= profile.birth.date;
    (
        sets.iter().filter(|s| in_range(s.date)).cloned().collect(),
        checkins
            .iter()
            .filter(|c| in_range(c.date))
            .cloned()
            .collect(),
    )
}

/// The engine's options for a request: her profile's defaults with the request's start, weeks
/// and car seat.
pub fn plan_options(profile: &Profile, request: PlanRequest) -> PlanOptions {
    let mut options = PlanOptions::for_profile(profile);
    options.start = request.start;
    options.weeks = request.weeks;
    if let Some(kg) = request.car_seat_kg {
        options.car_seat_kg = kg;
    }
    options
}

/// One JSON document per day of the plan, so "today" is one indexed read and no parsing.
fn programme_days(plan: &plan::Plan<'_>) -> Result<Vec<ProgrammeDay>, AppError> {
    let mut days = Vec::with_capacity(plan.weeks.len() * 7);
    for week in &plan.weeks {
        let summary = json!({
            "week": week.week,
            "starts": week.starts.to_string(),
            "weeks_postpartum": week.weeks_postpartum,
            "phase": week.phase,
            "phase_why": week.phase_why,
            "deload": week.deload,
            "cleared": week.cleared,
            "pelvic_floor": week.pelvic_floor,
            "aerobic_minutes": week.aerobic_minutes,
            "everyday_load": week.everyday_load,
            "notes": week.notes,
        });
        for offset in 0..7 {
            let date = week.starts + Duration::days(offset);
            let session = week.sessions.iter().find(|s| s.date == date);
            let run = week.walk_run.as_ref().filter(|w| w.dates.contains(&date));
            let kind = match (session, run) {
                (Some(_), _) => "session",
                (None, Some(_)) => "run",
                (None, None) => "rest",
            };
            let day = DayView {
                date: date.to_string(),
                kind,
                week: &summary,
                session: session.map(|s| serde_json::to_value(s).unwrap_or(Value::Null)),
                walk_run: run.map(|w| serde_json::to_value(w).unwrap_or(Value::Null)),
            };
            days.push(ProgrammeDay {
                day_on: date,
                kind: kind.to_owned(),
                day_json: serde_json::to_string(&day).map_err(AppError::internal)?,
            });
        }
    }
    Ok(days)
}

#[derive(Serialize)]
struct DayView<'a> {
    date: String,
    kind: &'static str,
    week: &'a Value,
    session: Option<Value>,
    walk_run: Option<Value>,
}

/// The first day a new or adapted programme starts on: today, or the first day of her current
/// one if that is later.
pub fn adapted_start(today: Date, current_start: Option<Date>) -> Date {
    match current_start {
        Some(start) if start > today => start,
        _ => today,
    }
}

/// Weeks left in a programme from `today` (at least 4, so an adaptation never leaves her with a
/// stub), or 12 when there is none.
pub fn weeks_left(today: Date, current: Option<(Date, i64)>) -> u8 {
    match current {
        Some((start, weeks)) => {
            let end = start + Duration::weeks(weeks);
            let left = (end - today).whole_days().div_euclid(7);
            u8::try_from(left.clamp(4, i64::from(plan::MAX_WEEKS))).unwrap_or(12)
        }
        None => 12,
    }
}
