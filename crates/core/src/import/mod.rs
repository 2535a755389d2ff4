//! Importing training history from other apps, so a mum who has trained with Strong, Hevy or
//! FitNotes (or with mumstrong on another account) starts with her past, not from zero.
//!
//! Two steps, both pure: [`detect`] reads the header and names the format; [`parse`] reads every
//! row into sessions of sets, maps each exercise name onto the library ([`map_exercise`]) and
//! converts pounds and miles to kilograms and metres. [`Import::summary`] is the preview she
//! confirms before anything is stored, and [`Import::to_set_records`] turns the library-mapped
//! sets into the records the programme engine learns from.
//!
//! Every [`ImportError`] names the 1-based line and the column (as the file's header writes it)
//! with what was expected, so she can fix the file herself; no input makes these functions panic.
//! Start times are kept as the app wrote them, in her local time: the exports carry no time
//! zone, and a day's training does not need one.
//!
//! ```
//! use mumstrong_core::import::{ImportFormat, ImportOptions, WeightUnit, detect, parse};
//! use mumstrong_core::library::Library;
//!
//! let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
//!             2025-03-04 09:15:00,Postnatal A,35m,Goblet Squat (Kettlebell),1,12,10,0,0,6\n";
//! let format = detect(text).unwrap();
//! assert_eq!(format, ImportFormat::StrongShort);
//! let options = ImportOptions { unit: Some(WeightUnit::Kg), ..ImportOptions::default() };
//! let import = parse(text, format, &options, Library::builtin()).unwrap();
//! assert_eq!(import.sessions[0].sets[0].exercise.id(), Some("goblet_squat_kettlebell"));
//! assert_eq!(import.to_set_records()[0].reps, 10);
//! ```

use crate::library::Library;

/// The largest import accepted, in bytes: ten years of daily sessions fit in a few megabytes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// The most data rows (or JSON sets) one import may hold, so a runaway file stays quick.
pub const MAX_IMPORT_ROWS: usize = 200_000;
/// The longest exercise name, workout name or other short text field an import may hold, in
/// characters: the longest real exercise name is under 60, and name matching is bounded by it.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest note (a set's or a workout's) an import may hold, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// How many rows are read between two checks of the caller's stop signal ([`parse_until`]).
const STOP_CHECK_ROWS: usize = 256;

/// A name maps onto a library exercise by fuzzy matching only at this score or above.
///
/// The score is the better of two similarities between the names, after dropping equipment
/// words (which are scored apart) and little words: the Dice overlap of their words
/// (`2 × shared / (words in both)`, one-letter typos in long words forgiven) and one minus the
/// edit distance over the longer length. Names that differ in one word of two or three score at
/// most 0.67 and are different exercises ("Calf Press" and "Calf raises", "Lateral Raise" and
/// "Side-lying leg raise", "Sumo Deadlift" and "Kettlebell deadlift", both 0.5); a name holding
/// all of the library's words plus one more scores at least 0.8 ("Glute Bridge March" and
/// "Marching bridge" aside), as does a two-letter typo in a ten-letter name. 0.75 sits between
/// the two: wrong maps are worse than custom exercises, which she can link herself.
pub const FUZZY_THRESHOLD: f32 = 0.75;

/// Pounds to kilograms, exactly (the international pound).
pub const KG_PER_LB: f64 = 0.453_592_37;
/// Metres in a mile, exactly.
const METRES_PER_MILE: f64 = 1609.344;

/// Loads above this many kilograms are shown as suspicious in the preview.
pub const SUSPICIOUS_LOAD_KG: f64 = 250.0;
/// More reps than this in one set are shown as suspicious.
pub const SUSPICIOUS_REPS: u16 = 100;
/// A set longer than this many seconds (4 hours) is shown as suspicious.
pub const SUSPICIOUS_SECONDS: u32 = 4 * 3600;
/// A session before this day is shown as suspicious: no app these exports come from existed,
/// so it is most likely a mistyped year or a date read the wrong way round.
pub const EARLIEST_LIKELY_DATE: time::Date = time::macros::date!(1990 - 01 - 01);
/// A set over this many metres (a marathon and more) is shown as suspicious.
pub const SUSPICIOUS_DISTANCE_M: f64 = 50_000.0;

/// Heavier than this is not a typo but nonsense: refused as an error.
const MAX_WEIGHT_KG: f64 = 1000.0;
/// More reps than this in one set is refused.
const MAX_SET_REPS: u16 = 10_000;
/// A set longer than a day is refused.
const MAX_SET_SECONDS: u32 = 24 * 3600;
/// A set further than this many metres is refused.
const MAX_DISTANCE_M: f64 = 1_000_000.0;
/// An effort rating above this is refused (1-10 is expected; up to 100 is only suspicious).
const MAX_RPE: f64 = 100.0;

mod columns;
mod csv;
mod format;
mod json;
mod locale;
mod names;
mod result;
mod rows;
mod sessions;
mod sheet;
mod values;

pub use format::{ImportError, ImportErrorKind, ImportFormat, ImportOptions, WeightUnit, detect};
pub use json::MUMSTRONG_EXPORT_FORMAT;
pub use names::*;
pub use result::{
    ExerciseCount, Import, ImportSummary, ImportedSession, ImportedSet, Mapping, MatchKind,
    SetType, Suspicious,
};

use format::check_text;
use json::parse_json;
use rows::parse_csv;
use sessions::Builder;

/// Reads an export detected by [`detect`] (or chosen by her) into sessions of sets.
///
/// Names are mapped with [`map_exercise`] against `library`; weights become kg, distances
/// metres, durations seconds; `Rest Timer` rows are counted in `rows_skipped`, and so are
/// Strong's `Note` rows, whose text becomes the note of that exercise's sets in that workout.
/// Strong headers in German, French, Spanish, Italian, Portuguese and Dutch are read, with their
/// rest and note words; a FitNotes name with an unquoted comma is joined back when the rest of
/// the row is intact; a session after `options.today` or before [`EARLIEST_LIKELY_DATE`] is
/// shown in [`Import::summary`]'s `suspicious`. Strong classic
/// and short distances are read in km when the weights are kg and in miles when they are lb
/// (the app's metric or imperial setting); Strong with `Workout #` writes metres.
///
/// Never panics: any text gives either an import or an [`ImportError`].
///
/// # Errors
/// The first problem found, with its line and column: text over [`MAX_IMPORT_BYTES`] or rows over
/// [`MAX_IMPORT_ROWS`]; a header that is not `format`'s; no unit for a file that does not say it
/// (`--unit`); a row with too few or too many fields or an unclosed quote; a date, number or
/// duration not understood; a value that is negative or beyond any sense.
pub fn parse(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
    library: &Library,
) -> Result<Import, ImportError> {
    parse_until(text, format, options, library, &|| false)
}

/// As [`parse`], asking `stop` every few hundred rows whether to give up: a server runs a parse
/// on a worker thread with a deadline, and a file that would take too long ends with
/// [`ImportErrorKind::Stopped`] instead of holding the thread. `stop` is the caller's clock; the
/// parse itself reads none.
///
/// # Errors
/// As [`parse`], and [`ImportErrorKind::Stopped`] once `stop` says so.
pub fn parse_until(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
    library: &Library,
    stop: &dyn Fn() -> bool,
) -> Result<Import, ImportError> {
    let text = check_text(text)?;
    let matcher = Matcher::new(library);
    let mut builder = Builder::new(format, &matcher, stop);
    if format == ImportFormat::Mumstrong {
        parse_json(text, &mut builder)?;
    } else {
        parse_csv(text, format, options, &mut builder)?;
    }
    let mut import = builder.finish(library);
    import.today = options.today;
    Ok(import)
}

#[cfg(test)]
mod tests;
