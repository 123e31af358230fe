//! The shipped catalog, `data/catalog.toml`: it loads, and every trim, powertrain and option of
//! every model is part of at least one valid configuration.

use configurator_domain::Catalog;
use configurator_domain::engine::{Choice, apply, availability, check};

fn shipped() -> Catalog {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/catalog.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Catalog::from_toml_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn loads_with_nineteen_types() {
    let catalog = shipped();
    assert_eq!(catalog.models().len(), 19);
    let largest = catalog
        .models()
        .iter()
        .max_by_key(|m| m.options().len())
        .expect("models");
    println!(
        "largest model: `{}`, {} options in {} groups",
        largest.id(),
        largest.options().len(),
        largest.groups().len()
    );
}

#[test]
fn every_choice_is_reachable() {
    let catalog = shipped();
    for model in catalog.models() {
        let default = model.default_configuration();
        assert_eq!(
            check(model, &default),
            vec![],
            "default of `{}`",
            model.id()
        );
        let choices = model
            .trims()
            .iter()
            .map(|t| Choice::Trim(t.id.clone()))
            .chain(
                model
                    .powertrains()
                    .iter()
                    .map(|p| Choice::Powertrain(p.id.clone())),
            )
            .chain(model.options().iter().map(|o| Choice::Select(o.id.clone())));
        for choice in choices {
            let applied = apply(model, &default, choice.clone())
                .unwrap_or_else(|e| panic!("`{}`: {choice:?}: {e}", model.id()));
            assert_eq!(
                check(model, &applied.configuration),
                vec![],
                "`{}`: {choice:?}",
                model.id()
            );
            assert_eq!(
                availability(model, &applied.configuration).len(),
                model.options().len()
            );
        }
    }
}
