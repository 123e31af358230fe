//! Orders as rows: writing a new order (with its lines, allocations and idempotency key) inside the
//! caller's transaction, cancelling one, and reading them back as the API's `OrderResponse`.

use std::collections::BTreeMap;

use configurator_domain::{
    MarketId, ModelId,
    api::{OrderLineResponse, OrderResponse, OrderStatus},
    plan::{Allocation, KitId, LineId, YearMonth},
    price::OrderQuote,
};
use sqlx::{AnyConnection, AnyPool};

use super::{Tx, narrow, parse};

/// An order to write: every price is the server's own.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub dealership_id: i64,
    pub user_id: i64,
    pub market: &'a MarketId,
    pub order_month: YearMonth,
    pub created_at: &'a str,
    pub quote: &'a OrderQuote,
    pub lines: Vec<NewLine<'a>>,
}

/// One line of a new order; its price is the matching line of the order's quote.
#[derive(Debug, Clone)]
pub struct NewLine<'a> {
    pub code: &'a str,
    pub model: &'a ModelId,
    pub line: &'a LineId,
    pub kit: &'a KitId,
    pub quantity: u32,
    pub total_minor: i64,
}

/// Writes the order and its lines; returns the order's id and each line's id, in order.
pub async fn insert(tx: &mut Tx<'_>, order: &NewOrder<'_>) -> Result<(i64, Vec<i64>), sqlx::Error> {
    let quote_json =
        serde_json::to_string(order.quote).map_err(|error| sqlx::Error::Encode(error.into()))?;
    let catalog_version = order
        .quote
        .lines
        .first()
        .map_or("", |line| line.catalog_version.as_str());
    let (order_id,): (i64,) = sqlx::query_as(
        "INSERT INTO orders (dealership_id, user_id, status, market, currency, catalog_version, \
         order_month, created_at, net_minor, vat_minor, total_minor, quote_json) \
         VALUES ($1, $2, 'placed', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(order.dealership_id)
    .bind(order.user_id)
    .bind(order.market.as_str())
    .bind(order.quote.currency.as_str())
    .bind(catalog_version)
    .bind(order.order_month.to_string())
    .bind(order.created_at)
    .bind(order.quote.net)
    .bind(order.quote.vat)
    .bind(order.quote.total)
    .bind(quote_json)
    .fetch_one(&mut **tx)
    .await?;
    let mut line_ids = Vec::with_capacity(order.lines.len());
    for (position, line) in order.lines.iter().enumerate() {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO order_lines (order_id, position, code, model, plant_line, kit, quantity, \
             total_minor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(order_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(line.code)
        .bind(line.model.as_str())
        .bind(line.line.as_str())
        .bind(line.kit.as_str())
        .bind(i64::from(line.quantity))
        .bind(line.total_minor)
        .fetch_one(&mut **tx)
        .await?;
        line_ids.push(id);
    }
    Ok((order_id, line_ids))
}

/// Writes the build months of an order line.
pub async fn insert_allocations(
    tx: &mut Tx<'_>,
    line_id: i64,
    parts: &[Allocation],
) -> Result<(), sqlx::Error> {
    for part in parts {
        sqlx::query("INSERT INTO allocations (order_line_id, month, units) VALUES ($1, $2, $3)")
            .bind(line_id)
            .bind(part.month.to_string())
            .bind(i64::from(part.units))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Binds an idempotency key (per dealership) to the order it made.
pub async fn insert_key(
    tx: &mut Tx<'_>,
    dealership_id: i64,
    key: &str,
    request_sha256: &str,
    order_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO idempotency_keys (dealership_id, idempotency_key, request_sha256, order_id) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(dealership_id)
    .bind(key)
    .bind(request_sha256)
    .bind(order_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The order an idempotency key made and the hash of the request that made it.
pub async fn find_key(
    conn: &mut AnyConnection,
    dealership_id: i64,
    key: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT order_id, request_sha256 FROM idempotency_keys \
         WHERE dealership_id = $1 AND idempotency_key = $2",
    )
    .bind(dealership_id)
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Marks a placed order cancelled; false if it was not placed.
pub async fn mark_cancelled(tx: &mut Tx<'_>, order_id: i64, at: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE orders SET status = 'cancelled', cancelled_at = $1 \
         WHERE id = $2 AND status = 'placed'",
    )
    .bind(at)
    .bind(order_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whose orders to read: one dealership's, or everyone's (planners).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Dealership(i64),
    All,
}

impl Scope {
    fn dealership(self) -> i64 {
        match self {
            Self::Dealership(id) => id,
            Self::All => -1,
        }
    }
}

type OrderRow = (i64, String, String, String, String, String, String, String);
type LineRow = (i64, i64, String, String, i64);

/// The filter of every read: `$1` the dealership or -1, `$2` the order or -1.
const FILTER: &str = "($1 < 0 OR o.dealership_id = $1) AND ($2 < 0 OR o.id = $2)";

/// One order, if it exists in `scope`.
pub async fn get(
    pool: &AnyPool,
    id: i64,
    scope: Scope,
) -> Result<Option<OrderResponse>, sqlx::Error> {
    Ok(read(pool, scope, id).await?.pop())
}

/// The orders in `scope`, newest first.
pub async fn list(pool: &AnyPool, scope: Scope) -> Result<Vec<OrderResponse>, sqlx::Error> {
    read(pool, scope, -1).await
}

/// The orders matching the filter with their lines and allocations: three queries, whatever the
/// count.
async fn read(pool: &AnyPool, scope: Scope, order: i64) -> Result<Vec<OrderResponse>, sqlx::Error> {
    let dealership = scope.dealership();
    let rows: Vec<OrderRow> = sqlx::query_as(&format!(
        "SELECT o.id, o.status, d.name, o.market, o.catalog_version, o.created_at, \
         o.order_month, o.quote_json FROM orders o JOIN dealerships d ON d.id = o.dealership_id \
         WHERE {FILTER} ORDER BY o.id DESC"
    ))
    .bind(dealership)
    .bind(order)
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let lines: Vec<LineRow> = sqlx::query_as(&format!(
        "SELECT l.order_id, l.id, l.code, l.model, l.quantity FROM order_lines l \
         JOIN orders o ON o.id = l.order_id WHERE {FILTER} ORDER BY l.order_id, l.position"
    ))
    .bind(dealership)
    .bind(order)
    .fetch_all(pool)
    .await?;
    let parts: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.order_line_id, a.month, a.units FROM allocations a \
         JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id \
         WHERE {FILTER} ORDER BY a.order_line_id, a.month"
    ))
    .bind(dealership)
    .bind(order)
    .fetch_all(pool)
    .await?;
    let mut allocations: BTreeMap<i64, Vec<Allocation>> = BTreeMap::new();
    for (line_id, month, units) in parts {
        allocations.entry(line_id).or_default().push(Allocation {
            month: parse(&month, "allocations.month")?,
            units: narrow(units, "allocations.units")?,
        });
    }
    let mut by_order: BTreeMap<i64, Vec<OrderLineResponse>> = BTreeMap::new();
    for (order_id, line_id, code, model, quantity) in lines {
        by_order
            .entry(order_id)
            .or_default()
            .push(OrderLineResponse {
                code,
                model: parse(&model, "order_lines.model")?,
                quantity: narrow(quantity, "order_lines.quantity")?,
                allocations: allocations.remove(&line_id).unwrap_or_default(),
            });
    }
    rows.into_iter()
        .map(
            |(id, status, dealership, market, version, created_at, month, quote)| {
                Ok(OrderResponse {
                    id,
                    status: status_of(&status),
                    dealership,
                    market: parse(&market, "orders.market")?,
                    catalog_version: version,
                    created_at,
                    order_month: parse(&month, "orders.order_month")?,
                    quote: serde_json::from_str(&quote)
                        .map_err(|error| sqlx::Error::Decode(error.into()))?,
                    lines: by_order.remove(&id).unwrap_or_default(),
                })
            },
        )
        .collect()
}

/// The ids of an order's lines, in order.
pub async fn line_ids(conn: &mut AnyConnection, order_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM order_lines WHERE order_id = $1 ORDER BY position")
            .bind(order_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The status of one of a dealership's orders, if it has that order.
pub async fn status(
    conn: &mut AnyConnection,
    order_id: i64,
    dealership_id: i64,
) -> Result<Option<OrderStatus>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT status FROM orders WHERE id = $1 AND dealership_id = $2")
            .bind(order_id)
            .bind(dealership_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(status,)| status_of(&status)))
}

fn status_of(text: &str) -> OrderStatus {
    if text == "cancelled" {
        OrderStatus::Cancelled
    } else {
        OrderStatus::Placed
    }
}
