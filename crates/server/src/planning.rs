//! This instance's copy of the production plan: a cache of the plan's history in the database,
//! never ahead of it. It is built at start-up by replaying the whole history, and brought up to
//! date ([`PlanCache::catch_up`]) with the events committed since, by any instance, before it is
//! used to plan an order or to answer availability and the planner's view. Its own orders and
//! cancellations reach it only after their commit ([`PlanCache::apply_committed`]); if the request
//! is dropped before that, the next catch-up reads them from the database instead.
//!
//! Every replayed order is checked against the allocations stored with it: the stored months are
//! what dealers were promised, and a plan that no longer reproduces them is refused, naming the
//! order line.

use std::sync::{Mutex, MutexGuard, PoisonError};

use configurator_plan::{Allocation, Plan, PlanEvent, PlantCalendar};
use sqlx::{AnyConnection, AnyPool};

use crate::store::events::{self, StoredEvent};

/// Why the plan could not be brought up to date with the database.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("cannot read the plan's history: {0}")]
    Database(#[from] sqlx::Error),
    /// The plan gives an order line other months than the ones stored (and promised).
    #[error(
        "order line {order_line} (order #{order_id}, model `{model}`, event {seq}): the stored \
         allocations {stored} differ from the plan's {replayed}. The plan no longer reproduces \
         what was promised, usually because data/plant.toml changed after orders were placed or \
         differs between server instances: run every instance with the plant.toml the orders were \
         planned with (calendar version `{calendar}`)"
    )]
    Diverged {
        seq: i64,
        order_id: i64,
        order_line: u64,
        model: String,
        stored: String,
        replayed: String,
        calendar: String,
    },
    /// An order or cancellation of the history cannot be replayed at all.
    #[error(
        "event {seq} (order #{order_id}) does not replay: {reason}. Run every instance with the \
         plant.toml the orders were planned with (calendar version `{calendar}`)"
    )]
    Refused {
        seq: i64,
        order_id: i64,
        reason: String,
        calendar: String,
    },
}

/// The plan and the last event sequence number it includes.
#[derive(Debug)]
struct Cached {
    plan: Plan,
    seq: i64,
}

/// The plan in memory, shared by the requests of this instance.
#[derive(Debug)]
pub struct PlanCache {
    cached: Mutex<Cached>,
    /// This instance's writers queue here, in order, before they take the database's plan lock:
    /// waiting on SQLite's lock means sleeping and polling, and each waiter would hold a pooled
    /// connection. The database's lock, not this queue, keeps the plan right.
    writers: tokio::sync::Mutex<()>,
}

impl PlanCache {
    /// An empty plan that has seen no event: the state of a new database.
    pub fn new(calendar: &PlantCalendar) -> Self {
        Self {
            cached: Mutex::new(Cached {
                plan: Plan::new(calendar),
                seq: 0,
            }),
            writers: tokio::sync::Mutex::new(()),
        }
    }

    /// Waits for this instance's turn to write the plan (see `writers`); the turn ends when the
    /// guard is dropped.
    pub async fn queue(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writers.lock().await
    }

    /// The plan of every stored order and cancellation, replayed and checked.
    pub async fn restore(
        conn: &mut AnyConnection,
        calendar: &PlantCalendar,
    ) -> Result<Self, SyncError> {
        let cache = Self::new(calendar);
        let seen = cache.catch_up(conn).await?;
        let lines = cache.read(|plan| plan.bookings().count());
        tracing::info!("plan restored: {seen} events replayed, {lines} order lines planned");
        Ok(cache)
    }

    /// Replays the events committed since the cache's last one; returns how many order lines'
    /// events it read. Holds no lock while it reads the database.
    pub async fn catch_up(&self, conn: &mut AnyConnection) -> Result<usize, SyncError> {
        let after = self.lock().seq;
        // The join below is planned once for any `after` on PostgreSQL, and that generic plan
        // reads every order line: ask first whether there is anything new at all.
        if events::last_seq(conn).await? <= after {
            return Ok(0);
        }
        let events = events::since(conn, after).await?;
        self.apply(after, &events)?;
        Ok(events.len())
    }

    /// [`PlanCache::catch_up`] on a connection of the pool, outside any transaction.
    pub async fn refresh(&self, pool: &AnyPool) -> Result<usize, SyncError> {
        let mut conn = pool.acquire().await?;
        self.catch_up(&mut conn).await
    }

    /// The last event sequence number the plan includes.
    pub fn seq(&self) -> i64 {
        self.lock().seq
    }

    /// Reads the plan as it is now (call [`PlanCache::catch_up`] first for the latest).
    pub fn read<R>(&self, read: impl FnOnce(&Plan) -> R) -> R {
        read(&self.lock().plan)
    }

    /// Applies events this instance has just committed, which directly follow sequence number
    /// `after`; if the cache has moved on (another request caught up past them) or is behind
    /// (it missed an event), it leaves them to the next catch-up.
    pub fn apply_committed(&self, after: i64, events: &[StoredEvent]) -> Result<(), SyncError> {
        self.apply(after, events)
    }

    /// Applies those of `events` (read past sequence number `read_after`) that the cache has not
    /// seen yet, one whole event (all lines of an order) at a time.
    fn apply(&self, read_after: i64, events: &[StoredEvent]) -> Result<(), SyncError> {
        let mut cached = self.lock();
        if cached.seq < read_after {
            // Read past a point the cache has not reached: applying would skip events.
            return Ok(());
        }
        for group in events.chunk_by(|a, b| a.seq == b.seq) {
            let seq = group[0].seq;
            if seq > cached.seq {
                replay_event(&mut cached.plan, group)?;
                cached.seq = seq;
            }
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Cached> {
        // The plan is changed only by `replay_event`, which checks before it changes anything.
        self.cached.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Applies the lines of one event, all or none, checking an order against what was stored
/// with it.
fn replay_event(plan: &mut Plan, lines: &[StoredEvent]) -> Result<(), SyncError> {
    let first = &lines[0];
    let calendar = plan.calendar().version().to_owned();
    let refused = |reason: String| SyncError::Refused {
        seq: first.seq,
        order_id: first.order_id,
        reason,
        calendar: calendar.clone(),
    };
    let mut orders = Vec::with_capacity(lines.len());
    let mut cancels = Vec::new();
    for line in lines {
        match &line.event {
            PlanEvent::Order(request) => orders.push(request.clone()),
            PlanEvent::Cancel { order_line, today } => cancels.push((*order_line, *today)),
        }
    }
    let previews = plan
        .preview(&orders)
        .map_err(|error| refused(error.to_string()))?;
    for ((line, request), replayed) in lines.iter().zip(&orders).zip(&previews) {
        if *replayed != line.stored {
            return Err(SyncError::Diverged {
                seq: line.seq,
                order_id: line.order_id,
                order_line: request.order_line,
                model: request.model.clone(),
                stored: months(&line.stored),
                replayed: months(replayed),
                calendar: calendar.clone(),
            });
        }
    }
    for &(order_line, today) in &cancels {
        let booking = plan
            .booking(order_line)
            .ok_or_else(|| refused(format!("order line {order_line} is not in the plan")))?;
        if let Some(part) = booking.parts.first()
            && plan.is_frozen(part.month, today)
        {
            return Err(refused(format!(
                "order line {order_line} is cancelled in `{today}` but built in frozen `{}`",
                part.month
            )));
        }
    }
    // Checked above: neither can fail now, so the event is applied whole.
    for request in &orders {
        plan.allocate(request)
            .map_err(|error| refused(error.to_string()))?;
    }
    for &(order_line, today) in &cancels {
        plan.release(order_line, today)
            .map_err(|error| refused(error.to_string()))?;
    }
    Ok(())
}

/// Allocations as `2027-03 × 12, 2027-04 × 3`, or `none`.
fn months(parts: &[Allocation]) -> String {
    if parts.is_empty() {
        return "none".to_owned();
    }
    parts
        .iter()
        .map(|part| format!("{} × {}", part.month, part.units))
        .collect::<Vec<_>>()
        .join(", ")
}
