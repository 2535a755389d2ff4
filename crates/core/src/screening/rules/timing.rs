//! Time since birth: the postnatal check, the first six weeks, the caesarean limits and the
//! 12 weeks before high effort.

use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding, Hold, WaitOn};
use crate::screening::{Blocker, ExerciseLevel, IMMEDIATE_PERIOD_DAYS, LiftingLimit, Referral};
use crate::text::{long_date, plural};

/// No 6-8 week postnatal check: book it; from 6 weeks to a year, gentle work until it is done.
pub(crate) fn postnatal_check(f: &Facts, _: &Decision) -> Option<Finding> {
    if f.check_done {
        return None;
    }
    let (text, referral) = if f.weeks < 6 {
        (
            "Your 6-8 week postnatal check is still to come. After it, and depending on how you feel, exercise can gradually become more intense.",
            None,
        )
    } else if f.weeks < 8 {
        (
            "Your 6-8 week postnatal check is due now: please book it. Until it is done, keep to gentle exercise; more intense activity builds gradually after the check.",
            None,
        )
    } else if f.days < 365 {
        (
            "You have not had your 6-8 week postnatal check. Please book it with your GP. Until it is done, keep to gentle exercise without progression.",
            Some(Referral::Gp),
        )
    } else {
        (
            "You did not have a postnatal check. It is no longer a reason to hold back exercise this long after birth, but mention it to your GP at your next visit, especially if anything from your pregnancy or birth still bothers you.",
            None,
        )
    };
    let mut finding = Finding::says(text).refer(referral);
    if f.days < 365 {
        finding = finding.waits_on(WaitOn::PostnatalCheck);
        if f.days >= IMMEDIATE_PERIOD_DAYS {
            finding = finding
                .level(ExerciseLevel::Gentle)
                .blocks([Blocker::PostnatalCheck]);
        }
    }
    Some(finding)
}

/// Under 6 weeks: gentle work only.
pub(crate) fn first_six_weeks(f: &Facts, _: &Decision) -> Option<Finding> {
    if f.days >= IMMEDIATE_PERIOD_DAYS {
        return None;
    }
    let since = match (f.weeks, f.days) {
        (_, 0) => "on the day".to_owned(),
        (0, d) => plural(d, "day", "days"),
        (w, _) => plural(w, "week", "weeks"),
    };
    Some(
        Finding::says(format!(
            "You are {since} after birth. For now: pelvic-floor exercises, breathing with gentle tummy activation, walking and gentle mobility, building up as you feel able. More demanding exercise can build gradually after your postnatal check (from about {}).",
            long_date(f.six_weeks)
        ))
        .level(ExerciseLevel::Gentle),
    )
}

/// Caesarean under 6 weeks: nothing heavier than the baby.
pub(crate) fn caesarean_lifting(f: &Facts, _: &Decision) -> Option<Finding> {
    if !f.caesarean || f.days >= IMMEDIATE_PERIOD_DAYS {
        return None;
    }
    let mut finding = Finding::says(format!(
        "After a caesarean, lift nothing heavier than your baby until 6 weeks ({}), and roll to your side to get up rather than sitting straight up.",
        long_date(f.six_weeks)
    ));
    finding.lifting_limit = Some(LiftingLimit {
        max: "baby_weight",
        until: f.six_weeks,
    });
    Some(finding)
}

/// Under 12 weeks: high effort waits, and running starts from 12 weeks.
fn too_soon(f: &Facts, text: String) -> Finding {
    Finding::says(text)
        .hold(Hold::HeavyEffort)
        .blocks([Blocker::TooSoon(f.twelve_weeks)])
}

/// Under 12 weeks after a vaginal birth: high effort waits.
pub(crate) fn high_effort_wait(f: &Facts, _: &Decision) -> Option<Finding> {
    (f.before_twelve_weeks() && !f.caesarean).then(|| {
        too_soon(f, format!(
            "Exercise intensity builds from moderate towards vigorous over at least 3 months. Heavy lifting, jumping and running wait until at least {}.",
            long_date(f.twelve_weeks)
        ))
    })
}

/// Under 12 weeks after a caesarean: high effort waits, and only if the scar heals well.
pub(crate) fn caesarean_high_effort(f: &Facts, _: &Decision) -> Option<Finding> {
    (f.before_twelve_weeks() && f.caesarean).then(|| {
        too_soon(f, format!(
            "After a caesarean the wound takes about 12 weeks to heal properly. High-effort exercise (running, jumping, heavy weights) waits until about {}, and then only if your scar is healing well.",
            long_date(f.twelve_weeks)
        ))
    })
}
