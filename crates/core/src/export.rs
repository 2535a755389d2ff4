//! Her logged sets in the layout other apps import: Strong's classic CSV export, so she can take
//! her history with her.
//!
//! Strong's classic header is `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,
//! Distance,Seconds,Notes,Workout Notes,RPE`, one row per set, the session's start repeated on
//! every row. The file does not say the weight unit; ours is always kilograms (the importing app
//! asks). We store days, not start times, so each day is one workout starting at 00:00:00.

use crate::library::{Dose, Library};
use crate::records::SetRecord;

/// Strong's classic header (variant A).
pub const STRONG_HEADER: &[&str] = &[
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
];

/// The sets as a Strong classic CSV, oldest first. Reps-dosed exercises fill `Reps`, holds fill
/// `Seconds`, carries fill `Distance` (in km, Strong's metric unit). Symptoms noticed during a
/// set go in its `Notes`, so they are not lost on the way. Exercises the library no longer knows
/// keep their id as the name.
pub fn strong_csv(sets: &[SetRecord], library: &Library) -> String {
    let mut sorted: Vec<&SetRecord> = sets.iter().collect();
    sorted.sort_by_key(|s| s.date);
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = out.write_record(STRONG_HEADER);
    let mut order: Vec<(time::Date, &str, u32)> = Vec::new();
    for set in sorted {
        let exercise = library.get(&set.exercise);
        let name = exercise.map_or(set.exercise.as_str(), |e| e.name.as_str());
        let dose = exercise.map_or(Dose::Reps, |e| e.dose);
        let n = match order
            .iter_mut()
            .find(|(d, e, _)| *d == set.date && *e == set.exercise)
        {
            Some(entry) => {
                entry.2 += 1;
                entry.2
            }
            None => {
                order.push((set.date, &set.exercise, 1));
                1
            }
        };
        let (reps, distance, seconds) = match dose {
            Dose::Reps => (set.reps.to_string(), String::new(), String::new()),
            Dose::Seconds => (String::new(), String::new(), set.reps.to_string()),
            Dose::Distance => (
                String::new(),
                format!("{}", f64::from(set.reps) / 1000.0),
                String::new(),
            ),
        };
        let mut notes: Vec<&str> = set.symptoms.iter().map(|s| s.as_str()).collect();
        notes.extend(set.red_flags.iter().map(|f| f.as_str()));
        let _ = out.write_record([
            format!("{} 00:00:00", set.date),
            "mumstrong".to_owned(),
            String::new(),
            name.to_owned(),
            n.to_string(),
            set.load_kg
                .map_or_else(|| "0".to_owned(), |kg| format!("{kg}")),
            reps,
            distance,
            seconds,
            if notes.is_empty() {
                String::new()
            } else {
                format!("symptoms: {}", notes.join(", "))
            },
            String::new(),
            set.rpe.map_or_else(String::new, |r| r.to_string()),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Symptom;
    use time::macros::date;

    fn set(date: time::Date, exercise: &str, reps: u16, load: Option<f64>) -> SetRecord {
        SetRecord {
            date,
            exercise: exercise.to_owned(),
            reps,
            target_reps: None,
            load_kg: load,
            rpe: Some(7),
            symptoms: Vec::new(),
            red_flags: Vec::new(),
        }
    }

    #[test]
    fn sets_become_strong_rows_with_set_order_per_day_and_exercise() {
        let library = Library::builtin();
        let hold = library
            .get("plank")
            .filter(|e| e.dose == Dose::Seconds)
            .map(|e| e.id.clone())
            .expect("plank is held for seconds");
        let mut leaky = set(date!(2026 - 11 - 02), "glute_bridge", 12, None);
        leaky.symptoms = vec![Symptom::UrinaryLeakage];
        let sets = vec![
            set(date!(2026 - 11 - 03), "goblet_squat", 10, Some(8.0)),
            set(date!(2026 - 11 - 02), "glute_bridge", 12, None),
            leaky,
            set(date!(2026 - 11 - 02), &hold, 30, None),
            set(date!(2026 - 11 - 03), "goblet_squat", 9, Some(8.0)),
        ];
        let csv = strong_csv(&sets, library);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], STRONG_HEADER.join(","));
        assert_eq!(lines.len(), 6);
        let bridge = library.get("glute_bridge").unwrap().name.clone();
        assert!(
            lines[1].starts_with(&format!(
                "2026-11-02 00:00:00,mumstrong,,{bridge},1,0,12,,,,,7"
            )),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(&format!("{bridge},2,0,12,,,symptoms: urinary_leakage,,7")),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].contains(",1,0,,,30,,,7"),
            "a hold fills Seconds: {}",
            lines[3]
        );
        assert!(lines[5].contains(",2,8,9,,,,,7"), "{}", lines[5]);
    }
}
