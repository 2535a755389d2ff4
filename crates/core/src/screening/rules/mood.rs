//! The mood questionnaires: a self-harm answer is urgent whatever the total; the totals refer
//! from 10; a yes to a Whooley question leads to a full assessment.

use super::red_flags::urgent_finding;
use crate::questionnaire::EpdsBand;
use crate::screening::facts::Facts;
use crate::screening::finding::{Decision, Finding};
use crate::screening::{GAD7_REFER_SCORE, PHQ9_REFER_SCORE, Referral};

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

/// A yes to either Whooley question: NICE CG192 says a full assessment follows. With no PHQ-9 or
/// EPDS to go on, or when she says she wants help, that is a talk with her GP, midwife or health
/// visitor.
pub(crate) fn whooley(f: &Facts, _: &Decision) -> Option<Finding> {
    let w = f.whooley.filter(|w| w.positive())?;
    let assessed = f.phq9.is_some() || f.epds.is_some();
    let wants_help = w.wants_help == Some(true);
    if assessed && !wants_help {
        return None;
    }
    let felt = match (w.down, w.no_interest) {
        (true, true) => "often felt down and had little interest or pleasure in doing things",
        (true, false) => "often felt down, depressed or hopeless",
        _ => "often had little interest or pleasure in doing things",
    };
    let text = if wants_help {
        format!(
            "You said that during the past month you have {felt}, and that you would like help with it. Please talk to your GP, midwife or health visitor: feeling like this after a birth is common and treatable, and NICE advises a full assessment after a yes to these questions."
        )
    } else {
        format!(
            "You said that during the past month you have {felt}. NICE advises a full assessment after a yes to these questions: please talk to your GP, midwife or health visitor about how you have been feeling."
        )
    };
    Some(Finding::says(text).refer(Referral::MentalHealth))
}

/// The GAD-7 total and its band.
pub(crate) fn gad7_score(f: &Facts, _: &Decision) -> Option<Finding> {
    let (_, g) = f.gad7.as_ref()?;
    let referral = (g.score >= GAD7_REFER_SCORE).then_some(Referral::MentalHealth);
    let text = if referral.is_some() {
        format!(
            "Your GAD-7 anxiety score is {} ({}). Scores of 10 or more often mean anxiety that deserves care. Please talk to your GP, midwife or health visitor.",
            g.score, g.band
        )
    } else {
        format!(
            "Your GAD-7 anxiety score is {} ({}). If worry starts to get in the way of your days, tell someone and answer it again.",
            g.score, g.band
        )
    };
    Some(Finding::says(text).refer(referral))
}

#[cfg(test)]
mod tests {
    use crate::{Profile, ProfileFormat, screen};
    use time::macros::date;

    fn fired(health: &str) -> bool {
        let text = format!(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\npostnatal_check_done = true\n{health}\n"
        );
        let p = Profile::parse(&text, ProfileFormat::Toml, date!(2026 - 11 - 24)).unwrap();
        screen(&p).fired("whooley-positive")
    }

    #[test]
    fn whooley_refers_on_a_yes_unless_a_questionnaire_already_assessed_her() {
        assert!(!fired("whooley = { down = false, no_interest = false }"));
        assert!(fired("whooley = { down = false, no_interest = true }"));
        assert!(!fired(
            "whooley = { down = true, no_interest = false, wants_help = false }\nphq9 = [1,1,0,0,0,0,0,0,0]"
        ));
        assert!(!fired(
            "whooley = { down = true, no_interest = true }\nepds = [0,0,3,0,3,3,3,3,3,3]"
        ));
        assert!(fired(
            "whooley = { down = true, no_interest = true, wants_help = true }\nepds = [0,0,3,0,3,3,3,3,3,3]"
        ));
    }
}
