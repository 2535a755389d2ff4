//! Records as the web service stores them (one row per logged set, and daily check-ins), turned
//! into the [`TrainingLog`] the programme engine adapts to, and into progress figures for charts.
//!
//! The app logs a set the moment she finishes it, and asks a few questions afterwards (symptoms,
//! effort, mood, sleep). The engine thinks in log entries (one exercise on one day), so
//! [`training_log`] groups the sets; [`checkin_red_flags`] finds warning signs noted on days
//! without training; [`progress`] sums everything per exercise, per week and per pattern.
//!
//! The service checks what it stores. These functions still read any row leniently, so no stored
//! value can break the engine or a chart: reps and loads are capped at the log's limits, a load
//! that is not a positive number means bodyweight, and an effort, mood or sleep figure outside
//! its range counts as not given. Nothing here panics, whatever it is given.
//!
//! ```
//! use mumstrong_core::records::{SetRecord, training_log};
//! use time::macros::date;
//!
//! let set = |reps| SetRecord {
//!     date: date!(2026 - 11 - 24),
//!     exercise: "goblet_squat_kettlebell".to_owned(),
//!     reps,
//!     target_reps: Some(10),
//!     load_kg: Some(8.0),
//!     rpe: Some(6),
//!     symptoms: vec![],
//!     red_flags: vec![],
//! };
//! let log = training_log(&[set(10), set(10), set(8)], &[]);
//! assert_eq!(log.entries[0].sets, 3);
//! assert_eq!(log.entries[0].reps, vec![10, 10, 8]);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::library::{Dose, Exercise, Library, Pattern};
use crate::log::{LogEntry, MAX_LOAD_KG, MAX_REPS, MAX_SETS, TrainingLog};
use crate::plan::Plan;
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, parse_iso_date};
use crate::screening::iso;
use crate::vocab::{RedFlag, Symptom};

/// The most reps for which an Epley estimate is given. Epley's formula was fitted to sets of
/// few reps; above about 12 it overestimates more and more, and the "1RM" would mislead.
pub const EPLEY_MAX_REPS: u16 = 12;

/// One set as logged through the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetRecord {
    /// The day it was done, as `YYYY-MM-DD`.
    #[serde(serialize_with = "iso::date", deserialize_with = "deserialize_date")]
    pub date: Date,
    /// The exercise's library id.
    pub exercise: String,
    /// What the set achieved, in the exercise's dose: reps, seconds or metres.
    pub reps: u16,
    /// What the plan asked for, if known.
    #[serde(default)]
    pub target_reps: Option<u16>,
    /// The external load in kg; `None` or 0 means bodyweight.
    #[serde(default)]
    pub load_kg: Option<f64>,
    /// Rating of perceived exertion for the set, 1 (very easy) to 10 (maximal).
    #[serde(default)]
    pub rpe: Option<u8>,
    /// Symptoms noticed during this set.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// Warning signs noticed during this set: these stop training.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
}

/// A short check-in after a session (or on any day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// The day it is about, as `YYYY-MM-DD`.
    #[serde(serialize_with = "iso::date", deserialize_with = "deserialize_date")]
    pub date: Date,
    /// Symptoms noticed after training, or that day.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// Warning signs noticed that day: these stop training even without a logged set.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
    /// The whole session's effort, 1 to 10.
    #[serde(default)]
    pub rpe: Option<u8>,
    /// Mood, 1 (low) to 5 (good).
    #[serde(default)]
    pub mood: Option<u8>,
    /// Hours slept last night, 0 to 24.
    #[serde(default)]
    pub sleep_hours: Option<f64>,
}

/// Reads a date as the log does: `YYYY-MM-DD`, within the dates the crate accepts anywhere.
fn deserialize_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    struct DateVisitor;
    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = Date;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date as a string \"YYYY-MM-DD\"")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
            let date = parse_iso_date(text).map_err(E::custom)?;
            if !(EARLIEST_AS_OF..=LATEST_AS_OF).contains(&date) {
                return Err(E::custom(format!(
                    "`{date}` is out of range; expected a date from {EARLIEST_AS_OF} to {LATEST_AS_OF}"
                )));
            }
            Ok(date)
        }
    }
    deserializer.deserialize_str(DateVisitor)
}

/// Reps (or seconds or metres) within the log's limit.
fn reps_of(set: &SetRecord) -> u16 {
    set.reps.min(MAX_REPS)
}

/// The load in kg, or `None` for bodyweight: a load that is not a positive number is no load.
fn load_of(load_kg: Option<f64>) -> Option<f64> {
    load_kg
        .filter(|kg| kg.is_finite() && *kg > 0.0)
        .map(|kg| kg.min(MAX_LOAD_KG))
}

/// An effort rating from 1 to 10, or `None`.
fn rpe_of(rpe: Option<u8>) -> Option<u8> {
    rpe.filter(|r| (1..=10).contains(r))
}

/// Appends the items not yet in `into`, keeping their order.
fn push_new<T: Copy + PartialEq>(into: &mut Vec<T>, items: &[T]) {
    for item in items {
        if !into.contains(item) {
            into.push(*item);
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Days since the start of the Julian calendar: date arithmetic that cannot overflow.
fn day_number(date: Date) -> i64 {
    i64::from(date.to_julian_day())
}

/// The Monday that starts the ISO week of `date` (the date itself at the very edge of the
/// calendar, where there is no Monday before it).
pub fn week_start(date: Date) -> Date {
    let back = i64::from(date.weekday().number_days_from_monday());
    i32::try_from(day_number(date) - back)
        .ok()
        .and_then(|day| Date::from_julian_day(day).ok())
        .unwrap_or(date)
}

/// One exercise on one day, while its sets are gathered.
struct Group<'s> {
    date: Date,
    exercise: &'s str,
    reps: Vec<u16>,
    target_reps: Option<u16>,
    load_kg: Option<f64>,
    rpe: Option<u8>,
    symptoms_during: Vec<Symptom>,
    red_flags: Vec<RedFlag>,
}

/// Groups logged sets into the [`TrainingLog`] the programme engine adapts to.
///
/// The sets of one exercise on one day become one entry, in the order the day's exercises were
/// first logged, and `line` numbers the entries 1, 2, 3… in date order. An entry keeps the last
/// [`MAX_SETS`] sets (what she did at the end is what the next session builds on), the highest
/// target, the heaviest load, the highest effort, and every symptom and warning sign of every
/// set, without repeats. A check-in's symptoms become `symptoms_after` of each entry of its day
/// and its warning signs join their `red_flags`; a check-in on a day without sets has no entry
/// to join, so see [`checkin_red_flags`] for those.
///
/// Exercise ids are kept as stored: the engine passes over ids its library does not know.
pub fn training_log(sets: &[SetRecord], checkins: &[CheckIn]) -> TrainingLog {
    let mut index: HashMap<(Date, &str), usize> = HashMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for set in sets {
        let i = *index
            .entry((set.date, set.exercise.as_str()))
            .or_insert_with(|| {
                groups.push(Group {
                    date: set.date,
                    exercise: &set.exercise,
                    reps: Vec::new(),
                    target_reps: None,
                    load_kg: None,
                    rpe: None,
                    symptoms_during: Vec::new(),
                    red_flags: Vec::new(),
                });
                groups.len() - 1
            });
        let Some(group) = groups.get_mut(i) else {
            continue;
        };
        group.reps.push(reps_of(set));
        let target = set.target_reps.filter(|t| *t > 0).map(|t| t.min(MAX_REPS));
        group.target_reps = group.target_reps.max(target);
        if let Some(kg) = load_of(set.load_kg) {
            group.load_kg = Some(group.load_kg.map_or(kg, |old| old.max(kg)));
        }
        group.rpe = group.rpe.max(rpe_of(set.rpe));
        push_new(&mut group.symptoms_during, &set.symptoms);
        push_new(&mut group.red_flags, &set.red_flags);
    }

    let mut after: HashMap<Date, (Vec<Symptom>, Vec<RedFlag>)> = HashMap::new();
    for checkin in checkins {
        let (symptoms, flags) = after.entry(checkin.date).or_default();
        push_new(symptoms, &checkin.symptoms);
        push_new(flags, &checkin.red_flags);
    }

    // Groups are in first-seen order, so a stable sort by date keeps each day's order.
    groups.sort_by_key(|g| g.date);
    let max_sets = usize::from(MAX_SETS);
    let entries = groups
        .into_iter()
        .enumerate()
        .map(|(i, mut g)| {
            let extra = g.reps.len().saturating_sub(max_sets);
            g.reps.drain(..extra);
            let mut symptoms_after = Vec::new();
            if let Some((symptoms, flags)) = after.get(&g.date) {
                push_new(&mut symptoms_after, symptoms);
                push_new(&mut g.red_flags, flags);
            }
            LogEntry {
                line: i + 1,
                date: g.date,
                exercise: g.exercise.to_owned(),
                sets: u8::try_from(g.reps.len()).unwrap_or(MAX_SETS),
                reps: g.reps,
                target_reps: g.target_reps,
                load_kg: g.load_kg,
                rpe: g.rpe,
                symptoms_during: g.symptoms_during,
                symptoms_after,
                red_flags: g.red_flags,
            }
        })
        .collect();
    TrainingLog { entries }
}

/// Warning signs from check-ins dated `within_days` before `today` or later, oldest first,
/// each (date, sign) once.
///
/// A red flag noted on a day without training has no log entry to travel in, so the service
/// asks for these separately and stops training just as [`crate::plan::generate`] does for
/// logged ones; pass [`crate::plan::RED_FLAG_LOOKBACK_DAYS`] to use the same window. Check-ins
/// dated after `today` count too (as in the plan, whose lookback has no end): a phone in a time
/// zone ahead of the server must not hide a warning sign.
pub fn checkin_red_flags(
    checkins: &[CheckIn],
    today: Date,
    within_days: i64,
) -> Vec<(Date, RedFlag)> {
    let from = day_number(today).saturating_sub(within_days.max(0));
    let found: BTreeSet<(Date, RedFlag)> = checkins
        .iter()
        .filter(|c| day_number(c.date) >= from)
        .flat_map(|c| c.red_flags.iter().map(move |f| (c.date, *f)))
        .collect();
    found.into_iter().collect()
}

/// How long a logged symptom keeps counting in her screening: two weeks, the window her coach's
/// list also uses for "symptoms reported".
pub const SYMPTOM_LOOKBACK_DAYS: i64 = 14;

/// The symptoms she logged (on a set or in a check-in) within `within_days` of `today`: each one
/// she reports while training is as real as one she answered in the questionnaire, so the
/// screening refers on for it (leaking or heaviness: a pelvic-health physio; doming: the same).
pub fn recent_symptoms(
    sets: &[SetRecord],
    checkins: &[CheckIn],
    today: Date,
    within_days: i64,
) -> BTreeSet<Symptom> {
    let from = day_number(today).saturating_sub(within_days.max(0));
    let to = day_number(today);
    let recent = |d: Date| (from..=to).contains(&day_number(d));
    sets.iter()
        .filter(|s| recent(s.date))
        .flat_map(|s| s.symptoms.iter().copied())
        .chain(
            checkins
                .iter()
                .filter(|c| recent(c.date))
                .flat_map(|c| c.symptoms.iter().copied()),
        )
        .collect()
}

/// Every symptom she logged on a set or in a check-in, with its date, for
/// [`crate::plan::with_logged_symptoms`].
pub fn logged_symptoms<'s>(
    sets: &'s [SetRecord],
    checkins: &'s [CheckIn],
) -> impl Iterator<Item = (Date, Symptom)> + 's {
    sets.iter()
        .flat_map(|s| s.symptoms.iter().map(move |x| (s.date, *x)))
        .chain(
            checkins
                .iter()
                .flat_map(|c| c.symptoms.iter().map(move |x| (c.date, *x))),
        )
}

/// The estimated one-repetition maximum in kg by Epley's formula, load × (1 + reps / 30).
///
/// Only for 1 to [`EPLEY_MAX_REPS`] reps with a positive load: above about 12 reps the formula
/// is unreliable, and without a load there is nothing to estimate. Callers give it only
/// reps-dosed exercises: for seconds or metres the formula means nothing.
pub fn estimated_1rm_kg(load_kg: f64, reps: u16) -> Option<f64> {
    let load = load_of(Some(load_kg))?;
    (1..=EPLEY_MAX_REPS)
        .contains(&reps)
        .then(|| load * (1.0 + f64::from(reps) / 30.0))
}

/// The word for an exercise's dose unit.
pub fn dose_unit(dose: Dose) -> &'static str {
    match dose {
        Dose::Reps => "reps",
        Dose::Seconds => "seconds",
        Dose::Distance => "metres",
    }
}

/// Progress figures for charts, from the stored sets and check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// How much she has logged, and how recently.
    pub totals: Totals,
    /// Each exercise she logged, by pattern and then name.
    pub exercises: Vec<ExerciseProgress>,
    /// Volume per ISO week and pattern, by week and then pattern.
    pub weekly_volume: Vec<WeeklyVolume>,
    /// Symptoms and warning signs per ISO week with any set or check-in.
    pub symptoms: Vec<WeeklySymptoms>,
    /// Mood, sleep and effort per ISO week with a check-in.
    pub mood: Vec<WeeklyMood>,
    /// The plan's everyday-load line beside the heaviest loads she logged; empty without a plan.
    pub everyday_load: Vec<EverydayLoadPoint>,
}

/// How much she has logged, and how recently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Every set passed in.
    pub sets_logged: usize,
    /// Sets of exercises the library does not know (e.g. since removed): counted here, but in no
    /// per-exercise or per-pattern figure, which need the library's pattern and dose.
    pub sets_not_in_library: usize,
    /// Days with at least one set.
    pub days_trained: usize,
    /// Check-ins passed in.
    pub checkins: usize,
    /// The latest day with a set or a check-in.
    #[serde(serialize_with = "iso::opt_date")]
    pub last_activity: Option<Date>,
    /// Days from `last_activity` to today (0 if it is today or later).
    pub days_since_last_activity: Option<i64>,
}

/// One exercise's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseProgress {
    /// Library id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Movement pattern.
    pub pattern: Pattern,
    /// How the library doses it.
    pub dose: Dose,
    /// The dose's unit: `reps`, `seconds` or `metres`.
    pub unit: &'static str,
    /// Sets logged.
    pub sets_logged: usize,
    /// The first day it was logged.
    #[serde(serialize_with = "iso::date")]
    pub first_date: Date,
    /// The last day it was logged.
    #[serde(serialize_with = "iso::date")]
    pub last_date: Date,
    /// The best set: highest estimated 1RM when there is one, else heaviest load and then most
    /// reps; of equals, the first time she did it.
    pub best_set: BestSet,
    /// The best estimated one-repetition maximum (Epley, see [`estimated_1rm_kg`]), if any set
    /// had a load and 1 to 12 reps of a reps-dosed exercise.
    pub estimated_1rm_kg: Option<f64>,
    /// What `weekly_best` measures: `kg` (estimated 1RM) when there is an estimate, else `unit`.
    pub weekly_best_unit: &'static str,
    /// The best of each ISO week with a set (with an estimate, when measured in kg), oldest first.
    pub weekly_best: Vec<WeeklyBest>,
}

/// One set, as the best of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BestSet {
    /// When.
    #[serde(serialize_with = "iso::date")]
    pub date: Date,
    /// Reps, seconds or metres.
    pub reps: u16,
    /// The load in kg; `None` for bodyweight.
    pub load_kg: Option<f64>,
    /// Its estimated 1RM, when there is one.
    pub estimated_1rm_kg: Option<f64>,
}

/// An exercise's best in one ISO week, for a trend line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeeklyBest {
    /// The Monday of the week.
    #[serde(serialize_with = "iso::date")]
    pub week_start: Date,
    /// The best estimated 1RM in kg, or the most reps, seconds or metres in one set.
    pub value: f64,
}

/// Training volume of one pattern in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyVolume {
    /// The Monday of the week.
    #[serde(serialize_with = "iso::date")]
    pub week_start: Date,
    /// Movement pattern.
    pub pattern: Pattern,
    /// Sets.
    pub sets: usize,
    /// Reps of reps-dosed exercises.
    pub total_reps: u64,
    /// Seconds of timed exercises.
    pub total_seconds: u64,
    /// Metres of carries and walks.
    pub total_metres: u64,
    /// Sum of reps × load in kg over loaded sets of reps-dosed exercises (seconds or metres
    /// times kg would not add up with it).
    pub load_volume_kg: f64,
}

/// Symptoms and warning signs in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklySymptoms {
    /// The Monday of the week.
    #[serde(serialize_with = "iso::date")]
    pub week_start: Date,
    /// Sets logged.
    pub sets: usize,
    /// Sets with any symptom or warning sign noted during them.
    pub sets_with_symptoms: usize,
    /// Check-ins.
    pub checkins: usize,
    /// Check-ins with any symptom or warning sign.
    pub checkins_with_symptoms: usize,
    /// How many sets and check-ins noted each symptom, keyed by its word (`urinary_leakage`).
    pub by_symptom: BTreeMap<Symptom, usize>,
    /// Warning signs noted, each counted once per set or check-in.
    pub red_flags: usize,
}

/// Mood, sleep and effort in one ISO week, averaged over the check-ins that gave them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyMood {
    /// The Monday of the week.
    #[serde(serialize_with = "iso::date")]
    pub week_start: Date,
    /// Check-ins.
    pub checkins: usize,
    /// Average mood, 1 to 5.
    pub mood: Option<f64>,
    /// Average hours of sleep.
    pub sleep_hours: Option<f64>,
    /// Average session effort, 1 to 10.
    pub rpe: Option<f64>,
}

/// One plan week of the everyday-load chart: what she lifts every day, what the plan asks and
/// what she logged, so she can see her training keep ahead of her growing baby.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EverydayLoadPoint {
    /// The plan's week, 1-based.
    pub week: u8,
    /// The week's first day.
    #[serde(serialize_with = "iso::date")]
    pub week_start: Date,
    /// The baby's estimated weight.
    pub baby_kg: f64,
    /// The heaviest everyday lift (baby in the car seat, or both twins).
    pub total_kg: f64,
    /// The heaviest carry the plan prescribes that week.
    pub carry_kg: Option<f64>,
    /// The heaviest squat or hinge the plan prescribes that week.
    pub lift_kg: Option<f64>,
    /// The heaviest carry she logged that week.
    pub logged_carry_kg: Option<f64>,
    /// The heaviest squat or hinge she logged that week.
    pub logged_lift_kg: Option<f64>,
}

/// One exercise's figures while the sets are read.
struct ExerciseAcc<'l> {
    exercise: &'l Exercise,
    sets: usize,
    first: Date,
    last: Date,
    /// The best set so far, with its estimate before rounding (compared unrounded).
    best: Option<(BestSet, Option<f64>)>,
    /// Per week: the best raw estimate and the most reps.
    weeks: BTreeMap<Date, (Option<f64>, u16)>,
}

#[derive(Default)]
struct VolumeAcc {
    sets: usize,
    reps: u64,
    seconds: u64,
    metres: u64,
    load_volume: f64,
}

#[derive(Default)]
struct SymptomAcc {
    sets: usize,
    sets_with: usize,
    checkins: usize,
    checkins_with: usize,
    by_symptom: BTreeMap<Symptom, usize>,
    red_flags: usize,
}

impl SymptomAcc {
    /// Counts one set's or check-in's words, each once; true if there were any.
    fn count(&mut self, symptoms: &[Symptom], red_flags: &[RedFlag]) -> bool {
        let symptoms: BTreeSet<Symptom> = symptoms.iter().copied().collect();
        let flags: BTreeSet<RedFlag> = red_flags.iter().copied().collect();
        for s in &symptoms {
            *self.by_symptom.entry(*s).or_default() += 1;
        }
        self.red_flags += flags.len();
        !(symptoms.is_empty() && flags.is_empty())
    }
}

/// Sums and counts for an average.
#[derive(Default, Clone, Copy)]
struct Mean {
    sum: f64,
    n: f64,
}

impl Mean {
    fn add(&mut self, x: Option<f64>) {
        if let Some(x) = x {
            self.sum += x;
            self.n += 1.0;
        }
    }
    fn get(self) -> Option<f64> {
        (self.n > 0.0).then(|| round1(self.sum / self.n))
    }
}

#[derive(Default)]
struct MoodAcc {
    checkins: usize,
    mood: Mean,
    sleep: Mean,
    rpe: Mean,
}

/// True when `candidate` beats `best`: a higher estimate; else, with no estimate on either, a
/// heavier load and then more reps; of equals, the earlier date.
fn beats(candidate: (&BestSet, Option<f64>), best: (&BestSet, Option<f64>)) -> bool {
    let earlier = candidate.0.date < best.0.date;
    match (candidate.1, best.1) {
        (Some(a), Some(b)) => a > b || (a == b && earlier),
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => {
            let key = |s: &BestSet| (s.load_kg.unwrap_or(0.0), s.reps);
            let (a, b) = (key(candidate.0), key(best.0));
            a > b || (a == b && earlier)
        }
    }
}

/// Progress figures from the stored sets and check-ins, for charts.
///
/// `plan`, when given, adds the everyday-load line; `today` is only used for
/// `days_since_last_activity`. Sets and check-ins may come in any order. One pass over each,
/// with small maps keyed by exercise and week: a year of daily logging takes a few milliseconds.
pub fn progress(
    sets: &[SetRecord],
    checkins: &[CheckIn],
    library: &Library,
    plan: Option<&Plan<'_>>,
    today: Date,
) -> Progress {
    let mut known: HashMap<&str, Option<usize>> = HashMap::new();
    let mut accs: Vec<ExerciseAcc<'_>> = Vec::new();
    let mut volume: BTreeMap<(Date, Pattern), VolumeAcc> = BTreeMap::new();
    let mut symptoms: BTreeMap<Date, SymptomAcc> = BTreeMap::new();
    let mut mood: BTreeMap<Date, MoodAcc> = BTreeMap::new();
    let mut days: HashSet<Date> = HashSet::new();
    let mut last_activity: Option<Date> = None;
    let mut not_in_library = 0;

    // The first days of the plan weeks with an everyday load (in order), for the heaviest
    // carry and lift she logged in each.
    let plan_weeks: Vec<i64> = plan
        .into_iter()
        .flat_map(|p| &p.weeks)
        .filter(|w| w.everyday_load.is_some())
        .map(|w| day_number(w.starts))
        .collect();
    let mut logged: Vec<(Option<f64>, Option<f64>)> = vec![(None, None); plan_weeks.len()];

    for set in sets {
        days.insert(set.date);
        last_activity = last_activity.max(Some(set.date));
        let week = week_start(set.date);
        let s = symptoms.entry(week).or_default();
        s.sets += 1;
        if s.count(&set.symptoms, &set.red_flags) {
            s.sets_with += 1;
        }

        let slot = match known.get(set.exercise.as_str()) {
            Some(slot) => *slot,
            None => {
                let slot = library.get(&set.exercise).map(|exercise| {
                    accs.push(ExerciseAcc {
                        exercise,
                        sets: 0,
                        first: set.date,
                        last: set.date,
                        best: None,
                        weeks: BTreeMap::new(),
                    });
                    accs.len() - 1
                });
                known.insert(&set.exercise, slot);
                slot
            }
        };
        let Some(acc) = slot.and_then(|i| accs.get_mut(i)) else {
            not_in_library += 1;
            continue;
        };
        let exercise = acc.exercise;
        let reps = reps_of(set);
        let load = load_of(set.load_kg);
        let e1rm = match exercise.dose {
            Dose::Reps => load.and_then(|kg| estimated_1rm_kg(kg, reps)),
            Dose::Seconds | Dose::Distance => None,
        };
        let this = BestSet {
            date: set.date,
            reps,
            load_kg: load.map(round1),
            estimated_1rm_kg: e1rm.map(round1),
        };
        acc.sets += 1;
        acc.first = acc.first.min(set.date);
        acc.last = acc.last.max(set.date);
        if acc
            .best
            .is_none_or(|(best, best_e1rm)| beats((&this, e1rm), (&best, best_e1rm)))
        {
            acc.best = Some((this, e1rm));
        }
        let (week_e1rm, week_reps) = acc.weeks.entry(week).or_insert((None, 0));
        if let Some(e) = e1rm {
            *week_e1rm = Some(week_e1rm.map_or(e, |old: f64| old.max(e)));
        }
        *week_reps = (*week_reps).max(reps);

        let v = volume.entry((week, exercise.pattern)).or_default();
        v.sets += 1;
        let amount = u64::from(reps);
        match exercise.dose {
            Dose::Reps => {
                v.reps += amount;
                v.load_volume += load.map_or(0.0, |kg| kg * f64::from(reps));
            }
            Dose::Seconds => v.seconds += amount,
            Dose::Distance => v.metres += amount,
        }

        let lift = matches!(exercise.pattern, Pattern::Squat | Pattern::Hinge);
        if let Some(kg) = load
            && (lift || exercise.pattern == Pattern::Carry)
        {
            let day = day_number(set.date);
            let after = plan_weeks.partition_point(|starts| *starts <= day);
            if let Some(w) = after.checked_sub(1)
                && plan_weeks.get(w).is_some_and(|starts| day < starts + 7)
                && let Some((carry, lifted)) = logged.get_mut(w)
            {
                let heaviest = if lift { lifted } else { carry };
                *heaviest = Some(heaviest.map_or(kg, |old| old.max(kg)));
            }
        }
    }

    for checkin in checkins {
        last_activity = last_activity.max(Some(checkin.date));
        let week = week_start(checkin.date);
        let s = symptoms.entry(week).or_default();
        s.checkins += 1;
        if s.count(&checkin.symptoms, &checkin.red_flags) {
            s.checkins_with += 1;
        }
        let m = mood.entry(week).or_default();
        m.checkins += 1;
        m.mood
            .add(checkin.mood.filter(|x| (1..=5).contains(x)).map(f64::from));
        m.sleep.add(
            checkin
                .sleep_hours
                .filter(|h| h.is_finite() && (0.0..=24.0).contains(h)),
        );
        m.rpe.add(rpe_of(checkin.rpe).map(f64::from));
    }

    let mut exercises: Vec<ExerciseProgress> = accs
        .into_iter()
        .filter_map(|acc| {
            let (best_set, best_e1rm) = acc.best?;
            let unit = dose_unit(acc.exercise.dose);
            let by_kg = best_e1rm.is_some();
            let weekly_best = acc
                .weeks
                .iter()
                .filter_map(|(week, (e1rm, reps))| {
                    let value = if by_kg {
                        round1((*e1rm)?)
                    } else {
                        f64::from(*reps)
                    };
                    Some(WeeklyBest {
                        week_start: *week,
                        value,
                    })
                })
                .collect();
            Some(ExerciseProgress {
                id: acc.exercise.id.clone(),
                name: acc.exercise.name.clone(),
                pattern: acc.exercise.pattern,
                dose: acc.exercise.dose,
                unit,
                sets_logged: acc.sets,
                first_date: acc.first,
                last_date: acc.last,
                best_set,
                estimated_1rm_kg: best_set.estimated_1rm_kg,
                weekly_best_unit: if by_kg { "kg" } else { unit },
                weekly_best,
            })
        })
        .collect();
    exercises.sort_by(|a, b| (a.pattern, &a.name, &a.id).cmp(&(b.pattern, &b.name, &b.id)));

    let weekly_volume = volume
        .into_iter()
        .map(|((week_start, pattern), v)| WeeklyVolume {
            week_start,
            pattern,
            sets: v.sets,
            total_reps: v.reps,
            total_seconds: v.seconds,
            total_metres: v.metres,
            load_volume_kg: round1(v.load_volume),
        })
        .collect();
    let symptoms = symptoms
        .into_iter()
        .map(|(week_start, s)| WeeklySymptoms {
            week_start,
            sets: s.sets,
            sets_with_symptoms: s.sets_with,
            checkins: s.checkins,
            checkins_with_symptoms: s.checkins_with,
            by_symptom: s.by_symptom,
            red_flags: s.red_flags,
        })
        .collect();
    let mood = mood
        .into_iter()
        .map(|(week_start, m)| WeeklyMood {
            week_start,
            checkins: m.checkins,
            mood: m.mood.get(),
            sleep_hours: m.sleep.get(),
            rpe: m.rpe.get(),
        })
        .collect();
    let everyday_load = plan
        .into_iter()
        .flat_map(|p| &p.weeks)
        .filter_map(|w| Some((w, w.everyday_load.as_ref()?)))
        .zip(logged)
        .map(|((w, e), (carry, lift))| EverydayLoadPoint {
            week: w.week,
            week_start: w.starts,
            baby_kg: e.baby_kg,
            total_kg: e.total_kg,
            carry_kg: e.carry_kg,
            lift_kg: e.lift_kg,
            logged_carry_kg: carry.map(round1),
            logged_lift_kg: lift.map(round1),
        })
        .collect();

    Progress {
        totals: Totals {
            sets_logged: sets.len(),
            sets_not_in_library: not_in_library,
            days_trained: days.len(),
            checkins: checkins.len(),
            last_activity,
            days_since_last_activity: last_activity
                .map(|last| (day_number(today) - day_number(last)).max(0)),
        },
        exercises,
        weekly_volume,
        symptoms,
        mood,
        everyday_load,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{self, PlanOptions, PlanOutcome};
    use crate::{Profile, ProfileFormat};
    use proptest::prelude::*;
    use proptest::sample::select;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    fn set(date: Date, exercise: &str, reps: u16, load_kg: Option<f64>) -> SetRecord {
        SetRecord {
            date,
            exercise: exercise.to_owned(),
            reps,
            target_reps: None,
            load_kg,
            rpe: None,
            symptoms: vec![],
            red_flags: vec![],
        }
    }

    fn checkin(date: Date) -> CheckIn {
        CheckIn {
            date,
            symptoms: vec![],
            red_flags: vec![],
            rpe: None,
            mood: None,
            sleep_hours: None,
        }
    }

    fn library() -> &'static Library {
        Library::builtin()
    }

    #[test]
    fn symptoms_logged_in_the_last_two_weeks_count_and_older_ones_do_not() {
        let mut leak = set(TODAY - time::Duration::days(14), "mini_squat", 10, None);
        leak.symptoms = vec![Symptom::UrinaryLeakage];
        let mut old = set(TODAY - time::Duration::days(15), "mini_squat", 10, None);
        old.symptoms = vec![Symptom::PelvicHeaviness];
        let mut future = checkin(TODAY + time::Duration::days(1));
        future.symptoms = vec![Symptom::AbdominalDoming];
        let mut today = checkin(TODAY);
        today.symptoms = vec![Symptom::AbdominalDoming, Symptom::UrinaryLeakage];
        let found = recent_symptoms(&[leak, old], &[future, today], TODAY, SYMPTOM_LOOKBACK_DAYS);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            vec![Symptom::UrinaryLeakage, Symptom::AbdominalDoming]
                .into_iter()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
        assert!(recent_symptoms(&[], &[], TODAY, SYMPTOM_LOOKBACK_DAYS).is_empty());
    }

    #[test]
    fn sets_group_into_one_entry_per_exercise_and_day_in_first_seen_order() {
        let d = date!(2026 - 11 - 26);
        let sets = [
            SetRecord {
                target_reps: Some(10),
                rpe: Some(6),
                symptoms: vec![Symptom::UrinaryLeakage],
                ..set(d, "goblet_squat_kettlebell", 10, Some(8.0))
            },
            SetRecord {
                rpe: Some(7),
                ..set(d, "plank", 30, None)
            },
            set(date!(2026 - 11 - 24), "bodyweight_squat", 12, None),
            SetRecord {
                target_reps: Some(12),
                rpe: Some(8),
                symptoms: vec![Symptom::PelvicHeaviness, Symptom::UrinaryLeakage],
                ..set(d, "goblet_squat_kettlebell", 8, Some(12.0))
            },
            set(d, "plank", 25, Some(0.0)),
        ];
        let log = training_log(&sets, &[]);
        let got: Vec<(usize, Date, &str)> = log
            .entries
            .iter()
            .map(|e| (e.line, e.date, e.exercise.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, date!(2026 - 11 - 24), "bodyweight_squat"),
                (2, d, "goblet_squat_kettlebell"),
                (3, d, "plank"),
            ]
        );
        let squat = &log.entries[1];
        assert_eq!((squat.sets, squat.reps.as_slice()), (2, &[10, 8][..]));
        assert_eq!(squat.target_reps, Some(12));
        assert_eq!(squat.load_kg, Some(12.0));
        assert_eq!(squat.rpe, Some(8));
        assert_eq!(
            squat.symptoms_during,
            [Symptom::UrinaryLeakage, Symptom::PelvicHeaviness]
        );
        assert!(squat.symptoms_after.is_empty() && squat.red_flags.is_empty());
        let plank = &log.entries[2];
        assert_eq!((plank.sets, plank.reps.as_slice()), (2, &[30, 25][..]));
        assert_eq!(
            (plank.load_kg, plank.rpe, plank.target_reps),
            (None, Some(7), None)
        );
        assert_eq!(log.entries[0].reps, [12]);
    }

    #[test]
    fn an_entry_keeps_the_last_max_sets_but_every_symptom_and_the_heaviest_load() {
        let mut sets: Vec<SetRecord> = (1..=25)
            .map(|reps| set(TODAY, "goblet_squat_kettlebell", reps, Some(8.0)))
            .collect();
        sets[0].load_kg = Some(12.0);
        sets[0].red_flags = vec![RedFlag::ChestPain];
        sets[0].symptoms = vec![Symptom::PelvicHeaviness];
        let log = training_log(&sets, &[]);
        let e = &log.entries[0];
        assert_eq!(e.sets, MAX_SETS);
        assert_eq!(e.reps, (6..=25).collect::<Vec<u16>>());
        assert_eq!(e.load_kg, Some(12.0));
        assert_eq!(e.red_flags, [RedFlag::ChestPain]);
        assert_eq!(e.symptoms_during, [Symptom::PelvicHeaviness]);
    }

    #[test]
    fn a_checkin_adds_symptoms_after_and_red_flags_to_that_days_entries_only() {
        let next = date!(2026 - 11 - 25);
        let sets = [
            SetRecord {
                red_flags: vec![RedFlag::Fever],
                ..set(TODAY, "plank", 20, None)
            },
            set(TODAY, "bodyweight_squat", 10, None),
            set(next, "plank", 20, None),
        ];
        let checkins = [
            CheckIn {
                symptoms: vec![Symptom::PelvicHeaviness, Symptom::PelvicHeaviness],
                red_flags: vec![RedFlag::Fever],
                ..checkin(TODAY)
            },
            CheckIn {
                symptoms: vec![Symptom::LowBackPain],
                red_flags: vec![RedFlag::Mastitis],
                ..checkin(TODAY)
            },
            // No sets that day: nothing to join (see `checkin_red_flags`).
            CheckIn {
                red_flags: vec![RedFlag::ChestPain],
                ..checkin(date!(2026 - 11 - 27))
            },
        ];
        let log = training_log(&sets, &checkins);
        assert_eq!(log.entries.len(), 3);
        for e in &log.entries[..2] {
            assert_eq!(e.date, TODAY);
            assert_eq!(
                e.symptoms_after,
                [Symptom::PelvicHeaviness, Symptom::LowBackPain]
            );
            assert!(e.symptoms_during.is_empty());
        }
        assert_eq!(
            log.entries[0].red_flags,
            [RedFlag::Fever, RedFlag::Mastitis]
        );
        assert_eq!(
            log.entries[1].red_flags,
            [RedFlag::Fever, RedFlag::Mastitis]
        );
        assert!(!log.entries[2].has_symptoms());
    }

    #[test]
    fn stored_values_out_of_range_are_read_leniently() {
        let sets = [
            SetRecord {
                target_reps: Some(0),
                rpe: Some(11),
                ..set(TODAY, "plank", 5000, Some(f64::NAN))
            },
            SetRecord {
                rpe: Some(0),
                ..set(TODAY, "plank", 10, Some(-3.0))
            },
            set(TODAY, "kettlebell_deadlift", 5, Some(500.0)),
            set(TODAY, "kettlebell_deadlift", 5, Some(f64::INFINITY)),
        ];
        let log = training_log(&sets, &[]);
        let plank = &log.entries[0];
        assert_eq!(plank.reps, [MAX_REPS, 10]);
        assert_eq!(
            (plank.target_reps, plank.load_kg, plank.rpe),
            (None, None, None)
        );
        assert_eq!(log.entries[1].load_kg, Some(MAX_LOAD_KG));
    }

    #[test]
    fn checkin_red_flags_look_back_over_the_window_and_keep_later_dates() {
        let at = |d: Date, flags: &[RedFlag]| CheckIn {
            red_flags: flags.to_vec(),
            ..checkin(d)
        };
        let checkins = [
            at(date!(2026 - 11 - 25), &[RedFlag::Fever]),
            at(date!(2026 - 10 - 26), &[RedFlag::ChestPain]), // 29 days before: too old
            at(date!(2026 - 10 - 27), &[RedFlag::Mastitis]),  // 28 days before: counts
            at(
                TODAY,
                &[RedFlag::SevereHeadache, RedFlag::Fever, RedFlag::Fever],
            ),
            at(TODAY, &[RedFlag::Fever]),
        ];
        assert_eq!(
            checkin_red_flags(&checkins, TODAY, plan::RED_FLAG_LOOKBACK_DAYS),
            [
                (date!(2026 - 10 - 27), RedFlag::Mastitis),
                (TODAY, RedFlag::SevereHeadache),
                (TODAY, RedFlag::Fever),
                (date!(2026 - 11 - 25), RedFlag::Fever),
            ]
        );
        assert_eq!(checkin_red_flags(&checkins, TODAY, 0).len(), 3);
        assert_eq!(checkin_red_flags(&checkins, TODAY, -5).len(), 3);
        assert_eq!(checkin_red_flags(&checkins, TODAY, i64::MAX).len(), 5);
        assert_eq!(checkin_red_flags(&checkins, Date::MIN, i64::MIN).len(), 5);
        assert!(checkin_red_flags(&[], TODAY, 28).is_empty());
    }

    #[test]
    fn epley_estimates_only_loaded_sets_of_one_to_twelve_reps() {
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        assert!(close(estimated_1rm_kg(10.0, 10), 10.0 * 40.0 / 30.0));
        assert!(close(estimated_1rm_kg(8.0, 12), 11.2));
        assert!(close(estimated_1rm_kg(30.0, 1), 31.0));
        assert_eq!(estimated_1rm_kg(8.0, 13), None);
        assert_eq!(estimated_1rm_kg(8.0, 0), None);
        assert_eq!(estimated_1rm_kg(0.0, 5), None);
        assert_eq!(estimated_1rm_kg(f64::NAN, 5), None);
        assert_eq!(estimated_1rm_kg(-8.0, 5), None);
    }

    #[test]
    fn the_best_set_is_the_highest_estimate_else_the_heaviest_then_the_longest() {
        let sets = [
            // Goblet squat: 12 × 6 → 14.4; 10 × 12 → 14.0; 14 kg × 15 has no estimate.
            set(
                date!(2026 - 11 - 25),
                "goblet_squat_kettlebell",
                12,
                Some(10.0),
            ),
            set(
                date!(2026 - 11 - 26),
                "goblet_squat_kettlebell",
                6,
                Some(12.0),
            ),
            set(
                date!(2026 - 11 - 27),
                "goblet_squat_kettlebell",
                15,
                Some(14.0),
            ),
            // Deadlift: the same set twice; the first time she did it counts.
            set(date!(2026 - 11 - 28), "kettlebell_deadlift", 5, Some(16.0)),
            set(date!(2026 - 11 - 24), "kettlebell_deadlift", 5, Some(16.0)),
            // Plank: seconds, so no estimate even with a load: heaviest, then longest.
            set(TODAY, "plank", 30, Some(5.0)),
            set(TODAY, "plank", 40, Some(5.0)),
            set(TODAY, "plank", 60, None),
            // Bodyweight squat: most reps.
            set(TODAY, "bodyweight_squat", 12, None),
            set(TODAY, "bodyweight_squat", 15, None),
            set(TODAY, "bodyweight_squat", 10, Some(0.0)),
        ];
        let p = progress(&sets, &[], library(), None, TODAY);
        let get = |id: &str| p.exercises.iter().find(|e| e.id == id).unwrap();

        let goblet = get("goblet_squat_kettlebell");
        assert_eq!(
            goblet.best_set,
            BestSet {
                date: date!(2026 - 11 - 26),
                reps: 6,
                load_kg: Some(12.0),
                estimated_1rm_kg: Some(14.4),
            }
        );
        assert_eq!(goblet.estimated_1rm_kg, Some(14.4));
        assert_eq!((goblet.unit, goblet.weekly_best_unit), ("reps", "kg"));
        assert_eq!(goblet.sets_logged, 3);
        assert_eq!(
            (goblet.first_date, goblet.last_date),
            (date!(2026 - 11 - 25), date!(2026 - 11 - 27))
        );

        let deadlift = get("kettlebell_deadlift");
        assert_eq!(deadlift.best_set.date, TODAY);
        // 16 × (1 + 5/30) = 18.666… → 18.7
        assert_eq!(deadlift.estimated_1rm_kg, Some(18.7));

        let plank = get("plank");
        assert_eq!(
            (plank.best_set.reps, plank.best_set.load_kg),
            (40, Some(5.0))
        );
        assert_eq!(plank.estimated_1rm_kg, None);
        assert_eq!((plank.unit, plank.weekly_best_unit), ("seconds", "seconds"));
        assert_eq!(plank.weekly_best[0].value, 60.0);

        let squat = get("bodyweight_squat");
        assert_eq!((squat.best_set.reps, squat.best_set.load_kg), (15, None));
        assert_eq!(squat.estimated_1rm_kg, None);

        // By pattern (core before squat before hinge), then name.
        let order: Vec<&str> = p.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            order,
            [
                "plank",
                "bodyweight_squat",
                "goblet_squat_kettlebell",
                "kettlebell_deadlift"
            ]
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(week_start(date!(2026 - 11 - 29)), date!(2026 - 11 - 23)); // Sunday
        assert_eq!(week_start(date!(2026 - 11 - 30)), date!(2026 - 11 - 30)); // Monday
        assert_eq!(week_start(date!(2026 - 11 - 24)), date!(2026 - 11 - 23));
        // At the very edge of the calendar there is no Monday to go back to.
        let _ = week_start(Date::MIN);
        assert_eq!(week_start(Date::MAX).weekday(), time::Weekday::Monday);
    }

    #[test]
    fn weekly_volume_sums_each_pattern_by_iso_week() {
        let (sun, mon, tue) = (
            date!(2026 - 11 - 29),
            date!(2026 - 11 - 30),
            date!(2026 - 12 - 01),
        );
        let sets = [
            set(sun, "goblet_squat_kettlebell", 10, Some(8.0)),
            set(sun, "bodyweight_squat", 15, None),
            set(mon, "goblet_squat_kettlebell", 8, Some(12.5)),
            set(mon, "plank", 30, None),
            set(tue, "plank", 45, Some(5.0)),
            set(mon, "car_seat_carry", 20, Some(7.5)),
        ];
        let p = progress(&sets, &[], library(), None, TODAY);
        let rows: Vec<(Date, Pattern, usize, u64, u64, u64, f64)> = p
            .weekly_volume
            .iter()
            .map(|v| {
                (
                    v.week_start,
                    v.pattern,
                    v.sets,
                    v.total_reps,
                    v.total_seconds,
                    v.total_metres,
                    v.load_volume_kg,
                )
            })
            .collect();
        let week1 = date!(2026 - 11 - 23);
        assert_eq!(
            rows,
            [
                (week1, Pattern::Squat, 2, 25, 0, 0, 80.0),
                (mon, Pattern::Core, 2, 0, 75, 0, 0.0),
                (mon, Pattern::Squat, 1, 8, 0, 0, 100.0),
                (mon, Pattern::Carry, 1, 0, 0, 20, 0.0),
            ]
        );
        let goblet = p
            .exercises
            .iter()
            .find(|e| e.id == "goblet_squat_kettlebell")
            .unwrap();
        // 8 × (1 + 10/30) = 10.666… and 12.5 × (1 + 8/30) = 15.833…
        let trend: Vec<(Date, f64)> = goblet
            .weekly_best
            .iter()
            .map(|w| (w.week_start, w.value))
            .collect();
        assert_eq!(trend, [(week1, 10.7), (mon, 15.8)]);
        let carry = p
            .exercises
            .iter()
            .find(|e| e.id == "car_seat_carry")
            .unwrap();
        assert_eq!((carry.dose, carry.unit), (Dose::Distance, "metres"));
    }

    #[test]
    fn symptoms_and_mood_are_counted_per_week() {
        let week = date!(2026 - 11 - 23);
        let sets = [
            SetRecord {
                symptoms: vec![Symptom::UrinaryLeakage, Symptom::UrinaryLeakage],
                ..set(TODAY, "plank", 20, None)
            },
            set(TODAY, "plank", 20, None),
            SetRecord {
                red_flags: vec![RedFlag::Fever, RedFlag::Fever],
                ..set(date!(2026 - 11 - 29), "plank", 20, None)
            },
        ];
        let checkins = [
            CheckIn {
                symptoms: vec![Symptom::UrinaryLeakage, Symptom::PelvicHeaviness],
                mood: Some(4),
                sleep_hours: Some(6.5),
                rpe: Some(7),
                ..checkin(TODAY)
            },
            CheckIn {
                mood: Some(3),
                sleep_hours: Some(5.0),
                ..checkin(TODAY)
            },
            // Out of range: counted as a check-in, its figures left out.
            CheckIn {
                mood: Some(9),
                sleep_hours: Some(30.0),
                rpe: Some(8),
                ..checkin(date!(2026 - 11 - 28))
            },
            checkin(date!(2026 - 11 - 30)),
        ];
        let p = progress(&sets, &checkins, library(), None, TODAY);
        let s = &p.symptoms[0];
        assert_eq!(s.week_start, week);
        assert_eq!((s.sets, s.sets_with_symptoms), (3, 2));
        assert_eq!((s.checkins, s.checkins_with_symptoms), (3, 1));
        assert_eq!(
            s.by_symptom,
            BTreeMap::from([(Symptom::UrinaryLeakage, 2), (Symptom::PelvicHeaviness, 1)])
        );
        assert_eq!(s.red_flags, 1);
        let next = &p.symptoms[1];
        assert_eq!((next.sets, next.checkins, next.red_flags), (0, 1, 0));

        let m = &p.mood[0];
        assert_eq!((m.week_start, m.checkins), (week, 3));
        assert_eq!(m.mood, Some(3.5));
        assert_eq!(m.sleep_hours, Some(5.8)); // 5.75
        assert_eq!(m.rpe, Some(7.5));
        assert_eq!(
            (
                p.mood[1].checkins,
                p.mood[1].mood,
                p.mood[1].sleep_hours,
                p.mood[1].rpe
            ),
            (1, None, None, None)
        );

        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["symptoms"][0]["by_symptom"]["urinary_leakage"], 2);
        assert_eq!(json["symptoms"][0]["week_start"], "2026-11-23");
    }

    #[test]
    fn totals_count_sets_days_and_checkins_and_how_long_since() {
        let sets = [
            set(TODAY, "plank", 20, None),
            set(TODAY, "bodyweight_squat", 10, None),
            set(date!(2026 - 11 - 26), "plank", 20, None),
            set(date!(2026 - 11 - 27), "no_such_exercise", 5, None),
        ];
        let checkins = [checkin(date!(2026 - 11 - 28))];
        let p = progress(&sets, &checkins, library(), None, date!(2026 - 12 - 01));
        assert_eq!(
            p.totals,
            Totals {
                sets_logged: 4,
                sets_not_in_library: 1,
                days_trained: 3,
                checkins: 1,
                last_activity: Some(date!(2026 - 11 - 28)),
                days_since_last_activity: Some(3),
            }
        );
        assert!(p.exercises.iter().all(|e| e.id != "no_such_exercise"));
        assert_eq!(p.weekly_volume.iter().map(|v| v.sets).sum::<usize>(), 3);
        // The engine still gets the set; it passes over ids its library does not know.
        assert_eq!(training_log(&sets, &checkins).entries.len(), 4);

        let empty = progress(&[], &[], library(), None, TODAY);
        assert_eq!(empty.totals.last_activity, None);
        assert_eq!(empty.totals.days_since_last_activity, None);
        assert!(empty.exercises.is_empty() && empty.weekly_volume.is_empty());
        // Logged "tomorrow" (a phone ahead of the server): not a negative count.
        let ahead = progress(
            &[set(TODAY, "plank", 20, None)],
            &[],
            library(),
            None,
            TODAY - time::Duration::days(1),
        );
        assert_eq!(ahead.totals.days_since_last_activity, Some(0));
    }

    fn a_plan() -> plan::Plan<'static> {
        let profile = Profile::parse(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-09-01\"\ndelivery = \"vaginal\"\nbaby_sex = \"male\"\nbaby_birth_weight_kg = 3.6\n[health]\npostnatal_check_done = true\n[training]\nequipment = [\"baby\", \"car_seat\", \"kettlebell:8,12\"]\ncar_seat_kg = 4.0\n",
            ProfileFormat::Toml,
            TODAY,
        )
        .unwrap();
        let options = PlanOptions {
            weeks: 4,
            ..PlanOptions::for_profile(&profile)
        };
        match plan::generate(&profile, library(), &options, &TrainingLog::default()).unwrap() {
            PlanOutcome::Ready(plan) => *plan,
            PlanOutcome::Urgent(_) => panic!("expected a plan"),
        }
    }

    #[test]
    fn everyday_load_sets_the_plans_line_beside_the_heaviest_logged_carry_and_lift() {
        let plan = a_plan();
        assert_eq!(plan.start, TODAY);
        let week2 = date!(2026 - 12 - 01);
        let sets = [
            set(date!(2026 - 11 - 23), "kettlebell_deadlift", 5, Some(24.0)), // before the plan
            set(TODAY, "car_seat_carry", 20, Some(11.5)),
            set(TODAY, "bodyweight_squat", 10, None),
            set(week2, "goblet_squat_kettlebell", 10, Some(12.0)),
            set(week2, "kettlebell_deadlift", 8, Some(16.0)),
            set(week2, "kettlebell_suitcase_carry", 20, Some(8.0)),
            set(date!(2026 - 12 - 07), "kettlebell_deadlift", 5, Some(20.0)), // still week 2
            set(
                date!(2026 - 12 - 08),
                "kettlebell_floor_press",
                5,
                Some(30.0),
            ), // not a lift
        ];
        let p = progress(&sets, &[], library(), Some(&plan), TODAY);
        assert_eq!(p.everyday_load.len(), 4);
        for (point, week) in p.everyday_load.iter().zip(&plan.weeks) {
            let e = week.everyday_load.unwrap();
            assert_eq!((point.week, point.week_start), (week.week, week.starts));
            assert_eq!((point.baby_kg, point.total_kg), (e.baby_kg, e.total_kg));
            assert_eq!((point.carry_kg, point.lift_kg), (e.carry_kg, e.lift_kg));
        }
        let logged: Vec<(Option<f64>, Option<f64>)> = p
            .everyday_load
            .iter()
            .map(|pt| (pt.logged_carry_kg, pt.logged_lift_kg))
            .collect();
        assert_eq!(
            logged,
            [
                (Some(11.5), None),
                (Some(8.0), Some(20.0)),
                (None, None),
                (None, None)
            ]
        );
        // The baby grows, and the line with her.
        assert!(p.everyday_load[3].total_kg > p.everyday_load[0].total_kg);
        assert!(p.everyday_load[0].total_kg > 4.0);
        assert!(
            progress(&sets, &[], library(), None, TODAY)
                .everyday_load
                .is_empty()
        );
    }

    #[test]
    fn records_read_and_write_dates_as_yyyy_mm_dd() {
        let r: SetRecord =
            serde_json::from_str(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30}"#)
                .unwrap();
        assert_eq!(r, set(TODAY, "plank", 30, None));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["date"], "2026-11-24");
        let back: SetRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);

        let c: CheckIn = serde_json::from_str(
            r#"{"date": "2026-11-24", "symptoms": ["urinary_leakage"], "red_flags": ["fever"], "mood": 4, "sleep_hours": 6.5}"#,
        )
        .unwrap();
        assert_eq!(
            (c.symptoms[0], c.red_flags[0]),
            (Symptom::UrinaryLeakage, RedFlag::Fever)
        );
        assert_eq!(serde_json::to_value(&c).unwrap()["date"], "2026-11-24");

        let err = |text: &str| {
            serde_json::from_str::<SetRecord>(text)
                .unwrap_err()
                .to_string()
        };
        assert!(
            err(r#"{"date": "2026-02-30", "exercise": "plank", "reps": 30}"#)
                .contains("not a real calendar date")
        );
        assert!(
            err(r#"{"date": "1900-01-01", "exercise": "plank", "reps": 30}"#)
                .contains("out of range")
        );
        assert!(
            err(r#"{"date": 20261124, "exercise": "plank", "reps": 30}"#).contains("YYYY-MM-DD")
        );
        assert!(
            err(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30, "weight": 2}"#)
                .contains("unknown field")
        );
        assert!(err(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30, "symptoms": ["leaking"]}"#).contains("unknown value `leaking`"));
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let near = day_number(date!(2025 - 01 - 01))..=day_number(date!(2027 - 12 - 31));
        let all = day_number(Date::MIN)..=day_number(Date::MAX);
        prop_oneof![8 => near, 1 => all]
            .prop_map(|day| Date::from_julian_day(i32::try_from(day).unwrap_or(0)).unwrap_or(TODAY))
    }

    fn any_load() -> impl Strategy<Value = Option<f64>> {
        proptest::option::of(prop_oneof![4 => 0.0..40.0, 1 => any::<f64>()])
    }

    fn any_set() -> impl Strategy<Value = SetRecord> {
        let ids = vec![
            "goblet_squat_kettlebell",
            "kettlebell_deadlift",
            "bodyweight_squat",
            "plank",
            "car_seat_carry",
            "no_such_exercise",
        ];
        (
            any_date(),
            select(ids),
            prop_oneof![4 => 0u16..40, 1 => any::<u16>()],
            proptest::option::of(any::<u16>()),
            any_load(),
            proptest::option::of(any::<u8>()),
            proptest::collection::vec(select(Symptom::ALL), 0..3),
            proptest::collection::vec(select(RedFlag::ALL), 0..2),
        )
            .prop_map(
                |(date, exercise, reps, target_reps, load_kg, rpe, symptoms, red_flags)| {
                    SetRecord {
                        date,
                        exercise: exercise.to_owned(),
                        reps,
                        target_reps,
                        load_kg,
                        rpe,
                        symptoms,
                        red_flags,
                    }
                },
            )
    }

    fn any_checkin() -> impl Strategy<Value = CheckIn> {
        (
            any_date(),
            proptest::collection::vec(select(Symptom::ALL), 0..3),
            proptest::collection::vec(select(RedFlag::ALL), 0..2),
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u8>()),
            proptest::option::of(prop_oneof![0.0..12.0, any::<f64>()]),
        )
            .prop_map(
                |(date, symptoms, red_flags, rpe, mood, sleep_hours)| CheckIn {
                    date,
                    symptoms,
                    red_flags,
                    rpe,
                    mood,
                    sleep_hours,
                },
            )
    }

    fn shared_plan() -> &'static plan::Plan<'static> {
        static PLAN: std::sync::OnceLock<plan::Plan<'static>> = std::sync::OnceLock::new();
        PLAN.get_or_init(a_plan)
    }

    proptest! {
        #[test]
        fn training_log_never_panics_and_keeps_its_invariants(
            sets in proptest::collection::vec(any_set(), 0..80),
            checkins in proptest::collection::vec(any_checkin(), 0..20),
        ) {
            let log = training_log(&sets, &checkins);
            for (i, e) in log.entries.iter().enumerate() {
                prop_assert_eq!(e.line, i + 1);
                prop_assert!((1..=MAX_SETS).contains(&e.sets));
                prop_assert_eq!(usize::from(e.sets), e.reps.len());
                prop_assert!(e.reps.iter().all(|r| *r <= MAX_REPS));
                prop_assert!(e.load_kg.is_none_or(|kg| kg > 0.0 && kg <= MAX_LOAD_KG));
                prop_assert!(e.rpe.is_none_or(|r| (1..=10).contains(&r)));
                // Every warning sign of the day's check-ins reached the entry.
                for c in checkins.iter().filter(|c| c.date == e.date) {
                    prop_assert!(c.red_flags.iter().all(|f| e.red_flags.contains(f)));
                }
            }
            prop_assert!(log.entries.windows(2).all(|w| (w[0].date, w[0].line) < (w[1].date, w[1].line)));
            // Each (day, exercise) once, holding its sets up to the cap.
            let mut groups: BTreeMap<(Date, &str), usize> = BTreeMap::new();
            for s in &sets {
                *groups.entry((s.date, s.exercise.as_str())).or_default() += 1;
            }
            prop_assert_eq!(groups.len(), log.entries.len());
            for e in &log.entries {
                let n = groups[&(e.date, e.exercise.as_str())];
                prop_assert_eq!(usize::from(e.sets), n.min(usize::from(MAX_SETS)));
            }
        }

        #[test]
        fn progress_never_panics_and_counts_every_set_once(
            sets in proptest::collection::vec(any_set(), 0..80),
            checkins in proptest::collection::vec(any_checkin(), 0..20),
            today in any_date(),
            with_plan in any::<bool>(),
        ) {
            let plan = with_plan.then(shared_plan);
            let p = progress(&sets, &checkins, library(), plan, today);
            prop_assert_eq!(p.totals.sets_logged, sets.len());
            let mut expected: BTreeMap<(Date, Pattern), usize> = BTreeMap::new();
            let mut unknown = 0;
            for s in &sets {
                match library().get(&s.exercise) {
                    Some(ex) => *expected.entry((week_start(s.date), ex.pattern)).or_default() += 1,
                    None => unknown += 1,
                }
            }
            let got: BTreeMap<(Date, Pattern), usize> =
                p.weekly_volume.iter().map(|v| ((v.week_start, v.pattern), v.sets)).collect();
            prop_assert_eq!(got.len(), p.weekly_volume.len());
            prop_assert_eq!(got, expected);
            prop_assert_eq!(p.totals.sets_not_in_library, unknown);
            prop_assert_eq!(
                p.exercises.iter().map(|e| e.sets_logged).sum::<usize>(),
                sets.len() - unknown
            );
            prop_assert_eq!(p.symptoms.iter().map(|s| s.sets).sum::<usize>(), sets.len());
            prop_assert_eq!(p.symptoms.iter().map(|s| s.checkins).sum::<usize>(), checkins.len());
            prop_assert_eq!(p.mood.iter().map(|m| m.checkins).sum::<usize>(), checkins.len());
            prop_assert_eq!(p.everyday_load.len(), if with_plan { 4 } else { 0 });
            prop_assert!(p.weekly_volume.iter().all(|v| v.load_volume_kg.is_finite()));
            prop_assert!(serde_json::to_string(&p).is_ok());
            let _ = checkin_red_flags(&checkins, today, plan::RED_FLAG_LOOKBACK_DAYS);
        }
    }
}
