//! The screening engine: from a validated profile to what is safe now, what waits and who to see.
//!
//! Each rule in [`RULES`] has an id, a title and the guideline it comes from; every decision the
//! engine makes adds a [`Reason`] naming its rule, so a person (or a physio) can see why. The
//! engine is a pure function of the profile: the date is `profile.as_of`, never the clock.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde::Serialize;
use time::{Date, Duration, Month};

use crate::profile::Profile;
use crate::questionnaire::{EpdsBand, QuestionnaireResult};
use crate::readiness::TestGroup;
use crate::sources;
use crate::text::{list_and, long_date, plural, semicolons as words};
use crate::vocab::{RedFlag, Symptom};

/// Said with every result: mumstrong guides exercise; it does not diagnose.
pub const DISCLAIMER: &str = "This is exercise guidance, not a medical diagnosis or treatment. \
It does not replace your midwife, GP, health visitor or physiotherapist: if you are unsure about \
anything, or something feels wrong, stop and ask one of them.";

/// Days from birth until impact and running may start (12 weeks, any delivery).
pub const IMPACT_EARLIEST_DAYS: i64 = 12 * 7;
/// Days from birth of the immediate postpartum period (6 weeks).
pub const IMMEDIATE_PERIOD_DAYS: i64 = 6 * 7;
/// Finger widths of inter-recti gap from which the abdominal wall needs assessment.
pub const DIASTASIS_REFER_FINGER_WIDTHS: f64 = 2.0;
/// PHQ-9 total from which a mental-health follow-up is advised.
pub const PHQ9_REFER_SCORE: u8 = 10;

/// How a running blocker for an unpassed load-and-impact test begins.
pub const LOAD_TEST_BLOCKER: &str = "load test not yet passed: ";
/// How a running blocker for an unpassed strength test begins.
pub const STRENGTH_TEST_BLOCKER: &str = "strength test not yet passed: ";

/// The readiness test a stored running blocker names (its task), or `None` for any other
/// blocker (symptoms, a referral, the calendar). For screenings read back from JSON; in code,
/// use [`Blocker::test_task`].
pub fn blocker_test_task(blocker: &str) -> Option<&str> {
    blocker
        .strip_prefix(LOAD_TEST_BLOCKER)
        .or_else(|| blocker.strip_prefix(STRENGTH_TEST_BLOCKER))
}

/// One thing that still stands between her and running, in the order they are listed.
///
/// Serialises as the sentence she reads (see [`Blocker::as_str`]), so stored screenings and
/// the API keep their strings; code matches on the variant instead of parsing the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// A red flag or self-harm answer: the urgent help comes first.
    UrgentHelp,
    /// Under 12 weeks after birth: running starts from this date.
    TooSoon(Date),
    /// Pelvic-floor symptoms; `assessed` when she has already seen a pelvic-health physio.
    PelvicFloor {
        /// She has seen a pelvic-health physio.
        assessed: bool,
    },
    /// Abdominal-wall signs; `assessed` when she has already seen a pelvic-health physio.
    AbdominalWall {
        /// She has seen a pelvic-health physio.
        assessed: bool,
    },
    /// A third- or fourth-degree tear not yet assessed by a pelvic-health physio.
    TearAssessment,
    /// Bleeding beyond 8 weeks, for the GP first.
    Bleeding,
    /// Caesarean scar pain, to be checked first.
    ScarPain,
    /// The postnatal check, still to be had (from 6 weeks to a year).
    PostnatalCheck,
    /// A load-and-impact readiness test not yet passed (its task).
    LoadTest(&'static str),
    /// A strength readiness test not yet passed (its task).
    StrengthTest(&'static str),
}

impl Blocker {
    /// The sentence she reads, exactly as serialised.
    pub fn as_str(&self) -> Cow<'static, str> {
        let fixed = match self {
            Blocker::UrgentHelp => "get the urgent help described above first",
            Blocker::TooSoon(from) => {
                return format!("wait until 12 weeks after birth ({})", long_date(*from)).into();
            }
            Blocker::PelvicFloor { assessed: true } => {
                "pelvic-floor symptoms: ask your pelvic-health physio when running can return"
            }
            Blocker::PelvicFloor { assessed: false } => {
                "pelvic-floor symptoms: see a pelvic-health physio first"
            }
            Blocker::AbdominalWall { assessed: true } => {
                "abdominal-wall signs: ask your pelvic-health physio when running can return"
            }
            Blocker::AbdominalWall { assessed: false } => {
                "abdominal-wall signs: see a pelvic-health physio first"
            }
            Blocker::TearAssessment => {
                "third- or fourth-degree tear: see a pelvic-health physio first"
            }
            Blocker::Bleeding => "bleeding beyond 8 weeks: see your GP first",
            Blocker::ScarPain => "caesarean scar pain: have it checked first",
            Blocker::PostnatalCheck => "have your postnatal check first",
            Blocker::LoadTest(task) => return format!("{LOAD_TEST_BLOCKER}{task}").into(),
            Blocker::StrengthTest(task) => return format!("{STRENGTH_TEST_BLOCKER}{task}").into(),
        };
        Cow::Borrowed(fixed)
    }

    /// What a list of what is still to do shows: a test's task alone (the list's heading names
    /// its group), any other blocker's whole sentence.
    pub fn label(&self) -> Cow<'static, str> {
        match self.test_task() {
            Some(task) => Cow::Borrowed(task),
            None => self.as_str(),
        }
    }

    /// The readiness test this blocker names (its task), or `None` for any other blocker.
    pub fn test_task(&self) -> Option<&'static str> {
        match self {
            Blocker::LoadTest(task) | Blocker::StrengthTest(task) => Some(task),
            _ => None,
        }
    }
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl Serialize for Blocker {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}

/// Who to see. Ordered from most to least urgent, which is the order referrals are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Referral {
    /// Emergency services or the emergency department, now.
    EmergencyCare,
    /// Urgent mental-health help today.
    MentalHealthUrgent,
    /// Her GP (family doctor), soon; or the same day for an infection.
    Gp,
    /// A talk with her GP, midwife or health visitor about mood.
    MentalHealth,
    /// A specialist pelvic-health (women's health) physiotherapist.
    PelvicHealthPhysio,
}

impl Referral {
    /// The referral's word in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Referral::EmergencyCare => "emergency_care",
            Referral::MentalHealthUrgent => "mental_health_urgent",
            Referral::Gp => "gp",
            Referral::MentalHealth => "mental_health",
            Referral::PelvicHealthPhysio => "pelvic_health_physio",
        }
    }

    /// What to do, in plain words.
    pub fn advice(self) -> &'static str {
        match self {
            Referral::EmergencyCare => {
                "Get emergency help now: call 999 (UK), 112 (EU) or 911 (US), or go to the emergency department."
            }
            Referral::MentalHealthUrgent => {
                "Talk to someone today. If you might act on thoughts of harming yourself or your baby, call 999 (UK), 112 (EU) or 911 (US) now. Otherwise contact your GP, midwife or health visitor today; in England you can call NHS 111 and choose the mental health option, and Samaritans answer on 116 123 day and night."
            }
            Referral::Gp => "See your GP (family doctor).",
            Referral::MentalHealth => {
                "Talk to your GP, midwife or health visitor about how you have been feeling; support helps, and the sooner the better."
            }
            Referral::PelvicHealthPhysio => {
                "See a pelvic-health (women's health) physiotherapist. In the UK your GP can refer you, and many services accept self-referral."
            }
        }
    }
}

/// Where she is in the postnatal year, by weeks since birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Birth to 6 weeks: the immediate postpartum period (IOC 2017).
    FirstSixWeeks,
    /// 6 to 12 weeks: after the postnatal check, moderate activity builds.
    SixToTwelveWeeks,
    /// 12 weeks to 1 year: impact and running may return once the tests are passed.
    ThreeToTwelveMonths,
    /// More than a year after birth.
    BeyondFirstYear,
}

impl Stage {
    /// The stage for a number of days since birth.
    pub fn from_days(days: i64) -> Self {
        match days {
            d if d < IMMEDIATE_PERIOD_DAYS => Stage::FirstSixWeeks,
            d if d < IMPACT_EARLIEST_DAYS => Stage::SixToTwelveWeeks,
            d if d < 365 => Stage::ThreeToTwelveMonths,
            _ => Stage::BeyondFirstYear,
        }
    }

    /// The stage in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::FirstSixWeeks => "the first 6 weeks after birth",
            Stage::SixToTwelveWeeks => "6 to 12 weeks after birth",
            Stage::ThreeToTwelveMonths => "3 to 12 months after birth",
            Stage::BeyondFirstYear => "more than a year after birth",
        }
    }
}

/// How much exercise is safe now, overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseLevel {
    /// A red flag: no exercise until she has had help.
    Stop,
    /// Gentle work only: pelvic floor, breathing, walking, mobility, light strength without progression.
    Gentle,
    /// Progressive strength training, within the limits listed.
    Progressive,
}

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
    ($( $konst:ident = $id:literal, $title:literal, $source:expr; )+) => {
        $(
            #[doc = $title]
            pub const $konst: Rule = Rule { id: $id, title: $title, source: $source };
        )+
        /// Every screening rule, in the order they are applied.
        pub const RULES: &[Rule] = &[ $( $konst ),+ ];
    };
}

rules! {
    RED_FLAG_EMERGENCY = "red-flag-emergency",
        "Heavy bleeding, chest pain, sudden breathlessness, severe headache or calf pain/swelling: stop, emergency care now",
        sources::POST_BIRTH_WARNING_SIGNS;
    RED_FLAG_GP = "red-flag-gp",
        "Fever, wound infection or mastitis: stop exercise, see a GP the same day",
        sources::POST_BIRTH_WARNING_SIGNS;
    RED_FLAG_SELF_HARM = "red-flag-self-harm",
        "Thoughts of harming herself or her baby: stop, urgent mental-health help",
        sources::POST_BIRTH_WARNING_SIGNS;
    EPDS_SELF_HARM = "epds-item-10",
        "EPDS item 10 scored above 0: urgent follow-up whatever the total",
        sources::EPDS;
    PHQ9_SELF_HARM = "phq9-item-9",
        "PHQ-9 item 9 scored above 0: urgent follow-up whatever the total",
        sources::PHQ9;
    EPDS_SCORE = "epds-score",
        "EPDS total: under 10 unlikely, 10-12 possible, 13+ probable depression; 10+ refer",
        sources::EPDS;
    PHQ9_SCORE = "phq9-score",
        "PHQ-9 total: bands at 5/10/15/20; 10+ refer",
        sources::PHQ9;
    PFD_SYMPTOMS = "pfd-symptoms-refer",
        "Pelvic-floor dysfunction or lumbopelvic pain: pelvic-health physio, no impact, no running",
        sources::GOOM_2019;
    ABDOMINAL_WALL = "abdominal-wall-refer",
        "Doming, pendular abdomen or a gap of 2+ finger widths: pelvic-health physio, no impact, no running",
        sources::SPERSTAD_2016;
    BLEEDING_BEYOND_8_WEEKS = "bleeding-beyond-8-weeks",
        "Bleeding beyond 8 weeks that is not a period: GP, no impact, gentle only",
        sources::GOOM_2019;
    CAESAREAN_SCAR_PAIN = "caesarean-scar-pain",
        "Caesarean scar pain: GP review, gentle only until the scar is healing without concern",
        sources::HSE_CAESAREAN;
    POSTNATAL_CHECK = "postnatal-check",
        "No 6-8 week postnatal check: book it; from 8 weeks to 1 year a GP referral and gentle work only until done",
        sources::CMO_2019;
    FIRST_SIX_WEEKS = "first-six-weeks",
        "Under 6 weeks: pelvic floor, breathing, walking and gentle mobility; intensity builds after the postnatal check",
        sources::CMO_2019;
    CAESAREAN_LIFTING = "caesarean-lifting",
        "Caesarean under 6 weeks: lift nothing heavier than the baby",
        sources::HSE_CAESAREAN;
    HIGH_EFFORT_WAIT = "high-effort-wait",
        "High effort (heavy lifting, impact) waits until 12 weeks, building from moderate over at least 3 months",
        sources::CMO_2019;
    CAESAREAN_HIGH_EFFORT = "caesarean-high-effort",
        "Caesarean: high-effort exercise waits about 12 weeks, and only if the scar is healing well",
        sources::HSE_CAESAREAN;
    OASI_PHYSIO = "oasi-physio",
        "Third- or fourth-degree tear: pelvic-health physio assessment",
        sources::RCOG_OASI;
    IMPACT_READINESS = "impact-readiness",
        "Impact only from 12 weeks, with no pelvic-floor or abdominal-wall signs and all 7 load-and-impact tests passed",
        sources::GOOM_2019;
    RUNNING_READINESS = "running-readiness",
        "Running only once impact is allowed and all 4 strength tests (20 each side) are passed",
        sources::GOOM_2019;
    BUGGY_RUNNING = "buggy-running",
        "Running with the buggy only from 6 months after birth",
        sources::BUGGY_RUNNING;
    ACTIVITY_TARGETS = "activity-targets",
        "Pelvic-floor exercises daily; build to 150 minutes of moderate activity and strength work twice a week",
        sources::CMO_2019;
    BREASTFEEDING = "breastfeeding",
        "Breastfeeding: she can be active; consider breast support",
        sources::BREASTFEEDING;
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

/// One decision and why: the rule, a sentence a person can read, and the guideline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The rule's id.
    pub rule: &'static str,
    /// What was decided and why, in plain words.
    pub text: String,
    /// The guideline it comes from.
    pub source: &'static str,
    /// Who to see because of it, if anyone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
    /// A red flag or self-harm answer: this reason stops exercise and needs help now.
    pub urgent: bool,
}

/// The return-to-running decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Running {
    /// She may start a graded return to running.
    pub cleared: bool,
    /// Birth + 12 weeks: the earliest date running may start.
    #[serde(serialize_with = "iso::date")]
    pub earliest: Date,
    /// Birth + 6 months: the earliest date to run pushing the buggy.
    #[serde(serialize_with = "iso::date")]
    pub buggy_from: Date,
    /// What still stands in the way, in plain words; empty when cleared.
    pub blockers: Vec<Blocker>,
}

/// A limit on how heavy a lift may be, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiftingLimit {
    /// The heaviest load allowed, in words (`baby_weight`).
    pub max: &'static str,
    /// The limit holds until this date.
    #[serde(serialize_with = "iso::date")]
    pub until: Date,
}

/// Something that must wait, until a date or until a condition is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wait {
    /// What waits.
    pub what: String,
    /// The date it may start, when time alone is the blocker and the date is still ahead;
    /// `None` when it waits on something else (named in `waiting_for`).
    #[serde(serialize_with = "iso::opt_date")]
    pub until: Option<Date>,
    /// What it waits for besides time, in plain words: a check, a physio, tests to pass. Empty
    /// when only time stands in the way.
    pub waiting_for: Vec<String>,
    /// Why, and what has to happen.
    pub why: String,
}

/// The screening decision for one profile on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// The date screened.
    #[serde(serialize_with = "iso::date")]
    pub as_of: Date,
    /// Whole weeks since birth.
    pub weeks_postpartum: i64,
    /// Whole days since birth.
    pub days_postpartum: i64,
    /// Stage of the postnatal year.
    pub stage: Stage,
    /// A red flag or self-harm answer: stop and get help now.
    pub urgent: bool,
    /// Overall exercise level.
    pub exercise: ExerciseLevel,
    /// Who to see, most urgent first.
    pub referrals: Vec<Referral>,
    /// Jumping, hopping and running drills allowed.
    pub impact_allowed: bool,
    /// Heavy or breath-holding work (high intra-abdominal pressure) allowed.
    pub high_pressure_allowed: bool,
    /// A lifting limit in force, if any.
    pub lifting_limit: Option<LiftingLimit>,
    /// Birth + 12 weeks: the earliest date for high-effort exercise.
    #[serde(serialize_with = "iso::date")]
    pub high_effort_from: Date,
    /// Return to running.
    pub running: Running,
    /// EPDS result, if answered.
    pub epds: Option<QuestionnaireResult>,
    /// PHQ-9 result, if answered.
    pub phq9: Option<QuestionnaireResult>,
    /// What is safe now, in plain words.
    pub safe_now: Vec<String>,
    /// What waits, until when, and why.
    pub waits: Vec<Wait>,
    /// Every decision with its rule and source.
    pub reasons: Vec<Reason>,
    /// Exercise guidance, not diagnosis.
    pub disclaimer: &'static str,
}

impl Screening {
    /// The reasons given by one rule.
    pub fn reasons_for(&self, rule_id: &str) -> impl Iterator<Item = &Reason> {
        self.reasons.iter().filter(move |r| r.rule == rule_id)
    }

    /// Whether a rule fired.
    pub fn fired(&self, rule_id: &str) -> bool {
        self.reasons_for(rule_id).next().is_some()
    }

    /// Whether this referral was made.
    pub fn refers_to(&self, referral: Referral) -> bool {
        self.referrals.contains(&referral)
    }
}

/// ISO `YYYY-MM-DD` serialisation of dates.
pub(crate) mod iso {
    use serde::Serializer;
    use time::Date;

    pub fn date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn opt_date<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
}

/// Adds calendar months, keeping the day of month where it exists (31 Aug + 6 months = 28/29 Feb).
pub fn add_months(date: Date, months: u32) -> Date {
    let total = date.month() as i32 - 1 + months as i32;
    let year = date.year() + total.div_euclid(12);
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).expect("month in 1..=12");
    let last_day = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last_day)).expect("a valid calendar date")
}

/// Collects reasons and referrals while the rules run.
struct Decisions {
    reasons: Vec<Reason>,
    referrals: BTreeSet<Referral>,
}

impl Decisions {
    fn add(&mut self, rule: Rule, text: String, referral: Option<Referral>) {
        if let Some(r) = referral {
            self.referrals.insert(r);
        }
        self.reasons.push(Reason {
            rule: rule.id,
            text,
            source: rule.source,
            referral,
            urgent: URGENT_RULES.contains(&rule.id),
        });
    }
}

const EMERGENCY_FLAGS: [RedFlag; 5] = [
    RedFlag::HeavyBleeding,
    RedFlag::ChestPain,
    RedFlag::SuddenBreathlessness,
    RedFlag::SevereHeadache,
    RedFlag::CalfPainSwelling,
];
const GP_FLAGS: [RedFlag; 3] = [RedFlag::Fever, RedFlag::WoundInfection, RedFlag::Mastitis];

/// Screens a profile: applies every rule in [`RULES`] and returns the decision with its reasons.
pub fn screen(profile: &Profile) -> Screening {
    let health = &profile.health;
    let birth = profile.birth.date;
    let days = profile.days_postpartum();
    let weeks = profile.weeks_postpartum();
    let stage = Stage::from_days(days);
    let twelve_weeks = birth + Duration::days(IMPACT_EARLIEST_DAYS);
    let six_weeks = birth + Duration::days(IMMEDIATE_PERIOD_DAYS);
    let six_months = add_months(birth, 6);
    let caesarean = profile.birth.delivery.is_caesarean();
    let mut d = Decisions {
        reasons: Vec::new(),
        referrals: BTreeSet::new(),
    };

    // --- Red flags and self-harm: urgent, stop exercise.
    let emergency: Vec<RedFlag> = EMERGENCY_FLAGS
        .into_iter()
        .filter(|f| health.red_flags.contains(f))
        .collect();
    if !emergency.is_empty() {
        d.add(
            RED_FLAG_EMERGENCY,
            format!(
                "You report: {}. This can be a sign of a serious problem after birth (such as heavy blood loss, a blood clot or high blood pressure). Stop exercising and get emergency help now.",
                words(&emergency, RedFlag::describe)
            ),
            Some(Referral::EmergencyCare),
        );
    }
    let gp_flags: Vec<RedFlag> = GP_FLAGS
        .into_iter()
        .filter(|f| health.red_flags.contains(f))
        .collect();
    if !gp_flags.is_empty() {
        d.add(
            RED_FLAG_GP,
            format!(
                "You report: {}. This may be an infection that needs treatment. Do not exercise; contact your GP or midwife today.",
                words(&gp_flags, RedFlag::describe)
            ),
            Some(Referral::Gp),
        );
    }
    if health.red_flags.contains(&RedFlag::ThoughtsOfSelfHarm) {
        d.add(
            RED_FLAG_SELF_HARM,
            "You told us you have had thoughts of harming yourself or your baby. You are not alone and this can get better with help. Please talk to someone today.".to_owned(),
            Some(Referral::MentalHealthUrgent),
        );
    }
    let epds = health.epds.map(|e| e.result());
    let phq9 = health.phq9.map(|p| p.result());
    if let Some(e) = &epds
        && e.self_harm
    {
        d.add(
                EPDS_SELF_HARM,
                "Your answer to item 10 of the mood questionnaire (EPDS) needs a same-day conversation with a professional, whatever your total score. Please talk to someone today.".to_owned(),
                Some(Referral::MentalHealthUrgent),
            );
    }
    if let Some(p) = &phq9
        && p.self_harm
    {
        d.add(
                PHQ9_SELF_HARM,
                "Your answer to item 9 of the PHQ-9 needs a same-day conversation with a professional, whatever your total score. Please talk to someone today.".to_owned(),
                Some(Referral::MentalHealthUrgent),
            );
    }
    let urgent = !health.red_flags.is_empty()
        || epds.as_ref().is_some_and(|e| e.self_harm)
        || phq9.as_ref().is_some_and(|p| p.self_harm);

    // --- Mood totals.
    if let Some(e) = &health.epds {
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
        d.add(EPDS_SCORE, text, referral);
    }
    if let Some(p) = &phq9 {
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
        d.add(PHQ9_SCORE, text, referral);
    }

    // --- Pelvic floor and abdominal wall.
    let pfd: Vec<Symptom> = health
        .symptoms
        .iter()
        .copied()
        .filter(|s| s.is_pelvic_floor_sign())
        .collect();
    if !pfd.is_empty() {
        d.add(
            PFD_SYMPTOMS,
            format!(
                "You report: {}. {} that your pelvic floor or the muscles around your pelvis need specialist help before impact. {} Until then: no running, jumping or other impact, and strength work with light to moderate effort, breathing out on the effort: no heavy lifting, breath-holding or straining. Stop any exercise that brings {} on.",
                words(&pfd, Symptom::describe),
                if pfd.len() == 1 { "This is a sign" } else { "These are signs" },
                if health.pelvic_health_assessment_done {
                    "You have seen a pelvic-health physio: keep to the programme they gave you, and ask them when heavier work and impact can return."
                } else {
                    "A pelvic-health physio can assess you and guide your rehabilitation."
                },
                if pfd.len() == 1 { "it" } else { "them" },
            ),
            Some(Referral::PelvicHealthPhysio),
        );
    }
    let mut abdominal: Vec<String> = health
        .symptoms
        .iter()
        .filter(|s| s.is_abdominal_wall_sign())
        .map(|s| s.describe().to_owned())
        .collect();
    if let Some(w) = health
        .diastasis_finger_widths
        .filter(|&w| w >= DIASTASIS_REFER_FINGER_WIDTHS)
    {
        abdominal.push(format!(
            "a gap of {w} finger widths between your tummy muscles"
        ));
    }
    if !abdominal.is_empty() {
        d.add(
            ABDOMINAL_WALL,
            format!(
                "You report: {}. Your abdominal wall is not yet managing load well. A pelvic-health physio can assess the gap and its tension and guide you. Until then: no impact, and choose exercises where your tummy stays flat without doming.",
                abdominal.join("; ")
            ),
            Some(Referral::PelvicHealthPhysio),
        );
    }
    let bleeding = health.symptoms.contains(&Symptom::BleedingBeyond8Weeks);
    if bleeding {
        d.add(
            BLEEDING_BEYOND_8_WEEKS,
            "You report bleeding that goes on (or has come back) beyond 8 weeks after birth and is not your period. Please see your GP to find out why. Keep to gentle exercise, with no impact, until then; if bleeding increases with activity, scale back.".to_owned(),
            Some(Referral::Gp),
        );
    }
    let scar_pain = health.symptoms.contains(&Symptom::CaesareanScarPain);
    if scar_pain {
        d.add(
            CAESAREAN_SCAR_PAIN,
            "You report pain at your caesarean scar. Ask your GP to check it. Harder exercise should wait until the scar is healing without concern; keep to gentle work until then.".to_owned(),
            Some(Referral::Gp),
        );
    }

    // --- Postnatal check.
    let check_done = health.postnatal_check_done;
    let check_gates = !check_done && (IMMEDIATE_PERIOD_DAYS..365).contains(&days);
    if !check_done {
        let (text, referral) = if weeks < 6 {
            ("Your 6-8 week postnatal check is still to come. After it, and depending on how you feel, exercise can gradually become more intense.".to_owned(), None)
        } else if weeks < 8 {
            ("Your 6-8 week postnatal check is due now: please book it. Until it is done, keep to gentle exercise; more intense activity builds gradually after the check.".to_owned(), None)
        } else if days < 365 {
            ("You have not had your 6-8 week postnatal check. Please book it with your GP. Until it is done, keep to gentle exercise without progression.".to_owned(), Some(Referral::Gp))
        } else {
            ("You did not have a postnatal check. It is no longer a reason to hold back exercise this long after birth, but mention it to your GP at your next visit, especially if anything from your pregnancy or birth still bothers you.".to_owned(), None)
        };
        d.add(POSTNATAL_CHECK, text, referral);
    }

    // --- Time since birth.
    if days < IMMEDIATE_PERIOD_DAYS {
        d.add(
            FIRST_SIX_WEEKS,
            format!(
                "You are {} after birth. For now: pelvic-floor exercises, breathing with gentle tummy activation, walking and gentle mobility, building up as you feel able. More demanding exercise can build gradually after your postnatal check (from about {}).",
                match (weeks, days) {
                    (_, 0) => "on the day".to_owned(),
                    (0, d) => plural(d, "day", "days"),
                    (w, _) => plural(w, "week", "weeks"),
                },
                long_date(six_weeks)
            ),
            None,
        );
    }
    let lifting_limit = (caesarean && days < IMMEDIATE_PERIOD_DAYS).then_some(LiftingLimit {
        max: "baby_weight",
        until: six_weeks,
    });
    if lifting_limit.is_some() {
        d.add(
            CAESAREAN_LIFTING,
            format!(
                "After a caesarean, lift nothing heavier than your baby until 6 weeks ({}), and roll to your side to get up rather than sitting straight up.",
                long_date(six_weeks)
            ),
            None,
        );
    }
    if days < IMPACT_EARLIEST_DAYS {
        if caesarean {
            d.add(
                CAESAREAN_HIGH_EFFORT,
                format!(
                    "After a caesarean the wound takes about 12 weeks to heal properly. High-effort exercise (running, jumping, heavy weights) waits until about {}, and then only if your scar is healing well.",
                    long_date(twelve_weeks)
                ),
                None,
            );
        } else {
            d.add(
                HIGH_EFFORT_WAIT,
                format!(
                    "Exercise intensity builds from moderate towards vigorous over at least 3 months. Heavy lifting, jumping and running wait until at least {}.",
                    long_date(twelve_weeks)
                ),
                None,
            );
        }
    }
    let sphincter_injury = profile
        .birth
        .perineal_tear
        .is_some_and(|t| t.is_sphincter_injury());
    let awaiting_assessment = sphincter_injury && !health.pelvic_health_assessment_done;
    if awaiting_assessment {
        d.add(
            OASI_PHYSIO,
            "You had a third- or fourth-degree tear. A pelvic-health physio assessment is recommended to guide your pelvic-floor recovery; impact and running wait until you have had it. When you have, say so in your profile (pelvic_health_assessment_done = true).".to_owned(),
            Some(Referral::PelvicHealthPhysio),
        );
    } else if sphincter_injury {
        d.add(
            OASI_PHYSIO,
            "You had a third- or fourth-degree tear and have been assessed by a pelvic-health physio: follow their advice alongside this guidance, and go back to them if symptoms appear.".to_owned(),
            None,
        );
    }

    // --- Overall level.
    let exercise = if urgent {
        ExerciseLevel::Stop
    } else if days < IMMEDIATE_PERIOD_DAYS || check_gates || bleeding || scar_pain {
        ExerciseLevel::Gentle
    } else {
        ExerciseLevel::Progressive
    };
    let signs = !pfd.is_empty() || !abdominal.is_empty();
    let high_pressure_allowed =
        exercise == ExerciseLevel::Progressive && days >= IMPACT_EARLIEST_DAYS && !signs;

    // --- Impact and running.
    let load_remaining = profile.readiness.remaining(TestGroup::LoadAndImpact);
    let strength_remaining = profile.readiness.remaining(TestGroup::Strength);
    let impact_allowed = exercise == ExerciseLevel::Progressive
        && days >= IMPACT_EARLIEST_DAYS
        && !signs
        && !awaiting_assessment
        && load_remaining.is_empty();
    let running_cleared = impact_allowed && strength_remaining.is_empty();

    let mut blockers = Vec::new();
    if urgent {
        blockers.push(Blocker::UrgentHelp);
    }
    if days < IMPACT_EARLIEST_DAYS {
        blockers.push(Blocker::TooSoon(twelve_weeks));
    }
    let assessed = health.pelvic_health_assessment_done;
    if !pfd.is_empty() {
        blockers.push(Blocker::PelvicFloor { assessed });
    }
    if !abdominal.is_empty() {
        blockers.push(Blocker::AbdominalWall { assessed });
    }
    if awaiting_assessment {
        blockers.push(Blocker::TearAssessment);
    }
    if bleeding {
        blockers.push(Blocker::Bleeding);
    }
    if scar_pain {
        blockers.push(Blocker::ScarPain);
    }
    if check_gates {
        blockers.push(Blocker::PostnatalCheck);
    }
    blockers.extend(load_remaining.iter().map(|t| Blocker::LoadTest(t.task)));
    blockers.extend(
        strength_remaining
            .iter()
            .map(|t| Blocker::StrengthTest(t.task)),
    );

    if !urgent {
        if impact_allowed {
            d.add(
                IMPACT_READINESS,
                "You are 12 weeks or more after birth, have no pelvic-floor or abdominal-wall warning signs and passed all seven load-and-impact tests without pain, heaviness or leaking: jumping and hopping drills can be built in gradually.".to_owned(),
                None,
            );
        } else {
            let text = if days < IMPACT_EARLIEST_DAYS {
                format!(
                    "Running, jumping and other impact are not advised before 12 weeks after birth (from {}), whatever the delivery, and only once you can pass the load-and-impact tests without pain, heaviness or leaking.",
                    long_date(twelve_weeks)
                )
            } else if signs || awaiting_assessment || exercise != ExerciseLevel::Progressive {
                "Impact (running, jumping, hopping) waits until the problems above have been seen to.".to_owned()
            } else {
                format!(
                    "Impact waits until you pass all seven load-and-impact tests without pain, heaviness, dragging or leaking. Still to pass: {}.",
                    load_remaining
                        .iter()
                        .map(|t| t.task)
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            };
            d.add(IMPACT_READINESS, text, None);
        }
        if running_cleared {
            d.add(
                RUNNING_READINESS,
                "You passed the four strength tests (20 each side) as well: you can start a graded return to running, beginning with 1-2 minutes of easy running between walk breaks and increasing time before speed. Stop and step back if leaking, heaviness, pain or bleeding appear.".to_owned(),
                None,
            );
        } else if impact_allowed {
            d.add(
                RUNNING_READINESS,
                format!(
                    "Running waits until you pass the strength tests too. Still to pass: {}.",
                    strength_remaining
                        .iter()
                        .map(|t| t.task)
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                None,
            );
        }
        if running_cleared && profile.as_of < six_months {
            d.add(
                BUGGY_RUNNING,
                format!("Run without the buggy for now: running pushing it is advised only from 6 months after birth ({}).", long_date(six_months)),
                None,
            );
        }
        d.add(
            ACTIVITY_TARGETS,
            if exercise == ExerciseLevel::Gentle {
                "Do your pelvic-floor exercises every day (building towards 10 slow holds of up to 10 seconds and 10 quick squeezes, 3 times a day), and walk a little more each week, towards 150 minutes of moderate activity a week.".to_owned()
            } else {
                "Do your pelvic-floor exercises every day, build up to 150 minutes of moderate activity a week (brisk walks with the buggy count), and do muscle-strengthening work at least twice a week.".to_owned()
            },
            None,
        );
        if health.breastfeeding == Some(true) {
            d.add(
                BREASTFEEDING,
                "You can be active while breastfeeding. Good breast support matters: wear a supportive sports bra when you exercise.".to_owned(),
                None,
            );
        }
    }

    let referrals: Vec<Referral> = d.referrals.iter().copied().collect();
    let safe_now = safe_now(
        exercise,
        high_pressure_allowed,
        impact_allowed,
        running_cleared,
        lifting_limit.is_some(),
    );
    let waits = waits(WaitInputs {
        urgent,
        as_of: profile.as_of,
        days,
        twelve_weeks,
        six_weeks,
        six_months,
        lifting_limit: lifting_limit.is_some(),
        gentle: exercise == ExerciseLevel::Gentle,
        check_needed: !check_done && days < 365,
        bleeding,
        scar_pain,
        pelvic_floor_signs: !pfd.is_empty(),
        abdominal_signs: !abdominal.is_empty(),
        assessment_done: health.pelvic_health_assessment_done,
        awaiting_assessment,
        load_tests_left: load_remaining.len(),
        strength_tests_left: strength_remaining.len(),
        high_pressure_allowed,
        impact_allowed,
        running_cleared,
    });

    Screening {
        as_of: profile.as_of,
        weeks_postpartum: weeks,
        days_postpartum: days,
        stage,
        urgent,
        exercise,
        referrals,
        impact_allowed,
        high_pressure_allowed,
        lifting_limit,
        high_effort_from: twelve_weeks,
        running: Running {
            cleared: running_cleared,
            earliest: twelve_weeks,
            buggy_from: six_months,
            blockers,
        },
        epds,
        phq9,
        safe_now,
        waits,
        reasons: d.reasons,
        disclaimer: DISCLAIMER,
    }
}

fn safe_now(
    exercise: ExerciseLevel,
    high_pressure: bool,
    impact: bool,
    running: bool,
    lifting_limit: bool,
) -> Vec<String> {
    let mut safe: Vec<&str> = Vec::new();
    match exercise {
        ExerciseLevel::Stop => {}
        ExerciseLevel::Gentle => {
            safe.extend([
                "pelvic-floor exercises every day",
                "breathing with gentle deep-tummy activation",
                "walking, a little more each week",
                "gentle mobility and stretching",
            ]);
            safe.push(if lifting_limit {
                "everyday lifting of nothing heavier than your baby"
            } else {
                "light strength work you find easy, without adding load yet"
            });
        }
        ExerciseLevel::Progressive => {
            safe.extend([
                "pelvic-floor exercises every day",
                "walking and other moderate activity, building to 150 minutes a week",
                "progressive strength training, at least twice a week",
            ]);
            safe.push(if high_pressure {
                "heavier lifting, increased gradually with good breathing (exhale on the effort)"
            } else {
                "strength work with light to moderate effort, breathing out on the effort: no heavy lifting, breath-holding or straining"
            });
            if impact {
                safe.push("impact drills such as hops and bounds, built up gradually");
            }
            if running {
                safe.push("a graded walk-run return to running");
            }
        }
    }
    safe.into_iter().map(str::to_owned).collect()
}

struct WaitInputs {
    urgent: bool,
    as_of: Date,
    days: i64,
    twelve_weeks: Date,
    six_weeks: Date,
    six_months: Date,
    lifting_limit: bool,
    gentle: bool,
    /// The postnatal check is still to be done (and still matters: within the first year).
    check_needed: bool,
    bleeding: bool,
    scar_pain: bool,
    pelvic_floor_signs: bool,
    abdominal_signs: bool,
    assessment_done: bool,
    awaiting_assessment: bool,
    load_tests_left: usize,
    strength_tests_left: usize,
    high_pressure_allowed: bool,
    impact_allowed: bool,
    running_cleared: bool,
}

/// A wait on time alone has the date; a wait on anything else has none and names what it waits
/// for (the date, if still ahead, is then said in words as the other bound).
fn wait(what: &str, time: Option<Date>, waiting_for: Vec<String>, why_time: &str) -> Wait {
    if waiting_for.is_empty() {
        Wait {
            what: what.to_owned(),
            until: time,
            waiting_for,
            why: why_time.to_owned(),
        }
    } else {
        let mut why = format!("waits for {}", list_and(&waiting_for));
        if waiting_for
            .iter()
            .any(|b| b.ends_with(" tests") || b.ends_with(" test"))
        {
            why.push_str(" (see Running)");
        }
        if let Some(d) = time {
            why.push_str(&format!(", and not before {}", long_date(d)));
        }
        Wait {
            what: what.to_owned(),
            until: None,
            waiting_for,
            why,
        }
    }
}

fn tests_left(n: usize, group: &str) -> String {
    if n == 1 {
        format!("the last {group} test")
    } else {
        format!("the {n} {group} tests")
    }
}

fn waits(w: WaitInputs) -> Vec<Wait> {
    let mut out = Vec::new();
    // A date is shown only while it is still ahead, and only when time alone is the blocker.
    let ahead = |d: Date| (w.as_of < d).then_some(d);
    if w.urgent {
        out.push(Wait {
            what: "all exercise".to_owned(),
            until: None,
            waiting_for: vec!["help with the warning sign first (see above)".to_owned()],
            why: "a warning sign needs help first (see above)".to_owned(),
        });
        return out;
    }
    if w.lifting_limit {
        out.push(wait(
            "lifting anything heavier than your baby",
            ahead(w.six_weeks),
            Vec::new(),
            "your caesarean wound needs 6 weeks to heal",
        ));
    }
    let mut gentle_problems = Vec::new();
    if w.check_needed {
        gentle_problems.push("your 6-8 week postnatal check".to_owned());
    }
    if w.bleeding {
        gentle_problems.push("a GP review of the bleeding beyond 8 weeks".to_owned());
    }
    if w.scar_pain {
        gentle_problems.push("a check of your caesarean scar".to_owned());
    }
    let mut sign_problems = Vec::new();
    let physio = if w.assessment_done {
        "your pelvic-health physio's go-ahead"
    } else {
        "a pelvic-health physio's assessment"
    };
    match (w.pelvic_floor_signs, w.abdominal_signs) {
        (true, true) => {
            sign_problems.push(format!("{physio} of your pelvic-floor symptoms and tummy"))
        }
        (true, false) => sign_problems.push(format!("{physio} of your pelvic-floor symptoms")),
        (false, true) => {
            sign_problems.push(format!("{physio} of your tummy (abdominal-wall signs)"))
        }
        (false, false) => {}
    }
    let before = |days: i64, d: Date| (w.days < days).then_some(d).and_then(ahead);
    if w.gentle {
        out.push(wait(
            "adding load or intensity",
            before(IMMEDIATE_PERIOD_DAYS, w.six_weeks),
            gentle_problems.clone(),
            "intensity builds gradually after the first 6 weeks",
        ));
    }
    let twelve = before(IMPACT_EARLIEST_DAYS, w.twelve_weeks);
    if !w.high_pressure_allowed {
        let blockers = [gentle_problems.clone(), sign_problems.clone()].concat();
        out.push(wait(
            "heavy lifting and breath-holding effort",
            twelve,
            blockers,
            "high effort waits until 12 weeks after birth, building from moderate load",
        ));
    }
    let mut impact_problems = [gentle_problems, sign_problems].concat();
    if w.awaiting_assessment {
        impact_problems.push(
            "a pelvic-health physio assessment of your third- or fourth-degree tear".to_owned(),
        );
    }
    if !w.impact_allowed {
        let mut blockers = impact_problems.clone();
        if w.load_tests_left > 0 {
            blockers.push(tests_left(w.load_tests_left, "load-and-impact"));
        }
        out.push(wait(
            "jumping, hopping and other impact",
            twelve,
            blockers,
            "not advised before 12 weeks after birth, whatever the delivery",
        ));
    }
    if !w.running_cleared {
        let mut blockers = impact_problems;
        if w.load_tests_left > 0 {
            blockers.push(tests_left(w.load_tests_left, "load-and-impact"));
        }
        if w.strength_tests_left > 0 {
            blockers.push(tests_left(w.strength_tests_left, "strength"));
        }
        out.push(wait(
            "running",
            twelve,
            blockers,
            "not advised before 12 weeks after birth, whatever the delivery",
        ));
    }
    // Buggy running also needs 30 minutes of comfortable continuous running, which only her
    // running programme can tell: it never waits on time alone.
    let buggy_time = ahead(w.six_months);
    if !w.running_cleared || buggy_time.is_some() {
        let mut blockers = Vec::new();
        if !w.running_cleared {
            blockers.push("the go-ahead to run".to_owned());
        }
        blockers.push("30 minutes of continuous running that feels comfortable".to_owned());
        out.push(wait(
            "running with the buggy",
            buggy_time,
            blockers,
            "buggy running is advised only from 6 months after birth",
        ));
    }
    out
}
