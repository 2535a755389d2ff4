//! Today: her session as a one-thumb checklist (each set logged with one tap, a rest timer, a
//! check-in), or what to do instead (a rest day, a programme not started or finished, an urgent
//! stop), and how what she reported changed her plan.
//!
//! Every form works without JavaScript (post, then 303 back to the exercise). `today.js` posts the
//! same form with `fetch` and `Accept: application/json`, ticks the set in place and runs the
//! rest timer.

mod forms;
mod page;
mod query;
mod session;
mod view;
mod words;

use crate::error::ErrorResponse;
use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use mumstrong_store::SetRow;
use serde_json::{Value, json};
use time::Date;

use super::{
    Nav, PageError, PageResult, Viewer, WebForm, human_date, page_with_scripts, see_other,
};
use crate::AppState;
use crate::app::member;
use crate::error::AppError;
use forms::{Problem, checkin_from_form, set_from_form};
use page::{RowCtx, today_body};
use query::{safe_anchor, today_path, wants_json, with_query};
use session::logged_row;
use words::{labelled, library_name, library_word};

pub(crate) use query::{DayQuery, day_query, page_date};
pub(crate) use view::{PelvicFloorDose, load_view};
pub(crate) use words::{reason_in_words, symptom_word};

/// The Today routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/today", get(today_page))
        .route("/today/set", post(log_set))
        .route("/today/set/{id}/delete", post(undo_set))
        .route("/today/checkin", post(checkin))
        .route("/today/checkin/{id}/delete", post(undo_checkin))
}

// ---- handlers ----------------------------------------------------------------------------------

async fn today_page(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> PageResult {
    viewer.member()?;
    let query = day_query(&state, raw.as_deref())?;
    let (title, body) = today_body(&state, &viewer, query, None).await?;
    Ok(page_with_scripts(&viewer, &title, Nav::Today, &["today.js"], body).into_response())
}

/// Renders the page again with a form's problem, at the error's status.
async fn again(state: &AppState, viewer: &Viewer, date: Date, problem: Problem) -> PageResult {
    let status = problem.error().status();
    let query = DayQuery {
        date,
        adapted: false,
    };
    let (title, body) = today_body(state, viewer, query, Some(&problem)).await?;
    Ok((
        status,
        page_with_scripts(viewer, &title, Nav::Today, &["today.js"], body),
    )
        .into_response())
}

/// One set done: stored through the API's logic, then back to the exercise (or JSON for
/// today.js, with the ticked row's markup).
async fn log_set(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let json_reply = wants_json(&headers);
    let exercise = form.get("exercise").unwrap_or("").to_owned();
    let word = library_word(&exercise);
    let result = match set_from_form(&form, viewer.unit) {
        Ok(set) => member::save_set(&state, user_id, &set)
            .await
            .map(|out| (set, out))
            .map_err(|e| labelled(e, word)),
        Err(e) => Err(e),
    };
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    match result {
        Ok((set, out)) => {
            let back = today_path(&state, date);
            let adapted = out.get("adaptation").is_some();
            let target = if adapted {
                format!("{}#adapted", with_query(&back, "adapted=1"))
            } else {
                format!("{back}#ex-{}", set.exercise)
            };
            if !json_reply {
                return Ok(see_other(&target));
            }
            let row: SetRow = set_row_of(&out["set"])
                .ok_or_else(|| PageError(AppError::internal("save_set replied without a set")))?;
            let n = set.set_number.unwrap_or(1);
            let ctx = RowCtx {
                csrf: &viewer.csrf,
                session_day: true,
                unit: viewer.unit,
                date,
                can_log: true,
            };
            let row_html = logged_row(
                &ctx,
                &set.exercise,
                &library_name(&set.exercise),
                word,
                n,
                &row,
            )
            .into_string();
            let mut reply = json!({
                "set": out["set"],
                "row_html": row_html,
                "adapted": adapted,
            });
            if adapted {
                reply["redirect"] = Value::from(target);
            }
            Ok((StatusCode::CREATED, axum::Json(reply)).into_response())
        }
        Err(e) if e.status().is_client_error() => {
            if json_reply {
                return Ok(e.response());
            }
            let set_number = form
                .get("set_number")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            again(
                &state,
                &viewer,
                date,
                Problem::Set {
                    exercise,
                    set_number,
                    form,
                    error: e,
                },
            )
            .await
        }
        Err(e) => Err(PageError(e)),
    }
}

/// The API's set JSON back as a row, to draw the ticked set.
fn set_row_of(v: &Value) -> Option<SetRow> {
    Some(SetRow {
        id: v["id"].as_i64()?,
        done_on: page_date(v["date"].as_str()?).ok()?,
        exercise: v["exercise"].as_str()?.to_owned(),
        set_number: v["set_number"].as_i64(),
        reps: v["reps"].as_i64()?,
        target_reps: v["target_reps"].as_i64(),
        load_kg: v["load_kg"].as_f64(),
        rpe: v["rpe"].as_i64(),
        symptoms: v["symptoms"].to_string(),
        red_flags: v["red_flags"].to_string(),
        client_ref: v["client_ref"].as_str().map(str::to_owned),
        created_at: v["created_at"].as_i64().unwrap_or(0),
    })
}

/// Undo a set logged by mistake.
async fn undo_set(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let id: i64 = id
        .parse()
        .map_err(|_| PageError(AppError::not_found("there is no such set")))?;
    let out = member::remove_set(&state, user_id, id).await?;
    if wants_json(&headers) {
        return Ok(axum::Json(out).into_response());
    }
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    let anchor = form
        .get("anchor")
        .and_then(safe_anchor)
        .map(|a| format!("#{a}"))
        .unwrap_or_default();
    Ok(see_other(&format!("{}{anchor}", today_path(&state, date))))
}

/// The check-in: symptoms, effort, mood, sleep, notes, warning signs.
async fn checkin(State(state): State<AppState>, viewer: Viewer, form: WebForm) -> PageResult {
    let user_id = viewer.member()?.id;
    let result = match checkin_from_form(&form) {
        Ok(body) => member::save_checkin(&state, user_id, &body)
            .await
            .map_err(|e| labelled(e, "")),
        Err(e) => Err(e),
    };
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    match result {
        Ok(out) => {
            let back = today_path(&state, date);
            if out.get("adaptation").is_some() {
                Ok(see_other(&format!(
                    "{}#adapted",
                    with_query(&back, "adapted=1")
                )))
            } else {
                Ok(see_other(&format!("{back}#check-in")))
            }
        }
        Err(e) if e.status().is_client_error() => {
            again(&state, &viewer, date, Problem::CheckIn { form, error: e }).await
        }
        Err(e) => Err(PageError(e)),
    }
}

/// Remove a check-in (a warning sign ticked by mistake): the plan is made again without it.
async fn undo_checkin(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    form: WebForm,
) -> PageResult {
    let user_id = viewer.member()?.id;
    let id: i64 = id
        .parse()
        .map_err(|_| PageError(AppError::not_found("there is no such check-in")))?;
    member::remove_checkin(&state, user_id, id).await?;
    let date = form
        .get("date")
        .and_then(|d| page_date(d).ok())
        .unwrap_or_else(|| state.today());
    Ok(see_other(&today_path(&state, date)))
}

#[cfg(test)]
mod tests;
