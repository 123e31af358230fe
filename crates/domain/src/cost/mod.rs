//! Running cost: what a configuration costs to buy and run over some years, per vehicle and for a
//! fleet, in integer minor units of a market's currency, with each formula's parts for the reader.
//!
//! For one vehicle going `km_total = km_per_year × years`:
//! * fuel = consumption per 100 km / 100 × `km_total` × the fuel's price per litre (or m³, kg);
//! * maintenance = the model's US cents per 100 km / 100 × the catalog's rate × `km_total` / 100;
//! * total cost of ownership = the unit price + fuel + maintenance;
//! * the fleet's: each of these × the quantity, exactly;
//! * year by year, the cumulative cost after `k` years (year 0: the price) for a chart;
//! * per 100 seat-km (cars, microvans, minibuses, buses; standing places count) and per 100
//!   tonne-km of payload (microvans, pickups, trucks): the total over the seats or tonnes times
//!   `km_total`.
//!
//! Consumptions, rates and kilometres stay exact (decimals and whole numbers, never floats); each
//! figure is worked out as an exact fraction and rounded once, at the end, by the catalog's rule
//! (`exchange.rounding`, half up as shipped), so no rounding of one step feeds the next. Fuel and
//! maintenance are rounded apiece, and the total is their sum with the price, so the figures shown
//! add up; a year's cumulative cost is worked out from that year's kilometres the same way, so the
//! last year's is the total.

mod compute;
mod exact;
mod formula;
mod usage;

use serde::{Deserialize, Serialize};

pub use compute::{CostError, running_cost};
pub use formula::{FuelFormula, MaintenanceFormula, SeatKmFormula, TonneKmFormula};
pub use usage::{Usage, UsageError};

use crate::catalog::Rounding;
use crate::engine::Configuration;
use crate::ids::{CurrencyCode, MarketId, Quantity};
use crate::price::Money;

/// Buying and running `quantity` vehicles of one configuration in a market for some years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningCost {
    /// The configuration.
    pub configuration: Configuration,
    /// The market.
    pub market: MarketId,
    /// The currency of every amount.
    pub currency: CurrencyCode,
    /// Digits of its minor unit.
    pub minor_digits: u8,
    /// How each figure was rounded, once.
    pub rounding: Rounding,
    /// Vehicles.
    pub quantity: Quantity,
    /// Kilometres a year, each.
    pub km_per_year: u32,
    /// Years.
    pub years: u8,
    /// Fuel of one vehicle over the years.
    pub fuel: FuelFormula,
    /// Maintenance of one vehicle over the years.
    pub maintenance: MaintenanceFormula,
    /// One vehicle's cost of ownership.
    pub vehicle: Ownership,
    /// The fleet's: the vehicle's × the quantity.
    pub fleet: Ownership,
    /// The cumulative cost after each year, from year 0 (the price) to the last (the total).
    pub by_year: Vec<YearCost>,
    /// Per 100 seat-km, for a body that carries people.
    pub per_seat_km: Option<SeatKmFormula>,
    /// Per 100 tonne-km, for a body that carries cargo.
    pub per_tonne_km: Option<TonneKmFormula>,
}

/// A cost of ownership: `price + fuel + maintenance = total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ownership {
    /// The purchase price.
    pub price: i64,
    /// Fuel over the years.
    pub fuel: i64,
    /// Maintenance over the years.
    pub maintenance: i64,
    /// The sum.
    pub total: i64,
}

/// What has been spent after a number of years: the price, and fuel and maintenance so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCost {
    /// Years from the purchase, 0 for the purchase itself.
    pub year: u8,
    /// One vehicle.
    pub vehicle: i64,
    /// The fleet: `vehicle × quantity`.
    pub fleet: i64,
}

impl RunningCost {
    /// An amount of this running cost as money.
    pub fn money(&self, minor: i64) -> Money {
        Money {
            minor,
            currency: self.currency.clone(),
            minor_digits: self.minor_digits,
        }
    }
}
