use crate::profile::Profile;
use crate::screening::{ExerciseLevel, Screening};
use crate::sources;
use crate::vocab::{EquipmentKind, Goal};
use time::Date;

use super::context::WeekCtx;
use super::generator::{Generator, WeekWork};
use super::phases::goals;
use super::sessions::TRAINING_DAYS_MAX;
use super::timing::SESSION_MINUTES_MAX;

/// Notes for the whole plan: running, referrals.
pub(super) fn add_plan_notes(
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

impl<'a, 'p> Generator<'a, 'p> {
    /// Notes for week 1 on how her week is laid out: one day, long sessions, too many days, or
    /// a walk-run with no room.
    pub(super) fn first_week_notes(&self, week: &mut WeekWork<'p>) {
        if week.w != 1 {
            return;
        }
        let training = &self.inputs.profile.training;
        let days = training.days_per_week;
        if days == 1 {
            week.notes.push(format!(
                "Muscle-strengthening twice a week is the recommendation ({}). On a second day, a short 10-minute session fits: your pelvic-floor practice, one squat and one carry with your {} (say, 2 sets each while the kettle boils).",
                sources::CMO_2019,
                week.ctx.baby_word()
            ));
        }
        if training.minutes_per_session > SESSION_MINUTES_MAX {
            week.notes.push(format!(
                "Sessions stop at {SESSION_MINUTES_MAX} minutes, though you have {}: past an hour, tiredness costs form and your pelvic floor tires. Spend the extra time on a walk (it counts towards your 150 minutes) or add a training day.",
                training.minutes_per_session
            ));
        }
        if days > TRAINING_DAYS_MAX {
            week.notes.push(format!(
                "The plan trains {TRAINING_DAYS_MAX} days and keeps one day of full rest each week: rest is when you get stronger."
            ));
        }
        if week.runs_this_week && week.layout.runs.is_empty() {
            week.notes.push(
                "With one training day a week the walk-run waits: it needs two days with a rest day between. Add a day to your profile when you can."
                    .to_owned(),
            );
        }
    }

    /// The notes that close a week: a lighter week (and the tests to retry in it), the
    /// postnatal check, the load model when it changes, and the caesarean lifting limit.
    pub(super) fn week_notes(&mut self, week: &mut WeekWork<'p>) {
        let ctx = &week.ctx;
        let notes = &mut week.notes;
        if week.deload {
            notes.push(
                "A lighter week: one set fewer (or shorter sets), same loads. Let your body catch up."
                    .into(),
            );
            if let Some(words) = retry_tests_words(self.inputs.profile, ctx, week.impact_paused) {
                notes.push(words);
            }
        }
        if ctx.screening.fired("postnatal-check") && (6..52).contains(&ctx.weeks_pp) {
            notes.push(
                "Have you had your 6-8 week postnatal check? If not, book it: exercise builds up after it. Once you have, update your profile and make the plan again."
                    .to_owned(),
            );
        }
        // The load model, in words: once at the start and whenever the hold changes.
        let hold_now = ctx.hold.map(|h| (h, ctx.phase));
        if hold_now != self.last_hold {
            if let Some(words) = ctx.hold_words() {
                notes.push(words);
            } else if self.last_hold.is_some() {
                notes.push(
                    "Loads can now rise above what you lift every day: the plan adds weight as you master each step. Keep breathing out as you lift, and ease off if leaking or heaviness comes back."
                        .to_owned(),
                );
            }
            self.last_hold = hold_now;
        }
        if let Some(limit) = ctx.limit_kg {
            notes.push(format!(
                "After your caesarean, nothing heavier than your baby (about {limit} kg) until {} ({}).",
                crate::render::long_date(
                    ctx.screening.lifting_limit.as_ref().map_or(ctx.starts, |l| l.until)
                ),
                sources::HSE_CAESAREAN
            ));
        }
    }
}

/// In a lighter week, the return-to-running tests to retry: only when the tests are all that
/// stand between her and running, never while symptoms, a pending assessment or the calendar
/// hold impact back.
fn retry_tests_words(profile: &Profile, ctx: &WeekCtx, impact_paused: bool) -> Option<String> {
    let blockers = &ctx.screening.running.blockers;
    let only_tests = blockers.iter().all(|b| b.test_task().is_some());
    let retry = goals(profile).contains(&Goal::Running)
        && !ctx.screening.running.cleared
        && ctx.screening.exercise == ExerciseLevel::Progressive
        && ctx.weeks_pp >= 12
        && !blockers.is_empty()
        && only_tests
        && !impact_paused;
    if !retry {
        return None;
    }
    let tasks: Vec<&str> = blockers.iter().filter_map(|b| b.test_task()).collect();
    Some(format!(
        "A good week to retry the return-to-running tests that remain: {}. Stop any test that brings on leaking, heaviness or pain. Update your profile with what you pass.",
        tasks.join("; ")
    ))
}
