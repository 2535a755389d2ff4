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

use mumstrong_core::library::{Exercise, Focus, LoadStep};
use mumstrong_core::vocab::EquipmentKind;

/// What every home has: a chair, a wall, a step and the floor.
const BASICS: [EquipmentKind; 5] = [
    EquipmentKind::Bodyweight,
    EquipmentKind::Chair,
    EquipmentKind::Wall,
    EquipmentKind::Step,
    EquipmentKind::Mat,
];

/// The patterns that build strength: each has ladders that climb to the Perform phase.
const STRENGTH: [Pattern; 9] = [
    Pattern::Core,
    Pattern::Glutes,
    Pattern::Squat,
    Pattern::Hinge,
    Pattern::Lunge,
    Pattern::Push,
    Pattern::Pull,
    Pattern::Carry,
    Pattern::Impact,
];

fn kit(extra: &[EquipmentKind]) -> Vec<EquipmentKind> {
    BASICS.iter().chain(extra).copied().collect()
}

/// The exercises a mum with this kit reaches by walking up the ladders from their bottom rungs,
/// passing only through rungs she has the equipment for (as the plan generator does).
fn reachable<'a>(lib: &'a Library, kit: &[EquipmentKind]) -> Vec<&'a Exercise> {
    let fits = |e: &Exercise| e.needs().all(|k| kit.contains(&k));
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut stack: Vec<&Exercise> = Pattern::ALL
        .iter()
        .flat_map(|p| lib.roots(*p))
        .filter(|e| fits(e))
        .collect();
    while let Some(e) = stack.pop() {
        if seen.insert(e.id.as_str()) {
            out.push(e);
            stack.extend(lib.progressions_of(e).filter(|u| fits(u)));
        }
    }
    out
}

#[test]
fn every_strength_pattern_climbs_to_level_7_with_home_kit_and_with_gym_kit() {
    let lib = library();
    use EquipmentKind::*;
    let kits: [(&str, Vec<EquipmentKind>, &[Pattern]); 5] = [
        (
            "home",
            kit(&[Band, Kettlebell, Dumbbells, Baby, CarSeat]),
            &STRENGTH,
        ),
        ("a kettlebell", kit(&[Kettlebell]), &STRENGTH),
        ("dumbbells", kit(&[Dumbbells]), &STRENGTH),
        ("a band and her baby", kit(&[Band, Baby]), &STRENGTH[..7]),
        // A gym without free weights: the barbell, the stacks and a bench take her up.
        (
            "gym",
            kit(&[Barbell, Cable, Machines, Bench, Box]),
            &STRENGTH[..7],
        ),
    ];
    for (name, kit, patterns) in kits {
        let reached = reachable(lib, &kit);
        for pattern in patterns {
            let top = reached
                .iter()
                .filter(|e| e.pattern == *pattern)
                .max_by_key(|e| e.level)
                .unwrap_or_else(|| panic!("{name}: nothing for {}", pattern.as_str()));
            assert!(
                top.level >= 7,
                "with {name}, {} stops at {} (level {})",
                pattern.as_str(),
                top.id,
                top.level
            );
        }
    }
}

#[test]
fn loaded_lines_go_somewhere_too() {
    // A mum who has the load climbs the loaded line, not only the bodyweight one: in the
    // patterns it serves, each load reaches a level-7 (or higher) rung of its own.
    let lib = library();
    use EquipmentKind::*;
    let lines: [(LoadSource, EquipmentKind, &[Pattern]); 4] = [
        (
            LoadSource::Kettlebell,
            Kettlebell,
            &[
                Pattern::Squat,
                Pattern::Hinge,
                Pattern::Pull,
                Pattern::Carry,
            ],
        ),
        (
            LoadSource::Dumbbells,
            Dumbbells,
            &[
                Pattern::Squat,
                Pattern::Pull,
                Pattern::Carry,
                Pattern::Lunge,
            ],
        ),
        (
            LoadSource::Barbell,
            Barbell,
            &[Pattern::Squat, Pattern::Hinge, Pattern::Pull, Pattern::Push],
        ),
        (LoadSource::Barbell, Barbell, &[Pattern::Glutes]),
    ];
    for (source, kind, patterns) in lines {
        let reached = reachable(lib, &kit(&[kind, Bench]));
        for pattern in patterns {
            assert!(
                reached
                    .iter()
                    .any(|e| e.pattern == *pattern && e.load_source() == source && e.level >= 7),
                "{source:?} stops short of level 7 in {}",
                pattern.as_str()
            );
        }
    }
    // The baby squat line continues past `squat_holding_baby` (issue 13).
    let baby_squat = lib.get("squat_holding_baby").unwrap();
    assert!(lib.progressions_of(baby_squat).count() >= 1);
}

#[test]
fn every_gym_exercise_is_reachable_with_its_own_kit() {
    let lib = library();
    for e in lib.exercises().iter().filter(|e| {
        e.needs()
            .any(|k| k.is_gym() || matches!(k, EquipmentKind::Bench | EquipmentKind::Box))
    }) {
        // Her gym kit, and the bench every gym has.
        let own: Vec<EquipmentKind> = e.needs().chain([EquipmentKind::Bench]).collect();
        let reached = reachable(lib, &kit(&own));
        assert!(
            reached.iter().any(|r| r.id == e.id),
            "{} is not reachable with {own:?}",
            e.id
        );
    }
}

#[test]
fn gym_lifts_have_their_load_source_and_wait_for_heavy_weights() {
    // HSE Ireland (docs/clinical-facts.md h): heavy weights and high-resistance machines at 3-4
    // months after a caesarean; Goom et al. 2019 (a): 12 weeks for high-effort work.
    let lib = library();
    let expected = [
        ("barbell_back_squat", Pattern::Squat, LoadSource::Barbell),
        ("barbell_deadlift", Pattern::Hinge, LoadSource::Barbell),
        (
            "barbell_romanian_deadlift",
            Pattern::Hinge,
            LoadSource::Barbell,
        ),
        ("barbell_hip_thrust", Pattern::Glutes, LoadSource::Barbell),
        ("barbell_bench_press", Pattern::Push, LoadSource::Barbell),
        ("barbell_overhead_press", Pattern::Push, LoadSource::Barbell),
        ("barbell_bent_over_row", Pattern::Pull, LoadSource::Barbell),
        ("lat_pulldown", Pattern::Pull, LoadSource::Machine),
        ("seated_cable_row", Pattern::Pull, LoadSource::Cable),
        ("leg_press", Pattern::Squat, LoadSource::Machine),
        ("step_up_to_box", Pattern::Lunge, LoadSource::Bodyweight),
    ];
    for (id, pattern, source) in expected {
        let e = lib.get(id).unwrap_or_else(|| panic!("{id} is missing"));
        assert_eq!((e.pattern, e.load_source()), (pattern, source), "{id}");
        assert_eq!(e.impact, Impact::None, "{id}");
        assert!(
            e.cues.iter().any(|c| c.contains("pelvic floor")),
            "{id}: lift the pelvic floor first"
        );
        assert!(
            e.cues.iter().any(|c| c.to_lowercase().contains("exhale")),
            "{id}: exhale on effort"
        );
        if source == LoadSource::Barbell {
            assert!(
                e.pressure >= Pressure::Medium,
                "{id}: a bar is never low pressure"
            );
            assert!(e.earliest_weeks >= 10, "{id}: {}", e.earliest_weeks);
            assert!(
                e.earliest_weeks_caesarean >= 14,
                "{id}: {}",
                e.earliest_weeks_caesarean
            );
        }
        if source == LoadSource::Machine {
            assert!(e.earliest_weeks_caesarean >= 8, "{id}");
        }
    }
    assert_eq!(
        LoadSource::Barbell.step(),
        LoadStep::Owned {
            equipment: EquipmentKind::Barbell
        }
    );
    assert!(matches!(LoadSource::Cable.step(), LoadStep::Stack { step_kg, .. } if step_kg > 0.0));
    assert!(matches!(LoadSource::Machine.step(), LoadStep::Stack { step_kg, .. } if step_kg > 0.0));
    for source in LoadSource::ALL {
        assert!(!source.label().is_empty(), "{source}");
        assert_eq!(
            serde_json::to_value(source).unwrap(),
            serde_json::json!(source.as_str())
        );
    }
}

#[test]
fn running_strength_is_in_the_library_and_tagged() {
    // Goom, Donnelly & Brockwell 2019 (docs/clinical-facts.md a): the strength tests (single-leg
    // calf raise x 20, single-leg bridge x 20, single-leg sit to stand x 20, side-lying abduction
    // x 20) and the load-and-impact tests (hops, bounds, running man) are what she practises.
    let lib = library();
    let running = [
        ("calf_raise", None),
        ("staggered_calf_raise", None),
        ("single_leg_calf_raise", Some("single_leg_calf_raise_20")),
        ("single_leg_bridge", Some("single_leg_bridge_20")),
        (
            "single_leg_sit_to_stand",
            Some("single_leg_sit_to_stand_20"),
        ),
        ("side_lying_leg_raise", Some("side_lying_abduction_20")),
        ("step_up", None),
        ("step_up_to_box", None),
        ("split_squat", None),
        ("bulgarian_split_squat", None),
        ("single_leg_squat", Some("single_leg_squat_10")),
        ("pogo_hops", None),
        ("forward_bounds", Some("forward_bounds_10")),
        ("hop_on_spot", Some("hop_on_spot_10")),
        ("running_man", Some("single_leg_running_man_10")),
    ];
    for (id, test) in running {
        let e = lib.get(id).unwrap_or_else(|| panic!("{id} is missing"));
        assert!(
            e.focus.contains(&Focus::RunningPrep),
            "{id}: not running_prep"
        );
        assert_eq!(e.readiness_test.as_deref(), test, "{id}");
        if e.pattern == Pattern::Impact {
            assert!(e.impact >= Impact::Low && e.earliest_weeks >= 12, "{id}");
        } else {
            assert_eq!(e.impact, Impact::None, "{id}");
            assert!(e.pressure <= Pressure::Medium, "{id}");
        }
    }
    // Calf raises climb from two legs to one, then to the step and a weight.
    let mut at = lib.get("calf_raise").unwrap();
    let mut line = vec![at.id.as_str()];
    while let Some(up) = lib.progressions_of(at).next() {
        line.push(up.id.as_str());
        at = up;
    }
    assert!(line.contains(&"single_leg_calf_raise"), "{line:?}");
    assert!(at.level >= 7, "{line:?}");
    // Hops and bounds climb past the readiness tests.
    let hop = lib.get("hop_on_spot").unwrap();
    assert!(lib.progressions_of(hop).any(|e| e.impact == Impact::High));
}

#[test]
fn mobility_for_an_ache_is_tagged_and_never_aggravates_it() {
    use mumstrong_core::vocab::Ache;
    let lib = library();
    for ache in [Ache::Neck, Ache::Back, Ache::Hips, Ache::Shoulders] {
        let easing: Vec<&Exercise> = lib
            .exercises()
            .iter()
            .filter(|e| e.eases.contains(&ache))
            .collect();
        assert!(!easing.is_empty(), "nothing eases {ache}");
        for e in easing {
            assert!(
                !e.aches.contains(&ache),
                "{} eases and aggravates {ache}",
                e.id
            );
            assert_eq!(e.pressure, Pressure::Low, "{}", e.id);
        }
    }
    // The neck and upper-back line for feeding posture is tagged for the neck.
    for id in ["neck_shoulder_rolls", "seated_chest_opener"] {
        assert!(lib.get(id).unwrap().eases.contains(&Ache::Neck), "{id}");
    }
}
