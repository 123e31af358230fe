//! Browser tests of the quote requests page: the page mounted in headless Chromium, the server's
//! list and status answers given at the API client's boundary (`fetch`). A status moves only when
//! the server has stored it, a refusal keeps the old one with the server's words, the filter hides
//! closed requests by default, "To cart" makes one cart line, and the page's other states.
#![cfg(target_arch = "wasm32")]

use configurator::{
    cart::Cart, i18n::I18nContextProvider, navigation::provide_address,
    pages::requests::RequestsPage, state::provide_app_state,
};
use configurator_domain::{
    api::{Role, SessionResponse},
    bundle::Bundle,
};
use leptos::{mount::mount_to, prelude::*};
use serde_json::{Value, json};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, catalog_response, container, count, find, has, shared, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

/// The dealer whose requests are shown.
const DEALER: &str = "requests-dealer";
/// The list's address.
const LIST: &str = "/api/v1/quote-requests";

/// The catalog as the server sends it.
fn catalog_json() -> String {
    serde_json::to_string(&catalog_response()).expect("JSON")
}

/// A request as the server lists it: a Cobalt in its default configuration.
fn request(id: i64, status: &str, name: &str, contact: &str, quantity: u32) -> Value {
    let code = shared()
        .default_code(&"cobalt".parse().expect("a model id"))
        .expect("a default code")
        .to_owned();
    json!({
        "id": id,
        "status": status,
        "partner": "autosalon-kg",
        "partner_name": "Autosalon.kg",
        "name": name,
        "contact": contact,
        "code": code,
        "model": "cobalt",
        "quantity": quantity,
        "message": "Fleet for a taxi firm",
        "market": "KG",
        "catalog_version": "2027.1",
        "total": 123_456_700,
        "currency": "KGS",
        "minor_digits": 2,
        "created_at": format!("2027-03-0{id}T10:00:00Z"),
    })
}

/// Three requests, newest first: a new one, a contacted one and a closed one.
fn three_requests() -> String {
    json!({ "requests": [
        request(3, "new", "Aibek", "+996 555 123 456", 3),
        request(2, "contacted", "Aida", "aida@example.kg", 1),
        request(1, "closed", "Bakyt", "+996 700 000 001", 12),
    ]})
    .to_string()
}

/// Mounts the page, signed in as `account` (none: signed out).
fn mount_page(account: Option<SessionResponse>) -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    provide_address(Bundle::Office);
                    let app = provide_app_state(None, Vec::new());
                    app.account.set(account.clone());
                    view! { <RequestsPage /> }
                }
            </I18nContextProvider>
        }
    });
    (root, handle)
}

fn dealer() -> Option<SessionResponse> {
    Some(SessionResponse {
        username: DEALER.to_owned(),
        role: Role::Dealer,
        dealership: Some("Bishkek Auto Center".to_owned()),
    })
}

/// The row of request `id`.
fn row(root: &web_sys::HtmlElement, id: i64) -> web_sys::HtmlElement {
    find(root, &format!("tr[data-request=\"{id}\"]"))
}

/// The status button of `status` in the row of request `id`.
fn status_button(root: &web_sys::HtmlElement, id: i64, status: &str) -> web_sys::HtmlElement {
    find(
        &row(root, id),
        &format!(".request-status button[data-status={status}]"),
    )
}

/// The status whose button is pressed in the row of request `id`.
fn pressed(root: &web_sys::HtmlElement, id: i64) -> String {
    find(&row(root, id), ".request-status [aria-pressed=true]")
        .get_attribute("data-status")
        .unwrap_or_default()
}

fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

/// Picks `value` in the status filter, as a change of the select does.
fn pick_filter(root: &web_sys::HtmlElement, value: &str) {
    let select = find(root, "select[name=status]");
    js_sys::Reflect::set(&select, &"value".into(), &value.into()).expect("set the value");
    let change = web_sys::Event::new("change").expect("an event");
    select.dispatch_event(&change).expect("dispatch");
}

/// Holds the page's requests to paths ending in `path` unanswered until [`Holding::answer`],
/// noting each one's method and body; the network comes back when the guard is dropped.
fn hold(path: &str) -> Holding {
    let window = window();
    let original = js_sys::Reflect::get(&window, &"fetch".into()).expect("fetch");
    let fake = js_sys::Function::new_with_args(
        "original, input, init",
        &format!(
            "const url = typeof input === 'string' ? input : input.url;
             if (new URL(url, location.href).pathname.endsWith({path:?})) {{
               const request = typeof input === 'string' ? new Request(input, init) : input;
               window.__held_sent ??= [];
               request.clone().text().then((body) => window.__held_sent.push(request.method + ' ' + body));
               return new Promise((resolve) => (window.__held ??= []).push(resolve));
             }}
             return original(input, init);"
        ),
    )
    .bind1(&wasm_bindgen::JsValue::NULL, &original);
    js_sys::Reflect::set(&window, &"fetch".into(), &fake).expect("replace fetch");
    Holding { original }
}

/// Requests held by [`hold`]; puts the network back when dropped.
struct Holding {
    original: wasm_bindgen::JsValue,
}

impl Holding {
    /// How many requests are held.
    fn count(&self) -> u32 {
        js_sys::Reflect::get(&window(), &"__held".into())
            .ok()
            .filter(|held| held.is_object())
            .map_or(0, |held| js_sys::Array::from(&held).length())
    }

    /// The method and body of every held request, oldest first.
    fn sent(&self) -> Vec<String> {
        support::window_strings("__held_sent")
    }

    /// Answers every held request with `status` and the JSON `body`.
    fn answer(&self, status: u16, body: &str) {
        let release = js_sys::Function::new_with_args(
            "body",
            &format!(
                "for (const resolve of window.__held ?? []) resolve(new Response(body,
                   {{ status: {status}, headers: {{ 'content-type': 'application/json' }} }}));
                 window.__held = [];"
            ),
        );
        release
            .call1(&wasm_bindgen::JsValue::NULL, &body.into())
            .expect("answer");
    }
}

impl Drop for Holding {
    fn drop(&mut self) {
        let window = window();
        let _ = js_sys::Reflect::set(&window, &"fetch".into(), &self.original);
        let _ = js_sys::Reflect::delete_property(&window, &"__held".into());
        let _ = js_sys::Reflect::delete_property(&window, &"__held_sent".into());
    }
}

#[wasm_bindgen_test]
async fn each_request_shows_who_what_and_how_to_reach_them_and_closed_ones_only_when_asked() {
    support::clear_storage();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let _list = answer(LIST, 200, &three_requests());
    let (root, _mounted) = mount_page(dealer());
    wait_until("the open requests", || count(&root, "tbody tr") == 2).await;
    assert!(
        !has(&root, "tr[data-request=\"1\"]"),
        "closed: hidden by default"
    );
    wait_until("the model's name from the catalog", || {
        text(&row(&root, 3)).contains("Chevrolet Cobalt")
    })
    .await;
    let newest = text(&row(&root, 3));
    for expected in [
        "2027-03-03",
        "Autosalon.kg",
        "Aibek",
        "+996 555 123 456",
        "Fleet for a taxi firm",
    ] {
        assert!(newest.contains(expected), "{expected} in {newest}");
    }
    assert!(
        newest.contains("1,234,567.00\u{a0}KGS"),
        "the total in minor units, formatted: {newest}"
    );
    let phone = find(&row(&root, 3), "a[href^='tel:']");
    assert_eq!(
        phone.get_attribute("href").as_deref(),
        Some("tel:+996555123456")
    );
    let email = find(&row(&root, 2), "a[href^='mailto:']");
    assert_eq!(
        email.get_attribute("href").as_deref(),
        Some("mailto:aida@example.kg")
    );
    assert_eq!(pressed(&root, 3), "new");
    assert_eq!(pressed(&root, 2), "contacted");

    pick_filter(&root, "closed");
    wait_until("the closed request only", || {
        count(&root, "tbody tr") == 1 && has(&root, "tr[data-request=\"1\"]")
    })
    .await;
    pick_filter(&root, "all");
    wait_until("every request", || count(&root, "tbody tr") == 3).await;
}

#[wasm_bindgen_test]
async fn a_status_moves_only_once_the_server_stored_it_and_a_refusal_keeps_the_old_one() {
    support::clear_storage();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let _list = answer(LIST, 200, &three_requests());
    let (root, _mounted) = mount_page(dealer());
    wait_until("the requests", || count(&root, "tbody tr") == 2).await;

    let held = hold("/api/v1/quote-requests/3");
    status_button(&root, 3, "contacted").click();
    wait_until("the request on its way", || held.count() == 1).await;
    wait_until("the body noted", || !held.sent().is_empty()).await;
    assert_eq!(held.sent(), [r#"PATCH {"status":"contacted"}"#]);
    wait_until("the saving note", || {
        text(&row(&root, 3)).contains("Saving…")
    })
    .await;
    assert_eq!(
        pressed(&root, 3),
        "new",
        "nothing changes before the server answers"
    );
    assert_eq!(
        row(&root, 3).get_attribute("data-status").as_deref(),
        Some("new")
    );
    // A second choice while the first is on its way is ignored.
    status_button(&root, 3, "closed").click();
    support::tick().await;
    assert_eq!(held.count(), 1);
    let stored = request(3, "contacted", "Aibek", "+996 555 123 456", 3);
    held.answer(200, &stored.to_string());
    wait_until("the stored status", || pressed(&root, 3) == "contacted").await;
    assert!(!text(&row(&root, 3)).contains("Saving…"));
    drop(held);

    let _refusing = answer(
        "/api/v1/quote-requests/3",
        404,
        r#"{"error":{"code":"not_found","message":"no such quote request","fields":{}}}"#,
    );
    status_button(&root, 3, "closed").click();
    wait_until("the refusal", || {
        text(&find(&row(&root, 3), "[role=alert]")).contains("no such quote request")
    })
    .await;
    assert_eq!(pressed(&root, 3), "contacted", "the old status stays");
}

#[wasm_bindgen_test]
async fn a_request_closed_under_the_default_filter_stays_until_the_filter_changes() {
    support::clear_storage();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let _list = answer(LIST, 200, &three_requests());
    let (root, _mounted) = mount_page(dealer());
    wait_until("the requests", || count(&root, "tbody tr") == 2).await;
    let closed = request(2, "closed", "Aida", "aida@example.kg", 1);
    let _closing = answer("/api/v1/quote-requests/2", 200, &closed.to_string());
    status_button(&root, 2, "closed").click();
    wait_until("the stored status", || pressed(&root, 2) == "closed").await;
    assert_eq!(count(&root, "tbody tr"), 2, "still in view, to undo a slip");
    pick_filter(&root, "new");
    wait_until("the new request only", || count(&root, "tbody tr") == 1).await;
    pick_filter(&root, "open");
    wait_until("the open requests", || count(&root, "tbody tr") == 1).await;
    assert!(has(&root, "tr[data-request=\"3\"]"));
    pick_filter(&root, "closed");
    wait_until("both closed requests", || count(&root, "tbody tr") == 2).await;
}

#[wasm_bindgen_test]
async fn to_cart_makes_one_line_of_the_request_and_the_same_again_offers_to_add_to_it() {
    support::clear_storage();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let _list = answer(LIST, 200, &three_requests());
    let (root, _mounted) = mount_page(dealer());
    wait_until("the requests", || count(&root, "tbody tr") == 2).await;
    find(&row(&root, 3), "button.to-cart").click();
    wait_until("the note", || has(&row(&root, 3), "a[href='/cart']")).await;
    let lines = Cart::load(DEALER).lines;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].model.as_str(), "cobalt");
    assert_eq!(lines[0].quantity.get(), 3);
    assert_eq!(
        Some(lines[0].code.as_str()),
        shared().default_code(&"cobalt".parse().expect("a model id"))
    );

    // Request 2 is the same configuration: the dealer is offered to add its quantity instead.
    find(&row(&root, 2), "button.to-cart").click();
    wait_until("the offer", || {
        text(&row(&root, 2)).contains("already in the cart")
    })
    .await;
    assert_eq!(Cart::load(DEALER).lines.len(), 1);
    let raise = row(&root, 2)
        .query_selector_all(".request-note button")
        .expect("buttons")
        .item(0)
        .expect("the offer's button")
        .unchecked_into::<web_sys::HtmlElement>();
    raise.click();
    wait_until("the line raised", || {
        Cart::load(DEALER).lines.first().map(|l| l.quantity.get()) == Some(4)
    })
    .await;
    assert!(has(&row(&root, 2), "a[href='/cart']"));
}

#[wasm_bindgen_test]
async fn no_requests_a_failure_with_retry_and_signed_out_each_say_so() {
    support::clear_storage();
    let _catalog = answer("/api/v1/catalog", 200, &catalog_json());
    let failing = answer(
        LIST,
        500,
        r#"{"error":{"code":"internal","message":"internal error","fields":{}}}"#,
    );
    let (root, _mounted) = mount_page(dealer());
    wait_until("the failure", || has(&root, ".problem button")).await;
    assert!(text(&find(&root, ".problem")).contains("internal error"));
    drop(failing);
    let _empty = answer(LIST, 200, r#"{"requests":[]}"#);
    find(&root, ".problem button").click();
    wait_until("the empty list", || has(&root, ".empty")).await;
    assert!(text(&find(&root, ".empty")).contains("No quote requests yet"));

    let (signed_out, _mounted) = mount_page(None);
    wait_until("the sign-in link", || has(&signed_out, ".notice a")).await;
    assert_eq!(
        find(&signed_out, ".notice a")
            .get_attribute("href")
            .as_deref(),
        Some("/sign-in?next=%2Frequests")
    );
    assert!(!has(&signed_out, "table"));
}
