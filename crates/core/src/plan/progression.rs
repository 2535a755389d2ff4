use crate::library::{Dose, Exercise, Library};
use crate::log::TrainingLog;
use crate::profile::Profile;
use crate::screening::Screening;
use crate::vocab::Experience;
use serde::Serialize;
use std::collections::BTreeMap;
use time::{Date, Duration};

use super::adapt::count_symptom;
use super::context::WeekCtx;
use super::everyday_load::LOAD_TOLERANCE_KG;
use super::generator::{Generator, WeekWork};
use super::ladders::{fresh_state, next_rung};
use super::phases::Phase;
use super::running::EASY_RUN_MINUTES;
use super::view::describe_step;

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

    pub(super) fn step_up(self) -> PelvicFloorDose {
        let t = Self::TARGET;
        PelvicFloorDose {
            slow_holds: (self.slow_holds + 1).min(t.slow_holds),
            hold_seconds: (self.hold_seconds + 1).min(t.hold_seconds),
            quick_squeezes: (self.quick_squeezes + 1).min(t.quick_squeezes),
            times_per_day: t.times_per_day,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct SlotState<'a> {
    pub(super) exercise: &'a Exercise,
    /// Index into the owned weights of the exercise's load source.
    pub(super) load_index: Option<usize>,
    pub(super) amount: u16,
    /// The working weight from her log this first load starts from, told once.
    pub(super) from_log: Option<WorkingWeight>,
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

/// How a ladder moved from one week to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    More,
    Heavier,
    Harder,
    Top,
}

/// The weekly rise in dose: small enough that no week jumps by much more than a third.
pub(super) fn amount_step(ex: &Exercise, amount: u16) -> u16 {
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
pub(super) const BRIDGE_REPS: u16 = 4;

/// One step of double progression on one exercise: the dose up its range, then the next weight
/// she owns. `None` when both are used up: the exercise is mastered.
pub(super) fn step_dose<'a>(ctx: &WeekCtx, s: SlotState<'a>) -> Option<(SlotState<'a>, Step)> {
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
pub(super) fn harder_state<'a>(
    ctx: &WeekCtx,
    before: &SlotState,
    up: &'a Exercise,
) -> SlotState<'a> {
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
pub(super) fn clamp_load<'a>(ctx: &WeekCtx, mut s: SlotState<'a>) -> SlotState<'a> {
    if let (Some(i), Some(loads)) = (s.load_index, ctx.owned_loads(s.exercise)) {
        s.load_index = Some(i.min(loads.len().saturating_sub(1)));
    }
    s
}

/// Double progression with the ladder: the dose, then the load, then the next rung.
pub(super) fn step_up<'a>(
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

#[derive(Default)]
pub(super) struct Progress {
    /// Weeks with walk-runs so far: the running-strength block builds with them.
    pub(super) running_weeks: u8,
    /// Weeks with a lead-up drill for the jog test (the marches) so far.
    pub(super) lead_up_weeks: u8,
    pub(super) foundation_weeks: u8,
    pub(super) build_weeks: u8,
    pub(super) walk_run_stage: u8,
    pub(super) walk_run_done: bool,
    /// The running progression after the walk-run: next run week's long run (0 before).
    pub(super) long_run: u8,
    /// The long run of the last run week of the progression (30 after the walk-run).
    pub(super) last_long: u8,
    /// Quality weeks progressed through, once the long run has reached 45 minutes.
    pub(super) quality: Option<u8>,
}

pub(super) fn first_pelvic_floor_dose(screening: &Screening, profile: &Profile) -> PelvicFloorDose {
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

impl<'a, 'p> Generator<'a, 'p> {
    /// Progress for next week, except into a lighter week: it repeats this week's work with a
    /// set fewer, and progress resumes after it. A change is told the next time the exercise is
    /// done, which may be weeks later.
    pub(super) fn progress_week(&mut self, week: &WeekWork<'p>, shown_ids: &[bool], ran: bool) {
        self.ladders
            .changes
            .retain(|slot| !week.trained.contains(slot));
        for (id, shown) in shown_ids.iter().enumerate() {
            if *shown {
                self.ladders.ex_changes.remove(id);
            }
        }
        let next_is_lighter = (week.w + 1).is_multiple_of(4);
        // This week's long run, in the running progression.
        let week_long = self.progress.long_run.max(EASY_RUN_MINUTES);
        if !next_is_lighter {
            self.pelvic_floor = self.pelvic_floor.step_up();
            self.step_ladders(week);
            self.step_running(week, week_long);
        }
        self.count_running(week, week_long, ran);
        match week.ctx.phase {
            Phase::Foundations => self.progress.foundation_weeks += 1,
            Phase::Build | Phase::ReturnToImpact | Phase::Perform => self.progress.build_weeks += 1,
            Phase::Reconnect => {}
        }
    }

    /// First each exercise done this week takes one step of dose or load; then a slot whose
    /// exercise is mastered moves one rung up its own ladder.
    fn step_ladders(&mut self, week: &WeekWork<'p>) {
        let ctx = &week.ctx;
        let ladders = &mut self.ladders;
        let mut ready_for_harder: Vec<usize> = Vec::new();
        let mut stepped: Vec<usize> = Vec::with_capacity(week.trained.len());
        for slot in &week.trained {
            let Some(st) = ladders.states.get(slot).copied() else {
                continue;
            };
            let id = st.exercise.position();
            if stepped.contains(&id) {
                continue;
            }
            stepped.push(id);
            let current = ladders.doses.get(id).copied().unwrap_or(st);
            match step_dose(ctx, current) {
                Some((next, step)) => {
                    if let Some(text) = describe_step(ctx, &current, &next, step, week.deload) {
                        ladders.ex_changes.insert(id, text);
                    }
                    ladders.doses.insert(id, next);
                }
                None => ready_for_harder.push(id),
            }
        }
        for slot in &week.trained {
            let slot = *slot;
            let Some(st) = ladders.states.get(&slot).copied() else {
                continue;
            };
            let current = ladders
                .doses
                .get(st.exercise.position())
                .copied()
                .unwrap_or(st);
            if ready_for_harder.contains(&st.exercise.position())
                && let Some(up) = next_rung(self.inputs.library, ctx, st.exercise, slot.1)
            {
                let new = *ladders
                    .doses
                    .get_or_insert_with(up.position(), || harder_state(ctx, &current, up));
                ladders.changes.insert(
                    slot,
                    [
                        "New this week: one step up from ",
                        st.exercise.name.as_str(),
                        ", which you mastered.",
                    ]
                    .concat(),
                );
                ladders.states.insert(slot, new);
            } else {
                ladders.states.insert(slot, current);
            }
        }
    }
}
