//! A profile's refusal on saving, in the page's words: the step and the input that show it, and
//! a message naming her answers by their labels in her unit. The profile's own messages quote
//! its file words (`kettlebell:8`, `bleeding_beyond_8_weeks`), written for people editing a file.

use mumstrong_core::profile::max_owned_weight_kg;
use mumstrong_core::vocab::Symptom;
use time::Date;

use super::draft::Draft;
use super::health::bleeding_too_soon;
use super::input::{parse_weights, shown};
use super::steps::{Step, input_of_field, step_of_field};
use super::training::{equipment_label, weights_field};
use crate::error::AppError;
use crate::web::Unit;

/// The step to show a save error on, and the error as that step shows it.
pub(super) fn on_page(e: &AppError, draft: &Draft, unit: Unit, today: Date) -> (Step, AppError) {
    let Some(field) = &e.field else {
        return (Step::Review, e.clone());
    };
    let message = page_message(field, draft, unit, today).unwrap_or_else(|| e.message.clone());
    (
        step_of_field(field),
        AppError::invalid(input_of_field(field, draft), message),
    )
}

/// The page's own message for the refusals whose profile message quotes profile words.
fn page_message(field: &str, draft: &Draft, unit: Unit, today: Date) -> Option<String> {
    let index = |prefix: &str| -> Option<usize> {
        field.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok()
    };
    if let Some(i) = index("training.equipment[") {
        let kit = draft.training.equipment.as_ref()?.get(i)?;
        let label = equipment_label(kit.kind).0;
        if !kit.kind.takes_weights() {
            return Some(format!(
                "{label} takes no weights; save this step again to drop them"
            ));
        }
        let (_, what) = weights_field(kit.kind);
        let typed: Vec<String> = kit.weights.iter().map(|kg| shown(unit, *kg)).collect();
        let max = max_owned_weight_kg(kit.kind);
        let problem = parse_weights(unit, &typed.join(", "), what, &kit.weights, max).err()?;
        return Some(if kit.weights.is_empty() {
            format!("{label} needs its weights: {problem}")
        } else {
            problem
        });
    }
    if let Some(i) = index("health.symptoms[")
        && draft.health.symptoms.get(i) == Some(&Symptom::BleedingBeyond8Weeks)
    {
        return Some(bleeding_too_soon((today - draft.birth.date?).whole_weeks()));
    }
    (field == "training.goals")
        .then(|| "choose at least one thing you want from training".to_owned())
}
