//! The pieces every step's page is made of: labelled inputs, radio and checkbox groups, the
//! progress bar, the error box and the warning-sign reminder.

use maud::{Markup, html};

use super::steps::{STEPS, Step};
use crate::error::AppError;
use crate::web::{WebForm, capitalised, described_by, field_error};

pub(super) fn id_of(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", id.trim_end_matches('-'))
}

/// A labelled single-value input with its hint and error.
#[allow(clippy::too_many_arguments)]
pub(super) fn input_field(
    form: &WebForm,
    error: Option<&AppError>,
    name: &str,
    label: &str,
    hint: Option<&str>,
    kind: &str,
    inputmode: Option<&str>,
    extra_class: &str,
) -> Markup {
    let id = id_of(name);
    let err = field_error(error, name);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let describe = described_by(hint.map(|_| hint_id.as_str()), err.map(|_| err_id.as_str()));
    let value = form.get(name).unwrap_or("");
    html! {
        div.field.(extra_class) {
            label for=(id) { (label) }
            @if let Some(h) = hint { span.hint id=(hint_id) { (h) } }
            @if let Some(m) = err { span.field-error id=(err_id) { (capitalised(m)) } }
            input id=(id) name=(name) type=(kind) value=(value) inputmode=[inputmode]
                aria-describedby=[describe] aria-invalid=[err.map(|_| "true")];
        }
    }
}

/// One option of a radio or checkbox group.
pub(super) struct Choice<'a> {
    pub value: &'a str,
    pub label: String,
    pub detail: Option<String>,
}

pub(super) fn choice(value: &str, label: impl Into<String>, detail: Option<String>) -> Choice<'_> {
    Choice {
        value,
        label: label.into(),
        detail,
    }
}

/// A fieldset of radios (`multiple == false`) or checkboxes, with its legend, hint and error.
#[allow(clippy::too_many_arguments)]
pub(super) fn choice_group(
    form: &WebForm,
    error: Option<&AppError>,
    name: &str,
    legend: &str,
    hint: Option<&str>,
    multiple: bool,
    choices: &[Choice<'_>],
    class: &str,
) -> Markup {
    choice_group_with(
        form,
        error,
        name,
        legend,
        hint,
        multiple,
        choices,
        class,
        &|_| None,
    )
}

/// [`choice_group`] with more to ask right after some choices (the weights of the dumbbells).
#[allow(clippy::too_many_arguments)]
pub(super) fn choice_group_with(
    form: &WebForm,
    error: Option<&AppError>,
    name: &str,
    legend: &str,
    hint: Option<&str>,
    multiple: bool,
    choices: &[Choice<'_>],
    class: &str,
    after: &dyn Fn(&str) -> Option<Markup>,
) -> Markup {
    let id = id_of(name);
    let err = field_error(error, name);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let describe = described_by(hint.map(|_| hint_id.as_str()), err.map(|_| err_id.as_str()));
    let chosen = form.all(name);
    let kind = if multiple { "checkbox" } else { "radio" };
    html! {
        fieldset.(class) id=(id) aria-describedby=[describe] aria-invalid=[err.map(|_| "true")] {
            legend { (legend) }
            @if let Some(h) = hint { p.hint id=(hint_id) { (h) } }
            @if let Some(m) = err { p.field-error id=(err_id) { (capitalised(m)) } }
            div.choices {
                @for (i, c) in choices.iter().enumerate() {
                    @let cid = format!("{id}-{i}");
                    label.choice for=(cid) {
                        input id=(cid) type=(kind) name=(name) value=(c.value)
                            checked[chosen.contains(&c.value)];
                        span {
                            strong { (c.label) }
                            @if let Some(d) = &c.detail { span.detail { (d) } }
                        }
                    }
                    @if let Some(more) = after(c.value) { (more) }
                }
            }
        }
    }
}

pub(super) fn progress(step: Step, next: usize) -> Markup {
    let total = STEPS.len();
    html! {
        nav.progress aria-label="Questionnaire steps" {
            p.step-count { "Step " (step.index() + 1) " of " (total) ": " (step.short()) }
            ol {
                @for s in STEPS {
                    @let state = if s == step { "current" } else if s.index() < next { "done" } else { "todo" };
                    li class=(state) {
                        @if s == step {
                            span.seg aria-current="step" {
                                span.num { (s.index() + 1) }
                                span.label { (s.short()) }
                            }
                        } @else if s.index() <= next {
                            a.seg href=(s.url()) {
                                span.num { (s.index() + 1) }
                                span.label { (s.short()) }
                                span.visually-hidden { @if s.index() < next { " (done)" } }
                            }
                        } @else {
                            span.seg {
                                span.num { (s.index() + 1) }
                                span.label { (s.short()) }
                                span.visually-hidden { " (not yet)" }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn error_box(error: Option<&AppError>) -> Markup {
    html! {
        @if let Some(e) = error {
            div.notice.error role="alert" tabindex="-1" id="form-error" {
                p {
                    strong { "Please check: " }
                    @if let Some(f) = &e.field {
                        a href=(format!("#{}", id_of(f))) { (capitalised(&e.message)) }
                    } @else {
                        (capitalised(&e.message))
                    }
                }
            }
        }
    }
}

/// The one-line explanation under a choice, unless it only repeats the choice.
pub(super) fn detail(label: &str, describe: &str) -> Option<String> {
    (!label.eq_ignore_ascii_case(describe)).then(|| capitalised(describe))
}

pub(super) fn yes_no_choices<'a>(yes: &'a str, no: &'a str) -> [Choice<'a>; 2] {
    [choice("yes", yes, None), choice("no", no, None)]
}
