//! The import endpoints (Strong, Hevy, FitNotes, mumstrong's own export): a preview first, then
//! the import in one transaction, then an undo. The reading and storing is the shared use case in
//! [`crate::app::imports`]; these handlers only take the request apart and answer.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mumstrong_core::import;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ErrorBody, member};
use crate::app::imports::{prepare_off_thread, run, unit_param};
use crate::auth::Auth;
use crate::error::{ApiResult, AppError};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload, list))
        .routes(routes!(undo))
}

/// Import a workout history exported from Strong (all four layouts), Hevy (kg or lb), FitNotes
/// or mumstrong. Send the file as the body. With `dry_run=true` nothing is stored: the reply is
/// the preview (sessions, sets, date range, name mappings, duplicates, values worth a second
/// look). Otherwise everything new is stored in one transaction; undo it with
/// `DELETE /api/v1/imports/{id}`.
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports",
    params(("unit" = Option<String>, Query, description = "`kg` or `lb`, for Strong exports that do not say"),
           ("dry_run" = Option<bool>, Query, description = "`true`: preview only")),
    request_body(description = "The exported file, up to 20 MB: CSV (Strong, Hevy, FitNotes) or JSON (a mumstrong export)",
        content((String = "text/csv"), (String = "application/json"))),
    responses((status = 200, description = "Preview"), (status = 201, description = "Imported"),
              (status = 422, description = "The file or the unit (line and column named)", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    auth: Auth,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    request: Request,
) -> ApiResult<Response> {
    let user = auth.member()?.clone();
    let query = query
        .map_err(|e| AppError::bad_body(None, format!("the query string is malformed: {e}")))?;
    let unit = unit_param(query.get("unit").map(String::as_str))?;
    let dry_run = match query.get("dry_run").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(AppError::invalid("dry_run", "expected `true` or `false`").into()),
    };
    let bytes = axum::body::to_bytes(request.into_body(), import::MAX_IMPORT_BYTES + 1)
        .await
        .map_err(|_| {
            AppError::too_large(
                Some("file"),
                "the file is over 20 MB; export a shorter date range",
            )
        })?;
    let prepared = prepare_off_thread(bytes, unit, Vec::new(), state.today()).await?;
    let outcome = run(
        &state.store,
        user.id,
        prepared,
        dry_run,
        state.now_unix(),
        &|_| {},
    )
    .await?;
    if dry_run {
        return Ok(Json(outcome).into_response());
    }
    let mut body = serde_json::to_value(&outcome).map_err(AppError::internal)?;
    if outcome.new_sets > 0 || outcome.others.total() > 0 {
        body["programme"] = member::regenerate(&state, user.id, "made again: history imported")
            .await?
            .unwrap_or(Value::Null);
    }
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Her imports, newest first.
#[utoipa::path(get, path = "/api/v1/imports", tag = "imports",
    responses((status = 200, description = "Her imports")))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    Ok(Json(
        json!({ "imports": state.store.imports_of(user.id).await? }),
    ))
}

/// Undo an import: the sets it added are removed.
#[utoipa::path(delete, path = "/api/v1/imports/{id}", tag = "imports",
    params(("id" = i64, Path, description = "Import id")),
    responses((status = 200, description = "How many sets were removed"), (status = 404, body = ErrorBody)))]
pub async fn undo(
    State(state): State<AppState>,
    auth: Auth,
    super::Id(id): super::Id,
) -> ApiResult<Json<Value>> {
    let user = auth.member()?;
    match state
        .store
        .undo_import(user.id, id, state.now_unix())
        .await?
    {
        Some(removed) => {
            let programme =
                member::regenerate(&state, user.id, "made again: an import was undone").await?;
            Ok(Json(
                json!({ "undone": id, "sets_removed": removed, "programme": programme }),
            ))
        }
        None => Err(AppError::not_found(format!(
            "you have no import {id} to undo (or it was undone already)"
        ))
        .into()),
    }
}
