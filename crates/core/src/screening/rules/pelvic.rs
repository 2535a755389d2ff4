//! The pelvic floor, the abdominal wall and a third- or fourth-degree tear: a pelvic-health
//! physio, and no heavy effort or impact until they have seen to it.

use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding, Hold, WaitOn};
use crate::screening::{Blocker, Referral};
use crate::text::semicolons;
use crate::vocab::Symptom;

/// Pelvic-floor dysfunction or lumbopelvic pain.
pub(crate) fn pelvic_floor(f: &Facts, _: &Decision) -> Option<Finding> {
    let pfd = &f.pelvic_floor;
    if pfd.is_empty() {
        return None;
    }
    let text = format!(
        "You report: {}. {} that your pelvic floor or the muscles around your pelvis need specialist help before impact. {} Until then: no running, jumping or other impact, and strength work with light to moderate effort, breathing out on the effort: no heavy lifting, breath-holding or straining. Stop any exercise that brings {} on.",
        semicolons(pfd, Symptom::describe),
        if pfd.len() == 1 {
            "This is a sign"
        } else {
            "These are signs"
        },
        if f.assessed {
            "You have seen a pelvic-health physio: keep to the programme they gave you, and ask them when heavier work and impact can return."
        } else {
            "A pelvic-health physio can assess you and guide your rehabilitation."
        },
        if pfd.len() == 1 { "it" } else { "them" },
    );
    Some(
        Finding::says(text)
            .refer(Referral::PelvicHealthPhysio)
            .hold(Hold::HeavyEffort)
            .blocks([Blocker::PelvicFloor {
                assessed: f.assessed,
            }])
            .waits_on(WaitOn::PelvicFloorPhysio),
    )
}

/// Doming, a pendular abdomen or a gap of 2 finger widths or more.
pub(crate) fn abdominal_wall(f: &Facts, _: &Decision) -> Option<Finding> {
    if f.abdominal_wall.is_empty() {
        return None;
    }
    let text = format!(
        "You report: {}. Your abdominal wall is not yet managing load well. A pelvic-health physio can assess the gap and its tension and guide you. Until then: no impact, and choose exercises where your tummy stays flat without doming.",
        f.abdominal_wall.join("; ")
    );
    Some(
        Finding::says(text)
            .refer(Referral::PelvicHealthPhysio)
            .hold(Hold::HeavyEffort)
            .blocks([Blocker::AbdominalWall {
                assessed: f.assessed,
            }])
            .waits_on(WaitOn::TummyPhysio),
    )
}

/// A third- or fourth-degree tear: a physio assessment before impact.
pub(crate) fn oasi(f: &Facts, _: &Decision) -> Option<Finding> {
    if !f.sphincter_injury {
        return None;
    }
    if f.assessed {
        return Some(Finding::says(
            "You had a third- or fourth-degree tear and have been assessed by a pelvic-health physio: follow their advice alongside this guidance, and go back to them if symptoms appear.",
        ));
    }
    Some(
        Finding::says(
            "You had a third- or fourth-degree tear. A pelvic-health physio assessment is recommended to guide your pelvic-floor recovery; impact and running wait until you have had it. When you have, say so in your profile (pelvic_health_assessment_done = true).",
        )
        .refer(Referral::PelvicHealthPhysio)
        .hold(Hold::Impact)
        .blocks([Blocker::TearAssessment])
        .waits_on(WaitOn::TearAssessment),
    )
}
