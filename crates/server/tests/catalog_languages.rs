//! `GET /api/v1/catalog?lang=…`: the catalog in one language. Each answer has only that
//! language's words, read as the full catalog reads them, in the same structure; each has its own
//! ETag and `304`; a language that is not one of the four is a `422` naming `lang`.

mod support;

use axum::http::{Method, StatusCode, header};
use configurator_domain::{Catalog, Lang, Text, catalog::file::CatalogFile};
use serde_json::Value;
use support::TestApp;

on_both_backends!(
    each_language_has_its_own_words_only_in_the_same_structure,
    each_language_has_its_own_etag_and_304,
    a_language_that_is_not_one_of_the_four_is_refused_by_name,
);

/// Whether `value` is a text: an object of language keys only.
fn is_text(value: &Value) -> bool {
    value.as_object().is_some_and(|object| {
        !object.is_empty() && object.keys().all(|key| Lang::SLUGS.contains(&key.as_str()))
    })
}

/// Whether the text at `path` is a model's name (`$.catalog.models[3].name`), which keeps every
/// language so that the catalog's search finds a vehicle by any of its names.
fn is_model_name(path: &str) -> bool {
    path.strip_prefix("$.catalog.models[")
        .and_then(|rest| rest.strip_suffix("].name"))
        .is_some_and(|index| index.bytes().all(|b| b.is_ascii_digit()))
}

/// `answer` without its model names.
fn without_model_names(mut answer: Value) -> String {
    for model in answer["catalog"]["models"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        model.as_object_mut().map(|model| model.remove("name"));
    }
    answer.to_string()
}

/// Checks that `one` is `full` with every text but the model names reduced to `lang`'s words; `path` says where.
/// Returns how many texts were compared.
fn same_but_texts(full: &Value, one: &Value, lang: Lang, path: &str) -> usize {
    if is_text(full) && is_model_name(path) {
        assert_eq!(
            one, full,
            "{path}: a model name keeps every language (search)"
        );
        return 1;
    }
    if is_text(full) {
        let text: Text = serde_json::from_value(full.clone()).expect("a text");
        let expected = serde_json::to_value(text.only(lang)).expect("json");
        assert_eq!(one, &expected, "{path} in `{lang}`");
        let words = one[lang.as_str()].as_str().expect("words in the language");
        assert!(!words.trim().is_empty(), "{path} in `{lang}` is blank");
        return 1;
    }
    match (full, one) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(b), "{path}: the same fields");
            a.iter()
                .map(|(key, value)| same_but_texts(value, &b[key], lang, &format!("{path}.{key}")))
                .sum()
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: the same length");
            a.iter()
                .zip(b)
                .enumerate()
                .map(|(i, (x, y))| same_but_texts(x, y, lang, &format!("{path}[{i}]")))
                .sum()
        }
        _ => {
            assert_eq!(full, one, "{path}");
            0
        }
    }
}

async fn each_language_has_its_own_words_only_in_the_same_structure(app: TestApp) {
    let full = app.get("/api/v1/catalog", None).await;
    assert_eq!(full.status, StatusCode::OK);
    let full = full.json();
    let full_catalog: Catalog =
        serde_json::from_value(full["catalog"].clone()).expect("the full catalog is valid");
    for lang in Lang::ALL {
        let answer = app.get(&format!("/api/v1/catalog?lang={lang}"), None).await;
        assert_eq!(answer.status, StatusCode::OK, "{lang}: {}", answer.text());
        assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(answer.headers[header::CACHE_CONTROL], "no-cache");
        let one = answer.json();
        let texts = same_but_texts(&full, &one, lang, "$");
        assert!(texts > 500, "{lang}: only {texts} texts");
        let rest = without_model_names(one.clone());
        for other in Lang::ALL.into_iter().filter(|&other| other != lang) {
            assert!(
                !rest.contains(&format!("\"{other}\":")),
                "{lang}: a `{other}` text is left"
            );
        }
        // What the browser does with it: checked for its language, and read in it as the
        // full catalog reads.
        let file: CatalogFile = serde_json::from_value(one["catalog"].clone()).expect("a file");
        let catalog = Catalog::from_file_in(file, lang).expect("valid in its language");
        for (mine, theirs) in catalog.models().iter().zip(full_catalog.models()) {
            assert_eq!(mine.name().get(lang), theirs.name().get(lang));
        }
        // The file's own strict check refuses a catalog of one language.
        assert!(serde_json::from_value::<Catalog>(one["catalog"].clone()).is_err());
    }
}

async fn each_language_has_its_own_etag_and_304(app: TestApp) {
    let mut etags = Vec::new();
    for query in ["", "?lang=en", "?lang=ru", "?lang=ky", "?lang=uz"] {
        let path = format!("/api/v1/catalog{query}");
        let answer = app.get(&path, None).await;
        assert_eq!(answer.status, StatusCode::OK);
        let etag = answer.headers[header::ETAG]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        let headers = [("if-none-match", etag.as_str())];
        let again = app.call(Method::GET, &path, None, &headers, None).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers[header::ETAG], etag.as_str());
        // The same answer every time: computed once.
        assert_eq!(app.get(&path, None).await.body, answer.body, "{path}");
        etags.push((path, etag));
    }
    for (path, _) in &etags {
        for (other, etag) in etags.iter().filter(|(other, _)| other != path) {
            let headers = [("if-none-match", etag.as_str())];
            let answer = app.call(Method::GET, path, None, &headers, None).await;
            assert_eq!(
                answer.status,
                StatusCode::OK,
                "{path} with the ETag of {other}"
            );
        }
    }
}

async fn a_language_that_is_not_one_of_the_four_is_refused_by_name(app: TestApp) {
    for (query, value) in [("lang=de", "de"), ("lang=EN", "EN"), ("lang=", "")] {
        let answer = app.get(&format!("/api/v1/catalog?{query}"), None).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(answer.error_fields(), ["lang"], "{query}");
        let json = answer.json();
        assert_eq!(json["error"]["code"], "validation");
        let message = json["error"]["fields"]["lang"][0]
            .as_str()
            .expect("a message");
        assert_eq!(
            message,
            format!("unknown value `{value}`: expected one of `en`, `ru`, `ky`, `uz`"),
        );
    }
}
