//! Browser tests of the cart and its outbox: the cart page mounted in headless Chromium, with the
//! network's failures and the server's refusals injected at the API client's boundary (`fetch`);
//! the outbox itself runs as it does in the app, timer and local storage included. A line goes
//! into the comparison from its own button.
#![cfg(target_arch = "wasm32")]

use configurator::{
    cart::{Cart, CartLine},
    i18n::I18nContextProvider,
    navigation::provide_address,
    outbox::use_outbox,
    pages::cart::CartPage,
    state::provide_app_state,
};
use configurator_domain::{
    Quantity,
    api::{Role, SessionResponse},
    bundle::Bundle,
};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, catalog_response, container, count, find, has, shared, sleep, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

/// The dealer whose cart is tested.
const DEALER: &str = "dealer-under-test";

/// The catalog as the server sends it.
fn catalog_json() -> String {
    serde_json::to_string(&catalog_response()).expect("JSON")
}

/// Stores a cart of two lines for [`DEALER`]: two Cobalts and a fleet of 30 NP37 minibuses.
fn store_cart() {
    let data = shared();
    let line = |model: &str, units: u32| CartLine {
        model: model.parse().expect("a model id"),
        code: data
            .default_code(&model.parse().expect("a model id"))
            .expect("a default code")
            .to_owned(),
        quantity: Quantity::try_from(units).expect("a quantity"),
    };
    Cart {
        lines: vec![line("cobalt", 2), line("np37-city", 30)],
    }
    .save(DEALER);
}

/// Mounts the cart page, signed in as [`DEALER`], with the outbox driving its submissions.
fn mount_cart() -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    let handle = mount_to(root.clone(), || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    provide_address(Bundle::Office);
                    let app = provide_app_state(None, Vec::new());
                    app.account.set(Some(SessionResponse {
                        username: DEALER.to_owned(),
                        role: Role::Dealer,
                        dealership: Some("Bishkek Auto Center".to_owned()),
                    }));
                    use_outbox(Signal::derive(move || Some(DEALER.to_owned())));
                    view! { <CartPage /> }
                }
            </I18nContextProvider>
        }
    });
    (root, handle)
}

/// Waits up to `seconds` for `condition`: the outbox retries on a timer.
async fn wait_seconds(what: &str, seconds: i32, condition: impl Fn() -> bool) {
    for _ in 0..seconds * 10 {
        if condition() {
            return;
        }
        sleep(100).await;
    }
    wait_until(what, condition).await;
}

#[wasm_bindgen_test]
async fn an_order_waits_while_the_server_fails_then_a_refusal_names_its_line_and_keeps_the_cart() {
    support::clear_storage();
    store_cart();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let (root, _mounted) = mount_cart();
    wait_until("the cart's lines", || count(&root, ".cart-line") == 2).await;

    // The server answers 503: the order waits, the cart is locked, and submit is off.
    let failing = answer(
        "/api/v1/orders",
        503,
        r#"{"error":{"code":"unavailable","message":"try later","fields":{}}}"#,
    );
    find(&root, ".cart-actions button").click();
    wait_seconds("the waiting order", 3, || {
        has(&root, "[data-outbox=waiting]")
    })
    .await;
    let submit = find(&root, ".cart-actions button");
    assert!(
        submit.has_attribute("disabled"),
        "no second submission while one waits"
    );
    assert!(
        find(&root, ".cart-line-actions button").has_attribute("disabled"),
        "no edits while the order waits"
    );
    drop(failing);

    // The next attempt is refused, with a reason against the second line: shown there, and the
    // cart is kept.
    let _refusing = answer(
        "/api/v1/orders",
        422,
        r#"{"error":{"code":"invalid","message":"the order cannot be planned","fields":{"lines[1].quantity":["30 units do not fit the plan"]}}}"#,
    );
    wait_seconds("the refusal", 5, || has(&root, "[data-outbox=rejected]")).await;
    let refusal = find(&root, "[data-outbox=rejected]")
        .text_content()
        .unwrap_or_default();
    assert!(refusal.contains("the order cannot be planned"), "{refusal}");
    let lines = root.query_selector_all(".cart-line").expect("lines");
    assert_eq!(lines.length(), 2, "the cart is kept");
    let second = lines
        .item(1)
        .expect("the second line")
        .text_content()
        .unwrap_or_default();
    assert!(second.contains("30 units do not fit the plan"), "{second}");
    let first = lines
        .item(0)
        .expect("the first line")
        .text_content()
        .unwrap_or_default();
    assert!(!first.contains("do not fit"), "{first}");
    assert!(
        !find(&root, ".cart-actions button").has_attribute("disabled"),
        "the dealer can submit again"
    );
    assert_eq!(Cart::load(DEALER).lines.len(), 2);
}

#[wasm_bindgen_test]
async fn a_placed_order_empties_the_cart_and_shows_its_number() {
    support::clear_storage();
    store_cart();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let _placing = answer("/api/v1/orders", 201, r#"{"id":4711,"status":"placed"}"#);
    let (root, _mounted) = mount_cart();
    wait_until("the cart's lines", || count(&root, ".cart-line") == 2).await;
    find(&root, ".cart-actions button").click();
    wait_seconds("the placed order", 3, || has(&root, "[data-outbox=placed]")).await;
    let placed = find(&root, "[data-outbox=placed]")
        .text_content()
        .unwrap_or_default();
    assert!(placed.contains("#4711"), "{placed}");
    wait_until("the empty cart", || count(&root, ".cart-line") == 0).await;
    assert!(
        Cart::load(DEALER).lines.is_empty(),
        "the stored cart is empty"
    );
}

#[wasm_bindgen_test]
async fn a_line_goes_into_the_comparison_from_its_own_button() {
    support::clear_storage();
    store_cart();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let (root, _mounted) = mount_cart();
    wait_until("the cart's lines", || count(&root, ".cart-line") == 2).await;
    assert_eq!(count(&root, ".cart-line .compare-pick button"), 2);
    find(&root, ".cart-line:nth-child(2) .compare-pick button").click();
    wait_until("the note", || {
        has(&root, ".cart-line:nth-child(2) .compare-pick a")
    })
    .await;
    let note = find(&root, ".cart-line:nth-child(2) .compare-pick [role=status]")
        .text_content()
        .unwrap_or_default();
    assert!(note.contains("1 of 4"), "{note}");
    let minibuses = shared()
        .default_code(&"np37-city".parse().expect("a model id"))
        .expect("a default code")
        .to_owned();
    assert_eq!(
        find(&root, ".cart-line:nth-child(2) .compare-pick a")
            .get_attribute("href")
            .as_deref(),
        Some(format!("/compare?c={minibuses}").as_str())
    );
}
