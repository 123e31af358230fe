//! What the browser tests share: a place to mount, the real catalog, waiting, and finding in the
//! DOM. Each test file uses some of it.
#![allow(dead_code, reason = "each test file uses a different part")]

use std::collections::BTreeMap;

use configurator::state::SharedCatalog;
use configurator_domain::{Catalog, Model, api::CatalogResponse, code};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

/// A fresh element in the page's body to mount into.
pub fn container() -> web_sys::HtmlElement {
    let element = document()
        .create_element("div")
        .expect("create a div")
        .unchecked_into::<web_sys::HtmlElement>();
    document()
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("append");
    element
}

/// The real catalog with its default codes, as the app holds it.
pub fn shared() -> SharedCatalog {
    SharedCatalog::new(catalog_response())
}

/// The real catalog with its default codes, as the server sends it.
pub fn catalog_response() -> CatalogResponse {
    let catalog =
        Catalog::from_toml_str(include_str!("../../data/catalog.toml")).expect("the catalog");
    let default_codes: BTreeMap<_, _> = catalog
        .models()
        .iter()
        .map(|m| {
            let code = code::encode(&catalog, &m.default_configuration()).expect("encode");
            (m.id().clone(), code)
        })
        .collect();
    CatalogResponse {
        catalog,
        default_codes,
    }
}

/// The index in the catalog of the model `id`, and the model.
pub fn model_named(data: &SharedCatalog, id: &str) -> (usize, Model) {
    let index = data
        .catalog()
        .models()
        .iter()
        .position(|m| m.id().as_str() == id)
        .unwrap_or_else(|| panic!("no model `{id}`"));
    (index, data.catalog().models()[index].clone())
}

/// The Cobalt's index in the catalog, and the Cobalt.
pub fn cobalt(data: &SharedCatalog) -> (usize, Model) {
    model_named(data, "cobalt")
}

/// Lets effects and the DOM catch up.
pub async fn tick() {
    leptos::task::tick().await;
    leptos::task::tick().await;
}

/// Waits for `ms` milliseconds of browser time, letting fetches, timers and effects run.
pub async fn sleep(ms: u64) {
    configurator::state::after(std::time::Duration::from_millis(ms)).await;
}

/// Lets what a component does in a later task of the browser happen: the parts that `Later`
/// builds, the opening address that the configurator writes.
pub async fn built() {
    configurator::state::next_task().await;
    tick().await;
}

/// Polls until `condition` holds, up to two seconds; `what` says what was waited for.
pub async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..40 {
        leptos::task::tick().await;
        if condition() {
            return;
        }
        sleep(50).await;
    }
    panic!("never happened: {what}");
}

/// The element `selector` names under `root`.
pub fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no `{selector}` in {}", root.inner_html()))
        .unchecked_into()
}

/// Whether `selector` names an element under `root`.
pub fn has(root: &web_sys::HtmlElement, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

/// How many elements `selector` names under `root`.
pub fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// How many entries the tab's history has.
pub fn history_length() -> u32 {
    window()
        .history()
        .and_then(|h| h.length())
        .expect("the history")
}

/// Answers the page's requests to paths ending in `path` with `status` and the JSON `body`
/// instead of the network, until the returned guard is dropped; other requests go on to what
/// answered before (the network, or another `answer`). Each answered URL is noted for
/// [`answered`].
pub fn answer(path: &str, status: u16, body: &str) -> Answering {
    let window = window();
    let original = js_sys::Reflect::get(&window, &"fetch".into()).expect("fetch");
    let fake = js_sys::Function::new_with_args(
        "original, input, init",
        &format!(
            "const url = typeof input === 'string' ? input : input.url;
             const address = new URL(url, location.href);
             if (address.pathname.endsWith({path:?})) {{
               const query = new URLSearchParams(address.search).toString();
               (window.__answered ??= []).push(address.pathname + (query ? '?' + query : ''));
               return Promise.resolve(new Response({body:?},
                 {{ status: {status}, headers: {{ 'content-type': 'application/json' }} }}));
             }}
             return original(input, init);"
        ),
    )
    .bind1(&wasm_bindgen::JsValue::NULL, &original);
    js_sys::Reflect::set(&window, &"fetch".into(), &fake).expect("replace fetch");
    Answering { original }
}

/// The path and query of every request [`answer`] has answered on this page, oldest first (the
/// query as `URLSearchParams` writes it: the `&` that gloo-net leaves at the end is dropped).
pub fn answered() -> Vec<String> {
    window_strings("__answered")
}

/// The texts of the array the page keeps in `window[key]` (none if there is no array).
pub fn window_strings(key: &str) -> Vec<String> {
    js_sys::Reflect::get(&window(), &key.into())
        .ok()
        .filter(|list| list.is_object())
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|text| text.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Puts the network back when dropped.
pub struct Answering {
    original: wasm_bindgen::JsValue,
}

impl Drop for Answering {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&window(), &"fetch".into(), &self.original);
    }
}

/// Forgets what earlier tests stored on this page (carts, submissions, preferences).
pub fn clear_storage() {
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage");
    storage.clear().expect("clear");
}
