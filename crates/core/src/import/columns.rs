//! The columns each CSV export has, and fitting a header onto them: which column holds which
//! field.

use super::locale::{ENGLISH, ENGLISH_ONLY, Language, STRONG_LANGUAGES};
use super::values::{metres_per, parse_duration};
use super::{ImportFormat, WeightUnit};
use crate::profile::{MAX_ECHO_CHARS, shorten};

/// The values a CSV column can hold, whatever the app calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    SessionId,
    Date,
    End,
    Name,
    Duration,
    WorkoutNotes,
    Exercise,
    SetOrder,
    SetIndex,
    Superset,
    Weight,
    WeightUnit,
    Reps,
    Distance,
    DistanceUnit,
    Seconds,
    Rpe,
    Notes,
    Category,
}

const FIELDS: usize = 19;

/// One column of a format: its field, the header names it goes by (as the app writes them;
/// compared ignoring case and extra spaces), and whether the format always has it.
struct Col {
    field: Field,
    names: &'static [&'static str],
    required: bool,
}

const fn req(field: Field, names: &'static [&'static str]) -> Col {
    Col {
        field,
        names,
        required: true,
    }
}

const fn opt(field: Field, names: &'static [&'static str]) -> Col {
    Col {
        field,
        names,
        required: false,
    }
}

/// Strong classic (A); older exports lack `Duration`, so it is optional.
const STRONG_CLASSIC: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    opt(Field::Duration, &["Duration"]),
    req(Field::Exercise, &["Exercise Name"]),
    req(Field::SetOrder, &["Set Order"]),
    req(Field::Weight, &["Weight"]),
    req(Field::Reps, &["Reps"]),
    req(Field::Distance, &["Distance"]),
    req(Field::Seconds, &["Seconds"]),
    req(Field::Notes, &["Notes"]),
    req(Field::WorkoutNotes, &["Workout Notes"]),
    opt(Field::Rpe, &["RPE"]),
];

/// Strong short (B); `Duration` optional as in classic.
const STRONG_SHORT: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    opt(Field::Duration, &["Duration"]),
    req(Field::Exercise, &["Exercise Name"]),
    req(Field::SetOrder, &["Set Order"]),
    req(Field::Weight, &["Weight"]),
    req(Field::Reps, &["Reps"]),
    req(Field::Distance, &["Distance"]),
    req(Field::Seconds, &["Seconds"]),
    opt(Field::Rpe, &["RPE"]),
];

const STRONG_UNITS: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    req(Field::Exercise, &["Exercise Name"]),
    req(Field::SetOrder, &["Set Order"]),
    req(Field::Weight, &["Weight"]),
    req(Field::WeightUnit, &["Weight Unit"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Rpe, &["RPE"]),
    opt(Field::Distance, &["Distance"]),
    opt(Field::DistanceUnit, &["Distance Unit"]),
    opt(Field::Seconds, &["Seconds"]),
    opt(Field::Notes, &["Notes"]),
    opt(Field::WorkoutNotes, &["Workout Notes"]),
    opt(Field::Duration, &["Workout Duration", "Duration"]),
];

const STRONG_SEMICOLON_KG: &[Col] = &[
    req(Field::SessionId, &["Workout #"]),
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    req(Field::Exercise, &["Exercise Name"]),
    req(Field::SetOrder, &["Set Order"]),
    req(Field::Weight, &["Weight (kg)"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Duration, &["Duration (sec)"]),
    opt(Field::Rpe, &["RPE"]),
    opt(Field::Distance, &["Distance (meters)"]),
    opt(Field::Seconds, &["Seconds"]),
    opt(Field::Notes, &["Notes"]),
    opt(Field::WorkoutNotes, &["Workout Notes"]),
];

const STRONG_SEMICOLON_LB: &[Col] = &[
    req(Field::SessionId, &["Workout #"]),
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    req(Field::Exercise, &["Exercise Name"]),
    req(Field::SetOrder, &["Set Order"]),
    req(Field::Weight, &["Weight (lbs)"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Duration, &["Duration (sec)"]),
    opt(Field::Rpe, &["RPE"]),
    opt(Field::Distance, &["Distance (meters)"]),
    opt(Field::Seconds, &["Seconds"]),
    opt(Field::Notes, &["Notes"]),
    opt(Field::WorkoutNotes, &["Workout Notes"]),
];

const HEVY_METRIC: &[Col] = &[
    req(Field::Name, &["title"]),
    req(Field::Date, &["start_time"]),
    req(Field::Exercise, &["exercise_title"]),
    req(Field::SetOrder, &["set_type"]),
    req(Field::Weight, &["weight_kg"]),
    req(Field::Reps, &["reps"]),
    opt(Field::End, &["end_time"]),
    opt(Field::WorkoutNotes, &["description"]),
    opt(Field::Superset, &["superset_id"]),
    opt(Field::Notes, &["exercise_notes"]),
    opt(Field::SetIndex, &["set_index"]),
    opt(Field::Distance, &["distance_km"]),
    opt(Field::Seconds, &["duration_seconds"]),
    opt(Field::Rpe, &["rpe"]),
];

const HEVY_IMPERIAL: &[Col] = &[
    req(Field::Name, &["title"]),
    req(Field::Date, &["start_time"]),
    req(Field::Exercise, &["exercise_title"]),
    req(Field::SetOrder, &["set_type"]),
    req(Field::Weight, &["weight_lbs"]),
    req(Field::Reps, &["reps"]),
    opt(Field::End, &["end_time"]),
    opt(Field::WorkoutNotes, &["description"]),
    opt(Field::Superset, &["superset_id"]),
    opt(Field::Notes, &["exercise_notes"]),
    opt(Field::SetIndex, &["set_index"]),
    opt(Field::Distance, &["distance_miles"]),
    opt(Field::Seconds, &["duration_seconds"]),
    opt(Field::Rpe, &["rpe"]),
];

const FITNOTES_KG: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Exercise, &["Exercise"]),
    req(Field::Weight, &["Weight (kgs)", "Weight (kg)"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Category, &["Category"]),
    opt(Field::Distance, &["Distance"]),
    opt(Field::DistanceUnit, &["Distance Unit"]),
    opt(Field::Seconds, &["Time"]),
    opt(Field::Notes, &["Comment"]),
];

const FITNOTES_LB: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Exercise, &["Exercise"]),
    req(Field::Weight, &["Weight (lbs)", "Weight (lb)"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Category, &["Category"]),
    opt(Field::Distance, &["Distance"]),
    opt(Field::DistanceUnit, &["Distance Unit"]),
    opt(Field::Seconds, &["Time"]),
    opt(Field::Notes, &["Comment"]),
];

/// FitNotes with the weight's unit on every row (`kgs`/`lbs`), as it stores the unit per
/// exercise: `Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time`.
const FITNOTES_UNITS: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Exercise, &["Exercise"]),
    req(Field::Weight, &["Weight"]),
    req(Field::WeightUnit, &["Weight Unit"]),
    req(Field::Reps, &["Reps"]),
    opt(Field::Category, &["Category"]),
    opt(Field::Distance, &["Distance"]),
    opt(Field::DistanceUnit, &["Distance Unit"]),
    opt(Field::Seconds, &["Time"]),
    opt(Field::Notes, &["Comment"]),
];

fn columns(format: ImportFormat) -> &'static [Col] {
    match format {
        ImportFormat::StrongClassic => STRONG_CLASSIC,
        ImportFormat::StrongShort => STRONG_SHORT,
        ImportFormat::StrongUnits => STRONG_UNITS,
        ImportFormat::StrongSemicolonKg => STRONG_SEMICOLON_KG,
        ImportFormat::StrongSemicolonLb => STRONG_SEMICOLON_LB,
        ImportFormat::HevyMetric => HEVY_METRIC,
        ImportFormat::HevyImperial => HEVY_IMPERIAL,
        ImportFormat::FitNotesKg => FITNOTES_KG,
        ImportFormat::FitNotesLb => FITNOTES_LB,
        ImportFormat::FitNotesUnits => FITNOTES_UNITS,
        ImportFormat::Mumstrong => &[],
    }
}

/// The languages a format's header may be written in.
fn languages(format: ImportFormat) -> &'static [&'static Language] {
    match format {
        ImportFormat::StrongClassic
        | ImportFormat::StrongShort
        | ImportFormat::StrongUnits
        | ImportFormat::StrongSemicolonKg
        | ImportFormat::StrongSemicolonLb => STRONG_LANGUAGES,
        _ => ENGLISH_ONLY,
    }
}

/// How a header differs from a format's, in the language it comes nearest in.
pub(super) struct Misfit {
    pub(super) format: ImportFormat,
    pub(super) language: &'static Language,
    /// The format's required columns the header lacks (as the language names them).
    pub(super) missing: Vec<&'static str>,
    /// The header's columns the format has no place for (as written).
    pub(super) unknown: Vec<String>,
    /// How many of the header's columns did fit.
    pub(super) matched: usize,
}

impl Misfit {
    pub(super) fn distance(&self) -> usize {
        self.missing.len() + self.unknown.len()
    }

    /// The format's name, with the language when it is not English.
    pub(super) fn layout(&self) -> String {
        if self.language.is_english() {
            self.format.describe().to_owned()
        } else {
            format!("{} in {}", self.format.describe(), self.language.name)
        }
    }

    pub(super) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("lacks {}", backticked(&self.missing, "and")));
        }
        if !self.unknown.is_empty() {
            let unknown: Vec<String> = self
                .unknown
                .iter()
                .map(|u| shorten(u, MAX_ECHO_CHARS))
                .collect();
            let unknown: Vec<&str> = unknown.iter().map(String::as_str).collect();
            let s = if unknown.len() == 1 { "" } else { "s" };
            parts.push(format!(
                "has the unexpected column{s} {}",
                backticked(&unknown, "and")
            ));
        }
        parts.join(" and ")
    }
}

/// Joins words as "`a`, `b` and `c`".
fn backticked(words: &[&str], and: &str) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// Which column holds which field, for one format.
pub(super) type ColumnIndex = [Option<usize>; FIELDS];

/// A header fitted to a format: where each field is, and what the header itself says.
pub(super) struct Fit {
    pub(super) index: ColumnIndex,
    /// The language the header is written in.
    pub(super) language: &'static Language,
    /// The weights' unit when the header names it (`Weight (kg)` where the format says only
    /// `Weight`).
    pub(super) weight_unit: Option<WeightUnit>,
    /// Metres per distance unit when the header names it (`Distance (km)`).
    pub(super) metres_per_distance: Option<f64>,
}

/// Fits a header (as written) to a format, in whichever of its languages fits; else how it
/// differs in the language that comes nearest.
pub(super) fn fit(format: ImportFormat, header: &[String]) -> Result<Fit, Misfit> {
    let mut nearest: Option<Misfit> = None;
    for language in languages(format) {
        match fit_in(format, language, header) {
            Ok(fit) => return Ok(fit),
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
    Err(nearest.unwrap_or(Misfit {
        format,
        language: &ENGLISH,
        missing: Vec::new(),
        unknown: header.to_vec(),
        matched: 0,
    }))
}

/// Whether column `col` goes by `name` (normalised) in `language`.
fn named(col: &Col, language: &Language, name: &str) -> bool {
    col.names
        .iter()
        .copied()
        .chain(language.words_for(col.field))
        .any(|n| normalise_header(n) == name)
}

/// A header cell `Weight (kg)` or `Distance (km)`: the name before the unit, and the unit.
fn split_unit(name: &str) -> Option<(&str, &str)> {
    let (base, unit) = name.strip_suffix(')')?.rsplit_once('(')?;
    let base = base.trim_end();
    (!base.is_empty()).then_some((base, unit.trim()))
}

fn fit_in(
    format: ImportFormat,
    language: &'static Language,
    header: &[String],
) -> Result<Fit, Misfit> {
    let cols = columns(format);
    let mut fit = Fit {
        index: [None; FIELDS],
        language,
        weight_unit: None,
        metres_per_distance: None,
    };
    let mut unknown = Vec::new();
    let mut matched = 0;
    for (i, written) in header.iter().enumerate() {
        let name = normalise_header(written);
        if name.is_empty() {
            // A trailing delimiter makes an unnamed column: it holds nothing we read.
            continue;
        }
        let taken = fit.index;
        let free = |c: &&Col| taken[c.field as usize].is_none();
        if let Some(col) = cols.iter().filter(free).find(|c| named(c, language, &name)) {
            fit.index[col.field as usize] = Some(i);
            matched += 1;
            continue;
        }
        // `Weight (kg)`, `Distance (km)`, `Seconds (s)`: the column, with its unit said.
        let with_unit = split_unit(&name).and_then(|(base, unit)| {
            let col = cols
                .iter()
                .filter(free)
                .find(|c| named(c, language, base))?;
            let (weight, distance) = match col.field {
                Field::Weight => (Some(WeightUnit::from_word(unit)?), None),
                Field::Distance => (None, Some(metres_per(unit)?)),
                Field::Seconds | Field::Duration
                    if metres_per(unit).is_none()
                        && parse_duration(&format!("1{unit}")) == Some(1) =>
                {
                    (None, None)
                }
                _ => return None,
            };
            Some((col, weight, distance))
        });
        match with_unit {
            Some((col, weight, distance)) => {
                fit.index[col.field as usize] = Some(i);
                fit.weight_unit = fit.weight_unit.or(weight);
                fit.metres_per_distance = fit.metres_per_distance.or(distance);
                matched += 1;
            }
            None => unknown.push(written.clone()),
        }
    }
    let missing: Vec<&'static str> = cols
        .iter()
        .filter(|c| c.required && fit.index[c.field as usize].is_none())
        .map(|c| language.words_for(c.field).next().unwrap_or(c.names[0]))
        .collect();
    if missing.is_empty() && unknown.is_empty() && !cols.is_empty() {
        Ok(fit)
    } else {
        Err(Misfit {
            format,
            language,
            missing,
            unknown,
            matched,
        })
    }
}

/// Lowercase, trimmed, with runs of spaces as one and `’` as `'`: how headers are compared.
fn normalise_header(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
}

/// The format a header fits, if any (for "it looks like" hints).
pub(super) fn detect_header(header: &[String]) -> Option<ImportFormat> {
    ImportFormat::ALL
        .into_iter()
        .find(|f| fit(*f, header).is_ok())
}

/// The header's name of column `i`, or `row` when the row has no such column: how every CSV
/// error names its column.
pub(super) fn column_name(names: &[String], i: Option<usize>) -> &str {
    i.and_then(|i| names.get(i)).map_or("row", String::as_str)
}
