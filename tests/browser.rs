//! Browser tests: components mounted in headless Chromium (wasm-bindgen-test), driven and read
//! through the DOM.
#![cfg(target_arch = "wasm32")]

use configurator::{app::App, components::server_status::ServerStatus, i18n::I18nContextProvider};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page's body to mount into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document
        .create_element("div")
        .expect("create a div")
        .unchecked_into::<web_sys::HtmlElement>();
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("append");
    element
}

/// Waits for `ms` milliseconds of browser time, letting fetches and effects run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("set a timeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timeout resolves");
}

/// Polls until `condition` holds on the container, up to two seconds.
async fn wait_for(
    element: &web_sys::HtmlElement,
    condition: impl Fn(&web_sys::HtmlElement) -> bool,
) {
    for _ in 0..40 {
        leptos::task::tick().await;
        if condition(element) {
            return;
        }
        sleep(50).await;
    }
    panic!("condition never held; DOM: {}", element.inner_html());
}

#[wasm_bindgen_test]
async fn server_status_shows_loading_then_the_error_with_a_retry_button() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        view! { <I18nContextProvider enable_cookie=false><ServerStatus /></I18nContextProvider> }
    });
    leptos::task::tick().await;
    assert!(
        root.query_selector("[data-state=loading]")
            .ok()
            .flatten()
            .is_some(),
        "starts in the loading state: {}",
        root.inner_html()
    );
    // The test runner's own web server has no API: the health call answers 404.
    wait_for(&root, |el| {
        el.query_selector("[data-state=error]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Server unavailable"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    let retry = root
        .query_selector("button")
        .ok()
        .flatten()
        .expect("a retry button")
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(retry.text_content().as_deref(), Some("Try again"));
    retry.click();
    wait_for(&root, |el| {
        el.query_selector("[data-state=error]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_shell_has_navigation_to_every_page() {
    let root = container();
    let _handle = mount_to(root.clone(), App);
    leptos::task::tick().await;
    let hrefs: Vec<String> = {
        let links = root.query_selector_all("nav a").expect("query nav links");
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter_map(|link| link.get_attribute("href"))
            .collect()
    };
    assert_eq!(hrefs, ["/", "/compare", "/orders", "/plan"]);
    assert!(
        root.query_selector("footer .version")
            .ok()
            .flatten()
            .is_some()
    );
}
