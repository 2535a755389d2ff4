//! Unit tests for the coach pages.

use super::logs::{day_logs, sets_line};
use super::words::days_ago;
use super::*;
use crate::app::member::SetOut;
use crate::web::{Unit, phase_title};
use time::Date;

#[test]
fn sets_are_grouped_by_day_newest_first() {
    fn set(
        date: &str,
        exercise: &str,
        (reps, target_reps): (i64, Option<i64>),
        load_kg: Option<f64>,
        rpe: Option<i64>,
        (symptoms, red_flags): (&[&str], &[&str]),
    ) -> SetOut {
        SetOut {
            id: 0,
            date: mumstrong_core::profile::parse_iso_date(date).unwrap(),
            exercise: exercise.to_owned(),
            set_number: None,
            reps,
            target_reps,
            load_kg,
            rpe,
            symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
            red_flags: red_flags.iter().map(|s| (*s).to_owned()).collect(),
            client_ref: None,
            created_at: 0,
        }
    }
    let none: (&[&str], &[&str]) = (&[], &[]);
    let sets = vec![
        set(
            "2026-01-01",
            "glute_bridge",
            (10, Some(10)),
            Some(8.0),
            Some(6),
            none,
        ),
        set(
            "2026-01-01",
            "glute_bridge",
            (8, Some(10)),
            Some(8.0),
            Some(8),
            (&["urinary_leakage"], &[]),
        ),
        set(
            "2026-01-01",
            "mini_squat",
            (10, None),
            Some(4.0),
            None,
            none,
        ),
        set(
            "2026-01-01",
            "mini_squat",
            (10, None),
            Some(6.0),
            None,
            none,
        ),
        set(
            "2026-01-03",
            "glute_bridge",
            (10, None),
            None,
            None,
            (&[], &["fever"]),
        ),
    ];
    let days = day_logs(&sets);
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].date.to_string(), "2026-01-03");
    assert_eq!(days[0].red_flags, vec!["fever"]);
    assert_eq!(sets_line(&days[0].exercises[0].1, Unit::Kg), "10");
    assert_eq!(days[1].exercises.len(), 2);
    assert_eq!(
        sets_line(&days[1].exercises[0].1, Unit::Kg),
        "10, 8/10 × 8 kg"
    );
    assert_eq!(
        sets_line(&days[1].exercises[1].1, Unit::Kg),
        "10 × 4 kg, 10 × 6 kg"
    );
    assert_eq!(days[1].max_rpe, Some(8));
    assert_eq!(days[1].symptoms, vec!["urinary_leakage"]);
}

#[test]
fn words_are_readable() {
    assert_eq!(
        phase_title("return_to_impact"),
        "Return to impact and running"
    );
    let today = Date::from_calendar_date(2026, time::Month::March, 10).unwrap();
    assert_eq!(days_ago(today, today), "today");
    assert_eq!(days_ago(today, today - Duration::days(9)), "9 days ago");
}
