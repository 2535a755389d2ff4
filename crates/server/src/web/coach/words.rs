//! Words for the coach's pages: labels and titles for the engine's words, exercise names and
//! how long ago a day was.

use mumstrong_core::vocab::{RedFlag, Symptom};
use time::Date;

use crate::domain;

/// A vocabulary word as a short label: `pelvic_heaviness` → `pelvic heaviness`.
pub(super) fn word_label(word: &str) -> String {
    word.replace('_', " ")
}

pub(super) fn symptom_title(word: &str) -> String {
    Symptom::from_word(word).map_or_else(|| word_label(word), |s| s.describe().to_owned())
}

pub(super) fn red_flag_title(word: &str) -> String {
    RedFlag::from_word(word).map_or_else(|| word_label(word), |s| s.describe().to_owned())
}

pub(super) fn exercise_name(id: &str) -> String {
    domain::library()
        .get(id)
        .map_or_else(|| word_label(id), |e| e.name.clone())
}

/// How long ago, in days: `today`, `yesterday`, `9 days ago`.
pub(super) fn days_ago(today: Date, day: Date) -> String {
    match (today - day).whole_days() {
        d if d <= 0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        d => format!("{d} days ago"),
    }
}
