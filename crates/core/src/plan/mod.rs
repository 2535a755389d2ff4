//! The programme generator: a screened profile (and what she logged) in, a phased, progressive,
//! week-by-week plan out.
//!
//! Each week is screened again at its own start date, so time-based openings (6 weeks, 12 weeks,
//! 6 months for buggy running) arrive in the week they fall, while everything she has not yet
//! done (the postnatal check, the readiness tests) keeps its limit until her profile says so.
//! Every exercise is checked against that week's screening before it is prescribed.
//!
//! [`generate`] reads the log (`adapt`), then runs a `generator::Generator` week by week: the
//! week's screening (`context`) and phase (`phases`), its layout (`layout`) and sessions
//! (`sessions`, walking the ladders of `ladders` and fitted by `timing`), the walk-run and
//! running (`running`, with the readiness drills of `drills`), the everyday-load cap (`everyday_load`), the notes (`notes`), and the
//! progression into the next week (`progression`). `view` holds the words she reads; `maps`
//! the small slot- and position-indexed maps the week loop looks things up in.

mod adapt;
mod context;
mod drills;
mod everyday_load;
mod generator;
mod ladders;
mod layout;
mod maps;
mod notes;
mod phases;
mod progression;
mod running;
mod sessions;
mod timing;
mod view;

pub use adapt::{
    SYMPTOM_FREE_SESSIONS, impact_pause, log_symptoms, symptom_free_week_logged,
    with_logged_symptoms,
};
pub use everyday_load::{
    DEFAULT_CAR_SEAT_KG, EVERYDAY_LOAD_MAX_AGE_DAYS, EverydayLoad, INFANT_CAR_SEAT_MAX_AGE_DAYS,
    LOAD_TOLERANCE_KG, LoadHold, effective_load_kg, effective_pressure,
};
pub use layout::IMPACT_GAP_DAYS;
pub use phases::Phase;
pub use progression::{PelvicFloorDose, WORKING_WEIGHT_DAYS, WorkingWeight, working_weights};
pub use running::{
    EASY_RUN_MINUTES, LONG_RUN_MAX_MINUTES, LONG_RUN_STEP_MINUTES, Run, RunKind, STRIDES_WEEKS,
    WALK_RUN_STAGES, WalkRun,
};
pub use sessions::{SlotId, TRAINING_DAYS_MAX};
pub use timing::{
    FILL_SHARE_PERCENT, SESSION_MINUTES_MAX, TRANSITION_SECONDS, prescription_seconds,
    session_minutes,
};
pub use view::fmt_kg;

use crate::library::{Impact, Library, LoadSource, Pattern, Pressure};
use crate::log::TrainingLog;
use crate::profile::Profile;
use crate::screening::{Screening, screen};
use crate::vocab::{EquipmentKind, RedFlag};
use serde::Serialize;
use std::borrow::Cow;
use time::Date;

use adapt::{profile_with_log, urgent_stop};
use generator::{Generator, Inputs};
use progression::first_pelvic_floor_dose;

/// Longest plan: a year, after which her profile should be screened again.
pub const MAX_WEEKS: u8 = 52;

/// The weekly aerobic target of the UK CMO guidance.
pub const AEROBIC_TARGET_MINUTES: u16 = 150;

/// Red flags logged this many days before the plan starts still stop the plan.
pub const RED_FLAG_LOOKBACK_DAYS: i64 = 28;

/// What the caller chooses about a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// The first day of week 1.
    pub start: Date,
    /// How many weeks, 1 to [`MAX_WEEKS`].
    pub weeks: u8,
    /// Her car seat's weight in kg, 0 to 20 (default [`DEFAULT_CAR_SEAT_KG`]).
    pub car_seat_kg: f64,
}

impl PlanOptions {
    /// Twelve weeks from the profile's date, with her car seat (or the default).
    pub fn for_profile(profile: &Profile) -> Self {
        PlanOptions {
            start: profile.as_of,
            weeks: 12,
            car_seat_kg: profile.training.car_seat_kg.unwrap_or(DEFAULT_CAR_SEAT_KG),
        }
    }

    /// Twelve weeks from `start` with the default car seat.
    pub fn new(start: Date) -> Self {
        PlanOptions {
            start,
            weeks: 12,
            car_seat_kg: DEFAULT_CAR_SEAT_KG,
        }
    }
}

/// Why a plan could not be made: the option at fault and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PlanError {
    /// The option or input at fault (`--weeks`, `--start`, `log line 3`).
    pub field: String,
    /// What was expected.
    pub message: String,
}

/// What this week's screening allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cleared {
    /// Impact exercises (after any log-based pause).
    pub impact: bool,
    /// High-pressure exercises.
    pub high_pressure: bool,
    /// Running.
    pub running: bool,
    /// The most any load may weigh this week, when limited (caesarean under 6 weeks: the baby).
    pub lifting_limit_kg: Option<f64>,
}

/// One exercise as prescribed in a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prescription<'a> {
    /// Library id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Sets.
    pub sets: u8,
    /// Reps per set (for reps-dosed exercises).
    pub reps: Option<u16>,
    /// Seconds per set (for timed exercises).
    pub seconds: Option<u16>,
    /// Metres per set (for carries and walks).
    pub metres: Option<u16>,
    /// Done on each side.
    pub each_side: bool,
    /// The load in kg, when it has a number.
    pub load_kg: Option<f64>,
    /// Where the load comes from.
    pub load: LoadSource,
    /// Rest between sets.
    pub rest_seconds: u16,
    /// Impact demand.
    pub impact: Impact,
    /// Pressure demand.
    pub pressure: Pressure,
    /// Equipment it needs.
    pub equipment: &'a [EquipmentKind],
    /// Movement pattern.
    pub pattern: Pattern,
    /// The programme slot it fills (`squat:a`): one ladder, walked week by week.
    pub slot: SlotId,
    /// Coaching cues.
    pub cues: &'a [String],
    /// Why it is here and what changed since last week.
    pub why: Cow<'a, str>,
    /// The exercise's position in the library: the generator tells exercises apart by it
    /// rather than by their ids' text.
    #[serde(skip)]
    pub(crate) position: usize,
}

/// One training session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session<'a> {
    /// Day 1 to `days_per_week` within the week.
    pub day: u8,
    /// Suggested date.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub date: Date,
    /// Title.
    pub title: Cow<'static, str>,
    /// Estimated minutes: sets × (work + rest) plus transitions.
    pub estimated_minutes: u16,
    /// Exercises in order.
    pub exercises: Vec<Prescription<'a>>,
}

/// One week of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week<'a> {
    /// 1-based.
    pub week: u8,
    /// First day.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub starts: Date,
    /// Completed weeks since birth on the first day.
    pub weeks_postpartum: i64,
    /// The phase.
    pub phase: Phase,
    /// Why this phase, in plain words.
    pub phase_why: String,
    /// A lighter week (every 4th).
    pub deload: bool,
    /// What the week's screening allows.
    pub cleared: Cleared,
    /// Daily pelvic-floor practice.
    pub pelvic_floor: PelvicFloorDose,
    /// Aerobic minutes for the week (walks, buggy walks, walk-run).
    pub aerobic_minutes: u16,
    /// The walk-run stage, in the return-to-running phase.
    pub walk_run: Option<WalkRun>,
    /// Everyday load and how the plan keeps ahead of it (while the child is carried).
    pub everyday_load: Option<EverydayLoad>,
    /// Exactly `days_per_week` sessions.
    pub sessions: Vec<Session<'a>>,
    /// Notes for the week: readiness tests to retry, changes, reminders.
    pub notes: Vec<String>,
}

/// How the log changed the plan for one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adaptation {
    /// The logged exercise.
    pub exercise: String,
    /// When it was last done.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub date: Date,
    /// Harder, the same again, easier, or not yet.
    pub decision: Decision,
    /// What happens now, in plain words.
    pub text: String,
}

/// What her log decides for an exercise she did: the one word every page, the API (as
/// `progress`, `repeat`, `regress`, `not_yet`) and the coach's view show for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// All reps done at a comfortable effort: the next step.
    Progress,
    /// The same dose again (reps short, very hard, or a symptom after the session).
    Repeat,
    /// A symptom during it: one step down its ladder, or fewer reps.
    Regress,
    /// Not open to her this week: the nearest exercise that is.
    NotYet,
}

impl Decision {
    /// A word or two for a tag.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Progress => "Harder",
            Decision::Repeat => "Same again",
            Decision::Regress => "Easier",
            Decision::NotYet => "Not yet",
        }
    }

    /// Whether it holds her back (a page lists these first).
    pub fn holds_back(self) -> bool {
        self != Decision::Progress
    }
}

/// A generated programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan<'a> {
    /// The screening at the start date.
    pub screening: Screening,
    /// The library version the plan was made from.
    pub library_version: String,
    /// First day of week 1.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub start: Date,
    /// Everyday load per week (kg), for the chart.
    pub everyday_load_kg: Vec<f64>,
    /// Changes made because of the log.
    pub adaptations: Vec<Adaptation>,
    /// Notes for the whole plan (what remains for running, impact paused, referrals).
    pub notes: Vec<String>,
    /// The weeks.
    pub weeks: Vec<Week<'a>>,
    /// Exercise guidance, not diagnosis.
    pub disclaimer: &'static str,
}

/// A plan, or the reason there is none: urgent help first.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanOutcome<'a> {
    /// The programme.
    Ready(Box<Plan<'a>>),
    /// Red flags (in the profile or the log): no plan; the screening says where to get help.
    Urgent(Box<UrgentStop>),
}

/// No plan: the screening's urgent guidance, and which logged sessions raised red flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrgentStop {
    /// The screening at the start date, with the logged red flags added.
    pub screening: Screening,
    /// Red flags found in the training log, with where.
    pub from_log: Vec<LoggedRedFlag>,
}

/// A red flag written in the training log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoggedRedFlag {
    /// Line (CSV) or entry (JSON) of the log.
    pub line: usize,
    /// The session's date.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub date: Date,
    /// The warning sign.
    pub flag: RedFlag,
    /// In plain words.
    pub text: String,
}

/// Generates the plan (or the urgent stop) for a profile, a library, options and what she logged.
pub fn generate<'a>(
    profile: &Profile,
    library: &'a Library,
    options: &PlanOptions,
    log: &TrainingLog,
) -> Result<PlanOutcome<'a>, PlanError> {
    check_options(profile, options, log)?;
    if let Some(stop) = urgent_stop(profile, options, log) {
        return Ok(PlanOutcome::Urgent(Box::new(stop)));
    }
    let mut plan_notes = Vec::new();
    let profile = &profile_with_log(profile, library, options, log, &mut plan_notes);
    let mut at_start = profile.clone();
    at_start.as_of = options.start;
    let screening = screen(&at_start);
    let inputs = Inputs::new(library, profile, options, log);
    let pelvic_floor = first_pelvic_floor_dose(&screening, profile);
    let mut generator = Generator::new(&inputs, pelvic_floor, plan_notes);
    for w in 1..=options.weeks {
        generator.week(w);
    }
    Ok(PlanOutcome::Ready(Box::new(generator.finish(screening))))
}

fn check_options(
    profile: &Profile,
    options: &PlanOptions,
    log: &TrainingLog,
) -> Result<(), PlanError> {
    let err = |field: &str, message: String| PlanError {
        field: field.to_owned(),
        message,
    };
    if !(1..=MAX_WEEKS).contains(&options.weeks) {
        return Err(err(
            "--weeks",
            format!("expected 1 to {MAX_WEEKS} weeks, got {}", options.weeks),
        ));
    }
    if options.start < profile.birth.date {
        return Err(err(
            "--start",
            format!(
                "the plan cannot start before the birth ({}); got {}",
                profile.birth.date, options.start
            ),
        ));
    }
    if (options.start - profile.birth.date).whole_days() > 366 * 30 {
        return Err(err(
            "--start",
            "expected a start within 30 years of the birth".to_owned(),
        ));
    }
    if !(options.car_seat_kg.is_finite() && (0.0..=20.0).contains(&options.car_seat_kg)) {
        return Err(err(
            "car_seat_kg",
            format!("expected 0 to 20 kg, got {}", options.car_seat_kg),
        ));
    }
    if let Some(e) = log.entries.iter().find(|e| e.date > options.start) {
        return Err(err(
            &format!("log line {}", e.line),
            format!(
                "`date` {} is after the plan's start ({}); start the plan later or leave that session out",
                e.date, options.start
            ),
        ));
    }
    if let Some(e) = log.entries.iter().find(|e| e.date < profile.birth.date) {
        return Err(err(
            &format!("log line {}", e.line),
            format!(
                "`date` {} is before the birth ({})",
                e.date, profile.birth.date
            ),
        ));
    }
    Ok(())
}
