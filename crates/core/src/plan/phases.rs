use crate::library::Pressure;
use crate::profile::Profile;
use crate::screening::{ExerciseLevel, Screening};
use crate::sources;
use crate::vocab::{Experience, Goal};
use serde::Serialize;
use time::Date;

use super::progression::Progress;
use super::running::LONG_RUN_MAX_MINUTES;

/// The phases of a postnatal programme, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
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

    pub(super) fn level_cap(self) -> u8 {
        match self {
            Phase::Reconnect => 2,
            Phase::Foundations => 4,
            Phase::Build | Phase::ReturnToImpact => 7,
            Phase::Perform => 10,
        }
    }

    /// The level a new ladder climbs to when this phase first uses it.
    pub(super) fn entry_level(self) -> u8 {
        match self {
            Phase::Reconnect => 1,
            Phase::Foundations => 2,
            Phase::Build | Phase::ReturnToImpact => 3,
            Phase::Perform => 5,
        }
    }

    pub(super) fn pressure_cap(self) -> Pressure {
        match self {
            Phase::Reconnect => Pressure::Low,
            Phase::Foundations => Pressure::Medium,
            _ => Pressure::High,
        }
    }

    pub(super) fn base_sets(self, weeks_postpartum: i64) -> u8 {
        match self {
            Phase::Reconnect if weeks_postpartum < 4 => 1,
            Phase::Reconnect => 2,
            Phase::Foundations => 2,
            _ => 3,
        }
    }

    pub(super) fn rest_seconds(self) -> u16 {
        match self {
            Phase::Reconnect => 30,
            Phase::Foundations => 45,
            Phase::Build | Phase::ReturnToImpact => 60,
            Phase::Perform => 90,
        }
    }
}

pub(super) fn goals(profile: &Profile) -> &std::collections::BTreeSet<Goal> {
    &profile.training.goals
}

pub(super) fn experience_bonus(profile: &Profile, phase: Phase) -> u8 {
    u8::from(profile.training.experience == Experience::Experienced && phase >= Phase::Build)
}

pub(super) fn decide_phase(
    profile: &Profile,
    s: &Screening,
    progress: &Progress,
    impact_paused: bool,
    starts: Date,
) -> (Phase, String) {
    let weeks = s.weeks_postpartum;
    if s.exercise != ExerciseLevel::Progressive {
        return (Phase::Reconnect, reconnect_why(s));
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

/// Why the screening keeps her to the Reconnect phase, with its sources.
fn reconnect_why(s: &Screening) -> String {
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
    format!("Reconnect: {}.", parts.join("; "))
}
