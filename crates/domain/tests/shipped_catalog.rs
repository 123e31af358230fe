//! The shipped catalog, `data/catalog.toml`: it loads, every trim, powertrain and option of
//! every model is part of at least one valid configuration, and every text is written in all four
//! languages, Uzbek in Latin script.

use configurator_domain::Catalog;
use configurator_domain::engine::{Choice, apply, availability, check};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/catalog.toml");

fn text() -> String {
    std::fs::read_to_string(PATH).unwrap_or_else(|e| panic!("{PATH}: {e}"))
}

fn shipped() -> Catalog {
    Catalog::from_toml_str(&text()).unwrap_or_else(|e| panic!("{PATH}: {e}"))
}

/// Every text of the file, read as plain TOML (any table with an `en` key, whatever the catalog's
/// types say), with its path.
fn texts<'a>(value: &'a toml::Value, path: &str, out: &mut Vec<(String, &'a toml::Table)>) {
    match value {
        toml::Value::Table(t) if t.contains_key("en") => out.push((path.to_owned(), t)),
        toml::Value::Table(t) => {
            for (key, v) in t {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                texts(v, &path, out);
            }
        }
        toml::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_text_has_four_languages_and_uzbek_in_latin_script() {
    let file: toml::Value = toml::from_str(&text()).unwrap_or_else(|e| panic!("{PATH}: {e}"));
    let mut all = Vec::new();
    texts(&file, "", &mut all);
    assert!(all.len() > 700, "only {} texts found", all.len());
    let mut problems = Vec::new();
    for (path, text) in &all {
        let mut keys: Vec<&str> = text.keys().map(String::as_str).collect();
        keys.sort_unstable();
        if keys != ["en", "ky", "ru", "uz"] {
            problems.push(format!("{path}: languages {keys:?}"));
        }
        for (lang, value) in text.iter() {
            match value.as_str() {
                Some(s) if !s.trim().is_empty() => {}
                _ => problems.push(format!("{path}.{lang}: empty or not a string: {value}")),
            }
        }
        let uz = text
            .get("uz")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        if let Some(c) = uz.chars().find(|c| ('\u{400}'..='\u{4ff}').contains(c)) {
            problems.push(format!("{path}.uz: Cyrillic `{c}` in `{uz}`"));
        }
        // Uzbek writes oʻ, gʻ with U+02BB and the tutuq belgisi with U+02BC, never a quote mark.
        if let Some(c) = uz.chars().find(|c| matches!(c, '\'' | '`' | '‘' | '’')) {
            problems.push(format!("{path}.uz: `{c}` instead of `ʻ` or `ʼ` in `{uz}`"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
