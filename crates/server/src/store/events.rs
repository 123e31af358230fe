//! The plan's history: every order and cancellation in the order it happened, so that start-up can
//! rebuild the in-memory plan with `Plan::replay`, and the stored allocations to check it against.

use std::collections::BTreeMap;

use configurator_domain::plan::{Allocation, AllocationRequest, PlanEvent, YearMonth};
use sqlx::AnyPool;

use super::{Tx, narrow, parse};

/// What happened to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Order,
    Cancel,
}

/// Appends an event for every line of `order_id` in `month`.
pub async fn insert(
    tx: &mut Tx<'_>,
    kind: Kind,
    order_id: i64,
    month: YearMonth,
) -> Result<(), sqlx::Error> {
    let kind = match kind {
        Kind::Order => "order",
        Kind::Cancel => "cancel",
    };
    sqlx::query("INSERT INTO plan_events (kind, order_id, month) VALUES ($1, $2, $3)")
        .bind(kind)
        .bind(order_id)
        .bind(month.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

type EventRow = (String, String, i64, String, String, String, i64);

/// The history as plan events, one per order line, in the order it happened.
pub async fn history(pool: &AnyPool) -> Result<Vec<PlanEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, e.month, l.id, l.plant_line, l.kit, l.model, l.quantity \
         FROM plan_events e JOIN order_lines l ON l.order_id = e.order_id \
         ORDER BY e.seq, l.position",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(kind, month, line_id, line, kit, model, quantity)| {
            let month: YearMonth = parse(&month, "plan_events.month")?;
            let order_line = narrow(line_id, "order_lines.id")?;
            Ok(if kind == "cancel" {
                PlanEvent::Cancel {
                    order_line,
                    today: month,
                }
            } else {
                PlanEvent::Order(AllocationRequest {
                    order_line,
                    line: parse(&line, "order_lines.plant_line")?,
                    kit: parse(&kit, "order_lines.kit")?,
                    model,
                    quantity: narrow(quantity, "order_lines.quantity")?,
                    order_month: month,
                })
            })
        })
        .collect()
}

/// The stored allocations of every placed order line, by line, ascending by month.
pub async fn allocations(pool: &AnyPool) -> Result<BTreeMap<u64, Vec<Allocation>>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.order_line_id, a.month, a.units FROM allocations a \
         JOIN order_lines l ON l.id = a.order_line_id JOIN orders o ON o.id = l.order_id \
         WHERE o.status = 'placed' ORDER BY a.order_line_id, a.month",
    )
    .fetch_all(pool)
    .await?;
    let mut by_line: BTreeMap<u64, Vec<Allocation>> = BTreeMap::new();
    for (line, month, units) in rows {
        by_line
            .entry(narrow(line, "allocations.order_line_id")?)
            .or_default()
            .push(Allocation {
                month: parse(&month, "allocations.month")?,
                units: narrow(units, "allocations.units")?,
            });
    }
    Ok(by_line)
}
