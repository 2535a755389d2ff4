//! The facts every rule reads, derived once from the profile: the dates that matter, what she
//! reports grouped the way the rules ask about it, and the readiness tests still to pass.

use time::{Date, Duration};

use super::{
    DIASTASIS_REFER_FINGER_WIDTHS, IMMEDIATE_PERIOD_DAYS, IMPACT_EARLIEST_DAYS, add_months,
};
use crate::profile::Profile;
use crate::questionnaire::{Epds, Gad7, Phq9, QuestionnaireResult, Whooley};
use crate::readiness::{ReadinessTest, TestGroup};
use crate::vocab::{RedFlag, Symptom};

const EMERGENCY_FLAGS: [RedFlag; 5] = [
    RedFlag::HeavyBleeding,
    RedFlag::ChestPain,
    RedFlag::SuddenBreathlessness,
    RedFlag::SevereHeadache,
    RedFlag::CalfPainSwelling,
];
const GP_FLAGS: [RedFlag; 3] = [RedFlag::Fever, RedFlag::WoundInfection, RedFlag::Mastitis];

/// What the rules know about her on the screening date.
pub(super) struct Facts {
    /// The date screened.
    pub as_of: Date,
    /// Whole days since birth.
    pub days: i64,
    /// Whole weeks since birth.
    pub weeks: i64,
    /// Birth + 6 weeks: the end of the immediate postpartum period.
    pub six_weeks: Date,
    /// Birth + 12 weeks: the earliest date for impact, running and high effort.
    pub twelve_weeks: Date,
    /// Birth + 6 months: the earliest date for buggy running.
    pub six_months: Date,
    /// A caesarean birth.
    pub caesarean: bool,
    /// Red flags that need emergency care, in the order they are described.
    pub emergency_flags: Vec<RedFlag>,
    /// Red flags that need a GP today.
    pub gp_flags: Vec<RedFlag>,
    /// She reports thoughts of harming herself or her baby.
    pub self_harm_flag: bool,
    /// The EPDS answers and their result, if answered.
    pub epds: Option<(Epds, QuestionnaireResult)>,
    /// The PHQ-9 answers and their result, if answered.
    pub phq9: Option<(Phq9, QuestionnaireResult)>,
    /// The Whooley answers, if given.
    pub whooley: Option<Whooley>,
    /// The GAD-7 answers and their result, if answered.
    pub gad7: Option<(Gad7, QuestionnaireResult)>,
    /// Pelvic-floor signs among her symptoms.
    pub pelvic_floor: Vec<Symptom>,
    /// Abdominal-wall signs, in words (symptoms, then a gap of 2 finger widths or more).
    pub abdominal_wall: Vec<String>,
    /// Bleeding beyond 8 weeks that is not a period.
    pub bleeding: bool,
    /// Caesarean scar pain.
    pub scar_pain: bool,
    /// The 6-8 week postnatal check is done.
    pub check_done: bool,
    /// She has seen a pelvic-health physio.
    pub assessed: bool,
    /// A third- or fourth-degree tear.
    pub sphincter_injury: bool,
    /// She breastfeeds.
    pub breastfeeding: bool,
    /// Load-and-impact tests not yet passed, in guideline order.
    pub load_remaining: Vec<&'static ReadinessTest>,
    /// Strength tests not yet passed, in guideline order.
    pub strength_remaining: Vec<&'static ReadinessTest>,
}

impl Facts {
    /// Derives the facts from a validated profile.
    pub fn of(profile: &Profile) -> Self {
        let health = &profile.health;
        let birth = profile.birth.date;
        let flagged = |flags: &[RedFlag]| -> Vec<RedFlag> {
            flags
                .iter()
                .copied()
                .filter(|f| health.red_flags.contains(f))
                .collect()
        };
        let mut abdominal_wall: Vec<String> = health
            .symptoms
            .iter()
            .filter(|s| s.is_abdominal_wall_sign())
            .map(|s| s.describe().to_owned())
            .collect();
        if let Some(w) = health
            .diastasis_finger_widths
            .filter(|&w| w >= DIASTASIS_REFER_FINGER_WIDTHS)
        {
            abdominal_wall.push(format!(
                "a gap of {w} finger widths between your tummy muscles"
            ));
        }
        Facts {
            as_of: profile.as_of,
            days: profile.days_postpartum(),
            weeks: profile.weeks_postpartum(),
            six_weeks: birth + Duration::days(IMMEDIATE_PERIOD_DAYS),
            twelve_weeks: birth + Duration::days(IMPACT_EARLIEST_DAYS),
            six_months: add_months(birth, 6),
            caesarean: profile.birth.delivery.is_caesarean(),
            emergency_flags: flagged(&EMERGENCY_FLAGS),
            gp_flags: flagged(&GP_FLAGS),
            self_harm_flag: health.red_flags.contains(&RedFlag::ThoughtsOfSelfHarm),
            epds: health.epds.map(|e| (e, e.result())),
            phq9: health.phq9.map(|p| (p, p.result())),
            whooley: health.whooley,
            gad7: health.gad7.map(|g| (g, g.result())),
            pelvic_floor: health
                .symptoms
                .iter()
                .copied()
                .filter(|s| s.is_pelvic_floor_sign())
                .collect(),
            abdominal_wall,
            bleeding: health.symptoms.contains(&Symptom::BleedingBeyond8Weeks),
            scar_pain: health.symptoms.contains(&Symptom::CaesareanScarPain),
            check_done: health.postnatal_check_done,
            assessed: health.pelvic_health_assessment_done,
            sphincter_injury: profile
                .birth
                .perineal_tear
                .is_some_and(|t| t.is_sphincter_injury()),
            breastfeeding: health.breastfeeding == Some(true),
            load_remaining: profile.readiness.remaining(TestGroup::LoadAndImpact),
            strength_remaining: profile.readiness.remaining(TestGroup::Strength),
        }
    }

    /// Pelvic-floor or abdominal-wall signs: no heavy effort, no impact.
    pub fn signs(&self) -> bool {
        !self.pelvic_floor.is_empty() || !self.abdominal_wall.is_empty()
    }

    /// A sphincter injury not yet assessed by a pelvic-health physio.
    pub fn awaiting_assessment(&self) -> bool {
        self.sphincter_injury && !self.assessed
    }

    /// Under 12 weeks after birth.
    pub fn before_twelve_weeks(&self) -> bool {
        self.days < IMPACT_EARLIEST_DAYS
    }
}
