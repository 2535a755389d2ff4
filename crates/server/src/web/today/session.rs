//! The session: the rows of sets (logged or open), matched to the plan, and the walk-run.

use std::collections::HashMap;

use maud::{Markup, html};
use mumstrong_core::vocab::Symptom;
use mumstrong_store::SetRow;

use super::forms::Problem;
use super::page::RowCtx;
use super::symptom_word;
use super::view::{Prescription, Session, WalkRun};
use super::words::{
    amount, amount_label, and_list, dose_text, library_name, library_word, load_text, words_of,
};
use crate::error::AppError;
use crate::web::{WebForm, csrf_field};

/// Matches today's logged sets to the plan's rows: by set number, then in order. The rest are
/// sets of other exercises (or extra sets), shown apart so they can be undone too.
pub(super) fn match_sets<'a>(
    session: &Session,
    sets: &'a [SetRow],
) -> (HashMap<(String, u8), &'a SetRow>, Vec<&'a SetRow>) {
    let mut slots: HashMap<(String, u8), &SetRow> = HashMap::new();
    let planned = |id: &str| {
        session
            .exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.sets)
    };
    let mut left = Vec::new();
    for s in sets {
        let n = s.set_number.and_then(|n| u8::try_from(n).ok());
        match (planned(&s.exercise), n) {
            (Some(max), Some(n))
                if n >= 1 && n <= max && !slots.contains_key(&(s.exercise.clone(), n)) =>
            {
                slots.insert((s.exercise.clone(), n), s);
            }
            _ => left.push(s),
        }
    }
    let mut extra = Vec::new();
    for s in left {
        let free = planned(&s.exercise)
            .and_then(|max| (1..=max).find(|n| !slots.contains_key(&(s.exercise.clone(), *n))));
        match free {
            Some(n) => {
                slots.insert((s.exercise.clone(), n), s);
            }
            None => extra.push(s),
        }
    }
    (slots, extra)
}

pub(super) fn session_block(
    ctx: &RowCtx<'_>,
    session: &Session,
    sets: &[SetRow],
    problem: Option<&Problem>,
) -> Markup {
    let (slots, extra) = match_sets(session, sets);
    let total: usize = session.exercises.iter().map(|e| usize::from(e.sets)).sum();
    let done = slots.len();
    html! {
        p.session-facts {
            "About " (session.estimated_minutes) " minutes · " (session.exercises.len()) " exercises"
            @if ctx.can_log {
                " · " span #sets-progress data-total=(total) { (done) " of " (total) " sets done" }
            }
        }
        @if done >= total && total > 0 {
            div.notice.ok role="status" {
                p { strong { "Session done. Well done!" } " Now tell us how it went: " a href="#check-in" { "check in" } "." }
            }
        }
        @for (i, ex) in session.exercises.iter().enumerate() {
            section.card.exercise #(format!("ex-{}", ex.id)) data-rest=(ex.rest_seconds) data-name=(ex.name) aria-labelledby=(format!("ex-{}-name", ex.id)) {
                h2 #(format!("ex-{}-name", ex.id)) { span.ex-number { (i + 1) ". " } (ex.name) }
                p.dose {
                    strong { (dose_text(ex)) }
                    br;
                    (load_text(ex, ctx.unit))
                    @if ex.sets > 1 && ex.rest_seconds > 0 { " · rest " (ex.rest_seconds) " s between sets" }
                }
                @if !ex.cues.is_empty() {
                    ul.cues { @for c in &ex.cues { li { (c) } } }
                }
                @if !ex.why.is_empty() { p.why { span.why-label { "Why: " } (ex.why) } }
                ol.sets {
                    @for n in 1..=ex.sets {
                        @let logged = slots.get(&(ex.id.clone(), n)).copied();
                        @let mine = match problem {
                            Some(Problem::Set { exercise, set_number, form, error }) if *exercise == ex.id && *set_number == n => Some((form, error)),
                            _ => None,
                        };
                        @match logged {
                            Some(row) => (logged_row(ctx, &ex.id, &ex.name, amount(ex).1, n, row)),
                            None => (open_row(ctx, ex, n, last_load(&slots, &ex.id, n), mine)),
                        }
                    }
                }
            }
        }
        @if !extra.is_empty() {
            section.card #also-logged {
                h2 { "Also logged today" }
                ol.sets {
                    @for row in &extra {
                        (logged_row(ctx, &row.exercise, &library_name(&row.exercise), library_word(&row.exercise), row.set_number.and_then(|n| u8::try_from(n).ok()).unwrap_or(0), row))
                    }
                }
            }
        }
    }
}

/// A set she has done: what she did, and Undo.
pub(super) fn logged_row(
    ctx: &RowCtx<'_>,
    exercise: &str,
    name: &str,
    word: &str,
    n: u8,
    row: &SetRow,
) -> Markup {
    let symptoms: Vec<String> = words_of(&row.symptoms)
        .iter()
        .chain(words_of(&row.red_flags).iter())
        .map(|w| symptom_word(w))
        .collect();
    let set_name = if n > 0 {
        format!("Set {n}")
    } else {
        "A set".to_owned()
    };
    html! {
        li.set.done #(format!("set-{exercise}-{n}")) {
            div.set-done {
                span.tick aria-hidden="true" { "✓" }
                p.set-summary {
                    strong { (set_name) " done" }
                    span.visually-hidden { " of " (name) }
                    ": " (row.reps) " " (word)
                    @if let Some(kg) = row.load_kg { " · " (ctx.unit.show(kg)) }
                    @if !symptoms.is_empty() {
                        br;
                        span.noted { "Noted: " (and_list(&symptoms)) }
                    }
                }
                form.undo method="post" action=(format!("/today/set/{}/delete", row.id)) {
                    (csrf_field(ctx.csrf))
                    input type="hidden" name="date" value=(ctx.date.to_string());
                    input type="hidden" name="anchor" value=(format!("ex-{exercise}"));
                    button.secondary.small type="submit" {
                        "Undo" span.visually-hidden { " " (set_name) " of " (name) }
                    }
                }
            }
        }
    }
}

/// The load of the last set of `exercise` she logged before set `n` today: a load she changed
/// is what she lifts, so it is the next set's default, not the plan's.
pub(super) fn last_load(
    slots: &HashMap<(String, u8), &SetRow>,
    exercise: &str,
    n: u8,
) -> Option<f64> {
    (1..n)
        .rev()
        .find_map(|m| slots.get(&(exercise.to_owned(), m)))
        .and_then(|row| row.load_kg)
}

/// A set still to do: reps prefilled from the plan, the load from her last set of it today (or
/// the plan's), and Done.
pub(super) fn open_row(
    ctx: &RowCtx<'_>,
    ex: &Prescription,
    n: u8,
    last_load: Option<f64>,
    problem: Option<(&WebForm, &AppError)>,
) -> Markup {
    let (target, word) = amount(ex);
    let key = format!("{}-{n}", ex.id);
    let typed = |field: &str| problem.map(|(f, _)| f.get(field).unwrap_or("").to_owned());
    let reps_value = typed("reps").unwrap_or_else(|| target.to_string());
    let load_value = typed("load").unwrap_or_else(|| {
        last_load
            .or(ex.load_kg)
            .map(|kg| ctx.unit.number(kg))
            .unwrap_or_default()
    });
    let err = |field: &str| {
        problem.and_then(|(_, e)| (e.field.as_deref() == Some(field)).then_some(e.message.as_str()))
    };
    let reps_err = err("reps");
    let load_err = err("load");
    let other_err = problem.and_then(|(_, e)| {
        (e.field.as_deref() != Some("reps") && e.field.as_deref() != Some("load"))
            .then_some(e.message.as_str())
    });
    let ticked: Vec<String> = problem
        .map(|(f, _)| f.all("symptoms").into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let has_load = ex.load_kg.is_some()
        || last_load.is_some()
        || problem.is_some_and(|(f, _)| f.get("load").is_some());
    let side = if ex.each_side { " each side" } else { "" };
    html! {
        li.set.open #(format!("set-{key}")) .has-error[problem.is_some()] .with-load[has_load && ctx.can_log] {
            @if ctx.can_log {
                form.set-form method="post" action="/today/set" novalidate {
                    (csrf_field(ctx.csrf))
                    input type="hidden" name="date" value=(ctx.date.to_string());
                    input type="hidden" name="exercise" value=(ex.id);
                    input type="hidden" name="set_number" value=(n);
                    input type="hidden" name="target_reps" value=(target);
                    div.set-line {
                        span.set-label { "Set " (n) }
                        div.set-field {
                            label for=(format!("reps-{key}")) { (amount_label(word)) (side) }
                            input #(format!("reps-{key}")) type="text" name="reps" inputmode="numeric" autocomplete="off" value=(reps_value)
                                aria-invalid=[reps_err.map(|_| "true")] aria-describedby=[reps_err.map(|_| format!("reps-{key}-error"))];
                        }
                        @if has_load {
                            div.set-field {
                                label for=(format!("load-{key}")) { "Load (" (ctx.unit.word()) ")" }
                                input #(format!("load-{key}")) type="text" name="load" inputmode="decimal" autocomplete="off" value=(load_value)
                                    aria-invalid=[load_err.map(|_| "true")] aria-describedby=[load_err.map(|_| format!("load-{key}-error"))];
                            }
                        }
                        button.done type="submit" {
                            "Done" span.visually-hidden { ": set " (n) " of " (ex.name) }
                        }
                    }
                    @if let Some(m) = reps_err { span.field-error #(format!("reps-{key}-error")) { (m) } }
                    @if let Some(m) = load_err { span.field-error #(format!("load-{key}-error")) { (m) } }
                    @if let Some(m) = other_err { span.field-error { (m) } }
                    details.felt open[!ticked.is_empty()] {
                        summary { "Something felt wrong?" }
                        fieldset {
                            legend { "Tick what you felt, then press Done" }
                            @for s in Symptom::DURING_EXERCISE {
                                label.choice {
                                    input type="checkbox" name="symptoms" value=(s.as_str()) checked[ticked.iter().any(|t| t == s.as_str())];
                                    span { (s.label()) }
                                }
                            }
                            p.hint { "We note it with this set and adapt your plan. Stop this exercise for today if it hurts or leaks. " a href="#warning-signs" { "Warning signs" } " (like heavy bleeding or chest pain) are in the check-in." }
                        }
                    }
                }
            } @else {
                p.set-summary { strong { "Set " (n) } ": " (target) " " (word) (side) @if let Some(kg) = ex.load_kg { " · " (ctx.unit.show(kg)) } }
            }
        }
    }
}

pub(super) fn walk_run_block(run: &WalkRun, date: time::Date) -> Markup {
    let buggy = if run.buggy_why.is_empty() {
        if run.buggy_allowed {
            "You may push the buggy while you run."
        } else {
            "Run without the buggy for now: buggy running starts at 6 months."
        }
    } else {
        run.buggy_why.as_str()
    };
    // After the walk-run, the day's own run: long, easy, strides or intervals.
    if let Some(today) = run.runs.iter().find(|r| r.date == date) {
        return html! {
            section.card #walk-run {
                h2 { "Run" }
                p { (today.text) @if today.session_minutes > 0 { " About " (today.session_minutes) " minutes." } }
                p.muted { (buggy) }
            }
        };
    }
    html! {
        section.card #walk-run {
            h2 { "Walk-run" }
            p {
                strong {
                    "Run " (run.run_minutes) " min"
                    @if run.walk_minutes > 0 { ", walk " (run.walk_minutes) " min" }
                    @if run.repeats > 1 { ", " (run.repeats) " times" }
                    @if run.then_run_minutes > 0 { ", then run " (run.then_run_minutes) " min" }
                }
                @if run.session_minutes > 0 { " (about " (run.session_minutes) " minutes)" }
                ". Stage " (run.stage) "."
            }
            p { "Go at an easy pace where you can still chat. Stop if you leak, feel heaviness or pain, and go back to the last stage that felt fine." }
            p.muted {
                (buggy)
            }
        }
    }
}
