//! The checked catalog: markets, exchange rates, fleet discounts and the vehicle types with their
//! trims, powertrains, options and rules. A [`Catalog`] exists only after validation
//! ([`Catalog::from_file`], [`Catalog::from_toml_str`], or deserializing its JSON), so everything
//! downstream may rely on every reference resolving and every model having a valid default.

mod error;
pub mod file;
mod model;
pub(crate) mod rules;
mod summary;
mod validate;
mod validate_model;

use serde::{Deserialize, Serialize};

pub use error::{CatalogError, LoadError, Problem};
pub use file::{Body, Brand, Drive, Fuel, GroupKind, Kit, Line, Rounding, Specs, Transmission};
pub use model::{Group, Model, OptionDef, Powertrain, Trim};
pub use summary::CatalogSummary;

use crate::decimal::Decimal;
use crate::ids::{CurrencyCode, MarketId, ModelId, Quantity};
use crate::text::Text;
use file::CatalogFile;

/// The validated catalog.
///
/// It serializes as the file's own shape ([`CatalogFile`]) and deserializes through the same
/// validation, so the JSON the server sends is checked again in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CatalogFile", into = "CatalogFile")]
pub struct Catalog {
    file: CatalogFile,
    exchange: Exchange,
    markets: Vec<Market>,
    fleet_discounts: Vec<FleetTier>,
    models: Vec<Model>,
}

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
}

/// A fleet discount tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FleetTier {
    /// The smallest quantity of one order line the tier applies to.
    pub min_quantity: Quantity,
    /// The discount in hundredths of a percent.
    pub basis_points: u32,
}

impl Catalog {
    /// Validates a parsed catalog file, returning every problem found, each with its path.
    pub fn from_file(file: CatalogFile) -> Result<Self, CatalogError> {
        validate::catalog(file)
    }

    /// Parses and validates the TOML catalog file.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, CatalogError> {
        let file = toml::from_str(text).map_err(|e| CatalogError::Syntax(e.to_string()))?;
        Self::from_file(file)
    }

    /// The catalog version, carried by every configuration code.
    pub fn version(&self) -> &str {
        &self.file.version
    }

    /// Whether prices are indicative sample data.
    pub fn is_sample_data(&self) -> bool {
        self.file.sample_data
    }

    /// The catalog as written, the shape it is serialized in.
    pub fn file(&self) -> &CatalogFile {
        &self.file
    }

    /// Exchange rates.
    pub fn exchange(&self) -> &Exchange {
        &self.exchange
    }

    /// Every market, in file order.
    pub fn markets(&self) -> &[Market] {
        &self.markets
    }

    /// The market with this id.
    pub fn market(&self, id: &MarketId) -> Option<&Market> {
        self.markets.iter().find(|m| &m.id == id)
    }

    /// The rate of a currency.
    pub fn rate(&self, currency: &CurrencyCode) -> Option<&Rate> {
        self.exchange.rates.iter().find(|r| &r.currency == currency)
    }

    /// Fleet discount tiers, ascending by quantity.
    pub fn fleet_discounts(&self) -> &[FleetTier] {
        &self.fleet_discounts
    }

    /// The fleet tier that applies to a quantity: the highest whose minimum it reaches.
    pub fn fleet_tier(&self, quantity: Quantity) -> Option<FleetTier> {
        self.fleet_discounts
            .iter()
            .rev()
            .find(|t| quantity >= t.min_quantity)
            .copied()
    }

    /// Every model, in file order.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// The model with this id.
    pub fn model(&self, id: &ModelId) -> Option<&Model> {
        self.models.iter().find(|m| m.id() == id)
    }
}

impl TryFrom<CatalogFile> for Catalog {
    type Error = CatalogError;
    fn try_from(file: CatalogFile) -> Result<Self, Self::Error> {
        Self::from_file(file)
    }
}

impl From<Catalog> for CatalogFile {
    fn from(catalog: Catalog) -> Self {
        catalog.file
    }
}
