//! Table-driven tests of every screening rule. Each case names the rule it checks and the source
//! that rule encodes; the test fails if the rule's source ever drifts from the one named here.

use mumstrong_core::profile::{BirthInput, HealthInput, ProfileInput, TrainingInput};
use mumstrong_core::questionnaire::Whooley;
use mumstrong_core::readiness::Readiness;
use mumstrong_core::screening::{self, Blocker, ExerciseLevel, Referral, Screening, Stage};
use mumstrong_core::vocab::{Delivery, PerinealTear, RedFlag, Symptom};
use mumstrong_core::{Profile, sources};
use time::macros::date;
use time::{Date, Duration};

const AS_OF: Date = date!(2026 - 11 - 24);

/// A well mum `days` after a vaginal birth: checked, no symptoms, every readiness test passed.
fn well(days: i64) -> ProfileInput {
    ProfileInput {
        as_of: Some(AS_OF.to_string()),
        birth: BirthInput {
            date: (AS_OF - Duration::days(days)).to_string(),
            delivery: Delivery::Vaginal,
            perineal_tear: None,
            baby_sex: None,
            baby_birth_weight_kg: None,
            babies: None,
        },
        health: HealthInput {
            postnatal_check_done: true,
            ..HealthInput::default()
        },
        readiness: Readiness::ALL_PASSED,
        training: TrainingInput::default(),
    }
}

fn screen(input: &ProfileInput) -> Screening {
    let profile: Profile = input.validate(AS_OF).expect("test profile is valid");
    screening::screen(&profile)
}

const W: i64 = 7;

struct Case {
    name: &'static str,
    rule: &'static str,
    source: &'static str,
    days: i64,
    setup: fn(&mut ProfileInput),
    check: fn(&Screening),
}

fn epds_with_total(total: u8, item10_position: i64) -> Vec<i64> {
    // Items 1, 2, 4 score their position; reversed items 3, 5-9 score 3 - position.
    let mut positions = vec![0, 0, 3, 0, 3, 3, 3, 3, 3, item10_position];
    let mut left = total - (3 - item10_position as u8);
    for (i, p) in positions.iter_mut().enumerate().take(9) {
        let reversed = i == 2 || i >= 4;
        let step = left.min(3);
        *p = if reversed {
            3 - step as i64
        } else {
            step as i64
        };
        left -= step;
    }
    assert_eq!(left, 0, "total {total} fits");
    positions
}

fn cases() -> Vec<Case> {
    vec![
        // --- Red flags.
        Case {
            name: "heavy bleeding is an emergency",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 20 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::HeavyBleeding],
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::EmergencyCare));
                assert_eq!(s.exercise, ExerciseLevel::Stop);
                assert!(!s.impact_allowed && !s.running.cleared);
                assert!(s.safe_now.is_empty());
            },
        },
        Case {
            name: "chest pain is an emergency",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 3 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::ChestPain],
            check: |s| {
                assert!(s.urgent);
                assert_eq!(s.referrals, vec![Referral::EmergencyCare]);
            },
        },
        Case {
            name: "sudden breathlessness is an emergency",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 3 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::SuddenBreathlessness],
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::EmergencyCare));
            },
        },
        Case {
            name: "severe headache is an emergency",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 2 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::SevereHeadache],
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::EmergencyCare));
            },
        },
        Case {
            name: "calf pain or swelling is an emergency",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 2 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::CalfPainSwelling],
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::EmergencyCare));
            },
        },
        Case {
            name: "fever goes to the GP, urgently",
            rule: "red-flag-gp",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 2 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::Fever],
            check: |s| {
                assert!(s.urgent);
                assert_eq!(s.referrals, vec![Referral::Gp]);
                assert_eq!(s.exercise, ExerciseLevel::Stop);
            },
        },
        Case {
            name: "wound infection goes to the GP",
            rule: "red-flag-gp",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 4 * W,
            setup: |p| {
                p.birth.delivery = Delivery::EmergencyCaesarean;
                p.health.red_flags = vec![RedFlag::WoundInfection];
            },
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::Gp));
            },
        },
        Case {
            name: "mastitis goes to the GP",
            rule: "red-flag-gp",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 10 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::Mastitis],
            check: |s| {
                assert!(s.urgent);
                assert!(s.refers_to(Referral::Gp));
            },
        },
        Case {
            name: "thoughts of self-harm: urgent mental-health help",
            rule: "red-flag-self-harm",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 30 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::ThoughtsOfSelfHarm],
            check: |s| {
                assert!(s.urgent);
                assert_eq!(s.referrals, vec![Referral::MentalHealthUrgent]);
                assert!(!s.running.cleared);
            },
        },
        Case {
            name: "a red flag years after birth still stops exercise",
            rule: "red-flag-emergency",
            source: sources::POST_BIRTH_WARNING_SIGNS,
            days: 400 * W,
            setup: |p| p.health.red_flags = vec![RedFlag::ChestPain],
            check: |s| {
                assert!(s.urgent);
                assert_eq!(s.exercise, ExerciseLevel::Stop);
                assert!(s.waits.iter().any(|w| w.what == "all exercise"));
            },
        },
        // --- Mood questionnaires.
        Case {
            name: "EPDS item 10 above 0 is urgent whatever the total",
            rule: "epds-item-10",
            source: sources::EPDS,
            days: 8 * W,
            setup: |p| p.health.epds = Some(epds_with_total(1, 2)),
            check: |s| {
                let e = s.epds.as_ref().unwrap();
                assert_eq!(e.score, 1);
                assert!(e.self_harm);
                assert!(s.urgent);
                assert!(s.refers_to(Referral::MentalHealthUrgent));
                assert!(!s.refers_to(Referral::MentalHealth));
                assert!(
                    !s.reasons_for("epds-score")
                        .any(|r| r.text.contains("unlikely")),
                    "no reassurance beside a self-harm answer"
                );
            },
        },
        Case {
            name: "EPDS 9 is unlikely, no referral",
            rule: "epds-score",
            source: sources::EPDS,
            days: 8 * W,
            setup: |p| p.health.epds = Some(epds_with_total(9, 3)),
            check: |s| {
                let e = s.epds.as_ref().unwrap();
                assert_eq!((e.score, e.band), (9, "unlikely"));
                assert!(s.referrals.is_empty());
                assert!(!s.urgent);
            },
        },
        Case {
            name: "EPDS 10 is possible depression: mental-health referral",
            rule: "epds-score",
            source: sources::EPDS,
            days: 8 * W,
            setup: |p| p.health.epds = Some(epds_with_total(10, 3)),
            check: |s| {
                let e = s.epds.as_ref().unwrap();
                assert_eq!((e.score, e.band), (10, "possible"));
                assert_eq!(s.referrals, vec![Referral::MentalHealth]);
                assert!(!s.urgent);
            },
        },
        Case {
            name: "EPDS 13 is probable depression",
            rule: "epds-score",
            source: sources::EPDS,
            days: 8 * W,
            setup: |p| p.health.epds = Some(epds_with_total(13, 3)),
            check: |s| {
                let e = s.epds.as_ref().unwrap();
                assert_eq!((e.score, e.band), (13, "probable"));
                assert!(s.refers_to(Referral::MentalHealth));
                assert_eq!(s.exercise, ExerciseLevel::Progressive);
            },
        },
        Case {
            name: "PHQ-9 item 9 above 0 is urgent",
            rule: "phq9-item-9",
            source: sources::PHQ9,
            days: 60 * W,
            setup: |p| p.health.phq9 = Some(vec![0, 0, 0, 0, 0, 0, 0, 0, 1]),
            check: |s| {
                assert!(s.phq9.as_ref().unwrap().self_harm);
                assert!(s.urgent);
                assert!(s.refers_to(Referral::MentalHealthUrgent));
            },
        },
        Case {
            name: "PHQ-9 of 10 refers, 9 does not",
            rule: "phq9-score",
            source: sources::PHQ9,
            days: 60 * W,
            setup: |p| p.health.phq9 = Some(vec![3, 3, 3, 1, 0, 0, 0, 0, 0]),
            check: |s| {
                let p = s.phq9.as_ref().unwrap();
                assert_eq!((p.score, p.band), (10, "moderate"));
                assert!(s.refers_to(Referral::MentalHealth));
            },
        },
        Case {
            name: "PHQ-9 of 9 is mild, no referral",
            rule: "phq9-score",
            source: sources::PHQ9,
            days: 60 * W,
            setup: |p| p.health.phq9 = Some(vec![3, 3, 3, 0, 0, 0, 0, 0, 0]),
            check: |s| {
                assert_eq!(s.phq9.as_ref().unwrap().band, "mild");
                assert!(s.referrals.is_empty());
            },
        },
        Case {
            name: "a Whooley yes with nothing else answered refers",
            rule: "whooley-positive",
            source: sources::NICE_CG192,
            days: 20 * W,
            setup: |p| {
                p.health.whooley = Some(Whooley {
                    down: true,
                    no_interest: false,
                    wants_help: Some(false),
                })
            },
            check: |s| {
                assert_eq!(s.referrals, vec![Referral::MentalHealth]);
                assert!(!s.urgent, "a yes is not urgent on its own");
                let text = &s.reasons_for("whooley-positive").next().unwrap().text;
                assert!(text.contains("full assessment"), "{text}");
            },
        },
        Case {
            name: "a Whooley yes and a wish for help refers even with a low PHQ-9",
            rule: "whooley-positive",
            source: sources::NICE_CG192,
            days: 20 * W,
            setup: |p| {
                p.health.whooley = Some(Whooley {
                    down: false,
                    no_interest: true,
                    wants_help: Some(true),
                });
                p.health.phq9 = Some(vec![1, 0, 0, 0, 0, 0, 0, 0, 0]);
            },
            check: |s| {
                assert!(s.refers_to(Referral::MentalHealth));
                let text = &s.reasons_for("whooley-positive").next().unwrap().text;
                assert!(text.contains("would like help"), "{text}");
            },
        },
        Case {
            name: "GAD-7 of 10 refers",
            rule: "gad7-score",
            source: sources::GAD7,
            days: 20 * W,
            setup: |p| p.health.gad7 = Some(vec![3, 3, 3, 1, 0, 0, 0]),
            check: |s| {
                let g = s.gad7.as_ref().unwrap();
                assert_eq!((g.score, g.band), (10, "moderate"));
                assert!(s.refers_to(Referral::MentalHealth));
                assert!(!s.urgent);
            },
        },
        Case {
            name: "GAD-7 of 9 is mild, no referral",
            rule: "gad7-score",
            source: sources::GAD7,
            days: 20 * W,
            setup: |p| p.health.gad7 = Some(vec![3, 3, 3, 0, 0, 0, 0]),
            check: |s| {
                let text = &s.reasons_for("gad7-score").next().unwrap().text;
                assert!(text.contains("9 (mild)"), "{text}");
                assert!(s.referrals.is_empty());
            },
        },
        // --- Pelvic floor and abdominal wall.
        Case {
            name: "leaking: physio, no impact, no running",
            rule: "pfd-symptoms-refer",
            source: sources::GOOM_2019,
            days: 20 * W,
            setup: |p| p.health.symptoms = vec![Symptom::UrinaryLeakage],
            check: |s| {
                assert_eq!(s.referrals, vec![Referral::PelvicHealthPhysio]);
                assert!(!s.impact_allowed);
                assert!(!s.running.cleared);
                assert!(!s.high_pressure_allowed);
                assert_eq!(s.exercise, ExerciseLevel::Progressive);
            },
        },
        Case {
            name: "heaviness: physio, no impact",
            rule: "pfd-symptoms-refer",
            source: sources::GOOM_2019,
            days: 30 * W,
            setup: |p| p.health.symptoms = vec![Symptom::PelvicHeaviness],
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.impact_allowed);
            },
        },
        Case {
            name: "low back pain counts as lumbopelvic pain",
            rule: "pfd-symptoms-refer",
            source: sources::GOOM_2019,
            days: 30 * W,
            setup: |p| p.health.symptoms = vec![Symptom::LowBackPain],
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.running.cleared);
            },
        },
        Case {
            name: "symptoms years later still block impact",
            rule: "pfd-symptoms-refer",
            source: sources::GOOM_2019,
            days: 500 * W,
            setup: |p| {
                p.health.symptoms = vec![Symptom::FaecalUrgency, Symptom::PainfulIntercourse]
            },
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.impact_allowed);
                assert_eq!(s.stage, Stage::BeyondFirstYear);
            },
        },
        Case {
            name: "a 2-finger gap refers",
            rule: "abdominal-wall-refer",
            source: sources::SPERSTAD_2016,
            days: 20 * W,
            setup: |p| p.health.diastasis_finger_widths = Some(2.0),
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.impact_allowed);
            },
        },
        Case {
            name: "doming refers",
            rule: "abdominal-wall-refer",
            source: sources::SPERSTAD_2016,
            days: 20 * W,
            setup: |p| p.health.symptoms = vec![Symptom::AbdominalDoming],
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.running.cleared);
            },
        },
        Case {
            name: "pendular abdomen refers",
            rule: "abdominal-wall-refer",
            source: sources::SPERSTAD_2016,
            days: 20 * W,
            setup: |p| p.health.symptoms = vec![Symptom::PendularAbdomen],
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.impact_allowed);
            },
        },
        Case {
            name: "bleeding beyond 8 weeks: GP, no impact, gentle",
            rule: "bleeding-beyond-8-weeks",
            source: sources::GOOM_2019,
            days: 10 * W,
            setup: |p| p.health.symptoms = vec![Symptom::BleedingBeyond8Weeks],
            check: |s| {
                assert_eq!(s.referrals, vec![Referral::Gp]);
                assert!(!s.impact_allowed);
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
            },
        },
        Case {
            name: "caesarean scar pain: GP, gentle",
            rule: "caesarean-scar-pain",
            source: sources::HSE_CAESAREAN,
            days: 16 * W,
            setup: |p| {
                p.birth.delivery = Delivery::PlannedCaesarean;
                p.health.symptoms = vec![Symptom::CaesareanScarPain];
            },
            check: |s| {
                assert!(s.refers_to(Referral::Gp));
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
                assert!(!s.impact_allowed);
            },
        },
        // --- Postnatal check.
        Case {
            name: "no check at 10 weeks: GP, gentle, no impact",
            rule: "postnatal-check",
            source: sources::CMO_2019,
            days: 10 * W,
            setup: |p| p.health.postnatal_check_done = false,
            check: |s| {
                assert_eq!(s.referrals, vec![Referral::Gp]);
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
                assert!(!s.impact_allowed);
            },
        },
        Case {
            name: "no check at 20 weeks still blocks impact",
            rule: "postnatal-check",
            source: sources::CMO_2019,
            days: 20 * W,
            setup: |p| p.health.postnatal_check_done = false,
            check: |s| {
                assert!(s.refers_to(Referral::Gp));
                assert!(!s.impact_allowed);
                assert!(s.running.blockers.contains(&Blocker::PostnatalCheck));
            },
        },
        Case {
            name: "check not yet due at 4 weeks: no referral",
            rule: "postnatal-check",
            source: sources::CMO_2019,
            days: 4 * W,
            setup: |p| p.health.postnatal_check_done = false,
            check: |s| {
                assert!(s.referrals.is_empty());
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
            },
        },
        Case {
            name: "check due at 7 weeks: gentle, no referral yet",
            rule: "postnatal-check",
            source: sources::CMO_2019,
            days: 7 * W,
            setup: |p| p.health.postnatal_check_done = false,
            check: |s| {
                assert!(s.referrals.is_empty());
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
            },
        },
        Case {
            name: "missed check years ago is mentioned, not referred",
            rule: "postnatal-check",
            source: sources::CMO_2019,
            days: 3 * 365,
            setup: |p| p.health.postnatal_check_done = false,
            check: |s| {
                assert!(s.referrals.is_empty());
                assert_eq!(s.exercise, ExerciseLevel::Progressive);
                assert!(s.impact_allowed);
            },
        },
        // --- Time since birth.
        Case {
            name: "under 6 weeks is gentle",
            rule: "first-six-weeks",
            source: sources::CMO_2019,
            days: 5 * W + 6,
            setup: |_| {},
            check: |s| {
                assert_eq!(s.exercise, ExerciseLevel::Gentle);
                assert_eq!(s.stage, Stage::FirstSixWeeks);
                assert!(!s.high_pressure_allowed);
            },
        },
        Case {
            name: "caesarean under 6 weeks: nothing heavier than the baby",
            rule: "caesarean-lifting",
            source: sources::HSE_CAESAREAN,
            days: 3 * W,
            setup: |p| p.birth.delivery = Delivery::EmergencyCaesarean,
            check: |s| {
                let l = s.lifting_limit.as_ref().unwrap();
                assert_eq!(l.max, "baby_weight");
                assert_eq!(l.until, AS_OF - Duration::days(3 * W) + Duration::days(42));
            },
        },
        Case {
            name: "caesarean: high effort waits 12 weeks",
            rule: "caesarean-high-effort",
            source: sources::HSE_CAESAREAN,
            days: 8 * W,
            setup: |p| p.birth.delivery = Delivery::PlannedCaesarean,
            check: |s| {
                assert!(s.lifting_limit.is_none());
                assert!(!s.high_pressure_allowed);
                assert_eq!(s.high_effort_from, AS_OF + Duration::days(4 * W));
            },
        },
        Case {
            name: "vaginal birth: intensity ramps over 3 months",
            rule: "high-effort-wait",
            source: sources::CMO_2019,
            days: 8 * W,
            setup: |_| {},
            check: |s| {
                assert!(s.lifting_limit.is_none());
                assert!(!s.high_pressure_allowed);
                assert!(!s.impact_allowed);
                assert_eq!(s.exercise, ExerciseLevel::Progressive);
            },
        },
        Case {
            name: "third-degree tear: physio, no impact until assessed",
            rule: "oasi-physio",
            source: sources::RCOG_OASI,
            days: 14 * W,
            setup: |p| p.birth.perineal_tear = Some(PerinealTear::Third),
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
                assert!(!s.impact_allowed && !s.running.cleared);
                assert!(s.running.blockers.contains(&Blocker::TearAssessment));
            },
        },
        Case {
            name: "third-degree tear, assessed: impact and running may follow",
            rule: "oasi-physio",
            source: sources::RCOG_OASI,
            days: 14 * W,
            setup: |p| {
                p.birth.perineal_tear = Some(PerinealTear::Third);
                p.health.pelvic_health_assessment_done = true;
            },
            check: |s| {
                assert!(s.referrals.is_empty());
                assert!(s.impact_allowed && s.running.cleared);
            },
        },
        Case {
            name: "fourth-degree tear: physio",
            rule: "oasi-physio",
            source: sources::RCOG_OASI,
            days: 14 * W,
            setup: |p| p.birth.perineal_tear = Some(PerinealTear::Fourth),
            check: |s| {
                assert!(s.refers_to(Referral::PelvicHealthPhysio));
            },
        },
        // --- Impact and running.
        Case {
            name: "11 weeks 6 days: no impact even with every test passed",
            rule: "impact-readiness",
            source: sources::GOOM_2019,
            days: 12 * W - 1,
            setup: |_| {},
            check: |s| {
                assert!(!s.impact_allowed);
                assert!(!s.running.cleared);
                assert_eq!(s.running.earliest, AS_OF + Duration::days(1));
            },
        },
        Case {
            name: "12 weeks, well, every test passed: impact and running",
            rule: "impact-readiness",
            source: sources::GOOM_2019,
            days: 12 * W,
            setup: |_| {},
            check: |s| {
                assert!(s.impact_allowed);
                assert!(s.running.cleared);
                assert!(s.running.blockers.is_empty());
                assert!(s.referrals.is_empty());
                assert!(s.high_pressure_allowed);
            },
        },
        Case {
            name: "one load test missing: no impact",
            rule: "impact-readiness",
            source: sources::GOOM_2019,
            days: 20 * W,
            setup: |p| p.readiness.hop_on_spot_10 = false,
            check: |s| {
                assert!(!s.impact_allowed);
                assert!(!s.running.cleared);
                assert_eq!(s.running.blockers.len(), 1);
                assert!(matches!(s.running.blockers[0], Blocker::LoadTest(t) if t.contains("hop")));
            },
        },
        Case {
            name: "impact allowed but one strength test missing: no running",
            rule: "running-readiness",
            source: sources::GOOM_2019,
            days: 20 * W,
            setup: |p| p.readiness.single_leg_bridge_20 = false,
            check: |s| {
                assert!(s.impact_allowed);
                assert!(!s.running.cleared);
                assert_eq!(s.running.blockers.len(), 1);
                assert!(
                    matches!(s.running.blockers[0], Blocker::StrengthTest(t) if t.contains("bridge"))
                );
            },
        },
        Case {
            name: "caesarean at 12 weeks, well and tested: running cleared",
            rule: "running-readiness",
            source: sources::GOOM_2019,
            days: 13 * W,
            setup: |p| p.birth.delivery = Delivery::EmergencyCaesarean,
            check: |s| {
                assert!(s.running.cleared);
            },
        },
        Case {
            name: "cleared before 6 months: run without the buggy",
            rule: "buggy-running",
            source: sources::BUGGY_RUNNING,
            days: 16 * W,
            setup: |_| {},
            check: |s| {
                assert!(s.running.cleared);
                assert!(s.running.buggy_from > s.as_of);
                assert!(s.waits.iter().any(|w| w.what.contains("buggy")));
            },
        },
        Case {
            name: "every result carries the activity targets",
            rule: "activity-targets",
            source: sources::CMO_2019,
            days: 2 * W,
            setup: |_| {},
            check: |s| {
                assert!(
                    s.reasons_for("activity-targets")
                        .next()
                        .unwrap()
                        .text
                        .contains("pelvic-floor")
                );
            },
        },
        Case {
            name: "breastfeeding gets its advice",
            rule: "breastfeeding",
            source: sources::BREASTFEEDING,
            days: 14 * W,
            setup: |p| p.health.breastfeeding = Some(true),
            check: |s| {
                assert!(s.impact_allowed);
            },
        },
    ]
}

#[test]
fn every_rule_case() {
    let cases = cases();
    for case in &cases {
        let rule = screening::rule(case.rule)
            .unwrap_or_else(|| panic!("{}: no rule {}", case.name, case.rule));
        assert_eq!(
            rule.source, case.source,
            "{}: rule {} cites another source",
            case.name, case.rule
        );
        let mut input = well(case.days);
        (case.setup)(&mut input);
        let s = screen(&input);
        assert!(
            s.fired(case.rule),
            "{}: rule {} did not fire; reasons: {:#?}",
            case.name,
            case.rule,
            s.reasons
        );
        for reason in s.reasons_for(case.rule) {
            assert_eq!(reason.source, case.source, "{}", case.name);
            assert!(!reason.text.is_empty());
        }
        (case.check)(&s);
    }
    // Every rule has at least one case.
    for rule in screening::RULES {
        assert!(
            cases.iter().any(|c| c.rule == rule.id),
            "rule {} has no test case",
            rule.id
        );
    }
}

#[test]
fn a_well_mum_has_no_referral_and_no_warning_reasons() {
    let s = screen(&well(30 * W));
    assert!(!s.urgent);
    assert!(s.referrals.is_empty());
    assert!(s.running.cleared);
    for quiet in [
        "pfd-symptoms-refer",
        "abdominal-wall-refer",
        "postnatal-check",
        "red-flag-emergency",
        "caesarean-lifting",
    ] {
        assert!(!s.fired(quiet), "{quiet} fired for a well mum");
    }
}

#[test]
fn a_gap_under_two_fingers_does_not_refer() {
    let mut p = well(20 * W);
    p.health.diastasis_finger_widths = Some(1.5);
    let s = screen(&p);
    assert!(!s.fired("abdominal-wall-refer"));
    assert!(s.impact_allowed);
}

#[test]
fn weeks_postpartum_are_whole_weeks() {
    let s = screen(&well(13 * W + 6));
    assert_eq!((s.weeks_postpartum, s.days_postpartum), (13, 97));
    let s = screen(&well(0));
    assert_eq!((s.weeks_postpartum, s.stage), (0, Stage::FirstSixWeeks));
}

#[test]
fn json_has_the_documented_shape() {
    let mut p = well(13 * W);
    p.health.symptoms = vec![Symptom::UrinaryLeakage];
    p.health.epds = Some(vec![0, 0, 3, 0, 3, 3, 3, 3, 3, 3]);
    let json = serde_json::to_value(screen(&p)).unwrap();
    assert_eq!(json["as_of"], "2026-11-24");
    assert_eq!(json["weeks_postpartum"], 13);
    assert_eq!(json["urgent"], false);
    assert_eq!(
        json["referrals"],
        serde_json::json!(["pelvic_health_physio"])
    );
    assert_eq!(json["impact_allowed"], false);
    assert_eq!(json["running"]["cleared"], false);
    assert_eq!(json["running"]["earliest"], "2026-11-17");
    assert!(json["running"]["blockers"].as_array().unwrap().len() == 1);
    assert_eq!(
        json["epds"],
        serde_json::json!({"score": 0, "band": "unlikely", "self_harm": false})
    );
    assert_eq!(json["phq9"], serde_json::Value::Null);
    assert!(json.get("gad7").is_none(), "left out when not answered");
    let reason = json["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "pfd-symptoms-refer")
        .unwrap();
    assert_eq!(reason["source"], "Goom, Donnelly & Brockwell 2019");
    assert!(reason["text"].as_str().unwrap().contains("leaking"));
    assert!(json["stage"].is_string());
    assert!(
        json["disclaimer"]
            .as_str()
            .unwrap()
            .contains("not a medical diagnosis")
    );
}

/// One row of the waits table: a profile, and for each wait `what` the date it must show (or
/// `None`) and a word its blocker list must name.
struct WaitCase {
    name: &'static str,
    /// The guideline the wait encodes (docs/clinical-facts.md).
    source: &'static str,
    days: i64,
    setup: fn(&mut ProfileInput),
    /// (what, expected until as days after birth or None, a word `waiting_for` must contain)
    expect: &'static [(&'static str, Option<i64>, &'static str)],
}

#[test]
fn waits_say_what_they_wait_for_and_show_a_date_only_for_time_alone() {
    let cases = [
        WaitCase {
            name: "well at 8 weeks: heavy lifting, impact and running wait on time alone",
            source: sources::GOOM_2019,
            days: 8 * W,
            setup: |_| {},
            expect: &[
                ("heavy lifting and breath-holding effort", Some(12 * W), ""),
                ("jumping, hopping and other impact", Some(12 * W), ""),
                ("running", Some(12 * W), ""),
                ("running with the buggy", None, "30 minutes"),
            ],
        },
        WaitCase {
            name: "caesarean at 3 weeks: the lifting limit is time alone; the check is not",
            source: sources::HSE_CAESAREAN,
            days: 3 * W,
            setup: |p| {
                p.birth.delivery = Delivery::PlannedCaesarean;
                p.health.postnatal_check_done = false;
            },
            expect: &[
                ("lifting anything heavier than your baby", Some(6 * W), ""),
                ("adding load or intensity", None, "postnatal check"),
                ("running", None, "postnatal check"),
            ],
        },
        WaitCase {
            name: "leaking at 10 weeks: the physio, not the 12-week date",
            source: sources::GOOM_2019,
            days: 10 * W,
            setup: |p| p.health.symptoms = vec![Symptom::UrinaryLeakage],
            expect: &[
                (
                    "heavy lifting and breath-holding effort",
                    None,
                    "pelvic-floor symptoms",
                ),
                (
                    "jumping, hopping and other impact",
                    None,
                    "pelvic-health physio",
                ),
                ("running", None, "pelvic-floor symptoms"),
            ],
        },
        WaitCase {
            name: "bleeding beyond 8 weeks at 20 weeks: the GP, and no date",
            source: sources::GOOM_2019,
            days: 20 * W,
            setup: |p| p.health.symptoms = vec![Symptom::BleedingBeyond8Weeks],
            expect: &[
                ("adding load or intensity", None, "bleeding"),
                ("running", None, "bleeding"),
            ],
        },
        WaitCase {
            name: "unassessed third-degree tear at 16 weeks: the assessment",
            source: sources::RCOG_OASI,
            days: 16 * W,
            setup: |p| p.birth.perineal_tear = Some(PerinealTear::Third),
            expect: &[
                ("jumping, hopping and other impact", None, "tear"),
                ("running", None, "tear"),
            ],
        },
        WaitCase {
            name: "tests not passed at 20 weeks: the tests, with no date",
            source: sources::GOOM_2019,
            days: 20 * W,
            setup: |p| p.readiness = Readiness::default(),
            expect: &[
                (
                    "jumping, hopping and other impact",
                    None,
                    "7 load-and-impact tests",
                ),
                ("running", None, "4 strength tests"),
                ("running with the buggy", None, "go-ahead to run"),
            ],
        },
        WaitCase {
            name: "two years after birth, tests not passed: no date at all, never one in the past",
            source: sources::BUGGY_RUNNING,
            days: 104 * W,
            setup: |p| p.readiness = Readiness::default(),
            expect: &[
                ("running", None, "tests"),
                ("running with the buggy", None, "go-ahead to run"),
            ],
        },
    ];
    for case in &cases {
        assert!(!case.source.is_empty());
        let mut input = well(case.days);
        (case.setup)(&mut input);
        let s = screen(&input);
        let birth = s.as_of - Duration::days(s.days_postpartum);
        for w in &s.waits {
            if let Some(d) = w.until {
                assert!(
                    d > s.as_of,
                    "{}: {} shows a past date {d}",
                    case.name,
                    w.what
                );
                assert!(
                    w.waiting_for.is_empty(),
                    "{}: {} has a date but waits on {:?}",
                    case.name,
                    w.what,
                    w.waiting_for
                );
            } else {
                assert!(
                    !w.waiting_for.is_empty(),
                    "{}: {} has no date and names no blocker",
                    case.name,
                    w.what
                );
            }
        }
        for (what, until, word) in case.expect {
            let w = s
                .waits
                .iter()
                .find(|w| w.what == *what)
                .unwrap_or_else(|| panic!("{}: no wait for {what}: {:#?}", case.name, s.waits));
            assert_eq!(
                w.until,
                until.map(|d| birth + Duration::days(d)),
                "{}: {what}",
                case.name
            );
            if word.is_empty() {
                assert!(w.waiting_for.is_empty(), "{}: {what}", case.name);
                continue;
            }
            assert!(
                w.waiting_for.iter().any(|b| b.contains(word)),
                "{}: {what} should name `{word}`: {:?}",
                case.name,
                w.waiting_for
            );
            assert!(w.why.contains(word), "{}: {what}: {}", case.name, w.why);
        }
    }
}

#[test]
fn no_wait_ever_shows_a_date_in_the_past_or_a_date_with_a_blocker() {
    for days in (0..160).step_by(3).map(|w| w * W / 3) {
        for symptoms in [vec![], vec![Symptom::PelvicHeaviness]] {
            for passed in [true, false] {
                let mut input = well(days);
                input.health.symptoms = symptoms.clone();
                input.health.postnatal_check_done = days % 2 == 0;
                if !passed {
                    input.readiness = Readiness::default();
                }
                let s = screen(&input);
                for w in &s.waits {
                    assert!(w.until.is_none_or(|d| d > s.as_of), "{days}: {w:?}");
                    assert_eq!(
                        w.until.is_none(),
                        !w.waiting_for.is_empty(),
                        "{days}: {w:?}"
                    );
                }
            }
        }
    }
}
