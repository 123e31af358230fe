//! The database a test's server processes share, and what the test reads back from it directly.
//! SQLite: a file in the test's temporary folder. PostgreSQL: a database of its own on the server
//! named by `TEST_DATABASE_URL` (the server creates it at start-up; it is dropped after the test);
//! `on_both_databases!` runs a test on each. [`Stored`] is the plan as stored, with the checks
//! every test makes: no month and line over its capacity, every placed order line allocated
//! exactly its quantity.

use std::collections::BTreeMap;

use configurator_plan::PlantCalendar;
use sqlx::{AnyPool, any::AnyPoolOptions};

use crate::pg::PgDatabase;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestDb)` on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::process::db::{Backend, TestDb};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(TestDb::new(Backend::Sqlite).await.expect("sqlite is always there")).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match TestDb::new(Backend::Postgres).await {
                    Some(db) => super::$name(db).await,
                    None => eprintln!("skipped: TEST_DATABASE_URL is not set"),
                }
            }
        }
    )*};
}

/// A fresh database for one test, and the test's scratch folder (logs, an empty front end).
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pub folder: tempfile::TempDir,
    /// PostgreSQL's database, dropped after the test.
    _postgres: Option<PgDatabase>,
}

impl TestDb {
    /// `None` for PostgreSQL without `TEST_DATABASE_URL` (a failure if `REQUIRE_TEST_DATABASE`).
    pub async fn new(backend: Backend) -> Option<Self> {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let (url, postgres) = match backend {
            Backend::Sqlite => {
                let file = folder.path().join("db.sqlite");
                (format!("sqlite://{}", file.display()), None)
            }
            Backend::Postgres => {
                let database = PgDatabase::from_env("instances").await?;
                (database.url.clone(), Some(database))
            }
        };
        Some(Self {
            url,
            backend,
            folder,
            _postgres: postgres,
        })
    }

    /// A small pool of the test's own (the servers must have created the database).
    pub async fn pool(&self) -> AnyPool {
        small_pool(&self.url).await
    }
}

/// A pool of two connections to `url`, for reading what the servers stored.
pub async fn small_pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .unwrap_or_else(|error| panic!("cannot open `{url}`: {error}"))
}

/// How many rows `table` has.
pub async fn count(pool: &AnyPool, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .expect("count");
    n
}

/// A placed order line as stored: its order, plant line, quantity and `(month, units)` parts.
#[derive(Debug, Clone, Default)]
pub struct StoredLine {
    pub order_id: i64,
    pub position: i64,
    pub plant_line: String,
    pub quantity: i64,
    pub parts: Vec<(String, i64)>,
}

/// The plan as stored: every placed order line with its allocations.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub lines: BTreeMap<i64, StoredLine>,
}

impl Stored {
    pub async fn read(pool: &AnyPool) -> Self {
        let rows: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
            "SELECT l.id, o.id, l.position, l.plant_line, l.quantity FROM order_lines l \
             JOIN orders o ON o.id = l.order_id WHERE o.status = 'placed'",
        )
        .fetch_all(pool)
        .await
        .expect("order lines");
        let mut lines: BTreeMap<i64, StoredLine> = rows
            .into_iter()
            .map(|(id, order_id, position, plant_line, quantity)| {
                let parts = Vec::new();
                let line = StoredLine {
                    order_id,
                    position,
                    plant_line,
                    quantity,
                    parts,
                };
                (id, line)
            })
            .collect();
        let parts: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT order_line_id, month, units FROM allocations ORDER BY order_line_id, month",
        )
        .fetch_all(pool)
        .await
        .expect("allocations");
        for (line, month, units) in parts {
            if let Some(line) = lines.get_mut(&line) {
                line.parts.push((month, units));
            }
        }
        Self { lines }
    }

    /// Units per (plant line, month).
    pub fn per_month(&self) -> BTreeMap<(String, String), i64> {
        let mut sums = BTreeMap::new();
        for line in self.lines.values() {
            for (month, units) in &line.parts {
                *sums
                    .entry((line.plant_line.clone(), month.clone()))
                    .or_default() += units;
            }
        }
        sums
    }

    /// Every allocated unit of placed orders.
    pub fn units(&self) -> i64 {
        self.per_month().values().sum()
    }

    /// An order's parts per line, in line order.
    pub fn order(&self, order_id: i64) -> Vec<Vec<(String, i64)>> {
        let mut lines: Vec<&StoredLine> = self
            .lines
            .values()
            .filter(|l| l.order_id == order_id)
            .collect();
        lines.sort_by_key(|l| l.position);
        lines.iter().map(|l| l.parts.clone()).collect()
    }

    /// What is wrong with the stored plan: a month and line over capacity, an order line whose
    /// allocations do not sum to its quantity. Also returns how many months and lines were checked.
    pub fn problems(&self, calendar: &PlantCalendar) -> (Vec<String>, usize) {
        let mut problems = Vec::new();
        let per_month = self.per_month();
        for ((line, month), units) in &per_month {
            let capacity = line
                .parse()
                .ok()
                .zip(month.parse().ok())
                .and_then(|(line, month)| calendar.capacity(&line, month));
            match capacity {
                Some(capacity) if *units <= i64::from(capacity) => {}
                Some(capacity) => problems.push(format!(
                    "{month} {line}: {units} units allocated, capacity {capacity}"
                )),
                None => problems.push(format!("{month} {line}: not in the plant calendar")),
            }
        }
        for (id, line) in &self.lines {
            let allocated: i64 = line.parts.iter().map(|(_, units)| units).sum();
            if allocated != line.quantity {
                problems.push(format!(
                    "order line {id} (order {}): quantity {}, allocated {allocated}",
                    line.order_id, line.quantity
                ));
            }
        }
        (problems, per_month.len())
    }
}
