//! What an import reads: sessions of sets, how their names map, and the preview she confirms.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize, Serializer};
use time::{Date, PrimitiveDateTime};

use super::names::{Hint, gym_kind_of, hint_of, same_gym_load};
use super::{
    EARLIEST_LIKELY_DATE, ImportFormat, SUSPICIOUS_DISTANCE_M, SUSPICIOUS_LOAD_KG, SUSPICIOUS_REPS,
    SUSPICIOUS_SECONDS,
};
use crate::library::{Dose, Library, LoadSource};
use crate::records::SetRecord;
use crate::vocab::{RedFlag, Symptom};

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
    /// Through the table of names other apps use ([`ALIASES`](super::ALIASES)).
    Alias,
    /// The same words as the library's name or id (case, punctuation, order and plurals aside).
    Exact,
    /// Similar enough (at least [`FUZZY_THRESHOLD`](super::FUZZY_THRESHOLD)).
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

    /// The library id her sets are stored under. A match scored below [`FUZZY_THRESHOLD`] is a
    /// guess: its sets stay her own exercise (and out of her programme and her physio's report)
    /// until she picks that exercise in the preview.
    pub fn sure_id(&self) -> Option<&str> {
        match self {
            Mapping::Library { id, score, .. } if *score >= super::FUZZY_THRESHOLD => Some(id),
            _ => None,
        }
    }

    /// A library exercise it may be, scored below [`FUZZY_THRESHOLD`]: unsure everywhere.
    pub fn is_guess(&self) -> bool {
        matches!(self, Mapping::Library { score, .. } if *score < super::FUZZY_THRESHOLD)
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
    /// Rows that are not sets (Strong's `Rest Timer` and `Note`).
    pub rows_skipped: usize,
    /// Her today when the import was read ([`ImportOptions::today`](super::ImportOptions)):
    /// sessions after it are flagged in the preview.
    #[serde(skip)]
    pub(super) today: Option<Date>,
    /// What the records and the preview need of every library exercise mapped to, taken from
    /// the library used to parse, so they need no library.
    #[serde(skip)]
    pub(super) exercises: BTreeMap<String, LibraryInfo>,
}

/// What an import keeps of one library exercise.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LibraryInfo {
    pub(super) name: String,
    pub(super) dose: Dose,
    pub(super) load_source: LoadSource,
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
    /// What looks wrong: `weight_kg`, `reps`, `seconds`, `distance_m`, `rpe`, `duration` (the
    /// session's), or `started` (the session's date: after her today, or before 1990).
    pub field: &'static str,
    /// The value, in the unit of `field`; for `started`, the days after her today (a session
    /// in the future) or the year (a session before 1990).
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
            self.suspicious_date(session, &mut suspicious);
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
                if set.exercise.sure_id().is_some() {
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
            let Some(id) = set.exercise.sure_id() else {
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
                exercise: id.to_owned(),
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

impl Import {
    /// A session dated after her today, or before [`EARLIEST_LIKELY_DATE`]: not refused (the
    /// file may be right), but worth a look, as a wrong year or a date read the wrong way round
    /// would put her history out of order. Named at the session's first set.
    fn suspicious_date(&self, session: &ImportedSession, out: &mut Vec<Suspicious>) {
        let Some(first) = session.sets.first() else {
            return;
        };
        let day = session.started.date();
        let mut flag = |value: f64, message: String| {
            out.push(Suspicious {
                line: first.line,
                exercise_name: first.exercise_name.clone(),
                field: "started",
                value,
                message,
            });
        };
        if let Some(today) = self.today
            && day > today
        {
            let days = (day - today).whole_days();
            let s = if days == 1 { "" } else { "s" };
            flag(
                days as f64,
                format!(
                    "the workout is dated {day}, {days} day{s} after today ({today}): a wrong \
                     year, or the day and month swapped?"
                ),
            );
        }
        if day < EARLIEST_LIKELY_DATE {
            flag(
                f64::from(day.year()),
                format!("the workout is dated {day}, before {EARLIEST_LIKELY_DATE}: a wrong year?"),
            );
        }
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
