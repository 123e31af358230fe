//! Pricing and configuration codes on the small catalog.

mod common;

use common::*;
use configurator_domain::code::{self, CodeError};
use configurator_domain::engine::{Item, apply};
use configurator_domain::price::{Currency, LineKind, PriceError, quote, quote_order};
use configurator_domain::{Catalog, MarketId, Quantity};

fn kg() -> MarketId {
    "KG".parse().expect("market")
}

fn qty(n: u32) -> Quantity {
    Quantity::try_from(n).expect("quantity")
}

#[test]
fn one_unit_in_som_with_vat() {
    let catalog = small();
    let c = model(&catalog, "cobalt").default_configuration();
    let q = quote(&catalog, &c, qty(1), &kg(), Currency::Local).expect("priced");
    assert_eq!(q.currency.as_str(), "KGS");
    // 11 900.00 USD × 87.45 = 1 040 655.00 KGS; VAT 12 %.
    assert_eq!(q.lines[0].unit, 104_065_500);
    assert_eq!(
        (q.unit_subtotal, q.gross, q.discount, q.net),
        (104_065_500, 104_065_500, None, 104_065_500)
    );
    assert_eq!((q.vat, q.total), (12_487_860, 116_553_360));
    assert_eq!(q.money(q.total).to_string(), "1165533.60 KGS");
    let note = q.exchange.as_ref().expect("converted");
    assert_eq!(
        (note.per_usd.to_string().as_str(), note.effective.as_str()),
        ("87.45", "2026-11-01")
    );
}

#[test]
fn fleet_of_fifty_in_dollars_with_included_options_at_zero() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let c = config(
        "cobalt",
        "ltz",
        "1.5at",
        &["carbon-flash", "heated-seats", "pre-heater", "winter"],
    );
    let q = quote(&catalog, &c, qty(50), &kg(), Currency::Usd).expect("priced");
    let unit: Vec<_> = q.lines.iter().map(|l| (l.kind.clone(), l.unit)).collect();
    assert_eq!(
        unit[3],
        (
            LineKind::Option("carbon-flash".parse().expect("id")),
            25_000
        )
    );
    assert!(unit.contains(&(
        LineKind::Included {
            option: "pre-heater".parse().expect("id"),
            package: "winter".parse().expect("id")
        },
        0
    )));
    // 11 900 + 1 200 + 900 + 250 + 450 = 14 700.00 USD a unit.
    assert_eq!(q.unit_subtotal, 1_470_000);
    assert_eq!(q.gross, 73_500_000);
    let d = q.discount.expect("50 units get a discount");
    assert_eq!((d.basis_points, d.amount), (800, -5_880_000));
    assert_eq!(q.net, 67_620_000);
    assert_eq!(q.total, 67_620_000 + 8_114_400);
    let lines: i64 = q.lines.iter().map(|l| l.amount).sum();
    assert_eq!(lines + d.amount + q.vat, q.total);
    let _ = cobalt;
}

#[test]
fn invalid_configurations_and_unknown_markets_have_no_price() {
    let catalog = small();
    let bad = config("cobalt", "ls", "1.5mt", &[]);
    assert!(matches!(
        quote(&catalog, &bad, qty(1), &kg(), Currency::Local),
        Err(PriceError::Invalid(_))
    ));
    let c = model(&catalog, "cobalt").default_configuration();
    let e = quote(
        &catalog,
        &c,
        qty(1),
        &"DE".parse().expect("market"),
        Currency::Local,
    )
    .expect_err("unknown");
    assert_eq!(e.to_string(), "unknown market `DE`");
}

#[test]
fn an_order_sums_its_lines() {
    let catalog = small();
    let a = model(&catalog, "cobalt").default_configuration();
    let b = model(&catalog, "damas").default_configuration();
    let order = quote_order(
        &catalog,
        &[(a, qty(3)), (b, qty(20))],
        &"UZ".parse().expect("market"),
        Currency::Local,
    )
    .expect("priced");
    assert_eq!(order.currency.as_str(), "UZS");
    assert_eq!(
        order.total,
        order.lines.iter().map(|q| q.total).sum::<i64>()
    );
    assert_eq!(order.lines[1].discount.map(|d| d.basis_points), Some(500));
    assert!(quote_order(&catalog, &[], &kg(), Currency::Local).is_err());
}

#[test]
fn codes_round_trip_and_are_short() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let c = apply(
        cobalt,
        &cobalt.default_configuration(),
        select("pre-heater"),
    )
    .expect("applies")
    .configuration;
    let text = code::encode(&catalog, &c).expect("encodes");
    println!(
        "code of a Cobalt with 4 options: {text} ({} characters)",
        text.len()
    );
    assert!(text.len() <= 40, "{text}");
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(code::decode(&catalog, &text), Ok(c));
}

#[test]
fn malformed_codes_are_clear_errors() {
    let catalog = small();
    for bad in ["", "!!!", "AAAA", "a", "AQ"] {
        let e = code::decode(&catalog, bad).expect_err("malformed");
        assert!(matches!(e, CodeError::Malformed { .. }), "{bad}: {e}");
    }
    let good = code::encode(&catalog, &model(&catalog, "cobalt").default_configuration())
        .expect("encodes");
    let mut typo = good.clone().into_bytes();
    typo[10] = if typo[10] == b'A' { b'B' } else { b'A' };
    let e =
        code::decode(&catalog, std::str::from_utf8(&typo).expect("ascii")).expect_err("damaged");
    assert!(
        e.to_string().starts_with("malformed configuration code"),
        "{e}"
    );
}

#[test]
fn codes_from_older_catalogs() {
    let old = small();
    let cobalt = model(&old, "cobalt");
    let with_kit = apply(cobalt, &cobalt.default_configuration(), select("cng-kit"))
        .expect("applies")
        .configuration;
    let text = code::encode(&old, &with_kit).expect("encodes");
    // Prices changed, choices did not: the code still reads.
    let repriced = Catalog::from_toml_str(&SMALL.replacen("2027.1", "2027.2", 1).replacen(
        "price = 60000",
        "price = 65000",
        1,
    ))
    .expect("valid");
    assert_eq!(code::decode(&repriced, &text), Ok(with_kit.clone()));
    // The kit is gone: with the old catalog at hand the error names it.
    let start = SMALL
        .find("[[models.groups.options]]\nid = \"cng-kit\"")
        .expect("kit");
    let end = start + SMALL[start..].find("[[models]]").expect("next model");
    let without = format!(
        "{}{}",
        SMALL[..start].replacen("2027.1", "2027.2", 1),
        &SMALL[end..]
    );
    let new = Catalog::from_toml_str(&without).expect("valid");
    let e = code::decode_with_history(&new, &[&old], &text).expect_err("gone");
    assert_eq!(
        e,
        CodeError::NoLongerExists {
            version: "2027.1".into(),
            model: "cobalt".into(),
            item: Item::Option("cng-kit".parse().expect("id"))
        }
    );
    assert_eq!(
        e.to_string(),
        "code made for catalog `2027.1`: option `cng-kit` of model `cobalt` no longer exists"
    );
    let e = code::decode(&new, &text).expect_err("changed");
    assert_eq!(
        e.to_string(),
        "code made for catalog `2027.1`: the choices of model `cobalt` have changed since"
    );
    // A code without the kit still reads through the old catalog.
    let plain = code::encode(&old, &cobalt.default_configuration()).expect("encodes");
    assert_eq!(
        code::decode_with_history(&new, &[&old], &plain),
        Ok(cobalt.default_configuration())
    );
}
