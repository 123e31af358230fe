//! Browser tests of the planner's page (`/plan`), mounted with the app's state and address and a
//! plan answered in place of the server: the chart's bars and their names, the frozen months, the
//! table, the range in the URL driving the request, and what a dealer or a visitor is told.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use configurator::{
    i18n::I18nContextProvider,
    navigation::{current, provide_address},
    pages::plan::PlanPage,
    state::provide_app_state,
};
use configurator_domain::{
    api::{PhaseStart, PlanResponse, Role, SessionResponse},
    bundle::Bundle,
    plan::{MonthView, YearMonth},
};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{answer, answered, container, count, find, has, tick, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

fn month(text: &str) -> YearMonth {
    text.parse().expect("a month")
}

fn view(m: &str, line: &str, capacity: u32, per_model: &[(&str, u32)]) -> MonthView {
    let allocated: u32 = per_model.iter().map(|(_, n)| n).sum();
    MonthView {
        month: month(m),
        line: line.parse().expect("a line"),
        capacity,
        allocated,
        free: capacity - allocated,
        utilisation_bp: allocated * 10_000 / capacity,
        per_model: per_model
            .iter()
            .map(|(k, n)| ((*k).to_owned(), *n))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Three months over the end of the SKD phase; today is November 2029 and one more month is
/// frozen.
fn plan_json() -> String {
    let plan = PlanResponse {
        calendar_version: "test".to_owned(),
        from: month("2029-11"),
        to: month("2030-01"),
        today: month("2029-11"),
        frozen_months: 1,
        months: vec![
            view("2029-11", "passenger", 180, &[("cobalt", 90)]),
            view("2029-11", "commercial", 120, &[("npr", 30)]),
            view("2029-12", "passenger", 180, &[]),
            view("2029-12", "commercial", 120, &[]),
            view(
                "2030-01",
                "passenger",
                1500,
                &[("cobalt", 1000), ("onix", 420)],
            ),
            view("2030-01", "commercial", 1000, &[("npr", 500)]),
        ],
        phases: vec![
            PhaseStart {
                name: "SKD".to_owned(),
                first: month("2027-01"),
            },
            PhaseStart {
                name: "full".to_owned(),
                first: month("2030-01"),
            },
        ],
    };
    serde_json::to_string(&plan).expect("JSON")
}

/// Opens `address` and mounts the plan page there, signed in with `role` (or signed out).
fn mount_at(address: &str, role: Option<Role>) -> (web_sys::HtmlElement, impl Drop) {
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address))
        .expect("replace");
    let root = container();
    let handle = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    provide_address(Bundle::Office);
                    let app = provide_app_state(None, Vec::new());
                    app.account.set(role.map(|role| SessionResponse {
                        username: "someone".to_owned(),
                        role,
                        dealership: (role == Role::Dealer).then(|| "Bishkek Auto Center".to_owned()),
                    }));
                    view! { <PlanPage /> }
                }
            </I18nContextProvider>
        }
    });
    (root, handle)
}

/// The `attribute` of every element `selector` names under `root`.
fn attributes(root: &web_sys::HtmlElement, selector: &str, attribute: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute(attribute))
        .collect()
}

/// The text of each cell of each row `selector` names.
fn rows(root: &web_sys::HtmlElement, selector: &str) -> Vec<Vec<String>> {
    let list = root.query_selector_all(selector).expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .map(|row| {
            let cells = row.query_selector_all("td").expect("cells");
            (0..cells.length())
                .filter_map(|i| cells.item(i))
                .map(|c| c.text_content().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_planner_sees_a_bar_per_month_and_line_the_frozen_months_and_the_same_table() {
    let _plan = answer("/api/v1/plan", 200, &plan_json());
    let (root, handle) = mount_at("/plan?from=2029-11&to=2030-01", Some(Role::Planner));
    wait_until("the chart", || has(&root, "svg rect.bar")).await;

    // The range in the URL is the range asked for.
    assert!(
        answered().contains(&"/api/v1/plan?from=2029-11&to=2030-01".to_owned()),
        "{:?}",
        answered()
    );
    assert_eq!(
        attributes(&root, "svg rect.bar", "aria-label"),
        [
            "November 2029, passenger line: 90 of 180, frozen",
            "November 2029, commercial line: 30 of 120, frozen",
            "December 2029, passenger line: 0 of 180, frozen",
            "December 2029, commercial line: 0 of 120, frozen",
            "January 2030, passenger line: 1,420 of 1,500",
            "January 2030, commercial line: 500 of 1,000",
        ]
    );
    // One tab stop: the first bar; every bar is a button.
    assert_eq!(
        attributes(&root, "svg rect.bar", "tabindex"),
        ["0", "-1", "-1", "-1", "-1", "-1"]
    );
    assert_eq!(count(&root, "svg rect.bar[role=button]"), 6);
    // The frozen months: their bars and the band.
    assert_eq!(
        attributes(&root, "svg rect.bar[data-frozen]", "data-month"),
        ["2029-11", "2029-11", "2029-12", "2029-12"]
    );
    assert!(has(&root, "svg rect.frozen"));
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("SKD phase") && text.contains("Full phase"),
        "{text}"
    );
    assert!(has(&root, "svg path.capacity"));

    // The table says the same, a row per month and line, frozen months marked.
    assert_eq!(
        rows(&root, ".plan-table tbody tr"),
        [
            ["passenger line", "180", "90", "90", "50%"],
            ["commercial line", "120", "30", "90", "25%"],
            ["passenger line", "180", "0", "180", "0%"],
            ["commercial line", "120", "0", "120", "0%"],
            ["passenger line", "1,500", "1,420", "80", "94.66%"],
            ["commercial line", "1,000", "500", "500", "50%"],
        ]
    );
    assert_eq!(count(&root, ".plan-table tbody.frozen"), 2);
    assert_eq!(
        find(&root, ".plan-table tbody th")
            .text_content()
            .unwrap_or_default(),
        "November 2029FrozenOrders"
    );
    // The export of the same range.
    assert_eq!(
        find(&root, "a.plan-csv").get_attribute("href").as_deref(),
        Some("/api/v1/plan.csv?from=2029-11&to=2030-01")
    );

    // Per model: a part per model, named (by id: this test has no catalog).
    find(&root, ".plan-stack label:nth-of-type(2) input").click();
    tick().await;
    assert_eq!(
        attributes(&root, "svg rect.bar", "aria-label"),
        [
            "November 2029, cobalt: 90, frozen",
            "November 2029, npr: 30, frozen",
            "January 2030, cobalt: 1,000",
            "January 2030, npr: 500",
            "January 2030, onix: 420",
        ]
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_new_range_goes_into_the_url_and_is_asked_for() {
    let _plan = answer("/api/v1/plan", 200, &plan_json());
    let (root, handle) = mount_at("/plan", Some(Role::Planner));
    wait_until("the chart", || has(&root, "svg rect.bar")).await;
    assert!(
        answered().contains(&"/api/v1/plan".to_owned()),
        "{:?}",
        answered()
    );
    // The range the server answered for is shown.
    let to: web_sys::HtmlInputElement = find(&root, "input[name=to]").unchecked_into();
    assert_eq!(to.value(), "2030-01");
    to.set_value("2030-06");
    to.dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    wait_until("the new request", || {
        answered().contains(&"/api/v1/plan?from=2029-11&to=2030-06".to_owned())
    })
    .await;
    assert_eq!(current(), "/plan?from=2029-11&to=2030-06");
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_dealer_is_told_the_plan_is_the_planners_and_a_visitor_is_asked_to_sign_in() {
    let (root, handle) = mount_at("/plan?from=2030-01", Some(Role::Dealer));
    tick().await;
    let text = find(&root, "[role=status]")
        .text_content()
        .unwrap_or_default();
    assert!(
        text.contains("shown to the plant's planners only"),
        "{text}"
    );
    assert!(!has(&root, "svg"), "no chart");
    assert!(!has(&root, "a.plan-csv"), "no export");
    drop(handle);

    let (root, handle) = mount_at("/plan?from=2030-01", None);
    tick().await;
    let link = find(&root, "[role=status] a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/sign-in?next=%2Fplan%3Ffrom%3D2030-01")
    );
    drop(handle);
}
