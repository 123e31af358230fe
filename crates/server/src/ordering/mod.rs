//! Placing and cancelling orders, knowing nothing of HTTP: the server re-checks and prices every
//! line, plans it, and stores the order, its lines, price snapshot, allocations, plan event and
//! idempotency key in one transaction.
//!
//! Every write holds the database's plan lock from the moment it reads the plan to its commit
//! ([`crate::store::begin_plan_write`]), so that writes of all server instances on one database
//! take turns. Under the lock the instance first catches its plan up with what others committed,
//! works out the new allocations without changing its plan ([`Plan::preview`]), writes them, and
//! changes its plan only after the commit. A request dropped at any point therefore leaves either
//! the whole order in the database or nothing of it, and memory never ahead of the database.
//!
//! Orders submitted to one instance at the same time are written in batches, one transaction and
//! one durable commit per batch, each order in a savepoint of its own ([`batch`], [`commit`]).
//!
//! [`Plan::preview`]: configurator_plan::Plan::preview

mod batch;
mod cancel;
mod commit;
mod key;
mod place;

use std::sync::Arc;

use configurator_domain::api::OrderResponse;
use configurator_plan::{EarliestError, YearMonth};

pub use batch::{MAX_BATCH, Submissions};
pub use cancel::cancel;
pub use key::{IdempotencyKey, KeyError, MAX_KEY_LEN};
pub use place::{Placed, place};

use crate::{
    clock::Clock, data::Data, db::Database, lines::FieldErrors, planning::PlanCache,
    planning::SyncError,
};

/// What ordering works with: the database, the data files, this instance's plan, the clock.
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    pub db: &'a Database,
    pub data: &'a Data,
    pub plan: &'a Arc<PlanCache>,
    /// Orders waiting for this instance's next batch.
    pub submissions: &'a Arc<Submissions>,
    pub clock: &'a Clock,
}

/// Who orders: a dealer's account and dealership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orderer {
    pub user_id: i64,
    pub dealership_id: i64,
}

/// Why an order could not be placed or cancelled.
#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// The market or lines at fault, by field.
    #[error(transparent)]
    Invalid(#[from] FieldErrors),
    /// The idempotency key already made another order.
    #[error("key `{key}` was already used for a different order (#{order_id})")]
    KeyReused { key: String, order_id: i64 },
    /// The line at `index` cannot be planned before the end of the planning horizon.
    #[error("lines[{index}]: {reason}")]
    Unplannable { index: usize, reason: EarliestError },
    /// No such order in the dealership.
    #[error("no such order")]
    NotFound,
    /// The order has a line in a frozen month.
    #[error("order {order_id} cannot be cancelled: its build month `{month}` is frozen")]
    Frozen { order_id: i64, month: YearMonth },
    /// Another instance or request changed the order's state first.
    #[error("order {order_id} is no longer placed")]
    NotPlaced { order_id: i64 },
    /// The plan's lock was not free in time (SQLite's `busy_timeout`, PostgreSQL's
    /// `lock_timeout`): the plant is busy, try again.
    #[error("the production plan is busy: try again")]
    Busy,
    /// The plan in memory could not be brought up to date with the database.
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error("database: {0}")]
    Database(sqlx::Error),
    /// A fault of ours: an invariant broken.
    #[error("{0}")]
    Broken(String),
}

impl From<sqlx::Error> for OrderError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if lock_not_free(db.code().as_deref()) => Self::Busy,
            _ => Self::Database(error),
        }
    }
}

/// SQLite's `SQLITE_BUSY` (5) and PostgreSQL's `lock_not_available` (55P03).
fn lock_not_free(code: Option<&str>) -> bool {
    matches!(code, Some("5" | "55P03"))
}

/// An order as stored, read back for the answer.
async fn read_back(
    desk: Desk<'_>,
    order_id: i64,
    dealership_id: i64,
) -> Result<OrderResponse, OrderError> {
    use crate::store::orders::{self, Scope};
    orders::get(&desk.db.pool, order_id, Scope::Dealership(dealership_id))
        .await?
        .ok_or_else(|| OrderError::Broken(format!("order {order_id} vanished")))
}
