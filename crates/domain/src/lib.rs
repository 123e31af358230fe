#![doc = include_str!("../README.md")]

pub mod api;
mod base64;
mod bits;
pub mod catalog;
pub mod code;
pub mod decimal;
pub mod engine;
pub mod ids;
#[cfg(feature = "openapi")]
mod openapi;
pub mod plan;
pub mod price;
pub mod text;

pub use catalog::{Catalog, CatalogError, Model};
pub use engine::{Applied, Availability, Change, Choice, Configuration, Reason, Violation};
pub use ids::{CurrencyCode, GroupId, MarketId, ModelId, OptionId, PowertrainId, Quantity, TrimId};
pub use text::{Lang, Text};
