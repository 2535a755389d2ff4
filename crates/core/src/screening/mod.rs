//! The screening engine: from a validated profile to what is safe now, what waits and who to see.
//!
//! Each rule in [`RULES`] has an id, a title and the guideline it comes from; every decision the
//! engine makes adds a [`Reason`] naming its rule, so a person (or a physio) can see why. The
//! engine is a pure function of the profile: the date is `profile.as_of`, never the clock.
//!
//! The engine is data: the profile is read once into facts (`facts`), and [`screen`] folds the
//! rule table (`rule`, with the checks in `rules/`) over them. Each rule's check returns one
//! finding carrying all its effects (reason, referral, level, what it holds back, running
//! blockers, lifting limit, what the waits wait on), so a condition is tested in one place.

mod blocker;
mod facts;
mod finding;
mod redate;
mod rule;
mod rules;
mod waits;

use serde::Serialize;
use time::{Date, Month};

use crate::profile::Profile;
use crate::questionnaire::QuestionnaireResult;

pub use blocker::{Blocker, LOAD_TEST_BLOCKER, STRENGTH_TEST_BLOCKER};
pub(crate) use redate::{DateKey, date_key, redate};
pub use rule::*;

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
/// GAD-7 total from which a follow-up for anxiety is advised (Spitzer et al. 2006).
pub const GAD7_REFER_SCORE: u8 = 10;

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
    /// Running is one of her goals, so the pages show its tests in full (otherwise on request).
    /// Not part of the screening's JSON, which says what she may do, not what she wants.
    #[serde(skip)]
    pub goal: bool,
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
    /// GAD-7 (anxiety) result, if answered; left out of the JSON when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gad7: Option<QuestionnaireResult>,
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

/// ISO `YYYY-MM-DD` serialisation of dates, for `#[serde(serialize_with)]` on the views that
/// carry a date beside a screening, so every view writes dates the same way.
pub mod iso {
    use serde::Serializer;
    use time::Date;

    /// A date as `YYYY-MM-DD`.
    pub fn date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// An optional date as `YYYY-MM-DD` or `null`.
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

/// Screens a profile: applies every rule in [`RULES`] and returns the decision with its reasons.
pub fn screen(profile: &Profile) -> Screening {
    screen_with(profile, true)
}

/// [`screen`] without the words she reads about what is safe now and what waits
/// (`safe_now` and `waits` stay empty): the plan screens every week again for what the week
/// allows, and shows only the first screening's words.
pub(crate) fn screen_for_week(profile: &Profile) -> Screening {
    screen_with(profile, false)
}

fn screen_with(profile: &Profile, words: bool) -> Screening {
    let f = facts::Facts::of(profile);
    let mut d = finding::Decision::new();
    for (rule, check) in rule::TABLE {
        if let Some(found) = check(&f, &d) {
            d.apply(*rule, found);
        }
    }
    d.finish();
    let (impact_allowed, running_cleared) = (d.impact_allowed(), d.running_cleared());
    let high_pressure_allowed = d.high_pressure_allowed();
    let (safe_now, waits) = if words {
        let safe_now = safe_now(
            d.level,
            high_pressure_allowed,
            impact_allowed,
            running_cleared,
            d.lifting_limit.is_some(),
        );
        (safe_now, waits::waits(&f, &d))
    } else {
        (Vec::new(), Vec::new())
    };
    Screening {
        as_of: f.as_of,
        weeks_postpartum: f.weeks,
        days_postpartum: f.days,
        stage: Stage::from_days(f.days),
        urgent: d.urgent,
        exercise: d.level,
        referrals: d.referrals.into_iter().collect(),
        impact_allowed,
        high_pressure_allowed,
        lifting_limit: d.lifting_limit,
        high_effort_from: f.twelve_weeks,
        running: Running {
            cleared: running_cleared,
            earliest: f.twelve_weeks,
            buggy_from: f.six_months,
            blockers: d.blockers,
            goal: profile
                .training
                .goals
                .contains(&crate::profile::vocab::Goal::Running),
        },
        epds: f.epds.map(|(_, r)| r),
        phq9: f.phq9.map(|(_, r)| r),
        gad7: f.gad7.map(|(_, r)| r),
        safe_now,
        waits,
        reasons: d.reasons,
        disclaimer: DISCLAIMER,
    }
}

/// What is safe now, in plain words, for the level and what it allows.
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
