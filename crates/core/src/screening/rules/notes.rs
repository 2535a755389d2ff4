//! What every non-urgent screening says: the activity targets, and breastfeeding.

use crate::screening::ExerciseLevel;
use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding};

/// Pelvic-floor exercises daily, towards 150 minutes a week and strength twice a week.
pub(crate) fn activity_targets(_: &Facts, d: &Decision) -> Option<Finding> {
    if d.urgent {
        return None;
    }
    Some(Finding::says(if d.level == ExerciseLevel::Gentle {
        "Do your pelvic-floor exercises every day (building towards 10 slow holds of up to 10 seconds and 10 quick squeezes, 3 times a day), and walk a little more each week, towards 150 minutes of moderate activity a week."
    } else {
        "Do your pelvic-floor exercises every day, build up to 150 minutes of moderate activity a week (brisk walks with the buggy count), and do muscle-strengthening work at least twice a week."
    }))
}

/// Breastfeeding: she can be active, with good breast support.
pub(crate) fn breastfeeding(f: &Facts, d: &Decision) -> Option<Finding> {
    (!d.urgent && f.breastfeeding).then(|| {
        Finding::says(
            "You can be active while breastfeeding. Good breast support matters: wear a supportive sports bra when you exercise.",
        )
    })
}
