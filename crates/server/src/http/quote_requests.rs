//! `/api/v1/quote-requests`: a visitor of a partner's page asks for a quote (`POST`, public, CORS
//! for the partner's origins, rate-limited); the partner's dealer lists them (`GET`) and sets
//! their status (`PATCH /quote-requests/{id}`). A dealer sees only the requests of the partners of
//! its dealership; another's is a `404`. The work is in [`crate::quote_requests`].

use std::net::IpAddr;

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse as _, Response},
    routing::{patch, post},
};
use configurator_domain::api::{
    PartnerQuoteRequest, QuoteRequestCreated, QuoteRequestForm, QuoteRequestList,
    QuoteRequestStatus, QuoteRequestUpdate,
};

use super::{AppState, Error, client_address::ClientAddress, cors, json::JsonBody, origin};
use crate::{
    auth::Dealer,
    partners::Partner,
    quote_requests::{self, store},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/quote-requests", post(create).get(list).options(preflight))
        .route("/quote-requests/{id}", patch(update))
}

/// The CORS preflight of `POST /quote-requests` (see [`cors::preflight`]).
async fn preflight(State(state): State<AppState>, headers: HeaderMap) -> Response {
    cors::preflight(&headers, &state.data.partners)
}

#[utoipa::path(
    post,
    path = "/quote-requests",
    tag = "quote-requests",
    request_body = QuoteRequestForm,
    responses(
        (status = 201, description = "Stored with status `new`; the server's price of the configuration", body = QuoteRequestCreated),
        (status = 403, description = "Sent from an origin that is neither this server's nor one of the partner's `allowed_origins`", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "A field at fault, named: `partner`, `name`, `contact`, `code` (also a model the partner does not show), `quantity`, `message`, `market`, or an unknown field such as `price`", body = configurator_domain::api::ErrorBody),
        (status = 429, description = "Too many requests from this address or for this partner; `Retry-After` says after how many seconds to try again", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn create(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Result<JsonBody<QuoteRequestForm>, Error>,
) -> Response {
    let answer = submit(&state, address, &headers, body).await;
    let origin = cors::partner_origin(&headers, &state.data.partners);
    cors::allow(answer.into_response(), origin)
}

/// Checks the origin, the quotas and every field, then stores the request.
async fn submit(
    state: &AppState,
    address: IpAddr,
    headers: &HeaderMap,
    body: Result<JsonBody<QuoteRequestForm>, Error>,
) -> Result<(StatusCode, Json<QuoteRequestCreated>), Error> {
    let partners = &state.data.partners;
    origin::check_partner_origin(headers, |origin| partners.any_allows_origin(origin))?;
    let JsonBody(form) = body?;
    let partner = partners.get(&form.partner);
    // One partner's page cannot file requests in another partner's name.
    if let Some(partner) = partner {
        origin::check_partner_origin(headers, |origin| partner.allows_origin(origin))?;
    }
    let partner_id = partner.map(|p| &p.id);
    let now_ms = state.clock.unix_millis();
    state
        .quote_request_throttle
        .begin(&state.db.pool, address, partner_id, now_ms)
        .await?;
    let checked = quote_requests::check(&form, partners, &state.data.catalog)?;
    let id = store::insert(&state.db.pool, &checked, &state.clock.timestamp()).await?;
    let created = QuoteRequestCreated {
        id,
        status: QuoteRequestStatus::New,
        total: checked.quote.total,
        currency: checked.quote.currency.clone(),
        minor_digits: checked.quote.minor_digits,
    };
    Ok((StatusCode::CREATED, Json(created)))
}

/// The partners whose requests `dealer` handles.
fn partners_of<'a>(state: &'a AppState, dealer: &'a Dealer) -> Vec<&'a Partner> {
    state
        .data
        .partners
        .of_dealership(&dealer.dealership)
        .collect()
}

#[utoipa::path(
    get,
    path = "/quote-requests",
    tag = "quote-requests",
    security(("session" = [])),
    responses(
        (status = 200, description = "The requests of the partners of the dealer's dealership, newest first (at most 500)", body = QuoteRequestList),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a dealer", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn list(
    State(state): State<AppState>,
    dealer: Dealer,
) -> Result<Json<QuoteRequestList>, Error> {
    let requests = store::list(&state.db.pool, &partners_of(&state, &dealer)).await?;
    Ok(Json(QuoteRequestList { requests }))
}

#[utoipa::path(
    patch,
    path = "/quote-requests/{id}",
    tag = "quote-requests",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The request's id")),
    request_body = QuoteRequestUpdate,
    responses(
        (status = 200, description = "The request with its new status", body = PartnerQuoteRequest),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a dealer", body = configurator_domain::api::ErrorBody),
        (status = 404, description = "No such request, or one of another dealership's partners", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "`status` is not `new`, `contacted` or `closed`, or an unknown field", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn update(
    State(state): State<AppState>,
    dealer: Dealer,
    Path(id): Path<String>,
    JsonBody(update): JsonBody<QuoteRequestUpdate>,
) -> Result<Json<PartnerQuoteRequest>, Error> {
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(Error::NotFound)?;
    let partners = partners_of(&state, &dealer);
    let updated = store::set_status(
        &state.db.pool,
        id,
        update.status,
        &partners,
        &state.clock.timestamp(),
    )
    .await?;
    updated.map(Json).ok_or(Error::NotFound)
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi as _;

    use super::*;

    #[derive(utoipa::OpenApi)]
    #[openapi(paths(create, list, update))]
    struct Documented;

    #[test]
    fn every_operation_is_documented_with_its_schemas() {
        let document = Documented::openapi();
        let paths = &document.paths.paths;
        let collection = paths.get("/quote-requests").expect("documented");
        let create = collection.post.as_ref().expect("POST");
        assert!(create.security.is_none(), "public");
        let list = collection.get.as_ref().expect("GET");
        assert!(list.security.is_some(), "dealers only");
        let one = paths.get("/quote-requests/{id}").expect("documented");
        assert!(
            one.patch
                .as_ref()
                .is_some_and(|patch| patch.security.is_some())
        );
        let schemas = document.components.expect("components").schemas;
        for schema in [
            "QuoteRequestForm",
            "QuoteRequestCreated",
            "QuoteRequestList",
            "QuoteRequestUpdate",
        ] {
            assert!(schemas.contains_key(schema), "{schema}");
        }
    }
}
