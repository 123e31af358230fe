//! The parts of each running-cost formula, as data: the front end writes them out in the reader's
//! language under the table ("fuel: 6.6 l/100 km × 45,000 km × 72.50 KGS/l = 21,533.50 KGS").
//! Every amount is in minor units of the [`RunningCost`](super::RunningCost)'s currency.

use serde::{Deserialize, Serialize};

use crate::catalog::{ConsumptionUnit, PumpFuel};
use crate::decimal::Decimal;

/// Fuel over the years: `consumption / 100 × km_total × price_per_unit`, rounded once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FuelFormula {
    /// The fuel bought (a petrol-CNG vehicle's figure is on gas: `cng`).
    pub fuel: PumpFuel,
    /// Per 100 km, combined.
    pub consumption: Decimal,
    /// Of what.
    pub unit: ConsumptionUnit,
    /// Kilometres over the years.
    pub km_total: u64,
    /// Minor units per unit of fuel.
    pub price_per_unit: i64,
    /// The date of the catalog's price; `None` for the buyer's own.
    pub price_as_of: Option<String>,
    /// The result, rounded once.
    pub amount: i64,
}

/// Maintenance over the years: `usd_cents_per_100km / 100 × per_usd × km_total / 100`, rounded
/// once: the catalog's estimate in US cents converted at the catalog's rate, like prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceFormula {
    /// The model's estimate, US cents per 100 km.
    pub usd_cents_per_100km: u32,
    /// Units of the market's currency per US dollar; `None` when it is the dollar itself.
    pub per_usd: Option<Decimal>,
    /// Kilometres over the years.
    pub km_total: u64,
    /// The result, rounded once.
    pub amount: i64,
}

/// Cost of ownership per 100 seat-km (people carriers): `total × 100 / ((seats + standing) ×
/// km_total)`, rounded once. Standing places count as seats: a city bus carries them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatKmFormula {
    /// Seated places.
    pub seats: u32,
    /// Standing places.
    pub standing: u32,
    /// Kilometres over the years.
    pub km_total: u64,
    /// The cost of ownership of one vehicle, price included.
    pub total: i64,
    /// Minor units per 100 seat-km.
    pub per_100_seat_km: i64,
}

/// Cost of ownership per 100 tonne-km (cargo vehicles), the payload carried every kilometre:
/// `total × 100 × 1000 / (payload_kg × km_total)`, rounded once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TonneKmFormula {
    /// Payload.
    pub payload_kg: u32,
    /// Kilometres over the years.
    pub km_total: u64,
    /// The cost of ownership of one vehicle, price included.
    pub total: i64,
    /// Minor units per 100 tonne-km.
    pub per_100_tonne_km: i64,
}
