//! The catalog as data: the file's shape ([`file`](mod@file)), its checked entries (markets with
//! their fuel prices, exchange rates, fleet discounts, and per model its trims, powertrains,
//! option groups and options) and the problems a file can have. Validation lives here too, entry
//! by entry, with every reference resolved; what a rule *means* is the engine's
//! (`crate::engine::rules`), which reads the rules of each entry as validation walks past it. The
//! checked [`Catalog`](crate::Catalog), whose models carry their compiled rules, is assembled above
//! both (`crate::load`).

mod error;
pub mod file;
mod fuel;
mod language;
mod model;
mod references;
mod validate;
mod validate_figures;
mod validate_fuel;
mod validate_model;

pub use error::{CatalogError, LoadError, Problem};
pub use file::{
    Body, Brand, ConsumptionUnit, Drive, Fuel, GroupKind, Kit, Line, PumpFuel, Rounding, Specs,
    Transmission,
};
pub use fuel::{FuelPrice, FuelPriceError, FuelPrices};
pub use model::{Consumption, Figures, Group, OptionDef, Powertrain, Trim};
pub(crate) use model::{ItemIndex, ModelData};
pub(crate) use references::{Entry, Reader, References};
pub(crate) use validate::{Errors, Languages, Terms, terms};
pub(crate) use validate_model::model_data;

use crate::decimal::Decimal;
use crate::ids::{CurrencyCode, MarketId, Quantity};
use crate::text::Text;

/// Exchange rates from US dollars, fixed at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The date the rates take effect, `YYYY-MM-DD`.
    pub effective: String,
    /// How conversions and percentages are rounded to whole minor units.
    pub rounding: Rounding,
    /// One rate per currency.
    pub rates: Vec<Rate>,
}

/// One exchange rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    /// The currency.
    pub currency: CurrencyCode,
    /// Digits of its minor unit.
    pub minor_digits: u8,
    /// Units of the currency per US dollar.
    pub per_usd: Decimal,
}

/// A market: where a vehicle is sold, which sets the currency and VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Market {
    /// ISO 3166 alpha-2.
    pub id: MarketId,
    /// The local currency; it has a rate in [`Exchange::rates`].
    pub currency: CurrencyCode,
    /// VAT in hundredths of a percent.
    pub vat_basis_points: u32,
    /// The market's name.
    pub name: Text,
    /// The default fuel prices of the running-cost comparison, in the market's currency.
    pub fuel_prices: FuelPrices,
}

/// A fleet discount tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FleetTier {
    /// The smallest quantity of one order line the tier applies to.
    pub min_quantity: Quantity,
    /// The discount in hundredths of a percent.
    pub basis_points: u32,
}
