//! The first paint: the page's title and opening text, in the reader's language, written by the
//! server into the build's `index.html` for the catalog (`/`), a model's configurator
//! (`/configure/{model}`) and the comparison (`/compare`). A phone on a slow network reads them
//! while the wasm is still arriving, instead of a blank page. The app hides its own page behind
//! them until the catalog is there, then removes them (`src/first_paint.rs`).
//!
//! The reader's language is the one the app will show: its `chui-lang` cookie (the app keeps it
//! equal to the language it remembers), else the best of `Accept-Language` (where the browser's
//! `navigator.languages` come from), else English. The texts are the app's own translation files
//! and the catalog's.
//!
//! The page also preloads the catalog in the reader's language, at the address the app asks for it
//! (`bundle::catalog_path`): the answer travels beside the wasm instead of after it.
//!
//! The markup takes the app's classes for the same look and places, but none of its landmarks or
//! headings: while both are in the document, `main`, `nav` and `h1` are the app's alone. Its header
//! is a visitor's: a request with a session cookie (a dealer or a planner, whose header has more
//! links and the account) gets the `index.html` as built, so that the page does not jump down when
//! the app's header takes its place.

use axum::{
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use configurator_domain::{
    Catalog, Lang, ModelId,
    bundle::{API_ROOT, FIRST_PAINT_ID, LANG_COOKIE, PRODUCT_NAME, catalog_path},
};
use serde::Deserialize;

use super::{
    embed::escape_html,
    extract::{cookie_value, session_token},
};
use crate::auth::SessionCookie;

/// The interface texts the first paint shows, from `src/locales/{lang}.json`.
#[derive(Deserialize)]
struct Texts {
    nav: NavTexts,
    catalog: PageTexts,
    compare: LeadText,
}

/// `nav`: the links of the header.
#[derive(Deserialize)]
struct NavTexts {
    vehicles: String,
    compare: String,
}

/// A page's title and its opening text.
#[derive(Deserialize)]
struct PageTexts {
    title: String,
    lead: String,
}

/// A page's opening text (its title is a navigation link's).
#[derive(Deserialize)]
struct LeadText {
    lead: String,
}

/// The interface texts in the four languages.
pub struct FirstPaint {
    texts: [(Lang, Texts); 4],
}

impl FirstPaint {
    /// The texts of the app's translation files, built into the server.
    pub fn new() -> Self {
        let parse = |lang: Lang, json: &str| {
            let texts = serde_json::from_str(json)
                .unwrap_or_else(|error| panic!("src/locales/{lang}.json: {error}"));
            (lang, texts)
        };
        Self {
            texts: [
                parse(Lang::En, include_str!("../../../../src/locales/en.json")),
                parse(Lang::Ru, include_str!("../../../../src/locales/ru.json")),
                parse(Lang::Ky, include_str!("../../../../src/locales/ky.json")),
                parse(Lang::Uz, include_str!("../../../../src/locales/uz.json")),
            ],
        }
    }

    fn texts(&self, lang: Lang) -> &Texts {
        self.texts
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&self.texts[0].1, |(_, texts)| texts)
    }

    /// The first paint of the page at `path` for the reader of `headers`, or `None` for a page
    /// that has none and for a signed-in reader (with a cookie `session`).
    pub fn of(
        &self,
        path: &str,
        headers: &HeaderMap,
        session: SessionCookie,
        catalog: &Catalog,
    ) -> Option<Painted> {
        if session_token(headers, session).is_some() {
            return None;
        }
        let lang = reader_lang(headers);
        let texts = self.texts(lang);
        let (current, body) = match path.trim_end_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => (
                Current::Vehicles,
                content(&texts.catalog.title, Some(("lead", &texts.catalog.lead))),
            ),
            ["", "compare"] => (
                Current::Compare,
                format!(
                    "<div class=\"compare-page\">{}</div>",
                    content(&texts.nav.compare, Some(("lead", &texts.compare.lead)))
                ),
            ),
            ["", "configure", model] => {
                let model = catalog.model(&model.parse::<ModelId>().ok()?)?;
                let description = model.description().map(|text| text.get(lang));
                (
                    Current::Neither,
                    content(
                        model.name().get(lang),
                        description.map(|text| ("model-description", text)),
                    ),
                )
            }
            _ => return None,
        };
        let markup = format!(
            "<div id=\"{FIRST_PAINT_ID}\" aria-busy=\"true\">{header}<div class=\"page\">{body}</div></div>",
            header = header(texts, current),
        );
        Some(Painted { lang, markup })
    }
}

/// A page's first paint, in its reader's language.
pub struct Painted {
    lang: Lang,
    markup: String,
}

impl Painted {
    /// `index` with the first paint written in, and the preload of the catalog in its language;
    /// `None` for an `index.html` without the places they go into.
    pub fn into_page(self, index: &str) -> Option<Response> {
        if !index.contains("<body>") || !index.contains("</head>") {
            return None;
        }
        let Self { lang, markup } = self;
        // `crossorigin`: the app's `fetch` is a CORS request, and a preload answers only a
        // request of the same mode.
        let preload = format!(
            "<link rel=\"preload\" href=\"{API_ROOT}{}\" as=\"fetch\" crossorigin=\"anonymous\">",
            catalog_path(lang)
        );
        let html = index
            .replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1)
            .replacen("</head>", &format!("{preload}</head>"), 1)
            .replacen("<body>", &format!("<body>{markup}"), 1);
        let mut response =
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
        // The same address is another page in another language.
        response.headers_mut().insert(
            header::VARY,
            HeaderValue::from_static("accept-language, cookie"),
        );
        Some(response)
    }
}

/// Which header link is the current page's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Current {
    Vehicles,
    Compare,
    Neither,
}

/// The page's title, and its opening text with the class the app gives it.
fn content(title: &str, opening: Option<(&str, &str)>) -> String {
    let opening = opening.map_or_else(String::new, |(class, text)| {
        format!("<p class=\"{class}\">{}</p>", escape_html(text))
    });
    format!(
        "<p class=\"first-paint-title\">{}</p>{opening}",
        escape_html(title)
    )
}

/// The header, with its places kept as the app's header keeps them (`style/main.css`).
fn header(texts: &Texts, current: Current) -> String {
    let link = |href: &str, text: &str, this: Current| {
        let mark = if current == this {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!(
            "<li><a href=\"{href}\"{mark}>{}</a></li>",
            escape_html(text)
        )
    };
    format!(
        "<div class=\"site-header\"><a class=\"brand\" href=\"/\">{PRODUCT_NAME}</a>\
         <div class=\"first-paint-nav\"><ul>{}{}</ul></div>\
         <div class=\"switches\"></div><div class=\"first-paint-account\"></div></div>",
        link("/", &texts.nav.vehicles, Current::Vehicles),
        link("/compare", &texts.nav.compare, Current::Compare),
    )
}

/// The language the app will show the reader: the `chui-lang` cookie, else the best of
/// `Accept-Language`, else English.
fn reader_lang(headers: &HeaderMap) -> Lang {
    cookie_value(headers, LANG_COOKIE)
        .and_then(|value| value.parse().ok())
        .or_else(|| {
            let accepted = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            best_accepted(accepted)
        })
        .unwrap_or_default()
}

/// The language of ours that `Accept-Language` weighs highest (the first of equals).
fn best_accepted(accepted: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for entry in accepted.split(',') {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let primary = tag
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let Ok(lang) = primary.parse::<Lang>() else {
            continue;
        };
        let weight = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .filter(|q| (0.0..=1.0).contains(q) && *q > 0.0);
        if let Some(weight) = weight
            && best.is_none_or(|(_, w)| weight > w)
        {
            best = Some((lang, weight));
        }
    }
    best.map(|(lang, _)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_accepted_language_of_ours_wins() {
        assert_eq!(
            best_accepted("ky-KG,ky;q=0.9,ru;q=0.8,en;q=0.7"),
            Some(Lang::Ky)
        );
        assert_eq!(
            best_accepted("de-DE,de;q=0.9,uz;q=0.5,ru;q=0.6"),
            Some(Lang::Ru)
        );
        assert_eq!(best_accepted("en;q=0.2, UZ-Latn-UZ"), Some(Lang::Uz));
        assert_eq!(best_accepted("ru;q=0,en;q=0.1"), Some(Lang::En));
        assert_eq!(best_accepted("de, fr;q=x, *"), None);
        assert_eq!(best_accepted(""), None);
    }

    #[test]
    fn the_cookie_wins_over_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("ru"));
        assert_eq!(reader_lang(&headers), Lang::Ru);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("session=x; chui-lang=uz"),
        );
        assert_eq!(reader_lang(&headers), Lang::Uz);
        headers.insert(header::COOKIE, HeaderValue::from_static("chui-lang=de"));
        assert_eq!(
            reader_lang(&headers),
            Lang::Ru,
            "a cookie naming no language of ours is ignored"
        );
        assert_eq!(reader_lang(&HeaderMap::new()), Lang::En);
    }
}
