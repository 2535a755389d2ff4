//! The formats an import recognises, the weight units, the options the file cannot state, and
//! the errors with their line and column; recognising a file's format from its header.

use serde::{Deserialize, Serialize};
use time::Date;

use super::columns::{Misfit, fit};
use super::csv::read_header;
use super::json::probe_json;
use super::{KG_PER_LB, MAX_IMPORT_BYTES};
use crate::profile::shorten;

/// The exports [`detect`] recognises, by their header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportFormat {
    /// Strong, classic (A): `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,
    /// Distance,Seconds,Notes,Workout Notes,RPE`. The weight unit is not in the file.
    #[serde(rename = "strong_classic")]
    StrongClassic,
    /// Strong, short (B): classic without the notes columns. The weight unit is not in the file.
    #[serde(rename = "strong_short")]
    StrongShort,
    /// Strong, older (C): `Weight Unit` and `Distance Unit` on every row; column order varies.
    #[serde(rename = "strong_units")]
    StrongUnits,
    /// Strong 6 / newer Android (D), usually `;`-separated: `Workout #`, `Weight (kg)`.
    #[serde(rename = "strong_semicolon_kg")]
    StrongSemicolonKg,
    /// Strong 6 / newer Android (D) with `Weight (lbs)`.
    #[serde(rename = "strong_semicolon_lb")]
    StrongSemicolonLb,
    /// Hevy with `weight_kg` and `distance_km`.
    #[serde(rename = "hevy_metric")]
    HevyMetric,
    /// Hevy with `weight_lbs` and `distance_miles`.
    #[serde(rename = "hevy_imperial")]
    HevyImperial,
    /// FitNotes with `Weight (kgs)`, with or without `Comment`.
    #[serde(rename = "fitnotes_kg")]
    FitNotesKg,
    /// FitNotes with `Weight (lbs)`, with or without `Comment`.
    #[serde(rename = "fitnotes_lb")]
    FitNotesLb,
    /// FitNotes with `Weight` and a `Weight Unit` (`kgs`/`lbs`) on every row.
    #[serde(rename = "fitnotes_units")]
    FitNotesUnits,
    /// mumstrong's own JSON export (`"format": "mumstrong export 1"`).
    #[serde(rename = "mumstrong_json")]
    Mumstrong,
}

impl ImportFormat {
    /// Every format, in the order error messages list them.
    pub const ALL: [ImportFormat; 11] = [
        ImportFormat::StrongClassic,
        ImportFormat::StrongShort,
        ImportFormat::StrongUnits,
        ImportFormat::StrongSemicolonKg,
        ImportFormat::StrongSemicolonLb,
        ImportFormat::HevyMetric,
        ImportFormat::HevyImperial,
        ImportFormat::FitNotesKg,
        ImportFormat::FitNotesLb,
        ImportFormat::FitNotesUnits,
        ImportFormat::Mumstrong,
    ];

    /// The word used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::StrongClassic => "strong_classic",
            ImportFormat::StrongShort => "strong_short",
            ImportFormat::StrongUnits => "strong_units",
            ImportFormat::StrongSemicolonKg => "strong_semicolon_kg",
            ImportFormat::StrongSemicolonLb => "strong_semicolon_lb",
            ImportFormat::HevyMetric => "hevy_metric",
            ImportFormat::HevyImperial => "hevy_imperial",
            ImportFormat::FitNotesKg => "fitnotes_kg",
            ImportFormat::FitNotesLb => "fitnotes_lb",
            ImportFormat::FitNotesUnits => "fitnotes_units",
            ImportFormat::Mumstrong => "mumstrong_json",
        }
    }

    /// Looks a format word up (as [`as_str`](Self::as_str) writes it).
    pub fn from_word(word: &str) -> Option<ImportFormat> {
        let word = word.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.as_str() == word)
    }

    /// The name people know it by, for messages and the preview.
    pub fn describe(self) -> &'static str {
        match self {
            ImportFormat::StrongClassic => "Strong (classic)",
            ImportFormat::StrongShort => "Strong (short, without notes)",
            ImportFormat::StrongUnits => "Strong (with a unit on every row)",
            ImportFormat::StrongSemicolonKg => "Strong (Workout #, kg)",
            ImportFormat::StrongSemicolonLb => "Strong (Workout #, lbs)",
            ImportFormat::HevyMetric => "Hevy (kg)",
            ImportFormat::HevyImperial => "Hevy (lbs)",
            ImportFormat::FitNotesKg => "FitNotes (kgs)",
            ImportFormat::FitNotesLb => "FitNotes (lbs)",
            ImportFormat::FitNotesUnits => "FitNotes (a weight unit on every row)",
            ImportFormat::Mumstrong => "mumstrong JSON export",
        }
    }

    /// The weight unit the format states for all its rows, if any. Strong classic and short do
    /// not say (so [`ImportOptions::unit`] is needed, unless the header writes `Weight (kg)`);
    /// Strong and FitNotes with units say it on every row.
    pub fn unit(self) -> Option<WeightUnit> {
        match self {
            ImportFormat::StrongClassic
            | ImportFormat::StrongShort
            | ImportFormat::StrongUnits
            | ImportFormat::FitNotesUnits => None,
            ImportFormat::StrongSemicolonLb
            | ImportFormat::HevyImperial
            | ImportFormat::FitNotesLb => Some(WeightUnit::Lb),
            ImportFormat::StrongSemicolonKg
            | ImportFormat::HevyMetric
            | ImportFormat::FitNotesKg
            | ImportFormat::Mumstrong => Some(WeightUnit::Kg),
        }
    }

    /// True when [`parse`](super::parse) needs [`ImportOptions::unit`]: the format never says
    /// its unit (unless its header writes one, as older Strong exports do with `Weight (kg)`).
    pub fn needs_unit(self) -> bool {
        matches!(
            self,
            ImportFormat::StrongClassic | ImportFormat::StrongShort
        )
    }
}

impl std::fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// A weight unit: apps store what she typed, in her unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightUnit {
    /// Kilograms.
    Kg,
    /// Pounds, converted at [`KG_PER_LB`].
    Lb,
}

impl WeightUnit {
    /// The word used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            WeightUnit::Kg => "kg",
            WeightUnit::Lb => "lb",
        }
    }

    /// Reads a unit as apps write it: `kg`, `kgs`, `lb`, `lbs`, any case.
    pub fn from_word(word: &str) -> Option<WeightUnit> {
        match word.trim().to_ascii_lowercase().as_str() {
            "kg" | "kgs" | "kilogram" | "kilograms" => Some(WeightUnit::Kg),
            "lb" | "lbs" | "pound" | "pounds" => Some(WeightUnit::Lb),
            _ => None,
        }
    }

    /// A weight in this unit, in kilograms.
    pub fn to_kg(self, weight: f64) -> f64 {
        match self {
            WeightUnit::Kg => weight,
            WeightUnit::Lb => weight * KG_PER_LB,
        }
    }
}

/// What the file cannot say for itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The unit of the weights, for exports that do not state it (Strong classic and short);
    /// also the unit of rows of Strong-with-units that leave `Weight Unit` blank. Ignored when
    /// the file states its unit: the file knows best.
    pub unit: Option<WeightUnit>,
    /// Her today, from the caller's clock (the domain reads none): a session after it is shown
    /// in the preview as worth a second look. `None` checks no future dates.
    #[serde(skip)]
    pub today: Option<Date>,
}

/// What kind of problem an [`ImportError`] is, so a caller can react (ask for the unit, answer
/// "too large") without reading the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportErrorKind {
    /// The file is empty or only blank lines.
    Empty,
    /// The file holds a NUL byte: not a text export.
    NotText,
    /// Over [`MAX_IMPORT_BYTES`](super::MAX_IMPORT_BYTES).
    TooLarge,
    /// Over [`MAX_IMPORT_ROWS`](super::MAX_IMPORT_ROWS) rows.
    TooManyRows,
    /// The header (or JSON document) is not one of the recognised exports, or not the format
    /// asked for.
    UnknownFormat,
    /// The file does not say its weight unit and none was given (`--unit`).
    UnitNeeded,
    /// A row has the wrong number of fields or an unclosed quote.
    Shape,
    /// A value is missing, not understood or out of range.
    Value,
    /// A text field is longer than [`MAX_NAME_CHARS`](super::MAX_NAME_CHARS) (or
    /// [`MAX_NOTE_CHARS`](super::MAX_NOTE_CHARS) for notes).
    TooLong,
    /// The caller asked the parse to stop (its deadline passed): nothing was imported.
    Stopped,
}

/// Why an import failed: the line, the column and what was expected.
///
/// `line` is the 1-based physical line of a CSV file; for the JSON export (usually one line), it
/// is the 1-based position of the entry in its `sets` array, as the training log does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}: {message}", location(*.line, .column))]
pub struct ImportError {
    /// What kind of problem it is.
    pub kind: ImportErrorKind,
    /// The line at fault; `None` when the whole file is (its size, or an empty file).
    pub line: Option<usize>,
    /// The column as the file's header writes it (`Weight (kg)`, `start_time`), the JSON key,
    /// or `file`, `header` or `row` for the file's shape.
    pub column: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Where in the file a problem is: the 1-based line (for the JSON export, the entry in `sets`)
/// and the column as the header writes it (the JSON key; `file`, `header` or `row` for the
/// file's shape). Every [`ImportError`] is made at one, and prints it, so all name their place
/// alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Location<'a> {
    line: Option<usize>,
    column: &'a str,
}

/// The place at `line` (`None`: the whole file) and `column`.
pub(super) fn location(line: Option<usize>, column: &str) -> Location<'_> {
    Location { line, column }
}

impl Location<'_> {
    /// The error of this kind here.
    pub(super) fn error(self, kind: ImportErrorKind, message: impl Into<String>) -> ImportError {
        ImportError {
            kind,
            line: self.line,
            column: self.column.to_owned(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "import line {line}, `{}`", self.column),
            None => write!(f, "import, `{}`", self.column),
        }
    }
}

pub(super) fn recognised() -> String {
    "Strong (classic, short, with units, or with `Workout #` in kg or lbs; in English, German, \
     French, Spanish, Italian, Portuguese or Dutch), Hevy (kg or lbs), FitNotes (kgs, lbs or a \
     `Weight Unit` column, with or without `Comment`) or the mumstrong JSON export"
        .to_owned()
}

/// Checks what every import needs: a size within limits, no NUL byte, something in it.
/// Returns the text without its BOM.
pub(super) fn check_text(text: &str) -> Result<&str, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(location(None, "file").error(
            ImportErrorKind::TooLarge,
            format!(
                "the file is {} bytes; expected at most {MAX_IMPORT_BYTES} bytes (20 MB): \
                 export a shorter period",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find('\0') {
        let line = 1 + text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(location(Some(line), "file").error(
            ImportErrorKind::NotText,
            "holds a NUL byte, so it is not a text export; expected the CSV or JSON file the app \
             exported",
        ));
    }
    if text.trim().is_empty() {
        return Err(location(None, "file").error(
            ImportErrorKind::Empty,
            format!("the file is empty; expected an export of {}", recognised()),
        ));
    }
    Ok(text)
}

/// Recognises an export by its header (or, for JSON, its `format` key).
///
/// A BOM is allowed; columns may be separated by `,`, `;` or tabs, and quoted.
///
/// # Errors
/// An empty file, a NUL byte, text over [`MAX_IMPORT_BYTES`], an unclosed quote in the header,
/// or a header that is none of the recognised exports (the error names its line, lists the
/// formats recognised and says how the nearest one differs).
pub fn detect(text: &str) -> Result<ImportFormat, ImportError> {
    let text = check_text(text)?;
    if text.trim_start().starts_with(['{', '[']) {
        probe_json(text)?;
        return Ok(ImportFormat::Mumstrong);
    }
    let (line, header) = read_header(text)?;
    let mut nearest: Option<Misfit> = None;
    for format in ImportFormat::ALL {
        if format == ImportFormat::Mumstrong {
            continue;
        }
        match fit(format, &header) {
            Ok(_) => return Ok(format),
            Err(misfit) => {
                if nearest
                    .as_ref()
                    .is_none_or(|best| misfit.distance() < best.distance())
                {
                    nearest = Some(misfit);
                }
            }
        }
    }
    // The nearest layout is named whenever the header shares a column with it: what it lacks
    // and what it has beside tells her (or us) which export it nearly is.
    let hint = match nearest {
        Some(misfit) if misfit.matched > 0 => {
            format!(
                "; the nearest is {}, but this header {}",
                misfit.layout(),
                misfit.describe()
            )
        }
        _ => "; it shares no column with any of them".to_owned(),
    };
    Err(location(Some(line), "header").error(
        ImportErrorKind::UnknownFormat,
        format!(
            "not a header this importer knows (`{}`); expected the header of an export from \
             {}{hint}",
            shorten(&header.join(","), 120),
            recognised()
        ),
    ))
}
