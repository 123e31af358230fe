//! Shared helpers of the integration tests: the small inline catalog and shorthands.
#![allow(dead_code, reason = "each test file uses a different part")]

use configurator_domain::catalog::CatalogError;
use configurator_domain::engine::{ApplyError, apply, check};
use configurator_domain::{Catalog, Choice, Configuration, Model};

/// The example of `data/README.md` (model `cobalt`) plus a small microvan (`damas`).
pub const SMALL: &str = include_str!("../fixtures/small.toml");

/// The shipped catalog, `data/catalog.toml`.
pub const SHIPPED: &str = include_str!("../../../../data/catalog.toml");

pub fn small() -> Catalog {
    Catalog::from_toml_str(SMALL).expect("the small catalog is valid")
}

pub fn model<'a>(catalog: &'a Catalog, id: &str) -> &'a Model {
    catalog.model(&id.parse().expect("id")).expect("model")
}

pub fn config(model: &str, trim: &str, powertrain: &str, options: &[&str]) -> Configuration {
    Configuration {
        model: model.parse().expect("id"),
        trim: trim.parse().expect("id"),
        powertrain: powertrain.parse().expect("id"),
        options: options.iter().map(|o| o.parse().expect("id")).collect(),
    }
}

pub fn select(id: &str) -> Choice {
    Choice::Select(id.parse().expect("id"))
}

pub fn deselect(id: &str) -> Choice {
    Choice::Deselect(id.parse().expect("id"))
}

pub fn trim(id: &str) -> Choice {
    Choice::Trim(id.parse().expect("id"))
}

pub fn powertrain(id: &str) -> Choice {
    Choice::Powertrain(id.parse().expect("id"))
}

/// The options of a configuration as plain strings, sorted.
pub fn options(c: &Configuration) -> Vec<&str> {
    c.options.iter().map(|o| o.as_str()).collect()
}

/// Every choice a model offers.
pub fn choices(model: &Model) -> Vec<Choice> {
    let mut all: Vec<Choice> = model
        .trims()
        .iter()
        .map(|t| Choice::Trim(t.id.clone()))
        .collect();
    all.extend(
        model
            .powertrains()
            .iter()
            .map(|p| Choice::Powertrain(p.id.clone())),
    );
    for o in model.options() {
        all.push(Choice::Select(o.id.clone()));
        all.push(Choice::Deselect(o.id.clone()));
    }
    all
}

/// Applies choices picked by the indexes, checking every step, and returns the configurations.
pub fn walk(model: &Model, picks: &[usize]) -> Vec<Configuration> {
    let all = choices(model);
    let mut c = model.default_configuration();
    let mut seen = vec![c.clone()];
    for &k in picks {
        let choice = all[k % all.len()].clone();
        let a = match apply(model, &c, choice.clone()) {
            Ok(a) => a,
            // Removing what the trim or powertrain requires, or a required group's last option.
            Err(ApplyError::Impossible { .. }) if matches!(choice, Choice::Deselect(_)) => continue,
            Err(e) => panic!("{choice:?} on {c:?}: {e}"),
        };
        assert_eq!(
            check(model, &a.configuration),
            vec![],
            "{choice:?} on {c:?}"
        );
        c = a.configuration;
        seen.push(c.clone());
    }
    seen
}

/// The small catalog with `from` replaced by `to` (which must be there).
pub fn with(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "{from}");
    SMALL.replacen(from, to, 1)
}

/// The problems the loader finds in `text`, as messages; none for a valid catalog.
pub fn errors(text: &str) -> Vec<String> {
    match Catalog::from_toml_str(text) {
        Ok(_) => vec![],
        Err(CatalogError::Invalid(list)) => list.iter().map(ToString::to_string).collect(),
        Err(e) => vec![e.to_string()],
    }
}
