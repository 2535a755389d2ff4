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

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::library::Dose;
use crate::log::{LogEntry, MAX_LOAD_KG, MAX_REPS, MAX_SETS, TrainingLog};
use crate::profile::{EARLIEST_AS_OF, LATEST_AS_OF, parse_iso_date};
use crate::screening::iso;
use crate::vocab::{RedFlag, Symptom};

pub use super::progress::{
    BestSet, EverydayLoadPoint, ExerciseProgress, Progress, Totals, WeeklyBest, WeeklyMood,
    WeeklySymptoms, WeeklyVolume, progress,
};

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
pub(in crate::training) fn reps_of(set: &SetRecord) -> u16 {
    set.reps.min(MAX_REPS)
}

/// The load in kg, or `None` for bodyweight: a load that is not a positive number is no load.
pub(in crate::training) fn load_of(load_kg: Option<f64>) -> Option<f64> {
    load_kg
        .filter(|kg| kg.is_finite() && *kg > 0.0)
        .map(|kg| kg.min(MAX_LOAD_KG))
}

/// An effort rating from 1 to 10, or `None`.
pub(in crate::training) fn rpe_of(rpe: Option<u8>) -> Option<u8> {
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

/// Rounds to one decimal place, as the figures are shown.
pub(in crate::training) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Days since the start of the Julian calendar: date arithmetic that cannot overflow.
pub(in crate::training) fn day_number(date: Date) -> i64 {
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

#[cfg(test)]
mod tests;
