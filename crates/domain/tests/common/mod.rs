//! Shared helpers of the integration tests: the small inline catalog and shorthands.
#![allow(dead_code, reason = "each test file uses a different part")]

use configurator_domain::{Catalog, Choice, Configuration, Model};

/// The example of `data/README.md` (model `cobalt`) plus a small microvan (`damas`).
pub const SMALL: &str = include_str!("../fixtures/small.toml");

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
