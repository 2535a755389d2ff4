//! Scenario tests of the programme generator: phases, progression, running, everyday load and
//! adapting to the log.

use mumstrong_core::library::{Impact, Library, Pattern};
use mumstrong_core::log::{LogFormat, TrainingLog};
use mumstrong_core::plan::{self, Decision, Phase, Plan, PlanOptions, PlanOutcome, Prescription};
use mumstrong_core::{Profile, ProfileFormat, render_plan};
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 24);

fn profile(text: &str) -> Profile {
    Profile::parse(text, ProfileFormat::Toml, TODAY).expect("test profile is valid")
}

fn example(name: &str) -> Profile {
    let path = format!(
        "{}/../../examples/profiles/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    profile(&std::fs::read_to_string(path).unwrap())
}

fn plan_for(p: &Profile, weeks: u8, log: &TrainingLog) -> Plan<'static> {
    let options = PlanOptions {
        weeks,
        ..PlanOptions::for_profile(p)
    };
    match plan::generate(p, Library::builtin(), &options, log).unwrap() {
        PlanOutcome::Ready(plan) => *plan,
        PlanOutcome::Urgent(_) => panic!("expected a plan"),
    }
}

fn first_week_in(plan: &Plan<'_>, phase: Phase) -> Option<u8> {
    plan.weeks.iter().find(|w| w.phase == phase).map(|w| w.week)
}

fn all_exercises<'p>(
    plan: &'p Plan<'static>,
) -> impl Iterator<Item = (u8, &'p Prescription<'static>)> {
    plan.weeks.iter().flat_map(|w| {
        w.sessions
            .iter()
            .flat_map(move |s| s.exercises.iter().map(move |e| (w.week, e)))
    })
}

/// Every prescription of one week (1-based).
fn week_exercises<'p>(
    plan: &'p Plan<'static>,
    week: u8,
) -> impl Iterator<Item = &'p Prescription<'static>> {
    all_exercises(plan)
        .filter(move |(w, _)| *w == week)
        .map(|(_, e)| e)
}

fn mum(birth: &str, extra_health: &str, training: &str) -> Profile {
    profile(&format!(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"{birth}\"\ndelivery = \"vaginal\"\n[health]\n{extra_health}\n[training]\n{training}\n"
    ))
}

#[test]
fn a_beginner_three_years_on_starts_at_foundations_but_moves_on_faster_than_a_new_mum() {
    let training = "experience = \"beginner\"\ngoals = [\"strength\"]\ndays_per_week = 3\nminutes_per_session = 30";
    let three_years = mum("2023-11-01", "postnatal_check_done = true", training);
    let four_weeks = mum("2026-10-27", "postnatal_check_done = true", training);
    let a = plan_for(&three_years, 16, &TrainingLog::default());
    let b = plan_for(&four_weeks, 16, &TrainingLog::default());
    assert_eq!(a.weeks[0].phase, Phase::Foundations);
    assert!(
        a.weeks[0].phase_why.contains("new to strength training"),
        "{}",
        a.weeks[0].phase_why
    );
    assert_eq!(b.weeks[0].phase, Phase::Reconnect);
    assert!(
        b.weeks[0].phase_why.contains("6 weeks"),
        "{}",
        b.weeks[0].phase_why
    );
    let a_build = first_week_in(&a, Phase::Build).expect("the 3-year mum builds");
    let b_build = first_week_in(&b, Phase::Build).expect("the new mum builds later");
    assert_eq!(a_build, 5, "4 weeks of foundations for a beginner");
    assert!(b_build > a_build);
    // The new mum builds only from 12 weeks after birth.
    let w = &b.weeks[usize::from(b_build - 1)];
    assert!(w.weeks_postpartum >= 12);
    assert!(
        b.weeks
            .iter()
            .any(|w| w.phase == Phase::Foundations && w.phase_why.contains("12 weeks"))
    );
}

#[test]
fn a_cleared_runner_gets_a_graded_walk_run_and_buggy_running_only_from_six_months() {
    let p = example("ready-to-run-14-weeks.toml");
    let plan = plan_for(&p, 30, &TrainingLog::default());
    let first = plan
        .weeks
        .iter()
        .find(|w| w.walk_run.is_some())
        .expect("running is cleared and the goal");
    let wr = first.walk_run.clone().unwrap();
    assert_eq!(wr.stage, 1);
    assert!((1..=2).contains(&wr.run_minutes) && wr.walk_minutes > 0);
    // Time before speed: run minutes never fall, and hold in a lighter week.
    let stages: Vec<_> = plan
        .weeks
        .iter()
        .filter_map(|w| w.walk_run.clone().map(|r| (w.deload, r)))
        .collect();
    for pair in stages.windows(2) {
        assert!(pair[1].1.total_run_minutes >= pair[0].1.total_run_minutes);
        assert!(pair[1].1.stage <= pair[0].1.stage + 1);
        if pair[1].0 {
            assert_eq!(
                pair[1].1.stage, pair[0].1.stage,
                "a lighter week repeats the stage"
            );
        }
        assert!(!pair[1].1.dates.is_empty());
    }
    assert!(
        stages
            .iter()
            .any(|(_, r)| r.run_minutes == 30 && r.walk_minutes == 0)
    );
    let buggy_from = plan.screening.running.buggy_from;
    for w in &plan.weeks {
        if let Some(r) = &w.walk_run {
            // From 6 months and only after the walk-run's 30 minutes continuous (Moving Medicine;
            // Goom, Donnelly & Brockwell 2019).
            assert_eq!(
                r.buggy_allowed,
                w.starts >= buggy_from && !r.runs.is_empty(),
                "week {}",
                w.week
            );
        }
    }
    assert!(
        first_week_in(&plan, Phase::Perform).is_some(),
        "after 30 minutes continuous: perform"
    );
    // Impact drills arrive with the walk-run.
    assert!(all_exercises(&plan).any(|(_, e)| e.impact != Impact::None));
}

#[test]
fn not_cleared_for_running_the_plan_practises_the_tests_and_says_what_remains() {
    let p = mum(
        "2026-07-01",
        "postnatal_check_done = true",
        "experience = \"returning\"\ngoals = [\"running\"]\ndays_per_week = 3\nminutes_per_session = 40\nequipment = [\"bodyweight\", \"chair\", \"step\"]",
    );
    let plan = plan_for(&p, 12, &TrainingLog::default());
    let lib = Library::builtin();
    assert!(plan.weeks.iter().all(|w| w.walk_run.is_none()));
    assert!(all_exercises(&plan).all(|(_, e)| e.impact == Impact::None));
    let drills = all_exercises(&plan)
        .filter(|(_, e)| lib.get(e.id).unwrap().readiness_test.is_some())
        .count();
    assert!(drills > 0, "readiness drills are in the sessions");
    assert!(
        plan.notes
            .iter()
            .any(|n| n.starts_with("Running: not yet") && n.contains("single-leg")),
        "{:?}",
        plan.notes
    );
    assert!(plan.weeks.iter().any(|w| {
        w.notes
            .iter()
            .any(|n| n.contains("retry the return-to-running tests"))
    }));
}

#[test]
fn every_fourth_week_is_lighter_and_loads_progress_one_step_at_a_time() {
    let p = mum(
        "2026-05-01",
        "postnatal_check_done = true",
        "experience = \"returning\"\ngoals = [\"strength\"]\ndays_per_week = 3\nminutes_per_session = 45\nequipment = [\"bodyweight\", \"kettlebell:8,12,16\", \"dumbbells:4,6,8\", \"band\", \"baby\", \"car_seat\"]",
    );
    let plan = plan_for(&p, 12, &TrainingLog::default());
    for w in &plan.weeks {
        assert_eq!(w.deload, w.week % 4 == 0);
    }
    let sets = |week: u8| -> u32 { week_exercises(&plan, week).map(|e| u32::from(e.sets)).sum() };
    assert!(sets(4) < sets(3), "week 4 is lighter than week 3");
    // Something progressed: a heavier load, more reps or a harder variant, with the reason.
    let changes = all_exercises(&plan)
        .filter(|(_, e)| {
            e.why.contains("Up from") || e.why.contains("Heavier") || e.why.contains("step up")
        })
        .count();
    assert!(changes > 5, "only {changes} progressions explained");
    assert!(all_exercises(&plan).any(|(_, e)| e.load_kg.is_some_and(|kg| kg >= 12.0)));
}

#[test]
fn everyday_load_follows_the_baby_and_the_plan_shows_it() {
    let p = profile(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-09-01\"\ndelivery = \"vaginal\"\nbaby_sex = \"male\"\nbaby_birth_weight_kg = 3.6\n[health]\npostnatal_check_done = true\n[training]\nequipment = [\"baby\", \"car_seat\", \"kettlebell:8,12\"]\ncar_seat_kg = 4.0\n",
    );
    let plan = plan_for(&p, 12, &TrainingLog::default());
    let line = &plan.everyday_load_kg;
    assert_eq!(line.len(), 12);
    assert!(line.windows(2).all(|w| w[1] >= w[0]), "{line:?}");
    assert!(line[0] > 4.0 + 4.5 && line[0] < 4.0 + 7.5, "{line:?}");
    let e = plan.weeks[0].everyday_load.unwrap();
    assert_eq!(e.car_seat_kg, 4.0);
    assert!(
        plan.weeks
            .iter()
            .any(|w| w.everyday_load.unwrap().carry_kg.is_some())
    );
    // Ten years after birth nobody carries the child all day: no line.
    let older = mum(
        "2016-11-01",
        "postnatal_check_done = true",
        "goals = [\"strength\"]",
    );
    let plan = plan_for(&older, 4, &TrainingLog::default());
    assert!(plan.weeks.iter().all(|w| w.everyday_load.is_none()));
}

#[test]
fn a_caesarean_under_six_weeks_never_loads_above_the_baby() {
    let p = profile(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-11-03\"\ndelivery = \"emergency_caesarean\"\n[health]\n[training]\nequipment = [\"baby\", \"car_seat\", \"kettlebell:4,8,12\"]\n",
    );
    let plan = plan_for(&p, 6, &TrainingLog::default());
    let w1 = &plan.weeks[0];
    let limit = w1.cleared.lifting_limit_kg.expect("limited in week 1");
    assert!(
        w1.notes
            .iter()
            .any(|n| n.contains("nothing heavier than your baby"))
    );
    for (week, e) in all_exercises(&plan) {
        if plan.weeks[usize::from(week - 1)]
            .cleared
            .lifting_limit_kg
            .is_some()
        {
            assert!(
                e.load_kg.is_none_or(|kg| kg <= limit + 1.0),
                "{} {:?}",
                e.id,
                e.load_kg
            );
        }
    }
    assert_eq!(plan.weeks[0].phase, Phase::Reconnect);
}

fn log(csv: &str) -> TrainingLog {
    TrainingLog::parse(csv, LogFormat::Csv, Library::builtin()).expect("test log is valid")
}

/// A main lift of week 1 (not the warm-up, not a drill) and the dose it was prescribed.
fn main_lift<'p>(plan: &'p Plan<'static>) -> &'p Prescription<'static> {
    plan.weeks[0].sessions[0]
        .exercises
        .iter()
        .find(|e| {
            e.reps.is_some()
                && !matches!(
                    e.pattern,
                    Pattern::Breathing | Pattern::PelvicFloor | Pattern::Mobility | Pattern::Impact
                )
        })
        .expect("a reps exercise in week 1")
}

fn runner() -> Profile {
    profile(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-05-01\"\ndelivery = \"vaginal\"\n[health]\npostnatal_check_done = true\n[readiness]\nwalk_30_min = true\nsingle_leg_balance_10s = true\nsingle_leg_squat_10 = true\njog_on_spot_1_min = true\nforward_bounds_10 = true\nhop_on_spot_10 = true\nsingle_leg_running_man_10 = true\nsingle_leg_calf_raise_20 = true\nsingle_leg_bridge_20 = true\nsingle_leg_sit_to_stand_20 = true\nside_lying_abduction_20 = true\n[training]\nexperience = \"experienced\"\ngoals = [\"running\", \"strength\"]\ndays_per_week = 3\nminutes_per_session = 45\nequipment = [\"bodyweight\", \"band\", \"baby\"]\n",
    )
}

#[test]
fn the_log_decides_progress_repeat_or_regress_and_says_why() {
    let p = runner();
    let base = plan_for(&p, 4, &TrainingLog::default());
    let lift = main_lift(&base).clone();
    let reps = lift.reps.unwrap();
    let day = (TODAY - Duration::days(2)).to_string();

    // All reps at effort 7, no symptoms: progress.
    let done = log(&format!(
        "date,exercise,sets,reps,rpe\n{day},{},3,{reps},7\n",
        lift.id
    ));
    let plan = plan_for(&p, 4, &done);
    assert_eq!(plan.adaptations.len(), 1);
    assert_eq!(plan.adaptations[0].decision, Decision::Progress);
    let now = week_exercises(&plan, 1)
        .find(|e| e.pattern == lift.pattern)
        .unwrap();
    assert!(
        now.id != lift.id || now.reps.unwrap() > reps || now.load_kg > lift.load_kg,
        "{now:?}"
    );
    assert!(now.why.contains("From your log"), "{}", now.why);

    // Missed reps: repeat.
    let missed = log(&format!(
        "date,exercise,sets,reps,target_reps,rpe\n{day},{},3,{}/{}/{},{reps},8\n",
        lift.id,
        reps,
        reps,
        reps - 2
    ));
    let plan = plan_for(&p, 4, &missed);
    assert_eq!(plan.adaptations[0].decision, Decision::Repeat);
    let now = week_exercises(&plan, 1)
        .find(|e| e.pattern == lift.pattern)
        .unwrap();
    assert_eq!((now.id, now.reps), (lift.id, Some(reps)));

    // Leaking during it: down the ladder and impact paused for the week.
    let leak = log(&format!(
        "date,exercise,sets,reps,rpe,symptoms\n{day},{},3,{reps},6,urinary_leakage\n",
        lift.id
    ));
    let plan = plan_for(&p, 4, &leak);
    assert_eq!(plan.adaptations[0].decision, Decision::Regress);
    assert!(plan.adaptations[0].text.contains("impact stops"));
    assert!(!plan.weeks[0].cleared.impact);
    assert!(week_exercises(&plan, 1).all(|e| e.impact == Impact::None));
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("pelvic-health physio"))
    );
    let lib = Library::builtin();
    let now = week_exercises(&plan, 1)
        .find(|e| e.pattern == lift.pattern)
        .unwrap();
    let before = lib.get(lift.id).unwrap();
    assert!(
        lib.regression_of(before).is_some_and(|d| d.id == now.id) || now.reps < lift.reps,
        "{} -> {}",
        lift.id,
        now.id
    );
}

#[test]
fn a_red_flag_in_the_log_stops_the_plan() {
    let p = runner();
    let base = plan_for(&p, 4, &TrainingLog::default());
    let lift = main_lift(&base).clone();
    let day = (TODAY - Duration::days(1)).to_string();
    let flagged = log(&format!(
        "date,exercise,sets,reps,symptoms_after\n{day},{},3,10,chest_pain\n",
        lift.id
    ));
    let out = plan::generate(&p, Library::builtin(), &PlanOptions::new(TODAY), &flagged).unwrap();
    match out {
        PlanOutcome::Urgent(s) => {
            assert!(
                s.screening.urgent
                    && s.screening
                        .reasons
                        .iter()
                        .any(|r| r.rule == "red-flag-emergency")
                    && s.from_log.len() == 1
            )
        }
        PlanOutcome::Ready(_) => panic!("a red flag must stop the plan"),
    }
}

#[test]
fn bad_options_name_the_option() {
    let p = runner();
    let lib = Library::builtin();
    let none = TrainingLog::default();
    let err = |o: PlanOptions| plan::generate(&p, lib, &o, &none).unwrap_err();
    assert_eq!(
        err(PlanOptions {
            weeks: 0,
            ..PlanOptions::new(TODAY)
        })
        .field,
        "--weeks"
    );
    assert_eq!(
        err(PlanOptions {
            weeks: 53,
            ..PlanOptions::new(TODAY)
        })
        .field,
        "--weeks"
    );
    assert_eq!(
        err(PlanOptions::new(date!(2026 - 01 - 01))).field,
        "--start"
    );
    let e = err(PlanOptions {
        car_seat_kg: f64::NAN,
        ..PlanOptions::new(TODAY)
    });
    assert_eq!(e.field, "car_seat_kg");
    let lift = main_lift(&plan_for(&p, 1, &none)).id;
    let later = log(&format!(
        "date,exercise,sets,reps\n2026-12-01,{lift},3,10\n"
    ));
    let e = plan::generate(&p, lib, &PlanOptions::new(TODAY), &later).unwrap_err();
    assert_eq!(e.field, "log line 2");
    assert!(e.message.contains("after the plan's start"));
}

#[test]
fn the_calendar_parses_back_with_one_event_per_session() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let p = example("leaking-at-5-months.toml");
    let plan = plan_for(&p, 12, &TrainingLog::default());
    let text = render_plan::plan_ics(&plan, time::OffsetDateTime::UNIX_EPOCH);
    let cal: Calendar = text.parse().expect("valid iCalendar");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let sessions: usize = plan.weeks.iter().map(|w| w.sessions.len()).sum();
    assert_eq!(events.len(), sessions);
    let first = events[0];
    assert!(first.get_summary().unwrap().starts_with("mumstrong: "));
    assert!(
        first
            .get_description()
            .unwrap()
            .contains("Pelvic floor today")
    );
    assert!(text.contains("DTSTART;VALUE=DATE:"));
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids.len(), sessions, "UIDs are unique");
}

#[test]
fn the_json_has_the_shape_of_the_issue() {
    let p = example("ready-to-run-14-weeks.toml");
    let plan = plan_for(&p, 12, &TrainingLog::default());
    let v = serde_json::to_value(&plan).unwrap();
    assert!(v["screening"]["reasons"].is_array());
    assert_eq!(v["everyday_load_kg"].as_array().unwrap().len(), 12);
    let w = &v["weeks"][0];
    assert_eq!(w["week"], 1);
    assert_eq!(w["starts"], "2026-11-24");
    assert!(w["phase"].is_string());
    for key in [
        "slow_holds",
        "hold_seconds",
        "quick_squeezes",
        "times_per_day",
    ] {
        assert!(w["pelvic_floor"][key].is_u64(), "{key}");
    }
    assert!(w["aerobic_minutes"].is_u64());
    let s = &w["sessions"][0];
    assert_eq!(s["day"], 1);
    assert!(s["title"].is_string() && s["estimated_minutes"].is_u64());
    let e = &s["exercises"][0];
    for key in [
        "id",
        "name",
        "sets",
        "reps",
        "seconds",
        "load_kg",
        "impact",
        "pressure",
        "equipment",
        "pattern",
        "why",
    ] {
        assert!(e.get(key).is_some(), "exercise lacks {key}");
    }
}

#[test]
fn the_feed_is_the_same_on_every_fetch_and_its_reminders_say_their_length() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let p = example("leaking-at-5-months.toml");
    let plan = plan_for(&p, 4, &TrainingLog::default());
    let eight = time::macros::time!(08:00);
    let stamp = time::macros::datetime!(2026-11-24 10:00 UTC);
    let first = render_plan::feed_ics(&plan, &[eight], stamp);
    let again = render_plan::feed_ics(&plan_for(&p, 4, &TrainingLog::default()), &[eight], stamp);
    assert_eq!(
        first, again,
        "a re-made plan gives the same feed, alarms and all"
    );
    assert!(first.contains(&format!("PRODID:{}", render_plan::PRODID)));
    assert!(render_plan::PRODID.starts_with("-//mumstrong//"));
    assert!(first.contains("UID:mumstrong-20261124-pf0800@mumstrong-alarm"));
    let cal: Calendar = first.parse().expect("valid iCalendar");
    let mut uids = std::collections::BTreeSet::new();
    let mut reminders = 0;
    for c in &cal.components {
        let CalendarComponent::Event(e) = c else {
            continue;
        };
        assert!(
            uids.insert(e.get_uid().unwrap().to_string()),
            "UIDs are unique"
        );
        let summary = e.get_summary().unwrap();
        if let Some(rest) = summary.strip_prefix("mumstrong: pelvic-floor practice (") {
            reminders += 1;
            let minutes = rest.trim_end_matches(" min)");
            let duration = e.property_value("DURATION").unwrap();
            assert_eq!(duration, format!("PT{minutes}M"), "{summary}");
        }
    }
    assert_eq!(
        reminders, 4,
        "one daily reminder per week at the one time she chose"
    );
}

#[test]
fn a_session_keeps_its_uid_when_the_plan_is_made_again_from_a_later_day() {
    let p = example("leaking-at-5-months.toml");
    let weeks = |start: Date| {
        let options = PlanOptions {
            start,
            weeks: 4,
            ..PlanOptions::for_profile(&p)
        };
        match plan::generate(&p, Library::builtin(), &options, &TrainingLog::default()).unwrap() {
            PlanOutcome::Ready(plan) => *plan,
            PlanOutcome::Urgent(_) => panic!("expected a plan"),
        }
    };
    let stamp = time::OffsetDateTime::UNIX_EPOCH;
    let uid_of = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_string)
            .collect()
    };
    let before = uid_of(&render_plan::plan_ics(&weeks(TODAY), stamp));
    let after = uid_of(&render_plan::plan_ics(
        &weeks(TODAY + time::Duration::days(7)),
        stamp,
    ));
    assert!(
        before
            .iter()
            .all(|u| u.starts_with("mumstrong-2026") && u.ends_with("@mumstrong"))
    );
    // The second plan's first week is the first plan's second week, day for day.
    let shared = after.iter().filter(|u| before.contains(u)).count();
    assert!(
        shared > 0,
        "a session on the same day with the same title keeps its UID: {before:?} / {after:?}"
    );
}
