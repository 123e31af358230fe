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
    // And the other way round: winter is unavailable while cng-kit is chosen.
    let avail = availability(cobalt, &a.configuration);
    let winter = &avail
        .iter()
        .find(|(id, _)| id.as_str() == "winter")
        .expect("listed")
        .1;
    assert!(matches!(winter, Availability::Unavailable(_)), "{winter:?}");
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
    assert_eq!(
        of("winter"),
        Availability::Unavailable(vec![
            Reason::NotOnTrim {
                trim: "ls".parse().expect("id")
            },
            Reason::NotWithPowertrain {
                powertrain: "1.5mt".parse().expect("id")
            },
        ])
    );
    let Availability::Unavailable(reasons) = of("winter") else {
        unreachable!()
    };
    let words: Vec<_> = reasons
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
    assert!(matches!(of("red"), Availability::Unavailable(_)));
    assert!(
        matches!(of("seats-7"), Availability::Unavailable(_)),
        "{:?}",
        of("seats-7")
    );
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
    assert_eq!(
        of("seats-7"),
        Availability::Conflicts(vec![Reason::ExcludedBy {
            by: Item::Option("cargo-bed".parse().expect("id"))
        }])
    );
    let a = apply(damas, &start, select("seats-7")).expect("applies");
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
