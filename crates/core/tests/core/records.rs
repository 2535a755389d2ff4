//! The web service's records, end to end: sets and check-ins become the log the programme adapts
//! to, warning signs stop training whether or not she trained that day, and a year of records
//! is summarised for charts.

use mumstrong_core::library::Library;
use mumstrong_core::log::{LogFormat, TrainingLog};
use mumstrong_core::plan::{self, PlanOptions, PlanOutcome, RED_FLAG_LOOKBACK_DAYS};
use mumstrong_core::records::{CheckIn, SetRecord, checkin_red_flags, progress, training_log};
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_core::{Profile, ProfileFormat, screen};
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 24);

fn mum() -> Profile {
    Profile::parse(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\npostnatal_check_done = true\n[training]\nequipment = [\"kettlebell:8,12\"]\n",
        ProfileFormat::Toml,
        TODAY,
    )
    .expect("test profile is valid")
}

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

#[test]
fn sets_give_the_same_log_as_the_csv_file_she_could_have_written() {
    let day1 = date!(2026 - 11 - 17);
    let day2 = date!(2026 - 11 - 19);
    let sets = [
        SetRecord {
            target_reps: Some(10),
            rpe: Some(6),
            ..set(day1, "goblet_squat_kettlebell", 10, Some(8.0))
        },
        SetRecord {
            target_reps: Some(10),
            rpe: Some(7),
            ..set(day1, "goblet_squat_kettlebell", 8, Some(8.0))
        },
        set(day1, "plank", 30, None),
        SetRecord {
            symptoms: vec![Symptom::UrinaryLeakage],
            ..set(day2, "plank", 20, None)
        },
    ];
    let checkins = [CheckIn {
        symptoms: vec![Symptom::PelvicHeaviness],
        ..checkin(day2)
    }];
    let csv = "date,exercise,sets,reps,target_reps,load_kg,rpe,symptoms,symptoms_after\n\
               2026-11-17,goblet_squat_kettlebell,2,10/8,10,8,7,,\n\
               2026-11-17,plank,1,30,,,,,\n\
               2026-11-19,plank,1,20,,,,urinary_leakage,pelvic_heaviness\n";
    let parsed = TrainingLog::parse(csv, LogFormat::Csv, Library::builtin()).unwrap();
    let mut from_records = training_log(&sets, &checkins);
    // CSV lines count from the header; the records' entries are numbered from 1.
    for (e, p) in from_records.entries.iter_mut().zip(&parsed.entries) {
        e.line = p.line;
    }
    assert_eq!(from_records, parsed);
}

#[test]
fn a_warning_sign_in_the_checkin_after_training_stops_the_plan() {
    let day = TODAY - Duration::days(2);
    let sets = [set(day, "plank", 20, None)];
    let checkins = [CheckIn {
        red_flags: vec![RedFlag::ChestPain],
        ..checkin(day)
    }];
    let log = training_log(&sets, &checkins);
    let profile = mum();
    let outcome = plan::generate(
        &profile,
        Library::builtin(),
        &PlanOptions::for_profile(&profile),
        &log,
    )
    .unwrap();
    let PlanOutcome::Urgent(stop) = outcome else {
        panic!("a red flag two days ago must stop the plan");
    };
    assert_eq!(stop.from_log[0].flag, RedFlag::ChestPain);
    assert_eq!(stop.from_log[0].date, day);
}

#[test]
fn a_warning_sign_on_a_rest_day_is_found_by_checkin_red_flags() {
    let day = TODAY - Duration::days(3);
    let checkins = [CheckIn {
        red_flags: vec![RedFlag::Fever],
        ..checkin(day)
    }];
    // No set that day, so the log cannot carry it…
    assert!(training_log(&[], &checkins).is_empty());
    // …and the service adds it to the profile instead.
    let flags = checkin_red_flags(&checkins, TODAY, RED_FLAG_LOOKBACK_DAYS);
    assert_eq!(flags, [(day, RedFlag::Fever)]);
    let mut profile = mum();
    assert!(!screen(&profile).urgent);
    profile
        .health
        .red_flags
        .extend(flags.iter().map(|(_, f)| *f));
    assert!(screen(&profile).urgent);
    // Older than the plan's lookback: no longer stops training.
    let old = [CheckIn {
        red_flags: vec![RedFlag::Fever],
        ..checkin(TODAY - Duration::days(RED_FLAG_LOOKBACK_DAYS + 1))
    }];
    assert!(checkin_red_flags(&old, TODAY, RED_FLAG_LOOKBACK_DAYS).is_empty());
}

#[test]
fn a_year_of_daily_logging_is_summarised_in_milliseconds() {
    let start = date!(2026 - 01 - 05);
    let exercises = [
        ("goblet_squat_kettlebell", Some(12.0)),
        ("kettlebell_deadlift", Some(16.0)),
        ("plank", None),
        ("car_seat_carry", Some(11.0)),
        ("bodyweight_squat", None),
        ("glute_bridge", None),
        ("dead_bug", None),
        ("bird_dog", None),
        ("kettlebell_suitcase_carry", Some(8.0)),
    ];
    let mut sets = Vec::new();
    let mut checkins = Vec::new();
    for day in 0..365 {
        let date = start + Duration::days(day);
        for (id, load) in exercises {
            for reps in [10, 9, 8] {
                sets.push(SetRecord {
                    rpe: Some(7),
                    symptoms: if day % 10 == 0 {
                        vec![Symptom::UrinaryLeakage]
                    } else {
                        vec![]
                    },
                    ..set(date, id, reps, load)
                });
            }
        }
        checkins.push(CheckIn {
            mood: Some(4),
            sleep_hours: Some(6.0),
            rpe: Some(7),
            ..checkin(date)
        });
    }
    assert!(sets.len() > 9_000);
    let library = Library::builtin();
    let today = start + Duration::days(400);
    let started = std::time::Instant::now();
    let p = progress(&sets, &checkins, library, None, today);
    let log = training_log(&sets, &checkins);
    let took = started.elapsed();
    // Generous, so a slow debug build on a busy machine still passes.
    assert!(took.as_millis() < 1_000, "took {took:?}");
    assert_eq!(p.totals.sets_logged, sets.len());
    assert_eq!(p.totals.days_trained, 365);
    assert_eq!(p.totals.days_since_last_activity, Some(36));
    assert_eq!(p.exercises.len(), exercises.len());
    assert_eq!(
        p.weekly_volume.iter().map(|v| v.sets).sum::<usize>(),
        sets.len()
    );
    assert_eq!(log.entries.len(), 365 * exercises.len());
    let goblet = p
        .exercises
        .iter()
        .find(|e| e.id == "goblet_squat_kettlebell")
        .unwrap();
    // 12 × (1 + 10/30) = 16.0, first reached on the first day.
    assert_eq!(goblet.estimated_1rm_kg, Some(16.0));
    assert_eq!(goblet.best_set.date, start);
    assert_eq!(goblet.weekly_best.len(), 53);
    assert!(p.mood.iter().all(|m| m.mood == Some(4.0)));
}

#[test]
fn progress_serialises_for_the_web_client() {
    let sets = [set(TODAY, "goblet_squat_kettlebell", 10, Some(12.0))];
    let p = progress(&sets, &[checkin(TODAY)], Library::builtin(), None, TODAY);
    let json = serde_json::to_value(&p).unwrap();
    for key in [
        "totals",
        "exercises",
        "weekly_volume",
        "symptoms",
        "mood",
        "everyday_load",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    let e = &json["exercises"][0];
    assert_eq!(e["pattern"], "squat");
    assert_eq!(e["dose"], "reps");
    assert_eq!(e["first_date"], "2026-11-24");
    assert_eq!(e["estimated_1rm_kg"], 16.0);
    assert_eq!(e["weekly_best"][0]["week_start"], "2026-11-23");
    assert_eq!(json["totals"]["last_activity"], "2026-11-24");
    assert_eq!(json["weekly_volume"][0]["load_volume_kg"], 120.0);
}
