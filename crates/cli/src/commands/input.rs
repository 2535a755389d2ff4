//! Reading her files: the profile and the training log, bounded in size, with errors that name the file and field.

use crate::*;

pub(crate) fn today() -> Date {
    OffsetDateTime::now_local()
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .date()
}

pub(crate) fn read_profile_text(path: &Path) -> Result<(String, ProfileFormat), AppError> {
    let format = ProfileFormat::from_file_name(&path.to_string_lossy()).ok_or_else(|| {
        AppError::BadInput(format!(
            "--profile: `{}` must end in .toml or .json so mumstrong knows how to read it",
            path.display()
        ))
    })?;
    let text = read_small_text(
        path,
        SmallFile {
            flag: "--profile",
            what: "a profile",
            max_bytes: MAX_PROFILE_BYTES,
            not_a_file: "is not a file",
            save_as: "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        },
    )?;
    Ok((text.trim_start_matches('\u{feff}').to_owned(), format))
}

/// How to name a small input file in errors.
pub(crate) struct SmallFile {
    pub(crate) flag: &'static str,
    pub(crate) what: &'static str,
    pub(crate) max_bytes: u64,
    pub(crate) not_a_file: &'static str,
    pub(crate) save_as: &'static str,
}

/// Reads a small user file as text: a file, not too big, UTF-8 (or UTF-16 with a BOM). Every
/// error names the flag and says what was expected.
pub(crate) fn read_small_text(path: &Path, f: SmallFile) -> Result<String, AppError> {
    let shown = path.display();
    let flag = f.flag;
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::BadInput(format!("{flag}: cannot read `{shown}`: {e}")))?;
    if !meta.is_file() {
        return Err(AppError::BadInput(format!(
            "{flag}: `{shown}` {}",
            f.not_a_file
        )));
    }
    if meta.len() > f.max_bytes {
        return Err(AppError::BadInput(format!(
            "{flag}: `{shown}` is {} bytes; {} is at most {} bytes",
            meta.len(),
            f.what,
            f.max_bytes
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(format!("{flag}: cannot read `{shown}`: {e}")))?;
    decode_text(bytes).map_err(|line| {
        AppError::BadInput(format!(
            "{flag}: `{shown}` is not UTF-8 text (the first unreadable character is on line {line}); {}",
            f.save_as
        ))
    })
}

/// Reads UTF-8, or UTF-16 with a byte-order mark (as some Windows editors save). On failure,
/// gives the line of the first byte that is not UTF-8.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<String, usize> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units).map_err(|_| 1usize)
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            1 + good.iter().filter(|&&b| b == b'\n').count()
        }),
    }
}

/// Reads and validates a profile; `as_of` (from a flag) overrides the file's date.
pub(crate) fn load_profile(
    path: &Path,
    as_of: Option<String>,
    flag: &str,
) -> Result<Profile, AppError> {
    let (text, profile_format) = read_profile_text(path)?;
    let in_file = |e: mumstrong_core::ProfileError| {
        AppError::BadInput(format!("in profile `{}`:\n  {e}", path.display()))
    };
    let mut input = ProfileInput::from_str(&text, profile_format).map_err(in_file)?;
    let flag_date = as_of.is_some();
    if let Some(date) = as_of {
        parse_iso_date(&date).map_err(|m| AppError::BadInput(format!("{flag}: {m}")))?;
        input.as_of = Some(date);
    }
    input.validate(today()).map_err(|e| match e.field() {
        // The date came from the flag, not the file: say so.
        Some("as_of") if flag_date => AppError::BadInput(format!(
            "{flag}: {}",
            e.to_string().trim_start_matches("as_of: ")
        )),
        Some("birth.date") if flag_date => AppError::BadInput(format!(
            "in profile `{}`:\n  {e}\n  (the date comes from {flag})",
            path.display()
        )),
        _ => in_file(e),
    })
}

/// Pretty JSON with a final newline; failing to serialise is our fault, not the user's.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| AppError::Internal(e.to_string()))
}
