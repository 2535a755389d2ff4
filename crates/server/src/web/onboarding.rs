//! The onboarding page(s).

use axum::Router;

use crate::AppState;

/// This area's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
}
