//! Working out a [`RunningCost`]: the formulas of the module documentation, each exact until its
//! one rounding.

use super::exact::Fraction;
use super::formula::{FuelFormula, MaintenanceFormula, SeatKmFormula, TonneKmFormula};
use super::usage::Usage;
use super::{Ownership, RunningCost, YearCost};
use crate::Catalog;
use crate::catalog::{Body, ConsumptionUnit, FuelPrices, Market, PumpFuel, Rate, Rounding, Specs};
use crate::decimal::Decimal;
use crate::engine::{self, Configuration, Model, Violation};
use crate::ids::{CurrencyCode, MarketId, ModelId};
use crate::price::Money;

/// Why a running cost could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    /// The catalog has no such model.
    #[error("unknown model `{0}`")]
    UnknownModel(ModelId),
    /// The fuel prices are of a market the catalog does not have.
    #[error("unknown market `{0}`")]
    UnknownMarket(MarketId),
    /// Only a valid configuration has a running cost.
    #[error("the configuration is not valid: {}", Violation::joined(.0))]
    Invalid(Vec<Violation>),
    /// A unit price in another currency than the market's (a quote in US dollars).
    #[error("unit price in `{price}`: the running cost in market `{market}` is in `{expected}`")]
    PriceCurrency {
        /// The unit price's currency.
        price: CurrencyCode,
        /// The market.
        market: MarketId,
        /// The market's currency.
        expected: CurrencyCode,
    },
    /// A unit price below zero.
    #[error("unit price `{0}` below zero")]
    NegativePrice(i64),
    /// The fuel prices have none for what the configuration consumes.
    #[error("no fuel price for `{fuel}` per `{unit}`")]
    NoFuelPrice {
        /// The fuel.
        fuel: PumpFuel,
        /// The unit of the configuration's consumption.
        unit: ConsumptionUnit,
    },
    /// An amount does not fit in 64 bits.
    #[error("the amount is too large")]
    Overflow,
}

/// The running cost of `usage.quantity()` vehicles of a valid configuration, bought at
/// `unit_price` each (in the market's currency, as the price quote gives it) and run with
/// `fuel_prices` (the market's from the catalog, perhaps changed by the buyer; they name the
/// market).
pub fn running_cost(
    catalog: &Catalog,
    configuration: &Configuration,
    unit_price: &Money,
    usage: &Usage,
    fuel_prices: &FuelPrices,
) -> Result<RunningCost, CostError> {
    let (model, market) = checked(catalog, configuration, unit_price, fuel_prices)?;
    let specs = model.specs_of(configuration);
    let (fuel, unit) = (specs.fuel.pump_fuel(), specs.consumption_unit);
    let fuel_price = fuel_prices
        .get(fuel, unit)
        .ok_or(CostError::NoFuelPrice { fuel, unit })?;
    let rate = catalog.rate(&market.currency);
    let rounding = catalog.exchange().rounding;
    let usd_cents_per_100km = model.data.maintenance_per_100km;
    let costs = Costs {
        fuel_per_km: fuel_per_km(specs.consumption, fuel_price.per_unit)?,
        maintenance_per_km: maintenance_per_km(usd_cents_per_100km, rate)?,
        rounding,
    };
    let km_total = usage.km_total();
    let vehicle = costs.ownership(unit_price.minor, km_total)?;
    let (people, cargo) = carries(model.body());
    Ok(RunningCost {
        configuration: configuration.clone(),
        market: market.id.clone(),
        currency: market.currency.clone(),
        minor_digits: rate.map_or(2, |r| r.minor_digits),
        rounding,
        quantity: usage.quantity(),
        km_per_year: usage.km_per_year(),
        years: usage.years(),
        fuel: FuelFormula {
            fuel,
            consumption: specs.consumption,
            unit,
            km_total,
            price_per_unit: fuel_price.per_unit,
            price_as_of: fuel_price.as_of.clone(),
            amount: vehicle.fuel,
        },
        maintenance: MaintenanceFormula {
            usd_cents_per_100km,
            per_usd: rate.map(|r| r.per_usd),
            km_total,
            amount: vehicle.maintenance,
        },
        fleet: fleet(vehicle, usage)?,
        by_year: by_year(&costs, unit_price.minor, usage)?,
        per_seat_km: people
            .then(|| per_seat_km(&specs, km_total, vehicle.total, rounding))
            .transpose()?
            .flatten(),
        per_tonne_km: cargo
            .then(|| per_tonne_km(&specs, km_total, vehicle.total, rounding))
            .transpose()?
            .flatten(),
        vehicle,
    })
}

/// The model and the market, once the configuration is known valid and the unit price is in the
/// market's currency and not below zero.
fn checked<'c>(
    catalog: &'c Catalog,
    configuration: &Configuration,
    unit_price: &Money,
    fuel_prices: &FuelPrices,
) -> Result<(&'c Model, &'c Market), CostError> {
    let model = catalog
        .model(&configuration.model)
        .ok_or_else(|| CostError::UnknownModel(configuration.model.clone()))?;
    let market = catalog
        .market(fuel_prices.market())
        .ok_or_else(|| CostError::UnknownMarket(fuel_prices.market().clone()))?;
    let violations = engine::check(model, configuration);
    if !violations.is_empty() {
        return Err(CostError::Invalid(violations));
    }
    if unit_price.currency != market.currency {
        return Err(CostError::PriceCurrency {
            price: unit_price.currency.clone(),
            market: market.id.clone(),
            expected: market.currency.clone(),
        });
    }
    if unit_price.minor < 0 {
        return Err(CostError::NegativePrice(unit_price.minor));
    }
    Ok((model, market))
}

/// The vehicle's figures × the quantity.
fn fleet(vehicle: Ownership, usage: &Usage) -> Result<Ownership, CostError> {
    let quantity = i64::from(usage.quantity().get());
    let times = |amount: i64| amount.checked_mul(quantity).ok_or(CostError::Overflow);
    Ok(Ownership {
        price: times(vehicle.price)?,
        fuel: times(vehicle.fuel)?,
        maintenance: times(vehicle.maintenance)?,
        total: times(vehicle.total)?,
    })
}

/// The cumulative cost after each year, from 0 to `usage.years()`, each worked out from that
/// year's kilometres and rounded once.
fn by_year(costs: &Costs, price: i64, usage: &Usage) -> Result<Vec<YearCost>, CostError> {
    let quantity = i64::from(usage.quantity().get());
    (0..=usage.years())
        .map(|year| {
            let km = u64::from(usage.km_per_year()) * u64::from(year);
            let vehicle = costs.ownership(price, km)?.total;
            let fleet = vehicle.checked_mul(quantity).ok_or(CostError::Overflow)?;
            Ok(YearCost {
                year,
                vehicle,
                fleet,
            })
        })
        .collect()
}

/// Whether a body carries people (cost per seat-km) and cargo (per tonne-km): cars and buses
/// people, pickups and trucks cargo, the microvan both (a 7-seat minibus or a 2-seat van).
fn carries(body: Body) -> (bool, bool) {
    match body {
        Body::Sedan | Body::Crossover | Body::Minibus | Body::Bus => (true, false),
        Body::Pickup | Body::Truck => (false, true),
        Body::Microvan => (true, true),
    }
}

/// Fuel per km: `consumption / 100 × price_per_unit`, exactly, in minor units.
fn fuel_per_km(consumption: Decimal, price_per_unit: i64) -> Result<Fraction, CostError> {
    Fraction::whole(u128::from(consumption.mantissa()))
        .times(u128::from(price_per_unit.unsigned_abs()))
        .and_then(|f| f.over(100 * 10u128.pow(u32::from(consumption.scale()))))
        .ok_or(CostError::Overflow)
}

/// Maintenance per km: `usd_cents / 100 × per_usd / 100`, exactly, in minor units
/// (`× 10^minor_digits`); without a rate the currency is the US dollar, in cents.
fn maintenance_per_km(
    usd_cents_per_100km: u32,
    rate: Option<&Rate>,
) -> Result<Fraction, CostError> {
    let cents = Fraction::whole(u128::from(usd_cents_per_100km));
    match rate {
        Some(r) => cents
            .times(u128::from(r.per_usd.mantissa()))
            .and_then(|f| f.times(10u128.pow(u32::from(r.minor_digits))))
            .and_then(|f| f.over(100 * 10u128.pow(u32::from(r.per_usd.scale())))),
        None => Some(cents),
    }
    .and_then(|f| f.over(100))
    .ok_or(CostError::Overflow)
}

/// What one kilometre costs in fuel and in maintenance, exactly, in minor units.
struct Costs {
    fuel_per_km: Fraction,
    maintenance_per_km: Fraction,
    rounding: Rounding,
}

impl Costs {
    /// The cost of one vehicle bought at `price` and driven `km`, fuel and maintenance each
    /// rounded once.
    fn ownership(&self, price: i64, km: u64) -> Result<Ownership, CostError> {
        let round = |per_km: Fraction| {
            per_km
                .times(u128::from(km))
                .and_then(|f| f.round(self.rounding))
                .ok_or(CostError::Overflow)
        };
        let (fuel, maintenance) = (round(self.fuel_per_km)?, round(self.maintenance_per_km)?);
        let total = [fuel, maintenance]
            .into_iter()
            .try_fold(price, i64::checked_add)
            .ok_or(CostError::Overflow)?;
        Ok(Ownership {
            price,
            fuel,
            maintenance,
            total,
        })
    }
}

/// `total × 100 / (places × km)` rounded once; `None` without a place.
fn per_seat_km(
    specs: &Specs,
    km_total: u64,
    total: i64,
    rounding: Rounding,
) -> Result<Option<SeatKmFormula>, CostError> {
    let places = u128::from(specs.seats) + u128::from(specs.standing);
    let Some(per_100_seat_km) = per_100(total, places, km_total, 1, rounding)? else {
        return Ok(None);
    };
    Ok(Some(SeatKmFormula {
        seats: specs.seats,
        standing: specs.standing,
        km_total,
        total,
        per_100_seat_km,
    }))
}

/// `total × 100 × 1000 / (payload_kg × km)` rounded once; `None` without a payload.
fn per_tonne_km(
    specs: &Specs,
    km_total: u64,
    total: i64,
    rounding: Rounding,
) -> Result<Option<TonneKmFormula>, CostError> {
    let payload = u128::from(specs.payload_kg);
    let Some(per_100_tonne_km) = per_100(total, payload, km_total, 1000, rounding)? else {
        return Ok(None);
    };
    Ok(Some(TonneKmFormula {
        payload_kg: specs.payload_kg,
        km_total,
        total,
        per_100_tonne_km,
    }))
}

/// `total × 100 × scale / (count × km)`, rounded once; `None` when `count` is zero.
fn per_100(
    total: i64,
    count: u128,
    km: u64,
    scale: u128,
    rounding: Rounding,
) -> Result<Option<i64>, CostError> {
    if count == 0 {
        return Ok(None);
    }
    Fraction::whole(u128::from(total.unsigned_abs()))
        .times(100 * scale)
        .and_then(|f| f.over(count))
        .and_then(|f| f.over(u128::from(km)))
        .and_then(|f| f.round(rounding))
        .map(Some)
        .ok_or(CostError::Overflow)
}
