//! Red flags: warning signs after birth stop exercise and need help now.

use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding};
use crate::screening::{Blocker, ExerciseLevel, Referral};
use crate::text::semicolons;
use crate::vocab::RedFlag;

/// An urgent finding: stop, and the urgent help comes before running.
pub(super) fn urgent_finding(text: String, referral: Referral) -> Finding {
    Finding::says(text)
        .refer(referral)
        .level(ExerciseLevel::Stop)
        .blocks([Blocker::UrgentHelp])
}

/// Heavy bleeding, chest pain, sudden breathlessness, severe headache or calf pain: emergency.
pub(crate) fn emergency(f: &Facts, _: &Decision) -> Option<Finding> {
    (!f.emergency_flags.is_empty()).then(|| {
        urgent_finding(
            format!(
                "You report: {}. This can be a sign of a serious problem after birth (such as heavy blood loss, a blood clot or high blood pressure). Stop exercising and get emergency help now.",
                semicolons(&f.emergency_flags, RedFlag::describe)
            ),
            Referral::EmergencyCare,
        )
    })
}

/// Fever, wound infection or mastitis: a GP the same day.
pub(crate) fn gp(f: &Facts, _: &Decision) -> Option<Finding> {
    (!f.gp_flags.is_empty()).then(|| {
        urgent_finding(
            format!(
                "You report: {}. This may be an infection that needs treatment. Do not exercise; contact your GP or midwife today.",
                semicolons(&f.gp_flags, RedFlag::describe)
            ),
            Referral::Gp,
        )
    })
}

/// Thoughts of harming herself or her baby: urgent mental-health help.
pub(crate) fn self_harm(f: &Facts, _: &Decision) -> Option<Finding> {
    f.self_harm_flag.then(|| {
        urgent_finding(
            "You told us you have had thoughts of harming yourself or your baby. You are not alone and this can get better with help. Please talk to someone today.".to_owned(),
            Referral::MentalHealthUrgent,
        )
    })
}
