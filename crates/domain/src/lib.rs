#![doc = include_str!("../README.md")]

pub mod api;
mod base64;
mod bits;
pub mod bundle;
pub mod catalog;
pub mod code;
pub mod cost;
pub mod decimal;
pub mod engine;
pub mod ids;
mod load;
#[cfg(feature = "openapi")]
mod openapi;
pub mod price;
pub mod slug;
pub mod text;

/// Production planning, the `configurator-plan` crate: re-exported because the API's shapes
/// ([`api`]) carry its months and allocations, so that a client of the shapes names them without a
/// second dependency.
pub use configurator_plan as plan;

pub use catalog::CatalogError;
pub use engine::{Applied, Availability, Change, Choice, Configuration, Model, Reason, Violation};
pub use ids::{CurrencyCode, GroupId, MarketId, ModelId, OptionId, PowertrainId, Quantity, TrimId};
pub use load::{Catalog, CatalogSummary};
pub use text::{Lang, Text};
