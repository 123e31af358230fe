//! Benchmarks of the rules engine, configuration codes and pricing on the largest model of the
//! shipped catalog (`data/catalog.toml`), and of building that catalog: from its file (the server,
//! audited) and from its Russian copy (the browser, trusting the server's audit).
//!
//! Target: apply a choice + availability of every option ≤ 20 µs.

use std::hint::black_box;

use configurator_domain::code;
use configurator_domain::engine::{Availability, Choice, apply, availability};
use configurator_domain::price::{Currency, quote};
use configurator_domain::{Catalog, Lang, Quantity};
use criterion::{Criterion, criterion_group, criterion_main};

fn catalog() -> Catalog {
    Catalog::from_toml_str(include_str!("../../../data/catalog.toml"))
        .unwrap_or_else(|e| panic!("the shipped catalog does not load: {e}"))
}

fn benches(c: &mut Criterion) {
    let catalog = catalog();
    let model = catalog
        .models()
        .iter()
        .max_by_key(|m| m.options().len())
        .expect("a model");
    let default = model.default_configuration();
    // A choice with nothing to resolve, from the default; and a choice that undoes an earlier
    // one (an option excluded by one chosen before it), which takes the resolution search. Each
    // is checked once before it is timed.
    let easy = availability(model, &default)
        .into_iter()
        .find(|(id, a)| *a == Availability::Available && !default.options.contains(id))
        .map(|(id, _)| Choice::Select(id))
        .expect("an available option not chosen yet");
    assert!(
        !apply(model, &default, easy.clone())
            .expect("applies")
            .is_conflict_resolution()
    );
    let (start, hard) = model
        .options()
        .iter()
        .find_map(|o| {
            let first = apply(model, &default, Choice::Select(o.id.clone())).ok()?;
            let start = first.configuration;
            availability(model, &start)
                .into_iter()
                .find(|(_, a)| matches!(a, Availability::Changes(_)))
                .map(|(id, _)| (start, Choice::Select(id)))
        })
        .expect("a choice that conflicts with an earlier one");
    let resolved = apply(model, &start, hard.clone()).expect("applies");
    assert!(
        resolved.is_conflict_resolution() && !resolved.changes.is_empty(),
        "{hard} from {start:?} resolves no conflict: {resolved:?}"
    );
    let changes: Vec<_> = resolved
        .changes
        .iter()
        .map(|c| c.describe(model, Lang::En))
        .collect();
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
    println!(
        "apply/conflict: {hard} with {:?} chosen (resolution search: {}), then availability",
        start.options,
        changes.join("; ")
    );
    for (name, from, choice) in [
        ("apply/easy", &default, easy),
        ("apply/conflict", &start, hard),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let applied =
                    apply(model, black_box(from), black_box(choice.clone())).expect("applies");
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

/// Building the whole catalog: what the server does once at start, and what every browser does
/// with the catalog it is sent (Russian, the largest of the four languages).
fn loading(c: &mut Criterion) {
    let file = catalog().file().clone();
    let russian = file.clone().in_language(Lang::Ru);
    c.bench_function("catalog/file-audited", |b| {
        b.iter(|| Catalog::from_file(black_box(file.clone())).expect("valid"))
    });
    c.bench_function("catalog/sent-in-russian", |b| {
        b.iter(|| Catalog::from_file_in(black_box(russian.clone()), Lang::Ru).expect("valid"))
    });
}

criterion_group!(engine, benches, loading);
criterion_main!(engine);
