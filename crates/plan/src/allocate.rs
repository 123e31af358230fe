//! `Plan`: the allocation of order lines to months on their assembly line, the earliest-build query,
//! and cancellation. See the crate documentation for the rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{KitId, LineId, PlantCalendar, YearMonth};

/// One order line to be planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationRequest {
    /// The order line's key, unique in the plan (the server's order line id).
    pub order_line: u64,
    /// The assembly line that builds the model.
    pub line: LineId,
    /// Where the model's kits come from.
    pub kit: KitId,
    /// The catalog model id, for the planner's breakdown.
    pub model: String,
    /// Vehicles ordered, at least 1.
    pub quantity: u32,
    /// The month the order is placed in ("today").
    pub order_month: YearMonth,
}

/// A part of an order line: `units` vehicles built in `month`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// The build month.
    pub month: YearMonth,
    /// Vehicles built in it, at least 1.
    pub units: u32,
}

/// An order line in the plan, with its parts in ascending months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    /// The order line as requested.
    #[serde(flatten)]
    pub request: AllocationRequest,
    /// Its parts, ascending by month, summing to the quantity.
    pub parts: Vec<Allocation>,
}

/// When an order line would be built if it were ordered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarliestBuild {
    /// The month of the first vehicle.
    pub first: YearMonth,
    /// The month of the last vehicle (equal to `first` when the line fits in one month).
    pub last: YearMonth,
}

/// Why an order line cannot be planned (`Plan::earliest`, and through `AllocateError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EarliestError {
    /// The plant has no such line.
    #[error("unknown line `{0}`")]
    UnknownLine(LineId),
    /// The plant has no such kit source.
    #[error("unknown kit source `{0}`")]
    UnknownKit(KitId),
    /// A quantity of zero.
    #[error("quantity must be at least 1, got `0`")]
    ZeroQuantity,
    /// The earliest allowed month is already past the planning horizon.
    #[error(
        "no build month is open for an order placed in `{order_month}`: the planning horizon ends `{end}`"
    )]
    PastHorizon {
        /// The month the order is placed in.
        order_month: YearMonth,
        /// The last month of the horizon.
        end: YearMonth,
    },
    /// The line has too little room left before the end of the horizon.
    #[error(
        "line `{line}` has room for `{room}` of `{quantity}` vehicles from `{from}` to the end of the planning horizon `{end}`"
    )]
    NoRoom {
        /// The line.
        line: LineId,
        /// Vehicles asked for.
        quantity: u32,
        /// Vehicles that would fit.
        room: u32,
        /// The earliest allowed month.
        from: YearMonth,
        /// The last month of the horizon.
        end: YearMonth,
    },
}

/// Why `Plan::allocate` refused an order line; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocateError {
    /// The key is already in the plan.
    #[error("order line `{0}` is already in the plan")]
    Duplicate(u64),
    /// It cannot be placed.
    #[error(transparent)]
    Place(#[from] EarliestError),
}

/// Why `Plan::release` refused to cancel an order line; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    /// The key is not in the plan.
    #[error("order line `{0}` is not in the plan")]
    Unknown(u64),
    /// A part of it is in a frozen month.
    #[error("order line `{order_line}` cannot be cancelled: its build month `{month}` is frozen")]
    Frozen {
        /// The order line.
        order_line: u64,
        /// Its first build month, which is frozen.
        month: YearMonth,
    },
}

/// Units held per `(line index, month index)` by order lines not yet in the plan.
pub(super) type Held = BTreeMap<(usize, usize), u32>;

/// Allocations of one assembly line, month by month from the calendar's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LineState {
    pub(super) allocated: Vec<u32>,
    /// Bit `i` is set while month `i` has room: allocation skips full months a word at a time.
    room: Vec<u64>,
    /// Vehicles per catalog model in each month; a model with none is absent.
    pub(super) per_model: Vec<BTreeMap<String, u32>>,
}

impl LineState {
    fn new(capacity: &[u32]) -> Self {
        let mut room = vec![0u64; capacity.len().div_ceil(64)];
        for (i, _) in capacity.iter().enumerate().filter(|&(_, &c)| c > 0) {
            room[i / 64] |= 1 << (i % 64);
        }
        Self {
            allocated: vec![0; capacity.len()],
            room,
            per_model: vec![BTreeMap::new(); capacity.len()],
        }
    }

    /// The first month at or after `from` with room.
    fn next_with_room(&self, from: usize) -> Option<usize> {
        let mut word_index = from / 64;
        let mut word = self.room.get(word_index)? & (u64::MAX << (from % 64));
        while word == 0 {
            word_index += 1;
            word = *self.room.get(word_index)?;
        }
        Some(word_index * 64 + word.trailing_zeros() as usize)
    }

    /// Adds (or, with `add == false`, removes) `units` of `model` in month `i`.
    fn book(&mut self, capacity: u32, i: usize, model: &str, units: u32, add: bool) {
        if add {
            self.allocated[i] += units;
            match self.per_model[i].get_mut(model) {
                Some(n) => *n += units,
                None => {
                    self.per_model[i].insert(model.to_owned(), units);
                }
            }
        } else {
            self.allocated[i] -= units;
            if let Some(n) = self.per_model[i].get_mut(model) {
                *n -= units;
                if *n == 0 {
                    self.per_model[i].remove(model);
                }
            }
        }
        let bit = 1 << (i % 64);
        if self.allocated[i] < capacity {
            self.room[i / 64] |= bit;
        } else {
            self.room[i / 64] &= !bit;
        }
    }
}

/// The production plan: every order line's allocations on top of a capacity calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub(super) calendar: PlantCalendar,
    pub(super) lines: Vec<LineState>,
    bookings: BTreeMap<u64, Booking>,
}

impl Plan {
    /// An empty plan over `calendar`.
    pub fn new(calendar: &PlantCalendar) -> Self {
        Self {
            lines: calendar
                .capacity
                .iter()
                .map(|c| LineState::new(c))
                .collect(),
            calendar: calendar.clone(),
            bookings: BTreeMap::new(),
        }
    }

    /// The calendar the plan is on.
    pub fn calendar(&self) -> &PlantCalendar {
        &self.calendar
    }

    /// See [`PlantCalendar::is_frozen`].
    pub fn is_frozen(&self, month: YearMonth, today: YearMonth) -> bool {
        self.calendar.is_frozen(month, today)
    }

    /// The order line with this key, if it is in the plan.
    pub fn booking(&self, order_line: u64) -> Option<&Booking> {
        self.bookings.get(&order_line)
    }

    /// Every order line in the plan, by ascending key.
    pub fn bookings(&self) -> impl Iterator<Item = &Booking> {
        self.bookings.values()
    }

    /// When `quantity` vehicles of `line` built from `kit` kits would be built if ordered in
    /// `order_month`, without changing the plan: exactly what `allocate` would give now.
    pub fn earliest(
        &self,
        line: &LineId,
        kit: &KitId,
        quantity: u32,
        order_month: YearMonth,
    ) -> Result<EarliestBuild, EarliestError> {
        let (_, parts) = self.place(line, kit, quantity, order_month, &Held::new())?;
        let month =
            |part: Option<&(usize, u32)>| self.calendar.month(part.map_or(0, |p| p.0) as u32);
        Ok(EarliestBuild {
            first: month(parts.first()),
            last: month(parts.last()),
        })
    }

    /// Plans an order line into the earliest months with room on its line, from its earliest
    /// allowed month (kit lead time, frozen months); a line that does not fit in one month is split
    /// over as many as it needs. Returns the parts, ascending by month.
    pub fn allocate(
        &mut self,
        request: &AllocationRequest,
    ) -> Result<Vec<Allocation>, AllocateError> {
        if self.bookings.contains_key(&request.order_line) {
            return Err(AllocateError::Duplicate(request.order_line));
        }
        let (line, parts) = self.place(
            &request.line,
            &request.kit,
            request.quantity,
            request.order_month,
            &Held::new(),
        )?;
        let capacity = &self.calendar.capacity[line];
        let state = &mut self.lines[line];
        let mut allocations = Vec::with_capacity(parts.len());
        for &(i, units) in &parts {
            state.book(capacity[i], i, &request.model, units, true);
            allocations.push(Allocation {
                month: self.calendar.month(i as u32),
                units,
            });
        }
        let booking = Booking {
            request: request.clone(),
            parts: allocations.clone(),
        };
        self.bookings.insert(request.order_line, booking);
        Ok(allocations)
    }

    /// Cancels an order line as of month `today` and frees its room, unless one of its months is
    /// frozen. Other order lines keep their months. Returns the parts that were freed.
    pub fn release(
        &mut self,
        order_line: u64,
        today: YearMonth,
    ) -> Result<Vec<Allocation>, ReleaseError> {
        let booking = self
            .bookings
            .get(&order_line)
            .ok_or(ReleaseError::Unknown(order_line))?;
        if let Some(first) = booking.parts.first()
            && self.calendar.is_frozen(first.month, today)
        {
            return Err(ReleaseError::Frozen {
                order_line,
                month: first.month,
            });
        }
        let booking = self
            .bookings
            .remove(&order_line)
            .ok_or(ReleaseError::Unknown(order_line))?;
        if let Some(line) = self.calendar.line_index(&booking.request.line) {
            let capacity = &self.calendar.capacity[line];
            for part in &booking.parts {
                if let Some(i) = self.calendar.month_index(part.month) {
                    let model = &booking.request.model;
                    self.lines[line].book(capacity[i], i, model, part.units, false);
                }
            }
        }
        Ok(booking.parts)
    }

    /// Where an order line would go: its line's index and `(month index, units)` parts. `held`
    /// is room taken on top of the plan by order lines not yet in it (see `Plan::preview`).
    pub(super) fn place(
        &self,
        line_id: &LineId,
        kit: &KitId,
        quantity: u32,
        order_month: YearMonth,
        held: &Held,
    ) -> Result<(usize, Vec<(usize, u32)>), EarliestError> {
        let line = self
            .calendar
            .line_index(line_id)
            .ok_or_else(|| EarliestError::UnknownLine(line_id.clone()))?;
        let lead = self
            .calendar
            .kit_lead(kit)
            .ok_or_else(|| EarliestError::UnknownKit(kit.clone()))?;
        if quantity == 0 {
            return Err(EarliestError::ZeroQuantity);
        }
        let end = self.calendar.end();
        let from = self.calendar.earliest_index(lead, order_month) - self.calendar.start.index();
        if from >= self.calendar.horizon {
            return Err(EarliestError::PastHorizon { order_month, end });
        }
        let capacity = &self.calendar.capacity[line];
        let state = &self.lines[line];
        let mut parts = Vec::new();
        let mut left = quantity;
        let mut at = from as usize;
        while left > 0 {
            let Some(i) = state.next_with_room(at) else {
                return Err(EarliestError::NoRoom {
                    line: line_id.clone(),
                    quantity,
                    room: quantity - left,
                    from: self.calendar.month(from),
                    end,
                });
            };
            let free = capacity[i] - state.allocated[i];
            let units = free
                .saturating_sub(held.get(&(line, i)).copied().unwrap_or(0))
                .min(left);
            if units > 0 {
                parts.push((i, units));
                left -= units;
            }
            at = i + 1;
        }
        Ok((line, parts))
    }
}
