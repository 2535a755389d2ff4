//! The return-to-running tests she has not passed, practised in her sessions (or led up to,
//! while impact is closed).

use crate::library::{Exercise, Impact, Library};
use crate::readiness::{READINESS_TESTS, ReadinessTest, TestGroup};
use crate::sources;
use crate::vocab::Goal;
use std::borrow::Cow;

use super::Prescription;
use super::context::WeekCtx;
use super::everyday_load::LoadHold;
use super::generator::{Generator, WeekWork};
use super::ladders::fresh_state;
use super::phases::Phase;
use super::view::prescribe_as;

/// The readiness test whose movement is practised without landing while impact is closed.
pub(super) const JOG_TEST: &str = "jog_on_spot_1_min";

/// Weeks on each lead-up rung of the jog test (fast march, then high-knee march).
pub(super) const LEAD_UP_WEEKS: u8 = 3;

/// Drills for the return-to-running tests she has not passed, each with its test: the strength
/// tests and the balance and single-leg squat tests as they are, and the jog-on-the-spot test,
/// while impact is closed, by the marches below it on its ladder (no landing), the easier first,
/// one rung up every [`LEAD_UP_WEEKS`] weeks of practice (not while pelvic-floor or tummy signs
/// hold her loads back: those come first).
pub(super) fn readiness_drills<'a>(
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

/// A readiness drill and the test it practises or leads up to.
pub(super) type ReadinessDrill<'a> = (&'a Exercise, &'static crate::readiness::ReadinessTest);

impl<'a, 'p> Generator<'a, 'p> {
    /// The session's readiness drill, the week's drills taking turns: at the same dose as the
    /// ladder that holds the exercise, if one does, second in the session.
    pub(super) fn readiness_drill(
        &self,
        week: &mut WeekWork<'p>,
        exercises: &mut Vec<Prescription<'a>>,
        drills: &[ReadinessDrill<'a>],
        drill_turn: &mut usize,
    ) {
        let Some((drill, test)) = drills.get(*drill_turn % drills.len().max(1)).copied() else {
            return;
        };
        if exercises.iter().any(|e| e.position == drill.position()) {
            return;
        }
        *drill_turn += 1;
        let ctx = &week.ctx;
        let state = self
            .ladders
            .states
            .values()
            .find(|st| std::ptr::eq(st.exercise, drill))
            .copied()
            .unwrap_or_else(|| fresh_state(ctx, drill));
        let why = drill_why(test, drill.readiness_test.as_deref() == Some(test.key));
        exercises.insert(1.min(exercises.len()), prescribe_as(ctx, &state, why));
        week.lead_up_week |= drill.readiness_test.is_none();
    }
}

/// Why a readiness drill is in the session: it practises its test, or (a march) leads up to it.
fn drill_words(test: &ReadinessTest, practises: bool) -> String {
    if practises {
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
    }
}

/// [`drill_words`] for every readiness test, by key: the same words every session, built once.
static DRILL_WHY: std::sync::LazyLock<Vec<(&'static str, String, String)>> =
    std::sync::LazyLock::new(|| {
        READINESS_TESTS
            .iter()
            .map(|t| (t.key, drill_words(t, true), drill_words(t, false)))
            .collect()
    });

/// [`drill_words`], from those built once where the test is one of [`READINESS_TESTS`].
fn drill_why(test: &ReadinessTest, practises: bool) -> Cow<'static, str> {
    match DRILL_WHY.iter().find(|(key, ..)| *key == test.key) {
        Some((_, practise, lead_up)) => Cow::Borrowed(if practises { practise } else { lead_up }),
        None => Cow::Owned(drill_words(test, practises)),
    }
}
