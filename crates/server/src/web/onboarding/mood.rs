//! Step 4, her mood (optional): the Whooley questions first (NICE CG192); after a yes, whether
//! she wants help and the PHQ-9, every question and answer in its published words. The EPDS is
//! only for a mum who has the scores her health visitor wrote on the paper form (its wording
//! may not be shown), entered as scores; the GAD-7 (anxiety) is there for whoever wants it.
//!
//! Plain form posts, no script needed: the first post with a yes comes back to this step with
//! the follow-up questions shown (the hidden `mood.follow_up` says she has seen them), and two
//! noes go straight on.

use maud::{Markup, html};
use mumstrong_core::questionnaire::{EPDS_ITEMS, Epds, GAD7_ITEMS, PHQ9_ITEMS, Whooley};
use mumstrong_core::wording::{
    FREQUENCY_ANSWERS, GAD7_QUESTIONS, GAD7_STEM, PHQ9_QUESTIONS, PHQ9_STEM, WHOOLEY_DOWN,
    WHOOLEY_NO_INTEREST, WHOOLEY_WANTS_HELP,
};

use super::draft::Draft;
use super::input::{invalid, parse_whole, yes_no_answer};
use super::widgets::{Choice, choice, choice_group, yes_no_choices};
use crate::error::AppError;
use crate::web::{WebForm, field_error};

/// The form fields of the questionnaires scored item by item (`…[i]`, item 1 at 0).
pub(super) const PHQ9_FIELD: &str = "health.phq9";
/// The EPDS as scores from the paper form; the draft keeps the profile's answer positions.
pub(super) const EPDS_SCORES_FIELD: &str = "health.epds_scores";
/// The GAD-7 item scores.
pub(super) const GAD7_FIELD: &str = "health.gad7";
/// Set on the page once the questions after a yes are shown.
const FOLLOW_UP_FIELD: &str = "mood.follow_up";

/// What the step does after a good post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum After {
    /// Go on to the next step.
    Next,
    /// Show this step again with the questions a yes leads to.
    AskMore,
}

/// One questionnaire scored item by item, as the page asks and names it.
struct Scored {
    field: &'static str,
    items: usize,
    /// The questionnaire in words, for "you answered 3 of the 9 …".
    name: &'static str,
    /// An item in words, for the error beside it (1-based).
    item: fn(usize) -> String,
}

const PHQ9: Scored = Scored {
    field: PHQ9_FIELD,
    items: PHQ9_ITEMS,
    name: "PHQ-9 questions",
    item: |n| format!("PHQ-9 question {n} (\"{}\")", short(PHQ9_QUESTIONS[n - 1])),
};
const EPDS: Scored = Scored {
    field: EPDS_SCORES_FIELD,
    items: EPDS_ITEMS,
    name: "EPDS scores",
    item: |n| format!("the score of EPDS item {n}"),
};
const GAD7: Scored = Scored {
    field: GAD7_FIELD,
    items: GAD7_ITEMS,
    name: "anxiety (GAD-7) questions",
    item: |n| {
        format!(
            "anxiety question {n} (\"{}\")",
            short(GAD7_QUESTIONS[n - 1])
        )
    },
};

/// The first clause of a question, to name it in an error.
fn short(question: &str) -> &str {
    question
        .split([',', '?', '\u{2014}'])
        .next()
        .unwrap_or(question)
        .trim()
}

/// Reads one questionnaire's item scores: all of them, or none (`None`); part of them names
/// the first item left.
fn read_scored(form: &WebForm, q: &Scored) -> Result<Option<Vec<i64>>, AppError> {
    let mut scores: Vec<Option<i64>> = Vec::with_capacity(q.items);
    for i in 0..q.items {
        let field = format!("{}[{i}]", q.field);
        scores.push(match form.get(&field).filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => Some(
                parse_whole(t)
                    .filter(|v| (0..=3).contains(v))
                    .ok_or_else(|| {
                        invalid(
                            &field,
                            format!("{}: choose one of the four answers", (q.item)(i + 1)),
                        )
                    })?,
            ),
        });
    }
    let given = scores.iter().filter(|s| s.is_some()).count();
    if given == 0 {
        return Ok(None);
    }
    if let Some(missing) = scores.iter().position(Option::is_none) {
        return Err(invalid(
            &format!("{}[{missing}]", q.field),
            format!(
                "{} is not answered: you answered {given} of the {} {}. Answer it (and any others left), or leave them all blank",
                (q.item)(missing + 1),
                q.items,
                q.name
            ),
        ));
    }
    Ok(Some(scores.into_iter().flatten().collect()))
}

/// The two Whooley answers and the third, if asked: both or neither of the first two.
fn read_whooley(form: &WebForm) -> Result<Option<Whooley>, AppError> {
    let down = yes_no_answer(form, "health.whooley.down", WHOOLEY_DOWN)?;
    let no_interest = yes_no_answer(form, "health.whooley.no_interest", WHOOLEY_NO_INTEREST)?;
    let wants_help = yes_no_answer(form, "health.whooley.wants_help", WHOOLEY_WANTS_HELP)?;
    match (down, no_interest) {
        (None, None) => Ok(None),
        (Some(down), Some(no_interest)) => Ok(Some(Whooley {
            down,
            no_interest,
            wants_help: wants_help.filter(|_| down || no_interest),
        })),
        (None, Some(_)) => Err(invalid(
            "health.whooley.down",
            "answer the question about feeling down, depressed or hopeless as well (yes or no), or press \"Skip this step\"",
        )),
        (Some(_), None) => Err(invalid(
            "health.whooley.no_interest",
            "answer the question about having little interest or pleasure in doing things as well (yes or no), or press \"Skip this step\"",
        )),
    }
}

/// Checks the mood answers into the draft. "Skip this step" clears them all.
pub(super) fn read(form: &WebForm, d: &mut Draft) -> Result<After, AppError> {
    let h = &mut d.health;
    if form.get("go") == Some("skip") {
        h.whooley = None;
        h.phq9 = None;
        h.epds = None;
        h.gad7 = None;
        return Ok(After::Next);
    }
    let whooley = read_whooley(form)?;
    let phq9 = read_scored(form, &PHQ9)?;
    let epds_scores = read_scored(form, &EPDS)?;
    let gad7 = read_scored(form, &GAD7)?;
    let epds = match epds_scores {
        Some(scores) => {
            let e = Epds::from_item_scores(&scores).map_err(|e| {
                invalid(
                    &format!("{EPDS_SCORES_FIELD}[0]"),
                    format!("EPDS scores: {e}"),
                )
            })?;
            Some(e.answer_positions().iter().map(|&p| i64::from(p)).collect())
        }
        None => None,
    };
    let seen_more = form.get(FOLLOW_UP_FIELD) == Some("shown");
    let ask_more = whooley.is_some_and(|w| w.positive()) && !seen_more && phq9.is_none();
    h.whooley = whooley;
    h.phq9 = phq9;
    h.epds = epds;
    h.gad7 = gad7;
    Ok(if ask_more {
        After::AskMore
    } else {
        After::Next
    })
}

/// The four answers of the PHQ-9 and GAD-7, in words, scored 0 to 3.
fn frequency_choices() -> Vec<Choice<'static>> {
    const VALUES: [&str; 4] = ["0", "1", "2", "3"];
    FREQUENCY_ANSWERS
        .iter()
        .map(|(score, label)| choice(VALUES[usize::from(*score)], *label, None))
        .collect()
}

/// Whether any item of a questionnaire has an answer in the form, or an error.
fn touched(form: &WebForm, error: Option<&AppError>, field: &str, items: usize) -> bool {
    (0..items).any(|i| {
        let name = format!("{field}[{i}]");
        form.get(&name).is_some_and(|v| !v.is_empty()) || field_error(error, &name).is_some()
    })
}

/// The questions a yes leads to: whether she wants help, then the PHQ-9.
fn follow_up(form: &WebForm, error: Option<&AppError>) -> Markup {
    let answers = frequency_choices();
    html! {
        section.mood-more id="mood-more" aria-labelledby="mood-more-title" {
            input type="hidden" name=(FOLLOW_UP_FIELD) value="shown";
            h2 id="mood-more-title" { "A few more questions" }
            p { "Thank you for telling us. These help you and your GP, midwife or health visitor see how you have been. Answer what you can; if you would rather not answer them now, press Next and we will still suggest who to talk to." }
            (choice_group(form, error, "health.whooley.wants_help", WHOOLEY_WANTS_HELP, None, false, &yes_no_choices("Yes", "No"), "inline"))
            div.notice.info {
                p { "If you have thoughts that you would be better off dead or of hurting yourself, don't wait for the end of these questions: talk to someone today. In the UK, Samaritans answer on 116 123 day and night, and NHS 111 has a mental health option. If you might act on these thoughts, call 999 now." }
            }
            h3 { "PHQ-9" }
            p.hint { (PHQ9_STEM) }
            @for (i, question) in PHQ9_QUESTIONS.iter().enumerate() {
                @let name = format!("{PHQ9_FIELD}[{i}]");
                (choice_group(form, error, &name, &format!("{}. {question}", i + 1), None, false, &answers, "positions"))
            }
        }
    }
}

/// The EPDS, as the scores on her health visitor's form, behind its own choice.
fn epds_scores(form: &WebForm, error: Option<&AppError>) -> Markup {
    let open = touched(form, error, EPDS_SCORES_FIELD, EPDS_ITEMS);
    let scores: Vec<Choice> = ["0", "1", "2", "3"]
        .iter()
        .map(|v| choice(v, format!("Score {v}"), None))
        .collect();
    html! {
        details.epds-scores open[open] {
            summary { "I have EPDS scores from my health visitor's form" }
            p { "If your midwife or health visitor went through the Edinburgh Postnatal Depression Scale (EPDS) with you, the form shows a score from 0 to 3 beside each of its 10 items. Enter those scores here, item by item. We can't show its questions: their wording belongs to the Royal College of Psychiatrists." }
            p.hint { "Enter the score written on the form, not which answer was ticked. Leave these blank if you don't have the form." }
            @for i in 0..EPDS_ITEMS {
                @let name = format!("{EPDS_SCORES_FIELD}[{i}]");
                (choice_group(form, error, &name, &format!("EPDS item {}: score", i + 1), None, false, &scores, "positions"))
            }
        }
    }
}

/// The GAD-7, for anxiety, behind its own choice.
fn gad7(form: &WebForm, error: Option<&AppError>) -> Markup {
    let open = touched(form, error, GAD7_FIELD, GAD7_ITEMS);
    let answers = frequency_choices();
    html! {
        details.gad7 open[open] {
            summary { "Worry and anxiety: 7 more questions (GAD-7, optional)" }
            p.hint { (GAD7_STEM) }
            @for (i, question) in GAD7_QUESTIONS.iter().enumerate() {
                @let name = format!("{GAD7_FIELD}[{i}]");
                (choice_group(form, error, &name, &format!("{}. {question}", i + 1), None, false, &answers, "positions"))
            }
        }
    }
}

/// The mood step: the Whooley questions, what a yes leads to, and the optional extras.
pub(super) fn page(form: &WebForm, error: Option<&AppError>) -> Markup {
    let yes = |field: &str| form.get(field) == Some("yes");
    let more = yes("health.whooley.down")
        || yes("health.whooley.no_interest")
        || form.get(FOLLOW_UP_FIELD) == Some("shown")
        || touched(form, error, PHQ9_FIELD, PHQ9_ITEMS);
    html! {
        p.lead { "Two questions about how you have been feeling. Your mood matters as much as your body after a birth. This step is optional: you can skip it." }
        (choice_group(form, error, "health.whooley.down", WHOOLEY_DOWN, None, false, &yes_no_choices("Yes", "No"), "inline"))
        (choice_group(form, error, "health.whooley.no_interest", WHOOLEY_NO_INTEREST, None, false, &yes_no_choices("Yes", "No"), "inline"))
        @if more {
            (follow_up(form, error))
        } @else {
            p.hint { "If you answer yes to either, we ask a few more questions when you press Next." }
        }
        (epds_scores(form, error))
        (gad7(form, error))
        p.muted { "If you are struggling, you don't need a score to ask for help: talk to your GP, midwife or health visitor." }
    }
}
