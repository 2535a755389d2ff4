//! Her forms: reading a set and a check-in (with what went wrong), and the check-in form.

use maud::{Markup, html};
use mumstrong_core::log::MAX_LOAD_KG;
use mumstrong_core::vocab::{RedFlag, Symptom};
use mumstrong_store::CheckInRow;

use super::page::RowCtx;
use super::symptom_word;
use super::words::{EFFORT, MOODS, and_list, field_label, library_word, words_of};
use crate::app::member::{CheckInIn, SetIn};
use crate::error::AppError;
use crate::web::{Unit, WebForm, capitalised, csrf_field};

/// What went wrong with a form, to show it again with what she typed.
pub(super) enum Problem {
    /// A set's Done.
    Set {
        exercise: String,
        set_number: u8,
        form: WebForm,
        error: AppError,
    },
    /// The check-in.
    CheckIn { form: WebForm, error: AppError },
}

impl Problem {
    pub(super) fn error(&self) -> &AppError {
        match self {
            Problem::Set { error, .. } | Problem::CheckIn { error, .. } => error,
        }
    }
}

pub(super) fn whole_number<T: std::str::FromStr>(
    form: &WebForm,
    field: &str,
    word: &str,
) -> Result<Option<T>, AppError> {
    match form.get(field) {
        None => Ok(None),
        Some(text) => text.parse::<T>().map(Some).map_err(|_| {
            AppError::invalid(
                field,
                format!(
                    "{}: “{}” is not a whole number",
                    field_label(field, word),
                    text.chars().take(20).collect::<String>()
                ),
            )
        }),
    }
}

pub(super) fn symptoms_of(form: &WebForm) -> Result<Vec<Symptom>, AppError> {
    form.all("symptoms")
        .into_iter()
        .map(|w| {
            Symptom::from_word(w).ok_or_else(|| {
                AppError::invalid("symptoms", "What you felt: please tick from the list")
            })
        })
        .collect()
}

pub(super) fn red_flags_of(form: &WebForm) -> Result<Vec<RedFlag>, AppError> {
    form.all("red_flags")
        .into_iter()
        .map(|w| {
            RedFlag::from_word(w).ok_or_else(|| {
                AppError::invalid("red_flags", "Warning signs: please tick from the list")
            })
        })
        .collect()
}

/// A Done form as the API's set, with the load converted from her unit to kg.
pub(super) fn set_from_form(form: &WebForm, unit: Unit) -> Result<SetIn, AppError> {
    let exercise = form.get("exercise").unwrap_or("").to_owned();
    let word = library_word(&exercise);
    let date = form.get("date").unwrap_or("").to_owned();
    let set_number: Option<u8> = whole_number(form, "set_number", word)?;
    let reps: u16 = match whole_number(form, "reps", word)? {
        Some(r) => r,
        None => {
            return Err(AppError::invalid(
                "reps",
                format!(
                    "{}: please enter how many you did",
                    field_label("reps", word)
                ),
            ));
        }
    };
    let target_reps: Option<u16> = whole_number(form, "target_reps", word)?;
    let load_kg = match form.get("load") {
        None => None,
        Some(text) => {
            let value: f64 = text.replace(',', ".").parse().map_err(|_| {
                AppError::invalid(
                    "load",
                    format!(
                        "Load: “{}” is not a number; enter the weight in {}, or leave it empty for bodyweight",
                        text.chars().take(20).collect::<String>(),
                        unit.word()
                    ),
                )
            })?;
            if !value.is_finite() || value < 0.0 {
                return Err(AppError::invalid(
                    "load",
                    format!(
                        "Load: {value} is below zero; enter the weight you lifted in {}, or leave it empty for bodyweight",
                        unit.word()
                    ),
                ));
            }
            let kg = unit.to_kg(value);
            if kg > MAX_LOAD_KG {
                return Err(AppError::invalid(
                    "load",
                    format!(
                        "Load: {value} {} is more than we can log (up to {})",
                        unit.word(),
                        unit.show(MAX_LOAD_KG)
                    ),
                ));
            }
            Some(kg)
        }
    };
    let symptoms = symptoms_of(form)?;
    let red_flags = red_flags_of(form)?;
    let client_ref = set_number.map(|n| format!("web:{date}:{exercise}:{n}"));
    Ok(SetIn {
        date,
        exercise,
        set_number,
        reps,
        target_reps,
        load_kg,
        rpe: None,
        symptoms,
        red_flags,
        client_ref,
    })
}

pub(super) fn checkin_from_form(form: &WebForm) -> Result<CheckInIn, AppError> {
    let symptoms = symptoms_of(form)?;
    let red_flags = red_flags_of(form)?;
    let rpe: Option<u8> = whole_number(form, "rpe", "")?;
    let mood: Option<u8> = whole_number(form, "mood", "")?;
    let sleep_hours = match form.get("sleep_hours") {
        None => None,
        Some(text) => Some(text.replace(',', ".").parse::<f64>().map_err(|_| {
            AppError::invalid(
                "sleep_hours",
                format!(
                    "Sleep: “{}” is not a number of hours",
                    text.chars().take(20).collect::<String>()
                ),
            )
        })?),
    };
    Ok(CheckInIn {
        date: form.get("date").unwrap_or("").to_owned(),
        symptoms,
        red_flags,
        rpe,
        mood,
        sleep_hours,
        notes: form.get("notes").map(str::to_owned),
    })
}

pub(super) fn checkin_block(
    ctx: &RowCtx<'_>,
    checkins: &[CheckInRow],
    problem: Option<&Problem>,
) -> Markup {
    let (form, error) = match problem {
        Some(Problem::CheckIn { form, error }) => (Some(form), Some(error)),
        _ => (None, None),
    };
    let value = |name: &str| form.and_then(|f| f.get(name)).unwrap_or("").to_owned();
    let ticked = |name: &str, word: &str| form.is_some_and(|f| f.all(name).contains(&word));
    let err = |field: &str| {
        error.and_then(|e| (e.field.as_deref() == Some(field)).then_some(e.message.as_str()))
    };
    let mood = value("mood");
    let rpe = value("rpe");
    html! {
        section.card.checkin #check-in aria-labelledby="check-in-title" {
            h2 #check-in-title { @if ctx.session_day { "How did it go?" } @else { "How are you today?" } }
            @for c in checkins {
                p.checked-in {
                    span.tick aria-hidden="true" { "✓" } " "
                    strong { "You checked in" }
                    @let felt: Vec<String> = words_of(&c.symptoms).iter().chain(words_of(&c.red_flags).iter()).map(|w| symptom_word(w)).collect();
                    @if felt.is_empty() { ": no symptoms" } @else { ": " (and_list(&felt)) }
                    @if let Some(r) = c.rpe { " · effort " (r) }
                    @if let Some(m) = c.mood { " · mood " (MOODS.iter().find(|(n, _)| i64::from(*n) == m).map_or("", |(_, w)| w)) }
                }
            }
            p.hint { "A minute, after your session or at the end of the day. What you tell us shapes your next session." }
            form method="post" action="/today/checkin" novalidate {
                (csrf_field(ctx.csrf))
                input type="hidden" name="date" value=(ctx.date.to_string());
                fieldset aria-describedby=[err("symptoms").map(|_| "symptoms-error")] {
                    legend { "Did you notice any of these?" }
                    @for s in Symptom::CHECK_IN {
                        label.choice {
                            input type="checkbox" name="symptoms" value=(s.as_str()) checked[ticked("symptoms", s.as_str())];
                            span { strong { (s.label()) } span.hint { (s.hint()) } }
                        }
                    }
                    @if let Some(m) = err("symptoms") { span.field-error #symptoms-error { (m) } }
                }
                div.field {
                    label for="rpe" { "How hard was it? (effort 1 to 10)" }
                    select #rpe name="rpe" aria-invalid=[err("rpe").map(|_| "true")] aria-describedby=[err("rpe").map(|_| "rpe-error")] {
                        option value="" selected[rpe.is_empty()] { "Choose, if you trained" }
                        @for (i, words) in EFFORT.iter().enumerate() {
                            @let n = (i + 1).to_string();
                            option value=(n) selected[rpe == n] { (n) ": " (words) }
                        }
                    }
                    @if let Some(m) = err("rpe") { span.field-error #rpe-error { (m) } }
                }
                fieldset.mood aria-describedby=[err("mood").map(|_| "mood-error")] {
                    legend { "How are you feeling?" }
                    div.mood-options {
                        @for (n, word) in MOODS {
                            label.choice.mood-choice {
                                input type="radio" name="mood" value=(n) checked[mood == n.to_string()] aria-invalid=[err("mood").map(|_| "true")];
                                span { (word) }
                            }
                        }
                    }
                    @if let Some(m) = err("mood") { span.field-error #mood-error { (m) } }
                }
                div.field {
                    label for="sleep_hours" { "Hours of sleep last night " span.muted { "(optional)" } }
                    input #sleep_hours type="text" name="sleep_hours" inputmode="decimal" autocomplete="off" value=(value("sleep_hours"))
                        aria-invalid=[err("sleep_hours").map(|_| "true")] aria-describedby=[err("sleep_hours").map(|_| "sleep_hours-error")];
                    @if let Some(m) = err("sleep_hours") { span.field-error #sleep_hours-error { (m) } }
                }
                div.field {
                    label for="notes" { "Anything else? " span.muted { "(optional)" } }
                    textarea #notes name="notes" rows="3" aria-invalid=[err("notes").map(|_| "true")] aria-describedby=[err("notes").map(|_| "notes-error")] { (value("notes")) }
                    @if let Some(m) = err("notes") { span.field-error #notes-error { (m) } }
                }
                fieldset.warning-signs #warning-signs aria-describedby="warning-signs-hint" {
                    legend { "Warning signs" }
                    p.hint #warning-signs-hint {
                        strong { "These stop training." }
                        " Tick any you have and we will show you where to get help. In an emergency, call 999 (UK), 112 (EU) or 911 (US) now."
                    }
                    @for f in RedFlag::ALL {
                        label.choice {
                            input type="checkbox" name="red_flags" value=(f.as_str()) checked[ticked("red_flags", f.as_str())];
                            span { (capitalised(f.describe())) }
                        }
                    }
                    @if let Some(m) = err("red_flags") { span.field-error { (m) } }
                }
                @if let Some(m) = err("date") { span.field-error { (m) } }
                div.actions { button.wide type="submit" { "Save my check-in" } }
            }
        }
    }
}
