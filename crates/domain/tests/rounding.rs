//! Quotes against the arithmetic `price` documents, computed here apart from the crate, on
//! catalogs where rounding matters: odd cents, a rate with four decimals, and both rounding rules.
//! A quote of a price that converts to exact minor units never rounds, so the shipped prices (whole
//! dollars) alone would test nothing but sums.

mod common;

use common::{SMALL, walk};
use configurator_domain::catalog::Rounding;
use configurator_domain::engine::Configuration;
use configurator_domain::price::{Currency, Quote, quote};
use configurator_domain::{Catalog, MarketId, Quantity};
use proptest::prelude::*;

/// `n / d` rounded to a whole number by `rule`, for `n ≥ 0` and `d > 0`, from the definition: the
/// nearest whole number; an exact half goes up, or to the even neighbour.
fn rounded(n: i128, d: i128, rule: Rounding) -> i128 {
    let nearest_or_up = (2 * n + d).div_euclid(2 * d);
    let exact_half = (2 * n).rem_euclid(2 * d) == d;
    match rule {
        Rounding::HalfEven if exact_half && nearest_or_up % 2 == 1 => nearest_or_up - 1,
        Rounding::HalfUp | Rounding::HalfEven => nearest_or_up,
    }
}

/// The numbers of a quote: each line's unit and amount, subtotal, gross, discount, net, VAT, total.
type Numbers = (Vec<(i64, i64)>, [i64; 6]);

fn numbers(q: &Quote) -> Numbers {
    let lines = q.lines.iter().map(|l| (l.unit, l.amount)).collect();
    let discount = q.discount.map_or(0, |d| d.amount);
    let totals = [q.unit_subtotal, q.gross, discount, q.net, q.vat, q.total];
    (lines, totals)
}

/// What `price`'s documentation says a quote of a valid configuration is.
fn expected(
    catalog: &Catalog,
    c: &Configuration,
    n: u32,
    market: &MarketId,
    cur: Currency,
) -> Numbers {
    let model = catalog.model(&c.model).expect("model");
    let market = catalog.market(market).expect("market");
    let rule = catalog.exchange().rounding;
    let rate = match cur {
        Currency::Usd => None,
        Currency::Local => catalog.rate(&market.currency),
    };
    let convert = |cents: i64| -> i64 {
        let Some(rate) = rate else { return cents };
        let n = i128::from(cents)
            * i128::from(rate.per_usd.mantissa())
            * 10i128.pow(u32::from(rate.minor_digits));
        let d = 100 * 10i128.pow(u32::from(rate.per_usd.scale()));
        i64::try_from(rounded(n, d, rule)).expect("fits")
    };
    let chosen: Vec<_> = model
        .options()
        .iter()
        .filter(|o| c.options.contains(&o.id))
        .collect();
    let option_cents = chosen.iter().map(|o| {
        let included = chosen.iter().any(|p| p.includes.contains(&o.id));
        if included { 0 } else { o.price }
    });
    let cents = [
        model.base_price(),
        model.trim(&c.trim).expect("trim").price,
        model.powertrain(&c.powertrain).expect("powertrain").price,
    ];
    let units: Vec<i64> = cents.into_iter().chain(option_cents).map(convert).collect();
    let lines: Vec<(i64, i64)> = units.iter().map(|&u| (u, u * i64::from(n))).collect();
    let gross: i64 = lines.iter().map(|l| l.1).sum();
    let quantity = Quantity::try_from(n).expect("quantity");
    let percent = |amount: i64, basis_points: u32| {
        i64::try_from(rounded(
            i128::from(amount) * i128::from(basis_points),
            10_000,
            rule,
        ))
        .expect("fits")
    };
    let discount = catalog
        .fleet_tier(quantity)
        .map_or(0, |t| -percent(gross, t.basis_points));
    let net = gross + discount;
    let vat = percent(net, market.vat_basis_points);
    let subtotal = units.iter().sum();
    (lines, [subtotal, gross, discount, net, vat, net + vat])
}

/// The small catalog with `cents` added to every price, `rate` for the som and `rule`.
fn variant(cents: i64, rate: &str, rule: &str) -> Catalog {
    let text: Vec<String> = SMALL
        .lines()
        .map(|line| {
            let (key, rest) = line.split_once(" = ").unwrap_or((line, ""));
            match key {
                "price" | "base_price" => {
                    let n: i64 = rest
                        .split_whitespace()
                        .next()
                        .and_then(|v| v.parse().ok())
                        .expect("a price");
                    format!("{key} = {}", n + cents)
                }
                "per_usd" if rest.starts_with("\"87.45\"") => format!("per_usd = \"{rate}\""),
                "rounding" => format!("rounding = \"{rule}\""),
                _ => line.to_owned(),
            }
        })
        .collect();
    Catalog::from_toml_str(&text.join("\n")).expect("a valid variant")
}

fn variants() -> &'static [Catalog] {
    static VARIANTS: std::sync::OnceLock<Vec<Catalog>> = std::sync::OnceLock::new();
    VARIANTS.get_or_init(|| {
        let mut all = Vec::new();
        for rule in ["half-up", "half-even"] {
            for (cents, rate) in [(0, "87.45"), (10, "87.45"), (7, "87.4537"), (3, "87.45")] {
                all.push(variant(cents, rate, rule));
            }
        }
        all
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn quotes_follow_the_documented_arithmetic(m in 0usize..2, picks in prop::collection::vec(0usize..1000, 0..10), n in 1u32..=999) {
        let quantity = Quantity::try_from(n).expect("in range");
        for catalog in variants() {
            let model = &catalog.models()[m];
            let c = walk(model, &picks).pop().expect("at least the default");
            for market in catalog.markets() {
                for currency in [Currency::Local, Currency::Usd] {
                    let q = quote(catalog, &c, quantity, &market.id, currency).expect("priced");
                    prop_assert_eq!(numbers(&q), expected(catalog, &c, n, &market.id, currency), "{:?} × {} in {}", c, n, market.id);
                }
            }
        }
    }
}

/// Exact halves, where the two rules part: the Cobalt's base price, made odd, converts to a half
/// tyiyn, and a fleet discount comes to a half cent.
#[test]
fn halves_round_by_the_catalogs_rule() {
    let kg: MarketId = "KG".parse().expect("market");
    let totals = |base, rule: &str, n, currency| {
        let text = SMALL
            .replacen("base_price = 1190000", &format!("base_price = {base}"), 1)
            .replacen(
                "rounding = \"half-up\"",
                &format!("rounding = \"{rule}\""),
                1,
            );
        let catalog = Catalog::from_toml_str(&text).expect("valid");
        let c = catalog.models()[0].default_configuration();
        let q = quote(
            &catalog,
            &c,
            Quantity::try_from(n).expect("quantity"),
            &kg,
            currency,
        );
        numbers(&q.expect("priced")).1
    };
    // 11 900.10 USD × 87.45 = 1 040 663.7450 KGS: 104 066 374.5 tyiyn.
    let up = [
        104_066_375,
        104_066_375,
        0,
        104_066_375,
        12_487_965,
        116_554_340,
    ];
    let even = [
        104_066_374,
        104_066_374,
        0,
        104_066_374,
        12_487_965,
        116_554_339,
    ];
    assert_eq!(totals(1_190_010, "half-up", 1, Currency::Local), up);
    assert_eq!(totals(1_190_010, "half-even", 1, Currency::Local), even);
    // 5 × 11 900.30 USD = 59 501.50; 3 % of it is 1 785.045 USD: 178 504.5 cents.
    let up = [
        1_190_030, 5_950_150, -178_505, 5_771_645, 692_597, 6_464_242,
    ];
    let even = [
        1_190_030, 5_950_150, -178_504, 5_771_646, 692_598, 6_464_244,
    ];
    assert_eq!(totals(1_190_030, "half-up", 5, Currency::Usd), up);
    assert_eq!(totals(1_190_030, "half-even", 5, Currency::Usd), even);
}
