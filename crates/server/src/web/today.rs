//! Today: her session as a one-thumb checklist (each set logged with one tap, a rest timer, a
//! check-in), or what to do instead (a rest day, a programme not started or finished, an urgent
//! stop), and how what she reported changed her plan.
//!
//! Every form works without JavaScript (post, then 303 back to the exercise). `today.js` posts the
//! same form with `fetch` and `Accept: application/json`, ticks the set in place and runs the
//! rest timer.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use maud::{Markup, html};
use mumstrong_core::log::MAX_LOAD_KG;
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_store::{CheckInRow, ProgrammeRow, SetRow};
use serde::Deserialize;
use serde_json::{Value, json};
use time::{Date, Duration};

use super::urgent::{self, Reader};
use super::{
    Nav, PageError, PageResult, Unit, Viewer, WebForm, csrf_field, human_date, page_with_scripts,
    see_other,
};
use super::{capitalised, phase_title};
use crate::AppState;
use crate::app::member::{self, CheckInIn, SetIn};
use crate::app::state::member_now;
use crate::domain;
use crate::error::AppError;
use mumstrong_core::state::UrgentStop;

/// The Today routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/today", get(today_page))
        .route("/today/set", post(log_set))
        .route("/today/set/{id}/delete", post(undo_set))
        .route("/today/checkin", post(checkin))
        .route("/today/checkin/{id}/delete", post(undo_checkin))
}

// ---- the day's JSON, as `member::today_view` gives it ------------------------------------------

/// Today's view: the status and the day (or the next day with something to do).
#[derive(Debug, Deserialize)]
pub(crate) struct TodayView {
    /// `ready`, `urgent`, `not_started` or `finished`.
    pub status: String,
    /// The programme's first day (not started, finished).
    #[serde(default)]
    pub start: Option<String>,
    /// The day asked about.
    #[serde(default)]
    pub today: Option<Day>,
    /// The next day with a session or a walk-run, when today has none.
    #[serde(default)]
    pub next: Option<Day>,
}

/// One day of the programme.
#[derive(Debug, Deserialize)]
pub(crate) struct Day {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `session`, `run` or `rest`.
    pub kind: String,
    /// The week it belongs to.
    pub week: WeekSummary,
    /// The strength session, on a session day.
    #[serde(default)]
    pub session: Option<Session>,
    /// The walk-run, on a run day.
    #[serde(default)]
    pub walk_run: Option<WalkRun>,
}

/// What a day says about its week.
#[derive(Debug, Deserialize)]
pub(crate) struct WeekSummary {
    /// 1-based.
    pub week: u8,
    /// The phase's word.
    pub phase: String,
    /// Why this phase.
    #[serde(default)]
    pub phase_why: String,
    /// A lighter week.
    #[serde(default)]
    pub deload: bool,
    /// The daily pelvic-floor practice.
    pub pelvic_floor: PelvicFloorDose,
    /// Aerobic minutes for the week.
    #[serde(default)]
    pub aerobic_minutes: u16,
    /// Notes for the week.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The daily pelvic-floor practice.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub(crate) struct PelvicFloorDose {
    /// Slow holds per round.
    pub slow_holds: u8,
    /// Seconds each slow hold lasts.
    pub hold_seconds: u8,
    /// Quick squeezes per round.
    pub quick_squeezes: u8,
    /// Rounds a day.
    pub times_per_day: u8,
}

/// A strength session.
#[derive(Debug, Deserialize)]
pub(crate) struct Session {
    /// Title.
    pub title: String,
    /// Estimated minutes.
    #[serde(default)]
    pub estimated_minutes: u16,
    /// Exercises in order.
    #[serde(default)]
    pub exercises: Vec<Prescription>,
}

/// One exercise as prescribed.
#[derive(Debug, Deserialize)]
pub(crate) struct Prescription {
    /// Library id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sets.
    pub sets: u8,
    /// Reps per set.
    #[serde(default)]
    pub reps: Option<u16>,
    /// Seconds per set.
    #[serde(default)]
    pub seconds: Option<u16>,
    /// Metres per set.
    #[serde(default)]
    pub metres: Option<u16>,
    /// On each side.
    #[serde(default)]
    pub each_side: bool,
    /// The load in kg.
    #[serde(default)]
    pub load_kg: Option<f64>,
    /// Where the load comes from.
    #[serde(default)]
    pub load: String,
    /// Rest between sets.
    #[serde(default)]
    pub rest_seconds: u16,
    /// Coaching cues.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Why it is here.
    #[serde(default)]
    pub why: String,
}

/// A week's walk-run.
#[derive(Debug, Deserialize)]
pub(crate) struct WalkRun {
    /// Stage.
    pub stage: u8,
    /// Minutes running per interval.
    pub run_minutes: u8,
    /// Minutes walking after each interval.
    pub walk_minutes: u8,
    /// Intervals.
    pub repeats: u8,
    /// A last run after the intervals.
    #[serde(default)]
    pub then_run_minutes: u8,
    /// Minutes of one session.
    #[serde(default)]
    pub session_minutes: u8,
    /// Buggy running allowed.
    #[serde(default)]
    pub buggy_allowed: bool,
    /// Why she may or may not run with the buggy, in words.
    #[serde(default)]
    pub buggy_why: String,
    /// After the walk-run: each run of the week, with its own words.
    #[serde(default)]
    pub runs: Vec<RunOfWeek>,
}

/// One run of the week after the walk-run (the plan's `Run`).
#[derive(Debug, Deserialize)]
pub(crate) struct RunOfWeek {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Minutes of the session, walks included.
    #[serde(default)]
    pub session_minutes: u8,
    /// What to do, why, the cues and the stop rule.
    pub text: String,
}

/// Her day as the API sees it.
pub(crate) async fn load_view(
    state: &AppState,
    user_id: i64,
    date: Date,
) -> Result<TodayView, AppError> {
    let text = member::today_view(state, user_id, date).await?;
    serde_json::from_str(&text).map_err(AppError::internal)
}

// ---- the date and other query words ------------------------------------------------------------

/// What the address asks for: a day (her phone's date) and whether a plan was just adapted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayQuery {
    /// The day shown.
    pub date: Date,
    /// The plan was just adapted (after a check-in or a set with symptoms).
    pub adapted: bool,
}

/// Reads `?date=YYYY-MM-DD` (default: the server's today) and `adapted`.
///
/// # Errors
/// 422 naming `date` when it is not a real day.
pub(crate) fn day_query(state: &AppState, raw: Option<&str>) -> Result<DayQuery, AppError> {
    let mut out = DayQuery {
        date: state.today(),
        adapted: false,
    };
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "date" if !v.trim().is_empty() => out.date = page_date(&v)?,
            "adapted" => out.adapted = true,
            _ => {}
        }
    }
    Ok(out)
}

/// A date from an address or a form, with a message that names `date`.
pub(crate) fn page_date(text: &str) -> Result<Date, AppError> {
    crate::app::parse_date("date", text)
        .map_err(|e| AppError::invalid("date", format!("Date: {}", e.message)))
}

/// The Today page for a day: `/today` for the server's today, with `?date=` otherwise.
fn today_path(state: &AppState, date: Date) -> String {
    if date == state.today() {
        "/today".to_owned()
    } else {
        format!("/today?date={date}")
    }
}

fn with_query(path: &str, extra: &str) -> String {
    if path.contains('?') {
        format!("{path}&{extra}")
    } else {
        format!("{path}?{extra}")
    }
}

/// Whether the caller (today.js) asked for JSON.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// An anchor we made ourselves (`ex-glute_bridge`), safe to put back in an address.
fn safe_anchor(text: &str) -> Option<&str> {
    (!text.is_empty()
        && text.len() <= 80
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then_some(text)
}

// ---- words -------------------------------------------------------------------------------------

/// The symptoms a set can report, in a word or two.
const SET_SYMPTOMS: &[(Symptom, &str)] = &[
    (Symptom::UrinaryLeakage, "Leaking"),
    (Symptom::PelvicHeaviness, "Heaviness or dragging"),
    (Symptom::PelvicPain, "Pain"),
    (Symptom::AbdominalDoming, "Doming"),
];

/// The symptoms the check-in asks about.
const CHECKIN_SYMPTOMS: &[(Symptom, &str, &str)] = &[
    (
        Symptom::UrinaryLeakage,
        "Leaking urine",
        "Even a little, e.g. when you cough, sneeze, laugh, lift or jump",
    ),
    (
        Symptom::FaecalIncontinence,
        "Leaking wind or stool",
        "That you could not hold",
    ),
    (
        Symptom::PelvicHeaviness,
        "Heaviness, dragging or a bulge",
        "In the vagina or pelvis, often worse at the end of the day",
    ),
    (
        Symptom::PelvicPain,
        "Pain in your pelvis or lower tummy",
        "During or after exercise",
    ),
    (Symptom::LowBackPain, "Back pain", "Low in your back"),
    (
        Symptom::AbdominalDoming,
        "Doming",
        "A ridge or dome along the middle of your tummy when you sit up or strain",
    ),
];

/// Mood 1-5 in words.
const MOODS: &[(u8, &str)] = &[
    (1, "Low"),
    (2, "Not great"),
    (3, "OK"),
    (4, "Good"),
    (5, "Great"),
];

/// Effort 1-10 in words.
const EFFORT: [&str; 10] = [
    "very easy",
    "easy",
    "easy, warm",
    "moderate",
    "moderate, could chat",
    "somewhat hard",
    "hard",
    "very hard",
    "very, very hard",
    "as hard as I could",
];

/// A symptom in a word or two, for what she reported.
pub(crate) fn symptom_word(word: &str) -> String {
    if let Some(label) = CHECKIN_SYMPTOMS
        .iter()
        .map(|(s, label, _)| (s, label))
        .chain(SET_SYMPTOMS.iter().map(|(s, label)| (s, label)))
        .find(|(s, _)| s.as_str() == word)
        .map(|(_, label)| label)
    {
        return match word {
            "urinary_leakage" => "leaking".to_owned(),
            "pelvic_heaviness" => "heaviness".to_owned(),
            "pelvic_pain" => "pain".to_owned(),
            "abdominal_doming" => "doming".to_owned(),
            _ => label.to_lowercase(),
        };
    }
    if let Some(s) = Symptom::from_word(word) {
        return s.describe().to_owned();
    }
    if let Some(f) = RedFlag::from_word(word) {
        return f.describe().to_owned();
    }
    word.replace('_', " ")
}

/// What an `adapted:` reason records (as the set and check-in use cases write it): the words
/// she reported, the exercise when it was during a set, and the day.
struct AdaptedReason<'r> {
    words: &'r str,
    exercise: Option<&'r str>,
    date: &'r str,
}

/// Reads the part after `adapted: ` of a stored reason: `W logged during E on D` or `W noted in
/// the check-in on D`; `None` for anything else.
fn adapted_reason(adapted: &str) -> Option<AdaptedReason<'_>> {
    if let Some((words, rest)) = adapted.split_once(" logged during ") {
        let (exercise, date) = rest.rsplit_once(" on ")?;
        return Some(AdaptedReason {
            words,
            exercise: Some(exercise),
            date,
        });
    }
    let (words, date) = adapted.split_once(" noted in the check-in on ")?;
    Some(AdaptedReason {
        words,
        exercise: None,
        date,
    })
}

/// Why a programme was made again, in words: the stored reason is a record (`adapted:
/// urinary_leakage logged during glute_bridge on 2026-12-03`), never shown as it is.
pub(crate) fn reason_in_words(reason: &str) -> String {
    if let Some(adapted) = reason.strip_prefix("adapted: ") {
        let Some(r) = adapted_reason(adapted) else {
            return adapted.replace('_', " ");
        };
        let listed = and_list(&r.words.split(", ").map(symptom_word).collect::<Vec<_>>());
        let when = page_date(r.date).map_or_else(|_| r.date.to_owned(), super::human_date);
        return match r.exercise {
            Some(exercise) => format!(
                "you logged {listed} during {} on {when}",
                library_name(exercise)
            ),
            None => format!("you noted {listed} in your check-in on {when}"),
        };
    }
    match reason.strip_prefix("made again: ") {
        Some(why) => why.to_owned(),
        None if reason == "requested" => "at your request".to_owned(),
        None => reason.replace('_', " "),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn words_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// How an exercise is dosed: the amount per set and its word.
fn amount(p: &Prescription) -> (u16, &'static str) {
    match (p.reps, p.seconds, p.metres) {
        (Some(r), _, _) => (r, "reps"),
        (None, Some(s), _) => (s, "seconds"),
        (None, None, Some(m)) => (m, "metres"),
        _ => (0, "reps"),
    }
}

/// The word for what a set counts, from the library (for sets logged outside the plan).
fn library_word(exercise: &str) -> &'static str {
    match domain::library().get(exercise).map(|e| e.dose) {
        Some(mumstrong_core::library::Dose::Seconds) => "seconds",
        Some(mumstrong_core::library::Dose::Distance) => "metres",
        _ => "reps",
    }
}

fn library_name(exercise: &str) -> String {
    domain::library()
        .get(exercise)
        .map_or_else(|| exercise.replace('_', " "), |e| e.name.clone())
}

/// The input's label for an amount word.
fn amount_label(word: &str) -> &'static str {
    match word {
        "seconds" => "Seconds",
        "metres" => "Metres",
        _ => "Reps",
    }
}

fn dose_text(p: &Prescription) -> String {
    let (n, word) = amount(p);
    let sets = if p.sets == 1 {
        "1 set".to_owned()
    } else {
        format!("{} sets", p.sets)
    };
    let side = if p.each_side { ", each side" } else { "" };
    format!("{sets} × {n} {word}{side}")
}

fn load_text(p: &Prescription, unit: Unit) -> String {
    let about = |kg: Option<f64>| kg.map(|kg| unit.show(kg)).unwrap_or_default();
    match (p.load.as_str(), p.load_kg) {
        ("baby", kg) => format!("Your baby (about {})", about(kg)),
        ("car_seat", kg) => format!("Baby in the car seat (about {})", about(kg)),
        ("kettlebell", Some(kg)) => format!("Kettlebell, {}", unit.show(kg)),
        ("dumbbells", Some(kg)) => format!("Dumbbells, {} each", unit.show(kg)),
        ("band", _) => "A resistance band".to_owned(),
        (_, Some(kg)) => unit.show(kg),
        _ => "Your own bodyweight".to_owned(),
    }
}

/// A field's name for people, at the start of its message.
fn field_label(field: &str, word: &str) -> &'static str {
    match field {
        "reps" => amount_label(word),
        "load" | "load_kg" => "Load",
        "rpe" => "Effort",
        "mood" => "Mood",
        "sleep_hours" => "Sleep",
        "notes" => "Notes",
        "date" => "Date",
        "symptoms" => "What you felt",
        "red_flags" => "Warning signs",
        "set_number" => "Set",
        "exercise" => "Exercise",
        "target_reps" => "Target",
        "round" => "Round",
        _ => "This field",
    }
}

/// The API's error with its field named for people: `load_kg` becomes the form's `load`.
fn labelled(mut e: AppError, word: &str) -> AppError {
    if let Some(field) = e.field.clone() {
        let form_field = if field == "load_kg" { "load" } else { &field };
        let label = field_label(form_field, word);
        if !e.message.starts_with(label) {
            e.message = format!("{label}: {}", e.message);
        }
        e.field = Some(form_field.to_owned());
    }
    e
}

// ---- reading her forms -------------------------------------------------------------------------

/// What went wrong with a form, to show it again with what she typed.
enum Problem {
    /// A set's Done.
    Set {
        exercise: String,
        set_number: u8,
        form: WebForm,
        error: AppError,
    },
    /// The check-in.
    CheckIn { form: WebForm, error: AppError },
}

impl Problem {
    fn error(&self) -> &AppError {
        match self {
            Problem::Set { error, .. } | Problem::CheckIn { error, .. } => error,
        }
    }
}

fn whole_number<T: std::str::FromStr>(
    form: &WebForm,
    field: &str,
    word: &str,
) -> Result<Option<T>, AppError> {
    match form.get(field) {
        None => Ok(None),
        Some(text) => text.parse::<T>().map(Some).map_err(|_| {
            AppError::invalid(
                field,
                format!(
                    "{}: “{}” is not a whole number",
                    field_label(field, word),
                    text.chars().take(20).collect::<String>()
                ),
            )
        }),
    }
}

fn symptoms_of(form: &WebForm) -> Result<Vec<Symptom>, AppError> {
    form.all("symptoms")
        .into_iter()
        .map(|w| {
            Symptom::from_word(w).ok_or_else(|| {
                AppError::invalid("symptoms", "What you felt: please tick from the list")
            })
        })
        .collect()
}

fn red_flags_of(form: &WebForm) -> Result<Vec<RedFlag>, AppError> {
    form.all("red_flags")
        .into_iter()
        .map(|w| {
            RedFlag::from_word(w).ok_or_else(|| {
                AppError::invalid("red_flags", "Warning signs: please tick from the list")
            })
        })
        .collect()
}

/// A Done form as the API's set, with the load converted from her unit to kg.
fn set_from_form(form: &WebForm, unit: Unit) -> Result<SetIn, AppError> {
    let exercise = form.get("exercise").unwrap_or("").to_owned();
    let word = library_word(&exercise);
    let date = form.get("date").unwrap_or("").to_owned();
    let set_number: Option<u8> = whole_number(form, "set_number", word)?;
    let reps: u16 = match whole_number(form, "reps", word)? {
        Some(r) => r,
        None => {
            return Err(AppError::invalid(
                "reps",
                format!(
                    "{}: please enter how many you did",
                    field_label("reps", word)
                ),
            ));
        }
    };
    let target_reps: Option<u16> = whole_number(form, "target_reps", word)?;
    let load_kg = match form.get("load") {
        None => None,
        Some(text) => {
            let value: f64 = text.replace(',', ".").parse().map_err(|_| {
                AppError::invalid(
                    "load",
                    format!(
                        "Load: “{}” is not a number; enter the weight in {}, or leave it empty for bodyweight",
                        text.chars().take(20).collect::<String>(),
                        unit.word()
                    ),
                )
            })?;
            if !value.is_finite() || value < 0.0 {
                return Err(AppError::invalid(
                    "load",
                    format!(
                        "Load: {value} is below zero; enter the weight you lifted in {}, or leave it empty for bodyweight",
                        unit.word()
                    ),
                ));
            }
            let kg = unit.to_kg(value);
            if kg > MAX_LOAD_KG {
                return Err(AppError::invalid(
                    "load",
                    format!(
                        "Load: {value} {} is more than we can log (up to {})",
                        unit.word(),
                        unit.show(MAX_LOAD_KG)
                    ),
                ));
            }
            Some(kg)
        }
    };
    let symptoms = symptoms_of(form)?;
    let red_flags = red_flags_of(form)?;
    let client_ref = set_number.map(|n| format!("web:{date}:{exercise}:{n}"));
    Ok(SetIn {
        date,
        exercise,
        set_number,
        reps,
        target_reps,
        load_kg,
        rpe: None,
        symptoms,
        red_flags,
        client_ref,
    })
}

fn checkin_from_form(form: &WebForm) -> Result<CheckInIn, AppError> {
    let symptoms = symptoms_of(form)?;
    let red_flags = red_flags_of(form)?;
    let rpe: Option<u8> = whole_number(form, "rpe", "")?;
    let mood: Option<u8> = whole_number(form, "mood", "")?;
    let sleep_hours = match form.get("sleep_hours") {
        None => None,
        Some(text) => Some(text.replace(',', ".").parse::<f64>().map_err(|_| {
            AppError::invalid(
                "sleep_hours",
                format!(
                    "Sleep: “{}” is not a number of hours",
                    text.chars().take(20).collect::<String>()
                ),
            )
        })?),
    };
    Ok(CheckInIn {
        date: form.get("date").unwrap_or("").to_owned(),
        symptoms,
        red_flags,
        rpe,
        mood,
        sleep_hours,
        notes: form.get("notes").map(str::to_owned),
    })
}

// ---- handlers ----------------------------------------------------------------------------------

async fn today_page(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> PageResult {
    viewer.member()?;
    let query = day_query(&state, raw.as_deref())?;
    let (title, body) = today_body(&state, &viewer, query, None).await?;
    Ok(page_with_scripts(&viewer, &title, Nav::Today, &["today.js"], body).into_response())
}

/// Renders the page again with a form's problem, at the error's status.
async fn again(state: &AppState, viewer: &Viewer, date: Date, problem: Problem) -> PageResult {
    let status = problem.error().status;
    let query = DayQuery {
        date,
        adapted: false,
    };
    let (title, body) = today_body(state, viewer, query, Some(&problem)).await?;
    Ok((
        status,
        page_with_scripts(viewer, &title, Nav::Today, &["today.js"], body),
    )
        .into_response())
}

/// One set done: stored through the API's logic, then back to the exercise (or JSON for
/// today.js, with the ticked row's markup).
async fn log_set(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let json_reply = wants_json(&headers);
    let exercise = form.get("exercise").unwrap_or("").to_owned();
    let word = library_word(&exercise);
    let result = match set_from_form(&form, viewer.unit) {
        Ok(set) => member::save_set(&state, user_id, &set)
            .await
            .map(|out| (set, out))
            .map_err(|e| labelled(e, word)),
        Err(e) => Err(e),
    };
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    match result {
        Ok((set, out)) => {
            let back = today_path(&state, date);
            let adapted = out.get("adaptation").is_some();
            let target = if adapted {
                format!("{}#adapted", with_query(&back, "adapted=1"))
            } else {
                format!("{back}#ex-{}", set.exercise)
            };
            if !json_reply {
                return Ok(see_other(&target));
            }
            let row: SetRow = set_row_of(&out["set"])
                .ok_or_else(|| PageError(AppError::internal("save_set replied without a set")))?;
            let n = set.set_number.unwrap_or(1);
            let ctx = RowCtx {
                csrf: &viewer.csrf,
                session_day: true,
                unit: viewer.unit,
                date,
                can_log: true,
            };
            let row_html = logged_row(
                &ctx,
                &set.exercise,
                &library_name(&set.exercise),
                word,
                n,
                &row,
            )
            .into_string();
            let mut reply = json!({
                "set": out["set"],
                "row_html": row_html,
                "adapted": adapted,
            });
            if adapted {
                reply["redirect"] = Value::from(target);
            }
            Ok((StatusCode::CREATED, axum::Json(reply)).into_response())
        }
        Err(e) if e.status.is_client_error() => {
            if json_reply {
                return Ok(e.into_response());
            }
            let set_number = form
                .get("set_number")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            again(
                &state,
                &viewer,
                date,
                Problem::Set {
                    exercise,
                    set_number,
                    form,
                    error: e,
                },
            )
            .await
        }
        Err(e) => Err(PageError(e)),
    }
}

/// The API's set JSON back as a row, to draw the ticked set.
fn set_row_of(v: &Value) -> Option<SetRow> {
    Some(SetRow {
        id: v["id"].as_i64()?,
        done_on: page_date(v["date"].as_str()?).ok()?,
        exercise: v["exercise"].as_str()?.to_owned(),
        set_number: v["set_number"].as_i64(),
        reps: v["reps"].as_i64()?,
        target_reps: v["target_reps"].as_i64(),
        load_kg: v["load_kg"].as_f64(),
        rpe: v["rpe"].as_i64(),
        symptoms: v["symptoms"].to_string(),
        red_flags: v["red_flags"].to_string(),
        client_ref: v["client_ref"].as_str().map(str::to_owned),
        created_at: v["created_at"].as_i64().unwrap_or(0),
    })
}

/// Undo a set logged by mistake.
async fn undo_set(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let id: i64 = id
        .parse()
        .map_err(|_| PageError(AppError::not_found("there is no such set")))?;
    let out = member::remove_set(&state, user_id, id).await?;
    if wants_json(&headers) {
        return Ok(axum::Json(out).into_response());
    }
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    let anchor = form
        .get("anchor")
        .and_then(safe_anchor)
        .map(|a| format!("#{a}"))
        .unwrap_or_default();
    Ok(see_other(&format!("{}{anchor}", today_path(&state, date))))
}

/// The check-in: symptoms, effort, mood, sleep, notes, warning signs.
async fn checkin(State(state): State<AppState>, viewer: Viewer, form: WebForm) -> PageResult {
    let user_id = viewer.member()?.id;
    let result = match checkin_from_form(&form) {
        Ok(body) => member::save_checkin(&state, user_id, &body)
            .await
            .map_err(|e| labelled(e, "")),
        Err(e) => Err(e),
    };
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    match result {
        Ok(out) => {
            let back = today_path(&state, date);
            if out.get("adaptation").is_some() {
                Ok(see_other(&format!(
                    "{}#adapted",
                    with_query(&back, "adapted=1")
                )))
            } else {
                Ok(see_other(&format!("{back}#check-in")))
            }
        }
        Err(e) if e.status.is_client_error() => {
            again(&state, &viewer, date, Problem::CheckIn { form, error: e }).await
        }
        Err(e) => Err(PageError(e)),
    }
}

/// Remove a check-in (a warning sign ticked by mistake): the plan is made again without it.
async fn undo_checkin(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let id: i64 = id
        .parse()
        .map_err(|_| PageError(AppError::not_found("there is no such check-in")))?;
    member::remove_checkin(&state, user_id, id).await?;
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    Ok(see_other(&today_path(&state, date)))
}

// ---- the page ----------------------------------------------------------------------------------

/// What a set row needs to know.
struct RowCtx<'a> {
    csrf: &'a str,
    /// The day has a strength session.
    session_day: bool,
    unit: Unit,
    date: Date,
    /// Sets can be logged for this day (not a preview of a later day).
    can_log: bool,
}

/// The page's title and main content for a day.
async fn today_body(
    state: &AppState,
    viewer: &Viewer,
    query: DayQuery,
    problem: Option<&Problem>,
) -> PageResult<(String, Markup)> {
    let user_id = viewer.member()?.id;
    let date = query.date;
    if state.store.latest_profile(user_id).await?.is_none() {
        return Ok(("Today".to_owned(), no_profile()));
    }
    // Her state now, decided once: a warning sign stops today whatever the programme says.
    if let Some(now) = member_now(state, user_id).await?
        && let Some(stop) = &now.state.urgent
    {
        let checkins = state
            .store
            .checkins_between(
                user_id,
                state.today() - Duration::days(plan_lookback()),
                state.today() + Duration::days(1),
                200,
            )
            .await?;
        return Ok((
            "Stop and get help".to_owned(),
            urgent(viewer, stop, &checkins, date),
        ));
    }
    let Some(programme) = state.store.latest_programme(user_id).await? else {
        return Ok(("Today".to_owned(), no_programme(viewer)));
    };
    let view = load_view(state, user_id, date).await?;
    if view.status == "urgent" {
        // A programme stopped by a warning sign that no longer stands: make it again.
        return Ok(("Today".to_owned(), no_programme(viewer)));
    }
    let sets = state.store.sets_between(user_id, date, date, 500).await?;
    let checkins = state
        .store
        .checkins_between(user_id, date, date, 50)
        .await?;
    let rounds_done = state
        .store
        .pelvic_floor_between(user_id, date, date)
        .await?
        .len();
    let notice = adaptation_notice(&programme, &view, date, query.adapted);
    let today = view.today.as_ref();
    let session = today.and_then(|d| d.session.as_ref());
    let ctx = RowCtx {
        csrf: &viewer.csrf,
        session_day: session.is_some(),
        unit: viewer.unit,
        date,
        can_log: date <= state.today() + Duration::days(1),
    };
    let title = match session {
        Some(s) => s.title.clone(),
        None => match view.status.as_str() {
            "not_started" => "Your plan starts soon".to_owned(),
            "finished" => "Plan finished".to_owned(),
            _ if today.is_some_and(|d| d.kind == "run") => "Walk-run day".to_owned(),
            _ => "Rest day".to_owned(),
        },
    };
    let week = today.or(view.next.as_ref()).map(|d| &d.week);
    let body = html! {
        p.today-meta {
            (human_date(date))
            @if date == state.today() { " · today" }
            @if let Some(w) = today.map(|d| &d.week) {
                " · Week " (w.week) " · " (phase_title(&w.phase))
                @if w.deload { " · lighter week" }
            }
        }
        h1 { (title) }
        @if let Some(n) = notice { (n) }
        @if let Some(p) = problem { (problem_summary(p)) }
        @if !ctx.can_log {
            div.notice.info {
                p { "This is a look ahead at " (human_date(date)) ". You can tick your sets on the day." }
            }
        }
        @match (session, view.status.as_str()) {
            (Some(s), _) => (session_block(&ctx, s, &sets, problem)),
            (None, "not_started") => {
                p.today-lead {
                    "Your plan starts on "
                    strong { (view.start.as_deref().and_then(|d| page_date(d).ok()).map_or_else(|| "its first day".to_owned(), human_date)) }
                    ". Until then, keep up your pelvic-floor practice and gentle walks."
                }
                (next_block(view.next.as_ref(), state))
            }
            (None, "finished") => {
                p.today-lead { "You have reached the end of your plan. Well done for sticking with it." }
                form method="post" action="/programme" {
                    (csrf_field(&viewer.csrf))
                    button.wide type="submit" { "Make my next plan" }
                }
                p { "Your next plan starts where this one left off, from everything you logged." }
            }
            (None, _) => {
                @if let Some((d, run)) = today.and_then(|d| d.walk_run.as_ref().map(|r| (d, r))) {
                    (walk_run_block(run, &d.date))
                } @else {
                    p.today-lead { "No strength session today. Rest is part of getting stronger: a walk with the buggy counts." }
                }
                (next_block(view.next.as_ref(), state))
            }
        }
        @if session.is_some() {
            @if let Some((d, run)) = today.and_then(|d| d.walk_run.as_ref().map(|r| (d, r))) { (walk_run_block(run, &d.date)) }
        }
        @if let Some(w) = week {
            (pelvic_floor_block(&w.pelvic_floor, rounds_done, today.is_none()))
            @if session.is_none() && w.aerobic_minutes > 0 {
                p.muted { "This week: about " (w.aerobic_minutes) " minutes of walking or other easy activity in all, spread over the week." }
            }
            @if !w.phase_why.is_empty() || !w.notes.is_empty() {
                details.week-notes {
                    summary { "About this week" }
                    @if !w.phase_why.is_empty() { p { (w.phase_why) } }
                    @for note in &w.notes { p { (note) } }
                }
            }
        }
        @if ctx.can_log {
            (checkin_block(&ctx, &checkins, problem))
        }
        @if session.is_some() && ctx.can_log {
            div #rest-timer .rest-timer hidden role="region" aria-label="Rest timer" {
                div.rest-head {
                    span.rest-label { "Rest" }
                    span.rest-count #rest-count { "0:00" }
                }
                progress #rest-progress max="100" value="0" aria-hidden="true" { }
                p.rest-next #rest-next { }
                div.rest-buttons {
                    button.secondary type="button" #rest-more { "+30 s" }
                    button type="button" #rest-skip { "Skip rest" }
                }
            }
            div #announce .visually-hidden role="status" aria-live="polite" { }
        }
    };
    Ok((title, body))
}

fn plan_lookback() -> i64 {
    mumstrong_core::plan::RED_FLAG_LOOKBACK_DAYS
}

fn no_profile() -> Markup {
    html! {
        h1 { "Today" }
        div.card {
            h2 { "First, a few questions" }
            p { "Tell us about your birth, how you feel and what you want. It takes about five minutes, and then we make your plan." }
            p { a.button href="/onboarding" { "Answer the questions" } }
        }
    }
}

fn no_programme(viewer: &Viewer) -> Markup {
    html! {
        h1 { "Today" }
        div.card {
            h2 { "Make your plan" }
            p { "Your answers are saved and screened. Your plan is made from them: phased sessions that build up safely, and your daily pelvic-floor practice." }
            form method="post" action="/programme" {
                (csrf_field(&viewer.csrf))
                button.wide type="submit" { "Make my plan" }
            }
            p { a href="/screening" { "See what is safe for you now, and why" } }
        }
    }
}

/// An urgent stop: what to do now ([`urgent::stop`], the same on every page), the check-ins
/// that raised it (a tick by mistake can be removed), and nothing else.
fn urgent(viewer: &Viewer, stop: &UrgentStop, checkins: &[CheckInRow], date: Date) -> Markup {
    let flagged: Vec<&CheckInRow> = checkins
        .iter()
        .filter(|c| !words_of(&c.red_flags).is_empty())
        .collect();
    html! {
        (urgent::stop(stop, Reader::Member))
        @if !flagged.is_empty() {
            section.card {
                h2 { "What you told us" }
                ul.flagged {
                    @for c in &flagged {
                        li {
                            p {
                                strong { (human_date(c.done_on)) ": " }
                                (and_list(&words_of(&c.red_flags).iter().map(|w| symptom_word(w)).collect::<Vec<_>>()))
                            }
                            form method="post" action=(format!("/today/checkin/{}/delete", c.id)) data-confirm="Remove this check-in? Only do this if you ticked a warning sign by mistake." {
                                (csrf_field(&viewer.csrf))
                                input type="hidden" name="date" value=(date.to_string());
                                button.secondary type="submit" { "I ticked this by mistake: remove it" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "Because you reported leaking, we changed: …", from the latest programme when it was adapted.
fn adaptation_notice(
    programme: &ProgrammeRow,
    view: &TodayView,
    date: Date,
    just_now: bool,
) -> Option<Markup> {
    let reason = programme.reason.strip_prefix("adapted: ")?;
    if !just_now && !reason.ends_with(&format!("on {date}")) {
        return None;
    }
    let (words, during) = match adapted_reason(reason) {
        Some(r) => (r.words, r.exercise.map(library_name)),
        None => (reason, None),
    };
    let reported: Vec<String> = words.split(", ").map(symptom_word).collect();
    let plan: Value = serde_json::from_str(&programme.plan_json).unwrap_or(Value::Null);
    let mut changes: Vec<(String, String, String)> = plan["adaptations"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|c| {
                    let decision = c["decision"].as_str().unwrap_or("");
                    let recent = c["date"]
                        .as_str()
                        .and_then(|d| page_date(d).ok())
                        .is_some_and(|d| d >= date - Duration::days(7));
                    decision != "progress" || recent
                })
                .map(|c| {
                    (
                        c["decision"].as_str().unwrap_or("").to_owned(),
                        library_name(c["exercise"].as_str().unwrap_or("")),
                        c["text"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    changes.sort_by_key(|(d, _, _)| match d.as_str() {
        "regress" => 0,
        "repeat" => 1,
        _ => 2,
    });
    let (now, later): (Vec<_>, Vec<_>) = changes.into_iter().partition(|(d, _, _)| d != "progress");
    let next = match view.today.as_ref() {
        Some(d) if d.session.is_some() => Some(d),
        _ => view.next.as_ref(),
    };
    Some(html! {
        section.notice.warn.adapted #adapted tabindex="-1" role=[just_now.then_some("status")] aria-labelledby="adapted-title" {
            h2 #adapted-title { "We changed your plan" }
            p {
                "Because you reported " strong { (and_list(&reported)) }
                @if let Some(ex) = &during { " during " (ex) }
                ", we changed:"
            }
            @if now.is_empty() {
                p { "Impact and harder progressions wait until you have a week without symptoms." }
            } @else {
                ul.changes {
                    @for (_, name, text) in &now { li { strong { (name) ": " } (text) } }
                }
            }
            @if !later.is_empty() {
                details {
                    summary { "Also from what you logged (" (later.len()) ")" }
                    ul.changes { @for (_, name, text) in &later { li { strong { (name) ": " } (text) } } }
                }
            }
            @if let Some(d) = next {
                @let what = d.session.as_ref().map_or("walk-run", |s| s.title.as_str());
                p.next-session {
                    @if d.date == date.to_string() {
                        "Your session today: " strong { (what) }
                    } @else {
                        "Your next session: " strong { (page_date(&d.date).map(human_date).unwrap_or_else(|_| d.date.clone())) ", " (what) }
                    }
                    @if let Some(s) = &d.session { " (about " (s.estimated_minutes) " minutes, " (s.exercises.len()) " exercises)" }
                    @if d.date == date.to_string() { ", below." } @else { "." }
                }
            }
            p.source { "Leaking, heaviness or pain during exercise: stop that exercise for today. If it happens again or does not settle, see a pelvic-health physiotherapist; your GP can refer you, and many services accept self-referral (NHS; Goom, Donnelly & Brockwell 2019)." }
        }
    })
}

fn problem_summary(problem: &Problem) -> Markup {
    let (href, e) = match problem {
        Problem::Set {
            exercise,
            set_number,
            error,
            ..
        } => (format!("#set-{exercise}-{set_number}"), error),
        Problem::CheckIn { error, .. } => ("#check-in".to_owned(), error),
    };
    html! {
        div.notice.error role="alert" tabindex="-1" #form-error {
            p { strong { "Please check: " } (e.message) }
            p { a href=(href) { "Go to the field" } " · nothing was saved" }
        }
    }
}

/// Matches today's logged sets to the plan's rows: by set number, then in order. The rest are
/// sets of other exercises (or extra sets), shown apart so they can be undone too.
fn match_sets<'a>(
    session: &Session,
    sets: &'a [SetRow],
) -> (HashMap<(String, u8), &'a SetRow>, Vec<&'a SetRow>) {
    let mut slots: HashMap<(String, u8), &SetRow> = HashMap::new();
    let planned = |id: &str| {
        session
            .exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.sets)
    };
    let mut left = Vec::new();
    for s in sets {
        let n = s.set_number.and_then(|n| u8::try_from(n).ok());
        match (planned(&s.exercise), n) {
            (Some(max), Some(n))
                if n >= 1 && n <= max && !slots.contains_key(&(s.exercise.clone(), n)) =>
            {
                slots.insert((s.exercise.clone(), n), s);
            }
            _ => left.push(s),
        }
    }
    let mut extra = Vec::new();
    for s in left {
        let free = planned(&s.exercise)
            .and_then(|max| (1..=max).find(|n| !slots.contains_key(&(s.exercise.clone(), *n))));
        match free {
            Some(n) => {
                slots.insert((s.exercise.clone(), n), s);
            }
            None => extra.push(s),
        }
    }
    (slots, extra)
}

fn session_block(
    ctx: &RowCtx<'_>,
    session: &Session,
    sets: &[SetRow],
    problem: Option<&Problem>,
) -> Markup {
    let (slots, extra) = match_sets(session, sets);
    let total: usize = session.exercises.iter().map(|e| usize::from(e.sets)).sum();
    let done = slots.len();
    html! {
        p.session-facts {
            "About " (session.estimated_minutes) " minutes · " (session.exercises.len()) " exercises"
            @if ctx.can_log {
                " · " span #sets-progress data-total=(total) { (done) " of " (total) " sets done" }
            }
        }
        @if done >= total && total > 0 {
            div.notice.ok role="status" {
                p { strong { "Session done. Well done!" } " Now tell us how it went: " a href="#check-in" { "check in" } "." }
            }
        }
        @for (i, ex) in session.exercises.iter().enumerate() {
            section.card.exercise #(format!("ex-{}", ex.id)) data-rest=(ex.rest_seconds) data-name=(ex.name) aria-labelledby=(format!("ex-{}-name", ex.id)) {
                h2 #(format!("ex-{}-name", ex.id)) { span.ex-number { (i + 1) ". " } (ex.name) }
                p.dose {
                    strong { (dose_text(ex)) }
                    br;
                    (load_text(ex, ctx.unit))
                    @if ex.sets > 1 && ex.rest_seconds > 0 { " · rest " (ex.rest_seconds) " s between sets" }
                }
                @if !ex.cues.is_empty() {
                    ul.cues { @for c in &ex.cues { li { (c) } } }
                }
                @if !ex.why.is_empty() { p.why { span.why-label { "Why: " } (ex.why) } }
                ol.sets {
                    @for n in 1..=ex.sets {
                        @let logged = slots.get(&(ex.id.clone(), n)).copied();
                        @let mine = match problem {
                            Some(Problem::Set { exercise, set_number, form, error }) if *exercise == ex.id && *set_number == n => Some((form, error)),
                            _ => None,
                        };
                        @match logged {
                            Some(row) => (logged_row(ctx, &ex.id, &ex.name, amount(ex).1, n, row)),
                            None => (open_row(ctx, ex, n, last_load(&slots, &ex.id, n), mine)),
                        }
                    }
                }
            }
        }
        @if !extra.is_empty() {
            section.card #also-logged {
                h2 { "Also logged today" }
                ol.sets {
                    @for row in &extra {
                        (logged_row(ctx, &row.exercise, &library_name(&row.exercise), library_word(&row.exercise), row.set_number.and_then(|n| u8::try_from(n).ok()).unwrap_or(0), row))
                    }
                }
            }
        }
    }
}

/// A set she has done: what she did, and Undo.
fn logged_row(
    ctx: &RowCtx<'_>,
    exercise: &str,
    name: &str,
    word: &str,
    n: u8,
    row: &SetRow,
) -> Markup {
    let symptoms: Vec<String> = words_of(&row.symptoms)
        .iter()
        .chain(words_of(&row.red_flags).iter())
        .map(|w| symptom_word(w))
        .collect();
    let set_name = if n > 0 {
        format!("Set {n}")
    } else {
        "A set".to_owned()
    };
    html! {
        li.set.done #(format!("set-{exercise}-{n}")) {
            div.set-done {
                span.tick aria-hidden="true" { "✓" }
                p.set-summary {
                    strong { (set_name) " done" }
                    span.visually-hidden { " of " (name) }
                    ": " (row.reps) " " (word)
                    @if let Some(kg) = row.load_kg { " · " (ctx.unit.show(kg)) }
                    @if !symptoms.is_empty() {
                        br;
                        span.noted { "Noted: " (and_list(&symptoms)) }
                    }
                }
                form.undo method="post" action=(format!("/today/set/{}/delete", row.id)) {
                    (csrf_field(ctx.csrf))
                    input type="hidden" name="date" value=(ctx.date.to_string());
                    input type="hidden" name="anchor" value=(format!("ex-{exercise}"));
                    button.secondary.small type="submit" {
                        "Undo" span.visually-hidden { " " (set_name) " of " (name) }
                    }
                }
            }
        }
    }
}

/// The load of the last set of `exercise` she logged before set `n` today: a load she changed
/// is what she lifts, so it is the next set's default, not the plan's.
fn last_load(slots: &HashMap<(String, u8), &SetRow>, exercise: &str, n: u8) -> Option<f64> {
    (1..n)
        .rev()
        .find_map(|m| slots.get(&(exercise.to_owned(), m)))
        .and_then(|row| row.load_kg)
}

/// A set still to do: reps prefilled from the plan, the load from her last set of it today (or
/// the plan's), and Done.
fn open_row(
    ctx: &RowCtx<'_>,
    ex: &Prescription,
    n: u8,
    last_load: Option<f64>,
    problem: Option<(&WebForm, &AppError)>,
) -> Markup {
    let (target, word) = amount(ex);
    let key = format!("{}-{n}", ex.id);
    let typed = |field: &str| problem.map(|(f, _)| f.get(field).unwrap_or("").to_owned());
    let reps_value = typed("reps").unwrap_or_else(|| target.to_string());
    let load_value = typed("load").unwrap_or_else(|| {
        last_load
            .or(ex.load_kg)
            .map(|kg| ctx.unit.number(kg))
            .unwrap_or_default()
    });
    let err = |field: &str| {
        problem.and_then(|(_, e)| (e.field.as_deref() == Some(field)).then_some(e.message.as_str()))
    };
    let reps_err = err("reps");
    let load_err = err("load");
    let other_err = problem.and_then(|(_, e)| {
        (e.field.as_deref() != Some("reps") && e.field.as_deref() != Some("load"))
            .then_some(e.message.as_str())
    });
    let ticked: Vec<String> = problem
        .map(|(f, _)| f.all("symptoms").into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let has_load = ex.load_kg.is_some()
        || last_load.is_some()
        || problem.is_some_and(|(f, _)| f.get("load").is_some());
    let side = if ex.each_side { " each side" } else { "" };
    html! {
        li.set.open #(format!("set-{key}")) .has-error[problem.is_some()] .with-load[has_load && ctx.can_log] {
            @if ctx.can_log {
                form.set-form method="post" action="/today/set" novalidate {
                    (csrf_field(ctx.csrf))
                    input type="hidden" name="date" value=(ctx.date.to_string());
                    input type="hidden" name="exercise" value=(ex.id);
                    input type="hidden" name="set_number" value=(n);
                    input type="hidden" name="target_reps" value=(target);
                    div.set-line {
                        span.set-label { "Set " (n) }
                        div.set-field {
                            label for=(format!("reps-{key}")) { (amount_label(word)) (side) }
                            input #(format!("reps-{key}")) type="text" name="reps" inputmode="numeric" autocomplete="off" value=(reps_value)
                                aria-invalid=[reps_err.map(|_| "true")] aria-describedby=[reps_err.map(|_| format!("reps-{key}-error"))];
                        }
                        @if has_load {
                            div.set-field {
                                label for=(format!("load-{key}")) { "Load (" (ctx.unit.word()) ")" }
                                input #(format!("load-{key}")) type="text" name="load" inputmode="decimal" autocomplete="off" value=(load_value)
                                    aria-invalid=[load_err.map(|_| "true")] aria-describedby=[load_err.map(|_| format!("load-{key}-error"))];
                            }
                        }
                        button.done type="submit" {
                            "Done" span.visually-hidden { ": set " (n) " of " (ex.name) }
                        }
                    }
                    @if let Some(m) = reps_err { span.field-error #(format!("reps-{key}-error")) { (m) } }
                    @if let Some(m) = load_err { span.field-error #(format!("load-{key}-error")) { (m) } }
                    @if let Some(m) = other_err { span.field-error { (m) } }
                    details.felt open[!ticked.is_empty()] {
                        summary { "Something felt wrong?" }
                        fieldset {
                            legend { "Tick what you felt, then press Done" }
                            @for (s, label) in SET_SYMPTOMS {
                                label.choice {
                                    input type="checkbox" name="symptoms" value=(s.as_str()) checked[ticked.iter().any(|t| t == s.as_str())];
                                    span { (label) }
                                }
                            }
                            p.hint { "We note it with this set and adapt your plan. Stop this exercise for today if it hurts or leaks. " a href="#warning-signs" { "Warning signs" } " (like heavy bleeding or chest pain) are in the check-in." }
                        }
                    }
                }
            } @else {
                p.set-summary { strong { "Set " (n) } ": " (target) " " (word) (side) @if let Some(kg) = ex.load_kg { " · " (ctx.unit.show(kg)) } }
            }
        }
    }
}

fn walk_run_block(run: &WalkRun, date: &str) -> Markup {
    let buggy = if run.buggy_why.is_empty() {
        if run.buggy_allowed {
            "You may push the buggy while you run."
        } else {
            "Run without the buggy for now: buggy running starts at 6 months."
        }
    } else {
        run.buggy_why.as_str()
    };
    // After the walk-run, the day's own run: long, easy, strides or intervals.
    if let Some(today) = run.runs.iter().find(|r| r.date == date) {
        return html! {
            section.card #walk-run {
                h2 { "Run" }
                p { (today.text) @if today.session_minutes > 0 { " About " (today.session_minutes) " minutes." } }
                p.muted { (buggy) }
            }
        };
    }
    html! {
        section.card #walk-run {
            h2 { "Walk-run" }
            p {
                strong {
                    "Run " (run.run_minutes) " min"
                    @if run.walk_minutes > 0 { ", walk " (run.walk_minutes) " min" }
                    @if run.repeats > 1 { ", " (run.repeats) " times" }
                    @if run.then_run_minutes > 0 { ", then run " (run.then_run_minutes) " min" }
                }
                @if run.session_minutes > 0 { " (about " (run.session_minutes) " minutes)" }
                ". Stage " (run.stage) "."
            }
            p { "Go at an easy pace where you can still chat. Stop if you leak, feel heaviness or pain, and go back to the last stage that felt fine." }
            p.muted {
                (buggy)
            }
        }
    }
}

fn next_block(next: Option<&Day>, state: &AppState) -> Markup {
    html! {
        @if let Some(d) = next {
            @let date = page_date(&d.date).ok();
            section.card.next #next {
                h2 { "Your next session" }
                p {
                    strong { (date.map_or_else(|| d.date.clone(), human_date)) }
                    ": "
                    @match (&d.session, &d.walk_run) {
                        (Some(s), _) => { (s.title) " (about " (s.estimated_minutes) " minutes, " (s.exercises.len()) " exercises)" }
                        (None, Some(_)) => "walk-run",
                        _ => "rest",
                    }
                }
                @if let Some(date) = date {
                    p { a href=(today_path(state, date)) { "See that session" } }
                }
            }
        }
    }
}

fn pelvic_floor_block(dose: &PelvicFloorDose, rounds_done: usize, shown_alone: bool) -> Markup {
    html! {
        section.card.pf-summary #pelvic-floor {
            h2 { "Pelvic floor today" }
            p {
                (dose.slow_holds) " slow holds of " (dose.hold_seconds) " seconds, then " (dose.quick_squeezes) " quick squeezes, "
                (dose.times_per_day) " times a day."
                @if shown_alone { " Keep it up on rest days too." }
            }
            p {
                strong { (rounds_done.min(usize::from(dose.times_per_day))) " of " (dose.times_per_day) " rounds done today." }
                " " a href="/pelvic-floor" { "Practise with the timer" }
            }
        }
    }
}

fn checkin_block(ctx: &RowCtx<'_>, checkins: &[CheckInRow], problem: Option<&Problem>) -> Markup {
    let (form, error) = match problem {
        Some(Problem::CheckIn { form, error }) => (Some(form), Some(error)),
        _ => (None, None),
    };
    let value = |name: &str| form.and_then(|f| f.get(name)).unwrap_or("").to_owned();
    let ticked = |name: &str, word: &str| form.is_some_and(|f| f.all(name).contains(&word));
    let err = |field: &str| {
        error.and_then(|e| (e.field.as_deref() == Some(field)).then_some(e.message.as_str()))
    };
    let mood = value("mood");
    let rpe = value("rpe");
    html! {
        section.card.checkin #check-in aria-labelledby="check-in-title" {
            h2 #check-in-title { @if ctx.session_day { "How did it go?" } @else { "How are you today?" } }
            @for c in checkins {
                p.checked-in {
                    span.tick aria-hidden="true" { "✓" } " "
                    strong { "You checked in" }
                    @let felt: Vec<String> = words_of(&c.symptoms).iter().chain(words_of(&c.red_flags).iter()).map(|w| symptom_word(w)).collect();
                    @if felt.is_empty() { ": no symptoms" } @else { ": " (and_list(&felt)) }
                    @if let Some(r) = c.rpe { " · effort " (r) }
                    @if let Some(m) = c.mood { " · mood " (MOODS.iter().find(|(n, _)| i64::from(*n) == m).map_or("", |(_, w)| w)) }
                }
            }
            p.hint { "A minute, after your session or at the end of the day. What you tell us shapes your next session." }
            form method="post" action="/today/checkin" novalidate {
                (csrf_field(ctx.csrf))
                input type="hidden" name="date" value=(ctx.date.to_string());
                fieldset aria-describedby=[err("symptoms").map(|_| "symptoms-error")] {
                    legend { "Did you notice any of these?" }
                    @for (s, label, hint) in CHECKIN_SYMPTOMS {
                        label.choice {
                            input type="checkbox" name="symptoms" value=(s.as_str()) checked[ticked("symptoms", s.as_str())];
                            span { strong { (label) } span.hint { (hint) } }
                        }
                    }
                    @if let Some(m) = err("symptoms") { span.field-error #symptoms-error { (m) } }
                }
                div.field {
                    label for="rpe" { "How hard was it? (effort 1 to 10)" }
                    select #rpe name="rpe" aria-invalid=[err("rpe").map(|_| "true")] aria-describedby=[err("rpe").map(|_| "rpe-error")] {
                        option value="" selected[rpe.is_empty()] { "Choose, if you trained" }
                        @for (i, words) in EFFORT.iter().enumerate() {
                            @let n = (i + 1).to_string();
                            option value=(n) selected[rpe == n] { (n) ": " (words) }
                        }
                    }
                    @if let Some(m) = err("rpe") { span.field-error #rpe-error { (m) } }
                }
                fieldset.mood aria-describedby=[err("mood").map(|_| "mood-error")] {
                    legend { "How are you feeling?" }
                    div.mood-options {
                        @for (n, word) in MOODS {
                            label.choice.mood-choice {
                                input type="radio" name="mood" value=(n) checked[mood == n.to_string()] aria-invalid=[err("mood").map(|_| "true")];
                                span { (word) }
                            }
                        }
                    }
                    @if let Some(m) = err("mood") { span.field-error #mood-error { (m) } }
                }
                div.field {
                    label for="sleep_hours" { "Hours of sleep last night " span.muted { "(optional)" } }
                    input #sleep_hours type="text" name="sleep_hours" inputmode="decimal" autocomplete="off" value=(value("sleep_hours"))
                        aria-invalid=[err("sleep_hours").map(|_| "true")] aria-describedby=[err("sleep_hours").map(|_| "sleep_hours-error")];
                    @if let Some(m) = err("sleep_hours") { span.field-error #sleep_hours-error { (m) } }
                }
                div.field {
                    label for="notes" { "Anything else? " span.muted { "(optional)" } }
                    textarea #notes name="notes" rows="3" aria-invalid=[err("notes").map(|_| "true")] aria-describedby=[err("notes").map(|_| "notes-error")] { (value("notes")) }
                    @if let Some(m) = err("notes") { span.field-error #notes-error { (m) } }
                }
                fieldset.warning-signs #warning-signs aria-describedby="warning-signs-hint" {
                    legend { "Warning signs" }
                    p.hint #warning-signs-hint {
                        strong { "These stop training." }
                        " Tick any you have and we will show you where to get help. In an emergency, call 999 (UK), 112 (EU) or 911 (US) now."
                    }
                    @for f in RedFlag::ALL {
                        label.choice {
                            input type="checkbox" name="red_flags" value=(f.as_str()) checked[ticked("red_flags", f.as_str())];
                            span { (capitalised(f.describe())) }
                        }
                    }
                    @if let Some(m) = err("red_flags") { span.field-error { (m) } }
                }
                @if let Some(m) = err("date") { span.field-error { (m) } }
                div.actions { button.wide type="submit" { "Save my check-in" } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presc(id: &str, sets: u8) -> Prescription {
        Prescription {
            id: id.to_owned(),
            name: id.to_owned(),
            sets,
            reps: Some(8),
            seconds: None,
            metres: None,
            each_side: false,
            load_kg: None,
            load: "bodyweight".to_owned(),
            rest_seconds: 45,
            cues: Vec::new(),
            why: String::new(),
        }
    }

    fn set(id: i64, exercise: &str, n: Option<i64>) -> SetRow {
        SetRow {
            id,
            done_on: Date::MIN,
            exercise: exercise.to_owned(),
            set_number: n,
            reps: 8,
            target_reps: None,
            load_kg: None,
            rpe: None,
            symptoms: "[]".to_owned(),
            red_flags: "[]".to_owned(),
            client_ref: None,
            created_at: 0,
        }
    }

    #[test]
    fn sets_match_by_number_then_in_order_and_the_rest_are_extra() {
        let session = Session {
            title: "t".to_owned(),
            estimated_minutes: 10,
            exercises: vec![presc("a", 2), presc("b", 1)],
        };
        let sets = vec![
            set(1, "a", Some(2)),
            set(2, "a", None),
            set(3, "a", None),
            set(4, "c", Some(1)),
            set(5, "b", Some(1)),
        ];
        let (slots, extra) = match_sets(&session, &sets);
        assert_eq!(slots[&("a".to_owned(), 2)].id, 1);
        assert_eq!(slots[&("a".to_owned(), 1)].id, 2);
        assert_eq!(slots[&("b".to_owned(), 1)].id, 5);
        let extra: Vec<i64> = extra.iter().map(|s| s.id).collect();
        assert_eq!(extra, vec![3, 4]);
    }

    #[test]
    fn forms_convert_pounds_and_refuse_bad_numbers_by_field() {
        let form = |pairs: &[(&str, &str)]| {
            WebForm::from_pairs(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            )
        };
        let base = [
            ("date", "2026-11-25"),
            ("exercise", "goblet_squat"),
            ("set_number", "1"),
        ];
        let mut pairs = base.to_vec();
        pairs.extend([("reps", "10"), ("load", "22")]);
        let set = set_from_form(&form(&pairs), Unit::Lb).unwrap();
        assert!((set.load_kg.unwrap() - 9.979).abs() < 0.01);
        assert_eq!(
            set.client_ref.as_deref(),
            Some("web:2026-11-25:goblet_squat:1")
        );
        let mut pairs = base.to_vec();
        pairs.push(("reps", "abc"));
        assert_eq!(
            set_from_form(&form(&pairs), Unit::Kg)
                .err()
                .expect("refused")
                .field
                .as_deref(),
            Some("reps")
        );
        let mut pairs = base.to_vec();
        pairs.extend([("reps", "5"), ("load", "-2")]);
        let e = set_from_form(&form(&pairs), Unit::Kg)
            .err()
            .expect("refused");
        assert_eq!(e.field.as_deref(), Some("load"));
        assert!(e.message.starts_with("Load:"), "{}", e.message);
        let mut pairs = base.to_vec();
        pairs.extend([("reps", "5"), ("symptoms", "sneezing")]);
        assert_eq!(
            set_from_form(&form(&pairs), Unit::Kg)
                .err()
                .expect("refused")
                .field
                .as_deref(),
            Some("symptoms")
        );
    }

    #[test]
    fn symptoms_read_in_plain_words() {
        assert_eq!(symptom_word("urinary_leakage"), "leaking");
        assert_eq!(symptom_word("low_back_pain"), "back pain");
        assert!(symptom_word("chest_pain").contains("chest pain"));
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }

    #[test]
    fn reasons_read_as_words() {
        assert_eq!(
            reason_in_words("adapted: urinary_leakage logged during glute_bridge on 2026-12-03"),
            "you logged leaking during Glute bridge on Thu 3 Dec 2026"
        );
        assert_eq!(
            reason_in_words(
                "adapted: pelvic_heaviness, abdominal_doming noted in the check-in on 2026-12-03"
            ),
            "you noted heaviness and doming in your check-in on Thu 3 Dec 2026"
        );
        assert_eq!(
            reason_in_words("made again: history imported"),
            "history imported"
        );
    }
}
