//! The training log: what a mum actually did, so the programme can adapt to it.
//!
//! A log is a CSV file (one row per exercise done: easy to keep in a spreadsheet; separated by
//! commas, semicolons or tabs) or a JSON array of the same entries (easy for apps to write). [`TrainingLog::parse`] checks every value against
//! the exercise library and the symptom vocabularies, and every [`LogError`] names the line (or
//! entry), the column and what was expected, so she can fix the file herself.
//!
//! ```text
//! date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after
//! 2026-11-24,bodyweight_squat,3,10/10/8,10,,6,none,
//! 2026-11-26,plank,2,30,,,7,urinary_leakage,pelvic_heaviness
//! ```
//!
//! `csv_log` and `json_log` read the two formats into the same raw cells (`raw`), and `check`
//! checks one entry's cells, whichever format they came from.

mod check;
mod csv_log;
mod json_log;
mod raw;

use serde::{Serialize, Serializer};
use time::Date;

use crate::library::Library;
use crate::vocab::{RedFlag, Symptom};

pub(crate) use json_log::Json;

/// The largest log text accepted, in bytes: years of daily training fit in far less.
pub const MAX_LOG_BYTES: usize = 5 * 1024 * 1024;
/// The most entries a log may hold, so a runaway file cannot slow the generator down.
pub const MAX_LOG_ENTRIES: usize = 20_000;
/// The most sets one entry may record.
pub const MAX_SETS: u8 = 20;
/// The most reps, seconds or metres one set may record.
pub const MAX_REPS: u16 = 1000;
/// The heaviest load in kg one entry may record.
pub const MAX_LOAD_KG: f64 = 300.0;

/// The columns (CSV) or keys (JSON) a log may use, in documentation order.
pub const COLUMNS: &[&str] = &[
    "date",
    "exercise",
    "sets",
    "reps",
    "target_reps",
    "load_kg",
    "rpe",
    "symptoms",
    "symptoms_during",
    "symptoms_after",
];

/// The columns every log must have.
pub const REQUIRED_COLUMNS: &[&str] = &["date", "exercise", "sets", "reps"];

/// The file formats a log can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LogFormat {
    /// Comma- (or semicolon- or tab-) separated values with a header row.
    Csv,
    /// A JSON array of objects with the same keys as the CSV columns.
    Json,
}

impl LogFormat {
    /// Picks the format from a file name's extension (`.csv` or `.json`, any case).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(LogFormat::Csv),
            "json" => Some(LogFormat::Json),
            _ => None,
        }
    }
}

impl std::fmt::Display for LogFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LogFormat::Csv => "CSV",
            LogFormat::Json => "JSON",
        })
    }
}

/// One exercise done on one day, checked against the library and the vocabularies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// Where it came from, 1-based: the physical line of a CSV file, or the entry's position in
    /// a JSON array. Keeps the order of a day's entries and lets messages point at the source.
    pub line: usize,
    /// The day it was done.
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    /// The exercise's library id.
    pub exercise: String,
    /// Sets done, 1 to [`MAX_SETS`].
    pub sets: u8,
    /// What each set achieved, in the exercise's dose (reps, seconds or metres): one number per
    /// set, each 0 to [`MAX_REPS`].
    pub reps: Vec<u16>,
    /// What the plan asked for per set, if known (1 to [`MAX_REPS`]).
    pub target_reps: Option<u16>,
    /// The external load in kg, 0 to [`MAX_LOAD_KG`]; `None` means bodyweight (a written 0 is
    /// read as `None`, so there is one way to say "no load").
    pub load_kg: Option<f64>,
    /// Rating of perceived exertion, 1 (very easy) to 10 (maximal), if given.
    pub rpe: Option<u8>,
    /// Symptoms noticed during the exercise, without repeats, in the order written.
    pub symptoms_during: Vec<Symptom>,
    /// Symptoms noticed afterwards (later that day or the next), without repeats.
    pub symptoms_after: Vec<Symptom>,
    /// Warning signs written in either symptoms column, without repeats: these stop training.
    pub red_flags: Vec<RedFlag>,
}

impl LogEntry {
    /// True when any symptom or red flag was noted, during or after.
    pub fn has_symptoms(&self) -> bool {
        !(self.symptoms_during.is_empty()
            && self.symptoms_after.is_empty()
            && self.red_flags.is_empty())
    }
}

fn serialize_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// A whole training log, sorted by date and then by line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TrainingLog {
    /// The entries, oldest first; entries of one day keep their file order.
    pub entries: Vec<LogEntry>,
}

/// Why a log could not be read: the line (or JSON entry), the column and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}, `{field}`: {message}", location(.line))]
pub struct LogError {
    /// The 1-based CSV line or JSON entry at fault; `None` for the whole log (size, header).
    pub line: Option<usize>,
    /// The column or key at fault (`file`, `header` or `row` for the file's shape).
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
}

fn location(line: &Option<usize>) -> String {
    match line {
        Some(line) => format!("log line {line}"),
        None => "log".to_owned(),
    }
}

impl LogError {
    fn new(line: Option<usize>, field: &str, message: impl Into<String>) -> Self {
        LogError {
            line,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

impl TrainingLog {
    /// Parses and checks a log. Every exercise id must be in `library`.
    ///
    /// Never panics: any text gives either a log or a [`LogError`].
    ///
    /// # Errors
    /// The first problem found, naming the line (or JSON entry) and the column: text over
    /// [`MAX_LOG_BYTES`], more than [`MAX_LOG_ENTRIES`] entries, a missing or unknown column, a
    /// row with the wrong number of fields or an unclosed `"`, a JSON key given twice in one entry,
    /// or a value that is out of range or not understood.
    pub fn parse(
        text: &str,
        format: LogFormat,
        library: &Library,
    ) -> Result<TrainingLog, LogError> {
        if text.len() > MAX_LOG_BYTES {
            return Err(LogError::new(
                None,
                "file",
                format!(
                    "the log is {} bytes; expected at most {MAX_LOG_BYTES} bytes (5 MB)",
                    text.len()
                ),
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut entries = match format {
            LogFormat::Csv => csv_log::parse_csv(text, library)?,
            LogFormat::Json => json_log::parse_json(text, library)?,
        };
        entries.sort_by_key(|e| (e.date, e.line));
        Ok(TrainingLog { entries })
    }

    /// True when the log holds no entries: the programme then starts from the beginning.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The date of the latest entry: how long ago she last trained.
    pub fn last_date(&self) -> Option<Date> {
        self.entries.last().map(|e| e.date)
    }
}

#[cfg(test)]
mod tests;
