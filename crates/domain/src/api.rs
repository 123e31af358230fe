//! The JSON shapes of the HTTP API under `/api/v1`, shared by the server (which answers them) and
//! the browser (which sends and reads them), so that the two cannot drift apart. Requests refuse
//! unknown fields: a client cannot slip in a `price`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    Catalog, MarketId, ModelId,
    plan::{Allocation, MonthView, YearMonth},
    price::{Currency, OrderQuote},
};

/// The error shape of every non-2xx answer: `{ "error": { "code", "message", "fields"? } }`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, for people (`message`) and programs (`code`, `fields`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable and machine-readable: `not_found`, `validation`, `unauthorized`, …
    pub code: String,
    /// One sentence naming the field and the value.
    pub message: String,
    /// Messages per request field (`lines[0].quantity`), when fields are to blame.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Vec<String>>,
}

/// `GET /api/v1/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// `GET /api/v1/catalog`: the catalog and each model's default configuration code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogResponse {
    /// The catalog in the shape of `data/catalog.toml` (see `data/README.md`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub catalog: Catalog,
    pub default_codes: BTreeMap<ModelId, String>,
}

/// One configured line of a quote or an order: a configuration code and how many.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRequest {
    pub code: String,
    /// Checked by the server (1 to 999): kept a plain number here so that a bad value gets a
    /// message naming `lines[i].quantity` rather than a parse failure.
    pub quantity: u32,
}

/// `POST /api/v1/quotes`: price lines in a market (public).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    pub market: MarketId,
    /// `local` (default) or `usd`.
    #[serde(default)]
    pub currency: Currency,
    pub lines: Vec<LineRequest>,
}

/// `GET /api/v1/availability?code=…&quantity=…`: the earliest build months (public).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityResponse {
    pub model: ModelId,
    pub quantity: u32,
    /// The month the first unit would be built.
    pub first: YearMonth,
    /// The month the last unit would be built.
    pub last: YearMonth,
}

/// `POST /api/v1/session`: log in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Who may do what.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sales staff of one dealership: quotes and orders for it.
    Dealer,
    /// The plant's planner: the production plan.
    Planner,
}

/// `GET /api/v1/session` and the answer to a login: the user behind the session cookie.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    pub username: String,
    pub role: Role,
    /// The dealership's name, for dealers.
    pub dealership: Option<String>,
}

/// `POST /api/v1/orders` (with an `Idempotency-Key` header): lines to build.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    pub market: MarketId,
    pub lines: Vec<LineRequest>,
}

/// Where an order stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    Cancelled,
}

/// An order as stored: the server's prices and the build months of each line.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderResponse {
    pub id: i64,
    pub status: OrderStatus,
    pub dealership: String,
    pub market: MarketId,
    pub catalog_version: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The month the order was placed in (allocations start after its kit lead time).
    pub order_month: YearMonth,
    /// The price snapshot, in the market's currency.
    pub quote: OrderQuote,
    /// Per line, in the order of the request: the codes and their build months.
    pub lines: Vec<OrderLineResponse>,
}

/// One line of a stored order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineResponse {
    pub code: String,
    pub model: ModelId,
    pub quantity: u32,
    /// The build months: more than one when a fleet is split over months.
    pub allocations: Vec<Allocation>,
}

/// `GET /api/v1/orders`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<OrderResponse>,
}

/// `GET /api/v1/plan?from=…&to=…` (planners): the plan per month and assembly line; without a
/// range, the whole planning horizon.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanResponse {
    /// The plant calendar's version (`plant.toml`).
    pub calendar_version: String,
    /// The first month shown.
    pub from: YearMonth,
    /// The last month shown.
    pub to: YearMonth,
    /// The current month: it and the `frozen_months` after it are frozen.
    pub today: YearMonth,
    /// Months after the current one whose plan is fixed.
    pub frozen_months: u32,
    /// Each month from `from` to `to`, each line in `plant.toml` order.
    pub months: Vec<MonthView>,
}
