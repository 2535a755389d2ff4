//! Reading CSV records with the `csv` crate (quotes, `""`, `\n`, `\r\n` and `\r` line ends),
//! knowing the physical line each record starts on, and naming an unclosed quote where it opens
//! instead of reading the rest of the file as one field.

use ::csv::{Reader, ReaderBuilder, StringRecord};

use super::columns::column_name;
use super::format::location;
use super::{ImportError, ImportErrorKind};

/// The non-blank records of a CSV text (without BOM), each with the 1-based line it starts on.
///
/// Lines are counted as an editor shows them: `\n`, `\r\n` and a lone `\r` each end one, but a
/// lone `\r` inside a quoted value does not (it is part of the value).
pub(super) struct Records<'a> {
    text: &'a str,
    delimiter: u8,
    reader: Reader<&'a [u8]>,
    record: StringRecord,
    /// Where the last record read starts (after the blank lines `csv` skips before it).
    start: usize,
    /// The line it starts on.
    line: usize,
    /// Lone `\r`s inside its quoted values: counted by [`line_breaks`], yet no line ends.
    quoted_crs: usize,
    /// Whether the text holds a `\r` at all; without one, `csv` counts the lines.
    has_cr: bool,
}

impl<'a> Records<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        Records {
            text,
            delimiter,
            reader: reader(delimiter, text.as_bytes()),
            record: StringRecord::new(),
            start: 0,
            line: 1,
            quoted_crs: 0,
            has_cr: text.as_bytes().contains(&b'\r'),
        }
    }

    /// The fields of the record last read, as written (unquoted, not trimmed).
    pub(super) fn fields(&self) -> &StringRecord {
        &self.record
    }

    /// Reads the next record that is not blank (only spaces and delimiters) into
    /// [`fields`](Self::fields); returns its line, or `None` at the end of the text.
    ///
    /// # Errors
    /// A quote opened and never closed, at its line and column (`names`, the header; `None`
    /// while reading the header itself).
    pub(super) fn next(&mut self, names: Option<&[String]>) -> Result<Option<usize>, ImportError> {
        loop {
            let from = self.byte();
            let line_before = usize::try_from(self.reader.position().line()).unwrap_or(usize::MAX);
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                // The input is a `str` and records may differ in length: not expected.
                Err(e) => {
                    return Err(location(Some(self.line), "file").error(
                        ImportErrorKind::Shape,
                        format!("could not be read as CSV: {e}"),
                    ));
                }
            }
            let bytes = self.text.as_bytes();
            let skipped = bytes[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            let start = from + skipped;
            if self.has_cr {
                let breaks = line_breaks(bytes, self.start, start);
                self.line += breaks.saturating_sub(self.quoted_crs);
                self.quoted_crs = self
                    .record
                    .iter()
                    .map(|f| lone_crs(f.as_bytes(), 0, f.len()))
                    .sum();
            } else {
                // Without `\r`, lines are `csv`'s count of `\n`s (here, before the blank lines).
                self.line = line_before.saturating_add(skipped);
            }
            self.start = start;
            // An unclosed quote runs to the end of the text: only the last record can hold one.
            if self.byte() >= self.text.len() && ends_in_quotes(&self.text[start..], self.delimiter)
            {
                return Err(self.unclosed(names));
            }
            if !self.record.iter().all(|f| f.trim().is_empty()) {
                return Ok(Some(self.line));
            }
        }
    }

    /// How far `csv` has read, in bytes of the text.
    fn byte(&self) -> usize {
        usize::try_from(self.reader.position().byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len())
    }

    /// The error for the record last read, whose last field is a quote never closed: named at
    /// the line the quote opens on (the line breaks of the record before that field).
    fn unclosed(&self, names: Option<&[String]>) -> ImportError {
        let field = self.record.len().saturating_sub(1);
        let newlines = |s: &str| s.bytes().filter(|&b| b == b'\n').count();
        let inside = self.record.get(field).map_or(0, newlines);
        let line = self.line + newlines(&self.text[self.start..]).saturating_sub(inside);
        let column = match names {
            None => "header",
            Some(names) => column_name(names, Some(field)),
        };
        location(Some(line), column).error(
            ImportErrorKind::Shape,
            "there is an opening `\"` without a closing one, so the rest of the file would be read \
             as one field; add the closing `\"` or remove the opening one",
        )
    }
}

/// Every record as it is, lengths free (a row's length is checked against the header by the
/// caller, with its own message).
fn reader(delimiter: u8, bytes: &[u8]) -> Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// Line ends in `bytes[from..to]`: every `\n`, and every `\r` not followed by `\n`.
fn line_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    let newlines: usize = bytes[from..to]
        .iter()
        .map(|&b| usize::from(b == b'\n'))
        .sum();
    newlines + lone_crs(bytes, from, to)
}

/// The `\r`s in `bytes[from..to]` not followed by `\n` (looking past `to`).
fn lone_crs(bytes: &[u8], from: usize, to: usize) -> usize {
    if !bytes[from..to].contains(&b'\r') {
        return 0;
    }
    (from..to)
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

/// Whether the text from a record's start to the end leaves a quote open. `csv` reads an
/// unclosed quote as a field running to the end; a line break and a quote appended start a
/// second record after a closed one, but only lengthen the field of an open one.
fn ends_in_quotes(rest: &str, delimiter: u8) -> bool {
    let probe = format!("{rest}\n\"");
    let mut reader = reader(delimiter, probe.as_bytes());
    let mut record = StringRecord::new();
    let mut records = 0;
    while let Ok(true) = reader.read_record(&mut record) {
        records += 1;
    }
    records == 1
}

/// The delimiter of the first non-blank line: the most frequent of `,`, `;` and tab outside
/// quotes (`,` on a tie or when there is none).
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let mut best = 0;
    for (i, count) in counts.iter().enumerate() {
        if *count > counts[best] {
            best = i;
        }
    }
    delimiters[best]
}

/// The header record: its line and its cells, trimmed.
///
/// # Errors
/// No header (only blank lines), or an unclosed quote in it.
pub(super) fn header(records: &mut Records<'_>) -> Result<(usize, Vec<String>), ImportError> {
    match records.next(None)? {
        Some(line) => Ok((
            line,
            records
                .fields()
                .iter()
                .map(|f| f.trim().to_owned())
                .collect(),
        )),
        None => Err(location(None, "header").error(
            ImportErrorKind::Empty,
            "expected a header row naming the columns",
        )),
    }
}

/// The header of a text without BOM, read on its own (for [`detect`](super::detect)).
pub(super) fn read_header(text: &str) -> Result<(usize, Vec<String>), ImportError> {
    header(&mut Records::new(text, sniff_delimiter(text)))
}
