//! What a CSV header says about every row of its file: where each field is, the units, the
//! number style, and whether a name may hold unquoted commas.

use ::csv::StringRecord;

use super::columns::{ColumnIndex, Field, column_name, detect_header, fit};
use super::format::location;
use super::{
    ImportError, ImportErrorKind, ImportFormat, ImportOptions, METRES_PER_MILE, WeightUnit,
};

/// Where a format's distances get their unit.
#[derive(Clone, Copy)]
pub(super) enum DistanceUnits {
    /// Metres per unit, for every row.
    Fixed(f64),
    /// From the `Distance Unit` column of each row.
    Column,
}

/// What the header (and her options) say about every row of one file.
pub(super) struct Sheet {
    pub(super) format: ImportFormat,
    /// The header's cells, trimmed: the column names errors use.
    pub(super) names: Vec<String>,
    pub(super) index: ColumnIndex,
    /// The weights' unit, when the file or she says it for every row.
    pub(super) weight_unit: Option<WeightUnit>,
    pub(super) distance_units: DistanceUnits,
    /// Files not separated by commas, or in a language that writes `12,5`, may write `12,5`.
    pub(super) decimal_comma: bool,
    /// Whether a row with more fields than the header is an exercise name with an unquoted
    /// comma (see [`name_takes_commas`]).
    pub(super) name_takes_commas: bool,
}

impl Sheet {
    /// Fits the header at `line` to `format`.
    ///
    /// # Errors
    /// A header that is not `format`'s (naming the format it looks like, if any), or no weight
    /// unit for a file that does not say it.
    pub(super) fn new(
        format: ImportFormat,
        options: &ImportOptions,
        (line, names): (usize, Vec<String>),
        delimiter: u8,
    ) -> Result<Sheet, ImportError> {
        let fitted = fit(format, &names).map_err(|misfit| {
            let hint = match detect_header(&names) {
                Some(other) => format!("; it looks like {other}"),
                None => String::new(),
            };
            let language = if misfit.language.is_english() {
                String::new()
            } else {
                format!(" (nearest in {})", misfit.language.name)
            };
            location(Some(line), "header").error(
                ImportErrorKind::UnknownFormat,
                format!(
                    "this is not the header of a {format} export: it {}{language}{hint}",
                    misfit.describe()
                ),
            )
        })?;
        let index = fitted.index;
        let weight_unit = match (fitted.weight_unit.or(format.unit()), options.unit) {
            (Some(unit), _) => Some(unit),
            (None, None) if format.needs_unit() => {
                return Err(location(
                    Some(line),
                    column_name(&names, index[Field::Weight as usize]),
                )
                .error(
                    ImportErrorKind::UnitNeeded,
                    "this Strong export does not say whether its weights are in kg or \
                             lb; choose the unit set in the app with `--unit kg` or `--unit lb`",
                ));
            }
            (None, unit) => unit,
        };
        Ok(Sheet {
            format,
            names,
            index,
            weight_unit,
            distance_units: match fitted.metres_per_distance {
                Some(per) => DistanceUnits::Fixed(per),
                None => distance_units(format, weight_unit),
            },
            decimal_comma: delimiter != b',' || fitted.language.decimal_comma,
            name_takes_commas: name_takes_commas(format, &index),
        })
    }

    /// Whether the format is Hevy's, which words set types its own way.
    pub(super) fn hevy(&self) -> bool {
        matches!(
            self.format,
            ImportFormat::HevyMetric | ImportFormat::HevyImperial
        )
    }
}

/// Whether surplus fields of a row can only be the exercise name's commas, unquoted: FitNotes
/// writes names as they are, and in its layouts without `Comment` the name is the one free text
/// (its `Category` is a muscle group, one word), with every field after it a number, a unit or a
/// time. With `Comment` a comma could be in either, so no row is guessed at.
fn name_takes_commas(format: ImportFormat, index: &ColumnIndex) -> bool {
    matches!(
        format,
        ImportFormat::FitNotesKg | ImportFormat::FitNotesLb | ImportFormat::FitNotesUnits
    ) && index[Field::Exercise as usize].is_some()
        && index[Field::Notes as usize].is_none()
}

/// The row with its exercise name's `surplus` extra fields joined back into it by the commas
/// that split them.
pub(super) fn join_name(fields: &StringRecord, name: usize, surplus: usize) -> StringRecord {
    let whole: Vec<&str> = fields.iter().skip(name).take(surplus + 1).collect();
    let mut out = StringRecord::new();
    for field in fields.iter().take(name) {
        out.push_field(field);
    }
    out.push_field(&whole.join(","));
    for field in fields.iter().skip(name + surplus + 1) {
        out.push_field(field);
    }
    out
}

/// Strong classic and short write km with kg and miles with lb (the app's metric or imperial
/// setting); Strong with `Workout #` writes metres; Hevy says it in the header; others per row.
fn distance_units(format: ImportFormat, weight_unit: Option<WeightUnit>) -> DistanceUnits {
    match format {
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
    }
}

/// The example date of a format, for messages.
pub(super) fn date_example(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::HevyMetric | ImportFormat::HevyImperial => {
            "`4 Mar 2025, 09:15`, `Mar 4, 2025, 9:15 AM`, `04.03.2025, 09:15` or \
             `2025-03-04 09:15:00`"
        }
        ImportFormat::FitNotesKg
        | ImportFormat::FitNotesLb
        | ImportFormat::FitNotesUnits
        | ImportFormat::Mumstrong => "`2025-03-04` (or day first, `04/03/2025`)",
        _ => "`2025-03-04 09:15:00`",
    }
}
