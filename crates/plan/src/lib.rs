#![doc = include_str!("../README.md")]

mod allocate;
mod calendar;
mod capacity;
mod check;
mod file;
#[cfg(feature = "test-support")]
pub mod fixture;
mod ids;
mod month;
#[cfg(feature = "openapi")]
pub mod openapi;
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
pub use ids::{IdError, KitId, LineId, MAX_ID_LEN, is_valid_id};
pub use month::{YearMonth, YearMonthError};
pub use preview::PreviewError;
pub use replay::{PlanEvent, RebuildError, ReplayError};
pub use view::MonthView;
