//! Production planning: the plant's capacity calendar and the allocation of order lines to months.
//!
//! # The calendar
//! [`PlantCalendar`] is `data/plant.toml` checked ([`PlantCalendar::from_file`], or
//! [`PlantCalendar::from_toml_str`] with the `toml` feature): the first month of production, the
//! phases (a fixed number of units over a fixed number of months, optionally ramping up, then an
//! open-ended yearly rate), the assembly lines with their per-cent share of each month, the kit
//! sources with their lead times, the frozen horizon and the planning horizon. Every month's
//! capacity per line is worked out once, in whole vehicles and exactly: a phase sums to its `units`,
//! every 12 months of a yearly phase sum to its `per_year`, and the lines of a month sum to the
//! plant's capacity that month (see the comments in `data/plant.toml` for how remainders fall).
//!
//! # Plant time
//! The months of the plan (the month an order is placed in, the frozen months) are months of the
//! plant's local time, not of UTC: `time_zone` and its fixed `utc_offset` in `plant.toml`
//! ([`PlantCalendar::utc_offset`], a [`UtcOffset`]). At a plant at `+06:00`, an order placed at
//! 2027-01-31T18:30Z (01:30 on 1 February there) is placed in 2027-02. Timestamps stay in UTC.
//!
//! # The rules of the plan
//! * **Earliest allowed month.** An order line placed in month `T` with kits from a source with lead
//!   time `L` is built no earlier than `T + max(L, frozen_months + 1)`, and not before the plant's
//!   first month.
//! * **Frozen months.** Seen from month `T`, the months up to and including `T + frozen_months` are
//!   frozen ([`PlantCalendar::is_frozen`]): the current month is always frozen, and with
//!   `frozen_months = 1` the next one too. No new order line enters a frozen month, and an order
//!   line with any part in a frozen month cannot be cancelled.
//! * **Allocation.** [`Plan::allocate`] puts an order line into the earliest months with room on its
//!   assembly line from its earliest allowed month on, filling each month before the next; a fleet
//!   line that does not fit is split, and each part (month, units) is returned. An order line that
//!   would not fit by the end of the planning horizon is refused whole, naming how much would fit.
//!   Nothing is half-written on any error.
//! * **Preview.** [`Plan::preview`] gives the parts a whole order's lines would get, one after
//!   another, without changing the plan: a server stores them and books them only after its
//!   commit, so that the plan in memory never holds what the database does not.
//! * **Earliest build.** [`Plan::earliest`] answers, without changing the plan, the first and last
//!   month `allocate` would give right now.
//! * **Cancellation.** [`Plan::release`] frees the room of an order line.
//! * **Promises are stable.** Allocating or cancelling never moves another order line: a promised
//!   month is kept until the order line is cancelled. Room freed by a cancellation goes to the order
//!   lines planned after it. So after cancellations, planning the surviving order lines afresh can
//!   give earlier months than they hold; that is a deliberate re-plan ([`Plan::rebuild`]), never a
//!   side effect.
//! * **Determinism.** The plan depends only on the calendar and the sequence of events.
//!   [`Plan::replay`] repeats the history of submissions and cancellations and gives back exactly
//!   the plan that was built incrementally; without cancellations, [`Plan::rebuild`] from the order
//!   lines in submission order gives it too.
//! * **Horizon.** The last phase runs on to `max_horizon_months` months after the start; past that
//!   an order line is refused ([`EarliestError::PastHorizon`], [`EarliestError::NoRoom`]).
//!
//! # Cost
//! Each line keeps a bit set of the months with room, so allocation skips full months 64 at a time
//! and otherwise costs the months it touches; releasing re-opens months, so earlier room freed by a
//! cancellation is found at once.

mod allocate;
mod calendar;
mod capacity;
mod check;
mod file;
mod ids;
mod month;
mod preview;
mod replay;
#[cfg(test)]
mod tests;
mod view;

pub use allocate::{
    AllocateError, Allocation, AllocationRequest, Booking, EarliestBuild, EarliestError, Plan,
    ReleaseError,
};
pub use calendar::{
    KitSource, Phase, PlantCalendar, PlantLine, Summary, UtcOffset, UtcOffsetError,
};
#[cfg(feature = "toml")]
pub use check::check;
pub use check::{MAX_HORIZON_MONTHS, PlantError, PlantErrors};
pub use file::{KitFile, LineFile, PhaseFile, PlantFile};
pub use ids::{IdError, KitId, LineId};
pub use month::{YearMonth, YearMonthError};
pub use preview::PreviewError;
pub use replay::{PlanEvent, RebuildError, ReplayError};
pub use view::MonthView;
