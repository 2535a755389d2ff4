use super::vocab::EquipmentKind;
use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 24);

const FULL_TOML: &str = r#"
as_of = "2026-11-24"
[birth]
date = "2026-08-20"
delivery = "vaginal"
perineal_tear = "second"
baby_sex = "female"
baby_birth_weight_kg = 3.4
babies = 1
[health]
postnatal_check_done = true
breastfeeding = true
symptoms = []
red_flags = []
diastasis_finger_widths = 1.5
epds = [0,0,3,0,3,3,3,3,3,3]
phq9 = [0,0,0,0,0,0,0,0,0]
whooley = { down = true, no_interest = false, wants_help = true }
gad7 = [1,0,0,0,0,0,2]
[readiness]
walk_30_min = true
single_leg_balance_10s = true
single_leg_squat_10 = true
jog_on_spot_1_min = true
forward_bounds_10 = true
hop_on_spot_10 = true
single_leg_running_man_10 = true
single_leg_calf_raise_20 = true
single_leg_bridge_20 = true
single_leg_sit_to_stand_20 = true
side_lying_abduction_20 = true
[training]
experience = "beginner"
goals = ["strength"]
days_per_week = 3
minutes_per_session = 30
equipment = ["bodyweight", "band", "kettlebell:8", "dumbbells:4,6,8", "baby", "buggy", "chair"]
aches = ["back"]
"#;

fn toml_err(text: &str) -> ProfileError {
    Profile::parse(text, ProfileFormat::Toml, TODAY).unwrap_err()
}

fn json_err(text: &str) -> ProfileError {
    Profile::parse(text, ProfileFormat::Json, TODAY).unwrap_err()
}

#[test]
fn the_documented_example_parses() {
    let p = Profile::parse(FULL_TOML, ProfileFormat::Toml, TODAY).unwrap();
    assert_eq!(p.weeks_postpartum(), 13);
    assert_eq!(
        p.training.equipment.weights_kg(EquipmentKind::Dumbbells),
        &[4.0, 6.0, 8.0]
    );
    assert_eq!(
        p.training.equipment.weights_kg(EquipmentKind::Kettlebell),
        &[8.0]
    );
    assert!(p.readiness.strength_passed());
    assert_eq!(p.health.epds.unwrap().total(), 0);
}

#[test]
fn toml_and_json_read_the_same_profile_and_round_trip() {
    let p = Profile::parse(FULL_TOML, ProfileFormat::Toml, TODAY).unwrap();
    let json = serde_json::to_string(&p.to_input()).unwrap();
    let q = Profile::parse(&json, ProfileFormat::Json, TODAY).unwrap();
    assert_eq!(p, q);
}

#[test]
fn as_of_defaults_to_today_and_toml_native_dates_work() {
    let p = Profile::parse(
        "[birth]\ndate = 2026-11-01\ndelivery = \"vaginal\"\n",
        ProfileFormat::Toml,
        TODAY,
    )
    .unwrap();
    assert_eq!(p.as_of, TODAY);
    assert_eq!(p.days_postpartum(), 23);
    assert_eq!(p.training.days_per_week, 3);
    assert!(p.training.equipment.has(EquipmentKind::Bodyweight));
}

#[test]
fn missing_birth_date_names_the_field() {
    let e = toml_err("[birth]\ndelivery = \"vaginal\"\n");
    assert_eq!(e.field(), Some("birth.date"), "{e}");
    let e = json_err(r#"{"birth": {"delivery": "vaginal"}}"#);
    assert_eq!(e.field(), Some("birth.date"), "{e}");
    let e = toml_err("as_of = \"2026-11-24\"\n");
    assert_eq!(e.field(), Some("birth"), "{e}");
}

#[test]
fn birth_after_as_of_is_an_error() {
    let e = toml_err(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-11-25\"\ndelivery = \"vaginal\"\n",
    );
    assert_eq!(e.field(), Some("birth.date"));
    assert!(e.to_string().contains("after"), "{e}");
    // Without as_of, today is the limit.
    let e = toml_err("[birth]\ndate = \"2027-01-01\"\ndelivery = \"vaginal\"\n");
    assert!(e.to_string().contains("today"), "{e}");
}

#[test]
fn bad_dates_say_the_expected_shape() {
    for bad in ["20/08/2026", "2026-8-20", "2026-02-30", "tomorrow", ""] {
        let e = toml_err(&format!(
            "[birth]\ndate = \"{bad}\"\ndelivery = \"vaginal\"\n"
        ));
        assert_eq!(e.field(), Some("birth.date"), "{bad}: {e}");
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }
    let e = toml_err(
        "as_of = \"24.11.2026\"\n[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n",
    );
    assert_eq!(e.field(), Some("as_of"));
}

#[test]
fn epds_length_and_range_errors_name_the_item() {
    let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\n";
    let e = toml_err(&format!("{base}epds = [0,0,0,0,0,0,0,0,0,0,0]\n"));
    assert_eq!(e.field(), Some("health.epds"));
    assert!(e.to_string().contains("expected 10 answers"), "{e}");
    let e = toml_err(&format!("{base}epds = [0,0,0,4,0,0,0,0,0,0]\n"));
    assert_eq!(e.field(), Some("health.epds[3]"), "{e}");
    assert!(e.to_string().contains("item 4"), "{e}");
    let e = toml_err(&format!("{base}phq9 = [0,0,0,0,0,0,0,0]\n"));
    assert_eq!(e.field(), Some("health.phq9"));
    let e = json_err(
        r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"health":{"epds":[0,0,0,0,0,0,0,0,0,1.5]}}"#,
    );
    assert_eq!(e.field(), Some("health.epds[9]"), "{e}");
}

#[test]
fn whooley_and_gad7_are_read_checked_and_round_trip() {
    let p = Profile::parse(FULL_TOML, ProfileFormat::Toml, TODAY).unwrap();
    let w = p.health.whooley.expect("whooley");
    assert_eq!(
        (w.down, w.no_interest, w.wants_help),
        (true, false, Some(true))
    );
    assert_eq!(p.health.gad7.map(|g| g.total()), Some(3));
    let input = p.to_input();
    assert_eq!(input.health.whooley, Some(w));
    assert_eq!(input.health.gad7, Some(vec![1, 0, 0, 0, 0, 0, 2]));
    let json = serde_json::to_string(&input).unwrap();
    assert!(
        json.contains(r#""whooley":{"down":true,"no_interest":false,"wants_help":true}"#),
        "{json}"
    );

    let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\n";
    let e = toml_err(&format!("{base}whooley = {{ no_interest = true }}\n"));
    assert_eq!(e.field(), Some("health.whooley.down"), "{e}");
    assert!(e.to_string().contains("required"), "{e}");
    let e = toml_err(&format!(
        "{base}whooley = {{ down = false, no_interest = false, wants_help = true }}\n"
    ));
    assert_eq!(e.field(), Some("health.whooley.wants_help"), "{e}");
    assert!(e.to_string().contains("only after a yes"), "{e}");
    let e = toml_err(&format!(
        "{base}whooley = {{ down = \"yes\", no_interest = true }}\n"
    ));
    assert_eq!(e.field(), Some("health.whooley.down"), "{e}");
    let e = toml_err(&format!("{base}gad7 = [0,0,0,0,0,0,9]\n"));
    assert_eq!(e.field(), Some("health.gad7[6]"), "{e}");
    assert!(e.to_string().contains("item 7"), "{e}");
    let e = toml_err(&format!("{base}gad7 = [0,0,0]\n"));
    assert_eq!(e.field(), Some("health.gad7"), "{e}");
    // Both no, no third answer: fine, and nothing else is needed.
    let ok = format!("{base}whooley = {{ down = false, no_interest = false }}\n");
    let p = Profile::parse(&ok, ProfileFormat::Toml, TODAY).unwrap();
    assert!(!p.health.whooley.unwrap().positive());
}

#[test]
fn unknown_words_and_fields_list_what_is_allowed() {
    let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";
    let e = toml_err(&format!("{base}[health]\nsymptoms = [\"leaking\"]\n"));
    assert_eq!(e.field(), Some("health.symptoms[0]"), "{e}");
    assert!(e.to_string().contains("urinary_leakage"), "{e}");
    let e = toml_err("[birth]\ndate = \"2026-08-20\"\ndelivery = \"natural\"\n");
    assert_eq!(e.field(), Some("birth.delivery"), "{e}");
    assert!(e.to_string().contains("planned_caesarean"), "{e}");
    let e = toml_err(&format!("{base}[health]\nsleep_hours = 5\n"));
    assert!(e.field().unwrap().starts_with("health"), "{e}");
    assert!(e.to_string().contains("sleep_hours"), "{e}");
    assert!(e.to_string().contains("postnatal_check_done"), "{e}");
    let e = json_err(r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"readines":{}}"#);
    assert!(e.to_string().contains("readines"), "{e}");
}

#[test]
fn malformed_text_is_a_syntax_error_with_a_line() {
    let e = toml_err("[birth\ndate = \"2026-08-20\"\n");
    assert!(matches!(
        e,
        ProfileError::Syntax {
            format: ProfileFormat::Toml,
            ..
        }
    ));
    assert!(e.to_string().contains("line 1"), "{e}");
    let e = json_err("{\"birth\": {\"date\": \"2026-08-20\",}");
    assert!(matches!(
        e,
        ProfileError::Syntax {
            format: ProfileFormat::Json,
            ..
        }
    ));
    assert!(e.to_string().contains("line 1"), "{e}");
    let e = json_err("{\"birth\": {\"date\": \"2026-08-20\", \"delivery\": \"vaginal\"}} trailing");
    assert!(matches!(e, ProfileError::Syntax { .. }), "{e}");
}

#[test]
fn numeric_ranges_are_checked() {
    let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n";
    let cases = [
        (
            "baby_birth_weight_kg = 9.0",
            "[birth]",
            "birth.baby_birth_weight_kg",
        ),
        ("babies = 0", "[birth]", "birth.babies"),
        (
            "diastasis_finger_widths = 9",
            "[health]",
            "health.diastasis_finger_widths",
        ),
        (
            "diastasis_finger_widths = nan",
            "[health]",
            "health.diastasis_finger_widths",
        ),
        ("days_per_week = 8", "[training]", "training.days_per_week"),
        (
            "minutes_per_session = 5",
            "[training]",
            "training.minutes_per_session",
        ),
        ("goals = []", "[training]", "training.goals"),
        (
            "equipment = [\"kettlebell\"]",
            "[training]",
            "training.equipment[0]",
        ),
        (
            "equipment = [\"band\", \"rowing_machine\"]",
            "[training]",
            "training.equipment[1]",
        ),
        (
            "equipment = [\"dumbbells:4,x\"]",
            "[training]",
            "training.equipment[0]",
        ),
        (
            "equipment = [\"dumbbells:0\"]",
            "[training]",
            "training.equipment[0]",
        ),
        (
            "equipment = [\"band:5\"]",
            "[training]",
            "training.equipment[0]",
        ),
    ];
    for (line, table, field) in cases {
        let text = if table == "[birth]" {
            format!("{base}{line}\n")
        } else {
            format!("{base}{table}\n{line}\n")
        };
        let e = toml_err(&text);
        assert_eq!(e.field(), Some(field), "{line}: {e}");
    }
}

#[test]
fn null_means_not_given_and_sections_must_be_tables() {
    let p = Profile::parse(
            r#"{"as_of": null, "birth": {"date": "2026-08-20", "delivery": "vaginal", "perineal_tear": null}, "health": null, "training": {"equipment": null}}"#,
            ProfileFormat::Json,
            TODAY,
        )
        .unwrap();
    assert_eq!(p.as_of, TODAY);
    let e = json_err(r#"{"birth": {"date": "2026-08-20", "delivery": null}}"#);
    assert_eq!(e.field(), Some("birth.delivery"), "{e}");
    let e = json_err(r#"{"birth": ["2026-08-20", "vaginal"]}"#);
    assert_eq!(e.field(), Some("birth"), "{e}");
    let e = toml_err("birth = [\"2026-08-20\", \"vaginal\", \"third\"]\n");
    assert_eq!(e.field(), Some("birth"), "{e}");
    let e = json_err(r#"[{"birth": {}}]"#);
    assert_eq!(e.field(), Some("profile"), "{e}");
    assert!(!e.to_string().contains("struct"), "no Rust words: {e}");
}

#[test]
fn wrong_types_for_words_name_the_field_and_the_words() {
    let e = json_err(r#"{"birth": {"date": "2026-08-20", "delivery": 3}}"#);
    assert_eq!(e.field(), Some("birth.delivery"), "{e}");
    assert!(e.to_string().contains("`vaginal`"), "{e}");
    let e = toml_err("[birth]\ndate = \"2026-08-20\"\ndelivery = \"Vaginal\"\n");
    assert!(e.to_string().contains("write it as `vaginal`"), "{e}");
    let e = toml_err(
        "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\nas_of = \"2026-11-24\"\n",
    );
    assert!(e.to_string().contains("belongs at the top"), "{e}");
}

#[test]
fn dates_beyond_the_supported_range_are_refused_not_crashed_on() {
    let e = toml_err(
        "as_of = \"9999-12-31\"\n[birth]\ndate = \"9999-12-01\"\ndelivery = \"vaginal\"\n",
    );
    assert_eq!(e.field(), Some("as_of"), "{e}");
    let long = "9".repeat(10_000);
    let e = toml_err(&format!(
        "[birth]\ndate = \"{long}\"\ndelivery = \"vaginal\"\n"
    ));
    assert!(e.to_string().len() < 300, "long values are cut short: {e}");
}

#[test]
fn bleeding_beyond_8_weeks_before_8_weeks_is_refused() {
    let e = toml_err(
        "as_of = \"2026-11-24\"\n[birth]\ndate = \"2026-10-20\"\ndelivery = \"vaginal\"\n[health]\nsymptoms = [\"urinary_leakage\", \"bleeding_beyond_8_weeks\"]\n",
    );
    assert_eq!(e.field(), Some("health.symptoms[1]"), "{e}");
    assert!(e.to_string().contains("heavy_bleeding"), "{e}");
}

#[test]
fn equipment_weights_are_forgiving_but_checked() {
    let eq = Equipment::parse(&["kettlebell: 8KG", "dumbbells:4, 6 kg"]).unwrap();
    assert_eq!(eq.weights_kg(EquipmentKind::Kettlebell), &[8.0]);
    assert_eq!(eq.weights_kg(EquipmentKind::Dumbbells), &[4.0, 6.0]);
    for bad in [
        "dumbbells:",
        "kettlebell:8,",
        "kettlebell:0.001",
        "kettlebell:1e-300",
    ] {
        let (i, m) = Equipment::parse(&[bad]).unwrap_err();
        assert_eq!(i, 0);
        assert!(!m.contains("``"), "{bad}: {m}");
    }
}

#[test]
fn a_warning_sign_among_the_symptoms_is_refused_by_name_in_toml_and_json() {
    let base = "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[health]\n";
    for flag in RedFlag::ALL {
        let e = toml_err(&format!(
            "{base}symptoms = [\"urinary_leakage\", \"{flag}\"]\n"
        ));
        assert_eq!(e.field(), Some("health.symptoms[1]"), "{flag}: {e}");
        let text = e.to_string();
        assert!(text.contains("`health.red_flags`"), "{text}");
        assert!(text.contains("warning sign"), "{text}");
        assert!(!text.contains("unknown value"), "{text}");
    }
    let e = json_err(
        r#"{"birth":{"date":"2026-08-20","delivery":"vaginal"},"health":{"symptoms":["Chest_Pain"]}}"#,
    );
    assert_eq!(e.field(), Some("health.symptoms[0]"), "{e}");
    assert!(e.to_string().contains("health.red_flags"), "{e}");
    // And the other way round.
    let e = toml_err(&format!("{base}red_flags = [\"pelvic_heaviness\"]\n"));
    assert_eq!(e.field(), Some("health.red_flags[0]"), "{e}");
    assert!(e.to_string().contains("`health.symptoms`"), "{e}");
    assert!(e.to_string().contains("is a symptom"), "{e}");
    // The right lists still parse.
    let p = Profile::parse(
        &format!("{base}symptoms = [\"pelvic_heaviness\"]\nred_flags = [\"chest_pain\"]\n"),
        ProfileFormat::Toml,
        TODAY,
    )
    .unwrap();
    assert!(p.health.red_flags.contains(&RedFlag::ChestPain));
}

#[test]
fn gym_equipment_parses_with_barbell_loads_and_clear_errors() {
    let eq = Equipment::parse(&["barbell:40, 20,30", "cable", "machines", "bench", "box"]).unwrap();
    assert_eq!(eq.weights_kg(EquipmentKind::Barbell), &[20.0, 30.0, 40.0]);
    for kind in [
        EquipmentKind::Cable,
        EquipmentKind::Machines,
        EquipmentKind::Bench,
        EquipmentKind::Box,
    ] {
        assert!(eq.has(kind), "{kind}");
    }
    assert_eq!(
        Equipment::parse(&eq.to_words()).unwrap(),
        eq,
        "the words round-trip"
    );
    let (i, m) = Equipment::parse(&["band", "barbell"]).unwrap_err();
    assert_eq!(i, 1);
    assert!(m.contains("`barbell:8`") || m.contains("barbell:"), "{m}");
    let (_, m) = Equipment::parse(&["cable:20"]).unwrap_err();
    assert!(
        m.contains("takes no weights") && m.contains("barbell"),
        "{m}"
    );
    let (_, m) = Equipment::parse(&["barbell:300"]).unwrap_err();
    assert!(m.contains("250"), "{m}");
    assert!(
        Equipment::parse(&["barbell:120"]).is_ok(),
        "heavier than a dumbbell"
    );
    let (_, m) = Equipment::parse(&["smith_machine"]).unwrap_err();
    assert!(
        m.contains("`machines`") && m.contains("barbell:20,30,40"),
        "{m}"
    );
    let e = toml_err(
        "[birth]\ndate = \"2026-08-20\"\ndelivery = \"vaginal\"\n[training]\nequipment = [\"cable\", \"barbell:20,x\"]\n",
    );
    assert_eq!(e.field(), Some("training.equipment[1]"), "{e}");
    assert!(e.to_string().contains("`x` is not a weight"), "{e}");
}

#[test]
fn format_from_file_name() {
    assert_eq!(
        ProfileFormat::from_file_name("a/b.TOML"),
        Some(ProfileFormat::Toml)
    );
    assert_eq!(
        ProfileFormat::from_file_name("x.json"),
        Some(ProfileFormat::Json)
    );
    assert_eq!(ProfileFormat::from_file_name("x.yaml"), None);
    assert_eq!(ProfileFormat::from_file_name("noext"), None);
}
