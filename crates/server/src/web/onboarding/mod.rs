//! The onboarding questionnaire: her profile as seven short steps, saved as she goes.
//!
//! Each step is a plain form. Its POST checks the step's answers (a bad value re-renders the
//! step with status 422, the field named and what she typed kept), merges them into her draft
//! (a typed partial profile, [`draft::Draft`], stored as the API's JSON by `onboarding_draft`)
//! and moves on. The last step shows every answer with a "change" link, and its button saves
//! the profile through the API's own [`save_profile`], so the page and `PUT /api/v1/profile`
//! cannot disagree. If she already has a profile, the questionnaire starts from it and saving
//! makes a new version.
//!
//! The files: `steps` (the order and addresses), `draft` (the typed answers and the profile's
//! JSON), `input` (reading numbers, dates and weights), `errors` (a save's refusal in the page's
//! words), `widgets` (the form pieces), then one file per step: `birth`, `health` (feel and
//! warning signs), `mood`, `readiness`, `training` and `review`.

use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use time::Date;

use super::{
    Nav, PageError, PageResult, Viewer, WebForm, csrf_field, page_with_scripts, see_other,
};
use crate::AppState;
use crate::app::member::save_profile;
use crate::error::AppError;
use crate::web::urgent::{self, Reader};
use draft::Draft;
use mumstrong_core::state::UrgentStop;
use steps::{STEPS, Step};
use widgets::{error_box, progress};

mod birth;
mod draft;
mod errors;
mod health;
mod input;
mod mood;
mod readiness;
mod review;
mod steps;
#[cfg(test)]
mod tests;
mod training;
mod widgets;

/// The onboarding routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/onboarding", get(start))
        .route("/onboarding/{step}", get(show).post(submit))
}

// ---- the draft ---------------------------------------------------------------------------------

/// Her answers so far and the first step not yet done.
struct Saved {
    draft: Draft,
    next: usize,
}

/// Her draft, or her latest profile to edit (all steps done), or nothing yet. A stored draft
/// these pages cannot read (hand-edited, say) starts the questionnaire again rather than fail.
async fn load_draft(state: &AppState, user_id: i64) -> PageResult<Saved> {
    let fresh = Saved {
        draft: Draft::default(),
        next: 0,
    };
    if let Some((json, step)) = state.store.onboarding_draft(user_id).await? {
        return Ok(match Draft::from_json(&json) {
            Ok(draft) => Saved {
                draft,
                next: Step::from_slug(&step).map_or(0, Step::index),
            },
            Err(e) => {
                let why = e.to_string();
                tracing::warn!(
                    user = user_id,
                    why,
                    "unreadable onboarding draft; starting again"
                );
                fresh
            }
        });
    }
    if let Some(row) = state.store.latest_profile(user_id).await? {
        match Draft::from_json(&row.profile_json) {
            Ok(draft) => {
                return Ok(Saved {
                    draft,
                    next: Step::Review.index(),
                });
            }
            Err(e) => {
                let why = e.to_string();
                tracing::warn!(
                    user = user_id,
                    why,
                    "profile unreadable as a draft; starting again"
                );
            }
        }
    }
    Ok(fresh)
}

/// Checks one step's answers and merges them into the draft. Nothing changes on an error.
/// Says whether the step has more to ask (the mood step after a yes).
fn apply(
    step: Step,
    form: &WebForm,
    draft: &mut Draft,
    unit: super::Unit,
    today: Date,
) -> Result<mood::After, AppError> {
    let mut d = draft.clone();
    let mut after = mood::After::Next;
    match step {
        Step::Birth => birth::read(form, &mut d, unit, today)?,
        Step::Feel => health::read_feel(form, &mut d, today)?,
        Step::Warning => health::read_warning(form, &mut d)?,
        Step::Mood => after = mood::read(form, &mut d)?,
        Step::Readiness => readiness::read(form, &mut d)?,
        Step::Training => training::read(form, &mut d, unit)?,
        Step::Review => {}
    }
    *draft = d;
    Ok(after)
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
    let saved = load_draft(&state, user.id).await?;
    let step = STEPS[saved.next.min(STEPS.len() - 1)];
    show_step(&state, &viewer, step, saved, false).await
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
    let saved = load_draft(&state, user.id).await?;
    if step.index() > saved.next {
        return Ok(see_other(&STEPS[saved.next].url()));
    }
    let back_to_review = query.back_to.as_deref() == Some("review");
    show_step(&state, &viewer, step, saved, back_to_review).await
}

async fn show_step(
    state: &AppState,
    viewer: &Viewer,
    step: Step,
    saved: Saved,
    back_to_review: bool,
) -> PageResult {
    let editing = state
        .store
        .latest_profile(viewer.user.id)
        .await?
        .map(|p| p.version);
    let form = saved.draft.as_form(viewer.unit);
    let ctx = Ctx {
        today: state.today(),
        editing,
        back_to_review,
    };
    Ok(render(viewer, step, &saved, &form, None, &ctx).into_response())
}

async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    form: WebForm,
) -> PageResult {
    let user = viewer.member()?.clone();
    let step = step_from(&slug)?;
    let mut saved = load_draft(&state, user.id).await?;
    if step.index() > saved.next {
        return Ok(see_other(&STEPS[saved.next].url()));
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
        return finish(&state, &viewer, user.id, &saved, &ctx).await;
    }
    let after = match apply(step, &form, &mut saved.draft, viewer.unit, today) {
        Ok(after) => after,
        Err(e) => {
            let page = render(&viewer, step, &saved, &form, Some(&e), &ctx);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let ask_more = after == mood::After::AskMore && form.get("go") != Some("back");
    if !ask_more {
        saved.next = saved.next.max(step.index() + 1);
    }
    let json = serde_json::to_string(&saved.draft).map_err(AppError::internal)?;
    state
        .store
        .save_onboarding_draft(user.id, &json, STEPS[saved.next].slug(), state.now_unix())
        .await?;
    if ask_more {
        let back = if back_to_review { "?return=review" } else { "" };
        return Ok(see_other(&format!("{}{back}#mood-more", step.url())));
    }
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
    saved: &Saved,
    ctx: &Ctx,
) -> PageResult {
    if saved.next < Step::Review.index() {
        return Ok(see_other(&STEPS[saved.next].url()));
    }
    let body = saved.draft.profile_body().map_err(AppError::internal)?;
    match save_profile(state, user_id, &body).await {
        Ok(_) => {
            state.store.delete_onboarding_draft(user_id).await?;
            Ok(see_other("/screening"))
        }
        Err(e) if e.status().is_client_error() => {
            let (step, error) = errors::on_page(&e, &saved.draft, viewer.unit, ctx.today);
            let form = saved.draft.as_form(viewer.unit);
            let ctx = Ctx {
                back_to_review: true,
                ..*ctx
            };
            let page = render(viewer, step, saved, &form, Some(&error), &ctx);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError(e)),
    }
}

// ---- rendering ---------------------------------------------------------------------------------

/// What a step's page needs besides the answers.
#[derive(Clone, Copy)]
struct Ctx {
    /// Today, for weeks since birth and the latest birth date allowed.
    today: Date,
    /// The version of her saved profile, if she is editing one.
    editing: Option<i64>,
    /// She came from the review page and goes back there after this step.
    back_to_review: bool,
}

/// A step's whole page: progress, title, reminder, errors, and its form (or the review).
fn render(
    viewer: &Viewer,
    step: Step,
    saved: &Saved,
    form: &WebForm,
    error: Option<&AppError>,
    ctx: &Ctx,
) -> Markup {
    let draft = &saved.draft;
    let body = html! {
        div.onboarding {
            (progress(step, saved.next))
            h1 { (step.title()) }
            @if step.index() > Step::Warning.index()
                && let Some(stop) = UrgentStop::for_answers(&draft.urgent_answers(), draft.birth.date, ctx.today)
            {
                (urgent::stop(&stop, Reader::Onboarding))
            }
            (error_box(error))
            @if step == Step::Review {
                (review::page(viewer, draft, ctx))
            } @else {
                form.step-form method="post" action=(step.url()) novalidate {
                    (csrf_field(&viewer.csrf))
                    @if ctx.back_to_review { input type="hidden" name="return" value="review"; }
                    @match step {
                        Step::Birth => (birth::page(form, error, viewer.unit, ctx)),
                        Step::Feel => (health::feel_page(form, error, draft, ctx)),
                        Step::Warning => (health::warning_page(form, error)),
                        Step::Mood => (mood::page(form, error)),
                        Step::Readiness => (readiness::page(form, error, draft, ctx)),
                        Step::Training => (training::page(form, error, viewer.unit)),
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
