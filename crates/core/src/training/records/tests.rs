use super::*;
use std::collections::BTreeMap;

use crate::plan;
use crate::training::fixtures::*;
use proptest::prelude::*;
use time::macros::date;

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
fn weeks_run_monday_to_sunday() {
    assert_eq!(week_start(date!(2026 - 11 - 29)), date!(2026 - 11 - 23)); // Sunday
    assert_eq!(week_start(date!(2026 - 11 - 30)), date!(2026 - 11 - 30)); // Monday
    assert_eq!(week_start(date!(2026 - 11 - 24)), date!(2026 - 11 - 23));
    // At the very edge of the calendar there is no Monday to go back to.
    let _ = week_start(Date::MIN);
    assert_eq!(week_start(Date::MAX).weekday(), time::Weekday::Monday);
}

#[test]
fn records_read_and_write_dates_as_yyyy_mm_dd() {
    let r: SetRecord =
        serde_json::from_str(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30}"#).unwrap();
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
        err(r#"{"date": "1900-01-01", "exercise": "plank", "reps": 30}"#).contains("out of range")
    );
    assert!(err(r#"{"date": 20261124, "exercise": "plank", "reps": 30}"#).contains("YYYY-MM-DD"));
    assert!(
        err(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30, "weight": 2}"#)
            .contains("unknown field")
    );
    assert!(
        err(r#"{"date": "2026-11-24", "exercise": "plank", "reps": 30, "symptoms": ["leaking"]}"#)
            .contains("unknown value `leaking`")
    );
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

}
