//! The counter against two other ways of counting on every shipped model: its own search with
//! no subset tried whole, and a walk through each model's choices as the configurator offers
//! them, which knows nothing of components.

use super::{BRUTE_FORCE_LIMIT, breaks, count, valid_configurations};
use crate::Catalog;
use crate::bits::OptionSet;
use crate::catalog::GroupKind;
use crate::engine::Model;
use crate::engine::rules::{At, Rules};

const SHIPPED: &str = include_str!("../../../../../data/catalog.toml");
const SMALL: &str = include_str!("../../../tests/fixtures/small.toml");

/// Every shipped model and its number of valid configurations.
const SHIPPED_COUNTS: [(&str, u128); 19] = [
    ("cobalt", 125_280),
    ("onix", 39_312),
    ("nexia", 44_640),
    ("gentra", 162_288),
    ("malibu", 13_524),
    ("tracker", 14_742),
    ("damas", 5760),
    ("labo", 2400),
    ("dmax-single", 5832),
    ("dmax-extended", 5832),
    ("dmax-double", 453_600),
    ("np37-city", 39_168),
    ("np37-suburban", 14_400),
    ("nqr-school", 1728),
    ("nqr-tourist", 38_880),
    ("le60", 51_408),
    ("nmr85", 6720),
    ("npr75", 28_800),
    ("nqr90", 14_400),
];

fn shipped() -> Catalog {
    Catalog::from_toml_str(SHIPPED).expect("the shipped catalog is valid")
}

/// One step of the walk: a single-choice group (one of its offered options, or none) or one
/// offered option of a multi-choice group (in or out).
enum Step {
    Single(OptionSet),
    Multi(usize),
}

/// The valid configurations of a model, walked choice by choice: each trim, each powertrain
/// offered with it, each single-choice group's options, then each multi-choice option. A branch
/// is dropped as soon as a rule is broken that none of the choices still open can mend; what is
/// left at the end breaks no rule.
fn walk_every_choice(model: &Model) -> u128 {
    let rules = &model.rules;
    let mut n = 0;
    for t in 0..rules.trims {
        for p in (0..rules.powertrains).filter(|&p| rules.pairs(t, p)) {
            let at = rules.at(t, p);
            let offered = |g: &crate::catalog::Group| {
                g.options
                    .clone()
                    .filter(|&i| at.offered.contains(i))
                    .fold(OptionSet::EMPTY, OptionSet::with)
            };
            let (single, multi): (Vec<_>, Vec<_>) = model
                .groups()
                .iter()
                .partition(|g| g.kind == GroupKind::Single);
            let steps: Vec<Step> = single
                .into_iter()
                .map(|g| Step::Single(offered(g)))
                .chain(
                    multi
                        .into_iter()
                        .flat_map(|g| offered(g).iter().map(Step::Multi)),
                )
                .collect();
            n += walk(rules, &at, &steps, OptionSet::EMPTY, at.offered);
        }
    }
    n
}

fn walk(rules: &Rules, at: &At, steps: &[Step], chosen: OptionSet, open: OptionSet) -> u128 {
    if breaks(rules, at, chosen, |fixes| fixes.inter(open).is_empty()) {
        return 0;
    }
    let Some((step, rest)) = steps.split_first() else {
        return 1;
    };
    match *step {
        Step::Single(options) => {
            let open = open.minus(options);
            let none = walk(rules, at, rest, chosen, open);
            options
                .iter()
                .map(|i| walk(rules, at, rest, chosen.with(i), open))
                .fold(none, u128::saturating_add)
        }
        Step::Multi(i) => {
            let open = open.without(i);
            walk(rules, at, rest, chosen.with(i), open)
                .saturating_add(walk(rules, at, rest, chosen, open))
        }
    }
}

#[test]
fn every_shipped_model_counts_the_same_walked_choice_by_choice() {
    let catalog = shipped();
    let mut total = 0;
    for (model, (id, expected)) in catalog.models().iter().zip(SHIPPED_COUNTS) {
        let walked = walk_every_choice(model);
        let counted = valid_configurations(model);
        println!("{id:<14} {walked:>7} walked, {counted:>7} counted");
        assert_eq!(model.id().as_str(), id);
        assert_eq!((walked, counted), (expected, expected), "model `{id}`");
        total += counted;
    }
    println!("{total} valid configurations in all");
    assert_eq!(total, 1_068_714);
    assert_eq!(catalog.summary().valid_configurations, total);
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
