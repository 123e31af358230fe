//! Benchmarks of the rules engine, configuration codes and pricing on the largest model of the
//! shipped catalog (`data/catalog.toml`; the test fixture when it is absent).
//!
//! Target: apply a choice + availability of every option ≤ 20 µs.

use std::hint::black_box;

use configurator_domain::code;
use configurator_domain::engine::{Availability, Choice, apply, availability};
use configurator_domain::price::{Currency, quote};
use configurator_domain::{Catalog, Quantity};
use criterion::{Criterion, criterion_group, criterion_main};

fn catalog() -> Catalog {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/catalog.toml");
    let text = std::fs::read_to_string(shipped)
        .unwrap_or_else(|_| include_str!("../tests/fixtures/small.toml").to_owned());
    Catalog::from_toml_str(&text).expect("the catalog is valid")
}

fn benches(c: &mut Criterion) {
    let catalog = catalog();
    let model = catalog
        .models()
        .iter()
        .max_by_key(|m| m.options().len())
        .expect("a model");
    let default = model.default_configuration();
    let avail = availability(model, &default);
    // A choice with nothing to resolve, and one that forces the search.
    let pick = |want: fn(&Availability) -> bool| {
        avail
            .iter()
            .find(|(_, a)| want(a))
            .map(|(id, _)| Choice::Select(id.clone()))
    };
    let easy = pick(|a| *a == Availability::Available).expect("an available option");
    let hard = pick(|a| !matches!(a, Availability::Available)).unwrap_or_else(|| easy.clone());
    println!(
        "model `{}` of catalog `{}`: {} options, {} groups, {} trims, {} powertrains",
        model.id(),
        catalog.version(),
        model.options().len(),
        model.groups().len(),
        model.trims().len(),
        model.powertrains().len()
    );
    println!("apply/easy: {easy} from the default, then availability of every option");
    println!("apply/conflict: {hard} from the default (resolution search), then availability");
    for (name, choice) in [("apply/easy", easy), ("apply/conflict", hard)] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let applied =
                    apply(model, black_box(&default), black_box(choice.clone())).expect("applies");
                availability(model, &applied.configuration)
            })
        });
    }
    let text = code::encode(&catalog, &default).expect("encodes");
    println!(
        "code/*: the default configuration, `{text}` ({} characters)",
        text.len()
    );
    c.bench_function("code/encode", |b| {
        b.iter(|| code::encode(&catalog, black_box(&default)))
    });
    c.bench_function("code/decode", |b| {
        b.iter(|| code::decode(&catalog, black_box(&text)))
    });
    let market = &catalog.markets()[0].id;
    let fifty = Quantity::try_from(50).expect("in range");
    println!("price/fleet-50: 50 units of the default in `{market}`, local currency");
    c.bench_function("price/fleet-50", |b| {
        b.iter(|| {
            quote(
                &catalog,
                black_box(&default),
                fifty,
                market,
                Currency::Local,
            )
        })
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
