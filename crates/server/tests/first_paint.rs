//! The first paint the server writes into a build's `index.html`: the catalog's, a model's and
//! the comparison's title and opening text, in the language of the `chui-lang` cookie or else of
//! `Accept-Language`, and nothing for the other pages or for a signed-in reader. Through the
//! router, over a temporary `dist/` shaped like Trunk's output.

mod support;

use std::sync::Arc;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use configurator_domain::{
    Lang, ModelId,
    bundle::{API_ROOT, catalog_path},
};
use configurator_server::http::{AppState, app};
use serde_json::Value;
use support::{Answer, Backend, TestApp, send};

/// An `index.html` as Trunk writes it: the places the first paint goes into.
const INDEX: &str = "<!doctype html>\n<html lang=\"en\">\n<head><title>app</title></head>\n<body>\n<noscript>needs wasm</noscript>\n</body>\n</html>\n";

async fn app_over_dist() -> (Router, TestApp, tempfile::TempDir) {
    let test = TestApp::new(Backend::Sqlite).await.expect("sqlite");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let dist = folder.path().join("dist");
    for build in ["", "compare-build", "office"] {
        std::fs::create_dir_all(dist.join(build)).expect("a build folder");
        std::fs::write(dist.join(build).join("index.html"), INDEX).expect("index.html");
    }
    let state = AppState {
        dist_dir: Arc::new(dist),
        ..test.state.clone()
    };
    (app(state), test, folder)
}

async fn page(router: &Router, path: &str, headers: &[(&str, &str)]) -> (Answer, String) {
    let answer = send(router, Method::GET, path, None, headers, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}");
    let html = String::from_utf8(answer.body.clone()).expect("utf-8");
    (answer, html)
}

/// A text of the app's translation file of `lang`, by its path (`catalog.title`).
fn ui_text(lang: &str, path: &str) -> String {
    let file = format!(
        "{}/../../src/locales/{lang}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("locale file"))
        .expect("locale json");
    path.split('.')
        .fold(&json, |value, key| &value[key])
        .as_str()
        .unwrap_or_else(|| panic!("{file}: {path}"))
        .to_owned()
}

/// `text` as HTML writes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('"', "&quot;")
}

#[tokio::test]
async fn the_catalog_is_painted_in_the_language_the_browser_prefers() {
    let (router, _test, _folder) = app_over_dist().await;
    let (answer, html) = page(
        &router,
        "/",
        &[("accept-language", "de-DE,ky;q=0.9,ru;q=0.8")],
    )
    .await;
    assert!(html.contains("<html lang=\"ky\">"), "{html}");
    let title = escaped(&ui_text("ky", "catalog.title"));
    let lead = escaped(&ui_text("ky", "catalog.lead"));
    assert!(
        html.contains(&format!(
            "<p class=\"first-paint-title\">{title}</p><p class=\"lead\">{lead}</p>"
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<a href=\"/\" aria-current=\"page\">{}</a>",
        escaped(&ui_text("ky", "nav.vehicles"))
    )));
    // Before the app's own markup, which it hides; no heading or landmark of its own.
    assert!(html.find("id=\"first-paint\"") < html.find("<noscript>"));
    for tag in ["<h1", "<main", "<nav", "<header"] {
        assert!(!html.contains(tag), "{tag} in the first paint: {html}");
    }
    let header = |name: &str| answer.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(header("vary"), Some("accept-language, cookie"));
    assert_eq!(header("cache-control"), Some("no-cache"));
    assert!(
        header("content-security-policy").is_some_and(|csp| csp.contains("frame-ancestors 'none'")),
        "the page keeps its security headers"
    );
}

#[tokio::test]
async fn the_language_cookie_wins_over_the_browsers_and_english_is_the_last_resort() {
    let (router, _test, _folder) = app_over_dist().await;
    let (_, html) = page(
        &router,
        "/",
        &[
            ("accept-language", "ru"),
            ("cookie", "other=1; chui-lang=uz"),
        ],
    )
    .await;
    assert!(html.contains("<html lang=\"uz\">"));
    assert!(html.contains(&escaped(&ui_text("uz", "catalog.lead"))));
    let (_, html) = page(
        &router,
        "/?brand=isuzu",
        &[("accept-language", "de, fr;q=0.5")],
    )
    .await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(&escaped(&ui_text("en", "catalog.lead"))));
    let (_, html) = page(&router, "/", &[("cookie", "chui-lang=<script>")]).await;
    assert!(
        html.contains("<html lang=\"en\">"),
        "a cookie naming no language is ignored"
    );
}

#[tokio::test]
async fn each_painted_page_preloads_the_catalog_in_its_readers_language_at_the_apps_address() {
    let (router, _test, _folder) = app_over_dist().await;
    for (path, headers, lang) in [
        ("/", [("cookie", "chui-lang=uz")], "uz"),
        ("/configure/cobalt", [("accept-language", "ky")], "ky"),
        ("/compare", [("accept-language", "de")], "en"),
    ] {
        let (_, html) = page(&router, path, &headers).await;
        let address = format!(
            "{API_ROOT}{}",
            catalog_path(lang.parse().expect("a language"))
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"preload\" href=\"{address}\" as=\"fetch\" crossorigin=\"anonymous\"></head>"
            )),
            "{path}: {html}"
        );
        let catalog = send(&router, Method::GET, &address, None, &[], None).await;
        assert_eq!(catalog.status, StatusCode::OK, "{address}");
        assert!(catalog.json()["catalog"]["models"].is_array(), "{address}");
    }
}

#[tokio::test]
async fn a_models_page_is_painted_with_its_name_and_description_from_the_catalog() {
    let (router, test, _folder) = app_over_dist().await;
    let cobalt = test
        .state
        .data
        .catalog
        .model(&"cobalt".parse::<ModelId>().expect("id"))
        .expect("the cobalt");
    let (_, html) = page(
        &router,
        "/configure/cobalt?c=anything",
        &[("accept-language", "ru-RU")],
    )
    .await;
    let name = escaped(cobalt.name().get(Lang::Ru));
    let description = escaped(cobalt.description().expect("a description").get(Lang::Ru));
    assert!(
        html.contains(&format!(
            "<p class=\"first-paint-title\">{name}</p><p class=\"model-description\">{description}</p>"
        )),
        "{html}"
    );
    assert!(
        !html.contains("aria-current"),
        "no header link is the configurator's"
    );
}

#[tokio::test]
async fn the_comparison_is_painted_from_its_own_build() {
    let (router, _test, _folder) = app_over_dist().await;
    let (_, html) = page(&router, "/compare?c=x&q=10", &[("cookie", "chui-lang=ru")]).await;
    let title = escaped(&ui_text("ru", "nav.compare"));
    assert!(
        html.contains(&format!(
            "<div class=\"compare-page\"><p class=\"first-paint-title\">{title}</p><p class=\"lead\">{}</p></div>",
            escaped(&ui_text("ru", "compare.lead"))
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<a href=\"/compare\" aria-current=\"page\">{title}</a>"
    )));
}

#[tokio::test]
async fn other_pages_and_unknown_models_get_the_index_as_built() {
    let (router, _test, _folder) = app_over_dist().await;
    for path in [
        "/configure/nonexistent",
        "/configure/Bad%20Id",
        "/configure/cobalt/extra",
        "/sign-in",
        "/orders",
        "/cart",
        "/compare/extra",
        "/nowhere",
    ] {
        let (_, html) = page(&router, path, &[("accept-language", "ky")]).await;
        assert_eq!(html, INDEX, "{path}");
    }
}

#[tokio::test]
async fn a_signed_in_reader_gets_the_index_as_built() {
    // A dealer's header has more links and the account: a visitor's header would make the page
    // jump down when the app's takes its place.
    let (router, _test, _folder) = app_over_dist().await;
    for path in ["/", "/configure/cobalt", "/compare"] {
        let (_, html) = page(
            &router,
            path,
            &[("cookie", "chui-lang=ky; session=any-token")],
        )
        .await;
        assert_eq!(html, INDEX, "{path}");
    }
}
