//! The fuel prices of a market, which the running-cost comparison starts from (`[[fuel_prices]]`
//! in the catalog, checked when it loads) and the buyer may change: every price is above zero and
//! per a unit that measures its fuel, whoever set it.

use super::file::{ConsumptionUnit, PumpFuel};
use crate::ids::{CurrencyCode, MarketId};

/// One fuel's price: minor units of the market's currency per unit (litre, cubic metre,
/// kilogram).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuelPrice {
    /// The fuel.
    pub fuel: PumpFuel,
    /// What the price is per.
    pub unit: ConsumptionUnit,
    /// Minor units per unit, above zero.
    pub per_unit: i64,
    /// The date the catalog's price holds for; `None` for a price the buyer entered.
    pub as_of: Option<String>,
}

/// The fuel prices of one market, at most one per fuel and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuelPrices {
    market: MarketId,
    currency: CurrencyCode,
    prices: Vec<FuelPrice>,
}

/// Why a fuel price cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FuelPriceError {
    /// A price of zero or less.
    #[error(
        "fuel price `{per_unit}` for `{fuel}` per `{unit}` out of range: expected minor units above zero"
    )]
    NotAboveZero {
        /// The fuel.
        fuel: PumpFuel,
        /// The unit.
        unit: ConsumptionUnit,
        /// The price given.
        per_unit: i64,
    },
    /// A unit the fuel is not measured in.
    #[error(
        "fuel price for `{fuel}` per `{unit}`: petrol and diesel are sold per `l`, CNG per `m3` or `kg`"
    )]
    Unit {
        /// The fuel.
        fuel: PumpFuel,
        /// The unit.
        unit: ConsumptionUnit,
    },
}

impl FuelPrices {
    /// No prices yet, for a market and its currency.
    pub(crate) fn new(market: MarketId, currency: CurrencyCode) -> Self {
        FuelPrices {
            market,
            currency,
            prices: Vec::new(),
        }
    }

    /// Adds a price the catalog's validation has checked.
    pub(crate) fn push(&mut self, price: FuelPrice) {
        self.prices.push(price);
    }

    /// The market.
    pub fn market(&self) -> &MarketId {
        &self.market
    }

    /// The currency of every price.
    pub fn currency(&self) -> &CurrencyCode {
        &self.currency
    }

    /// Every price, the catalog's in file order, then those the buyer added.
    pub fn prices(&self) -> &[FuelPrice] {
        &self.prices
    }

    /// The price of a fuel per a unit.
    pub fn get(&self, fuel: PumpFuel, unit: ConsumptionUnit) -> Option<&FuelPrice> {
        self.prices
            .iter()
            .find(|p| p.fuel == fuel && p.unit == unit)
    }

    /// Sets the buyer's price of a fuel per a unit, replacing the catalog's (its date goes: the
    /// price is the buyer's own).
    pub fn set(
        &mut self,
        fuel: PumpFuel,
        unit: ConsumptionUnit,
        per_unit: i64,
    ) -> Result<(), FuelPriceError> {
        if !unit.measures(fuel.into()) {
            return Err(FuelPriceError::Unit { fuel, unit });
        }
        if per_unit <= 0 {
            return Err(FuelPriceError::NotAboveZero {
                fuel,
                unit,
                per_unit,
            });
        }
        let price = FuelPrice {
            fuel,
            unit,
            per_unit,
            as_of: None,
        };
        match self
            .prices
            .iter_mut()
            .find(|p| p.fuel == fuel && p.unit == unit)
        {
            Some(p) => *p = price,
            None => self.prices.push(price),
        }
        Ok(())
    }
}
