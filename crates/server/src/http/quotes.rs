//! Public pricing and availability: `POST /api/v1/quotes` (the server's breakdown and total of
//! lines in a market) and `GET /api/v1/availability?code=…&quantity=…` (the earliest build months
//! if ordered now, without booking anything), and `GET /api/v1/availability/models` (the first
//! month of one vehicle of every model, for the catalog page in one request). Availability is
//! public, so it names months only, never how many vehicles a month has room for.

use std::collections::BTreeMap;

use axum::{
    Json, Router,
    extract::{Query, State, rejection::QueryRejection},
    routing::{get, post},
};
use configurator_domain::{
    Quantity,
    api::{AvailabilityResponse, ModelMonthsResponse, QuoteRequest},
    code,
    price::OrderQuote,
};
use configurator_plan::{EarliestError, YearMonth};

use super::{AppState, Error, json::JsonBody, plan::plan_error};
use crate::lines;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/quotes", post(quote))
        .route("/availability", get(availability))
        .route("/availability/models", get(model_months))
}

/// Brings this instance's plan up to date with the database, and says which month it is.
async fn caught_up(state: &AppState) -> Result<YearMonth, Error> {
    state
        .plan
        .refresh(&state.db.pool)
        .await
        .map_err(plan_error)?;
    Ok(state.clock.month())
}

#[utoipa::path(
    get,
    path = "/availability/models",
    tag = "quotes",
    responses(
        (status = 200, description = "The month the first vehicle of each model would be built in, for one vehicle ordered now", body = ModelMonthsResponse),
    )
)]
pub(super) async fn model_months(
    State(state): State<AppState>,
) -> Result<Json<ModelMonthsResponse>, Error> {
    let today = caught_up(&state).await?;
    let first = state.plan.read(|plan| {
        state
            .data
            .routing
            .iter()
            .filter_map(|(model, routing)| {
                let earliest = plan.earliest(&routing.line, &routing.kit, 1, today).ok()?;
                Some((model.clone(), earliest.first))
            })
            .collect()
    });
    Ok(Json(ModelMonthsResponse { first }))
}

#[utoipa::path(
    post,
    path = "/quotes",
    tag = "quotes",
    request_body = QuoteRequest,
    responses(
        (status = 200, description = "The breakdown and total, in the market's currency or USD", body = OrderQuote),
        (status = 422, description = "A field at fault: `market`, `lines`, `lines[i].code`, `lines[i].quantity`, or an unknown field", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn quote(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<QuoteRequest>,
) -> Result<Json<OrderQuote>, Error> {
    let catalog = &state.data.catalog;
    let checked = lines::check(catalog, &request.market, &request.lines)?;
    let quote = lines::price(catalog, &request.market, &checked, request.currency)?;
    Ok(Json(quote))
}

/// The query of `GET /availability`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query for OpenAPI; parsed by hand to name fields"
)]
pub(super) struct AvailabilityQuery {
    /// A configuration code (see `lines[i].code` of a quote).
    #[param(pattern = r"^[A-Za-z0-9_-]{14,720}$")]
    code: String,
    /// Vehicles, 1 to 999 (default 1).
    #[param(minimum = 1, maximum = 999)]
    quantity: Option<u32>,
}

#[utoipa::path(
    get,
    path = "/availability",
    tag = "quotes",
    params(AvailabilityQuery),
    responses(
        (status = 200, description = "The months the first and the last vehicle would be built in", body = AvailabilityResponse),
        (status = 422, description = "`code` or `quantity` at fault, or no room before the end of the planning horizon", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn availability(
    State(state): State<AppState>,
    query: Result<Query<BTreeMap<String, String>>, QueryRejection>,
) -> Result<Json<AvailabilityResponse>, Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    if let Some(unknown) = query
        .keys()
        .find(|k| !["code", "quantity"].contains(&k.as_str()))
    {
        return Err(Error::field(
            unknown.clone(),
            "unknown parameter: expected `code` and `quantity`",
        ));
    }
    let quantity = match query.get("quantity") {
        None => Quantity::ONE,
        Some(text) => text.parse::<Quantity>().map_err(|_| {
            Error::field(
                "quantity",
                format!("expected 1 to {} vehicles, got `{text}`", Quantity::MAX),
            )
        })?,
    };
    let text = query
        .get("code")
        .ok_or_else(|| Error::field("code", "missing: a configuration code"))?;
    let configuration = code::decode(&state.data.catalog, text)
        .map_err(|error| Error::field("code", error.to_string()))?;
    let routing = state
        .data
        .routing
        .get(&configuration.model)
        .ok_or_else(|| {
            Error::field(
                "code",
                format!("model `{}` is not planned", configuration.model),
            )
        })?;
    let today = caught_up(&state).await?;
    let earliest = state
        .plan
        .read(|plan| plan.earliest(&routing.line, &routing.kit, u32::from(quantity), today));
    // Public: say when, never how much room is left.
    let earliest = earliest.map_err(|error| match error {
        EarliestError::NoRoom { quantity, end, .. } => Error::field(
            "quantity",
            format!(
                "`{quantity}` vehicles cannot all be built before the end of the planning horizon \
                 `{end}`: order fewer, or split the order"
            ),
        ),
        EarliestError::PastHorizon { end, .. } => Error::field(
            "code",
            format!("no build month is open: the planning horizon ends `{end}`"),
        ),
        other => Error::field("code", other.to_string()),
    })?;
    Ok(Json(AvailabilityResponse {
        model: configuration.model,
        quantity: u32::from(quantity),
        first: earliest.first,
        last: earliest.last,
    }))
}
