//! Building quotes: the steps listed in the `price` module documentation.

use super::{
    Currency, Discount, ExchangeNote, LineKind, OrderPriceError, OrderQuote, PriceError, Quote,
    QuoteLine, convert, percent,
};
use crate::Catalog;
use crate::engine::{self, Configuration, State};
use crate::ids::{CurrencyCode, MarketId, Quantity};

/// Prices `quantity` units of a valid configuration in a market, in its currency or in US
/// dollars.
pub fn quote(
    catalog: &Catalog,
    config: &Configuration,
    quantity: Quantity,
    market: &MarketId,
    currency: Currency,
) -> Result<Quote, PriceError> {
    let model = catalog
        .model(&config.model)
        .ok_or_else(|| PriceError::UnknownModel(config.model.clone()))?;
    let market = catalog
        .market(market)
        .ok_or_else(|| PriceError::UnknownMarket(market.clone()))?;
    let violations = engine::check(model, config);
    let state = match State::of(model, config) {
        Ok(s) if violations.is_empty() => s,
        _ => return Err(PriceError::Invalid(violations)),
    };
    let rounding = catalog.exchange().rounding;
    let rate = match currency {
        Currency::Usd => None,
        Currency::Local => catalog.rate(&market.currency),
    };
    let convert = |cents: i64| convert(cents, rate, rounding);
    let (code, minor_digits) = match rate {
        Some(r) => (r.currency.clone(), r.minor_digits),
        None => (CurrencyCode::usd(), 2),
    };
    let q = i64::from(quantity.get());
    let line = |kind, cents| -> Result<QuoteLine, PriceError> {
        let unit = convert(cents)?;
        let amount = unit.checked_mul(q).ok_or(PriceError::Overflow)?;
        Ok(QuoteLine { kind, unit, amount })
    };
    let rules = &model.rules;
    let mut lines = vec![
        line(LineKind::Base(model.id().clone()), model.base_price())?,
        line(
            LineKind::Trim(config.trim.clone()),
            model.trims()[state.trim].price,
        )?,
        line(
            LineKind::Powertrain(config.powertrain.clone()),
            model.powertrains()[state.powertrain].price,
        )?,
    ];
    for i in state.options.iter() {
        let option = model.options()[i].id.clone();
        let package = state
            .options
            .iter()
            .find(|&k| rules.includes[k].contains(i));
        lines.push(match package {
            Some(k) => line(
                LineKind::Included {
                    option,
                    package: model.options()[k].id.clone(),
                },
                0,
            )?,
            None => line(LineKind::Option(option), rules.prices[i])?,
        });
    }
    let sum = |f: fn(&QuoteLine) -> i64| {
        lines
            .iter()
            .try_fold(0i64, |acc, l| acc.checked_add(f(l)))
            .ok_or(PriceError::Overflow)
    };
    let unit_subtotal = sum(|l| l.unit)?;
    let gross = sum(|l| l.amount)?;
    let discount = match catalog.fleet_tier(quantity) {
        Some(tier) => Some(Discount {
            min_quantity: tier.min_quantity,
            basis_points: tier.basis_points,
            amount: -percent(gross, tier.basis_points, rounding)?,
        }),
        None => None,
    };
    let net = gross + discount.map_or(0, |d| d.amount);
    let vat = percent(net, market.vat_basis_points, rounding)?;
    Ok(Quote {
        catalog_version: catalog.version().to_owned(),
        configuration: config.clone(),
        market: market.id.clone(),
        currency: code,
        minor_digits,
        exchange: rate.map(|r| ExchangeNote {
            per_usd: r.per_usd,
            effective: catalog.exchange().effective.clone(),
            rounding,
        }),
        rounding,
        quantity,
        lines,
        unit_subtotal,
        gross,
        discount,
        net,
        vat_basis_points: market.vat_basis_points,
        vat,
        total: net.checked_add(vat).ok_or(PriceError::Overflow)?,
    })
}

/// Prices an order: each line on its own (fleet tiers go by the quantity of one line), summed.
pub fn quote_order(
    catalog: &Catalog,
    lines: &[(Configuration, Quantity)],
    market: &MarketId,
    currency: Currency,
) -> Result<OrderQuote, OrderPriceError> {
    let quotes = lines
        .iter()
        .enumerate()
        .map(|(index, (config, quantity))| {
            quote(catalog, config, *quantity, market, currency)
                .map_err(|error| OrderPriceError::Line { index, error })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let first = quotes.first().ok_or(OrderPriceError::Empty)?;
    let (currency, minor_digits) = (first.currency.clone(), first.minor_digits);
    let sum = |f: fn(&Quote) -> i64| {
        quotes
            .iter()
            .try_fold(0i64, |acc, q| acc.checked_add(f(q)))
            .ok_or(OrderPriceError::Overflow)
    };
    Ok(OrderQuote {
        net: sum(|q| q.net)?,
        vat: sum(|q| q.vat)?,
        total: sum(|q| q.total)?,
        lines: quotes,
        currency,
        minor_digits,
    })
}
