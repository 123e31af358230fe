//! The price and running-cost rows of the comparison: the price of one vehicle and of the
//! quantity with its fleet tier, then fuel, maintenance, total cost of ownership per vehicle and
//! per fleet, and cost per 100 seat-km or tonne-km, every amount in the market's currency.

use configurator_domain::{
    Lang,
    cost::{CostError, RunningCost},
    price::Quote,
};

use super::columns::ColumnResult;
use super::rows::{Better, Cell, Row};
use crate::{
    format,
    i18n::{Locale, td_string},
};

/// The rows of one vehicle's price and the quantity's.
pub fn price_rows(columns: &[ColumnResult], locale: Locale, lang: Lang) -> Vec<Row> {
    let prices: Vec<Option<&(Quote, Quote)>> = columns
        .iter()
        .map(|c| c.as_ref().ok().and_then(|c| c.prices.as_ref()))
        .collect();
    let quantity = prices
        .iter()
        .flatten()
        .map(|(_, fleet)| fleet.quantity.get())
        .next()
        .unwrap_or(1);
    vec![
        Row {
            id: "unit-price".into(),
            label: td_string!(locale, compare.unit_price).to_owned(),
            cells: prices
                .iter()
                .map(|p| p.map(|(one, _)| money_cell(one, one.total, lang)))
                .collect(),
            better: Better::Lower,
        },
        Row {
            id: "fleet-price".into(),
            label: format!("{} × {quantity}", td_string!(locale, compare.fleet_price)),
            cells: prices
                .iter()
                .map(|p| p.map(|(_, fleet)| fleet_cell(fleet, locale, lang)))
                .collect(),
            better: Better::Lower,
        },
    ]
}

/// The quote's total, with the fleet tier it reaches.
fn fleet_cell(fleet: &Quote, locale: Locale, lang: Lang) -> Cell {
    let mut cell = money_cell(fleet, fleet.total, lang);
    if let Some(d) = fleet.discount {
        cell.text = format!(
            "{} ({} {}, {} {})",
            cell.text,
            td_string!(locale, price.fleet_discount),
            format::percent(d.basis_points, lang),
            td_string!(locale, price.from_units),
            d.min_quantity.get()
        );
    }
    cell
}

fn money_cell(quote: &Quote, minor: i64, lang: Lang) -> Cell {
    Cell::number(
        format::money(minor, quote.minor_digits, quote.currency.as_str(), lang),
        minor,
    )
}

/// A running-cost figure of each column.
type Figure = fn(&RunningCost) -> Option<i64>;

/// The running-cost rows; a column whose cost could not be worked out says why in its first.
pub fn cost_rows(columns: &[ColumnResult], locale: Locale, lang: Lang) -> Vec<Row> {
    let costs: Vec<Option<&Result<RunningCost, CostError>>> = columns
        .iter()
        .map(|c| c.as_ref().ok().and_then(|c| c.cost.as_ref()))
        .collect();
    let figures: [(&'static str, &'static str, Figure); 6] = [
        ("fuel-cost", td_string!(locale, compare.fuel), |r| {
            Some(r.fuel.amount)
        }),
        (
            "maintenance",
            td_string!(locale, compare.maintenance),
            |r| Some(r.maintenance.amount),
        ),
        (
            "tco-vehicle",
            td_string!(locale, compare.tco_vehicle),
            |r| Some(r.vehicle.total),
        ),
        ("tco-fleet", td_string!(locale, compare.tco_fleet), |r| {
            Some(r.fleet.total)
        }),
        ("seat-km", td_string!(locale, compare.per_seat_km), |r| {
            r.per_seat_km.as_ref().map(|f| f.per_100_seat_km)
        }),
        ("tonne-km", td_string!(locale, compare.per_tonne_km), |r| {
            r.per_tonne_km.as_ref().map(|f| f.per_100_tonne_km)
        }),
    ];
    figures
        .into_iter()
        .enumerate()
        .map(|(index, (id, label, figure))| Row {
            id: id.into(),
            label: label.to_owned(),
            cells: costs
                .iter()
                .map(|cost| match cost {
                    Some(Ok(r)) => figure(r).map(|minor| {
                        Cell::number(
                            format::money(minor, r.minor_digits, r.currency.as_str(), lang),
                            minor,
                        )
                    }),
                    Some(Err(error)) if index == 0 => Some(Cell::text(why(error, locale))),
                    _ => None,
                })
                .collect(),
            better: Better::Lower,
        })
        .collect()
}

/// Why a running cost could not be worked out, in the reader's language.
fn why(error: &CostError, locale: Locale) -> &'static str {
    match error {
        CostError::NoFuelPrice { .. } => td_string!(locale, compare.no_fuel_price),
        _ => td_string!(locale, compare.no_cost),
    }
}
