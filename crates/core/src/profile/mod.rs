//! The postnatal profile: the input contract, parsed from TOML or JSON and validated.
//!
//! Parsing is two steps. Serde reads the text into [`ProfileInput`] (plain data, unknown fields
//! rejected), tracking the path of whatever fails; then [`ProfileInput::validate`] checks ranges
//! and dates and builds a [`Profile`], whose values can no longer be out of range. Every error
//! names the field (`health.epds[3]`) and what was expected, so a new user can fix her file.
//!
//! `read` turns the text into [`ProfileInput`], `validate` checks it into a [`Profile`] and
//! `equipment` reads what she owns; her words are in [`vocab`], the mood questionnaires in
//! [`questionnaire`] and the return-to-running tests in [`readiness`].

mod equipment;
pub mod questionnaire;
mod read;
pub mod readiness;
mod validate;
pub mod vocab;
pub mod wording;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use questionnaire::{Epds, Gad7, Phq9, Whooley};
use readiness::Readiness;
use vocab::{Ache, BabySex, Delivery, Experience, Goal, PerinealTear, RedFlag, Symptom};

pub use equipment::{
    Equipment, MAX_BARBELL_KG, MAX_OWNED_WEIGHT_KG, MIN_OWNED_WEIGHT_KG, max_owned_weight_kg,
};
pub use validate::parse_iso_date;

pub(crate) use crate::text::{MAX_ECHO_CHARS, shorten};

/// Births longer ago than this are taken to be a typing error in `birth.date`.
pub const MAX_YEARS_POSTPARTUM: i64 = 30;

/// The earliest date a profile may describe.
pub const EARLIEST_AS_OF: Date = time::macros::date!(1950 - 01 - 01);
/// The latest date a profile may describe; keeps all date arithmetic far from the calendar's end.
pub const LATEST_AS_OF: Date = time::macros::date!(2200 - 12 - 31);

/// The file formats a profile can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileFormat {
    /// TOML, as in the documentation's example.
    Toml,
    /// JSON with the same fields.
    Json,
}

impl ProfileFormat {
    /// Picks the format from a file name's extension (`.toml` or `.json`, any case).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(ProfileFormat::Toml),
            "json" => Some(ProfileFormat::Json),
            _ => None,
        }
    }
}

impl std::fmt::Display for ProfileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ProfileFormat::Toml => "TOML",
            ProfileFormat::Json => "JSON",
        })
    }
}

/// Why a profile could not be read. Always says where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// The text is not valid TOML or JSON at all.
    #[error("the profile is not valid {format}: {message}")]
    Syntax {
        /// Which format was being read.
        format: ProfileFormat,
        /// The parser's explanation, with line and column.
        message: String,
    },
    /// A field is missing, unknown, of the wrong type or out of range.
    #[error("{field}: {message}")]
    Field {
        /// Dotted path of the field, e.g. `birth.date` or `health.epds[3]`.
        field: String,
        /// What is wrong and what is allowed.
        message: String,
    },
}

impl ProfileError {
    /// The offending field's path, if the error is about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            ProfileError::Field { field, .. } => Some(field),
            ProfileError::Syntax { .. } => None,
        }
    }

    fn field_error(field: impl Into<String>, message: impl Into<String>) -> Self {
        ProfileError::Field {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The profile exactly as written in a file: plain data, before range checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// The date the profile describes (`YYYY-MM-DD`); today when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The most recent birth.
    pub birth: BirthInput,
    /// Health now: postnatal check, symptoms, red flags, mood questionnaires.
    #[serde(default)]
    pub health: HealthInput,
    /// Return-to-running readiness tests passed.
    #[serde(default)]
    pub readiness: Readiness,
    /// Training wishes and means.
    #[serde(default)]
    pub training: TrainingInput,
}

/// `[birth]` as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirthInput {
    /// Date of the most recent birth, `YYYY-MM-DD`.
    pub date: String,
    /// How the baby was born.
    pub delivery: Delivery,
    /// Degree of perineal tear, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perineal_tear: Option<PerinealTear>,
    /// The baby's sex, for growth curves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baby_sex: Option<BabySex>,
    /// Birth weight in kg, 0.5 to 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baby_birth_weight_kg: Option<f64>,
    /// Number of babies born (twins = 2); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub babies: Option<i64>,
}

/// `[health]` as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HealthInput {
    /// The 6-8 week postnatal check has been done.
    pub postnatal_check_done: bool,
    /// A pelvic-health physio has assessed her since this birth.
    pub pelvic_health_assessment_done: bool,
    /// Breastfeeding now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breastfeeding: Option<bool>,
    /// Current symptoms.
    pub symptoms: Vec<Symptom>,
    /// Warning signs now.
    pub red_flags: Vec<RedFlag>,
    /// Widest inter-recti gap by palpation, in finger widths, 0 to 8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diastasis_finger_widths: Option<f64>,
    /// EPDS answer positions, 10 of them, each 0..3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epds: Option<Vec<i64>>,
    /// PHQ-9 item scores, 9 of them, each 0..3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phq9: Option<Vec<i64>>,
    /// The Whooley answers (`down`, `no_interest`, and `wants_help` only after a yes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whooley: Option<Whooley>,
    /// GAD-7 item scores, 7 of them, each 0..3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gad7: Option<Vec<i64>>,
}

/// `[training]` as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainingInput {
    /// Strength-training experience.
    pub experience: Experience,
    /// Goals, at least one.
    pub goals: Vec<Goal>,
    /// Sessions a week, 1 to 7.
    pub days_per_week: i64,
    /// Minutes a session, 10 to 120.
    pub minutes_per_session: i64,
    /// Equipment words, e.g. `band`, `kettlebell:8`, `dumbbells:4,6,8`.
    pub equipment: Vec<String>,
    /// Aching areas to go easy on.
    pub aches: Vec<Ache>,
    /// The car seat's weight in kg, for the everyday load (default 3.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub car_seat_kg: Option<f64>,
}

impl Default for TrainingInput {
    fn default() -> Self {
        TrainingInput {
            experience: Experience::Beginner,
            goals: vec![Goal::GeneralFitness],
            days_per_week: 3,
            minutes_per_session: 30,
            equipment: vec!["bodyweight".to_owned()],
            aches: Vec::new(),
            car_seat_kg: None,
        }
    }
}

/// A validated postnatal profile. Every value is in range and every date is consistent.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The date the profile describes.
    pub as_of: Date,
    /// The most recent birth.
    pub birth: Birth,
    /// Health now.
    pub health: Health,
    /// Readiness tests passed.
    pub readiness: Readiness,
    /// Training wishes and means.
    pub training: Training,
}

/// The most recent birth.
#[derive(Debug, Clone, PartialEq)]
pub struct Birth {
    /// Date of birth, on or before `as_of`.
    pub date: Date,
    /// How the baby was born.
    pub delivery: Delivery,
    /// Perineal tear, if known.
    pub perineal_tear: Option<PerinealTear>,
    /// The baby's sex, if given.
    pub baby_sex: Option<BabySex>,
    /// Birth weight in kg, 0.5 to 7, if given.
    pub baby_birth_weight_kg: Option<f64>,
    /// Number of babies, 1 to 6.
    pub babies: u8,
}

/// Health now.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    /// The 6-8 week check has been done.
    pub postnatal_check_done: bool,
    /// A pelvic-health physio has assessed her since this birth.
    pub pelvic_health_assessment_done: bool,
    /// Breastfeeding now, if said.
    pub breastfeeding: Option<bool>,
    /// Current symptoms, without repeats.
    pub symptoms: BTreeSet<Symptom>,
    /// Current red flags, without repeats.
    pub red_flags: BTreeSet<RedFlag>,
    /// Widest inter-recti gap in finger widths, 0 to 8.
    pub diastasis_finger_widths: Option<f64>,
    /// EPDS, if answered.
    pub epds: Option<Epds>,
    /// PHQ-9, if answered.
    pub phq9: Option<Phq9>,
    /// The Whooley questions, if answered.
    pub whooley: Option<Whooley>,
    /// GAD-7, if answered.
    pub gad7: Option<Gad7>,
}

/// Training wishes and means.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// Strength-training experience.
    pub experience: Experience,
    /// Goals, at least one.
    pub goals: BTreeSet<Goal>,
    /// Sessions a week, 1 to 7.
    pub days_per_week: u8,
    /// Minutes a session, 10 to 120.
    pub minutes_per_session: u16,
    /// What she owns.
    pub equipment: Equipment,
    /// Aching areas.
    pub aches: BTreeSet<Ache>,
    /// The car seat's weight in kg, if she gave it.
    pub car_seat_kg: Option<f64>,
}

impl Profile {
    /// Reads and validates a profile in one step.
    pub fn parse(text: &str, format: ProfileFormat, today: Date) -> Result<Self, ProfileError> {
        ProfileInput::from_str(text, format)?.validate(today)
    }

    /// Whole days from birth to `as_of`.
    pub fn days_postpartum(&self) -> i64 {
        (self.as_of - self.birth.date).whole_days()
    }

    /// Whole weeks from birth to `as_of`.
    pub fn weeks_postpartum(&self) -> i64 {
        self.days_postpartum() / 7
    }

    /// The profile as plain input data again, e.g. to store it. `validate` gives it back.
    pub fn to_input(&self) -> ProfileInput {
        ProfileInput {
            as_of: Some(self.as_of.to_string()),
            birth: BirthInput {
                date: self.birth.date.to_string(),
                delivery: self.birth.delivery,
                perineal_tear: self.birth.perineal_tear,
                baby_sex: self.birth.baby_sex,
                baby_birth_weight_kg: self.birth.baby_birth_weight_kg,
                babies: Some(i64::from(self.birth.babies)),
            },
            health: HealthInput {
                postnatal_check_done: self.health.postnatal_check_done,
                pelvic_health_assessment_done: self.health.pelvic_health_assessment_done,
                breastfeeding: self.health.breastfeeding,
                symptoms: self.health.symptoms.iter().copied().collect(),
                red_flags: self.health.red_flags.iter().copied().collect(),
                diastasis_finger_widths: self.health.diastasis_finger_widths,
                epds: self
                    .health
                    .epds
                    .map(|e| e.answer_positions().iter().map(|&v| i64::from(v)).collect()),
                phq9: self
                    .health
                    .phq9
                    .map(|p| p.item_scores().iter().map(|&v| i64::from(v)).collect()),
                whooley: self.health.whooley,
                gad7: self
                    .health
                    .gad7
                    .map(|g| g.item_scores().iter().map(|&v| i64::from(v)).collect()),
            },
            readiness: self.readiness,
            training: TrainingInput {
                experience: self.training.experience,
                goals: self.training.goals.iter().copied().collect(),
                days_per_week: i64::from(self.training.days_per_week),
                minutes_per_session: i64::from(self.training.minutes_per_session),
                equipment: self.training.equipment.to_words(),
                aches: self.training.aches.iter().copied().collect(),
                car_seat_kg: self.training.car_seat_kg,
            },
        }
    }
}

#[cfg(test)]
mod tests;
