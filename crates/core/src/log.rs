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

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;
use time::Date;

use crate::library::{Library, nearest_word};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, parse_iso_date, shorten};
use crate::vocab::{RedFlag, Symptom};

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
            LogFormat::Csv => parse_csv(text, library)?,
            LogFormat::Json => parse_json(text, library)?,
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

/// One value as written: a CSV cell or a JSON value.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Json(&'a Value),
}

impl<'a> Cell<'a> {
    /// The value, or `None` when it is blank (CSV) or `null` (JSON).
    fn present(self) -> Option<Self> {
        match self {
            Cell::Text(s) if s.trim().is_empty() => None,
            Cell::Json(Value::Null) => None,
            cell => Some(cell),
        }
    }

    /// The text of a CSV cell or of a JSON string; `None` for other JSON values.
    fn text(self) -> Option<&'a str> {
        match self {
            Cell::Text(s) => Some(s),
            Cell::Json(Value::String(s)) => Some(s),
            Cell::Json(_) => None,
        }
    }

    /// The value as quoted back in a message, cut short.
    fn shown(self) -> String {
        match self {
            Cell::Text(s) => shorten(s.trim(), MAX_ECHO_CHARS),
            Cell::Json(v) => shorten(&v.to_string(), MAX_ECHO_CHARS),
        }
    }
}

/// The cells of one entry by column, before checking.
#[derive(Default)]
struct RawEntry<'a> {
    date: Option<Cell<'a>>,
    exercise: Option<Cell<'a>>,
    sets: Option<Cell<'a>>,
    reps: Option<Cell<'a>>,
    target_reps: Option<Cell<'a>>,
    load_kg: Option<Cell<'a>>,
    rpe: Option<Cell<'a>>,
    symptoms_during: Option<Cell<'a>>,
    symptoms_after: Option<Cell<'a>>,
}

impl<'a> RawEntry<'a> {
    /// The slot for a (lowercased) column name; `None` for an unknown column.
    fn slot(&mut self, column: &str) -> Option<&mut Option<Cell<'a>>> {
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
fn canonical(column: &str) -> &str {
    if column == "symptoms_during" {
        "symptoms"
    } else {
        column
    }
}

/// Joins words as "`a`, `b` and `c`".
fn list_all(words: &[&str]) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn allowed_columns() -> String {
    crate::vocab::list_words(COLUMNS.iter().copied())
}

fn unknown_column(line: Option<usize>, column: &str, what: &str) -> LogError {
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

fn parse_csv(text: &str, library: &Library) -> Result<Vec<LogEntry>, LogError> {
    // The header is the first line that is not blank, a comment or only delimiters (as
    // spreadsheets export empty rows). A BOM was stripped by the caller.
    let header_line = text
        .lines()
        .find(|l| {
            !l.starts_with('#')
                && l.chars()
                    .any(|c| !matches!(c, ',' | ';') && !c.is_whitespace())
        })
        .unwrap_or_default();
    let delimiter = if header_line.contains(',') {
        b','
    } else if header_line.contains(';') {
        b';'
    } else if header_line.contains('\t') {
        b'\t'
    } else {
        b','
    };
    // Where `,` does not separate fields, it can be a decimal comma (`2,5` kg).
    let decimal_comma = delimiter != b',';
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());

    let mut lines = LineCounter::new(text);
    let csv_error =
        |e: csv::Error| LogError::new(None, "file", format!("not readable as CSV: {e}"));
    // A blank line, or a row of only delimiters and spaces (`,,,,`, as spreadsheets export
    // empty rows), holds nothing and is skipped.
    let is_blank = |r: &csv::StringRecord| r.iter().all(|f| f.trim().is_empty());

    let mut records = reader.records();
    // The header: the first line that is not blank or a comment.
    let header = loop {
        match records.next() {
            None => {
                return Err(LogError::new(
                    None,
                    "header",
                    format!(
                        "expected a header row naming the columns, e.g. `{}`",
                        REQUIRED_COLUMNS.join(",")
                    ),
                ));
            }
            Some(record) => {
                let record = record.map_err(csv_error)?;
                let line = lines.line_of(&record);
                lines.check_quotes(delimiter, "header")?;
                if !is_blank(&record) {
                    break (record, line);
                }
            }
        }
    };
    let (header, header_line_no) = (header.0, Some(header.1));
    let mut columns: Vec<String> = Vec::with_capacity(header.len());
    for name in header.iter() {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            return Err(LogError::new(
                header_line_no,
                "header",
                format!(
                    "column {} has no name; expected one of {}",
                    columns.len() + 1,
                    allowed_columns()
                ),
            ));
        }
        if !COLUMNS.contains(&name.as_str()) {
            let mut err = unknown_column(header_line_no, &name, "column");
            if name.contains('\t') {
                err.message = format!(
                    "unknown column `{}`; the header mixes tabs with `,` or `;`: separate the \
                     columns with only one of them",
                    shorten(&name, MAX_ECHO_CHARS)
                );
            }
            return Err(err);
        }
        if columns.iter().any(|c| canonical(c) == canonical(&name)) {
            let message = if canonical(&name) == "symptoms" {
                "appears twice; `symptoms` and `symptoms_during` are the same column".to_owned()
            } else {
                "appears twice; expected each column once".to_owned()
            };
            return Err(LogError::new(header_line_no, &name, message));
        }
        columns.push(name);
    }
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|r| !columns.iter().any(|c| c == r))
        .collect();
    if !missing.is_empty() {
        let s = if missing.len() == 1 { "" } else { "s" };
        return Err(LogError::new(
            header_line_no,
            "header",
            format!(
                "missing column{s} {}; every log needs {}",
                list_all(&missing),
                list_all(REQUIRED_COLUMNS)
            ),
        ));
    }

    let mut entries = Vec::new();
    let header_shown = if delimiter == b'\t' {
        format!("{}, separated by tabs", columns.join(" "))
    } else {
        columns.join(&char::from(delimiter).to_string())
    };
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = lines.line_of(&record);
        let quotes = lines.check_quotes(delimiter, "row")?;
        if is_blank(&record) {
            continue;
        }
        if record.len() != columns.len() {
            let hint = match quotes {
                Some((open, close)) => format!(
                    "; the `\"` opened on line {open} is closed only on line {close}: is a \
                     closing `\"` missing on line {open}?"
                ),
                None => String::new(),
            };
            return Err(LogError::new(
                Some(line),
                "row",
                format!(
                    "expected {} fields, as in the header ({header_shown}), got {}{hint}",
                    columns.len(),
                    record.len()
                ),
            ));
        }
        if entries.len() >= MAX_LOG_ENTRIES {
            return Err(too_many(line));
        }
        let mut raw = RawEntry::default();
        for (column, value) in columns.iter().zip(record.iter()) {
            if let Some(slot) = raw.slot(column) {
                *slot = Some(Cell::Text(value));
            }
        }
        entries.push(check_entry(line, &raw, library, decimal_comma)?);
    }
    Ok(entries)
}

/// Finds the physical line a CSV record starts on.
///
/// The csv reader's own positions point at the end of the previous record, before any line
/// ending, comment or empty line it skipped; this walks past those and counts newlines, keeping
/// its place so a whole file costs one pass.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, record: &csv::StringRecord) -> usize {
        let reported = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.at);
        let mut start = reported.clamp(self.at, self.bytes.len());
        loop {
            match self.bytes.get(start) {
                Some(b'\r' | b'\n') => start += 1,
                Some(b'#') => {
                    start = self.bytes[start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(self.bytes.len(), |n| start + n + 1);
                }
                _ => break,
            }
        }
        self.line += self.bytes[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }

    /// Reads the quoting of the record [`line_of`](Self::line_of) last found, by the csv
    /// reader's rules (a `"` opens a quote only at the start of a field; `""` inside quotes is a
    /// quote character).
    ///
    /// # Errors
    /// A quote that is opened and never closed: the csv reader silently reads the rest of the
    /// file into that field, which would give a puzzling message about the field count.
    ///
    /// Otherwise returns the lines of the first quote that spans lines (opened, closed), if
    /// any: a hint when such a record turns out wrong.
    fn check_quotes(&self, delimiter: u8, field: &str) -> Result<Option<(usize, usize)>, LogError> {
        let line_at = |offset: usize| {
            let end = offset.min(self.bytes.len());
            self.line
                + self.bytes[self.at.min(end)..end]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
        };
        let mut spanning = None;
        let mut field_start = true;
        let mut open: Option<usize> = None;
        let mut newline_in_quote = false;
        let mut i = self.at;
        while let Some(&b) = self.bytes.get(i) {
            if let Some(at) = open {
                match b {
                    b'"' if self.bytes.get(i + 1) == Some(&b'"') => i += 1,
                    b'"' => {
                        if newline_in_quote && spanning.is_none() {
                            spanning = Some((line_at(at), line_at(i)));
                        }
                        open = None;
                        newline_in_quote = false;
                    }
                    b'\n' | b'\r' => newline_in_quote = true,
                    _ => {}
                }
            } else if b == delimiter {
                field_start = true;
            } else if matches!(b, b'\n' | b'\r') {
                break;
            } else if field_start && b == b'"' {
                open = Some(i);
                field_start = false;
            } else {
                field_start = false;
            }
            i += 1;
        }
        match open {
            Some(at) => Err(LogError::new(
                Some(line_at(at)),
                field,
                "there is an opening `\"` without a closing one, so the rest of the file would be \
                 read as one field; add the closing `\"` or remove the opening one",
            )),
            None => Ok(spanning),
        }
    }
}

fn too_many(line: usize) -> LogError {
    LogError::new(
        Some(line),
        "row",
        format!("expected at most {MAX_LOG_ENTRIES} entries in one log; split or trim the log"),
    )
}

/// A JSON value that keeps every key of an object in order, repeats included: serde_json's
/// `Value` keeps only the last of a repeated key, which would hide a mistake in an entry.
pub(crate) enum Json {
    Scalar(Value),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The first key this object gives twice, if it is an object and does.
    pub(crate) fn repeated_key(&self) -> Option<&str> {
        let Json::Object(pairs) = self else {
            return None;
        };
        pairs
            .iter()
            .enumerate()
            .find(|(i, (key, _))| pairs[..*i].iter().any(|(k, _)| k == key))
            .map(|(_, (key, _))| key.as_str())
    }

    /// The plain value; of a repeated key deeper down, the last is kept.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Json::Scalar(value) => value,
            Json::Array(items) => Value::Array(items.into_iter().map(Json::into_value).collect()),
            Json::Object(pairs) => Value::Object(
                pairs
                    .into_iter()
                    .map(|(key, value)| (key, value.into_value()))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Bool(v)))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Null))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(Json::Object(pairs))
    }
}

/// An unknown JSON key; one that differs from a known key only in case says how to write it.
fn unknown_key(line: usize, key: &str) -> LogError {
    let lower = key.to_lowercase();
    match COLUMNS.iter().find(|c| **c == lower) {
        Some(column) => LogError::new(
            Some(line),
            key,
            format!(
                "unknown key `{}`; write it as `{column}` (keys are lowercase)",
                shorten(key, MAX_ECHO_CHARS)
            ),
        ),
        None => unknown_column(Some(line), key, "key"),
    }
}

fn parse_json(text: &str, library: &Library) -> Result<Vec<LogEntry>, LogError> {
    let value: Json = serde_json::from_str(text).map_err(|e| {
        let line = (e.line() > 0).then_some(e.line());
        LogError::new(
            line,
            "file",
            format!("not valid JSON: {}", shorten(&e.to_string(), 200)),
        )
    })?;
    let Json::Array(items) = value else {
        return Err(LogError::new(
            None,
            "file",
            "expected a JSON array of entries, e.g. [{\"date\": \"2026-11-24\", \"exercise\": \
             \"bodyweight_squat\", \"sets\": 3, \"reps\": 10}]",
        ));
    };
    if items.len() > MAX_LOG_ENTRIES {
        return Err(too_many(MAX_LOG_ENTRIES + 1));
    }
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let line = index + 1;
        let Json::Object(pairs) = item else {
            return Err(LogError::new(
                Some(line),
                "entry",
                format!(
                    "expected an object with the keys {}, got `{}`",
                    crate::vocab::list_words(REQUIRED_COLUMNS.iter().copied()),
                    Cell::Json(&item.into_value()).shown()
                ),
            ));
        };
        let pairs: Vec<(String, Value)> = pairs
            .into_iter()
            .map(|(key, value)| (key, value.into_value()))
            .collect();
        let mut raw = RawEntry::default();
        for (index, (key, value)) in pairs.iter().enumerate() {
            let Some(slot) = raw.slot(key) else {
                return Err(unknown_key(line, key));
            };
            if slot.is_some() {
                let message = if pairs[..index].iter().any(|(k, _)| k == key) {
                    "appears twice in this entry"
                } else {
                    "`symptoms` and `symptoms_during` are the same key; expected only one of them"
                };
                return Err(LogError::new(Some(line), key, message));
            }
            *slot = Some(Cell::Json(value));
        }
        entries.push(check_entry(line, &raw, library, false)?);
    }
    Ok(entries)
}

/// Checks one entry's cells and builds the entry.
fn check_entry<'a>(
    line: usize,
    raw: &RawEntry<'a>,
    library: &Library,
    decimal_comma: bool,
) -> Result<LogEntry, LogError> {
    let err = |field: &str, message: String| LogError::new(Some(line), field, message);
    let required = |field: &str, cell: Option<Cell<'a>>, expected: &str| {
        cell.and_then(Cell::present)
            .ok_or_else(|| err(field, format!("missing; expected {expected}")))
    };

    let date_cell = required("date", raw.date, "a date as YYYY-MM-DD, e.g. 2026-11-24")?;
    let date = check_date(date_cell).map_err(|m| err("date", m))?;

    let exercise_cell = required("exercise", raw.exercise, "an exercise id from the library")?;
    let exercise = check_exercise(exercise_cell, library).map_err(|m| err("exercise", m))?;

    let sets_cell = required("sets", raw.sets, "the number of sets, from 1 to 20")?;
    let sets = whole(sets_cell, 1, u64::from(MAX_SETS)).map_err(|m| err("sets", m))?;
    let sets = u8::try_from(sets).unwrap_or(MAX_SETS);

    let reps_cell = required(
        "reps",
        raw.reps,
        "the reps (or seconds or metres) of every set, e.g. `10` or `10/10/8`",
    )?;
    let reps = check_reps(reps_cell, sets).map_err(|m| err("reps", m))?;

    let target_reps = match raw.target_reps.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(
            whole(cell, 1, u64::from(MAX_REPS))
                .map(|n| u16::try_from(n).unwrap_or(MAX_REPS))
                .map_err(|m| err("target_reps", m))?,
        ),
    };
    let load_kg = match raw.load_kg.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(check_load(cell, decimal_comma).map_err(|m| err("load_kg", m))?),
    }
    .filter(|kg| *kg != 0.0);
    let rpe = match raw.rpe.and_then(Cell::present) {
        None => None,
        Some(cell) => Some(
            whole(cell, 1, 10)
                .map(|n| u8::try_from(n).unwrap_or(10))
                .map_err(|m| err("rpe", m))?,
        ),
    };

    let mut red_flags = Vec::new();
    let symptoms_during = match raw.symptoms_during.and_then(Cell::present) {
        None => Vec::new(),
        Some(cell) => check_symptoms(cell, &mut red_flags).map_err(|m| err("symptoms", m))?,
    };
    let symptoms_after = match raw.symptoms_after.and_then(Cell::present) {
        None => Vec::new(),
        Some(cell) => check_symptoms(cell, &mut red_flags).map_err(|m| err("symptoms_after", m))?,
    };

    Ok(LogEntry {
        line,
        date,
        exercise,
        sets,
        reps,
        target_reps,
        load_kg,
        rpe,
        symptoms_during,
        symptoms_after,
        red_flags,
    })
}

fn check_date(cell: Cell<'_>) -> Result<Date, String> {
    let Some(text) = cell.text() else {
        return Err(format!(
            "expected a date as a string \"YYYY-MM-DD\", got `{}`",
            cell.shown()
        ));
    };
    let date = parse_iso_date(text)?;
    if !(EARLIEST_AS_OF..=LATEST_AS_OF).contains(&date) {
        return Err(format!(
            "`{date}` is out of range; expected a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
        ));
    }
    Ok(date)
}

fn check_exercise(cell: Cell<'_>, library: &Library) -> Result<String, String> {
    let Some(text) = cell.text() else {
        return Err(format!(
            "expected an exercise id as a string, got `{}`",
            cell.shown()
        ));
    };
    let id = text.trim();
    if library.get(id).is_some() {
        return Ok(id.to_owned());
    }
    let shown = shorten(id, MAX_ECHO_CHARS);
    Err(match library.nearest_id(id) {
        Some(near) => format!("unknown exercise `{shown}`; did you mean `{near}`?"),
        None => format!("unknown exercise `{shown}`; see `mumstrong exercises` for the ids"),
    })
}

/// A whole number in `min..=max`, from a CSV cell or a JSON number.
fn whole(cell: Cell<'_>, min: u64, max: u64) -> Result<u64, String> {
    let number = match cell {
        Cell::Text(text) => text.trim().parse::<u64>().ok(),
        Cell::Json(value) => value.as_u64(),
    };
    number.filter(|n| (min..=max).contains(n)).ok_or_else(|| {
        format!(
            "expected a whole number from {min} to {max}, got `{}`",
            cell.shown()
        )
    })
}

fn check_reps(cell: Cell<'_>, sets: u8) -> Result<Vec<u16>, String> {
    let max = u64::from(MAX_REPS);
    let one = |cell: Cell<'_>| whole(cell, 0, max).map(|n| u16::try_from(n).unwrap_or(MAX_REPS));
    let per_set =
        |index: usize, cell: Cell<'_>| one(cell).map_err(|m| format!("set {}: {m}", index + 1));
    let reps: Vec<u16> = match cell {
        Cell::Text(text) if text.contains('/') => text
            .split('/')
            .enumerate()
            .map(|(i, part)| per_set(i, Cell::Text(part)))
            .collect::<Result<_, _>>()?,
        Cell::Json(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| per_set(i, Cell::Json(item)))
            .collect::<Result<_, _>>()?,
        Cell::Text(_) | Cell::Json(Value::Number(_)) => {
            vec![one(cell)?; usize::from(sets)]
        }
        Cell::Json(_) => {
            return Err(format!(
                "expected a whole number from 0 to {MAX_REPS} or a list of them, one for each \
                 set, got `{}`",
                cell.shown()
            ));
        }
    };
    if reps.len() != usize::from(sets) {
        let how = match cell {
            Cell::Text(_) => "numbers separated by `/`",
            Cell::Json(_) => "numbers in the list",
        };
        return Err(format!(
            "expected {sets} {how} (one for each set, as `sets` says), got {}",
            reps.len()
        ));
    }
    Ok(reps)
}

fn check_load(cell: Cell<'_>, decimal_comma: bool) -> Result<f64, String> {
    let kg = match cell {
        Cell::Text(text) => {
            let text = text.trim();
            let text = if decimal_comma && !text.contains('.') {
                text.replacen(',', ".", 1)
            } else {
                text.to_owned()
            };
            text.parse::<f64>().ok()
        }
        Cell::Json(value) => value.as_f64(),
    };
    kg.filter(|kg| kg.is_finite() && (0.0..=MAX_LOAD_KG).contains(kg))
        .ok_or_else(|| {
            let example = if decimal_comma { "2,5" } else { "2.5" };
            format!(
                "expected a weight in kg from 0 to {MAX_LOAD_KG}, e.g. `{example}` (0 or blank \
                 for bodyweight), got `{}`",
                cell.shown()
            )
        })
}

/// Reads a symptoms cell into symptoms, adding any red-flag words to `red_flags`.
fn check_symptoms(cell: Cell<'_>, red_flags: &mut Vec<RedFlag>) -> Result<Vec<Symptom>, String> {
    let words: Vec<&str> = match cell {
        Cell::Text(text) => text
            .split(|c: char| matches!(c, ';' | '|' | ',') || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect(),
        Cell::Json(Value::Array(items)) => {
            let mut words = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(word) = item else {
                    return Err(format!(
                        "expected a list of symptom words, e.g. [\"urinary_leakage\"], got `{}` \
                         in the list",
                        Cell::Json(item).shown()
                    ));
                };
                words.push(word.trim());
            }
            words
        }
        Cell::Json(_) => {
            return Err(format!(
                "expected a list of symptom words, e.g. [\"urinary_leakage\"] (or [] for none), \
                 got `{}`",
                cell.shown()
            ));
        }
    };
    let mut symptoms = Vec::new();
    let only_none = words.iter().all(|w| w.eq_ignore_ascii_case("none"));
    if only_none {
        return Ok(symptoms);
    }
    for word in words {
        let lower = word.to_lowercase();
        if let Some(symptom) = Symptom::from_word(&lower) {
            if !symptoms.contains(&symptom) {
                symptoms.push(symptom);
            }
        } else if let Some(flag) = RedFlag::from_word(&lower) {
            if !red_flags.contains(&flag) {
                red_flags.push(flag);
            }
        } else if lower == "none" {
            return Err(
                "`none` cannot be combined with symptoms; write `none` alone or leave \
                        it out"
                    .to_owned(),
            );
        } else {
            return Err(unknown_symptom(word));
        }
    }
    Ok(symptoms)
}

fn unknown_symptom(word: &str) -> String {
    let shown = shorten(word, MAX_ECHO_CHARS);
    let nearest = nearest_word(
        word,
        Symptom::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(RedFlag::ALL.iter().map(|r| r.as_str())),
    );
    match nearest {
        Some(near) => format!("unknown symptom `{shown}`; did you mean `{near}`?"),
        None => format!(
            "unknown symptom `{shown}`; expected `none`, a symptom ({}) or a warning sign ({})",
            Symptom::allowed(),
            RedFlag::allowed()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Pattern;
    use time::macros::date;

    /// A tiny valid library: one root per pattern, with a squat (reps), a plank (seconds) and a
    /// carry (metres) among them.
    fn library() -> Library {
        let mut text = String::from("version = \"test\"\n");
        for pattern in Pattern::ALL {
            let (id, dose) = match pattern {
                Pattern::Squat => ("bodyweight_squat", "reps"),
                Pattern::Core => ("plank", "seconds"),
                Pattern::Carry => ("suitcase_carry", "distance"),
                Pattern::Glutes => ("glute_bridge", "reps"),
                _ => (pattern.as_str(), "reps"),
            };
            text.push_str(&format!(
                r#"
[[exercise]]
id = "{id}"
name = "{id}"
pattern = "{pattern}"
focus = ["legs"]
equipment = ["bodyweight"]
impact = "none"
pressure = "low"
level = 1
earliest_weeks = 0
earliest_weeks_caesarean = 0
dose = "{dose}"
range = [8, 12]
cues = ["Exhale on the effort", "Stay tall"]
"#,
                pattern = pattern.as_str()
            ));
        }
        Library::parse(&text).unwrap()
    }

    fn csv(text: &str) -> Result<TrainingLog, LogError> {
        TrainingLog::parse(text, LogFormat::Csv, &library())
    }

    fn json(text: &str) -> Result<TrainingLog, LogError> {
        TrainingLog::parse(text, LogFormat::Json, &library())
    }

    fn csv_err(text: &str) -> LogError {
        csv(text).unwrap_err()
    }

    fn json_err(text: &str) -> LogError {
        json(text).unwrap_err()
    }

    #[test]
    fn formats_come_from_file_names() {
        assert_eq!(LogFormat::from_file_name("log.csv"), Some(LogFormat::Csv));
        assert_eq!(LogFormat::from_file_name("A.JSON"), Some(LogFormat::Json));
        assert_eq!(LogFormat::from_file_name("log.toml"), None);
        assert_eq!(LogFormat::from_file_name("csv"), None);
    }

    #[test]
    fn a_good_csv_log_is_read_and_sorted() {
        let log = csv("\
# my log
Date, Exercise ,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after

2026-11-26,plank,2,30,,,7,urinary_leakage,pelvic_heaviness
2026-11-24,bodyweight_squat,3,10/10/8,10,4.5,6,none,
2026-11-24,glute_bridge,2,12,12,0,,,
")
        .unwrap();
        assert_eq!(log.entries.len(), 3);
        assert_eq!(log.last_date(), Some(date!(2026 - 11 - 26)));
        assert!(!log.is_empty());
        let squat = &log.entries[0];
        assert_eq!(squat.line, 5);
        assert_eq!(squat.date, date!(2026 - 11 - 24));
        assert_eq!(squat.exercise, "bodyweight_squat");
        assert_eq!(squat.sets, 3);
        assert_eq!(squat.reps, vec![10, 10, 8]);
        assert_eq!(squat.target_reps, Some(10));
        assert_eq!(squat.load_kg, Some(4.5));
        assert_eq!(squat.rpe, Some(6));
        assert!(!squat.has_symptoms());
        let bridge = &log.entries[1];
        assert_eq!(bridge.line, 6);
        assert_eq!(bridge.reps, vec![12, 12]);
        assert_eq!(bridge.load_kg, None, "0 kg is bodyweight");
        assert_eq!(bridge.rpe, None);
        let plank = &log.entries[2];
        assert_eq!(plank.line, 4);
        assert_eq!(plank.reps, vec![30, 30]);
        assert_eq!(plank.symptoms_during, vec![Symptom::UrinaryLeakage]);
        assert_eq!(plank.symptoms_after, vec![Symptom::PelvicHeaviness]);
        assert!(plank.red_flags.is_empty());
        assert!(plank.has_symptoms());
    }

    #[test]
    fn a_header_only_log_is_empty() {
        let log = csv("date,exercise,sets,reps\n").unwrap();
        assert!(log.is_empty());
        assert_eq!(log.last_date(), None);
        assert!(json("[]").unwrap().is_empty());
    }

    #[test]
    fn a_good_json_log_is_read() {
        let log = json(
            r#"[
              {"date": "2026-11-26", "exercise": "suitcase_carry", "sets": 2, "reps": [20, 15],
               "load_kg": 8, "rpe": null, "symptoms": ["low_back_pain"],
               "symptoms_after": ["fever", "perineal_pain"]},
              {"date": "2026-11-25", "exercise": "plank", "sets": 3, "reps": 20,
               "target_reps": 30, "symptoms_during": []}
            ]"#,
        )
        .unwrap();
        assert_eq!(log.entries.len(), 2);
        let plank = &log.entries[0];
        assert_eq!(plank.line, 2);
        assert_eq!(plank.reps, vec![20, 20, 20]);
        assert_eq!(plank.target_reps, Some(30));
        assert_eq!(plank.load_kg, None);
        let carry = &log.entries[1];
        assert_eq!(carry.line, 1);
        assert_eq!(carry.reps, vec![20, 15]);
        assert_eq!(carry.load_kg, Some(8.0));
        assert_eq!(carry.rpe, None);
        assert_eq!(carry.symptoms_during, vec![Symptom::LowBackPain]);
        assert_eq!(carry.symptoms_after, vec![Symptom::PerinealPain]);
        assert_eq!(carry.red_flags, vec![RedFlag::Fever]);
        // The entry serialises with an ISO date.
        let out = serde_json::to_value(carry).unwrap();
        assert_eq!(out["date"], "2026-11-26");
        assert_eq!(out["red_flags"][0], "fever");
    }

    #[test]
    fn semicolon_csv_with_a_decimal_comma_and_a_bom() {
        let log = csv("\u{feff}DATE;exercise;sets;reps;load_kg;symptoms\r\n\
                       2026-11-24;bodyweight_squat;3;10;2,5;urinary_leakage|low_back_pain\r\n")
        .unwrap();
        let e = &log.entries[0];
        assert_eq!(e.line, 2);
        assert_eq!(e.load_kg, Some(2.5));
        assert_eq!(
            e.symptoms_during,
            vec![Symptom::UrinaryLeakage, Symptom::LowBackPain]
        );
        // A decimal comma is not accepted in a comma-separated file (it would be a new field),
        // and a quoted one is refused with the example.
        let err = csv_err("date,exercise,sets,reps,load_kg\n2026-11-24,plank,1,10,\"2,5\"\n");
        assert_eq!(err.field, "load_kg");
        assert!(err.message.contains("`2.5`"), "{err}");
    }

    #[test]
    fn a_bom_before_a_comma_header_is_stripped() {
        let log = csv("\u{feff}date,exercise,sets,reps\n2026-11-24,plank,1,45\n").unwrap();
        assert_eq!(log.entries[0].reps, vec![45]);
    }

    #[test]
    fn symptoms_split_on_spaces_pipes_and_semicolons_and_red_flags_are_collected() {
        let log = csv("\
date,exercise,sets,reps,symptoms,symptoms_after
2026-11-24,plank,1,20,urinary_leakage heavy_bleeding;urinary_leakage,chest_pain | HEAVY_BLEEDING
")
        .unwrap();
        let e = &log.entries[0];
        assert_eq!(e.symptoms_during, vec![Symptom::UrinaryLeakage]);
        assert!(e.symptoms_after.is_empty());
        assert_eq!(
            e.red_flags,
            vec![RedFlag::HeavyBleeding, RedFlag::ChestPain]
        );
    }

    #[test]
    fn errors_name_the_line_and_field() {
        let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
        let row = |cells: &str| csv_err(&format!("{head}{cells}\n"));

        let e = row("2026-11-24,plank,1,20,,,11,,");
        assert_eq!(
            e.to_string(),
            "log line 2, `rpe`: expected a whole number from 1 to 10, got `11`"
        );
        assert_eq!(e.line, Some(2));

        let e = row("2026-02-30,plank,1,20,,,,,");
        assert_eq!(e.field, "date");
        assert!(e.message.contains("not a real calendar date"), "{e}");
        assert!(
            row("24/11/2026,plank,1,20,,,,,")
                .message
                .contains("YYYY-MM-DD")
        );
        assert!(
            row("1900-01-01,plank,1,20,,,,,")
                .message
                .contains("out of range")
        );
        assert_eq!(
            row(",plank,1,20,,,,,").message,
            "missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
        );

        let e = row("2026-11-24,plnk,1,20,,,,,");
        assert_eq!(
            e.to_string(),
            "log line 2, `exercise`: unknown exercise `plnk`; did you mean `plank`?"
        );
        let e = row("2026-11-24,deadlift_with_a_barbell,1,20,,,,,");
        assert_eq!(
            e.message,
            "unknown exercise `deadlift_with_a_barbell`; see `mumstrong exercises` for the ids"
        );

        assert_eq!(
            row("2026-11-24,plank,0,20,,,,,").message,
            "expected a whole number from 1 to 20, got `0`"
        );
        assert_eq!(row("2026-11-24,plank,21,20,,,,,").field, "sets");
        assert_eq!(row("2026-11-24,plank,two,20,,,,,").field, "sets");

        assert_eq!(
            row("2026-11-24,plank,3,10/10,,,,,").message,
            "expected 3 numbers separated by `/` (one for each set, as `sets` says), got 2"
        );
        assert_eq!(
            row("2026-11-24,plank,2,10/x,,,,,").message,
            "set 2: expected a whole number from 0 to 1000, got `x`"
        );
        assert_eq!(row("2026-11-24,plank,1,1001,,,,,").field, "reps");
        assert_eq!(row("2026-11-24,plank,1,-1,,,,,").field, "reps");
        assert_eq!(
            row("2026-11-24,plank,1,,,,,,").message.split(';').next(),
            Some("missing")
        );

        assert_eq!(row("2026-11-24,plank,1,20,0,,,,").field, "target_reps");
        assert_eq!(row("2026-11-24,plank,1,20,,301,,,").field, "load_kg");
        assert_eq!(row("2026-11-24,plank,1,20,,-2,,,").field, "load_kg");
        assert_eq!(row("2026-11-24,plank,1,20,,NaN,,,").field, "load_kg");
        assert_eq!(row("2026-11-24,plank,1,20,,,0,,").field, "rpe");
        assert_eq!(row("2026-11-24,plank,1,20,,,7.5,,").field, "rpe");

        let e = row("2026-11-24,plank,1,20,,,,leaky,");
        assert_eq!(e.field, "symptoms");
        assert!(
            e.message
                .starts_with("unknown symptom `leaky`; expected `none`, a symptom"),
            "{e}"
        );
        let e = row("2026-11-24,plank,1,20,,,,,urinary_leakge");
        assert_eq!(
            e.to_string(),
            "log line 2, `symptoms_after`: unknown symptom `urinary_leakge`; did you mean \
             `urinary_leakage`?"
        );
        assert!(
            row("2026-11-24,plank,1,20,,,,none fever,")
                .message
                .contains("`none` cannot")
        );
    }

    #[test]
    fn shape_errors_name_columns_and_lines() {
        let e = csv_err("date,exercise,sets,reps,weight\n");
        assert_eq!(e.line, Some(1));
        assert_eq!(e.field, "weight");
        assert!(
            e.message
                .starts_with("unknown column `weight`; expected one of `date`"),
            "{e}"
        );
        assert!(e.message.contains("`symptoms_after`"));

        let e = csv_err("# comment\ndate,exercise\n");
        assert_eq!(
            e.to_string(),
            "log line 2, `header`: missing columns `sets` and `reps`; every log needs `date`, \
             `exercise`, `sets` and `reps`"
        );

        let e = csv_err("date,exercise,sets,reps\n2026-11-24,plank,1\n");
        assert_eq!(e.line, Some(2));
        assert_eq!(e.field, "row");
        assert!(e.message.starts_with("expected 4 fields"), "{e}");

        let e = csv_err("date,exercise,sets,reps,symptoms,symptoms_during\n");
        assert_eq!(e.field, "symptoms_during");
        assert!(
            csv_err("date,exercise,sets,reps,sets\n")
                .message
                .contains("twice")
        );
        assert!(csv_err("date,,sets,reps\n").message.contains("no name"));

        let e = csv_err("");
        assert_eq!(e.line, None);
        assert_eq!(e.field, "header");
        assert!(
            e.to_string()
                .starts_with("log, `header`: expected a header row")
        );
        assert_eq!(csv_err("# only\n\n   \n").field, "header");
    }

    #[test]
    fn line_numbers_count_comments_and_blank_lines() {
        let err = csv_err(
            "# a\n\ndate,exercise,sets,reps\n# b\n\n2026-11-24,plank,1,20\n2026-11-24,plank,x,20\n",
        );
        assert_eq!(err.line, Some(7));
        // CRLF endings, a whitespace-only line, a comment and a quoted field spanning two lines.
        let text = "date,exercise,sets,reps,symptoms\r\n\
                    2026-11-24,plank,1,20,\"fever\r\nchest_pain\"\r\n\
                    \x20\x20\r\n\
                    # note\r\n\
                    2026-11-25,plank,1,20,\r\n\
                    2026-11-26,plank,1,x,\r\n";
        let err = csv_err(text);
        assert_eq!(err.line, Some(7), "{err}");
        let ok = text.rsplit_once("2026-11-26").unwrap().0;
        let log = csv(ok).unwrap();
        let lines: Vec<usize> = log.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 6]);
        assert_eq!(
            log.entries[0].red_flags,
            vec![RedFlag::Fever, RedFlag::ChestPain]
        );
    }

    #[test]
    fn json_errors_name_the_entry_and_key() {
        let good = r#""date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20"#;
        let entry = |extra: &str| json_err(&format!("[{{{good}}}, {{{good}{extra}}}]"));

        let e = entry(r#", "rpe": "hard""#);
        assert_eq!(
            e.to_string(),
            "log line 2, `rpe`: expected a whole number from 1 to 10, got `\"hard\"`"
        );
        let e = entry(r#", "weight": 3"#);
        assert_eq!(e.field, "weight");
        assert!(
            e.message
                .starts_with("unknown key `weight`; expected one of"),
            "{e}"
        );
        assert_eq!(entry(r#", "symptoms": "fever""#).field, "symptoms");
        assert_eq!(entry(r#", "symptoms_after": [3]"#).field, "symptoms_after");
        assert!(
            entry(r#", "symptoms": [], "symptoms_during": []"#)
                .message
                .contains("same key")
        );
        assert_eq!(entry(r#", "load_kg": "8""#).field, "load_kg");
        assert_eq!(entry(r#", "target_reps": 2.5"#).field, "target_reps");

        let e =
            json_err(r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 2, "reps": [1]}]"#);
        assert_eq!(e.line, Some(1));
        assert_eq!(e.field, "reps");
        assert!(e.message.contains("numbers in the list"), "{e}");
        assert_eq!(
            json_err(r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": "10"}]"#)
                .field,
            "reps"
        );
        assert_eq!(
            json_err(r#"[{"date": 20261124, "exercise": "plank", "sets": 1, "reps": 1}]"#).field,
            "date"
        );
        assert_eq!(
            json_err(r#"[{"exercise": "plank", "sets": 1, "reps": 1}]"#).message,
            "missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
        );
        assert_eq!(json_err("[1]").field, "entry");
        assert_eq!(json_err("{}").field, "file");
        let e = json_err("[\n{\"date\": }\n]");
        assert_eq!((e.line, e.field.as_str()), (Some(2), "file"));
    }

    #[test]
    fn limits_are_errors_not_panics() {
        let big = "#".repeat(MAX_LOG_BYTES + 1);
        let e = csv_err(&big);
        assert_eq!((e.line, e.field.as_str()), (None, "file"));
        assert_eq!(json_err(&big).field, "file");

        let mut text = String::from("date,exercise,sets,reps\n");
        for _ in 0..=MAX_LOG_ENTRIES {
            text.push_str("2026-11-24,plank,1,20\n");
        }
        let e = csv_err(&text);
        assert_eq!(e.line, Some(MAX_LOG_ENTRIES + 2));
        assert!(e.message.contains("at most 20000 entries"), "{e}");

        let one = r#"{"date":"2026-11-24","exercise":"plank","sets":1,"reps":1}"#;
        let items = vec![one; MAX_LOG_ENTRIES + 1].join(",");
        assert!(json_err(&format!("[{items}]")).message.contains("at most"));

        // Deep nesting stops at serde_json's recursion limit.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(json_err(&deep).field, "file");
    }

    #[test]
    fn rows_of_only_delimiters_are_skipped_like_blank_lines() {
        let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
        let log = csv(&format!(
            ",,,,,,,,\n{head},,,,,,,,\n , ,\t,,  ,,,,\n,,\n2026-11-24,plank,1,20,,,,,\n,,,,,,,,\n\
             2026-11-24,plank,1,x,,,,,\n"
        ));
        let err = log.unwrap_err();
        assert_eq!((err.line, err.field.as_str()), (Some(8), "reps"), "{err}");
        let log = csv(&format!(
            "{head},,,,,,,,\n2026-11-24,plank,1,20,,,,,\n,,,,,,,,\n"
        ))
        .unwrap();
        assert_eq!(log.entries.len(), 1);
        assert_eq!(log.entries[0].line, 3);
        let log = csv("date;exercise;sets;reps\n;;;\n2026-11-24;plank;1;20\n ; ; ; \n").unwrap();
        assert_eq!(log.entries[0].line, 3);
        // A row with something in it is still checked.
        assert_eq!(
            csv_err(&format!("{head},,,,,,7,,\n")).to_string(),
            "log line 2, `date`: missing; expected a date as YYYY-MM-DD, e.g. 2026-11-24"
        );
    }

    #[test]
    fn an_unclosed_quote_is_named() {
        let head = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n";
        let e = csv_err(&format!(
            "{head}2026-11-19,plank,1,20,,,,,\n2026-11-20,\"pause_squat,3,10\n2026-11-21,plank,1,20,,,,,\n"
        ));
        assert_eq!((e.line, e.field.as_str()), (Some(3), "row"), "{e}");
        assert!(
            e.message
                .starts_with("there is an opening `\"` without a closing one"),
            "{e}"
        );
        // Also in the last field of the last line, where the field count would be right.
        let e = csv_err("date,exercise,sets,reps,symptoms\n2026-11-24,plank,1,20,\"fever");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("opening `\"`"), "{e}");
        // In the header, and after a quoted field spanning lines.
        let e = csv_err("date,\"exercise,sets,reps\n2026-11-24,plank,1,20\n");
        assert_eq!((e.line, e.field.as_str()), (Some(1), "header"), "{e}");
        let e = csv_err(
            "date,exercise,sets,reps,symptoms\n2026-11-24,plank,1,20,\"fever\nchest_pain\",\"x\n",
        );
        assert_eq!(e.line, Some(3), "{e}");
        // A quote closed only by a later row's quote: the field count error says so.
        let e = csv_err(
            "date,exercise,sets,reps\n2026-11-20,\"pause_squat,3,10\n2026-11-21,plank,1,\"20\"\n",
        );
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.starts_with("expected 4 fields"), "{e}");
        assert!(
            e.message
                .contains("the `\"` opened on line 2 is closed only on line 3"),
            "{e}"
        );
        // Balanced quotes, escaped quotes and a quote inside a field are fine.
        let log = csv(
            "date,exercise,sets,reps,symptoms\n\"2026-11-24\",\"plank\",1,\"20\",\"fever\"\"\"\n",
        );
        assert_eq!(log.unwrap_err().field, "symptoms");
        let log = csv("date,exercise,sets,reps\n\"2026-11-24\",\"plank\",1,\"20\"\n").unwrap();
        assert_eq!(log.entries[0].reps, vec![20]);
        let e = csv_err("date,exercise,sets,reps\n2026-11-24,plank\",1,20\n");
        assert_eq!(e.field, "exercise", "{e}");
    }

    #[test]
    fn tab_separated_logs_are_read_with_or_without_a_bom() {
        for bom in ["", "\u{feff}"] {
            let log = csv(&format!(
                "{bom}# exported\n\n\t\t\t\t\t\nDate\texercise\tsets\treps\tload_kg\tsymptoms\r\n\
                 2026-11-24\tbodyweight_squat\t3\t10/10/8\t2,5\turinary_leakage, low_back_pain\r\n\
                 \t\t\t\t\t\r\n2026-11-25\tplank\t1\t30\t\t\r\n"
            ))
            .unwrap();
            assert_eq!(log.entries.len(), 2);
            let squat = &log.entries[0];
            assert_eq!(squat.line, 5);
            assert_eq!(squat.reps, vec![10, 10, 8]);
            assert_eq!(squat.load_kg, Some(2.5));
            assert_eq!(
                squat.symptoms_during,
                vec![Symptom::UrinaryLeakage, Symptom::LowBackPain]
            );
            assert_eq!(log.entries[1].line, 7);
        }
        let e = csv_err("\u{feff}date\texercise\tsets\treps\n2026-11-24\tplank\t1\n");
        assert_eq!(
            e.to_string(),
            "log line 2, `row`: expected 4 fields, as in the header (date exercise sets reps, \
             separated by tabs), got 3"
        );
        // Tabs mixed with commas get a hint instead of a bare unknown column.
        let e = csv_err("date,exercise\tsets\treps\n");
        assert!(e.message.contains("mixes tabs with `,` or `;`"), "{e}");
    }

    #[test]
    fn a_repeated_json_key_is_refused() {
        let e = json(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20},
                {"date": "2026-11-24", "exercise": "plank", "date": "2026-11-25", "sets": 1,
                 "reps": 20}]"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "log line 2, `date`: appears twice in this entry"
        );
        let e = json_err(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20, "reps": 20}]"#,
        );
        assert_eq!((e.line, e.field.as_str()), (Some(1), "reps"));
        assert_eq!(e.message, "appears twice in this entry");
        // The alias pair keeps its own message; repeats deeper down are not entries' keys.
        let e = json_err(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20,
                 "symptoms_during": [], "symptoms": []}]"#,
        );
        assert!(e.message.contains("same key"), "{e}");
        let e = json_err(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1,
                 "reps": {"a": 1, "a": 2}}]"#,
        );
        assert_eq!(e.field, "reps");
        assert!(e.message.contains(r#"got `{"a":2}`"#), "{e}");
    }

    #[test]
    fn a_json_key_in_the_wrong_case_gets_a_hint() {
        let e = json_err(r#"[{"Date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20}]"#);
        assert_eq!(
            e.to_string(),
            "log line 1, `Date`: unknown key `Date`; write it as `date` (keys are lowercase)"
        );
        let e = json_err(
            r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20,
                 "SYMPTOMS_After": []}]"#,
        );
        assert!(
            e.message
                .ends_with("write it as `symptoms_after` (keys are lowercase)"),
            "{e}"
        );
        // Keys stay case-sensitive, and other unknown keys keep the list.
        assert!(
            json_err(r#"[{"date": "2026-11-24", "exercise": "plank", "sets": 1, "reps": 20, "Weight": 1}]"#)
                .message
                .starts_with("unknown key `Weight`; expected one of")
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in ".*") {
            let library = library();
            let _ = TrainingLog::parse(&text, LogFormat::Csv, &library);
            let _ = TrainingLog::parse(&text, LogFormat::Json, &library);
        }

        #[test]
        fn csv_like_text_never_panics(
            body in "(date|exercise|sets|reps|rpe|load_kg|symptoms|plank|fever|2026-11-24|[0-9]{1,4}|[,;/|#\" \n\r.-])*"
        ) {
            let library = library();
            let text = format!("date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms\n{body}");
            let _ = TrainingLog::parse(&text, LogFormat::Csv, &library);
            let _ = TrainingLog::parse(&body, LogFormat::Csv, &library);
        }

        #[test]
        fn json_like_text_never_panics(
            body in r#"(\{|\}|\[|\]|"date"|"reps"|"sets"|"exercise"|"plank"|"2026-11-24"|:|,|null|-?[0-9]{1,5}(\.[0-9])?)*"#
        ) {
            let library = library();
            let _ = TrainingLog::parse(&format!("[{body}]"), LogFormat::Json, &library);
        }
    }
}
