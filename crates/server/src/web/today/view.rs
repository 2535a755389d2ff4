//! The day's view as `member::today_view` gives it (JSON), and loading it.

use serde::Deserialize;
use time::Date;

use crate::AppState;
use crate::app::member;
use crate::error::AppError;

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
