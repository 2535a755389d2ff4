//! The programme generator: a screened profile (and what she logged) in, a phased, progressive,
//! week-by-week plan out.
//!
//! Each week is screened again at its own start date, so time-based openings (6 weeks, 12 weeks,
//! 6 months for buggy running) arrive in the week they fall, while everything she has not yet
//! done (the postnatal check, the readiness tests) keeps its limit until her profile says so.
//! Every exercise is checked against that week's screening before it is prescribed.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::{Date, Duration};

use crate::growth::estimated_baby_weight_kg;
use crate::library::{Dose, Exercise, Impact, Library, LoadSource, Pattern, Pressure};
use crate::log::{LogEntry, TrainingLog};
use crate::profile::Profile;
use crate::readiness::{READINESS_TESTS, TestGroup};
use crate::screening::{ExerciseLevel, Screening, screen};
use crate::sources;
use crate::vocab::{Ache, EquipmentKind, Experience, Goal, RedFlag, Symptom};

/// The hardest impact drill for a runner: above it the library has run-walks, which her
/// walk-run already covers.
const RUNNER_IMPACT_MAX_LEVEL: u8 = 7;

/// Ballistic lifts: a fast hip snap against a hard brace, so a sharp rise in pressure on the
/// pelvic floor with every rep. Only for an experienced lifter, symptom-free after a pelvic-health
/// assessment, in the Perform phase (the library tags them high pressure, which keeps them behind
/// every high-pressure rule as well).
const BALLISTIC_LIFTS: &[&str] = &["kettlebell_swing"];

/// Exercises with the baby as the load stop at 2 years: a toddler is lifted, not trained with.
const BABY_LOAD_MAX_WEEKS: i64 = 104;

/// Where impact drills start once the impact tests are passed: jogging and running-man level.
const IMPACT_ENTRY_LEVEL: u8 = 5;

/// Car-seat weight used when she gives none: a typical infant carrier (2.5 to 4.5 kg).
pub const DEFAULT_CAR_SEAT_KG: f64 = 3.5;
/// Longest plan: a year, after which her profile should be screened again.
pub const MAX_WEEKS: u8 = 52;
/// The weekly aerobic target of the UK CMO guidance.
pub const AEROBIC_TARGET_MINUTES: u16 = 150;
/// Red flags logged this many days before the plan starts still stop the plan.
pub const RED_FLAG_LOOKBACK_DAYS: i64 = 28;
/// The child is carried (and so counted as everyday load) up to this age in days: 5 years.
pub const EVERYDAY_LOAD_MAX_AGE_DAYS: i64 = crate::growth::MAX_AGE_DAYS;
/// Babies ride in a carried infant car seat until about 15 months (about 13 kg); after that the
/// seat stays in the car and the everyday lift is the child alone.
pub const INFANT_CAR_SEAT_MAX_AGE_DAYS: i64 = 456;

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

/// The phases of a postnatal programme, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Breathing, pelvic floor, walking and gentle mobility.
    Reconnect,
    /// Learning the movements with light loads: back and bum first.
    Foundations,
    /// Progressive strength: more sets, heavier loads, harder variants.
    Build,
    /// Strength plus impact drills and the graded walk-run.
    ReturnToImpact,
    /// Strong and running (or strong without impact): heavier, harder, maintained.
    Perform,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 5] = [
        Phase::Reconnect,
        Phase::Foundations,
        Phase::Build,
        Phase::ReturnToImpact,
        Phase::Perform,
    ];

    /// The phase a JSON word names (`return_to_impact`), if any.
    pub fn from_word(word: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == word)
    }

    /// The phase's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Reconnect => "Reconnect",
            Phase::Foundations => "Foundations",
            Phase::Build => "Build strength",
            Phase::ReturnToImpact => "Return to impact and running",
            Phase::Perform => "Perform",
        }
    }

    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Reconnect => "reconnect",
            Phase::Foundations => "foundations",
            Phase::Build => "build",
            Phase::ReturnToImpact => "return_to_impact",
            Phase::Perform => "perform",
        }
    }

    fn level_cap(self) -> u8 {
        match self {
            Phase::Reconnect => 2,
            Phase::Foundations => 4,
            Phase::Build | Phase::ReturnToImpact => 7,
            Phase::Perform => 10,
        }
    }

    /// The level a new ladder climbs to when this phase first uses it.
    fn entry_level(self) -> u8 {
        match self {
            Phase::Reconnect => 1,
            Phase::Foundations => 2,
            Phase::Build | Phase::ReturnToImpact => 3,
            Phase::Perform => 5,
        }
    }

    fn pressure_cap(self) -> Pressure {
        match self {
            Phase::Reconnect => Pressure::Low,
            Phase::Foundations => Pressure::Medium,
            _ => Pressure::High,
        }
    }

    fn base_sets(self, weeks_postpartum: i64) -> u8 {
        match self {
            Phase::Reconnect if weeks_postpartum < 4 => 1,
            Phase::Reconnect => 2,
            Phase::Foundations => 2,
            _ => 3,
        }
    }

    fn rest_seconds(self) -> u16 {
        match self {
            Phase::Reconnect => 30,
            Phase::Foundations => 45,
            Phase::Build | Phase::ReturnToImpact => 60,
            Phase::Perform => 90,
        }
    }
}

/// The daily pelvic-floor practice for a week (NHS SNEE; NICE): slow holds and quick squeezes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PelvicFloorDose {
    /// Slow holds per round.
    pub slow_holds: u8,
    /// Seconds each slow hold lasts.
    pub hold_seconds: u8,
    /// Quick squeezes per round.
    pub quick_squeezes: u8,
    /// Rounds a day.
    pub times_per_day: u8,
}

impl PelvicFloorDose {
    /// The target dose: 10 slow holds of 10 seconds and 10 quick squeezes, 3 times a day.
    pub const TARGET: PelvicFloorDose = PelvicFloorDose {
        slow_holds: 10,
        hold_seconds: 10,
        quick_squeezes: 10,
        times_per_day: 3,
    };

    fn step_up(self) -> PelvicFloorDose {
        let t = Self::TARGET;
        PelvicFloorDose {
            slow_holds: (self.slow_holds + 1).min(t.slow_holds),
            hold_seconds: (self.hold_seconds + 1).min(t.hold_seconds),
            quick_squeezes: (self.quick_squeezes + 1).min(t.quick_squeezes),
            times_per_day: t.times_per_day,
        }
    }
}

/// One week of the graded walk-run: run and walk intervals at an easy, chatty pace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalkRun {
    /// Stage 1 to [`WALK_RUN_STAGES`]'s length.
    pub stage: u8,
    /// Minutes running in each interval.
    pub run_minutes: u8,
    /// Minutes walking after each interval (0 when continuous).
    pub walk_minutes: u8,
    /// How many intervals.
    pub repeats: u8,
    /// Minutes of a last run after the intervals (0 when none).
    pub then_run_minutes: u8,
    /// Sessions this week, on days between strength sessions.
    pub sessions: u8,
    /// Minutes of running in one session (after the walk-run, the 30 minutes of stage 10; each
    /// run's own minutes are in `runs`).
    pub total_run_minutes: u8,
    /// Minutes of one session, walks included (after the walk-run, see `runs`).
    pub session_minutes: u8,
    /// Whether she may push the buggy while running this week: from 6 months, and only once the
    /// walk-run's 30 minutes of continuous running are behind her.
    pub buggy_allowed: bool,
    /// Why she may or may not run with the buggy this week, in words.
    pub buggy_why: String,
    /// After the walk-run (stage 10 done), each run of the week with what to do: the long run
    /// growing to 45 minutes, then a quality run. Empty during the walk-run stages, where every
    /// run is the same (the fields above).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Run>,
    /// Suggested dates: days without a strength session where the week has them.
    #[serde(serialize_with = "iso_dates")]
    pub dates: Vec<Date>,
}

fn iso_dates<S: serde::Serializer>(dates: &[Date], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(dates.iter().map(|d| d.to_string()))
}

/// The walk-run ladder: time before speed, from 1-minute runs to 30 minutes continuous. Running
/// time per session never falls from one stage to the next.
/// `(run minutes, walk minutes, repeats, then run minutes)`.
pub const WALK_RUN_STAGES: [(u8, u8, u8, u8); 10] = [
    (1, 2, 6, 0),
    (2, 2, 5, 0),
    (3, 2, 5, 0),
    (5, 2, 4, 0),
    (8, 2, 3, 0),
    (10, 1, 3, 0),
    (15, 1, 2, 0),
    (20, 1, 1, 10),
    (25, 1, 1, 5),
    (30, 0, 1, 0),
];

/// Easy runs once the walk-run is done: the 30 minutes she finished it with.
pub const EASY_RUN_MINUTES: u8 = 30;
/// The long run grows to this, and then speed work begins (duration before intensity).
pub const LONG_RUN_MAX_MINUTES: u8 = 45;
/// The most the long run grows in one week; less when her week's running is short, so that the
/// week never rises by more than a tenth.
pub const LONG_RUN_STEP_MINUTES: u8 = 5;
/// Quality weeks of strides before short intervals.
pub const STRIDES_WEEKS: u8 = 4;
/// Strides sessions in order: `(easy minutes first, strides of 20 seconds)`; the last holds.
const STRIDES: [(u8, u8); 4] = [(20, 4), (20, 5), (25, 5), (25, 6)];
/// Interval sessions in order: repeats of 2 minutes comfortably hard and 2 minutes easy after 10
/// minutes easy, so a session runs no longer than an easy run; the last holds.
const INTERVAL_REPEATS: [u8; 2] = [4, 5];
/// Seconds of one stride.
const STRIDE_SECONDS: u16 = 20;
/// Seconds of the walk back after a stride, until her breathing settles.
const STRIDE_WALK_BACK_SECONDS: u16 = 70;

/// What every run after the walk-run carries: cadence, posture and the pelvic-floor stop rule.
/// The stop rule is the guideline's (clinical-facts.md a: stop or regress with symptoms, pain or
/// new bleeding, back to the last level that was symptom-free). The cadence figure is a common
/// coaching guide, not guideline text, and is given as a guide rather than a target.
const RUN_CUES: &str = "Cadence: short, quick steps (about 170-180 a minute is a common guide, not a target to force), landing under your hips: don't overstride. Posture: run tall, shoulders relaxed and low, land softly and breathe out on the effort. Stop and walk home, and step back to the last run that felt fine, if you leak, feel heaviness or dragging, pain or bleeding.";

/// Kinds of run in the running progression that follows the walk-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// 30 minutes at an easy, chatty pace.
    Easy,
    /// The week's long run: the one run that grows towards [`LONG_RUN_MAX_MINUTES`].
    Long,
    /// Easy running, then short, relaxed fast strides with a walk back after each.
    Strides,
    /// Easy running, then short intervals: 2 minutes comfortably hard, 2 minutes easy.
    Intervals,
}

/// One run of a week in the running progression, with what to do, why and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Suggested date (one of the week's run days).
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub date: Date,
    /// Which run it is.
    pub kind: RunKind,
    /// Minutes of running, strides and intervals included.
    pub run_minutes: u8,
    /// Minutes of the session: the running, any walk-backs and 5 minutes' brisk walk either side.
    pub session_minutes: u8,
    /// What to do and why, with the cues on cadence and posture and the stop rule.
    pub text: String,
}

/// Where the running progression stands at the start of a run week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunningStep {
    /// The long run this week.
    long: u8,
    /// The long run of the last run week (30 for the walk-run's last stage).
    last_long: u8,
    /// Quality weeks done before this one, once the long run has reached 45 minutes.
    quality: Option<u8>,
    /// A lighter week: everything as last week.
    lighter: bool,
}

/// The long run one week on: one step up, at most [`LONG_RUN_STEP_MINUTES`] and at most a tenth
/// of the week's running (the other runs stay at 30), never past [`LONG_RUN_MAX_MINUTES`].
/// The tenth is a clinic rule of thumb (clinical-facts.md a: "10 % per week", not guideline text)
/// kept as a ceiling: with one run a week the long run grows 3 minutes at a time.
fn next_long_run(long: u8, runs: usize) -> u8 {
    let others = u16::try_from(runs.saturating_sub(1)).unwrap_or(u16::MAX);
    let weekly = u16::from(long).saturating_add(u16::from(EASY_RUN_MINUTES).saturating_mul(others));
    let step = u8::try_from((weekly / 10).clamp(1, u16::from(LONG_RUN_STEP_MINUTES)))
        .unwrap_or(LONG_RUN_STEP_MINUTES);
    long.saturating_add(step).min(LONG_RUN_MAX_MINUTES)
}

/// The runs of one week after the walk-run: the long run on the week's last run day, a quality
/// run (strides, later intervals) on the first once the long run has reached 45 minutes, easy
/// 30-minute runs between. With one run a week, that run is the long run and carries the quality
/// work inside its 45 minutes, so her week's running never drops to make room for speed.
fn running_week(step: RunningStep, dates: &[Date]) -> Vec<Run> {
    let n = dates.len();
    let mut runs = Vec::with_capacity(n);
    for (i, date) in dates.iter().enumerate() {
        let last = i + 1 == n;
        let quality = step.quality.filter(|_| i == 0);
        let (kind, run_minutes, extra_minutes, what) = match quality {
            Some(q) => quality_run(q, if n == 1 { Some(step.long) } else { None }),
            None if last => (RunKind::Long, step.long, 0, long_run_words(step, n)),
            None => (
                RunKind::Easy,
                EASY_RUN_MINUTES,
                0,
                format!(
                    "Easy run: {EASY_RUN_MINUTES} minutes at a chatty pace, the time you built in the walk-run. Only one run a week grows, so the week's running rises gently."
                ),
            ),
        };
        let lighter = if step.lighter {
            " Lighter week: the same as last week, no increase."
        } else {
            ""
        };
        runs.push(Run {
            date: *date,
            kind,
            run_minutes,
            session_minutes: run_minutes.saturating_add(extra_minutes).saturating_add(10),
            text: format!("{what}{lighter} 5 minutes' brisk walk before and after. {RUN_CUES}"),
        });
    }
    runs
}

/// The long run in words: how long, how it compares with last week and why.
fn long_run_words(step: RunningStep, runs: usize) -> String {
    let others = if runs > 1 {
        " Your other runs stay at 30 minutes."
    } else {
        ""
    };
    if step.long > step.last_long {
        format!(
            "Long run: {} minutes at an easy, chatty pace, {} more than last time on this run only.{others} Duration first, then speed ({}).",
            step.long,
            step.long - step.last_long,
            sources::RUN_PROGRESSION
        )
    } else if step.long >= LONG_RUN_MAX_MINUTES {
        format!(
            "Long run: {} minutes at an easy, chatty pace. It stays at {LONG_RUN_MAX_MINUTES} minutes: from here one run a week adds speed instead of time ({}).{others}",
            step.long,
            sources::RUN_PROGRESSION
        )
    } else {
        format!(
            "Long run: {} minutes at an easy, chatty pace{}.{others}",
            step.long,
            if step.lighter {
                ""
            } else {
                ", the same as last time"
            }
        )
    }
}

/// The quality run of the `q`-th quality week: strides first, then short intervals. `within`
/// is the long run's minutes when the quality work sits inside it (one run a week).
/// Returns the kind, the running minutes, the minutes of walk-backs and the words.
fn quality_run(q: u8, within: Option<u8>) -> (RunKind, u8, u8, String) {
    let why = format!(
        "Your long run reached {LONG_RUN_MAX_MINUTES} minutes, so one run a week now adds a little speed ({}).",
        sources::RUN_PROGRESSION
    );
    if q < STRIDES_WEEKS {
        let (easy, strides) = STRIDES[usize::from(q).min(STRIDES.len() - 1)];
        let stride_minutes =
            u8::try_from((u16::from(strides) * STRIDE_SECONDS).div_ceil(60)).unwrap_or(u8::MAX);
        let walk_back = u8::try_from((u16::from(strides) * STRIDE_WALK_BACK_SECONDS).div_ceil(60))
            .unwrap_or(u8::MAX);
        let strides_words = format!(
            "{strides} × {STRIDE_SECONDS} seconds of relaxed, fast running (quick, light steps, not a sprint), walking back after each until your breathing settles"
        );
        let (minutes, words) = match within {
            Some(long) => (
                long,
                format!(
                    "Long run with strides: {easy} minutes' easy running, then {strides_words}, then easy running to make {long} minutes in all. {why}"
                ),
            ),
            None => (
                easy.saturating_add(stride_minutes),
                format!("Strides: {easy} minutes' easy running, then {strides_words}. {why}"),
            ),
        };
        (RunKind::Strides, minutes, walk_back, words)
    } else {
        let repeats =
            INTERVAL_REPEATS[usize::from(q - STRIDES_WEEKS).min(INTERVAL_REPEATS.len() - 1)];
        let intervals_words = format!(
            "{repeats} × (2 minutes comfortably hard, where you can speak only a few words, then 2 minutes easy)"
        );
        let (minutes, words) = match within {
            Some(long) => (
                long,
                format!(
                    "Long run with intervals: 10 minutes' easy running, then {intervals_words}, then easy running to make {long} minutes in all. After {STRIDES_WEEKS} weeks of strides, short intervals. {why}"
                ),
            ),
            None => (
                10 + 4 * repeats,
                format!(
                    "Intervals: 10 minutes' easy running, then {intervals_words}. After {STRIDES_WEEKS} weeks of strides, short intervals. {why}"
                ),
            ),
        };
        (RunKind::Intervals, minutes, 0, words)
    }
}

/// Whether she may push the buggy while running this week, and why in words: from 6 months
/// (the screening's date) and only once 30 minutes of continuous running is behind her
/// (clinical-facts.md a: buggy running from 6 months).
fn buggy_running(starts: Date, buggy_from: Date, thirty_done: bool) -> (bool, String) {
    let six_months = starts >= buggy_from;
    // The source is cited once, in the plan's running note; the week says only what applies.
    let words = match (six_months, thirty_done) {
        (true, true) => "You may push the buggy if 30 minutes of running felt comfortable: start with short stretches on flat paths, both hands on the handle and the wrist strap on.".to_owned(),
        (true, false) => "Running with the buggy: once 30 minutes of running feels comfortable (you are past 6 months).".to_owned(),
        (false, true) => format!(
            "Running with the buggy: from 6 months ({}), once your 30 minutes of running feel comfortable.",
            crate::render::long_date(buggy_from)
        ),
        (false, false) => format!(
            "Running with the buggy: from 6 months ({}) and once 30 minutes of running feels comfortable.",
            crate::render::long_date(buggy_from)
        ),
    };
    (six_months && thirty_done, words)
}

/// What she lifts every day and how the plan's heaviest carry and lift compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EverydayLoad {
    /// Her baby's estimated weight this week (WHO weight-for-age).
    pub baby_kg: f64,
    /// The car seat's weight.
    pub car_seat_kg: f64,
    /// The heaviest everyday lift: baby in the car seat (or both twins).
    pub total_kg: f64,
    /// The heaviest carry prescribed this week, if any.
    pub carry_kg: Option<f64>,
    /// The heaviest squat or hinge prescribed this week, if any.
    pub lift_kg: Option<f64>,
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
    /// `progress`, `repeat` or `regress`.
    pub decision: &'static str,
    /// What happens now, in plain words.
    pub text: String,
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

#[derive(Debug, Clone, Copy)]
struct SlotState<'a> {
    exercise: &'a Exercise,
    /// Index into the owned weights of the exercise's load source.
    load_index: Option<usize>,
    amount: u16,
    /// The working weight from her log this first load starts from, told once.
    from_log: Option<WorkingWeight>,
}

/// How far back a logged load counts as her recent working weight: 6 weeks.
pub const WORKING_WEIGHT_DAYS: i64 = 42;

/// Her recent working weight for an exercise, from what she logged (or imported).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WorkingWeight {
    /// The load in kg, as logged (each dumbbell for dumbbells).
    pub kg: f64,
    /// The day she lifted it.
    #[serde(serialize_with = "crate::screening::iso::date")]
    pub date: Date,
    /// Lifted in a harder variant of the same ladder, with the same kind of weight.
    pub harder_variant: bool,
}

/// Her recent working weights, by exercise id: for each exercise, the heaviest load she
/// completed for every rep she aimed at (the logged target, or the bottom of the exercise's
/// range when none was logged) in the [`WORKING_WEIGHT_DAYS`] before `start`, with no
/// pelvic-floor or tummy symptom and no warning sign. An easier rung of the same ladder with the
/// same kind of weight inherits it (you can lift at least as much on an easier variant), unless
/// she logged that rung herself. Later of two equal loads wins.
pub fn working_weights(
    log: &TrainingLog,
    library: &Library,
    start: Date,
) -> BTreeMap<String, WorkingWeight> {
    let from = start - Duration::days(WORKING_WEIGHT_DAYS);
    let mut exact: BTreeMap<String, WorkingWeight> = BTreeMap::new();
    for e in log
        .entries
        .iter()
        .filter(|e| (from..=start).contains(&e.date))
    {
        let (Some(kg), Some(ex)) = (e.load_kg.filter(|kg| *kg > 0.0), library.get(&e.exercise))
        else {
            continue;
        };
        let symptoms = e
            .symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .any(|s| count_symptom(*s));
        let aim = e.target_reps.unwrap_or(ex.range[0]);
        let completed = !e.reps.is_empty() && e.reps.iter().all(|r| *r >= aim);
        if symptoms || !e.red_flags.is_empty() || !completed {
            continue;
        }
        let here = WorkingWeight {
            kg,
            date: e.date,
            harder_variant: false,
        };
        let best = exact.entry(ex.id.clone()).or_insert(here);
        if kg > best.kg + LOAD_TOLERANCE_KG
            || (kg + LOAD_TOLERANCE_KG >= best.kg && e.date > best.date)
        {
            *best = here;
        }
    }
    let mut out = exact.clone();
    for (id, w) in &exact {
        let Some(logged) = library.get(id) else {
            continue;
        };
        let mut at = logged;
        while let Some(down) = library.regression_of(at) {
            at = down;
            if down.load_source() != logged.load_source() || exact.contains_key(&down.id) {
                continue;
            }
            let inherited = WorkingWeight {
                harder_variant: true,
                ..*w
            };
            out.entry(down.id.clone())
                .and_modify(|o| {
                    if inherited.kg > o.kg {
                        *o = inherited;
                    }
                })
                .or_insert(inherited);
        }
    }
    out
}

struct WeekCtx<'p> {
    profile: &'p Profile,
    starts: Date,
    screening: Screening,
    phase: Phase,
    weeks_pp: i64,
    impact_ok: bool,
    high_pressure_ok: bool,
    baby_kg: f64,
    car_seat_kg: f64,
    /// The baby still rides in a carried infant car seat.
    infant_car_seat: bool,
    limit_kg: Option<f64>,
    /// Exercises she logged pelvic-floor symptoms during: avoided while impact is paused.
    avoid: Option<&'p BTreeSet<String>>,
    /// Doming or a wide gap: core work stays low-pressure until a physio has assessed it.
    abdominal_signs: bool,
    /// What she lifts every day this week: her baby, in the car seat while one is carried
    /// (or both twins), in kg.
    everyday_kg: f64,
    /// Why loads are held at the everyday load this week, if they are (see [`LoadHold`]).
    hold: Option<LoadHold>,
    /// Her recent working weights ([`working_weights`]): new exercises start from them.
    history: &'p BTreeMap<String, WorkingWeight>,
    /// Each library exercise's [`WeekCtx::block`], by position, worked out on first use: the
    /// ladders ask about the same exercises many times a week.
    blocks: Vec<std::cell::OnceCell<Option<Block>>>,
    /// `everyday_kg` in words ([`fmt_kg`]), for the many prescriptions that say it.
    everyday_words: String,
}

/// Why loads are held at her everyday load this week: the load model.
///
/// Pressure on the pelvic floor and the abdominal wall comes from the exercise *and* the load.
/// A load is **heavy** when it is more than she lifts every day: her baby's estimated weight
/// (WHO weight-for-age), plus the car seat while she carries one, or both twins. Dumbbells count
/// as a pair, so two 6 kg dumbbells weigh 12 kg. Her body already manages the everyday load
/// many times a day, so up to it the exercise's own pressure tag stands; above it, any loaded
/// lift, carry or press counts as high pressure ([`effective_pressure`]).
///
/// While she has pelvic-floor or abdominal-wall signs (symptoms, doming, a gap of 2 finger widths
/// or more), waits for the assessment of a sphincter injury, or is under 12 weeks after birth,
/// nothing heavy is prescribed: loads stop at the everyday load, effort stays light to moderate
/// and no high-pressure exercise is chosen (Goom, Donnelly & Brockwell 2019; UK CMO 2019:
/// moderate to vigorous over at least 3 months). The same cap holds in any week where
/// high-pressure work is not yet open (the Foundations phase, impact paused after a symptom).
/// Once the signs are gone (after a pelvic-health assessment) and she is past 12 weeks, loads
/// progress through the weights she owns again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadHold {
    /// Pelvic-floor or abdominal-wall signs: held until they settle.
    Signs,
    /// A sphincter injury not yet assessed by a pelvic-health physio.
    AwaitingAssessment,
    /// Under 12 weeks after birth: held until the date harder work may start.
    Early,
    /// High-pressure work is not open in this phase or week (foundations, impact paused).
    NotYetOpen,
}

/// The pressure an exercise puts on the pelvic floor at a load: its own tag, raised to high when
/// the load (dumbbells counted as a pair) is above what she lifts every day.
pub fn effective_pressure(tag: Pressure, load_kg: Option<f64>, everyday_kg: f64) -> Pressure {
    if load_kg.is_some_and(|kg| kg > everyday_kg + LOAD_TOLERANCE_KG) {
        Pressure::High
    } else {
        tag
    }
}

/// The load a prescription puts in her hands: dumbbells count as a pair.
pub fn effective_load_kg(load: LoadSource, load_kg: Option<f64>) -> Option<f64> {
    load_kg.map(|kg| {
        if load == LoadSource::Dumbbells {
            kg * 2.0
        } else {
            kg
        }
    })
}

/// Rounding slack when comparing loads in kg.
pub const LOAD_TOLERANCE_KG: f64 = 0.05;

/// Why an exercise is not open to her this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Equipment(EquipmentKind),
    ImpactNotCleared,
    ImpactPaused,
    ImpactLater,
    HighPressure,
    Phase,
    Earliest(u8),
    Ache(crate::vocab::Ache),
    CaesareanLimit,
    OutgrownCarSeat,
    BuggyRunning,
    LoggedSymptom,
    AbdominalWall,
    ChildTooBig,
    NoLightWeight,
    LoadHeld,
    Ballistic,
}

impl Block {
    fn describe(self, phase: Phase) -> String {
        match self {
            Block::Equipment(k) => {
                format!("it needs {}, which is not in your equipment", k.describe())
            }
            Block::ImpactNotCleared => {
                "impact is not open to you yet: your screening does not clear it".to_owned()
            }
            Block::ImpactPaused => "impact is paused after the symptom you logged".to_owned(),
            Block::ImpactLater => "impact drills come with the return-to-running phase".to_owned(),
            Block::HighPressure => {
                "heavy, high-pressure work waits for now (see the phases)".to_owned()
            }
            Block::Phase => format!("it is beyond the {} phase", phase.title()),
            Block::Earliest(w) => format!("it starts from {w} weeks after birth"),
            Block::Ache(a) => format!("it can aggravate your {}", a.describe()),
            Block::CaesareanLimit => {
                "after your caesarean, nothing heavier than your baby yet".to_owned()
            }
            Block::OutgrownCarSeat => "your child has outgrown the carried car seat".to_owned(),
            Block::BuggyRunning => "running with the buggy starts at 6 months".to_owned(),
            Block::LoggedSymptom => "you logged symptoms during it".to_owned(),
            Block::ChildTooBig => {
                "exercises that use your child as the weight are for the first two years".to_owned()
            }
            Block::AbdominalWall => {
                "core work stays low-pressure until your tummy gap or doming has been assessed"
                    .to_owned()
            }
            Block::NoLightWeight => "none of your weights is light enough yet".to_owned(),
            Block::Ballistic => format!(
                "a ballistic lift is for experienced lifters with no symptoms after a pelvic-health assessment, in the Perform phase ({})",
                sources::GOOM_2019
            ),
            Block::LoadHeld => {
                "all your weights are heavier than what you lift every day, and loads stay at that for now".to_owned()
            }
        }
    }
}

impl WeekCtx<'_> {
    /// "baby" in the first year, "child" after.
    fn baby_word(&self) -> &'static str {
        if self.weeks_pp >= 52 { "child" } else { "baby" }
    }

    /// Whether an exercise may be prescribed this week.
    fn allows(&self, ex: &Exercise) -> bool {
        self.block(ex).is_none()
    }

    /// The first reason an exercise is not open to her this week, if any.
    fn block(&self, ex: &Exercise) -> Option<Block> {
        match self.blocks.get(ex.position()) {
            Some(cell) => *cell.get_or_init(|| self.find_block(ex)),
            None => self.find_block(ex),
        }
    }

    /// [`WeekCtx::block`], worked out.
    fn find_block(&self, ex: &Exercise) -> Option<Block> {
        let p = self.profile;
        if let Some(k) = ex.needs().find(|k| !p.training.equipment.has(*k)) {
            return Some(Block::Equipment(k));
        }
        if let Some(a) = ex.aches.iter().find(|a| p.training.aches.contains(a)) {
            return Some(Block::Ache(*a));
        }
        if ex.impact != Impact::None && !self.impact_ok {
            return Some(if !self.screening.impact_allowed {
                Block::ImpactNotCleared
            } else if self.avoid.is_some() {
                Block::ImpactPaused
            } else {
                Block::ImpactLater
            });
        }
        if ex.pressure == Pressure::High && !self.high_pressure_ok {
            return Some(Block::HighPressure);
        }
        if ex.pressure > self.phase.pressure_cap() || ex.level > self.phase.level_cap() {
            return Some(Block::Phase);
        }
        let earliest = ex.earliest_weeks_for(p.birth.delivery.is_caesarean());
        if i64::from(earliest) > self.weeks_pp {
            return Some(Block::Earliest(earliest));
        }
        if ex.load_source() == LoadSource::Baby && self.weeks_pp > BABY_LOAD_MAX_WEEKS {
            return Some(Block::ChildTooBig);
        }
        if ex.load_source() == LoadSource::CarSeat {
            if self.limit_kg.is_some() {
                return Some(Block::CaesareanLimit);
            }
            if !self.infant_car_seat {
                return Some(Block::OutgrownCarSeat);
            }
        }
        if ex.impact != Impact::None
            && ex.equipment.contains(&EquipmentKind::Buggy)
            && self.starts < self.screening.running.buggy_from
        {
            return Some(Block::BuggyRunning);
        }
        if self.avoid.is_some_and(|ids| ids.contains(&ex.id)) {
            return Some(Block::LoggedSymptom);
        }
        if ex.pattern == Pattern::Impact
            && ex.level > RUNNER_IMPACT_MAX_LEVEL
            && p.training.goals.contains(&Goal::Running)
        {
            // Her runs are the running practice: drills stay drills.
            return Some(Block::Phase);
        }
        if BALLISTIC_LIFTS.contains(&ex.id.as_str())
            && (p.training.experience != Experience::Experienced
                || !p.health.pelvic_health_assessment_done
                || self.phase != Phase::Perform)
        {
            return Some(Block::Ballistic);
        }
        if self.abdominal_signs && ex.pattern == Pattern::Core && ex.pressure > Pressure::Low {
            return Some(Block::AbdominalWall);
        }
        if self.owned_loads(ex).is_some_and(|w| w.is_empty()) {
            return Some(if self.limit_kg.is_some() {
                Block::CaesareanLimit
            } else if self.hold.is_some() {
                Block::LoadHeld
            } else {
                Block::NoLightWeight
            });
        }
        None
    }

    /// The weights she may use for an exercise's load: `None` when it has no owned weights.
    /// The owned weights are sorted, so the ones within a lifting limit are a prefix.
    fn owned_loads(&self, ex: &Exercise) -> Option<&[f64]> {
        let kind = ex.load_source().owned_weights()?;
        let all = self.profile.training.equipment.weights_kg(kind);
        // Dumbbells are a pair: each may weigh half the cap.
        let per_hand = |cap: f64| {
            if kind == EquipmentKind::Dumbbells {
                (cap + LOAD_TOLERANCE_KG) / 2.0 - LOAD_TOLERANCE_KG
            } else {
                cap
            }
        };
        let limit = match (self.limit_kg, self.load_cap_kg()) {
            (Some(a), Some(b)) => Some(a.min(per_hand(b))),
            (a, b) => a.or(b.map(per_hand)),
        };
        let within = limit.map_or(all.len(), |limit| {
            all.partition_point(|w| *w <= limit + LOAD_TOLERANCE_KG)
        });
        Some(&all[..within])
    }

    /// The most a load may weigh this week (dumbbells as a pair), when heavy loads wait.
    fn load_cap_kg(&self) -> Option<f64> {
        self.hold.map(|_| self.everyday_kg)
    }

    /// The sentence that says why loads stop at the everyday load, with its source.
    fn hold_words(&self) -> Option<String> {
        let hold = self.hold?;
        let with = if self.infant_car_seat {
            format!("your {} in the car seat", self.baby_word())
        } else if self.profile.birth.babies > 1 {
            "your babies".to_owned()
        } else {
            format!("your {}", self.baby_word())
        };
        let kg = fmt_kg(self.everyday_kg);
        let until = match hold {
            LoadHold::Signs if self.profile.health.pelvic_health_assessment_done => format!(
                "until your symptoms have settled and your pelvic-health physio clears heavier lifting ({})",
                sources::GOOM_2019
            ),
            LoadHold::Signs | LoadHold::AwaitingAssessment => format!(
                "until a pelvic-health physio has checked your pelvic floor and tummy and your symptoms have settled ({})",
                sources::GOOM_2019
            ),
            LoadHold::Early => format!(
                "until 12 weeks after birth, {} ({})",
                crate::render::long_date(self.screening.high_effort_from),
                sources::CMO_2019
            ),
            LoadHold::NotYetOpen => {
                "until heavier, high-pressure work opens in the plan (see the phases)".to_owned()
            }
        };
        Some(format!(
            "Loads held at {kg} kg, the weight you lift with {with}, {until}. Effort stays light to moderate: stop with 3 or 4 reps in hand, breathe out as you lift, and no breath-holding."
        ))
    }

    fn load_kg(&self, state: &SlotState) -> Option<f64> {
        match state.exercise.load_source() {
            LoadSource::Kettlebell | LoadSource::Dumbbells | LoadSource::Barbell => {
                let loads = self.owned_loads(state.exercise)?;
                state
                    .load_index
                    .and_then(|i| loads.get(i.min(loads.len().saturating_sub(1))).copied())
            }
            LoadSource::Baby => Some(round1(self.baby_kg)),
            LoadSource::CarSeat => None,
            LoadSource::Band | LoadSource::Bodyweight | LoadSource::Cable | LoadSource::Machine => {
                None
            }
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Preference among harder variants: owned weights first, then the baby, then the rest.
fn preference(ctx: &WeekCtx, ex: &Exercise) -> u8 {
    match ex.load_source() {
        LoadSource::Kettlebell | LoadSource::Dumbbells | LoadSource::Barbell
            if ctx.owned_loads(ex).is_some() =>
        {
            0
        }
        LoadSource::CarSeat | LoadSource::Baby => 1,
        LoadSource::Band => 2,
        _ => 3,
    }
}

/// How many of her aches an exercise eases (mobility only carries `eases`).
fn eases_count(ctx: &WeekCtx, ex: &Exercise) -> usize {
    ex.eases
        .iter()
        .filter(|a| ctx.profile.training.aches.contains(a))
        .count()
}

/// The next rung up that she may do this week, the preferred first.
///
/// `variant` picks another branch for each session of a week, so session A and session B of the
/// same pattern walk different ladders (a plank line and a side-plank line, say).
fn next_rung<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    ex: &'a Exercise,
    variant: u8,
) -> Option<&'a Exercise> {
    let cool_down = slot_name((ex.pattern, variant)).cool_down_ache();
    let mut ups: Vec<&Exercise> = lib
        .progressions_of(ex)
        .filter(|e| ctx.allows(e))
        // A cool-down climbs only through what eases its ache.
        .filter(|e| cool_down.is_none_or(|a| e.eases.contains(&a)))
        .collect();
    // Mobility climbs towards what eases her aches (none for other patterns).
    ups.sort_by_key(|e| {
        (
            std::cmp::Reverse(eases_count(ctx, e)),
            preference(ctx, e),
            std::cmp::Reverse(lib.ladder_size(e)),
        )
    });
    if ups.is_empty() {
        return None;
    }
    let pick = usize::from(variant) % ups.len();
    Some(ups[pick])
}

/// A programme slot: a movement pattern in one of the week's session templates.
type Slot = (Pattern, u8);

/// Which ladder of a pattern a session template walks: 0 in the first template that trains the
/// pattern, 1 in the second, and so on.
fn variant_of(phase: Phase, template: usize, pattern: Pattern) -> u8 {
    let before = templates(phase)
        .iter()
        .take(template)
        .filter(|(_, patterns)| patterns.contains(&pattern))
        .count();
    u8::try_from(before).unwrap_or(0)
}

fn slot_name((pattern, variant): Slot) -> SlotId {
    SlotId { pattern, variant }
}

/// A programme slot as JSON shows it: `squat:a` (the first squat ladder of the week), or
/// `lunge:readiness` for a readiness-test drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlotId {
    /// The movement pattern.
    pub pattern: Pattern,
    /// Which ladder of that pattern (0 = a, 1 = b ...), or [`SlotId::READINESS`].
    pub variant: u8,
}

impl SlotId {
    /// The variant of readiness-test drills, which are not walked as ladders.
    pub const READINESS: u8 = u8::MAX;

    /// The first variant of the cool-downs: `COOL_DOWN + i` is the mobility ladder that eases
    /// the ache `Ache::ALL[i]` (see [`SlotId::cool_down_ache`]).
    pub const COOL_DOWN: u8 = 200;

    /// A readiness-test drill rather than a ladder.
    pub fn is_readiness(&self) -> bool {
        self.variant == Self::READINESS
    }

    /// The cool-down slot that eases an ache.
    pub fn cool_down(ache: Ache) -> SlotId {
        let i = Ache::ALL.iter().position(|a| *a == ache).unwrap_or(0);
        SlotId {
            pattern: Pattern::Mobility,
            variant: Self::COOL_DOWN + u8::try_from(i).unwrap_or(0),
        }
    }

    /// The ache a cool-down slot eases, if this is one: a mobility ladder walked only through
    /// exercises that ease that ache.
    pub fn cool_down_ache(&self) -> Option<Ache> {
        if self.pattern != Pattern::Mobility || self.variant < Self::COOL_DOWN {
            return None;
        }
        Ache::ALL
            .get(usize::from(self.variant - Self::COOL_DOWN))
            .copied()
    }
}

impl std::fmt::Display for SlotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_readiness() {
            write!(f, "{}:readiness", self.pattern.as_str())
        } else if let Some(ache) = self.cool_down_ache() {
            write!(f, "mobility:cool_down_{}", ache.as_str())
        } else {
            let letter = char::from(b'a' + self.variant.min(25));
            write!(f, "{}:{letter}", self.pattern.as_str())
        }
    }
}

impl Serialize for SlotId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A new exercise at the bottom of its range. Carries, squats and hinges start from what she
/// already lifts every day: the heaviest owned weight up to her baby's weight for a carry, or
/// three quarters of it for a squat or hinge (both hands share the load). Other exercises start
/// at the lightest weight.
///
/// When she has a recent working weight for it ([`working_weights`]), it starts from that
/// instead, rounded down to a weight she owns and never above what the week allows (the load
/// model's cap, the caesarean limit): history never lifts her above the cap.
fn fresh_state<'a>(ctx: &WeekCtx, ex: &'a Exercise) -> SlotState<'a> {
    let logged = ctx
        .history
        .get(&ex.id)
        .copied()
        .filter(|_| ctx.owned_loads(ex).is_some());
    let anchor = match (logged, ex.pattern) {
        (Some(w), _) => w.kg + LOAD_TOLERANCE_KG,
        (None, Pattern::Carry) if ctx.phase >= Phase::Build => ctx.baby_kg,
        (None, Pattern::Squat | Pattern::Hinge) if ctx.phase >= Phase::Build => ctx.baby_kg * 0.75,
        _ => 0.0,
    };
    SlotState {
        exercise: ex,
        load_index: ctx
            .owned_loads(ex)
            .map(|w| w.iter().rposition(|kg| *kg <= anchor).unwrap_or(0)),
        amount: ex.range[0],
        from_log: logged,
    }
}

/// Starts a ladder for a pattern: its best allowed root, climbed to the phase's entry level.
fn start_ladder<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    (pattern, variant): Slot,
    bonus: u8,
) -> Option<SlotState<'a>> {
    // The lowest rungs open to her: allowed, with nothing allowed below them. Usually the
    // ladders' roots; with an ache or missing kit, the first rung above what she cannot do.
    let mut roots: Vec<&Exercise> = lib
        .exercises()
        .iter()
        .filter(|e| e.pattern == pattern && ctx.allows(e))
        .filter(|e| {
            let mut at = *e;
            while let Some(down) = lib.regression_of(at) {
                if ctx.allows(down) {
                    return false;
                }
                at = down;
            }
            true
        })
        .collect();
    roots.sort_by_key(|e| {
        (
            e.level,
            preference(ctx, e),
            std::cmp::Reverse(lib.ladder_size(e)),
        )
    });
    if roots.is_empty() {
        return None;
    }
    // Keep to the easiest roots; the variant picks among them.
    let lowest = roots[0].level;
    roots.retain(|e| e.level <= lowest.max(3));
    roots.sort_by_key(|e| (preference(ctx, e), std::cmp::Reverse(lib.ladder_size(e))));
    let mut at = roots[usize::from(variant) % roots.len()];
    let entry = if pattern == Pattern::Impact {
        // She passed the impact tests: start where they left her, not at marching.
        IMPACT_ENTRY_LEVEL
    } else {
        ctx.phase.entry_level() + bonus
    };
    while let Some(up) = next_rung(lib, ctx, at, variant) {
        if up.level > entry {
            break;
        }
        at = up;
    }
    Some(fresh_state(ctx, at))
}

/// The cool-down ladder for an ache: the easiest open mobility rung that eases it (among equals,
/// the one that eases most of her aches, then the shortest line, so that it differs from the
/// session's own mobility), climbed to the phase's entry level through rungs that ease it too.
fn start_cool_down<'a>(lib: &'a Library, ctx: &WeekCtx, ache: Ache) -> Option<SlotState<'a>> {
    let eases = |e: &Exercise| e.pattern == Pattern::Mobility && e.eases.contains(&ache);
    let mut roots: Vec<&Exercise> = lib
        .exercises()
        .iter()
        .filter(|e| eases(e) && ctx.allows(e))
        .filter(|e| {
            lib.regression_of(e)
                .is_none_or(|down| !eases(down) || !ctx.allows(down))
        })
        .collect();
    roots.sort_by_key(|e| {
        (
            e.level,
            std::cmp::Reverse(eases_count(ctx, e)),
            lib.ladder_size(e),
            e.position(),
        )
    });
    let mut at = *roots.first()?;
    while let Some(up) = next_rung(lib, ctx, at, SlotId::cool_down(ache).variant) {
        if up.level > ctx.phase.entry_level() {
            break;
        }
        at = up;
    }
    Some(fresh_state(ctx, at))
}

/// The session's cool-down: one short mobility exercise for an ache of hers that the session's
/// own mobility does not ease, the aches taking turns from session to session. Each ache has its
/// own ladder ([`SlotId::cool_down`]), walked like any other.
fn pick_cool_down<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    exercises: &[Prescription],
    states: &BTreeMap<Slot, SlotState<'a>>,
    turn: usize,
) -> Option<(Ache, SlotState<'a>)> {
    let eased: BTreeSet<Ache> = exercises
        .iter()
        .filter(|p| p.pattern == Pattern::Mobility)
        .filter_map(|p| lib.get(p.id))
        .flat_map(|e| e.eases.iter().copied())
        .collect();
    let open: Vec<Ache> = ctx
        .profile
        .training
        .aches
        .iter()
        .copied()
        .filter(|a| !eased.contains(a))
        .collect();
    (0..open.len()).find_map(|k| {
        let ache = open[(turn + k) % open.len()];
        let slot = SlotId::cool_down(ache);
        let state = match states.get(&(slot.pattern, slot.variant)) {
            Some(st) => settle(lib, ctx, *st),
            None => start_cool_down(lib, ctx, ache),
        }?;
        (!exercises.iter().any(|p| p.id == state.exercise.id)).then_some((ache, state))
    })
}

/// Walks down a ladder until the exercise is allowed this week.
fn settle<'a>(lib: &'a Library, ctx: &WeekCtx, state: SlotState<'a>) -> Option<SlotState<'a>> {
    let mut at = state.exercise;
    loop {
        if ctx.allows(at) {
            if at.id == state.exercise.id {
                return Some(clamp_load(ctx, state));
            }
            return Some(fresh_state(ctx, at));
        }
        at = lib.regression_of(at)?;
    }
}

/// How a ladder moved from one week to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    More,
    Heavier,
    Harder,
    Top,
}

/// The weekly rise in dose: small enough that no week jumps by much more than a third.
fn amount_step(ex: &Exercise, amount: u16) -> u16 {
    match ex.dose {
        Dose::Reps => 2,
        Dose::Seconds if amount < 30 => 5,
        Dose::Seconds => 10,
        Dose::Distance if amount < 20 => (amount / 4).max(2),
        Dose::Distance if amount < 40 => 5,
        Dose::Distance => 10,
    }
}

/// Extra reps allowed above the range before a jump of more than half again in weight.
const BRIDGE_REPS: u16 = 4;

/// One step of double progression on one exercise: the dose up its range, then the next weight
/// she owns. `None` when both are used up: the exercise is mastered.
fn step_dose<'a>(ctx: &WeekCtx, s: SlotState<'a>) -> Option<(SlotState<'a>, Step)> {
    let ex = s.exercise;
    // Where the first load came from is told once.
    let s = SlotState {
        from_log: None,
        ..s
    };
    if s.amount < ex.range[1] {
        let amount = (s.amount + amount_step(ex, s.amount)).min(ex.range[1]);
        return Some((SlotState { amount, ..s }, Step::More));
    }
    if let (Some(i), Some(loads)) = (s.load_index, ctx.owned_loads(ex))
        && i + 1 < loads.len()
    {
        // A big jump (5 to 10 kg): a few more reps first, to bridge it.
        if loads[i + 1] > loads[i] * 1.5
            && ex.dose == Dose::Reps
            && s.amount < ex.range[1] + BRIDGE_REPS
        {
            return Some((
                SlotState {
                    amount: s.amount + 2,
                    ..s
                },
                Step::More,
            ));
        }
        return Some((
            SlotState {
                load_index: Some(i + 1),
                amount: ex.range[0],
                ..s
            },
            Step::Heavier,
        ));
    }
    None
}

/// A harder exercise's first dose: never heavier than the one she mastered.
fn harder_state<'a>(ctx: &WeekCtx, before: &SlotState, up: &'a Exercise) -> SlotState<'a> {
    let mut next = fresh_state(ctx, up);
    if let (Some(kg), Some(loads), Some(i)) =
        (ctx.load_kg(before), ctx.owned_loads(up), next.load_index)
    {
        let cap = loads.iter().rposition(|w| *w <= kg).unwrap_or(0);
        if cap < i {
            // Held at what she mastered: her logged weight is not the reason.
            next.from_log = None;
        }
        next.load_index = Some(i.min(cap));
    }
    next
}

/// Keeps a dose's load within the weights open to her this week.
fn clamp_load<'a>(ctx: &WeekCtx, mut s: SlotState<'a>) -> SlotState<'a> {
    if let (Some(i), Some(loads)) = (s.load_index, ctx.owned_loads(s.exercise)) {
        s.load_index = Some(i.min(loads.len().saturating_sub(1)));
    }
    s
}

/// Double progression with the ladder: the dose, then the load, then the next rung.
fn step_up<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    s: SlotState<'a>,
    variant: u8,
) -> (SlotState<'a>, Step) {
    if let Some(next) = step_dose(ctx, s) {
        return next;
    }
    match next_rung(lib, ctx, s.exercise, variant) {
        Some(up) => (harder_state(ctx, &s, up), Step::Harder),
        None => (s, Step::Top),
    }
}

/// Session templates per phase: patterns in priority order (the first kept when time is short).
fn templates(phase: Phase) -> &'static [(&'static str, &'static [Pattern])] {
    use Pattern::*;
    match phase {
        Phase::Reconnect => &[
            (
                "Reconnect: breath, pelvic floor and glutes",
                &[Breathing, PelvicFloor, Glutes, Core, Mobility],
            ),
            (
                "Reconnect: breath, deep core and mobility",
                &[Breathing, Core, PelvicFloor, Mobility, Glutes],
            ),
        ],
        Phase::Foundations => &[
            (
                "Back and bum",
                &[Breathing, Glutes, Pull, Squat, Core, Carry, PelvicFloor],
            ),
            (
                "Lift and carry",
                &[Breathing, Hinge, Push, Lunge, Core, Carry, Mobility],
            ),
        ],
        _ => &[
            (
                "Squat, pull and carry",
                &[Breathing, Squat, Pull, Glutes, Core, Carry, PelvicFloor],
            ),
            (
                "Hinge, push and lunge",
                &[Breathing, Hinge, Push, Lunge, Core, Carry, Mobility],
            ),
            (
                "Single leg and upper back",
                &[Breathing, Lunge, Pull, Hinge, Glutes, Push, Core],
            ),
        ],
    }
}

/// The most training days in a week: at least one day of full rest (UK CMO 2019; Goom, Donnelly
/// & Brockwell 2019).
pub const TRAINING_DAYS_MAX: u8 = 6;

/// Days between two impact sessions (drills or runs), counted across the end of the week too:
/// 48 hours, so never on consecutive days.
pub const IMPACT_GAP_DAYS: i64 = 2;

/// Where a week's sessions, walk-runs and impact drills fall (day offsets 0 to 6).
#[derive(Debug, Clone, Default)]
struct Layout {
    /// Strength (or recovery) session days, in order.
    sessions: Vec<i64>,
    /// Walk-run days.
    runs: Vec<i64>,
    /// Session days that may carry impact drills.
    drill_days: Vec<i64>,
}

/// Days apart on the weekly cycle (day 6 and the next week's day 0 are 1 apart).
fn cycle_gap(a: i64, b: i64) -> i64 {
    let d = (a - b).rem_euclid(7);
    d.min(7 - d)
}

/// Walk-runs among her training days: one with 2 or 3 days, two with 4 or 5, three with 6.
fn runs_for(days: u8) -> u8 {
    match days {
        0 | 1 => 0,
        2 | 3 => 1,
        4 | 5 => 2,
        _ => 3,
    }
}

/// Lays out her week: `days_per_week` training days in all (walk-runs included, at most
/// [`TRAINING_DAYS_MAX`]), impact sessions (runs and drill sessions) at least
/// [`IMPACT_GAP_DAYS`] apart across weeks, strength sessions spread so that two rarely fall on
/// consecutive days. Drills go in at most one session beside runs, two without.
fn layout_for(days: u8, running: bool) -> Layout {
    let n = days.clamp(1, TRAINING_DAYS_MAX);
    if !running {
        // Every other day up to 4 sessions, spread evenly beyond.
        let sessions: Vec<i64> = (0..n)
            .map(|i| {
                if n == 4 {
                    i64::from(i) * 2
                } else {
                    i64::from(i) * 7 / i64::from(n)
                }
            })
            .collect();
        let drill_days = pick_drill_days(&sessions, &[], 2);
        return Layout {
            sessions,
            runs: Vec::new(),
            drill_days,
        };
    }
    let r = usize::from(runs_for(n));
    let n = usize::from(n);
    let mut best: Option<(i64, Layout)> = None;
    for mask in 0u8..128 {
        if mask.count_ones() as usize != n || mask & 1 == 0 {
            continue;
        }
        let chosen: Vec<i64> = (0..7).filter(|d| mask & (1 << d) != 0).collect();
        for run_mask in 0u8..(1 << n) {
            if run_mask.count_ones() as usize != r {
                continue;
            }
            let runs: Vec<i64> = (0..n)
                .filter(|i| run_mask & (1 << i) != 0)
                .map(|i| chosen[i])
                .collect();
            let sessions: Vec<i64> = (0..n)
                .filter(|i| run_mask & (1 << i) == 0)
                .map(|i| chosen[i])
                .collect();
            let spaced = runs.iter().enumerate().all(|(i, a)| {
                runs.iter()
                    .skip(i + 1)
                    .all(|b| cycle_gap(*a, *b) >= IMPACT_GAP_DAYS)
            });
            if !spaced || sessions.first() != Some(&0) {
                continue;
            }
            let drill_days = pick_drill_days(&sessions, &runs, 1);
            let adjacent = |a: &[i64], b: &[i64]| -> i64 {
                let mut count = 0;
                for x in a {
                    count += b.iter().filter(|y| cycle_gap(*x, **y) == 1).count() as i64;
                }
                count
            };
            // Strength next to strength costs most, any two days side by side a little, and a
            // week with no room for drills more.
            let score = 4 * adjacent(&sessions, &sessions) / 2
                + adjacent(&chosen, &chosen) / 2
                + if drill_days.is_empty() { 3 } else { 0 };
            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                best = Some((
                    score,
                    Layout {
                        sessions,
                        runs,
                        drill_days,
                    },
                ));
            }
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// Session days that may carry drills: the earliest ones at least [`IMPACT_GAP_DAYS`] from
/// every run and every other drill day, up to `max`.
fn pick_drill_days(sessions: &[i64], runs: &[i64], max: usize) -> Vec<i64> {
    let mut picked: Vec<i64> = Vec::new();
    for s in sessions {
        if picked.len() < max
            && runs
                .iter()
                .chain(&picked)
                .all(|x| cycle_gap(*s, *x) >= IMPACT_GAP_DAYS)
        {
            picked.push(*s);
        }
    }
    picked
}

/// Layouts worked out once per plan: one per (days, running).
#[derive(Default)]
struct Layouts(BTreeMap<(u8, bool), Layout>);

impl Layouts {
    fn get(&mut self, days: u8, running: bool) -> Layout {
        self.0
            .entry((days, running))
            .or_insert_with(|| layout_for(days, running))
            .clone()
    }
}

/// Seconds one prescription takes: sets × (work + rest) plus a transition.
pub fn prescription_seconds(p: &Prescription) -> u32 {
    u32::from(p.sets) * set_seconds(p) + TRANSITION_SECONDS
}

/// Seconds one set of a prescription takes: its work (both sides) and its rest.
fn set_seconds(p: &Prescription) -> u32 {
    let sides = if p.each_side { 2 } else { 1 };
    let work = match (p.reps, p.seconds, p.metres) {
        (Some(r), _, _) => u32::from(r) * 3,
        (_, Some(s), _) => u32::from(s),
        (_, _, Some(m)) => u32::from(m) * 5 / 4,
        _ => 0,
    } * sides;
    work + u32::from(p.rest_seconds)
}

/// Minutes for a number of seconds, rounded up, as [`session_minutes`] counts them.
fn minutes_of(seconds: u32) -> u32 {
    seconds.div_ceil(60).min(u32::from(u16::MAX))
}

/// Seconds to move from one exercise to the next.
pub const TRANSITION_SECONDS: u32 = 30;

/// A session's estimated minutes, rounded up.
pub fn session_minutes(exercises: &[Prescription]) -> u16 {
    let secs: u32 = exercises.iter().map(prescription_seconds).sum();
    u16::try_from(secs.div_ceil(60)).unwrap_or(u16::MAX)
}

/// The longest session the plan makes: beyond an hour, more sessions help more than longer ones.
pub const SESSION_MINUTES_MAX: u16 = 60;

/// Patterns added at the end of a strength session to fill her minutes (dropped first).
const FILLER_PATTERNS: &[Pattern] = &[
    Pattern::Glutes,
    Pattern::Lunge,
    Pattern::Hinge,
    Pattern::Pull,
    Pattern::Push,
    Pattern::Squat,
];

/// The slot variant of the running-strength block (outside the session ladders).
const RUNNING_VARIANT: u8 = SlotId::READINESS;

/// The running-strength families (Goom, Donnelly & Brockwell 2019: calf raise, single-leg
/// bridge, sit-to-stand and hop tests), each an easiest-to-hardest line. Impact lines go only on
/// drill days.
const RUNNING_STRENGTH: &[&[&str]] = &[
    &[
        "calf_raise",
        "staggered_calf_raise",
        "single_leg_calf_raise",
        "single_leg_calf_raise_step",
    ],
    &["single_leg_bridge", "single_leg_bridge_pause"],
    &["step_up", "step_up_to_box", "step_up_knee_drive"],
    &["split_squat", "lateral_lunge", "bulgarian_split_squat"],
    &[
        "single_leg_balance_reach",
        "single_leg_squat",
        "skater_squat",
    ],
    &[
        "jog_on_spot",
        "pogo_hops",
        "low_skips",
        "forward_bounds",
        "hop_on_spot",
        "lateral_hops",
    ],
];

/// Adds the running-strength block to a walk-run week's strength session: the week's sessions
/// between them cover every family she can do, harder and longer as the weeks of running add up
/// (single-leg calf raises towards 20).
fn running_strength<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    exercises: &mut Vec<Prescription<'a>>,
    turn: usize,
    sessions: usize,
    drill_day: bool,
    running_weeks: u8,
) {
    let sessions = sessions.max(1);
    let step = usize::from(running_weeks / 2);
    for (f, family) in RUNNING_STRENGTH.iter().enumerate() {
        let impact_line = f == RUNNING_STRENGTH.len() - 1;
        if impact_line && !drill_day {
            continue;
        }
        if !impact_line && f % sessions != turn % sessions {
            continue;
        }
        let open: Vec<&Exercise> = family
            .iter()
            .filter_map(|id| lib.get(id))
            .filter(|e| ctx.allows(e))
            .collect();
        let Some(ex) = open.get(step.min(open.len().saturating_sub(1))).copied() else {
            continue;
        };
        if exercises.iter().any(|e| e.id == ex.id) {
            continue;
        }
        let climb = u16::from(running_weeks) * 2;
        let state = SlotState {
            amount: (ex.range[0] + climb).min(ex.range[1]),
            ..fresh_state(ctx, ex)
        };
        let mut p = prescribe(ctx, &state, "");
        p.slot = SlotId {
            pattern: ex.pattern,
            variant: RUNNING_VARIANT,
        };
        p.why = Cow::Owned(format!(
            "Running strength: {} ({}).",
            match f {
                0 => "calves take most of each stride; the aim is 20 single-leg raises each side",
                1 => "single-leg bridges for the hips and hamstrings that drive you forward",
                2 => "step-ups: single-leg strength for every stride and every hill",
                3 => "split squats: strength and control on one leg",
                4 =>
                    "balance reaches to skater squats: a steady knee and pelvis over one foot, as in every stride",
                _ =>
                    "from jogging on the spot and pogo hops to bounds and hops, tendons and pelvic floor learn to take landing",
            },
            sources::GOOM_2019
        ));
        exercises.push(p);
    }
}

/// How long a prescription's place in a session is kept when time is short: pelvic-floor work
/// and carries last, the warm-up next, then the session's own order.
fn keep_rank(p: &Prescription, position: usize) -> usize {
    match p.pattern {
        Pattern::PelvicFloor => usize::MAX,
        // Readiness drills and running strength: what stands between her and running (in a
        // walk-run week, one of them is the session's running strength).
        _ if p.slot.is_readiness() => usize::MAX - 1,
        Pattern::Carry => usize::MAX - 2,
        Pattern::Breathing => usize::MAX - 3,
        _ => usize::MAX - 4 - position,
    }
}

/// Fills a session towards [`FILL_SHARE`] of her minutes with one more set at a time (up to
/// [`MAX_SETS_FILLED`]), strength exercises first in session order, never past her minutes.
fn fill(exercises: &mut [Prescription], minutes: u16, phase: Phase) {
    let target = u32::from(minutes) * FILL_SHARE_PERCENT / 100;
    let minutes = u32::from(minutes);
    let most = if phase == Phase::Reconnect {
        3
    } else {
        MAX_SETS_FILLED
    };
    // The session's seconds, kept as sets and rests change (the same sum as session_minutes).
    let mut secs: u32 = exercises.iter().map(prescription_seconds).sum();
    loop {
        if minutes_of(secs) >= target {
            return;
        }
        let mut grew = false;
        for p in exercises.iter_mut() {
            if matches!(p.pattern, Pattern::Breathing | Pattern::Mobility) || p.sets >= most {
                continue;
            }
            let one_set = set_seconds(p);
            if minutes_of(secs + one_set) > minutes {
                continue;
            }
            p.sets += 1;
            secs += one_set;
            grew = true;
            if minutes_of(secs) >= target {
                return;
            }
        }
        if !grew {
            break;
        }
    }
    // Then fuller rests between sets (up to 90 seconds), which heavier sets deserve anyway.
    for _ in 0..4 {
        for p in exercises.iter_mut() {
            if matches!(p.pattern, Pattern::Breathing | Pattern::Mobility)
                || p.rest_seconds == 0
                || p.rest_seconds >= 90
            {
                continue;
            }
            let longer = 15 * u32::from(p.sets);
            if minutes_of(secs + longer) <= minutes {
                p.rest_seconds += 15;
                secs += longer;
            }
            if minutes_of(secs) >= target {
                return;
            }
        }
    }
}

/// The share of her minutes a session aims to use, in percent.
pub const FILL_SHARE_PERCENT: u32 = 85;

/// The most sets filling adds up to.
const MAX_SETS_FILLED: u8 = 4;

/// Fits a session into her minutes. First fewer sets (down to 2; in Perform, 3 sets stay and
/// pairs of exercises become supersets, rest after both), then the exercise with the lowest
/// [`keep_rank`] goes: pelvic-floor work and carries are the last to go.
fn fit(exercises: &mut Vec<Prescription>, minutes: u16, phase: Phase) {
    let floor_sets = if phase == Phase::Perform { 3 } else { 2 };
    let mut supersets = false;
    while session_minutes(exercises) > minutes {
        if let Some(p) = exercises
            .iter_mut()
            .rev()
            .filter(|p| p.sets > floor_sets)
            .max_by_key(|p| p.sets)
        {
            p.sets -= 1;
        } else if phase == Phase::Perform && !supersets && exercises.len() > 2 {
            supersets = true;
            superset(exercises);
        } else if exercises.len() > 1 {
            let drop = exercises
                .iter()
                .enumerate()
                .min_by_key(|(i, p)| keep_rank(p, *i))
                .map_or(exercises.len() - 1, |(i, _)| i);
            exercises.remove(drop);
        } else if exercises[0].sets > 1 {
            exercises[0].sets -= 1;
        } else {
            let p = &mut exercises[0];
            // One set of one exercise still too long: shorten the set.
            if let Some(r) = p.reps.as_mut() {
                *r = (*r / 2).max(1);
            } else if let Some(s) = p.seconds.as_mut() {
                *s = (*s / 2).max(5);
            } else if let Some(m) = p.metres.as_mut() {
                *m = (*m / 2).max(5);
            }
            p.rest_seconds = p.rest_seconds.min(30);
            let shortest = p.reps.is_none_or(|r| r <= 1);
            if shortest && session_minutes(exercises) > minutes {
                break;
            }
        }
    }
}

/// Pairs neighbouring strength exercises as supersets: she alternates their sets and rests
/// once after both, so each keeps 3 sets in less time.
fn superset(exercises: &mut [Prescription]) {
    let strength: Vec<usize> = exercises
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !matches!(
                p.pattern,
                Pattern::Breathing | Pattern::PelvicFloor | Pattern::Mobility | Pattern::Impact
            )
        })
        .map(|(i, _)| i)
        .collect();
    for pair in strength.chunks(2) {
        if let [a, b] = pair {
            let (first, second) = (exercises[*a].name, exercises[*b].name);
            exercises[*a].rest_seconds = 0;
            exercises[*a].why = Cow::Owned(format!(
                "{} Superset with {second}: go straight to it, rest after both.",
                exercises[*a].why
            ));
            exercises[*b].why = Cow::Owned(format!(
                "{} Superset with {first}: rest after this one.",
                exercises[*b].why
            ));
        }
    }
}

struct Progress {
    /// Weeks with walk-runs so far: the running-strength block builds with them.
    running_weeks: u8,
    /// Weeks with a lead-up drill for the jog test (the marches) so far.
    lead_up_weeks: u8,
    foundation_weeks: u8,
    build_weeks: u8,
    walk_run_stage: u8,
    walk_run_done: bool,
    /// The running progression after the walk-run: next run week's long run (0 before).
    long_run: u8,
    /// The long run of the last run week of the progression (30 after the walk-run).
    last_long: u8,
    /// Quality weeks progressed through, once the long run has reached 45 minutes.
    quality: Option<u8>,
}

fn count_symptom(s: Symptom) -> bool {
    s.is_pelvic_floor_sign() || s.is_abdominal_wall_sign()
}

/// Generates the plan (or the urgent stop) for a profile, a library, options and what she logged.
pub fn generate<'a>(
    profile: &Profile,
    library: &'a Library,
    options: &PlanOptions,
    log: &TrainingLog,
) -> Result<PlanOutcome<'a>, PlanError> {
    check_options(profile, options, log)?;
    let mut at_start = profile.clone();
    at_start.as_of = options.start;
    // Red flags logged recently stop the plan like red flags in the profile.
    let lookback = options.start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    let mut from_log = Vec::new();
    for e in log.entries.iter().filter(|e| e.date >= lookback) {
        for flag in &e.red_flags {
            at_start.health.red_flags.insert(*flag);
            from_log.push(LoggedRedFlag {
                line: e.line,
                date: e.date,
                flag: *flag,
                text: format!(
                    "On {} (line {} of your training log) you recorded: {}.",
                    crate::render::long_date(e.date),
                    e.line,
                    flag.describe()
                ),
            });
        }
    }
    let screening = screen(&at_start);
    if screening.urgent {
        return Ok(PlanOutcome::Urgent(Box::new(UrgentStop {
            screening,
            from_log,
        })));
    }

    let mut plan_notes = Vec::new();
    // Symptoms that need a GP (bleeding beyond 8 weeks, caesarean scar pain), logged recently,
    // count as if they were in the profile: the screening then keeps the plan gentle.
    let mut with_log = profile.clone();
    for e in log.entries.iter().filter(|e| e.date >= lookback) {
        for s in e.symptoms_during.iter().chain(&e.symptoms_after) {
            if !count_symptom(*s) && with_log.health.symptoms.insert(*s) {
                plan_notes.push(format!(
                    "You logged {} on {} (line {} of your log). {} The plan treats it as part of your profile: gentle work until you have been checked.",
                    s.describe(),
                    crate::render::long_date(e.date),
                    e.line,
                    "Please see your GP."
                ));
            }
        }
        // Older red flags no longer stop the plan, but are never passed over in silence.
    }
    // Pelvic-floor symptoms during an impact exercise or a test drill: that test counts as not
    // passed until she does it again without symptoms.
    for e in log.entries.iter().filter(|e| e.date >= lookback) {
        let Some(ex) = library.get(&e.exercise) else {
            continue;
        };
        let symptoms = e
            .symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .any(|s| count_symptom(*s));
        if !symptoms {
            continue;
        }
        let mut keys: Vec<&str> = ex.readiness_test.iter().map(String::as_str).collect();
        if ex.pattern == Pattern::Impact {
            keys.push("jog_on_spot_1_min");
        }
        for key in keys {
            if forget_test(&mut with_log.readiness, key)
                && let Some(test) = READINESS_TESTS.iter().find(|t| t.key == key)
            {
                plan_notes.push(format!(
                    "Because of the symptoms you logged during {} on {}, the readiness test \"{}\" counts as not passed until you do it again without leaking, heaviness or pain.",
                    ex.name,
                    crate::render::long_date(e.date),
                    test.task
                ));
            }
        }
    }
    for e in log
        .entries
        .iter()
        .filter(|e| e.date < lookback && !e.red_flags.is_empty())
    {
        let flags: Vec<&str> = e.red_flags.iter().map(|f| f.describe()).collect();
        plan_notes.push(format!(
            "On {} (line {} of your log) you recorded: {}. If you have not had it checked, see your GP before you carry on, and get help at once if it comes back.",
            crate::render::long_date(e.date),
            e.line,
            flags.join("; ")
        ));
    }
    // A leak or heaviness she logged counts as one she reports: the screening refers her.
    let with_log = with_logged_symptoms(&with_log, log_symptoms(log), options.start);
    let profile = &with_log;
    let mut at_start = profile.clone();
    at_start.as_of = options.start;
    let screening = screen(&at_start);
    let paused_by = impact_pause(log, options.start);
    let mut progress = Progress {
        running_weeks: 0,
        lead_up_weeks: 0,
        foundation_weeks: 0,
        build_weeks: 0,
        walk_run_stage: 0,
        walk_run_done: false,
        long_run: 0,
        last_long: 0,
        quality: None,
    };
    let mut states: BTreeMap<Slot, SlotState> = BTreeMap::new();
    let mut changes: BTreeMap<Slot, String> = BTreeMap::new();
    // Each exercise's dose (reps, seconds or metres, and load), shared by every slot that holds it.
    let mut doses: BTreeMap<usize, SlotState> = BTreeMap::new();
    let mut ex_changes: BTreeMap<usize, String> = BTreeMap::new();
    let mut adaptations = Vec::new();
    let mut pf = first_pelvic_floor_dose(&screening, profile);
    let mut aerobic: Option<u16> = None;
    let mut weeks = Vec::with_capacity(usize::from(options.weeks));
    let mut everyday_line = Vec::new();
    let mut last_phase: Option<Phase> = None;
    let mut strength_sessions = 0usize;
    let mut last_ahead: Option<bool> = None;
    let mut last_hold: Option<(LoadHold, Phase)> = None;
    let mut layouts = Layouts::default();
    let mut missing_told: Vec<Pattern> = Vec::new();
    let mut last_week_sets: BTreeMap<&str, u8> = BTreeMap::new();
    let avoid_ids = symptom_exercises(options, log);
    let history = working_weights(log, library, options.start);

    for w in 1..=options.weeks {
        let starts = options.start + Duration::weeks(i64::from(w - 1));
        let impact_paused = paused_by.is_some();
        let avoid = impact_paused.then_some(&avoid_ids);
        let (ctx, phase_why) = week_ctx(
            profile,
            options,
            starts,
            &progress,
            impact_paused,
            avoid,
            &history,
        );
        let mut ctx = ctx;
        ctx.blocks = vec![std::cell::OnceCell::new(); library.exercises().len()];
        let phase = ctx.phase;
        let weeks_pp = ctx.weeks_pp;
        let deload = w % 4 == 0;
        if w == 1 && !log.is_empty() {
            adaptations = adapt_from_log(
                library,
                &ctx,
                log,
                &mut states,
                &mut changes,
                &mut plan_notes,
            );
            for st in states.values() {
                doses.insert(st.exercise.position(), *st);
            }
        }
        let mut notes = Vec::new();
        if last_phase != Some(phase) {
            if let Some(prev) = last_phase {
                notes.push(format!(
                    "New phase: {} (after {}).",
                    phase.title(),
                    prev.title()
                ));
            }
            last_phase = Some(phase);
        }
        if impact_paused && w == 1 {
            notes.push(
                "Impact and running are paused after the symptom you logged. They come back after a week of training with no symptoms: log your sessions and make the plan again."
                    .to_owned(),
            );
        }

        // Sessions: at most 4 strength sessions a week; with 5 to 7 days, the others are
        // recovery sessions (breath, pelvic floor, mobility), so no day is hard two days running.
        let mut sessions = Vec::new();
        let mut trained: Vec<Slot> = Vec::new();
        let days = profile.training.days_per_week;
        let keep_running = phase == Phase::Perform
            && progress.walk_run_done
            && ctx.screening.running.cleared
            && !impact_paused;
        let runs_this_week = phase == Phase::ReturnToImpact || keep_running;
        let layout = layouts.get(days, runs_this_week);
        let offsets = &layout.sessions;
        let drills = readiness_drills(library, &ctx, progress.lead_up_weeks);
        let mut drill_turn = 0;
        let mut lead_up_week = false;
        for (d, offset) in offsets.iter().enumerate() {
            let recovery = !runs_this_week
                && phase != Phase::Reconnect
                && days >= 5
                && d % 2 == 1
                && d < 2 * usize::from(days.min(TRAINING_DAYS_MAX) - 4);
            let (title, patterns, index) = if recovery {
                (RECOVERY_TITLE, RECOVERY_PATTERNS, RECOVERY_TEMPLATE)
            } else {
                let tmpl = templates(phase);
                let index = strength_sessions % tmpl.len();
                strength_sessions += 1;
                (tmpl[index].0, tmpl[index].1, index)
            };
            let mut list = session_patterns(profile, &ctx, patterns, recovery);
            // Impact drills only on the layout's drill days: 48 hours from any other impact.
            if !layout.drill_days.contains(offset) {
                list.retain(|p| *p != Pattern::Impact);
            }
            // More of the other sessions' patterns at the end: time allowing, the session
            // fills her minutes; fitting drops them first.
            if !recovery && phase != Phase::Reconnect {
                for extra in FILLER_PATTERNS {
                    if !list.contains(extra) {
                        list.push(*extra);
                    }
                }
            }
            let mut exercises = Vec::new();
            for pattern in list {
                let variant = if recovery {
                    RECOVERY_VARIANT
                } else {
                    variant_of(phase, index, pattern)
                };
                let slot = (pattern, variant);
                let known = states.get(&slot).copied();
                let state = match known {
                    Some(st) => settle(library, &ctx, st),
                    None => start_ladder(library, &ctx, slot, experience_bonus(profile, phase)),
                };
                let Some(state) = state else {
                    if !recovery && !missing_told.contains(&pattern) && pattern != Pattern::Impact {
                        missing_told.push(pattern);
                        let why = library
                            .exercises()
                            .iter()
                            .filter(|e| e.pattern == pattern && e.regression.is_none())
                            .find_map(|e| ctx.block(e))
                            .map_or_else(String::new, |b| format!(": {}", b.describe(phase)));
                        notes.push(format!(
                            "No {} exercise fits you this week{why}. The session leaves it out.",
                            pattern.as_str().replace('_', " ")
                        ));
                    }
                    continue;
                };
                if let Some(before) = known
                    && before.exercise.id != state.exercise.id
                    && !changes.contains_key(&slot)
                {
                    let why = ctx
                        .block(before.exercise)
                        .map_or_else(String::new, |b| format!(": {}", b.describe(phase)));
                    changes.insert(
                        slot,
                        format!(
                            "Easier variant for now instead of {}{why}.",
                            before.exercise.name
                        ),
                    );
                }
                let (state, change) = take_slot(
                    &ctx,
                    Taken {
                        doses: &mut doses,
                        states: &mut states,
                        trained: &mut trained,
                    },
                    (&changes, &ex_changes),
                    slot,
                    state,
                );
                let mut p = prescribe(&ctx, &state, change);
                if recovery {
                    p.sets = p.sets.min(2);
                    p.rest_seconds = p.rest_seconds.min(30);
                }
                p.slot = slot_name(slot);
                exercises.push(p);
            }
            if !recovery
                && let Some((drill, test)) = drills.get(drill_turn % drills.len().max(1)).copied()
                && !exercises.iter().any(|e| e.id == drill.id)
            {
                drill_turn += 1;
                // The same dose as the ladder that holds this exercise, if one does.
                let state = states
                    .values()
                    .find(|st| st.exercise.id == drill.id)
                    .copied()
                    .unwrap_or_else(|| fresh_state(&ctx, drill));
                let mut p = prescribe(&ctx, &state, "");
                p.why = Cow::Owned(if drill.readiness_test.as_deref() == Some(test.key) {
                    format!(
                        "Practises a return-to-running test you have not passed yet: {}.",
                        test.task
                    )
                } else {
                    format!(
                        "Leads up to a return-to-running test you have not passed yet: {}. Marching rehearses the running action without landing; the test itself is for when you feel ready ({}).",
                        test.task,
                        sources::GOOM_2019
                    )
                });
                lead_up_week |= drill.readiness_test.is_none();
                exercises.insert(1.min(exercises.len()), p);
            }
            if runs_this_week && !recovery {
                let turn = sessions.len();
                running_strength(
                    library,
                    &ctx,
                    &mut exercises,
                    turn,
                    layout.sessions.len(),
                    layout.drill_days.contains(offset),
                    progress.running_weeks,
                );
            }
            if let Some((ache, state)) =
                pick_cool_down(library, &ctx, &exercises, &states, usize::from(w) + d)
            {
                let slot = (Pattern::Mobility, SlotId::cool_down(ache).variant);
                let (state, change) = take_slot(
                    &ctx,
                    Taken {
                        doses: &mut doses,
                        states: &mut states,
                        trained: &mut trained,
                    },
                    (&changes, &ex_changes),
                    slot,
                    state,
                );
                let mut p = prescribe(&ctx, &state, "");
                p.slot = slot_name(slot);
                p.why = Cow::Owned(format!(
                    "Cool-down for your {}: slow, easy movement that eases it; stay within what feels comfortable.{}{change}",
                    ache.describe(),
                    if change.is_empty() { "" } else { " " }
                ));
                exercises.push(p);
            }
            let minutes = profile
                .training
                .minutes_per_session
                .min(SESSION_MINUTES_MAX);
            fit(&mut exercises, minutes, phase);
            if !recovery {
                fill(&mut exercises, minutes, phase);
            }
            if deload {
                for e in exercises.iter_mut() {
                    // Lighter than last week, whatever time allowed then.
                    let before = last_week_sets.get(e.id).copied().unwrap_or(e.sets);
                    e.sets = e.sets.min(before);
                    if e.sets > 1 {
                        e.sets -= 1;
                    } else if let Some(amount) = e.reps.as_mut().or(e.seconds.as_mut()) {
                        // One set already: a lighter week is a shorter set, and any change
                        // waits until after it.
                        *amount = (*amount * 3 / 4).max(1);
                        if let Some((focus, _)) = e.why.split_once(". ") {
                            e.why = Cow::Owned(format!("{focus}."));
                        }
                    }
                }
            }
            let title = if exercises.iter().any(|e| e.impact != Impact::None) {
                Cow::Owned(format!("{title} + impact drills"))
            } else {
                Cow::Borrowed(title)
            };
            sessions.push(Session {
                day: u8::try_from(d + 1).unwrap_or(u8::MAX),
                date: starts + Duration::days(*offset),
                title,
                estimated_minutes: session_minutes(&exercises),
                exercises,
            });
        }
        let shown_ids: BTreeSet<usize> = sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .filter_map(|e| library.get(e.id).map(Exercise::position))
            .collect();
        // Where a first load came from is told in the week it is first done.
        for st in doses.values_mut().chain(states.values_mut()) {
            if shown_ids.contains(&st.exercise.position()) {
                st.from_log = None;
            }
        }
        last_week_sets.clear();
        for e in sessions.iter().flat_map(|s| &s.exercises) {
            let sets = last_week_sets.entry(e.id).or_insert(e.sets);
            *sets = (*sets).min(e.sets);
        }
        // Only what she actually does this week progresses.
        trained.retain(|slot| {
            let id = slot_name(*slot);
            sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .any(|e| e.slot == id)
        });

        // Walk-run.
        let run_dates: Vec<Date> = layout
            .runs
            .iter()
            .map(|d| starts + Duration::days(*d))
            .collect();
        if w == 1 && days == 1 {
            notes.push(format!(
                "Muscle-strengthening twice a week is the recommendation ({}). On a second day, a short 10-minute session fits: your pelvic-floor practice, one squat and one carry with your {} (say, 2 sets each while the kettle boils).",
                sources::CMO_2019,
                ctx.baby_word()
            ));
        }
        if w == 1 && profile.training.minutes_per_session > SESSION_MINUTES_MAX {
            notes.push(format!(
                "Sessions stop at {SESSION_MINUTES_MAX} minutes, though you have {}: past an hour, tiredness costs form and your pelvic floor tires. Spend the extra time on a walk (it counts towards your 150 minutes) or add a training day.",
                profile.training.minutes_per_session
            ));
        }
        if w == 1 && days > TRAINING_DAYS_MAX {
            notes.push(format!(
                "The plan trains {TRAINING_DAYS_MAX} days and keeps one day of full rest each week: rest is when you get stronger."
            ));
        }
        if runs_this_week && run_dates.is_empty() && w == 1 {
            notes.push(
                "With one training day a week the walk-run waits: it needs two days with a rest day between. Add a day to your profile when you can."
                    .to_owned(),
            );
        }
        let walk_run = (runs_this_week && !run_dates.is_empty()).then(|| {
            let stage = if keep_running {
                WALK_RUN_STAGES.len() - 1
            } else {
                usize::from(progress.walk_run_stage).min(WALK_RUN_STAGES.len() - 1)
            };
            let (run, walk, repeats, then_run) = WALK_RUN_STAGES[stage];
            let total = run * repeats + then_run;
            let walks = if then_run > 0 {
                repeats
            } else {
                repeats.saturating_sub(1)
            };
            // After the walk-run, time on one run first, then a little speed: only while
            // running stays cleared (keep_running), so every safety gate above still holds.
            let runs = if keep_running {
                running_week(
                    RunningStep {
                        long: progress.long_run.max(EASY_RUN_MINUTES),
                        last_long: progress.last_long.max(EASY_RUN_MINUTES),
                        quality: progress.quality,
                        lighter: deload,
                    },
                    &run_dates,
                )
            } else {
                Vec::new()
            };
            let (buggy_allowed, buggy_why) =
                buggy_running(starts, ctx.screening.running.buggy_from, keep_running);
            WalkRun {
                stage: u8::try_from(stage + 1).unwrap_or(u8::MAX),
                run_minutes: run,
                walk_minutes: walk,
                repeats,
                then_run_minutes: then_run,
                sessions: u8::try_from(run_dates.len()).unwrap_or(3),
                total_run_minutes: total,
                session_minutes: total + walk * walks + 10,
                buggy_allowed,
                buggy_why,
                runs,
                dates: run_dates.clone(),
            }
        });

        // Aerobic minutes: up by 15 a week towards 150; held in a lighter week.
        let first_minutes = match phase {
            Phase::Reconnect if weeks_pp < 2 => 30,
            Phase::Reconnect => 60,
            Phase::Foundations => 90,
            _ => 120,
        } + if goals(profile).contains(&Goal::GeneralFitness) && weeks_pp >= 2 {
            15
        } else {
            0
        };
        let mut minutes = match aerobic {
            None => first_minutes,
            Some(prev) if deload => prev,
            Some(prev) => prev + 15,
        }
        .min(AEROBIC_TARGET_MINUTES);
        if let Some(wr) = &walk_run {
            let running = if wr.runs.is_empty() {
                u16::from(wr.session_minutes) * u16::from(wr.sessions)
            } else {
                wr.runs.iter().map(|r| u16::from(r.session_minutes)).sum()
            };
            minutes = minutes.max(running).min(AEROBIC_TARGET_MINUTES);
        }
        aerobic = Some(minutes);

        // Everyday load, while the child is small enough to be carried.
        let age_days = (starts - profile.birth.date).whole_days();
        let everyday_load = (age_days <= EVERYDAY_LOAD_MAX_AGE_DAYS).then(|| {
            let babies = f64::from(profile.birth.babies.max(1));
            let seat = if ctx.infant_car_seat {
                options.car_seat_kg
            } else {
                0.0
            };
            let total = (ctx.baby_kg + seat).max(ctx.baby_kg * babies);
            let heaviest = |patterns: &[Pattern]| {
                sessions
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .filter(|p| patterns.contains(&p.pattern))
                    .filter_map(|p| p.load_kg)
                    .reduce(f64::max)
            };
            EverydayLoad {
                baby_kg: round1(ctx.baby_kg),
                car_seat_kg: seat,
                total_kg: round1(total),
                carry_kg: heaviest(&[Pattern::Carry]),
                lift_kg: heaviest(&[Pattern::Squat, Pattern::Hinge]),
            }
        });
        everyday_line.push(everyday_load.map_or(0.0, |e| e.total_kg));
        // Say how her training compares with what she lifts every day, when that changes.
        if let Some(e) = everyday_load
            && phase != Phase::Reconnect
        {
            let best = e.carry_kg.unwrap_or(0.0).max(e.lift_kg.unwrap_or(0.0));
            let ahead = best >= e.total_kg;
            if last_ahead != Some(ahead) {
                let child = ctx.baby_word();
                notes.push(if ahead {
                    format!(
                        "Your heaviest carry or lift this week ({} kg) is ahead of what you lift every day ({} kg): your {child} will keep getting heavier, and so will you.",
                        fmt_kg(best),
                        fmt_kg(e.total_kg)
                    )
                } else if best > 0.0 {
                    format!(
                        "What you lift every day ({} kg with your {child}) is still more than your heaviest carry or lift in the plan ({} kg). Until the plan catches up: hold the load close, breathe out and lift your pelvic floor as you lift, and share heavy carries.",
                        fmt_kg(e.total_kg),
                        fmt_kg(best)
                    )
                } else {
                    format!(
                        "You lift about {} kg every day with your {child}. Until the plan's carries and lifts add load: hold the load close, breathe out and lift your pelvic floor as you lift.",
                        fmt_kg(e.total_kg)
                    )
                });
                last_ahead = Some(ahead);
            }
        }

        if deload {
            notes.push(
                "A lighter week: one set fewer (or shorter sets), same loads. Let your body catch up."
                    .into(),
            );
            // Only when the tests are all that stand between her and running: never while
            // symptoms, a pending assessment or the calendar hold impact back.
            let blockers = &ctx.screening.running.blockers;
            let only_tests = blockers.iter().all(|b| b.test_task().is_some());
            if goals(profile).contains(&Goal::Running)
                && !ctx.screening.running.cleared
                && ctx.screening.exercise == ExerciseLevel::Progressive
                && weeks_pp >= 12
                && !blockers.is_empty()
                && only_tests
                && !impact_paused
            {
                let tasks: Vec<&str> = blockers.iter().filter_map(|b| b.test_task()).collect();
                notes.push(format!(
                    "A good week to retry the return-to-running tests that remain: {}. Stop any test that brings on leaking, heaviness or pain. Update your profile with what you pass.",
                    tasks.join("; ")
                ));
            }
        }
        if ctx.screening.fired("postnatal-check") && (6..52).contains(&weeks_pp) {
            notes.push(
                "Have you had your 6-8 week postnatal check? If not, book it: exercise builds up after it. Once you have, update your profile and make the plan again."
                    .to_owned(),
            );
        }
        // The load model, in words: once at the start and whenever the hold changes.
        let hold_now = ctx.hold.map(|h| (h, phase));
        if hold_now != last_hold {
            if let Some(words) = ctx.hold_words() {
                notes.push(words);
            } else if last_hold.is_some() {
                notes.push(
                    "Loads can now rise above what you lift every day: the plan adds weight as you master each step. Keep breathing out as you lift, and ease off if leaking or heaviness comes back."
                        .to_owned(),
                );
            }
            last_hold = hold_now;
        }
        if let Some(limit) = ctx.limit_kg {
            notes.push(format!(
                "After your caesarean, nothing heavier than your baby (about {limit} kg) until {} ({}).",
                crate::render::long_date(
                    ctx.screening.lifting_limit.as_ref().map_or(starts, |l| l.until)
                ),
                sources::HSE_CAESAREAN
            ));
        }

        weeks.push(Week {
            week: w,
            starts,
            weeks_postpartum: weeks_pp,
            phase,
            phase_why,
            deload,
            cleared: Cleared {
                impact: ctx.impact_ok,
                high_pressure: ctx.high_pressure_ok,
                running: ctx.screening.running.cleared && !impact_paused,
                lifting_limit_kg: ctx.limit_kg,
            },
            pelvic_floor: pf,
            aerobic_minutes: minutes,
            walk_run,
            everyday_load,
            sessions,
            notes,
        });

        // Progress for next week, except into a lighter week: it repeats this week's work with a
        // set fewer, and progress resumes after it.
        // A change is told the next time the exercise is done, which may be weeks later.
        changes.retain(|slot, _| !trained.contains(slot));
        ex_changes.retain(|id, _| !shown_ids.contains(id));
        let next_is_lighter = (w + 1) % 4 == 0;
        // This week's long run, in the running progression.
        let week_long = progress.long_run.max(EASY_RUN_MINUTES);
        if !next_is_lighter {
            pf = pf.step_up();
            // First each exercise done this week takes one step of dose or load...
            let mut ready_for_harder: BTreeSet<usize> = BTreeSet::new();
            let mut stepped: BTreeSet<usize> = BTreeSet::new();
            for slot in &trained {
                let Some(st) = states.get(slot).copied() else {
                    continue;
                };
                let id = st.exercise.position();
                if !stepped.insert(id) {
                    continue;
                }
                let current = doses.get(&id).copied().unwrap_or(st);
                match step_dose(&ctx, current) {
                    Some((next, step)) => {
                        if let Some(mut text) = describe_step(&ctx, &current, &next, step) {
                            if deload {
                                text = format!("After the lighter week: {}", lower_first(&text));
                            }
                            ex_changes.insert(id, text);
                        }
                        doses.insert(id, next);
                    }
                    None => {
                        ready_for_harder.insert(id);
                    }
                }
            }
            // ...then a slot whose exercise is mastered moves one rung up its own ladder.
            for slot in trained {
                let Some(st) = states.get(&slot).copied() else {
                    continue;
                };
                let current = doses.get(&st.exercise.position()).copied().unwrap_or(st);
                if ready_for_harder.contains(&st.exercise.position())
                    && let Some(up) = next_rung(library, &ctx, st.exercise, slot.1)
                {
                    let new = *doses
                        .entry(up.position())
                        .or_insert_with(|| harder_state(&ctx, &current, up));
                    changes.insert(
                        slot,
                        format!(
                            "New this week: one step up from {}, which you mastered.",
                            st.exercise.name
                        ),
                    );
                    states.insert(slot, new);
                } else {
                    states.insert(slot, current);
                }
            }
            if phase == Phase::ReturnToImpact && !layout.runs.is_empty() {
                if usize::from(progress.walk_run_stage) + 1 >= WALK_RUN_STAGES.len() {
                    progress.walk_run_done = true;
                    // 30 minutes continuous: next week one run grows.
                    progress.last_long = EASY_RUN_MINUTES;
                    progress.long_run = next_long_run(EASY_RUN_MINUTES, layout.runs.len());
                } else {
                    progress.walk_run_stage += 1;
                }
            }
            // The running progression moves on like the walk-run: one step a week, none into
            // a lighter week (which repeats this one).
            if keep_running && !layout.runs.is_empty() {
                progress.quality = match progress.quality {
                    Some(q) => Some(q.saturating_add(1)),
                    None if week_long >= LONG_RUN_MAX_MINUTES => Some(0),
                    None => None,
                };
                progress.long_run = next_long_run(week_long, layout.runs.len());
            }
        }
        if keep_running && !layout.runs.is_empty() {
            // What the next run week compares with, lighter week or not.
            progress.last_long = week_long;
        }
        if progress.walk_run_done && !runs_this_week {
            // A week without running after the walk-run: she starts again from 30 minutes, and
            // speed work waits for the long run to be back at 45.
            progress.long_run = EASY_RUN_MINUTES;
            progress.last_long = EASY_RUN_MINUTES;
            progress.quality = None;
        }
        if lead_up_week {
            progress.lead_up_weeks = progress.lead_up_weeks.saturating_add(1);
        }
        if weeks.last().is_some_and(|w: &Week| w.walk_run.is_some()) {
            progress.running_weeks = progress.running_weeks.saturating_add(1);
        }
        match phase {
            Phase::Foundations => progress.foundation_weeks += 1,
            Phase::Build | Phase::ReturnToImpact | Phase::Perform => progress.build_weeks += 1,
            Phase::Reconnect => {}
        }
    }

    add_plan_notes(profile, &screening, paused_by, &mut plan_notes);
    Ok(PlanOutcome::Ready(Box::new(Plan {
        screening,
        library_version: library.version().to_owned(),
        start: options.start,
        everyday_load_kg: everyday_line,
        adaptations,
        notes: plan_notes,
        weeks,
        disclaimer: crate::screening::DISCLAIMER,
    })))
}

/// What a week's sessions have taken so far: each exercise's dose, each slot's state, and the
/// slots trained this week.
struct Taken<'t, 'a> {
    doses: &'t mut BTreeMap<usize, SlotState<'a>>,
    states: &'t mut BTreeMap<Slot, SlotState<'a>>,
    trained: &'t mut Vec<Slot>,
}

/// Puts `state` in `slot` for this session: one exercise, one dose, whichever slot it is in (the
/// dose belongs to the exercise, the slot only says which exercise), held to the week's load
/// cap; the slot counts as trained. Returns the state and what changed for it, in words.
fn take_slot<'a, 'c>(
    ctx: &WeekCtx,
    taken: Taken<'_, 'a>,
    (changes, ex_changes): (&'c BTreeMap<Slot, String>, &'c BTreeMap<usize, String>),
    slot: Slot,
    state: SlotState<'a>,
) -> (SlotState<'a>, &'c str) {
    let state = clamp_load(
        ctx,
        *taken
            .doses
            .entry(state.exercise.position())
            .or_insert(state),
    );
    taken.states.insert(slot, state);
    if !taken.trained.contains(&slot) {
        taken.trained.push(slot);
    }
    let change = changes
        .get(&slot)
        .or_else(|| ex_changes.get(&state.exercise.position()))
        .map_or("", String::as_str);
    (state, change)
}

/// The week's screening and what it allows.
fn week_ctx<'p>(
    profile: &'p Profile,
    options: &PlanOptions,
    starts: Date,
    progress: &Progress,
    impact_paused: bool,
    avoid: Option<&'p BTreeSet<String>>,
    history: &'p BTreeMap<String, WorkingWeight>,
) -> (WeekCtx<'p>, String) {
    let mut at = profile.clone();
    at.as_of = starts;
    let s = screen(&at);
    let age_days = (starts - profile.birth.date).whole_days();
    let baby_kg = estimated_baby_weight_kg(
        profile.birth.baby_birth_weight_kg,
        profile.birth.baby_sex,
        age_days,
    );
    let limit_kg = s
        .lifting_limit
        .as_ref()
        .filter(|l| starts < l.until)
        .map(|_| round1(baby_kg));
    let (phase, why) = decide_phase(profile, &s, progress, impact_paused, starts);
    let impact_ok = s.impact_allowed
        && !impact_paused
        && (phase == Phase::ReturnToImpact
            || phase == Phase::Perform && !profile.training.goals.contains(&Goal::Running)
            || phase == Phase::Perform && progress.walk_run_done);
    let infant_car_seat = age_days <= INFANT_CAR_SEAT_MAX_AGE_DAYS;
    let seat = if infant_car_seat {
        options.car_seat_kg
    } else {
        0.0
    };
    let babies = f64::from(profile.birth.babies.max(1));
    let everyday_kg = round1((baby_kg + seat).max(baby_kg * babies));
    let signs =
        s.fired(crate::screening::PFD_SYMPTOMS.id) || s.fired(crate::screening::ABDOMINAL_WALL.id);
    // A pelvic-floor symptom logged in the last week counts like one in the profile.
    let high_pressure_ok = s.high_pressure_allowed && !impact_paused;
    let hold = if signs {
        Some(LoadHold::Signs)
    } else if s.fired(crate::screening::OASI_PHYSIO.id)
        && !profile.health.pelvic_health_assessment_done
    {
        Some(LoadHold::AwaitingAssessment)
    } else if starts < s.high_effort_from || s.weeks_postpartum < 12 {
        Some(LoadHold::Early)
    } else if !high_pressure_ok || phase.pressure_cap() < Pressure::High {
        Some(LoadHold::NotYetOpen)
    } else {
        None
    };
    let ctx = WeekCtx {
        profile,
        starts,
        phase,
        weeks_pp: s.weeks_postpartum,
        impact_ok,
        high_pressure_ok: high_pressure_ok && hold.is_none(),
        baby_kg,
        car_seat_kg: options.car_seat_kg,
        infant_car_seat,
        limit_kg,
        avoid,
        abdominal_signs: s.fired(crate::screening::ABDOMINAL_WALL.id)
            || hold == Some(LoadHold::Signs),
        everyday_kg,
        hold,
        history,
        screening: s,
        blocks: Vec::new(),
        everyday_words: fmt_kg(everyday_kg),
    };
    (ctx, why)
}

/// The text that explains one week's step up a ladder.
fn describe_step(
    ctx: &WeekCtx,
    before: &SlotState,
    after: &SlotState,
    step: Step,
) -> Option<String> {
    let unit = |ex: &Exercise| match ex.dose {
        Dose::Reps => "reps",
        Dose::Seconds => "seconds",
        Dose::Distance => "metres",
    };
    match step {
        Step::More => Some(format!(
            "Up from {} to {} {}.",
            before.amount,
            after.amount,
            unit(after.exercise)
        )),
        Step::Heavier => Some(format!(
            "Heavier: {} kg, back to {} {} (you reached the top of the range at {} kg).",
            fmt_kg(ctx.load_kg(after).unwrap_or(0.0)),
            after.amount,
            unit(after.exercise),
            fmt_kg(ctx.load_kg(before).unwrap_or(0.0)),
        )),
        Step::Harder => Some(format!(
            "New this week: one step up from {}, which you mastered.",
            before.exercise.name
        )),
        Step::Top => None,
    }
}

fn lower_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Kilograms without a trailing `.0`.
pub fn fmt_kg(kg: f64) -> String {
    let r = round1(kg);
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The pelvic-floor or tummy symptom in the log that pauses impact and running, if any: the
/// latest one in the last [`RED_FLAG_LOOKBACK_DAYS`] days, unless she has since logged a
/// symptom-free week of training ([`symptom_free_week_logged`]). A date passing is not enough:
/// the pause holds for the whole plan until her log shows that week.
pub fn impact_pause(log: &TrainingLog, start: Date) -> Option<Date> {
    let recent = start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    let last_symptom = log
        .entries
        .iter()
        .filter(|e| e.date >= recent && e.date <= start)
        .filter(|e| {
            e.symptoms_during
                .iter()
                .chain(&e.symptoms_after)
                .any(|s| count_symptom(*s))
        })
        .map(|e| e.date)
        .max()?;
    (!symptom_free_week_logged(log, last_symptom)).then_some(last_symptom)
}

/// Sessions on at least this many days after a symptom, none with symptoms, make the
/// symptom-free week of training that brings impact back.
pub const SYMPTOM_FREE_SESSIONS: usize = 2;

/// Whether the log shows a symptom-free week of training after `symptom_on`: sessions on at least
/// [`SYMPTOM_FREE_SESSIONS`] days after it, the last a week or more after it, and no symptom or
/// warning sign in any of them (Goom, Donnelly & Brockwell 2019: go back to the last level that
/// was symptom-free).
pub fn symptom_free_week_logged(log: &TrainingLog, symptom_on: Date) -> bool {
    let after: Vec<&LogEntry> = log.entries.iter().filter(|e| e.date > symptom_on).collect();
    if after.iter().any(|e| e.has_symptoms()) {
        return false;
    }
    let days: BTreeSet<Date> = after.iter().map(|e| e.date).collect();
    days.len() >= SYMPTOM_FREE_SESSIONS
        && days
            .last()
            .is_some_and(|last| *last >= symptom_on + Duration::days(7))
}

/// The one meaning of a symptom she logs, wherever she logs it (a set, a check-in, the CLI's
/// `--log`): each symptom dated within [`crate::records::SYMPTOM_LOOKBACK_DAYS`] up to `as_of`
/// counts as if she had answered it in her profile, so the screening refers on for it (leaking
/// or heaviness: a pelvic-health physio) and the plan keeps impact, running and heavy loads back.
/// The service's screening and [`generate`] both call this.
pub fn with_logged_symptoms(
    profile: &Profile,
    logged: impl IntoIterator<Item = (Date, Symptom)>,
    as_of: Date,
) -> Profile {
    let from = as_of - Duration::days(crate::records::SYMPTOM_LOOKBACK_DAYS);
    let mut out = profile.clone();
    out.health.symptoms.extend(
        logged
            .into_iter()
            .filter(|(d, _)| (from..=as_of).contains(d))
            .map(|(_, s)| s),
    );
    out
}

/// Every symptom of a training log, with its date (during and after).
pub fn log_symptoms(log: &TrainingLog) -> impl Iterator<Item = (Date, Symptom)> + '_ {
    log.entries.iter().flat_map(|e| {
        e.symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .map(move |s| (e.date, *s))
    })
}

fn goals(profile: &Profile) -> &std::collections::BTreeSet<Goal> {
    &profile.training.goals
}

fn wants_pelvic_floor_priority(profile: &Profile) -> bool {
    profile.training.goals.contains(&Goal::PelvicFloor)
        || profile
            .health
            .symptoms
            .iter()
            .any(|s| s.is_pelvic_floor_sign())
        || profile
            .birth
            .perineal_tear
            .is_some_and(|t| t.is_sphincter_injury())
}

/// A session's patterns for her goals: pelvic floor first when it matters most; mobility early
/// for pain relief; impact drills when cleared.
fn session_patterns(
    profile: &Profile,
    ctx: &WeekCtx,
    patterns: &[Pattern],
    recovery: bool,
) -> Vec<Pattern> {
    let mut list: Vec<Pattern> = patterns.to_vec();
    if recovery {
        return list;
    }
    let goals = &profile.training.goals;
    if goals.contains(&Goal::PainRelief) || !profile.training.aches.is_empty() {
        list.retain(|p| *p != Pattern::Mobility);
        list.insert(1.min(list.len()), Pattern::Mobility);
    } else if goals.contains(&Goal::Strength)
        && ctx.phase != Phase::Reconnect
        && !goals.contains(&Goal::GeneralFitness)
    {
        // Strength first: mobility is for the recovery days and the warm-up.
        list.retain(|p| *p != Pattern::Mobility);
    }
    if ctx.impact_ok {
        list.insert(1.min(list.len()), Pattern::Impact);
    }
    if wants_pelvic_floor_priority(profile) {
        list.retain(|p| *p != Pattern::PelvicFloor);
        list.insert(1.min(list.len()), Pattern::PelvicFloor);
    }
    list
}

/// Recovery sessions on the extra days of a 5 to 7 day week.
const RECOVERY_TITLE: &str = "Recovery: breath, pelvic floor and mobility";
const RECOVERY_PATTERNS: &[Pattern] =
    &[Pattern::Breathing, Pattern::PelvicFloor, Pattern::Mobility];
const RECOVERY_TEMPLATE: usize = 7;
const RECOVERY_VARIANT: u8 = 7;

/// Marks a readiness test as not passed; true if it was passed.
fn forget_test(r: &mut crate::readiness::Readiness, key: &str) -> bool {
    let field = match key {
        "walk_30_min" => &mut r.walk_30_min,
        "single_leg_balance_10s" => &mut r.single_leg_balance_10s,
        "single_leg_squat_10" => &mut r.single_leg_squat_10,
        "jog_on_spot_1_min" => &mut r.jog_on_spot_1_min,
        "forward_bounds_10" => &mut r.forward_bounds_10,
        "hop_on_spot_10" => &mut r.hop_on_spot_10,
        "single_leg_running_man_10" => &mut r.single_leg_running_man_10,
        "single_leg_calf_raise_20" => &mut r.single_leg_calf_raise_20,
        "single_leg_bridge_20" => &mut r.single_leg_bridge_20,
        "single_leg_sit_to_stand_20" => &mut r.single_leg_sit_to_stand_20,
        "side_lying_abduction_20" => &mut r.side_lying_abduction_20,
        _ => return false,
    };
    std::mem::replace(field, false)
}

/// Exercises she logged pelvic-floor symptoms during, recently: avoided while impact is paused.
fn symptom_exercises(options: &PlanOptions, log: &TrainingLog) -> BTreeSet<String> {
    let recent = options.start - Duration::days(RED_FLAG_LOOKBACK_DAYS);
    log.entries
        .iter()
        .filter(|e| e.date >= recent)
        .filter(|e| e.symptoms_during.iter().any(|s| count_symptom(*s)))
        .map(|e| e.exercise.clone())
        .collect()
}

fn experience_bonus(profile: &Profile, phase: Phase) -> u8 {
    u8::from(profile.training.experience == Experience::Experienced && phase >= Phase::Build)
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

fn first_pelvic_floor_dose(screening: &Screening, profile: &Profile) -> PelvicFloorDose {
    let early = screening.weeks_postpartum < 6;
    let signs = profile
        .health
        .symptoms
        .iter()
        .any(|s| s.is_pelvic_floor_sign());
    if early || signs {
        PelvicFloorDose {
            slow_holds: 5,
            hold_seconds: 5,
            quick_squeezes: 5,
            times_per_day: 3,
        }
    } else if profile.training.experience == Experience::Beginner {
        PelvicFloorDose {
            slow_holds: 8,
            hold_seconds: 6,
            quick_squeezes: 8,
            times_per_day: 3,
        }
    } else {
        PelvicFloorDose {
            slow_holds: 8,
            hold_seconds: 8,
            quick_squeezes: 10,
            times_per_day: 3,
        }
    }
}

fn decide_phase(
    profile: &Profile,
    s: &Screening,
    progress: &Progress,
    impact_paused: bool,
    starts: Date,
) -> (Phase, String) {
    let weeks = s.weeks_postpartum;
    if s.exercise != ExerciseLevel::Progressive {
        let mut parts: Vec<String> = Vec::new();
        let source = |rule: &str| {
            s.reasons_for(rule)
                .next()
                .map_or(sources::CMO_2019, |r| r.source)
        };
        if s.fired("first-six-weeks") {
            parts.push(format!(
                "the first 6 weeks after birth are for recovery: pelvic floor, breathing, walking and gentle mobility ({})",
                source("first-six-weeks")
            ));
        } else if s.fired("postnatal-check") {
            parts.push(format!(
                "gentle work until you have had your 6-8 week postnatal check: book it, and update your profile once you have had it ({})",
                source("postnatal-check")
            ));
        }
        if s.fired("bleeding-beyond-8-weeks") {
            parts.push(format!(
                "bleeding beyond 8 weeks needs your GP's check before exercise builds up ({})",
                source("bleeding-beyond-8-weeks")
            ));
        }
        if s.fired("caesarean-scar-pain") {
            parts.push(format!(
                "pain at your caesarean scar needs your GP's check first ({})",
                source("caesarean-scar-pain")
            ));
        }
        if parts.is_empty() {
            parts.push("the screening asks for gentle work only for now".to_owned());
        }
        return (
            Phase::Reconnect,
            format!("Reconnect: {}.", parts.join("; ")),
        );
    }
    let exp = profile.training.experience;
    let strength_passed = profile.readiness.strength_passed();
    let need_foundations: u8 = match exp {
        _ if exp != Experience::Beginner && strength_passed && weeks >= 12 => 0,
        Experience::Beginner => 4,
        Experience::Returning => 2,
        Experience::Experienced => 1,
    };
    let exp_words = match exp {
        Experience::Beginner => "you are new to strength training",
        Experience::Returning => "you are returning to training",
        Experience::Experienced => "you trained regularly until recently",
    };
    if starts < s.high_effort_from {
        return (
            Phase::Foundations,
            format!(
                "Foundations: harder strength work waits until 12 weeks after birth ({}). Until then: learn the movements with light loads ({}).",
                crate::render::long_date(s.high_effort_from),
                sources::CMO_2019
            ),
        );
    }
    if progress.foundation_weeks < need_foundations {
        return (
            Phase::Foundations,
            format!(
                "Foundations: {exp_words}, so {need_foundations} {} of foundations {} first: the movements, the breath and light loads.",
                if need_foundations == 1 {
                    "week"
                } else {
                    "weeks"
                },
                if need_foundations == 1 {
                    "comes"
                } else {
                    "come"
                }
            ),
        );
    }
    let need_build: u8 = match exp {
        Experience::Beginner => 4,
        Experience::Returning => 2,
        Experience::Experienced => 0,
    };
    let running_goal = profile.training.goals.contains(&Goal::Running);
    if running_goal && s.running.cleared && !impact_paused && !progress.walk_run_done {
        if progress.build_weeks >= need_build {
            return (
                Phase::ReturnToImpact,
                format!(
                    "Return to impact and running: you are past 12 weeks after birth, you passed every readiness test without symptoms and running is your goal. The walk-run builds time before speed ({}).",
                    sources::GOOM_2019
                ),
            );
        }
        return (
            Phase::Build,
            format!(
                "Build strength: running is cleared, but {exp_words}, so {need_build} weeks of strength come before the walk-run."
            ),
        );
    }
    let need_perform: u8 = match exp {
        Experience::Beginner => 8,
        Experience::Returning => 6,
        Experience::Experienced => 4,
    };
    if !s.high_pressure_allowed {
        return (
            Phase::Build,
            if profile.health.pelvic_health_assessment_done {
                "Build strength, with light to moderate effort only: while you have the symptoms you report, heavy, breath-holding work waits until your pelvic-health physio clears it. When your symptoms have settled, update your profile.".to_owned()
            } else {
                "Build strength, with light to moderate effort only: the symptoms you report mean heavy, breath-holding work waits until a pelvic-health physio has assessed you.".to_owned()
            },
        );
    }
    if progress.walk_run_done || progress.build_weeks >= need_perform {
        return (
            Phase::Perform,
            if progress.walk_run_done {
                format!(
                    "Perform: you finished the walk-run to 30 minutes. Now time on one run a week, up to {LONG_RUN_MAX_MINUTES} minutes, then one run a week with strides or short intervals; keep lifting heavier ({}).",
                    sources::RUN_PROGRESSION
                )
            } else {
                "Perform: your weeks of building strength are done; heavier loads and harder variants now.".to_owned()
            },
        );
    }
    let mut why = "Build strength: foundations are done and you are past 12 weeks after birth; sets, loads and harder variants rise week by week.".to_owned();
    if running_goal && !s.running.cleared {
        why.push_str(" Running waits for the readiness tests (see the notes).");
    }
    if impact_paused {
        why.push_str(" Impact is paused after a logged symptom.");
    }
    (Phase::Build, why)
}

/// The readiness test whose movement is practised without landing while impact is closed.
const JOG_TEST: &str = "jog_on_spot_1_min";

/// Weeks on each lead-up rung of the jog test (fast march, then high-knee march).
const LEAD_UP_WEEKS: u8 = 3;

/// Drills for the return-to-running tests she has not passed, each with its test: the strength
/// tests and the balance and single-leg squat tests as they are, and the jog-on-the-spot test,
/// while impact is closed, by the marches below it on its ladder (no landing), the easier first,
/// one rung up every [`LEAD_UP_WEEKS`] weeks of practice (not while pelvic-floor or tummy signs
/// hold her loads back: those come first).
fn readiness_drills<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    lead_up_weeks: u8,
) -> Vec<(&'a Exercise, &'static crate::readiness::ReadinessTest)> {
    let p = ctx.profile;
    if !p.training.goals.contains(&Goal::Running)
        || ctx.screening.running.cleared
        || ctx.phase == Phase::Reconnect
    {
        return Vec::new();
    }
    READINESS_TESTS
        .iter()
        .filter(|t| !(t.passed)(&p.readiness))
        .filter(|t| {
            t.group == TestGroup::Strength
                || t.key == "single_leg_balance_10s"
                || t.key == "single_leg_squat_10"
                // The lead-up marches once leaking, heaviness or doming no longer hold her back.
                || t.key == JOG_TEST && ctx.hold != Some(LoadHold::Signs)
        })
        .filter_map(|t| {
            let for_test = lib
                .exercises()
                .iter()
                .filter(|e| e.readiness_test.as_deref() == Some(t.key));
            if t.key != JOG_TEST {
                return for_test
                    .filter(|e| ctx.allows(e))
                    .min_by_key(|e| e.level)
                    .map(|e| (e, t));
            }
            let test = for_test.min_by_key(|e| e.level)?;
            let mut below: Vec<&Exercise> = Vec::new();
            let mut at = test;
            while let Some(down) = lib.regression_of(at) {
                if down.impact == Impact::None && ctx.allows(down) {
                    below.push(down);
                }
                at = down;
            }
            below.reverse();
            let rung = usize::from(lead_up_weeks / LEAD_UP_WEEKS).min(below.len().checked_sub(1)?);
            Some((below[rung], t))
        })
        .collect()
}

fn prescribe<'a>(ctx: &WeekCtx, s: &SlotState<'a>, change: &str) -> Prescription<'a> {
    let ex = s.exercise;
    let light = matches!(ex.pattern, Pattern::Breathing | Pattern::Mobility);
    let sets = if light {
        1
    } else {
        ctx.phase.base_sets(ctx.weeks_pp)
    };
    let (reps, seconds, metres) = match ex.dose {
        Dose::Reps => (Some(s.amount), None, None),
        Dose::Seconds => (None, Some(s.amount), None),
        Dose::Distance => (None, None, Some(s.amount)),
    };
    let rest = if light { 15 } else { ctx.phase.rest_seconds() };
    let load_kg = match ex.load_source() {
        LoadSource::CarSeat => Some(round1(ctx.baby_kg + ctx.car_seat_kg)),
        _ => ctx.load_kg(s),
    };
    let focus = focus_words(ex, ctx.baby_word());
    let effective = effective_load_kg(ex.load_source(), load_kg);
    let pressure = effective_pressure(ex.pressure, effective, ctx.everyday_kg);
    // One string, built only when there is more to say than the focus.
    let mut text = String::new();
    for_her_words(ctx, ex, effective, &mut |part| {
        push_part(&mut text, focus, part)
    });
    if !change.is_empty() {
        push_part(&mut text, focus, &[change]);
    }
    if let (Some(w), Some(now)) = (s.from_log, load_kg) {
        push_part(&mut text, focus, &[&logged_load_words(ctx, w, now)]);
    }
    let why = if text.is_empty() {
        Cow::Borrowed(focus)
    } else {
        Cow::Owned(text)
    };
    Prescription {
        id: &ex.id,
        name: &ex.name,
        sets,
        reps,
        seconds,
        metres,
        each_side: ex.each_side,
        load_kg,
        load: ex.load_source(),
        rest_seconds: rest,
        impact: ex.impact,
        pressure,
        equipment: &ex.equipment,
        pattern: ex.pattern,
        slot: SlotId {
            pattern: ex.pattern,
            variant: SlotId::READINESS,
        },
        cues: &ex.cues,
        why,
    }
}

/// Where a first load comes from, in her words: her recent working weight, or why it starts
/// below it (the week's cap, or the nearest weight she owns).
fn logged_load_words(ctx: &WeekCtx, w: WorkingWeight, now_kg: f64) -> String {
    let lifted = format!(
        "{} kg you lifted{} on {}",
        fmt_kg(w.kg),
        if w.harder_variant {
            " in a harder variant"
        } else {
            ""
        },
        crate::render::long_date(w.date)
    );
    if now_kg + LOAD_TOLERANCE_KG >= w.kg {
        format!("Starts from the {lifted}.")
    } else if ctx.hold.is_some() || ctx.limit_kg.is_some() {
        format!(
            "Starts at {} kg, as much as the plan allows for now, though you have lifted more: the {lifted} (see the note on loads).",
            fmt_kg(now_kg)
        )
    } else {
        format!(
            "Starts at {} kg, the nearest of your weights below the {lifted}.",
            fmt_kg(now_kg)
        )
    }
}

/// Adds `part` to a prescription's text, which starts with `focus`, a space between them.
/// The part may come in pieces, to be joined without a space.
fn push_part(text: &mut String, focus: &str, pieces: &[&str]) {
    if text.is_empty() {
        text.reserve(focus.len() + 256);
        text.push_str(focus);
    }
    text.push(' ');
    for piece in pieces {
        text.push_str(piece);
    }
}

/// What an exercise means for her in particular, when her situation changes how she does it:
/// doming, leaking or heaviness, a back ache, or a load held at her everyday weight. Each part
/// goes to `out`, in order.
fn for_her_words(ctx: &WeekCtx, ex: &Exercise, load_kg: Option<f64>, out: &mut dyn FnMut(&[&str])) {
    use crate::vocab::Ache;
    let h = &ctx.profile.health;
    let has = |s: Symptom| h.symptoms.contains(&s);
    let leaks = has(Symptom::UrinaryLeakage) || has(Symptom::UrinaryUrgency);
    let heavy = has(Symptom::PelvicHeaviness);
    let doming = has(Symptom::AbdominalDoming)
        || h.diastasis_finger_widths
            .is_some_and(|w| w >= crate::screening::DIASTASIS_REFER_FINGER_WIDTHS);
    let back = ctx.profile.training.aches.contains(&Ache::Back) || has(Symptom::LowBackPain);
    let loaded = load_kg.is_some_and(|kg| kg > 0.0);
    let lift = matches!(
        ex.pattern,
        Pattern::Squat
            | Pattern::Hinge
            | Pattern::Carry
            | Pattern::Lunge
            | Pattern::Push
            | Pattern::Pull
    );
    match ex.pattern {
        Pattern::Core | Pattern::Push if doming => out(&[
            "For your tummy gap: breathe out and draw the tummy in before you move; if a ridge or dome shows along the middle, make it easier or stop.",
        ]),
        Pattern::PelvicFloor | Pattern::Breathing if leaks || heavy => {
            out(&[match (leaks, heavy) {
                (true, true) => {
                    "For the leaking and heaviness you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
                (true, false) => {
                    "For the leaking you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
                _ => {
                    "For the heaviness you report: this is your main treatment; squeeze and lift before a cough, a sneeze or a lift (the knack)."
                }
            }])
        }
        Pattern::Hinge | Pattern::Glutes if back => out(&[
            "For your back: move from the hips with a long spine, and stop short of any back pain.",
        ]),
        _ => {}
    }
    if lift && loaded && (leaks || heavy) && !matches!(ex.pattern, Pattern::Core) {
        out(&[
            "Lift the pelvic floor before the effort and breathe out through it; stop the set if you leak or feel heaviness.",
        ]);
    }
    let stack = matches!(ex.load_source(), LoadSource::Cable | LoadSource::Machine);
    if stack && ctx.hold.is_some() {
        out(&[
            "Set the stack at ",
            &ctx.everyday_words,
            " kg or less, the weight you lift every day; effort light to moderate.",
        ]);
    }
    if lift && loaded && ctx.hold.is_some() {
        out(&[
            "Held at ",
            &ctx.everyday_words,
            " kg or less, the weight you lift every day; effort light to moderate.",
        ]);
    }
}

fn focus_words(ex: &Exercise, baby: &str) -> &'static str {
    let child = baby == "child";
    match ex.pattern {
        Pattern::Squat if child => "Squat: getting up and down with your child.",
        Pattern::Carry if ex.load_source() == LoadSource::Bodyweight => {
            "Walking tall and steady: the base for carrying."
        }
        Pattern::Carry if child => "Carrying: your child, the bags and the shopping.",
        Pattern::Breathing => "Warm-up: connect breath, deep core and pelvic floor.",
        Pattern::PelvicFloor => "Pelvic-floor strength and timing, in a position that builds.",
        Pattern::Core => "Deep core first, then control against load.",
        Pattern::Glutes => "Glutes: support for your back, pelvis and knees.",
        Pattern::Squat => "Squat: getting up and down with your baby.",
        Pattern::Hinge => "Hinge: lifting from the floor, cot and car with a long back.",
        Pattern::Lunge => "Single-leg strength and balance for stairs and kerbs.",
        Pattern::Push => "Pushing strength: the buggy, getting up off the floor.",
        Pattern::Pull if child => "Upper back: posture for carrying and everyday life.",
        Pattern::Mobility if child => "Ease for the neck, back and hips.",
        Pattern::Pull => "Upper back: posture for feeding and carrying.",
        Pattern::Carry => "Carrying: your baby, the car seat and the shopping.",
        Pattern::Mobility => "Ease for the neck, back and hips after feeds and carrying.",
        Pattern::Impact => "Impact drill: preparing tendons and pelvic floor for running.",
    }
}

/// Seeds the ladders from what she logged: progress, repeat or regress each exercise, and say why.
fn adapt_from_log<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    log: &TrainingLog,
    states: &mut BTreeMap<Slot, SlotState<'a>>,
    changes: &mut BTreeMap<Slot, String>,
    notes: &mut Vec<String>,
) -> Vec<Adaptation> {
    let mut latest: BTreeMap<&str, &LogEntry> = BTreeMap::new();
    for e in &log.entries {
        latest.insert(e.exercise.as_str(), e);
    }
    let mut by_date: Vec<&LogEntry> = latest.into_values().collect();
    by_date.sort_by_key(|e| (e.date, e.line));
    let mut adaptations = Vec::new();
    for e in by_date {
        let Some(ex) = lib.get(&e.exercise) else {
            continue;
        };
        let loads = ctx.owned_loads(ex);
        let load_index = loads.map(|loads| {
            let logged = e.load_kg.unwrap_or(0.0);
            loads.iter().rposition(|w| *w <= logged + 0.01).unwrap_or(0)
        });
        let target = e
            .target_reps
            .unwrap_or_else(|| e.reps.iter().copied().max().unwrap_or(ex.range[0]));
        let done = SlotState {
            exercise: ex,
            load_index,
            amount: target.clamp(ex.range[0], ex.range[1]),
            from_log: None,
        };
        // Her recent working weight, when heavier than this last session's load: progress
        // starts from it.
        let working = ctx
            .history
            .get(&ex.id)
            .filter(|w| {
                !w.harder_variant && e.load_kg.is_none_or(|kg| w.kg > kg + LOAD_TOLERANCE_KG)
            })
            .and_then(|w| {
                let i = loads?
                    .iter()
                    .rposition(|kg| *kg <= w.kg + LOAD_TOLERANCE_KG)?;
                (Some(i) != load_index).then_some((*w, i))
            });
        let during: Vec<Symptom> = e
            .symptoms_during
            .iter()
            .copied()
            .filter(|s| count_symptom(*s))
            .collect();
        let after: Vec<Symptom> = e
            .symptoms_after
            .iter()
            .copied()
            .filter(|s| count_symptom(*s))
            .collect();
        let when = crate::render::long_date(e.date);
        let over_limit = ctx
            .limit_kg
            .is_some_and(|limit| e.load_kg.is_some_and(|kg| kg > limit + 0.05));
        let blocked = if over_limit {
            Some(Block::CaesareanLimit)
        } else {
            ctx.block(ex).filter(|b| *b != Block::LoggedSymptom)
        };
        let recent = e.date >= ctx.starts - Duration::days(RED_FLAG_LOOKBACK_DAYS);
        let other: Vec<Symptom> = e
            .symptoms_during
            .iter()
            .chain(&e.symptoms_after)
            .copied()
            .filter(|s| !count_symptom(*s))
            .collect();
        let (state, decision, text) = if let (Some(block), true) = (blocked, during.is_empty()) {
            let instead = settle(lib, ctx, done);
            (
                instead.unwrap_or(done),
                "not_yet",
                format!(
                    "{} on {when}: not for you yet: {}. {}",
                    ex.name,
                    block.describe(ctx.phase),
                    match block {
                        Block::Equipment(k) => format!(
                            "If you have {}, add `{}` to your profile's equipment; until then the plan chooses what fits what you have.",
                            k.describe(),
                            k.as_str()
                        ),
                        _ => "Please stop doing it for now; the plan chooses what is open to you."
                            .to_owned(),
                    }
                ),
            )
        } else if !during.is_empty() {
            let words = symptom_words(&during);
            notes.push(format!(
                "You logged {words} during {} on {when}. Ease off as the plan does; if it happens again, or lasts, see a pelvic-health physio ({}).",
                ex.name,
                sources::GOOM_2019
            ));
            match lib.regression_of(ex) {
                Some(down) => (
                    fresh_state(ctx, down),
                    "regress",
                    format!(
                        "{} during {} on {when}: one step down its ladder to {}{}.",
                        capitalised(&words),
                        ex.name,
                        down.name,
                        if recent {
                            ", and impact stops until a week without symptoms"
                        } else {
                            ""
                        }
                    ),
                ),
                None => {
                    let lighter = SlotState {
                        amount: ex.range[0],
                        load_index: done.load_index.map(|i| i.saturating_sub(1)),
                        ..done
                    };
                    (
                        lighter,
                        "regress",
                        format!(
                            "{} during {} on {when}: it is already the easiest variant, so fewer reps (and a lighter load if you have one){}.",
                            capitalised(&words),
                            ex.name,
                            if recent {
                                ", and impact stops until a week without symptoms"
                            } else {
                                ""
                            }
                        ),
                    )
                }
            }
        } else if !after.is_empty() {
            notes.push(format!(
                "You logged {} after {} on {when}. If it happens again, or lasts, see a pelvic-health physio ({}).",
                symptom_words(&after),
                ex.name,
                sources::GOOM_2019
            ));
            (
                done,
                "repeat",
                format!(
                    "{} after the session on {when}: {} stays the same until a week without symptoms; impact stops until then.",
                    capitalised(&symptom_words(&after)),
                    ex.name
                ),
            )
        } else if !other.is_empty() || !e.red_flags.is_empty() {
            let mut words: Vec<&str> = other.iter().map(|s| s.describe()).collect();
            words.extend(e.red_flags.iter().map(|f| f.describe()));
            (
                done,
                "repeat",
                format!(
                    "{} on {when}: you logged {}. It stays the same, with no progression, until you have seen your GP.",
                    ex.name,
                    words.join("; ")
                ),
            )
        } else if e.reps.iter().any(|r| *r < target) {
            (
                done,
                "repeat",
                format!(
                    "{} on {when}: some sets fell short of {target}, so repeat the same dose before moving on.",
                    ex.name
                ),
            )
        } else if e.rpe.is_some_and(|r| r > 8) {
            (
                done,
                "repeat",
                format!(
                    "{} on {when}: all reps done but it felt very hard (effort {} of 10), so repeat it before moving on.",
                    ex.name,
                    e.rpe.unwrap_or(9)
                ),
            )
        } else {
            let base = working.map_or(done, |(_, i)| SlotState {
                load_index: Some(i),
                ..done
            });
            let (next, step) = step_up(lib, ctx, base, 0);
            let from = working.map_or(String::new(), |(w, _)| {
                format!(
                    "from the {} kg you lifted on {}, ",
                    fmt_kg(w.kg),
                    crate::render::long_date(w.date)
                )
            });
            let text = match step {
                Step::Top => format!(
                    "{} on {when}: all done; you are at the top of this ladder for now, so keep it here.",
                    ex.name
                ),
                _ => format!(
                    "{} on {when}: all {} sets of {target}{} with no symptoms, so progress: {from}{}.",
                    ex.name,
                    e.sets,
                    e.rpe
                        .map_or(String::new(), |r| format!(" at effort {r} of 10")),
                    describe_step(ctx, &base, &next, step)
                        .unwrap_or_default()
                        .trim_end_matches('.')
                        .to_lowercase()
                ),
            };
            (next, "progress", text)
        };
        // The first session template that trains this pattern and has no logged exercise yet.
        let variant = (0..templates(ctx.phase).len())
            .map(|t| variant_of(ctx.phase, t, ex.pattern))
            .find(|v| !states.contains_key(&(ex.pattern, *v)))
            .unwrap_or(0);
        let slot = (ex.pattern, variant);
        let mut text = text;
        if decision == "regress"
            && let Some(down) = ctx.block(state.exercise)
        {
            match settle(lib, ctx, state) {
                Some(st) => text.push_str(&format!(
                    " This week that means {}, because {} is not open to you: {}.",
                    st.exercise.name,
                    state.exercise.name,
                    down.describe(ctx.phase)
                )),
                None => text.push_str(" The plan leaves this movement out this week."),
            }
        }
        // History never lifts her above what the week allows: say so when it holds her back.
        let lifted = working.map(|(w, _)| w.kg).or(e.load_kg);
        if let (Some(kg), Some(now), true) =
            (lifted, ctx.load_kg(&state), state.exercise.id == ex.id)
            && kg > now + LOAD_TOLERANCE_KG
            && (ctx.hold.is_some() || ctx.limit_kg.is_some())
        {
            text.push_str(&format!(
                " Your {} kg is more than the plan allows for now: {} kg until loads may rise (see the note on loads).",
                fmt_kg(kg),
                fmt_kg(now)
            ));
        }
        changes.insert(slot, format!("From your log: {text}"));
        states.insert(slot, state);
        adaptations.push(Adaptation {
            exercise: ex.id.clone(),
            date: e.date,
            decision,
            text,
        });
    }
    adaptations
}

fn symptom_words(symptoms: &[Symptom]) -> String {
    let words: Vec<&str> = symptoms.iter().map(|s| s.as_str()).collect();
    words.join(", ").replace('_', " ")
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Notes for the whole plan: running, referrals.
fn add_plan_notes(
    profile: &Profile,
    screening: &Screening,
    paused_by: Option<Date>,
    notes: &mut Vec<String>,
) {
    if profile.training.goals.contains(&Goal::Running) {
        if let Some(on) = paused_by {
            notes.push(format!(
                "Running: paused after the symptom you logged on {}. It comes back once you have logged a week of training without leaking, heaviness or pain ({}).",
                crate::render::long_date(on),
                sources::GOOM_2019
            ));
        } else if screening.running.cleared {
            let owns_buggy = profile.training.equipment.has(EquipmentKind::Buggy);
            notes.push(
                if owns_buggy && screening.as_of < screening.running.buggy_from {
                    format!(
                        "Running: cleared. Running with the buggy: from 6 months ({}) and once 30 minutes of running feels comfortable ({}).",
                        crate::render::long_date(screening.running.buggy_from),
                        sources::BUGGY_RUNNING
                    )
                } else if owns_buggy {
                    format!(
                        "Running: cleared ({}). Running with the buggy: once 30 minutes of running feels comfortable ({}).",
                        sources::GOOM_2019,
                        sources::BUGGY_RUNNING
                    )
                } else {
                    format!("Running: cleared ({}).", sources::GOOM_2019)
                },
            );
        } else {
            let blockers = &screening.running.blockers;
            let tests: Vec<&str> = blockers.iter().filter_map(|b| b.test_task()).collect();
            let first: Vec<_> = blockers
                .iter()
                .filter(|b| b.test_task().is_none())
                .map(|b| b.as_str())
                .collect();
            let mut text = format!(
                "Running: not yet. It needs 12 weeks after birth (from {}), no pelvic-floor or tummy symptoms, and every readiness test passed ({}).",
                crate::render::long_date(screening.running.earliest),
                sources::GOOM_2019
            );
            if !first.is_empty() {
                text.push_str(&format!(" First: {}.", first.join("; ")));
            }
            if !tests.is_empty() {
                text.push_str(&format!(
                    " Tests still to pass (the plan practises the strength ones): {}.",
                    tests.join("; ")
                ));
            }
            notes.push(text);
        }
    }
    for referral in &screening.referrals {
        let why: Vec<&str> = screening
            .reasons
            .iter()
            .filter(|r| r.referral == Some(*referral))
            .map(|r| {
                r.text
                    .split_once(". ")
                    .map_or(r.text.as_str(), |(first, _)| first)
            })
            .collect();
        notes.push(if why.is_empty() {
            referral.advice().to_owned()
        } else {
            format!("{} Why: {}.", referral.advice(), why.join("; "))
        });
    }
    let mood = screening.refers_to(crate::screening::Referral::MentalHealth)
        || screening.refers_to(crate::screening::Referral::MentalHealthUrgent);
    if mood {
        notes.push(
            "On a hard week, a short walk or just your pelvic-floor practice still counts. Movement helps mood alongside support, not instead of it."
                .to_owned(),
        );
    }
}
