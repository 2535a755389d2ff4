//! Reading what she typed: numbers and weights in her unit, dates in either order, yes/no and
//! ticked words. Every error is an [`AppError::invalid`] naming the form field.

use mumstrong_core::profile::{MIN_OWNED_WEIGHT_KG, parse_iso_date};
use time::Date;

use crate::error::AppError;
use crate::web::{Unit, WebForm};

/// A number without trailing zeros, to at most `decimals` places.
pub(super) fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A stored kg value as she would type it in her unit.
pub(super) fn shown(unit: Unit, kg: f64) -> String {
    match unit {
        Unit::Kg => trimmed(kg, 2),
        Unit::Lb => trimmed(unit.from_kg(kg), 1),
    }
}

/// A range in her unit, rounded inwards so both ends are accepted.
pub(super) fn range_text(unit: Unit, min_kg: f64, max_kg: f64) -> String {
    let min = (unit.from_kg(min_kg) * 10.0).ceil() / 10.0;
    let max = (unit.from_kg(max_kg) * 10.0).floor() / 10.0;
    format!("{} to {} {}", trimmed(min, 1), trimmed(max, 1), unit.word())
}

/// A weight she typed, in kg: the stored value again if she left it as shown (so switching
/// units never makes weights drift), else converted and rounded.
pub(super) fn to_kg_keeping(unit: Unit, typed: f64, previous: &[f64]) -> f64 {
    previous
        .iter()
        .copied()
        .find(|&kg| shown(unit, kg).parse::<f64>().ok() == Some(typed))
        .unwrap_or_else(|| (unit.to_kg(typed) * 1000.0).round() / 1000.0)
}

pub(super) fn parse_number(text: &str) -> Option<f64> {
    let lower = text.trim().to_ascii_lowercase();
    let bare = lower
        .trim_end_matches("kg")
        .trim_end_matches("lbs")
        .trim_end_matches("lb")
        .trim()
        .replace(',', ".");
    bare.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(super) fn parse_whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

/// A date typed as `2026-08-20`, or `20/08/2026` where the browser has no date picker.
pub(super) fn parse_date_input(text: &str) -> Option<Date> {
    if let Ok(d) = parse_iso_date(text) {
        return Some(d);
    }
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    if let [d, m, y] = parts[..]
        && y.len() == 4
    {
        let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
        return Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok();
    }
    None
}

/// Weights typed as `4, 6, 8` in her unit, as kg. Errors are messages for the field.
pub(super) fn parse_weights(
    unit: Unit,
    text: &str,
    what: &str,
    previous: &[f64],
    max_kg: f64,
) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for part in text
        .split([',', ';', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case(unit.word()))
    {
        let Some(v) = parse_number(part) else {
            return Err(format!(
                "\"{}\" is not a weight; write the weights of your {what} as numbers in {}, separated by commas, e.g. {}",
                part.chars().take(20).collect::<String>(),
                unit.word(),
                if unit == Unit::Kg {
                    "4, 6, 8"
                } else {
                    "10, 15, 20"
                }
            ));
        };
        let kg = to_kg_keeping(unit, v, previous);
        let kg = (kg * 100.0).round() / 100.0;
        if !(MIN_OWNED_WEIGHT_KG..=max_kg).contains(&kg) {
            return Err(format!(
                "{} {} is out of range; each weight must be {}",
                trimmed(v, 2),
                unit.word(),
                range_text(unit, MIN_OWNED_WEIGHT_KG, max_kg)
            ));
        }
        out.push(kg);
    }
    if out.is_empty() {
        return Err(format!(
            "give the weights of your {what} in {}, e.g. {}",
            unit.word(),
            if unit == Unit::Kg {
                "4, 6, 8"
            } else {
                "10, 15, 20"
            }
        ));
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    Ok(out)
}

/// A field error, as every check here reports it.
pub(super) fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, message)
}

/// A yes/no radio; `None` when unanswered or "rather not say".
pub(super) fn yes_no_answer(
    form: &WebForm,
    field: &str,
    question: &str,
) -> Result<Option<bool>, AppError> {
    match form.get(field) {
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        None | Some("unsaid") => Ok(None),
        Some(_) => Err(invalid(field, format!("choose yes or no: {question}"))),
    }
}

/// The ticked words of a checkbox group, each once, in the order sent.
pub(super) fn word_list<T: Copy + PartialEq>(
    form: &WebForm,
    field: &str,
    from_word: fn(&str) -> Option<T>,
) -> Result<Vec<T>, AppError> {
    let mut out: Vec<T> = Vec::new();
    for w in form.all(field) {
        let v = from_word(w).ok_or_else(|| {
            invalid(
                field,
                "one of the choices was not recognised; tick the boxes again",
            )
        })?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}
