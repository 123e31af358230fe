//! `/api/v1/orders`: submit (dealers, with an `Idempotency-Key`), list (a page at a time, newest
//! first, by status or build month), read one, cancel. A dealer sees only its dealership's orders
//! (another's is a `404`); a planner may read every order.
//! The work is in [`crate::ordering`] and [`crate::store::orders`].

use std::collections::BTreeMap;

use axum::{
    Json, Router,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use configurator_domain::api::{OrderCursor, OrderList, OrderRequest, OrderResponse, OrderStatus};
use configurator_plan::{EarliestError, YearMonth};

use super::{AppState, Error, json::JsonBody};
use crate::lines::FieldErrors;
use crate::{
    auth::{Dealer, SignedIn},
    ordering::{self, IdempotencyKey, OrderError, Orderer},
    store::orders::{self, ListFilter, Scope},
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
            OrderError::Sync(_) | OrderError::Broken(_) => Self::Internal(error.into()),
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
    params(("Idempotency-Key" = String, Header, pattern = r"^[!-~]{1,128}$", description = "A unique key per submitted cart, 1 to 128 visible ASCII characters; a retry with the same key and body answers the same order")),
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
    Ok((status, Json(with_frozen_month(&state, placed.order))).into_response())
}

/// `order` with its first build month that is frozen this month, if it is placed.
fn with_frozen_month(state: &AppState, mut order: OrderResponse) -> OrderResponse {
    let today = state.clock.month();
    order.frozen_month = (order.status == OrderStatus::Placed)
        .then(|| {
            order
                .lines
                .iter()
                .flat_map(|line| &line.allocations)
                .map(|part| part.month)
                .filter(|&month| state.data.calendar.is_frozen(month, today))
                .min()
        })
        .flatten();
    order
}

/// Orders per page without `limit`.
const DEFAULT_LIMIT: u32 = 50;
/// The most orders per page `limit` may ask for.
const MAX_LIMIT: u32 = 200;
/// The parameters of `GET /orders`.
const LIST_PARAMS: [&str; 4] = ["limit", "cursor", "status", "month"];

type RawQuery = Result<Query<BTreeMap<String, String>>, QueryRejection>;

/// The query of `GET /orders`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query for OpenAPI; parsed by hand to name fields"
)]
pub(super) struct ListParams {
    /// Orders per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The `next_cursor` of the page before, with the same filters (default: the first page); a
    /// text that is not one is refused with `422`.
    #[param(min_length = 1)]
    cursor: Option<String>,
    /// Only orders with this status.
    status: Option<OrderStatus>,
    /// Only orders with a vehicle built in this month, `YYYY-MM`.
    #[param(pattern = r"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])$")]
    month: Option<String>,
}

/// The parameter `name`, parsed, if it is there; a message under `name` in `errors` if it is
/// at fault.
fn param<T>(
    query: &BTreeMap<String, String>,
    name: &str,
    errors: &mut BTreeMap<String, Vec<String>>,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Option<T> {
    let text = query.get(name)?;
    parse(text)
        .map_err(|message| errors.entry(name.to_owned()).or_default().push(message))
        .ok()
}

/// The page asked for, every parameter checked; a 422 names each one at fault.
fn list_filter(scope: Scope, query: RawQuery) -> Result<ListFilter, Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    let mut errors = BTreeMap::new();
    for unknown in query.keys().filter(|k| !LIST_PARAMS.contains(&k.as_str())) {
        let message = "unknown parameter: expected `limit`, `cursor`, `status` and `month`";
        errors.insert(unknown.clone(), vec![message.to_owned()]);
    }
    let limit = param(&query, "limit", &mut errors, |text| {
        text.parse::<u32>()
            .ok()
            .filter(|limit| (1..=MAX_LIMIT).contains(limit))
            .ok_or_else(|| format!("expected 1 to {MAX_LIMIT} orders per page, got `{text}`"))
    });
    let cursor = param(&query, "cursor", &mut errors, |text| {
        text.parse::<OrderCursor>()
            .map_err(|error| error.to_string())
    });
    let status = param(&query, "status", &mut errors, |text| {
        text.parse::<OrderStatus>()
            .map_err(|error| error.to_string())
    });
    let month = param(&query, "month", &mut errors, |text| {
        text.parse::<YearMonth>().map_err(|error| error.to_string())
    });
    if !errors.is_empty() {
        return Err(FieldErrors(errors).into());
    }
    Ok(ListFilter {
        scope,
        before: cursor.map(OrderCursor::before_id),
        status,
        month,
        limit: limit.unwrap_or(DEFAULT_LIMIT),
    })
}

#[utoipa::path(
    get,
    path = "/orders",
    tag = "orders",
    params(ListParams),
    responses(
        (status = 200, description = "A page of a dealer's own orders, or of every order for a planner; newest first. `next_cursor` asks for the next page; `null` on the last", body = OrderList),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "A parameter at fault, named: `limit`, `cursor`, `status`, `month`, or an unknown one", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    query: RawQuery,
) -> Result<Json<OrderList>, Error> {
    let filter = list_filter(scope(&user), query)?;
    let page = orders::list(&state.db.pool, &filter).await?;
    Ok(Json(OrderList {
        orders: page
            .orders
            .into_iter()
            .map(|order| with_frozen_month(&state, order))
            .collect(),
        next_cursor: page
            .next_before
            .map(|id| OrderCursor::after(id).to_string()),
    }))
}

#[utoipa::path(
    get,
    path = "/orders/{id}",
    tag = "orders",
    params(("id" = i64, Path, minimum = 1, description = "The order's id")),
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
    order
        .map(|order| Json(with_frozen_month(&state, order)))
        .ok_or(Error::NotFound)
}

#[utoipa::path(
    post,
    path = "/orders/{id}/cancel",
    tag = "orders",
    params(("id" = i64, Path, minimum = 1, description = "The order's id")),
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
    Ok(Json(with_frozen_month(&state, order)))
}
