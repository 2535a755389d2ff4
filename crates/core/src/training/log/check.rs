//! Checking one entry's values against the library, the ranges and the symptom words.

use serde_json::Value;
use time::Date;

use super::raw::{Cell, RawEntry};
use super::{LogEntry, LogError, MAX_LOAD_KG, MAX_REPS, MAX_SETS};
use crate::library::{Library, nearest_word};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, parse_iso_date, shorten};
use crate::vocab::{RedFlag, Symptom};

/// Checks one entry's cells and builds the entry.
pub(super) fn check_entry<'a>(
    line: usize,
    raw: &RawEntry<'a>,
    library: &Library,
    decimal_comma: bool,
) -> Result<LogEntry, LogError> {
    let err = |field: &str, message: String| LogError::new(Some(line), field, message);
    let required = |field: &str, cell: Option<Cell<'a>>, expected: &str| {
        cell.and_then(Cell::present)
            .ok_or_else(|| err(field, format!("missing; expected {expected}")))
    };

    let date_cell = required("date", raw.date, "a date as YYYY-MM-DD, e.g. 2026-11-24")?;
    let date = check_date(date_cell).map_err(|m| err("date", m))?;

    let exercise_cell = required("exercise", raw.exercise, "an exercise id from the library")?;
    let exercise = check_exercise(exercise_cell, library).map_err(|m| err("exercise", m))?;

    let sets_cell = required("sets", raw.sets, "the number of sets, from 1 to 20")?;
    let sets = whole(sets_cell, 1, u64::from(MAX_SETS)).map_err(|m| err("sets", m))?;
    let sets = u8::try_from(sets).unwrap_or(MAX_SETS);

    let reps_cell = required(
        "reps",
        raw.reps,
        "the reps (or seconds or metres) of every set, e.g. `10` or `10/10/8`",
    )?;
    let reps = check_reps(reps_cell, sets).map_err(|m| err("reps", m))?;

    let target_reps = match raw.target_reps.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(
            whole(cell, 1, u64::from(MAX_REPS))
                .map(|n| u16::try_from(n).unwrap_or(MAX_REPS))
                .map_err(|m| err("target_reps", m))?,
        ),
    };
    let load_kg = match raw.load_kg.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(check_load(cell, decimal_comma).map_err(|m| err("load_kg", m))?),
    }
    .filter(|kg| *kg != 0.0);
    let rpe = match raw.rpe.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(
            whole(cell, 1, 10)
                .map(|n| u8::try_from(n).unwrap_or(10))
                .map_err(|m| err("rpe", m))?,
        ),
    };

    let mut red_flags = Vec::new();
    let symptoms_during = match raw.symptoms_during.and_then(Cell::present) {
        None => Vec::new(),
        Some(cell) => check_symptoms(cell, &mut red_flags).map_err(|m| err("symptoms", m))?,
    };
    let symptoms_after = match raw.symptoms_after.and_then(Cell::present) {
        None => Vec::new(),
        Some(cell) => check_symptoms(cell, &mut red_flags).map_err(|m| err("symptoms_after", m))?,
    };

    Ok(LogEntry {
        line,
        date,
        exercise,
        sets,
        reps,
        target_reps,
        load_kg,
        rpe,
        symptoms_during,
        symptoms_after,
        red_flags,
    })
}

fn check_date(cell: Cell<'_>) -> Result<Date, String> {
    let Some(text) = cell.text() else {
        return Err(format!(
            "expected a date as a string \"YYYY-MM-DD\", got `{}`",
            cell.shown()
        ));
    };
    let date = parse_iso_date(text)?;
    if !(EARLIEST_AS_OF..=LATEST_AS_OF).contains(&date) {
        return Err(format!(
            "`{date}` is out of range; expected a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
        ));
    }
    Ok(date)
}

fn check_exercise(cell: Cell<'_>, library: &Library) -> Result<String, String> {
    let Some(text) = cell.text() else {
        return Err(format!(
            "expected an exercise id as a string, got `{}`",
            cell.shown()
        ));
    };
    let id = text.trim();
    if library.get(id).is_some() {
        return Ok(id.to_owned());
    }
    let shown = shorten(id, MAX_ECHO_CHARS);
    Err(match library.nearest_id(id) {
        Some(near) => format!("unknown exercise `{shown}`; did you mean `{near}`?"),
        None => format!("unknown exercise `{shown}`; see `mumstrong exercises` for the ids"),
    })
}

/// A whole number in `min..=max`, from a CSV cell or a JSON number.
fn whole(cell: Cell<'_>, min: u64, max: u64) -> Result<u64, String> {
    let number = match cell {
        Cell::Text(text) => text.trim().parse::<u64>().ok(),
        Cell::Json(value) => value.as_u64(),
    };
    number.filter(|n| (min..=max).contains(n)).ok_or_else(|| {
        format!(
            "expected a whole number from {min} to {max}, got `{}`",
            cell.shown()
        )
    })
}

fn check_reps(cell: Cell<'_>, sets: u8) -> Result<Vec<u16>, String> {
    let max = u64::from(MAX_REPS);
    let one = |cell: Cell<'_>| whole(cell, 0, max).map(|n| u16::try_from(n).unwrap_or(MAX_REPS));
    let per_set =
        |index: usize, cell: Cell<'_>| one(cell).map_err(|m| format!("set {}: {m}", index + 1));
    let reps: Vec<u16> = match cell {
        Cell::Text(text) if text.contains('/') => text
            .split('/')
            .enumerate()
            .map(|(i, part)| per_set(i, Cell::Text(part)))
            .collect::<Result<_, _>>()?,
        Cell::Json(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| per_set(i, Cell::Json(item)))
            .collect::<Result<_, _>>()?,
        Cell::Text(_) | Cell::Json(Value::Number(_)) => {
            vec![one(cell)?; usize::from(sets)]
        }
        Cell::Json(_) => {
            return Err(format!(
                "expected a whole number from 0 to {MAX_REPS} or a list of them, one for each \
                 set, got `{}`",
                cell.shown()
            ));
        }
    };
    if reps.len() != usize::from(sets) {
        let how = match cell {
            Cell::Text(_) => "numbers separated by `/`",
            Cell::Json(_) => "numbers in the list",
        };
        return Err(format!(
            "expected {sets} {how} (one for each set, as `sets` says), got {}",
            reps.len()
        ));
    }
    Ok(reps)
}

fn check_load(cell: Cell<'_>, decimal_comma: bool) -> Result<f64, String> {
    let kg = match cell {
        Cell::Text(text) => {
            let text = text.trim();
            let text = if decimal_comma && !text.contains('.') {
                text.replacen(',', ".", 1)
            } else {
                text.to_owned()
            };
            text.parse::<f64>().ok()
        }
        Cell::Json(value) => value.as_f64(),
    };
    kg.filter(|kg| kg.is_finite() && (0.0..=MAX_LOAD_KG).contains(kg))
        .ok_or_else(|| {
            let example = if decimal_comma { "2,5" } else { "2.5" };
            format!(
                "expected a weight in kg from 0 to {MAX_LOAD_KG}, e.g. `{example}` (0 or blank \
                 for bodyweight), got `{}`",
                cell.shown()
            )
        })
}

/// Reads a symptoms cell into symptoms, adding any red-flag words to `red_flags`.
fn check_symptoms(cell: Cell<'_>, red_flags: &mut Vec<RedFlag>) -> Result<Vec<Symptom>, String> {
    let words: Vec<&str> = match cell {
        Cell::Text(text) => text
            .split(|c: char| matches!(c, ';' | '|' | ',') || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect(),
        Cell::Json(Value::Array(items)) => {
            let mut words = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(word) = item else {
                    return Err(format!(
                        "expected a list of symptom words, e.g. [\"urinary_leakage\"], got `{}` \
                         in the list",
                        Cell::Json(item).shown()
                    ));
                };
                words.push(word.trim());
            }
            words
        }
        Cell::Json(_) => {
            return Err(format!(
                "expected a list of symptom words, e.g. [\"urinary_leakage\"] (or [] for none), \
                 got `{}`",
                cell.shown()
            ));
        }
    };
    let mut symptoms = Vec::new();
    let only_none = words.iter().all(|w| w.eq_ignore_ascii_case("none"));
    if only_none {
        return Ok(symptoms);
    }
    for word in words {
        let lower = word.to_lowercase();
        if let Some(symptom) = Symptom::from_word(&lower) {
            if !symptoms.contains(&symptom) {
                symptoms.push(symptom);
            }
        } else if let Some(flag) = RedFlag::from_word(&lower) {
            if !red_flags.contains(&flag) {
                red_flags.push(flag);
            }
        } else if lower == "none" {
            return Err(
                "`none` cannot be combined with symptoms; write `none` alone or leave \
                        it out"
                    .to_owned(),
            );
        } else {
            return Err(unknown_symptom(word));
        }
    }
    Ok(symptoms)
}

fn unknown_symptom(word: &str) -> String {
    let shown = shorten(word, MAX_ECHO_CHARS);
    let nearest = nearest_word(
        word,
        Symptom::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(RedFlag::ALL.iter().map(|r| r.as_str())),
    );
    match nearest {
        Some(near) => format!("unknown symptom `{shown}`; did you mean `{near}`?"),
        None => format!(
            "unknown symptom `{shown}`; expected `none`, a symptom ({}) or a warning sign ({})",
            Symptom::allowed(),
            RedFlag::allowed()
        ),
    }
}
