//! Reading a CSV log (commas, semicolons or tabs; comments and blank rows skipped).

use super::check::check_entry;
use super::raw::{Cell, RawEntry, allowed_columns, canonical, list_all, too_many, unknown_column};
use super::{COLUMNS, LogEntry, LogError, MAX_LOG_ENTRIES, REQUIRED_COLUMNS};
use crate::library::Library;
use crate::profile::{MAX_ECHO_CHARS, shorten};

pub(super) fn parse_csv(text: &str, library: &Library) -> Result<Vec<LogEntry>, LogError> {
    let delimiter = sniff_delimiter(text);
    // Where `,` does not separate fields, it can be a decimal comma (`2,5` kg).
    let decimal_comma = delimiter != b',';
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut records = reader.records();
    let (header, header_line) = read_header(&mut records, &mut lines, delimiter)?;
    let columns = check_columns(&header, Some(header_line))?;
    let rows = Rows {
        columns: &columns,
        delimiter,
        decimal_comma,
    };
    rows.read(records, &mut lines, library)
}

/// The delimiter, from the header: the first line that is not blank, a comment or only
/// delimiters (as spreadsheets export empty rows). A BOM was stripped by the caller.
fn sniff_delimiter(text: &str) -> u8 {
    let header_line = text
        .lines()
        .find(|l| {
            !l.starts_with('#')
                && l.chars()
                    .any(|c| !matches!(c, ',' | ';') && !c.is_whitespace())
        })
        .unwrap_or_default();
    if header_line.contains(',') {
        b','
    } else if header_line.contains(';') {
        b';'
    } else if header_line.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

fn csv_error(e: csv::Error) -> LogError {
    LogError::new(None, "file", format!("not readable as CSV: {e}"))
}

/// A blank line, or a row of only delimiters and spaces (`,,,,`, as spreadsheets export empty
/// rows), holds nothing and is skipped.
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// The header: the first record that is not blank or a comment, with its line.
fn read_header(
    records: &mut csv::StringRecordsIter<'_, &[u8]>,
    lines: &mut LineCounter<'_>,
    delimiter: u8,
) -> Result<(csv::StringRecord, usize), LogError> {
    loop {
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
                    return Ok((record, line));
                }
            }
        }
    }
}

/// The header's column names, lowercased: each known, named once, the required ones there.
fn check_columns(
    header: &csv::StringRecord,
    header_line_no: Option<usize>,
) -> Result<Vec<String>, LogError> {
    let mut columns: Vec<String> = Vec::with_capacity(header.len());
    for name in header.iter() {
        let name = name.trim().to_lowercase();
        check_column(&columns, &name, header_line_no)?;
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
    Ok(columns)
}

/// One header name (lowercased), after the `columns` before it: named, known and not a repeat.
fn check_column(
    columns: &[String],
    name: &str,
    header_line_no: Option<usize>,
) -> Result<(), LogError> {
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
    if !COLUMNS.contains(&name) {
        let mut err = unknown_column(header_line_no, name, "column");
        if name.contains('\t') {
            err.message = format!(
                "unknown column `{}`; the header mixes tabs with `,` or `;`: separate the \
                 columns with only one of them",
                shorten(name, MAX_ECHO_CHARS)
            );
        }
        return Err(err);
    }
    if columns.iter().any(|c| canonical(c) == canonical(name)) {
        let message = if canonical(name) == "symptoms" {
            "appears twice; `symptoms` and `symptoms_during` are the same column".to_owned()
        } else {
            "appears twice; expected each column once".to_owned()
        };
        return Err(LogError::new(header_line_no, name, message));
    }
    Ok(())
}

/// The rows after the header, read against its columns.
struct Rows<'c> {
    columns: &'c [String],
    delimiter: u8,
    decimal_comma: bool,
}

impl Rows<'_> {
    /// Checks every row that is not blank and builds its entry.
    fn read(
        &self,
        records: csv::StringRecordsIter<'_, &[u8]>,
        lines: &mut LineCounter<'_>,
        library: &Library,
    ) -> Result<Vec<LogEntry>, LogError> {
        let mut entries = Vec::new();
        for record in records {
            let record = record.map_err(csv_error)?;
            let line = lines.line_of(&record);
            let quotes = lines.check_quotes(self.delimiter, "row")?;
            if is_blank(&record) {
                continue;
            }
            if record.len() != self.columns.len() {
                return Err(self.wrong_field_count(line, record.len(), quotes));
            }
            if entries.len() >= MAX_LOG_ENTRIES {
                return Err(too_many(line));
            }
            let mut raw = RawEntry::default();
            for (column, value) in self.columns.iter().zip(record.iter()) {
                if let Some(slot) = raw.slot(column) {
                    *slot = Some(Cell::Text(value));
                }
            }
            entries.push(check_entry(line, &raw, library, self.decimal_comma)?);
        }
        Ok(entries)
    }

    /// A row with more or fewer fields than the header, with a hint when a quote spans lines.
    fn wrong_field_count(
        &self,
        line: usize,
        got: usize,
        quotes: Option<(usize, usize)>,
    ) -> LogError {
        let header_shown = if self.delimiter == b'\t' {
            format!("{}, separated by tabs", self.columns.join(" "))
        } else {
            self.columns.join(&char::from(self.delimiter).to_string())
        };
        let hint = match quotes {
            Some((open, close)) => format!(
                "; the `\"` opened on line {open} is closed only on line {close}: is a \
                 closing `\"` missing on line {open}?"
            ),
            None => String::new(),
        };
        LogError::new(
            Some(line),
            "row",
            format!(
                "expected {} fields, as in the header ({header_shown}), got {got}{hint}",
                self.columns.len(),
            ),
        )
    }
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
