//! `/api/v1/orders`: submit (dealers, with an `Idempotency-Key`), list, read one, cancel. A dealer
//! sees only its dealership's orders (another's is a `404`); a planner may read every order.
//! The work is in [`crate::ordering`] and [`crate::store::orders`].

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use configurator_domain::{
    api::{OrderList, OrderRequest, OrderResponse},
    plan::EarliestError,
};

use super::{AppState, Error, json::JsonBody};
use crate::{
    auth::{Dealer, SignedIn},
    ordering::{self, IdempotencyKey, OrderError, Orderer},
    store::orders::{self, Scope},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", post(create).get(list))
        .route("/orders/{id}", get(one))
        .route("/orders/{id}/cancel", post(cancel))
}

/// Whose orders `user` may see.
fn scope(user: &SignedIn) -> Scope {
    match user {
        SignedIn::Planner(_) => Scope::All,
        SignedIn::Dealer(dealer) => Scope::Dealership(dealer.dealership_id),
    }
}

/// The dealer placing or cancelling an order.
fn orderer(dealer: &Dealer) -> Orderer {
    Orderer {
        user_id: dealer.user_id,
        dealership_id: dealer.dealership_id,
    }
}

/// The statuses of ordering's refusals.
impl From<OrderError> for Error {
    fn from(error: OrderError) -> Self {
        match error {
            OrderError::Invalid(fields) => fields.into(),
            OrderError::KeyReused { .. } => Self::field("idempotency_key", error.to_string()),
            OrderError::Unplannable { index, reason } => {
                let field = match reason {
                    EarliestError::NoRoom { .. } => format!("lines[{index}].quantity"),
                    _ => format!("lines[{index}]"),
                };
                Self::field(field, reason.to_string())
            }
            OrderError::NotFound => Self::NotFound,
            OrderError::Frozen { .. } | OrderError::NotPlaced { .. } => {
                Self::Conflict(error.to_string())
            }
            OrderError::Busy => Self::Unavailable,
            OrderError::Database(error) => error.into(),
            OrderError::Plan(_) | OrderError::Broken(_) => Self::Internal(error.into()),
        }
    }
}

/// An order id from the path; anything else is no order at all.
fn order_id(text: &str) -> Result<i64, Error> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(Error::NotFound)
}

#[utoipa::path(
    post,
    path = "/orders",
    tag = "orders",
    request_body = OrderRequest,
    params(("Idempotency-Key" = String, Header, description = "A unique key per submitted cart, 1 to 128 visible ASCII characters; a retry with the same key and body answers the same order")),
    responses(
        (status = 201, description = "The order, its prices and each line's build months", body = OrderResponse),
        (status = 200, description = "A retry: the order this key already made", body = OrderResponse),
        (status = 400, description = "No or a malformed `Idempotency-Key` (field `idempotency_key`)", body = configurator_domain::api::ErrorBody),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a dealer", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "A field at fault (`market`, `lines`, `lines[i].code`, `lines[i].quantity`, an unknown field such as `price`), no room before the horizon, or the key used for another body (`idempotency_key`)", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn create(
    State(state): State<AppState>,
    dealer: Dealer,
    headers: HeaderMap,
    JsonBody(request): JsonBody<OrderRequest>,
) -> Result<Response, Error> {
    let key = IdempotencyKey::parse(headers.get("idempotency-key").map(|value| value.as_bytes()))
        .map_err(|error| Error::BadHeader {
        field: "idempotency_key",
        message: error.to_string(),
    })?;
    let placed = ordering::place(state.desk(), orderer(&dealer), &key, &request).await?;
    let status = if placed.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(placed.order)).into_response())
}

#[utoipa::path(
    get,
    path = "/orders",
    tag = "orders",
    responses(
        (status = 200, description = "A dealer's own orders, or every order for a planner; newest first", body = OrderList),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn list(
    State(state): State<AppState>,
    user: SignedIn,
) -> Result<Json<OrderList>, Error> {
    let orders = orders::list(&state.db.pool, scope(&user)).await?;
    Ok(Json(OrderList { orders }))
}

#[utoipa::path(
    get,
    path = "/orders/{id}",
    tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = OrderResponse),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 404, description = "No such order, or another dealership's", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn one(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<OrderResponse>, Error> {
    let order = orders::get(&state.db.pool, order_id(&id)?, scope(&user)).await?;
    order.map(Json).ok_or(Error::NotFound)
}

#[utoipa::path(
    post,
    path = "/orders/{id}/cancel",
    tag = "orders",
    params(("id" = i64, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The cancelled order (also when it was already cancelled)", body = OrderResponse),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a dealer", body = configurator_domain::api::ErrorBody),
        (status = 404, description = "No such order, or another dealership's", body = configurator_domain::api::ErrorBody),
        (status = 409, description = "A build month of the order is frozen", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn cancel(
    State(state): State<AppState>,
    dealer: Dealer,
    Path(id): Path<String>,
) -> Result<Json<OrderResponse>, Error> {
    let id = order_id(&id)?;
    let order = ordering::cancel(state.desk(), orderer(&dealer), id).await?;
    Ok(Json(order))
}
