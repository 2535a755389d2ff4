//! The seven steps in order, their addresses and titles, and which step (and input) owns a
//! profile field named in a validation error.

use mumstrong_core::vocab::EquipmentKind;

use super::draft::Draft;

/// One page of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Date, delivery, tear, babies.
    Birth,
    /// Postnatal check, symptoms, tummy gap, aches.
    Feel,
    /// Red flags.
    Warning,
    /// The Whooley questions, the PHQ-9 after a yes, EPDS scores and the GAD-7; optional.
    Mood,
    /// The return-to-running tests.
    Readiness,
    /// Goals, time and equipment.
    Training,
    /// Everything on one page, and the save button.
    Review,
}

/// Every step, in order.
pub(crate) const STEPS: [Step; 7] = [
    Step::Birth,
    Step::Feel,
    Step::Warning,
    Step::Mood,
    Step::Readiness,
    Step::Training,
    Step::Review,
];

impl Step {
    pub(super) fn slug(self) -> &'static str {
        match self {
            Step::Birth => "birth",
            Step::Feel => "feel",
            Step::Warning => "warning-signs",
            Step::Mood => "mood",
            Step::Readiness => "readiness",
            Step::Training => "training",
            Step::Review => "review",
        }
    }

    pub(super) fn title(self) -> &'static str {
        match self {
            Step::Birth => "Your birth",
            Step::Feel => "How you feel now",
            Step::Warning => "Warning signs",
            Step::Mood => "Your mood (optional)",
            Step::Readiness => "Readiness tests",
            Step::Training => "Your training",
            Step::Review => "Check your answers",
        }
    }

    pub(super) fn short(self) -> &'static str {
        match self {
            Step::Birth => "Birth",
            Step::Feel => "Feeling",
            Step::Warning => "Warnings",
            Step::Mood => "Mood",
            Step::Readiness => "Tests",
            Step::Training => "Training",
            Step::Review => "Check",
        }
    }

    pub(super) fn index(self) -> usize {
        STEPS.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub(super) fn from_slug(slug: &str) -> Option<Step> {
        STEPS.iter().copied().find(|s| s.slug() == slug)
    }

    pub(super) fn url(self) -> String {
        format!("/onboarding/{}", self.slug())
    }
}

/// The step whose form owns a profile field (as named in a validation error).
pub(crate) fn step_of_field(field: &str) -> Step {
    let section = field.split(['.', '[']).next().unwrap_or("");
    match section {
        "birth" => Step::Birth,
        "readiness" => Step::Readiness,
        "training" if field.starts_with("training.aches") => Step::Feel,
        "training" => Step::Training,
        "health" if field.starts_with("health.red_flags") => Step::Warning,
        "health"
            if [
                "health.epds",
                "health.phq9",
                "health.whooley",
                "health.gad7",
            ]
            .iter()
            .any(|p| field.starts_with(p)) =>
        {
            Step::Mood
        }
        "health" => Step::Feel,
        _ => Step::Review,
    }
}

/// The form input that shows a profile field's error (`birth` → `birth.date`,
/// `training.equipment[2]` → the dumbbell weights if that entry is the dumbbells).
pub(super) fn input_of_field(field: &str, draft: &Draft) -> String {
    if field == "birth" {
        return "birth.date".to_owned();
    }
    // The page asks for the EPDS as scores, under its own name; the item is the same.
    if let Some(item) = field.strip_prefix("health.epds[") {
        return format!("{}[{item}", super::mood::EPDS_SCORES_FIELD);
    }
    if field.starts_with("health.phq9[") || field.starts_with("health.gad7[") {
        return field.to_owned();
    }
    // A whole questionnaire refused (the wrong number of answers): shown at its first item.
    match field {
        "health.epds" => return format!("{}[0]", super::mood::EPDS_SCORES_FIELD),
        "health.phq9" | "health.gad7" => return format!("{field}[0]"),
        _ => {}
    }
    if field.starts_with("health.whooley") {
        return match field {
            "health.whooley.no_interest" | "health.whooley.wants_help" => field,
            _ => "health.whooley.down",
        }
        .to_owned();
    }
    if let Some(rest) = field.strip_prefix("training.equipment[") {
        let kind = rest
            .trim_end_matches(']')
            .parse::<usize>()
            .ok()
            .and_then(|i| draft.training.equipment.as_ref()?.get(i))
            .map(|k| k.kind);
        return match kind {
            Some(EquipmentKind::Kettlebell) => "training.kettlebell_weights",
            Some(EquipmentKind::Dumbbells) => "training.dumbbell_weights",
            Some(EquipmentKind::Barbell) => "training.barbell_weights",
            _ => "training.equipment",
        }
        .to_owned();
    }
    let base = field.split('[').next().unwrap_or(field);
    match base {
        "birth.baby_birth_weight_kg" => "birth.baby_birth_weight".to_owned(),
        "training.car_seat_kg" => "training.car_seat".to_owned(),
        other => other.to_owned(),
    }
}
