//! The rules engine: a [`Model`] is a vehicle type with its rules compiled; configurations,
//! choices and their consequences, availability and checks work on it.
//!
//! Each kind of rule is defined once, in `rules` (one module per kind); everything here asks
//! them. The work happens on bit masks compiled when the catalog is loaded.

mod apply;
mod availability;
mod change;
mod check;
mod choice;
mod configuration;
mod count;
mod describe;
pub mod equipment;
mod explain;
mod model;
mod reason;
mod resolve;
pub(crate) mod rules;
mod state;
mod violation;

pub use apply::{ApplyError, apply};
pub use availability::{Availability, availability, availability_of};
pub use change::{Applied, Change, ChangeKind};
pub use check::check;
pub use choice::Choice;
pub use configuration::Configuration;
pub(crate) use count::valid_configurations;
pub use model::Model;
pub use reason::{Item, Reason};
pub(crate) use state::State;
pub use violation::Violation;
