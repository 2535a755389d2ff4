use super::*;
use crate::plan;
use crate::records::{checkin_red_flags, training_log, week_start};
use crate::training::fixtures::*;
use crate::vocab::RedFlag;
use proptest::prelude::*;
use time::macros::date;

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

proptest! {
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
