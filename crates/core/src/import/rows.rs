//! Reading a CSV export row by row: one row is one set.

use std::borrow::Cow;

use time::PrimitiveDateTime;

use super::columns::{ColumnIndex, Field, detect_header, fit};
use super::csv::{CsvReader, is_blank, sniff_delimiter, unclosed};
use super::sessions::{Builder, SessionExtras, SessionKey};
use super::values::{
    SetOrder, check_length, metres_per, number, parse_datetime, parse_duration, set_order,
};
use super::{
    ImportError, ImportErrorKind, ImportFormat, ImportOptions, ImportedSet, MAX_DISTANCE_M,
    MAX_IMPORT_ROWS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_RPE, MAX_SET_REPS, MAX_SET_SECONDS,
    MAX_WEIGHT_KG, METRES_PER_MILE, Mapping, SetType, WeightUnit,
};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, shorten};

/// Where a format's distances get their unit.
#[derive(Clone, Copy)]
pub(super) enum DistanceUnits {
    /// Metres per unit, for every row.
    Fixed(f64),
    /// From the `Distance Unit` column of each row.
    Column,
}

/// The example date of a format, for messages.
pub(super) fn date_example(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::HevyMetric | ImportFormat::HevyImperial => {
            "`4 Mar 2025, 09:15`, `Mar 4, 2025, 9:15 AM`, `04.03.2025, 09:15` or \
             `2025-03-04 09:15:00`"
        }
        ImportFormat::FitNotesKg | ImportFormat::FitNotesLb | ImportFormat::Mumstrong => {
            "`2025-03-04` (or day first, `04/03/2025`)"
        }
        _ => "`2025-03-04 09:15:00`",
    }
}

/// One CSV row, with its column names for messages.
pub(super) struct Row<'r, 'a> {
    line: usize,
    fields: &'r [Cow<'a, str>],
    index: &'r ColumnIndex,
    names: &'r [String],
    decimal_comma: bool,
}

impl Row<'_, '_> {
    /// The trimmed value of a field, `None` when the format lacks it or it is blank.
    fn get(&self, field: Field) -> Option<&str> {
        let i = self.index[field as usize]?;
        let value = self.fields.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn column(&self, field: Field) -> &str {
        self.index[field as usize]
            .and_then(|i| self.names.get(i))
            .map_or("row", |s| s.as_str())
    }

    fn err(&self, field: Field, message: String) -> ImportError {
        ImportError::new(
            ImportErrorKind::Value,
            Some(self.line),
            self.column(field),
            message,
        )
    }

    /// Every field of the row within its length: notes up to [`MAX_NOTE_CHARS`], anything else
    /// up to [`MAX_NAME_CHARS`], before any of it is parsed or matched.
    fn check_lengths(&self) -> Result<(), ImportError> {
        let is_note = |i: usize| {
            [Field::Notes, Field::WorkoutNotes]
                .iter()
                .any(|f| self.index[*f as usize] == Some(i))
        };
        for (i, value) in self.fields.iter().enumerate() {
            let max = if is_note(i) {
                MAX_NOTE_CHARS
            } else {
                MAX_NAME_CHARS
            };
            let column = || self.names.get(i).map_or("row", String::as_str);
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
        let example = if self.decimal_comma { "12,5" } else { "12.5" };
        match number(text, self.decimal_comma) {
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

    fn datetime(
        &self,
        field: Field,
        format: ImportFormat,
    ) -> Result<PrimitiveDateTime, ImportError> {
        let Some(text) = self.get(field) else {
            return Err(self.err(
                field,
                format!("missing; expected a date such as {}", date_example(format)),
            ));
        };
        parse_datetime(text).ok_or_else(|| {
            self.err(
                field,
                format!(
                    "expected a date such as {}, from {EARLIEST_AS_OF} to {LATEST_AS_OF}, got `{}`",
                    date_example(format),
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
}

pub(super) fn parse_csv(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
    builder: &mut Builder<'_, '_>,
) -> Result<(), ImportError> {
    let delimiter = sniff_delimiter(text);
    let decimal_comma = delimiter != b',';
    let mut reader = CsvReader::new(text, delimiter);
    let mut fields: Vec<Cow<'_, str>> = Vec::new();

    // The header.
    let (header_line, names) = loop {
        match reader.next_record(&mut fields) {
            None => {
                return Err(ImportError::new(
                    ImportErrorKind::Empty,
                    None,
                    "header",
                    "expected a header row naming the columns",
                ));
            }
            Some(record) => {
                let line = record.map_err(|u| unclosed(&u, None))?;
                if !is_blank(&fields) {
                    break (
                        line,
                        fields
                            .iter()
                            .map(|f| f.trim().to_owned())
                            .collect::<Vec<_>>(),
                    );
                }
            }
        }
    };
    let index = fit(format, &names).map_err(|misfit| {
        let hint = match detect_header(&names) {
            Some(other) => format!("; it looks like {other}"),
            None => String::new(),
        };
        ImportError::new(
            ImportErrorKind::UnknownFormat,
            Some(header_line),
            "header",
            format!(
                "this is not the header of a {format} export: it {}{hint}",
                misfit.describe()
            ),
        )
    })?;

    let weight_unit = match (format.unit(), options.unit) {
        (Some(unit), _) => Some(unit),
        (None, unit) if format.needs_unit() => Some(unit.ok_or_else(|| {
            ImportError::new(
                ImportErrorKind::UnitNeeded,
                Some(header_line),
                names
                    .get(index[Field::Weight as usize].unwrap_or(0))
                    .map_or("Weight", |s| s.as_str()),
                "this Strong export does not say whether its weights are in kg or lb; choose \
                 the unit set in the app with `--unit kg` or `--unit lb`",
            )
        })?),
        (None, unit) => unit,
    };
    let distance_units = match format {
        ImportFormat::StrongClassic | ImportFormat::StrongShort => {
            DistanceUnits::Fixed(match weight_unit {
                Some(WeightUnit::Lb) => METRES_PER_MILE,
                _ => 1000.0,
            })
        }
        ImportFormat::StrongSemicolonKg | ImportFormat::StrongSemicolonLb => {
            DistanceUnits::Fixed(1.0)
        }
        ImportFormat::HevyMetric => DistanceUnits::Fixed(1000.0),
        ImportFormat::HevyImperial => DistanceUnits::Fixed(METRES_PER_MILE),
        _ => DistanceUnits::Column,
    };
    let hevy = matches!(
        format,
        ImportFormat::HevyMetric | ImportFormat::HevyImperial
    );

    while let Some(record) = reader.next_record(&mut fields) {
        let line = record.map_err(|u| unclosed(&u, Some(&names)))?;
        if is_blank(&fields) {
            continue;
        }
        if builder.rows_read >= MAX_IMPORT_ROWS {
            return Err(ImportError::new(
                ImportErrorKind::TooManyRows,
                Some(line),
                "row",
                format!(
                    "more than {MAX_IMPORT_ROWS} rows; expected at most {MAX_IMPORT_ROWS} rows in \
                     one import: export a shorter period"
                ),
            ));
        }
        builder.rows_read += 1;
        builder.check_stop(line)?;
        if fields.len() != names.len() {
            let (column, hint) = match names.get(fields.len()) {
                Some(first_missing) => (first_missing.as_str(), "; is the row cut short?"),
                None => (
                    "row",
                    "; is a `\"` missing around a value with a delimiter in it?",
                ),
            };
            return Err(ImportError::new(
                ImportErrorKind::Shape,
                Some(line),
                column,
                format!(
                    "expected {} fields, as in the header, got {}{hint}",
                    names.len(),
                    fields.len()
                ),
            ));
        }
        let row = Row {
            line,
            fields: &fields,
            index: &index,
            names: &names,
            decimal_comma,
        };
        read_row(&row, format, hevy, weight_unit, distance_units, builder)?;
    }
    Ok(())
}

pub(super) fn read_row(
    row: &Row<'_, '_>,
    format: ImportFormat,
    hevy: bool,
    weight_unit: Option<WeightUnit>,
    distance_units: DistanceUnits,
    builder: &mut Builder<'_, '_>,
) -> Result<(), ImportError> {
    row.check_lengths()?;
    let is_rest = |s: Option<&str>| s.is_some_and(|s| s.eq_ignore_ascii_case("rest timer"));
    if is_rest(row.get(Field::Exercise)) {
        builder.rows_skipped += 1;
        return Ok(());
    }
    let set_type = match row.get(Field::SetOrder).map(set_order) {
        None => SetType::Normal,
        Some(Some(SetOrder::Set(t))) => t,
        Some(Some(SetOrder::Rest)) => {
            builder.rows_skipped += 1;
            return Ok(());
        }
        Some(None) => {
            let expected = if hevy {
                "`normal`, `warmup`, `dropset` or `failure`"
            } else {
                "a set number, `W` (warm-up), `D` (drop set), `F` (failure) or `Rest Timer`"
            };
            return Err(row.err(
                Field::SetOrder,
                format!("expected {expected}, got `{}`", row.shown(Field::SetOrder)),
            ));
        }
    };

    let started = row.datetime(Field::Date, format)?;
    let duration = match row.get(Field::End) {
        Some(_) => {
            let end = row.datetime(Field::End, format)?;
            u32::try_from((end - started).whole_seconds()).ok()
        }
        None => row.duration(Field::Duration)?,
    };
    let Some(exercise_name) = row.get(Field::Exercise) else {
        return Err(row.err(
            Field::Exercise,
            "missing; expected the exercise's name".to_owned(),
        ));
    };

    // Weight, in the file's unit, the row's unit, or hers.
    let row_unit = match row.get(Field::WeightUnit) {
        None => None,
        Some(word) => Some(WeightUnit::from_word(word).ok_or_else(|| {
            row.err(
                Field::WeightUnit,
                format!(
                    "expected `kg` or `lbs`, got `{}`",
                    row.shown(Field::WeightUnit)
                ),
            )
        })?),
    };
    let weight_kg = match row.number(Field::Weight, "a weight")?.filter(|w| *w > 0.0) {
        None => None,
        Some(weight) => {
            let Some(unit) = row_unit.or(weight_unit) else {
                return Err(ImportError::new(
                    ImportErrorKind::UnitNeeded,
                    Some(row.line),
                    row.column(Field::WeightUnit),
                    "blank, and no unit was chosen; expected `kg` or `lbs`, or choose the unit \
                     for such rows with `--unit kg` or `--unit lb`",
                ));
            };
            let kg = unit.to_kg(weight);
            if kg > MAX_WEIGHT_KG {
                return Err(row.err(
                    Field::Weight,
                    format!(
                        "`{}` {} is over {MAX_WEIGHT_KG} kg; expected the weight lifted",
                        row.shown(Field::Weight),
                        unit.as_str()
                    ),
                ));
            }
            Some(kg)
        }
    };

    let reps = row
        .whole(Field::Reps, "reps", u32::from(MAX_SET_REPS))?
        .filter(|r| *r > 0)
        .map(|r| u16::try_from(r).unwrap_or(MAX_SET_REPS));
    let seconds = match row.duration(Field::Seconds)? {
        Some(s) if s > MAX_SET_SECONDS => {
            return Err(row.err(
                Field::Seconds,
                format!(
                    "`{}` is longer than a day; expected the set's time",
                    row.shown(Field::Seconds)
                ),
            ));
        }
        s => s.filter(|s| *s > 0),
    };
    let distance_m = match row
        .number(Field::Distance, "a distance")?
        .filter(|d| *d > 0.0)
    {
        None => None,
        Some(distance) => {
            let per = match distance_units {
                DistanceUnits::Fixed(per) => per,
                DistanceUnits::Column => match row.get(Field::DistanceUnit) {
                    Some(unit) => metres_per(unit).ok_or_else(|| {
                        row.err(
                            Field::DistanceUnit,
                            format!(
                                "expected `m`, `km`, `mi`, `yd` or `ft`, got `{}`",
                                row.shown(Field::DistanceUnit)
                            ),
                        )
                    })?,
                    None => {
                        return Err(ImportError::new(
                            ImportErrorKind::Value,
                            Some(row.line),
                            row.column(Field::DistanceUnit),
                            "blank, but the row has a distance; expected `m`, `km`, `mi`, `yd` \
                             or `ft`",
                        ));
                    }
                },
            };
            let metres = distance * per;
            if metres > MAX_DISTANCE_M {
                return Err(row.err(
                    Field::Distance,
                    format!(
                        "`{}` is over 1000 km; expected the set's distance",
                        row.shown(Field::Distance)
                    ),
                ));
            }
            Some(metres)
        }
    };
    let rpe = match row.number(Field::Rpe, "an effort (RPE)")? {
        Some(r) if r > MAX_RPE => {
            return Err(row.err(
                Field::Rpe,
                format!(
                    "expected an effort (RPE) from 1 to 10, got `{}`",
                    row.shown(Field::Rpe)
                ),
            ));
        }
        r => r.filter(|r| *r > 0.0).map(|r| r as f32),
    };
    let superset = row.whole(Field::Superset, "a superset id", u32::MAX)?;
    row.whole(Field::SetIndex, "a set index", u32::from(u16::MAX))?;

    builder.push(
        SessionKey {
            started,
            id: row.get(Field::SessionId),
            name: row.get(Field::Name),
        },
        SessionExtras {
            duration,
            notes: row.get(Field::WorkoutNotes),
        },
        ImportedSet {
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
            notes: row.text(Field::Notes),
            superset,
            target_reps: None,
            symptoms: Vec::new(),
            red_flags: Vec::new(),
        },
        true,
    );
    Ok(())
}
