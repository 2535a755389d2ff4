//! The printable report for her coach or physio, as a page: pick the dates, then the report
//! opens as one print-friendly document (the same one `mumstrong report` writes).

use crate::app::report::paper_param;
use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use maud::html;
use serde::Deserialize;
use time::Duration;

use super::{Nav, PageError, PageResult, Viewer, error_summary, field_error, page};
use crate::AppState;
use crate::app::parse_date;
use crate::error::AppError;

/// The report route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/report", get(report))
}

#[derive(Deserialize)]
struct Range {
    from: Option<String>,
    to: Option<String>,
    paper: Option<String>,
}

async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(range): Query<Range>,
) -> PageResult {
    let user = viewer.member()?.clone();
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let (from, to) = (blank(&range.from), blank(&range.to));
    let today = state.today();
    let error = if from.is_some() || to.is_some() {
        let parsed = (|| -> Result<_, AppError> {
            let from = from.as_deref().map(|t| parse_date("from", t)).transpose()?;
            let to = to.as_deref().map(|t| parse_date("to", t)).transpose()?;
            let paper = paper_param(range.paper.as_deref().filter(|w| !w.is_empty()))?;
            Ok((from, to, paper))
        })();
        match parsed {
            Ok((f, t, paper)) => {
                match crate::app::report::report_html(&state, user.id, f, t, paper).await {
                    Ok(html) => return Ok(crate::security::html_response(html)),
                    Err(e) if e.status().is_client_error() => Some(e),
                    Err(e) => return Err(PageError(e)),
                }
            }
            Err(e) => Some(e),
        }
    } else {
        None
    };
    let status = error
        .as_ref()
        .map_or(axum::http::StatusCode::OK, |e| e.status());
    let default_from = (today - Duration::days(84)).to_string();
    let body = html! {
        h1 { "Report for your coach or physio" }
        p { "One page with your profile and screening history (with the reasons), your programme phase, how many sessions you did, loads and best sets, symptoms over time, mood, pelvic-floor practice and readiness tests, with charts. Print it or save it as a PDF from your browser's menu." }
        (error_summary(error.as_ref()))
        form method="get" action="/report" {
            div.field {
                label for="from" { "From" }
                input id="from" name="from" type="date" value=(from.clone().unwrap_or(default_from))
                    aria-invalid=[field_error(error.as_ref(), "from").map(|_| "true")];
                @if let Some(m) = field_error(error.as_ref(), "from") { span.field-error { (m) } }
            }
            div.field {
                label for="to" { "To" }
                input id="to" name="to" type="date" value=(to.clone().unwrap_or(today.to_string()))
                    aria-invalid=[field_error(error.as_ref(), "to").map(|_| "true")];
                @if let Some(m) = field_error(error.as_ref(), "to") { span.field-error { (m) } }
            }
            div.field {
                label for="paper" { "Paper" }
                select id="paper" name="paper" {
                    option value="a4" selected[range.paper.as_deref() != Some("letter")] { "A4" }
                    option value="letter" selected[range.paper.as_deref() == Some("letter")] { "US Letter" }
                }
            }
            div.actions { button.wide type="submit" { "Open the report" } }
        }
        @if error.as_ref().is_some_and(|e| e.code == "no_profile") {
            p { a.button href="/onboarding" { "Answer the questionnaire first" } }
        }
    };
    Ok((status, page(&viewer, "Report", Nav::Progress, body)).into_response())
}
