//! Validation of `[[fuel_prices]]`: each entry names a market, a fuel as sold and a unit that
//! measures it, a price above zero and its date; then every market must price every fuel, in
//! every unit, that some model, powertrain or option consumes, so that any configuration's running
//! cost can be worked out from the catalog's defaults.

use super::Market;
use super::error::Problem;
use super::file::{CatalogFile, ConsumptionUnit, Fuel, FuelPriceFile, PumpFuel};
use super::fuel::FuelPrice;
use super::validate::{Errors, is_date};
use crate::ids::MarketId;

/// Checks the fuel prices and gives each market its own.
pub(super) fn fuel_prices(file: &CatalogFile, markets: &mut [Market], errors: &mut Errors) {
    // Every market, fuel and unit an entry names, sound or not: a price with a problem of its own
    // is not reported missing too.
    let mut written = Vec::new();
    let all_checked = markets.len() == file.markets.len();
    for (i, entry) in file.fuel_prices.iter().enumerate() {
        let path = format!("fuel_prices[{i}]");
        let before = errors.len();
        let market = market(entry, &path, (markets, all_checked), errors);
        let fuel = fuel(entry, &path, errors);
        amount_and_date(entry, &path, errors);
        let (Some(market), Some(fuel)) = (market, fuel) else {
            continue;
        };
        let key = (market, fuel, entry.unit);
        if written.contains(&key) {
            errors.push(
                path,
                Problem::DuplicateFuelPrice {
                    market: entry.market.clone(),
                    fuel,
                    unit: entry.unit,
                },
            );
            continue;
        }
        written.push(key);
        if errors.len() == before {
            markets[market].fuel_prices.push(FuelPrice {
                fuel,
                unit: entry.unit,
                per_unit: entry.price_per_unit,
                as_of: Some(entry.as_of.clone()),
            });
        }
    }
    for (needed_by, fuel, unit) in consumed(file) {
        for (m, market) in markets.iter().enumerate() {
            if !written.contains(&(m, fuel, unit)) {
                errors.push(
                    "fuel_prices",
                    Problem::NoFuelPrice {
                        market: market.id.to_string(),
                        fuel,
                        unit,
                        needed_by: needed_by.clone(),
                    },
                );
            }
        }
    }
}

/// The index of the entry's market. It is reported unknown only when every market of
/// `[[markets]]` could be checked (`all_checked`): otherwise it may be the one with a problem of
/// its own, reported there.
fn market(
    entry: &FuelPriceFile,
    path: &str,
    (markets, all_checked): (&[Market], bool),
    errors: &mut Errors,
) -> Option<usize> {
    let path = format!("{path}.market");
    let id = errors.parse(&path, entry.market.parse::<MarketId>())?;
    let found = markets.iter().position(|m| m.id == id);
    if found.is_none() && all_checked {
        let id = id.to_string();
        errors.push(path, Problem::Unknown { kind: "market", id });
    }
    found
}

/// The entry's fuel, which its unit must measure.
fn fuel(entry: &FuelPriceFile, path: &str, errors: &mut Errors) -> Option<PumpFuel> {
    let Ok(fuel) = entry.fuel.parse::<PumpFuel>() else {
        let id = entry.fuel.clone();
        errors.push(
            format!("{path}.fuel"),
            Problem::Unknown { kind: "fuel", id },
        );
        return None;
    };
    if !entry.unit.measures(fuel.into()) {
        errors.push(
            format!("{path}.unit"),
            Problem::Invalid {
                value: entry.unit.to_string(),
                expected: "a unit that measures the fuel: `l` for petrol and diesel, `m3` or `kg` for cng",
            },
        );
    }
    Some(fuel)
}

/// The entry's price, above zero, and its date.
fn amount_and_date(entry: &FuelPriceFile, path: &str, errors: &mut Errors) {
    if entry.price_per_unit <= 0 {
        errors.push(
            format!("{path}.price_per_unit"),
            Problem::OutOfRange {
                value: entry.price_per_unit,
                expected: "minor units above zero",
            },
        );
    }
    if !is_date(&entry.as_of) {
        errors.push(
            format!("{path}.as_of"),
            Problem::Invalid {
                value: entry.as_of.clone(),
                expected: "a date `YYYY-MM-DD`",
            },
        );
    }
}

/// What the models consume, each with the path of the first entry that does: the model's own
/// figures, each powertrain (with the model's unit when it gives no consumption of its own) and
/// each option that sets a fuel. A unit that does not measure its fuel is the model validation's
/// problem, and left out here.
fn consumed(file: &CatalogFile) -> Vec<(String, PumpFuel, ConsumptionUnit)> {
    let mut found: Vec<(String, PumpFuel, ConsumptionUnit)> = Vec::new();
    let mut add = |path: String, fuel: Fuel, unit: ConsumptionUnit| {
        let fuel_and_unit = (fuel.pump_fuel(), unit);
        if unit.measures(fuel) && !found.iter().any(|(_, f, u)| (*f, *u) == fuel_and_unit) {
            found.push((path, fuel_and_unit.0, unit));
        }
    };
    for (m, model) in file.models.iter().enumerate() {
        let path = format!("models[{m}]");
        let specs = &model.specs;
        add(format!("{path}.specs"), specs.fuel, specs.consumption_unit);
        for (p, pt) in model.powertrains.iter().enumerate() {
            let unit = match pt.consumption {
                Some(_) => pt.consumption_unit.unwrap_or_default(),
                None => specs.consumption_unit,
            };
            add(format!("{path}.powertrains[{p}]"), pt.fuel, unit);
        }
        for (g, group) in model.groups.iter().enumerate() {
            for (k, option) in group.options.iter().enumerate() {
                if let Some(fuel) = option.specs.as_ref().and_then(|s| s.fuel) {
                    let unit = option
                        .specs
                        .as_ref()
                        .and_then(|s| s.consumption_unit)
                        .unwrap_or_default();
                    add(format!("{path}.groups[{g}].options[{k}].specs"), fuel, unit);
                }
            }
        }
    }
    found
}
