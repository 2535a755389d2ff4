//! The rule table: each rule's id, title and guideline, and the check that decides it.
//!
//! One macro lists them, so the metadata `mumstrong rules` prints and the checks the engine runs
//! cannot drift apart. A check reads the facts (and the decision so far, for the rules that sum
//! up the ones before them) and returns a [`Finding`] with every effect of the rule, or nothing.

use serde::Serialize;

use super::facts::Facts;
use super::finding::{Decision, Finding};
use super::rules::{mood, notes, pelvic, red_flags, running, symptoms, timing};
use crate::sources;

/// A rule's check: its finding for these facts, given the decision so far, if it fires.
pub(super) type Check = fn(&Facts, &Decision) -> Option<Finding>;

/// One screening rule: what it checks and the guideline it encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable id, used in reasons and tests.
    pub id: &'static str,
    /// What the rule decides, in a line.
    pub title: &'static str,
    /// The guideline it comes from.
    pub source: &'static str,
}

macro_rules! rules {
    ($( $konst:ident = $id:literal, $title:literal, $source:expr => $check:path; )+) => {
        $(
            #[doc = $title]
            pub const $konst: Rule = Rule { id: $id, title: $title, source: $source };
        )+
        /// Every screening rule, in the order they are applied.
        pub const RULES: &[Rule] = &[ $( $konst ),+ ];
        /// Every rule with its check, in the same order: what [`super::screen`] folds over.
        pub(super) const TABLE: &[(Rule, Check)] = &[ $( ($konst, $check) ),+ ];
    };
}

rules! {
    RED_FLAG_EMERGENCY = "red-flag-emergency",
        "Heavy bleeding, chest pain, sudden breathlessness, severe headache or calf pain/swelling: stop, emergency care now",
        sources::POST_BIRTH_WARNING_SIGNS => red_flags::emergency;
    RED_FLAG_GP = "red-flag-gp",
        "Fever, wound infection or mastitis: stop exercise, see a GP the same day",
        sources::POST_BIRTH_WARNING_SIGNS => red_flags::gp;
    RED_FLAG_SELF_HARM = "red-flag-self-harm",
        "Thoughts of harming herself or her baby: stop, urgent mental-health help",
        sources::POST_BIRTH_WARNING_SIGNS => red_flags::self_harm;
    EPDS_SELF_HARM = "epds-item-10",
        "EPDS item 10 scored above 0: urgent follow-up whatever the total",
        sources::EPDS => mood::epds_self_harm;
    PHQ9_SELF_HARM = "phq9-item-9",
        "PHQ-9 item 9 scored above 0: urgent follow-up whatever the total",
        sources::PHQ9 => mood::phq9_self_harm;
    EPDS_SCORE = "epds-score",
        "EPDS total: under 10 unlikely, 10-12 possible, 13+ probable depression; 10+ refer",
        sources::EPDS => mood::epds_score;
    PHQ9_SCORE = "phq9-score",
        "PHQ-9 total: bands at 5/10/15/20; 10+ refer",
        sources::PHQ9 => mood::phq9_score;
    WHOOLEY_POSITIVE = "whooley-positive",
        "A yes to either Whooley question with no PHQ-9 or EPDS, or a wish for help: a full assessment with her GP, midwife or health visitor",
        sources::NICE_CG192 => mood::whooley;
    GAD7_SCORE = "gad7-score",
        "GAD-7 total: bands at 5/10/15; 10+ refer",
        sources::GAD7 => mood::gad7_score;
    PFD_SYMPTOMS = "pfd-symptoms-refer",
        "Pelvic-floor dysfunction or lumbopelvic pain: pelvic-health physio, no impact, no running",
        sources::GOOM_2019 => pelvic::pelvic_floor;
    ABDOMINAL_WALL = "abdominal-wall-refer",
        "Doming, pendular abdomen or a gap of 2+ finger widths: pelvic-health physio, no impact, no running",
        sources::SPERSTAD_2016 => pelvic::abdominal_wall;
    BLEEDING_BEYOND_8_WEEKS = "bleeding-beyond-8-weeks",
        "Bleeding beyond 8 weeks that is not a period: GP, no impact, gentle only",
        sources::GOOM_2019 => symptoms::bleeding;
    CAESAREAN_SCAR_PAIN = "caesarean-scar-pain",
        "Caesarean scar pain: GP review, gentle only until the scar is healing without concern",
        sources::HSE_CAESAREAN => symptoms::scar_pain;
    POSTNATAL_CHECK = "postnatal-check",
        "No 6-8 week postnatal check: book it; from 8 weeks to 1 year a GP referral and gentle work only until done",
        sources::CMO_2019 => timing::postnatal_check;
    FIRST_SIX_WEEKS = "first-six-weeks",
        "Under 6 weeks: pelvic floor, breathing, walking and gentle mobility; intensity builds after the postnatal check",
        sources::CMO_2019 => timing::first_six_weeks;
    CAESAREAN_LIFTING = "caesarean-lifting",
        "Caesarean under 6 weeks: lift nothing heavier than the baby",
        sources::HSE_CAESAREAN => timing::caesarean_lifting;
    HIGH_EFFORT_WAIT = "high-effort-wait",
        "High effort (heavy lifting, impact) waits until 12 weeks, building from moderate over at least 3 months",
        sources::CMO_2019 => timing::high_effort_wait;
    CAESAREAN_HIGH_EFFORT = "caesarean-high-effort",
        "Caesarean: high-effort exercise waits about 12 weeks, and only if the scar is healing well",
        sources::HSE_CAESAREAN => timing::caesarean_high_effort;
    OASI_PHYSIO = "oasi-physio",
        "Third- or fourth-degree tear: pelvic-health physio assessment",
        sources::RCOG_OASI => pelvic::oasi;
    IMPACT_READINESS = "impact-readiness",
        "Impact only from 12 weeks, with no pelvic-floor or abdominal-wall signs and all 7 load-and-impact tests passed",
        sources::GOOM_2019 => running::impact;
    RUNNING_READINESS = "running-readiness",
        "Running only once impact is allowed and all 4 strength tests (20 each side) are passed",
        sources::GOOM_2019 => running::running;
    BUGGY_RUNNING = "buggy-running",
        "Running with the buggy only from 6 months after birth",
        sources::BUGGY_RUNNING => running::buggy;
    ACTIVITY_TARGETS = "activity-targets",
        "Pelvic-floor exercises daily; build to 150 minutes of moderate activity and strength work twice a week",
        sources::CMO_2019 => notes::activity_targets;
    BREASTFEEDING = "breastfeeding",
        "Breastfeeding: she can be active; consider breast support",
        sources::BREASTFEEDING => notes::breastfeeding;
}

/// The rules whose reasons are urgent: a red flag or a self-harm answer stops exercise.
pub const URGENT_RULES: [&str; 5] = [
    RED_FLAG_EMERGENCY.id,
    RED_FLAG_GP.id,
    RED_FLAG_SELF_HARM.id,
    EPDS_SELF_HARM.id,
    PHQ9_SELF_HARM.id,
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
