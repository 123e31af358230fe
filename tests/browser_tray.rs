//! Browser test of the compare tray in the header: it says how many configurations are picked,
//! lists them by model and trim (a code the catalog cannot read by a plain phrase), and takes one
//! out with its button, which the link and the saved list follow.
#![cfg(target_arch = "wasm32")]

use configurator::{
    components::compare_tray::CompareTray, i18n::I18nContextProvider, navigation::provide_address,
    state::provide_app_state,
};
use configurator_domain::bundle::Bundle;
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, catalog_response, container, count, find, has, shared, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_tray_lists_the_picked_configurations_and_takes_one_out() {
    window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage")
        .clear()
        .expect("clear");
    let catalog = serde_json::to_string(&catalog_response()).expect("JSON");
    let _catalog = answer("/api/v1/catalog", 200, &catalog);
    let cobalt = shared()
        .default_code(&"cobalt".parse().expect("a model id"))
        .expect("a default code")
        .to_owned();
    let picked = vec![cobalt.clone(), "not-a-configuration-code".to_owned()];
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    provide_address(Bundle::Public);
                    let app = provide_app_state(None, Vec::new());
                    app.set_compared(picked.clone());
                    view! { <nav><ul><li class="compare-nav"><CompareTray current=|| None /></li></ul></nav> }
                }
            </I18nContextProvider>
        }
    });
    wait_until("the count", || {
        find(&root, ".tray-count").text_content().as_deref() == Some("2")
    })
    .await;
    let link = find(&root, "a").get_attribute("href").expect("a link");
    assert!(link.contains(&cobalt), "the link carries the picks: {link}");

    find(&root, ".compare-tray summary").click();
    wait_until("the names", || {
        find(&root, ".tray-list")
            .text_content()
            .unwrap_or_default()
            .contains("Cobalt")
    })
    .await;
    let lines = find(&root, ".tray-list").text_content().unwrap_or_default();
    assert!(
        lines.contains("A configuration this catalog does not know"),
        "{lines}"
    );
    assert_eq!(count(&root, ".tray-remove"), 2);

    // Taking the unreadable code out leaves the Cobalt, in the link and in local storage.
    let second = root
        .query_selector_all(".tray-remove")
        .expect("buttons")
        .item(1)
        .expect("a second button")
        .unchecked_into::<web_sys::HtmlElement>();
    second.click();
    wait_until("one left", || count(&root, ".tray-remove") == 1).await;
    assert_eq!(
        find(&root, ".tray-count").text_content().as_deref(),
        Some("1")
    );
    let link = find(&root, "a").get_attribute("href").expect("a link");
    assert!(!link.contains("not-a-configuration-code"), "{link}");
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage")
        .get_item(configurator::storage::COMPARE_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        saved.contains(&cobalt) && !saved.contains("not-a-configuration"),
        "{saved}"
    );

    // The last one out: no tray left, only the link.
    find(&root, ".tray-remove").click();
    wait_until("no tray", || !has(&root, ".compare-tray")).await;
}
