//! The database a drill's servers share, and what the drill reads back from it directly once the
//! servers are stopped. SQLite: a file in the drill's folder under cargo's target tmp directory
//! (the real disk, as the server's `synchronous = FULL` expects). PostgreSQL: a database of its
//! own on the server that `BENCH_DATABASE_URL` (else `TEST_DATABASE_URL`) names (the tests'
//! `PgDatabase`), dropped afterwards. A drill that fails keeps its folder (the servers' logs) and
//! its database, and says where they are.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sqlx::AnyPool;

use crate::{
    pg::PgDatabase,
    process::{
        checks::{answers_differing, calendar},
        db::{Stored, small_pool},
    },
};

/// A fresh database for one drill, and the drill's folder (logs, the SQLite file).
pub struct DrillDb {
    pub url: String,
    pub folder: tempfile::TempDir,
    /// The drill's database on the PostgreSQL server, dropped afterwards.
    postgres: Option<PgDatabase>,
}

impl DrillDb {
    /// A new SQLite file for the drill named `drill`.
    pub fn sqlite(drill: &str) -> Self {
        let folder = drill_folder(drill);
        let url = format!("sqlite://{}", folder.path().join("drill.db").display());
        Self {
            url,
            folder,
            postgres: None,
        }
    }

    /// A new database `drills_{drill}_…` on the PostgreSQL server at `server`.
    pub async fn postgres(server: &str, drill: &str) -> Self {
        let database = PgDatabase::create(server, &format!("drills_{drill}")).await;
        Self {
            url: database.url.clone(),
            folder: drill_folder(drill),
            postgres: Some(database),
        }
    }

    /// The SQLite file, or the PostgreSQL database's name (its URL may hold a password).
    pub fn shown(&self) -> String {
        match &self.postgres {
            Some(database) => format!("database {}", database.name),
            None => format!("file {}", self.url.trim_start_matches("sqlite://")),
        }
    }

    /// A small pool of the drill's own (a server must have created the database).
    pub async fn pool(&self) -> AnyPool {
        small_pool(&self.url).await
    }

    /// Drops the database and the folder; after a failure keeps both and prints where they are.
    pub fn finish(mut self, failed: bool) {
        if failed {
            let database = self.shown();
            if let Some(postgres) = &mut self.postgres {
                postgres.keep();
            }
            let folder = self.folder.keep();
            let folder = folder.display();
            println!("  kept for a look: the logs in {folder}, the {database}");
        }
    }
}

fn drill_folder(drill: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("drill-{drill}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a folder under the target directory")
}

/// The stored orders and idempotency keys: which orders each key names.
pub struct StoredKeys {
    /// Every order id stored.
    pub orders: BTreeSet<i64>,
    /// Each key (the drills never use one key for two dealerships) with the orders it names.
    pub by_key: BTreeMap<String, Vec<i64>>,
}

impl StoredKeys {
    pub async fn read(pool: &AnyPool) -> Self {
        let orders: Vec<(i64,)> = sqlx::query_as("SELECT id FROM orders")
            .fetch_all(pool)
            .await
            .expect("the orders");
        let keys: Vec<(String, i64)> =
            sqlx::query_as("SELECT idempotency_key, order_id FROM idempotency_keys")
                .fetch_all(pool)
                .await
                .expect("the idempotency keys");
        let mut by_key: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        for (key, order) in keys {
            by_key.entry(key).or_default().push(order);
        }
        Self {
            orders: orders.into_iter().map(|(id,)| id).collect(),
            by_key,
        }
    }

    /// The one order `key` names, if it names exactly one.
    pub fn order_of(&self, key: &str) -> Option<i64> {
        match self.by_key.get(key).map(Vec::as_slice) {
            Some(&[order]) => Some(order),
            _ => None,
        }
    }

    /// Orders beyond one per key: a key's second order, an order no key names. Each (and an
    /// order two keys name, which is a wrong answer rather than a duplicate) goes to `problems`.
    pub fn duplicates(&self, problems: &mut Vec<String>) -> usize {
        let mut keys_per_order: BTreeMap<i64, Vec<&str>> = BTreeMap::new();
        let mut duplicates = 0;
        for (key, orders) in &self.by_key {
            if orders.len() > 1 {
                duplicates += orders.len() - 1;
                problems.push(format!("key {key} names orders {orders:?}"));
            }
            for order in orders {
                keys_per_order.entry(*order).or_default().push(key);
            }
        }
        for order in &self.orders {
            match keys_per_order.get(order).map(Vec::len) {
                Some(1) => {}
                Some(_) => problems.push(format!(
                    "order {order} is named by keys {:?}",
                    keys_per_order[order]
                )),
                None => {
                    duplicates += 1;
                    problems.push(format!("order {order} is stored without a key"));
                }
            }
        }
        duplicates
    }
}

/// What is wrong with the stored plan, by the checks of `tests/process`: a month and line over
/// capacity, an order line whose allocations do not sum to its quantity, an order whose answered
/// build months differ from the stored ones. Also returns how many months and lines were checked.
pub async fn plan_problems(pool: &AnyPool, answers: &[Value]) -> (Vec<String>, usize) {
    let stored = Stored::read(pool).await;
    let (mut problems, months) = stored.problems(&calendar());
    problems.extend(answers_differing(&stored, answers));
    (problems, months)
}
