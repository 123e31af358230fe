//! `GET /api/v1/partners/{id}` (public): what a configurator embedded in a partner's pages needs
//! to know of the partner, from `data/partners.toml` less the dealership. Read cross-origin by the
//! partners' pages: its CORS is [`super::cors::partner_reads`].

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::get,
};
use configurator_domain::api::PartnerProfile;

use super::{AppState, Error};
use crate::{partners::Partner, quote_requests::fields::quoted};

pub fn router() -> Router<AppState> {
    Router::new().route("/partners/{id}", get(profile))
}

#[utoipa::path(
    get,
    path = "/partners/{id}",
    tag = "partners",
    params(("id" = String, Path, description = "The partner's id in `data/partners.toml`")),
    responses(
        (status = 200, description = "The partner: its name, default market and language, the models it shows and the origins of its pages", body = PartnerProfile),
        (status = 404, description = "No partner has this id; the message names it", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn profile(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PartnerProfile>, Error> {
    state
        .data
        .partners
        .get(&id)
        .map(|partner| Json(profile_of(partner)))
        .ok_or_else(|| Error::NotFoundNamed(format!("unknown partner `{}`", quoted(&id))))
}

/// The public part of `partner`.
fn profile_of(partner: &Partner) -> PartnerProfile {
    PartnerProfile {
        id: partner.id.as_str().to_owned(),
        name: partner.name.clone(),
        market: partner.market.clone(),
        language: partner.language,
        models: partner.models.clone(),
        allowed_origins: partner.allowed_origins.clone(),
    }
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi as _;

    use super::*;

    #[derive(utoipa::OpenApi)]
    #[openapi(paths(profile))]
    struct Documented;

    #[test]
    fn the_profile_is_documented_as_public() {
        let document = Documented::openapi();
        let item = document
            .paths
            .paths
            .get("/partners/{id}")
            .expect("documented");
        let get = item.get.as_ref().expect("GET");
        assert!(get.security.is_none(), "public");
        let schemas = document.components.expect("components").schemas;
        assert!(schemas.contains_key("PartnerProfile"));
    }
}
