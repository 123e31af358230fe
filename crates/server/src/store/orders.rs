//! Orders as rows: writing a new order (with its lines, allocations and idempotency key) inside the
//! caller's transaction, finding the orders idempotency keys made, cancelling one, and reading
//! them back as the API's `OrderResponse`, one or a filtered page at a time.

use std::collections::{BTreeMap, HashMap};

use configurator_domain::{
    MarketId, ModelId,
    api::{OrderLineResponse, OrderResponse, OrderStatus},
    price::OrderQuote,
};
use configurator_plan::{Allocation, KitId, LineId, YearMonth};
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

/// The orders that any of these `(dealership, key)` pairs already made, with the hash of the
/// request that made each: one query for a batch of submissions, a primary-key lookup per pair.
pub async fn find_keys(
    conn: &mut AnyConnection,
    keys: &[(i64, &str)],
) -> Result<HashMap<(i64, String), (i64, String)>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let mut args = Vec::with_capacity(keys.len() * 2);
    let mut conditions = Vec::with_capacity(keys.len());
    for &(dealership_id, key) in keys {
        args.push(Arg::Int(dealership_id));
        args.push(Arg::Text(key.to_owned()));
        let n = args.len();
        conditions.push(format!(
            "(dealership_id = ${} AND idempotency_key = ${n})",
            n - 1
        ));
    }
    let sql = format!(
        "SELECT dealership_id, idempotency_key, order_id, request_sha256 FROM idempotency_keys \
         WHERE {}",
        conditions.join(" OR ")
    );
    let rows: Vec<(i64, String, i64, String)> = bind_all(sqlx::query_as(&sql), &args)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(dealership_id, key, order_id, hash)| ((dealership_id, key), (order_id, hash)))
        .collect())
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

/// Which orders [`list`] reads: a page of them, newest (highest id) first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    pub scope: Scope,
    /// Only orders with lower ids: the page after the one that ended there.
    pub before: Option<i64>,
    pub status: Option<OrderStatus>,
    /// Only orders with a vehicle built in this month (an allocation in it).
    pub month: Option<YearMonth>,
    /// At most this many orders (the caller keeps it small).
    pub limit: u32,
}

/// One page of orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Newest first.
    pub orders: Vec<OrderResponse>,
    /// The next page's [`ListFilter::before`]: the id of the page's last order, or `None` on the
    /// last page.
    pub next_before: Option<i64>,
}

type OrderRow = (i64, String, String, String, String, String, String, String);
type LineRow = (i64, i64, String, String, i64);

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
enum Arg {
    Int(i64),
    Text(String),
}

/// The `WHERE` clause of an order query over `orders o`, and the values of its placeholders.
#[derive(Debug, Default)]
struct Where {
    conditions: Vec<String>,
    args: Vec<Arg>,
}

impl Where {
    /// Adds a condition on one value, written `?` in `condition` (numbered `$n` here: both
    /// backends take `$n`).
    fn and(&mut self, condition: &str, arg: Arg) {
        self.args.push(arg);
        let placeholder = format!("${}", self.args.len());
        self.conditions.push(condition.replace('?', &placeholder));
    }

    fn sql(&self) -> String {
        if self.conditions.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.conditions.join(" AND ")
        }
    }

    fn scope(&mut self, scope: Scope) {
        if let Scope::Dealership(id) = scope {
            self.and("o.dealership_id = ?", Arg::Int(id));
        }
    }
}

/// Binds `args` in order.
fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    args: &'q [Arg],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for arg in args {
        query = match arg {
            Arg::Int(value) => query.bind(*value),
            Arg::Text(value) => query.bind(value.as_str()),
        };
    }
    query
}

/// One order, if it exists in `scope`.
pub async fn get(
    pool: &AnyPool,
    id: i64,
    scope: Scope,
) -> Result<Option<OrderResponse>, sqlx::Error> {
    let mut filter = Where::default();
    filter.scope(scope);
    filter.and("o.id = ?", Arg::Int(id));
    let rows = order_rows(pool, &filter, 1).await?;
    Ok(complete(pool, rows).await?.pop())
}

/// A page of the orders matching `filter`, newest first: keyset pagination on the id, so that
/// orders placed meanwhile (with higher ids) never shift a page. Three queries per page: the
/// orders (one more than the page, to know whether another follows), then the lines and the
/// allocations of the page's orders only.
pub async fn list(pool: &AnyPool, filter: &ListFilter) -> Result<Page, sqlx::Error> {
    let mut clause = Where::default();
    clause.scope(filter.scope);
    if let Some(before) = filter.before {
        clause.and("o.id < ?", Arg::Int(before));
    }
    if let Some(status) = filter.status {
        clause.and("o.status = ?", Arg::Text(status_text(status).to_owned()));
    }
    if let Some(month) = filter.month {
        clause.and(
            "EXISTS (SELECT 1 FROM order_lines ml JOIN allocations ma ON ma.order_line_id = ml.id \
             WHERE ml.order_id = o.id AND ma.month = ?)",
            Arg::Text(month.to_string()),
        );
    }
    let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
    let mut rows = order_rows(pool, &clause, i64::from(filter.limit) + 1).await?;
    let next_before = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|row| row.0)
    } else {
        None
    };
    Ok(Page {
        orders: complete(pool, rows).await?,
        next_before,
    })
}

fn status_text(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Placed => "placed",
        OrderStatus::Cancelled => "cancelled",
    }
}

/// At most `limit` orders matching `filter`, newest first.
async fn order_rows(
    pool: &AnyPool,
    filter: &Where,
    limit: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let sql = format!(
        "SELECT o.id, o.status, d.name, o.market, o.catalog_version, o.created_at, \
         o.order_month, o.quote_json FROM orders o JOIN dealerships d ON d.id = o.dealership_id \
         WHERE {} ORDER BY o.id DESC LIMIT ${}",
        filter.sql(),
        filter.args.len() + 1
    );
    bind_all(sqlx::query_as(&sql), &filter.args)
        .bind(limit)
        .fetch_all(pool)
        .await
}

/// `$1, $2, …` for `n` values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The orders of `rows` with their lines and allocations, in the order of `rows`: two more
/// queries, restricted to these orders.
async fn complete(pool: &AnyPool, rows: Vec<OrderRow>) -> Result<Vec<OrderResponse>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Arg> = rows.iter().map(|row| Arg::Int(row.0)).collect();
    let within = placeholders(ids.len());
    let lines_sql = format!(
        "SELECT l.order_id, l.id, l.code, l.model, l.quantity FROM order_lines l \
         WHERE l.order_id IN ({within}) ORDER BY l.order_id, l.position"
    );
    let lines: Vec<LineRow> = bind_all(sqlx::query_as(&lines_sql), &ids)
        .fetch_all(pool)
        .await?;
    let parts_sql = format!(
        "SELECT a.order_line_id, a.month, a.units FROM allocations a \
         JOIN order_lines l ON l.id = a.order_line_id \
         WHERE l.order_id IN ({within}) ORDER BY a.order_line_id, a.month"
    );
    let parts: Vec<(i64, String, i64)> = bind_all(sqlx::query_as(&parts_sql), &ids)
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
                    // Not stored: it depends on the month it is read in.
                    frozen_month: None,
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
