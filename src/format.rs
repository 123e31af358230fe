//! Numbers for people: money with digit grouping in the reader's language, signed differences,
//! and catalog price differences (US cents) in the currency shown, converted by the domain.

use configurator_domain::{
    Catalog, Lang, MarketId,
    catalog::{Rate, Rounding},
    decimal::Decimal,
    price::{self, Currency},
};

/// The currency amounts are shown in, and the rate from catalog prices (US cents) to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyUnit {
    /// The rate from US dollars; `None` for US dollars.
    pub rate: Option<Rate>,
    /// The currency code: `KGS`.
    pub code: String,
    /// Digits of its minor unit.
    pub digits: u8,
    /// How the catalog rounds a conversion.
    pub rounding: Rounding,
}

impl MoneyUnit {
    /// US dollars, the catalog's own prices (nothing to round).
    pub fn usd() -> Self {
        Self {
            rate: None,
            code: "USD".to_owned(),
            digits: 2,
            rounding: Rounding::HalfUp,
        }
    }

    /// The unit of quotes in `market` and `currency`.
    pub fn of(catalog: &Catalog, market: Option<&MarketId>, currency: Currency) -> Self {
        let rate = market
            .and_then(|m| catalog.market(m))
            .and_then(|m| catalog.rate(&m.currency));
        match (currency, rate) {
            (Currency::Local, Some(rate)) => Self {
                rate: Some(rate.clone()),
                code: rate.currency.to_string(),
                digits: rate.minor_digits,
                rounding: catalog.exchange().rounding,
            },
            _ => Self::usd(),
        }
    }

    /// Minor units of this currency, for people.
    pub fn show(&self, minor: i64, lang: Lang) -> String {
        money(minor, self.digits, &self.code, lang)
    }

    /// A catalog price difference (US cents) in this currency, signed; `None` when it does not
    /// fit in 64 bits.
    pub fn show_delta(&self, cents: i64, lang: Lang) -> Option<String> {
        let minor = price::convert(cents, self.rate.as_ref(), self.rounding).ok()?;
        Some(delta(minor, self.digits, &self.code, lang))
    }
}

/// `minor` minor units with `digits` decimals, grouped: `12 345.67 KGS` (`12 345,67 KGS` in
/// Russian, Kyrgyz and Uzbek). Spaces are no-break, so an amount never wraps.
pub fn money(minor: i64, digits: u8, currency: &str, lang: Lang) -> String {
    let point = if lang == Lang::En { '.' } else { ',' };
    let scale = 10u64.pow(u32::from(digits));
    let abs = minor.unsigned_abs();
    let (int, frac) = (abs / scale, abs % scale);
    let mut out = String::new();
    if minor < 0 {
        out.push('−');
    }
    out.push_str(&grouped(int, lang));
    if digits > 0 {
        out.push(point);
        out.push_str(&format!("{frac:0w$}", w = usize::from(digits)));
    }
    out.push('\u{a0}');
    out.push_str(currency);
    out
}

/// An exchange rate in the reader's language: `1 USD = 12,650.00 UZS`, `1 USD = 12 650,00 UZS`.
pub fn rate(per_usd: Decimal, currency: &str, lang: Lang) -> String {
    let units = i64::try_from(per_usd.mantissa()).unwrap_or(i64::MAX);
    format!(
        "1\u{a0}USD = {}",
        money(units, per_usd.scale(), currency, lang)
    )
}

/// A decimal as written in the reader's language: `6.6`, `6,6` outside English.
pub fn decimal(value: Decimal, lang: Lang) -> String {
    let text = value.to_string();
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// A whole number in groups of three: `12,345` in English, `12 345` (no-break) otherwise.
pub fn grouped(n: u64, lang: Lang) -> String {
    let group = if lang == Lang::En { ',' } else { '\u{a0}' };
    let text = n.to_string();
    let mut out = String::with_capacity(text.len() + text.len() / 3);
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

/// A share from basis points: `12%`, `2.5%` (`2,5%` outside English).
pub fn percent(basis_points: u32, lang: Lang) -> String {
    let (whole, rest) = (basis_points / 100, basis_points % 100);
    if rest == 0 {
        format!("{whole}%")
    } else {
        let point = if lang == Lang::En { '.' } else { ',' };
        let rest = format!("{rest:02}");
        format!("{whole}{point}{}%", rest.trim_end_matches('0'))
    }
}

/// A difference: `+250.00 USD`, `−1,000.00 USD`, or `±0` spelled by the caller.
pub fn delta(minor: i64, digits: u8, currency: &str, lang: Lang) -> String {
    let text = money(minor, digits, currency, lang);
    if minor > 0 { format!("+{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use configurator_domain::Lang;

    #[test]
    fn percents() {
        assert_eq!(percent(1200, Lang::En), "12%");
        assert_eq!(percent(250, Lang::En), "2.5%");
        assert_eq!(percent(305, Lang::En), "3.05%");
        assert_eq!(percent(250, Lang::Ru), "2,5%");
    }

    #[test]
    fn groups_digits_per_language() {
        assert_eq!(
            money(123_456_789, 2, "USD", Lang::En),
            "1,234,567.89\u{a0}USD"
        );
        assert_eq!(
            money(-100_000, 2, "KGS", Lang::Ru),
            "−1\u{a0}000,00\u{a0}KGS"
        );
        assert_eq!(money(5, 2, "USD", Lang::En), "0.05\u{a0}USD");
        assert_eq!(delta(25_000, 2, "USD", Lang::En), "+250.00\u{a0}USD");
    }

    #[test]
    fn rates_group_digits_per_language() {
        let per_usd: Decimal = "12650.00".parse().expect("a decimal");
        assert_eq!(
            rate(per_usd, "UZS", Lang::Uz),
            "1\u{a0}USD = 12\u{a0}650,00\u{a0}UZS"
        );
        assert_eq!(
            rate(per_usd, "UZS", Lang::En),
            "1\u{a0}USD = 12,650.00\u{a0}UZS"
        );
    }
}
