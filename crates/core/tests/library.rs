//! The shipped exercise library (`data/exercises.toml`): coverage, links, ladders, reachability.

use std::collections::BTreeSet;

use mumstrong_core::library::{Impact, Library, LoadSource, Pattern, Pressure, is_breath_cue};
use mumstrong_core::readiness::{READINESS_TESTS, TestGroup};

fn library() -> &'static Library {
    Library::builtin()
}

#[test]
fn the_library_parses_and_has_at_least_80_exercises() {
    let lib = library();
    assert!(
        lib.exercises().len() >= 80,
        "only {} exercises",
        lib.exercises().len()
    );
    assert!(!lib.version().is_empty());
}

#[test]
fn every_pattern_is_covered_by_several_exercises() {
    for pattern in Pattern::ALL {
        let n = library()
            .exercises()
            .iter()
            .filter(|e| e.pattern == pattern)
            .count();
        assert!(
            n >= 3,
            "pattern {} has only {n} exercises",
            pattern.as_str()
        );
    }
}

#[test]
fn names_are_unique_and_cues_are_short_and_include_the_breath() {
    let mut names = BTreeSet::new();
    for e in library().exercises() {
        assert!(names.insert(e.name.as_str()), "name `{}` twice", e.name);
        assert!((2..=4).contains(&e.cues.len()), "{}", e.id);
        assert!(
            e.cues.iter().any(|c| is_breath_cue(c)),
            "{} lacks a breath cue",
            e.id
        );
        for cue in &e.cues {
            assert!(cue.len() <= 110, "{}: cue too long: {cue}", e.id);
            assert!(
                !cue.ends_with('.'),
                "{}: cues end without a full stop",
                e.id
            );
        }
    }
}

#[test]
fn every_link_resolves_both_ways() {
    let lib = library();
    for e in lib.exercises() {
        if let Some(down) = lib.regression_of(e) {
            assert!(down.progressions.contains(&e.id), "{} <- {}", e.id, down.id);
        }
        assert_eq!(
            lib.progressions_of(e).count(),
            e.progressions.len(),
            "{}: a progression does not resolve",
            e.id
        );
    }
}

#[test]
fn ladders_are_acyclic_and_ordered_by_demand() {
    let lib = library();
    for e in lib.exercises() {
        let mut seen = BTreeSet::from([e.id.as_str()]);
        let mut at = e;
        while let Some(down) = lib.regression_of(at) {
            assert!(seen.insert(down.id.as_str()), "{}: the ladder loops", e.id);
            assert!(
                down.level < at.level,
                "{} is not harder than {}",
                at.id,
                down.id
            );
            assert!(down.impact <= at.impact && down.pressure <= at.pressure);
            assert!(down.earliest_weeks <= at.earliest_weeks);
            assert!(down.earliest_weeks_caesarean <= at.earliest_weeks_caesarean);
            at = down;
        }
    }
}

#[test]
fn every_exercise_is_reachable_from_a_bottom_rung_anyone_can_do() {
    let lib = library();
    let mut reached = BTreeSet::new();
    let mut stack: Vec<_> = Pattern::ALL.iter().flat_map(|p| lib.roots(*p)).collect();
    for root in &stack {
        assert!(
            root.level <= 3,
            "{} starts a ladder but is level {}",
            root.id,
            root.level
        );
    }
    while let Some(e) = stack.pop() {
        if reached.insert(e.id.as_str()) {
            stack.extend(lib.progressions_of(e));
        }
    }
    for e in lib.exercises() {
        assert!(reached.contains(e.id.as_str()), "{} is unreachable", e.id);
    }
}

#[test]
fn impact_only_in_the_impact_pattern_and_gentle_exercises_exist_for_the_first_weeks() {
    let lib = library();
    for e in lib.exercises() {
        if e.impact != Impact::None {
            assert_eq!(e.pattern, Pattern::Impact, "{}", e.id);
            assert!(e.earliest_weeks >= 12, "{}: impact before 12 weeks", e.id);
        }
        if e.pressure == Pressure::High {
            assert!(
                e.earliest_weeks >= 12,
                "{}: high pressure before 12 weeks",
                e.id
            );
        }
    }
    for pattern in [
        Pattern::Breathing,
        Pattern::PelvicFloor,
        Pattern::Core,
        Pattern::Glutes,
        Pattern::Mobility,
    ] {
        assert!(
            lib.exercises().iter().any(|e| e.pattern == pattern
                && e.level <= 2
                && e.earliest_weeks_caesarean == 0
                && e.pressure == Pressure::Low
                && e.needs().next().is_none()),
            "no first-weeks exercise for {}",
            pattern.as_str()
        );
    }
}

#[test]
fn baby_inclusive_variants_are_first_class() {
    let lib = library();
    let with_baby: Vec<_> = lib
        .exercises()
        .iter()
        .filter(|e| matches!(e.load_source(), LoadSource::Baby | LoadSource::CarSeat))
        .collect();
    assert!(
        with_baby.len() >= 8,
        "only {} baby variants",
        with_baby.len()
    );
    for pattern in [
        Pattern::Squat,
        Pattern::Hinge,
        Pattern::Carry,
        Pattern::Lunge,
    ] {
        assert!(
            with_baby.iter().any(|e| e.pattern == pattern),
            "no baby variant for {}",
            pattern.as_str()
        );
    }
    assert!(
        with_baby
            .iter()
            .any(|e| e.load_source() == LoadSource::CarSeat && e.pattern == Pattern::Carry),
        "no car-seat carry"
    );
}

#[test]
fn every_non_walking_readiness_test_has_a_drill() {
    let lib = library();
    for test in READINESS_TESTS.iter().filter(|t| t.key != "walk_30_min") {
        let drills: Vec<_> = lib
            .exercises()
            .iter()
            .filter(|e| e.readiness_test.as_deref() == Some(test.key))
            .collect();
        assert!(!drills.is_empty(), "no drill for {}", test.key);
        for d in drills {
            if test.group == TestGroup::LoadAndImpact && d.impact != Impact::None {
                assert_eq!(d.pattern, Pattern::Impact);
            }
        }
    }
}

#[test]
fn weights_are_offered_both_as_kettlebell_and_dumbbells() {
    let lib = library();
    for source in [LoadSource::Kettlebell, LoadSource::Dumbbells] {
        for pattern in [
            Pattern::Squat,
            Pattern::Hinge,
            Pattern::Carry,
            Pattern::Push,
            Pattern::Pull,
        ] {
            assert!(
                lib.exercises()
                    .iter()
                    .any(|e| e.pattern == pattern && e.load_source() == source),
                "no {source:?} exercise for {}",
                pattern.as_str()
            );
        }
    }
}

#[test]
fn a_typo_gets_a_suggestion() {
    let lib = library();
    let some = &lib.exercises()[0].id;
    let typo = format!("{}x", some);
    assert_eq!(lib.nearest_id(&typo), Some(some.as_str()));
    assert_eq!(lib.nearest_id("zzzzzzzzzzzzzzzzzzzzzzz"), None);
}

#[test]
fn links_resolve_for_a_copy_of_an_exercise_too() {
    // Ladders are walked by position for speed; a copy (not from the library) falls back to ids.
    let lib = library();
    let with_both = lib
        .exercises()
        .iter()
        .find(|e| e.regression.is_some() && !e.progressions.is_empty())
        .expect("a middle rung");
    let copy = with_both.clone();
    assert_eq!(
        lib.regression_of(&copy).map(|e| e.id.as_str()),
        lib.regression_of(with_both).map(|e| e.id.as_str())
    );
    let ups = |e| {
        lib.progressions_of(e)
            .map(|x| x.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ups(&copy), ups(with_both));
    assert_eq!(lib.ladder_size(&copy), lib.ladder_size(with_both));
    assert_eq!(
        lib.get(&with_both.id).unwrap().position(),
        with_both.position()
    );
}
