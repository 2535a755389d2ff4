//! The postnatal profile: the input contract, parsed from TOML or JSON and validated.
//!
//! Parsing is two steps. Serde reads the text into [`ProfileInput`] (plain data, unknown fields
//! rejected), tracking the path of whatever fails; then [`ProfileInput::validate`] checks ranges
//! and dates and builds a [`Profile`], whose values can no longer be out of range. Every error
//! names the field (`health.epds[3]`) and what was expected, so a new user can fix her file.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::questionnaire::{Epds, Phq9, QuestionnaireError};
use crate::readiness::Readiness;
use crate::vocab::{
    Ache, BabySex, Delivery, EquipmentKind, Experience, Goal, PerinealTear, RedFlag, Symptom,
};

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

/// The equipment she owns (or uses at her gym), with the weights of kettlebells, dumbbells and the
/// barbell loads she can make. Bodyweight is always there.
#[derive(Debug, Clone, PartialEq)]
pub struct Equipment {
    items: BTreeMap<EquipmentKind, Vec<f64>>,
}

/// Heaviest kettlebell or dumbbell accepted, in kg.
pub const MAX_OWNED_WEIGHT_KG: f64 = 100.0;
/// Lightest kettlebell or dumbbell accepted, in kg (the lightest sold are 0.5 kg).
pub const MIN_OWNED_WEIGHT_KG: f64 = 0.5;
/// Heaviest barbell load accepted, in kg (bar and plates together).
pub const MAX_BARBELL_KG: f64 = 250.0;

/// The heaviest weight accepted for a kind that takes weights.
pub fn max_owned_weight_kg(kind: EquipmentKind) -> f64 {
    if kind == EquipmentKind::Barbell {
        MAX_BARBELL_KG
    } else {
        MAX_OWNED_WEIGHT_KG
    }
}

impl Equipment {
    /// Parses equipment words such as `band`, `kettlebell:8`, `dumbbells:4,6,8`, `barbell:20,30,40`
    /// or `cable`. Errors are
    /// `(index, message)` so the caller can name the entry.
    pub fn parse<S: AsRef<str>>(words: &[S]) -> Result<Self, (usize, String)> {
        let mut items: BTreeMap<EquipmentKind, Vec<f64>> = BTreeMap::new();
        items.insert(EquipmentKind::Bodyweight, Vec::new());
        for (index, word) in words.iter().enumerate() {
            let word = word.as_ref().trim();
            let (name, weights) = match word.split_once(':') {
                Some((name, weights)) => (name.trim(), Some(weights)),
                None => (word, None),
            };
            let kind = EquipmentKind::from_word(name).ok_or_else(|| {
                (
                    index,
                    format!(
                        "unknown equipment `{name}`; expected {} (kettlebell, dumbbells and barbell with their weights in kg, e.g. `kettlebell:8`, `dumbbells:4,6,8` or `barbell:20,30,40`)",
                        EquipmentKind::allowed()
                    ),
                )
            })?;
            let owned = items.entry(kind).or_default();
            match (kind.takes_weights(), weights) {
                (true, None) => {
                    return Err((
                        index,
                        format!(
                            "`{name}` needs its weights in kg, e.g. `{name}:8` or `{name}:4,6,8`"
                        ),
                    ));
                }
                (false, Some(_)) => {
                    return Err((
                        index,
                        format!(
                            "`{name}` takes no weights; only kettlebell, dumbbells and barbell do"
                        ),
                    ));
                }
                (false, None) => {}
                (true, Some(weights)) => {
                    for w in weights.split(',') {
                        let w = w.trim();
                        if w.is_empty() {
                            return Err((
                                index,
                                format!(
                                    "a weight is missing after `{name}:`; expected kilograms separated by commas, e.g. `{name}:4,6,8`"
                                ),
                            ));
                        }
                        let lower = w.to_ascii_lowercase();
                        let number = lower.strip_suffix("kg").unwrap_or(&lower).trim_end();
                        let kg: f64 = number.parse().map_err(|_| {
                            (index, format!("`{}` is not a weight; expected kilograms as a number, e.g. `{name}:8` or `{name}:4,6,8`", shorten(w, MAX_ECHO_CHARS)))
                        })?;
                        let max = max_owned_weight_kg(kind);
                        if !(kg.is_finite() && (MIN_OWNED_WEIGHT_KG..=max).contains(&kg)) {
                            return Err((
                                index,
                                format!(
                                    "{number} kg is out of range; expected a weight from {MIN_OWNED_WEIGHT_KG} to {max} kg"
                                ),
                            ));
                        }
                        owned.push(kg);
                    }
                }
            }
        }
        for weights in items.values_mut() {
            weights.sort_by(f64::total_cmp);
            weights.dedup();
        }
        Ok(Equipment { items })
    }

    /// Owns this kind of equipment (bodyweight always).
    pub fn has(&self, kind: EquipmentKind) -> bool {
        self.items.contains_key(&kind)
    }

    /// The owned weights of a kind, lightest first (empty for kinds without weights).
    pub fn weights_kg(&self, kind: EquipmentKind) -> &[f64] {
        self.items.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The kinds owned.
    pub fn kinds(&self) -> impl Iterator<Item = EquipmentKind> + '_ {
        self.items.keys().copied()
    }

    /// The equipment as profile words again (`kettlebell:8,12`).
    pub fn to_words(&self) -> Vec<String> {
        self.items
            .iter()
            .map(|(kind, weights)| {
                if weights.is_empty() {
                    kind.as_str().to_owned()
                } else {
                    let w: Vec<String> = weights.iter().map(|w| format!("{w}")).collect();
                    format!("{}:{}", kind.as_str(), w.join(","))
                }
            })
            .collect()
    }
}

/// Parses an ISO `YYYY-MM-DD` date, or says what was expected.
pub fn parse_iso_date(text: &str) -> Result<Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let trimmed = text.trim();
    let shaped = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let shown = shorten(text, MAX_ECHO_CHARS);
    if !shaped {
        return Err(format!(
            "`{shown}` is not a date; expected YYYY-MM-DD, e.g. 2026-08-20"
        ));
    }
    Date::parse(trimmed, format).map_err(|_| {
        format!("`{shown}` is not a real calendar date; expected YYYY-MM-DD, e.g. 2026-08-20")
    })
}

fn check_range_f64(
    field: &str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) -> Result<f64, ProfileError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        Err(ProfileError::field_error(
            field,
            format!("{value} is out of range; expected {min} to {max}{unit}"),
        ))
    }
}

fn check_range_int(field: &str, value: i64, min: i64, max: i64) -> Result<i64, ProfileError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ProfileError::field_error(
            field,
            format!("{value} is out of range; expected a whole number from {min} to {max}"),
        ))
    }
}

fn questionnaire_error(field: &str, e: QuestionnaireError) -> ProfileError {
    match e {
        QuestionnaireError::WrongLength { .. } => ProfileError::field_error(field, e.to_string()),
        QuestionnaireError::OutOfRange { item, value } => ProfileError::field_error(
            format!("{field}[{}]", item - 1),
            format!("item {item}: {value} is not allowed; expected 0, 1, 2 or 3"),
        ),
    }
}

impl ProfileInput {
    /// Reads a profile from text in the given format. Syntax and type errors name the field.
    ///
    /// Both formats are first read into one JSON value tree, so that TOML and JSON profiles are
    /// checked by the same code: `null` counts as "not given", and the four sections must be
    /// tables (a list in their place would otherwise be read by position, bypassing the names).
    pub fn from_str(text: &str, format: ProfileFormat) -> Result<Self, ProfileError> {
        let syntax = |message: String| ProfileError::Syntax {
            format,
            message: shorten_lines(message.trim_end()),
        };
        let mut value = match format {
            ProfileFormat::Toml => text
                .parse::<toml::Table>()
                .map(|t| toml_to_json(toml::Value::Table(t)))
                .map_err(|e| syntax(e.to_string()))?,
            ProfileFormat::Json => serde_json::from_str::<serde_json::Value>(text)
                .map_err(|e| syntax(e.to_string()))?,
        };
        drop_nulls(&mut value);
        check_sections(&value, format)?;
        check_misplaced_words(&value)?;
        serde_path_to_error::deserialize(value)
            .map_err(|e| data_error(e.path().to_string(), &e.inner().to_string()))
    }

    /// Checks every range and date and builds a [`Profile`]. `today` fills in a missing `as_of`.
    pub fn validate(&self, today: Date) -> Result<Profile, ProfileError> {
        let as_of = match &self.as_of {
            Some(text) => {
                parse_iso_date(text).map_err(|m| ProfileError::field_error("as_of", m))?
            }
            None => today,
        };
        if !(EARLIEST_AS_OF..=LATEST_AS_OF).contains(&as_of) {
            return Err(ProfileError::field_error(
                "as_of",
                format!(
                    "{as_of} is out of range; expected a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
                ),
            ));
        }

        let date = parse_iso_date(&self.birth.date)
            .map_err(|m| ProfileError::field_error("birth.date", m))?;
        if date > as_of {
            return Err(ProfileError::field_error(
                "birth.date",
                format!(
                    "{date} is after the screening date {as_of} (as_of{}); expected the date of your most recent birth, on or before {as_of}",
                    if self.as_of.is_some() { "" } else { ", today" }
                ),
            ));
        }
        if as_of - date > Duration::days(MAX_YEARS_POSTPARTUM * 366) {
            return Err(ProfileError::field_error(
                "birth.date",
                format!(
                    "{date} is more than {MAX_YEARS_POSTPARTUM} years before {as_of}; expected the date of your most recent birth"
                ),
            ));
        }
        let baby_birth_weight_kg = self
            .birth
            .baby_birth_weight_kg
            .map(|w| check_range_f64("birth.baby_birth_weight_kg", w, 0.5, 7.0, " kg"))
            .transpose()?;
        let babies = match self.birth.babies {
            Some(n) => check_range_int("birth.babies", n, 1, 6)? as u8,
            None => 1,
        };

        let h = &self.health;
        let diastasis_finger_widths = h
            .diastasis_finger_widths
            .map(|w| {
                check_range_f64(
                    "health.diastasis_finger_widths",
                    w,
                    0.0,
                    8.0,
                    " finger widths",
                )
            })
            .transpose()?;
        let epds = h
            .epds
            .as_deref()
            .map(|a| {
                Epds::from_answer_positions(a).map_err(|e| questionnaire_error("health.epds", e))
            })
            .transpose()?;
        let phq9 = h
            .phq9
            .as_deref()
            .map(|a| Phq9::from_item_scores(a).map_err(|e| questionnaire_error("health.phq9", e)))
            .transpose()?;

        let weeks = (as_of - date).whole_weeks();
        if let Some(i) = h
            .symptoms
            .iter()
            .position(|s| *s == Symptom::BleedingBeyond8Weeks)
            .filter(|_| weeks < 8)
        {
            return Err(ProfileError::field_error(
                format!("health.symptoms[{i}]"),
                format!(
                    "`bleeding_beyond_8_weeks` cannot apply {weeks} weeks after birth: some bleeding (lochia) is normal in the first weeks. If bleeding is heavy (soaking more than one pad an hour, or clots bigger than a 50p coin), that is a warning sign: put \"heavy_bleeding\" in red_flags and get help now"
                ),
            ));
        }

        let t = &self.training;
        if t.goals.is_empty() {
            return Err(ProfileError::field_error(
                "training.goals",
                format!("choose at least one of {}", Goal::allowed()),
            ));
        }
        let days_per_week = check_range_int("training.days_per_week", t.days_per_week, 1, 7)? as u8;
        let minutes_per_session = check_range_int(
            "training.minutes_per_session",
            t.minutes_per_session,
            10,
            120,
        )? as u16;
        let equipment = Equipment::parse(&t.equipment).map_err(|(index, message)| {
            ProfileError::field_error(format!("training.equipment[{index}]"), message)
        })?;
        let car_seat_kg = t
            .car_seat_kg
            .map(|w| check_range_f64("training.car_seat_kg", w, 0.5, 20.0, " kg"))
            .transpose()?;

        Ok(Profile {
            as_of,
            birth: Birth {
                date,
                delivery: self.birth.delivery,
                perineal_tear: self.birth.perineal_tear,
                baby_sex: self.birth.baby_sex,
                baby_birth_weight_kg,
                babies,
            },
            health: Health {
                postnatal_check_done: h.postnatal_check_done,
                pelvic_health_assessment_done: h.pelvic_health_assessment_done,
                breastfeeding: h.breastfeeding,
                symptoms: h.symptoms.iter().copied().collect(),
                red_flags: h.red_flags.iter().copied().collect(),
                diastasis_finger_widths,
                epds,
                phq9,
            },
            readiness: self.readiness,
            training: Training {
                experience: t.experience,
                goals: t.goals.iter().copied().collect(),
                days_per_week,
                minutes_per_session,
                equipment,
                aches: t.aches.iter().copied().collect(),
                car_seat_kg,
            },
        })
    }
}

/// TOML values as JSON values: dates become their `YYYY-MM-DD` text; a float JSON cannot hold
/// (nan, inf) becomes text, which the field then rejects by name.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(J::Number)
            .unwrap_or_else(|| J::String(f.to_string())),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// `"field": null` means the field was not given.
fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The profile and its sections must be tables.
fn check_sections(value: &serde_json::Value, format: ProfileFormat) -> Result<(), ProfileError> {
    let table = |name: &str| match format {
        ProfileFormat::Toml => format!("a table (a `[{name}]` section with `key = value` lines)"),
        ProfileFormat::Json => format!("an object of fields ({{\"{name}\": {{ ... }}}})"),
    };
    let Some(map) = value.as_object() else {
        return Err(ProfileError::field_error(
            "profile",
            match format {
                ProfileFormat::Toml => "expected `key = value` lines and [sections]".to_owned(),
                ProfileFormat::Json => "expected an object of fields { ... } at the top".to_owned(),
            },
        ));
    };
    if map.is_empty() {
        return Err(ProfileError::field_error(
            "profile",
            "is empty; it needs at least `birth` with its `date` and `delivery`",
        ));
    }
    for section in ["birth", "health", "readiness", "training"] {
        if map.get(section).is_some_and(|v| !v.is_object()) {
            return Err(ProfileError::field_error(
                section,
                format!("expected {}", table(section)),
            ));
        }
    }
    Ok(())
}

/// A warning sign written among the symptoms is still a warning sign, and a symptom among the
/// red flags is not one: either is refused with a message that says which list it belongs in,
/// never a bare "unknown value" (a red flag must never be lost as a typo).
fn check_misplaced_words(value: &serde_json::Value) -> Result<(), ProfileError> {
    let words = |list: &str| {
        value
            .pointer(&format!("/health/{list}"))
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| v.as_str().map(|w| (i, w.trim().to_lowercase())))
    };
    for (i, word) in words("symptoms") {
        if Symptom::from_word(&word).is_none()
            && let Some(flag) = RedFlag::from_word(&word)
        {
            return Err(ProfileError::field_error(
                format!("health.symptoms[{i}]"),
                format!(
                    "`{flag}` ({}) is a warning sign, not a symptom: list it in `health.red_flags`, stop exercising and get medical help now",
                    flag.describe()
                ),
            ));
        }
    }
    for (i, word) in words("red_flags") {
        if RedFlag::from_word(&word).is_none()
            && let Some(symptom) = Symptom::from_word(&word)
        {
            return Err(ProfileError::field_error(
                format!("health.red_flags[{i}]"),
                format!(
                    "`{symptom}` ({}) is a symptom, not a warning sign: list it in `health.symptoms`; `health.red_flags` takes {}",
                    symptom.describe(),
                    RedFlag::allowed()
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) use crate::text::{MAX_ECHO_CHARS, shorten};

/// Cuts each line of a parser message (which quotes the source line) to a readable length.
fn shorten_lines(message: &str) -> String {
    message
        .lines()
        .map(|line| shorten(line, 200))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rewrites serde's Rust-flavoured words into ones a person filling in a profile knows.
fn plain_serde_message(message: &str) -> String {
    let message = message
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "expected a sequence",
            "expected a list in square brackets, e.g. [\"a\", \"b\"]",
        )
        .replace("expected a string", "expected text in quotes");
    let message = if message.starts_with("unknown field `as_of`") {
        format!("{message}; as_of belongs at the top of the file, before [birth]")
    } else {
        message
    };
    shorten(&message, 400)
}

/// Turns a serde data error at `path` into a field error. A missing field is reported at the
/// field itself (`birth.date is required`), not at its parent table.
fn data_error(path: String, message: &str) -> ProfileError {
    let parent = if path == "." { String::new() } else { path };
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let field = if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        };
        return ProfileError::field_error(field, "is required but missing");
    }
    let field = if parent.is_empty() {
        "profile".to_owned()
    } else {
        parent
    };
    ProfileError::field_error(field, plain_serde_message(message))
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
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    const FULL_TOML: &str = r#"
as_of = "2026-11-24"
[birth]
date = "2026-08-20"
delivery = "vaginal"
perineal_tear = "second"
baby_sex = "female"
baby_birth_weight_kg = 3.4
babies = 1
[health]
postnatal_check_done = true
breastfeeding = true
symptoms = []
red_flags = []
diastasis_finger_widths = 1.5
epds = [0,0,3,0,3,3,3,3,3,3]
phq9 = [0,0,0,0,0,0,0,0,0]
[readiness]
walk_30_min = true
single_leg_balance_10s = true
single_leg_squat_10 = true
jog_on_spot_1_min = true
forward_bounds_10 = true
hop_on_spot_10 = true
single_leg_running_man_10 = true
single_leg_calf_raise_20 = true
single_leg_bridge_20 = true
single_leg_sit_to_stand_20 = true
side_lying_abduction_20 = true
[training]
experience = "beginner"
goals = ["strength"]
days_per_week = 3
minutes_per_session = 30
equipment = ["bodyweight", "band", "kettlebell:8", "dumbbells:4,6,8", "baby", "buggy", "chair"]
aches = ["back"]
"#;

    fn toml_err(text: &str) -> ProfileError {
        Profile::parse(text, ProfileFormat::Toml, TODAY).unwrap_err()
    }

    fn json_err(text: &str) -> ProfileError {
        Profile::parse(text, ProfileFormat::Json, TODAY).unwrap_err()
    }

    #[test]
    fn the_documented_example_parses() {
        let p = Profile::parse(FULL_TOML, ProfileFormat::Toml, TODAY).unwrap();
        assert_eq!(p.weeks_postpartum(), 13);
        assert_eq!(
            p.training.equipment.weights_kg(EquipmentKind::Dumbbells),
            &[4.0, 6.0, 8.0]
        );
        assert_eq!(
            p.training.equipment.weights_kg(EquipmentKind::Kettlebell),
            &[8.0]
        );
        assert!(p.readiness.strength_passed());
        assert_eq!(p.health.epds.unwrap().total(), 0);
    }

    #[test]
    fn toml_and_json_read_the_same_profile_and_round_trip() {
        let p = Profile::parse(FULL_TOML, ProfileFormat::Toml, TODAY).unwrap();
        let json = serde_json::to_string(&p.to_input()).unwrap();
        let q = Profile::parse(&json, ProfileFormat::Json, TODAY).unwrap();
        assert_eq!(p, q);
    }

    #[test]
    fn as_of_defaults_to_today_and_toml_native_dates_work() {
        let p = Profile::parse(
            "[birth]\ndate = 2026-11-01\ndelivery = \"vaginal\"\n",
            ProfileFormat::Toml,
            TODAY,
        )
        .unwrap();
        assert_eq!(p.as_of, TODAY);
        assert_eq!(p.days_postpartum(), 23);
        assert_eq!(p.training.days_per_week, 3);
        assert!(p.training.equipment.has(EquipmentKind::Bodyweight));
    }

    #[test]
    fn missing_birth_date_names_the_field() {
        let e = toml_err("[birth]\ndelivery = \"vaginal\"\n");
        assert_eq!(e.field(), Some("birth.date"), "{e}");
        let e = json_err(r#"{"birth": {"delivery": "vaginal"}}"#);
        assert_eq!(e.field(), Some("birth.date"), "{e}");
        let e = toml_err("as_of = \"2026-11-24\"\n");
        assert_eq!(e.field(), Some("birth"), "{e}");
    }

    #[test]
    fn birth_after_as_of_is_an_error() {
        let e = toml_err(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-11-25\"\ndelivery = \"vaginal\"\n",
        );
        assert_eq!(e.field(), Some("birth.date"));
        assert!(e.to_string().contains("after"), "{e}");
        // Without as_of, today is the limit.
        let e = toml_err("[birth]\ndate = \"2027-01-01\"\ndelivery = \"vaginal\"\n");
        assert!(e.to_string().contains("today"), "{e}");
    }

    #[test]
    fn bad_dates_say_the_expected_shape() {
        for bad in ["20/08/2026", "2026-8-20", "2026-02-30", "tomorrow", ""] {
            let e = toml_err(&format!(
                "[birth]\ndate = \"{bad}\"\ndelivery = \"vaginal\"\n"
            ));
            assert_eq!(e.field(), Some("birth.date"), "{bad}: {e}");
            assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        }
        let e = toml_err(
            "as_of = \"24.11.2026\"\n[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n",
        );
        assert_eq!(e.field(), Some("as_of"));
    }

    #[test]
    fn epds_length_and_range_errors_name_the_item() {
        let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\n";
        let e = toml_err(&format!("{base}epds = [0,0,0,0,0,0,0,0,0,0,0]\n"));
        assert_eq!(e.field(), Some("health.epds"));
        assert!(e.to_string().contains("expected 10 answers"), "{e}");
        let e = toml_err(&format!("{base}epds = [0,0,0,4,0,0,0,0,0,0]\n"));
        assert_eq!(e.field(), Some("health.epds[3]"), "{e}");
        assert!(e.to_string().contains("item 4"), "{e}");
        let e = toml_err(&format!("{base}phq9 = [0,0,0,0,0,0,0,0]\n"));
        assert_eq!(e.field(), Some("health.phq9"));
        let e = json_err(
            r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"health":{"epds":[0,0,0,0,0,0,0,0,0,1.5]}}"#,
        );
        assert_eq!(e.field(), Some("health.epds[9]"), "{e}");
    }

    #[test]
    fn unknown_words_and_fields_list_what_is_allowed() {
        let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";
        let e = toml_err(&format!("{base}[health]\nsymptoms = [\"leaking\"]\n"));
        assert_eq!(e.field(), Some("health.symptoms[0]"), "{e}");
        assert!(e.to_string().contains("urinary_leakage"), "{e}");
        let e = toml_err("[birth]\ndate = \"2026-08-20\"\ndelivery = \"natural\"\n");
        assert_eq!(e.field(), Some("birth.delivery"), "{e}");
        assert!(e.to_string().contains("planned_caesarean"), "{e}");
        let e = toml_err(&format!("{base}[health]\nsleep_hours = 5\n"));
        assert!(e.field().unwrap().starts_with("health"), "{e}");
        assert!(e.to_string().contains("sleep_hours"), "{e}");
        assert!(e.to_string().contains("postnatal_check_done"), "{e}");
        let e = json_err(r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"readines":{}}"#);
        assert!(e.to_string().contains("readines"), "{e}");
    }

    #[test]
    fn malformed_text_is_a_syntax_error_with_a_line() {
        let e = toml_err("[birth\ndate = \"2026-08-20\"\n");
        assert!(matches!(
            e,
            ProfileError::Syntax {
                format: ProfileFormat::Toml,
                ..
            }
        ));
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = json_err("{\"birth\": {\"date\": \"2026-08-20\",}");
        assert!(matches!(
            e,
            ProfileError::Syntax {
                format: ProfileFormat::Json,
                ..
            }
        ));
        assert!(e.to_string().contains("line 1"), "{e}");
        let e =
            json_err("{\"birth\": {\"date\": \"2026-08-20\", \"delivery\": \"vaginal\"}} trailing");
        assert!(matches!(e, ProfileError::Syntax { .. }), "{e}");
    }

    #[test]
    fn numeric_ranges_are_checked() {
        let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";
        let cases = [
            (
                "baby_birth_weight_kg = 9.0",
                "[birth]",
                "birth.baby_birth_weight_kg",
            ),
            ("babies = 0", "[birth]", "birth.babies"),
            (
                "diastasis_finger_widths = 9",
                "[health]",
                "health.diastasis_finger_widths",
            ),
            (
                "diastasis_finger_widths = nan",
                "[health]",
                "health.diastasis_finger_widths",
            ),
            ("days_per_week = 8", "[training]", "training.days_per_week"),
            (
                "minutes_per_session = 5",
                "[training]",
                "training.minutes_per_session",
            ),
            ("goals = []", "[training]", "training.goals"),
            (
                "equipment = [\"kettlebell\"]",
                "[training]",
                "training.equipment[0]",
            ),
            (
                "equipment = [\"band\", \"rowing_machine\"]",
                "[training]",
                "training.equipment[1]",
            ),
            (
                "equipment = [\"dumbbells:4,x\"]",
                "[training]",
                "training.equipment[0]",
            ),
            (
                "equipment = [\"dumbbells:0\"]",
                "[training]",
                "training.equipment[0]",
            ),
            (
                "equipment = [\"band:5\"]",
                "[training]",
                "training.equipment[0]",
            ),
        ];
        for (line, table, field) in cases {
            let text = if table == "[birth]" {
                format!("{base}{line}\n")
            } else {
                format!("{base}{table}\n{line}\n")
            };
            let e = toml_err(&text);
            assert_eq!(e.field(), Some(field), "{line}: {e}");
        }
    }

    #[test]
    fn null_means_not_given_and_sections_must_be_tables() {
        let p = Profile::parse(
            r#"{"as_of": null, "birth": {"date": "2026-08-20", "delivery": "vaginal", "perineal_tear": null}, "health": null, "training": {"equipment": null}}"#,
            ProfileFormat::Json,
            TODAY,
        )
        .unwrap();
        assert_eq!(p.as_of, TODAY);
        let e = json_err(r#"{"birth": {"date": "2026-08-20", "delivery": null}}"#);
        assert_eq!(e.field(), Some("birth.delivery"), "{e}");
        let e = json_err(r#"{"birth": ["2026-08-20", "vaginal"]}"#);
        assert_eq!(e.field(), Some("birth"), "{e}");
        let e = toml_err("birth = [\"2026-08-20\", \"vaginal\", \"third\"]\n");
        assert_eq!(e.field(), Some("birth"), "{e}");
        let e = json_err(r#"[{"birth": {}}]"#);
        assert_eq!(e.field(), Some("profile"), "{e}");
        assert!(!e.to_string().contains("struct"), "no Rust words: {e}");
    }

    #[test]
    fn wrong_types_for_words_name_the_field_and_the_words() {
        let e = json_err(r#"{"birth": {"date": "2026-08-20", "delivery": 3}}"#);
        assert_eq!(e.field(), Some("birth.delivery"), "{e}");
        assert!(e.to_string().contains("`vaginal`"), "{e}");
        let e = toml_err("[birth]\ndate = \"2026-08-20\"\ndelivery = \"Vaginal\"\n");
        assert!(e.to_string().contains("write it as `vaginal`"), "{e}");
        let e = toml_err(
            "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\nas_of = \"2026-11-24\"\n",
        );
        assert!(e.to_string().contains("belongs at the top"), "{e}");
    }

    #[test]
    fn dates_beyond_the_supported_range_are_refused_not_crashed_on() {
        let e = toml_err(
            "as_of = \"9999-12-31\"\n[birth]\ndate = \"9999-12-01\"\ndelivery = \"vaginal\"\n",
        );
        assert_eq!(e.field(), Some("as_of"), "{e}");
        let long = "9".repeat(10_000);
        let e = toml_err(&format!(
            "[birth]\ndate = \"{long}\"\ndelivery = \"vaginal\"\n"
        ));
        assert!(e.to_string().len() < 300, "long values are cut short: {e}");
    }

    #[test]
    fn bleeding_beyond_8_weeks_before_8_weeks_is_refused() {
        let e = toml_err(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-10-20\"\ndelivery = \"vaginal\"\n[health]\nsymptoms = [\"urinary_leakage\", \"bleeding_beyond_8_weeks\"]\n",
        );
        assert_eq!(e.field(), Some("health.symptoms[1]"), "{e}");
        assert!(e.to_string().contains("heavy_bleeding"), "{e}");
    }

    #[test]
    fn equipment_weights_are_forgiving_but_checked() {
        let eq = Equipment::parse(&["kettlebell: 8KG", "dumbbells:4, 6 kg"]).unwrap();
        assert_eq!(eq.weights_kg(EquipmentKind::Kettlebell), &[8.0]);
        assert_eq!(eq.weights_kg(EquipmentKind::Dumbbells), &[4.0, 6.0]);
        for bad in [
            "dumbbells:",
            "kettlebell:8,",
            "kettlebell:0.001",
            "kettlebell:1e-300",
        ] {
            let (i, m) = Equipment::parse(&[bad]).unwrap_err();
            assert_eq!(i, 0);
            assert!(!m.contains("``"), "{bad}: {m}");
        }
    }

    #[test]
    fn a_warning_sign_among_the_symptoms_is_refused_by_name_in_toml_and_json() {
        let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\n";
        for flag in RedFlag::ALL {
            let e = toml_err(&format!(
                "{base}symptoms = [\"urinary_leakage\", \"{flag}\"]\n"
            ));
            assert_eq!(e.field(), Some("health.symptoms[1]"), "{flag}: {e}");
            let text = e.to_string();
            assert!(text.contains("`health.red_flags`"), "{text}");
            assert!(text.contains("warning sign"), "{text}");
            assert!(!text.contains("unknown value"), "{text}");
        }
        let e = json_err(
            r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"health":{"symptoms":["Chest_Pain"]}}"#,
        );
        assert_eq!(e.field(), Some("health.symptoms[0]"), "{e}");
        assert!(e.to_string().contains("health.red_flags"), "{e}");
        // And the other way round.
        let e = toml_err(&format!("{base}red_flags = [\"pelvic_heaviness\"]\n"));
        assert_eq!(e.field(), Some("health.red_flags[0]"), "{e}");
        assert!(e.to_string().contains("`health.symptoms`"), "{e}");
        assert!(e.to_string().contains("is a symptom"), "{e}");
        // The right lists still parse.
        let p = Profile::parse(
            &format!("{base}symptoms = [\"pelvic_heaviness\"]\nred_flags = [\"chest_pain\"]\n"),
            ProfileFormat::Toml,
            TODAY,
        )
        .unwrap();
        assert!(p.health.red_flags.contains(&RedFlag::ChestPain));
    }

    #[test]
    fn gym_equipment_parses_with_barbell_loads_and_clear_errors() {
        let eq =
            Equipment::parse(&["barbell:40, 20,30", "cable", "machines", "bench", "box"]).unwrap();
        assert_eq!(eq.weights_kg(EquipmentKind::Barbell), &[20.0, 30.0, 40.0]);
        for kind in [
            EquipmentKind::Cable,
            EquipmentKind::Machines,
            EquipmentKind::Bench,
            EquipmentKind::Box,
        ] {
            assert!(eq.has(kind), "{kind}");
        }
        assert_eq!(
            Equipment::parse(&eq.to_words()).unwrap(),
            eq,
            "the words round-trip"
        );
        let (i, m) = Equipment::parse(&["band", "barbell"]).unwrap_err();
        assert_eq!(i, 1);
        assert!(m.contains("`barbell:8`") || m.contains("barbell:"), "{m}");
        let (_, m) = Equipment::parse(&["cable:20"]).unwrap_err();
        assert!(
            m.contains("takes no weights") && m.contains("barbell"),
            "{m}"
        );
        let (_, m) = Equipment::parse(&["barbell:300"]).unwrap_err();
        assert!(m.contains("250"), "{m}");
        assert!(
            Equipment::parse(&["barbell:120"]).is_ok(),
            "heavier than a dumbbell"
        );
        let (_, m) = Equipment::parse(&["smith_machine"]).unwrap_err();
        assert!(
            m.contains("`machines`") && m.contains("barbell:20,30,40"),
            "{m}"
        );
        let e = toml_err(
            "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[training]\nequipment = [\"cable\", \"barbell:20,x\"]\n",
        );
        assert_eq!(e.field(), Some("training.equipment[1]"), "{e}");
        assert!(e.to_string().contains("`x` is not a weight"), "{e}");
    }

    #[test]
    fn format_from_file_name() {
        assert_eq!(
            ProfileFormat::from_file_name("a/b.TOML"),
            Some(ProfileFormat::Toml)
        );
        assert_eq!(
            ProfileFormat::from_file_name("x.json"),
            Some(ProfileFormat::Json)
        );
        assert_eq!(ProfileFormat::from_file_name("x.yaml"), None);
        assert_eq!(ProfileFormat::from_file_name("noext"), None);
    }
}
