//! Symptoms for the GP: bleeding beyond 8 weeks and caesarean scar pain keep her to gentle work
//! until they are seen to.

use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding, WaitOn};
use crate::screening::{Blocker, ExerciseLevel, Referral};

/// Bleeding beyond 8 weeks that is not a period.
pub(crate) fn bleeding(f: &Facts, _: &Decision) -> Option<Finding> {
    f.bleeding.then(|| {
        Finding::says(
            "You report bleeding that goes on (or has come back) beyond 8 weeks after birth and is not your period. Please see your GP to find out why. Keep to gentle exercise, with no impact, until then; if bleeding increases with activity, scale back.",
        )
        .refer(Referral::Gp)
        .level(ExerciseLevel::Gentle)
        .blocks([Blocker::Bleeding])
        .waits_on(WaitOn::BleedingReview)
    })
}

/// Caesarean scar pain.
pub(crate) fn scar_pain(f: &Facts, _: &Decision) -> Option<Finding> {
    f.scar_pain.then(|| {
        Finding::says(
            "You report pain at your caesarean scar. Ask your GP to check it. Harder exercise should wait until the scar is healing without concern; keep to gentle work until then.",
        )
        .refer(Referral::Gp)
        .level(ExerciseLevel::Gentle)
        .blocks([Blocker::ScarPain])
        .waits_on(WaitOn::ScarCheck)
    })
}
