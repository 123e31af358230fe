//! Every error of the catalog loader, each with its path and value, on variations of the small
//! inline catalog.

mod common;

use common::{SMALL, errors, small, with};
use configurator_domain::Catalog;
use configurator_domain::catalog::{CatalogError, ConsumptionUnit, LoadError, Problem, PumpFuel};

#[test]
fn the_small_catalog_loads() {
    let c = small();
    assert_eq!(c.version(), "2027.1");
    assert_eq!(c.models().len(), 2);
    assert_eq!(c.markets().len(), 2);
}

#[test]
fn unknown_references_name_the_path_and_the_id() {
    let text = with(r#"powertrains = ["1.5at"]"#, r#"powertrains = ["1.6mt"]"#);
    assert_eq!(
        errors(&text),
        ["models[0].groups[1].options[0].powertrains[0]: unknown powertrain `1.6mt`"]
    );
    let text = with(
        r#"requires = ["winter"]"#,
        r#"requires = ["winter", "sunroof"]"#,
    );
    assert_eq!(
        errors(&text),
        ["models[0].groups[2].options[0].requires[1]: unknown option `sunroof`"]
    );
    let text = with(
        r#"excludes = ["1.5at", "winter"]"#,
        r#"excludes = ["1.5at", "lt"]"#,
    );
    assert_eq!(
        errors(&text),
        ["models[0].groups[2].options[2].excludes[1]: unknown option, trim or powertrain `lt`"]
    );
    // A trim named where an option is expected is unknown as an option.
    let text = with(
        r#"includes = ["pre-heater", "heated-seats"]"#,
        r#"includes = ["ltz"]"#,
    );
    assert_eq!(
        errors(&text),
        ["models[0].groups[1].options[0].includes[0]: unknown option `ltz`"]
    );
    let text = with(
        r#"trims = ["ltz"]                   # availability"#,
        r#"trims = ["lx"] #"#,
    );
    assert_eq!(
        errors(&text),
        ["models[0].powertrains[1].trims[0]: unknown trim `lx`"]
    );
}

#[test]
fn duplicate_ids() {
    let text = with(r#"id = "cng-kit""#, r#"id = "ltz""#);
    assert_eq!(
        errors(&text),
        ["models[0].groups[2].options[2].id: duplicate id `ltz`"]
    );
    let text = with(r#"id = "damas""#, r#"id = "cobalt""#);
    assert_eq!(errors(&text), ["models[1].id: duplicate id `cobalt`"]);
    let text = with(r#"id = "seating""#, r#"id = "paint""#);
    assert_eq!(
        errors(&text),
        ["models[1].groups[1].id: duplicate id `paint`"]
    );
}

#[test]
fn prices_below_zero() {
    let text = with("price = 15000", "price = -1");
    assert_eq!(
        errors(&text),
        ["models[0].groups[2].options[1].price: below zero: `-1`"]
    );
    let text = with("base_price = 800000", "base_price = -800000");
    assert_eq!(
        errors(&text),
        ["models[1].base_price: below zero: `-800000`"]
    );
}

#[test]
fn rule_cycles_that_make_an_option_impossible() {
    // tow-bar requires roof-rack, which requires blue; blue excludes tow-bar.
    let text = with(r#"excludes = ["0.8cng"]"#, r#"requires = ["roof-rack"]"#).replacen(
        r#"price = 10000
name = { en = "Blue""#,
        r#"price = 10000
excludes = ["tow-bar"]
name = { en = "Blue""#,
        1,
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].groups[2].options[2]: `tow-bar` can never be chosen: requires Blue, not compatible with Blue"
        ]
    );
    // Directly: an option that excludes what it requires.
    let text = with(
        r#"requires = ["blue"]"#,
        r#"requires = ["blue"]
excludes = ["blue"]"#,
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].groups[2].options[1]: `roof-rack` can never be chosen: requires Blue, not compatible with Blue"
        ]
    );
}

#[test]
fn types_with_no_valid_configuration() {
    // The default paint is not offered with the first trim.
    let text = with(
        r#"excludes = ["labo"]"#,
        r#"excludes = ["labo"]
default = true"#,
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].groups[0]: 2 default options: a required single group needs exactly one, a single group at most one"
        ]
    );
    let text = with(
        r#"default = true
name = { en = "White""#,
        r#"trims = ["labo"]
default = true
name = { en = "White""#,
    );
    assert_eq!(
        errors(&text),
        ["models[1]: the default configuration is not valid: White: not offered with the Van trim"]
    );
    let no_powertrains = SMALL
        .split("[[models.powertrains]]\nid = \"0.8")
        .collect::<Vec<_>>();
    let text = format!(
        "{}{}",
        no_powertrains[0],
        &no_powertrains[2][no_powertrains[2].find("[[models.groups]]").unwrap_or(0)..]
    );
    assert!(
        errors(&text)
            .contains(&"models[1]: no powertrains: the type has no valid configuration".to_owned()),
        "{:?}",
        errors(&text)
    );
}

#[test]
fn texts_markets_tiers_and_exchange() {
    let text = with(r#"ky = "Кара металлик", "#, "");
    assert_eq!(
        errors(&text),
        [
            "models[0].groups[0].options[1].name: missing `ky` text: every text needs `en`, `ru`, `ky` and `uz`"
        ]
    );
    let text = with(
        r#"currency = "UZS"
vat_basis_points"#,
        r#"currency = "UZX"
vat_basis_points"#,
    );
    assert_eq!(
        errors(&text),
        ["markets[1].currency: unknown currency `UZX`"]
    );
    let text = with("min_quantity = 20", "min_quantity = 2");
    assert_eq!(
        errors(&text),
        [
            "fleet_discounts[1].min_quantity: `min_quantity = 2` does not ascend from the tier before"
        ]
    );
    let text = with(r#"effective = "2026-11-01""#, r#"effective = "2026-13-01""#);
    assert_eq!(
        errors(&text),
        ["exchange.effective: invalid value `2026-13-01`: expected a date `YYYY-MM-DD`"]
    );
    let text = with(r#"id = "KG""#, r#"id = "kg""#);
    assert_eq!(
        errors(&text),
        ["markets[0].id: invalid market `kg`: expected two upper-case letters"]
    );
}

#[test]
fn every_text_needs_all_four_languages() {
    // A trim's name, a powertrain's name and an option's description: no text falls back.
    let text = with(
        r#"name = { en = "LTZ", ru = "LTZ", ky = "LTZ", uz = "LTZ" }"#,
        r#"name = { en = "LTZ", ru = "LTZ", ky = "LTZ" }"#,
    )
    .replacen(r#", uz = "0,8 l MT" }"#, r#", uz = "  " }"#, 1)
    .replacen(
        r#", uz = "Dvigatelni oldindan isitgich va old oʻrindiqlarni isitish." }"#,
        " }",
        1,
    );
    assert_eq!(
        errors(&text),
        [
            "models[0].trims[1].name: missing `uz` text: every text needs `en`, `ru`, `ky` and `uz`",
            "models[0].groups[1].options[0].description: missing `uz` text: every text needs `en`, `ru`, `ky` and `uz`",
            "models[1].powertrains[0].name: missing `uz` text: every text needs `en`, `ru`, `ky` and `uz`",
        ]
    );
    let e = Catalog::from_toml_str(&with(r#"ru = "Лабо""#, r#"ru = """#)).expect_err("no Russian");
    let CatalogError::Invalid(list) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        list[..],
        [LoadError {
            path: "models[1].trims[1].name".into(),
            problem: Problem::MissingText("ru"),
        }]
    );
}

#[test]
fn uzbek_with_a_cyrillic_letter_is_refused() {
    // Russian copied into `uz`, and a Latin word with one Cyrillic look-alike (`о`, U+043E).
    let text = with(r#"uz = "Furgon""#, r#"uz = "Фургон""#).replacen(
        r#"uz = "Qishki paket""#,
        "uz = \"Qishki paket\u{43e}\"",
        1,
    );
    assert_eq!(
        errors(&text),
        [
            "models[0].groups[1].options[0].name: `uz` text `Qishki paketо` has the Cyrillic letter `о`: Uzbek is written in Latin script",
            "models[1].trims[0].name: `uz` text `Фургон` has the Cyrillic letter `Ф`: Uzbek is written in Latin script",
        ]
    );
    let e = Catalog::from_toml_str(&with(r#"uz = "Oʻzbekiston""#, r#"uz = "Ўзбекистон""#))
        .expect_err("Cyrillic Uzbek");
    let CatalogError::Invalid(list) = &e else {
        panic!("{e}")
    };
    assert_eq!(
        list[..],
        [LoadError {
            path: "markets[1].name".into(),
            problem: Problem::CyrillicUzbek {
                text: "Ўзбекистон".into(),
                letter: 'Ў',
            },
        }]
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let text = with("price = 15000", "price = -1")
        .replacen(r#"id = "cng-kit""#, r#"id = "Cng""#, 1)
        .replacen("vat_basis_points = 1200", "vat_basis_points = 12000", 1);
    let e = Catalog::from_toml_str(&text).expect_err("invalid");
    let CatalogError::Invalid(list) = &e else {
        panic!("{e}")
    };
    assert_eq!(list.len(), 3, "{e}");
    assert_eq!(
        list[0],
        LoadError {
            path: "markets[0].vat_basis_points".into(),
            problem: Problem::OutOfRange {
                value: 12000,
                expected: "0 to 10000 basis points"
            }
        }
    );
    assert!(
        e.to_string()
            .starts_with("3 problems in the catalog\n  markets[0].vat_basis_points: "),
        "{e}"
    );
}

#[test]
fn syntax_and_unknown_fields() {
    assert!(matches!(
        Catalog::from_toml_str("version = "),
        Err(CatalogError::Syntax(_))
    ));
    let typo = with("includes = [", "include = [");
    let e = Catalog::from_toml_str(&typo).expect_err("unknown field");
    assert!(e.to_string().contains("unknown field `include`"), "{e}");
}

#[test]
fn json_round_trip_validates_again() {
    let catalog = small();
    let json = serde_json::to_string(&catalog).expect("serializes");
    let back: Catalog = serde_json::from_str(&json).expect("valid JSON catalog");
    assert_eq!(back, catalog);
    let broken = json.replacen("\"price\":15000", "\"price\":-5", 1);
    let e = serde_json::from_str::<Catalog>(&broken).expect_err("validated");
    assert!(e.to_string().contains("below zero: `-5`"), "{e}");
}

#[test]
fn more_options_than_a_set_holds_is_a_problem_not_a_crash() {
    let extra: String = (0..130)
        .map(|i| {
            format!(
                "\n[[models.groups.options]]\nid = \"extra-{i}\"\nprice = 0\n\
                 name = {{ en = \"Extra\", ru = \"Extra\", ky = \"Extra\", uz = \"Extra\" }}\n"
            )
        })
        .collect();
    assert_eq!(
        errors(&format!("{SMALL}{extra}")),
        ["models[1]: 138 options: at most 128 are supported"]
    );
}

#[test]
fn fuel_prices_name_the_entry_and_the_value() {
    let text = with("price_per_unit = 7250", "price_per_unit = 0");
    assert_eq!(
        errors(&text),
        ["fuel_prices[0].price_per_unit: `0` out of range: expected minor units above zero"]
    );
    let text = with("price_per_unit = 8400", "price_per_unit = -8400");
    assert_eq!(
        errors(&text),
        ["fuel_prices[1].price_per_unit: `-8400` out of range: expected minor units above zero"]
    );
    // Diesel is not consumed by the small catalog's models: replacing it leaves nothing missing.
    let text = with(r#"fuel = "diesel""#, r#"fuel = "lpg""#);
    assert_eq!(errors(&text), ["fuel_prices[1].fuel: unknown fuel `lpg`"]);
    let text = with(r#"fuel = "diesel""#, r#"fuel = "petrol-cng""#);
    assert_eq!(
        errors(&text),
        ["fuel_prices[1].fuel: unknown fuel `petrol-cng`"]
    );
    let text = with(r#"fuel = "diesel""#, r#"fuel = "petrol""#);
    assert_eq!(
        errors(&text),
        ["fuel_prices[1]: a second price of `petrol` per `l` for market `KG`"]
    );
    let text = with(
        r#"as_of = "2026-11-01"              #"#,
        r#"as_of = "1 Nov 2026" #"#,
    );
    assert_eq!(
        errors(&text),
        ["fuel_prices[0].as_of: invalid value `1 Nov 2026`: expected a date `YYYY-MM-DD`"]
    );
}

#[test]
fn every_market_prices_every_fuel_the_models_consume() {
    // Petrol by the cubic metre: the unit is wrong, and Kyrgyzstan has no petrol by the litre.
    let text = with(r#"unit = "l"                        #"#, r#"unit = "m3" #"#);
    assert_eq!(
        errors(&text),
        [
            "fuel_prices[0].unit: invalid value `m3`: expected a unit that measures the fuel: `l` for petrol and diesel, `m3` or `kg` for cng",
            "fuel_prices: no price of `petrol` per `l` for market `KG`: `models[0].specs` consumes it",
        ]
    );
    // A market nobody sells in, so Kyrgyzstan's petrol is missing.
    let text = with(
        r#"market = "KG"                     #"#,
        r#"market = "KZ" #"#,
    );
    assert_eq!(
        errors(&text),
        [
            "fuel_prices[0].market: unknown market `KZ`",
            "fuel_prices: no price of `petrol` per `l` for market `KG`: `models[0].specs` consumes it",
        ]
    );
    // Uzbekistan without methane, which the Cobalt's gas kit burns.
    let uz_cng = "\n[[fuel_prices]]\nmarket = \"UZ\"\nfuel = \"cng\"\nunit = \"m3\"\nprice_per_unit = 440000\nas_of = \"2026-11-01\"\n";
    let text = with(uz_cng, "");
    assert_eq!(
        errors(&text),
        [
            "fuel_prices: no price of `cng` per `m3` for market `UZ`: `models[0].groups[2].options[2].specs` consumes it"
        ]
    );
    // No fuel prices at all: each market misses each fuel, named once with its first consumer.
    let head_end = SMALL.find("\n[[fuel_prices]]").expect("fuel prices");
    let models = SMALL.find("\n[[models]]").expect("models");
    let text = format!("{}{}", &SMALL[..head_end], &SMALL[models..]);
    assert_eq!(
        errors(&text),
        [
            "fuel_prices: no price of `petrol` per `l` for market `KG`: `models[0].specs` consumes it",
            "fuel_prices: no price of `petrol` per `l` for market `UZ`: `models[0].specs` consumes it",
            "fuel_prices: no price of `cng` per `m3` for market `KG`: `models[0].groups[2].options[2].specs` consumes it",
            "fuel_prices: no price of `cng` per `m3` for market `UZ`: `models[0].groups[2].options[2].specs` consumes it",
        ]
    );
}

#[test]
fn maintenance_estimates_are_above_zero() {
    let text = with("maintenance_per_100km = 180", "maintenance_per_100km = 0");
    assert_eq!(
        errors(&text),
        [
            "models[1].maintenance_per_100km: `0` out of range: expected US cents per 100 km above zero"
        ]
    );
    let text = with(
        "maintenance_per_100km = 180",
        "maintenance_per_100km = -180",
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].maintenance_per_100km: `-180` out of range: expected US cents per 100 km above zero"
        ]
    );
    let e = Catalog::from_toml_str(&with("maintenance_per_100km = 180\n", ""))
        .expect_err("a required field");
    assert!(
        e.to_string()
            .contains("missing field `maintenance_per_100km`"),
        "{e}"
    );
}

#[test]
fn markets_carry_their_fuel_prices() {
    let catalog = small();
    let uz = catalog
        .market(&"UZ".parse().expect("market"))
        .expect("market");
    let prices = &uz.fuel_prices;
    assert_eq!(
        (prices.market().as_str(), prices.currency().as_str()),
        ("UZ", "UZS")
    );
    let petrol = prices
        .get(PumpFuel::Petrol, ConsumptionUnit::Litre)
        .expect("petrol");
    assert_eq!(
        (petrol.per_unit, petrol.as_of.as_deref()),
        (1_180_000, Some("2026-11-01"))
    );
    assert_eq!(prices.prices().len(), 3);
}
