//! The catalog file as written (`data/catalog.toml`, see `data/README.md`): plain serde structs with
//! no checks beyond the shape. Only [`Catalog::from_file`](crate::Catalog::from_file) turns one into a
//! [`Catalog`](crate::Catalog). The same shape is the JSON the server sends to the browser.
//!
//! Ids are kept as strings here so that a bad id is reported with its path by the validation, and
//! prices as signed integers so that a negative one is reported rather than failing the parse.

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::slug::slug_enum;
use crate::text::Text;

/// The whole catalog file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// The catalog version, carried by every configuration code.
    pub version: String,
    /// Whether prices are indicative sample data.
    #[serde(default)]
    pub sample_data: bool,
    /// Exchange rates from US dollars to the markets' currencies.
    pub exchange: ExchangeFile,
    /// The markets: currency and VAT.
    pub markets: Vec<MarketFile>,
    /// Fleet discount tiers by quantity of one order line, ascending.
    #[serde(default)]
    pub fleet_discounts: Vec<FleetDiscountFile>,
    /// The running-cost comparison's default fuel prices, per market, fuel and unit. Absent is
    /// reported as every needed price missing.
    #[serde(default)]
    pub fuel_prices: Vec<FuelPriceFile>,
    /// The vehicle types.
    pub models: Vec<ModelFile>,
}

/// `[exchange]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeFile {
    /// The date the rates take effect, `YYYY-MM-DD`.
    pub effective: String,
    /// How a conversion is rounded.
    pub rounding: Rounding,
    /// One rate per currency.
    pub rates: Vec<RateFile>,
}

slug_enum! {
    /// How an amount converted or multiplied by a rate is rounded to whole minor units.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "kebab-case"))]
    pub enum Rounding {
        /// To the nearest unit, halves away from zero.
        HalfUp = "half-up",
        /// To the nearest unit, halves to the even unit (banker's rounding).
        HalfEven = "half-even",
    }
}

/// `[[exchange.rates]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateFile {
    /// ISO 4217 code.
    pub currency: String,
    /// Digits of the minor unit (2 for tyiyn).
    pub minor_digits: u8,
    /// Units of the currency per US dollar, exact.
    pub per_usd: Decimal,
}

/// `[[markets]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketFile {
    /// ISO 3166 alpha-2, upper case.
    pub id: String,
    /// The market's currency; must have a rate.
    pub currency: String,
    /// VAT in hundredths of a percent.
    pub vat_basis_points: i64,
    /// The market's name.
    pub name: Text,
}

/// `[[fleet_discounts]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FleetDiscountFile {
    /// The smallest quantity of one order line the tier applies to.
    pub min_quantity: i64,
    /// The discount in hundredths of a percent.
    pub basis_points: i64,
}

/// `[[fuel_prices]]`: one fuel's price in one market. The market and the fuel are strings so that
/// an unknown one is reported with its path, the price signed so that a negative one is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuelPriceFile {
    /// A market of `[[markets]]`.
    pub market: String,
    /// A [`PumpFuel`]: `petrol`, `diesel` or `cng`.
    pub fuel: String,
    /// What the price is per; it measures the fuel.
    pub unit: ConsumptionUnit,
    /// Minor units of the market's currency per [`Self::unit`].
    pub price_per_unit: i64,
    /// The date the price holds for, `YYYY-MM-DD`.
    pub as_of: String,
}

/// `[[models]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Unique in the catalog.
    pub id: String,
    /// The brand.
    pub brand: Brand,
    /// The body type.
    pub body: Body,
    /// The production line.
    pub line: Line,
    /// Where the kits come from.
    pub kit: Kit,
    /// US cents: the cheapest trim and powertrain with default options.
    pub base_price: i64,
    /// US cents of maintenance per 100 km (service, tyres, brakes), converted like prices.
    pub maintenance_per_100km: i64,
    /// The model's name.
    pub name: Text,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Technical data.
    pub specs: Specs,
    /// Trims; the first is the default. Absent is reported as empty.
    #[serde(default)]
    pub trims: Vec<TrimFile>,
    /// Powertrains; the first is the default. Absent is reported as empty.
    #[serde(default)]
    pub powertrains: Vec<PowertrainFile>,
    /// Option groups.
    #[serde(default)]
    pub groups: Vec<GroupFile>,
}

slug_enum! {
    /// The brand of a model.
    pub enum Brand {
        /// Chevrolet passenger cars.
        Chevrolet = "chevrolet",
        /// Isuzu commercial vehicles.
        Isuzu = "isuzu",
    }
}

slug_enum! {
    /// The body type of a model.
    pub enum Body {
        Sedan = "sedan",
        Crossover = "crossover",
        Microvan = "microvan",
        Pickup = "pickup",
        Minibus = "minibus",
        Bus = "bus",
        Truck = "truck",
    }
}

slug_enum! {
    /// The production line that assembles a model.
    pub enum Line {
        Passenger = "passenger",
        Commercial = "commercial",
    }
}

slug_enum! {
    /// Where a model's kits come from.
    pub enum Kit {
        Uzauto = "uzauto",
        Samauto = "samauto",
    }
}

slug_enum! {
    /// The fuel of a model or powertrain.
    pub enum Fuel {
        Petrol = "petrol",
        Diesel = "diesel",
        Cng = "cng",
        PetrolCng = "petrol-cng",
    }
}

slug_enum! {
    /// A fuel as it is sold, which a price is for. A petrol-CNG vehicle's consumption is given on
    /// gas, so it is costed on `cng` ([`Fuel::pump_fuel`]).
    pub enum PumpFuel {
        Petrol = "petrol",
        Diesel = "diesel",
        Cng = "cng",
    }
}

impl Fuel {
    /// The fuel bought for the consumption of this one: gas for petrol-CNG.
    pub fn pump_fuel(self) -> PumpFuel {
        match self {
            Fuel::Petrol => PumpFuel::Petrol,
            Fuel::Diesel => PumpFuel::Diesel,
            Fuel::Cng | Fuel::PetrolCng => PumpFuel::Cng,
        }
    }
}

impl From<PumpFuel> for Fuel {
    fn from(fuel: PumpFuel) -> Fuel {
        match fuel {
            PumpFuel::Petrol => Fuel::Petrol,
            PumpFuel::Diesel => Fuel::Diesel,
            PumpFuel::Cng => Fuel::Cng,
        }
    }
}

slug_enum! {
    /// What a consumption per 100 km is measured in.
    #[derive(Default)]
    pub enum ConsumptionUnit {
        /// Litres: petrol and diesel; the default.
        #[default]
        Litre = "l",
        /// Cubic metres of gas: CNG.
        CubicMetre = "m3",
        /// Kilograms of gas: CNG.
        Kilogram = "kg",
    }
}

impl ConsumptionUnit {
    /// Whether a consumption of `fuel` is measured in this unit: litres for petrol and diesel,
    /// cubic metres or kilograms for CNG (petrol-CNG: its figure on gas).
    pub fn measures(self, fuel: Fuel) -> bool {
        let gas = matches!(fuel, Fuel::Cng | Fuel::PetrolCng);
        gas != (self == ConsumptionUnit::Litre)
    }
}

/// `[models.specs]`: the model's figures, which are those of its default configuration (a choice
/// that sets a figure says so on its own entry, see [`FiguresFile`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Specs {
    /// Seated places: every seat of a car or truck; a bus's passenger seats.
    pub seats: u32,
    /// Standing places (buses).
    #[serde(default)]
    pub standing: u32,
    pub payload_kg: u32,
    pub engine: String,
    pub power_hp: u32,
    pub fuel: Fuel,
    /// Per 100 km, combined, in [`Specs::consumption_unit`].
    pub consumption: Decimal,
    /// Litres unless written.
    #[serde(default)]
    pub consumption_unit: ConsumptionUnit,
    pub length_mm: u32,
    pub width_mm: u32,
    pub height_mm: u32,
    pub wheelbase_mm: u32,
    pub gross_weight_kg: u32,
}

/// `[[models.trims]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrimFile {
    /// Unique among the model's trims, powertrains and options.
    pub id: String,
    /// US cents added to the base price.
    pub price: i64,
    /// The trim's name.
    pub name: Text,
    /// What the trim brings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Options that must be chosen with this trim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

slug_enum! {
    /// A gearbox.
    pub enum Transmission {
        Manual = "manual",
        Automatic = "automatic",
    }
}

slug_enum! {
    /// Driven wheels.
    pub enum Drive {
        FourByTwo = "4x2",
        FourByFour = "4x4",
    }
}

/// `[[models.powertrains]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowertrainFile {
    /// Unique among the model's trims, powertrains and options.
    pub id: String,
    /// US cents added to the base price.
    pub price: i64,
    /// The gearbox.
    pub transmission: Transmission,
    /// The fuel.
    pub fuel: Fuel,
    /// Driven wheels.
    pub drive: Drive,
    /// Power.
    pub power_hp: u32,
    /// Consumption per 100 km with this powertrain; the model's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<Decimal>,
    /// The unit of [`Self::consumption`]; litres when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption_unit: Option<ConsumptionUnit>,
    /// Payload with this powertrain (CNG cylinders weigh); the model's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_kg: Option<i64>,
    /// Gross vehicle weight with this powertrain; the model's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_weight_kg: Option<i64>,
    /// Offered only with these trims; every trim when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trims: Option<Vec<String>>,
    /// Options that must be chosen with this powertrain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// The powertrain's name.
    pub name: Text,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

slug_enum! {
    /// Single or multiple choice.
    pub enum GroupKind {
        /// At most one option; exactly one when the group is required.
        Single = "single",
        /// Any number of options.
        Multi = "multi",
    }
}

/// `[[models.groups]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    /// Unique among the model's groups.
    pub id: String,
    /// Single or multiple choice.
    pub kind: GroupKind,
    /// Single groups only: exactly one option must be chosen.
    #[serde(default)]
    pub required: bool,
    /// The group's name.
    pub name: Text,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The options of the group.
    pub options: Vec<OptionFile>,
}

/// `[[models.groups.options]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    /// Unique among the model's trims, powertrains and options.
    pub id: String,
    /// US cents added to the base price.
    pub price: i64,
    /// Chosen in the model's default configuration.
    #[serde(default)]
    pub default: bool,
    /// Paints: the tint of the drawing, `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The option's name.
    pub name: Text,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Options that must be chosen with this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// Options, trims or powertrains that may not be chosen with this one (symmetric).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// Options chosen with this one at no cost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
    /// Offered only with these trims; every trim when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trims: Option<Vec<String>>,
    /// Offered only with these powertrains; every powertrain when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub powertrains: Option<Vec<String>>,
    /// The figures this option sets (a seating layout's seats, a body's payload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specs: Option<FiguresFile>,
}

/// `[models.groups.options.specs]`: the figures of the spec sheet an option sets, each replacing
/// the powertrain's or the model's while the option is chosen. Whole numbers are signed here so
/// that a negative one is reported with its path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresFile {
    /// Seated places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<i64>,
    /// Standing places; `0` for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<i64>,
    /// Payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_kg: Option<i64>,
    /// Gross vehicle weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_weight_kg: Option<i64>,
    /// The fuel (a gas kit), written with its consumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel: Option<Fuel>,
    /// Consumption per 100 km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<Decimal>,
    /// The unit of [`Self::consumption`]; litres when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption_unit: Option<ConsumptionUnit>,
}
