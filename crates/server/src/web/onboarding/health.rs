//! Steps 2 and 3, her health now: the postnatal check, symptoms, tummy gap and aches; then the
//! warning signs that mean getting help before anything else.

use maud::{Markup, html};
use mumstrong_core::vocab::{Ache, RedFlag, Symptom};
use time::Date;

use super::Ctx;
use super::draft::Draft;
use super::input::{invalid, parse_number, word_list, yes_no_answer};
use super::widgets::{Choice, choice, choice_group, detail, input_field, yes_no_choices};
use crate::error::AppError;
use crate::web::screening::with_phone_links;
use crate::web::{WebForm, capitalised};

/// Checks the feel step's answers (and the aches it asks) into the draft.
pub(super) fn read_feel(form: &WebForm, d: &mut Draft, today: Date) -> Result<(), AppError> {
    let check = yes_no_answer(
        form,
        "health.postnatal_check_done",
        "have you had your 6-8 week postnatal check?",
    )?
    .ok_or_else(|| {
        invalid(
            "health.postnatal_check_done",
            "say whether you have had your 6-8 week postnatal check (choose \"Not yet\" if it is still to come)",
        )
    })?;
    let physio = yes_no_answer(
        form,
        "health.pelvic_health_assessment_done",
        "has a pelvic-health physio assessed you?",
    )?
    .ok_or_else(|| {
        invalid(
            "health.pelvic_health_assessment_done",
            "say whether a pelvic-health physiotherapist has assessed you since this birth",
        )
    })?;
    let feeding = yes_no_answer(form, "health.breastfeeding", "are you breastfeeding?")?;
    let symptoms = word_list(form, "health.symptoms", Symptom::from_word)?;
    if let Some(birth) = d.birth.date {
        let weeks = (today - birth).whole_weeks();
        if weeks < 8 && symptoms.contains(&Symptom::BleedingBeyond8Weeks) {
            return Err(invalid("health.symptoms", bleeding_too_soon(weeks)));
        }
    }
    let gap = match form.get("health.diastasis_finger_widths") {
        None => None,
        Some(t) => Some(parse_number(t).filter(|v| (0.0..=8.0).contains(v)).ok_or_else(|| {
            invalid(
                "health.diastasis_finger_widths",
                "enter the gap as a number of finger widths from 0 to 8 (e.g. 1.5), or leave it empty if you have not checked",
            )
        })?),
    };
    let aches = word_list(form, "training.aches", Ache::from_word)?;
    let h = &mut d.health;
    h.postnatal_check_done = Some(check);
    h.pelvic_health_assessment_done = Some(physio);
    h.breastfeeding = feeding;
    h.symptoms = symptoms;
    h.diastasis_finger_widths = gap;
    d.training.aches = aches;
    Ok(())
}

/// Why "bleeding after 8 weeks" cannot be ticked `weeks` weeks after birth.
pub(super) fn bleeding_too_soon(weeks: i64) -> String {
    format!(
        "\"Bleeding after 8 weeks\" cannot apply yet: you are {weeks} weeks after birth, and some bleeding is normal in the first weeks. If bleeding is heavy (soaking more than one pad an hour, or clots bigger than a 50p coin), that is a warning sign: tick it on the next page and get help now"
    )
}

/// Checks the warning signs ticked into the draft.
pub(super) fn read_warning(form: &WebForm, d: &mut Draft) -> Result<(), AppError> {
    d.health.red_flags = word_list(form, "health.red_flags", RedFlag::from_word)?;
    Ok(())
}

/// The feel step's questions.
pub(super) fn feel_page(
    form: &WebForm,
    error: Option<&AppError>,
    draft: &Draft,
    ctx: &Ctx,
) -> Markup {
    let symptoms: Vec<Choice> = Symptom::ALL
        .iter()
        .map(|s| choice(s.as_str(), s.label(), detail(s.label(), s.describe())))
        .collect();
    let aches: Vec<Choice> = Ache::ALL
        .iter()
        .map(|a| choice(a.as_str(), capitalised(a.describe()), None))
        .collect();
    let feeding = [
        choice("yes", "Yes", None),
        choice("no", "No", None),
        choice("unsaid", "Rather not say", None),
    ];
    let weeks = draft.birth.date.map(|b| (ctx.today - b).whole_weeks());
    html! {
        p.lead { "These are common after birth and nothing to be embarrassed about. They don't stop you training: they change what is safe now and who can help." }
        (choice_group(form, error, "health.postnatal_check_done", "Have you had your 6-8 week postnatal check?",
            Some("The check with your GP about 6 to 8 weeks after birth."), false, &yes_no_choices("Yes", "Not yet"), "inline"))
        (choice_group(form, error, "health.pelvic_health_assessment_done", "Has a pelvic-health physiotherapist assessed you since this birth?",
            None, false, &yes_no_choices("Yes", "No"), "inline"))
        (choice_group(form, error, "health.breastfeeding", "Are you breastfeeding? (optional)", None, false, &feeding, "inline"))
        (choice_group(form, error, "health.symptoms", "Do you have any of these now?",
            Some(&match weeks {
                Some(w) if w < 8 => "Tick all that apply, or none. (Some bleeding is normal in the first 8 weeks; heavy bleeding is a warning sign, on the next page.)".to_owned(),
                _ => "Tick all that apply, or none.".to_owned(),
            }), true, &symptoms, "symptoms"))
        (input_field(form, error, "health.diastasis_finger_widths", "Gap between your tummy muscles, in finger widths (optional)",
            Some("Lie on your back with knees bent, lift your head a little and press your fingertips into the line above and below your belly button. How many fingers fit in the widest part of the gap? Leave empty if you have not checked."),
            "text", Some("decimal"), "short"))
        (choice_group(form, error, "training.aches", "Is anything aching that training should go easy on? (optional)",
            None, true, &aches, "grid"))
    }
}

/// The warning-signs step's question.
pub(super) fn warning_page(form: &WebForm, error: Option<&AppError>) -> Markup {
    let flags: Vec<Choice> = RedFlag::ALL
        .iter()
        .map(|f| choice(f.as_str(), f.label(), detail(f.label(), f.describe())))
        .collect();
    html! {
        div.notice.stop {
            p { strong { "Any of these means: stop exercising and get help now." } }
            p { (with_phone_links("Heavy bleeding, chest pain, sudden breathlessness, a painful swollen calf or a severe headache: call 999 (UK) or your local emergency number. A fever, a wound problem or a hot painful breast: contact your GP or midwife today, or call NHS 111. Thoughts of harming yourself or your baby: talk to someone today; Samaritans answer on 116 123, day and night.")) }
        }
        (choice_group(form, error, "health.red_flags", "Do you have any of these now?",
            Some("Tick any you have now, or none."), true, &flags, "flags"))
        div.notice.stop.live-flag hidden id="flag-now" {
            p { strong { "Please don't wait: get help now, as above." } " You can finish the questionnaire later; your answers are saved." }
        }
    }
}
