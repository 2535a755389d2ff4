use crate::library::{Impact, Pattern};
use crate::profile::Profile;
use crate::vocab::{Ache, Goal};
use serde::Serialize;
use std::borrow::Cow;
use time::Duration;

use super::context::WeekCtx;
use super::drills::{ReadinessDrill, readiness_drills};
use super::generator::{Generator, WeekWork};
use super::ladders::{settle, start_ladder};
use super::maps::SlotSet;
use super::phases::{Phase, experience_bonus};
use super::running::running_strength;
use super::timing::{SESSION_MINUTES_MAX, fill, fit, session_minutes};
use super::view::prescribe;
use super::{Prescription, Session};

/// A programme slot: a movement pattern in one of the week's session templates.
pub(super) type Slot = (Pattern, u8);

/// Which ladder of a pattern a session template walks: 0 in the first template that trains the
/// pattern, 1 in the second, and so on.
pub(super) fn variant_of(phase: Phase, template: usize, pattern: Pattern) -> u8 {
    let before = templates(phase)
        .iter()
        .take(template)
        .filter(|(_, patterns)| patterns.contains(&pattern))
        .count();
    u8::try_from(before).unwrap_or(0)
}

pub(super) fn slot_name((pattern, variant): Slot) -> SlotId {
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

/// Session templates per phase: patterns in priority order (the first kept when time is short).
pub(super) fn templates(phase: Phase) -> &'static [(&'static str, &'static [Pattern])] {
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

/// Patterns added at the end of a strength session to fill her minutes (dropped first).
pub(super) const FILLER_PATTERNS: &[Pattern] = &[
    Pattern::Glutes,
    Pattern::Lunge,
    Pattern::Hinge,
    Pattern::Pull,
    Pattern::Push,
    Pattern::Squat,
];

pub(super) fn wants_pelvic_floor_priority(profile: &Profile) -> bool {
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
pub(super) fn session_patterns(
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
pub(super) const RECOVERY_TITLE: &str = "Recovery: breath, pelvic floor and mobility";

pub(super) const RECOVERY_PATTERNS: &[Pattern] =
    &[Pattern::Breathing, Pattern::PelvicFloor, Pattern::Mobility];

pub(super) const RECOVERY_TEMPLATE: usize = 7;

pub(super) const RECOVERY_VARIANT: u8 = 7;
impl<'a, 'p> Generator<'a, 'p> {
    /// The week's sessions, one per session day of its layout: at most 4 strength sessions a
    /// week; with 5 to 7 days, the others are recovery sessions (breath, pelvic floor,
    /// mobility), so no day is hard two days running.
    pub(super) fn sessions(&mut self, week: &mut WeekWork<'p>) -> Vec<Session<'a>> {
        let drills = readiness_drills(self.inputs.library, &week.ctx, self.progress.lead_up_weeks);
        let mut drill_turn = 0;
        let mut sessions = Vec::with_capacity(week.layout.sessions.len());
        for d in 0..week.layout.sessions.len() {
            let session = self.session(week, &drills, &mut drill_turn, d, sessions.len());
            sessions.push(session);
        }
        sessions
    }

    /// Session `d` of the week: its ladders, a readiness drill, running strength and a
    /// cool-down, fitted to her minutes (and lighter in a lighter week).
    fn session(
        &mut self,
        week: &mut WeekWork<'p>,
        drills: &[ReadinessDrill<'a>],
        drill_turn: &mut usize,
        d: usize,
        turn: usize,
    ) -> Session<'a> {
        let inputs = self.inputs;
        let profile = inputs.profile;
        let phase = week.ctx.phase;
        let offset = week.layout.sessions[d];
        let days = profile.training.days_per_week;
        let recovery = !week.runs_this_week
            && phase != Phase::Reconnect
            && days >= 5
            && d % 2 == 1
            && d < 2 * usize::from(days.min(TRAINING_DAYS_MAX) - 4);
        let (title, patterns, index) = if recovery {
            (RECOVERY_TITLE, RECOVERY_PATTERNS, RECOVERY_TEMPLATE)
        } else {
            let tmpl = templates(phase);
            let index = self.strength_sessions % tmpl.len();
            self.strength_sessions += 1;
            (tmpl[index].0, tmpl[index].1, index)
        };
        let list = session_list(week, patterns, recovery, offset);
        // Room for the drill, the running strength and the cool-down too.
        let mut exercises = Vec::with_capacity(list.len() + 6);
        for pattern in list {
            if let Some(p) = self.ladder_exercise(week, pattern, recovery, index) {
                exercises.push(p);
            }
        }
        if !recovery {
            self.readiness_drill(week, &mut exercises, drills, drill_turn);
        }
        if week.runs_this_week && !recovery {
            running_strength(
                &self.running_families,
                &week.ctx,
                &mut exercises,
                turn,
                week.layout.sessions.len(),
                week.layout.drill_days.contains(&offset),
                self.progress.running_weeks,
            );
        }
        self.cool_down(week, &mut exercises, d);
        let minutes = profile
            .training
            .minutes_per_session
            .min(SESSION_MINUTES_MAX);
        fit(&mut exercises, minutes, phase);
        if !recovery {
            fill(&mut exercises, minutes, phase);
        }
        if week.deload {
            self.lighten(&mut exercises);
        }
        let title = if exercises.iter().any(|e| e.impact != Impact::None) {
            Cow::Owned([title, " + impact drills"].concat())
        } else {
            Cow::Borrowed(title)
        };
        Session {
            day: u8::try_from(d + 1).unwrap_or(u8::MAX),
            date: week.ctx.starts + Duration::days(offset),
            title,
            estimated_minutes: session_minutes(&exercises),
            exercises,
        }
    }

    /// The exercise of one pattern's ladder in a session, if one fits her this week; a pattern
    /// with none is said once.
    fn ladder_exercise(
        &mut self,
        week: &mut WeekWork<'p>,
        pattern: Pattern,
        recovery: bool,
        index: usize,
    ) -> Option<Prescription<'a>> {
        let inputs = self.inputs;
        let library = inputs.library;
        let ctx = &week.ctx;
        let phase = ctx.phase;
        let variant = if recovery {
            RECOVERY_VARIANT
        } else {
            variant_of(phase, index, pattern)
        };
        let slot = (pattern, variant);
        let known = self.ladders.states.get(&slot).copied();
        let state = match known {
            Some(st) => settle(library, ctx, st),
            None => start_ladder(library, ctx, slot, experience_bonus(inputs.profile, phase)),
        };
        let Some(state) = state else {
            if !recovery && !self.missing_told.contains(&pattern) && pattern != Pattern::Impact {
                self.missing_told.push(pattern);
                let why = library
                    .of_pattern(pattern)
                    .filter(|e| e.regression.is_none())
                    .find_map(|e| ctx.block(e))
                    .map_or_else(String::new, |b| format!(": {}", b.describe(phase)));
                week.notes.push(format!(
                    "No {} exercise fits you this week{why}. The session leaves it out.",
                    pattern.as_str().replace('_', " ")
                ));
            }
            return None;
        };
        if let Some(before) = known
            && !std::ptr::eq(before.exercise, state.exercise)
            && !self.ladders.changes.contains_key(&slot)
        {
            let why = ctx
                .block(before.exercise)
                .map_or_else(String::new, |b| format!(": {}", b.describe(phase)));
            self.ladders.changes.insert(
                slot,
                format!(
                    "Easier variant for now instead of {}{why}.",
                    before.exercise.name
                ),
            );
        }
        let (state, change) = self.ladders.take(ctx, &mut week.trained, slot, state);
        let mut p = prescribe(ctx, &state, change);
        if recovery {
            p.sets = p.sets.min(2);
            p.rest_seconds = p.rest_seconds.min(30);
        }
        p.slot = slot_name(slot);
        Some(p)
    }

    /// A lighter week: a set fewer than last week, whatever time allowed then.
    fn lighten(&self, exercises: &mut [Prescription<'a>]) {
        for e in exercises.iter_mut() {
            // Lighter than last week, whatever time allowed then.
            let before = self
                .last_week_sets
                .get(e.position)
                .copied()
                .unwrap_or(e.sets);
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

    /// After the week's sessions: where a first load came from is told in the week it is first
    /// done, the sets are kept for a lighter week, and only the slots she actually does this
    /// week progress. Returns the library positions of the exercises shown (true at each).
    pub(super) fn after_sessions(
        &mut self,
        week: &mut WeekWork<'p>,
        sessions: &[Session<'a>],
    ) -> Vec<bool> {
        let mut shown_ids = vec![false; self.inputs.library.exercises().len()];
        self.last_week_sets.clear();
        for e in sessions.iter().flat_map(|s| &s.exercises) {
            if let Some(shown) = shown_ids.get_mut(e.position) {
                *shown = true;
            }
            let sets = match self.last_week_sets.get(e.position) {
                Some(before) => (*before).min(e.sets),
                None => e.sets,
            };
            self.last_week_sets.insert(e.position, sets);
        }
        let ladders = &mut self.ladders;
        for st in ladders
            .doses
            .values_mut()
            .chain(ladders.states.values_mut())
        {
            if shown_ids.get(st.exercise.position()) == Some(&true) {
                st.from_log = None;
            }
        }
        let mut done = SlotSet::new();
        for e in sessions.iter().flat_map(|s| &s.exercises) {
            done.insert((e.slot.pattern, e.slot.variant));
        }
        week.trained.retain(|slot| done.contains(*slot));
        shown_ids
    }
}

/// A session's patterns in order: her goals' (see [`session_patterns`]), impact drills only on
/// the layout's drill days (48 hours from any other impact), and, time allowing, more of the
/// other sessions' patterns at the end (fitting drops them first).
fn session_list(
    week: &WeekWork,
    patterns: &[Pattern],
    recovery: bool,
    offset: i64,
) -> Vec<Pattern> {
    let ctx = &week.ctx;
    let mut list = session_patterns(ctx.profile, ctx, patterns, recovery);
    if !week.layout.drill_days.contains(&offset) {
        list.retain(|p| *p != Pattern::Impact);
    }
    if !recovery && ctx.phase != Phase::Reconnect {
        for extra in FILLER_PATTERNS {
            if !list.contains(extra) {
                list.push(*extra);
            }
        }
    }
    list
}
