//! The urgent stop onboarding shows before her profile exists: from her warning signs and her
//! mood answers alone, decided by the screening's own rules.

use time::Date;

use super::{MemberState, UrgentStop};
use crate::profile::HealthInput;
use crate::vocab::RedFlag;

impl UrgentStop {
    /// The stop her warning signs alone give, before the rest of her answers exist (onboarding
    /// shows it the moment she ticks one). `None` when no sign is ticked.
    pub fn for_red_flags(
        flags: &[RedFlag],
        birth: Option<Date>,
        as_of: Date,
    ) -> Option<UrgentStop> {
        let health = HealthInput {
            red_flags: flags.to_vec(),
            ..Default::default()
        };
        UrgentStop::for_answers(&health, birth, as_of)
    }

    /// The stop her warning signs and mood answers give (a self-harm answer on the EPDS or
    /// PHQ-9 is urgent at once): the screening's own rules decide it, run on a profile holding
    /// only those answers and the birth date (`birth`, or 6 weeks before `as_of` when not yet
    /// given). `None` when nothing there is urgent or an answer is out of range.
    pub fn for_answers(
        health: &HealthInput,
        birth: Option<Date>,
        as_of: Date,
    ) -> Option<UrgentStop> {
        let health = HealthInput {
            red_flags: health.red_flags.clone(),
            epds: health.epds.clone(),
            phq9: health.phq9.clone(),
            ..Default::default()
        };
        if health == HealthInput::default() {
            return None;
        }
        let birth = birth
            .filter(|b| *b <= as_of)
            .unwrap_or(as_of - time::Duration::weeks(6));
        let input = crate::profile::ProfileInput {
            as_of: Some(as_of.to_string()),
            birth: crate::profile::BirthInput {
                date: birth.to_string(),
                delivery: crate::vocab::Delivery::Vaginal,
                perineal_tear: None,
                baby_sex: None,
                baby_birth_weight_kg: None,
                babies: None,
            },
            health,
            readiness: Default::default(),
            training: Default::default(),
        };
        let profile = input.validate(as_of).ok()?;
        MemberState::decide(&crate::screen(&profile), None).urgent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_self_harm_answer_alone_gives_the_stop() {
        let mood = |phq9: [i64; 9]| HealthInput {
            phq9: Some(phq9.to_vec()),
            ..Default::default()
        };
        let stop = UrgentStop::for_answers(
            &mood([0, 0, 0, 0, 0, 0, 0, 0, 1]),
            None,
            date!(2026 - 11 - 24),
        )
        .expect("PHQ-9 item 9 at 1 stops");
        assert!(
            stop.calls.iter().any(|c| c.tel == "116123"),
            "{:?}",
            stop.calls
        );
        assert!(UrgentStop::for_answers(&mood([0; 9]), None, date!(2026 - 11 - 24)).is_none());
        // The EPDS by the scores on her form: item 10 scored 0 is no stop, 1 is.
        let epds = |item10: i64| {
            let e =
                crate::questionnaire::Epds::from_item_scores(&[0, 0, 0, 0, 0, 0, 0, 0, 0, item10])
                    .unwrap();
            HealthInput {
                epds: Some(e.answer_positions().iter().map(|&p| i64::from(p)).collect()),
                ..Default::default()
            }
        };
        assert!(UrgentStop::for_answers(&epds(0), None, date!(2026 - 11 - 24)).is_none());
        assert!(UrgentStop::for_answers(&epds(1), None, date!(2026 - 11 - 24)).is_some());
    }
}
