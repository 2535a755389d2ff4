use crate::library::{Exercise, Library, LoadSource, Pattern};
use crate::vocab::Ache;
use std::borrow::Cow;

use super::Prescription;
use super::context::WeekCtx;
use super::everyday_load::LOAD_TOLERANCE_KG;
use super::generator::{Generator, WeekWork};
use super::maps::{PositionMap, SlotMap};
use super::phases::Phase;
use super::progression::{SlotState, clamp_load};
use super::sessions::{Slot, SlotId, slot_name};
use super::view::prescribe_as;

/// Where impact drills start once the impact tests are passed: jogging and running-man level.
pub(super) const IMPACT_ENTRY_LEVEL: u8 = 5;

/// Preference among harder variants: owned weights first, then the baby, then the rest.
pub(super) fn preference(ctx: &WeekCtx, ex: &Exercise) -> u8 {
    match ctx.source(ex) {
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
pub(super) fn eases_count(ctx: &WeekCtx, ex: &Exercise) -> usize {
    ex.eases
        .iter()
        .filter(|a| ctx.profile.training.aches.contains(a))
        .count()
}

/// The next rung up that she may do this week, the preferred first.
///
/// `variant` picks another branch for each session of a week, so session A and session B of the
/// same pattern walk different ladders (a plank line and a side-plank line, say).
pub(super) fn next_rung<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    ex: &'a Exercise,
    variant: u8,
) -> Option<&'a Exercise> {
    let cool_down = slot_name((ex.pattern, variant)).cool_down_ache();
    let open = |e: &&Exercise| {
        ctx.allows(e)
            // A cool-down climbs only through what eases its ache.
            && cool_down.is_none_or(|a| e.eases.contains(&a))
    };
    let mut ups = lib.progressions_of(ex).filter(open);
    let first = ups.next()?;
    let Some(second) = ups.next() else {
        // One rung up: nothing to choose between.
        return Some(first);
    };
    let mut ups: Vec<&Exercise> = [first, second].into_iter().chain(ups).collect();
    // Mobility climbs towards what eases her aches (none for other patterns).
    ups.sort_by_key(|e| {
        (
            std::cmp::Reverse(eases_count(ctx, e)),
            preference(ctx, e),
            std::cmp::Reverse(lib.ladder_size(e)),
        )
    });
    let pick = usize::from(variant) % ups.len();
    Some(ups[pick])
}

/// A new exercise at the bottom of its range. Carries, squats and hinges start from what she
/// already lifts every day: the heaviest owned weight up to her baby's weight for a carry, or
/// three quarters of it for a squat or hinge (both hands share the load). Other exercises start
/// at the lightest weight.
///
/// When she has a recent working weight for it ([`working_weights`]), it starts from that
/// instead, rounded down to a weight she owns and never above what the week allows (the load
/// model's cap, the caesarean limit): history never lifts her above the cap.
pub(super) fn fresh_state<'a>(ctx: &WeekCtx, ex: &'a Exercise) -> SlotState<'a> {
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
pub(super) fn start_ladder<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    (pattern, variant): Slot,
    bonus: u8,
) -> Option<SlotState<'a>> {
    // The lowest rungs open to her: allowed, with nothing allowed below them. Usually the
    // ladders' roots; with an ache or missing kit, the first rung above what she cannot do.
    let mut roots: Vec<&Exercise> = lib
        .of_pattern(pattern)
        .filter(|e| ctx.allows(e))
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
pub(super) fn start_cool_down<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    ache: Ache,
) -> Option<SlotState<'a>> {
    let eases = |e: &Exercise| e.pattern == Pattern::Mobility && e.eases.contains(&ache);
    let mut roots: Vec<&Exercise> = lib
        .of_pattern(Pattern::Mobility)
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
pub(super) fn pick_cool_down<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    exercises: &[Prescription],
    states: &SlotMap<SlotState<'a>>,
    turn: usize,
) -> Option<(Ache, SlotState<'a>)> {
    let eased: Vec<Ache> = exercises
        .iter()
        .filter(|p| p.pattern == Pattern::Mobility)
        .filter_map(|p| lib.exercises().get(p.position))
        .flat_map(|e| e.eases.iter().copied())
        .collect();
    let open = || {
        ctx.profile
            .training
            .aches
            .iter()
            .copied()
            .filter(|a| !eased.contains(a))
    };
    let count = open().count();
    (0..count).find_map(|k| {
        let ache = open().nth((turn + k) % count)?;
        let slot = SlotId::cool_down(ache);
        let state = match states.get(&(slot.pattern, slot.variant)) {
            Some(st) => settle(lib, ctx, *st),
            None => start_cool_down(lib, ctx, ache),
        }?;
        (!exercises
            .iter()
            .any(|p| p.position == state.exercise.position()))
        .then_some((ache, state))
    })
}

/// Walks down a ladder until the exercise is allowed this week.
pub(super) fn settle<'a>(
    lib: &'a Library,
    ctx: &WeekCtx,
    state: SlotState<'a>,
) -> Option<SlotState<'a>> {
    let mut at = state.exercise;
    loop {
        if ctx.allows(at) {
            if std::ptr::eq(at, state.exercise) {
                return Some(clamp_load(ctx, state));
            }
            return Some(fresh_state(ctx, at));
        }
        at = lib.regression_of(at)?;
    }
}

/// Every ladder's place, carried from week to week.
#[derive(Default)]
pub(super) struct Ladders<'a> {
    /// Each slot's exercise and dose.
    pub(super) states: SlotMap<SlotState<'a>>,
    /// What changed for a slot, told the next time it is trained.
    pub(super) changes: SlotMap<String>,
    /// Each exercise's dose (reps, seconds or metres, and load), by library position, shared by
    /// every slot that holds it.
    pub(super) doses: PositionMap<SlotState<'a>>,
    /// What changed for an exercise's dose, told the next time it is done.
    pub(super) ex_changes: PositionMap<String>,
}

impl<'a> Ladders<'a> {
    /// Puts `state` in `slot` for this session: one exercise, one dose, whichever slot it is in
    /// (the dose belongs to the exercise, the slot only says which exercise), held to the week's
    /// load cap; the slot counts as trained. Returns the state and what changed for it, in words.
    pub(super) fn take(
        &mut self,
        ctx: &WeekCtx,
        trained: &mut Vec<Slot>,
        slot: Slot,
        state: SlotState<'a>,
    ) -> (SlotState<'a>, &str) {
        let state = clamp_load(
            ctx,
            *self
                .doses
                .get_or_insert_with(state.exercise.position(), || state),
        );
        self.states.insert(slot, state);
        if !trained.contains(&slot) {
            trained.push(slot);
        }
        let change = self
            .changes
            .get(&slot)
            .or_else(|| self.ex_changes.get(state.exercise.position()))
            .map_or("", String::as_str);
        (state, change)
    }
}

impl<'a, 'p> Generator<'a, 'p> {
    /// Ends session `d` with its cool-down, if an ache of hers is not eased yet.
    pub(super) fn cool_down(
        &mut self,
        week: &mut WeekWork<'p>,
        exercises: &mut Vec<Prescription<'a>>,
        d: usize,
    ) {
        let ctx = &week.ctx;
        let Some((ache, state)) = pick_cool_down(
            self.inputs.library,
            ctx,
            exercises,
            &self.ladders.states,
            usize::from(week.w) + d,
        ) else {
            return;
        };
        let slot = (Pattern::Mobility, SlotId::cool_down(ache).variant);
        let (state, change) = self.ladders.take(ctx, &mut week.trained, slot, state);
        let mut why = String::with_capacity(160 + change.len());
        why.push_str("Cool-down for your ");
        why.push_str(ache.describe());
        why.push_str(": slow, easy movement that eases it; stay within what feels comfortable.");
        if !change.is_empty() {
            why.push(' ');
            why.push_str(change);
        }
        let mut p = prescribe_as(ctx, &state, Cow::Owned(why));
        p.slot = slot_name(slot);
        exercises.push(p);
    }
}
