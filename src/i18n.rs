//! Translations of the user interface (leptos_i18n, generated at build time from
//! `src/locales/{en,ru,ky,uz}.json` by `build.rs`), and the bridge between its `Locale` and the
//! domain's [`Lang`], which names catalog texts.

use configurator_domain::Lang;

// The generated code names every path in full.
#[allow(unused_qualifications, clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

pub use i18n::{I18nContextProvider, Locale, t, t_string, td_string, use_i18n};

/// A plain text of the interface in the reader's language, following the language switch, with
/// `t!`'s arguments: `tr!(i18n, catalog.title)`. Every text is the same view type, so each costs
/// only its words in the wasm, where each use of `t!` is a view type of its own (about 200 bytes).
/// A text with values in it (`count = …`) still takes `t!`.
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::i18n::text($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}
pub(crate) use tr;

/// What `words` says in the reader's language (reactive): the one view type behind [`tr`].
pub fn text(
    i18n: leptos_i18n::I18nContext<Locale>,
    words: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || words(i18n.get_locale())
}

/// The domain language of a UI locale.
pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::en => Lang::En,
        Locale::ru => Lang::Ru,
        Locale::ky => Lang::Ky,
        Locale::uz => Lang::Uz,
    }
}

/// The UI locale of a domain language.
pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en,
        Lang::Ru => Locale::ru,
        Lang::Ky => Locale::ky,
        Lang::Uz => Locale::uz,
    }
}

/// `text` in the language the user reads now (reactive): one view type for every catalog text.
pub fn in_lang(
    text: configurator_domain::Text,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang()).to_owned()
}

/// The language the user reads now, for catalog texts (reactive).
pub fn use_lang() -> impl Fn() -> Lang + Copy + 'static {
    let i18n = use_i18n();
    move || lang_of(i18n.get_locale())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    /// Every key path of a translation file, `a.b.c` for nested objects.
    fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Value::Object(map) = value {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                if inner.is_object() {
                    keys(inner, &path, out);
                } else {
                    assert!(
                        inner.as_str().is_some_and(|s| !s.trim().is_empty()),
                        "`{path}` is empty or not a string"
                    );
                    out.insert(path);
                }
            }
        }
    }

    fn parse(name: &str, text: &str) -> BTreeSet<String> {
        let value: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("src/locales/{name}.json is not JSON: {e}"));
        let mut out = BTreeSet::new();
        keys(&value, "", &mut out);
        out
    }

    /// A UI string missing (or empty) in any language fails here, naming the key and language.
    #[test]
    fn every_language_has_every_string() {
        let files = [
            ("en", include_str!("locales/en.json")),
            ("ru", include_str!("locales/ru.json")),
            ("ky", include_str!("locales/ky.json")),
            ("uz", include_str!("locales/uz.json")),
        ];
        let english = parse("en", files[0].1);
        for (name, text) in &files[1..] {
            let own = parse(name, text);
            let missing: Vec<_> = english.difference(&own).collect();
            let extra: Vec<_> = own.difference(&english).collect();
            assert!(missing.is_empty(), "missing in {name}.json: {missing:?}");
            assert!(extra.is_empty(), "only in {name}.json: {extra:?}");
        }
    }
}
