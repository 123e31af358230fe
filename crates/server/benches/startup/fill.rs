//! Stores a [`History`] as the server stores orders: each order priced by the server's own
//! `lines::check` and `lines::price` (its quote snapshot, line totals and request hash), its lines
//! with their allocations, an idempotency key, cancelled orders marked so, and the plan's events
//! with their sequence numbers. Ids are given explicitly (the database is fresh, so they are the
//! ones the server would have given); many rows go to one `INSERT` and thousands of orders to one
//! transaction.

use configurator_domain::{
    api::{LineRequest, OrderRequest},
    price::Currency,
};
use configurator_plan::YearMonth;
use configurator_server::{
    data::Data,
    db::{Backend, Database},
    lines,
    store::{Tx, events::Kind},
};
use sha2::{Digest as _, Sha256};

use crate::history::{History, Order};

/// Bound values per statement: the fastest measured on 20,000 order lines. sqlx's SQLite driver
/// takes time growing with the square of a statement's values (30,000 values a statement fill 50
/// times slower than 120); PostgreSQL gains little past 1,000.
fn binds_per_statement(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 120,
        Backend::Postgres => 1000,
    }
}
/// Orders (with their lines, allocations and keys) per transaction.
const ORDERS_PER_TRANSACTION: usize = 10_000;
/// Events per transaction.
const EVENTS_PER_TRANSACTION: usize = 100_000;

enum Value {
    Int(i64),
    Text(String),
    Null,
}

/// Rows for one table, written many to a statement.
struct Rows {
    table: &'static str,
    columns: &'static [&'static str],
    values: Vec<Value>,
}

impl Rows {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            table,
            columns,
            values: Vec::new(),
        }
    }

    fn push<const N: usize>(&mut self, row: [Value; N]) {
        assert_eq!(
            N,
            self.columns.len(),
            "a value for every column of {}",
            self.table
        );
        self.values.extend(row);
    }

    async fn insert(&self, tx: &mut Tx<'_>, binds: usize) -> Result<(), sqlx::Error> {
        let width = self.columns.len();
        for chunk in self.values.chunks((binds / width).max(1) * width) {
            let rows: Vec<String> = (0..chunk.len() / width)
                .map(|row| {
                    let marks: Vec<String> = (1..=width)
                        .map(|c| format!("${}", row * width + c))
                        .collect();
                    format!("({})", marks.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                self.table,
                self.columns.join(", "),
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for value in chunk {
                query = match value {
                    Value::Int(value) => query.bind(*value),
                    Value::Text(value) => query.bind(value.as_str()),
                    Value::Null => query.bind(None::<String>),
                };
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// A UTC timestamp inside `month` that is in that month at the plant too (+06:00).
fn timestamp(month: YearMonth, id: i64) -> String {
    let (day, minute) = (1 + id % 28, id % (17 * 60));
    format!("{month}-{day:02}T{:02}:{:02}:07Z", minute / 60, minute % 60)
}

/// Stores `history`; `dealers` are the two dealers' (user id, dealership id).
pub async fn fill(
    db: &Database,
    data: &Data,
    history: &History,
    dealers: [(i64, i64); 2],
) -> anyhow::Result<()> {
    let binds = binds_per_statement(db.backend);
    for orders in history.orders.chunks(ORDERS_PER_TRANSACTION) {
        let mut tx = db.pool.begin().await?;
        for rows in order_rows(data, history, orders, dealers)? {
            rows.insert(&mut tx, binds).await?;
        }
        tx.commit().await?;
    }
    for (chunk, events) in history.events.chunks(EVENTS_PER_TRANSACTION).enumerate() {
        let mut rows = Rows::new("plan_events", &["seq", "kind", "order_id", "month"]);
        for (i, event) in events.iter().enumerate() {
            let kind = match event.kind {
                Kind::Order => "order",
                Kind::Cancel => "cancel",
            };
            rows.push([
                Value::Int(i64::try_from(chunk * EVENTS_PER_TRANSACTION + i + 1)?),
                Value::Text(kind.to_owned()),
                Value::Int(history.orders[event.order].id),
                Value::Text(event.month.to_string()),
            ]);
        }
        let mut tx = db.pool.begin().await?;
        rows.insert(&mut tx, binds).await?;
        tx.commit().await?;
    }
    settle(db).await
}

/// The rows of `orders`, in the order their foreign keys need: orders, lines, allocations, keys.
fn order_rows(
    data: &Data,
    history: &History,
    orders: &[Order],
    dealers: [(i64, i64); 2],
) -> anyhow::Result<[Rows; 4]> {
    let mut order_rows = Rows::new(
        "orders",
        &[
            "id",
            "dealership_id",
            "user_id",
            "status",
            "market",
            "currency",
            "catalog_version",
            "order_month",
            "created_at",
            "cancelled_at",
            "net_minor",
            "vat_minor",
            "total_minor",
            "quote_json",
        ],
    );
    let mut line_rows = Rows::new(
        "order_lines",
        &[
            "id",
            "order_id",
            "position",
            "code",
            "model",
            "plant_line",
            "kit",
            "quantity",
            "total_minor",
        ],
    );
    let mut part_rows = Rows::new("allocations", &["order_line_id", "month", "units"]);
    let mut key_rows = Rows::new(
        "idempotency_keys",
        &[
            "dealership_id",
            "idempotency_key",
            "request_sha256",
            "order_id",
        ],
    );
    let markets = data.catalog.markets();
    for order in orders {
        let (user_id, dealership_id) = dealers[order.dealer];
        let request = OrderRequest {
            market: markets[order.dealer % markets.len()].id.clone(),
            lines: order
                .lines
                .iter()
                .map(|line| LineRequest {
                    code: history.models[line.model].code.clone(),
                    quantity: line.quantity,
                })
                .collect(),
        };
        let checked = lines::check(&data.catalog, &request.market, &request.lines)?;
        let quote = lines::price(&data.catalog, &request.market, &checked, Currency::Local)?;
        let (status, cancelled_at) = match order.cancelled {
            Some(month) => ("cancelled", Value::Text(timestamp(month, order.id + 1))),
            None => ("placed", Value::Null),
        };
        order_rows.push([
            Value::Int(order.id),
            Value::Int(dealership_id),
            Value::Int(user_id),
            Value::Text(status.to_owned()),
            Value::Text(request.market.to_string()),
            Value::Text(quote.currency.as_str().to_owned()),
            Value::Text(quote.lines[0].catalog_version.clone()),
            Value::Text(order.month.to_string()),
            Value::Text(timestamp(order.month, order.id)),
            cancelled_at,
            Value::Int(quote.net),
            Value::Int(quote.vat),
            Value::Int(quote.total),
            Value::Text(serde_json::to_string(&quote)?),
        ]);
        for (position, (line, priced)) in order.lines.iter().zip(&quote.lines).enumerate() {
            let model = &history.models[line.model];
            line_rows.push([
                Value::Int(line.id),
                Value::Int(order.id),
                Value::Int(i64::try_from(position)?),
                Value::Text(model.code.clone()),
                Value::Text(model.id.to_string()),
                Value::Text(model.line.to_string()),
                Value::Text(model.kit.to_string()),
                Value::Int(i64::from(line.quantity)),
                Value::Int(priced.total),
            ]);
            for part in &line.parts {
                part_rows.push([
                    Value::Int(line.id),
                    Value::Text(part.month.to_string()),
                    Value::Int(i64::from(part.units)),
                ]);
            }
        }
        let hash: String = Sha256::digest(serde_json::to_vec(&request)?)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        key_rows.push([
            Value::Int(dealership_id),
            Value::Text(format!("cart-{:016x}", order.id)),
            Value::Text(hash),
            Value::Int(order.id),
        ]);
    }
    Ok([order_rows, line_rows, part_rows, key_rows])
}

/// Leaves the database as a server's at rest: PostgreSQL's sequences past the ids given and its
/// statistics gathered (as autovacuum would), SQLite's write-ahead log checkpointed.
async fn settle(db: &Database) -> anyhow::Result<()> {
    match db.backend {
        Backend::Postgres => {
            for (table, column) in [
                ("orders", "id"),
                ("order_lines", "id"),
                ("plan_events", "seq"),
            ] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
                     (SELECT MAX({column}) FROM {table}))"
                );
                sqlx::query(&sql).execute(&db.pool).await?;
            }
            sqlx::query("ANALYZE").execute(&db.pool).await?;
        }
        Backend::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(())
}
