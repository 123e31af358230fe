//! Property tests: random choice sequences stay valid, codes round-trip, availability foretells
//! `apply` (an option one change of earlier choices makes possible is offered with its fix; only
//! an option nothing makes possible is greyed out), and the engine's `check` agrees with a brute-force reading of `data/README.md`'s rules
//! on every configuration of the small models. Quotes are checked in `rounding.rs`.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use common::{small, walk};
use configurator_domain::catalog::file::{GroupKind, ModelFile};
use configurator_domain::code;
use configurator_domain::engine::{
    Availability, Choice, Configuration, apply, availability, check,
};
use configurator_domain::{Catalog, Model};
use proptest::prelude::*;

/// The small catalog and the shipped one: loaded once, validation is not free. A shipped catalog
/// that does not load fails every test that uses it, with the reason.
fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        let shipped = Catalog::from_toml_str(common::SHIPPED)
            .unwrap_or_else(|e| panic!("the shipped catalog does not load: {e}"));
        vec![small(), shipped]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_choices_stay_valid_and_codes_round_trip(m in 0usize..64, picks in prop::collection::vec(0usize..1000, 0..25)) {
        for catalog in catalogs() {
            let model = &catalog.models()[m % catalog.models().len()];
            for c in walk(model, &picks) {
                let text = code::encode(catalog, &c).expect("encodes");
                prop_assert_eq!(code::decode(catalog, &text), Ok(c));
            }
        }
    }

    #[test]
    fn availability_agrees_with_apply(m in 0usize..64, picks in prop::collection::vec(0usize..1000, 0..10)) {
        for catalog in catalogs() {
            let model = &catalog.models()[m % catalog.models().len()];
            let c = walk(model, &picks).pop().expect("at least the default");
            for (id, a) in availability(model, &c) {
                let result = apply(model, &c, Choice::Select(id.clone()));
                let kept = |r: &configurator_domain::Applied| r.configuration.trim == c.trim && r.configuration.powertrain == c.powertrain;
                match (&a, &result) {
                    (Availability::Available, Ok(r)) => prop_assert!(!r.is_conflict_resolution() && kept(r), "{id}: {r:?}"),
                    (Availability::Changes(changes), Ok(r)) => prop_assert!(r.is_conflict_resolution() && *changes == r.changes, "{id}: {a:?} but {r:?}"),
                    (Availability::Impossible(_), Err(_)) => {}
                    _ => prop_assert!(false, "{id}: {a:?} but {result:?}"),
                }
            }
        }
    }

    #[test]
    fn an_option_one_change_makes_possible_is_offered_with_its_fix(picks in prop::collection::vec(0usize..1000, 0..12)) {
        for catalog in catalogs() {
            for (model, file) in catalog.models().iter().zip(&catalog.file().models) {
                let c = walk(model, &picks).pop().expect("at least the default");
                for (id, a) in availability(model, &c) {
                    if c.options.contains(&id) {
                        continue;
                    }
                    let fix = apply(model, &c, Choice::Select(id.clone()));
                    if let Ok(r) = &fix {
                        prop_assert!(r.configuration.options.contains(&id), "{}: {:?}", id, r);
                        prop_assert_eq!(check(model, &r.configuration), vec![], "{}", id);
                    }
                    if one_change_allows(model, file, &c, id.as_str()) {
                        prop_assert!(fix.is_ok(), "{} on {:?}: {:?}", id, c, fix);
                    }
                    // Greyed out exactly when nothing makes it possible.
                    prop_assert_eq!(disabled(&a), fix.is_err(), "{} on {:?}: {:?}, but {:?}", id, c, a, fix);
                }
            }
        }
    }

    #[test]
    fn decoding_anything_never_panics(text in ".{0,80}", bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        let catalog = &catalogs()[0];
        let _ = code::decode(catalog, &text);
        // Well-formed base64url of random bytes reaches the binary parser too.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let b64: String = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 64)])).collect();
        let _ = code::decode(catalog, &b64);
    }
}

/// Whether the option picker greys the option out.
fn disabled(a: &Availability) -> bool {
    matches!(a, Availability::Impossible(_))
}

/// Whether one change of the earlier choices (another trim, another powertrain, or one chosen
/// option dropped) makes `option` possible, read from the file as written: after that change, the
/// option and everything it, the trim and the powertrain bring along (`requires`, `includes`), each
/// taking its single-choice group's place, break no rule.
fn one_change_allows(model: &Model, file: &ModelFile, c: &Configuration, option: &str) -> bool {
    let (trim, powertrain) = (c.trim.as_str(), c.powertrain.as_str());
    let trims = file.trims.iter().map(|t| (t.id.as_str(), powertrain, None));
    let powertrains = file.powertrains.iter().map(|p| (trim, p.id.as_str(), None));
    let drops = c
        .options
        .iter()
        .map(|o| (trim, powertrain, Some(o.as_str())));
    trims
        .chain(powertrains)
        .chain(drops)
        .any(|(t, p, dropped)| {
            let mut chosen: BTreeSet<&str> = c
                .options
                .iter()
                .map(|o| o.as_str())
                .filter(|&o| Some(o) != dropped)
                .collect();
            let trim_file = file.trims.iter().find(|x| x.id == t).expect("trim");
            let powertrain_file = file
                .powertrains
                .iter()
                .find(|x| x.id == p)
                .expect("powertrain");
            let mut todo: Vec<&str> = vec![option];
            todo.extend(
                trim_file
                    .requires
                    .iter()
                    .chain(&powertrain_file.requires)
                    .map(String::as_str),
            );
            let mut added = BTreeSet::new();
            while let Some(x) = todo.pop() {
                if !added.insert(x) {
                    continue;
                }
                let (group, entry) = file
                    .groups
                    .iter()
                    .find_map(|g| g.options.iter().find(|o| o.id == x).map(|o| (g, o)))
                    .expect("option");
                if group.kind == GroupKind::Single {
                    for sibling in group.options.iter().filter(|o| o.id != x) {
                        chosen.remove(sibling.id.as_str());
                    }
                }
                todo.extend(
                    entry
                        .requires
                        .iter()
                        .chain(&entry.includes)
                        .map(String::as_str),
                );
            }
            chosen.extend(&added);
            let candidate = Configuration {
                model: model.id().clone(),
                trim: t.parse().expect("id"),
                powertrain: p.parse().expect("id"),
                options: chosen.iter().map(|o| o.parse().expect("id")).collect(),
            };
            check(model, &candidate).is_empty()
        })
}

/// `data/README.md`'s rules read literally from the file, with no precomputed index.
fn brute_force_valid(m: &ModelFile, trim: &str, powertrain: &str, chosen: &BTreeSet<&str>) -> bool {
    let pt = m
        .powertrains
        .iter()
        .find(|p| p.id == powertrain)
        .expect("powertrain");
    let tr = m.trims.iter().find(|t| t.id == trim).expect("trim");
    let on = |id: &String| chosen.contains(id.as_str()) || id == trim || id == powertrain;
    if pt
        .trims
        .as_ref()
        .is_some_and(|l| !l.iter().any(|t| t == trim))
    {
        return false;
    }
    if !tr
        .requires
        .iter()
        .chain(&pt.requires)
        .all(|r| chosen.contains(r.as_str()))
    {
        return false;
    }
    for g in &m.groups {
        let n = g
            .options
            .iter()
            .filter(|o| chosen.contains(o.id.as_str()))
            .count();
        if g.kind == GroupKind::Single && (n > 1 || (g.required && n == 0)) {
            return false;
        }
        for o in g.options.iter().filter(|o| chosen.contains(o.id.as_str())) {
            let listed = |l: &Option<Vec<String>>, id: &str| {
                l.as_ref().is_none_or(|l| l.iter().any(|x| x == id))
            };
            if !listed(&o.trims, trim) || !listed(&o.powertrains, powertrain) {
                return false;
            }
            if !o
                .requires
                .iter()
                .chain(&o.includes)
                .all(|r| chosen.contains(r.as_str()))
                || o.excludes.iter().any(on)
            {
                return false;
            }
        }
    }
    true
}

#[test]
fn check_agrees_with_brute_force_on_every_configuration_of_the_small_models() {
    let mut checked = 0u64;
    for catalog in catalogs() {
        let mut files: Vec<&ModelFile> = catalog.file().models.iter().collect();
        files.sort_by_key(|m| m.groups.iter().map(|g| g.options.len()).sum::<usize>());
        // The small catalog's models, and the two smallest shipped ones.
        for file in files.into_iter().take(2) {
            let model = catalog.model(&file.id.parse().expect("id")).expect("model");
            let ids: Vec<&str> = file
                .groups
                .iter()
                .flat_map(|g| &g.options)
                .map(|o| o.id.as_str())
                .collect();
            assert!(ids.len() <= 16, "`{}` is too large to enumerate", file.id);
            for t in &file.trims {
                for p in &file.powertrains {
                    for bits in 0u32..1 << ids.len() {
                        let chosen: BTreeSet<&str> = ids
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| bits >> i & 1 == 1)
                            .map(|(_, id)| *id)
                            .collect();
                        let config = Configuration {
                            model: model.id().clone(),
                            trim: t.id.parse().expect("id"),
                            powertrain: p.id.parse().expect("id"),
                            options: chosen.iter().map(|o| o.parse().expect("id")).collect(),
                        };
                        let engine = check(model, &config).is_empty();
                        assert_eq!(
                            engine,
                            brute_force_valid(file, &t.id, &p.id, &chosen),
                            "{config:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    println!("checked {checked} configurations against the brute force");
}
