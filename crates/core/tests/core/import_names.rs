//! Exercise names as Strong, Hevy and FitNotes write them, each with the library exercise it must
//! map to or `unsure`. A name maps only to the same movement on the same kit: a barbell lift to
//! the barbell exercise, a cable or machine one to its cable or machine twin, never silently to a
//! dumbbell, kettlebell, band or bodyweight cousin; decline is not incline, lying is not
//! side-lying, single-leg is not two-leg, front is not back. Unsure means the preview asks her:
//! her own exercise (no match) or a match scored below [`FUZZY_THRESHOLD`].

use mumstrong_core::import::{
    ALIASES, FUZZY_THRESHOLD, ImportOptions, Mapping, WeightUnit, detect, map_exercise, parse,
};
use mumstrong_core::library::Library;

/// The expectation for a name the importer must not guess.
const UNSURE: &str = "unsure";

/// (name as the app writes it, library id or [`UNSURE`]).
const NAMES: &[(&str, &str)] = &[
    // Strong and Hevy: the movement, then the kit in parentheses.
    ("Squat (Barbell)", "barbell_back_squat"),
    ("Front Squat (Barbell)", UNSURE),
    ("Front Squat (Dumbbell)", "dumbbell_front_squat"),
    ("Squat (Smith Machine)", UNSURE),
    ("Squat (Bodyweight)", "bodyweight_squat"),
    ("Air Squat", "bodyweight_squat"),
    ("Goblet Squat (Kettlebell)", "goblet_squat_kettlebell"),
    ("Goblet Squat (Dumbbell)", "goblet_squat_dumbbell"),
    ("Goblet Squat", "goblet_squat_kettlebell"),
    ("Sumo Squat (Kettlebell)", "kettlebell_sumo_squat"),
    ("Sumo Squat (Dumbbell)", UNSURE),
    ("Sumo Squat (Barbell)", UNSURE),
    ("Box Squat (Barbell)", UNSURE),
    ("Hack Squat (Machine)", UNSURE),
    ("Pistol Squat", UNSURE),
    ("Jump Squat", UNSURE),
    ("Leg Press", "leg_press"),
    ("Leg Press (Machine)", "leg_press"),
    ("Leg Extension (Machine)", UNSURE),
    ("Lying Leg Curl (Machine)", UNSURE),
    ("Deadlift (Barbell)", "barbell_deadlift"),
    ("Deadlift (Dumbbell)", UNSURE),
    ("Deadlift (Kettlebell)", "kettlebell_deadlift"),
    ("Deadlift (Trap bar)", UNSURE),
    ("Sumo Deadlift (Barbell)", UNSURE),
    ("Romanian Deadlift (Barbell)", "barbell_romanian_deadlift"),
    ("Romanian Deadlift (Dumbbell)", "dumbbell_romanian_deadlift"),
    ("Romanian Deadlift (Kettlebell)", UNSURE),
    ("Stiff Leg Deadlift (Barbell)", UNSURE),
    (
        "Single Leg Romanian Deadlift (Dumbbell)",
        "dumbbell_single_leg_deadlift",
    ),
    ("Single Leg Romanian Deadlift (Barbell)", UNSURE),
    ("Good Morning (Barbell)", UNSURE),
    ("Kettlebell Swing", "kettlebell_swing"),
    ("Hip Thrust (Barbell)", "barbell_hip_thrust"),
    ("Hip Thrust (Dumbbell)", "dumbbell_hip_thrust"),
    ("Hip Thrust (Machine)", UNSURE),
    ("Hip Thrust (Smith Machine)", UNSURE),
    ("Glute Bridge", "glute_bridge"),
    ("Single Leg Glute Bridge", "single_leg_bridge"),
    ("Single Leg Hip Thrust", "single_leg_hip_thrust"),
    ("Glute Bridge (Band)", UNSURE),
    ("Glute Kickback (Cable)", UNSURE),
    ("Hip Abduction (Machine)", UNSURE),
    ("Hip Adduction (Machine)", UNSURE),
    ("Clamshell", "clams"),
    ("Clamshell (Band)", "clams_band"),
    ("Lateral Band Walk", "band_side_steps"),
    ("Side Lying Leg Raise", "side_lying_leg_raise"),
    ("Lying Leg Raise", UNSURE),
    ("Hanging Leg Raise", UNSURE),
    ("Plank", "plank"),
    ("Side Plank", "side_plank"),
    ("Plank (Weighted)", UNSURE),
    ("Dead Bug", "dead_bug"),
    ("Dead Bug (Band)", "dead_bug_band"),
    ("Bird Dog", "bird_dog"),
    ("Crunch", UNSURE),
    ("Decline Crunch", UNSURE),
    ("Cable Crunch", UNSURE),
    ("Bicycle Crunch", UNSURE),
    ("Sit Up", UNSURE),
    ("V Up", UNSURE),
    ("Russian Twist", UNSURE),
    ("Ab Wheel", UNSURE),
    ("Mountain Climber", UNSURE),
    ("Superman", UNSURE),
    ("Back Extension", UNSURE),
    ("Pallof Press (Band)", "pallof_press_standing"),
    ("Pallof Press (Cable)", UNSURE),
    ("Bench Press (Barbell)", "barbell_bench_press"),
    ("Bench Press (Dumbbell)", UNSURE),
    ("Bench Press (Smith Machine)", UNSURE),
    ("Incline Bench Press (Barbell)", UNSURE),
    ("Incline Bench Press (Dumbbell)", UNSURE),
    ("Decline Bench Press (Barbell)", UNSURE),
    ("Chest Press (Machine)", UNSURE),
    ("Chest Fly (Dumbbell)", UNSURE),
    ("Floor Press (Dumbbell)", "dumbbell_floor_press"),
    ("Overhead Press (Barbell)", "barbell_overhead_press"),
    ("Overhead Press (Dumbbell)", "dumbbell_overhead_press"),
    ("Overhead Press (Kettlebell)", "kettlebell_overhead_press"),
    ("Shoulder Press (Dumbbell)", "dumbbell_overhead_press"),
    ("Shoulder Press (Machine)", UNSURE),
    ("Seated Overhead Press (Dumbbell)", UNSURE),
    ("Single Arm Overhead Press (Dumbbell)", UNSURE),
    ("Arnold Press (Dumbbell)", UNSURE),
    ("Lateral Raise (Dumbbell)", UNSURE),
    ("Front Raise (Dumbbell)", UNSURE),
    ("Upright Row (Barbell)", UNSURE),
    ("Shrug (Dumbbell)", UNSURE),
    ("Push Up", "press_up"),
    ("Push Up (Knees)", "knee_press_up"),
    ("Incline Push Up", "incline_press_up"),
    ("Decline Push Up", UNSURE),
    ("Diamond Push Up", "close_grip_press_up"),
    ("Triceps Dip", UNSURE),
    ("Bent Over Row (Barbell)", "barbell_bent_over_row"),
    ("Bent Over Row (Dumbbell)", "dumbbell_bent_over_row"),
    ("Bent Over Row (Kettlebell)", "kettlebell_bent_over_row"),
    ("Bent Over Row (Band)", "band_bent_over_row"),
    ("Pendlay Row (Barbell)", UNSURE),
    ("T Bar Row", UNSURE),
    ("Single Arm Row (Dumbbell)", "dumbbell_supported_row"),
    ("Lat Pulldown (Cable)", "lat_pulldown"),
    ("Lat Pulldown (Machine)", "lat_pulldown"),
    ("Lat Pulldown (Band)", UNSURE),
    ("Seated Row (Cable)", "seated_cable_row"),
    ("Seated Row (Machine)", "seated_cable_row"),
    ("Seated Cable Row", "seated_cable_row"),
    ("Face Pull (Cable)", UNSURE),
    ("Reverse Fly (Dumbbell)", UNSURE),
    ("Band Pull Apart", "band_pull_apart"),
    ("Pull Up", UNSURE),
    ("Pull Up (Assisted)", UNSURE),
    ("Chin Up", UNSURE),
    ("Triceps Pushdown (Cable)", UNSURE),
    ("Triceps Extension (Dumbbell)", UNSURE),
    ("Skullcrusher (Barbell)", UNSURE),
    ("Bicep Curl (Dumbbell)", UNSURE),
    ("Bicep Curl (Barbell)", UNSURE),
    ("Hammer Curl (Dumbbell)", UNSURE),
    ("Lunge (Bodyweight)", "forward_lunge"),
    ("Lunge (Dumbbell)", UNSURE),
    ("Lunge (Barbell)", UNSURE),
    ("Reverse Lunge", "reverse_lunge"),
    ("Reverse Lunge (Dumbbell)", UNSURE),
    ("Walking Lunge", "walking_lunge"),
    ("Walking Lunge (Dumbbell)", UNSURE),
    ("Lateral Lunge", "lateral_lunge"),
    ("Bulgarian Split Squat", "bulgarian_split_squat"),
    ("Bulgarian Split Squat (Dumbbell)", UNSURE),
    ("Split Squat (Dumbbell)", UNSURE),
    ("Step Up", "step_up"),
    ("Step Up (Dumbbell)", UNSURE),
    ("Calf Raise (Standing)", "calf_raise"),
    ("Seated Calf Raise (Machine)", UNSURE),
    ("Calf Raise (Machine)", UNSURE),
    ("Single Leg Calf Raise", "single_leg_calf_raise"),
    ("Farmer Walk", "dumbbell_farmer_carry"),
    ("Farmers Walk (Kettlebell)", UNSURE),
    ("Suitcase Carry (Kettlebell)", "kettlebell_suitcase_carry"),
    ("Cat Cow", "cat_cow"),
    ("Child's Pose", "childs_pose"),
    ("Burpee", UNSURE),
    ("Jumping Jack", UNSURE),
    ("Box Jump", UNSURE),
    ("Cycling", UNSURE),
    // FitNotes: the kit first, or no kit for its barbell lifts.
    ("Barbell Squat", "barbell_back_squat"),
    ("Barbell Front Squat", UNSURE),
    ("Deadlift", "barbell_deadlift"),
    ("Romanian Deadlift", "barbell_romanian_deadlift"),
    ("Overhead Press", "barbell_overhead_press"),
    ("Flat Barbell Bench Press", "barbell_bench_press"),
    ("Flat Dumbbell Bench Press", UNSURE),
    ("Incline Barbell Bench Press", UNSURE),
    ("Decline Barbell Bench Press", UNSURE),
    ("Incline Dumbbell Bench Press", UNSURE),
    ("Smith Machine Overhead Press", UNSURE),
    ("Barbell Row", "barbell_bent_over_row"),
    ("Dumbbell Row", "dumbbell_supported_row"),
    ("Lat Pulldown", "lat_pulldown"),
    ("Seated Machine Row", "seated_cable_row"),
    ("Cable Face Pull", UNSURE),
    ("Rope Push Down", UNSURE),
    ("Dumbbell Curl", UNSURE),
    ("Barbell Curl", UNSURE),
    ("Leg Extension Machine", UNSURE),
    ("Seated Leg Curl Machine", UNSURE),
    ("Standing Calf Raise Machine", UNSURE),
    ("Barbell Glute Bridge", UNSURE),
    ("Barbell Hip Thrust", "barbell_hip_thrust"),
    ("Dumbbell Lunge", UNSURE),
    ("Seated Dumbbell Press", UNSURE),
    ("Lateral Dumbbell Raise", UNSURE),
    ("Hanging Knee Raise", UNSURE),
    ("Ab-Wheel Rollout", UNSURE),
    ("Running (Outdoor)", UNSURE),
    ("Running (Treadmill)", UNSURE),
    ("Rowing Machine", UNSURE),
    ("Walking", UNSURE),
];

/// What the importer did with a name, in the table's words.
fn outcome(mapping: &Mapping) -> String {
    match mapping {
        Mapping::Library { id, score, .. } if *score >= FUZZY_THRESHOLD => id.clone(),
        Mapping::Library { .. } | Mapping::Custom => UNSURE.to_owned(),
    }
}

#[test]
fn app_names_map_to_the_same_movement_on_the_same_kit_or_are_unsure() {
    let library = Library::builtin();
    assert!(NAMES.len() >= 100, "{} names", NAMES.len());
    for (name, expected) in NAMES {
        assert!(
            *expected == UNSURE || library.get(expected).is_some(),
            "{name}: `{expected}` is not in the library"
        );
    }
    let mut wrong = Vec::new();
    for (name, expected) in NAMES {
        let mapping = map_exercise(name, library);
        let got = outcome(&mapping);
        if got != *expected {
            wrong.push(format!("{name}: expected {expected}, got {mapping:?}"));
        }
    }
    let right = NAMES.len() - wrong.len();
    println!(
        "name mapping: {right} of {} right ({:.1} %)",
        NAMES.len(),
        100.0 * right as f64 / NAMES.len() as f64
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_names_each_name_once() {
    let mut names: Vec<String> = NAMES.iter().map(|(n, _)| n.to_lowercase()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before);
}

/// The kit an app's name says, as the library's equipment words (`None`: no kit named).
fn kit_named(name: &str) -> Option<&'static [&'static str]> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().find_map(|w| {
        Some(match *w {
            "barbell" => &["barbell"][..],
            "dumbbell" | "dumbbells" | "db" => &["dumbbells"][..],
            "kettlebell" | "kb" => &["kettlebell"][..],
            "band" | "banded" => &["band"][..],
            "cable" | "machine" => &["cable", "machines"][..],
            "bodyweight" | "bw" => &[][..],
            _ => return None,
        })
    })
}

#[test]
fn no_sure_alias_maps_one_kit_onto_another() {
    let library = Library::builtin();
    let loaded = [
        "barbell",
        "dumbbells",
        "kettlebell",
        "band",
        "cable",
        "machines",
        "baby",
        "car_seat",
    ];
    let mut checked = 0;
    for alias in ALIASES.iter().filter(|a| a.score >= FUZZY_THRESHOLD) {
        let Some(kit) = kit_named(alias.name) else {
            continue;
        };
        let exercise = library
            .get(alias.id)
            .unwrap_or_else(|| panic!("{}: no `{}`", alias.name, alias.id));
        let has: Vec<&str> = exercise.equipment.iter().map(|k| k.as_str()).collect();
        let agrees = if kit.is_empty() {
            !has.iter().any(|k| loaded.contains(k))
        } else {
            kit.iter().any(|k| has.contains(k))
        };
        assert!(
            agrees,
            "{} ({}) -> {} on {has:?}",
            alias.name, alias.score, alias.id
        );
        checked += 1;
    }
    assert!(checked >= 30, "{checked} aliases name their kit");
}

#[test]
fn names_on_other_kit_stay_out_of_the_records_the_engine_and_report_read() {
    let rows = [
        ("Squat (Barbell)", 40),
        ("Lunge (Dumbbell)", 8),
        ("Deadlift (Dumbbell)", 16),
        ("Face Pull (Cable)", 15),
        ("Front Squat (Barbell)", 30),
        ("Incline Bench Press (Barbell)", 30),
        ("Lat Pulldown (Cable)", 25),
    ];
    let mut text = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n",
    );
    for (name, kg) in rows {
        text.push_str(&format!(
            "2025-03-04 09:15:00,Gym,40m,{name},1,{kg},8,0,0,7\n"
        ));
    }
    let options = ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    };
    let format = detect(&text).unwrap_or_else(|e| panic!("{e}"));
    let import =
        parse(&text, format, &options, Library::builtin()).unwrap_or_else(|e| panic!("{e}"));
    let records: Vec<(String, Option<f64>)> = import
        .to_set_records()
        .into_iter()
        .map(|r| (r.exercise, r.load_kg))
        .collect();
    assert_eq!(
        records,
        [
            ("barbell_back_squat".to_owned(), Some(40.0)),
            ("lat_pulldown".to_owned(), Some(25.0)),
        ]
    );
    let mut unmapped = import.summary().unmapped;
    unmapped.sort();
    assert_eq!(
        unmapped,
        [
            "Deadlift (Dumbbell)",
            "Face Pull (Cable)",
            "Front Squat (Barbell)",
            "Incline Bench Press (Barbell)",
            "Lunge (Dumbbell)",
        ]
    );
}
