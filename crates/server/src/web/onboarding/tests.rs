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
    assert_eq!(step_of_field("health.whooley.wants_help"), Step::Mood);
    assert_eq!(step_of_field("health.gad7[1]"), Step::Mood);
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
    assert_eq!(
        input_of_field("health.epds[3]", &d),
        "health.epds_scores[3]"
    );
    assert_eq!(input_of_field("health.phq9[8]", &d), "health.phq9[8]");
    assert_eq!(input_of_field("health.gad7", &d), "health.gad7[0]");
    assert_eq!(input_of_field("health.epds", &d), "health.epds_scores[0]");
    assert_eq!(input_of_field("health.whooley", &d), "health.whooley.down");
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
    let cases: [Case; 9] = [
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
            Step::Mood,
            &[("health.whooley.down", "perhaps")],
            "health.whooley.down",
        ),
        (
            Step::Mood,
            &[("health.whooley.down", "yes")],
            "health.whooley.no_interest",
        ),
        (Step::Mood, &[("health.phq9[2]", "7")], "health.phq9[2]"),
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

fn form(pairs: &[(&str, &str)]) -> WebForm {
    WebForm::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

fn items(field: &str, scores: &[&str]) -> Vec<(String, String)> {
    scores
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{field}[{i}]"), (*v).to_owned()))
        .collect()
}

#[test]
fn a_half_answered_epds_names_the_first_missing_item_and_scores_become_positions() {
    let mut d = Draft::default();
    let mut pairs = items("health.epds_scores", &["1"; 4]);
    let e = mood::read(&WebForm::from_pairs(pairs.clone()), &mut d).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("health.epds_scores[4]"));
    assert!(e.message.contains("EPDS item 5"), "{}", e.message);
    // The old position fields are not read as scores.
    let old = items("health.epds", &["0"; 10]);
    assert_eq!(
        mood::read(&WebForm::from_pairs(old), &mut d).unwrap(),
        mood::After::Next
    );
    assert!(d.health.epds.is_none());
    pairs.extend(items("health.epds_scores", &["0"; 10]).into_iter().skip(4));
    mood::read(&WebForm::from_pairs(pairs), &mut d).unwrap();
    // Scores 1,1,1,1,0,... kept as positions: item 3 (reversed) scored 1 is position 2.
    assert_eq!(d.health.epds, Some(vec![1, 1, 2, 1, 3, 3, 3, 3, 3, 3]));
    let form = d.as_form(Unit::Kg);
    assert_eq!(form.get("health.epds_scores[2]"), Some("1"));
    assert_eq!(form.get("health.epds_scores[9]"), Some("0"));
    let skip = WebForm::from_pairs(vec![("go".into(), "skip".into())]);
    mood::read(&skip, &mut d).unwrap();
    assert!(d.health.epds.is_none());
}

#[test]
fn two_noes_go_on_and_a_yes_asks_more() {
    let mut d = Draft::default();
    let noes = form(&[
        ("health.whooley.down", "no"),
        ("health.whooley.no_interest", "no"),
    ]);
    assert_eq!(mood::read(&noes, &mut d).unwrap(), mood::After::Next);
    let w = d.health.whooley.unwrap();
    assert_eq!((w.down, w.no_interest, w.wants_help), (false, false, None));
    assert!(d.health.phq9.is_none());

    let yes = form(&[
        ("health.whooley.down", "yes"),
        ("health.whooley.no_interest", "no"),
    ]);
    assert_eq!(mood::read(&yes, &mut d).unwrap(), mood::After::AskMore);
    assert!(
        d.health.whooley.unwrap().positive(),
        "kept for the next page"
    );
    // Once the follow-up has been shown, a blank PHQ-9 goes on (the Whooley rule refers her).
    let seen = form(&[
        ("health.whooley.down", "yes"),
        ("health.whooley.no_interest", "no"),
        ("health.whooley.wants_help", "yes"),
        ("mood.follow_up", "shown"),
    ]);
    assert_eq!(mood::read(&seen, &mut d).unwrap(), mood::After::Next);
    assert_eq!(d.health.whooley.unwrap().wants_help, Some(true));
}

#[test]
fn the_first_phq9_answer_everywhere_is_not_at_all() {
    let mut d = Draft::default();
    let mut pairs = items("health.phq9", &["0"; 9]);
    pairs.push(("health.whooley.down".into(), "yes".into()));
    pairs.push(("health.whooley.no_interest".into(), "yes".into()));
    assert_eq!(
        mood::read(&WebForm::from_pairs(pairs), &mut d).unwrap(),
        mood::After::Next
    );
    assert_eq!(d.health.phq9, Some(vec![0; 9]));
    let today = date!(2026 - 11 - 24);
    assert!(UrgentStop::for_answers(&d.urgent_answers(), None, today).is_none());
    d.health.phq9 = Some(vec![0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert!(UrgentStop::for_answers(&d.urgent_answers(), None, today).is_some());
    let html = mood::page(&d.as_form(Unit::Kg), None).into_string();
    assert!(html.contains("Not at all") && html.contains("Nearly every day"));
    assert!(html.contains("Thoughts that you would be better off dead"));
    assert!(!html.contains("Fourth"), "no answers by position");
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
    // Positions on the form, shown as the scores they give: item 4 as placed, item 3 reversed.
    assert_eq!(form.get("health.epds_scores[3]"), Some("3"));
    assert_eq!(form.get("health.epds_scores[2]"), Some("1"));
    assert_eq!(form.get("health.epds[3]"), None);
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
