//! The one pass over the sets and check-ins that gathers the figures, then turns them into
//! [`Progress`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use time::Date;

use super::{
    BestSet, EverydayLoadPoint, ExerciseProgress, Progress, Totals, WeeklyBest, WeeklyMood,
    WeeklySymptoms, WeeklyVolume,
};
use crate::library::{Dose, Exercise, Library, Pattern};
use crate::plan::Plan;
use crate::training::records::{
    CheckIn, SetRecord, day_number, dose_unit, estimated_1rm_kg, load_of, reps_of, round1, rpe_of,
    week_start,
};
use crate::vocab::{RedFlag, Symptom};

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

impl<'l> ExerciseAcc<'l> {
    fn new(exercise: &'l Exercise, date: Date) -> Self {
        ExerciseAcc {
            exercise,
            sets: 0,
            first: date,
            last: date,
            best: None,
            weeks: BTreeMap::new(),
        }
    }

    /// Counts one set of `reps` with `load` (kg) on `date`, in the ISO week starting `week`.
    fn add(&mut self, date: Date, week: Date, reps: u16, load: Option<f64>) {
        let e1rm = match self.exercise.dose {
            Dose::Reps => load.and_then(|kg| estimated_1rm_kg(kg, reps)),
            Dose::Seconds | Dose::Distance => None,
        };
        let this = BestSet {
            date,
            reps,
            load_kg: load.map(round1),
            estimated_1rm_kg: e1rm.map(round1),
        };
        self.sets += 1;
        self.first = self.first.min(date);
        self.last = self.last.max(date);
        if self
            .best
            .is_none_or(|(best, best_e1rm)| beats((&this, e1rm), (&best, best_e1rm)))
        {
            self.best = Some((this, e1rm));
        }
        let (week_e1rm, week_reps) = self.weeks.entry(week).or_insert((None, 0));
        if let Some(e) = e1rm {
            *week_e1rm = Some(week_e1rm.map_or(e, |old: f64| old.max(e)));
        }
        *week_reps = (*week_reps).max(reps);
    }

    /// The exercise's figures; `None` if it has no set.
    fn figures(self) -> Option<ExerciseProgress> {
        let (best_set, best_e1rm) = self.best?;
        let unit = dose_unit(self.exercise.dose);
        let by_kg = best_e1rm.is_some();
        let weekly_best = self
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
            id: self.exercise.id.clone(),
            name: self.exercise.name.clone(),
            pattern: self.exercise.pattern,
            dose: self.exercise.dose,
            unit,
            sets_logged: self.sets,
            first_date: self.first,
            last_date: self.last,
            best_set,
            estimated_1rm_kg: best_set.estimated_1rm_kg,
            weekly_best_unit: if by_kg { "kg" } else { unit },
            weekly_best,
        })
    }
}

/// Everything counted so far, keyed by exercise and by ISO week (its Monday).
pub(super) struct Tally<'s, 'l> {
    library: &'l Library,
    /// Each exercise id seen, with its place in `exercises` (`None`: not in the library).
    known: HashMap<&'s str, Option<usize>>,
    exercises: Vec<ExerciseAcc<'l>>,
    volume: BTreeMap<(Date, Pattern), VolumeAcc>,
    symptoms: BTreeMap<Date, SymptomAcc>,
    mood: BTreeMap<Date, MoodAcc>,
    days: HashSet<Date>,
    last_activity: Option<Date>,
    not_in_library: usize,
    /// The first days of the plan weeks with an everyday load (in order), for the heaviest
    /// carry and lift she logged in each.
    plan_weeks: Vec<i64>,
    /// Per plan week in `plan_weeks`: the heaviest carry and lift she logged.
    logged: Vec<(Option<f64>, Option<f64>)>,
}

impl<'s, 'l> Tally<'s, 'l> {
    /// Nothing counted yet; `plan` gives the weeks of the everyday-load line.
    pub(super) fn new(library: &'l Library, plan: Option<&Plan<'_>>) -> Self {
        let plan_weeks: Vec<i64> = plan
            .into_iter()
            .flat_map(|p| &p.weeks)
            .filter(|w| w.everyday_load.is_some())
            .map(|w| day_number(w.starts))
            .collect();
        Tally {
            library,
            known: HashMap::new(),
            exercises: Vec::new(),
            volume: BTreeMap::new(),
            symptoms: BTreeMap::new(),
            mood: BTreeMap::new(),
            days: HashSet::new(),
            last_activity: None,
            not_in_library: 0,
            logged: vec![(None, None); plan_weeks.len()],
            plan_weeks,
        }
    }

    /// Counts one set: its week's symptoms always; its exercise, volume and everyday load when
    /// the library knows the exercise.
    pub(super) fn add_set(&mut self, set: &'s SetRecord) {
        self.days.insert(set.date);
        self.last_activity = self.last_activity.max(Some(set.date));
        let week = week_start(set.date);
        let s = self.symptoms.entry(week).or_default();
        s.sets += 1;
        if s.count(&set.symptoms, &set.red_flags) {
            s.sets_with += 1;
        }

        let slot = self.exercise_slot(set);
        let Some(acc) = slot.and_then(|i| self.exercises.get_mut(i)) else {
            self.not_in_library += 1;
            return;
        };
        let exercise = acc.exercise;
        let reps = reps_of(set);
        let load = load_of(set.load_kg);
        acc.add(set.date, week, reps, load);
        self.add_volume(week, exercise, reps, load);
        if let Some(kg) = load {
            self.add_everyday_load(set.date, exercise.pattern, kg);
        }
    }

    /// The place of the set's exercise in `exercises`, added on first sight; `None` when the
    /// library does not know it.
    fn exercise_slot(&mut self, set: &'s SetRecord) -> Option<usize> {
        if let Some(slot) = self.known.get(set.exercise.as_str()) {
            return *slot;
        }
        let slot = self.library.get(&set.exercise).map(|exercise| {
            self.exercises.push(ExerciseAcc::new(exercise, set.date));
            self.exercises.len() - 1
        });
        self.known.insert(&set.exercise, slot);
        slot
    }

    /// Adds a set to its week's volume for the exercise's pattern, in the exercise's dose.
    fn add_volume(&mut self, week: Date, exercise: &Exercise, reps: u16, load: Option<f64>) {
        let v = self.volume.entry((week, exercise.pattern)).or_default();
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
    }

    /// A loaded carry, squat or hinge on `date` raises the heaviest of its plan week, if `date`
    /// falls in a plan week with an everyday load.
    fn add_everyday_load(&mut self, date: Date, pattern: Pattern, kg: f64) {
        let lift = matches!(pattern, Pattern::Squat | Pattern::Hinge);
        if !(lift || pattern == Pattern::Carry) {
            return;
        }
        let day = day_number(date);
        let after = self.plan_weeks.partition_point(|starts| *starts <= day);
        if let Some(w) = after.checked_sub(1)
            && self
                .plan_weeks
                .get(w)
                .is_some_and(|starts| day < starts + 7)
            && let Some((carry, lifted)) = self.logged.get_mut(w)
        {
            let heaviest = if lift { lifted } else { carry };
            *heaviest = Some(heaviest.map_or(kg, |old| old.max(kg)));
        }
    }

    /// Counts one check-in: its week's symptoms, mood, sleep and effort.
    pub(super) fn add_checkin(&mut self, checkin: &CheckIn) {
        self.last_activity = self.last_activity.max(Some(checkin.date));
        let week = week_start(checkin.date);
        let s = self.symptoms.entry(week).or_default();
        s.checkins += 1;
        if s.count(&checkin.symptoms, &checkin.red_flags) {
            s.checkins_with += 1;
        }
        let m = self.mood.entry(week).or_default();
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

    /// The figures counted, for `sets` sets and `checkins` check-ins in all, as of `today`.
    pub(super) fn finish(
        self,
        sets: usize,
        checkins: usize,
        plan: Option<&Plan<'_>>,
        today: Date,
    ) -> Progress {
        let mut exercises: Vec<ExerciseProgress> = self
            .exercises
            .into_iter()
            .filter_map(ExerciseAcc::figures)
            .collect();
        exercises.sort_by(|a, b| (a.pattern, &a.name, &a.id).cmp(&(b.pattern, &b.name, &b.id)));
        let last_activity = self.last_activity;
        Progress {
            totals: Totals {
                sets_logged: sets,
                sets_not_in_library: self.not_in_library,
                days_trained: self.days.len(),
                checkins,
                last_activity,
                days_since_last_activity: last_activity
                    .map(|last| (day_number(today) - day_number(last)).max(0)),
            },
            exercises,
            weekly_volume: weekly_volume(self.volume),
            symptoms: weekly_symptoms(self.symptoms),
            mood: weekly_mood(self.mood),
            everyday_load: everyday_load(plan, self.logged),
        }
    }
}

fn weekly_volume(volume: BTreeMap<(Date, Pattern), VolumeAcc>) -> Vec<WeeklyVolume> {
    volume
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
        .collect()
}

fn weekly_symptoms(symptoms: BTreeMap<Date, SymptomAcc>) -> Vec<WeeklySymptoms> {
    symptoms
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
        .collect()
}

fn weekly_mood(mood: BTreeMap<Date, MoodAcc>) -> Vec<WeeklyMood> {
    mood.into_iter()
        .map(|(week_start, m)| WeeklyMood {
            week_start,
            checkins: m.checkins,
            mood: m.mood.get(),
            sleep_hours: m.sleep.get(),
            rpe: m.rpe.get(),
        })
        .collect()
}

/// The plan's everyday-load weeks beside the heaviest carry and lift `logged` in each.
fn everyday_load(
    plan: Option<&Plan<'_>>,
    logged: Vec<(Option<f64>, Option<f64>)>,
) -> Vec<EverydayLoadPoint> {
    plan.into_iter()
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
        .collect()
}
