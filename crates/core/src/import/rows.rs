//! Reading a CSV export row by row: one row is one set.

use ::csv::StringRecord;
use time::PrimitiveDateTime;

use super::columns::{Field, column_name};
use super::csv::{Records, header, sniff_delimiter};
use super::format::{Location, location};
use super::sessions::{Builder, SessionExtras, SessionKey};
use super::sheet::{DistanceUnits, Sheet, date_example, join_name};
use super::values::{
    SetOrder, check_length, metres_per, number, parse_datetime, parse_duration, set_order,
};
use super::{
    ImportError, ImportErrorKind, ImportFormat, ImportOptions, ImportedSet, MAX_DISTANCE_M,
    MAX_IMPORT_ROWS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_RPE, MAX_SET_REPS, MAX_SET_SECONDS,
    MAX_WEIGHT_KG, Mapping, SetType, WeightUnit,
};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, shorten};
use crate::vocab::{RedFlag, Symptom};

/// Reads every row of a CSV export of `format` into `builder`.
///
/// # Errors
/// See [`parse`](super::parse): the first problem, with its line and column.
pub(super) fn parse_csv(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
    builder: &mut Builder<'_, '_>,
) -> Result<(), ImportError> {
    let delimiter = sniff_delimiter(text);
    let mut records = Records::new(text, delimiter);
    let sheet = Sheet::new(format, options, header(&mut records)?, delimiter)?;
    while let Some(line) = records.next(Some(&sheet.names))? {
        if builder.rows_read >= MAX_IMPORT_ROWS {
            return Err(location(Some(line), "row").error(
                ImportErrorKind::TooManyRows,
                format!(
                    "more than {MAX_IMPORT_ROWS} rows; expected at most {MAX_IMPORT_ROWS} rows in \
                     one import: export a shorter period"
                ),
            ));
        }
        builder.rows_read += 1;
        builder.check_stop(line)?;
        let fields = records.fields();
        let surplus = fields.len().saturating_sub(sheet.names.len());
        if surplus > 0
            && sheet.name_takes_commas
            && let Some(name) = sheet.index[Field::Exercise as usize]
        {
            // An unquoted comma in the name: the fields after it are intact, so the name is
            // what is left. If the row then does not read, the shape is what is wrong.
            let joined = join_name(fields, name, surplus);
            let row = Row {
                line,
                fields: &joined,
                sheet: &sheet,
            };
            if read_row(&row, builder).is_err() {
                check_shape(fields.len(), &sheet.names, line)?;
            }
            continue;
        }
        check_shape(fields.len(), &sheet.names, line)?;
        let row = Row {
            line,
            fields,
            sheet: &sheet,
        };
        read_row(&row, builder)?;
    }
    Ok(())
}

/// A row with as many fields as the header, or the error naming the first missing column.
fn check_shape(fields: usize, names: &[String], line: usize) -> Result<(), ImportError> {
    if fields == names.len() {
        return Ok(());
    }
    let (column, hint) = match names.get(fields) {
        Some(first_missing) => (first_missing.as_str(), "; is the row cut short?"),
        None => (
            "row",
            "; is a `\"` missing around a value with a delimiter in it?",
        ),
    };
    Err(location(Some(line), column).error(
        ImportErrorKind::Shape,
        format!(
            "expected {} fields, as in the header, got {fields}{hint}",
            names.len(),
        ),
    ))
}

/// One CSV row, with what the header says.
struct Row<'r> {
    line: usize,
    fields: &'r StringRecord,
    sheet: &'r Sheet,
}

impl Row<'_> {
    /// The trimmed value of a field, `None` when the format lacks it or it is blank.
    fn get(&self, field: Field) -> Option<&str> {
        let i = self.sheet.index[field as usize]?;
        let value = self.fields.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// Where a field of this row is, for its errors.
    fn at(&self, field: Field) -> Location<'_> {
        let column = column_name(&self.sheet.names, self.sheet.index[field as usize]);
        location(Some(self.line), column)
    }

    fn err(&self, field: Field, message: String) -> ImportError {
        self.at(field).error(ImportErrorKind::Value, message)
    }

    /// Every field of the row within its length: notes up to [`MAX_NOTE_CHARS`], anything else
    /// up to [`MAX_NAME_CHARS`], before any of it is parsed or matched.
    fn check_lengths(&self) -> Result<(), ImportError> {
        let index = &self.sheet.index;
        let is_note = |i: usize| {
            [Field::Notes, Field::WorkoutNotes]
                .iter()
                .any(|f| index[*f as usize] == Some(i))
        };
        for (i, value) in self.fields.iter().enumerate() {
            let max = if is_note(i) {
                MAX_NOTE_CHARS
            } else {
                MAX_NAME_CHARS
            };
            let column = || column_name(&self.sheet.names, Some(i));
            check_length(value, max, self.line, column)?;
        }
        Ok(())
    }

    fn shown(&self, field: Field) -> String {
        shorten(self.get(field).unwrap_or_default(), MAX_ECHO_CHARS)
    }

    fn number(&self, field: Field, what: &str) -> Result<Option<f64>, ImportError> {
        let Some(text) = self.get(field) else {
            return Ok(None);
        };
        let decimal_comma = self.sheet.decimal_comma;
        let example = if decimal_comma { "12,5" } else { "12.5" };
        match number(text, decimal_comma) {
            Some(n) if n >= 0.0 => Ok(Some(n)),
            Some(_) => Err(self.err(
                field,
                format!("expected {what} of 0 or more, got `{}`", self.shown(field)),
            )),
            None => Err(self.err(
                field,
                format!(
                    "expected {what} as a number, e.g. `{example}`, got `{}`",
                    self.shown(field)
                ),
            )),
        }
    }

    fn whole(&self, field: Field, what: &str, max: u32) -> Result<Option<u32>, ImportError> {
        let Some(n) = self.number(field, what)? else {
            return Ok(None);
        };
        if n.fract() != 0.0 || n > f64::from(max) {
            return Err(self.err(
                field,
                format!(
                    "expected {what} as a whole number from 0 to {max}, got `{}`",
                    self.shown(field)
                ),
            ));
        }
        Ok(Some(n as u32))
    }

    fn text(&self, field: Field) -> Option<String> {
        self.get(field).map(str::to_owned)
    }

    fn datetime(&self, field: Field) -> Result<PrimitiveDateTime, ImportError> {
        let example = date_example(self.sheet.format);
        let Some(text) = self.get(field) else {
            return Err(self.err(field, format!("missing; expected a date such as {example}")));
        };
        parse_datetime(text).ok_or_else(|| {
            self.err(
                field,
                format!(
                    "expected a date such as {example}, from {EARLIEST_AS_OF} to {LATEST_AS_OF}, \
                     got `{}`",
                    self.shown(field)
                ),
            )
        })
    }

    fn duration(&self, field: Field) -> Result<Option<u32>, ImportError> {
        let Some(text) = self.get(field) else {
            return Ok(None);
        };
        match parse_duration(text) {
            Some(s) => Ok(Some(s)),
            None => Err(self.err(
                field,
                format!(
                    "expected a duration such as `29m`, `1h 5m`, `0:01:48`, `30:00` or a number \
                     of seconds, got `{}`",
                    self.shown(field)
                ),
            )),
        }
    }

    /// What the row is: a set of a type, a rest timer, or an exercise's note.
    fn kind(&self) -> Result<SetOrder, ImportError> {
        let is_rest = |s: Option<&str>| s.is_some_and(|s| s.eq_ignore_ascii_case("rest timer"));
        if is_rest(self.get(Field::Exercise)) {
            return Ok(SetOrder::Rest);
        }
        match self.get(Field::SetOrder).map(set_order) {
            None => Ok(SetOrder::Set(SetType::Normal)),
            Some(Some(order)) => Ok(order),
            Some(None) => {
                let expected = if self.sheet.hevy() {
                    "`normal`, `warmup`, `dropset` or `failure`"
                } else {
                    "a set number, `W` (warm-up), `D` (drop set), `F` (failure), `Rest Timer` or \
                     `Note`"
                };
                Err(self.err(
                    Field::SetOrder,
                    format!("expected {expected}, got `{}`", self.shown(Field::SetOrder)),
                ))
            }
        }
    }

    /// How long the session took: Hevy's end minus start, or Strong's `Duration`.
    fn session_duration(&self, started: PrimitiveDateTime) -> Result<Option<u32>, ImportError> {
        match self.get(Field::End) {
            Some(_) => {
                let end = self.datetime(Field::End)?;
                Ok(u32::try_from((end - started).whole_seconds()).ok())
            }
            None => self.duration(Field::Duration),
        }
    }

    /// The weight in kg, in the file's unit, the row's unit, or hers; `None` when blank or 0.
    fn weight_kg(&self) -> Result<Option<f64>, ImportError> {
        let row_unit = match self.get(Field::WeightUnit) {
            None => None,
            Some(word) => Some(WeightUnit::from_word(word).ok_or_else(|| {
                self.err(
                    Field::WeightUnit,
                    format!(
                        "expected `kg` or `lbs`, got `{}`",
                        self.shown(Field::WeightUnit)
                    ),
                )
            })?),
        };
        let Some(weight) = self.number(Field::Weight, "a weight")?.filter(|w| *w > 0.0) else {
            return Ok(None);
        };
        let Some(unit) = row_unit.or(self.sheet.weight_unit) else {
            return Err(self.at(Field::WeightUnit).error(
                ImportErrorKind::UnitNeeded,
                "blank, and no unit was chosen; expected `kg` or `lbs`, or choose the unit for \
                 such rows with `--unit kg` or `--unit lb`",
            ));
        };
        let kg = unit.to_kg(weight);
        if kg > MAX_WEIGHT_KG {
            return Err(self.err(
                Field::Weight,
                format!(
                    "`{}` {} is over {MAX_WEIGHT_KG} kg; expected the weight lifted",
                    self.shown(Field::Weight),
                    unit.as_str()
                ),
            ));
        }
        Ok(Some(kg))
    }

    /// The set's time in seconds; `None` when blank or 0.
    fn seconds(&self) -> Result<Option<u32>, ImportError> {
        match self.duration(Field::Seconds)? {
            Some(s) if s > MAX_SET_SECONDS => Err(self.err(
                Field::Seconds,
                format!(
                    "`{}` is longer than a day; expected the set's time",
                    self.shown(Field::Seconds)
                ),
            )),
            s => Ok(s.filter(|s| *s > 0)),
        }
    }

    /// The distance in metres, in the format's unit or the row's; `None` when blank or 0.
    fn distance_m(&self) -> Result<Option<f64>, ImportError> {
        let Some(distance) = self
            .number(Field::Distance, "a distance")?
            .filter(|d| *d > 0.0)
        else {
            return Ok(None);
        };
        let per = match self.sheet.distance_units {
            DistanceUnits::Fixed(per) => per,
            DistanceUnits::Column => self.metres_per_unit()?,
        };
        let metres = distance * per;
        if metres > MAX_DISTANCE_M {
            return Err(self.err(
                Field::Distance,
                format!(
                    "`{}` is over 1000 km; expected the set's distance",
                    self.shown(Field::Distance)
                ),
            ));
        }
        Ok(Some(metres))
    }

    /// Metres in one of the row's `Distance Unit`, which a row with a distance must say.
    fn metres_per_unit(&self) -> Result<f64, ImportError> {
        let Some(unit) = self.get(Field::DistanceUnit) else {
            return Err(self.at(Field::DistanceUnit).error(
                ImportErrorKind::Value,
                "blank, but the row has a distance; expected `m`, `km`, `mi`, `yd` or `ft`",
            ));
        };
        metres_per(unit).ok_or_else(|| {
            self.err(
                Field::DistanceUnit,
                format!(
                    "expected `m`, `km`, `mi`, `yd` or `ft`, got `{}`",
                    self.shown(Field::DistanceUnit)
                ),
            )
        })
    }

    /// The effort as written (halves allowed); `None` when blank or 0.
    fn rpe(&self) -> Result<Option<f32>, ImportError> {
        match self.number(Field::Rpe, "an effort (RPE)")? {
            Some(r) if r > MAX_RPE => Err(self.err(
                Field::Rpe,
                format!(
                    "expected an effort (RPE) from 1 to 10, got `{}`",
                    self.shown(Field::Rpe)
                ),
            )),
            r => Ok(r.filter(|r| *r > 0.0).map(|r| r as f32)),
        }
    }
}

/// Reads one row into a set of its session (or counts it skipped when it is not a set).
fn read_row(row: &Row<'_>, builder: &mut Builder<'_, '_>) -> Result<(), ImportError> {
    row.check_lengths()?;
    let set_type = match row.kind()? {
        SetOrder::Set(set_type) => set_type,
        SetOrder::Rest => {
            builder.rows_skipped += 1;
            return Ok(());
        }
        SetOrder::Note => return read_note(row, builder),
    };
    let started = row.datetime(Field::Date)?;
    let duration = row.session_duration(started)?;
    let Some(exercise_name) = row.get(Field::Exercise) else {
        return Err(row.err(
            Field::Exercise,
            "missing; expected the exercise's name".to_owned(),
        ));
    };
    let weight_kg = row.weight_kg()?;
    let reps = row
        .whole(Field::Reps, "reps", u32::from(MAX_SET_REPS))?
        .filter(|r| *r > 0)
        .map(|r| u16::try_from(r).unwrap_or(MAX_SET_REPS));
    let seconds = row.seconds()?;
    let distance_m = row.distance_m()?;
    let rpe = row.rpe()?;
    let superset = row.whole(Field::Superset, "a superset id", u32::MAX)?;
    row.whole(Field::SetIndex, "a set index", u32::from(u16::MAX))?;

    let key = session_key(row, started);
    let extras = SessionExtras {
        duration,
        notes: row.get(Field::WorkoutNotes),
    };
    let (notes, symptoms, red_flags) = symptoms_in_notes(row.text(Field::Notes));
    let set = ImportedSet {
        line: row.line,
        exercise_name: exercise_name.to_owned(),
        exercise: Mapping::Custom,
        set_type,
        set_index: 0,
        reps,
        weight_kg,
        seconds,
        distance_m,
        rpe,
        notes,
        superset,
        target_reps: None,
        symptoms,
        red_flags,
    };
    builder.push(key, extras, set, true);
    Ok(())
}

/// What mumstrong's own Strong CSV export writes in a set's notes, `symptoms: urinary_leakage,
/// chest_pain`, read back as the symptoms and warning signs they are (so a round trip keeps
/// them). A note in any other words, or with a word neither list knows, stays a note.
fn symptoms_in_notes(notes: Option<String>) -> (Option<String>, Vec<Symptom>, Vec<RedFlag>) {
    let Some(words) = notes
        .as_deref()
        .and_then(|n| n.trim().strip_prefix("symptoms: "))
    else {
        return (notes, Vec::new(), Vec::new());
    };
    let (mut symptoms, mut red_flags) = (Vec::new(), Vec::new());
    for word in words.split(',').map(str::trim) {
        if let Some(s) = Symptom::from_word(word) {
            symptoms.push(s);
        } else if let Some(f) = RedFlag::from_word(word) {
            red_flags.push(f);
        } else {
            return (notes, Vec::new(), Vec::new());
        }
    }
    (None, symptoms, red_flags)
}

/// Which session a row belongs to.
fn session_key<'r>(row: &'r Row<'_>, started: PrimitiveDateTime) -> SessionKey<'r> {
    SessionKey {
        started,
        id: row.get(Field::SessionId),
        name: row.get(Field::Name),
    }
}

/// A Strong `Note` row: not a set, but the note of its exercise in its workout, kept for that
/// exercise's sets (counted in `rows_skipped`).
fn read_note(row: &Row<'_>, builder: &mut Builder<'_, '_>) -> Result<(), ImportError> {
    builder.rows_skipped += 1;
    let started = row.datetime(Field::Date)?;
    if let (Some(exercise), Some(note)) = (row.get(Field::Exercise), row.get(Field::Notes)) {
        builder.exercise_note(&session_key(row, started), exercise, note);
    }
    Ok(())
}

#[cfg(test)]
mod symptom_note_tests {
    use super::*;

    #[test]
    fn our_exports_symptom_notes_read_back_and_other_notes_stay_notes() {
        let (note, symptoms, flags) =
            symptoms_in_notes(Some("symptoms: urinary_leakage, chest_pain".into()));
        assert_eq!(note, None);
        assert_eq!(symptoms, vec![Symptom::UrinaryLeakage]);
        assert_eq!(flags, vec![RedFlag::ChestPain]);
        for other in [
            "symptoms: a little tired",
            "felt strong",
            "Symptoms: urinary_leakage",
        ] {
            let (note, symptoms, flags) = symptoms_in_notes(Some(other.into()));
            assert_eq!(
                (note.as_deref(), symptoms.len(), flags.len()),
                (Some(other), 0, 0)
            );
        }
        assert_eq!(symptoms_in_notes(None), (None, Vec::new(), Vec::new()));
    }
}
