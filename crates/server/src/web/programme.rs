//! The programme page: this week's sessions, the weeks and phases at a glance, the everyday-load
//! line (her baby's growth against the plan's carries and lifts), what changed and why, and the
//! form that makes the plan (again). An urgent stop shows what to do now instead.
//!
//! Everything comes from the application layer's typed `stored_programme` (the same stored plan
//! `/api/v1/programme` sends) and `start_programme`, so the page and the API cannot disagree.

use crate::error::HttpStatus;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use mumstrong_core::plan::RED_FLAG_LOOKBACK_DAYS;
use time::{Date, Duration};

use super::charts::{self, Chart, Series, short_date};
use super::urgent::{self, Reader};
use super::{
    Nav, PageResult, Unit, Viewer, WebForm, csrf_field, error_summary, field_error, human_date,
    page, see_other,
};
use crate::AppState;
use crate::app::member::{
    EverydayLoadView, PlanView, PrescriptionView, ProgrammeIn, ProgrammeStatus, StoredProgramme,
    WalkRunView, WeekView, start_programme, stored_programme,
};
use crate::app::state::member_now;
use crate::error::AppError;
use mumstrong_core::library::LoadSource;
use mumstrong_core::plan::{Decision, Phase};

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/programme", get(programme_page).post(make_programme))
}

// ---- the form ------------------------------------------------------------------------------------

/// What she typed, kept for a re-render.
#[derive(Default)]
struct Typed {
    weeks: String,
    start: String,
    car_seat: String,
}

impl Typed {
    fn from_form(form: &WebForm) -> Typed {
        Typed {
            weeks: form.get("weeks").unwrap_or("").to_owned(),
            start: form.get("start").unwrap_or("").to_owned(),
            car_seat: form.get("car_seat_kg").unwrap_or("").to_owned(),
        }
    }
}

/// The form's values as the API's options, or the first wrong field.
fn programme_in(typed: &Typed, unit: Unit) -> Result<ProgrammeIn, AppError> {
    let weeks = if typed.weeks.is_empty() {
        None
    } else {
        match typed.weeks.parse::<u8>() {
            Ok(w) if (1..=52).contains(&w) => Some(w),
            _ => {
                return Err(AppError::invalid(
                    "weeks",
                    format!(
                        "weeks: enter a whole number from 1 to 52 (you entered “{}”)",
                        shorten(&typed.weeks)
                    ),
                ));
            }
        }
    };
    let car_seat_kg = if typed.car_seat.is_empty() {
        None
    } else {
        let max = unit.from_kg(20.0).floor();
        match typed.car_seat.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=max).contains(&v) => Some(unit.to_kg(v).min(20.0)),
            _ => {
                return Err(AppError::invalid(
                    "car_seat_kg",
                    format!(
                        "car seat weight: enter a number from 0 to {} {} (you entered “{}”)",
                        charts::number(max),
                        unit.word(),
                        shorten(&typed.car_seat)
                    ),
                ));
            }
        }
    };
    Ok(ProgrammeIn {
        start: (!typed.start.is_empty()).then(|| typed.start.clone()),
        weeks,
        car_seat_kg,
    })
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().count() > 20 {
        out.push('…');
    }
    out
}

fn input_field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: &str,
    extra: (&str, &str, &str),
    error: Option<&AppError>,
) -> Markup {
    let (min, max, step) = extra;
    super::input_field(&super::Input {
        id: name,
        name,
        label,
        kind,
        value,
        hint: Some(hint),
        error: field_error(error, name),
        inputmode: (kind == "text").then_some("decimal"),
        min: (!min.is_empty()).then_some(min),
        max: (!max.is_empty()).then_some(max),
        step: (!step.is_empty()).then_some(step),
        ..super::Input::default()
    })
}

fn plan_form(viewer: &Viewer, typed: &Typed, error: Option<&AppError>, again: bool) -> Markup {
    let unit = viewer.unit;
    html! {
        form.plan-form method="post" action="/programme" novalidate {
            (csrf_field(&viewer.csrf))
            (input_field("weeks", "How many weeks", "number", &typed.weeks,
                "1 to 52. Leave empty for 12 weeks.", ("1", "52", "1"), error))
            (input_field("start", "First day", "date", &typed.start,
                "Within 4 weeks of today. Leave empty to start today.", ("", "", ""), error))
            (input_field("car_seat_kg", &format!("Car seat weight ({})", unit.word()), "text", &typed.car_seat,
                &format!("For the everyday-load line: your baby in the car seat. Leave empty to keep your profile's (or {}).", unit.show(3.5)),
                ("", "", ""), error))
            div.actions {
                button.wide type="submit" { (if again { "Make my plan again" } else { "Make my plan" }) }
            }
        }
    }
}

// ---- handlers ------------------------------------------------------------------------------------

async fn programme_page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let user = viewer.member()?;
    let body = programme_body(&state, &viewer, user.id).await?;
    Ok(page(&viewer, "Your plan", Nav::Programme, body).into_response())
}

async fn programme_body(state: &AppState, viewer: &Viewer, user_id: i64) -> PageResult<Markup> {
    if state.store.latest_profile(user_id).await?.is_none() {
        return Ok(html! {
            h1 { "Your plan" }
            div.card {
                p { "Your plan is made from your answers: your birth, how you feel, your time and equipment. It takes a few minutes." }
                p { a.button href="/onboarding" { "Answer the questions" } }
            }
        });
    }
    // Her state now, decided once: a warning sign pauses the plan, whatever is stored.
    if let Some(now) = member_now(state, user_id).await?
        && let Some(stop) = &now.state.urgent
    {
        return Ok(html! {
            (urgent::stop(stop, Reader::Member))
            p.muted { "Your plan is paused. A warning sign you logged keeps it paused for " (RED_FLAG_LOOKBACK_DAYS / 7) " weeks after the day you noted it, unless a professional has seen you and you change your answers." }
        });
    }
    let Some(stored) = stored_programme(state, user_id).await? else {
        return Ok(html! {
            h1 { "Your plan" }
            div.card {
                h2 { "Make your plan" }
                p { "Your plan is phased week by week from where you are now: breathing and pelvic floor first, then back and bum, then whole-body strength built up to the everyday loads of your growing baby." }
                (plan_form(viewer, &Typed::default(), None, false))
            }
        });
    };
    let plan = match (&stored.status, &stored.plan) {
        (ProgrammeStatus::Ready, Some(plan)) => plan,
        _ => {
            // Stopped by a warning sign that no longer stands: she can make it again.
            return Ok(html! {
                h1 { "Your plan" }
                div.card {
                    h2 { "Make your plan again" }
                    p { "Your last plan was stopped by a warning sign. Nothing you have told us stops exercise now, so you can make a new plan from your answers." }
                    (plan_form(viewer, &Typed::default(), None, true))
                }
            });
        }
    };
    Ok(ready(state.today(), viewer, &stored, plan))
}

async fn make_programme(
    State(state): State<AppState>,
    viewer: Viewer,
    form: WebForm,
) -> PageResult<Response> {
    let user = viewer.member()?;
    if state.store.latest_profile(user.id).await?.is_none() {
        return Ok(see_other("/onboarding"));
    }
    let typed = Typed::from_form(&form);
    let result = match programme_in(&typed, viewer.unit) {
        Ok(input) => start_programme(&state, user.id, &input).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other("/today")),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let again = state.store.latest_programme(user.id).await?.is_some();
            let body = html! {
                h1 { (if again { "Make your plan again" } else { "Make your plan" }) }
                (error_summary(Some(&e)))
                div.card {
                    (plan_form(&viewer, &typed, Some(&e), again))
                }
                @if again { p { a href="/programme" { "Back to your plan" } } }
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&viewer, "Make your plan", Nav::Programme, body),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---- a ready plan --------------------------------------------------------------------------------

fn dose(rx: &PrescriptionView, unit: Unit) -> String {
    let amount = match (rx.reps, rx.seconds, rx.metres) {
        (Some(r), _, _) => format!("{r}"),
        (None, Some(s), _) => format!("{s} s"),
        (None, None, Some(m)) => format!("{m} m"),
        _ => String::new(),
    };
    let mut out = if amount.is_empty() {
        format!("{} sets", rx.sets)
    } else {
        format!("{} × {amount}", rx.sets)
    };
    if rx.each_side {
        out.push_str(" each side");
    }
    match (rx.load_kg.filter(|kg| *kg > 0.0), rx.load) {
        (Some(kg), LoadSource::Baby) => {
            out.push_str(&format!(", holding your baby (about {})", unit.show(kg)))
        }
        (Some(kg), LoadSource::CarSeat) => {
            out.push_str(&format!(", car seat (about {})", unit.show(kg)))
        }
        (Some(kg), LoadSource::Band) => out.push_str(&format!(", band ({})", unit.show(kg))),
        (Some(kg), LoadSource::Kettlebell) => {
            out.push_str(&format!(", {} kettlebell", unit.show(kg)))
        }
        (Some(kg), LoadSource::Dumbbells) => {
            out.push_str(&format!(", {} dumbbells", unit.show(kg)))
        }
        (Some(kg), _) => out.push_str(&format!(", {}", unit.show(kg))),
        (None, LoadSource::Baby) => out.push_str(", holding your baby"),
        (None, LoadSource::CarSeat) => out.push_str(", with the car seat"),
        (None, LoadSource::Band) => out.push_str(", with a band"),
        _ => {}
    }
    out
}

fn walk_run_words(w: &WalkRunView) -> String {
    if !w.runs.is_empty() {
        // After the walk-run: the week's runs by kind, as the plan sets them.
        let runs: Vec<String> = w
            .runs
            .iter()
            .map(|r| {
                let kind = r.kind.words();
                let article = if kind.starts_with('e') { "an" } else { "a" };
                format!("{article} {kind} of {} min", r.run_minutes)
            })
            .collect();
        return format!(
            "{} this week: {}{}.",
            if runs.len() == 1 { "One run" } else { "Runs" },
            runs.join(", "),
            if w.buggy_allowed {
                "; you may push the buggy"
            } else {
                ""
            }
        );
    }
    let mut run = if w.walk_minutes == 0 {
        format!("run {} minutes", w.run_minutes)
    } else {
        format!(
            "run {} min, walk {} min, {} times",
            w.run_minutes, w.walk_minutes, w.repeats
        )
    };
    if w.then_run_minutes > 0 {
        run.push_str(&format!(", then run {} min", w.then_run_minutes));
    }
    format!(
        "Walk-run stage {}: {run} (about {} minutes), {} time{} this week{}.",
        w.stage,
        w.session_minutes,
        w.sessions,
        if w.sessions == 1 { "" } else { "s" },
        if w.buggy_allowed {
            "; you may push the buggy"
        } else {
            ""
        }
    )
}

fn date_range(starts: Date) -> String {
    format!(
        "{} – {}",
        short_date(starts),
        short_date(starts + Duration::days(6))
    )
}

fn ready(today: Date, viewer: &Viewer, stored: &StoredProgramme, plan: &PlanView) -> Markup {
    let unit = viewer.unit;
    let end = plan
        .weeks
        .last()
        .map_or(plan.start, |w| w.starts + Duration::days(6));
    let current = plan
        .weeks
        .iter()
        .position(|w| w.starts <= today && today < w.starts + Duration::weeks(1));
    let upcoming = today < plan.start;
    let finished = today > end;
    let shown = current.or(if upcoming { Some(0) } else { None });
    html! {
        h1 { "Your plan" }
        p.lead {
            (stored.weeks) " weeks, " (human_date(plan.start)) " to " (human_date(end)) "."
            @if let Some(i) = current {
                " This is week " (i + 1) "."
            }
        }
        @if upcoming {
            div.notice.info { p { "Your plan starts on " strong { (human_date(plan.start)) } ". Here is its first week." } }
        }
        @if finished {
            div.notice.ok {
                p { strong { "You finished this plan on " (human_date(end)) ". Well done." } }
                p { "Make a new one below: it carries on from what you logged." }
            }
        }
        @if let Some(week) = shown.and_then(|i| plan.weeks.get(i)) {
            (this_week(week, unit, today))
        }
        (weeks_at_a_glance(plan, current))
        (load_chart(plan, unit))
        (changes(stored, plan))
        section.card aria-labelledby="again-heading" {
            h2 #again-heading { "Make the plan again" }
            p { "A new plan starts from today (or the day you choose) and takes in everything you have logged." }
            (plan_form(viewer, &Typed::default(), None, true))
        }
    }
}

/// The phases with their weeks, then a tile per week: dates, lighter weeks, running stages and
/// this week marked in words (the phase colours only repeat what the phase list says).
fn weeks_at_a_glance(plan: &PlanView, current: Option<usize>) -> Markup {
    let mut phases: Vec<(Phase, &WeekView, &WeekView)> = Vec::new();
    for w in &plan.weeks {
        match phases.last_mut() {
            Some((phase, _, last)) if *phase == w.phase => *last = w,
            _ => phases.push((w.phase, w, w)),
        }
    }
    html! {
        section.card aria-labelledby="weeks-heading" {
            h2 #weeks-heading { "Weeks at a glance" }
            ol.phases {
                @for (phase, first, last) in &phases {
                    li class=(format!("phase-{}", phase.as_str())) {
                        strong { (phase.title()) }
                        " "
                        span.muted {
                            @if first.week == last.week { "week " (first.week) } @else { "weeks " (first.week) "–" (last.week) }
                            ", " (short_date(first.starts)) " – " (short_date(last.starts + Duration::days(6)))
                        }
                    }
                }
            }
            ol.week-grid {
                @for (i, w) in plan.weeks.iter().enumerate() {
                    @let is_current = Some(i) == current;
                    @let class = format!("week phase-{}{}", w.phase.as_str(), if is_current { " current" } else { "" });
                    li class=(class) aria-current=[is_current.then_some("true")] {
                        span.week-num { "Week " (w.week) }
                        span.week-dates { (short_date(w.starts)) }
                        span.visually-hidden { ", " (w.phase.title()) }
                        @if is_current { span.week-tag.now { "this week" } }
                        @if w.deload { span.week-tag { "lighter" } }
                        @if let Some(wr) = &w.walk_run { span.week-tag.run { "run " span.visually-hidden { "stage " } (wr.stage) } }
                    }
                }
            }
            p.muted {
                "Every fourth week is lighter: a set fewer, so your body catches up."
                @if plan.weeks.iter().any(|w| w.walk_run.is_some()) {
                    " “Run 3” is stage 3 of the walk-run: time before speed, from 1-minute runs to 30 minutes."
                }
            }
        }
    }
}

fn this_week(week: &WeekView, unit: Unit, today: Date) -> Markup {
    let pf = &week.pelvic_floor;
    html! {
        section.card.this-week aria-labelledby="this-week-heading" {
            h2 #this-week-heading { "Week " (week.week) ": " (week.phase.title()) }
            p.muted { (date_range(week.starts)) ", " (week.weeks_postpartum) " weeks after the birth."
                @if week.deload { " " span.tag { "lighter week" } } }
            p { (week.phase_why) }
            ul.week-facts {
                li { strong { "Pelvic floor: " } (pf.slow_holds) " slow holds of " (pf.hold_seconds) " seconds and " (pf.quick_squeezes) " quick squeezes, " (pf.times_per_day) " times a day." }
                li { strong { "Walking: " } (week.aerobic_minutes) " minutes this week, brisk enough that you can talk but not sing." }
                @if let Some(wr) = &week.walk_run {
                    li { strong { "Running: " } (walk_run_words(wr))
                        @if !wr.dates.is_empty() {
                            " Suggested: " (wr.dates.iter().copied().map(short_date).collect::<Vec<_>>().join(", ")) "."
                        }
                    }
                }
            }
            @let open_day = week.sessions.iter().position(|s| s.date >= today).unwrap_or(0);
            @for (i, s) in week.sessions.iter().enumerate() {
                details.session open[i == open_day] {
                    summary {
                        span.session-title { "Day " (s.day) ": " (s.title) }
                        span.session-when {
                            (human_date(s.date)) ", about " (s.estimated_minutes) " min"
                            @if s.date == today { " " span.tag.ok { "today" } }
                        }
                    }
                    ul.exercises {
                        @for rx in &s.exercises {
                            li {
                                span.rx-name { (rx.name) }
                                span.rx-dose { (dose(rx, unit)) }
                            }
                        }
                    }
                }
            }
            @if !week.notes.is_empty() {
                h3 { "Notes for this week" }
                ul.points { @for n in &week.notes { li { (n) } } }
            }
            p { a.button href="/today" { "Go to today" } }
        }
    }
}

fn load_chart(plan: &PlanView, unit: Unit) -> Markup {
    let weeks: Vec<(&WeekView, &EverydayLoadView)> = plan
        .weeks
        .iter()
        .filter_map(|w| Some((w, w.everyday_load.as_ref()?)))
        .collect();
    if weeks.is_empty() {
        return html! {};
    }
    let kg = |v: Option<f64>| {
        v.filter(|v| v.is_finite() && *v > 0.0)
            .map(|v| (unit.from_kg(v) * 10.0).round() / 10.0)
    };
    let fine = |kg: f64| format!("{} {}", charts::number(unit.from_kg(kg)), unit.word());
    let mut series = vec![
        Series::new(
            "Baby in the car seat",
            weeks.iter().map(|(_, l)| kg(Some(l.total_kg))).collect(),
        )
        .short("Seat"),
        Series::new(
            "Baby",
            weeks.iter().map(|(_, l)| kg(Some(l.baby_kg))).collect(),
        )
        .short("Baby"),
    ];
    let lift: Vec<Option<f64>> = weeks.iter().map(|(_, l)| kg(l.lift_kg)).collect();
    let carry: Vec<Option<f64>> = weeks.iter().map(|(_, l)| kg(l.carry_kg)).collect();
    if lift.iter().any(Option::is_some) {
        series.push(Series::new("Heaviest squat or deadlift in the plan", lift).short("Lift"));
    }
    if carry.iter().any(Option::is_some) {
        series.push(Series::new("Heaviest carry in the plan", carry).short("Carry"));
    }
    let (first, last) = (weeks[0].1, weeks[weeks.len() - 1].1);
    let desc = format!(
        "Your baby grows from about {} to {} over the plan; in the car seat ({}) that is {} to {} to lift every day. {}",
        fine(first.baby_kg),
        fine(last.baby_kg),
        fine(first.car_seat_kg),
        fine(first.total_kg),
        fine(last.total_kg),
        if series.len() > 2 {
            "The plan's heaviest lifts and carries build up towards it."
        } else {
            "The plan's lifts and carries add load once the movements are solid."
        }
    );
    html! {
        section.card.chart-card aria-labelledby="load-heading" {
            h2 #load-heading { "Everyday load" }
            p.chart-lead { (desc) }
            (charts::line_chart(&Chart {
                id: "plan-load".into(),
                title: "Your baby's weight against your plan's lifts and carries".into(),
                desc: desc.clone(),
                x_title: "Plan week".into(),
                x_labels: weeks.iter().map(|(w, _)| w.week.to_string()).collect(),
                unit: unit.word().into(),
                series,
                empty: "No everyday load in this plan.".into(),
                ..Chart::default()
            }))
        }
    }
}

fn changes(stored: &StoredProgramme, plan: &PlanView) -> Markup {
    let made = time::OffsetDateTime::from_unix_timestamp(stored.created_at)
        .map(|t| human_date(t.date()))
        .unwrap_or_default();
    html! {
        section.card aria-labelledby="changes-heading" {
            h2 #changes-heading { "What changed and why" }
            @if stored.reason == "requested" {
                p { "Made on " (made) " at your request." }
            } @else {
                p { "Made again on " (made) ": " (super::today::reason_in_words(&stored.reason)) "." }
            }
            @if plan.adaptations.is_empty() {
                p.muted { "Nothing you logged has changed it yet. When a set goes well the next one gets harder; leaking, heaviness or pain eases it off." }
            } @else {
                ul.points.adaptations {
                    @for a in &plan.adaptations {
                        li {
                            (decision_tag(a.decision))
                            (a.text)
                        }
                    }
                }
            }
            @if !plan.notes.is_empty() {
                h3 { "Notes for the whole plan" }
                ul.points { @for n in &plan.notes { li { (n) } } }
            }
        }
    }
}

/// A decision as a tag, the same on her plan and on her coach's view: green when it goes up,
/// amber when it holds her back.
pub(crate) fn decision_tag(decision: Decision) -> Markup {
    let class = match decision {
        Decision::Progress => "tag ok",
        Decision::Regress | Decision::NotYet => "tag warn",
        Decision::Repeat => "tag same",
    };
    html! { span class=(class) { (decision.label()) } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_names_the_wrong_field() {
        let typed = |w: &str, s: &str, c: &str| Typed {
            weeks: w.into(),
            start: s.into(),
            car_seat: c.into(),
        };
        let e = programme_in(&typed("0", "", ""), Unit::Kg).err();
        assert_eq!(e.and_then(|e| e.field).as_deref(), Some("weeks"));
        let e = programme_in(&typed("twelve", "", ""), Unit::Kg).err();
        assert_eq!(e.and_then(|e| e.field).as_deref(), Some("weeks"));
        let e = programme_in(&typed("", "", "21"), Unit::Kg).err();
        assert_eq!(e.and_then(|e| e.field).as_deref(), Some("car_seat_kg"));
        let ok = programme_in(&typed("8", "2026-11-30", "9"), Unit::Lb).ok();
        let ok = ok.map(|p| {
            (
                p.weeks,
                p.start,
                p.car_seat_kg.map(|kg| (kg * 10.0).round()),
            )
        });
        assert_eq!(
            ok,
            Some((Some(8), Some("2026-11-30".to_owned()), Some(41.0)))
        );
        let e = programme_in(&typed("", "", "45"), Unit::Lb).err();
        assert!(e.is_some_and(|e| e.message.contains("0 to 44 lb")));
        let none = programme_in(&Typed::default(), Unit::Kg).ok();
        assert!(
            none.is_some_and(|p| p.weeks.is_none() && p.start.is_none() && p.car_seat_kg.is_none())
        );
    }

    #[test]
    fn doses_read_plainly() {
        let rx = PrescriptionView {
            id: "goblet_squat_kettlebell".into(),
            name: "Goblet squat".into(),
            sets: 3,
            reps: Some(8),
            seconds: None,
            metres: None,
            each_side: false,
            load_kg: Some(8.0),
            load: LoadSource::Kettlebell,
            rest_seconds: 60,
            cues: Vec::new(),
            why: String::new(),
        };
        assert_eq!(dose(&rx, Unit::Kg), "3 × 8, 8 kg kettlebell");
        let rx = PrescriptionView {
            seconds: Some(30),
            reps: None,
            each_side: true,
            load_kg: None,
            load: LoadSource::Bodyweight,
            ..rx
        };
        assert_eq!(dose(&rx, Unit::Kg), "3 × 30 s each side");
        assert_eq!(
            crate::web::phase_title("return_to_impact"),
            "Return to impact and running"
        );
        let wr = WalkRunView {
            stage: 3,
            run_minutes: 3,
            walk_minutes: 2,
            repeats: 5,
            then_run_minutes: 0,
            sessions: 2,
            session_minutes: 25,
            buggy_allowed: false,
            buggy_why: String::new(),
            dates: Vec::new(),
            runs: Vec::new(),
        };
        assert_eq!(
            walk_run_words(&wr),
            "Walk-run stage 3: run 3 min, walk 2 min, 5 times (about 25 minutes), 2 times this week."
        );
    }
}
