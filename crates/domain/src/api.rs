//! The JSON shapes of the HTTP API under `/api/v1`, shared by the server (which answers them) and
//! the browser (which sends and reads them), so that the two cannot drift apart. Requests refuse
//! unknown fields: a client cannot slip in a `price`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod whole_number;

use crate::{
    Catalog, CurrencyCode, Lang, MarketId, ModelId,
    plan::{Allocation, MonthView, YearMonth},
    price::{Currency, OrderQuote},
    slug::slug_enum,
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
    /// A configuration code (the catalog's `default_codes` are some). One that does not decode,
    /// was made for a catalog whose choices are gone, or breaks a rule is refused with `422`
    /// naming `lines[i].code`: that much JSON Schema cannot say.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_-]{14,720}$"))]
    pub code: String,
    /// 1 to 999. Checked by the server: kept a plain number here so that a bad value gets a
    /// message naming `lines[i].quantity` rather than a parse failure.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 999))]
    #[serde(deserialize_with = "whole_number::deserialize")]
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
    /// 1 to 100 lines.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
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

/// The most configuration codes one `GET /api/v1/availability/configurations` asks about: the
/// columns of the compare page.
pub const MAX_AVAILABILITY_CODES: usize = 4;

/// `GET /api/v1/availability/configurations?code=…&code=…&quantity=…`: the answer of
/// `GET /api/v1/availability` for each code, in the order asked (public; the compare page asks
/// once for all its columns).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigurationsAvailabilityResponse {
    /// One per code asked about, in the same order; `null` where the quantity cannot all be built
    /// before the end of the planning horizon (where `GET /api/v1/availability` answers `422`
    /// naming `quantity`): one full line leaves the other configurations answered.
    pub configurations: Vec<Option<AvailabilityResponse>>,
}

/// `GET /api/v1/availability/models`: the month the first vehicle of each model would be built
/// in, for one vehicle ordered now (public; the catalog page asks once for every model).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelMonthsResponse {
    /// Per model; a model without an open month before the planning horizon ends is absent.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, String>))]
    pub first: BTreeMap<ModelId, YearMonth>,
}

/// `POST /api/v1/session`: log in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// 3 to 32 letters, digits, `.`, `_` or `-` (surrounding spaces are ignored); anything else
    /// is refused with `422` before a password is looked at.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9._-]{3,32}$"))]
    pub username: String,
    pub password: String,
}

slug_enum! {
    /// Who may do what.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "snake_case"))]
    pub enum Role {
        /// Sales staff of one dealership: quotes and orders for it.
        Dealer = "dealer",
        /// The plant's planner: the production plan.
        Planner = "planner",
    }
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
    /// 1 to 100 lines.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub lines: Vec<LineRequest>,
}

slug_enum! {
    /// Where an order stands.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "snake_case"))]
    pub enum OrderStatus {
        Placed = "placed",
        Cancelled = "cancelled",
    }
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
    /// For a placed order, its first build month that is frozen now: the order can no longer be
    /// cancelled. `None` while nothing is frozen, and for a cancelled order.
    #[serde(default)]
    pub frozen_month: Option<YearMonth>,
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

/// `GET /api/v1/orders?limit=…&cursor=…&status=…&month=…`: one page of orders, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    /// At most `limit` orders, newest (highest id) first.
    pub orders: Vec<OrderResponse>,
    /// Opaque: pass it back as `?cursor=` (with the same filters) for the next page; `null` on
    /// the last page. The server reads it as an `OrderCursor`.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// Where the next page of `GET /api/v1/orders` starts: after the oldest order of the page before.
/// Clients pass back the `next_cursor` they were given and read nothing into it; its text is
/// base64url of a versioned form, so that the server can change what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderCursor {
    /// The next page holds orders with lower ids than this.
    before: i64,
}

/// A cursor the server did not make.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid cursor `{value}`: expected the `next_cursor` of a previous page")]
pub struct OrderCursorError {
    /// The text that was given.
    pub value: String,
}

impl OrderCursor {
    /// What the text holds before base64url: a version, then the id.
    const PREFIX: &'static str = "orders.1:";

    /// The page after the one whose oldest order has id `last_id` (a positive id).
    pub fn after(last_id: i64) -> Self {
        Self { before: last_id }
    }

    /// The next page holds the orders with ids below this one.
    pub fn before_id(self) -> i64 {
        self.before
    }
}

impl fmt::Display for OrderCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{}{}", Self::PREFIX, self.before);
        f.write_str(&crate::base64::encode(text.as_bytes()))
    }
}

impl FromStr for OrderCursor {
    type Err = OrderCursorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || OrderCursorError {
            value: s.to_owned(),
        };
        // Far longer than any cursor the server makes: not worth decoding.
        if s.len() > 64 {
            return Err(error());
        }
        let bytes = crate::base64::decode(s).ok_or_else(error)?;
        let text = String::from_utf8(bytes).map_err(|_| error())?;
        let id = text
            .strip_prefix(Self::PREFIX)
            .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|id| id.parse::<i64>().ok())
            .filter(|&id| id > 0)
            .ok_or_else(error)?;
        let cursor = Self::after(id);
        // One text per cursor: `007` is not `7`.
        if cursor.to_string() == s {
            Ok(cursor)
        } else {
            Err(error())
        }
    }
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
    /// The calendar's production phases (`SKD`, then `full`), in order: what the capacity
    /// follows.
    #[serde(default)]
    pub phases: Vec<PhaseStart>,
}

/// A production phase of the plant calendar and the month it begins (it lasts until the next
/// one begins).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseStart {
    /// The phase's name in `plant.toml` (`SKD`, `full`).
    pub name: String,
    /// Its first month.
    pub first: YearMonth,
}

/// `POST /api/v1/quote-requests` (public, from a partner's page): a visitor asks the partner's
/// dealer for a quote. The server checks every field, names each one at fault, and prices the
/// configuration itself: a client-sent price is refused as an unknown field.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequestForm {
    /// The partner's id (`data/partners.toml`).
    pub partner: String,
    /// The visitor's name, 1 to 100 characters without control characters (surrounding spaces
    /// are ignored).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// A phone number (7 to 20 digits; `+`, spaces and dashes allowed) or an e-mail address.
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub contact: String,
    /// A configuration code of a model the partner shows (see `lines[i].code` of a quote).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9_-]{14,200}$"))]
    pub code: String,
    /// Vehicles, 1 to 999: a plain number so that a bad value is named `quantity`.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 999))]
    #[serde(deserialize_with = "whole_number::deserialize")]
    pub quantity: u32,
    /// At most 2000 characters; may be empty.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    #[serde(default)]
    pub message: String,
    /// The market to price in; the partner's default market when absent.
    #[serde(default)]
    pub market: Option<MarketId>,
}

slug_enum! {
    /// Where a visitor's quote request stands with the dealer.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "snake_case"))]
    pub enum QuoteRequestStatus {
        /// Not yet answered.
        New = "new",
        /// The dealer has contacted the visitor.
        Contacted = "contacted",
        /// Done with.
        Closed = "closed",
    }
}

/// `GET /api/v1/partners/{id}` (public): what a configurator embedded in a partner's pages needs
/// to know of the partner (`data/partners.toml` less the dealership).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerProfile {
    pub id: String,
    pub name: String,
    /// The market prices are shown in unless the page names another.
    pub market: MarketId,
    /// The language shown unless the page names another.
    pub language: Lang,
    /// The models the partner shows, in its order.
    pub models: Vec<ModelId>,
    /// The origins (`scheme://host[:port]`) whose pages may embed the configurator: the
    /// iframe mode posts its events to these only.
    pub allowed_origins: Vec<String>,
}

/// The answer to `POST /api/v1/quote-requests` (`201`): the stored request and the server's price.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRequestCreated {
    pub id: i64,
    pub status: QuoteRequestStatus,
    /// The total with VAT for the quantity, in minor units of `currency`.
    pub total: i64,
    pub currency: CurrencyCode,
    /// Digits of the currency's minor unit.
    pub minor_digits: u8,
}

/// A visitor's quote request as the partner's dealer sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerQuoteRequest {
    pub id: i64,
    pub status: QuoteRequestStatus,
    /// The partner's id and name.
    pub partner: String,
    pub partner_name: String,
    pub name: String,
    pub contact: String,
    /// The configuration code, as sent: opens the configurator or becomes a cart line.
    pub code: String,
    pub model: ModelId,
    pub quantity: u32,
    pub message: String,
    pub market: MarketId,
    /// The catalog version the price comes from.
    pub catalog_version: String,
    /// The server's total with VAT when the request was made, in minor units of `currency`.
    pub total: i64,
    pub currency: CurrencyCode,
    pub minor_digits: u8,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// `GET /api/v1/quote-requests` (dealers): the requests of the partners of the dealer's
/// dealership, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRequestList {
    pub requests: Vec<PartnerQuoteRequest>,
}

/// `PATCH /api/v1/quote-requests/{id}` (dealers): a new status.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequestUpdate {
    pub status: QuoteRequestStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_cursor_reads_back_what_it_wrote() {
        for id in [1, 42, 1_000_000, i64::MAX] {
            let text = OrderCursor::after(id).to_string();
            assert!(!text.contains(&id.to_string()), "opaque: {text}");
            assert_eq!(
                text.parse::<OrderCursor>().map(OrderCursor::before_id),
                Ok(id)
            );
        }
    }

    #[test]
    fn a_cursor_the_server_did_not_make_is_refused() {
        let encoded = |text: &str| crate::base64::encode(text.as_bytes());
        let long = "A".repeat(68);
        for text in [
            String::new(),
            "42".to_owned(),
            "not a cursor!".to_owned(),
            encoded("orders.1:"),
            encoded("orders.1:0"),
            encoded("orders.1:-5"),
            encoded("orders.1:+5"),
            encoded("orders.1:007"),
            encoded("orders.1:99999999999999999999"),
            encoded("orders.2:5"),
            long,
        ] {
            assert_eq!(
                text.parse::<OrderCursor>(),
                Err(OrderCursorError {
                    value: text.clone()
                }),
                "{text}"
            );
        }
        assert_eq!(
            "x".parse::<OrderCursor>().map_err(|e| e.to_string()),
            Err("invalid cursor `x`: expected the `next_cursor` of a previous page".to_owned())
        );
    }
}
