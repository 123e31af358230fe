//! Browser tests of the compare page mounted with the real catalog and the real address bar: a
//! bad code is a column with its error beside the good ones, a usage out of range is named field
//! by field, and a valid usage typed on the page costs the columns, marks the cheapest and is
//! written to the address.
#![cfg(target_arch = "wasm32")]

use configurator::{
    i18n::I18nContextProvider,
    navigation::{current, provide_address},
    pages::compare::ComparePage,
    state::provide_app_state,
};
use configurator_domain::bundle::Bundle;
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, catalog_response, container, count, find, shared, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

/// Types `text` into the input `selector` names, as a user would.
fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").expect("an event"))
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_bad_code_is_its_own_column_and_a_valid_usage_costs_the_rest() {
    let data = shared();
    let code = |model: &str| {
        data.default_code(&model.parse().expect("a model id"))
            .expect("a default code")
            .to_owned()
    };
    let address = format!(
        "/compare?c={}&c=NOT-A-CODE&c={}&q=0&km=-5&years=5&market=KG",
        code("cobalt"),
        code("np37-city")
    );
    window()
        .history()
        .expect("the history")
        .replace_state_with_url(&JsValue::NULL, "", Some(&address))
        .expect("an address");
    let catalog = serde_json::to_string(&catalog_response()).expect("JSON");
    let _catalog = answer("/api/v1/catalog", 200, &catalog);
    let root = container();
    let _mounted = mount_to(root.clone(), || {
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
