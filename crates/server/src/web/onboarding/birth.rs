//! Step 1, her birth: the date, how the baby was born, a tear, how many babies, the baby's sex
//! and birth weight (for the growth chart).

use maud::{Markup, html};
use mumstrong_core::profile::MAX_YEARS_POSTPARTUM;
use mumstrong_core::vocab::{BabySex, Delivery, PerinealTear};
use time::{Date, Duration};

use super::Ctx;
use super::draft::{BirthAnswers, Draft};
use super::input::{
    invalid, parse_date_input, parse_number, parse_whole, range_text, to_kg_keeping, trimmed,
};
use super::widgets::{Choice, choice, choice_group, id_of, input_field};
use crate::error::AppError;
use crate::web::{Unit, WebForm, capitalised, described_by, field_error, human_date};

/// Checks the birth step's answers into the draft.
pub(super) fn read(form: &WebForm, d: &mut Draft, unit: Unit, today: Date) -> Result<(), AppError> {
    let text = form.get("birth.date").ok_or_else(|| {
        invalid(
            "birth.date",
            "enter the date your baby was born (your most recent birth)",
        )
    })?;
    let date = parse_date_input(text).ok_or_else(|| {
        invalid(
            "birth.date",
            format!(
                "\"{}\" is not a date we can read; enter it like 20/08/2026 or pick it from the calendar",
                text.chars().take(30).collect::<String>()
            ),
        )
    })?;
    if date > today {
        return Err(invalid(
            "birth.date",
            format!(
                "{} is in the future; enter the date your baby was born, on or before today ({})",
                human_date(date),
                human_date(today)
            ),
        ));
    }
    if today - date > Duration::days(MAX_YEARS_POSTPARTUM * 366) {
        return Err(invalid(
            "birth.date",
            format!(
                "{} is more than {MAX_YEARS_POSTPARTUM} years ago; enter the date of your most recent birth",
                human_date(date)
            ),
        ));
    }
    let delivery = form
        .get("birth.delivery")
        .and_then(Delivery::from_word)
        .ok_or_else(|| invalid("birth.delivery", "choose how your baby was born"))?;
    let tear = match form.get("birth.perineal_tear") {
        None | Some("unknown") => None,
        Some(w) => Some(PerinealTear::from_word(w).ok_or_else(|| {
            invalid(
                "birth.perineal_tear",
                "choose a kind of tear, or \"I don't know\"",
            )
        })?),
    };
    let babies = match form.get("birth.babies") {
        None => 1,
        Some(t) => parse_whole(t)
            .filter(|n| (1..=6).contains(n))
            .ok_or_else(|| {
                invalid(
                    "birth.babies",
                    "enter how many babies were born as a whole number from 1 to 6 (2 for twins)",
                )
            })?,
    };
    let sex = match form.get("birth.baby_sex") {
        None | Some("unsaid") => None,
        Some(w) => Some(
            BabySex::from_word(w)
                .ok_or_else(|| invalid("birth.baby_sex", "choose girl, boy or rather not say"))?,
        ),
    };
    let previous: Vec<f64> = d.birth.baby_birth_weight_kg.into_iter().collect();
    let weight = match form.get("birth.baby_birth_weight") {
        None => None,
        Some(t) => {
            let range = range_text(unit, 0.5, 7.0);
            let v = parse_number(t).ok_or_else(|| {
                invalid(
                    "birth.baby_birth_weight",
                    format!(
                        "enter the birth weight as a number in {}, e.g. {}; or leave it empty",
                        unit.word(),
                        if unit == Unit::Kg { "3.4" } else { "7.5" }
                    ),
                )
            })?;
            let kg = to_kg_keeping(unit, v, &previous);
            if !(0.5..=7.0).contains(&kg) {
                return Err(invalid(
                    "birth.baby_birth_weight",
                    format!(
                        "{} {} is out of range; a birth weight is {range}",
                        trimmed(v, 2),
                        unit.word()
                    ),
                ));
            }
            Some(kg)
        }
    };
    d.birth = BirthAnswers {
        date: Some(date),
        delivery: Some(delivery),
        perineal_tear: tear,
        babies: Some(babies),
        baby_sex: sex,
        baby_birth_weight_kg: weight,
    };
    Ok(())
}

/// The birth step's questions.
pub(super) fn page(form: &WebForm, error: Option<&AppError>, unit: Unit, ctx: &Ctx) -> Markup {
    let deliveries: Vec<Choice> = Delivery::ALL
        .iter()
        .map(|d| choice(d.as_str(), capitalised(d.describe()), None))
        .collect();
    let mut tears: Vec<Choice> = PerinealTear::ALL
        .iter()
        .map(|t| {
            let (label, detail) = match t.describe().split_once(" (") {
                Some((l, r)) => (capitalised(l), Some(capitalised(r.trim_end_matches(')')))),
                None => (capitalised(t.describe()), None),
            };
            choice(t.as_str(), label, detail)
        })
        .collect();
    tears.push(choice("unknown", "I don't know", None));
    let sexes = [
        choice("female", "Girl", None),
        choice("male", "Boy", None),
        choice("unsaid", "Rather not say", None),
    ];
    let date_id = id_of("birth.date");
    let date_err = field_error(error, "birth.date");
    let today = ctx.today.to_string();
    html! {
        @if ctx.editing.is_none() {
            p.lead { "Seven short steps about your birth, how you feel and the time you have. Then you get your screening: what is safe now, what waits, and who to see." }
        } @else {
            p.lead { "Change anything that is different now. Saving makes a new version of your answers; the old ones are kept." }
        }
        div.field {
            label for=(date_id) { "When was your baby born?" }
            span.hint id=(format!("{date_id}-hint")) { "Your most recent birth. Pick it from the calendar, or type it in the order your phone shows." }
            @if let Some(m) = date_err { span.field-error id=(format!("{date_id}-error")) { (capitalised(m)) } }
            input.date id=(date_id) name="birth.date" type="date" max=(today)
                value=(form.get("birth.date").unwrap_or(""))
                aria-describedby=(described_by(Some(&format!("{date_id}-hint")), date_err.map(|_| format!("{date_id}-error")).as_deref()).unwrap_or_default())
                aria-invalid=[date_err.map(|_| "true")];
        }
        (choice_group(form, error, "birth.delivery", "How was your baby born?", None, false, &deliveries, ""))
        (choice_group(form, error, "birth.perineal_tear", "Did you have a tear? (optional)",
            Some("Your maternity notes say this. After a caesarean, choose \"No tear\" or leave it."), false, &tears, ""))
        (input_field(form, error, "birth.babies", "How many babies were born?", Some("2 for twins."), "number", Some("numeric"), "short"))
        (choice_group(form, error, "birth.baby_sex", "Your baby is a… (optional)",
            Some("Only used for your baby's growth chart."), false, &sexes, "inline"))
        (input_field(form, error, "birth.baby_birth_weight",
            &format!("Birth weight in {} (optional)", unit.word()),
            Some(if unit == Unit::Kg { "For example 3.4. Also for the growth chart." } else { "In pounds, e.g. 7.5 for 7 lb 8 oz. Also for the growth chart." }),
            "text", Some("decimal"), "short"))
    }
}
