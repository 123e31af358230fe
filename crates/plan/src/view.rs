//! The planner's view of the plan: capacity and allocations per month and line, with the
//! breakdown by model; serialisable for the server's JSON and CSV.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{LineId, Plan, YearMonth};

/// One month of one assembly line.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthView {
    /// The month.
    pub month: YearMonth,
    /// The assembly line.
    pub line: LineId,
    /// Vehicles the line can build in the month.
    pub capacity: u32,
    /// Vehicles planned.
    pub allocated: u32,
    /// `capacity - allocated`.
    pub free: u32,
    /// `allocated / capacity` in basis points (10000 = full), rounded down; 0 when the capacity is 0.
    pub utilisation_bp: u32,
    /// Vehicles planned per catalog model.
    pub per_model: BTreeMap<String, u32>,
}

impl Plan {
    /// The months from `from` to `to` (both included, cut to the calendar's start and end), each
    /// with every line in file order.
    pub fn months(&self, from: YearMonth, to: YearMonth) -> impl Iterator<Item = MonthView> + '_ {
        let first = from.months_since(self.calendar.start).unwrap_or(0);
        let last = to
            .months_since(self.calendar.start)
            .map_or(0, |i| (i + 1).min(self.calendar.horizon));
        (first..last).flat_map(move |i| {
            let month = self.calendar.month(i);
            let i = i as usize;
            self.lines.iter().zip(&self.calendar.lines).enumerate().map(
                move |(line, (state, plant_line))| {
                    let capacity = self.calendar.capacity[line][i];
                    let allocated = state.allocated[i];
                    let utilisation_bp = (u64::from(allocated) * 10_000)
                        .checked_div(u64::from(capacity))
                        .map_or(0, |bp| u32::try_from(bp).unwrap_or(u32::MAX));
                    MonthView {
                        month,
                        line: plant_line.id.clone(),
                        capacity,
                        allocated,
                        free: capacity.saturating_sub(allocated),
                        utilisation_bp,
                        per_model: state.per_model[i].clone(),
                    }
                },
            )
        })
    }
}
