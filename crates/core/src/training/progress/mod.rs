//! Progress figures for charts: per exercise, per ISO week and per pattern, from the stored sets
//! and check-ins (see [`crate::records`]).

mod tally;

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::library::{Dose, Library, Pattern};
use crate::plan::Plan;
use crate::records::{CheckIn, SetRecord};
use crate::screening::iso;
use crate::vocab::Symptom;

use tally::Tally;

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
    /// The best estimated one-repetition maximum (Epley, see [`estimated_1rm_kg`](crate::records::estimated_1rm_kg)), if any set
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
    let mut tally = Tally::new(library, plan);
    for set in sets {
        tally.add_set(set);
    }
    for checkin in checkins {
        tally.add_checkin(checkin);
    }
    tally.finish(sets.len(), checkins.len(), plan, today)
}

#[cfg(test)]
mod tests;
