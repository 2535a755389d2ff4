//! The week loop: a [`Generator`] holds what carries from one week to the next, and each week
//! is made in steps (its screening, its sessions, its walk-run, its load and notes, then the
//! progression into the next week), each a method in the module it belongs to.

use crate::library::{Exercise, Library, LoadSource, Pattern};
use crate::log::TrainingLog;
use crate::profile::Profile;
use crate::screening::{DateKey, Screening, date_key, redate, screen_for_week};
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration};

use super::adapt::{adapt_from_log, impact_pause, symptom_exercises};
use super::context::{BlockKey, Blocks, WeekCtx, earliest_thresholds, week_ctx};
use super::everyday_load::LoadHold;
use super::ladders::Ladders;
use super::layout::{Layout, Layouts};
use super::maps::PositionMap;
use super::notes::add_plan_notes;
use super::phases::Phase;
use super::progression::{PelvicFloorDose, Progress, WorkingWeight, working_weights};
use super::running::running_families;
use super::sessions::Slot;
use super::view::Signs;
use super::{Adaptation, Cleared, Plan, PlanOptions, Week};

/// What a plan is made from, the same for all its weeks.
pub(super) struct Inputs<'a, 'p> {
    pub(super) library: &'a Library,
    /// Her profile, with what she logged counted in.
    pub(super) profile: &'p Profile,
    pub(super) options: &'p PlanOptions,
    pub(super) log: &'p TrainingLog,
    /// The logged symptom that pauses impact and running, if any ([`impact_pause`]).
    pub(super) paused_by: Option<Date>,
    /// Exercises she logged symptoms during: avoided while impact is paused.
    pub(super) avoid_ids: BTreeSet<String>,
    /// Her recent working weights ([`working_weights`]).
    pub(super) history: BTreeMap<String, WorkingWeight>,
    /// Where each library exercise's load comes from, by position, worked out once.
    pub(super) sources: Vec<LoadSource>,
    /// What in her profile changes how she does an exercise.
    pub(super) signs: Signs,
    /// The library's earliest weeks after birth for her delivery ([`earliest_thresholds`]).
    pub(super) earliest: Vec<u8>,
}

impl<'a, 'p> Inputs<'a, 'p> {
    pub(super) fn new(
        library: &'a Library,
        profile: &'p Profile,
        options: &'p PlanOptions,
        log: &'p TrainingLog,
    ) -> Self {
        Inputs {
            library,
            profile,
            options,
            log,
            paused_by: impact_pause(log, options.start),
            avoid_ids: symptom_exercises(options, log),
            history: working_weights(log, library, options.start),
            sources: library
                .exercises()
                .iter()
                .map(Exercise::load_source)
                .collect(),
            signs: Signs::of(profile),
            earliest: earliest_thresholds(library, profile),
        }
    }
}

/// The plan in the making: what carries from one week to the next, and the weeks made so far.
pub(super) struct Generator<'a, 'p> {
    pub(super) inputs: &'p Inputs<'a, 'p>,
    /// Her profile, dated each week in turn for the week's screening.
    pub(super) at: Profile,
    pub(super) progress: Progress,
    pub(super) ladders: Ladders<'a>,
    pub(super) pelvic_floor: PelvicFloorDose,
    /// Last week's aerobic minutes.
    pub(super) aerobic: Option<u16>,
    pub(super) last_phase: Option<Phase>,
    /// Strength sessions so far: the templates take turns across weeks.
    pub(super) strength_sessions: usize,
    /// Whether last week's heaviest carry or lift was ahead of her everyday load.
    pub(super) last_ahead: Option<bool>,
    pub(super) last_hold: Option<(LoadHold, Phase)>,
    pub(super) layouts: Layouts,
    /// The running-strength families, looked up once ([`running_families`]).
    pub(super) running_families: Vec<Vec<&'a Exercise>>,
    /// Patterns already said to have no exercise that fits her.
    pub(super) missing_told: Vec<Pattern>,
    /// Last week's sets per exercise, by library position: a lighter week does fewer.
    pub(super) last_week_sets: PositionMap<u8>,
    pub(super) adaptations: Vec<Adaptation>,
    pub(super) plan_notes: Vec<String>,
    pub(super) weeks: Vec<Week<'a>>,
    pub(super) everyday_line: Vec<f64>,
    /// Last week's screening, moved on to this week when no time limit lies between them.
    pub(super) last_screening: Option<(DateKey, Screening)>,
    /// Last week's blocks, taken over by a week with the same [`BlockKey`].
    pub(super) last_blocks: Option<(BlockKey, Blocks)>,
}

/// One week in the making: its screening and what its steps share.
pub(super) struct WeekWork<'p> {
    /// 1-based.
    pub(super) w: u8,
    pub(super) ctx: WeekCtx<'p>,
    pub(super) phase_why: String,
    /// A lighter week (every 4th).
    pub(super) deload: bool,
    pub(super) impact_paused: bool,
    /// Running on after the walk-run (Perform, still cleared).
    pub(super) keep_running: bool,
    /// Runs this week: the walk-run, or the running after it.
    pub(super) runs_this_week: bool,
    pub(super) layout: std::rc::Rc<Layout>,
    pub(super) notes: Vec<String>,
    /// The slots trained this week.
    pub(super) trained: Vec<Slot>,
    /// A lead-up drill for the jog test was done this week.
    pub(super) lead_up_week: bool,
}

impl<'a, 'p> Generator<'a, 'p> {
    pub(super) fn new(
        inputs: &'p Inputs<'a, 'p>,
        pelvic_floor: PelvicFloorDose,
        plan_notes: Vec<String>,
    ) -> Self {
        Generator {
            inputs,
            at: inputs.profile.clone(),
            progress: Progress::default(),
            ladders: Ladders::default(),
            pelvic_floor,
            aerobic: None,
            last_phase: None,
            strength_sessions: 0,
            last_ahead: None,
            last_hold: None,
            layouts: Layouts::default(),
            running_families: running_families(inputs.library),
            missing_told: Vec::new(),
            last_week_sets: PositionMap::default(),
            adaptations: Vec::new(),
            plan_notes,
            weeks: Vec::with_capacity(usize::from(inputs.options.weeks)),
            everyday_line: Vec::new(),
            last_screening: None,
            last_blocks: None,
        }
    }

    /// Makes week `w` and moves every ladder on to the next.
    pub(super) fn week(&mut self, w: u8) {
        let mut week = self.start_week(w);
        let sessions = self.sessions(&mut week);
        let shown_ids = self.after_sessions(&mut week, &sessions);
        self.first_week_notes(&mut week);
        let walk_run = self.walk_run(&week);
        let aerobic_minutes = self.aerobic_minutes(&week, walk_run.as_ref());
        let everyday_load = self.everyday_load(&mut week, &sessions);
        self.week_notes(&mut week);
        let ran = walk_run.is_some();
        let ctx = &week.ctx;
        self.weeks.push(Week {
            week: w,
            starts: ctx.starts,
            weeks_postpartum: ctx.weeks_pp,
            phase: ctx.phase,
            phase_why: std::mem::take(&mut week.phase_why),
            deload: week.deload,
            cleared: Cleared {
                impact: ctx.impact_ok,
                high_pressure: ctx.high_pressure_ok,
                running: ctx.screening.running.cleared && !week.impact_paused,
                lifting_limit_kg: ctx.limit_kg,
            },
            pelvic_floor: self.pelvic_floor,
            aerobic_minutes,
            walk_run,
            everyday_load,
            sessions,
            notes: std::mem::take(&mut week.notes),
        });
        self.progress_week(&week, &shown_ids, ran);
        let block_key = week.ctx.block_key(&self.inputs.earliest);
        self.last_blocks = Some((block_key, week.ctx.blocks));
        self.last_screening = Some((date_key(&self.at), week.ctx.screening));
    }

    /// The week's screening and layout, the log read into the ladders in week 1, and the notes
    /// that open the week.
    fn start_week(&mut self, w: u8) -> WeekWork<'p> {
        let inputs = self.inputs;
        let starts = inputs.options.start + Duration::weeks(i64::from(w - 1));
        let impact_paused = inputs.paused_by.is_some();
        // One copy of her profile for every week's screening, dated the week's first day.
        self.at.as_of = starts;
        let screening = match self.last_screening.take() {
            Some((key, mut screening)) if key == date_key(&self.at) => {
                redate(&mut screening, &self.at);
                screening
            }
            _ => screen_for_week(&self.at),
        };
        let (mut ctx, phase_why) =
            week_ctx(inputs, screening, starts, &self.progress, impact_paused);
        let key = ctx.block_key(&inputs.earliest);
        ctx.blocks = match self.last_blocks.take() {
            Some((last, blocks)) if last == key => blocks,
            _ => vec![std::cell::OnceCell::new(); inputs.library.exercises().len()],
        };
        let phase = ctx.phase;
        if w == 1 && !inputs.log.is_empty() {
            self.adaptations = adapt_from_log(
                inputs.library,
                &ctx,
                inputs.log,
                &mut self.ladders,
                &mut self.plan_notes,
            );
        }
        let mut notes = Vec::new();
        if self.last_phase != Some(phase) {
            if let Some(prev) = self.last_phase {
                notes.push(format!(
                    "New phase: {} (after {}).",
                    phase.title(),
                    prev.title()
                ));
            }
            self.last_phase = Some(phase);
        }
        if impact_paused && w == 1 {
            notes.push(
                "Impact and running are paused after the symptom you logged. They come back after a week of training with no symptoms: log your sessions and make the plan again."
                    .to_owned(),
            );
        }
        let keep_running = phase == Phase::Perform
            && self.progress.walk_run_done
            && ctx.screening.running.cleared
            && !impact_paused;
        let runs_this_week = phase == Phase::ReturnToImpact || keep_running;
        let layout = self
            .layouts
            .get(inputs.profile.training.days_per_week, runs_this_week);
        WeekWork {
            w,
            ctx,
            phase_why,
            deload: w.is_multiple_of(4),
            impact_paused,
            keep_running,
            runs_this_week,
            layout,
            notes,
            trained: Vec::new(),
            lead_up_week: false,
        }
    }

    /// The plan: the weeks made, with the notes for the whole plan.
    pub(super) fn finish(mut self, screening: Screening) -> Plan<'a> {
        let inputs = self.inputs;
        add_plan_notes(
            inputs.profile,
            &screening,
            inputs.paused_by,
            &mut self.plan_notes,
        );
        Plan {
            screening,
            library_version: inputs.library.version().to_owned(),
            start: inputs.options.start,
            everyday_load_kg: self.everyday_line,
            adaptations: self.adaptations,
            notes: self.plan_notes,
            weeks: self.weeks,
            disclaimer: crate::screening::DISCLAIMER,
        }
    }
}
