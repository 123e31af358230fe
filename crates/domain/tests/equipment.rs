//! Where each option stands in a configuration of the shipped catalog, as the compare page shows
//! it: included, optional with the configuration to price, or unavailable with the rules adding
//! it would break, each the engine's own answer.

mod common;

use common::{SHIPPED, config, model};
use configurator_domain::engine::equipment::{Equipment, equipment};
use configurator_domain::{Catalog, Configuration, Lang, Reason, Violation};

fn standing(config: &Configuration, option: &str) -> Equipment {
    let catalog = Catalog::from_toml_str(SHIPPED).expect("the shipped catalog");
    let cobalt = model(&catalog, "cobalt");
    equipment(cobalt, config)
        .into_iter()
        .find(|(id, _)| id.as_str() == option)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no option `{option}`"))
}

fn id<T: std::str::FromStr<Err: std::fmt::Debug>>(text: &str) -> T {
    text.parse().expect("an id")
}

#[test]
fn chosen_options_are_included_and_free_ones_optional_with_their_configuration() {
    let ls = config(
        "cobalt",
        "ls",
        "1.5mt",
        &["summit-white", "cloth-black", "steel-15"],
    );
    assert_eq!(standing(&ls, "summit-white"), Equipment::Included);
    // The winter package brings its contents along; another paint swaps the white out.
    assert_eq!(
        standing(&ls, "winter"),
        Equipment::Optional(config(
            "cobalt",
            "ls",
            "1.5mt",
            &[
                "summit-white",
                "cloth-black",
                "steel-15",
                "winter",
                "pre-heater",
                "heated-seats"
            ],
        ))
    );
    assert_eq!(
        standing(&ls, "cherry-red"),
        Equipment::Optional(config(
            "cobalt",
            "ls",
            "1.5mt",
            &["cherry-red", "cloth-black", "steel-15"]
        ))
    );
}

#[test]
fn unavailable_options_name_the_rules_they_would_break() {
    let ls = config(
        "cobalt",
        "ls",
        "1.5mt",
        &["summit-white", "cloth-black", "steel-15", "rear-bodykit"],
    );
    // Not on the trim: the camera, and the parking package with the camera it includes.
    assert_eq!(
        standing(&ls, "rear-camera"),
        Equipment::Unavailable(vec![Violation::NotOffered {
            option: id("rear-camera"),
            reason: Reason::NotOnTrim { trim: id("ls") },
        }])
    );
    let Equipment::Unavailable(parking) = standing(&ls, "parking") else {
        panic!("the parking package is not on the LS");
    };
    assert_eq!(parking.len(), 2, "{parking:?}");
    // Excluded by an option chosen.
    assert_eq!(
        standing(&ls, "tow-bar"),
        Equipment::Unavailable(vec![Violation::Incompatible {
            option: id("tow-bar"),
            with: id("rear-bodykit"),
        }])
    );
    // Excluded by the powertrain, in words the UI shows.
    let automatic = config(
        "cobalt",
        "lt",
        "1.5at",
        &["summit-white", "cloth-black", "steel-15"],
    );
    let Equipment::Unavailable(kit) = standing(&automatic, "cng-kit") else {
        panic!("the CNG kit is not with the automatic");
    };
    let catalog = Catalog::from_toml_str(SHIPPED).expect("the shipped catalog");
    let words: Vec<String> = kit
        .iter()
        .map(|v| v.describe(model(&catalog, "cobalt"), Lang::En))
        .collect();
    assert_eq!(words.len(), 1, "{words:?}");
    assert!(words[0].contains("not compatible with"), "{words:?}");
}

#[test]
fn a_configuration_of_unknown_ids_has_no_equipment() {
    let catalog = Catalog::from_toml_str(SHIPPED).expect("the shipped catalog");
    let wrong = config("cobalt", "no-such-trim", "1.5mt", &[]);
    assert!(equipment(model(&catalog, "cobalt"), &wrong).is_empty());
}
