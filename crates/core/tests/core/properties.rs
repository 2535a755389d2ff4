//! Property tests of the safety invariants over thousands of generated profiles, and of the
//! parser over arbitrary and mangled text (it must answer with an error, never panic).

use mumstrong_core::profile::{
    BirthInput, HealthInput, ProfileFormat, ProfileInput, TrainingInput,
};
use mumstrong_core::questionnaire::Whooley;
use mumstrong_core::readiness::Readiness;
use mumstrong_core::screening::{self, ExerciseLevel, Referral, Screening};
use mumstrong_core::vocab::{Delivery, PerinealTear, RedFlag, Symptom};
use mumstrong_core::{Profile, render};
use proptest::prelude::*;
use proptest::sample::subsequence;
use time::macros::date;
use time::{Date, Duration};

const AS_OF: Date = date!(2026 - 11 - 24);

fn readiness() -> impl Strategy<Value = Readiness> {
    // Bias towards "all passed" so the cleared paths are well explored.
    prop_oneof![
        Just(Readiness::ALL_PASSED),
        proptest::array::uniform11(any::<bool>()).prop_map(|b| Readiness {
            walk_30_min: b[0],
            single_leg_balance_10s: b[1],
            single_leg_squat_10: b[2],
            jog_on_spot_1_min: b[3],
            forward_bounds_10: b[4],
            hop_on_spot_10: b[5],
            single_leg_running_man_10: b[6],
            single_leg_calf_raise_20: b[7],
            single_leg_bridge_20: b[8],
            single_leg_sit_to_stand_20: b[9],
            side_lying_abduction_20: b[10],
        }),
    ]
}

fn sparse<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    // Mostly none, sometimes a few: the common case is a mum with no or one symptom.
    prop_oneof![
        3 => Just(Vec::new()),
        2 => subsequence(all.to_vec(), 0..=2),
        1 => subsequence(all.to_vec(), 0..=all.len()),
    ]
}

fn answers(n: usize) -> impl Strategy<Value = Option<Vec<i64>>> {
    proptest::option::of(proptest::collection::vec(0i64..=3, n))
}

/// The Whooley answers as the profile takes them: the third only after a yes.
fn whooley() -> impl Strategy<Value = Option<Whooley>> {
    proptest::option::of(
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(down, no_interest, wants_help)| Whooley {
                down,
                no_interest,
                wants_help: wants_help.filter(|_| down || no_interest),
            }),
    )
}

prop_compose! {
    fn profile()(
        days in prop_oneof![0i64..400, 0i64..3650],
        delivery in proptest::sample::select(Delivery::ALL.to_vec()),
        tear in proptest::option::of(proptest::sample::select(PerinealTear::ALL.to_vec())),
        check in any::<bool>(),
        assessed in any::<bool>(),
        breastfeeding in proptest::option::of(any::<bool>()),
        symptoms in sparse(Symptom::ALL),
        red_flags in prop_oneof![4 => Just(Vec::new()), 1 => sparse(RedFlag::ALL)],
        diastasis in proptest::option::of(0.0f64..=8.0),
        (epds, phq9, whooley, gad7) in (answers(10), answers(9), whooley(), answers(7)),
        readiness in readiness(),
    ) -> Profile {
        let mut symptoms = symptoms;
        if days < 56 {
            // Rejected as input: bleeding "beyond 8 weeks" cannot be reported before 8 weeks.
            symptoms.retain(|s| *s != Symptom::BleedingBeyond8Weeks);
        }
        let input = ProfileInput {
            as_of: Some(AS_OF.to_string()),
            birth: BirthInput {
                date: (AS_OF - Duration::days(days)).to_string(),
                delivery,
                perineal_tear: tear,
                baby_sex: None,
                baby_birth_weight_kg: None,
                babies: None,
            },
            health: HealthInput {
                postnatal_check_done: check,
                pelvic_health_assessment_done: assessed,
                breastfeeding,
                symptoms,
                red_flags,
                diastasis_finger_widths: diastasis,
                epds,
                phq9,
                whooley,
                gad7,
            },
            readiness,
            training: TrainingInput::default(),
        };
        input.validate(AS_OF).expect("generated profiles are in range")
    }
}

fn has_signs(p: &Profile) -> bool {
    p.health
        .symptoms
        .iter()
        .any(|s| s.is_pelvic_floor_sign() || s.is_abdominal_wall_sign())
        || p.health.diastasis_finger_widths.is_some_and(|w| w >= 2.0)
}

fn check_invariants(p: &Profile, s: &Screening) {
    let self_harm_answer = p.health.epds.is_some_and(|e| e.self_harm())
        || p.health.phq9.is_some_and(|q| q.self_harm());
    // A Whooley yes with no questionnaire to go on always sends her to someone.
    if p.health.whooley.is_some_and(|w| w.positive())
        && p.health.phq9.is_none()
        && p.health.epds.is_none()
    {
        assert!(s.refers_to(Referral::MentalHealth) || s.refers_to(Referral::MentalHealthUrgent));
    }
    // Red flags and self-harm answers are urgent, and urgent means stop.
    assert_eq!(s.urgent, !p.health.red_flags.is_empty() || self_harm_answer);
    if s.urgent {
        assert_eq!(s.exercise, ExerciseLevel::Stop);
        assert!(s.safe_now.is_empty());
        assert!(!s.impact_allowed && !s.running.cleared && !s.high_pressure_allowed);
        assert!(s.referrals.iter().any(|r| matches!(
            r,
            Referral::EmergencyCare | Referral::Gp | Referral::MentalHealthUrgent
        )));
    }
    if self_harm_answer || p.health.red_flags.contains(&RedFlag::ThoughtsOfSelfHarm) {
        assert!(s.refers_to(Referral::MentalHealthUrgent));
    }
    // Nothing under 12 weeks is ever cleared for impact, running or heavy effort.
    if s.days_postpartum < 84 {
        assert!(!s.impact_allowed && !s.running.cleared && !s.high_pressure_allowed);
        assert!(!s.running.blockers.is_empty());
    }
    // Running needs impact; impact needs no signs, the load tests and 12 weeks.
    if s.running.cleared {
        assert!(s.impact_allowed);
        assert!(p.readiness.strength_passed());
    }
    if s.impact_allowed {
        assert!(!has_signs(p));
        assert!(p.readiness.load_and_impact_passed());
        assert!(!p.health.symptoms.contains(&Symptom::BleedingBeyond8Weeks));
        assert_eq!(s.exercise, ExerciseLevel::Progressive);
    }
    assert_eq!(s.running.cleared, s.running.blockers.is_empty());
    if has_signs(p) {
        assert!(s.refers_to(Referral::PelvicHealthPhysio));
        assert!(!s.impact_allowed && !s.high_pressure_allowed);
    }
    // A sphincter injury not yet assessed: physio, and no impact.
    if p.birth
        .perineal_tear
        .is_some_and(|t| t.is_sphincter_injury())
        && !p.health.pelvic_health_assessment_done
    {
        assert!(s.refers_to(Referral::PelvicHealthPhysio));
        assert!(!s.impact_allowed && !s.running.cleared);
    }
    // Urgent reasons are exactly the red-flag and self-harm ones.
    assert_eq!(s.urgent, s.reasons.iter().any(|r| r.urgent));
    // Caesarean under 6 weeks: never more than the baby's weight.
    if p.birth.delivery.is_caesarean() && s.days_postpartum < 42 {
        let limit = s
            .lifting_limit
            .as_ref()
            .expect("lifting limit after recent caesarean");
        assert_eq!(limit.max, "baby_weight");
        assert!(limit.until > s.as_of);
    } else {
        assert!(s.lifting_limit.is_none());
    }
    if s.days_postpartum < 42 {
        assert_ne!(s.exercise, ExerciseLevel::Progressive);
    }
    // Every decision has a readable reason from a known rule with its source.
    for reason in &s.reasons {
        let rule = screening::rule(reason.rule).expect("reason names a known rule");
        assert_eq!(reason.source, rule.source);
        assert!(reason.text.len() > 20);
    }
    for referral in &s.referrals {
        assert!(
            s.reasons.iter().any(|r| r.referral == Some(*referral)),
            "referral {referral:?} has no reason"
        );
    }
    assert!(
        s.referrals.windows(2).all(|w| w[0] < w[1]),
        "sorted, no repeats"
    );
    assert_eq!(s.running.earliest, p.birth.date + Duration::days(84));
    assert!(s.disclaimer.contains("not a medical diagnosis"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn screening_keeps_the_safety_invariants(p in profile()) {
        let s = screening::screen(&p);
        check_invariants(&p, &s);
        let text = render::screening_text(&p, &s);
        prop_assert!(text.contains("not a medical diagnosis"));
        if s.urgent {
            prop_assert!(text.contains("GET HELP NOW"));
        }
        let json = serde_json::to_value(&s).unwrap();
        prop_assert!(json["reasons"].is_array());
    }

    #[test]
    fn profiles_round_trip_through_toml_and_json(p in profile()) {
        let input = p.to_input();
        let json = serde_json::to_string(&input).unwrap();
        prop_assert_eq!(&Profile::parse(&json, ProfileFormat::Json, AS_OF).unwrap(), &p);
        let toml = toml::to_string(&input).unwrap();
        prop_assert_eq!(&Profile::parse(&toml, ProfileFormat::Toml, AS_OF).unwrap(), &p);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Profile::parse(&text, ProfileFormat::Toml, AS_OF);
        let _ = Profile::parse(&text, ProfileFormat::Json, AS_OF);
    }

    #[test]
    fn mangled_profiles_give_errors_not_panics(
        p in profile(),
        cut in any::<prop::sample::Index>(),
        insert in "[\\[\\]{}\"=,:0-9a-z. \n-]{0,8}",
    ) {
        // Splice junk into a real profile: the result parses or errors with a message.
        for (text, format) in [
            (toml::to_string(&p.to_input()).unwrap(), ProfileFormat::Toml),
            (serde_json::to_string(&p.to_input()).unwrap(), ProfileFormat::Json),
        ] {
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) { at -= 1; }
            let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
            if let Err(e) = Profile::parse(&mangled, format, AS_OF) {
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }
}
