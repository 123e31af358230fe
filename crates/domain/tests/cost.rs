//! The running-cost formulas (`cost`), on the shipped catalog: figures worked out by hand for a
//! petrol sedan, a CNG minibus and a diesel truck, the one rounding and its rule, every input
//! error, and that a fleet costs its vehicle's figures times the quantity.

mod common;

use common::{SHIPPED, config, model, small, with};
use configurator_domain::catalog::{ConsumptionUnit, FuelPriceError, FuelPrices, PumpFuel};
use configurator_domain::cost::{
    CostError, Ownership, RunningCost, Usage, UsageError, YearCost, running_cost,
};
use configurator_domain::engine::{Choice, apply};
use configurator_domain::price::Money;
use configurator_domain::{Catalog, Configuration};
use proptest::prelude::*;

fn shipped() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_toml_str(SHIPPED).expect("the shipped catalog is valid"))
}

fn fuel_prices(catalog: &Catalog, market: &str) -> FuelPrices {
    let id = market.parse().expect("market");
    catalog.market(&id).expect("market").fuel_prices.clone()
}

fn money(minor: i64, currency: &str) -> Money {
    Money {
        minor,
        currency: currency.parse().expect("currency"),
        minor_digits: 2,
    }
}

fn usage(quantity: i64, km_per_year: i64, years: i64) -> Usage {
    Usage::new(quantity, km_per_year, years).expect("a valid usage")
}

fn default_of(catalog: &Catalog, id: &str) -> Configuration {
    model(catalog, id).default_configuration()
}

/// The running cost of a configuration in a market at the catalog's fuel prices.
fn cost(
    catalog: &Catalog,
    configuration: &Configuration,
    price: Money,
    usage: &Usage,
    market: &str,
) -> Result<RunningCost, CostError> {
    running_cost(
        catalog,
        configuration,
        &price,
        usage,
        &fuel_prices(catalog, market),
    )
}

#[test]
fn a_petrol_sedan_in_kyrgyzstan() {
    // Cobalt 1.5 MT: 6.6 l/100 km, maintenance USD 2.20 per 100 km; KG: petrol 72.50 KGS/l,
    // 87.45 KGS per USD. Ten cars, 30,000 km a year for 5 years: 150,000 km each.
    let catalog = shipped();
    let cobalt = default_of(catalog, "cobalt");
    let r = cost(
        catalog,
        &cobalt,
        money(104_065_500, "KGS"),
        &usage(10, 30_000, 5),
        "KG",
    )
    .expect("costed");
    // fuel: 6.6 / 100 × 150,000 km = 9,900 l × 72.50 = 717,750.00 KGS.
    assert_eq!(r.fuel.amount, 71_775_000);
    assert_eq!(
        (
            r.fuel.fuel,
            r.fuel.consumption.to_string(),
            r.fuel.unit,
            r.fuel.km_total,
            r.fuel.price_per_unit,
            r.fuel.price_as_of.as_deref(),
        ),
        (
            PumpFuel::Petrol,
            "6.6".to_owned(),
            ConsumptionUnit::Litre,
            150_000,
            7_250,
            Some("2026-11-01"),
        )
    );
    // maintenance: 2.20 USD × 1,500 (hundreds of km) = 3,300 USD × 87.45 = 288,585.00 KGS.
    assert_eq!(r.maintenance.amount, 28_858_500);
    assert_eq!(r.maintenance.usd_cents_per_100km, 220);
    assert_eq!(
        r.maintenance.per_usd.map(|d| d.to_string()).as_deref(),
        Some("87.45")
    );
    // total: 1,040,655.00 + 717,750.00 + 288,585.00 = 2,046,990.00 KGS a car, ×10 for the fleet.
    assert_eq!(
        r.vehicle,
        Ownership {
            price: 104_065_500,
            fuel: 71_775_000,
            maintenance: 28_858_500,
            total: 204_699_000,
        }
    );
    assert_eq!(r.fleet.total, 2_046_990_000);
    // Year 1: 30,000 km: fuel 1,980 l × 72.50 = 143,550.00; maintenance 660 USD × 87.45 =
    // 57,717.00; with the price 1,241,922.00 KGS.
    assert_eq!(
        r.by_year[..2],
        [
            YearCost {
                year: 0,
                vehicle: 104_065_500,
                fleet: 1_040_655_000,
            },
            YearCost {
                year: 1,
                vehicle: 124_192_200,
                fleet: 1_241_922_000,
            },
        ]
    );
    assert_eq!(r.by_year.len(), 6);
    assert_eq!(r.by_year[5].vehicle, r.vehicle.total);
    // per 100 seat-km: 204,699,000 × 100 / (5 seats × 150,000 km) = 27,293.2 → 272.93 KGS.
    let seat_km = r.per_seat_km.expect("a sedan carries people");
    assert_eq!((seat_km.seats, seat_km.standing), (5, 0));
    assert_eq!(seat_km.per_100_seat_km, 27_293);
    assert_eq!(r.per_tonne_km, None);
    assert_eq!((r.currency.as_str(), r.minor_digits), ("KGS", 2));
}

#[test]
fn a_cng_minibus_in_uzbekistan() {
    // NP37 city with the CNG engine: 26.0 m³/100 km, maintenance USD 9.50 per 100 km,
    // 19 seats and 23 standing; UZ: methane 4,400 UZS/m³, 12,650.00 UZS per USD.
    // Twelve buses, 60,000 km a year for 8 years: 480,000 km each.
    let catalog = shipped();
    let np37 = model(catalog, "np37-city");
    let cng = apply(
        np37,
        &np37.default_configuration(),
        Choice::Powertrain("cng-mt".parse().expect("id")),
    )
    .expect("the CNG powertrain")
    .configuration;
    let r = cost(
        catalog,
        &cng,
        money(110_000_000_000, "UZS"),
        &usage(12, 60_000, 8),
        "UZ",
    )
    .expect("costed");
    // fuel: 26.0 / 100 × 480,000 km = 124,800 m³ × 4,400 = 549,120,000 UZS.
    assert_eq!(
        (r.fuel.fuel, r.fuel.unit, r.fuel.amount),
        (PumpFuel::Cng, ConsumptionUnit::CubicMetre, 54_912_000_000)
    );
    // maintenance: 9.50 USD × 4,800 = 45,600 USD × 12,650 = 576,840,000 UZS.
    assert_eq!(r.maintenance.amount, 57_684_000_000);
    // total: 1,100,000,000 + 549,120,000 + 576,840,000 = 2,225,960,000 UZS a bus.
    assert_eq!(r.vehicle.total, 222_596_000_000);
    assert_eq!(r.fleet.total, 222_596_000_000 * 12);
    // per 100 seat-km: 222,596,000,000 × 100 / (42 places × 480,000 km) = 1,104,146.825…
    // → 1,104,147, that is 11,041.47 UZS.
    let seat_km = r.per_seat_km.expect("a minibus carries people");
    assert_eq!((seat_km.seats, seat_km.standing), (19, 23));
    assert_eq!(seat_km.per_100_seat_km, 1_104_147);
    assert_eq!(r.per_tonne_km, None);
}

#[test]
fn a_diesel_truck_in_kyrgyzstan() {
    // NMR85: 13.5 l/100 km, payload 2,800 kg, maintenance USD 7.80 per 100 km; KG: diesel
    // 84.00 KGS/l. Three trucks, 45,000 km a year for 4 years: 180,000 km each.
    let catalog = shipped();
    let nmr = default_of(catalog, "nmr85");
    let r = cost(
        catalog,
        &nmr,
        money(300_000_000, "KGS"),
        &usage(3, 45_000, 4),
        "KG",
    )
    .expect("costed");
    // fuel: 13.5 / 100 × 180,000 km = 24,300 l × 84.00 = 2,041,200.00 KGS.
    assert_eq!(
        (r.fuel.fuel, r.fuel.amount),
        (PumpFuel::Diesel, 204_120_000)
    );
    // maintenance: 7.80 USD × 1,800 = 14,040 USD × 87.45 = 1,227,798.00 KGS.
    assert_eq!(r.maintenance.amount, 122_779_800);
    // total: 3,000,000.00 + 2,041,200.00 + 1,227,798.00 = 6,268,998.00 KGS a truck.
    assert_eq!(r.vehicle.total, 626_899_800);
    assert_eq!(r.fleet.total, 1_880_699_400);
    // per 100 tonne-km: 626,899,800 × 100 × 1000 / (2,800 kg × 180,000 km) = 124,384.88…
    // → 124,385, that is 1,243.85 KGS.
    let tonne_km = r.per_tonne_km.expect("a truck carries cargo");
    assert_eq!(tonne_km.payload_kg, 2_800);
    assert_eq!(tonne_km.per_100_tonne_km, 124_385);
    assert_eq!(r.per_seat_km, None);
}

#[test]
fn each_figure_is_rounded_once_by_the_catalog_rule() {
    // Cobalt, 12,345 km in one year, nothing paid for the car.
    // fuel: 6.6 / 100 × 12,345 × 7,250 tyiyn = 5,907,082.5 tyiyn: a half.
    // maintenance: 220 × 123.45 × 87.45 = 2,375,054.55 tyiyn.
    let half_up = shipped();
    let half_even = Catalog::from_toml_str(&SHIPPED.replacen(
        r#"rounding = "half-up""#,
        r#"rounding = "half-even""#,
        1,
    ))
    .expect("a valid variant");
    let one_year = usage(1, 12_345, 1);
    let figures = |catalog: &Catalog| {
        let cobalt = default_of(catalog, "cobalt");
        let r = cost(catalog, &cobalt, money(0, "KGS"), &one_year, "KG").expect("costed");
        (r.fuel.amount, r.maintenance.amount, r.vehicle.total)
    };
    assert_eq!(figures(half_up), (5_907_083, 2_375_055, 8_282_138));
    assert_eq!(figures(&half_even), (5_907_082, 2_375_055, 8_282_137));
    // Two years: 11,814,165 tyiyn of fuel exactly, not twice the first year's rounded figure;
    // maintenance 4,750,109.1 → 4,750,109.
    let cobalt = default_of(half_up, "cobalt");
    let r = cost(
        half_up,
        &cobalt,
        money(0, "KGS"),
        &usage(1, 12_345, 2),
        "KG",
    )
    .expect("costed");
    assert_eq!(
        (r.fuel.amount, r.maintenance.amount),
        (11_814_165, 4_750_109)
    );
    let by_year: Vec<i64> = r.by_year.iter().map(|y| y.vehicle).collect();
    assert_eq!(by_year, [0, 8_282_138, 16_564_274]);
}

#[test]
fn a_petrol_cng_kit_is_costed_on_gas() {
    // Cobalt with the CNG kit: 8.0 m³/100 km at 45.00 KGS; 10,000 km: 800 m³ = 36,000.00 KGS.
    let catalog = shipped();
    let cobalt = model(catalog, "cobalt");
    let kit = apply(
        cobalt,
        &cobalt.default_configuration(),
        Choice::Select("cng-kit".parse().expect("id")),
    )
    .expect("the kit")
    .configuration;
    let r = cost(catalog, &kit, money(0, "KGS"), &usage(1, 10_000, 1), "KG").expect("costed");
    assert_eq!(
        (r.fuel.fuel, r.fuel.consumption.to_string(), r.fuel.amount),
        (PumpFuel::Cng, "8.0".to_owned(), 3_600_000)
    );
}

#[test]
fn the_buyers_fuel_price_replaces_the_catalogs() {
    let catalog = shipped();
    let mut prices = fuel_prices(catalog, "KG");
    prices
        .set(PumpFuel::Petrol, ConsumptionUnit::Litre, 7_800)
        .expect("a price");
    let petrol = prices
        .get(PumpFuel::Petrol, ConsumptionUnit::Litre)
        .expect("set");
    assert_eq!((petrol.per_unit, petrol.as_of.as_deref()), (7_800, None));
    // 6.6 l/100 km × 45,000 km × 78.00 KGS/l = 2,970 l × 78.00 = 231,660.00 KGS.
    let cobalt = default_of(catalog, "cobalt");
    let r = running_cost(
        catalog,
        &cobalt,
        &money(0, "KGS"),
        &usage(1, 45_000, 1),
        &prices,
    )
    .expect("costed");
    assert_eq!(
        (r.fuel.amount, r.fuel.price_per_unit, r.fuel.price_as_of),
        (23_166_000, 7_800, None)
    );
}

#[test]
fn usage_errors_name_the_field_and_quote_the_value() {
    assert_eq!(Usage::new(0, 30_000, 5), Err(vec![UsageError::Quantity(0)]));
    assert_eq!(
        Usage::new(1_000, 30_000, 5),
        Err(vec![UsageError::Quantity(1_000)])
    );
    assert_eq!(Usage::new(1, -5, 5), Err(vec![UsageError::KmPerYear(-5)]));
    assert_eq!(Usage::new(1, 0, 5), Err(vec![UsageError::KmPerYear(0)]));
    assert_eq!(
        Usage::new(1, 500_001, 5),
        Err(vec![UsageError::KmPerYear(500_001)])
    );
    assert_eq!(Usage::new(1, 30_000, 0), Err(vec![UsageError::Years(0)]));
    assert_eq!(Usage::new(1, 30_000, 16), Err(vec![UsageError::Years(16)]));
    let all = Usage::new(-1, -1, -1).expect_err("every field wrong");
    let messages: Vec<(&str, String)> = all.iter().map(|e| (e.field(), e.to_string())).collect();
    assert_eq!(
        messages,
        [
            (
                "quantity",
                "quantity `-1` out of range: expected 1 to 999 vehicles".to_owned()
            ),
            (
                "km_per_year",
                "km per year `-1` out of range: expected 1 to 500000".to_owned()
            ),
            (
                "years",
                "years `-1` out of range: expected 1 to 15".to_owned()
            ),
        ]
    );
    let edges = usage(999, 500_000, 15);
    assert_eq!((edges.quantity().get(), edges.km_total()), (999, 7_500_000));
}

#[test]
fn fuel_price_errors() {
    let mut prices = fuel_prices(shipped(), "UZ");
    let before = prices.clone();
    let zero = prices.set(PumpFuel::Diesel, ConsumptionUnit::Litre, 0);
    assert_eq!(
        zero.map_err(|e| e.to_string()),
        Err(
            "fuel price `0` for `diesel` per `l` out of range: expected minor units above zero"
                .to_owned()
        )
    );
    assert_eq!(
        prices.set(PumpFuel::Cng, ConsumptionUnit::CubicMetre, -400_000),
        Err(FuelPriceError::NotAboveZero {
            fuel: PumpFuel::Cng,
            unit: ConsumptionUnit::CubicMetre,
            per_unit: -400_000,
        })
    );
    let litres_of_gas = prices.set(PumpFuel::Cng, ConsumptionUnit::Litre, 400_000);
    assert_eq!(
        litres_of_gas.map_err(|e| e.to_string()),
        Err("fuel price for `cng` per `l`: petrol and diesel are sold per `l`, CNG per `m3` or `kg`".to_owned())
    );
    assert_eq!(prices, before, "a refused price changes nothing");
    // A unit the catalog has no price in is added.
    prices
        .set(PumpFuel::Cng, ConsumptionUnit::Kilogram, 600_000)
        .expect("a price");
    assert_eq!(prices.prices().len(), before.prices().len() + 1);
}

#[test]
fn cost_errors() {
    let catalog = shipped();
    let cobalt = default_of(catalog, "cobalt");
    let one = usage(1, 10_000, 1);
    let unknown = config("zhiguli", "ls", "1.5mt", &[]);
    let error = |c: &Configuration, price: Money| {
        cost(catalog, c, price, &one, "KG")
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(error(&unknown, money(0, "KGS")), "unknown model `zhiguli`");
    let broken = config(
        "cobalt",
        "ls",
        "1.5at",
        &["summit-white", "cloth-black", "steel-15"],
    );
    assert!(
        error(&broken, money(0, "KGS")).starts_with("the configuration is not valid: "),
        "{}",
        error(&broken, money(0, "KGS"))
    );
    assert_eq!(
        error(&cobalt, money(1_190_000, "USD")),
        "unit price in `USD`: the running cost in market `KG` is in `KGS`"
    );
    assert_eq!(
        error(&cobalt, money(-1, "KGS")),
        "unit price `-1` below zero"
    );
    assert_eq!(
        error(&cobalt, money(i64::MAX, "KGS")),
        "the amount is too large"
    );
    let mut dear = fuel_prices(catalog, "KG");
    dear.set(PumpFuel::Petrol, ConsumptionUnit::Litre, i64::MAX)
        .expect("a price above zero");
    let r = running_cost(
        catalog,
        &cobalt,
        &money(0, "KGS"),
        &usage(999, 500_000, 15),
        &dear,
    );
    assert_eq!(r, Err(CostError::Overflow));
}

#[test]
fn fuel_prices_of_another_catalog() {
    // A market the catalog does not have.
    let elsewhere = Catalog::from_toml_str(&common::SMALL.replace(r#""KG""#, r#""KZ""#))
        .expect("a valid variant");
    let damas = default_of(&small(), "damas");
    let one = usage(1, 10_000, 1);
    let r = running_cost(
        &small(),
        &damas,
        &money(0, "KGS"),
        &one,
        &fuel_prices(&elsewhere, "KZ"),
    );
    assert_eq!(
        r,
        Err(CostError::UnknownMarket("KZ".parse().expect("market")))
    );
    // A catalog whose microvan measures gas in kilograms, with prices per kilogram; the small
    // catalog's prices are per cubic metre.
    let kilograms = with(
        "consumption = \"8.2\"\nconsumption_unit = \"m3\"",
        "consumption = \"5.9\"\nconsumption_unit = \"kg\"",
    )
    .replace(
        "[[models]]\nid = \"cobalt\"",
        "[[fuel_prices]]\nmarket = \"KG\"\nfuel = \"cng\"\nunit = \"kg\"\nprice_per_unit = 6500\n\
         as_of = \"2026-11-01\"\n\n[[fuel_prices]]\nmarket = \"UZ\"\nfuel = \"cng\"\nunit = \"kg\"\n\
         price_per_unit = 630000\nas_of = \"2026-11-01\"\n\n[[models]]\nid = \"cobalt\"",
    );
    let kilograms = Catalog::from_toml_str(&kilograms).expect("a valid variant");
    let on_gas = config("damas", "van", "0.8cng", &["white"]);
    let r = running_cost(
        &kilograms,
        &on_gas,
        &money(0, "KGS"),
        &one,
        &fuel_prices(&small(), "KG"),
    );
    assert_eq!(
        r.map_err(|e| e.to_string()),
        Err("no fuel price for `cng` per `kg`".to_owned())
    );
    // With its own prices: 5.9 kg/100 km × 10,000 km = 590 kg × 65.00 = 38,350.00 KGS.
    let r = running_cost(
        &kilograms,
        &on_gas,
        &money(0, "KGS"),
        &one,
        &fuel_prices(&kilograms, "KG"),
    )
    .expect("costed");
    assert_eq!(r.fuel.amount, 3_835_000);
}

#[test]
fn the_running_cost_serializes_for_the_front_end() {
    let catalog = shipped();
    let r = cost(
        catalog,
        &default_of(catalog, "labo"),
        money(50_000_000, "KGS"),
        &usage(2, 20_000, 3),
        "KG",
    )
    .expect("costed");
    let json = serde_json::to_value(&r).expect("serializes");
    assert_eq!(json["fuel"]["consumption"], "6.9");
    assert_eq!(json["fuel"]["unit"], "l");
    assert_eq!(json["maintenance"]["per_usd"], "87.45");
    assert_eq!(json["per_seat_km"], serde_json::Value::Null);
    let back: RunningCost = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, r);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A fleet costs its vehicle's figures times the quantity, year by year too; the last year's
    /// cumulative cost is the total and the first is the price.
    #[test]
    fn the_fleet_costs_the_vehicle_times_the_quantity(
        which in 0usize..19,
        uzbekistan in any::<bool>(),
        quantity in 1i64..=999,
        km_per_year in 1i64..=500_000,
        years in 1i64..=15,
        price in 0i64..=2_000_000_000_000,
    ) {
        let catalog = shipped();
        let model = &catalog.models()[which % catalog.models().len()];
        let (market, currency) = if uzbekistan { ("UZ", "UZS") } else { ("KG", "KGS") };
        let r = cost(
            catalog,
            &model.default_configuration(),
            money(price, currency),
            &usage(quantity, km_per_year, years),
            market,
        )
        .expect("costed");
        let v = r.vehicle;
        prop_assert_eq!(v.price + v.fuel + v.maintenance, v.total);
        prop_assert_eq!(
            r.fleet,
            Ownership {
                price: v.price * quantity,
                fuel: v.fuel * quantity,
                maintenance: v.maintenance * quantity,
                total: v.total * quantity,
            }
        );
        prop_assert_eq!(r.by_year.len() as i64, years + 1);
        prop_assert_eq!(r.by_year[0].vehicle, price);
        prop_assert_eq!(r.by_year.last().map(|y| y.vehicle), Some(v.total));
        for pair in r.by_year.windows(2) {
            prop_assert!(pair[0].vehicle <= pair[1].vehicle);
        }
        for year in &r.by_year {
            prop_assert_eq!(year.fleet, year.vehicle * quantity);
        }
    }
}
