//! Unit tests for the progress pages.

use super::headline::{set_words, streak};
use super::sections::aerobic_minutes;
use super::*;
use time::macros::date;

#[test]
fn a_streak_counts_back_from_today_or_yesterday() {
    let today = date!(2026 - 11 - 25);
    let mut ticks = BTreeMap::new();
    assert_eq!(streak(&ticks, today), 0);
    for d in 1..=3 {
        ticks.insert(today - Duration::days(d), 3);
    }
    assert_eq!(streak(&ticks, today), 3, "today still open");
    ticks.insert(today, 1);
    assert_eq!(streak(&ticks, today), 4);
    ticks.remove(&(today - Duration::days(2)));
    assert_eq!(streak(&ticks, today), 2);
}

#[test]
fn walks_and_runs_count_as_minutes() {
    assert_eq!(aerobic_minutes("run_walk_intervals", 120), Some(2.0));
    assert_eq!(aerobic_minutes("jog_on_spot", 30), Some(0.5));
    let walk = aerobic_minutes("baby_carrier_walk", 500).unwrap_or(0.0);
    assert!((walk - 6.0).abs() < 0.01, "{walk}");
    assert_eq!(aerobic_minutes("goblet_squat", 10), None);
    assert_eq!(aerobic_minutes("not_an_exercise", 10), None);
}

#[test]
fn sets_read_in_her_unit() {
    assert_eq!(set_words(Unit::Kg, Some(12.0), 8, "reps"), "12 kg × 8");
    assert_eq!(set_words(Unit::Lb, Some(10.0), 8, "reps"), "22 lb × 8");
    assert_eq!(set_words(Unit::Kg, None, 30, "seconds"), "30 s");
    assert_eq!(set_words(Unit::Kg, None, 10, "reps"), "10 reps");
}
