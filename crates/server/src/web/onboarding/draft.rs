//! Her answers so far, typed: one part per section of the profile, stored as JSON in the drafts
//! table between steps and serialised as the profile's JSON at the end.
//!
//! Every field is optional (`#[serde(default)]`): a draft holds only what the steps done so far
//! asked, and drafts written by earlier versions of these pages still load. The JSON keys are the
//! profile's own, so the same value is both the draft and, without the pages' notes, the body
//! given to `save_profile`; the profile's own checks then say what is missing or wrong.

use mumstrong_core::profile::{HealthInput, parse_iso_date};
use mumstrong_core::questionnaire::{Epds, Whooley};
use mumstrong_core::readiness::{READINESS_TESTS, Readiness};
use mumstrong_core::vocab::{
    Ache, BabySex, Delivery, EquipmentKind, Experience, Goal, PerinealTear, RedFlag, Symptom,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;

use super::input::{parse_number, shown, trimmed};
use super::mood::{EPDS_SCORES_FIELD, GAD7_FIELD, PHQ9_FIELD};
use crate::web::{Unit, WebForm};

/// Her answers so far, in the profile's JSON shape plus the pages' own notes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct Draft {
    /// The birth step.
    #[serde(skip_serializing_if = "BirthAnswers::is_empty")]
    pub birth: BirthAnswers,
    /// The feel, warning-signs and mood steps.
    #[serde(skip_serializing_if = "HealthAnswers::is_empty")]
    pub health: HealthAnswers,
    /// The readiness step: the tests passed (core's own type: every test is a plain yes/no).
    #[serde(skip_serializing_if = "is_default")]
    pub readiness: Readiness,
    /// The training step (and the aches, asked with how she feels).
    #[serde(skip_serializing_if = "TrainingAnswers::is_empty")]
    pub training: TrainingAnswers,
    /// What only the pages need; never part of the profile.
    #[serde(rename = "_web", skip_serializing_if = "WebNotes::is_empty")]
    pub web: WebNotes,
}

/// `birth` in the profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct BirthAnswers {
    #[serde(with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub perineal_tear: Option<PerinealTear>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub babies: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baby_sex: Option<BabySex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baby_birth_weight_kg: Option<f64>,
}

/// `health` in the profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct HealthAnswers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postnatal_check_done: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pelvic_health_assessment_done: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breastfeeding: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<Symptom>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub red_flags: Vec<RedFlag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diastasis_finger_widths: Option<f64>,
    /// The EPDS answer positions (the profile's form of it), all ten or none. The page asks
    /// for the scores on her paper form and turns them into positions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epds: Option<Vec<i64>>,
    /// The PHQ-9 item scores, all nine or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phq9: Option<Vec<i64>>,
    /// The Whooley answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whooley: Option<Whooley>,
    /// The GAD-7 item scores, all seven or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gad7: Option<Vec<i64>>,
}

/// `training` in the profile. Fields whose absence the profile reads as a default other than
/// "none" (goals, equipment, time) stay `Option`, so an unanswered one stays unanswered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct TrainingAnswers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experience: Option<Experience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<Vec<Goal>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_per_week: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_per_session: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equipment: Option<Vec<Kit>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aches: Vec<Ache>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub car_seat_kg: Option<f64>,
}

/// The pages' own notes in a draft (stored under `_web`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct WebNotes {
    /// Readiness tests she tried without passing (keys of [`READINESS_TESTS`]), so the step
    /// shows "Not passed" rather than "Not tried" when she comes back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readiness_not_passed: Vec<String>,
}

/// One piece of equipment as the profile writes it: `mat`, `kettlebell:8,12`. Weights in kg.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Kit {
    pub kind: EquipmentKind,
    pub weights: Vec<f64>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl BirthAnswers {
    fn is_empty(&self) -> bool {
        is_default(self)
    }
}

impl HealthAnswers {
    fn is_empty(&self) -> bool {
        is_default(self)
    }
}

impl TrainingAnswers {
    fn is_empty(&self) -> bool {
        is_default(self)
    }

    /// The weights of one kind she has, if she has it.
    pub fn weights_of(&self, kind: EquipmentKind) -> Option<&[f64]> {
        self.equipment
            .as_deref()?
            .iter()
            .find(|k| k.kind == kind)
            .map(|k| k.weights.as_slice())
    }
}

impl WebNotes {
    fn is_empty(&self) -> bool {
        is_default(self)
    }
}

impl Kit {
    /// The profile's word: the kind, then its weights after a colon if it has any.
    pub fn word(&self) -> String {
        if self.weights.is_empty() {
            return self.kind.as_str().to_owned();
        }
        // Shortest exact form: the step has already rounded what she typed to 0.01 kg, and a
        // weight written through the API is kept as written.
        let weights: Vec<String> = self.weights.iter().map(f64::to_string).collect();
        format!("{}:{}", self.kind.as_str(), weights.join(","))
    }

    /// Reads a profile word; weights that are not numbers are dropped (the step asks again).
    pub fn from_word(word: &str) -> Option<Kit> {
        let (name, weights) = word.split_once(':').unwrap_or((word, ""));
        Some(Kit {
            kind: EquipmentKind::from_word(name.trim())?,
            weights: weights.split(',').filter_map(parse_number).collect(),
        })
    }
}

impl Serialize for Kit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.word())
    }
}

impl<'de> Deserialize<'de> for Kit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = String::deserialize(deserializer)?;
        Kit::from_word(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown equipment `{word}`")))
    }
}

/// A date as the profile writes it, `YYYY-MM-DD`.
mod iso_date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_iso_date(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// Sets one readiness test by its key; `false` for a key the profile does not have.
pub(super) fn set_passed(readiness: &mut Readiness, key: &str, passed: bool) -> bool {
    let slot = match key {
        "walk_30_min" => &mut readiness.walk_30_min,
        "single_leg_balance_10s" => &mut readiness.single_leg_balance_10s,
        "single_leg_squat_10" => &mut readiness.single_leg_squat_10,
        "jog_on_spot_1_min" => &mut readiness.jog_on_spot_1_min,
        "forward_bounds_10" => &mut readiness.forward_bounds_10,
        "hop_on_spot_10" => &mut readiness.hop_on_spot_10,
        "single_leg_running_man_10" => &mut readiness.single_leg_running_man_10,
        "single_leg_calf_raise_20" => &mut readiness.single_leg_calf_raise_20,
        "single_leg_bridge_20" => &mut readiness.single_leg_bridge_20,
        "single_leg_sit_to_stand_20" => &mut readiness.single_leg_sit_to_stand_20,
        "side_lying_abduction_20" => &mut readiness.side_lying_abduction_20,
        _ => return false,
    };
    *slot = passed;
    true
}

impl Draft {
    /// A stored draft or profile; an error if it is not one these pages can read.
    pub fn from_json(text: &str) -> serde_json::Result<Draft> {
        serde_json::from_str(text)
    }

    /// The answers that can make her stop at once (warning signs, the EPDS and PHQ-9 self-harm
    /// items), in the profile's shape, for the stop shown from the step after they are given.
    pub fn urgent_answers(&self) -> HealthInput {
        HealthInput {
            red_flags: self.health.red_flags.clone(),
            epds: self.health.epds.clone(),
            phq9: self.health.phq9.clone(),
            ..HealthInput::default()
        }
    }

    /// The profile's JSON to save: the answers without the pages' notes.
    pub fn profile_body(&self) -> serde_json::Result<Vec<u8>> {
        let body = Draft {
            web: WebNotes::default(),
            ..self.clone()
        };
        serde_json::to_vec(&body)
    }

    /// The pairs her forms would send for these answers, so a step renders the same way from
    /// the draft as from what she just typed.
    pub fn as_form(&self, unit: Unit) -> WebForm {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: String| pairs.push((k.to_owned(), v));
        let b = &self.birth;
        if let Some(d) = b.date {
            put("birth.date", d.to_string());
        }
        if let Some(d) = b.delivery {
            put("birth.delivery", d.as_str().to_owned());
        }
        if let Some(t) = b.perineal_tear {
            put("birth.perineal_tear", t.as_str().to_owned());
        }
        if let Some(s) = b.baby_sex {
            put("birth.baby_sex", s.as_str().to_owned());
        }
        put("birth.babies", b.babies.unwrap_or(1).to_string());
        if let Some(kg) = b.baby_birth_weight_kg {
            put("birth.baby_birth_weight", shown(unit, kg));
        }
        let h = &self.health;
        for (key, answer) in [
            ("health.postnatal_check_done", h.postnatal_check_done),
            (
                "health.pelvic_health_assessment_done",
                h.pelvic_health_assessment_done,
            ),
            ("health.breastfeeding", h.breastfeeding),
        ] {
            if let Some(yes) = answer {
                put(key, if yes { "yes" } else { "no" }.to_owned());
            }
        }
        for s in &h.symptoms {
            put("health.symptoms", s.as_str().to_owned());
        }
        for f in &h.red_flags {
            put("health.red_flags", f.as_str().to_owned());
        }
        let t = &self.training;
        for g in t.goals.iter().flatten() {
            put("training.goals", g.as_str().to_owned());
        }
        for a in &t.aches {
            put("training.aches", a.as_str().to_owned());
        }
        if let Some(w) = h.diastasis_finger_widths {
            put("health.diastasis_finger_widths", trimmed(w, 1));
        }
        if let Some(w) = h.whooley {
            let word = |yes: bool| if yes { "yes" } else { "no" }.to_owned();
            put("health.whooley.down", word(w.down));
            put("health.whooley.no_interest", word(w.no_interest));
            if let Some(help) = w.wants_help {
                put("health.whooley.wants_help", word(help));
            }
        }
        // The page asks for the EPDS as the scores on the paper form, never as positions.
        let epds_scores = h
            .epds
            .as_deref()
            .and_then(|p| Epds::from_answer_positions(p).ok())
            .map(|e| e.item_scores());
        for (i, v) in epds_scores.iter().flatten().enumerate() {
            put(&format!("{EPDS_SCORES_FIELD}[{i}]"), v.to_string());
        }
        for (i, v) in h.phq9.iter().flatten().enumerate() {
            put(&format!("{PHQ9_FIELD}[{i}]"), v.to_string());
        }
        for (i, v) in h.gad7.iter().flatten().enumerate() {
            put(&format!("{GAD7_FIELD}[{i}]"), v.to_string());
        }
        for test in READINESS_TESTS {
            let v = if (test.passed)(&self.readiness) {
                "passed"
            } else if self.web.readiness_not_passed.iter().any(|k| k == test.key) {
                "not_passed"
            } else {
                "not_tried"
            };
            put(&format!("readiness.{}", test.key), v.to_owned());
        }
        if let Some(e) = t.experience {
            put("training.experience", e.as_str().to_owned());
        }
        put(
            "training.days_per_week",
            t.days_per_week.unwrap_or(3).to_string(),
        );
        put(
            "training.minutes_per_session",
            t.minutes_per_session.unwrap_or(20).to_string(),
        );
        for k in t.equipment.iter().flatten() {
            if k.kind != EquipmentKind::Bodyweight {
                put("training.equipment", k.kind.as_str().to_owned());
            }
        }
        for (kind, field) in [
            (EquipmentKind::Kettlebell, "training.kettlebell_weights"),
            (EquipmentKind::Dumbbells, "training.dumbbell_weights"),
            (EquipmentKind::Barbell, "training.barbell_weights"),
        ] {
            if let Some(ws) = t.weights_of(kind) {
                let text: Vec<String> = ws.iter().map(|kg| shown(unit, *kg)).collect();
                put(field, text.join(", "));
            }
        }
        if let Some(kg) = t.car_seat_kg {
            put("training.car_seat", shown(unit, kg));
        }
        WebForm::from_pairs(pairs)
    }
}
