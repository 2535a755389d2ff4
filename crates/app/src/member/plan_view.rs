//! Her stored programme read back as typed views, the one reading that the Programme and Today
//! pages render from. The engine's `Plan` is stored as JSON when it is made (so an old plan shows
//! as it was, even after the library changes); these owned structs read that JSON once, with the
//! domain's own enums (`Phase`, `RunKind`, `LoadSource`, `Decision`), so no page matches on a
//! code string or keeps a mirror of its own.

use mumstrong_core::library::LoadSource;
use mumstrong_core::plan::{Decision, Phase, RunKind};
use serde::{Deserialize, Deserializer};
use time::Date;

use crate::AppState;
use crate::error::{AppError, AppResult};

/// A `YYYY-MM-DD` date as the plan's JSON writes it.
fn iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let text = String::deserialize(d)?;
    mumstrong_core::profile::parse_iso_date(&text).map_err(serde::de::Error::custom)
}

fn iso_dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Date>, D::Error> {
    let texts = Vec::<String>::deserialize(d)?;
    texts
        .iter()
        .map(|t| mumstrong_core::profile::parse_iso_date(t).map_err(serde::de::Error::custom))
        .collect()
}

/// Whether her latest programme is one to follow, or was stopped by a warning sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    /// A plan to follow.
    Ready,
    /// Stopped when it was made: a warning sign stood.
    Urgent,
}

/// Her latest programme as stored: its status and, when ready, the plan.
#[derive(Debug, Clone)]
pub struct StoredProgramme {
    /// Ready or stopped.
    pub status: ProgrammeStatus,
    /// Why it was made (`made`, `remade`, `adapted: ...`).
    pub reason: String,
    /// How many weeks.
    pub weeks: i64,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// The plan, when ready.
    pub plan: Option<PlanView>,
}

/// A stored plan.
#[derive(Debug, Clone, Deserialize)]
pub struct PlanView {
    /// Its first day.
    #[serde(deserialize_with = "iso_date")]
    pub start: Date,
    /// What her log changed, exercise by exercise.
    #[serde(default)]
    pub adaptations: Vec<AdaptationView>,
    /// Notes for the whole plan.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Its weeks, in order.
    pub weeks: Vec<WeekView>,
}

/// How her log changed one exercise.
#[derive(Debug, Clone, Deserialize)]
pub struct AdaptationView {
    /// The library id of the exercise she logged.
    #[serde(default)]
    pub exercise: String,
    /// When she last did it.
    #[serde(deserialize_with = "iso_date")]
    pub date: Date,
    /// Harder, same again, easier or not yet.
    pub decision: Decision,
    /// What happens now, in plain words.
    pub text: String,
}

/// One week of a stored plan: what every day of it says about the week, and its sessions.
#[derive(Debug, Clone, Deserialize)]
pub struct WeekView {
    /// The week as each of its days tells it.
    #[serde(flatten)]
    pub summary: WeekSummary,
    /// The walk-run, in the return-to-running phase.
    #[serde(default)]
    pub walk_run: Option<WalkRunView>,
    /// Her everyday load that week.
    #[serde(default)]
    pub everyday_load: Option<EverydayLoadView>,
    /// Its sessions.
    #[serde(default)]
    pub sessions: Vec<SessionView>,
}

/// A week reads as its summary (`week.phase`, `week.starts`).
impl std::ops::Deref for WeekView {
    type Target = WeekSummary;
    fn deref(&self) -> &WeekSummary {
        &self.summary
    }
}

/// A day's pelvic-floor practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct PelvicFloorDose {
    /// Slow holds a set.
    pub slow_holds: u8,
    /// Seconds each hold.
    pub hold_seconds: u8,
    /// Quick squeezes a set.
    pub quick_squeezes: u8,
    /// Sets a day.
    pub times_per_day: u8,
}

/// A week's walk-run, or its runs once the walk-run is done.
#[derive(Debug, Clone, Deserialize)]
pub struct WalkRunView {
    /// Stage 1 to 10.
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
    /// Sessions this week.
    #[serde(default)]
    pub sessions: u8,
    /// Minutes of one session, walks included.
    #[serde(default)]
    pub session_minutes: u8,
    /// She may push the buggy.
    #[serde(default)]
    pub buggy_allowed: bool,
    /// Why she may or may not run with the buggy.
    #[serde(default)]
    pub buggy_why: String,
    /// The suggested days.
    #[serde(default, deserialize_with = "iso_dates")]
    pub dates: Vec<Date>,
    /// After the walk-run: each run of the week.
    #[serde(default)]
    pub runs: Vec<RunView>,
}

/// One run of a week after the walk-run.
#[derive(Debug, Clone, Deserialize)]
pub struct RunView {
    /// Its day.
    #[serde(deserialize_with = "iso_date")]
    pub date: Date,
    /// Easy, long, strides or intervals.
    pub kind: RunKind,
    /// Minutes running.
    pub run_minutes: u8,
    /// Minutes of the session, walks included.
    #[serde(default)]
    pub session_minutes: u8,
    /// What to do, why, the cues and the stop rule.
    #[serde(default)]
    pub text: String,
}

/// Her everyday load in a week, and what the plan's carries and lifts reach.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct EverydayLoadView {
    /// Her baby's estimated weight.
    pub baby_kg: f64,
    /// The car seat's weight.
    pub car_seat_kg: f64,
    /// Baby and seat together.
    pub total_kg: f64,
    /// The heaviest carry that week.
    #[serde(default)]
    pub carry_kg: Option<f64>,
    /// The heaviest lift that week.
    #[serde(default)]
    pub lift_kg: Option<f64>,
}

/// One training session.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionView {
    /// Day 1 to `days_per_week` within the week.
    #[serde(default)]
    pub day: u8,
    /// Its day.
    #[serde(deserialize_with = "iso_date")]
    pub date: Date,
    /// Title.
    pub title: String,
    /// Estimated minutes.
    #[serde(default)]
    pub estimated_minutes: u16,
    /// Exercises in order.
    #[serde(default)]
    pub exercises: Vec<PrescriptionView>,
}

/// One exercise of a session with its dose.
#[derive(Debug, Clone, Deserialize)]
pub struct PrescriptionView {
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
    /// The load in kg, when it has a number.
    #[serde(default)]
    pub load_kg: Option<f64>,
    /// Where the load comes from.
    pub load: LoadSource,
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

/// Her latest programme, typed; `None` when she has none.
///
/// # Errors
/// A database error, or a stored plan this version cannot read (500: it was written by this
/// program, so that is a bug, not her input).
pub async fn stored_programme(
    state: &AppState,
    user_id: i64,
) -> AppResult<Option<StoredProgramme>> {
    let Some(row) = state.store.latest_programme(user_id).await? else {
        return Ok(None);
    };
    let status = match row.status.as_str() {
        "urgent" => ProgrammeStatus::Urgent,
        _ => ProgrammeStatus::Ready,
    };
    let plan = match status {
        ProgrammeStatus::Ready => {
            Some(serde_json::from_str(&row.plan_json).map_err(AppError::internal)?)
        }
        ProgrammeStatus::Urgent => None,
    };
    Ok(Some(StoredProgramme {
        status,
        reason: row.reason,
        weeks: row.weeks,
        created_at: row.created_at,
        plan,
    }))
}

/// Where her programme stands on the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TodayStatus {
    /// A day of the programme.
    Ready,
    /// Stopped by a warning sign.
    Urgent,
    /// The programme starts later.
    NotStarted,
    /// The programme has ended.
    Finished,
}

/// What a day of the programme holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A strength session.
    Session,
    /// A walk-run or run.
    Run,
    /// A rest day.
    Rest,
}

fn opt_iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|t| mumstrong_core::profile::parse_iso_date(&t).map_err(serde::de::Error::custom))
        .transpose()
}

/// Her day, as the API's `GET /api/v1/programme/today` sends it: the status and the day (or the
/// next day with something to do).
#[derive(Debug, Clone, Deserialize)]
pub struct TodayView {
    /// Ready, stopped, not started or finished.
    pub status: TodayStatus,
    /// The programme's first day (not started, finished).
    #[serde(default, deserialize_with = "opt_iso_date")]
    pub start: Option<Date>,
    /// The day asked about.
    #[serde(default)]
    pub today: Option<DayView>,
    /// The next day with a session or a walk-run, when the day asked about has none.
    #[serde(default)]
    pub next: Option<DayView>,
}

/// One day of the programme.
#[derive(Debug, Clone, Deserialize)]
pub struct DayView {
    /// The day.
    #[serde(deserialize_with = "iso_date")]
    pub date: Date,
    /// Session, run or rest.
    pub kind: DayKind,
    /// The week it belongs to.
    pub week: WeekSummary,
    /// The strength session, on a session day.
    #[serde(default)]
    pub session: Option<SessionView>,
    /// The walk-run, on a run day.
    #[serde(default)]
    pub walk_run: Option<WalkRunView>,
}

/// What a day says about its week.
#[derive(Debug, Clone, Deserialize)]
pub struct WeekSummary {
    /// 1-based.
    pub week: u8,
    /// Its first day.
    #[serde(deserialize_with = "iso_date")]
    pub starts: Date,
    /// Completed weeks since birth on its first day.
    pub weeks_postpartum: i64,
    /// The phase.
    pub phase: Phase,
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

/// Her day as the API sends it, typed.
///
/// # Errors
/// As [`super::today_view`]; a stored day this version cannot read is a 500.
pub async fn today_typed(state: &AppState, user_id: i64, date: Date) -> AppResult<TodayView> {
    let text = super::today_view(state, user_id, date).await?;
    serde_json::from_str(&text).map_err(AppError::internal)
}
