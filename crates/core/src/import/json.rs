//! Reading mumstrong's own JSON export.

use serde::Deserialize;
use serde_json::Value;
use time::{PrimitiveDateTime, Time};

use super::format::{location, recognised};
use super::sessions::{Builder, SessionExtras, SessionKey};
use super::values::check_length;
use super::{
    ImportError, ImportErrorKind, ImportedSet, MAX_IMPORT_ROWS, MAX_NAME_CHARS, MAX_RPE,
    MAX_SET_REPS, MAX_WEIGHT_KG, Mapping, MatchKind, SetType,
};
use crate::library::Dose;
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, parse_iso_date, shorten};
use crate::vocab::{RedFlag, Symptom};

/// The `format` value of the export this version reads.
pub const MUMSTRONG_EXPORT_FORMAT: &str = "mumstrong export 1";

pub(super) fn json_error(e: &serde_json::Error) -> ImportError {
    location((e.line() > 0).then_some(e.line()), "file").error(
        ImportErrorKind::Shape,
        format!("not valid JSON: {}", shorten(&e.to_string(), 200)),
    )
}

/// Checks a JSON text is a mumstrong export, reading only its `format` key.
pub(super) fn probe_json(text: &str) -> Result<(), ImportError> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<Value>,
    }
    if text.trim_start().starts_with('[') {
        return Err(location(Some(1), "file").error(
            ImportErrorKind::UnknownFormat,
            format!(
                "a JSON array is a training log (see `mumstrong plan --log`), not an export; \
                 expected {}",
                recognised()
            ),
        ));
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    check_format_key(probe.format.as_ref())
}

pub(super) fn check_format_key(format: Option<&Value>) -> Result<(), ImportError> {
    match format {
        Some(Value::String(s)) if s == MUMSTRONG_EXPORT_FORMAT => Ok(()),
        Some(Value::String(s)) if s.starts_with("mumstrong export") => Err(location(
            None, "format",
        )
        .error(
            ImportErrorKind::UnknownFormat,
            format!(
                "`{}` is not a version this importer reads; expected `{MUMSTRONG_EXPORT_FORMAT}`",
                shorten(s, MAX_ECHO_CHARS)
            ),
        )),
        _ => Err(not_an_export()),
    }
}

pub(super) fn not_an_export() -> ImportError {
    location(None, "format").error(
        ImportErrorKind::UnknownFormat,
        format!(
            "a JSON document without `\"format\": \"{MUMSTRONG_EXPORT_FORMAT}\"` is not an \
             export this importer knows; expected {}",
            recognised()
        ),
    )
}

pub(super) fn shown_json(value: &Value) -> String {
    shorten(&value.to_string(), MAX_ECHO_CHARS)
}

pub(super) fn parse_json(text: &str, builder: &mut Builder<'_, '_>) -> Result<(), ImportError> {
    let document: crate::log::Json = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    // serde_json keeps the last of a repeated key: a key given twice is named instead.
    if let Some(key) = document.repeated_key() {
        return Err(location(None, key).error(
            ImportErrorKind::Shape,
            "appears twice in the file; expected each key once",
        ));
    }
    if let crate::log::Json::Object(pairs) = &document
        && let Some((_, crate::log::Json::Array(sets))) = pairs.iter().find(|(k, _)| k == "sets")
        && let Some((i, key)) = sets
            .iter()
            .enumerate()
            .find_map(|(i, set)| set.repeated_key().map(|key| (i, key)))
    {
        return Err(location(Some(i + 1), key).error(
            ImportErrorKind::Shape,
            "appears twice in this set; expected each key once",
        ));
    }
    let value = document.into_value();
    let Value::Object(document) = value else {
        return Err(not_an_export());
    };
    check_format_key(document.get("format"))?;
    let sets = match document.get("sets") {
        Some(Value::Array(sets)) => sets,
        other => {
            return Err(location(None, "sets").error(
                ImportErrorKind::Value,
                format!(
                    "expected an array of sets, got `{}`",
                    other.map_or_else(|| "nothing".to_owned(), shown_json)
                ),
            ));
        }
    };
    if sets.len() > MAX_IMPORT_ROWS {
        return Err(location(Some(MAX_IMPORT_ROWS + 1), "sets").error(
            ImportErrorKind::TooManyRows,
            format!(
                "{} sets; expected at most {MAX_IMPORT_ROWS} in one import",
                sets.len()
            ),
        ));
    }
    for (i, entry) in sets.iter().enumerate() {
        let line = i + 1;
        builder.rows_read += 1;
        builder.check_stop(line)?;
        let err = |key: &str, message: String| {
            location(Some(line), key).error(ImportErrorKind::Value, message)
        };
        let Value::Object(entry) = entry else {
            return Err(err(
                "sets",
                format!(
                    "expected an object with `date`, `exercise` and `reps`, got `{}`",
                    shown_json(entry)
                ),
            ));
        };
        let present = |key: &str| entry.get(key).filter(|v| !v.is_null());
        let whole = |key: &str, max: u64| -> Result<Option<u64>, ImportError> {
            match present(key) {
                None => Ok(None),
                Some(v) => v.as_u64().filter(|n| *n <= max).map(Some).ok_or_else(|| {
                    err(
                        key,
                        format!(
                            "expected a whole number from 0 to {max}, got `{}`",
                            shown_json(v)
                        ),
                    )
                }),
            }
        };

        let date = match present("date") {
            Some(Value::String(s)) => parse_iso_date(s)
                .ok()
                .filter(|d| (EARLIEST_AS_OF..=LATEST_AS_OF).contains(d)),
            _ => None,
        }
        .ok_or_else(|| {
            err(
                "date",
                format!(
                    "expected a date as \"YYYY-MM-DD\" from {EARLIEST_AS_OF} to {LATEST_AS_OF}, \
                     got `{}`",
                    present("date").map_or_else(|| "nothing".to_owned(), shown_json)
                ),
            )
        })?;
        let exercise = match present("exercise") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim(),
            other => {
                return Err(err(
                    "exercise",
                    format!(
                        "expected an exercise id, got `{}`",
                        other.map_or_else(|| "nothing".to_owned(), shown_json)
                    ),
                ));
            }
        };
        // Our own export writes a custom exercise as `custom:NAME`.
        check_length(
            exercise,
            MAX_NAME_CHARS + "custom:".len(),
            line,
            || "exercise",
        )?;
        let Some(value) = whole("reps", u64::from(MAX_SET_REPS))? else {
            return Err(err(
                "reps",
                "missing; expected the reps, seconds or metres done".to_owned(),
            ));
        };
        whole("set_number", u64::from(u32::MAX))?;
        let target_reps =
            whole("target_reps", u64::from(MAX_SET_REPS))?.and_then(|n| u16::try_from(n).ok());
        let weight_kg = match present("load_kg") {
            None => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|kg| kg.is_finite() && (0.0..=MAX_WEIGHT_KG).contains(kg))
                    .ok_or_else(|| {
                        err(
                            "load_kg",
                            format!(
                                "expected a load in kg from 0 to {MAX_WEIGHT_KG}, got `{}`",
                                shown_json(v)
                            ),
                        )
                    })?,
            ),
        }
        .filter(|kg| *kg > 0.0);
        let rpe = whole("rpe", MAX_RPE as u64)?
            .filter(|r| *r > 0)
            .map(|r| r as f32);
        let word_list = |key: &str| -> Result<Vec<String>, ImportError> {
            match present(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => Ok(s.clone()),
                        other => Err(err(
                            key,
                            format!("expected a list of words, got `{}`", shown_json(other)),
                        )),
                    })
                    .collect(),
                Some(other) => Err(err(
                    key,
                    format!("expected a list of words, got `{}`", shown_json(other)),
                )),
            }
        };
        let symptoms = word_list("symptoms")?
            .iter()
            .map(|w| {
                Symptom::from_word(w).ok_or_else(|| {
                    err(
                        "symptoms",
                        format!(
                            "unknown symptom `{}`; expected one of {}",
                            shorten(w, MAX_ECHO_CHARS),
                            Symptom::allowed()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let red_flags = word_list("red_flags")?
            .iter()
            .map(|w| {
                RedFlag::from_word(w).ok_or_else(|| {
                    err(
                        "red_flags",
                        format!(
                            "unknown warning sign `{}`; expected one of {}",
                            shorten(w, MAX_ECHO_CHARS),
                            RedFlag::allowed()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        // Our own ids: only an exact id is a library exercise, never a guess.
        let known = builder.matcher.library.get(exercise);
        let exercise_mapping = match known {
            Some(e) => Mapping::Library {
                id: e.id.clone(),
                score: 1.0,
                how: MatchKind::Exact,
            },
            None => Mapping::Custom,
        };
        let value = u32::try_from(value).unwrap_or(u32::MAX);
        let (reps, seconds, distance_m) = match known.map(|e| e.dose) {
            Some(Dose::Seconds) => (None, Some(value), None),
            Some(Dose::Distance) => (None, None, Some(f64::from(value))),
            _ => (u16::try_from(value).ok(), None, None),
        };
        let started = PrimitiveDateTime::new(date, Time::MIDNIGHT);
        let set = ImportedSet {
            line,
            exercise_name: exercise.to_owned(),
            exercise: exercise_mapping,
            set_type: SetType::Normal,
            set_index: 0,
            reps: reps.filter(|r| *r > 0),
            weight_kg,
            seconds: seconds.filter(|s| *s > 0),
            distance_m: distance_m.filter(|d| *d > 0.0),
            rpe,
            notes: None,
            superset: None,
            target_reps,
            symptoms,
            red_flags,
        };
        let key = SessionKey {
            started,
            id: None,
            name: None,
        };
        let extras = SessionExtras {
            duration: None,
            notes: None,
        };
        builder.push(key, extras, set, false);
    }
    Ok(())
}
