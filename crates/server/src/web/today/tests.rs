use super::session::match_sets;
use super::view::{Prescription, Session};
use super::words::and_list;
use super::*;
use crate::web::Unit;

fn presc(id: &str, sets: u8) -> Prescription {
    Prescription {
        id: id.to_owned(),
        name: id.to_owned(),
        sets,
        reps: Some(8),
        seconds: None,
        metres: None,
        each_side: false,
        load_kg: None,
        load: mumstrong_core::library::LoadSource::Bodyweight,
        rest_seconds: 45,
        cues: Vec::new(),
        why: String::new(),
    }
}

fn set(id: i64, exercise: &str, n: Option<i64>) -> SetRow {
    SetRow {
        id,
        done_on: Date::MIN,
        exercise: exercise.to_owned(),
        set_number: n,
        reps: 8,
        target_reps: None,
        load_kg: None,
        rpe: None,
        symptoms: "[]".to_owned(),
        red_flags: "[]".to_owned(),
        client_ref: None,
        created_at: 0,
    }
}

#[test]
fn sets_match_by_number_then_in_order_and_the_rest_are_extra() {
    let session = Session {
        day: 1,
        date: Date::MIN,
        title: "t".to_owned(),
        estimated_minutes: 10,
        exercises: vec![presc("a", 2), presc("b", 1)],
    };
    let sets = vec![
        set(1, "a", Some(2)),
        set(2, "a", None),
        set(3, "a", None),
        set(4, "c", Some(1)),
        set(5, "b", Some(1)),
    ];
    let (slots, extra) = match_sets(&session, &sets);
    assert_eq!(slots[&("a".to_owned(), 2)].id, 1);
    assert_eq!(slots[&("a".to_owned(), 1)].id, 2);
    assert_eq!(slots[&("b".to_owned(), 1)].id, 5);
    let extra: Vec<i64> = extra.iter().map(|s| s.id).collect();
    assert_eq!(extra, vec![3, 4]);
}

#[test]
fn forms_convert_pounds_and_refuse_bad_numbers_by_field() {
    let form = |pairs: &[(&str, &str)]| {
        WebForm::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    };
    let base = [
        ("date", "2026-11-25"),
        ("exercise", "goblet_squat"),
        ("set_number", "1"),
    ];
    let mut pairs = base.to_vec();
    pairs.extend([("reps", "10"), ("load", "22")]);
    let set = set_from_form(&form(&pairs), Unit::Lb).unwrap();
    assert!((set.load_kg.unwrap() - 9.979).abs() < 0.01);
    assert_eq!(
        set.client_ref.as_deref(),
        Some("web:2026-11-25:goblet_squat:1")
    );
    let mut pairs = base.to_vec();
    pairs.push(("reps", "abc"));
    assert_eq!(
        set_from_form(&form(&pairs), Unit::Kg)
            .err()
            .expect("refused")
            .field
            .as_deref(),
        Some("reps")
    );
    let mut pairs = base.to_vec();
    pairs.extend([("reps", "5"), ("load", "-2")]);
    let e = set_from_form(&form(&pairs), Unit::Kg)
        .err()
        .expect("refused");
    assert_eq!(e.field.as_deref(), Some("load"));
    assert!(e.message.starts_with("Load:"), "{}", e.message);
    let mut pairs = base.to_vec();
    pairs.extend([("reps", "5"), ("symptoms", "sneezing")]);
    assert_eq!(
        set_from_form(&form(&pairs), Unit::Kg)
            .err()
            .expect("refused")
            .field
            .as_deref(),
        Some("symptoms")
    );
}

#[test]
fn symptoms_read_in_plain_words() {
    assert_eq!(symptom_word("urinary_leakage"), "leaking");
    assert_eq!(symptom_word("low_back_pain"), "back pain");
    assert!(symptom_word("chest_pain").contains("chest pain"));
    assert_eq!(
        and_list(&["a".into(), "b".into(), "c".into()]),
        "a, b and c"
    );
}

#[test]
fn reasons_read_as_words() {
    assert_eq!(
        reason_in_words("adapted: urinary_leakage logged during glute_bridge on 2026-12-03"),
        "you logged leaking during Glute bridge on Thu 3 Dec 2026"
    );
    assert_eq!(
        reason_in_words(
            "adapted: pelvic_heaviness, abdominal_doming noted in the check-in on 2026-12-03"
        ),
        "you noted heaviness and doming in your check-in on Thu 3 Dec 2026"
    );
    assert_eq!(
        reason_in_words("made again: history imported"),
        "history imported"
    );
}
