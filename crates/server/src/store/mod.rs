//! Storage of orders, their allocations, the plan's history and idempotency keys, and the rate
//! limits' counts, with SQLx over either backend (`$1` placeholders; the same migrations in each
//! dialect). Writes take a transaction from the caller so that an order and everything it plans
//! commit together.

pub mod events;
pub mod orders;
pub mod rate_limits;

use crate::db::{Backend, Database};

/// A transaction on the pool, whichever backend it is.
pub type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// The key of the plan's advisory lock on PostgreSQL (any constant shared by every instance).
const PLAN_LOCK_KEY: i64 = 0x706c_616e; // "plan"

/// Begins a transaction that holds the plan's write lock until it commits or rolls back: every
/// order and cancellation of every server instance on this database passes through it one at a
/// time. A request dropped while it waits or holds the lock rolls back, which frees the lock.
///
/// * SQLite has one write lock per database file. The transaction's first statement is a write
///   (one that changes nothing), which takes that lock, waiting up to `busy_timeout`, before
///   anything is read. It is not `BEGIN IMMEDIATE`: sqlx cannot roll back a custom `BEGIN` whose
///   request is dropped half-way, and the write lock would then be held for good.
/// * PostgreSQL takes a transaction-level advisory lock, waiting up to `lock_timeout`.
pub async fn begin_plan_write(db: &Database) -> Result<Tx<'static>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let lock = match db.backend {
        Backend::Sqlite => sqlx::query("UPDATE meta SET value = value WHERE key = 'plan_lock'"),
        Backend::Postgres => sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(PLAN_LOCK_KEY),
    };
    lock.execute(&mut *tx).await?;
    Ok(tx)
}

/// A number from the database that must fit the type the API uses.
pub(crate) fn narrow<T: TryFrom<i64>>(value: i64, what: &str) -> Result<T, sqlx::Error> {
    T::try_from(value)
        .map_err(|_| sqlx::Error::Decode(format!("{what} out of range: {value}").into()))
}

/// A text column parsed into a checked type.
pub(crate) fn parse<T: std::str::FromStr>(value: &str, what: &str) -> Result<T, sqlx::Error>
where
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|error: T::Err| sqlx::Error::Decode(format!("{what}: {error}").into()))
}
