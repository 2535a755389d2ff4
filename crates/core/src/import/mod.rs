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
//! let options = ImportOptions { unit: Some(WeightUnit::Kg) };
//! let import = parse(text, format, &options, Library::builtin()).unwrap();
//! assert_eq!(import.sessions[0].sets[0].exercise.id(), Some("goblet_squat_kettlebell"));
//! assert_eq!(import.to_set_records()[0].reps, 10);
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::library::{Dose, Exercise, Library, LoadSource, edit_distance};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, MAX_ECHO_CHARS, parse_iso_date, shorten};
use crate::records::SetRecord;
use crate::vocab::{EquipmentKind, RedFlag, Symptom};

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

mod format;
mod names;

pub use format::{ImportError, ImportErrorKind, ImportFormat, ImportOptions, WeightUnit};
pub use names::*;

// ---------------------------------------------------------------------------------------------
// The result
// ---------------------------------------------------------------------------------------------

/// What a set was, as the apps mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetType {
    /// A working set.
    Normal,
    /// A warm-up set (Strong `W`, Hevy `warmup`).
    Warmup,
    /// A drop set (Strong `D`, Hevy `dropset`).
    Drop,
    /// A set taken to failure (Strong `F`, Hevy `failure`).
    Failure,
}

/// How a name was matched to a library exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Through the table of names other apps use ([`ALIASES`]).
    Alias,
    /// The same words as the library's name or id (case, punctuation, order and plurals aside).
    Exact,
    /// Similar enough (at least [`FUZZY_THRESHOLD`]).
    Fuzzy,
    /// She picked it herself in the preview.
    Chosen,
}

/// Where an imported exercise name lands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mapping {
    /// A library exercise: the programme engine can learn from these sets.
    Library {
        /// The library id.
        id: String,
        /// How sure the match is, 0 to 1 (1 for an exact name or a true alias).
        score: f32,
        /// How it was matched.
        how: MatchKind,
    },
    /// Not in the library: the service keeps it as her own custom exercise.
    Custom,
}

impl Mapping {
    /// The library id, if mapped.
    pub fn id(&self) -> Option<&str> {
        match self {
            Mapping::Library { id, .. } => Some(id),
            Mapping::Custom => None,
        }
    }
}

/// One set as imported, in kilograms, seconds and metres.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedSet {
    /// The 1-based line it came from (for the JSON export: its entry in `sets`).
    pub line: usize,
    /// The exercise name as the file writes it.
    pub exercise_name: String,
    /// Where the name maps.
    pub exercise: Mapping,
    /// Working, warm-up, drop or failure set.
    pub set_type: SetType,
    /// 1-based place among the sets of this exercise in this session, warm-ups included.
    pub set_index: u16,
    /// Reps done; `None` when blank or 0 (apps write 0 for "not recorded").
    pub reps: Option<u16>,
    /// External load in kg (pounds converted); `None` when blank or 0 (bodyweight).
    pub weight_kg: Option<f64>,
    /// Time under work in seconds; `None` when blank or 0.
    pub seconds: Option<u32>,
    /// Distance in metres; `None` when blank or 0.
    pub distance_m: Option<f64>,
    /// Effort as written (Hevy allows halves); `None` when blank or 0.
    pub rpe: Option<f32>,
    /// The set's (or exercise's) note.
    pub notes: Option<String>,
    /// Hevy's superset id: exercises sharing it were done as a superset.
    pub superset: Option<u32>,
    /// What the plan asked for (mumstrong export only).
    pub target_reps: Option<u16>,
    /// Symptoms noticed during the set (mumstrong export only).
    pub symptoms: Vec<Symptom>,
    /// Warning signs noticed during the set (mumstrong export only).
    pub red_flags: Vec<RedFlag>,
}

/// One workout: the sets that share a start (and, for Strong's `Workout #`, a session number).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportedSession {
    /// When it started, in the app's local time (no time zone is known). FitNotes and the
    /// mumstrong export store only the day: 00:00.
    #[serde(serialize_with = "ser_datetime")]
    pub started: PrimitiveDateTime,
    /// The workout's name, if any.
    pub name: Option<String>,
    /// How long it took in seconds (Strong's `Duration`, Hevy's end minus start), if known.
    pub duration_seconds: Option<u32>,
    /// The workout's note (Strong `Workout Notes`, Hevy `description`).
    pub notes: Option<String>,
    /// The sets in file order.
    pub sets: Vec<ImportedSet>,
}

/// A whole import, sessions oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Import {
    /// The format read.
    pub format: ImportFormat,
    /// The sessions, by start time (file order within one start).
    pub sessions: Vec<ImportedSession>,
    /// Data rows read (JSON: sets), skipped rows included.
    pub rows_read: usize,
    /// Rows that are not sets (Strong's `Rest Timer`).
    pub rows_skipped: usize,
    /// What the records and the preview need of every library exercise mapped to, taken from
    /// the library used to parse, so they need no library.
    #[serde(skip)]
    exercises: BTreeMap<String, LibraryInfo>,
}

/// What an import keeps of one library exercise.
#[derive(Debug, Clone, PartialEq)]
struct LibraryInfo {
    name: String,
    dose: Dose,
    load_source: LoadSource,
}

/// How many sets of one name, and where it maps: one line of the preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseCount {
    /// The name as the file writes it.
    pub name: String,
    /// Where it maps.
    pub mapping: Mapping,
    /// The library exercise's name, if mapped, so she can check the match.
    pub library_name: Option<String>,
    /// Sets under this name.
    pub sets: usize,
}

/// A value worth a second look before importing: probably a typo or a unit mix-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suspicious {
    /// The line of the set (or of the session's first set).
    pub line: usize,
    /// The exercise name as written.
    pub exercise_name: String,
    /// What looks wrong: `weight_kg`, `reps`, `seconds`, `distance_m`, `rpe` or `duration`.
    pub field: &'static str,
    /// The value, in the unit of `field`.
    pub value: f64,
    /// Why it looks wrong.
    pub message: String,
}

/// The preview of an import, for her to confirm: counts, dates, mappings and oddities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    /// The format read.
    pub format: ImportFormat,
    /// Sessions found.
    pub sessions: usize,
    /// Sets found.
    pub sets: usize,
    /// Sets on library exercises: what the programme engine can learn from.
    pub library_sets: usize,
    /// Data rows read, skipped ones included.
    pub rows_read: usize,
    /// Rows that were not sets.
    pub rows_skipped: usize,
    /// The first session's start.
    #[serde(serialize_with = "ser_opt_datetime")]
    pub first: Option<PrimitiveDateTime>,
    /// The last session's start.
    #[serde(serialize_with = "ser_opt_datetime")]
    pub last: Option<PrimitiveDateTime>,
    /// Every distinct name, most sets first (then by name).
    pub exercises: Vec<ExerciseCount>,
    /// The names that map to no library exercise (they become custom exercises), by name.
    pub unmapped: Vec<String>,
    /// Values worth a second look, by line.
    pub suspicious: Vec<Suspicious>,
}

fn fmt_datetime(dt: &PrimitiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        dt.date(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

fn ser_datetime<S: Serializer>(dt: &PrimitiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_datetime(dt))
}

fn ser_opt_datetime<S: Serializer>(
    dt: &Option<PrimitiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match dt {
        Some(dt) => s.serialize_str(&fmt_datetime(dt)),
        None => s.serialize_none(),
    }
}

impl Import {
    /// Maps every set written as `name` to a library exercise she chose (`Some(id)`), or keeps
    /// it as her own custom exercise (`None`): the preview's remapping. Returns how many sets
    /// changed; an id not in the library is refused.
    ///
    /// # Errors
    /// The id, when the library has no such exercise.
    pub fn remap(
        &mut self,
        name: &str,
        id: Option<&str>,
        library: &Library,
    ) -> Result<usize, String> {
        let mapping = match id {
            Some(id) if library.get(id).is_some() => Mapping::Library {
                id: id.to_owned(),
                score: 1.0,
                how: MatchKind::Chosen,
            },
            Some(id) => return Err(format!("`{id}` is not in the exercise library")),
            None => Mapping::Custom,
        };
        let mut changed = 0;
        for session in &mut self.sessions {
            for set in &mut session.sets {
                if set.exercise_name == name {
                    set.exercise = mapping.clone();
                    changed += 1;
                }
            }
        }
        Ok(changed)
    }

    /// Every set, session by session.
    pub fn sets(&self) -> impl Iterator<Item = (&ImportedSession, &ImportedSet)> {
        self.sessions
            .iter()
            .flat_map(|session| session.sets.iter().map(move |set| (session, set)))
    }

    /// The preview: what will be imported, how names map, and which values look wrong.
    pub fn summary(&self) -> ImportSummary {
        let mut by_name: HashMap<&str, (usize, &Mapping)> = HashMap::new();
        let mut suspicious = Vec::new();
        let mut sets = 0;
        let mut library_sets = 0;
        for session in &self.sessions {
            if let Some(seconds) = session.duration_seconds
                && seconds > 2 * SUSPICIOUS_SECONDS
                && let Some(first) = session.sets.first()
            {
                suspicious.push(Suspicious {
                    line: first.line,
                    exercise_name: first.exercise_name.clone(),
                    field: "duration",
                    value: f64::from(seconds),
                    message: format!(
                        "the workout lasted {}; more than 8 hours is unlikely",
                        hours_minutes(seconds)
                    ),
                });
            }
            for set in &session.sets {
                sets += 1;
                if set.exercise.id().is_some() {
                    library_sets += 1;
                }
                by_name
                    .entry(set.exercise_name.as_str())
                    .or_insert((0, &set.exercise))
                    .0 += 1;
                suspicious_values(set, &mut suspicious);
            }
        }
        let mut exercises: Vec<ExerciseCount> = by_name
            .into_iter()
            .map(|(name, (count, mapping))| ExerciseCount {
                name: name.to_owned(),
                mapping: mapping.clone(),
                library_name: mapping
                    .id()
                    .and_then(|id| self.exercises.get(id))
                    .map(|e| e.name.clone()),
                sets: count,
            })
            .collect();
        exercises.sort_by(|a, b| b.sets.cmp(&a.sets).then_with(|| a.name.cmp(&b.name)));
        let mut unmapped: Vec<String> = exercises
            .iter()
            .filter(|e| e.mapping == Mapping::Custom)
            .map(|e| e.name.clone())
            .collect();
        unmapped.sort();
        suspicious.sort_by_key(|s| s.line);
        ImportSummary {
            format: self.format,
            sessions: self.sessions.len(),
            sets,
            library_sets,
            rows_read: self.rows_read,
            rows_skipped: self.rows_skipped,
            first: self.sessions.first().map(|s| s.started),
            last: self.sessions.last().map(|s| s.started),
            exercises,
            unmapped,
            suspicious,
        }
    }

    /// The library-mapped sets as the records the programme engine adapts to, oldest first.
    ///
    /// - Custom exercises are left out: the engine knows only library exercises (the service
    ///   stores those sets under her custom exercise instead).
    /// - Warm-up sets are left out: they are not the working sets the programme progresses, and
    ///   their lighter reps would read as missed targets.
    /// - The record's `reps` is the exercise's dose: reps, seconds (holds) or metres (carries);
    ///   a set without a value in that dose (a carry timed but not measured) is left out rather
    ///   than guessed. Values are capped at the log's limit.
    /// - The load is kept only for exercises that take one (kettlebell, dumbbells, baby, car
    ///   seat), and only when the name does not say barbell, cable, machine or the like: a
    ///   barbell lunge mapped to the bodyweight lunge keeps the lunge, not the bar, and 60 kg on
    ///   a barbell is not 60 kg in dumbbells.
    /// - Effort is rounded half up (8.5 becomes 9: the engine is then the more careful), and
    ///   dropped outside 1-10.
    pub fn to_set_records(&self) -> Vec<SetRecord> {
        let mut records = Vec::new();
        let mut other_equipment: HashMap<&str, bool> = HashMap::new();
        for (session, set) in self.sets() {
            let Mapping::Library { id, .. } = &set.exercise else {
                continue;
            };
            if set.set_type == SetType::Warmup {
                continue;
            }
            let Some(info) = self.exercises.get(id) else {
                continue;
            };
            let value = match info.dose {
                Dose::Reps => set.reps.map(u32::from),
                Dose::Seconds => set.seconds,
                Dose::Distance => set.distance_m.map(|m| m.round().clamp(0.0, 1e9) as u32),
            };
            let Some(value) = value.filter(|v| *v > 0) else {
                continue;
            };
            let reps = u16::try_from(value)
                .unwrap_or(u16::MAX)
                .min(crate::log::MAX_REPS);
            let other = *other_equipment
                .entry(set.exercise_name.as_str())
                .or_insert_with(|| match hint_of(&set.exercise_name) {
                    Some(Hint::Other) => true,
                    // A gym load is only her load on the same gym kit.
                    Some(Hint::Library(kind)) if kind.is_gym() => {
                        gym_kind_of(info.load_source).is_none_or(|k| !same_gym_load(k, kind))
                    }
                    _ => false,
                });
            let load_kg = match info.load_source {
                LoadSource::Bodyweight | LoadSource::Band => None,
                _ if other => None,
                _ => set
                    .weight_kg
                    .map(|kg| kg.min(crate::log::MAX_LOAD_KG))
                    .filter(|kg| *kg > 0.0),
            };
            let rpe = set
                .rpe
                .filter(|r| (1.0..=10.0).contains(r))
                .map(|r| r.round() as u8);
            records.push(SetRecord {
                date: session.started.date(),
                exercise: id.clone(),
                reps,
                target_reps: set.target_reps,
                load_kg,
                rpe,
                symptoms: set.symptoms.clone(),
                red_flags: set.red_flags.clone(),
            });
        }
        records
    }
}

fn hours_minutes(seconds: u32) -> String {
    format!("{}h {:02}m", seconds / 3600, seconds % 3600 / 60)
}

fn suspicious_values(set: &ImportedSet, out: &mut Vec<Suspicious>) {
    let mut flag = |field: &'static str, value: f64, message: String| {
        out.push(Suspicious {
            line: set.line,
            exercise_name: set.exercise_name.clone(),
            field,
            value,
            message,
        });
    };
    if let Some(kg) = set.weight_kg
        && kg > SUSPICIOUS_LOAD_KG
    {
        flag(
            "weight_kg",
            kg,
            format!("{kg:.1} kg is more than {SUSPICIOUS_LOAD_KG} kg: a typo, or the wrong unit?"),
        );
    }
    if let Some(reps) = set.reps
        && reps > SUSPICIOUS_REPS
    {
        flag(
            "reps",
            f64::from(reps),
            format!("{reps} reps in one set is more than {SUSPICIOUS_REPS}: a typo?"),
        );
    }
    if let Some(seconds) = set.seconds
        && seconds > SUSPICIOUS_SECONDS
    {
        flag(
            "seconds",
            f64::from(seconds),
            format!(
                "a set of {} is longer than 4 hours: a typo?",
                hours_minutes(seconds)
            ),
        );
    }
    if let Some(m) = set.distance_m
        && m > SUSPICIOUS_DISTANCE_M
    {
        flag(
            "distance_m",
            m,
            format!(
                "{:.1} km in one set is more than 50 km: a typo?",
                m / 1000.0
            ),
        );
    }
    if let Some(rpe) = set.rpe
        && !(1.0..=10.0).contains(&rpe)
    {
        flag(
            "rpe",
            f64::from(rpe),
            format!("effort {rpe} is outside 1 to 10; it will not be used"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/// The values a CSV column can hold, whatever the app calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
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
struct Misfit {
    missing: Vec<&'static str>,
    unknown: Vec<String>,
}

impl Misfit {
    fn distance(&self) -> usize {
        self.missing.len() + self.unknown.len()
    }

    fn describe(&self) -> String {
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
type ColumnIndex = [Option<usize>; FIELDS];

/// Fits a header (as written) to a format: the column of every field it has.
fn fit(format: ImportFormat, header: &[String]) -> Result<ColumnIndex, Misfit> {
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

fn recognised() -> String {
    "Strong (classic, short, with units, or with `Workout #` in kg or lbs), Hevy (kg or lbs), \
     FitNotes (kgs or lbs, with or without `Comment`) or the mumstrong JSON export"
        .to_owned()
}

/// Checks what every import needs: a size within limits, no NUL byte, something in it.
/// Returns the text without its BOM.
fn check_text(text: &str) -> Result<&str, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::new(
            ImportErrorKind::TooLarge,
            None,
            "file",
            format!(
                "the file is {} bytes; expected at most {MAX_IMPORT_BYTES} bytes (20 MB): \
                 export a shorter period",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find('\0') {
        let line = 1 + text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(ImportError::new(
            ImportErrorKind::NotText,
            Some(line),
            "file",
            "holds a NUL byte, so it is not a text export; expected the CSV or JSON file the app \
             exported",
        ));
    }
    if text.trim().is_empty() {
        return Err(ImportError::new(
            ImportErrorKind::Empty,
            None,
            "file",
            format!("the file is empty; expected an export of {}", recognised()),
        ));
    }
    Ok(text)
}

/// Recognises an export by its header (or, for JSON, its `format` key).
///
/// A BOM is allowed; columns may be separated by `,`, `;` or tabs, and quoted.
///
/// # Errors
/// An empty file, a NUL byte, text over [`MAX_IMPORT_BYTES`], an unclosed quote in the header,
/// or a header that is none of the recognised exports (the error names its line, lists the
/// formats recognised and says how the nearest one differs).
pub fn detect(text: &str) -> Result<ImportFormat, ImportError> {
    let text = check_text(text)?;
    if text.trim_start().starts_with(['{', '[']) {
        probe_json(text)?;
        return Ok(ImportFormat::Mumstrong);
    }
    let (line, header) = read_header(text)?;
    let mut nearest: Option<(ImportFormat, Misfit)> = None;
    for format in ImportFormat::ALL {
        if format == ImportFormat::Mumstrong {
            continue;
        }
        match fit(format, &header) {
            Ok(_) => return Ok(format),
            Err(misfit) => {
                if nearest
                    .as_ref()
                    .is_none_or(|(_, best)| misfit.distance() < best.distance())
                {
                    nearest = Some((format, misfit));
                }
            }
        }
    }
    let hint = match nearest {
        Some((format, misfit)) if misfit.distance() <= 3 => {
            format!(
                "; the nearest is {format}, but this header {}",
                misfit.describe()
            )
        }
        _ => String::new(),
    };
    Err(ImportError::new(
        ImportErrorKind::UnknownFormat,
        Some(line),
        "header",
        format!(
            "not a header this importer knows (`{}`); expected the header of an export from \
             {}{hint}",
            shorten(&header.join(","), 120),
            recognised()
        ),
    ))
}

// ---------------------------------------------------------------------------------------------
// CSV reading
// ---------------------------------------------------------------------------------------------

/// A small CSV reader that knows the physical line every record starts on: quoted fields
/// (with `""` for a quote) may span lines, `\n`, `\r\n` and `\r` end records, and an unclosed
/// quote is reported at the line it opened instead of swallowing the rest of the file.
struct CsvReader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

/// An opening quote without a closing one, on this line, in this (0-based) field.
struct Unclosed {
    line: usize,
    field: usize,
}

impl<'a> CsvReader<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
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
    fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<Result<usize, Unclosed>> {
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
fn sniff_delimiter(text: &str) -> u8 {
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

fn is_blank(fields: &[Cow<'_, str>]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

fn unclosed(unclosed: &Unclosed, names: Option<&[String]>) -> ImportError {
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
fn read_header(text: &str) -> Result<(usize, Vec<String>), ImportError> {
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

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// A plain decimal number: digits with an optional sign and point (or, in files not separated
/// by commas, a decimal comma). No exponents, no `inf`, no `NaN`.
fn number(text: &str, decimal_comma: bool) -> Option<f64> {
    let text = text.trim();
    let text: Cow<'_, str> = if decimal_comma && !text.contains('.') {
        Cow::Owned(text.replacen(',', ".", 1))
    } else {
        Cow::Borrowed(text)
    };
    let digits = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let mut points = 0;
    let mut any_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => any_digit = true,
            '.' => points += 1,
            _ => return None,
        }
    }
    if !any_digit || points > 1 {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A month from its English name or abbreviation (`Feb`, `February`, `Sept`).
fn month_named(word: &str) -> Option<Month> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let index = NAMES.iter().position(|n| n.starts_with(&word))?;
    Month::try_from(u8::try_from(index + 1).ok()?).ok()
}

fn small_number(text: &str, max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    (EARLIEST_AS_OF..=LATEST_AS_OF)
        .contains(&date)
        .then_some(date)
}

/// A date in one token: `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY/MM/DD` or `DD/MM/YYYY` (day first:
/// the apps that write `/` here are set to a day-first locale; a month over 12 is refused,
/// never silently swapped).
fn date_token(token: &str) -> Option<Date> {
    for sep in ['-', '.', '/'] {
        let parts: Vec<&str> = token.split(sep).collect();
        if parts.len() != 3 {
            continue;
        }
        let n = |i: usize, digits| small_number(parts[i], digits);
        return if parts[0].len() == 4 {
            make_date(n(0, 4)?, n(1, 2)?, n(2, 2)?)
        } else if parts[2].len() == 4 && sep != '-' {
            make_date(n(2, 4)?, n(1, 2)?, n(0, 2)?)
        } else {
            None
        };
    }
    None
}

/// A time of day: `HH:MM` or `HH:MM:SS`, with an optional `AM`/`PM` (attached or apart).
fn time_tokens(tokens: &[&str]) -> Option<Time> {
    let (clock, meridiem) = match tokens {
        [] => return Some(Time::MIDNIGHT),
        [one] => {
            let lower = one.to_ascii_lowercase();
            match lower
                .strip_suffix("am")
                .or_else(|| lower.strip_suffix("pm"))
            {
                Some(clock) => (clock.to_owned(), Some(lower.ends_with("pm"))),
                None => (lower, None),
            }
        }
        [clock, meridiem] => {
            let m = meridiem.to_ascii_lowercase().replace('.', "");
            let pm = match m.as_str() {
                "am" => false,
                "pm" => true,
                _ => return None,
            };
            (clock.to_ascii_lowercase(), Some(pm))
        }
        _ => return None,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut hour = small_number(parts[0], 2)?;
    let minute = small_number(parts[1], 2)?;
    let second = match parts.get(2) {
        Some(s) => {
            // Fractions of a second are dropped.
            let whole = s.split('.').next().unwrap_or_default();
            small_number(whole, 2)?
        }
        None => 0,
    };
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    Time::from_hms(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()
}

/// A date with an optional time, in the forms the apps write: `2025-03-04 09:15:00`,
/// `2025-03-04T09:15`, `21 Feb 2025, 07:17`, `Jan 1, 2024, 10:00 AM`, `05.06.2026, 07:30`,
/// `2025-03-04` and `04/03/2025` (day first). Without a time, 00:00.
fn parse_datetime(text: &str) -> Option<PrimitiveDateTime> {
    let mut tokens: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() == 1
        && let Some((date, time)) = tokens[0].split_once('T')
    {
        tokens = vec![date, time];
    }
    if tokens.is_empty() || tokens.len() > 5 {
        return None;
    }
    let (date, used) = if let Some(date) = date_token(tokens[0]) {
        (date, 1)
    } else if tokens.len() >= 3 {
        // `21 Feb 2025` or `Feb 21 2025` (the comma after the day already split off).
        let (day, month) = match (small_number(tokens[0], 2), month_named(tokens[0])) {
            (Some(day), _) => (day, month_named(tokens[1])?),
            (None, Some(month)) => (small_number(tokens[1], 2)?, month),
            (None, None) => return None,
        };
        let year = small_number(tokens[2], 4).filter(|_| tokens[2].len() == 4)?;
        (make_date(year, u8::from(month).into(), day)?, 3)
    } else {
        return None;
    };
    let time = time_tokens(&tokens[used..])?;
    Some(PrimitiveDateTime::new(date, time))
}

/// A duration in seconds: `29m`, `1h 5m`, `45s`, `1h5m30s`, `0:01:48` (H:MM:SS), `30:00`
/// (MM:SS), or a bare number of seconds (`2100`, `30.0`).
fn parse_duration(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Some(n) = number(text, false) {
        return (n >= 0.0 && n < f64::from(u32::MAX)).then(|| n.round() as u32);
    }
    if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        let (h, m, s) = match parts.as_slice() {
            [m, s] => ("0", *m, *s),
            [h, m, s] => (*h, *m, *s),
            _ => return None,
        };
        let h = u64::from(small_number(h, 4)?);
        let m = u64::from(small_number(m, 4)?);
        let s = number(s, false)
            .filter(|s| (0.0..60.0).contains(s))?
            .round() as u64;
        if parts.len() == 3 && m >= 60 {
            return None;
        }
        return u32::try_from(h * 3600 + m * 60 + s).ok();
    }
    // Numbers each followed by a unit, spaces optional.
    let mut total: u64 = 0;
    let mut rest = text;
    let mut any = false;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let value: u64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = rest[..letters].to_ascii_lowercase();
        rest = &rest[letters..];
        let seconds = match unit.as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return None,
        };
        total = total.checked_add(value.checked_mul(seconds)?)?;
        any = true;
    }
    if any { u32::try_from(total).ok() } else { None }
}

enum SetOrder {
    Set(SetType),
    Rest,
}

/// Strong's `Set Order` and Hevy's `set_type`, in either app's words.
fn set_order(text: &str) -> Option<SetOrder> {
    let word = text.trim().to_ascii_lowercase();
    if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() {
        return Some(SetOrder::Set(SetType::Normal));
    }
    Some(SetOrder::Set(match word.as_str() {
        "" | "normal" | "ss" | "superset" => SetType::Normal,
        "w" | "warmup" | "warm-up" | "warm up" => SetType::Warmup,
        "d" | "drop" | "dropset" | "drop set" => SetType::Drop,
        "f" | "failure" => SetType::Failure,
        "rest timer" => return Some(SetOrder::Rest),
        _ => return None,
    }))
}

/// Metres in one of a distance unit as apps write it.
fn metres_per(unit: &str) -> Option<f64> {
    match unit.trim().to_ascii_lowercase().as_str() {
        "m" | "meter" | "meters" | "metre" | "metres" => Some(1.0),
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Some(1000.0),
        "mi" | "mile" | "miles" => Some(METRES_PER_MILE),
        "yd" | "yds" | "yard" | "yards" => Some(0.9144),
        "ft" | "feet" | "foot" => Some(0.3048),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Where a format's distances get their unit.
#[derive(Clone, Copy)]
enum DistanceUnits {
    /// Metres per unit, for every row.
    Fixed(f64),
    /// From the `Distance Unit` column of each row.
    Column,
}

/// Reads an export detected by [`detect`] (or chosen by her) into sessions of sets.
///
/// Names are mapped with [`map_exercise`] against `library`; weights become kg, distances
/// metres, durations seconds; `Rest Timer` rows are counted in `rows_skipped`. Strong classic
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
    Ok(builder.finish(library))
}

/// The example date of a format, for messages.
fn date_example(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::HevyMetric | ImportFormat::HevyImperial => {
            "`4 Mar 2025, 09:15`, `Mar 4, 2025, 9:15 AM`, `04.03.2025, 09:15` or \
             `2025-03-04 09:15:00`"
        }
        ImportFormat::FitNotesKg | ImportFormat::FitNotesLb | ImportFormat::Mumstrong => {
            "`2025-03-04` (or day first, `04/03/2025`)"
        }
        _ => "`2025-03-04 09:15:00`",
    }
}

/// One CSV row, with its column names for messages.
struct Row<'r, 'a> {
    line: usize,
    fields: &'r [Cow<'a, str>],
    index: &'r ColumnIndex,
    names: &'r [String],
    decimal_comma: bool,
}

impl Row<'_, '_> {
    /// The trimmed value of a field, `None` when the format lacks it or it is blank.
    fn get(&self, field: Field) -> Option<&str> {
        let i = self.index[field as usize]?;
        let value = self.fields.get(i)?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn column(&self, field: Field) -> &str {
        self.index[field as usize]
            .and_then(|i| self.names.get(i))
            .map_or("row", |s| s.as_str())
    }

    fn err(&self, field: Field, message: String) -> ImportError {
        ImportError::new(
            ImportErrorKind::Value,
            Some(self.line),
            self.column(field),
            message,
        )
    }

    /// Every field of the row within its length: notes up to [`MAX_NOTE_CHARS`], anything else
    /// up to [`MAX_NAME_CHARS`], before any of it is parsed or matched.
    fn check_lengths(&self) -> Result<(), ImportError> {
        let is_note = |i: usize| {
            [Field::Notes, Field::WorkoutNotes]
                .iter()
                .any(|f| self.index[*f as usize] == Some(i))
        };
        for (i, value) in self.fields.iter().enumerate() {
            let max = if is_note(i) {
                MAX_NOTE_CHARS
            } else {
                MAX_NAME_CHARS
            };
            let column = || self.names.get(i).map_or("row", String::as_str);
            check_length(value, max, self.line, column)?;
        }
        Ok(())
    }

    fn shown(&self, field: Field) -> String {
        shorten(self.get(field).unwrap_or_default(), MAX_ECHO_CHARS)
    }

    fn number(&self, field: Field, what: &str) -> Result<Option<f64>, ImportError> {
        let Some(text) = self.get(field) else {
            return Ok(None);
        };
        let example = if self.decimal_comma { "12,5" } else { "12.5" };
        match number(text, self.decimal_comma) {
            Some(n) if n >= 0.0 => Ok(Some(n)),
            Some(_) => Err(self.err(
                field,
                format!("expected {what} of 0 or more, got `{}`", self.shown(field)),
            )),
            None => Err(self.err(
                field,
                format!(
                    "expected {what} as a number, e.g. `{example}`, got `{}`",
                    self.shown(field)
                ),
            )),
        }
    }

    fn whole(&self, field: Field, what: &str, max: u32) -> Result<Option<u32>, ImportError> {
        let Some(n) = self.number(field, what)? else {
            return Ok(None);
        };
        if n.fract() != 0.0 || n > f64::from(max) {
            return Err(self.err(
                field,
                format!(
                    "expected {what} as a whole number from 0 to {max}, got `{}`",
                    self.shown(field)
                ),
            ));
        }
        Ok(Some(n as u32))
    }

    fn text(&self, field: Field) -> Option<String> {
        self.get(field).map(str::to_owned)
    }

    fn datetime(
        &self,
        field: Field,
        format: ImportFormat,
    ) -> Result<PrimitiveDateTime, ImportError> {
        let Some(text) = self.get(field) else {
            return Err(self.err(
                field,
                format!("missing; expected a date such as {}", date_example(format)),
            ));
        };
        parse_datetime(text).ok_or_else(|| {
            self.err(
                field,
                format!(
                    "expected a date such as {}, from {EARLIEST_AS_OF} to {LATEST_AS_OF}, got `{}`",
                    date_example(format),
                    self.shown(field)
                ),
            )
        })
    }

    fn duration(&self, field: Field) -> Result<Option<u32>, ImportError> {
        let Some(text) = self.get(field) else {
            return Ok(None);
        };
        match parse_duration(text) {
            Some(s) => Ok(Some(s)),
            None => Err(self.err(
                field,
                format!(
                    "expected a duration such as `29m`, `1h 5m`, `0:01:48`, `30:00` or a number \
                     of seconds, got `{}`",
                    self.shown(field)
                ),
            )),
        }
    }
}

/// The length of `value` (trimmed) in characters when it is over `max`, else `None`; linear,
/// and free for the usual short value (a byte count at most `max` cannot hold more characters).
fn too_long(value: &str, max: usize) -> Option<usize> {
    if value.len() <= max {
        return None;
    }
    let chars = value.trim().chars().count();
    (chars > max).then_some(chars)
}

/// `value` within `max` characters, or the error naming `line` and the column (asked for only
/// when it is needed), with the start of the value.
fn check_length<'c>(
    value: &str,
    max: usize,
    line: usize,
    column: impl FnOnce() -> &'c str,
) -> Result<(), ImportError> {
    match too_long(value, max) {
        None => Ok(()),
        Some(chars) => Err(ImportError::new(
            ImportErrorKind::TooLong,
            Some(line),
            column(),
            format!(
                "{chars} characters long; expected at most {max} characters (`{}`)",
                shorten(value.trim(), 40)
            ),
        )),
    }
}

fn parse_csv(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
    builder: &mut Builder<'_, '_>,
) -> Result<(), ImportError> {
    let delimiter = sniff_delimiter(text);
    let decimal_comma = delimiter != b',';
    let mut reader = CsvReader::new(text, delimiter);
    let mut fields: Vec<Cow<'_, str>> = Vec::new();

    // The header.
    let (header_line, names) = loop {
        match reader.next_record(&mut fields) {
            None => {
                return Err(ImportError::new(
                    ImportErrorKind::Empty,
                    None,
                    "header",
                    "expected a header row naming the columns",
                ));
            }
            Some(record) => {
                let line = record.map_err(|u| unclosed(&u, None))?;
                if !is_blank(&fields) {
                    break (
                        line,
                        fields
                            .iter()
                            .map(|f| f.trim().to_owned())
                            .collect::<Vec<_>>(),
                    );
                }
            }
        }
    };
    let index = fit(format, &names).map_err(|misfit| {
        let hint = match detect_header(&names) {
            Some(other) => format!("; it looks like {other}"),
            None => String::new(),
        };
        ImportError::new(
            ImportErrorKind::UnknownFormat,
            Some(header_line),
            "header",
            format!(
                "this is not the header of a {format} export: it {}{hint}",
                misfit.describe()
            ),
        )
    })?;

    let weight_unit = match (format.unit(), options.unit) {
        (Some(unit), _) => Some(unit),
        (None, unit) if format.needs_unit() => Some(unit.ok_or_else(|| {
            ImportError::new(
                ImportErrorKind::UnitNeeded,
                Some(header_line),
                names
                    .get(index[Field::Weight as usize].unwrap_or(0))
                    .map_or("Weight", |s| s.as_str()),
                "this Strong export does not say whether its weights are in kg or lb; choose \
                 the unit set in the app with `--unit kg` or `--unit lb`",
            )
        })?),
        (None, unit) => unit,
    };
    let distance_units = match format {
        ImportFormat::StrongClassic | ImportFormat::StrongShort => {
            DistanceUnits::Fixed(match weight_unit {
                Some(WeightUnit::Lb) => METRES_PER_MILE,
                _ => 1000.0,
            })
        }
        ImportFormat::StrongSemicolonKg | ImportFormat::StrongSemicolonLb => {
            DistanceUnits::Fixed(1.0)
        }
        ImportFormat::HevyMetric => DistanceUnits::Fixed(1000.0),
        ImportFormat::HevyImperial => DistanceUnits::Fixed(METRES_PER_MILE),
        _ => DistanceUnits::Column,
    };
    let hevy = matches!(
        format,
        ImportFormat::HevyMetric | ImportFormat::HevyImperial
    );

    while let Some(record) = reader.next_record(&mut fields) {
        let line = record.map_err(|u| unclosed(&u, Some(&names)))?;
        if is_blank(&fields) {
            continue;
        }
        if builder.rows_read >= MAX_IMPORT_ROWS {
            return Err(ImportError::new(
                ImportErrorKind::TooManyRows,
                Some(line),
                "row",
                format!(
                    "more than {MAX_IMPORT_ROWS} rows; expected at most {MAX_IMPORT_ROWS} rows in \
                     one import: export a shorter period"
                ),
            ));
        }
        builder.rows_read += 1;
        builder.check_stop(line)?;
        if fields.len() != names.len() {
            let (column, hint) = match names.get(fields.len()) {
                Some(first_missing) => (first_missing.as_str(), "; is the row cut short?"),
                None => (
                    "row",
                    "; is a `\"` missing around a value with a delimiter in it?",
                ),
            };
            return Err(ImportError::new(
                ImportErrorKind::Shape,
                Some(line),
                column,
                format!(
                    "expected {} fields, as in the header, got {}{hint}",
                    names.len(),
                    fields.len()
                ),
            ));
        }
        let row = Row {
            line,
            fields: &fields,
            index: &index,
            names: &names,
            decimal_comma,
        };
        read_row(&row, format, hevy, weight_unit, distance_units, builder)?;
    }
    Ok(())
}

/// The format a header fits, if any (for "it looks like" hints).
fn detect_header(header: &[String]) -> Option<ImportFormat> {
    ImportFormat::ALL
        .into_iter()
        .find(|f| fit(*f, header).is_ok())
}

fn read_row(
    row: &Row<'_, '_>,
    format: ImportFormat,
    hevy: bool,
    weight_unit: Option<WeightUnit>,
    distance_units: DistanceUnits,
    builder: &mut Builder<'_, '_>,
) -> Result<(), ImportError> {
    row.check_lengths()?;
    let is_rest = |s: Option<&str>| s.is_some_and(|s| s.eq_ignore_ascii_case("rest timer"));
    if is_rest(row.get(Field::Exercise)) {
        builder.rows_skipped += 1;
        return Ok(());
    }
    let set_type = match row.get(Field::SetOrder).map(set_order) {
        None => SetType::Normal,
        Some(Some(SetOrder::Set(t))) => t,
        Some(Some(SetOrder::Rest)) => {
            builder.rows_skipped += 1;
            return Ok(());
        }
        Some(None) => {
            let expected = if hevy {
                "`normal`, `warmup`, `dropset` or `failure`"
            } else {
                "a set number, `W` (warm-up), `D` (drop set), `F` (failure) or `Rest Timer`"
            };
            return Err(row.err(
                Field::SetOrder,
                format!("expected {expected}, got `{}`", row.shown(Field::SetOrder)),
            ));
        }
    };

    let started = row.datetime(Field::Date, format)?;
    let duration = match row.get(Field::End) {
        Some(_) => {
            let end = row.datetime(Field::End, format)?;
            u32::try_from((end - started).whole_seconds()).ok()
        }
        None => row.duration(Field::Duration)?,
    };
    let Some(exercise_name) = row.get(Field::Exercise) else {
        return Err(row.err(
            Field::Exercise,
            "missing; expected the exercise's name".to_owned(),
        ));
    };

    // Weight, in the file's unit, the row's unit, or hers.
    let row_unit = match row.get(Field::WeightUnit) {
        None => None,
        Some(word) => Some(WeightUnit::from_word(word).ok_or_else(|| {
            row.err(
                Field::WeightUnit,
                format!(
                    "expected `kg` or `lbs`, got `{}`",
                    row.shown(Field::WeightUnit)
                ),
            )
        })?),
    };
    let weight_kg = match row.number(Field::Weight, "a weight")?.filter(|w| *w > 0.0) {
        None => None,
        Some(weight) => {
            let Some(unit) = row_unit.or(weight_unit) else {
                return Err(ImportError::new(
                    ImportErrorKind::UnitNeeded,
                    Some(row.line),
                    row.column(Field::WeightUnit),
                    "blank, and no unit was chosen; expected `kg` or `lbs`, or choose the unit \
                     for such rows with `--unit kg` or `--unit lb`",
                ));
            };
            let kg = unit.to_kg(weight);
            if kg > MAX_WEIGHT_KG {
                return Err(row.err(
                    Field::Weight,
                    format!(
                        "`{}` {} is over {MAX_WEIGHT_KG} kg; expected the weight lifted",
                        row.shown(Field::Weight),
                        unit.as_str()
                    ),
                ));
            }
            Some(kg)
        }
    };

    let reps = row
        .whole(Field::Reps, "reps", u32::from(MAX_SET_REPS))?
        .filter(|r| *r > 0)
        .map(|r| u16::try_from(r).unwrap_or(MAX_SET_REPS));
    let seconds = match row.duration(Field::Seconds)? {
        Some(s) if s > MAX_SET_SECONDS => {
            return Err(row.err(
                Field::Seconds,
                format!(
                    "`{}` is longer than a day; expected the set's time",
                    row.shown(Field::Seconds)
                ),
            ));
        }
        s => s.filter(|s| *s > 0),
    };
    let distance_m = match row
        .number(Field::Distance, "a distance")?
        .filter(|d| *d > 0.0)
    {
        None => None,
        Some(distance) => {
            let per = match distance_units {
                DistanceUnits::Fixed(per) => per,
                DistanceUnits::Column => match row.get(Field::DistanceUnit) {
                    Some(unit) => metres_per(unit).ok_or_else(|| {
                        row.err(
                            Field::DistanceUnit,
                            format!(
                                "expected `m`, `km`, `mi`, `yd` or `ft`, got `{}`",
                                row.shown(Field::DistanceUnit)
                            ),
                        )
                    })?,
                    None => {
                        return Err(ImportError::new(
                            ImportErrorKind::Value,
                            Some(row.line),
                            row.column(Field::DistanceUnit),
                            "blank, but the row has a distance; expected `m`, `km`, `mi`, `yd` \
                             or `ft`",
                        ));
                    }
                },
            };
            let metres = distance * per;
            if metres > MAX_DISTANCE_M {
                return Err(row.err(
                    Field::Distance,
                    format!(
                        "`{}` is over 1000 km; expected the set's distance",
                        row.shown(Field::Distance)
                    ),
                ));
            }
            Some(metres)
        }
    };
    let rpe = match row.number(Field::Rpe, "an effort (RPE)")? {
        Some(r) if r > MAX_RPE => {
            return Err(row.err(
                Field::Rpe,
                format!(
                    "expected an effort (RPE) from 1 to 10, got `{}`",
                    row.shown(Field::Rpe)
                ),
            ));
        }
        r => r.filter(|r| *r > 0.0).map(|r| r as f32),
    };
    let superset = row.whole(Field::Superset, "a superset id", u32::MAX)?;
    row.whole(Field::SetIndex, "a set index", u32::from(u16::MAX))?;

    builder.push(
        SessionKey {
            started,
            id: row.get(Field::SessionId),
            name: row.get(Field::Name),
        },
        SessionExtras {
            duration,
            notes: row.get(Field::WorkoutNotes),
        },
        ImportedSet {
            line: row.line,
            exercise_name: exercise_name.to_owned(),
            exercise: Mapping::Custom,
            set_type,
            set_index: 0,
            reps,
            weight_kg,
            seconds,
            distance_m,
            rpe,
            notes: row.text(Field::Notes),
            superset,
            target_reps: None,
            symptoms: Vec::new(),
            red_flags: Vec::new(),
        },
        true,
    );
    Ok(())
}

/// What tells sessions apart: the start, Strong's `Workout #`, and the name.
struct SessionKey<'s> {
    started: PrimitiveDateTime,
    id: Option<&'s str>,
    name: Option<&'s str>,
}

/// What a session's rows say about the whole session (the first non-blank is kept).
struct SessionExtras<'s> {
    duration: Option<u32>,
    notes: Option<&'s str>,
}

/// Gathers sets into sessions as rows are read.
struct Builder<'m, 'l> {
    format: ImportFormat,
    matcher: &'m Matcher<'l>,
    stop: &'m dyn Fn() -> bool,
    sessions: Vec<ImportedSession>,
    keys: HashMap<(PrimitiveDateTime, Option<String>, Option<String>), usize>,
    last: Option<(PrimitiveDateTime, Option<String>, Option<String>, usize)>,
    set_counts: HashMap<(usize, String), u16>,
    mappings: HashMap<String, Mapping>,
    rows_read: usize,
    rows_skipped: usize,
}

impl<'m, 'l> Builder<'m, 'l> {
    fn new(format: ImportFormat, matcher: &'m Matcher<'l>, stop: &'m dyn Fn() -> bool) -> Self {
        Builder {
            format,
            matcher,
            stop,
            sessions: Vec::new(),
            keys: HashMap::new(),
            last: None,
            set_counts: HashMap::new(),
            mappings: HashMap::new(),
            rows_read: 0,
            rows_skipped: 0,
        }
    }

    /// Every [`STOP_CHECK_ROWS`] rows, whether the caller asked to stop.
    fn check_stop(&self, line: usize) -> Result<(), ImportError> {
        if self.rows_read.is_multiple_of(STOP_CHECK_ROWS) && (self.stop)() {
            return Err(ImportError::new(
                ImportErrorKind::Stopped,
                Some(line),
                "file",
                "reading this file took too long and was stopped; nothing was imported: export \
                 a shorter date range and try again",
            ));
        }
        Ok(())
    }

    fn session(&mut self, key: &SessionKey<'_>) -> usize {
        // Rows of one session are nearly always together: check the last session first.
        if let Some((started, id, name, i)) = &self.last
            && *started == key.started
            && id.as_deref() == key.id
            && name.as_deref() == key.name
        {
            return *i;
        }
        let owned = (
            key.started,
            key.id.map(str::to_owned),
            key.name.map(str::to_owned),
        );
        let next = self.sessions.len();
        let i = *self.keys.entry(owned.clone()).or_insert(next);
        if i == next {
            self.sessions.push(ImportedSession {
                started: key.started,
                name: key.name.map(str::to_owned),
                duration_seconds: None,
                notes: None,
                sets: Vec::new(),
            });
        }
        self.last = Some((owned.0, owned.1, owned.2, i));
        i
    }

    /// Adds a set to its session, numbering it; a name from another app is mapped (once per
    /// name), a set whose `exercise` is already decided (`map_name` false) keeps it.
    fn push(
        &mut self,
        key: SessionKey<'_>,
        extras: SessionExtras<'_>,
        mut set: ImportedSet,
        map_name: bool,
    ) {
        let i = self.session(&key);
        let count = self
            .set_counts
            .entry((i, set.exercise_name.clone()))
            .or_insert(0);
        *count = count.saturating_add(1);
        set.set_index = *count;
        if map_name {
            set.exercise = match self.mappings.get(&set.exercise_name) {
                Some(mapping) => mapping.clone(),
                None => {
                    let mapping = self.matcher.map(&set.exercise_name);
                    self.mappings
                        .insert(set.exercise_name.clone(), mapping.clone());
                    mapping
                }
            };
        }
        let session = &mut self.sessions[i];
        if session.duration_seconds.is_none() {
            session.duration_seconds = extras.duration;
        }
        if session.notes.is_none() {
            session.notes = extras.notes.map(str::to_owned);
        }
        session.sets.push(set);
    }

    fn finish(mut self, library: &Library) -> Import {
        // Stable: sessions with one start keep their file order.
        self.sessions.sort_by_key(|s| s.started);
        let exercises = self
            .sessions
            .iter()
            .flat_map(|s| &s.sets)
            .filter_map(|set| set.exercise.id())
            .filter_map(|id| library.get(id))
            .map(|e| {
                let info = LibraryInfo {
                    name: e.name.clone(),
                    dose: e.dose,
                    load_source: e.load_source(),
                };
                (e.id.clone(), info)
            })
            .collect();
        Import {
            format: self.format,
            sessions: self.sessions,
            rows_read: self.rows_read,
            rows_skipped: self.rows_skipped,
            exercises,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// mumstrong's JSON export
// ---------------------------------------------------------------------------------------------

/// The `format` value of the export this version reads.
pub const MUMSTRONG_EXPORT_FORMAT: &str = "mumstrong export 1";

fn json_error(e: &serde_json::Error) -> ImportError {
    ImportError::new(
        ImportErrorKind::Shape,
        (e.line() > 0).then_some(e.line()),
        "file",
        format!("not valid JSON: {}", shorten(&e.to_string(), 200)),
    )
}

/// Checks a JSON text is a mumstrong export, reading only its `format` key.
fn probe_json(text: &str) -> Result<(), ImportError> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<Value>,
    }
    if text.trim_start().starts_with('[') {
        return Err(ImportError::new(
            ImportErrorKind::UnknownFormat,
            Some(1),
            "file",
            format!(
                "a JSON array is a training log (see `mumstrong plan --log`), not an export; \
                 expected {}",
                recognised()
            ),
        ));
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    check_format_key(probe.format.as_ref())
}

fn check_format_key(format: Option<&Value>) -> Result<(), ImportError> {
    match format {
        Some(Value::String(s)) if s == MUMSTRONG_EXPORT_FORMAT => Ok(()),
        Some(Value::String(s)) if s.starts_with("mumstrong export") => Err(ImportError::new(
            ImportErrorKind::UnknownFormat,
            None,
            "format",
            format!(
                "`{}` is not a version this importer reads; expected `{MUMSTRONG_EXPORT_FORMAT}`",
                shorten(s, MAX_ECHO_CHARS)
            ),
        )),
        _ => Err(not_an_export()),
    }
}

fn not_an_export() -> ImportError {
    ImportError::new(
        ImportErrorKind::UnknownFormat,
        None,
        "format",
        format!(
            "a JSON document without `\"format\": \"{MUMSTRONG_EXPORT_FORMAT}\"` is not an \
             export this importer knows; expected {}",
            recognised()
        ),
    )
}

fn shown_json(value: &Value) -> String {
    shorten(&value.to_string(), MAX_ECHO_CHARS)
}

fn parse_json(text: &str, builder: &mut Builder<'_, '_>) -> Result<(), ImportError> {
    let document: crate::log::Json = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    // serde_json keeps the last of a repeated key: a key given twice is named instead.
    if let Some(key) = document.repeated_key() {
        return Err(ImportError::new(
            ImportErrorKind::Shape,
            None,
            key,
            "appears twice in the file; expected each key once",
        ));
    }
    if let crate::log::Json::Object(pairs) = &document
        && let Some((_, crate::log::Json::Array(sets))) = pairs.iter().find(|(k, _)| k == "sets")
        && let Some((i, key)) = sets
            .iter()
            .enumerate()
            .find_map(|(i, set)| set.repeated_key().map(|key| (i, key)))
    {
        return Err(ImportError::new(
            ImportErrorKind::Shape,
            Some(i + 1),
            key,
            "appears twice in this set; expected each key once",
        ));
    }
    let value = document.into_value();
    let Value::Object(document) = value else {
        return Err(not_an_export());
    };
    check_format_key(document.get("format"))?;
    let sets = match document.get("sets") {
        Some(Value::Array(sets)) => sets,
        other => {
            return Err(ImportError::new(
                ImportErrorKind::Value,
                None,
                "sets",
                format!(
                    "expected an array of sets, got `{}`",
                    other.map_or_else(|| "nothing".to_owned(), shown_json)
                ),
            ));
        }
    };
    if sets.len() > MAX_IMPORT_ROWS {
        return Err(ImportError::new(
            ImportErrorKind::TooManyRows,
            Some(MAX_IMPORT_ROWS + 1),
            "sets",
            format!(
                "{} sets; expected at most {MAX_IMPORT_ROWS} in one import",
                sets.len()
            ),
        ));
    }
    for (i, entry) in sets.iter().enumerate() {
        let line = i + 1;
        builder.rows_read += 1;
        builder.check_stop(line)?;
        let err = |key: &str, message: String| {
            ImportError::new(ImportErrorKind::Value, Some(line), key, message)
        };
        let Value::Object(entry) = entry else {
            return Err(err(
                "sets",
                format!(
                    "expected an object with `date`, `exercise` and `reps`, got `{}`",
                    shown_json(entry)
                ),
            ));
        };
        let present = |key: &str| entry.get(key).filter(|v| !v.is_null());
        let whole = |key: &str, max: u64| -> Result<Option<u64>, ImportError> {
            match present(key) {
                None => Ok(None),
                Some(v) => v.as_u64().filter(|n| *n <= max).map(Some).ok_or_else(|| {
                    err(
                        key,
                        format!(
                            "expected a whole number from 0 to {max}, got `{}`",
                            shown_json(v)
                        ),
                    )
                }),
            }
        };

        let date = match present("date") {
            Some(Value::String(s)) => parse_iso_date(s)
                .ok()
                .filter(|d| (EARLIEST_AS_OF..=LATEST_AS_OF).contains(d)),
            _ => None,
        }
        .ok_or_else(|| {
            err(
                "date",
                format!(
                    "expected a date as \"YYYY-MM-DD\" from {EARLIEST_AS_OF} to {LATEST_AS_OF}, \
                     got `{}`",
                    present("date").map_or_else(|| "nothing".to_owned(), shown_json)
                ),
            )
        })?;
        let exercise = match present("exercise") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim(),
            other => {
                return Err(err(
                    "exercise",
                    format!(
                        "expected an exercise id, got `{}`",
                        other.map_or_else(|| "nothing".to_owned(), shown_json)
                    ),
                ));
            }
        };
        // Our own export writes a custom exercise as `custom:NAME`.
        check_length(
            exercise,
            MAX_NAME_CHARS + "custom:".len(),
            line,
            || "exercise",
        )?;
        let Some(value) = whole("reps", u64::from(MAX_SET_REPS))? else {
            return Err(err(
                "reps",
                "missing; expected the reps, seconds or metres done".to_owned(),
            ));
        };
        whole("set_number", u64::from(u32::MAX))?;
        let target_reps =
            whole("target_reps", u64::from(MAX_SET_REPS))?.and_then(|n| u16::try_from(n).ok());
        let weight_kg = match present("load_kg") {
            None => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|kg| kg.is_finite() && (0.0..=MAX_WEIGHT_KG).contains(kg))
                    .ok_or_else(|| {
                        err(
                            "load_kg",
                            format!(
                                "expected a load in kg from 0 to {MAX_WEIGHT_KG}, got `{}`",
                                shown_json(v)
                            ),
                        )
                    })?,
            ),
        }
        .filter(|kg| *kg > 0.0);
        let rpe = whole("rpe", MAX_RPE as u64)?
            .filter(|r| *r > 0)
            .map(|r| r as f32);
        let word_list = |key: &str| -> Result<Vec<String>, ImportError> {
            match present(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => Ok(s.clone()),
                        other => Err(err(
                            key,
                            format!("expected a list of words, got `{}`", shown_json(other)),
                        )),
                    })
                    .collect(),
                Some(other) => Err(err(
                    key,
                    format!("expected a list of words, got `{}`", shown_json(other)),
                )),
            }
        };
        let symptoms = word_list("symptoms")?
            .iter()
            .map(|w| {
                Symptom::from_word(w).ok_or_else(|| {
                    err(
                        "symptoms",
                        format!(
                            "unknown symptom `{}`; expected one of {}",
                            shorten(w, MAX_ECHO_CHARS),
                            Symptom::allowed()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let red_flags = word_list("red_flags")?
            .iter()
            .map(|w| {
                RedFlag::from_word(w).ok_or_else(|| {
                    err(
                        "red_flags",
                        format!(
                            "unknown warning sign `{}`; expected one of {}",
                            shorten(w, MAX_ECHO_CHARS),
                            RedFlag::allowed()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        // Our own ids: only an exact id is a library exercise, never a guess.
        let known = builder.matcher.library.get(exercise);
        let exercise_mapping = match known {
            Some(e) => Mapping::Library {
                id: e.id.clone(),
                score: 1.0,
                how: MatchKind::Exact,
            },
            None => Mapping::Custom,
        };
        let value = u32::try_from(value).unwrap_or(u32::MAX);
        let (reps, seconds, distance_m) = match known.map(|e| e.dose) {
            Some(Dose::Seconds) => (None, Some(value), None),
            Some(Dose::Distance) => (None, None, Some(f64::from(value))),
            _ => (u16::try_from(value).ok(), None, None),
        };
        let started = PrimitiveDateTime::new(date, Time::MIDNIGHT);
        let set = ImportedSet {
            line,
            exercise_name: exercise.to_owned(),
            exercise: exercise_mapping,
            set_type: SetType::Normal,
            set_index: 0,
            reps: reps.filter(|r| *r > 0),
            weight_kg,
            seconds: seconds.filter(|s| *s > 0),
            distance_m: distance_m.filter(|d| *d > 0.0),
            rpe,
            notes: None,
            superset: None,
            target_reps,
            symptoms,
            red_flags,
        };
        let key = SessionKey {
            started,
            id: None,
            name: None,
        };
        let extras = SessionExtras {
            duration: None,
            notes: None,
        };
        builder.push(key, extras, set, false);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
