//! The mood questionnaires: a self-harm answer is urgent whatever the total; the totals refer
//! from 10.

use super::red_flags::urgent_finding;
use crate::questionnaire::EpdsBand;
use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding};
use crate::screening::{PHQ9_REFER_SCORE, Referral};

/// EPDS item 10 above 0: urgent.
pub(crate) fn epds_self_harm(f: &Facts, _: &Decision) -> Option<Finding> {
    f.epds.as_ref().filter(|(_, r)| r.self_harm).map(|_| {
        urgent_finding(
            "Your answer to item 10 of the mood questionnaire (EPDS) needs a same-day conversation with a professional, whatever your total score. Please talk to someone today.".to_owned(),
            Referral::MentalHealthUrgent,
        )
    })
}

/// PHQ-9 item 9 above 0: urgent.
pub(crate) fn phq9_self_harm(f: &Facts, _: &Decision) -> Option<Finding> {
    f.phq9.as_ref().filter(|(_, r)| r.self_harm).map(|_| {
        urgent_finding(
            "Your answer to item 9 of the PHQ-9 needs a same-day conversation with a professional, whatever your total score. Please talk to someone today.".to_owned(),
            Referral::MentalHealthUrgent,
        )
    })
}

/// The EPDS total and its band.
pub(crate) fn epds_score(f: &Facts, _: &Decision) -> Option<Finding> {
    let (e, _) = f.epds.as_ref()?;
    let score = e.total();
    let (text, referral) = match e.band() {
        _ if e.self_harm() => (
            format!(
                "Your EPDS total is {score}, but the total matters less than your answer to item 10: please talk to someone today, as above."
            ),
            (e.band() >= EpdsBand::Possible).then_some(Referral::MentalHealth),
        ),
        EpdsBand::Probable => (
            format!(
                "Your EPDS mood score is {score} (13 or more). Scores this high often come with postnatal depression, which is common and treatable. Please talk to your GP, midwife or health visitor. Exercise can help your mood alongside their support."
            ),
            Some(Referral::MentalHealth),
        ),
        EpdsBand::Possible => (
            format!(
                "Your EPDS mood score is {score} (10 to 12): possible depression. It is worth talking to your GP, midwife or health visitor, and repeating the questionnaire in 2 weeks."
            ),
            Some(Referral::MentalHealth),
        ),
        EpdsBand::Unlikely => (
            format!(
                "Your EPDS mood score is {score} (under 10): depression is unlikely right now. If your mood changes, tell someone and answer it again."
            ),
            None,
        ),
    };
    Some(Finding::says(text).refer(referral))
}

/// The PHQ-9 total and its band.
pub(crate) fn phq9_score(f: &Facts, _: &Decision) -> Option<Finding> {
    let (_, p) = f.phq9.as_ref()?;
    let band = p.band.replace('_', " ");
    let referral = (p.score >= PHQ9_REFER_SCORE).then_some(Referral::MentalHealth);
    let text = if p.self_harm {
        format!(
            "Your PHQ-9 total is {} ({band}), but the total matters less than your answer to item 9: please talk to someone today, as above.",
            p.score
        )
    } else if referral.is_some() {
        format!(
            "Your PHQ-9 score is {} ({band}). Scores of 10 or more often mean depression that deserves care. Please talk to your GP, midwife or health visitor.",
            p.score
        )
    } else {
        format!(
            "Your PHQ-9 score is {} ({band}). Keep an eye on your mood and answer it again if things change.",
            p.score
        )
    };
    Some(Finding::says(text).refer(referral))
}
