//! Step 4, her mood (optional): the EPDS answer positions, scored in her screening.

use maud::{Markup, html};
use mumstrong_core::questionnaire::EPDS_ITEMS;

use super::draft::Draft;
use super::input::{invalid, parse_whole};
use super::widgets::{Choice, choice, choice_group};
use crate::error::AppError;
use crate::web::WebForm;

/// Checks the EPDS answers into the draft: all ten, or none (skipped).
pub(super) fn read(form: &WebForm, d: &mut Draft) -> Result<(), AppError> {
    if form.get("go") == Some("skip") {
        d.health.epds = None;
        return Ok(());
    }
    let mut answers: Vec<Option<i64>> = Vec::new();
    for i in 0..EPDS_ITEMS {
        let field = format!("health.epds[{i}]");
        answers.push(match form.get(&field) {
            None => None,
            Some(t) => Some(
                parse_whole(t)
                    .filter(|v| (0..=3).contains(v))
                    .ok_or_else(|| {
                        invalid(
                            &field,
                            format!(
                                "item {}: choose the first, second, third or fourth answer",
                                i + 1
                            ),
                        )
                    })?,
            ),
        });
    }
    let given = answers.iter().filter(|a| a.is_some()).count();
    if given == 0 {
        d.health.epds = None;
        return Ok(());
    }
    if let Some(missing) = answers.iter().position(Option::is_none) {
        return Err(invalid(
            &format!("health.epds[{missing}]"),
            format!(
                "you answered {given} of the {EPDS_ITEMS} items: answer item {} as well (and any others left), or press \"Skip this step\" to leave the questionnaire out",
                missing + 1
            ),
        ));
    }
    d.health.epds = Some(answers.into_iter().flatten().collect());
    Ok(())
}

/// The mood step: which answer she picked for each EPDS item.
pub(super) fn page(form: &WebForm, error: Option<&AppError>) -> Markup {
    let positions = [
        ("0", "First"),
        ("1", "Second"),
        ("2", "Third"),
        ("3", "Fourth"),
    ];
    html! {
        p.lead { "The Edinburgh Postnatal Depression Scale (EPDS) is a short questionnaire about how you have felt over the past 7 days. It is optional: you can skip it." }
        div.notice.info {
            p { "We can't print its questions here (their wording belongs to the Royal College of Psychiatrists). Your midwife or health visitor can give you the form, or you may have it already. For each numbered item, choose which answer you picked, counting from the top: the first, second, third or fourth." }
            p { "We score it for you. If you are struggling, you don't need a score to ask for help: talk to your GP, midwife or health visitor." }
        }
        @for i in 0..EPDS_ITEMS {
            @let name = format!("health.epds[{i}]");
            @let choices: Vec<Choice> = positions.iter().map(|(v, l)| choice(v, *l, None)).collect();
            (choice_group(form, error, &name, &format!("Item {}: which answer?", i + 1), None, false, &choices, "positions"))
        }
    }
}
