//! The onboarding questionnaire: her profile as seven short steps, saved as she goes.
//!
//! Each step is a plain form. Its POST checks the step's answers (a bad value re-renders the
//! step with status 422, the field named and what she typed kept), merges them into her draft
//! (a partial profile in the API's JSON shape, stored by `onboarding_draft`) and moves on. The
//! last step shows every answer with a "change" link, and its button saves the profile through
//! the API's own [`save_profile`], so the page and `PUT /api/v1/profile` cannot disagree. If she
//! already has a profile, the questionnaire starts from it and saving makes a new version.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use maud::{Markup, html};
use mumstrong_core::profile::{
    MAX_YEARS_POSTPARTUM, MIN_OWNED_WEIGHT_KG, max_owned_weight_kg, parse_iso_date,
};
use mumstrong_core::questionnaire::EPDS_ITEMS;
use mumstrong_core::readiness::{READINESS_TESTS, TestGroup};
use mumstrong_core::vocab::{
    Ache, BabySex, Delivery, EquipmentKind, Experience, Goal, PerinealTear, RedFlag, Symptom,
};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use time::{Date, Duration};

use super::capitalised;
use super::screening::with_phone_links;
use super::{
    Nav, PageError, PageResult, Unit, Viewer, WebForm, csrf_field, described_by, field_error,
    human_date, page_with_scripts, see_other,
};
use crate::AppState;
use crate::app::member::save_profile;
use crate::error::AppError;

/// The onboarding routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/onboarding", get(start))
        .route("/onboarding/{step}", get(show).post(submit))
}

// ---- the steps ---------------------------------------------------------------------------------

/// One page of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Date, delivery, tear, babies.
    Birth,
    /// Postnatal check, symptoms, tummy gap, aches.
    Feel,
    /// Red flags.
    Warning,
    /// The EPDS, optional.
    Mood,
    /// The return-to-running tests.
    Readiness,
    /// Goals, time and equipment.
    Training,
    /// Everything on one page, and the save button.
    Review,
}

/// Every step, in order.
pub(crate) const STEPS: [Step; 7] = [
    Step::Birth,
    Step::Feel,
    Step::Warning,
    Step::Mood,
    Step::Readiness,
    Step::Training,
    Step::Review,
];

impl Step {
    fn slug(self) -> &'static str {
        match self {
            Step::Birth => "birth",
            Step::Feel => "feel",
            Step::Warning => "warning-signs",
            Step::Mood => "mood",
            Step::Readiness => "readiness",
            Step::Training => "training",
            Step::Review => "review",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Step::Birth => "Your birth",
            Step::Feel => "How you feel now",
            Step::Warning => "Warning signs",
            Step::Mood => "Your mood (optional)",
            Step::Readiness => "Readiness tests",
            Step::Training => "Your training",
            Step::Review => "Check your answers",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Step::Birth => "Birth",
            Step::Feel => "Feeling",
            Step::Warning => "Warnings",
            Step::Mood => "Mood",
            Step::Readiness => "Tests",
            Step::Training => "Training",
            Step::Review => "Check",
        }
    }

    fn index(self) -> usize {
        STEPS.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn from_slug(slug: &str) -> Option<Step> {
        STEPS.iter().copied().find(|s| s.slug() == slug)
    }

    fn url(self) -> String {
        format!("/onboarding/{}", self.slug())
    }
}

/// The step whose form owns a profile field (as named in a validation error).
pub(crate) fn step_of_field(field: &str) -> Step {
    let section = field.split(['.', '[']).next().unwrap_or("");
    match section {
        "birth" => Step::Birth,
        "readiness" => Step::Readiness,
        "training" if field.starts_with("training.aches") => Step::Feel,
        "training" => Step::Training,
        "health" if field.starts_with("health.red_flags") => Step::Warning,
        "health" if field.starts_with("health.epds") || field.starts_with("health.phq9") => {
            Step::Mood
        }
        "health" => Step::Feel,
        _ => Step::Review,
    }
}

/// The form input that shows a profile field's error (`birth` → `birth.date`,
/// `training.equipment[2]` → the dumbbell weights if that entry is the dumbbells).
fn input_of_field(field: &str, draft: &Value) -> String {
    if field == "birth" {
        return "birth.date".to_owned();
    }
    if field.starts_with("health.epds[") {
        return field.to_owned();
    }
    if let Some(rest) = field.strip_prefix("training.equipment[") {
        let word = rest
            .trim_end_matches(']')
            .parse::<usize>()
            .ok()
            .and_then(|i| draft.pointer(&format!("/training/equipment/{i}")))
            .and_then(Value::as_str)
            .unwrap_or("");
        return match word.split(':').next().map(str::trim) {
            Some("kettlebell") => "training.kettlebell_weights",
            Some("dumbbells") => "training.dumbbell_weights",
            Some("barbell") => "training.barbell_weights",
            _ => "training.equipment",
        }
        .to_owned();
    }
    let base = field.split('[').next().unwrap_or(field);
    match base {
        "birth.baby_birth_weight_kg" => "birth.baby_birth_weight".to_owned(),
        "training.car_seat_kg" => "training.car_seat".to_owned(),
        other => other.to_owned(),
    }
}

// ---- the draft ---------------------------------------------------------------------------------

/// The key in a draft for what only the pages need (tests tried but not passed); it is removed
/// before the profile is saved.
const WEB_KEY: &str = "_web";

/// Her answers so far and the first step not yet done.
struct Draft {
    data: Value,
    next: usize,
}

impl Draft {
    fn get(&self, section: &str, key: &str) -> Option<&Value> {
        self.data.get(section).and_then(|s| s.get(key))
    }

    fn birth_date(&self) -> Option<Date> {
        self.get("birth", "date")
            .and_then(Value::as_str)
            .and_then(|d| parse_iso_date(d).ok())
    }

    fn red_flags(&self) -> Vec<RedFlag> {
        words_of(self.get("health", "red_flags"), RedFlag::from_word)
    }

    /// The profile JSON to save: the draft without the pages' own notes.
    fn profile_body(&self) -> Value {
        let mut body = self.data.clone();
        if let Some(map) = body.as_object_mut() {
            map.remove(WEB_KEY);
            map.remove("as_of");
        }
        body
    }
}

fn words_of<T>(value: Option<&Value>, from_word: fn(&str) -> Option<T>) -> Vec<T> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter_map(from_word)
                .collect()
        })
        .unwrap_or_default()
}

/// Her draft, or her latest profile to edit (all steps done), or nothing yet.
async fn load_draft(state: &AppState, user_id: i64) -> PageResult<Draft> {
    let object = |text: &str| {
        serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({}))
    };
    if let Some((json, step)) = state.store.onboarding_draft(user_id).await? {
        return Ok(Draft {
            data: object(&json),
            next: Step::from_slug(&step).map_or(0, Step::index),
        });
    }
    if let Some(row) = state.store.latest_profile(user_id).await? {
        let mut data = object(&row.profile_json);
        if let Some(map) = data.as_object_mut() {
            map.remove("as_of");
        }
        return Ok(Draft {
            data,
            next: Step::Review.index(),
        });
    }
    Ok(Draft {
        data: json!({}),
        next: 0,
    })
}

/// Sets (or with `None` removes) one field of a section, making the section if needed.
fn set(data: &mut Value, section: &str, key: &str, value: Option<Value>) {
    if !data.is_object() {
        *data = json!({});
    }
    let Some(map) = data.as_object_mut() else {
        return;
    };
    let entry = map
        .entry(section.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    if let Some(section) = entry.as_object_mut() {
        match value {
            Some(v) => {
                section.insert(key.to_owned(), v);
            }
            None => {
                section.remove(key);
            }
        }
    }
}

// ---- numbers in her unit -----------------------------------------------------------------------

/// A number without trailing zeros, to at most `decimals` places.
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A stored kg value as she would type it in her unit.
fn shown(unit: Unit, kg: f64) -> String {
    match unit {
        Unit::Kg => trimmed(kg, 2),
        Unit::Lb => trimmed(unit.from_kg(kg), 1),
    }
}

/// A range in her unit, rounded inwards so both ends are accepted.
fn range_text(unit: Unit, min_kg: f64, max_kg: f64) -> String {
    let min = (unit.from_kg(min_kg) * 10.0).ceil() / 10.0;
    let max = (unit.from_kg(max_kg) * 10.0).floor() / 10.0;
    format!("{} to {} {}", trimmed(min, 1), trimmed(max, 1), unit.word())
}

/// A weight she typed, in kg: the stored value again if she left it as shown (so switching
/// units never makes weights drift), else converted and rounded.
fn to_kg_keeping(unit: Unit, typed: f64, previous: &[f64]) -> f64 {
    previous
        .iter()
        .copied()
        .find(|&kg| shown(unit, kg).parse::<f64>().ok() == Some(typed))
        .unwrap_or_else(|| (unit.to_kg(typed) * 1000.0).round() / 1000.0)
}

fn parse_number(text: &str) -> Option<f64> {
    let lower = text.trim().to_ascii_lowercase();
    let bare = lower
        .trim_end_matches("kg")
        .trim_end_matches("lbs")
        .trim_end_matches("lb")
        .trim()
        .replace(',', ".");
    bare.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

/// A date typed as `2026-08-20`, or `20/08/2026` where the browser has no date picker.
fn parse_date_input(text: &str) -> Option<Date> {
    if let Ok(d) = parse_iso_date(text) {
        return Some(d);
    }
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    if let [d, m, y] = parts[..]
        && y.len() == 4
    {
        let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
        return Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok();
    }
    None
}

/// Weights typed as `4, 6, 8` in her unit, as kg. Errors are messages for the field.
fn parse_weights(
    unit: Unit,
    text: &str,
    what: &str,
    previous: &[f64],
    max_kg: f64,
) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for part in text
        .split([',', ';', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case(unit.word()))
    {
        let Some(v) = parse_number(part) else {
            return Err(format!(
                "\"{}\" is not a weight; write the weights of your {what} as numbers in {}, separated by commas, e.g. {}",
                part.chars().take(20).collect::<String>(),
                unit.word(),
                if unit == Unit::Kg {
                    "4, 6, 8"
                } else {
                    "10, 15, 20"
                }
            ));
        };
        let kg = to_kg_keeping(unit, v, previous);
        let kg = (kg * 100.0).round() / 100.0;
        if !(MIN_OWNED_WEIGHT_KG..=max_kg).contains(&kg) {
            return Err(format!(
                "{} {} is out of range; each weight must be {}",
                trimmed(v, 2),
                unit.word(),
                range_text(unit, MIN_OWNED_WEIGHT_KG, max_kg)
            ));
        }
        out.push(kg);
    }
    if out.is_empty() {
        return Err(format!(
            "give the weights of your {what} in {}, e.g. {}",
            unit.word(),
            if unit == Unit::Kg {
                "4, 6, 8"
            } else {
                "10, 15, 20"
            }
        ));
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    Ok(out)
}

/// The weights of one kind in the draft's equipment words, in kg.
fn owned_weights(draft: &Value, kind: EquipmentKind) -> Option<Vec<f64>> {
    let words = draft.pointer("/training/equipment")?.as_array()?;
    words.iter().filter_map(Value::as_str).find_map(|w| {
        let (name, weights) = w.split_once(':').unwrap_or((w, ""));
        (name.trim() == kind.as_str()).then(|| {
            weights
                .split(',')
                .filter_map(parse_number)
                .collect::<Vec<f64>>()
        })
    })
}

fn weights_word(weights: &[f64]) -> String {
    weights
        .iter()
        .map(|w| trimmed(*w, 2))
        .collect::<Vec<_>>()
        .join(",")
}

// ---- the draft as form values ------------------------------------------------------------------

fn yes_no(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_bool)
        .map(|b| if b { "yes" } else { "no" }.to_owned())
}

/// The draft as the pairs its forms would send, so a step renders the same way from the draft
/// and from what she just typed.
fn draft_form(d: &Draft, unit: Unit) -> WebForm {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| pairs.push((k.to_owned(), v));
    for key in ["date", "delivery", "perineal_tear", "baby_sex"] {
        if let Some(v) = d.get("birth", key).and_then(Value::as_str) {
            put(&format!("birth.{key}"), v.to_owned());
        }
    }
    put(
        "birth.babies",
        d.get("birth", "babies")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .to_string(),
    );
    if let Some(kg) = d
        .get("birth", "baby_birth_weight_kg")
        .and_then(Value::as_f64)
    {
        put("birth.baby_birth_weight", shown(unit, kg));
    }
    for key in [
        "postnatal_check_done",
        "pelvic_health_assessment_done",
        "breastfeeding",
    ] {
        if let Some(v) = yes_no(d.get("health", key)) {
            put(&format!("health.{key}"), v);
        }
    }
    for (section, key) in [
        ("health", "symptoms"),
        ("health", "red_flags"),
        ("training", "goals"),
        ("training", "aches"),
    ] {
        for w in d
            .get(section, key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            put(&format!("{section}.{key}"), w.to_owned());
        }
    }
    if let Some(w) = d
        .get("health", "diastasis_finger_widths")
        .and_then(Value::as_f64)
    {
        put("health.diastasis_finger_widths", trimmed(w, 1));
    }
    if let Some(items) = d.get("health", "epds").and_then(Value::as_array) {
        for (i, v) in items.iter().enumerate() {
            if let Some(v) = v.as_i64() {
                put(&format!("health.epds[{i}]"), v.to_string());
            }
        }
    }
    let tried = words_of(
        d.data
            .get(WEB_KEY)
            .and_then(|w| w.get("readiness_not_passed")),
        |w| Some(w.to_owned()),
    );
    for t in READINESS_TESTS {
        let passed = d
            .get("readiness", t.key)
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let v = if passed {
            "passed"
        } else if tried.iter().any(|k| k == t.key) {
            "not_passed"
        } else {
            "not_tried"
        };
        put(&format!("readiness.{}", t.key), v.to_owned());
    }
    if let Some(v) = d.get("training", "experience").and_then(Value::as_str) {
        put("training.experience", v.to_owned());
    }
    put(
        "training.days_per_week",
        d.get("training", "days_per_week")
            .and_then(Value::as_i64)
            .unwrap_or(3)
            .to_string(),
    );
    put(
        "training.minutes_per_session",
        d.get("training", "minutes_per_session")
            .and_then(Value::as_i64)
            .unwrap_or(20)
            .to_string(),
    );
    for w in d
        .get("training", "equipment")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let name = w.split(':').next().unwrap_or("").trim();
        if name != "bodyweight" {
            put("training.equipment", name.to_owned());
        }
    }
    for (kind, field) in [
        (EquipmentKind::Kettlebell, "training.kettlebell_weights"),
        (EquipmentKind::Dumbbells, "training.dumbbell_weights"),
        (EquipmentKind::Barbell, "training.barbell_weights"),
    ] {
        if let Some(ws) = owned_weights(&d.data, kind) {
            let text: Vec<String> = ws.iter().map(|kg| shown(unit, *kg)).collect();
            put(field, text.join(", "));
        }
    }
    if let Some(kg) = d.get("training", "car_seat_kg").and_then(Value::as_f64) {
        put("training.car_seat", shown(unit, kg));
    }
    WebForm::from_pairs(pairs)
}

// ---- reading a step's form into the draft ------------------------------------------------------

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, message)
}

fn yes_no_answer(form: &WebForm, field: &str, question: &str) -> Result<Option<bool>, AppError> {
    match form.get(field) {
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        None | Some("unsaid") => Ok(None),
        Some(_) => Err(invalid(field, format!("choose yes or no: {question}"))),
    }
}

fn word_list<T: Copy>(
    form: &WebForm,
    field: &str,
    from_word: fn(&str) -> Option<T>,
    as_str: fn(T) -> &'static str,
) -> Result<Vec<Value>, AppError> {
    let mut out: Vec<Value> = Vec::new();
    for w in form.all(field) {
        let v = from_word(w).ok_or_else(|| {
            invalid(
                field,
                "one of the choices was not recognised; tick the boxes again",
            )
        })?;
        let word = Value::from(as_str(v));
        if !out.contains(&word) {
            out.push(word);
        }
    }
    Ok(out)
}

/// Checks one step's answers and merges them into the draft. Nothing changes on an error.
fn apply(
    step: Step,
    form: &WebForm,
    data: &mut Value,
    unit: Unit,
    today: Date,
) -> Result<(), AppError> {
    let mut d = data.clone();
    match step {
        Step::Birth => apply_birth(form, &mut d, unit, today)?,
        Step::Feel => apply_feel(form, &mut d, today)?,
        Step::Warning => {
            let flags = word_list(
                form,
                "health.red_flags",
                RedFlag::from_word,
                RedFlag::as_str,
            )?;
            set(&mut d, "health", "red_flags", Some(Value::Array(flags)));
        }
        Step::Mood => apply_mood(form, &mut d)?,
        Step::Readiness => apply_readiness(form, &mut d)?,
        Step::Training => apply_training(form, &mut d, unit)?,
        Step::Review => {}
    }
    *data = d;
    Ok(())
}

fn apply_birth(form: &WebForm, d: &mut Value, unit: Unit, today: Date) -> Result<(), AppError> {
    let text = form.get("birth.date").ok_or_else(|| {
        invalid(
            "birth.date",
            "enter the date your baby was born (your most recent birth)",
        )
    })?;
    let date = parse_date_input(text).ok_or_else(|| {
        invalid(
            "birth.date",
            format!(
                "\"{}\" is not a date we can read; enter it like 20/08/2026 or pick it from the calendar",
                text.chars().take(30).collect::<String>()
            ),
        )
    })?;
    if date > today {
        return Err(invalid(
            "birth.date",
            format!(
                "{} is in the future; enter the date your baby was born, on or before today ({})",
                human_date(date),
                human_date(today)
            ),
        ));
    }
    if today - date > Duration::days(MAX_YEARS_POSTPARTUM * 366) {
        return Err(invalid(
            "birth.date",
            format!(
                "{} is more than {MAX_YEARS_POSTPARTUM} years ago; enter the date of your most recent birth",
                human_date(date)
            ),
        ));
    }
    let delivery = form
        .get("birth.delivery")
        .and_then(Delivery::from_word)
        .ok_or_else(|| invalid("birth.delivery", "choose how your baby was born"))?;
    let tear = match form.get("birth.perineal_tear") {
        None | Some("unknown") => None,
        Some(w) => Some(PerinealTear::from_word(w).ok_or_else(|| {
            invalid(
                "birth.perineal_tear",
                "choose a kind of tear, or \"I don't know\"",
            )
        })?),
    };
    let babies = match form.get("birth.babies") {
        None => 1,
        Some(t) => parse_whole(t)
            .filter(|n| (1..=6).contains(n))
            .ok_or_else(|| {
                invalid(
                    "birth.babies",
                    "enter how many babies were born as a whole number from 1 to 6 (2 for twins)",
                )
            })?,
    };
    let sex = match form.get("birth.baby_sex") {
        None | Some("unsaid") => None,
        Some(w) => Some(
            BabySex::from_word(w)
                .ok_or_else(|| invalid("birth.baby_sex", "choose girl, boy or rather not say"))?,
        ),
    };
    let previous: Vec<f64> = d
        .pointer("/birth/baby_birth_weight_kg")
        .and_then(Value::as_f64)
        .into_iter()
        .collect();
    let weight = match form.get("birth.baby_birth_weight") {
        None => None,
        Some(t) => {
            let range = range_text(unit, 0.5, 7.0);
            let v = parse_number(t).ok_or_else(|| {
                invalid(
                    "birth.baby_birth_weight",
                    format!(
                        "enter the birth weight as a number in {}, e.g. {}; or leave it empty",
                        unit.word(),
                        if unit == Unit::Kg { "3.4" } else { "7.5" }
                    ),
                )
            })?;
            let kg = to_kg_keeping(unit, v, &previous);
            if !(0.5..=7.0).contains(&kg) {
                return Err(invalid(
                    "birth.baby_birth_weight",
                    format!(
                        "{} {} is out of range; a birth weight is {range}",
                        trimmed(v, 2),
                        unit.word()
                    ),
                ));
            }
            Some(kg)
        }
    };
    set(d, "birth", "date", Some(Value::from(date.to_string())));
    set(d, "birth", "delivery", Some(Value::from(delivery.as_str())));
    set(
        d,
        "birth",
        "perineal_tear",
        tear.map(|t| Value::from(t.as_str())),
    );
    set(d, "birth", "babies", Some(Value::from(babies)));
    set(d, "birth", "baby_sex", sex.map(|s| Value::from(s.as_str())));
    set(d, "birth", "baby_birth_weight_kg", weight.map(Value::from));
    Ok(())
}

fn apply_feel(form: &WebForm, d: &mut Value, today: Date) -> Result<(), AppError> {
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
    let symptoms = word_list(form, "health.symptoms", Symptom::from_word, Symptom::as_str)?;
    let birth = d
        .pointer("/birth/date")
        .and_then(Value::as_str)
        .and_then(|t| parse_iso_date(t).ok());
    if let Some(birth) = birth {
        let weeks = (today - birth).whole_weeks();
        if weeks < 8
            && symptoms
                .iter()
                .any(|s| s == Symptom::BleedingBeyond8Weeks.as_str())
        {
            return Err(invalid(
                "health.symptoms",
                format!(
                    "\"Bleeding after 8 weeks\" cannot apply yet: you are {weeks} weeks after birth, and some bleeding is normal in the first weeks. If bleeding is heavy (soaking more than one pad an hour, or clots bigger than a 50p coin), that is a warning sign: tick it on the next page and get help now"
                ),
            ));
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
    let aches = word_list(form, "training.aches", Ache::from_word, Ache::as_str)?;
    set(
        d,
        "health",
        "postnatal_check_done",
        Some(Value::from(check)),
    );
    set(
        d,
        "health",
        "pelvic_health_assessment_done",
        Some(Value::from(physio)),
    );
    set(d, "health", "breastfeeding", feeding.map(Value::from));
    set(d, "health", "symptoms", Some(Value::Array(symptoms)));
    set(d, "health", "diastasis_finger_widths", gap.map(Value::from));
    set(d, "training", "aches", Some(Value::Array(aches)));
    Ok(())
}

fn apply_mood(form: &WebForm, d: &mut Value) -> Result<(), AppError> {
    if form.get("go") == Some("skip") {
        set(d, "health", "epds", None);
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
        set(d, "health", "epds", None);
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
    let values: Vec<Value> = answers.into_iter().flatten().map(Value::from).collect();
    set(d, "health", "epds", Some(Value::Array(values)));
    Ok(())
}

fn apply_readiness(form: &WebForm, d: &mut Value) -> Result<(), AppError> {
    let mut not_passed: Vec<Value> = Vec::new();
    let mut results: Vec<(&str, bool)> = Vec::new();
    for t in READINESS_TESTS {
        let field = format!("readiness.{}", t.key);
        let passed = match form.get(&field) {
            None | Some("not_tried") => false,
            Some("passed") => true,
            Some("not_passed") => {
                not_passed.push(Value::from(t.key));
                false
            }
            Some(_) => {
                return Err(invalid(
                    &field,
                    "choose passed, not passed (tried, with symptoms) or not tried",
                ));
            }
        };
        results.push((t.key, passed));
    }
    for (key, passed) in results {
        set(d, "readiness", key, Some(Value::from(passed)));
    }
    set(
        d,
        WEB_KEY,
        "readiness_not_passed",
        Some(Value::Array(not_passed)),
    );
    Ok(())
}

fn apply_training(form: &WebForm, d: &mut Value, unit: Unit) -> Result<(), AppError> {
    let goals = word_list(form, "training.goals", Goal::from_word, Goal::as_str)?;
    if goals.is_empty() {
        return Err(invalid(
            "training.goals",
            "choose at least one thing you want from training",
        ));
    }
    let experience = form
        .get("training.experience")
        .and_then(Experience::from_word)
        .ok_or_else(|| {
            invalid(
                "training.experience",
                "choose how much strength training you have done before",
            )
        })?;
    let days = form
        .get("training.days_per_week")
        .and_then(parse_whole)
        .filter(|n| (1..=7).contains(n))
        .ok_or_else(|| {
            invalid(
                "training.days_per_week",
                "enter how many days a week you can train, a whole number from 1 to 7",
            )
        })?;
    let minutes = form
        .get("training.minutes_per_session")
        .and_then(parse_whole)
        .filter(|n| (10..=120).contains(n))
        .ok_or_else(|| {
            invalid(
                "training.minutes_per_session",
                "enter the minutes you have for a session, a whole number from 10 to 120",
            )
        })?;
    let ticked = form.all("training.equipment");
    for w in &ticked {
        if EquipmentKind::from_word(w).is_none() {
            return Err(invalid(
                "training.equipment",
                "one of the choices was not recognised; tick the boxes again",
            ));
        }
    }
    let mut equipment: Vec<Value> = vec![Value::from("bodyweight")];
    for kind in EquipmentKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != EquipmentKind::Bodyweight)
    {
        let ticked = ticked.contains(&kind.as_str());
        if kind.takes_weights() {
            let (field, what) = match kind {
                EquipmentKind::Kettlebell => ("training.kettlebell_weights", "kettlebells"),
                EquipmentKind::Barbell => ("training.barbell_weights", "barbell loads"),
                _ => ("training.dumbbell_weights", "dumbbells"),
            };
            let typed = form.get(field);
            if !ticked && typed.is_none() {
                continue;
            }
            let previous = owned_weights(d, kind).unwrap_or_default();
            let weights = parse_weights(
                unit,
                typed.unwrap_or(""),
                what,
                &previous,
                max_owned_weight_kg(kind),
            )
            .map_err(|m| invalid(field, m))?;
            equipment.push(Value::from(format!(
                "{}:{}",
                kind.as_str(),
                weights_word(&weights)
            )));
        } else if ticked {
            equipment.push(Value::from(kind.as_str()));
        }
    }
    let previous: Vec<f64> = d
        .pointer("/training/car_seat_kg")
        .and_then(Value::as_f64)
        .into_iter()
        .collect();
    let car_seat = match form.get("training.car_seat") {
        None => None,
        Some(t) => {
            let kg = parse_number(t)
                .map(|v| to_kg_keeping(unit, v, &previous))
                .filter(|kg| (0.5..=20.0).contains(kg))
                .ok_or_else(|| {
                    invalid(
                        "training.car_seat",
                        format!(
                            "enter your car seat's weight as a number, {}, or leave it empty",
                            range_text(unit, 0.5, 20.0)
                        ),
                    )
                })?;
            Some(kg)
        }
    };
    set(d, "training", "goals", Some(Value::Array(goals)));
    set(
        d,
        "training",
        "experience",
        Some(Value::from(experience.as_str())),
    );
    set(d, "training", "days_per_week", Some(Value::from(days)));
    set(
        d,
        "training",
        "minutes_per_session",
        Some(Value::from(minutes)),
    );
    set(d, "training", "equipment", Some(Value::Array(equipment)));
    set(d, "training", "car_seat_kg", car_seat.map(Value::from));
    Ok(())
}

// ---- handlers ----------------------------------------------------------------------------------

#[derive(Deserialize)]
struct StepQuery {
    #[serde(rename = "return")]
    back_to: Option<String>,
}

/// `/onboarding`: the first step she has not done yet (the review when all are done).
async fn start(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let user = viewer.member()?;
    let draft = load_draft(&state, user.id).await?;
    let step = STEPS[draft.next.min(STEPS.len() - 1)];
    show_step(&state, &viewer, step, draft, false).await
}

fn step_from(slug: &str) -> Result<Step, PageError> {
    Step::from_slug(slug).ok_or_else(|| {
        PageError(AppError::not_found(
            "there is no such step in the questionnaire",
        ))
    })
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<StepQuery>,
) -> PageResult {
    let user = viewer.member()?;
    let step = step_from(&slug)?;
    let draft = load_draft(&state, user.id).await?;
    if step.index() > draft.next {
        return Ok(see_other(&STEPS[draft.next].url()));
    }
    let back_to_review = query.back_to.as_deref() == Some("review");
    show_step(&state, &viewer, step, draft, back_to_review).await
}

async fn show_step(
    state: &AppState,
    viewer: &Viewer,
    step: Step,
    draft: Draft,
    back_to_review: bool,
) -> PageResult {
    let editing = state
        .store
        .latest_profile(viewer.user.id)
        .await?
        .map(|p| p.version);
    let form = draft_form(&draft, viewer.unit);
    let ctx = Ctx {
        today: state.today(),
        editing,
        back_to_review,
    };
    Ok(render(viewer, step, &draft, &form, None, &ctx).into_response())
}

async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    form: WebForm,
) -> PageResult {
    let user = viewer.member()?.clone();
    let step = step_from(&slug)?;
    let mut draft = load_draft(&state, user.id).await?;
    if step.index() > draft.next {
        return Ok(see_other(&STEPS[draft.next].url()));
    }
    let today = state.today();
    let editing = state
        .store
        .latest_profile(user.id)
        .await?
        .map(|p| p.version);
    let back_to_review = form.get("return") == Some("review");
    let ctx = Ctx {
        today,
        editing,
        back_to_review,
    };
    if step == Step::Review {
        return finish(&state, &viewer, user.id, &draft, &ctx).await;
    }
    if let Err(e) = apply(step, &form, &mut draft.data, viewer.unit, today) {
        let page = render(&viewer, step, &draft, &form, Some(&e), &ctx);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    draft.next = draft.next.max(step.index() + 1);
    let json = serde_json::to_string(&draft.data).map_err(AppError::internal)?;
    state
        .store
        .save_onboarding_draft(user.id, &json, STEPS[draft.next].slug(), state.now_unix())
        .await?;
    let target = match form.get("go") {
        Some("back") if step.index() > 0 => STEPS[step.index() - 1],
        _ if back_to_review => Step::Review,
        _ => STEPS[step.index() + 1],
    };
    Ok(see_other(&target.url()))
}

/// Saves the profile from the draft, or sends her to the step whose answer needs changing.
async fn finish(
    state: &AppState,
    viewer: &Viewer,
    user_id: i64,
    draft: &Draft,
    ctx: &Ctx,
) -> PageResult {
    if draft.next < Step::Review.index() {
        return Ok(see_other(&STEPS[draft.next].url()));
    }
    let body = serde_json::to_vec(&draft.profile_body()).map_err(AppError::internal)?;
    match save_profile(state, user_id, &body).await {
        Ok(_) => {
            state.store.delete_onboarding_draft(user_id).await?;
            Ok(see_other("/screening"))
        }
        Err(e) if e.status.is_client_error() => {
            let (step, error) = match &e.field {
                Some(field) => (
                    step_of_field(field),
                    AppError::invalid(input_of_field(field, &draft.data), e.message.clone()),
                ),
                None => (Step::Review, e.clone()),
            };
            let form = draft_form(draft, viewer.unit);
            let ctx = Ctx {
                back_to_review: true,
                ..*ctx
            };
            let page = render(viewer, step, draft, &form, Some(&error), &ctx);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---- rendering ---------------------------------------------------------------------------------

/// What a step's page needs besides the answers.
#[derive(Clone, Copy)]
struct Ctx {
    today: Date,
    /// The version of her saved profile, if she is editing one.
    editing: Option<i64>,
    /// She came from the review page and goes back there after this step.
    back_to_review: bool,
}

fn id_of(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", id.trim_end_matches('-'))
}

/// A labelled single-value input with its hint and error.
#[allow(clippy::too_many_arguments)]
fn input_field(
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
struct Choice<'a> {
    value: &'a str,
    label: String,
    detail: Option<String>,
}

fn choice(value: &str, label: impl Into<String>, detail: Option<String>) -> Choice<'_> {
    Choice {
        value,
        label: label.into(),
        detail,
    }
}

/// A fieldset of radios (`multiple == false`) or checkboxes, with its legend, hint and error.
#[allow(clippy::too_many_arguments)]
fn choice_group(
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
fn choice_group_with(
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

fn progress(step: Step, next: usize) -> Markup {
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

fn error_box(error: Option<&AppError>) -> Markup {
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

/// Shown on every page after the warning-signs step while she has ticked one.
fn red_flag_reminder(flags: &[RedFlag]) -> Markup {
    html! {
        @if !flags.is_empty() {
            div.notice.stop.flag-reminder {
                p {
                    strong { "You told us about a warning sign: please get help now. " }
                    (with_phone_links("Call 999 (UK) or your local emergency number for heavy bleeding, chest pain, breathlessness, calf pain or a severe headache; otherwise contact your GP or midwife today, or call NHS 111. Do not exercise until you have been seen. Your answers are saved: you can finish this later."))
                }
            }
        }
    }
}

fn render(
    viewer: &Viewer,
    step: Step,
    draft: &Draft,
    form: &WebForm,
    error: Option<&AppError>,
    ctx: &Ctx,
) -> Markup {
    let flags = draft.red_flags();
    let body = html! {
        div.onboarding {
            (progress(step, draft.next))
            h1 { (step.title()) }
            @if step.index() > Step::Warning.index() { (red_flag_reminder(&flags)) }
            (error_box(error))
            @if step == Step::Review {
                (review(viewer, draft, ctx))
            } @else {
                form.step-form method="post" action=(step.url()) novalidate {
                    (csrf_field(&viewer.csrf))
                    @if ctx.back_to_review { input type="hidden" name="return" value="review"; }
                    @match step {
                        Step::Birth => (birth_step(form, error, viewer.unit, ctx)),
                        Step::Feel => (feel_step(form, error, draft, ctx)),
                        Step::Warning => (warning_step(form, error)),
                        Step::Mood => (mood_step(form, error)),
                        Step::Readiness => (readiness_step(form, error, draft, ctx)),
                        Step::Training => (training_step(form, error, viewer.unit)),
                        Step::Review => {},
                    }
                    div.step-actions {
                        button.next type="submit" name="go" value="next" {
                            @if ctx.back_to_review { "Save and check answers" } @else { "Next" }
                        }
                        @if step == Step::Mood {
                            button.secondary type="submit" name="go" value="skip" { "Skip this step" }
                        }
                        @if step.index() > 0 {
                            button.secondary type="submit" name="go" value="back" { "Back" }
                        }
                    }
                    p.saved-note.muted { "Your answers are saved at each step, so you can stop and come back later." }
                }
            }
        }
    };
    let title = format!(
        "{} (step {} of {})",
        step.title(),
        step.index() + 1,
        STEPS.len()
    );
    page_with_scripts(viewer, &title, Nav::Screening, &["onboarding.js"], body)
}

fn birth_step(form: &WebForm, error: Option<&AppError>, unit: Unit, ctx: &Ctx) -> Markup {
    let deliveries: Vec<Choice> = Delivery::ALL
        .iter()
        .map(|d| choice(d.as_str(), capitalised(d.describe()), None))
        .collect();
    let mut tears: Vec<Choice> = PerinealTear::ALL
        .iter()
        .map(|t| {
            let (label, detail) = match t.describe().split_once(" (") {
                Some((l, r)) => (capitalised(l), Some(capitalised(r.trim_end_matches(')')))),
                None => (capitalised(t.describe()), None),
            };
            choice(t.as_str(), label, detail)
        })
        .collect();
    tears.push(choice("unknown", "I don't know", None));
    let sexes = [
        choice("female", "Girl", None),
        choice("male", "Boy", None),
        choice("unsaid", "Rather not say", None),
    ];
    let date_id = id_of("birth.date");
    let date_err = field_error(error, "birth.date");
    let today = ctx.today.to_string();
    html! {
        @if ctx.editing.is_none() {
            p.lead { "Seven short steps about your birth, how you feel and the time you have. Then you get your screening: what is safe now, what waits, and who to see." }
        } @else {
            p.lead { "Change anything that is different now. Saving makes a new version of your answers; the old ones are kept." }
        }
        div.field {
            label for=(date_id) { "When was your baby born?" }
            span.hint id=(format!("{date_id}-hint")) { "Your most recent birth. Pick it from the calendar, or type it in the order your phone shows." }
            @if let Some(m) = date_err { span.field-error id=(format!("{date_id}-error")) { (capitalised(m)) } }
            input.date id=(date_id) name="birth.date" type="date" max=(today)
                value=(form.get("birth.date").unwrap_or(""))
                aria-describedby=(described_by(Some(&format!("{date_id}-hint")), date_err.map(|_| format!("{date_id}-error")).as_deref()).unwrap_or_default())
                aria-invalid=[date_err.map(|_| "true")];
        }
        (choice_group(form, error, "birth.delivery", "How was your baby born?", None, false, &deliveries, ""))
        (choice_group(form, error, "birth.perineal_tear", "Did you have a tear? (optional)",
            Some("Your maternity notes say this. After a caesarean, choose \"No tear\" or leave it."), false, &tears, ""))
        (input_field(form, error, "birth.babies", "How many babies were born?", Some("2 for twins."), "number", Some("numeric"), "short"))
        (choice_group(form, error, "birth.baby_sex", "Your baby is a… (optional)",
            Some("Only used for your baby's growth chart."), false, &sexes, "inline"))
        (input_field(form, error, "birth.baby_birth_weight",
            &format!("Birth weight in {} (optional)", unit.word()),
            Some(if unit == Unit::Kg { "For example 3.4. Also for the growth chart." } else { "In pounds, e.g. 7.5 for 7 lb 8 oz. Also for the growth chart." }),
            "text", Some("decimal"), "short"))
    }
}

fn symptom_name(s: Symptom) -> &'static str {
    match s {
        Symptom::UrinaryLeakage => "Leaking urine",
        Symptom::UrinaryUrgency => "Sudden urge to wee",
        Symptom::FaecalIncontinence => "Leaking stool or wind",
        Symptom::FaecalUrgency => "Sudden urge to poo",
        Symptom::PelvicHeaviness => "Heaviness or a bulge",
        Symptom::PainfulIntercourse => "Painful sex",
        Symptom::ObstructedDefecation => "Hard to empty your bowels",
        Symptom::PelvicPain => "Pelvic pain",
        Symptom::PerinealPain => "Pain between vagina and anus",
        Symptom::PelvicGirdlePain => "Pelvic girdle pain",
        Symptom::LowBackPain => "Low back pain",
        Symptom::AbdominalDoming => "Tummy doming (a gap or ridge)",
        Symptom::PendularAbdomen => "Hanging tummy",
        Symptom::BleedingBeyond8Weeks => "Bleeding after 8 weeks",
        Symptom::CaesareanScarPain => "Caesarean scar pain",
    }
}

fn red_flag_name(f: RedFlag) -> &'static str {
    match f {
        RedFlag::HeavyBleeding => "Heavy bleeding",
        RedFlag::ChestPain => "Chest pain or a racing heart",
        RedFlag::SuddenBreathlessness => "Sudden breathlessness",
        RedFlag::CalfPainSwelling => "A painful, swollen calf",
        RedFlag::SevereHeadache => "Severe headache or changes in vision",
        RedFlag::Fever => "Fever",
        RedFlag::WoundInfection => "A wound that is red or oozing",
        RedFlag::Mastitis => "A red, hot, painful breast",
        RedFlag::ThoughtsOfSelfHarm => "Thoughts of harming yourself or your baby",
    }
}

/// The one-line explanation under a choice, unless it only repeats the choice.
fn detail(label: &str, describe: &str) -> Option<String> {
    (!label.eq_ignore_ascii_case(describe)).then(|| capitalised(describe))
}

fn yes_no_choices<'a>(yes: &'a str, no: &'a str) -> [Choice<'a>; 2] {
    [choice("yes", yes, None), choice("no", no, None)]
}

fn feel_step(form: &WebForm, error: Option<&AppError>, draft: &Draft, ctx: &Ctx) -> Markup {
    let symptoms: Vec<Choice> = Symptom::ALL
        .iter()
        .map(|s| {
            choice(
                s.as_str(),
                symptom_name(*s),
                detail(symptom_name(*s), s.describe()),
            )
        })
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
    let weeks = draft.birth_date().map(|b| (ctx.today - b).whole_weeks());
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

fn warning_step(form: &WebForm, error: Option<&AppError>) -> Markup {
    let flags: Vec<Choice> = RedFlag::ALL
        .iter()
        .map(|f| {
            choice(
                f.as_str(),
                red_flag_name(*f),
                detail(red_flag_name(*f), f.describe()),
            )
        })
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

fn mood_step(form: &WebForm, error: Option<&AppError>) -> Markup {
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

fn how_to(key: &str) -> &'static str {
    match key {
        "walk_30_min" => {
            "Walk at a comfortable, steady pace for 30 minutes without stopping; pushing the buggy is fine."
        }
        "single_leg_balance_10s" => {
            "Stand on one leg, the other foot off the floor, for 10 seconds without holding on. Then the other leg."
        }
        "single_leg_squat_10" => {
            "Stand on one leg and bend that knee as if to sit, knee in line with your toes, then stand tall. 10 on each leg."
        }
        "jog_on_spot_1_min" => "Jog gently on the spot for one minute.",
        "forward_bounds_10" => {
            "Leap forwards from one foot and land on the other, like long running strides, 10 times."
        }
        "hop_on_spot_10" => "Hop on one leg on the spot 10 times, then on the other leg.",
        "single_leg_running_man_10" => {
            "Stand on one leg, lean forwards a little, then drive the other knee up while the opposite arm swings forwards, as in running. 10 on each side."
        }
        "single_leg_calf_raise_20" => {
            "Stand on one leg, fingertips on a wall for balance, rise up onto your toes and lower slowly. 20 on each leg."
        }
        "single_leg_bridge_20" => {
            "Lie on your back, knees bent, lift one foot; push through the other heel to lift your hips, then lower. 20 on each side."
        }
        "single_leg_sit_to_stand_20" => {
            "Sit on a chair, lift one foot and stand up on the other leg, then sit down slowly. 20 on each leg."
        }
        "side_lying_abduction_20" => {
            "Lie on your side with straight legs; lift the top leg towards the ceiling, slightly behind you, and lower slowly. 20 on each side."
        }
        _ => "",
    }
}

fn readiness_step(form: &WebForm, error: Option<&AppError>, draft: &Draft, ctx: &Ctx) -> Markup {
    let weeks = draft.birth_date().map(|b| (ctx.today - b).whole_weeks());
    let group = |g: TestGroup| -> Markup {
        html! {
            @for t in READINESS_TESTS.iter().filter(|t| t.group == g) {
                @let name = format!("readiness.{}", t.key);
                @let choices = [
                    choice("passed", "Passed", None),
                    choice("not_passed", "Not passed", None),
                    choice("not_tried", "Not tried", None),
                ];
                (choice_group(form, error, &name, &capitalised(t.task), Some(how_to(t.key)), false, &choices, "test"))
            }
        }
    };
    html! {
        p.lead { "These tests show when your body is ready for jumping and running (Goom, Donnelly & Brockwell 2019). A test counts as passed only if you can do it without pain, heaviness, dragging or leaking; if you tried and one of those came on, choose \"Not passed\"." }
        @if let Some(w) = weeks.filter(|w| *w < 12) {
            div.notice.info {
                p { "You are " (w) (if w == 1 { " week" } else { " weeks" }) " after birth. These tests are for 12 weeks onwards, so leave them at \"Not tried\" for now and come back to them later." }
            }
        } @else {
            div.notice.warn {
                p { "Don't try them if you have leaking, heaviness or pain now: leave those at \"Not tried\". Stop a test if any of these come on." }
            }
        }
        h2 { "Load and impact" }
        p.muted { "All seven open the way to jumping and hopping." }
        (group(TestGroup::LoadAndImpact))
        h2 { "Strength" }
        p.muted { "All four, with the seven above, open the way to running." }
        (group(TestGroup::Strength))
    }
}

fn equipment_label(kind: EquipmentKind) -> (&'static str, Option<&'static str>) {
    match kind {
        EquipmentKind::Bodyweight => ("Just me", None),
        EquipmentKind::Band => ("Resistance band", None),
        EquipmentKind::Kettlebell => ("Kettlebell", None),
        EquipmentKind::Dumbbells => ("Dumbbells", None),
        EquipmentKind::Baby => ("My baby", Some("As a load, e.g. squats holding baby.")),
        EquipmentKind::CarSeat => ("Baby's car seat", Some("To carry, as an everyday load.")),
        EquipmentKind::Buggy => (
            "Buggy or pram",
            Some("For walks (and running from 6 months)."),
        ),
        EquipmentKind::Chair => ("A sturdy chair", None),
        EquipmentKind::Wall => ("A clear wall", None),
        EquipmentKind::Step => ("A step or low stair", None),
        EquipmentKind::Mat => ("An exercise mat", None),
        EquipmentKind::Barbell => (
            "Barbell (gym)",
            Some("With the loads you can make, bar included."),
        ),
        EquipmentKind::Cable => ("Cable station (gym)", None),
        EquipmentKind::Machines => (
            "Gym machines",
            Some("Leg press, lat pulldown, chest press."),
        ),
        EquipmentKind::Bench => ("A weight bench", None),
        EquipmentKind::Box => ("A sturdy box or gym step", Some("Knee height or lower.")),
    }
}

fn training_step(form: &WebForm, error: Option<&AppError>, unit: Unit) -> Markup {
    let goals: Vec<Choice> = Goal::ALL
        .iter()
        .map(|g| choice(g.as_str(), capitalised(g.describe()), None))
        .collect();
    let experience: Vec<Choice> = Experience::ALL
        .iter()
        .map(|e| choice(e.as_str(), capitalised(e.describe()), None))
        .collect();
    let equipment: Vec<Choice> = EquipmentKind::ALL
        .iter()
        .filter(|k| **k != EquipmentKind::Bodyweight)
        .map(|k| {
            let (label, detail) = equipment_label(*k);
            choice(k.as_str(), label, detail.map(str::to_owned))
        })
        .collect();
    let example = if unit == Unit::Kg {
        "4, 6, 8"
    } else {
        "10, 15, 20"
    };
    let after = |value: &str| -> Option<Markup> {
        match value {
            "kettlebell" => Some(input_field(
                form,
                error,
                "training.kettlebell_weights",
                &format!("Kettlebell weights in {}", unit.word()),
                Some(&format!(
                    "Separate them with commas, e.g. {}.",
                    if unit == Unit::Kg { "8, 12" } else { "18, 26" }
                )),
                "text",
                Some("decimal"),
                "reveal kettlebell",
            )),
            "dumbbells" => Some(input_field(
                form,
                error,
                "training.dumbbell_weights",
                &format!("Dumbbell weights in {}", unit.word()),
                Some(&format!("Separate them with commas, e.g. {example}.")),
                "text",
                Some("decimal"),
                "reveal dumbbells",
            )),
            "barbell" => Some(input_field(
                form,
                error,
                "training.barbell_weights",
                &format!("Barbell loads in {}, bar included", unit.word()),
                Some(&format!(
                    "Separate them with commas, e.g. {}.",
                    if unit == Unit::Kg {
                        "20, 30, 40"
                    } else {
                        "45, 65, 90"
                    }
                )),
                "text",
                Some("decimal"),
                "reveal barbell",
            )),
            "car_seat" => Some(input_field(
                form,
                error,
                "training.car_seat",
                &format!("Car seat weight in {} (optional)", unit.word()),
                Some(&format!(
                    "Empty seat. Leave empty and we assume {}.",
                    unit.show(3.5)
                )),
                "text",
                Some("decimal"),
                "reveal car_seat short",
            )),
            _ => None,
        }
    };
    html! {
        (choice_group(form, error, "training.goals", "What do you want from training?", Some("Choose one or more."), true, &goals, ""))
        (choice_group(form, error, "training.experience", "Have you done strength training before?", None, false, &experience, ""))
        div.pair {
            (input_field(form, error, "training.days_per_week", "Days a week", Some("1 to 7. Three is a good start."), "number", Some("numeric"), "short"))
            (input_field(form, error, "training.minutes_per_session", "Minutes a session", Some("10 to 120. 20 fits a nap."), "number", Some("numeric"), "short"))
        }
        (choice_group_with(form, error, "training.equipment", "What do you have at home?",
            Some("Tick all you have. Your own bodyweight is always included."), true, &equipment, "equipment", &after))
        p.hint { "Weights are in " (unit.word()) ". You can switch between kg and lb under Account." }
    }
}

// ---- the review --------------------------------------------------------------------------------

fn words_text<T: Copy>(
    value: Option<&Value>,
    from_word: fn(&str) -> Option<T>,
    name: impl Fn(T) -> String,
) -> String {
    let items: Vec<String> = words_of(value, from_word).into_iter().map(name).collect();
    if items.is_empty() {
        "None".to_owned()
    } else {
        items.join("; ")
    }
}

fn yes_no_text(v: Option<&Value>, yes: &str, no: &str) -> String {
    match v.and_then(Value::as_bool) {
        Some(true) => yes.to_owned(),
        Some(false) => no.to_owned(),
        None => "Not said".to_owned(),
    }
}

fn review_section(step: Step, rows: Vec<(&str, Markup)>) -> Markup {
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

fn text_of(value: String) -> Markup {
    html! { (value) }
}

fn review(viewer: &Viewer, draft: &Draft, ctx: &Ctx) -> Markup {
    let unit = viewer.unit;
    let d = draft;
    let str_of = |section: &str, key: &str| {
        d.get(section, key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let birth_date = d.birth_date().map_or("Not given".to_owned(), |b| {
        let weeks = (ctx.today - b).whole_weeks();
        format!(
            "{} ({} {} ago)",
            human_date(b),
            weeks,
            if weeks == 1 { "week" } else { "weeks" }
        )
    });
    let delivery = str_of("birth", "delivery")
        .and_then(|w| Delivery::from_word(&w))
        .map_or("Not given".to_owned(), |x| capitalised(x.describe()));
    let tear = str_of("birth", "perineal_tear")
        .and_then(|w| PerinealTear::from_word(&w))
        .map_or("Not said".to_owned(), |x| capitalised(x.describe()));
    let babies = d
        .get("birth", "babies")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let baby = str_of("birth", "baby_sex")
        .and_then(|w| BabySex::from_word(&w))
        .map(|s| capitalised(s.describe()));
    let weight = d
        .get("birth", "baby_birth_weight_kg")
        .and_then(Value::as_f64)
        .map(|kg| format!("{} {}", shown(unit, kg), unit.word()));
    let mut birth_rows = vec![
        ("Born", text_of(birth_date)),
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
    if let Some(b) = baby {
        birth_rows.push(("Baby", text_of(b)));
    }
    if let Some(w) = weight {
        birth_rows.push(("Birth weight", text_of(w)));
    }

    let symptoms = words_text(d.get("health", "symptoms"), Symptom::from_word, |s| {
        symptom_name(s).to_owned()
    });
    let gap = d
        .get("health", "diastasis_finger_widths")
        .and_then(Value::as_f64)
        .map_or("Not checked".to_owned(), |w| {
            format!("{} finger widths", trimmed(w, 1))
        });
    let aches = words_text(d.get("training", "aches"), Ache::from_word, |a| {
        capitalised(a.describe())
    });
    let feel_rows = vec![
        (
            "Postnatal check",
            text_of(yes_no_text(
                d.get("health", "postnatal_check_done"),
                "Done",
                "Not yet",
            )),
        ),
        (
            "Pelvic-health physio",
            text_of(yes_no_text(
                d.get("health", "pelvic_health_assessment_done"),
                "Assessed",
                "Not yet",
            )),
        ),
        (
            "Breastfeeding",
            text_of(yes_no_text(d.get("health", "breastfeeding"), "Yes", "No")),
        ),
        ("Symptoms", text_of(symptoms)),
        ("Tummy gap", text_of(gap)),
        ("Aches", text_of(aches)),
    ];

    let flags = d.red_flags();
    let flag_value = if flags.is_empty() {
        html! { "None" }
    } else {
        html! {
            strong.stop-text { (flags.iter().map(|f| red_flag_name(*f)).collect::<Vec<_>>().join("; ")) }
        }
    };

    let epds = d
        .get("health", "epds")
        .and_then(Value::as_array)
        .map(Vec::len);
    let mut mood_rows = vec![(
        "EPDS",
        text_of(match epds {
            Some(n) => format!("Answered ({n} items); scored in your screening"),
            None => "Skipped".to_owned(),
        }),
    )];
    if d.get("health", "phq9").is_some_and(Value::is_array) {
        mood_rows.push((
            "PHQ-9",
            text_of("Answered before; kept and scored in your screening".to_owned()),
        ));
    }

    let passed: Vec<&str> = READINESS_TESTS
        .iter()
        .filter(|t| {
            d.get("readiness", t.key)
                .and_then(Value::as_bool)
                .unwrap_or(false)
        })
        .map(|t| t.task)
        .collect();
    let tests_value = html! {
        (passed.len()) " of " (READINESS_TESTS.len()) " passed"
        @if !passed.is_empty() && passed.len() < READINESS_TESTS.len() {
            ul.compact { @for p in &passed { li { (capitalised(p)) } } }
        }
    };

    let goals = words_text(d.get("training", "goals"), Goal::from_word, |g| {
        capitalised(g.describe())
    });
    let experience = str_of("training", "experience")
        .and_then(|w| Experience::from_word(&w))
        .map_or("Not given".to_owned(), |e| capitalised(e.describe()));
    let days = d
        .get("training", "days_per_week")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let minutes = d
        .get("training", "minutes_per_session")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let equipment: Vec<String> = d
        .get("training", "equipment")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|w| {
            let (name, weights) = w.split_once(':').unwrap_or((w, ""));
            let kind = EquipmentKind::from_word(name.trim())?;
            if kind == EquipmentKind::Bodyweight {
                return None;
            }
            let label = equipment_label(kind).0.to_owned();
            if weights.is_empty() {
                Some(label)
            } else {
                let ws: Vec<String> = weights
                    .split(',')
                    .filter_map(parse_number)
                    .map(|kg| shown(unit, kg))
                    .collect();
                Some(format!("{label} ({} {})", ws.join(", "), unit.word()))
            }
        })
        .collect();
    let mut training_rows = vec![
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
    if let Some(kg) = d.get("training", "car_seat_kg").and_then(Value::as_f64) {
        training_rows.push((
            "Car seat",
            text_of(format!("{} {}", shown(unit, kg), unit.word())),
        ));
    }

    html! {
        @if let Some(v) = ctx.editing {
            p.lead { "Saving makes version " (v + 1) " of your answers; version " (v) " and the ones before stay in your history." }
        } @else {
            p.lead { "Check everything is right, then save to see your screening." }
        }
        (review_section(Step::Birth, birth_rows))
        (review_section(Step::Feel, feel_rows))
        (review_section(Step::Warning, vec![("Now", flag_value)]))
        (review_section(Step::Mood, mood_rows))
        (review_section(Step::Readiness, vec![("Tests", tests_value)]))
        (review_section(Step::Training, training_rows))
        form.save-form method="post" action=(Step::Review.url()) {
            (csrf_field(&viewer.csrf))
            div.step-actions {
                button.next type="submit" { "Save and see my screening" }
                a.button.secondary href=(Step::Training.url()) { "Back" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fields_belong_to_the_step_that_asks_them() {
        assert_eq!(step_of_field("birth.date"), Step::Birth);
        assert_eq!(step_of_field("birth"), Step::Birth);
        assert_eq!(step_of_field("health.symptoms[2]"), Step::Feel);
        assert_eq!(step_of_field("health.red_flags[0]"), Step::Warning);
        assert_eq!(step_of_field("health.epds[3]"), Step::Mood);
        assert_eq!(step_of_field("readiness.walk_30_min"), Step::Readiness);
        assert_eq!(step_of_field("training.aches[0]"), Step::Feel);
        assert_eq!(step_of_field("training.equipment[1]"), Step::Training);
        assert_eq!(step_of_field("as_of"), Step::Review);
        let draft = json!({"training": {"equipment": ["bodyweight", "dumbbells:4,6"]}});
        assert_eq!(
            input_of_field("training.equipment[1]", &draft),
            "training.dumbbell_weights"
        );
        assert_eq!(input_of_field("birth", &draft), "birth.date");
        assert_eq!(
            input_of_field("health.symptoms[3]", &draft),
            "health.symptoms"
        );
    }

    #[test]
    fn pounds_round_trip_without_drift() {
        let unit = Unit::Lb;
        let kg = to_kg_keeping(unit, 10.0, &[]);
        assert!((kg - 4.536).abs() < 0.001, "{kg}");
        // Shown as she typed it, and kept exactly when she does not change it.
        assert_eq!(shown(unit, 4.0), "8.8");
        assert_eq!(to_kg_keeping(unit, 8.8, &[4.0]), 4.0);
        let ws = parse_weights(
            unit,
            "10, 15 lb",
            "dumbbells",
            &[],
            mumstrong_core::profile::MAX_OWNED_WEIGHT_KG,
        )
        .unwrap();
        assert_eq!(ws, vec![4.54, 6.8]);
        assert!(
            parse_weights(
                unit,
                "0.2",
                "dumbbells",
                &[],
                mumstrong_core::profile::MAX_OWNED_WEIGHT_KG
            )
            .is_err()
        );
        assert!(
            parse_weights(
                unit,
                "",
                "dumbbells",
                &[],
                mumstrong_core::profile::MAX_OWNED_WEIGHT_KG
            )
            .is_err()
        );
        assert!(
            parse_weights(
                Unit::Kg,
                "4, x",
                "dumbbells",
                &[],
                mumstrong_core::profile::MAX_OWNED_WEIGHT_KG
            )
            .is_err()
        );
        assert_eq!(range_text(Unit::Lb, 0.5, 7.0), "1.2 to 15.4 lb");
    }

    #[test]
    fn dates_in_either_order() {
        assert_eq!(parse_date_input("2026-08-20"), Some(date!(2026 - 08 - 20)));
        assert_eq!(parse_date_input("20/08/2026"), Some(date!(2026 - 08 - 20)));
        assert_eq!(parse_date_input("31/02/2026"), None);
        assert_eq!(parse_date_input("yesterday"), None);
    }

    #[test]
    fn a_step_merges_only_its_own_answers() {
        let today = date!(2026 - 11 - 24);
        let mut data = json!({"training": {"aches": ["back"], "goals": ["strength"]}});
        let form = WebForm::from_pairs(vec![
            ("birth.date".into(), "2026-08-20".into()),
            ("birth.delivery".into(), "vaginal".into()),
            ("birth.babies".into(), "2".into()),
        ]);
        apply(Step::Birth, &form, &mut data, Unit::Kg, today).unwrap();
        assert_eq!(data["birth"]["babies"], 2);
        assert_eq!(data["training"]["aches"][0], "back");
        let bad = WebForm::from_pairs(vec![
            ("birth.date".into(), "2027-01-01".into()),
            ("birth.delivery".into(), "vaginal".into()),
        ]);
        let before = data.clone();
        let e = apply(Step::Birth, &bad, &mut data, Unit::Kg, today).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("birth.date"));
        assert!(e.message.contains("future"), "{}", e.message);
        assert_eq!(data, before, "nothing changes on an error");
    }

    #[test]
    fn a_half_answered_epds_names_the_first_missing_item() {
        let mut data = json!({});
        let mut pairs: Vec<(String, String)> = (0..4)
            .map(|i| (format!("health.epds[{i}]"), "1".to_owned()))
            .collect();
        let e = apply_mood(&WebForm::from_pairs(pairs.clone()), &mut data).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("health.epds[4]"));
        pairs.extend((4..10).map(|i| (format!("health.epds[{i}]"), "0".to_owned())));
        apply_mood(&WebForm::from_pairs(pairs), &mut data).unwrap();
        assert_eq!(data["health"]["epds"].as_array().unwrap().len(), 10);
        let skip = WebForm::from_pairs(vec![("go".into(), "skip".into())]);
        apply_mood(&skip, &mut data).unwrap();
        assert!(data["health"].get("epds").is_none());
    }

    #[test]
    fn the_draft_shows_again_as_its_form() {
        let data = json!({
            "birth": {"date": "2026-08-20", "delivery": "vaginal", "baby_birth_weight_kg": 3.4},
            "health": {"postnatal_check_done": true, "symptoms": ["urinary_leakage"], "epds": [0,1,2,3,0,1,2,3,0,0]},
            "readiness": {"walk_30_min": true},
            "training": {"equipment": ["bodyweight", "kettlebell:8,12", "mat"], "goals": ["strength"]},
            "_web": {"readiness_not_passed": ["hop_on_spot_10"]}
        });
        let draft = Draft { data, next: 6 };
        let form = draft_form(&draft, Unit::Kg);
        assert_eq!(form.get("birth.baby_birth_weight"), Some("3.4"));
        assert_eq!(form.get("health.postnatal_check_done"), Some("yes"));
        assert_eq!(form.get("health.epds[3]"), Some("3"));
        assert_eq!(form.get("readiness.walk_30_min"), Some("passed"));
        assert_eq!(form.get("readiness.hop_on_spot_10"), Some("not_passed"));
        assert_eq!(form.get("readiness.jog_on_spot_1_min"), Some("not_tried"));
        assert_eq!(form.get("training.kettlebell_weights"), Some("8, 12"));
        assert_eq!(form.all("training.equipment"), vec!["kettlebell", "mat"]);
        assert!(draft.profile_body().get(WEB_KEY).is_none());
    }
}
