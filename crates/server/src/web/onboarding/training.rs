//! Step 6, her training: goals, experience, days and minutes, and the equipment she has (with
//! the weights of kettlebells, dumbbells and barbell, and the car seat's).

use maud::{Markup, html};
use mumstrong_core::profile::max_owned_weight_kg;
use mumstrong_core::vocab::{EquipmentKind, Experience, Goal};

use super::draft::{Draft, Kit};
use super::input::{
    invalid, parse_number, parse_weights, parse_whole, range_text, to_kg_keeping, word_list,
};
use super::widgets::{Choice, choice, choice_group, choice_group_with, input_field};
use crate::error::AppError;
use crate::web::{Unit, WebForm, capitalised};

/// Checks the training step's answers into the draft; the weights she left as shown keep
/// their stored kg.
pub(super) fn read(form: &WebForm, d: &mut Draft, unit: Unit) -> Result<(), AppError> {
    let goals = word_list(form, "training.goals", Goal::from_word)?;
    if goals.is_empty() {
        return Err(invalid(
            "training.goals",
            "choose at least one thing you want from training",
        ));
    }
    let experience = form
        .get("training.experience")
        .and_then(Experience::from_word)
        .ok_or_else(|| {
            invalid(
                "training.experience",
                "choose how much strength training you have done before",
            )
        })?;
    let days = form
        .get("training.days_per_week")
        .and_then(parse_whole)
        .filter(|n| (1..=7).contains(n))
        .ok_or_else(|| {
            invalid(
                "training.days_per_week",
                "enter how many days a week you can train, a whole number from 1 to 7",
            )
        })?;
    let minutes = form
        .get("training.minutes_per_session")
        .and_then(parse_whole)
        .filter(|n| (10..=120).contains(n))
        .ok_or_else(|| {
            invalid(
                "training.minutes_per_session",
                "enter the minutes you have for a session, a whole number from 10 to 120",
            )
        })?;
    let ticked = form.all("training.equipment");
    for w in &ticked {
        if EquipmentKind::from_word(w).is_none() {
            return Err(invalid(
                "training.equipment",
                "one of the choices was not recognised; tick the boxes again",
            ));
        }
    }
    let mut equipment: Vec<Kit> = vec![Kit {
        kind: EquipmentKind::Bodyweight,
        weights: Vec::new(),
    }];
    for kind in EquipmentKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != EquipmentKind::Bodyweight)
    {
        let ticked = ticked.contains(&kind.as_str());
        if kind.takes_weights() {
            let (field, what) = weights_field(kind);
            let typed = form.get(field);
            if !ticked && typed.is_none() {
                continue;
            }
            let previous = d.training.weights_of(kind).unwrap_or_default();
            let weights = parse_weights(
                unit,
                typed.unwrap_or(""),
                what,
                previous,
                max_owned_weight_kg(kind),
            )
            .map_err(|m| invalid(field, m))?;
            equipment.push(Kit { kind, weights });
        } else if ticked {
            equipment.push(Kit {
                kind,
                weights: Vec::new(),
            });
        }
    }
    let previous: Vec<f64> = d.training.car_seat_kg.into_iter().collect();
    let car_seat = match form.get("training.car_seat") {
        None => None,
        Some(t) => {
            let kg = parse_number(t)
                .map(|v| to_kg_keeping(unit, v, &previous))
                .filter(|kg| (0.5..=20.0).contains(kg))
                .ok_or_else(|| {
                    invalid(
                        "training.car_seat",
                        format!(
                            "enter your car seat's weight as a number, {}, or leave it empty",
                            range_text(unit, 0.5, 20.0)
                        ),
                    )
                })?;
            Some(kg)
        }
    };
    let t = &mut d.training;
    t.goals = Some(goals);
    t.experience = Some(experience);
    t.days_per_week = Some(days);
    t.minutes_per_session = Some(minutes);
    t.equipment = Some(equipment);
    t.car_seat_kg = car_seat;
    Ok(())
}

/// The input for the weights of a kind that has them, and what they are called in a message.
pub(super) fn weights_field(kind: EquipmentKind) -> (&'static str, &'static str) {
    match kind {
        EquipmentKind::Kettlebell => ("training.kettlebell_weights", "kettlebells"),
        EquipmentKind::Barbell => ("training.barbell_weights", "barbell loads"),
        _ => ("training.dumbbell_weights", "dumbbells"),
    }
}

/// A kind of equipment as the page names it, with a line of detail for some.
pub(super) fn equipment_label(kind: EquipmentKind) -> (&'static str, Option<&'static str>) {
    match kind {
        EquipmentKind::Bodyweight => ("Just me", None),
        EquipmentKind::Band => ("Resistance band", None),
        EquipmentKind::Kettlebell => ("Kettlebell", None),
        EquipmentKind::Dumbbells => ("Dumbbells", None),
        EquipmentKind::Baby => ("My baby", Some("As a load, e.g. squats holding baby.")),
        EquipmentKind::CarSeat => ("Baby's car seat", Some("To carry, as an everyday load.")),
        EquipmentKind::Buggy => (
            "Buggy or pram",
            Some("For walks (and running from 6 months)."),
        ),
        EquipmentKind::Chair => ("A sturdy chair", None),
        EquipmentKind::Wall => ("A clear wall", None),
        EquipmentKind::Step => ("A step or low stair", None),
        EquipmentKind::Mat => ("An exercise mat", None),
        EquipmentKind::Barbell => (
            "Barbell (gym)",
            Some("With the loads you can make, bar included."),
        ),
        EquipmentKind::Cable => ("Cable station (gym)", None),
        EquipmentKind::Machines => (
            "Gym machines",
            Some("Leg press, lat pulldown, chest press."),
        ),
        EquipmentKind::Bench => ("A weight bench", None),
        EquipmentKind::Box => ("A sturdy box or gym step", Some("Knee height or lower.")),
    }
}

/// The training step: goals, experience, time and equipment.
pub(super) fn page(form: &WebForm, error: Option<&AppError>, unit: Unit) -> Markup {
    let goals: Vec<Choice> = Goal::ALL
        .iter()
        .map(|g| choice(g.as_str(), capitalised(g.describe()), None))
        .collect();
    let experience: Vec<Choice> = Experience::ALL
        .iter()
        .map(|e| choice(e.as_str(), capitalised(e.describe()), None))
        .collect();
    let equipment: Vec<Choice> = EquipmentKind::ALL
        .iter()
        .filter(|k| **k != EquipmentKind::Bodyweight)
        .map(|k| {
            let (label, detail) = equipment_label(*k);
            choice(k.as_str(), label, detail.map(str::to_owned))
        })
        .collect();
    let example = if unit == Unit::Kg {
        "4, 6, 8"
    } else {
        "10, 15, 20"
    };
    let after = |value: &str| -> Option<Markup> {
        match value {
            "kettlebell" => Some(input_field(
                form,
                error,
                "training.kettlebell_weights",
                &format!("Kettlebell weights in {}", unit.word()),
                Some(&format!(
                    "Separate them with commas, e.g. {}.",
                    if unit == Unit::Kg { "8, 12" } else { "18, 26" }
                )),
                "text",
                Some("decimal"),
                "reveal kettlebell",
            )),
            "dumbbells" => Some(input_field(
                form,
                error,
                "training.dumbbell_weights",
                &format!("Dumbbell weights in {}", unit.word()),
                Some(&format!("Separate them with commas, e.g. {example}.")),
                "text",
                Some("decimal"),
                "reveal dumbbells",
            )),
            "barbell" => Some(input_field(
                form,
                error,
                "training.barbell_weights",
                &format!("Barbell loads in {}, bar included", unit.word()),
                Some(&format!(
                    "Separate them with commas, e.g. {}.",
                    if unit == Unit::Kg {
                        "20, 30, 40"
                    } else {
                        "45, 65, 90"
                    }
                )),
                "text",
                Some("decimal"),
                "reveal barbell",
            )),
            "car_seat" => Some(input_field(
                form,
                error,
                "training.car_seat",
                &format!("Car seat weight in {} (optional)", unit.word()),
                Some(&format!(
                    "Empty seat. Leave empty and we assume {}.",
                    unit.show(3.5)
                )),
                "text",
                Some("decimal"),
                "reveal car_seat short",
            )),
            _ => None,
        }
    };
    html! {
        (choice_group(form, error, "training.goals", "What do you want from training?", Some("Choose one or more."), true, &goals, ""))
        (choice_group(form, error, "training.experience", "Have you done strength training before?", None, false, &experience, ""))
        div.pair {
            (input_field(form, error, "training.days_per_week", "Days a week", Some("1 to 7. Three is a good start."), "number", Some("numeric"), "short"))
            (input_field(form, error, "training.minutes_per_session", "Minutes a session", Some("10 to 120. 20 fits a nap."), "number", Some("numeric"), "short"))
        }
        (choice_group_with(form, error, "training.equipment", "What do you have at home?",
            Some("Tick all you have. Your own bodyweight is always included."), true, &equipment, "equipment", &after))
        p.hint { "Weights are in " (unit.word()) ". You can switch between kg and lb under Account." }
    }
}
