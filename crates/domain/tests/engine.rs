//! The rules engine on the small catalog: one test per rule kind, conflicts and their resolution,
//! availability and the words of the reasons.

mod common;

use common::*;
use configurator_domain::Lang;
use configurator_domain::engine::{
    ApplyError, Availability, ChangeKind, Item, Reason, Violation, apply, availability, check,
};

#[test]
fn default_configuration_is_valid() {
    let catalog = small();
    for m in catalog.models() {
        let c = m.default_configuration();
        assert_eq!(check(m, &c), vec![], "{}", m.id());
    }
    let cobalt = model(&catalog, "cobalt");
    assert_eq!(
        cobalt.default_configuration(),
        config("cobalt", "ls", "1.5mt", &["summit-white"])
    );
}

#[test]
fn requires_adds_the_required_option_with_its_reason() {
    let catalog = small();
    let damas = model(&catalog, "damas");
    let a = apply(damas, &damas.default_configuration(), select("roof-rack")).expect("applies");
    assert_eq!(options(&a.configuration), ["blue", "roof-rack"]);
    // Blue replaces white: a change to another group's choice, so the UI asks.
    assert!(a.is_conflict_resolution());
    let words: Vec<_> = a
        .changes
        .iter()
        .map(|c| c.describe(damas, Lang::En))
        .collect();
    assert_eq!(
        words,
        [
            "removes White: replaced by Blue",
            "adds Blue: required by Roof rack"
        ]
    );
}

#[test]
fn includes_come_along_and_go_with_the_package() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let start = config("cobalt", "ltz", "1.5at", &["summit-white"]);
    let a = apply(cobalt, &start, select("winter")).expect("applies");
    assert_eq!(
        options(&a.configuration),
        ["heated-seats", "pre-heater", "summit-white", "winter"]
    );
    assert!(!a.is_conflict_resolution());
    assert!(
        a.changes
            .iter()
            .all(|c| matches!(c.reason, Reason::IncludedIn { .. }))
    );
    let b = apply(cobalt, &a.configuration, deselect("winter")).expect("applies");
    assert_eq!(options(&b.configuration), ["summit-white"]);
    assert!(!b.is_conflict_resolution());
    let words: Vec<_> = b
        .changes
        .iter()
        .map(|c| c.describe(cobalt, Lang::En))
        .collect();
    assert_eq!(
        words,
        [
            "removes Engine pre-heater: came with Winter package",
            "removes Heated front seats: came with Winter package"
        ]
    );
    // A package goes without its content: it includes it, it does not "require" it.
    let c = apply(cobalt, &a.configuration, deselect("heated-seats")).expect("applies");
    let words: Vec<_> = c
        .changes
        .iter()
        .map(|c| c.describe(cobalt, Lang::En))
        .collect();
    assert_eq!(
        words,
        [
            "removes Winter package: includes Heated front seats",
            "removes Engine pre-heater: requires Winter package"
        ]
    );
}

#[test]
fn requires_chain_to_an_unavailable_package_switches_trim_and_powertrain() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let a = apply(
        cobalt,
        &cobalt.default_configuration(),
        select("pre-heater"),
    )
    .expect("applies");
    let c = &a.configuration;
    assert_eq!((c.trim.as_str(), c.powertrain.as_str()), ("ltz", "1.5at"));
    assert_eq!(
        options(c),
        ["heated-seats", "pre-heater", "summit-white", "winter"]
    );
    assert!(a.is_conflict_resolution());
    let first = a.changes[0].describe(cobalt, Lang::En);
    assert_eq!(
        first,
        "switches from the LS trim to the LTZ trim: required by Engine pre-heater"
    );
    assert_eq!(
        a.changes[2].describe(cobalt, Lang::En),
        "adds Winter package: required by Engine pre-heater"
    );
    assert_eq!(
        a.changes[3].describe(cobalt, Lang::En),
        "adds Heated front seats: included in Winter package"
    );
}

#[test]
fn excludes_is_symmetric_and_resolved_by_the_fewest_changes() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let with_winter = config(
        "cobalt",
        "ltz",
        "1.5at",
        &["heated-seats", "pre-heater", "summit-white", "winter"],
    );
    // cng-kit excludes winter and 1.5at: the powertrain switches, winter and pre-heater go.
    let a = apply(cobalt, &with_winter, select("cng-kit")).expect("applies");
    assert_eq!(a.configuration.powertrain.as_str(), "1.5mt");
    assert_eq!(
        options(&a.configuration),
        ["cng-kit", "heated-seats", "summit-white"]
    );
    assert!(a.is_conflict_resolution());
    assert!(a.changes.iter().any(|c| c.kind
        == ChangeKind::Removed {
            option: "winter".parse().expect("id")
        }
        && c.reason
            == Reason::ExcludedBy {
                by: Item::Option("cng-kit".parse().expect("id"))
            }));
    // And the other way round: winter is offered while cng-kit is chosen, with the changes that
    // choosing it makes: the automatic back, the kit gone.
    let avail = availability(cobalt, &a.configuration);
    let winter = &avail
        .iter()
        .find(|(id, _)| id.as_str() == "winter")
        .expect("listed")
        .1;
    let back = apply(cobalt, &a.configuration, select("winter")).expect("applies");
    assert_eq!(*winter, Availability::Changes(back.changes.clone()));
    let words: Vec<_> = back
        .changes
        .iter()
        .map(|c| c.describe(cobalt, Lang::En))
        .collect();
    assert_eq!(
        words,
        [
            "switches from 1.5 L, 5-speed manual to 1.5 L, 6-speed automatic: required by Winter package",
            "removes CNG cylinder kit: not compatible with Winter package",
            "adds Engine pre-heater: included in Winter package"
        ]
    );
}

#[test]
fn trim_and_powertrain_availability() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let avail = availability(cobalt, &cobalt.default_configuration());
    let of = |id: &str| {
        avail
            .iter()
            .find(|(o, _)| o.as_str() == id)
            .expect("listed")
            .1
            .clone()
    };
    assert_eq!(of("summit-white"), Availability::Available);
    assert_eq!(of("carbon-flash"), Availability::Available);
    assert_eq!(of("cng-kit"), Availability::Available);
    // Not offered with the LS and the manual: offered all the same, switching both.
    let Availability::Changes(changes) = of("winter") else {
        panic!("winter: {:?}", of("winter"));
    };
    assert_eq!(
        changes[..2].iter().map(|c| &c.kind).collect::<Vec<_>>(),
        [
            &ChangeKind::Trim {
                from: "ls".parse().expect("id"),
                to: "ltz".parse().expect("id")
            },
            &ChangeKind::Powertrain {
                from: "1.5mt".parse().expect("id"),
                to: "1.5at".parse().expect("id")
            },
        ]
    );
    let not_offered = [
        Reason::NotOnTrim {
            trim: "ls".parse().expect("id"),
        },
        Reason::NotWithPowertrain {
            powertrain: "1.5mt".parse().expect("id"),
        },
    ];
    let words: Vec<_> = not_offered
        .iter()
        .map(|r| r.describe(cobalt, Lang::Ru))
        .collect();
    assert_eq!(
        words,
        [
            "недоступно: комплектация LS",
            "недоступно с двигателем 1,5 л, МКПП-5"
        ]
    );
    // A powertrain offered only with a trim switches the trim.
    let a = apply(cobalt, &cobalt.default_configuration(), powertrain("1.5at")).expect("applies");
    assert_eq!(a.configuration.trim.as_str(), "ltz");
    assert!(!cobalt.powertrain_offered(&"1.5at".parse().expect("id"), &"ls".parse().expect("id")));
}

#[test]
fn trim_requirements_and_trim_exclusions() {
    let catalog = small();
    let damas = model(&catalog, "damas");
    let red = apply(damas, &damas.default_configuration(), select("red"))
        .expect("applies")
        .configuration;
    // Labo requires cargo-bed, which requires 2 seats; red excludes labo: paint goes back to white.
    let a = apply(damas, &red, trim("labo")).expect("applies");
    assert_eq!(options(&a.configuration), ["cargo-bed", "seats-2", "white"]);
    let words: Vec<_> = a
        .changes
        .iter()
        .map(|c| c.describe(damas, Lang::En))
        .collect();
    assert_eq!(
        words,
        [
            "removes Red: not compatible with Labo trim",
            "adds White: Paint needs a choice",
            "adds 2 seats: required by Cargo bed",
            "adds Cargo bed: required by Labo trim",
        ]
    );
    let avail = availability(damas, &a.configuration);
    let of = |id: &str| {
        avail
            .iter()
            .find(|(o, _)| o.as_str() == id)
            .expect("listed")
            .1
            .clone()
    };
    // Red is not offered with the Labo, nor 7 seats with its cargo bed: both are offered with
    // the changes that make them possible.
    for id in ["red", "seats-7"] {
        let fix = apply(damas, &a.configuration, select(id)).expect("applies");
        assert_eq!(of(id), Availability::Changes(fix.changes), "{id}");
        assert_eq!(fix.configuration.trim.as_str(), "van", "{id}");
    }
    assert!(
        matches!(apply(damas, &a.configuration, deselect("cargo-bed")), Ok(ref x) if x.configuration.trim.as_str() == "van")
    );
}

#[test]
fn single_groups_swap_and_conflicts_are_announced() {
    let catalog = small();
    let damas = model(&catalog, "damas");
    let start = config("damas", "van", "0.8mt", &["cargo-bed", "seats-2", "white"]);
    let avail = availability(damas, &start);
    let of = |id: &str| {
        avail
            .iter()
            .find(|(o, _)| o.as_str() == id)
            .expect("listed")
            .1
            .clone()
    };
    assert_eq!(of("blue"), Availability::Available);
    let a = apply(damas, &start, select("seats-7")).expect("applies");
    assert_eq!(of("seats-7"), Availability::Changes(a.changes.clone()));
    assert!(a.changes.iter().any(|c| c.kind
        == ChangeKind::Removed {
            option: "cargo-bed".parse().expect("id")
        }
        && c.reason
            == Reason::ExcludedBy {
                by: Item::Option("seats-7".parse().expect("id"))
            }));
    assert_eq!(options(&a.configuration), ["seats-7", "white"]);
    assert!(a.is_conflict_resolution());
    let blue = apply(damas, &start, select("blue")).expect("applies");
    assert!(!blue.is_conflict_resolution());
    assert_eq!(
        blue.changes[0].reason,
        Reason::ReplacedBy {
            option: "blue".parse().expect("id")
        }
    );
}

#[test]
fn required_group_cannot_be_emptied() {
    let catalog = small();
    let damas = model(&catalog, "damas");
    // Deselecting the only paint picks the cheapest other one: white is chosen, so blue or red.
    let a = apply(damas, &damas.default_configuration(), deselect("white")).expect("applies");
    assert_eq!(options(&a.configuration), ["blue"]);
}

#[test]
fn check_lists_every_violation() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let bad = config(
        "cobalt",
        "ls",
        "1.5at",
        &["summit-white", "carbon-flash", "pre-heater", "cng-kit"],
    );
    let v = check(cobalt, &bad);
    let text: Vec<_> = v.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "powertrain `1.5at` is not offered with trim `ls`",
            "option `cng-kit` is not offered with this trim or powertrain",
            "option `winter` is missing",
            "group `paint` allows one option, found `summit-white`, `carbon-flash`",
        ]
    );
    let unknown = config("cobalt", "lt", "1.5mt", &["sunroof"]);
    assert_eq!(
        check(cobalt, &unknown),
        vec![
            Violation::UnknownTrim("lt".parse().expect("id")),
            Violation::UnknownOption("sunroof".parse().expect("id"))
        ]
    );
    let empty = config("cobalt", "ls", "1.5mt", &[]);
    assert_eq!(
        check(cobalt, &empty),
        vec![Violation::NeedsChoice("paint".parse().expect("id"))]
    );
    assert_eq!(
        check(cobalt, &empty)[0].describe(cobalt, Lang::Uz),
        "tanlash kerak: Rang"
    );
    assert_eq!(
        check(cobalt, &empty)[0].describe(cobalt, Lang::Ky),
        "тандоо керек: Түсү"
    );
}

#[test]
fn unknown_choices_are_errors() {
    let catalog = small();
    let cobalt = model(&catalog, "cobalt");
    let e = apply(cobalt, &cobalt.default_configuration(), select("sunroof")).expect_err("unknown");
    assert_eq!(e.to_string(), "unknown option `sunroof` for model `cobalt`");
    let wrong = config("damas", "van", "0.8mt", &["white"]);
    assert!(matches!(
        apply(cobalt, &wrong, select("winter")),
        Err(ApplyError::Unknown { .. })
    ));
}
