//! The import page: upload an export from Strong, Hevy, FitNotes or mumstrong, check the
//! preview (sessions, sets, dates, how names map, duplicates, values worth a second look),
//! remap names she knows better, then import in one transaction, and undo an import later.
//!
//! The uploaded file waits in the database (not in memory) between the preview and the
//! confirmation, so the confirmation may reach another server.

use crate::error::HttpStatus;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use mumstrong_core::import::{self, ImportSummary, Mapping};
use serde::Deserialize;

use super::human_day;
use super::{
    Nav, PageError, PageResult, Viewer, WebForm, csrf_field, csrf_matches, error_summary,
    field_error, human_date, page, see_other,
};
use crate::AppState;
use crate::app::imports as api_imports;
use crate::app::member;
use crate::domain;
use crate::error::AppError;

/// The import routes. The upload accepts files up to the importer's limit (20 MB).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/import",
            get(import_page)
                .post(upload)
                .layer(DefaultBodyLimit::max(import::MAX_IMPORT_BYTES + 64 * 1024)),
        )
        .route("/import/confirm", post(confirm))
        .route("/import/cancel", post(cancel))
        .route("/import/{id}/undo", post(undo))
}

#[derive(Deserialize)]
struct Done {
    done: Option<i64>,
    nothing_new: Option<String>,
    undone: Option<i64>,
}

async fn upload_form(
    state: &AppState,
    viewer: &Viewer,
    notice: Option<Markup>,
    error: Option<&AppError>,
) -> PageResult<Markup> {
    let user = viewer.member()?;
    let imports = state.store.imports_of(user.id).await?;
    let file_error = field_error(error, "file");
    let unit_error = field_error(error, "unit");
    Ok(page(
        viewer,
        "Import your history",
        Nav::Account,
        html! {
            h1 { "Import your history" }
            @if let Some(n) = notice { (n) }
            p { "Bring your workouts from another app. Export them as a file there, then choose the file here. You will see a preview before anything is saved, and you can undo an import later." }
            details.card {
                summary { strong { "How to export from your app" } }
                ul.points {
                    li { strong { "Strong: " } "Settings → Export data → CSV." }
                    li { strong { "Hevy: " } "Profile → Settings → Export & import data → Export workouts." }
                    li { strong { "FitNotes: " } "Settings → Spreadsheet export → CSV." }
                    li { strong { "mumstrong: " } "Account → Export my data (JSON)." }
                }
            }
            (error_summary(error))
            form method="post" action="/import" enctype="multipart/form-data" {
                (csrf_field(&viewer.csrf))
                div.field {
                    label for="file" { "Export file (CSV or JSON, up to 20 MB)" }
                    input id="file" name="file" type="file" accept=".csv,.json,.txt,text/csv,application/json"
                        required aria-describedby=[file_error.map(|_| "file-error")]
                        aria-invalid=[file_error.map(|_| "true")];
                    @if let Some(msg) = file_error { span.field-error id="file-error" { (msg) } }
                }
                div.field {
                    label for="unit" { "Unit of the weights in the file" }
                    span.hint id="unit-hint" { "Only needed for Strong exports that do not say. Most files say it themselves." }
                    select id="unit" name="unit" aria-describedby="unit-hint"
                        aria-invalid=[unit_error.map(|_| "true")] {
                        option value="" { "The file says (or ask me)" }
                        option value="kg" { "Kilograms (kg)" }
                        option value="lb" { "Pounds (lb)" }
                    }
                    @if let Some(msg) = unit_error { span.field-error { (msg) } }
                }
                div.actions { button.wide type="submit" { "Show me the preview" } }
            }
            @if !imports.is_empty() {
                h2 { "Your imports" }
                div.table-wrap tabindex="0" role="region" aria-label="Your imports" {
                    table {
                        caption.visually-hidden { "Your imports, newest first" }
                        thead { tr { th scope="col" { "When" } th scope="col" { "From" } th scope="col" { "Sets" } th scope="col" { span.visually-hidden { "Undo" } } } }
                        tbody {
                            @for row in &imports {
                                tr {
                                    td { (human_day(row.created_at)) }
                                    td { (mumstrong_core::import::ImportFormat::from_word(&row.format).map_or(row.format.as_str(), |f| f.describe())) }
                                    td { (row.sets_added) " added" @if row.sets_skipped > 0 { ", " (row.sets_skipped) " already there" } }
                                    td {
                                        @if row.undone_at.is_some() {
                                            span.tag { "undone" }
                                        } @else {
                                            form method="post" action=(format!("/import/{}/undo", row.id))
                                                data-confirm="Remove every set this import added?" {
                                                (csrf_field(&viewer.csrf))
                                                button.secondary type="submit" aria-label=(format!("Undo the import of {}", human_day(row.created_at))) { "Undo" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

async fn import_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(done): Query<Done>,
) -> PageResult {
    let notice = if let Some(id) = done.done {
        let row = state
            .store
            .imports_of(viewer.member()?.id)
            .await?
            .into_iter()
            .find(|r| r.id == id);
        row.map(|r| {
            html! {
                div.notice.ok role="status" {
                    p { strong { "Imported. " } (r.sets_added) " sets were added"
                        @if r.sets_skipped > 0 { " (" (r.sets_skipped) " were already here and were skipped)" }
                        @if r.others_added > 0 { ", and " (r.others_added) " check-ins, pelvic-floor rounds, baby weights or profile versions" }
                        ". Your programme was made again with your history: "
                        a href="/today" { "see today" } "." }
                }
            }
        })
    } else if done.nothing_new.is_some() {
        Some(
            html! { div.notice.info role="status" { p { "Nothing new: every set in that file was already here, so nothing was imported." } } },
        )
    } else {
        done.undone.map(|_| {
            html! { div.notice.ok role="status" { p { "The import was undone: its sets are gone, and your programme was made again." } } }
        })
    };
    Ok(upload_form(&state, &viewer, notice, None)
        .await?
        .into_response())
}

/// The names she remapped in the preview form: `name_N` with `map_N` (`custom` or an id).
fn remaps(form: &WebForm) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for (key, name) in form.pairs() {
        if let Some(n) = key.strip_prefix("name_")
            && let Some(choice) = form.get(&format!("map_{n}"))
        {
            let id = (choice != "keep").then_some(choice);
            match id {
                None => {}
                Some("custom") => out.push((name.clone(), None)),
                Some(id) => out.push((name.clone(), Some(id.to_owned()))),
            }
        }
    }
    out
}

async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> PageResult {
    let user = viewer.member()?.clone();
    let mut csrf = None;
    let mut unit = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                let error = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::invalid(
                        "file",
                        "the file is over 20 MB; export a shorter date range",
                    )
                } else {
                    AppError::invalid(
                        "file",
                        format!("the upload did not arrive whole ({e}); please try again"),
                    )
                };
                return reupload(&state, &viewer, &error).await;
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "csrf" => csrf = field.text().await.ok(),
            "unit" => unit = field.text().await.ok(),
            "file" => {
                let file_name = field.file_name().unwrap_or("upload").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((file_name, bytes.to_vec())),
                    Err(e) => {
                        let error = AppError::invalid(
                            "file",
                            format!("the upload did not arrive whole ({e}); please try again"),
                        );
                        return reupload(&state, &viewer, &error).await;
                    }
                }
            }
            _ => {}
        }
    }
    if !csrf
        .as_deref()
        .is_some_and(|c| csrf_matches(&viewer.csrf, c))
    {
        return Err(PageError(AppError::forbidden(
            "this form had expired (or came from somewhere else); go back, reload the page and send it again",
        )));
    }
    let unit_word = unit
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned);
    let parsed_unit = match api_imports::unit_param(unit_word.as_deref()) {
        Ok(u) => u,
        Err(e) => return reupload(&state, &viewer, &e).await,
    };
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return reupload(
            &state,
            &viewer,
            &AppError::invalid("file", "choose a file first (it was empty or missing)"),
        )
        .await;
    };
    // Shared, not copied: the reader thread and the pending file below hold the same bytes.
    let bytes = axum::body::Bytes::from(bytes);
    let today = state.today();
    let prepared = match api_imports::prepare_off_thread(
        bytes.clone(),
        parsed_unit,
        Vec::new(),
        today,
    )
    .await
    {
        Ok(p) => p,
        Err(e) if e.status().is_client_error() => return reupload(&state, &viewer, &e).await,
        Err(e) => return Err(PageError(e)),
    };
    let outcome = api_imports::run(
        &state.store,
        user.id,
        prepared,
        true,
        state.now_unix(),
        &|_| {},
    )
    .await?;
    state
        .store
        .save_pending_import(
            user.id,
            &file_name,
            unit_word.as_deref(),
            &bytes,
            state.now_unix(),
        )
        .await?;
    Ok(preview_page(&viewer, &file_name, &outcome, None).into_response())
}

async fn reupload(state: &AppState, viewer: &Viewer, error: &AppError) -> PageResult {
    let status = if error.status().is_client_error() {
        error.status()
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, upload_form(state, viewer, None, Some(error)).await?).into_response())
}

fn sets_word(n: usize) -> String {
    if n == 1 {
        "1 set".to_owned()
    } else {
        format!("{n} sets")
    }
}

fn mapping_words(m: &Mapping, library_name: Option<&str>) -> Markup {
    match m {
        Mapping::Library { score, .. } if m.is_guess() => html! {
            span.tag.warn { "unsure" } " maybe " (library_name.unwrap_or("?")) " ("
            (format!("{:.0}", score * 100.0)) "%): kept as your own exercise unless you pick it"
        },
        Mapping::Library { score, how, .. } => {
            let how = match how {
                import::MatchKind::Alias => "known name",
                import::MatchKind::Exact => "same name",
                import::MatchKind::Fuzzy => "similar name",
                import::MatchKind::Chosen => "your choice",
            };
            html! {
                (library_name.unwrap_or("?")) " "
                span.tag.ok { (how) @if *score < 1.0 { ", " (format!("{:.0}", score * 100.0)) "% sure" } }
            }
        }
        Mapping::Custom => html! { span.tag.warn { "your own exercise" } },
    }
}

fn preview_page(
    viewer: &Viewer,
    file_name: &str,
    outcome: &api_imports::Outcome,
    error: Option<&AppError>,
) -> Markup {
    let s: &ImportSummary = &outcome.summary;
    let library = domain::library();
    let mut choices: Vec<(&str, &str)> = library
        .exercises()
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    choices.sort_by(|a, b| a.1.cmp(b.1));
    let date =
        |d: &Option<time::PrimitiveDateTime>| d.map(|d| human_date(d.date())).unwrap_or_default();
    page(
        viewer,
        "Check your import",
        Nav::Account,
        html! {
            h1 { "Check your import" }
            (error_summary(error))
            p { "From " strong { (file_name) } " (" (s.format.describe()) "). Nothing is saved until you press Import." }
            dl.facts {
                dt { "Workouts" } dd { (s.sessions) }
                dt { "Sets" } dd { (s.sets) }
                dt { "Dates" } dd { (date(&s.first)) " to " (date(&s.last)) }
                dt { "New sets" } dd { (outcome.new_sets) }
                dt { "Already here" } dd { (outcome.duplicate_sets) @if outcome.duplicate_sets > 0 { " (skipped: you imported them before)" } }
                dt { "Rows not sets" } dd { (s.rows_skipped) " (rest timers, notes)" }
                @if outcome.others.total() > 0 {
                    dt { "Also in the file" }
                    dd { (outcome.others.checkins) " check-ins, " (outcome.others.pelvic_floor) " pelvic-floor rounds, "
                        (outcome.others.baby_weights) " baby weights, " (outcome.others.profiles) " profile versions (any already here are skipped)" }
                }
            }
            @if outcome.new_sets == 0 && s.sets > 0 {
                div.notice.info { p { "Every set in this file is here already, so importing it again adds nothing." } }
            }
            @if !s.suspicious.is_empty() {
                div.notice.warn {
                    h2 { "Worth a second look" }
                    p { "These values look unusual. They will be imported as written; fix them in your app and export again if they are typing errors." }
                    ul {
                        @for v in s.suspicious.iter().take(20) {
                            li { "Line " (v.line) ", " (v.exercise_name) ": " (v.message) }
                        }
                        @if s.suspicious.len() > 20 { li { "… and " (s.suspicious.len() - 20) " more." } }
                    }
                }
            }
            form method="post" action="/import/confirm" {
                (csrf_field(&viewer.csrf))
                h2 { "Exercises" }
                @let unsure: Vec<(usize, &import::ExerciseCount)> = s.exercises.iter().enumerate()
                    .filter(|(_, ex)| match &ex.mapping {
                        Mapping::Library { score, how, .. } => *score < 1.0 || *how == import::MatchKind::Fuzzy,
                        Mapping::Custom => true,
                    })
                    .collect();
                @let sure: Vec<&import::ExerciseCount> = s.exercises.iter()
                    .filter(|ex| !unsure.iter().any(|(_, u)| std::ptr::eq(*u, *ex)))
                    .collect();
                @if unsure.is_empty() {
                    p { "Every exercise name matched one of ours." }
                } @else {
                    p { "These names need a look. Sets on our exercises shape your programme; your own exercises stay in your history. Pick the match you know is right." }
                    @for (i, ex) in &unsure {
                        @let id = format!("map_{i}");
                        div.field {
                            input type="hidden" name=(format!("name_{i}")) value=(ex.name);
                            label for=(id) { (ex.name) " " span.muted { "(" (sets_word(ex.sets)) ")" } }
                            span.hint { "Now: " (mapping_words(&ex.mapping, ex.library_name.as_deref())) }
                            select id=(id) name=(id) {
                                @if ex.mapping.is_guess() {
                                    // Only a guess: her own exercise unless she picks ours.
                                    option value="custom" selected { "My own exercise (not one of yours)" }
                                    @if let (Some(gid), Some(gname)) = (ex.mapping.id(), ex.library_name.as_deref()) {
                                        option value=(gid) { "Yes, it is " (gname) }
                                    }
                                } @else {
                                    option value="keep" selected { "Keep this match" }
                                    option value="custom" { "My own exercise (not one of yours)" }
                                }
                                @for (cid, cname) in &choices {
                                    option value=(cid) { (cname) }
                                }
                            }
                        }
                    }
                }
                @if !sure.is_empty() {
                    details.card {
                        summary { (sure.len()) " names matched for sure" }
                        ul {
                            @for ex in &sure {
                                li { (ex.name) " → " (mapping_words(&ex.mapping, ex.library_name.as_deref())) " " span.muted { "(" (sets_word(ex.sets)) ")" } }
                            }
                        }
                    }
                }
                div.actions {
                    button type="submit" { "Import " (sets_word(outcome.new_sets as usize)) }
                }
            }
            form method="post" action="/import/cancel" {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" { "Cancel" }
            }
        },
    )
}

async fn confirm(State(state): State<AppState>, viewer: Viewer, form: WebForm) -> PageResult {
    let user = viewer.member()?.clone();
    let Some((file_name, unit, bytes, _)) = state.store.pending_import(user.id).await? else {
        let error = AppError::invalid(
            "file",
            "there is no uploaded file waiting (it was imported or cancelled); choose the file again",
        );
        return reupload(&state, &viewer, &error).await;
    };
    let unit = api_imports::unit_param(unit.as_deref())?;
    let remap = remaps(&form);
    let bytes = axum::body::Bytes::from(bytes);
    let today = state.today();
    let prepared = match api_imports::prepare_off_thread(bytes.clone(), unit, remap, today).await {
        Ok(p) => p,
        Err(e) if e.field.as_deref() == Some("remap") => {
            let prepared =
                api_imports::prepare_off_thread(bytes.clone(), unit, Vec::new(), today).await?;
            let outcome = api_imports::run(
                &state.store,
                user.id,
                prepared,
                true,
                state.now_unix(),
                &|_| {},
            )
            .await?;
            return Ok((
                e.status(),
                preview_page(&viewer, &file_name, &outcome, Some(&e)),
            )
                .into_response());
        }
        Err(e) => return Err(PageError(e)),
    };
    let outcome = api_imports::run(
        &state.store,
        user.id,
        prepared,
        false,
        state.now_unix(),
        &|_| {},
    )
    .await?;
    state.store.delete_pending_import(user.id).await?;
    if outcome.new_sets > 0 || outcome.others.total() > 0 {
        member::regenerate(&state, user.id, "made again: history imported").await?;
    }
    match outcome.import_id {
        Some(id) => Ok(see_other(&format!("/import?done={id}"))),
        None => Ok(see_other("/import?nothing_new=1")),
    }
}

async fn cancel(State(state): State<AppState>, viewer: Viewer, _form: WebForm) -> PageResult {
    let user = viewer.member()?;
    state.store.delete_pending_import(user.id).await?;
    Ok(see_other("/import"))
}

async fn undo(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    _form: WebForm,
) -> PageResult<Response> {
    let user = viewer.member()?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("there is no such import"))?;
    match state
        .store
        .undo_import(user.id, id, state.now_unix())
        .await?
    {
        Some(_) => {
            member::regenerate(&state, user.id, "made again: an import was undone").await?;
            Ok(see_other(&format!("/import?undone={id}")))
        }
        None => Err(PageError(AppError::not_found(
            "you have no such import to undo (or it was undone already)",
        ))),
    }
}
