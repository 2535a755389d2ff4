//! Importing history from Strong, Hevy, FitNotes and mumstrong's own export: every sample in
//! `examples/imports/` read exactly (sessions, sets, units, mappings, preview, records), the
//! errors she can meet (each naming its line and column), the exercise-name mapping, and a
//! property test that no mangled file makes the importer panic.

use mumstrong_core::import::{
    ALIASES, FUZZY_THRESHOLD, Import, ImportError, ImportErrorKind, ImportFormat, ImportOptions,
    KG_PER_LB, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, Mapping, MatchKind, WeightUnit, detect,
    map_exercise, parse,
};
use mumstrong_core::library::Library;
use mumstrong_core::records::training_log;
use mumstrong_core::vocab::Symptom;
use proptest::prelude::*;
use time::PrimitiveDateTime;
use time::macros::{date, datetime};

const STRONG_CLASSIC: &str = include_str!("../../../../examples/imports/strong-classic.csv");
const STRONG_SHORT: &str = include_str!("../../../../examples/imports/strong-short.csv");
const STRONG_UNITS: &str = include_str!("../../../../examples/imports/strong-units.csv");
const STRONG_SEMICOLON: &str = include_str!("../../../../examples/imports/strong-semicolon.csv");
const STRONG_SEMICOLON_LBS: &str =
    include_str!("../../../../examples/imports/strong-semicolon-lbs.csv");
const HEVY_KG: &str = include_str!("../../../../examples/imports/hevy-kg.csv");
const HEVY_LB: &str = include_str!("../../../../examples/imports/hevy-lb.csv");
const FITNOTES: &str = include_str!("../../../../examples/imports/fitnotes.csv");
const FITNOTES_LBS: &str = include_str!("../../../../examples/imports/fitnotes-lbs-no-comment.csv");
const MUMSTRONG: &str = include_str!("../../../../examples/imports/mumstrong-export.json");
const BAD_TRUNCATED: &str = include_str!("../../../../examples/imports/bad-truncated-row.csv");
const BAD_DATE: &str = include_str!("../../../../examples/imports/bad-date.csv");
const BAD_HEADER: &str = include_str!("../../../../examples/imports/bad-unknown-header.csv");

const SAMPLES: [(&str, ImportFormat); 10] = [
    (STRONG_CLASSIC, ImportFormat::StrongClassic),
    (STRONG_SHORT, ImportFormat::StrongShort),
    (STRONG_UNITS, ImportFormat::StrongUnits),
    (STRONG_SEMICOLON, ImportFormat::StrongSemicolonKg),
    (STRONG_SEMICOLON_LBS, ImportFormat::StrongSemicolonLb),
    (HEVY_KG, ImportFormat::HevyMetric),
    (HEVY_LB, ImportFormat::HevyImperial),
    (FITNOTES, ImportFormat::FitNotesKg),
    (FITNOTES_LBS, ImportFormat::FitNotesLb),
    (MUMSTRONG, ImportFormat::Mumstrong),
];

fn library() -> &'static Library {
    Library::builtin()
}

fn kg() -> ImportOptions {
    ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    }
}

fn import(text: &str, options: &ImportOptions) -> Import {
    let format = detect(text).unwrap_or_else(|e| panic!("{e}"));
    parse(text, format, options, library()).unwrap_or_else(|e| panic!("{e}"))
}

fn import_err(text: &str, format: ImportFormat, options: &ImportOptions) -> ImportError {
    parse(text, format, options, library()).expect_err("expected an error")
}

fn lib(id: &str, score: f32, how: MatchKind) -> Mapping {
    Mapping::Library {
        id: id.to_owned(),
        score,
        how,
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Every set, compactly, one string each: `line: name [type index], values…`.
fn rows(import: &Import) -> Vec<String> {
    import
        .sets()
        .map(|(_, s)| {
            let mut parts = vec![format!(
                "{}: {} [{:?} {}]",
                s.line, s.exercise_name, s.set_type, s.set_index
            )];
            if let Some(reps) = s.reps {
                parts.push(format!("{reps} reps"));
            }
            if let Some(kg) = s.weight_kg {
                parts.push(format!("{kg} kg"));
            }
            if let Some(seconds) = s.seconds {
                parts.push(format!("{seconds} s"));
            }
            if let Some(m) = s.distance_m {
                parts.push(format!("{m} m"));
            }
            if let Some(rpe) = s.rpe {
                parts.push(format!("rpe {rpe}"));
            }
            parts.join(", ")
        })
        .collect()
}

fn starts(import: &Import) -> Vec<(PrimitiveDateTime, Option<&str>, Option<u32>)> {
    import
        .sessions
        .iter()
        .map(|s| (s.started, s.name.as_deref(), s.duration_seconds))
        .collect()
}

#[test]
fn every_sample_is_detected() {
    for (text, format) in SAMPLES {
        assert_eq!(detect(text), Ok(format), "{format:?}");
    }
    assert!(ImportFormat::StrongClassic.needs_unit());
    assert!(!ImportFormat::StrongUnits.needs_unit());
    assert_eq!(ImportFormat::HevyImperial.unit(), Some(WeightUnit::Lb));
    for format in ImportFormat::ALL {
        assert_eq!(ImportFormat::from_word(format.as_str()), Some(format));
        let json = serde_json::to_value(format).unwrap();
        assert_eq!(json, format.as_str());
    }
}

#[test]
fn strong_classic_sessions_sets_and_rest_timers() {
    let import = import(STRONG_CLASSIC, &kg());
    assert_eq!(import.format, ImportFormat::StrongClassic);
    assert_eq!((import.rows_read, import.rows_skipped), (13, 1));
    // Two sessions on one day, told apart by their start.
    assert_eq!(
        starts(&import),
        vec![
            (
                datetime!(2025-03-04 09:15),
                Some("Postnatal A"),
                Some(35 * 60)
            ),
            (
                datetime!(2025-03-04 19:30),
                Some("Evening, with the buggy"),
                Some(3900)
            ),
            (
                datetime!(2025-03-06 09:00),
                Some("Postnatal B"),
                Some(29 * 60)
            ),
        ]
    );
    assert_eq!(
        import.sessions[0].notes.as_deref(),
        Some("week 10, felt good")
    );
    assert_eq!(
        rows(&import),
        vec![
            "2: Goblet Squat (Kettlebell) [Warmup 1], 10 reps, 8 kg",
            "3: Goblet Squat (Kettlebell) [Normal 2], 10 reps, 12 kg, rpe 6",
            // `10.0` reps are ten reps; line 5 was the rest timer.
            "4: Goblet Squat (Kettlebell) [Normal 3], 10 reps, 12 kg, rpe 7",
            "6: Plank [Normal 1], 30 s",
            "7: Romanian Deadlift (Dumbbell) [Normal 1], 12 reps, 10 kg, rpe 7",
            "8: Romanian Deadlift (Dumbbell) [Drop 2], 12 reps, 6 kg, rpe 8",
            "9: Squat, Holding Baby [Normal 1], 8 reps",
            // Distance in km for a kg export: 0.04 km.
            "10: Farmer Walk [Normal 1], 8 kg, 45 s, 40 m",
            "11: Bicep Curl (Dumbbell) [Normal 1], 20 reps, 5 kg",
            "12: Bicep Curl (Dumbbell) [Failure 2], 14 reps, 5 kg, rpe 9",
            "13: Leg Press [Normal 1], 20 reps, 40 kg",
            "14: Hip Thrust (Barbell) [Normal 1], 10 reps, 30 kg",
        ]
    );
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert_eq!(sets[3].notes.as_deref(), Some("from knees, no doming"));
    assert_eq!(sets[9].notes.as_deref(), Some("to failure, \"no\" leaking"));
    assert_eq!(
        sets[0].exercise,
        lib("goblet_squat_kettlebell", 1.0, MatchKind::Alias)
    );
    assert_eq!(
        sets[6].exercise,
        lib("squat_holding_baby", 1.0, MatchKind::Exact)
    );
    assert_eq!(sets[8].exercise, Mapping::Custom);
    assert_eq!(
        sets[11].exercise,
        lib("barbell_hip_thrust", 1.0, MatchKind::Alias)
    );

    let summary = import.summary();
    assert_eq!(
        (summary.sessions, summary.sets, summary.library_sets),
        (3, 12, 10)
    );
    assert_eq!(summary.first, Some(datetime!(2025-03-04 09:15)));
    assert_eq!(summary.last, Some(datetime!(2025-03-06 09:00)));
    assert_eq!(summary.unmapped, vec!["Bicep Curl (Dumbbell)"]);
    let counts: Vec<(&str, usize, Option<&str>)> = summary
        .exercises
        .iter()
        .map(|e| (e.name.as_str(), e.sets, e.mapping.id()))
        .collect();
    assert_eq!(
        counts,
        vec![
            (
                "Goblet Squat (Kettlebell)",
                3,
                Some("goblet_squat_kettlebell")
            ),
            ("Bicep Curl (Dumbbell)", 2, None),
            (
                "Romanian Deadlift (Dumbbell)",
                2,
                Some("dumbbell_romanian_deadlift")
            ),
            ("Farmer Walk", 1, Some("dumbbell_farmer_carry")),
            ("Hip Thrust (Barbell)", 1, Some("barbell_hip_thrust")),
            ("Leg Press", 1, Some("leg_press")),
            ("Plank", 1, Some("plank")),
            ("Squat, Holding Baby", 1, Some("squat_holding_baby")),
        ]
    );
    assert_eq!(
        summary.exercises[0].library_name.as_deref(),
        Some("Goblet squat (kettlebell)")
    );
    assert!(summary.suspicious.is_empty(), "{:?}", summary.suspicious);

    // Records: no warm-up, no custom exercise; holds in seconds, carries in metres; the barbell
    // load goes to the barbell hip thrust, the leg press's to the leg press.
    let records = import.to_set_records();
    let got: Vec<(&str, u16, Option<f64>, Option<u8>)> = records
        .iter()
        .map(|r| (r.exercise.as_str(), r.reps, r.load_kg, r.rpe))
        .collect();
    assert_eq!(
        got,
        vec![
            ("goblet_squat_kettlebell", 10, Some(12.0), Some(6)),
            ("goblet_squat_kettlebell", 10, Some(12.0), Some(7)),
            ("plank", 30, None, None),
            ("dumbbell_romanian_deadlift", 12, Some(10.0), Some(7)),
            ("dumbbell_romanian_deadlift", 12, Some(6.0), Some(8)),
            ("squat_holding_baby", 8, None, None),
            ("dumbbell_farmer_carry", 40, Some(8.0), None),
            ("leg_press", 20, Some(40.0), None),
            ("barbell_hip_thrust", 10, Some(30.0), None),
        ]
    );
    assert_eq!(records[0].date, date!(2025 - 03 - 04));
    assert_eq!(records[7].date, date!(2025 - 03 - 06));
    // The engine reads them: one entry per exercise and day.
    let log = training_log(&records, &[]);
    assert_eq!(log.entries.len(), 7);
    assert_eq!(log.entries[0].reps, vec![10, 10]);
}

#[test]
fn strong_classic_in_pounds_converts_weights_and_reads_miles() {
    let options = ImportOptions {
        unit: Some(WeightUnit::Lb),
        ..ImportOptions::default()
    };
    let import = import(STRONG_CLASSIC, &options);
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert!(close(sets[1].weight_kg, 12.0 * KG_PER_LB));
    assert!(close(sets[7].weight_kg, 8.0 * KG_PER_LB));
    assert!(close(sets[7].distance_m, 0.04 * 1609.344));
}

#[test]
fn strong_classic_without_a_unit_asks_for_one() {
    for text in [STRONG_CLASSIC, STRONG_SHORT] {
        let format = detect(text).unwrap();
        let e = import_err(text, format, &ImportOptions::default());
        assert_eq!(e.kind, ImportErrorKind::UnitNeeded);
        assert_eq!((e.line, e.column.as_str()), (Some(1), "Weight"));
        assert!(e.message.contains("`--unit kg` or `--unit lb`"), "{e}");
    }
}

#[test]
fn strong_short_reads_holds_and_reps() {
    let import = import(STRONG_SHORT, &kg());
    assert_eq!(
        starts(&import),
        vec![(datetime!(2025-04-01 08:00), Some("Quick core"), Some(1200))]
    );
    let got: Vec<_> = import
        .to_set_records()
        .into_iter()
        .map(|r| (r.exercise, r.reps, r.rpe))
        .collect();
    assert_eq!(
        got,
        vec![
            ("dead_bug".to_owned(), 10, Some(5)),
            ("dead_bug".to_owned(), 10, Some(6)),
            ("side_plank".to_owned(), 25, Some(7)),
            ("glute_bridge".to_owned(), 15, None),
        ]
    );
}

#[test]
fn strong_with_units_mixes_kg_and_lbs_in_any_column_order() {
    // Pounds on two rows; no unit given: the rows say theirs.
    let import = import(STRONG_UNITS, &ImportOptions::default());
    assert_eq!(
        starts(&import),
        vec![(
            datetime!(2024-11-02 10:00),
            Some("Home strength"),
            Some(2700)
        )]
    );
    let got = rows(&import);
    assert_eq!(
        got[..2],
        [
            "2: Deadlift (Kettlebell) [Normal 1], 10 reps, 12 kg, rpe 6",
            "3: Deadlift (Kettlebell) [Normal 2], 8 reps, 16 kg, rpe 7",
        ]
    );
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert!(close(sets[2].weight_kg, 20.0 * KG_PER_LB));
    assert_eq!(sets[2].notes.as_deref(), Some("per hand"));
    assert!(close(sets[3].weight_kg, 25.0 * KG_PER_LB));
    assert_eq!(
        (sets[3].seconds, sets[3].distance_m),
        (Some(60), Some(100.0))
    );
    // 1.5 miles of running: a seconds-dosed run-walk, 900 s.
    assert!(close(sets[4].distance_m, 1.5 * 1609.344));
    assert_eq!(
        sets[4].exercise,
        lib("run_walk_intervals", 0.6, MatchKind::Alias)
    );
    // "Running" as the walk-run is a 60 % guess: it stays her own exercise (out of the records
    // her programme and her physio's report read) until she picks it.
    assert!(sets[4].exercise.is_guess() && sets[4].exercise.sure_id().is_none());
    let records = import.to_set_records();
    assert_eq!(records.len(), 4);
    assert_eq!(records[3].reps, 100);
}

#[test]
fn strong_semicolon_with_bom_crlf_and_decimal_commas() {
    let import = import(STRONG_SEMICOLON, &ImportOptions::default());
    assert_eq!((import.rows_read, import.rows_skipped), (6, 1));
    assert_eq!(
        starts(&import),
        vec![
            (datetime!(2025-03-04 09:15), Some("Postnatal A"), Some(2100)),
            (datetime!(2025-03-06 18:00), Some("Postnatal B"), Some(1800)),
        ]
    );
    assert_eq!(import.sessions[1].notes.as_deref(), Some("leaking? no"));
    assert_eq!(
        rows(&import),
        vec![
            "2: Goblet Squat (Kettlebell) [Warmup 1], 10 reps, 8 kg",
            "3: Goblet Squat (Kettlebell) [Normal 2], 10 reps, 12 kg, rpe 6",
            "5: Goblet Squat (Kettlebell) [Normal 3], 9 reps, 12.5 kg, rpe 7.5",
            // `Distance (meters)`.
            "6: Farmer Walk [Normal 1], 10 kg, 40 m",
            "7: Side Plank (Knees) [Normal 1], 20 s",
        ]
    );
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert_eq!(
        sets[4].exercise,
        lib("side_plank_on_knees", 1.0, MatchKind::Alias)
    );
    // RPE 7.5 rounds up to 8 for the engine.
    assert_eq!(import.to_set_records()[1].rpe, Some(8));

    let lbs = self::import(STRONG_SEMICOLON_LBS, &kg());
    let sets: Vec<_> = lbs.sets().map(|(_, s)| s).collect();
    // The header says lbs: her `kg` choice does not override the file.
    assert!(close(sets[0].weight_kg, 25.0 * KG_PER_LB));
    assert!(close(sets[1].weight_kg, 27.5 * KG_PER_LB));
    assert_eq!(
        sets[0].exercise,
        lib("goblet_squat_dumbbell", 1.0, MatchKind::Alias)
    );
}

#[test]
fn strong_workout_numbers_separate_sessions_with_one_start() {
    let text = "\"Workout #\";\"Date\";\"Workout Name\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\"\n\
                \"1\";\"2025-03-04 09:15:00\";\"A\";\"Plank\";\"1\";\"\";\"\"\n\
                \"2\";\"2025-03-04 09:15:00\";\"A\";\"Plank\";\"1\";\"\";\"\"\n\
                \"1\";\"2025-03-04 09:15:00\";\"A\";\"Dead Bug\";\"1\";\"\";\"8\"\n";
    let import = import(text, &kg());
    let lines: Vec<Vec<usize>> = import
        .sessions
        .iter()
        .map(|s| s.sets.iter().map(|x| x.line).collect())
        .collect();
    assert_eq!(lines, vec![vec![2, 4], vec![3]]);
}

#[test]
fn hevy_dates_supersets_and_fractional_effort() {
    let import = import(HEVY_KG, &ImportOptions::default());
    // Four date styles, sorted oldest first; durations from end minus start.
    assert_eq!(
        starts(&import),
        vec![
            (datetime!(2024-02-01 07:00), Some("Old"), Some(2400)),
            (datetime!(2025-01-01 19:30), Some("Evening"), Some(2100)),
            (datetime!(2025-03-04 09:15), Some("Postnatal B"), Some(2220)),
            (datetime!(2025-06-05 07:30), Some("Morning"), Some(1800)),
        ]
    );
    assert_eq!(import.sessions[2].notes.as_deref(), Some("week 10 pp"));
    assert_eq!(
        rows(&import),
        vec![
            "11: Push Up (Knees) [Normal 1], 12 reps",
            "8: Lat Pulldown (Cable) [Normal 1], 12 reps, 25 kg, rpe 7.5",
            "9: Lat Pulldown (Cable) [Failure 2], 9 reps, 25 kg, rpe 10",
            "2: Glute Bridge [Warmup 1], 12 reps",
            "3: Glute Bridge [Normal 2], 15 reps, rpe 6",
            "4: Hip Thrust (Barbell) [Normal 1], 10 reps, 30 kg, rpe 7",
            "5: Hip Thrust (Barbell) [Drop 2], 12 reps, 20 kg, rpe 8.5",
            "6: Dead Bug [Normal 1], 10 reps",
            "7: Farmer Walk [Normal 1], 10 kg, 45 s, 40 m",
            "10: Plank [Normal 1], 60 s",
        ]
    );
    let supersets: Vec<(&str, Option<u32>)> = import.sessions[2]
        .sets
        .iter()
        .map(|s| (s.exercise_name.as_str(), s.superset))
        .collect();
    assert_eq!(
        supersets,
        vec![
            ("Glute Bridge", None),
            ("Glute Bridge", None),
            ("Hip Thrust (Barbell)", Some(1)),
            ("Hip Thrust (Barbell)", Some(1)),
            ("Dead Bug", Some(1)),
            ("Farmer Walk", None),
        ]
    );
    assert_eq!(
        import.sessions[2].sets[2].notes.as_deref(),
        Some("no leaking")
    );
    let records = import.to_set_records();
    let got: Vec<(&str, u16, Option<f64>, Option<u8>)> = records
        .iter()
        .map(|r| (r.exercise.as_str(), r.reps, r.load_kg, r.rpe))
        .collect();
    assert_eq!(
        got,
        vec![
            ("knee_press_up", 12, None, None),
            // A cable pulldown keeps its stack's kilograms; 7.5 rounds up.
            ("lat_pulldown", 12, Some(25.0), Some(8)),
            ("lat_pulldown", 9, Some(25.0), Some(10)),
            ("glute_bridge", 15, None, Some(6)),
            // The barbell's load is the barbell hip thrust's.
            ("barbell_hip_thrust", 10, Some(30.0), Some(7)),
            ("barbell_hip_thrust", 12, Some(20.0), Some(9)),
            ("dead_bug", 10, None, None),
            ("dumbbell_farmer_carry", 40, Some(10.0), None),
            ("plank", 60, None, None),
        ]
    );
}

#[test]
fn hevy_in_pounds_and_miles_with_a_suspicious_load() {
    let import = import(HEVY_LB, &ImportOptions::default());
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert!(close(sets[0].weight_kg, 25.0 * KG_PER_LB));
    assert!(close(sets[2].distance_m, 160.9344));
    assert_eq!(sets[2].seconds, Some(120));
    let summary = import.summary();
    assert_eq!(summary.suspicious.len(), 1);
    let odd = &summary.suspicious[0];
    assert_eq!(
        (odd.line, odd.exercise_name.as_str(), odd.field),
        (5, "Deadlift (Barbell)", "weight_kg")
    );
    assert!((odd.value - 600.0 * KG_PER_LB).abs() < 1e-9);
    assert!(
        odd.message.starts_with("272.2 kg is more than 250 kg"),
        "{}",
        odd.message
    );
    // Walking lunges are dosed in metres: 161.
    let records = import.to_set_records();
    assert_eq!(
        (records[2].exercise.as_str(), records[2].reps),
        ("walking_lunge", 161)
    );
}

#[test]
fn fitnotes_with_and_without_comment() {
    let import = import(FITNOTES, &ImportOptions::default());
    assert_eq!(
        starts(&import),
        vec![
            (datetime!(2025-03-04 00:00), None, None),
            (datetime!(2025-03-05 00:00), None, None),
        ]
    );
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert_eq!(sets[0].notes.as_deref(), Some("felt stable"));
    assert_eq!(
        sets[0].exercise,
        lib("goblet_squat_kettlebell", 0.9, MatchKind::Alias)
    );
    assert_eq!((sets[1].set_index, sets[1].weight_kg), (2, Some(12.0)));
    assert_eq!(sets[2].seconds, Some(60));
    assert_eq!(
        (sets[3].seconds, sets[3].distance_m),
        (Some(1800), Some(2500.0))
    );
    assert_eq!(sets[3].exercise, Mapping::Custom);
    assert_eq!(
        sets[4].exercise,
        lib("pf_long_holds_lying", 0.8, MatchKind::Alias)
    );
    assert_eq!(import.summary().unmapped, vec!["Walking"]);

    let lbs = self::import(FITNOTES_LBS, &ImportOptions::default());
    assert_eq!(lbs.sessions[0].started, datetime!(2025-03-04 00:00));
    let sets: Vec<_> = lbs.sets().map(|(_, s)| s).collect();
    assert!(close(sets[0].weight_kg, 20.0 * KG_PER_LB));
    assert_eq!(
        sets[0].exercise,
        lib("dumbbell_romanian_deadlift", 1.0, MatchKind::Alias)
    );
    // Flat Barbell Bench Press: the library has the barbell bench press.
    assert_eq!(
        sets[1].exercise,
        lib("barbell_bench_press", 0.8, MatchKind::Fuzzy)
    );
}

#[test]
fn mumstrong_export_round_trips_into_records() {
    let import = import(MUMSTRONG, &ImportOptions::default());
    assert_eq!((import.rows_read, import.rows_skipped), (5, 0));
    assert_eq!(
        starts(&import),
        vec![
            (datetime!(2026-11-24 00:00), None, None),
            (datetime!(2026-11-26 00:00), None, None),
        ]
    );
    let sets: Vec<_> = import.sets().map(|(_, s)| s).collect();
    assert_eq!(
        sets[0].exercise,
        lib("goblet_squat_kettlebell", 1.0, MatchKind::Exact)
    );
    // The dose decides where `reps` goes.
    assert_eq!((sets[2].reps, sets[2].seconds), (None, Some(30)));
    assert_eq!((sets[3].reps, sets[3].distance_m), (None, Some(40.0)));
    // Not a library id: custom, never guessed.
    assert_eq!(sets[4].exercise, Mapping::Custom);
    let records = import.to_set_records();
    assert_eq!(records.len(), 4);
    assert_eq!(records[1].symptoms, vec![Symptom::UrinaryLeakage]);
    assert_eq!(
        (
            records[1].reps,
            records[1].target_reps,
            records[1].load_kg,
            records[1].rpe
        ),
        (8, Some(10), Some(8.0), Some(8))
    );
    assert_eq!(
        (
            records[3].exercise.as_str(),
            records[3].reps,
            records[3].load_kg
        ),
        ("car_seat_carry", 40, Some(9.5))
    );
}

#[test]
fn the_summary_serialises_for_the_api() {
    let import = import(HEVY_LB, &ImportOptions::default());
    let json = serde_json::to_value(import.summary()).unwrap();
    assert_eq!(json["format"], "hevy_imperial");
    assert_eq!(json["first"], "2025-02-21T12:10:00");
    assert_eq!(json["exercises"][0]["mapping"]["kind"], "library");
    assert_eq!(json["exercises"][0]["mapping"]["how"], "alias");
    assert_eq!(json["suspicious"][0]["field"], "weight_kg");
    let json = serde_json::to_value(&import).unwrap();
    assert_eq!(json["sessions"][0]["started"], "2025-02-21T12:10:00");
    assert_eq!(json["sessions"][0]["sets"][0]["set_type"], "normal");
    let custom = serde_json::to_value(Mapping::Custom).unwrap();
    assert_eq!(custom, serde_json::json!({"kind": "custom"}));
}

#[test]
fn suspicious_values_name_their_line() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
                2025-04-01 08:00:00,A,20m,Plank,1,0,0,0,20000,11\n\
                2025-04-01 08:00:00,A,20m,Dead Bug,1,0,150,0,0,0.5\n\
                2025-04-01 08:00:00,A,20m,Farmer Walk,1,0,0,60,0,\n";
    let import = import(text, &kg());
    let odd: Vec<(usize, &str)> = import
        .summary()
        .suspicious
        .iter()
        .map(|s| (s.line, s.field))
        .collect();
    assert_eq!(
        odd,
        vec![
            (2, "seconds"),
            (2, "rpe"),
            (3, "reps"),
            (3, "rpe"),
            (4, "distance_m")
        ]
    );
    // An effort outside 1-10 is not passed on.
    assert_eq!(import.to_set_records()[0].rpe, None);
}

#[test]
fn a_truncated_row_names_its_line_and_the_first_missing_column() {
    let e = import_err(BAD_TRUNCATED, ImportFormat::StrongShort, &kg());
    assert_eq!(e.kind, ImportErrorKind::Shape);
    assert_eq!((e.line, e.column.as_str()), (Some(3), "Distance"));
    assert_eq!(
        e.to_string(),
        "import line 3, `Distance`: expected 10 fields, as in the header, got 7; is the row cut \
         short?"
    );
    // Too many fields: a value with an unquoted comma.
    let text = format!(
        "{}2025-04-01 08:00:00,A,20m,Curl, hammer,1,0,10,0,0,5\n",
        BAD_TRUNCATED.lines().next().unwrap().to_owned() + "\n"
    );
    let e = import_err(&text, ImportFormat::StrongShort, &kg());
    assert_eq!((e.line, e.column.as_str()), (Some(2), "row"));
    assert!(e.message.contains("got 11"), "{e}");
}

#[test]
fn an_unknown_header_lists_the_formats_and_the_nearest() {
    let e = detect(BAD_HEADER).unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::UnknownFormat);
    assert_eq!((e.line, e.column.as_str()), (Some(1), "header"));
    for word in ["Strong", "Hevy", "FitNotes", "mumstrong JSON export"] {
        assert!(e.message.contains(word), "{e}");
    }
    assert!(
        e.message.ends_with(
            "the nearest is Strong (short, without notes), but this header lacks `Exercise Name` \
             and has the unexpected column `Exercise`"
        ),
        "{e}"
    );
    // A header after blank lines is named at its own line.
    let e = detect("\n\nfoo,bar\n1,2\n").unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(!e.message.contains("nearest"), "{e}");
}

#[test]
fn a_bad_date_names_its_line_and_column() {
    let e = import_err(BAD_DATE, ImportFormat::HevyMetric, &kg());
    assert_eq!(e.kind, ImportErrorKind::Value);
    assert_eq!((e.line, e.column.as_str()), (Some(3), "start_time"));
    assert!(e.message.ends_with("got `31 Feb 2025, 09:15`"), "{e}");
    // US month-first dates are refused, not swapped.
    let text = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n\
                12/25/2025,Plank,Abs,,,,,0:01:00\n";
    let e = import_err(text, ImportFormat::FitNotesKg, &kg());
    assert_eq!((e.line, e.column.as_str()), (Some(2), "Date"));
    assert!(e.message.contains("day first"), "{e}");
}

#[test]
fn the_header_must_fit_the_format_asked_for() {
    let e = import_err(HEVY_KG, ImportFormat::StrongClassic, &kg());
    assert_eq!(e.kind, ImportErrorKind::UnknownFormat);
    assert_eq!((e.line, e.column.as_str()), (Some(1), "header"));
    assert!(
        e.message
            .starts_with("this is not the header of a Strong (classic) export"),
        "{e}"
    );
    assert!(e.message.ends_with("it looks like Hevy (kg)"), "{e}");
    let e = import_err(STRONG_SHORT, ImportFormat::Mumstrong, &kg());
    assert_eq!(e.column, "file");
    assert!(e.message.starts_with("not valid JSON"), "{e}");
}

#[test]
fn values_out_of_sense_are_errors_with_line_and_column() {
    let head =
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n";
    let row = |tail: &str| format!("{head}2025-04-01 08:00:00,A,20m,{tail}\n");
    let cases = [
        (
            "Plank,X,0,0,0,30,",
            "Set Order",
            "expected a set number, `W`",
        ),
        (
            "Plank,1,-5,0,0,30,",
            "Weight",
            "expected a weight of 0 or more",
        ),
        (
            "Plank,1,abc,0,0,30,",
            "Weight",
            "expected a weight as a number",
        ),
        ("Plank,1,2000,0,0,30,", "Weight", "is over 1000 kg"),
        ("Plank,1,0,10.5,0,0,", "Reps", "whole number"),
        ("Plank,1,0,0,0,90000,", "Seconds", "longer than a day"),
        (
            "Plank,1,0,0,0,1 fortnight,",
            "Seconds",
            "expected a duration",
        ),
        ("Plank,1,0,0,0,30,500", "RPE", "from 1 to 10"),
        (",1,0,0,0,30,", "Exercise Name", "missing"),
    ];
    for (tail, column, start) in cases {
        let e = import_err(&row(tail), ImportFormat::StrongShort, &kg());
        assert_eq!(
            (e.line, e.column.as_str()),
            (Some(2), column),
            "{tail}: {e}"
        );
        assert!(e.message.contains(start), "{tail}: {e}");
    }
    let e = import_err(
        &format!("{head}2025-04-01 08:00:00,A,soon,Plank,1,0,0,0,30,\n"),
        ImportFormat::StrongShort,
        &kg(),
    );
    assert_eq!(e.column, "Duration");

    // Strong with units: a bad unit, a blank unit without a fallback, a distance without unit.
    let head = "Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,Distance,Distance Unit\n";
    let row = |tail: &str| format!("{head}2025-04-01 08:00:00,A,Plank,1,{tail}\n");
    let e = import_err(&row("10,stone,5,,"), ImportFormat::StrongUnits, &kg());
    assert_eq!((e.line, e.column.as_str()), (Some(2), "Weight Unit"));
    let none = ImportOptions::default();
    let e = import_err(&row("10,,5,,"), ImportFormat::StrongUnits, &none);
    assert_eq!(e.kind, ImportErrorKind::UnitNeeded);
    assert_eq!(e.column, "Weight Unit");
    assert!(e.message.contains("--unit"), "{e}");
    // With a unit chosen, blank rows take it.
    let ok = parse(&row("10,,5,,"), ImportFormat::StrongUnits, &kg(), library()).unwrap();
    assert_eq!(ok.sessions[0].sets[0].weight_kg, Some(10.0));
    let e = import_err(&row("0,kg,5,3,"), ImportFormat::StrongUnits, &none);
    assert_eq!(e.column, "Distance Unit");
    let e = import_err(&row("0,kg,5,3,furlongs"), ImportFormat::StrongUnits, &none);
    assert!(e.message.contains("got `furlongs`"), "{e}");

    // Hevy's set types and superset ids.
    let head = HEVY_KG.lines().next().unwrap();
    let e = import_err(
        &format!(
            "{head}\n\"A\",\"4 Mar 2025, 09:15\",\"\",\"\",\"Plank\",,\"\",0,\"amrap\",,,,60,\n"
        ),
        ImportFormat::HevyMetric,
        &none,
    );
    assert_eq!(e.column, "set_type");
    assert!(
        e.message
            .contains("`normal`, `warmup`, `dropset` or `failure`"),
        "{e}"
    );
    let e = import_err(
        &format!(
            "{head}\n\"A\",\"4 Mar 2025, 09:15\",\"\",\"\",\"Plank\",x,\"\",0,\"normal\",,,,60,\n"
        ),
        ImportFormat::HevyMetric,
        &none,
    );
    assert_eq!(e.column, "superset_id");
}

#[test]
fn an_unclosed_quote_is_named_where_it_opens() {
    let text = format!(
        "{}2025-04-01 08:00:00,A,20m,\"Dead Bug,1,0,10,0,0,5\n2025-04-01 08:00:00,A,20m,Plank,1,0,0,0,30,\n",
        STRONG_SHORT.lines().next().unwrap().to_owned() + "\n"
    );
    let e = import_err(&text, ImportFormat::StrongShort, &kg());
    assert_eq!(e.kind, ImportErrorKind::Shape);
    assert_eq!((e.line, e.column.as_str()), (Some(2), "Exercise Name"));
    assert!(e.message.starts_with("there is an opening `\"`"), "{e}");
    let e = detect("\"Date,Workout Name\n").unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (Some(1), "header"));
}

#[test]
fn empty_binary_and_oversized_files_are_clear_errors() {
    for text in ["", "\u{feff}", "\n\n  \r\n"] {
        let e = detect(text).unwrap_err();
        assert_eq!(e.kind, ImportErrorKind::Empty, "{text:?}");
        assert!(e.message.starts_with("the file is empty"), "{e}");
        let e = import_err(text, ImportFormat::StrongShort, &kg());
        assert_eq!(e.kind, ImportErrorKind::Empty);
    }
    let e = detect("Date,Exercise\n2025-03-04,Pl\0ank\n").unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::NotText);
    assert_eq!(e.line, Some(2));
    let big = "x".repeat(MAX_IMPORT_BYTES + 1);
    let e = detect(&big).unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.column.as_str()),
        (ImportErrorKind::TooLarge, None, "file")
    );
    assert!(e.message.contains("20 MB"), "{e}");
    assert_eq!(
        import_err(&big, ImportFormat::StrongShort, &kg()).kind,
        ImportErrorKind::TooLarge
    );
}

#[test]
fn more_than_the_row_limit_is_refused_at_the_row_past_it() {
    let mut text = String::from("Date,Exercise,Weight (kgs),Reps\n");
    for _ in 0..=MAX_IMPORT_ROWS {
        text.push_str("2025-03-04,Plank,,1\n");
    }
    let e = import_err(&text, ImportFormat::FitNotesKg, &kg());
    assert_eq!(e.kind, ImportErrorKind::TooManyRows);
    assert_eq!(e.line, Some(MAX_IMPORT_ROWS + 2));
    assert!(e.message.contains("200000 rows"), "{e}");
}

#[test]
fn json_that_is_not_our_export_is_refused() {
    let e = detect(r#"{"format": "mumstrong export 2", "sets": []}"#).unwrap_err();
    assert_eq!(
        (e.kind, e.column.as_str()),
        (ImportErrorKind::UnknownFormat, "format")
    );
    assert!(e.message.contains("expected `mumstrong export 1`"), "{e}");
    let e = detect(r#"{"workouts": []}"#).unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::UnknownFormat);
    let e = detect(r#"[{"date": "2026-11-24"}]"#).unwrap_err();
    assert!(e.message.contains("training log"), "{e}");
    let e = detect("{\n\"format\": }").unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (Some(2), "file"));

    let wrap = |set: &str| format!(r#"{{"format": "mumstrong export 1", "sets": [{set}]}}"#);
    let none = ImportOptions::default();
    let cases = [
        (
            r#"{"date": "2026-11-24", "exercise": "plank", "reps": -1}"#,
            "reps",
        ),
        (
            r#"{"date": "24/11/2026", "exercise": "plank", "reps": 1}"#,
            "date",
        ),
        (
            r#"{"date": "2026-11-24", "exercise": 3, "reps": 1}"#,
            "exercise",
        ),
        (
            r#"{"date": "2026-11-24", "exercise": "plank", "reps": 1, "load_kg": "8"}"#,
            "load_kg",
        ),
        (
            r#"{"date": "2026-11-24", "exercise": "plank", "reps": 1, "symptoms": ["wobbly"]}"#,
            "symptoms",
        ),
        (
            r#"{"date": "2026-11-24", "exercise": "plank", "reps": 1, "red_flags": "fever"}"#,
            "red_flags",
        ),
        (r#"{"date": "2026-11-24", "exercise": "plank"}"#, "reps"),
        ("7", "sets"),
    ];
    for (set, column) in cases {
        let e = import_err(&wrap(set), ImportFormat::Mumstrong, &none);
        assert_eq!((e.line, e.column.as_str()), (Some(1), column), "{set}: {e}");
    }
    let e = import_err(
        r#"{"format": "mumstrong export 1", "sets": {}}"#,
        ImportFormat::Mumstrong,
        &none,
    );
    assert_eq!(e.column, "sets");
}

#[test]
fn the_alias_table_points_at_real_exercises() {
    assert!(ALIASES.len() >= 60, "{}", ALIASES.len());
    for alias in ALIASES {
        assert!(
            library().get(alias.id).is_some(),
            "{} -> {}",
            alias.name,
            alias.id
        );
        assert!((0.5..=1.0).contains(&alias.score), "{}", alias.name);
        // Every alias is found by its own name.
        assert_eq!(
            map_exercise(alias.name, library()).id(),
            Some(alias.id),
            "{}",
            alias.name
        );
    }
    // No name appears twice (ignoring case and punctuation).
    let mut names: Vec<String> = ALIASES
        .iter()
        .map(|a| a.name.to_lowercase().replace(['-', '\''], " "))
        .collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before);
}

#[test]
fn names_map_by_alias_exact_name_fuzzy_or_not_at_all() {
    let cases: &[(&str, Option<(&str, MatchKind)>)] = &[
        (
            "Goblet Squat (Kettlebell)",
            Some(("goblet_squat_kettlebell", MatchKind::Alias)),
        ),
        (
            "Squat (Bodyweight)",
            Some(("bodyweight_squat", MatchKind::Alias)),
        ),
        (
            "Hip Thrust (Barbell)",
            Some(("barbell_hip_thrust", MatchKind::Alias)),
        ),
        (
            "Lat Pulldown (Cable)",
            Some(("lat_pulldown", MatchKind::Alias)),
        ),
        ("Push Up (Knees)", Some(("knee_press_up", MatchKind::Alias))),
        ("Kegel", Some(("pf_long_holds_lying", MatchKind::Alias))),
        // Plurals, shorthands, case and punctuation.
        ("glute bridges", Some(("glute_bridge", MatchKind::Alias))),
        ("Step-ups (DB)", Some(("step_up", MatchKind::Alias))),
        (
            "FARMER'S WALK",
            Some(("dumbbell_farmer_carry", MatchKind::Alias)),
        ),
        // The alias without its equipment.
        (
            "Dead Bug (Bodyweight)",
            Some(("dead_bug", MatchKind::Alias)),
        ),
        // Library names and ids, in any order.
        (
            "Kettlebell Goblet Squat",
            Some(("goblet_squat_kettlebell", MatchKind::Alias)),
        ),
        (
            "Dumbbell Romanian Deadlift",
            Some(("dumbbell_romanian_deadlift", MatchKind::Alias)),
        ),
        ("Side Lunge", Some(("lateral_lunge", MatchKind::Exact))),
        ("Heel Slides", Some(("heel_slides", MatchKind::Exact))),
        ("bear_crawl", Some(("bear_crawl", MatchKind::Exact))),
        (
            "Suitcase Carry (Kettlebell)",
            Some(("kettlebell_suitcase_carry", MatchKind::Exact)),
        ),
        // Typos and extra words.
        (
            "Gobelt Squat (Kettlebell)",
            Some(("goblet_squat_kettlebell", MatchKind::Fuzzy)),
        ),
        (
            "Marching Glute Bridge",
            Some(("marching_bridge", MatchKind::Fuzzy)),
        ),
        // Not in the library: custom, not a wrong guess.
        ("Leg Press", Some(("leg_press", MatchKind::Exact))),
        ("Bicep Curl (Dumbbell)", None),
        ("Lateral Raise (Dumbbell)", None),
        ("Calf Press", None),
        ("Sumo Deadlift (Barbell)", None),
        ("Tricep Extension (Cable)", None),
        ("Russian Twist", None),
        ("Walking", None),
        ("Barbell", None),
        ("", None),
        ("(((", None),
    ];
    for (name, expected) in cases {
        let mapping = map_exercise(name, library());
        match (expected, &mapping) {
            (None, Mapping::Custom) => {}
            (
                Some((id, how)),
                Mapping::Library {
                    id: got,
                    score,
                    how: got_how,
                },
            ) => {
                assert_eq!((got.as_str(), got_how), (*id, how), "{name}");
                assert!((0.0..=1.0).contains(score), "{name}: {score}");
                if *how == MatchKind::Fuzzy {
                    assert!(*score >= FUZZY_THRESHOLD, "{name}: {score}");
                }
            }
            _ => panic!("{name}: expected {expected:?}, got {mapping:?}"),
        }
    }
    // The equipment in the name lowers a match on other equipment.
    let Mapping::Library { score, .. } = map_exercise("Lunge (Smith)", library()) else {
        panic!("expected a mapping")
    };
    assert!(score < 0.9, "{score}");
}

/// Small edits of a sample: deletions, insertions of awkward characters, truncation.
fn mangle(text: &str, edits: &[(usize, u8, char)], cut: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, kind, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let at = at % chars.len();
        match kind % 3 {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, c),
            _ => chars[at] = c,
        }
    }
    let keep = chars.len().saturating_sub(cut % (chars.len() + 1));
    chars.truncate(keep.max(chars.len() / 2));
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_mangled_samples(
        sample in 0..SAMPLES.len(),
        edits in proptest::collection::vec(
            (any::<usize>(), any::<u8>(), prop::sample::select(vec![
                '"', ',', ';', '\n', '\r', '\t', ':', '.', '-', '0', '9', 'W', 'x', ' ', '\u{feff}',
                '\0', 'é', '{', '}', '[', ']', '(', ')', '/', 'P', 'M',
            ])),
            0..12,
        ),
        cut in any::<usize>(),
        unit in prop::option::of(prop::sample::select(vec![WeightUnit::Kg, WeightUnit::Lb])),
    ) {
        let (text, _) = SAMPLES[sample];
        let text = mangle(text, &edits, cut);
        let options = ImportOptions {
            unit,
            ..ImportOptions::default()
        };
        if let Ok(format) = detect(&text)
            && let Ok(import) = parse(&text, format, &options, library())
        {
            let summary = import.summary();
            prop_assert_eq!(summary.sets, import.sets().count());
            let _ = import.to_set_records();
        }
        for format in ImportFormat::ALL {
            let _ = parse(&text, format, &options, library());
        }
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = detect(&text);
        for format in ImportFormat::ALL {
            let _ = parse(&text, format, &kg(), library());
        }
    }

    #[test]
    fn map_exercise_is_total_and_scores_stay_in_range(name in "\\PC{0,40}") {
        if let Mapping::Library { score, .. } = map_exercise(&name, library()) {
            prop_assert!((0.0..=1.0).contains(&score));
        }
    }
}

/// Issue 17, item 1: a 1 MiB exercise name took 12.7 s to preview. Every text field is bounded
/// before anything is matched, and the error names the line, the column and the limit.
#[test]
fn a_megabyte_name_is_refused_naming_its_line_and_column() {
    use mumstrong_core::import::{MAX_NAME_CHARS, MAX_NOTE_CHARS};
    let opts = ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    };
    let header = STRONG_CLASSIC.lines().next().unwrap();
    let row = |name: &str, note: &str| {
        format!("{header}\n2025-03-04 09:15:00,Morning,30m,{name},1,10,8,,,{note},,\n")
    };
    let huge = "Squat ".repeat(1 << 18);
    let e = parse(
        &row(&huge, ""),
        ImportFormat::StrongClassic,
        &opts,
        library(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::TooLong);
    assert_eq!(e.line, Some(2));
    assert_eq!(e.column, "Exercise Name");
    assert!(
        e.message.contains(&format!("at most {MAX_NAME_CHARS}")),
        "{e}"
    );
    assert!(e.to_string().len() < 300, "{e}");
    // Characters, not bytes: 200 letters of two bytes each are still a name.
    let accented = "é".repeat(MAX_NAME_CHARS);
    parse(
        &row(&accented, ""),
        ImportFormat::StrongClassic,
        &opts,
        library(),
    )
    .unwrap();
    let e = parse(
        &row("Squat", &"n".repeat(MAX_NOTE_CHARS + 1)),
        ImportFormat::StrongClassic,
        &opts,
        library(),
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.column.as_str()),
        (ImportErrorKind::TooLong, "Notes")
    );
    parse(
        &row("Squat", &"n".repeat(MAX_NOTE_CHARS)),
        ImportFormat::StrongClassic,
        &opts,
        library(),
    )
    .unwrap();
}

/// Matching a name costs at most the longest name's work: a name past the limit is her own
/// exercise at once (an import refuses it before; this is for any other caller).
#[test]
fn a_name_past_the_limit_maps_to_her_own_exercise() {
    let long = format!("Goblet squat {}", "x".repeat(10_000));
    assert_eq!(map_exercise(&long, library()), Mapping::Custom);
    assert!(
        map_exercise("Goblet Squat (Kettlebell)", library())
            .id()
            .is_some()
    );
}

/// A parse asked to stop ends with `Stopped`, not a partial import.
#[test]
fn a_parse_asked_to_stop_gives_up_with_nothing_imported() {
    use mumstrong_core::import::parse_until;
    let opts = ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    };
    let header = STRONG_CLASSIC.lines().next().unwrap();
    let mut csv = format!("{header}\n");
    for set in 0..1000 {
        csv.push_str(&format!(
            "2025-03-04 09:15:00,Morning,30m,Squat,{},10,8,,,,,\n",
            set + 1
        ));
    }
    let e = parse_until(&csv, ImportFormat::StrongClassic, &opts, library(), &|| {
        true
    })
    .unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::Stopped);
    let asked = std::cell::Cell::new(0);
    let done = parse_until(&csv, ImportFormat::StrongClassic, &opts, library(), &|| {
        asked.set(asked.get() + 1);
        false
    })
    .unwrap();
    assert_eq!(done.summary().sets, 1000);
    assert!(asked.get() >= 3, "asked {} times", asked.get());
}

/// A key given twice in our own export is named, not silently the last one (serde's way).
#[test]
fn a_key_given_twice_in_the_export_is_named() {
    let opts = ImportOptions::default();
    let text = r#"{"format": "mumstrong export 1", "sets": [
        {"date": "2025-03-04", "exercise": "glute_bridge", "reps": 10},
        {"date": "2025-03-04", "exercise": "glute_bridge", "reps": 10, "reps": 1000}
    ]}"#;
    let e = parse(text, ImportFormat::Mumstrong, &opts, library()).unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (Some(2), "reps"), "{e}");
    assert!(e.message.contains("twice"), "{e}");
    let text = r#"{"format": "mumstrong export 1", "sets": [], "sets": [
        {"date": "2025-03-04", "exercise": "glute_bridge", "reps": 10}]}"#;
    let e = parse(text, ImportFormat::Mumstrong, &opts, library()).unwrap_err();
    assert_eq!((e.line, e.column.as_str()), (None, "sets"), "{e}");
}
