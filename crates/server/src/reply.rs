//! Replies the API and the pages both send, made from the use cases' views.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use mumstrong_app::accounts::Export;

/// Her export as a download: the JSON document, or her sets as Strong's CSV.
pub fn export(export: Export) -> Response {
    match export {
        Export::StrongCsv(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mumstrong-strong.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Export::Json(document) => (
            [(
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mumstrong-export.json\"",
            )],
            axum::Json(document),
        )
            .into_response(),
    }
}
