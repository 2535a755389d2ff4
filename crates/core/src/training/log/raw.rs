//! The values of one entry as written, before checking: shared by the CSV and JSON readers.

use serde_json::Value;

use super::{COLUMNS, LogError, MAX_LOG_ENTRIES};
use crate::profile::{MAX_ECHO_CHARS, shorten};

/// One value as written: a CSV cell or a JSON value.
#[derive(Clone, Copy)]
pub(super) enum Cell<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl<'a> Cell<'a> {
    /// The value, or `None` when it is blank (CSV) or `null` (JSON).
    pub(super) fn present(self) -> Option<Self> {
        match self {
            Cell::Text(s) if s.trim().is_empty() => None,
            Cell::Json(Value::Null) => None,
            cell => Some(cell),
        }
    }

    /// The text of a CSV cell or of a JSON string; `None` for other JSON values.
    pub(super) fn text(self) -> Option<&'a str> {
        match self {
            Cell::Text(s) => Some(s),
            Cell::Json(Value::String(s)) => Some(s),
            Cell::Json(_) => None,
        }
    }

    /// The value as quoted back in a message, cut short.
    pub(super) fn shown(self) -> String {
        match self {
            Cell::Text(s) => shorten(s.trim(), MAX_ECHO_CHARS),
            Cell::Json(v) => shorten(&v.to_string(), MAX_ECHO_CHARS),
        }
    }
}

/// The cells of one entry by column, before checking.
#[derive(Default)]
pub(super) struct RawEntry<'a> {
    pub(super) date: Option<Cell<'a>>,
    pub(super) exercise: Option<Cell<'a>>,
    pub(super) sets: Option<Cell<'a>>,
    pub(super) reps: Option<Cell<'a>>,
    pub(super) target_reps: Option<Cell<'a>>,
    pub(super) load_kg: Option<Cell<'a>>,
    pub(super) rpe: Option<Cell<'a>>,
    pub(super) symptoms_during: Option<Cell<'a>>,
    pub(super) symptoms_after: Option<Cell<'a>>,
}

impl<'a> RawEntry<'a> {
    /// The slot for a (lowercased) column name; `None` for an unknown column.
    pub(super) fn slot(&mut self, column: &str) -> Option<&mut Option<Cell<'a>>> {
        Some(match column {
            "date" => &mut self.date,
            "exercise" => &mut self.exercise,
            "sets" => &mut self.sets,
            "reps" => &mut self.reps,
            "target_reps" => &mut self.target_reps,
            "load_kg" => &mut self.load_kg,
            "rpe" => &mut self.rpe,
            "symptoms" | "symptoms_during" => &mut self.symptoms_during,
            "symptoms_after" => &mut self.symptoms_after,
            _ => return None,
        })
    }
}

/// The canonical name of a column, folding the `symptoms_during` alias.
pub(super) fn canonical(column: &str) -> &str {
    if column == "symptoms_during" {
        "symptoms"
    } else {
        column
    }
}

/// Joins words as "`a`, `b` and `c`".
pub(super) fn list_all(words: &[&str]) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn allowed_columns() -> String {
    crate::vocab::list_words(COLUMNS.iter().copied())
}

pub(super) fn unknown_column(line: Option<usize>, column: &str, what: &str) -> LogError {
    let shown = shorten(column, MAX_ECHO_CHARS);
    LogError::new(
        line,
        column,
        format!(
            "unknown {what} `{shown}`; expected one of {}",
            allowed_columns()
        ),
    )
}

pub(super) fn too_many(line: usize) -> LogError {
    LogError::new(
        Some(line),
        "row",
        format!("expected at most {MAX_LOG_ENTRIES} entries in one log; split or trim the log"),
    )
}
