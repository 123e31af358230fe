//! The plan in memory, rebuilt at start-up from the stored history with `Plan::replay` and checked
//! against the stored allocations: memory and database must agree before the server takes orders.

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};
use configurator_domain::plan::{Allocation, Plan, PlantCalendar};
use sqlx::AnyPool;

use crate::store::events;

/// The plan of every stored order and cancellation, replayed in the order they happened.
pub async fn restore(pool: &AnyPool, calendar: &PlantCalendar) -> anyhow::Result<Plan> {
    let history = events::history(pool)
        .await
        .context("cannot read the plan's history")?;
    let plan = Plan::replay(calendar, &history).context(
        "the stored orders do not replay on the plant calendar (was plant.toml changed?)",
    )?;
    let stored = events::allocations(pool)
        .await
        .context("cannot read the stored allocations")?;
    let replayed: BTreeMap<u64, Vec<Allocation>> = plan
        .bookings()
        .map(|booking| (booking.request.order_line, booking.parts.clone()))
        .collect();
    if stored != replayed {
        let line = stored
            .iter()
            .find(|(line, parts)| replayed.get(line) != Some(parts))
            .or_else(|| replayed.iter().find(|(line, _)| !stored.contains_key(line)))
            .map_or(0, |(line, _)| *line);
        bail!(
            "the plan replayed from {} events differs from the stored allocations at order line \
             {line}: stored {:?}, replayed {:?} (was plant.toml changed?)",
            history.len(),
            stored.get(&line),
            replayed.get(&line)
        );
    }
    tracing::info!(
        "plan restored: {} events, {} order lines planned",
        history.len(),
        replayed.len()
    );
    Ok(plan)
}
