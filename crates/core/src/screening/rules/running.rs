//! Impact and running: they sum up the rules before them (no warning sign, no symptom, the
//! calendar) and add the readiness tests still to pass.

use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding, Hold};
use crate::screening::{Blocker, ExerciseLevel};
use crate::text::long_date;

/// Tasks as a list a person reads: "a; b; c".
fn tasks(tests: &[&'static crate::readiness::ReadinessTest]) -> String {
    tests.iter().map(|t| t.task).collect::<Vec<_>>().join("; ")
}

/// Impact from 12 weeks, with no signs and all seven load-and-impact tests passed.
pub(crate) fn impact(f: &Facts, d: &Decision) -> Option<Finding> {
    let remaining = &f.load_remaining;
    let allowed = d.impact_allowed() && remaining.is_empty();
    let mut finding = if d.urgent {
        Finding::quiet()
    } else if allowed {
        Finding::says(
            "You are 12 weeks or more after birth, have no pelvic-floor or abdominal-wall warning signs and passed all seven load-and-impact tests without pain, heaviness or leaking: jumping and hopping drills can be built in gradually.",
        )
    } else if f.before_twelve_weeks() {
        Finding::says(format!(
            "Running, jumping and other impact are not advised before 12 weeks after birth (from {}), whatever the delivery, and only once you can pass the load-and-impact tests without pain, heaviness or leaking.",
            long_date(f.twelve_weeks)
        ))
    } else if f.signs() || f.awaiting_assessment() || d.level != ExerciseLevel::Progressive {
        Finding::says(
            "Impact (running, jumping, hopping) waits until the problems above have been seen to.",
        )
    } else {
        Finding::says(format!(
            "Impact waits until you pass all seven load-and-impact tests without pain, heaviness, dragging or leaking. Still to pass: {}.",
            tasks(remaining)
        ))
    };
    if !remaining.is_empty() {
        finding = finding.hold(Hold::Impact);
    }
    Some(finding.blocks(remaining.iter().map(|t| Blocker::LoadTest(t.task))))
}

/// Running once impact is allowed and all four strength tests are passed.
pub(crate) fn running(f: &Facts, d: &Decision) -> Option<Finding> {
    let remaining = &f.strength_remaining;
    let impact = d.impact_allowed();
    let mut finding = if d.urgent || !impact {
        Finding::quiet()
    } else if remaining.is_empty() {
        Finding::says(
            "You passed the four strength tests (20 each side) as well: you can start a graded return to running, beginning with 1-2 minutes of easy running between walk breaks and increasing time before speed. Stop and step back if leaking, heaviness, pain or bleeding appear.",
        )
    } else {
        Finding::says(format!(
            "Running waits until you pass the strength tests too. Still to pass: {}.",
            tasks(remaining)
        ))
    };
    if !remaining.is_empty() {
        finding = finding.hold(Hold::Running);
    }
    Some(finding.blocks(remaining.iter().map(|t| Blocker::StrengthTest(t.task))))
}

/// Buggy running only from 6 months after birth.
pub(crate) fn buggy(f: &Facts, d: &Decision) -> Option<Finding> {
    (!d.urgent && d.running_cleared() && f.as_of < f.six_months).then(|| {
        Finding::says(format!(
            "Run without the buggy for now: running pushing it is advised only from 6 months after birth ({}).",
            long_date(f.six_months)
        ))
    })
}
