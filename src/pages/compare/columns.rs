//! One column of the comparison, worked out by the domain: the configuration a code names, its
//! quote for the quantity in the market's currency, and its running cost. A code that does not
//! decode is a column with its error; the other columns do not depend on it.

use configurator_domain::{
    Catalog, Configuration, MarketId, Quantity,
    catalog::FuelPrices,
    code::{self, CodeError},
    cost::{CostError, RunningCost, Usage, running_cost},
    price::{self, Currency, Quote},
};

/// A configuration priced and costed.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The configuration code, as in the URL.
    pub code: String,
    /// The model's index in the catalog.
    pub model_index: usize,
    /// The configuration the code names.
    pub configuration: Configuration,
    /// One vehicle's quote (VAT included), and the quote for the quantity with its fleet tier;
    /// `None` when the configuration cannot be priced in the market.
    pub prices: Option<(Quote, Quote)>,
    /// The running cost for the usage; `None` while the usage is not valid.
    pub cost: Option<Result<RunningCost, CostError>>,
}

/// A code that names no configuration of the catalog, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnError {
    /// The code, as in the URL.
    pub code: String,
    /// Why.
    pub error: CodeError,
}

/// A column, or the error of its code.
pub type ColumnResult = Result<Column, ColumnError>;

/// The column of `code` for `usage` (the quantity is one while the usage is not valid) in
/// `market` with `fuel_prices`.
pub fn column(
    catalog: &Catalog,
    code: &str,
    usage: Option<&Usage>,
    market: &MarketId,
    fuel_prices: &FuelPrices,
) -> ColumnResult {
    let configuration = code::decode(catalog, code).map_err(|error| ColumnError {
        code: code.to_owned(),
        error,
    })?;
    let model_index = catalog
        .models()
        .iter()
        .position(|m| *m.id() == configuration.model)
        .unwrap_or_default();
    let quantity = usage.map_or(Quantity::ONE, Usage::quantity);
    let quote_of =
        |quantity| price::quote(catalog, &configuration, quantity, market, Currency::Local).ok();
    let prices = quote_of(Quantity::ONE).zip(quote_of(quantity));
    let cost = usage.zip(prices.as_ref()).map(|(usage, (_, fleet))| {
        let unit_price = fleet.money(per_vehicle(fleet.total, fleet.quantity));
        running_cost(catalog, &configuration, &unit_price, usage, fuel_prices)
    });
    Ok(Column {
        code: code.to_owned(),
        model_index,
        configuration,
        prices,
        cost,
    })
}

/// What one vehicle of a fleet costs: the fleet's total (discount and VAT included) over the
/// quantity, rounded half up to a minor unit (the fleet's running cost is this × the quantity, so
/// it may differ from the quote's total by less than half a minor unit a vehicle).
pub fn per_vehicle(total: i64, quantity: Quantity) -> i64 {
    let quantity = i64::from(quantity.get());
    (2 * total + quantity) / (2 * quantity)
}

#[cfg(test)]
mod tests {
    use configurator_domain::Quantity;

    use super::per_vehicle;

    fn units(n: u32) -> Quantity {
        Quantity::try_from(n).expect("a quantity")
    }

    #[test]
    fn a_vehicle_costs_the_fleet_total_over_the_quantity_rounded_half_up() {
        assert_eq!(per_vehicle(1_000, units(1)), 1_000);
        assert_eq!(per_vehicle(1_000, units(3)), 333);
        assert_eq!(per_vehicle(1_001, units(2)), 501);
        assert_eq!(per_vehicle(2_000, units(3)), 667);
    }
}
