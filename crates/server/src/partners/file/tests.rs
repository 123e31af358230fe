//! The partners file's checks: each bad field is named with the partner and the value.

use super::*;
use crate::data;

fn catalog() -> Catalog {
    data::load(&data::repository_data_dir())
        .expect("the shipped data")
        .catalog
}

const GOOD: &str = r#"
[[partners]]
id = "autosalon-kg"
name = "Autosalon.kg"
dealership = "Bishkek Auto Center"
allowed_origins = ["http://localhost:5173", "https://autosalon.example.kg"]
market = "KG"
language = "ru"
models = ["cobalt", "onix"]
"#;

fn errors_of(text: &str) -> Vec<String> {
    parse(text, &catalog()).expect_err("a bad file")
}

fn assert_one(errors: &[String], expected: &str) {
    assert!(
        errors.iter().any(|error| error.contains(expected)),
        "no error contains {expected:?}: {errors:?}"
    );
}

#[test]
fn the_shipped_partners_load() {
    let text =
        std::fs::read_to_string(data::repository_data_dir().join("partners.toml")).expect("read");
    let partners = parse(&text, &catalog()).expect("good partners");
    assert_eq!(partners.all().len(), 2);
    assert!(partners.any_allows_origin("http://localhost:5173"));
}

#[test]
fn a_good_partner_is_checked_into_types() {
    let partners = parse(GOOD, &catalog()).expect("good");
    let partner = partners.get("autosalon-kg").expect("there");
    assert_eq!(partner.language, Lang::Ru);
    assert!(partner.allows_origin("https://autosalon.example.kg"));
    assert!(!partner.allows_origin("https://autosalon.example.kg/"));
    assert_eq!(partners.of_dealership("Bishkek Auto Center").count(), 1);
    assert_eq!(partners.of_dealership("Osh Motors").count(), 0);
}

#[test]
fn a_bad_origin_names_the_partner_the_field_and_the_value() {
    for origin in [
        "autosalon.example.kg",
        "ftp://autosalon.example.kg",
        "https://autosalon.example.kg/",
        "https://autosalon.example.kg/embed",
        "https://Autosalon.example.kg",
        "https://autosalon.example.kg:0",
        "https://autosalon.example.kg:99999",
        "https://user@autosalon.example.kg",
        "https://",
        "https://-bad.example.kg",
    ] {
        let text = GOOD.replace("http://localhost:5173", origin);
        assert_one(
            &errors_of(&text),
            &format!("partners[0].allowed_origins[0]: partner `autosalon-kg`: origin `{origin}`"),
        );
    }
    assert_eq!(check_origin("http://localhost:5173"), Ok(()));
    assert_eq!(check_origin("https://127.0.0.1:8443"), Ok(()));
}

#[test]
fn an_unknown_market_language_or_model_is_named() {
    let text = GOOD
        .replace("market = \"KG\"", "market = \"KZ\"")
        .replace("language = \"ru\"", "language = \"de\"")
        .replace("\"onix\"", "\"corvette\"");
    let errors = errors_of(&text);
    assert_one(
        &errors,
        "partners[0].market: partner `autosalon-kg`: unknown market `KZ`",
    );
    assert_one(
        &errors,
        "partners[0].language: partner `autosalon-kg`: language: unknown value `de`",
    );
    assert_one(
        &errors,
        "partners[0].models[1]: partner `autosalon-kg`: unknown model `corvette`",
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn duplicate_ids_are_named() {
    let text = format!("{GOOD}{GOOD}");
    let errors = errors_of(&text);
    assert_eq!(
        errors,
        ["partners[1].id: partner `autosalon-kg`: duplicate id `autosalon-kg`: also partners[0]"]
    );
}

#[test]
fn blank_names_bad_ids_and_empty_lists_are_named() {
    let text = GOOD
        .replace("id = \"autosalon-kg\"", "id = \"Autosalon KG\"")
        .replace("dealership = \"Bishkek Auto Center\"", "dealership = \" \"")
        .replace(
            "[\"http://localhost:5173\", \"https://autosalon.example.kg\"]",
            "[]",
        )
        .replace("[\"cobalt\", \"onix\"]", "[]");
    let errors = errors_of(&text);
    for field in ["id", "dealership", "allowed_origins", "models"] {
        assert_one(
            &errors,
            &format!("partners[0].{field}: partner `Autosalon KG`: "),
        );
    }
}

#[test]
fn syntax_and_unknown_keys_are_errors() {
    assert_one(&errors_of("[[partners]\n"), "line 1");
    assert_one(
        &errors_of(&format!("{GOOD}colour = \"red\"\n")),
        "unknown field `colour`",
    );
}
