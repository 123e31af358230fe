//! The catalog for the readers of one language: each text keeps only that language's words and
//! reads the same in it; the browser's check of such a catalog needs that language and no other,
//! and trusts the audit of the file it came from, while the catalog file still needs all four.

use configurator_domain::{
    Catalog, CatalogError, Lang, Text,
    catalog::{Problem, file::CatalogFile},
};

fn catalog() -> Catalog {
    Catalog::from_toml_str(include_str!("../../../data/catalog.toml")).expect("the catalog")
}

/// Every text of a catalog but the model names (which keep every language, for the search), in
/// file order, read through its models and markets.
fn texts(catalog: &Catalog) -> Vec<Text> {
    let mut all: Vec<Text> = catalog.markets().iter().map(|m| m.name.clone()).collect();
    for model in catalog.models() {
        all.extend(model.description().cloned());
        let trims = model.trims().iter().map(|t| (&t.name, &t.description));
        let powertrains = model
            .powertrains()
            .iter()
            .map(|p| (&p.name, &p.description));
        let groups = model.groups().iter().map(|g| (&g.name, &g.description));
        let options = model.options().iter().map(|o| (&o.name, &o.description));
        for (name, description) in trims.chain(powertrains).chain(groups).chain(options) {
            all.push(name.clone());
            all.extend(description.clone());
        }
    }
    all
}

#[test]
fn each_language_keeps_its_own_words_only() {
    let full = catalog();
    let full_texts = texts(&full);
    for lang in Lang::ALL {
        let one = full.in_language(lang).expect("valid in its language");
        assert_eq!(one.version(), full.version());
        assert_eq!(one.models().len(), full.models().len());
        let one_texts = texts(&one);
        assert_eq!(one_texts.len(), full_texts.len(), "{lang}: the same texts");
        for (mine, theirs) in one_texts.iter().zip(&full_texts) {
            assert_eq!(mine, &theirs.only(lang), "{lang}");
            assert_eq!(mine.get(lang), theirs.get(lang), "{lang}");
            assert!(!mine.get(lang).is_empty(), "{lang}: {theirs:?}");
        }
        assert_eq!(one.file(), &full.file().clone().in_language(lang));
        for (mine, theirs) in one.models().iter().zip(full.models()) {
            assert_eq!(
                mine.name(),
                theirs.name(),
                "{lang}: model names keep every language"
            );
        }
    }
}

/// The JSON of `catalog` in `lang` with its model names in `lang` too.
fn json_in(catalog: &Catalog, lang: Lang) -> String {
    let mut file = catalog.file().clone().in_language(lang);
    for model in &mut file.models {
        model.name = model.name.only(lang);
    }
    serde_json::to_string(&file).expect("json")
}

#[test]
fn the_json_of_one_language_has_no_other() {
    let full = catalog();
    let russian = json_in(&full, Lang::Ru);
    let kyrgyz = json_in(&full, Lang::Ky);
    for (json, absent) in [
        (&russian, ["\"en\":", "\"ky\":", "\"uz\":"]),
        (&kyrgyz, ["\"en\":", "\"ru\":", "\"uz\":"]),
    ] {
        for key in absent {
            assert!(!json.contains(key), "{key} in {}", &json[..200]);
        }
    }
    let whole = serde_json::to_string(&full).expect("json");
    // Kyrgyz, in two-byte Cyrillic letters, is the largest of the four.
    assert!(
        kyrgyz.len() * 10 < whole.len() * 6,
        "{} of {}",
        kyrgyz.len(),
        whole.len()
    );
}

#[test]
fn a_catalog_in_one_language_is_checked_for_that_language() {
    let file = catalog().file().clone().in_language(Lang::Ky);
    assert!(Catalog::from_file_in(file.clone(), Lang::Ky).is_ok());
    // A copy of another language (a foreign saved copy) is refused, every text named.
    let Err(CatalogError::Invalid(problems)) = Catalog::from_file_in(file.clone(), Lang::Uz) else {
        panic!("a Kyrgyz catalog passed as Uzbek");
    };
    assert_eq!(problems[0].path, "markets[0].name");
    assert_eq!(problems[0].problem, Problem::NotInLanguage("uz"));
    assert_eq!(
        problems[0].to_string(),
        "markets[0].name: missing `uz` text: the catalog was sent in `uz`"
    );
    // The full catalog passes in every language.
    for lang in Lang::ALL {
        assert!(Catalog::from_file_in(catalog().file().clone(), lang).is_ok());
    }
}

#[test]
fn the_catalog_file_still_needs_all_four_languages() {
    let file: CatalogFile = catalog().file().clone().in_language(Lang::En);
    let Err(CatalogError::Invalid(problems)) = Catalog::from_file(file.clone()) else {
        panic!("an English-only file passed");
    };
    let first: Vec<_> = problems.iter().take(3).map(|p| p.problem.clone()).collect();
    assert_eq!(
        first,
        [
            Problem::MissingText("ru"),
            Problem::MissingText("ky"),
            Problem::MissingText("uz")
        ]
    );
    // Deserializing a `Catalog` (what the server's JSON goes through) is as strict.
    let json = serde_json::to_string(&file).expect("json");
    assert!(serde_json::from_str::<Catalog>(&json).is_err());
    // A blank in the one language is refused too.
    let mut blank = catalog().file().clone().in_language(Lang::Ky);
    blank.models[0].name.ky = Some("  ".into());
    let Err(CatalogError::Invalid(problems)) = Catalog::from_file_in(blank, Lang::Ky) else {
        panic!("a blank Kyrgyz name passed");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "models[0].name");
}

#[test]
fn a_catalog_in_one_language_trusts_the_audit_of_its_file() {
    // An option offered only with a trim it excludes: no configuration holds it, which only the
    // audit (every choice tried) finds.
    let mut file = catalog().file().clone();
    let trim = file.models[0].trims[0].id.clone();
    let option = &mut file.models[0].groups[0].options[1];
    option.trims = Some(vec![trim.clone()]);
    option.excludes = vec![trim];
    let Err(CatalogError::Invalid(problems)) = Catalog::from_file(file.clone()) else {
        panic!("the file's audit passed an option no configuration can hold");
    };
    assert!(
        matches!(problems[0].problem, Problem::Impossible { .. }),
        "{problems:?}"
    );
    // The server audited its file before it sent a copy in one language: the browser does not
    // try every choice again, but it still checks every entry and reference.
    let one = file.in_language(Lang::Uz);
    assert!(Catalog::from_file_in(one.clone(), Lang::Uz).is_ok());
    let mut broken = one;
    broken.models[0].trims.clear();
    let Err(CatalogError::Invalid(problems)) = Catalog::from_file_in(broken, Lang::Uz) else {
        panic!("a model without trims passed");
    };
    assert!(problems[0].to_string().contains("trims"), "{}", problems[0]);
}
