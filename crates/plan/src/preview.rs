//! `Plan::preview`: the build months an order's lines would get, planned one after another,
//! without changing the plan. A server works out an order's allocations this way, stores them, and
//! books them in its plan only once the order is committed (`allocate` then gives the same parts).

use super::{AllocateError, Allocation, AllocationRequest, Plan, allocate::Held};

/// Why `Plan::preview` refused an order: its line at `index` (from 0) cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {index}: {error}")]
pub struct PreviewError {
    /// The refused line's position in the order, from 0.
    pub index: usize,
    /// Why.
    pub error: AllocateError,
}

impl Plan {
    /// The parts `allocate` would give each of `requests` if they were allocated now, in order:
    /// a later line of the order sees the room the earlier ones take. The plan is not changed.
    pub fn preview(
        &self,
        requests: &[AllocationRequest],
    ) -> Result<Vec<Vec<Allocation>>, PreviewError> {
        let mut held = Held::new();
        let mut previews = Vec::with_capacity(requests.len());
        for (index, request) in requests.iter().enumerate() {
            let fail = |error: AllocateError| PreviewError { index, error };
            let repeated = requests[..index]
                .iter()
                .any(|earlier| earlier.order_line == request.order_line);
            if repeated || self.booking(request.order_line).is_some() {
                return Err(fail(AllocateError::Duplicate(request.order_line)));
            }
            let (line, parts) = self
                .place(
                    &request.line,
                    &request.kit,
                    request.quantity,
                    request.order_month,
                    &held,
                )
                .map_err(|error| fail(error.into()))?;
            let mut allocations = Vec::with_capacity(parts.len());
            for (month, units) in parts {
                *held.entry((line, month)).or_default() += units;
                allocations.push(Allocation {
                    month: self.calendar.month(month as u32),
                    units,
                });
            }
            previews.push(allocations);
        }
        Ok(previews)
    }
}
