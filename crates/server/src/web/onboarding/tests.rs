use super::draft::{Draft, Kit, set_passed};
use super::input::{parse_date_input, parse_weights, range_text, shown, to_kg_keeping};
use super::steps::{Step, input_of_field, step_of_field};
use super::*;
use crate::error::AppError;
use crate::web::Unit;
use mumstrong_core::profile::MAX_OWNED_WEIGHT_KG;
use mumstrong_core::readiness::{READINESS_TESTS, Readiness};
use mumstrong_core::vocab::{Ache, Delivery, EquipmentKind, Goal, RedFlag, Symptom};
use time::macros::date;

fn draft(json: &str) -> Draft {
    Draft::from_json(json).expect("a draft")
}

#[test]
fn fields_belong_to_the_step_that_asks_them() {
    assert_eq!(step_of_field("birth.date"), Step::Birth);
    assert_eq!(step_of_field("birth"), Step::Birth);
    assert_eq!(step_of_field("health.symptoms[2]"), Step::Feel);
    assert_eq!(step_of_field("health.red_flags[0]"), Step::Warning);
    assert_eq!(step_of_field("health.epds[3]"), Step::Mood);
    assert_eq!(step_of_field("readiness.walk_30_min"), Step::Readiness);
    assert_eq!(step_of_field("training.aches[0]"), Step::Feel);
    assert_eq!(step_of_field("training.equipment[1]"), Step::Training);
    assert_eq!(step_of_field("as_of"), Step::Review);
    let d = draft(r#"{"training": {"equipment": ["bodyweight", "dumbbells:4,6"]}}"#);
    assert_eq!(
        input_of_field("training.equipment[1]", &d),
        "training.dumbbell_weights"
    );
    assert_eq!(input_of_field("birth", &d), "birth.date");
    assert_eq!(input_of_field("health.symptoms[3]", &d), "health.symptoms");
}

#[test]
fn pounds_round_trip_without_drift() {
    let unit = Unit::Lb;
    let kg = to_kg_keeping(unit, 10.0, &[]);
    assert!((kg - 4.536).abs() < 0.001, "{kg}");
    // Shown as she typed it, and kept exactly when she does not change it.
    assert_eq!(shown(unit, 4.0), "8.8");
    assert_eq!(to_kg_keeping(unit, 8.8, &[4.0]), 4.0);
    let max = MAX_OWNED_WEIGHT_KG;
    let ws = parse_weights(unit, "10, 15 lb", "dumbbells", &[], max).unwrap();
    assert_eq!(ws, vec![4.54, 6.8]);
    assert!(parse_weights(unit, "0.2", "dumbbells", &[], max).is_err());
    assert!(parse_weights(unit, "", "dumbbells", &[], max).is_err());
    assert!(parse_weights(Unit::Kg, "4, x", "dumbbells", &[], max).is_err());
    assert_eq!(range_text(Unit::Lb, 0.5, 7.0), "1.2 to 15.4 lb");
}

#[test]
fn dates_in_either_order() {
    assert_eq!(parse_date_input("2026-08-20"), Some(date!(2026 - 08 - 20)));
    assert_eq!(parse_date_input("20/08/2026"), Some(date!(2026 - 08 - 20)));
    assert_eq!(parse_date_input("31/02/2026"), None);
    assert_eq!(parse_date_input("yesterday"), None);
}

#[test]
fn a_step_merges_only_its_own_answers() {
    let today = date!(2026 - 11 - 24);
    let mut d = draft(r#"{"training": {"aches": ["back"], "goals": ["strength"]}}"#);
    let form = WebForm::from_pairs(vec![
        ("birth.date".into(), "2026-08-20".into()),
        ("birth.delivery".into(), "vaginal".into()),
        ("birth.babies".into(), "2".into()),
    ]);
    apply(Step::Birth, &form, &mut d, Unit::Kg, today).unwrap();
    assert_eq!(d.birth.babies, Some(2));
    assert_eq!(d.training.aches, vec![Ache::Back]);
    let bad = WebForm::from_pairs(vec![
        ("birth.date".into(), "2027-01-01".into()),
        ("birth.delivery".into(), "vaginal".into()),
    ]);
    let before = d.clone();
    let e = apply(Step::Birth, &bad, &mut d, Unit::Kg, today).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("birth.date"));
    assert!(e.message.contains("future"), "{}", e.message);
    assert_eq!(d, before, "nothing changes on an error");
}

/// A step, what she sent, and the field the error must name.
type Case = (Step, &'static [(&'static str, &'static str)], &'static str);

#[test]
fn bad_input_names_its_field() {
    let today = date!(2026 - 11 - 24);
    let cases: [Case; 6] = [
        (Step::Birth, &[("birth.date", "soon")], "birth.date"),
        (
            Step::Birth,
            &[
                ("birth.date", "2026-08-20"),
                ("birth.delivery", "vaginal"),
                ("birth.babies", "99999999999999999999"),
            ],
            "birth.babies",
        ),
        (
            Step::Feel,
            &[("health.postnatal_check_done", "maybe")],
            "health.postnatal_check_done",
        ),
        (
            Step::Warning,
            &[("health.red_flags", "urinary_leakage")],
            "health.red_flags",
        ),
        (
            Step::Readiness,
            &[("readiness.walk_30_min", "yes")],
            "readiness.walk_30_min",
        ),
        (
            Step::Training,
            &[
                ("training.goals", "strength"),
                ("training.experience", "beginner"),
                ("training.days_per_week", "NaN"),
            ],
            "training.days_per_week",
        ),
    ];
    for (step, pairs, field) in cases {
        let form = WebForm::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        );
        let mut d = Draft::default();
        let e = apply(step, &form, &mut d, Unit::Kg, today).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{step:?}: {}", e.message);
        assert!(!e.message.is_empty());
        assert_eq!(d, Draft::default());
    }
}

#[test]
fn a_half_answered_epds_names_the_first_missing_item() {
    let mut d = Draft::default();
    let mut pairs: Vec<(String, String)> = (0..4)
        .map(|i| (format!("health.epds[{i}]"), "1".to_owned()))
        .collect();
    let e = mood::read(&WebForm::from_pairs(pairs.clone()), &mut d).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("health.epds[4]"));
    pairs.extend((4..10).map(|i| (format!("health.epds[{i}]"), "0".to_owned())));
    mood::read(&WebForm::from_pairs(pairs), &mut d).unwrap();
    assert_eq!(d.health.epds.as_ref().map(Vec::len), Some(10));
    let skip = WebForm::from_pairs(vec![("go".into(), "skip".into())]);
    mood::read(&skip, &mut d).unwrap();
    assert!(d.health.epds.is_none());
}

#[test]
fn the_draft_shows_again_as_its_form() {
    let d = draft(
        r#"{
        "birth": {"date": "2026-08-20", "delivery": "vaginal", "baby_birth_weight_kg": 3.4},
        "health": {"postnatal_check_done": true, "symptoms": ["urinary_leakage"], "epds": [0,1,2,3,0,1,2,3,0,0]},
        "readiness": {"walk_30_min": true},
        "training": {"equipment": ["bodyweight", "kettlebell:8,12", "mat"], "goals": ["strength"]},
        "_web": {"readiness_not_passed": ["hop_on_spot_10"]}
    }"#,
    );
    let form = d.as_form(Unit::Kg);
    assert_eq!(form.get("birth.baby_birth_weight"), Some("3.4"));
    assert_eq!(form.get("health.postnatal_check_done"), Some("yes"));
    assert_eq!(form.get("health.epds[3]"), Some("3"));
    assert_eq!(form.get("readiness.walk_30_min"), Some("passed"));
    assert_eq!(form.get("readiness.hop_on_spot_10"), Some("not_passed"));
    assert_eq!(form.get("readiness.jog_on_spot_1_min"), Some("not_tried"));
    assert_eq!(form.get("training.kettlebell_weights"), Some("8, 12"));
    assert_eq!(form.all("training.equipment"), vec!["kettlebell", "mat"]);
    let body = String::from_utf8(d.profile_body().unwrap()).unwrap();
    assert!(!body.contains("_web"), "{body}");
}

/// A draft exactly as the pages wrote it before the draft was typed (a `serde_json::Value`
/// with sorted keys, every field set by a step, an `_web` note and empty lists), after all
/// six steps with answers in each.
const OLD_DRAFT: &str = r#"{"_web":{"readiness_not_passed":["hop_on_spot_10"]},"birth":{"babies":2,"baby_birth_weight_kg":3.402,"baby_sex":"female","date":"2026-08-20","delivery":"planned_caesarean","perineal_tear":"none"},"health":{"breastfeeding":true,"diastasis_finger_widths":1.5,"epds":[0,0,0,0,0,0,0,0,0,3],"pelvic_health_assessment_done":false,"postnatal_check_done":true,"red_flags":[],"symptoms":["urinary_leakage","low_back_pain"]},"readiness":{"forward_bounds_10":false,"hop_on_spot_10":false,"jog_on_spot_1_min":false,"side_lying_abduction_20":false,"single_leg_balance_10s":true,"single_leg_bridge_20":false,"single_leg_calf_raise_20":false,"single_leg_running_man_10":false,"single_leg_sit_to_stand_20":false,"single_leg_squat_10":false,"walk_30_min":true},"training":{"aches":["back","knees"],"car_seat_kg":4.2,"days_per_week":3,"equipment":["bodyweight","dumbbells:4,6,8","mat"],"experience":"beginner","goals":["strength","pelvic_floor"],"minutes_per_session":20}}"#;

#[test]
fn a_draft_written_by_the_old_pages_loads_with_the_same_answers() {
    let d = draft(OLD_DRAFT);
    assert_eq!(d.birth.date, Some(date!(2026 - 08 - 20)));
    assert_eq!(d.birth.delivery, Some(Delivery::PlannedCaesarean));
    assert_eq!(d.birth.babies, Some(2));
    assert_eq!(d.birth.baby_birth_weight_kg, Some(3.402));
    assert_eq!(d.health.postnatal_check_done, Some(true));
    assert_eq!(d.health.pelvic_health_assessment_done, Some(false));
    assert_eq!(d.health.breastfeeding, Some(true));
    assert_eq!(
        d.health.symptoms,
        vec![Symptom::UrinaryLeakage, Symptom::LowBackPain]
    );
    assert_eq!(d.health.red_flags, Vec::<RedFlag>::new());
    assert_eq!(d.health.diastasis_finger_widths, Some(1.5));
    assert_eq!(d.health.epds, Some(vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 3]));
    assert!(d.readiness.walk_30_min && d.readiness.single_leg_balance_10s);
    assert!(!d.readiness.hop_on_spot_10);
    assert_eq!(d.web.readiness_not_passed, vec!["hop_on_spot_10"]);
    assert_eq!(
        d.training.goals,
        Some(vec![Goal::Strength, Goal::PelvicFloor])
    );
    assert_eq!(d.training.aches, vec![Ache::Back, Ache::Knees]);
    assert_eq!(d.training.days_per_week, Some(3));
    assert_eq!(d.training.minutes_per_session, Some(20));
    assert_eq!(d.training.car_seat_kg, Some(4.2));
    assert_eq!(
        d.training.weights_of(EquipmentKind::Dumbbells),
        Some(&[4.0, 6.0, 8.0][..])
    );
    // Saved again and read back, nothing is lost; the profile's JSON drops only the notes.
    let again = draft(&serde_json::to_string(&d).unwrap());
    assert_eq!(again, d);
    let body = String::from_utf8(d.profile_body().unwrap()).unwrap();
    assert!(
        body.contains(r#""equipment":["bodyweight","dumbbells:4,6,8","mat"]"#),
        "{body}"
    );
    assert!(!body.contains("_web"), "{body}");
    // The old code's form and the new one agree on every answer.
    let form = d.as_form(Unit::Kg);
    assert_eq!(form.get("birth.baby_birth_weight"), Some("3.4"));
    assert_eq!(form.get("birth.perineal_tear"), Some("none"));
    assert_eq!(
        form.all("health.symptoms"),
        vec!["urinary_leakage", "low_back_pain"]
    );
    assert_eq!(form.get("training.dumbbell_weights"), Some("4, 6, 8"));
    assert_eq!(form.get("training.car_seat"), Some("4.2"));
}

#[test]
fn a_saved_profile_loads_as_a_draft() {
    let input = r#"{"as_of":"2026-11-01","birth":{"date":"2026-08-20","delivery":"vaginal"},"health":{"phq9":[0,0,0,0,0,0,0,0,1]},"training":{"equipment":["kettlebell"]}}"#;
    let d = draft(input);
    assert!(d.health.phq9.is_some(), "kept for the save");
    // A kettlebell without weights stays so, for the profile's check to name.
    assert_eq!(
        d.training.equipment,
        Some(vec![Kit {
            kind: EquipmentKind::Kettlebell,
            weights: vec![]
        }])
    );
    let body = String::from_utf8(d.profile_body().unwrap()).unwrap();
    assert!(!body.contains("as_of"), "{body}");
    assert!(body.contains(r#""equipment":["kettlebell"]"#), "{body}");
    assert!(Draft::from_json("[1, 2]").is_err());
    assert!(Draft::from_json(r#"{"training": {"equipment": ["trampoline"]}}"#).is_err());
}

#[test]
fn every_readiness_test_has_a_slot() {
    for t in READINESS_TESTS {
        let mut r = Readiness::default();
        assert!(set_passed(&mut r, t.key, true), "{}", t.key);
        assert!((t.passed)(&r), "{}", t.key);
        assert_eq!(
            READINESS_TESTS.iter().filter(|o| (o.passed)(&r)).count(),
            1,
            "{}",
            t.key
        );
    }
    assert!(!set_passed(&mut Readiness::default(), "nope", true));
}

#[test]
fn save_errors_name_answers_by_their_labels() {
    let today = date!(2026 - 11 - 24);
    let d = draft(
        r#"{"birth": {"date": "2026-10-20", "delivery": "vaginal"},
            "health": {"symptoms": ["urinary_leakage", "bleeding_beyond_8_weeks"]},
            "training": {"goals": [], "equipment": ["bodyweight", "kettlebell", "dumbbells:150"]}}"#,
    );
    let refused = |field: &str| AppError::invalid(field, "`core` words");
    let (step, e) = errors::on_page(&refused("training.equipment[1]"), &d, Unit::Lb, today);
    assert_eq!(step, Step::Training);
    assert_eq!(e.field.as_deref(), Some("training.kettlebell_weights"));
    assert_eq!(
        e.message,
        "Kettlebell needs its weights: give the weights of your kettlebells in lb, e.g. 10, 15, 20"
    );
    let (_, e) = errors::on_page(&refused("training.equipment[2]"), &d, Unit::Kg, today);
    assert_eq!(e.field.as_deref(), Some("training.dumbbell_weights"));
    assert!(
        e.message.starts_with("150 kg is out of range"),
        "{}",
        e.message
    );
    let (step, e) = errors::on_page(&refused("health.symptoms[1]"), &d, Unit::Kg, today);
    assert_eq!(step, Step::Feel);
    assert_eq!(e.field.as_deref(), Some("health.symptoms"));
    assert!(
        e.message.contains("you are 5 weeks after birth"),
        "{}",
        e.message
    );
    let (_, e) = errors::on_page(&refused("training.goals"), &d, Unit::Kg, today);
    assert!(!e.message.contains('`'), "{}", e.message);
    // Others keep the profile's message (they quote no profile words).
    let (step, e) = errors::on_page(&refused("birth.babies"), &d, Unit::Kg, today);
    assert_eq!((step, e.message.as_str()), (Step::Birth, "`core` words"));
}
