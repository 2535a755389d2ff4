//! The columns each CSV export has, and fitting a header onto them: which column holds which
//! field.

use super::ImportFormat;
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

const STRONG_CLASSIC: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    req(Field::Duration, &["Duration"]),
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

const STRONG_SHORT: &[Col] = &[
    req(Field::Date, &["Date"]),
    req(Field::Name, &["Workout Name"]),
    req(Field::Duration, &["Duration"]),
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
        ImportFormat::Mumstrong => &[],
    }
}

/// How a header differs from a format's.
pub(super) struct Misfit {
    pub(super) missing: Vec<&'static str>,
    pub(super) unknown: Vec<String>,
}

impl Misfit {
    pub(super) fn distance(&self) -> usize {
        self.missing.len() + self.unknown.len()
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

/// Fits a header (as written) to a format: the column of every field it has.
pub(super) fn fit(format: ImportFormat, header: &[String]) -> Result<ColumnIndex, Misfit> {
    let cols = columns(format);
    let mut index: ColumnIndex = [None; FIELDS];
    let mut unknown = Vec::new();
    for (i, written) in header.iter().enumerate() {
        let name = normalise_header(written);
        if name.is_empty() {
            // A trailing delimiter makes an unnamed column: it holds nothing we read.
            continue;
        }
        match cols
            .iter()
            .find(|c| c.names.iter().any(|n| n.eq_ignore_ascii_case(&name)))
        {
            Some(col) if index[col.field as usize].is_none() => {
                index[col.field as usize] = Some(i);
            }
            _ => unknown.push(written.clone()),
        }
    }
    let missing: Vec<&'static str> = cols
        .iter()
        .filter(|c| c.required && index[c.field as usize].is_none())
        .map(|c| c.names[0])
        .collect();
    if missing.is_empty() && unknown.is_empty() && !cols.is_empty() {
        Ok(index)
    } else {
        Err(Misfit { missing, unknown })
    }
}

/// Lowercase, trimmed, with runs of spaces as one: how headers are compared.
fn normalise_header(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
