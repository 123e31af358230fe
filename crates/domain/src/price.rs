//! Pricing: a configuration and a quantity in a market, line by line, in integer minor units.
//!
//! The order of operations, which is also what the lines show:
//! 1. each unit price line (base, trim, powertrain, each chosen option; included options at 0) is
//!    converted from US cents to the quote's currency on its own, rounded by the catalog's rule;
//! 2. the unit subtotal is the sum of those converted lines, so it is exact by construction;
//! 3. every line times the quantity; their sum is the gross;
//! 4. the fleet discount is the tier's percentage of the gross, rounded; net = gross − discount;
//! 5. VAT is the market's percentage of the net, rounded; total = net + VAT.
//!
//! So `Σ line amounts − discount + VAT = total` exactly, in every currency and quantity. A quote in
//! US dollars skips step 1's conversion. Nothing here is a float.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{Rate, Rounding};
use crate::decimal::Decimal;
use crate::engine::{Configuration, Violation};
use crate::ids::{CurrencyCode, MarketId, ModelId, OptionId, PowertrainId, Quantity, TrimId};
use crate::slug::slug_enum;

slug_enum! {
    /// Which currency a quote is in.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "snake_case"))]
    #[derive(Default)]
    pub enum Currency {
        /// The market's currency, converted at the catalog's rate.
        #[default]
        Local = "local",
        /// US dollars, the catalog's own prices.
        Usd = "usd",
    }
}

/// An amount of money in minor units of a currency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Minor units (cents, tyiyn): the amount times `10^minor_digits`.
    pub minor: i64,
    /// The currency.
    pub currency: CurrencyCode,
    /// Digits of the minor unit.
    pub minor_digits: u8,
}

impl fmt::Display for Money {
    /// `1250.00 USD`; `-30.50 KGS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10u64.pow(u32::from(self.minor_digits));
        let abs = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        let (int, frac) = (abs / scale, abs % scale);
        if self.minor_digits == 0 {
            write!(f, "{sign}{int} {}", self.currency)
        } else {
            let w = usize::from(self.minor_digits);
            write!(f, "{sign}{int}.{frac:0w$} {}", self.currency)
        }
    }
}

/// What a price line is for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum LineKind {
    /// The model's base price.
    Base(ModelId),
    /// The trim.
    Trim(TrimId),
    /// The powertrain.
    Powertrain(PowertrainId),
    /// A chosen option.
    Option(OptionId),
    /// An option included in a chosen package: always 0.
    Included {
        /// The option.
        option: OptionId,
        /// The package that includes it.
        package: OptionId,
    },
}

/// One line of the breakdown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    /// What it is for.
    pub kind: LineKind,
    /// The price of one unit, minor units.
    pub unit: i64,
    /// `unit × quantity`.
    pub amount: i64,
}

/// The fleet discount applied to a quote.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discount {
    /// The tier's smallest quantity.
    pub min_quantity: Quantity,
    /// The tier's percentage in basis points.
    pub basis_points: u32,
    /// The discount, minor units, negative.
    pub amount: i64,
}

/// The exchange rate a quote was converted at.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeNote {
    /// Units of the currency per US dollar.
    pub per_usd: Decimal,
    /// The date the rate took effect.
    pub effective: String,
    /// How each conversion and percentage was rounded.
    pub rounding: Rounding,
}

/// A priced order line: the breakdown and the totals, all in one currency.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The catalog version the prices come from.
    pub catalog_version: String,
    /// The configuration priced.
    pub configuration: Configuration,
    /// The market.
    pub market: MarketId,
    /// The currency of every amount.
    pub currency: CurrencyCode,
    /// Digits of its minor unit.
    pub minor_digits: u8,
    /// The conversion, `None` for a quote in US dollars.
    pub exchange: Option<ExchangeNote>,
    /// How percentages (discount, VAT) and conversions are rounded.
    pub rounding: Rounding,
    /// Units.
    pub quantity: Quantity,
    /// Base, trim, powertrain, options, included options.
    pub lines: Vec<QuoteLine>,
    /// The sum of the lines' unit prices.
    pub unit_subtotal: i64,
    /// The sum of the lines' amounts: `unit_subtotal × quantity`.
    pub gross: i64,
    /// The fleet discount, if a tier applies.
    pub discount: Option<Discount>,
    /// `gross + discount`.
    pub net: i64,
    /// VAT in basis points.
    pub vat_basis_points: u32,
    /// VAT on the net.
    pub vat: i64,
    /// `net + vat`.
    pub total: i64,
}

impl Quote {
    /// An amount of this quote as money.
    pub fn money(&self, minor: i64) -> Money {
        Money {
            minor,
            currency: self.currency.clone(),
            minor_digits: self.minor_digits,
        }
    }
}

/// A priced order: several lines in one market and currency.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderQuote {
    /// Each line.
    pub lines: Vec<Quote>,
    /// The currency of every amount.
    pub currency: CurrencyCode,
    /// Digits of its minor unit.
    pub minor_digits: u8,
    /// The sum of the lines' nets.
    pub net: i64,
    /// The sum of the lines' VAT.
    pub vat: i64,
    /// The sum of the lines' totals.
    pub total: i64,
}

/// Why a configuration could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    /// The catalog has no such model.
    #[error("unknown model `{0}`")]
    UnknownModel(ModelId),
    /// The catalog has no such market.
    #[error("unknown market `{0}`")]
    UnknownMarket(MarketId),
    /// Only a valid configuration has a price.
    #[error("the configuration is not valid: {}", Violation::joined(.0))]
    Invalid(Vec<Violation>),
    /// An amount does not fit in 64 bits.
    #[error("the amount is too large")]
    Overflow,
}

/// Why an order could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderPriceError {
    /// An order needs at least one line.
    #[error("the order has no lines")]
    Empty,
    /// One line could not be priced.
    #[error("line {index}: {error}")]
    Line {
        /// The line's position, from 0.
        index: usize,
        /// Why.
        error: PriceError,
    },
    /// The sum does not fit in 64 bits.
    #[error("the amount is too large")]
    Overflow,
}

/// `n / d` rounded by `rule`, for `n >= 0`, `d > 0`.
fn div_round(n: i128, d: i128, rule: Rounding) -> i128 {
    let (q, r) = (n / d, n % d);
    match (2 * r).cmp(&d) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => match rule {
            Rounding::HalfUp => q + 1,
            Rounding::HalfEven => q + (q & 1),
        },
    }
}

/// US cents in minor units of `rate`'s currency, `cents × per_usd × 10^minor_digits / 100` rounded
/// by `rule`; unchanged without a rate. A negative amount (a price difference) converts to the
/// opposite of its opposite's conversion, so a difference and its reverse round alike.
pub fn convert(cents: i64, rate: Option<&Rate>, rule: Rounding) -> Result<i64, PriceError> {
    let Some(rate) = rate else {
        return Ok(cents);
    };
    let numerator = i128::from(cents.unsigned_abs())
        * i128::from(rate.per_usd.mantissa())
        * 10i128.pow(u32::from(rate.minor_digits));
    let denominator = 100 * 10i128.pow(u32::from(rate.per_usd.scale()));
    let magnitude = div_round(numerator, denominator, rule);
    let signed = if cents < 0 { -magnitude } else { magnitude };
    i64::try_from(signed).map_err(|_| PriceError::Overflow)
}

/// `amount × basis_points / 10000`, rounded.
fn percent(amount: i64, basis_points: u32, rule: Rounding) -> Result<i64, PriceError> {
    let v = div_round(i128::from(amount) * i128::from(basis_points), 10_000, rule);
    i64::try_from(v).map_err(|_| PriceError::Overflow)
}

mod build;

pub use build::{quote, quote_order};

#[cfg(test)]
mod tests {
    use super::{Rate, Rounding, convert};

    fn rate(per_usd: &str) -> Rate {
        Rate {
            currency: "KGS".parse().expect("currency"),
            minor_digits: 2,
            per_usd: per_usd.parse().expect("decimal"),
        }
    }

    #[test]
    fn converts_by_the_rule_and_alike_either_side_of_zero() {
        let kgs = rate("87.45");
        // 250.00 USD × 87.45 = 21 862.50 KGS.
        assert_eq!(convert(25_000, Some(&kgs), Rounding::HalfUp), Ok(2_186_250));
        // 0.01 USD × 87.45 = 0.8745 KGS → 0.87, and −0.87 the other way.
        assert_eq!(convert(1, Some(&kgs), Rounding::HalfUp), Ok(87));
        assert_eq!(convert(-1, Some(&kgs), Rounding::HalfUp), Ok(-87));
        assert_eq!(convert(25_000, None, Rounding::HalfUp), Ok(25_000));
        // 0.01 USD × 0.5 = 0.005: a half, which the rule decides.
        let half = rate("0.5");
        assert_eq!(convert(1, Some(&half), Rounding::HalfUp), Ok(1));
        assert_eq!(convert(-1, Some(&half), Rounding::HalfUp), Ok(-1));
        assert_eq!(convert(1, Some(&half), Rounding::HalfEven), Ok(0));
        assert_eq!(convert(3, Some(&half), Rounding::HalfEven), Ok(2));
        assert_eq!(convert(-3, Some(&half), Rounding::HalfEven), Ok(-2));
    }
}
