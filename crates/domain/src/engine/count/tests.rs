//! The counter against its own search with no subset tried whole, on every shipped model.

use super::{BRUTE_FORCE_LIMIT, count};
use crate::Catalog;

const SHIPPED: &str = include_str!("../../../../../data/catalog.toml");
const SMALL: &str = include_str!("../../../tests/fixtures/small.toml");

fn shipped() -> Catalog {
    Catalog::from_toml_str(SHIPPED).expect("the shipped catalog is valid")
}

/// The depth-first search counts what trying every subset counts, on every shipped model and
/// the small catalog's (`tests/summary.rs` compares the latter with `engine::check`).
#[test]
fn search_agrees_with_trying_every_subset() {
    let small = Catalog::from_toml_str(SMALL).expect("the small catalog is valid");
    for model in shipped().models().iter().chain(small.models()) {
        assert_eq!(
            count(model, 0),
            count(model, BRUTE_FORCE_LIMIT),
            "{}",
            model.id()
        );
    }
}
