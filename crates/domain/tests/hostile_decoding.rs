//! Fuzzing, as property tests (cargo-fuzz needs a nightly compiler, which these machines cannot
//! install), of the two readers of untrusted text in the domain: configuration codes (URLs,
//! request bodies, local storage) and catalog files. Whatever the input, they answer `Ok` or an
//! error naming what is wrong, and never panic; a decoded code is always a valid configuration.
//! `scripts/test.sh` runs the default number of cases; the measurement command (`bench/run.sh`)
//! runs many more through `PROPTEST_CASES`.

mod common;

use std::sync::OnceLock;

use configurator_domain::{Catalog, code, engine};
use proptest::prelude::*;

fn shipped() -> &'static Catalog {
    static SHIPPED: OnceLock<Catalog> = OnceLock::new();
    SHIPPED.get_or_init(|| Catalog::from_toml_str(common::SHIPPED).expect("the shipped catalog"))
}

/// Every model's default code.
fn real_codes() -> Vec<String> {
    let catalog = shipped();
    catalog
        .models()
        .iter()
        .map(|model| code::encode(catalog, &model.default_configuration()).expect("a code"))
        .collect()
}

/// What a decoded code must be: a configuration the engine accepts.
fn assert_valid_if_decoded(text: &str) -> Result<(), TestCaseError> {
    if let Ok(configuration) = code::decode(shipped(), text) {
        let model = shipped()
            .model(&configuration.model)
            .expect("a decoded code names a model of the catalog");
        prop_assert!(
            engine::check(model, &configuration).is_empty(),
            "`{text}` decoded to an invalid configuration: {configuration:?}"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text_decodes_or_is_refused(text in ".{0,80}") {
        assert_valid_if_decoded(&text)?;
    }

    #[test]
    fn any_base64url_text_decodes_or_is_refused(text in "[A-Za-z0-9_-]{0,120}") {
        assert_valid_if_decoded(&text)?;
    }

    /// Real codes with one to four characters changed, cut short or lengthened: near misses reach
    /// deep into the decoder (past the base64 and the check byte more often than random text).
    #[test]
    fn damaged_real_codes_decode_or_are_refused(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[A-Za-z0-9_-]"), 1..5),
        cut in 0usize..4,
        tail in "[A-Za-z0-9_-]{0,3}",
    ) {
        let codes = real_codes();
        let mut chars: Vec<char> = pick.get(&codes).chars().collect();
        for (at, replacement) in &edits {
            let at = at.index(chars.len());
            chars[at] = replacement.chars().next().expect("one character");
        }
        chars.truncate(chars.len().saturating_sub(cut));
        let damaged: String = chars.into_iter().chain(tail.chars()).collect();
        assert_valid_if_decoded(&damaged)?;
    }

    /// The small catalog's text with a span replaced by random text: the loader answers a catalog
    /// or errors, each naming where, never a panic.
    #[test]
    fn damaged_catalog_files_load_or_are_refused(
        start in any::<prop::sample::Index>(),
        length in 0usize..40,
        replacement in "(.|\n){0,40}",
    ) {
        let text = common::SMALL;
        let mut from = start.index(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (from + length).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let damaged = format!("{}{replacement}{}", &text[..from], &text[to..]);
        if let Err(error) = Catalog::from_toml_str(&damaged) {
            prop_assert!(!error.to_string().trim().is_empty(), "an error without words");
        }
    }
}
