//! Building a plan from the order history: `Plan::replay` repeats submissions and cancellations in
//! the order they happened and gives back exactly the plan that was built incrementally;
//! `Plan::rebuild` plans only the surviving order lines afresh, in submission order, which closes the
//! gaps cancellations left (a re-plan: promised months may move earlier).

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use super::{AllocateError, AllocationRequest, Plan, PlantCalendar, ReleaseError, YearMonth};

/// One step of the order history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanEvent {
    /// An order line was submitted and planned.
    Order(AllocationRequest),
    /// An order line was cancelled in month `today`.
    Cancel {
        /// The order line's key.
        order_line: u64,
        /// The month of the cancellation.
        today: YearMonth,
    },
}

/// Why `Plan::replay` stopped: the event at `index` (from 0) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    /// An order could not be planned.
    #[error("event {index}: {error}")]
    Order {
        /// Position in the history, from 0.
        index: usize,
        /// Why.
        error: AllocateError,
    },
    /// A cancellation was refused.
    #[error("event {index}: {error}")]
    Cancel {
        /// Position in the history, from 0.
        index: usize,
        /// Why.
        error: ReleaseError,
    },
}

/// Why `Plan::rebuild` stopped: the order line at `index` (from 0) could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("order {index}: {error}")]
pub struct RebuildError {
    /// Position in the list of orders, from 0.
    pub index: usize,
    /// Why.
    pub error: AllocateError,
}

impl Plan {
    /// Plans `orders` afresh, in the order given (submission order), on an empty plan.
    ///
    /// Without cancellations in between, this is the plan the same orders built one at a time.
    pub fn rebuild<R: Borrow<AllocationRequest>>(
        calendar: &PlantCalendar,
        orders: impl IntoIterator<Item = R>,
    ) -> Result<Self, RebuildError> {
        let mut plan = Self::new(calendar);
        for (index, order) in orders.into_iter().enumerate() {
            plan.allocate(order.borrow())
                .map_err(|error| RebuildError { index, error })?;
        }
        Ok(plan)
    }

    /// Repeats the history on an empty plan: equal to the plan built as the events happened.
    pub fn replay<E: Borrow<PlanEvent>>(
        calendar: &PlantCalendar,
        events: impl IntoIterator<Item = E>,
    ) -> Result<Self, ReplayError> {
        let mut plan = Self::new(calendar);
        for (index, event) in events.into_iter().enumerate() {
            match event.borrow() {
                PlanEvent::Order(request) => {
                    plan.allocate(request)
                        .map_err(|error| ReplayError::Order { index, error })?;
                }
                PlanEvent::Cancel { order_line, today } => {
                    plan.release(*order_line, *today)
                        .map_err(|error| ReplayError::Cancel { index, error })?;
                }
            }
        }
        Ok(plan)
    }
}
