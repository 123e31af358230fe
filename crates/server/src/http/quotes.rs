//! Public pricing: `POST /api/v1/quotes`, the server's breakdown and total of lines in a market.
//! (When they could be built is `availability.rs`'s.)

use axum::{Json, Router, extract::State, routing::post};
use configurator_domain::{api::QuoteRequest, price::OrderQuote};

use super::{AppState, Error, json::JsonBody};
use crate::lines;

pub fn router() -> Router<AppState> {
    Router::new().route("/quotes", post(quote))
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
