//! One batch of submissions planned and stored in one transaction under the plan's lock, each in
//! a savepoint of its own: an order refused (no room before the horizon, a failed statement) rolls
//! back alone and gets its own error, the others commit together. Only then does this instance's
//! plan book them, in sequence order. A key that already made an order, before the batch (looked
//! up for the whole batch at once, under the lock) or earlier in it, answers with that order (or
//! refuses another body) and writes nothing.
//!
//! Each order is previewed against the plan plus the orders accepted before it in the batch (not
//! in the plan yet): [`Plan::preview`] of their requests followed by its own. That costs a few
//! microseconds per earlier order, where previewing on a copy of the plan would copy every booking
//! of the plan for each batch.
//!
//! [`Plan::preview`]: configurator_plan::Plan::preview

use std::{collections::HashMap, sync::Arc};

use configurator_domain::{MarketId, ModelId, price::OrderQuote};
use configurator_plan::{
    AllocateError, AllocationRequest, KitId, LineId, PlanEvent, PreviewError, YearMonth,
};

use super::{IdempotencyKey, OrderError, Orderer};
use crate::{
    clock::Clock,
    db::Database,
    planning::PlanCache,
    store::{
        self, Tx,
        events::{self, Kind, StoredEvent},
        orders::{self, NewLine, NewOrder},
    },
};

/// What a batch is written with: owned, since the batch outlives the request that started it.
#[derive(Debug)]
pub(super) struct Writer {
    pub db: Database,
    pub plan: Arc<PlanCache>,
    pub clock: Clock,
}

/// An order checked, priced and routed, waiting to be planned and stored.
#[derive(Debug)]
pub(super) struct Submission {
    pub orderer: Orderer,
    pub key: IdempotencyKey,
    /// The fingerprint of the request ([`super::key::request_hash`]).
    pub hash: String,
    pub market: MarketId,
    pub quote: OrderQuote,
    pub lines: Vec<RoutedLine>,
}

/// A line of a submission with where the plant builds it and its price.
#[derive(Debug)]
pub(super) struct RoutedLine {
    pub code: String,
    pub model: ModelId,
    pub line: LineId,
    pub kit: KitId,
    pub quantity: u32,
    pub total_minor: i64,
}

/// The order a submission made, or the one its key had already made.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stored {
    pub order_id: i64,
    pub created: bool,
}

/// A submission's answer.
pub(super) type Reply = Result<Stored, OrderError>;

/// `(dealership, key)` → the order the key made and the hash of the request that made it.
type Keys = HashMap<(i64, String), (i64, String)>;

/// What the batch has written so far (all of it uncommitted).
#[derive(Debug, Default)]
struct Written {
    /// The plan's requests of the accepted orders, in order: what a later order plans after.
    requests: Vec<AllocationRequest>,
    /// Their events, to book in the plan after the commit.
    events: Vec<StoredEvent>,
    /// The keys of the orders it made.
    keys: Keys,
}

/// Writes `batch` in one transaction; answers each submission, in order.
pub(super) async fn write(writer: &Writer, batch: &[Submission]) -> Vec<Reply> {
    match write_all(writer, batch).await {
        Ok(replies) => replies,
        Err(error) => batch.iter().map(|_| Err(each(&error))).collect(),
    }
}

/// The batch's transaction; an error is the whole batch's (nothing of it committed).
async fn write_all(writer: &Writer, batch: &[Submission]) -> Result<Vec<Reply>, OrderError> {
    let mut tx = store::begin_plan_write(&writer.db).await?;
    writer.plan.catch_up(&mut tx).await?;
    let seen = writer.plan.seq();
    // Under the lock: a retry with one of these keys, on any instance, may have committed since
    // its request looked.
    let pairs: Vec<(i64, &str)> = batch
        .iter()
        .map(|submission| (submission.orderer.dealership_id, submission.key.as_str()))
        .collect();
    let before = orders::find_keys(&mut tx, &pairs).await?;
    let mut written = Written::default();
    let mut replies = Vec::with_capacity(batch.len());
    for submission in batch {
        replies.push(step(&mut tx, writer, &before, &mut written, submission).await?);
    }
    tx.commit().await?;
    if let Err(error) = writer.plan.apply_committed(seen, &written.events) {
        // Committed all the same; the next catch-up meets the same fault and refuses to plan.
        tracing::error!("a batch of orders is stored but not in this instance's plan: {error}");
    }
    Ok(replies)
}

/// One submission in its savepoint, unless its key made an order already. The outer error ends
/// the batch (the transaction is no longer usable); the inner one is this submission's refusal,
/// rolled back.
async fn step(
    tx: &mut Tx<'static>,
    writer: &Writer,
    before: &Keys,
    written: &mut Written,
    submission: &Submission,
) -> Result<Reply, OrderError> {
    let key = (
        submission.orderer.dealership_id,
        submission.key.as_str().to_owned(),
    );
    // Made before the batch, or earlier in this batch (not in the database for others yet).
    if let Some(made) = before.get(&key).or_else(|| written.keys.get(&key)) {
        return Ok(by_key(made, submission));
    }
    let mut savepoint = sqlx::Acquire::begin(&mut *tx).await?;
    let accepted = written.requests.len();
    match plan_and_store(&mut savepoint, writer, written, submission).await {
        Ok((order_id, events)) => {
            savepoint.commit().await?;
            written
                .keys
                .insert(key, (order_id, submission.hash.clone()));
            written.events.extend(events);
            Ok(Ok(Stored {
                order_id,
                created: true,
            }))
        }
        Err(error) => {
            written.requests.truncate(accepted);
            savepoint.rollback().await?;
            Ok(Err(error))
        }
    }
}

/// The answer to a submission whose key made `made` (the order and its request's hash): that
/// order for the same request, a refusal for another.
fn by_key((order_id, hash): &(i64, String), submission: &Submission) -> Reply {
    if *hash == submission.hash {
        Ok(Stored {
            order_id: *order_id,
            created: false,
        })
    } else {
        Err(OrderError::KeyReused {
            key: submission.key.as_str().to_owned(),
            order_id: *order_id,
        })
    }
}

/// Plans and stores one submission; returns its order's id and the events to book after the
/// commit.
async fn plan_and_store(
    tx: &mut Tx<'_>,
    writer: &Writer,
    written: &mut Written,
    submission: &Submission,
) -> Result<(i64, Vec<StoredEvent>), OrderError> {
    let (orderer, key, hash) = (submission.orderer, &submission.key, &submission.hash);
    let created_at = writer.clock.timestamp();
    let order = new_order(submission, writer.clock.month(), &created_at);
    let (order_id, line_ids) = orders::insert(tx, &order).await?;
    let accepted = written.requests.len();
    written
        .requests
        .extend(allocation_requests(&order, &line_ids)?);
    let mut parts = writer
        .plan
        .read(|plan| plan.preview(&written.requests))
        .map_err(|error| unplannable(error, accepted))?
        .split_off(accepted);
    for (&line_id, parts) in line_ids.iter().zip(&parts) {
        orders::insert_allocations(tx, line_id, parts).await?;
    }
    let seq = events::insert(tx, Kind::Order, order_id, order.order_month).await?;
    orders::insert_key(tx, orderer.dealership_id, key.as_str(), hash, order_id).await?;
    let events = written.requests[accepted..]
        .iter()
        .zip(parts.iter_mut())
        .map(|(request, stored)| StoredEvent {
            seq,
            order_id,
            event: PlanEvent::Order(request.clone()),
            stored: std::mem::take(stored),
        })
        .collect();
    Ok((order_id, events))
}

fn new_order<'a>(
    submission: &'a Submission,
    order_month: YearMonth,
    created_at: &'a str,
) -> NewOrder<'a> {
    NewOrder {
        dealership_id: submission.orderer.dealership_id,
        user_id: submission.orderer.user_id,
        market: &submission.market,
        order_month,
        created_at,
        quote: &submission.quote,
        lines: submission
            .lines
            .iter()
            .map(|line| NewLine {
                code: &line.code,
                model: &line.model,
                line: &line.line,
                kit: &line.kit,
                quantity: line.quantity,
                total_minor: line.total_minor,
            })
            .collect(),
    }
}

/// The plan's requests for the order's lines, keyed by their new ids.
fn allocation_requests(
    order: &NewOrder<'_>,
    line_ids: &[i64],
) -> Result<Vec<AllocationRequest>, OrderError> {
    order
        .lines
        .iter()
        .zip(line_ids)
        .map(|(line, &line_id)| {
            Ok(AllocationRequest {
                order_line: u64::try_from(line_id)
                    .map_err(|_| OrderError::Broken(format!("negative line id {line_id}")))?,
                line: line.line.clone(),
                kit: line.kit.clone(),
                model: line.model.to_string(),
                quantity: line.quantity,
                order_month: order.order_month,
            })
        })
        .collect()
}

/// The refusal of the order whose lines start at `first` in the previewed requests.
fn unplannable(error: PreviewError, first: usize) -> OrderError {
    match (error.error, error.index.checked_sub(first)) {
        (AllocateError::Place(reason), Some(index)) => OrderError::Unplannable { index, reason },
        (error, index) => OrderError::Broken(format!("preview at {index:?}: {error}")),
    }
}

/// The whole batch's failure, as each of its submissions is told.
fn each(error: &OrderError) -> OrderError {
    match error {
        OrderError::Busy => OrderError::Busy,
        OrderError::Database(sqlx::Error::PoolTimedOut) => {
            OrderError::Database(sqlx::Error::PoolTimedOut)
        }
        OrderError::Database(sqlx::Error::PoolClosed) => {
            OrderError::Database(sqlx::Error::PoolClosed)
        }
        other => OrderError::Broken(format!("the batch of orders failed: {other}")),
    }
}
