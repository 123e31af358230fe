//! Browser tests of the catalog in the reader's language: the app asks for its language's catalog,
//! asks again on a switch (showing the catalog on screen meanwhile, never empty texts), keeps a
//! copy of each language, starts from the copy of the remembered language, and drops a copy that
//! is not of its language with the notice.
#![cfg(target_arch = "wasm32")]

use configurator::{
    app::{App, PUBLIC_PAGES},
    state::{Prefs, save_prefs},
    storage,
};
use configurator_domain::{Lang, api::CatalogResponse, price::Currency};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{built, catalog_response, container, count, find, has, sleep, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

/// The Cobalt's card description in English and in Kyrgyz (`data/catalog.toml`).
const ENGLISH: &str = "Roomy family sedan";
const KYRGYZ: &str = "кенен үй-бүлөлүк седан";

/// The server's answer in `lang`, as `GET /api/v1/catalog?lang=…` sends it.
fn answer_in(lang: Lang) -> String {
    let full = catalog_response();
    let catalog = full
        .catalog
        .in_language(lang)
        .expect("valid in its language");
    serde_json::to_string(&CatalogResponse {
        catalog,
        default_codes: full.default_codes,
    })
    .expect("json")
}

/// Answers `GET /api/v1/catalog?lang=…` with the catalog in that language, the Kyrgyz one after
/// `kyrgyz_delay_ms`, until dropped; notes each `lang` asked for in `window.__langs`.
struct Server {
    original: wasm_bindgen::JsValue,
}

impl Server {
    fn start(kyrgyz_delay_ms: u32) -> Self {
        let window = window();
        let original = js_sys::Reflect::get(&window, &"fetch".into()).expect("fetch");
        let bodies = js_sys::Object::new();
        for lang in Lang::ALL {
            js_sys::Reflect::set(&bodies, &lang.as_str().into(), &answer_in(lang).into())
                .expect("a body");
        }
        let fake = js_sys::Function::new_with_args(
            "original, bodies, input, init",
            &format!(
                "const address = new URL(typeof input === 'string' ? input : input.url, location.href);
                 if (!address.pathname.endsWith('/api/v1/catalog')) return original(input, init);
                 const lang = address.searchParams.get('lang');
                 (window.__langs ??= []).push(lang);
                 const reply = () => new Response(bodies[lang],
                   {{ status: 200, headers: {{ 'content-type': 'application/json' }} }});
                 const wait = lang === 'ky' ? {kyrgyz_delay_ms} : 0;
                 return new Promise((resolve) => setTimeout(() => resolve(reply()), wait));"
            ),
        )
        .bind2(&wasm_bindgen::JsValue::NULL, &original, &bodies);
        js_sys::Reflect::set(&window, &"fetch".into(), &fake).expect("replace fetch");
        js_sys::Reflect::set(&window, &"__langs".into(), &js_sys::Array::new()).expect("reset");
        Self { original }
    }

    /// The languages asked for so far, oldest first.
    fn asked() -> Vec<String> {
        let list = js_sys::Reflect::get(&window(), &"__langs".into()).expect("the list");
        js_sys::Array::from(&list)
            .iter()
            .map(|lang| lang.as_string().unwrap_or_else(|| "(none)".to_owned()))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&window(), &"fetch".into(), &self.original);
    }
}

fn local_storage() -> web_sys::Storage {
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage")
}

/// Forgets every saved catalog and the preferences: each test starts as a first visit.
fn forget_everything() {
    let storage = local_storage();
    for lang in Lang::ALL {
        storage
            .remove_item(&storage::catalog_key(lang))
            .expect("remove");
    }
    for key in [storage::OLD_CATALOG_KEY, storage::PREFS_KEY] {
        storage.remove_item(key).expect("remove");
    }
}

fn remember_language(lang: Lang) {
    save_prefs(&Prefs {
        lang,
        market: None,
        currency: Currency::default(),
    });
}

/// The text of the Cobalt's card description, empty while there is none.
fn cobalt_description(root: &web_sys::HtmlElement) -> String {
    root.query_selector_all(".card-description")
        .ok()
        .and_then(|list| list.item(0))
        .and_then(|node| node.text_content())
        .unwrap_or_default()
}

/// Chooses `lang` in the header's language switch, as a reader does.
fn switch_to(root: &web_sys::HtmlElement, lang: Lang) {
    let select: web_sys::HtmlSelectElement = find(root, "select[name=lang]").unchecked_into();
    select.set_value(lang.as_str());
    let change = web_sys::Event::new("change").expect("an event");
    select.dispatch_event(&change).expect("dispatch");
}

#[wasm_bindgen_test]
async fn switching_language_asks_for_its_catalog_and_keeps_the_one_on_screen_meanwhile() {
    forget_everything();
    let _server = Server::start(600);
    let root = container();
    let handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
    wait_until("the English catalog", || {
        cobalt_description(&root).contains(ENGLISH)
    })
    .await;
    assert_eq!(Server::asked(), ["en"]);
    switch_to(&root, Lang::Ky);
    wait_until("the Kyrgyz catalog asked for", || {
        Server::asked() == ["en", "ky"]
    })
    .await;
    // While the Kyrgyz catalog is on its way, the English one stays: no empty texts.
    sleep(200).await;
    let meanwhile = cobalt_description(&root);
    assert!(meanwhile.contains(ENGLISH), "{meanwhile}");
    wait_until("the Kyrgyz catalog", || {
        cobalt_description(&root).contains(KYRGYZ)
    })
    .await;
    // Each language is saved under its own key, in its own words only.
    let storage = local_storage();
    let saved = |lang: Lang| {
        storage
            .get_item(&storage::catalog_key(lang))
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    assert!(saved(Lang::Ky).contains(KYRGYZ));
    assert!(!saved(Lang::Ky).contains(ENGLISH));
    assert!(saved(Lang::En).contains(ENGLISH));
    assert!(!has(&root, ".notice"), "{}", root.inner_html());
    drop(handle);
    forget_everything();
}

#[wasm_bindgen_test]
async fn a_reload_in_kyrgyz_shows_the_saved_kyrgyz_copy_before_the_server_answers() {
    forget_everything();
    remember_language(Lang::Ky);
    // A first visit in Kyrgyz saves the Kyrgyz copy.
    {
        let _server = Server::start(0);
        let root = container();
        let handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
        wait_until("the Kyrgyz catalog", || {
            cobalt_description(&root).contains(KYRGYZ)
        })
        .await;
        assert_eq!(Server::asked(), ["ky"], "only the remembered language");
        wait_until("the copy saved", || {
            local_storage()
                .get_item(&storage::catalog_key(Lang::Ky))
                .ok()
                .flatten()
                .is_some()
        })
        .await;
        drop(handle);
    }
    // The next visit shows it at once, while the server takes its time.
    let _server = Server::start(3000);
    let root = container();
    let handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
    leptos::task::tick().await;
    wait_until("the saved copy", || {
        cobalt_description(&root).contains(KYRGYZ)
    })
    .await;
    assert!(
        has(&root, "main[data-catalog=saved]"),
        "{}",
        root.inner_html()
    );
    assert_eq!(Server::asked(), ["ky"]);
    drop(handle);
    forget_everything();
}

#[wasm_bindgen_test]
async fn a_saved_copy_of_another_language_or_damaged_is_dropped_with_the_notice() {
    for stored in [
        format!(r#"{{"v":1,"data":{}}}"#, answer_in(Lang::En)),
        r#"{"v":1,"data":{"catalog":{"version":"x"}}}"#.to_owned(),
        "not json".to_owned(),
    ] {
        forget_everything();
        remember_language(Lang::Ky);
        let key = storage::catalog_key(Lang::Ky);
        local_storage().set_item(&key, &stored).expect("store");
        let _server = Server::start(3000);
        let root = container();
        let handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
        built().await;
        // The notice of data dropped, in Kyrgyz.
        assert_eq!(count(&root, ".notice"), 1, "{}", root.inner_html());
        let text = find(&root, ".notice").text_content().unwrap_or_default();
        assert!(text.contains("Эски версиянын"), "{text}");
        assert_eq!(local_storage().get_item(&key).ok().flatten(), None);
        assert!(
            has(&root, "main[data-catalog=loading]"),
            "{}",
            root.inner_html()
        );
        drop(handle);
    }
    forget_everything();
}
