//! Sets, check-ins, a plan and proptest strategies shared by the records and progress tests.

use proptest::prelude::*;
use proptest::sample::select;
use time::Date;
use time::macros::date;

use crate::library::Library;
use crate::log::TrainingLog;
use crate::plan::{self, PlanOptions, PlanOutcome};
use crate::records::{CheckIn, SetRecord};
use crate::training::records::day_number;
use crate::vocab::{RedFlag, Symptom};
use crate::{Profile, ProfileFormat};

pub(crate) const TODAY: Date = date!(2026 - 11 - 24);

pub(crate) fn set(date: Date, exercise: &str, reps: u16, load_kg: Option<f64>) -> SetRecord {
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

pub(crate) fn checkin(date: Date) -> CheckIn {
    CheckIn {
        date,
        symptoms: vec![],
        red_flags: vec![],
        rpe: None,
        mood: None,
        sleep_hours: None,
    }
}

pub(crate) fn library() -> &'static Library {
    Library::builtin()
}

pub(crate) fn a_plan() -> plan::Plan<'static> {
    let profile = Profile::parse(
            "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-09-01\"\ndelivery = \"vaginal\"\nbaby_sex = \"male\"\nbaby_birth_weight_kg = 3.6\n[health]\npostnatal_check_done = true\n[training]\nequipment = [\"baby\", \"car_seat\", \"kettlebell:8,12\"]\ncar_seat_kg = 4.0\n",
            ProfileFormat::Toml,
            TODAY,
        )
        .unwrap();
    let options = PlanOptions {
        weeks: 4,
        ..PlanOptions::for_profile(&profile)
    };
    match plan::generate(&profile, library(), &options, &TrainingLog::default()).unwrap() {
        PlanOutcome::Ready(plan) => *plan,
        PlanOutcome::Urgent(_) => panic!("expected a plan"),
    }
}

pub(crate) fn any_date() -> impl Strategy<Value = Date> {
    let near = day_number(date!(2025 - 01 - 01))..=day_number(date!(2027 - 12 - 31));
    let all = day_number(Date::MIN)..=day_number(Date::MAX);
    prop_oneof![8 => near, 1 => all]
        .prop_map(|day| Date::from_julian_day(i32::try_from(day).unwrap_or(0)).unwrap_or(TODAY))
}

pub(crate) fn any_load() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![4 => 0.0..40.0, 1 => any::<f64>()])
}

pub(crate) fn any_set() -> impl Strategy<Value = SetRecord> {
    let ids = vec![
        "goblet_squat_kettlebell",
        "kettlebell_deadlift",
        "bodyweight_squat",
        "plank",
        "car_seat_carry",
        "no_such_exercise",
    ];
    (
        any_date(),
        select(ids),
        prop_oneof![4 => 0u16..40, 1 => any::<u16>()],
        proptest::option::of(any::<u16>()),
        any_load(),
        proptest::option::of(any::<u8>()),
        proptest::collection::vec(select(Symptom::ALL), 0..3),
        proptest::collection::vec(select(RedFlag::ALL), 0..2),
    )
        .prop_map(
            |(date, exercise, reps, target_reps, load_kg, rpe, symptoms, red_flags)| SetRecord {
                date,
                exercise: exercise.to_owned(),
                reps,
                target_reps,
                load_kg,
                rpe,
                symptoms,
                red_flags,
            },
        )
}

pub(crate) fn any_checkin() -> impl Strategy<Value = CheckIn> {
    (
        any_date(),
        proptest::collection::vec(select(Symptom::ALL), 0..3),
        proptest::collection::vec(select(RedFlag::ALL), 0..2),
        proptest::option::of(any::<u8>()),
        proptest::option::of(any::<u8>()),
        proptest::option::of(prop_oneof![0.0..12.0, any::<f64>()]),
    )
        .prop_map(
            |(date, symptoms, red_flags, rpe, mood, sleep_hours)| CheckIn {
                date,
                symptoms,
                red_flags,
                rpe,
                mood,
                sleep_hours,
            },
        )
}

pub(crate) fn shared_plan() -> &'static plan::Plan<'static> {
    static PLAN: std::sync::OnceLock<plan::Plan<'static>> = std::sync::OnceLock::new();
    PLAN.get_or_init(a_plan)
}
