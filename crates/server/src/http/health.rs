//! `GET /api/v1/health`: whether the server and its database answer, and the server's version.

use axum::{Json, Router, extract::State, routing::get};
use serde::Serialize;

use super::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

/// The health answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
}

#[utoipa::path(
    get,
    path = "/health",
    tag = "catalog",
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn health(State(state): State<AppState>) -> Result<Json<Health>, Error> {
    if !state.db.is_healthy().await {
        return Err(Error::Unavailable);
    }
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    }))
}
