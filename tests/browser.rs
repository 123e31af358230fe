//! Browser tests: components mounted in headless Chromium (wasm-bindgen-test), driven and read
//! through the DOM.
#![cfg(target_arch = "wasm32")]

use configurator::{
    app::{App, PUBLIC_PAGES},
    components::{
        later::Later,
        server_status::{FIRST_CHECK_AFTER, ServerStatus},
    },
    i18n::I18nContextProvider,
    navigation::current,
};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, built, container, count, find, has, sleep, tick, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_later_part_is_built_in_a_task_of_its_own_after_what_comes_before_it() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        view! {
            <p class="first">"first"</p>
            <Later><p class="second">"second"</p></Later>
            <p class="third">"third"</p>
        }
    });
    assert!(has(&root, ".first") && has(&root, ".third"));
    // Neither the mounting task nor its microtasks build it.
    tick().await;
    assert!(!has(&root, ".second"), "{}", root.inner_html());
    built().await;
    assert_eq!(
        root.text_content().as_deref(),
        Some("firstsecondthird"),
        "in its place"
    );
}

#[wasm_bindgen_test]
async fn server_status_waits_then_shows_the_error_and_try_again_shows_the_new_answer() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        view! { <I18nContextProvider enable_cookie=false><ServerStatus /></I18nContextProvider> }
    });
    leptos::task::tick().await;
    assert!(
        has(&root, "[data-state=loading]"),
        "starts in the loading state: {}",
        root.inner_html()
    );
    // Nothing is asked before the first check is due.
    sleep(FIRST_CHECK_AFTER.as_millis() as u64 - 500).await;
    assert!(has(&root, "[data-state=loading]"), "{}", root.inner_html());
    // The test runner's own web server has no API: the health call answers 404.
    sleep(500).await;
    wait_until("the error", || has(&root, "[data-state=error]")).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Server unavailable"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    let retry = find(&root, "button");
    assert_eq!(retry.text_content().as_deref(), Some("Try again"));
    // Now the server answers: only asking again shows it.
    let _answering = answer(
        "/api/v1/health",
        200,
        r#"{"status":"ok","version":"9.9.9"}"#,
    );
    retry.click();
    wait_until("the answer to asking again", || {
        has(&root, "[data-state=ok]")
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("v9.9.9"), "{text}");
}

#[wasm_bindgen_test]
async fn the_shell_shows_a_visitor_the_pages_a_visitor_may_use() {
    let root = container();
    let _handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
    built().await;
    let hrefs: Vec<String> = {
        let links = root.query_selector_all("nav a").expect("query nav links");
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter_map(|link| link.get_attribute("href"))
            .collect()
    };
    // The cart and orders are for dealers, the plan for planners.
    assert_eq!(hrefs, ["/", "/compare"]);
    assert!(
        root.query_selector("footer .version")
            .ok()
            .flatten()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn a_page_shows_the_catalog_failure_in_its_error_boundary_and_try_again_asks_again() {
    let root = container();
    let _handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
    // The test runner's web server has no API, and nothing is saved: the catalog page (`/` here)
    // cannot be shown.
    wait_until("the failure", || has(&root, "main [role=alert]")).await;
    let alert = find(&root, "main [role=alert]");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("The catalog could not be loaded."), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(!has(&root, ".cards"), "no cards without a catalog");
    let _answering = answer(
        "/api/v1/catalog",
        503,
        r#"{"error":{"code":"unavailable","message":"down for maintenance","fields":{}}}"#,
    );
    find(&alert, "button").click();
    wait_until("the answer to asking again", || {
        root.text_content()
            .unwrap_or_default()
            .contains("down for maintenance (HTTP 503)")
    })
    .await;

    // The failure is the catalog page's: the sign-in page needs no catalog and shows; back on the
    // catalog page, the failure is there again.
    let opened_at = current();
    find(&root, ".account a").click();
    wait_until("the sign-in page", || has(&root, "form.sign-in")).await;
    assert!(!has(&root, "main [role=alert]"), "{}", root.inner_html());
    window().history().expect("history").back().expect("back");
    wait_until("the catalog page's failure", || {
        has(&root, "main [role=alert]")
    })
    .await;
    assert_eq!(current(), opened_at);
}

#[wasm_bindgen_test]
async fn data_saved_by_an_older_version_is_reset_with_one_notice() {
    // After an update the preferences, the saved catalog and the account are all of an older
    // version: each is dropped, and the user is told once.
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage");
    let keys = [
        "configurator.prefs",
        "configurator.catalog",
        "configurator.account",
    ];
    for key in keys {
        storage
            .set_item(key, r#"{"v":0,"data":null}"#)
            .expect("store");
    }
    let root = container();
    let handle = mount_to(root.clone(), || view! { <App pages=PUBLIC_PAGES /> });
    built().await;
    assert_eq!(
        count(&root, ".notice"),
        1,
        "one notice: {}",
        root.inner_html()
    );
    let text = find(&root, ".notice").text_content().unwrap_or_default();
    assert!(text.contains("older version"), "{text}");
    assert_eq!(
        storage.get_item("configurator.catalog").ok().flatten(),
        None
    );
    assert_eq!(
        storage.get_item("configurator.account").ok().flatten(),
        None
    );
    drop(handle);
    for key in keys {
        storage.remove_item(key).expect("remove");
    }
}
