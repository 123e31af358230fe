//! Browser tests of the compare page mounted with the real catalog and the real address bar: a
//! bad code is a column with its error beside the good ones, a usage out of range is named field
//! by field, and a valid usage typed on the page costs the columns, marks the cheapest and is
//! written to the address; each option is included, optional with its price, or unavailable with
//! its reason; Back after a typed figure puts the previous one back in the field and the table;
//! and the build months of every column come in one request, again when the quantity changes.
#![cfg(target_arch = "wasm32")]

use configurator::{
    i18n::I18nContextProvider,
    navigation::{current, provide_address},
    pages::compare::ComparePage,
    state::provide_app_state,
};
use configurator_domain::{Configuration, bundle::Bundle, code};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{
    answer, answered, catalog_response, container, count, find, history_length, shared, wait_until,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Types `text` into the input `selector` names and leaves it, as a user would.
fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    for event in ["input", "change"] {
        input
            .dispatch_event(&web_sys::Event::new(event).expect("an event"))
            .expect("dispatch");
    }
}

/// The default configuration code of `model`.
fn default_code(model: &str) -> String {
    shared()
        .default_code(&model.parse().expect("a model id"))
        .expect("a default code")
        .to_owned()
}

/// Mounts the compare page at `address`, with the real catalog; the page and the catalog's
/// answering last as long as what is returned.
fn mount_compare(address: &str) -> (web_sys::HtmlElement, impl Drop, impl Drop) {
    window()
        .history()
        .expect("the history")
        .replace_state_with_url(&JsValue::NULL, "", Some(address))
        .expect("an address");
    let catalog = serde_json::to_string(&catalog_response()).expect("JSON");
    let answering = answer("/api/v1/catalog", 200, &catalog);
    let root = container();
    let mounted = mount_to(root.clone(), || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    provide_address(Bundle::Compare);
                    provide_app_state(None, Vec::new());
                    view! { <ComparePage /> }
                }
            </I18nContextProvider>
        }
    });
    (root, mounted, answering)
}

/// The text of the cells of the row `id`.
fn cells(root: &web_sys::HtmlElement, id: &str) -> Vec<String> {
    let list = root
        .query_selector_all(&format!("tr[data-row=\"{id}\"] td"))
        .expect("a selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|cell| cell.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_bad_code_is_its_own_column_and_a_valid_usage_costs_the_rest() {
    let address = format!(
        "/compare?c={}&c=NOT-A-CODE&c={}&q=0&km=-5&years=5&market=KG",
        default_code("cobalt"),
        default_code("np37-city")
    );
    let (root, _mounted, _catalog) = mount_compare(&address);
    wait_until("three columns", || count(&root, ".column-head") == 3).await;
    assert_eq!(count(&root, ".column-error"), 1);
    assert!(
        find(&root, ".column-head:nth-of-type(2)")
            .text_content()
            .unwrap_or_default()
            .contains("NOT-A-CODE")
    );
    // The quantity and the kilometres are wrong, the years are not; nothing is costed.
    let invalid = |id: &str| find(&root, id).get_attribute("aria-invalid");
    assert_eq!(invalid("#compare-quantity").as_deref(), Some("true"));
    assert_eq!(invalid("#compare-km").as_deref(), Some("true"));
    assert_eq!(invalid("#compare-years").as_deref(), Some("false"));
    assert_eq!(count(&root, "[data-cheapest]"), 0);
    assert_eq!(count(&root, "tr[data-row=\"unit-price\"] td.best"), 1);

    type_into(&root, "#compare-quantity", "12");
    type_into(&root, "#compare-km", "40 000");
    wait_until("the cheapest marked", || {
        count(&root, "[data-cheapest]") == 1
    })
    .await;
    assert_eq!(invalid("#compare-km").as_deref(), Some("false"));
    wait_until("the usage in the address", || {
        current().contains("q=12&km=40000&years=5&market=KG")
    })
    .await;
    assert!(
        current().contains("c=NOT-A-CODE"),
        "the bad code stays: {}",
        current()
    );
}

#[wasm_bindgen_test]
async fn each_option_is_included_optional_with_its_price_or_unavailable_with_its_reason() {
    // A Cobalt LS with the rear body kit, whose rules keep the tow bar out, beside a Nexia.
    let data = shared();
    let cobalt = data
        .catalog()
        .model(&"cobalt".parse().expect("a model id"))
        .expect("the Cobalt");
    let mut with_kit: Configuration = cobalt.default_configuration();
    with_kit
        .options
        .insert("rear-bodykit".parse().expect("an option id"));
    let kit_code = code::encode(data.catalog(), &with_kit).expect("a code");
    let address = format!(
        "/compare?c={kit_code}&c={}&q=1&km=30000&years=5&market=KG",
        default_code("nexia")
    );
    let (root, _mounted, _catalog) = mount_compare(&address);
    wait_until("the equipment rows", || {
        count(&root, "tr[data-row=\"option-rear-camera\"] td") == 2
    })
    .await;
    let standing = |id: &str| {
        let list = root
            .query_selector_all(&format!("tr[data-row=\"{id}\"] td"))
            .expect("a selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|cell| {
                cell.unchecked_into::<web_sys::Element>()
                    .get_attribute("data-equipment")
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    // The white paint both have; the body kit chosen on the Cobalt, which the Nexia lacks.
    assert_eq!(standing("option-summit-white"), ["included", "included"]);
    assert_eq!(
        cells(&root, "option-rear-bodykit"),
        ["included", "unavailable — not offered on this model"]
    );
    // The winter package can be added to either, for its price in soms, VAT included.
    assert_eq!(standing("option-winter"), ["optional", "optional"]);
    let winter = &cells(&root, "option-winter")[0];
    assert!(
        winter.starts_with("optional, +") && winter.ends_with("KGS"),
        "{winter}"
    );
    // Not on the LS trim, and excluded by the body kit: the engine's reasons, in words.
    assert_eq!(
        cells(&root, "option-rear-camera"),
        [
            "unavailable — not offered with the LS trim",
            "unavailable — not offered on this model"
        ]
    );
    assert_eq!(
        cells(&root, "option-tow-bar")[0],
        "unavailable — Tow bar is not compatible with Rear body kit (bumper skirt)"
    );
    // The rows come under their catalog group, and the equal ones hide with the others.
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("Equipment: Packages")
    );
    let row = |id: &str| find(&root, &format!("tr[data-row=\"{id}\"]"));
    assert!(!row("option-summit-white").has_attribute("hidden"));
    let switch: web_sys::HtmlInputElement = find(&root, ".compare-switch input").unchecked_into();
    switch.click();
    wait_until("the equal rows hidden", || {
        row("option-summit-white").has_attribute("hidden")
    })
    .await;
    assert!(!row("option-rear-camera").has_attribute("hidden"));
    assert!(row("option-rear-camera").class_list().contains("differs"));
}

#[wasm_bindgen_test]
async fn back_after_a_typed_figure_puts_the_previous_one_back_in_the_field_and_the_table() {
    let address = format!(
        "/compare?c={}&c={}&q=1&km=30000&years=5&market=KG",
        default_code("cobalt"),
        default_code("nexia")
    );
    let (root, _mounted, _catalog) = mount_compare(&address);
    wait_until("the fuel cost", || {
        cells(&root, "fuel-cost").iter().all(|c| c.contains("KGS"))
    })
    .await;
    let km = || {
        find(&root, "#compare-km")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    let before = cells(&root, "fuel-cost");
    let entries = history_length();

    // Keystrokes alone make no history entry; leaving the changed field makes one.
    let input: web_sys::HtmlInputElement = find(&root, "#compare-km").unchecked_into();
    input.set_value("45 000");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("an event"))
        .expect("dispatch");
    wait_until("the table costed as typed", || {
        cells(&root, "fuel-cost") != before
    })
    .await;
    assert_eq!(history_length(), entries);
    assert!(current().contains("km=30000"), "{}", current());
    type_into(&root, "#compare-km", "45 000");
    wait_until("the typed figure in the address", || {
        current().contains("km=45000")
    })
    .await;
    assert_eq!(history_length(), entries + 1);
    let typed = cells(&root, "fuel-cost");

    // Back: the address, the field and the table are as before.
    window()
        .history()
        .expect("the history")
        .back()
        .expect("back");
    wait_until("the previous figure in the field", || km() == "30000").await;
    assert!(current().contains("km=30000"), "{}", current());
    wait_until("the previous costs", || cells(&root, "fuel-cost") == before).await;
    // Forward: the typed figure again.
    window()
        .history()
        .expect("the history")
        .forward()
        .expect("forward");
    wait_until("the typed figure in the field", || km() == "45000").await;
    wait_until("the typed costs", || cells(&root, "fuel-cost") == typed).await;

    // A fuel price typed is a history entry too, and Back takes it out of the field again.
    type_into(&root, "#fuel-petrol-l", "80");
    wait_until("the fuel price in the address", || {
        current().contains("fuel-petrol-l=8000")
    })
    .await;
    assert_eq!(history_length(), entries + 2);
    let petrol = || {
        find(&root, "#fuel-petrol-l")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    window()
        .history()
        .expect("the history")
        .back()
        .expect("back");
    wait_until("the catalog's fuel price in the field", || {
        petrol() == "72.50"
    })
    .await;
    wait_until("the costs of the catalog's price", || {
        cells(&root, "fuel-cost") == typed
    })
    .await;
    assert!(!current().contains("fuel-"), "{}", current());
}

/// The availability requests answered on this page so far.
fn availability_requests() -> Vec<String> {
    answered()
        .into_iter()
        .filter(|path| path.starts_with("/api/v1/availability"))
        .collect()
}

#[wasm_bindgen_test]
async fn every_columns_build_month_comes_in_one_request_again_when_the_quantity_changes() {
    let (cobalt, nexia) = (default_code("cobalt"), default_code("nexia"));
    let months = r#"{ "configurations": [
        { "model": "cobalt", "quantity": 10, "first": "2027-03", "last": "2027-03" },
        { "model": "nexia", "quantity": 10, "first": "2027-03", "last": "2027-04" } ] }"#;
    let _availability = answer("/api/v1/availability/configurations", 200, months);
    let before = availability_requests().len();
    let address =
        format!("/compare?c={cobalt}&c=NOT-A-CODE&c={nexia}&q=10&km=30000&years=5&market=KG");
    let (root, _mounted, _catalog) = mount_compare(&address);
    wait_until("the build months", || {
        cells(&root, "build-month")
            .iter()
            .filter(|c| c.contains("2027"))
            .count()
            == 2
    })
    .await;
    // Each cell in its column; the bad code's column is not asked about.
    assert_eq!(
        cells(&root, "build-month"),
        ["March 2027", "—", "March 2027 – April 2027"]
    );
    assert_eq!(
        availability_requests()[before..],
        [format!(
            "/api/v1/availability/configurations?code={cobalt}&code={nexia}&quantity=10"
        )]
    );

    // Another quantity is one more request; other figures of the usage ask nothing.
    type_into(&root, "#compare-quantity", "12");
    wait_until("the second request", || {
        availability_requests().len() == before + 2
    })
    .await;
    assert!(
        availability_requests()[before + 1].ends_with("&quantity=12"),
        "{:?}",
        availability_requests()
    );
    let fuel = cells(&root, "fuel-cost");
    type_into(&root, "#compare-km", "45 000");
    wait_until("the table costed anew", || {
        cells(&root, "fuel-cost") != fuel
    })
    .await;
    assert_eq!(availability_requests().len(), before + 2);
}

#[wasm_bindgen_test]
async fn a_column_without_room_says_so_alone() {
    let (cobalt, nexia) = (default_code("cobalt"), default_code("nexia"));
    // No room for the Nexias before the horizon: `null` in their place.
    let months = r#"{ "configurations": [
        { "model": "cobalt", "quantity": 999, "first": "2027-03", "last": "2027-09" }, null ] }"#;
    let _availability = answer("/api/v1/availability/configurations", 200, months);
    let address = format!("/compare?c={cobalt}&c={nexia}&q=999&km=30000&years=5&market=KG");
    let (root, _mounted, _catalog) = mount_compare(&address);
    wait_until("the build months", || {
        cells(&root, "build-month")
            .iter()
            .any(|c| c.contains("2027"))
    })
    .await;
    assert_eq!(
        cells(&root, "build-month"),
        ["March 2027 – September 2027", "unavailable"]
    );
}
