//! The plan's history: every order and cancellation in the order it was committed, each order with
//! the allocations stored for its lines. Every server instance replays it into its plan in memory:
//! all of it at start-up, and what others committed since ([`since`]) before it plans or shows the
//! plan. Events are appended only under the plan's write lock ([`super::begin_plan_write`]), so
//! their sequence numbers rise in commit order and a reader never sees a later event without the
//! earlier ones.

use configurator_plan::{Allocation, AllocationRequest, PlanEvent, YearMonth};
use sqlx::AnyConnection;

use super::{Tx, narrow, parse};

/// What happened to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Order,
    Cancel,
}

/// Appends an event for every line of `order_id` in `month`; returns its sequence number.
pub async fn insert(
    tx: &mut Tx<'_>,
    kind: Kind,
    order_id: i64,
    month: YearMonth,
) -> Result<i64, sqlx::Error> {
    let kind = match kind {
        Kind::Order => "order",
        Kind::Cancel => "cancel",
    };
    let (seq,): (i64,) = sqlx::query_as(
        "INSERT INTO plan_events (kind, order_id, month) VALUES ($1, $2, $3) RETURNING seq",
    )
    .bind(kind)
    .bind(order_id)
    .bind(month.to_string())
    .fetch_one(&mut **tx)
    .await?;
    Ok(seq)
}

/// The sequence number of the last committed event (0 before the first): one look at the index,
/// so that a plan already up to date costs one cheap query to check.
pub async fn last_seq(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    let (seq,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(seq), 0) FROM plan_events")
        .fetch_one(conn)
        .await?;
    Ok(seq)
}

/// One order line's step of the history, as committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The event's sequence number (shared by the lines of one order's event).
    pub seq: i64,
    /// The order the line belongs to.
    pub order_id: i64,
    pub event: PlanEvent,
    /// For an order: the allocations stored with it, ascending by month.
    pub stored: Vec<Allocation>,
}

type EventRow = (
    i64,
    String,
    i64,
    String,
    i64,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<i64>,
);

/// Every event past sequence number `after`, line by line, in commit order. One query, so one
/// snapshot: the events and the allocations stored with them always agree.
pub async fn since(conn: &mut AnyConnection, after: i64) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.seq, e.kind, e.order_id, e.month, l.id, l.plant_line, l.kit, l.model, \
         l.quantity, a.month, a.units \
         FROM plan_events e JOIN order_lines l ON l.order_id = e.order_id \
         LEFT JOIN allocations a ON a.order_line_id = l.id AND e.kind = 'order' \
         WHERE e.seq > $1 ORDER BY e.seq, l.position, a.month",
    )
    .bind(after)
    .fetch_all(conn)
    .await?;
    let mut events: Vec<StoredEvent> = Vec::new();
    for row in rows {
        let (seq, kind, order_id, month, line_id, line, kit, model, quantity, part, units) = row;
        let order_line: u64 = narrow(line_id, "order_lines.id")?;
        let part = match (part, units) {
            (Some(month), Some(units)) => Some(Allocation {
                month: parse(&month, "allocations.month")?,
                units: narrow(units, "allocations.units")?,
            }),
            _ => None,
        };
        if let Some(last) = events.last_mut()
            && last.seq == seq
            && event_line(&last.event) == order_line
        {
            last.stored.extend(part);
            continue;
        }
        let month: YearMonth = parse(&month, "plan_events.month")?;
        let event = if kind == "cancel" {
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
        };
        events.push(StoredEvent {
            seq,
            order_id,
            event,
            stored: part.into_iter().collect(),
        });
    }
    Ok(events)
}

/// The order line an event is about.
pub fn event_line(event: &PlanEvent) -> u64 {
    match event {
        PlanEvent::Order(request) => request.order_line,
        PlanEvent::Cancel { order_line, .. } => *order_line,
    }
}
