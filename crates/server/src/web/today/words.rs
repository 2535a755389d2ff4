//! Words and labels: symptoms, moods, effort, why the plan changed, doses, loads, fields.

use mumstrong_core::library::LoadSource;
use mumstrong_core::vocab::{RedFlag, Symptom};

use super::page_date;
use super::view::Prescription;
use crate::domain;
use crate::error::AppError;
use crate::web::Unit;

/// Mood 1-5 in words.
pub(super) const MOODS: &[(u8, &str)] = &[
    (1, "Low"),
    (2, "Not great"),
    (3, "OK"),
    (4, "Good"),
    (5, "Great"),
];

/// Effort 1-10 in words.
pub(super) const EFFORT: [&str; 10] = [
    "very easy",
    "easy",
    "easy, warm",
    "moderate",
    "moderate, could chat",
    "somewhat hard",
    "hard",
    "very hard",
    "very, very hard",
    "as hard as I could",
];

/// A symptom or warning sign she reported, in words for a sentence; never a code.
pub(crate) fn symptom_word(word: &str) -> String {
    if let Some(s) = Symptom::from_word(word) {
        return s.in_words().to_owned();
    }
    if let Some(f) = RedFlag::from_word(word) {
        return f.label().to_lowercase();
    }
    word.replace('_', " ")
}

/// What an `adapted:` reason records (as the set and check-in use cases write it): the words
/// she reported, the exercise when it was during a set, and the day.
pub(super) struct AdaptedReason<'r> {
    pub(super) words: &'r str,
    pub(super) exercise: Option<&'r str>,
    pub(super) date: &'r str,
}

/// Reads the part after `adapted: ` of a stored reason: `W logged during E on D` or `W noted in
/// the check-in on D`; `None` for anything else.
pub(super) fn adapted_reason(adapted: &str) -> Option<AdaptedReason<'_>> {
    if let Some((words, rest)) = adapted.split_once(" logged during ") {
        let (exercise, date) = rest.rsplit_once(" on ")?;
        return Some(AdaptedReason {
            words,
            exercise: Some(exercise),
            date,
        });
    }
    let (words, date) = adapted.split_once(" noted in the check-in on ")?;
    Some(AdaptedReason {
        words,
        exercise: None,
        date,
    })
}

/// Why a programme was made again, in words: the stored reason is a record (`adapted:
/// urinary_leakage logged during glute_bridge on 2026-12-03`), never shown as it is.
pub(crate) fn reason_in_words(reason: &str) -> String {
    if let Some(adapted) = reason.strip_prefix("adapted: ") {
        let Some(r) = adapted_reason(adapted) else {
            return adapted.replace('_', " ");
        };
        let listed = and_list(&r.words.split(", ").map(symptom_word).collect::<Vec<_>>());
        let when = page_date(r.date).map_or_else(|_| r.date.to_owned(), super::human_date);
        return match r.exercise {
            Some(exercise) => format!(
                "you logged {listed} during {} on {when}",
                library_name(exercise)
            ),
            None => format!("you noted {listed} in your check-in on {when}"),
        };
    }
    match reason.strip_prefix("made again: ") {
        Some(why) => why.to_owned(),
        None if reason == "requested" => "at your request".to_owned(),
        None => reason.replace('_', " "),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn and_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn words_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// How an exercise is dosed: the amount per set and its word.
pub(super) fn amount(p: &Prescription) -> (u16, &'static str) {
    match (p.reps, p.seconds, p.metres) {
        (Some(r), _, _) => (r, "reps"),
        (None, Some(s), _) => (s, "seconds"),
        (None, None, Some(m)) => (m, "metres"),
        _ => (0, "reps"),
    }
}

/// The word for what a set counts, from the library (for sets logged outside the plan).
pub(super) fn library_word(exercise: &str) -> &'static str {
    match domain::library().get(exercise).map(|e| e.dose) {
        Some(mumstrong_core::library::Dose::Seconds) => "seconds",
        Some(mumstrong_core::library::Dose::Distance) => "metres",
        _ => "reps",
    }
}

pub(super) fn library_name(exercise: &str) -> String {
    domain::library()
        .get(exercise)
        .map_or_else(|| exercise.replace('_', " "), |e| e.name.clone())
}

/// The input's label for an amount word.
pub(super) fn amount_label(word: &str) -> &'static str {
    match word {
        "seconds" => "Seconds",
        "metres" => "Metres",
        _ => "Reps",
    }
}

pub(super) fn dose_text(p: &Prescription) -> String {
    let (n, word) = amount(p);
    let sets = if p.sets == 1 {
        "1 set".to_owned()
    } else {
        format!("{} sets", p.sets)
    };
    let side = if p.each_side { ", each side" } else { "" };
    format!("{sets} × {n} {word}{side}")
}

pub(super) fn load_text(p: &Prescription, unit: Unit) -> String {
    let about = |kg: Option<f64>| kg.map(|kg| unit.show(kg)).unwrap_or_default();
    match (p.load, p.load_kg) {
        (LoadSource::Baby, kg) => format!("Your baby (about {})", about(kg)),
        (LoadSource::CarSeat, kg) => format!("Baby in the car seat (about {})", about(kg)),
        (LoadSource::Kettlebell, Some(kg)) => format!("Kettlebell, {}", unit.show(kg)),
        (LoadSource::Dumbbells, Some(kg)) => format!("Dumbbells, {} each", unit.show(kg)),
        (LoadSource::Band, _) => "A resistance band".to_owned(),
        (_, Some(kg)) => unit.show(kg),
        _ => "Your own bodyweight".to_owned(),
    }
}

/// A field's name for people, at the start of its message.
pub(super) fn field_label(field: &str, word: &str) -> &'static str {
    match field {
        "reps" => amount_label(word),
        "load" | "load_kg" => "Load",
        "rpe" => "Effort",
        "mood" => "Mood",
        "sleep_hours" => "Sleep",
        "notes" => "Notes",
        "date" => "Date",
        "symptoms" => "What you felt",
        "red_flags" => "Warning signs",
        "set_number" => "Set",
        "exercise" => "Exercise",
        "target_reps" => "Target",
        "round" => "Round",
        _ => "This field",
    }
}

/// The API's error with its field named for people: `load_kg` becomes the form's `load`.
pub(super) fn labelled(mut e: AppError, word: &str) -> AppError {
    if let Some(field) = e.field.clone() {
        let form_field = if field == "load_kg" { "load" } else { &field };
        let label = field_label(form_field, word);
        if !e.message.starts_with(label) {
            e.message = format!("{label}: {}", e.message);
        }
        e.field = Some(form_field.to_owned());
    }
    e
}
