//! Reading mumstrong's own JSON export.

use serde::Deserialize;
use serde_json::{Map, Value};
use time::{Date, PrimitiveDateTime, Time};

use super::format::{location, recognised};
use super::sessions::{Builder, SessionExtras, SessionKey};
use super::values::check_length;
use super::{
    ImportError, ImportErrorKind, ImportedSet, MAX_IMPORT_ROWS, MAX_NAME_CHARS, MAX_RPE,
    MAX_SET_REPS, MAX_WEIGHT_KG, Mapping, MatchKind, SetType,
};
use crate::library::{Dose, Library};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, parse_iso_date, shorten};
use crate::vocab::{RedFlag, Symptom};

/// The `format` value of the export this version reads.
pub const MUMSTRONG_EXPORT_FORMAT: &str = "mumstrong export 1";

fn json_error(e: &serde_json::Error) -> ImportError {
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

fn check_format_key(format: Option<&Value>) -> Result<(), ImportError> {
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

fn not_an_export() -> ImportError {
    location(None, "format").error(
        ImportErrorKind::UnknownFormat,
        format!(
            "a JSON document without `\"format\": \"{MUMSTRONG_EXPORT_FORMAT}\"` is not an \
             export this importer knows; expected {}",
            recognised()
        ),
    )
}

fn shown_json(value: &Value) -> String {
    shorten(&value.to_string(), MAX_ECHO_CHARS)
}

/// Reads the export's sets into `builder`, in their order; each is its own "line" in errors.
///
/// # Errors
/// Not JSON, a key given twice, not an export of this version, no array of `sets` or too many,
/// or a set whose value is missing or out of range (at its entry and key).
pub(super) fn parse_json(text: &str, builder: &mut Builder<'_, '_>) -> Result<(), ImportError> {
    let sets = read_sets(text)?;
    for (i, entry) in sets.iter().enumerate() {
        let line = i + 1;
        builder.rows_read += 1;
        builder.check_stop(line)?;
        let Value::Object(fields) = entry else {
            return Err(location(Some(line), "sets").error(
                ImportErrorKind::Value,
                format!(
                    "expected an object with `date`, `exercise` and `reps`, got `{}`",
                    shown_json(entry)
                ),
            ));
        };
        let (date, set) = Entry { line, fields }.read(builder.matcher.library)?;
        let key = SessionKey {
            started: PrimitiveDateTime::new(date, Time::MIDNIGHT),
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

/// The document's `sets`, once it is checked to be an export of this version with each key
/// once and not too many sets.
fn read_sets(text: &str) -> Result<Vec<Value>, ImportError> {
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
    let Value::Object(mut document) = document.into_value() else {
        return Err(not_an_export());
    };
    check_format_key(document.get("format"))?;
    let sets = match document.remove("sets") {
        Some(Value::Array(sets)) => sets,
        other => {
            return Err(location(None, "sets").error(
                ImportErrorKind::Value,
                format!(
                    "expected an array of sets, got `{}`",
                    other
                        .as_ref()
                        .map_or_else(|| "nothing".to_owned(), shown_json)
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
    Ok(sets)
}

/// One entry of `sets`, at its 1-based place.
struct Entry<'e> {
    line: usize,
    fields: &'e Map<String, Value>,
}

impl Entry<'_> {
    /// The set and its day. Values are checked in the order the export writes them.
    fn read(&self, library: &Library) -> Result<(Date, ImportedSet), ImportError> {
        let date = self.date()?;
        let exercise = self.exercise()?;
        let Some(value) = self.whole("reps", u64::from(MAX_SET_REPS))? else {
            return Err(self.err(
                "reps",
                "missing; expected the reps, seconds or metres done".to_owned(),
            ));
        };
        self.whole("set_number", u64::from(u32::MAX))?;
        let target_reps = self
            .whole("target_reps", u64::from(MAX_SET_REPS))?
            .and_then(|n| u16::try_from(n).ok());
        let weight_kg = self.load_kg()?;
        let rpe = self
            .whole("rpe", MAX_RPE as u64)?
            .filter(|r| *r > 0)
            .map(|r| r as f32);
        let symptoms = self.words("symptoms", "symptom", Symptom::from_word, Symptom::allowed)?;
        let red_flags = self.words(
            "red_flags",
            "warning sign",
            RedFlag::from_word,
            RedFlag::allowed,
        )?;

        // Our own ids: only an exact id is a library exercise, never a guess.
        let known = library.get(exercise);
        let mapping = match known {
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
        let set = ImportedSet {
            line: self.line,
            exercise_name: exercise.to_owned(),
            exercise: mapping,
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
        Ok((date, set))
    }

    fn err(&self, key: &str, message: String) -> ImportError {
        location(Some(self.line), key).error(ImportErrorKind::Value, message)
    }

    /// A key's value, `None` when absent or `null`.
    fn present(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).filter(|v| !v.is_null())
    }

    /// A key's value as written, for messages.
    fn shown(&self, key: &str) -> String {
        self.present(key)
            .map_or_else(|| "nothing".to_owned(), shown_json)
    }

    fn whole(&self, key: &str, max: u64) -> Result<Option<u64>, ImportError> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => v.as_u64().filter(|n| *n <= max).map(Some).ok_or_else(|| {
                self.err(
                    key,
                    format!(
                        "expected a whole number from 0 to {max}, got `{}`",
                        shown_json(v)
                    ),
                )
            }),
        }
    }

    fn date(&self) -> Result<Date, ImportError> {
        match self.present("date") {
            Some(Value::String(s)) => parse_iso_date(s)
                .ok()
                .filter(|d| (EARLIEST_AS_OF..=LATEST_AS_OF).contains(d)),
            _ => None,
        }
        .ok_or_else(|| {
            self.err(
                "date",
                format!(
                    "expected a date as \"YYYY-MM-DD\" from {EARLIEST_AS_OF} to {LATEST_AS_OF}, \
                     got `{}`",
                    self.shown("date")
                ),
            )
        })
    }

    /// The exercise id, trimmed; our own export writes a custom exercise as `custom:NAME`.
    fn exercise(&self) -> Result<&str, ImportError> {
        let exercise = match self.present("exercise") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim(),
            _ => {
                return Err(self.err(
                    "exercise",
                    format!("expected an exercise id, got `{}`", self.shown("exercise")),
                ));
            }
        };
        check_length(
            exercise,
            MAX_NAME_CHARS + "custom:".len(),
            self.line,
            || "exercise",
        )?;
        Ok(exercise)
    }

    /// The load in kg; `None` when absent or 0.
    fn load_kg(&self) -> Result<Option<f64>, ImportError> {
        let Some(v) = self.present("load_kg") else {
            return Ok(None);
        };
        let kg = v
            .as_f64()
            .filter(|kg| kg.is_finite() && (0.0..=MAX_WEIGHT_KG).contains(kg))
            .ok_or_else(|| {
                self.err(
                    "load_kg",
                    format!(
                        "expected a load in kg from 0 to {MAX_WEIGHT_KG}, got `{}`",
                        shown_json(v)
                    ),
                )
            })?;
        Ok(Some(kg).filter(|kg| *kg > 0.0))
    }

    /// A list of vocabulary words (`symptoms`, `red_flags`), each one `from_word` knows.
    fn words<T>(
        &self,
        key: &str,
        what: &str,
        from_word: impl Fn(&str) -> Option<T>,
        allowed: impl Fn() -> String,
    ) -> Result<Vec<T>, ImportError> {
        let not_words = |v: &Value| {
            self.err(
                key,
                format!("expected a list of words, got `{}`", shown_json(v)),
            )
        };
        let items = match self.present(key) {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => return Err(not_words(other)),
        };
        // Every item is checked to be a word before any is looked up, as the log does.
        let words = items
            .iter()
            .map(|item| item.as_str().ok_or_else(|| not_words(item)))
            .collect::<Result<Vec<_>, _>>()?;
        words
            .into_iter()
            .map(|w| {
                from_word(w).ok_or_else(|| {
                    self.err(
                        key,
                        format!(
                            "unknown {what} `{}`; expected one of {}",
                            shorten(w, MAX_ECHO_CHARS),
                            allowed()
                        ),
                    )
                })
            })
            .collect()
    }
}
