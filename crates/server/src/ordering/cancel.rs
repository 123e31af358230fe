//! Cancelling an order: under the plan's lock, refused if a build month of it is frozen; the room
//! it frees is released in this instance's plan after the commit. Cancelling a cancelled order
//! answers it again.

use configurator_domain::api::{OrderResponse, OrderStatus};
use configurator_plan::PlanEvent;

use super::{Desk, OrderError, Orderer, read_back};
use crate::store::{
    self,
    events::{self, Kind, StoredEvent},
    orders,
};

/// Cancels one of the orderer's dealership's orders, unless a build month of it is frozen.
pub async fn cancel(
    desk: Desk<'_>,
    orderer: Orderer,
    order_id: i64,
) -> Result<OrderResponse, OrderError> {
    let turn = desk.plan.queue().await;
    let mut tx = store::begin_plan_write(desk.db).await?;
    let status = orders::status(&mut tx, order_id, orderer.dealership_id)
        .await?
        .ok_or(OrderError::NotFound)?;
    if status == OrderStatus::Cancelled {
        drop(tx);
        return read_back(desk, order_id, orderer.dealership_id).await;
    }
    desk.plan.catch_up(&mut tx).await?;
    let seen = desk.plan.seq();
    let today = desk.clock.month();
    let mut lines = Vec::new();
    for line_id in orders::line_ids(&mut tx, order_id).await? {
        let order_line = u64::try_from(line_id)
            .map_err(|_| OrderError::Broken(format!("negative line id {line_id}")))?;
        let first = desk.plan.read(|plan| {
            plan.booking(order_line)
                .map(|booking| booking.parts.first().map(|part| part.month))
        });
        match first {
            None => {
                return Err(OrderError::Broken(format!(
                    "order line {line_id} of placed order {order_id} is not in the plan"
                )));
            }
            Some(Some(month)) if desk.data.calendar.is_frozen(month, today) => {
                return Err(OrderError::Frozen { order_id, month });
            }
            Some(_) => lines.push(order_line),
        }
    }
    if !orders::mark_cancelled(&mut tx, order_id, &desk.clock.timestamp()).await? {
        return Err(OrderError::NotPlaced { order_id });
    }
    let seq = events::insert(&mut tx, Kind::Cancel, order_id, today).await?;
    tx.commit().await?;
    drop(turn);

    let committed: Vec<StoredEvent> = lines
        .into_iter()
        .map(|order_line| StoredEvent {
            seq,
            order_id,
            event: PlanEvent::Cancel { order_line, today },
            stored: Vec::new(),
        })
        .collect();
    if let Err(error) = desk.plan.apply_committed(seen, &committed) {
        tracing::error!("order {order_id} is cancelled but still in this instance's plan: {error}");
    }
    read_back(desk, order_id, orderer.dealership_id).await
}
