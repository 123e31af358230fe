//! Placing an order: checked and priced outside the lock, planned and stored under it, booked in
//! this instance's plan after the commit. A retry with the same key answers the order it made.

use configurator_domain::{
    api::{OrderRequest, OrderResponse},
    price::{Currency, Quote},
};
use configurator_plan::{AllocateError, AllocationRequest, PlanEvent, PreviewError};
use sqlx::AnyConnection;

use super::{Desk, IdempotencyKey, OrderError, Orderer, key::request_hash, read_back};
use crate::{
    lines::{self, CheckedLine},
    store::{
        self,
        events::{self, Kind, StoredEvent},
        orders::{self, NewLine, NewOrder},
    },
};

/// The answer to a submission: the order, and whether this request made it (or a retry found it).
#[derive(Debug, Clone)]
pub struct Placed {
    pub order: OrderResponse,
    pub created: bool,
}

/// Places an order for the orderer's dealership, or answers the order its key already made.
pub async fn place(
    desk: Desk<'_>,
    orderer: Orderer,
    key: &IdempotencyKey,
    request: &OrderRequest,
) -> Result<Placed, OrderError> {
    let hash = request_hash(request);
    let mut conn = desk.db.pool.acquire().await?;
    let found = earlier(&mut conn, orderer, key, &hash).await?;
    drop(conn);
    if let Some(order_id) = found {
        return answer(desk, orderer, order_id, false).await;
    }
    let data = desk.data;
    let checked = lines::check(&data.catalog, &request.market, &request.lines)?;
    let quote = lines::price(&data.catalog, &request.market, &checked, Currency::Local)?;
    let new_lines = routed(desk, &checked, &quote.lines)?;

    let turn = desk.plan.queue().await;
    let mut tx = store::begin_plan_write(desk.db).await?;
    // Under the lock: a retry with this key, on any instance, may have committed meanwhile.
    if let Some(order_id) = earlier(&mut tx, orderer, key, &hash).await? {
        drop(tx);
        return answer(desk, orderer, order_id, false).await;
    }
    desk.plan.catch_up(&mut tx).await?;
    let seen = desk.plan.seq();
    let created_at = desk.clock.timestamp();
    let order = NewOrder {
        dealership_id: orderer.dealership_id,
        user_id: orderer.user_id,
        market: &request.market,
        order_month: desk.clock.month(),
        created_at: &created_at,
        quote: &quote,
        lines: new_lines,
    };
    let (order_id, line_ids) = orders::insert(&mut tx, &order).await?;
    let requests = allocation_requests(&order, &line_ids)?;
    let parts = desk
        .plan
        .read(|plan| plan.preview(&requests))
        .map_err(unplannable)?;
    for (&line_id, parts) in line_ids.iter().zip(&parts) {
        orders::insert_allocations(&mut tx, line_id, parts).await?;
    }
    let seq = events::insert(&mut tx, Kind::Order, order_id, order.order_month).await?;
    orders::insert_key(
        &mut tx,
        orderer.dealership_id,
        key.as_str(),
        &hash,
        order_id,
    )
    .await?;
    tx.commit().await?;
    drop(turn);

    let committed: Vec<StoredEvent> = requests
        .into_iter()
        .zip(parts)
        .map(|(request, stored)| StoredEvent {
            seq,
            order_id,
            event: PlanEvent::Order(request),
            stored,
        })
        .collect();
    if let Err(error) = desk.plan.apply_committed(seen, &committed) {
        // Committed all the same; the next catch-up meets the same fault and refuses to plan.
        tracing::error!("order {order_id} is stored but not in this instance's plan: {error}");
    }
    answer(desk, orderer, order_id, true).await
}

/// The order a key already made, if any; refused if the key was used for another request.
async fn earlier(
    conn: &mut AnyConnection,
    orderer: Orderer,
    key: &IdempotencyKey,
    hash: &str,
) -> Result<Option<i64>, OrderError> {
    match orders::find_key(conn, orderer.dealership_id, key.as_str()).await? {
        None => Ok(None),
        Some((order_id, stored_hash)) if stored_hash == hash => Ok(Some(order_id)),
        Some((order_id, _)) => Err(OrderError::KeyReused {
            key: key.as_str().to_owned(),
            order_id,
        }),
    }
}

async fn answer(
    desk: Desk<'_>,
    orderer: Orderer,
    order_id: i64,
    created: bool,
) -> Result<Placed, OrderError> {
    let order = read_back(desk, order_id, orderer.dealership_id).await?;
    Ok(Placed { order, created })
}

/// Each checked line with where the plant builds it and its price.
fn routed<'a>(
    desk: Desk<'a>,
    checked: &'a [CheckedLine],
    priced: &[Quote],
) -> Result<Vec<NewLine<'a>>, OrderError> {
    checked
        .iter()
        .zip(priced)
        .map(|(line, priced)| {
            let model = &line.configuration.model;
            let routing = desk.data.routing.get(model).ok_or_else(|| {
                OrderError::Broken(format!("model `{model}` has no line in the plant"))
            })?;
            Ok(NewLine {
                code: &line.code,
                model,
                line: &routing.line,
                kit: &routing.kit,
                quantity: u32::from(line.quantity),
                total_minor: priced.total,
            })
        })
        .collect()
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

fn unplannable(error: PreviewError) -> OrderError {
    match error.error {
        AllocateError::Place(reason) => OrderError::Unplannable {
            index: error.index,
            reason,
        },
        duplicate @ AllocateError::Duplicate(_) => {
            OrderError::Broken(format!("line {}: {duplicate}", error.index))
        }
    }
}
