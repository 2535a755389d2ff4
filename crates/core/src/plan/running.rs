use crate::library::{Exercise, Library};
use crate::sources;
use crate::vocab::Goal;
use serde::Serialize;
use std::borrow::Cow;
use time::{Date, Duration};

use super::context::WeekCtx;
use super::generator::{Generator, WeekWork};
use super::ladders::fresh_state;
use super::phases::{Phase, goals};
use super::progression::SlotState;
use super::sessions::SlotId;
use super::view::prescribe_as;
use super::{AEROBIC_TARGET_MINUTES, Prescription};

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

pub(super) fn iso_dates<S: serde::Serializer>(dates: &[Date], s: S) -> Result<S::Ok, S::Error> {
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
pub(super) const STRIDES: [(u8, u8); 4] = [(20, 4), (20, 5), (25, 5), (25, 6)];

/// Interval sessions in order: repeats of 2 minutes comfortably hard and 2 minutes easy after 10
/// minutes easy, so a session runs no longer than an easy run; the last holds.
pub(super) const INTERVAL_REPEATS: [u8; 2] = [4, 5];

/// Seconds of one stride.
pub(super) const STRIDE_SECONDS: u16 = 20;

/// Seconds of the walk back after a stride, until her breathing settles.
pub(super) const STRIDE_WALK_BACK_SECONDS: u16 = 70;

/// What every run after the walk-run carries: cadence, posture and the pelvic-floor stop rule.
/// The stop rule is the guideline's (clinical-facts.md a: stop or regress with symptoms, pain or
/// new bleeding, back to the last level that was symptom-free). The cadence figure is a common
/// coaching guide, not guideline text, and is given as a guide rather than a target.
pub(super) const RUN_CUES: &str = "Cadence: short, quick steps (about 170-180 a minute is a common guide, not a target to force), landing under your hips: don't overstride. Posture: run tall, shoulders relaxed and low, land softly and breathe out on the effort. Stop and walk home, and step back to the last run that felt fine, if you leak, feel heaviness or dragging, pain or bleeding.";

/// Kinds of run in the running progression that follows the walk-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

impl RunKind {
    /// The run in words: "long run", "run with strides".
    pub fn words(self) -> &'static str {
        match self {
            RunKind::Easy => "easy run",
            RunKind::Long => "long run",
            RunKind::Strides => "run with strides",
            RunKind::Intervals => "run with intervals",
        }
    }
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
pub(super) struct RunningStep {
    /// The long run this week.
    pub(super) long: u8,
    /// The long run of the last run week (30 for the walk-run's last stage).
    pub(super) last_long: u8,
    /// Quality weeks done before this one, once the long run has reached 45 minutes.
    pub(super) quality: Option<u8>,
    /// A lighter week: everything as last week.
    pub(super) lighter: bool,
}

/// The long run one week on: one step up, at most [`LONG_RUN_STEP_MINUTES`] and at most a tenth
/// of the week's running (the other runs stay at 30), never past [`LONG_RUN_MAX_MINUTES`].
/// The tenth is a clinic rule of thumb (clinical-facts.md a: "10 % per week", not guideline text)
/// kept as a ceiling: with one run a week the long run grows 3 minutes at a time.
pub(super) fn next_long_run(long: u8, runs: usize) -> u8 {
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
pub(super) fn running_week(step: RunningStep, dates: &[Date]) -> Vec<Run> {
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
pub(super) fn long_run_words(step: RunningStep, runs: usize) -> String {
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
pub(super) fn quality_run(q: u8, within: Option<u8>) -> (RunKind, u8, u8, String) {
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
pub(super) fn buggy_running(starts: Date, buggy_from: Date, thirty_done: bool) -> (bool, String) {
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

/// The slot variant of the running-strength block (outside the session ladders).
pub(super) const RUNNING_VARIANT: u8 = SlotId::READINESS;

/// The running-strength families (Goom, Donnelly & Brockwell 2019: calf raise, single-leg
/// bridge, sit-to-stand and hop tests), each an easiest-to-hardest line. Impact lines go only on
/// drill days.
pub(super) const RUNNING_STRENGTH: &[&[&str]] = &[
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
pub(super) fn running_strength<'a>(
    families: &[Vec<&'a Exercise>],
    ctx: &WeekCtx,
    exercises: &mut Vec<Prescription<'a>>,
    turn: usize,
    sessions: usize,
    drill_day: bool,
    running_weeks: u8,
) {
    let sessions = sessions.max(1);
    let step = usize::from(running_weeks / 2);
    for (f, family) in families.iter().enumerate() {
        let impact_line = f == RUNNING_STRENGTH.len() - 1;
        if impact_line && !drill_day {
            continue;
        }
        if !impact_line && f % sessions != turn % sessions {
            continue;
        }
        let open = || family.iter().copied().filter(|e| ctx.allows(e));
        let count = open().count();
        let Some(ex) = open().nth(step.min(count.saturating_sub(1))) else {
            continue;
        };
        if exercises.iter().any(|e| e.position == ex.position()) {
            continue;
        }
        let climb = u16::from(running_weeks) * 2;
        let state = SlotState {
            amount: (ex.range[0] + climb).min(ex.range[1]),
            ..fresh_state(ctx, ex)
        };
        let mut p = prescribe_as(ctx, &state, Cow::Borrowed(&RUNNING_STRENGTH_WHY[f]));
        p.slot = SlotId {
            pattern: ex.pattern,
            variant: RUNNING_VARIANT,
        };
        exercises.push(p);
    }
}

/// The running-strength families of [`RUNNING_STRENGTH`] as the library's exercises, looked
/// up once per plan.
pub(super) fn running_families(lib: &Library) -> Vec<Vec<&Exercise>> {
    RUNNING_STRENGTH
        .iter()
        .map(|family| family.iter().filter_map(|id| lib.get(id)).collect())
        .collect()
}

/// Why each running-strength family is there, in [`RUNNING_STRENGTH`]'s order: the same words
/// every week, built once.
static RUNNING_STRENGTH_WHY: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0..RUNNING_STRENGTH.len())
        .map(|f| {
            format!(
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
            )
        })
        .collect()
});

impl<'a, 'p> Generator<'a, 'p> {
    /// The week's walk-run stage (or, after the walk-run, its runs), on the layout's run days.
    pub(super) fn walk_run(&self, week: &WeekWork<'p>) -> Option<WalkRun> {
        let ctx = &week.ctx;
        let progress = &self.progress;
        let run_dates: Vec<Date> = week
            .layout
            .runs
            .iter()
            .map(|d| ctx.starts + Duration::days(*d))
            .collect();
        if !week.runs_this_week || run_dates.is_empty() {
            return None;
        }
        let stage = if week.keep_running {
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
        let runs = if week.keep_running {
            running_week(
                RunningStep {
                    long: progress.long_run.max(EASY_RUN_MINUTES),
                    last_long: progress.last_long.max(EASY_RUN_MINUTES),
                    quality: progress.quality,
                    lighter: week.deload,
                },
                &run_dates,
            )
        } else {
            Vec::new()
        };
        let (buggy_allowed, buggy_why) = buggy_running(
            ctx.starts,
            ctx.screening.running.buggy_from,
            week.keep_running,
        );
        Some(WalkRun {
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
            dates: run_dates,
        })
    }

    /// The week's aerobic minutes: up by 15 a week towards 150, held in a lighter week, and
    /// never less than the week's running.
    pub(super) fn aerobic_minutes(
        &mut self,
        week: &WeekWork<'p>,
        walk_run: Option<&WalkRun>,
    ) -> u16 {
        let weeks_pp = week.ctx.weeks_pp;
        let first_minutes =
            match week.ctx.phase {
                Phase::Reconnect if weeks_pp < 2 => 30,
                Phase::Reconnect => 60,
                Phase::Foundations => 90,
                _ => 120,
            } + if goals(self.inputs.profile).contains(&Goal::GeneralFitness) && weeks_pp >= 2 {
                15
            } else {
                0
            };
        let mut minutes = match self.aerobic {
            None => first_minutes,
            Some(prev) if week.deload => prev,
            Some(prev) => prev + 15,
        }
        .min(AEROBIC_TARGET_MINUTES);
        if let Some(wr) = walk_run {
            let running = if wr.runs.is_empty() {
                u16::from(wr.session_minutes) * u16::from(wr.sessions)
            } else {
                wr.runs.iter().map(|r| u16::from(r.session_minutes)).sum()
            };
            minutes = minutes.max(running).min(AEROBIC_TARGET_MINUTES);
        }
        self.aerobic = Some(minutes);
        minutes
    }

    /// The walk-run a stage on, or the running after it a week on (never into a lighter week,
    /// which repeats this one). `week_long` is this week's long run.
    pub(super) fn step_running(&mut self, week: &WeekWork<'p>, week_long: u8) {
        let progress = &mut self.progress;
        let runs = week.layout.runs.len();
        if week.ctx.phase == Phase::ReturnToImpact && runs > 0 {
            if usize::from(progress.walk_run_stage) + 1 >= WALK_RUN_STAGES.len() {
                progress.walk_run_done = true;
                // 30 minutes continuous: next week one run grows.
                progress.last_long = EASY_RUN_MINUTES;
                progress.long_run = next_long_run(EASY_RUN_MINUTES, runs);
            } else {
                progress.walk_run_stage += 1;
            }
        }
        if week.keep_running && runs > 0 {
            progress.quality = match progress.quality {
                Some(q) => Some(q.saturating_add(1)),
                None if week_long >= LONG_RUN_MAX_MINUTES => Some(0),
                None => None,
            };
            progress.long_run = next_long_run(week_long, runs);
        }
    }

    /// What every week does to the running progression, lighter or not: what the next run
    /// week compares with, a restart after a week without running, and the weeks of running
    /// and of lead-up drills counted.
    pub(super) fn count_running(&mut self, week: &WeekWork<'p>, week_long: u8, ran: bool) {
        let progress = &mut self.progress;
        if week.keep_running && !week.layout.runs.is_empty() {
            // What the next run week compares with, lighter week or not.
            progress.last_long = week_long;
        }
        if progress.walk_run_done && !week.runs_this_week {
            // A week without running after the walk-run: she starts again from 30 minutes, and
            // speed work waits for the long run to be back at 45.
            progress.long_run = EASY_RUN_MINUTES;
            progress.last_long = EASY_RUN_MINUTES;
            progress.quality = None;
        }
        if week.lead_up_week {
            progress.lead_up_weeks = progress.lead_up_weeks.saturating_add(1);
        }
        if ran {
            progress.running_weeks = progress.running_weeks.saturating_add(1);
        }
    }
}
