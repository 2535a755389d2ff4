//! Reading CSV records, knowing the physical line each starts on.

use std::borrow::Cow;

use super::{ImportError, ImportErrorKind};

/// A small CSV reader that knows the physical line every record starts on: quoted fields
/// (with `""` for a quote) may span lines, `\n`, `\r\n` and `\r` end records, and an unclosed
/// quote is reported at the line it opened instead of swallowing the rest of the file.
pub(super) struct CsvReader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

/// An opening quote without a closing one, on this line, in this (0-based) field.
pub(super) struct Unclosed {
    pub(super) line: usize,
    pub(super) field: usize,
}

impl<'a> CsvReader<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        CsvReader {
            text,
            pos: 0,
            line: 1,
            delimiter,
        }
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        // Cuts fall on ASCII bytes (quote, delimiter, line end), always char boundaries.
        self.text.get(from..to).unwrap_or_default()
    }

    /// Reads the next record into `fields`; returns the line it started on, or `None` at the
    /// end of the text.
    pub(super) fn next_record(
        &mut self,
        fields: &mut Vec<Cow<'a, str>>,
    ) -> Option<Result<usize, Unclosed>> {
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        fields.clear();
        let start_line = self.line;
        loop {
            let value = if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                self.pos += 1;
                let mut owned: Option<String> = None;
                let mut segment = self.pos;
                let end = loop {
                    match bytes.get(self.pos) {
                        None => {
                            return Some(Err(Unclosed {
                                line: open_line,
                                field: fields.len(),
                            }));
                        }
                        Some(b'"') if bytes.get(self.pos + 1) == Some(&b'"') => {
                            owned
                                .get_or_insert_with(String::new)
                                .push_str(self.slice(segment, self.pos + 1));
                            self.pos += 2;
                            segment = self.pos;
                        }
                        Some(b'"') => {
                            let end = self.pos;
                            self.pos += 1;
                            break end;
                        }
                        Some(b'\n') => {
                            self.line += 1;
                            self.pos += 1;
                        }
                        Some(_) => self.pos += 1,
                    }
                };
                let quoted = self.slice(segment, end);
                // Anything between the closing quote and the delimiter is kept, as spreadsheets
                // do, rather than refused.
                let after = self.pos;
                while let Some(&b) = bytes.get(self.pos) {
                    if b == self.delimiter || b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                let tail = self.slice(after, self.pos);
                match owned {
                    None if tail.is_empty() => Cow::Borrowed(quoted),
                    owned => {
                        let mut s = owned.unwrap_or_default();
                        s.push_str(quoted);
                        s.push_str(tail);
                        Cow::Owned(s)
                    }
                }
            } else {
                let from = self.pos;
                while let Some(&b) = bytes.get(self.pos) {
                    if b == self.delimiter || b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                Cow::Borrowed(self.slice(from, self.pos))
            };
            fields.push(value);
            match bytes.get(self.pos) {
                None => return Some(Ok(start_line)),
                Some(&b) if b == self.delimiter => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    return Some(Ok(start_line));
                }
                Some(_) => {
                    // `\n`
                    self.pos += 1;
                    self.line += 1;
                    return Some(Ok(start_line));
                }
            }
        }
    }
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

pub(super) fn is_blank(fields: &[Cow<'_, str>]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

pub(super) fn unclosed(unclosed: &Unclosed, names: Option<&[String]>) -> ImportError {
    let column = match names {
        None => "header",
        Some(names) => names.get(unclosed.field).map_or("row", |s| s.as_str()),
    };
    ImportError::new(
        ImportErrorKind::Shape,
        Some(unclosed.line),
        column,
        "there is an opening `\"` without a closing one, so the rest of the file would be read \
         as one field; add the closing `\"` or remove the opening one",
    )
}

/// The header record (its line and its cells, trimmed) of a text without BOM.
pub(super) fn read_header(text: &str) -> Result<(usize, Vec<String>), ImportError> {
    let mut reader = CsvReader::new(text, sniff_delimiter(text));
    let mut fields = Vec::new();
    while let Some(record) = reader.next_record(&mut fields) {
        let line = record.map_err(|u| unclosed(&u, None))?;
        if !is_blank(&fields) {
            return Ok((line, fields.iter().map(|f| f.trim().to_owned()).collect()));
        }
    }
    Err(ImportError::new(
        ImportErrorKind::Empty,
        None,
        "header",
        "expected a header row naming the columns",
    ))
}
