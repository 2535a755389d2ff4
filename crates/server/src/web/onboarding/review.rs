//! Step 7, the review: every answer in words with a "change" link per step, and the save button.

use maud::{Markup, html};
use mumstrong_core::questionnaire::Epds;
use mumstrong_core::readiness::READINESS_TESTS;
use mumstrong_core::vocab::EquipmentKind;
use mumstrong_core::wording::{GAD7_QUESTIONS, PHQ9_QUESTIONS, frequency_label};

use super::Ctx;
use super::draft::Draft;
use super::input::{shown, trimmed};
use super::steps::Step;
use super::training::equipment_label;
use crate::web::{Unit, Viewer, capitalised, csrf_field, human_date};

/// One row of answers: what was asked and her answer.
type Row = (&'static str, Markup);

/// Names in a list, or "None".
fn names_text<T: Copy>(items: &[T], name: impl Fn(T) -> String) -> String {
    if items.is_empty() {
        "None".to_owned()
    } else {
        items
            .iter()
            .map(|i| name(*i))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn yes_no_text(v: Option<bool>, yes: &str, no: &str) -> String {
    match v {
        Some(true) => yes.to_owned(),
        Some(false) => no.to_owned(),
        None => "Not said".to_owned(),
    }
}

fn text_of(value: String) -> Markup {
    html! { (value) }
}

fn review_section(step: Step, rows: Vec<Row>) -> Markup {
    html! {
        section.review-section {
            div.review-head {
                h2 { (step.title()) }
                a.change href=(format!("{}?return=review", step.url())) {
                    "Change" span.visually-hidden { " " (step.title().to_lowercase()) }
                }
            }
            dl.answers {
                @for (label, value) in rows {
                    div { dt { (label) } dd { (value) } }
                }
            }
        }
    }
}

fn birth_rows(d: &Draft, unit: Unit, ctx: &Ctx) -> Vec<Row> {
    let b = &d.birth;
    let born = b.date.map_or("Not given".to_owned(), |b| {
        let weeks = (ctx.today - b).whole_weeks();
        format!(
            "{} ({} {} ago)",
            human_date(b),
            weeks,
            if weeks == 1 { "week" } else { "weeks" }
        )
    });
    let delivery = b
        .delivery
        .map_or("Not given".to_owned(), |x| capitalised(x.describe()));
    let tear = b
        .perineal_tear
        .map_or("Not said".to_owned(), |x| capitalised(x.describe()));
    let babies = b.babies.unwrap_or(1);
    let mut rows = vec![
        ("Born", text_of(born)),
        ("Birth", text_of(delivery)),
        ("Tear", text_of(tear)),
        (
            "Babies",
            text_of(if babies == 1 {
                "One".to_owned()
            } else {
                babies.to_string()
            }),
        ),
    ];
    if let Some(s) = b.baby_sex {
        rows.push(("Baby", text_of(capitalised(s.describe()))));
    }
    if let Some(kg) = b.baby_birth_weight_kg {
        let weight = format!("{} {}", shown(unit, kg), unit.word());
        rows.push(("Birth weight", text_of(weight)));
    }
    rows
}

fn feel_rows(d: &Draft) -> Vec<Row> {
    let h = &d.health;
    let symptoms = names_text(&h.symptoms, |s| s.label().to_owned());
    let gap = h
        .diastasis_finger_widths
        .map_or("Not checked".to_owned(), |w| {
            format!("{} finger widths", trimmed(w, 1))
        });
    let aches = names_text(&d.training.aches, |a| capitalised(a.describe()));
    vec![
        (
            "Postnatal check",
            text_of(yes_no_text(h.postnatal_check_done, "Done", "Not yet")),
        ),
        (
            "Pelvic-health physio",
            text_of(yes_no_text(
                h.pelvic_health_assessment_done,
                "Assessed",
                "Not yet",
            )),
        ),
        (
            "Breastfeeding",
            text_of(yes_no_text(h.breastfeeding, "Yes", "No")),
        ),
        ("Symptoms", text_of(symptoms)),
        ("Tummy gap", text_of(gap)),
        ("Aches", text_of(aches)),
    ]
}

fn flags_value(d: &Draft) -> Markup {
    let flags = &d.health.red_flags;
    if flags.is_empty() {
        html! { "None" }
    } else {
        html! {
            strong.stop-text { (flags.iter().map(|f| f.label()).collect::<Vec<_>>().join("; ")) }
        }
    }
}

/// Each question of a questionnaire with her answer in words.
fn answered(questions: &[&str], scores: &[i64]) -> Markup {
    html! {
        ul.compact {
            @for (q, s) in questions.iter().zip(scores) {
                li { (q) ": " strong { (frequency_label(*s).unwrap_or("Not answered")) } }
            }
        }
    }
}

fn mood_rows(d: &Draft) -> Vec<Row> {
    let h = &d.health;
    let said = |v: bool| if v { "Yes" } else { "No" }.to_owned();
    let mut rows = match h.whooley {
        Some(w) => {
            let mut rows = vec![
                (
                    "Often down, depressed or hopeless (past month)",
                    text_of(said(w.down)),
                ),
                (
                    "Often little interest or pleasure (past month)",
                    text_of(said(w.no_interest)),
                ),
            ];
            if w.positive() {
                let help = yes_no_text(w.wants_help, "Yes", "No");
                rows.push(("Wants help with it", text_of(help)));
            }
            rows
        }
        None => vec![(
            "Feeling down or little interest",
            text_of("Not answered".to_owned()),
        )],
    };
    if let Some(scores) = &h.phq9 {
        rows.push(("PHQ-9 (last 2 weeks)", answered(&PHQ9_QUESTIONS, scores)));
    }
    if let Some(e) = h
        .epds
        .as_deref()
        .and_then(|p| Epds::from_answer_positions(p).ok())
    {
        let scores: Vec<String> = e
            .item_scores()
            .iter()
            .enumerate()
            .map(|(i, s)| format!("item {}: {s}", i + 1))
            .collect();
        rows.push((
            "EPDS scores from your health visitor's form",
            text_of(format!(
                "{} (scored in your screening)",
                capitalised(&scores.join("; "))
            )),
        ));
    }
    if let Some(scores) = &h.gad7 {
        rows.push((
            "Worry and anxiety (GAD-7)",
            answered(&GAD7_QUESTIONS, scores),
        ));
    }
    rows
}

fn tests_value(d: &Draft) -> Markup {
    let passed: Vec<&str> = READINESS_TESTS
        .iter()
        .filter(|t| (t.passed)(&d.readiness))
        .map(|t| t.task)
        .collect();
    html! {
        (passed.len()) " of " (READINESS_TESTS.len()) " passed"
        @if !passed.is_empty() && passed.len() < READINESS_TESTS.len() {
            ul.compact { @for p in &passed { li { (capitalised(p)) } } }
        }
    }
}

fn training_rows(d: &Draft, unit: Unit) -> Vec<Row> {
    let t = &d.training;
    let goals = names_text(t.goals.as_deref().unwrap_or_default(), |g| {
        capitalised(g.describe())
    });
    let experience = t
        .experience
        .map_or("Not given".to_owned(), |e| capitalised(e.describe()));
    let days = t.days_per_week.unwrap_or(0);
    let minutes = t.minutes_per_session.unwrap_or(0);
    let equipment: Vec<String> = t
        .equipment
        .iter()
        .flatten()
        .filter(|k| k.kind != EquipmentKind::Bodyweight)
        .map(|k| {
            let label = equipment_label(k.kind).0;
            if k.weights.is_empty() {
                label.to_owned()
            } else {
                let ws: Vec<String> = k.weights.iter().map(|kg| shown(unit, *kg)).collect();
                format!("{label} ({} {})", ws.join(", "), unit.word())
            }
        })
        .collect();
    let mut rows = vec![
        ("Goals", text_of(goals)),
        ("Experience", text_of(experience)),
        (
            "Time",
            text_of(format!(
                "{days} {} a week, {minutes} minutes each",
                if days == 1 { "day" } else { "days" }
            )),
        ),
        (
            "Equipment",
            text_of(if equipment.is_empty() {
                "Just bodyweight".to_owned()
            } else {
                format!("Bodyweight; {}", equipment.join("; "))
            }),
        ),
    ];
    if let Some(kg) = t.car_seat_kg {
        rows.push((
            "Car seat",
            text_of(format!("{} {}", shown(unit, kg), unit.word())),
        ));
    }
    rows
}

/// The review page's body: every answer, then the save button.
pub(super) fn page(viewer: &Viewer, draft: &Draft, ctx: &Ctx) -> Markup {
    let unit = viewer.unit;
    html! {
        @if let Some(v) = ctx.editing {
            p.lead { "Saving makes version " (v + 1) " of your answers; version " (v) " and the ones before stay in your history." }
        } @else {
            p.lead { "Check everything is right, then save to see your screening." }
        }
        (review_section(Step::Birth, birth_rows(draft, unit, ctx)))
        (review_section(Step::Feel, feel_rows(draft)))
        (review_section(Step::Warning, vec![("Now", flags_value(draft))]))
        (review_section(Step::Mood, mood_rows(draft)))
        (review_section(Step::Readiness, vec![("Tests", tests_value(draft))]))
        (review_section(Step::Training, training_rows(draft, unit)))
        form.save-form method="post" action=(Step::Review.url()) {
            (csrf_field(&viewer.csrf))
            div.step-actions {
                button.next type="submit" { "Save and see my screening" }
                a.button.secondary href=(Step::Training.url()) { "Back" }
            }
        }
    }
}
