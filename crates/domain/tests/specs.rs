//! The spec figures of a configuration (`Model::specs_of`): the chosen seating layout, body,
//! powertrain or gas kit sets its figures, the model's are its default configuration's; and the
//! loader's checks of the figures written in the catalog, each refusal with its path.

mod common;

use common::{SHIPPED, SMALL, errors, model, powertrain, select, small, with};
use configurator_domain::catalog::{ConsumptionUnit, Fuel, Specs};
use configurator_domain::engine::apply;
use configurator_domain::{Catalog, Choice, Model};

fn shipped() -> Catalog {
    Catalog::from_toml_str(SHIPPED).expect("the shipped catalog")
}

/// The figures of `model`'s default configuration after `choices`.
fn specs_after(model: &Model, choices: &[Choice]) -> Specs {
    let mut config = model.default_configuration();
    for choice in choices {
        config = apply(model, &config, choice.clone())
            .expect("apply")
            .configuration;
    }
    model.specs_of(&config)
}

#[test]
fn a_seating_layout_sets_the_seats_and_standing_places() {
    let catalog = shipped();
    let np37 = model(&catalog, "np37-city");
    let default = specs_after(np37, &[]);
    assert_eq!((default.seats, default.standing), (19, 23));
    let fifteen = specs_after(np37, &[select("city-15")]);
    assert_eq!((fifteen.seats, fifteen.standing), (15, 29));
    // Nothing else changes.
    assert_eq!(
        Specs {
            seats: 19,
            standing: 23,
            ..fifteen
        },
        default
    );

    let school = model(&catalog, "nqr-school");
    assert_eq!(specs_after(school, &[]).seats, 28);
    assert_eq!(specs_after(school, &[select("school-32")]).seats, 32);
}

#[test]
fn a_cng_powertrain_gives_its_consumption_in_cubic_metres() {
    let catalog = shipped();
    let np37 = model(&catalog, "np37-city");
    let diesel = specs_after(np37, &[]);
    assert_eq!(
        (
            diesel.fuel,
            diesel.consumption.to_string(),
            diesel.consumption_unit
        ),
        (Fuel::Diesel, "18.0".to_owned(), ConsumptionUnit::Litre)
    );
    let cng = specs_after(np37, &[powertrain("cng-mt")]);
    assert_eq!(
        (cng.fuel, cng.consumption.to_string(), cng.consumption_unit),
        (Fuel::Cng, "26.0".to_owned(), ConsumptionUnit::CubicMetre)
    );
    assert_eq!(cng.power_hp, 140);
    assert!(cng.payload_kg < diesel.payload_kg, "the cylinders weigh");
}

#[test]
fn a_gas_kit_option_replaces_the_powertrains_fuel_and_consumption() {
    let catalog = shipped();
    let cobalt = model(&catalog, "cobalt");
    let kit = specs_after(cobalt, &[select("cng-kit")]);
    assert_eq!(
        (kit.fuel, kit.consumption.to_string(), kit.consumption_unit),
        (
            Fuel::PetrolCng,
            "8.0".to_owned(),
            ConsumptionUnit::CubicMetre
        )
    );
    assert_eq!(kit.payload_kg, 380);
}

#[test]
fn every_model_shows_its_default_configurations_figures() {
    for catalog in [shipped(), small()] {
        for m in catalog.models() {
            assert_eq!(
                &m.specs_of(&m.default_configuration()),
                m.specs(),
                "{}",
                m.id()
            );
        }
    }
}

const SEATS_7: &str = "specs = { seats = 7 }";
const CNG_KIT: &str = r#"specs = { fuel = "petrol-cng", consumption = "8.0", consumption_unit = "m3", payload_kg = 380 }"#;
const DAMAS_CNG: &str = "consumption = \"8.2\"\nconsumption_unit = \"m3\"\n";

#[test]
fn figures_are_whole_numbers_above_zero() {
    assert_eq!(
        errors(&with(SEATS_7, "specs = { seats = 0, standing = -1 }")),
        [
            "models[1].groups[1].options[0].specs.seats: `0` out of range: expected a whole number above zero",
            "models[1].groups[1].options[0].specs.standing: `-1` out of range: expected zero or more",
        ]
    );
    assert_eq!(
        errors(&with(
            DAMAS_CNG,
            "consumption = \"0\"\nconsumption_unit = \"m3\"\npayload_kg = -500\n"
        )),
        [
            "models[1].powertrains[1].payload_kg: `-500` out of range: expected a whole number above zero",
            "models[1].powertrains[1].consumption: invalid value `0`: expected a consumption above zero",
        ]
    );
}

#[test]
fn a_consumption_needs_a_unit_that_measures_its_fuel() {
    // The gas powertrain without a consumption of its own would take the model's litres.
    assert_eq!(
        errors(&with(DAMAS_CNG, "")),
        [
            "models[1].powertrains[1].fuel: fuel `petrol-cng` with a consumption in `l`: petrol and diesel are measured in `l`, CNG and petrol-CNG (on gas) in `m3` or `kg`"
        ]
    );
    assert_eq!(
        errors(&with(DAMAS_CNG, "consumption_unit = \"m3\"\n")),
        [
            "models[1].powertrains[1].consumption_unit: `consumption_unit` needs `consumption` beside it",
            "models[1].powertrains[1].fuel: fuel `petrol-cng` with a consumption in `l`: petrol and diesel are measured in `l`, CNG and petrol-CNG (on gas) in `m3` or `kg`",
        ]
    );
    let kit = "models[0].groups[2].options[2].specs";
    assert_eq!(
        errors(&with(
            CNG_KIT,
            r#"specs = { fuel = "petrol-cng", consumption = "8.0" }"#
        )),
        [format!(
            "{kit}.consumption_unit: fuel `petrol-cng` with a consumption in `l`: petrol and diesel are measured in `l`, CNG and petrol-CNG (on gas) in `m3` or `kg`"
        )]
    );
    assert_eq!(
        errors(&with(CNG_KIT, r#"specs = { fuel = "petrol-cng" }"#)),
        [format!("{kit}.fuel: `fuel` needs `consumption` beside it")]
    );
    assert_eq!(
        errors(&with(
            CNG_KIT,
            r#"specs = { consumption = "8.0", consumption_unit = "kg" }"#
        )),
        [format!(
            "{kit}.consumption: `consumption` needs `fuel` beside it"
        )]
    );
}

#[test]
fn options_that_can_be_chosen_together_may_not_set_the_same_figure() {
    // The two seating layouts of one single group both set the seats: only one is chosen.
    assert!(SMALL.contains("specs = { seats = 2 }"));
    small();
    // A body option of another group setting the seats too.
    let text = with(
        r#"requires = ["blue"]"#,
        "requires = [\"blue\"]\nspecs = { seats = 3 }",
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].groups[2].options[1].specs.seats: `seats` is also set by option `seats-7`: options of different groups, or of one multiple-choice group, may not set the same figure"
        ]
    );
    // Two options of one multiple-choice group.
    let text = with(
        "id = \"heated-seats\"\nprice = 15000\n",
        "id = \"heated-seats\"\nprice = 15000\nspecs = { payload_kg = 440 }\n",
    );
    assert_eq!(
        errors(&text),
        [
            "models[0].groups[2].options[2].specs.payload_kg: `payload_kg` is also set by option `heated-seats`: options of different groups, or of one multiple-choice group, may not set the same figure"
        ]
    );
}

#[test]
fn the_models_figures_are_its_default_configurations() {
    let text = with("power_hp = 106\nfuel", "power_hp = 100\nfuel");
    assert_eq!(
        errors(&text),
        [
            "models[0].specs.power_hp: `100` is not the default configuration's `106`: the model's specs are those of its default configuration"
        ]
    );
    // The default powertrain's own consumption differs from the model's.
    let text = with(
        "power_hp = 106\nname = { en = \"1.5 L, 5-speed manual\"",
        "power_hp = 106\nconsumption = \"6.4\"\nname = { en = \"1.5 L, 5-speed manual\"",
    );
    assert_eq!(
        errors(&text),
        [
            "models[0].specs.consumption: `6.6 l` is not the default configuration's `6.4 l`: the model's specs are those of its default configuration"
        ]
    );
    // A default seating layout of 2 seats on a model written with 7.
    let text = with(
        "id = \"seats-2\"\nprice = 0\n",
        "id = \"seats-2\"\nprice = 0\ndefault = true\n",
    );
    assert_eq!(
        errors(&text),
        [
            "models[1].specs.seats: `7` is not the default configuration's `2`: the model's specs are those of its default configuration"
        ]
    );
}
