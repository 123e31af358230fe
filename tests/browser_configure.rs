//! Browser tests of the configure page's parts, mounted on their own with the real catalog
//! (`data/catalog.toml`) and driven through the DOM: the option picker, the conflict dialog, the
//! picker and the dialog wired together as the page wires them, the price panel, and the spec
//! sheet following the choices.
#![cfg(target_arch = "wasm32")]

use configurator::{
    format::{self, MoneyUnit},
    i18n::I18nContextProvider,
    pages::configure::{
        change_notice::ChangeNotice, conflict_dialog::ConflictDialog, editing::Editing,
        option_picker::OptionPicker, price_panel::PricePanel, spec_sheet::SpecSheet,
        use_conflict::use_conflict,
    },
    state::SharedCatalog,
};
use configurator_domain::{
    Applied, Choice, Configuration, Lang, Quantity, engine,
    price::{self, Currency},
};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{built, cobalt, container, count, find, model_named, shared, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn input(root: &web_sys::HtmlElement, choice: &str) -> web_sys::HtmlInputElement {
    find(root, &format!("input[data-choice=\"{choice}\"]")).unchecked_into()
}

#[wasm_bindgen_test]
async fn option_picker_offers_real_radio_and_checkbox_groups_with_prices_and_reasons() {
    let data = shared();
    let (index, model) = cobalt(&data);
    let configuration = RwSignal::new(model.default_configuration());
    let chosen = RwSignal::new(Vec::<Choice>::new());
    let root = container();
    let picker_data = data.clone();
    let picker_model = model.clone();
    let _handle = mount_to(root.clone(), move || {
        let model = picker_model.clone();
        let availability =
            Memo::new(move |_| configuration.with(|c| engine::availability(&model, c)));
        let model = picker_model.clone();
        // Like the page: non-conflicting choices apply at once; conflicting ones wait (here forever).
        let on_choice = Callback::new(move |choice: Choice| {
            chosen.update(|c| c.push(choice.clone()));
            let applied = configuration.with_untracked(|c| engine::apply(&model, c, choice));
            if let Ok(applied) = applied
                && !applied.is_conflict_resolution()
            {
                configuration.set(applied.configuration);
            }
        });
        view! {
            <I18nContextProvider enable_cookie=false>
                <OptionPicker
                    data=picker_data.clone()
                    model_index=index
                    configuration=configuration
                    availability=availability
                    unit=Signal::derive(MoneyUnit::usd)
                    on_choice=on_choice
                />
            </I18nContextProvider>
        }
    });
    built().await;

    // One fieldset per step: trim, powertrain and each group, each with a legend.
    let steps = 2 + model.groups().len() as u32;
    assert_eq!(count(&root, "fieldset.step"), steps);
    assert_eq!(count(&root, "fieldset.step > legend"), steps);
    assert_eq!(count(&root, "input[type=radio][name=trim]"), 3);
    assert!(count(&root, "input[type=checkbox]") > 5);
    assert!(input(&root, "trim:ls").checked());

    // Price differences, in the unit's currency.
    let paint = find(&root, "input[data-choice=\"option:carbon-flash\"]")
        .parent_element()
        .expect("its label");
    assert!(
        paint.text_content().unwrap_or_default().contains("+250.00"),
        "{}",
        paint.inner_html()
    );

    // An option not offered on the LS trim is offered all the same, its note saying what changes.
    let beige = input(&root, "option:cloth-beige");
    assert!(!beige.disabled());
    assert_eq!(note(&root, "option:cloth-beige"), "changes the trim to LT");

    // Clicking a checkbox sends the choice up; the configuration (and the DOM) follow.
    input(&root, "option:floor-mats").click();
    tick().await;
    assert_eq!(
        chosen.get_untracked().last(),
        Some(&Choice::Select("floor-mats".parse().expect("id")))
    );
    assert!(input(&root, "option:floor-mats").checked());

    // A choice that waits for the conflict dialog leaves the inputs as they were. The automatic
    // is not offered on LS: choosing it would switch the trim.
    input(&root, "powertrain:1.5at").click();
    tick().await;
    assert_eq!(
        chosen.get_untracked().last(),
        Some(&Choice::Powertrain("1.5at".parse().expect("id")))
    );
    assert!(!input(&root, "powertrain:1.5at").checked());
    assert!(input(&root, "powertrain:1.5mt").checked());
    assert!(input(&root, "trim:ls").checked());
}

/// The note an input is described by.
fn note(root: &web_sys::HtmlElement, choice: &str) -> String {
    let note_id = input(root, choice)
        .get_attribute("aria-describedby")
        .unwrap_or_else(|| panic!("{choice} has no note"));
    find(root, &format!("#{note_id}"))
        .text_content()
        .unwrap_or_default()
}

/// The lines of the notice of what else the last choice changed.
fn also_changed(root: &web_sys::HtmlElement) -> Vec<String> {
    let items = root
        .query_selector_all(".change-notice li")
        .expect("query the notice");
    (0..items.length())
        .filter_map(|i| items.item(i))
        .map(|item| item.text_content().unwrap_or_default())
        .collect()
}

/// Choosing as the page wires it: the picker, the conflict flow with its dialog, and the notice
/// of what else changed.
#[component]
fn Choosing(data: SharedCatalog, model_index: usize, editing: Editing) -> impl IntoView {
    let model = data.catalog().models()[model_index].clone();
    let conflict = use_conflict(model.clone(), editing);
    let configuration = editing.configuration;
    let availability = Memo::new(move |_| configuration.with(|c| engine::availability(&model, c)));
    let pending = editing.pending;
    view! {
        <OptionPicker
            data=data.clone()
            model_index=model_index
            configuration=configuration
            availability=availability
            unit=Signal::derive(MoneyUnit::usd)
            on_choice=conflict.on_choice
        />
        <ConflictDialog
            data=data.clone()
            model_index=model_index
            pending=Signal::derive(move || pending.with(|p| p.as_ref().map(|(_, a)| a.clone())))
            price_change=Signal::derive(|| None::<String>)
            on_accept=conflict.on_accept
            on_cancel=conflict.on_cancel
        />
        <ChangeNotice data=data model_index=model_index last=editing.last_change on_undo=conflict.on_undo />
    }
}

#[wasm_bindgen_test]
async fn a_choice_one_change_makes_possible_is_offered_and_the_dialog_proposes_the_change() {
    let data = shared();
    let (index, model) = cobalt(&data);
    let editing = Editing::open(&data, &model, None, None);
    let root = container();
    let page_data = data.clone();
    let _handle = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                <Choosing data=page_data.clone() model_index=index editing=editing />
            </I18nContextProvider>
        }
    });
    built().await;
    let dialog_text = |root: &web_sys::HtmlElement| {
        find(root, "[role=dialog]")
            .text_content()
            .unwrap_or_default()
    };

    // On the LS, the parking package (not offered with it) is offered: its note names the trim
    // it needs, not the camera it includes, and choosing it asks to switch the trim.
    assert!(input(&root, "trim:ls").checked());
    assert!(!input(&root, "option:parking").disabled());
    assert_eq!(note(&root, "option:parking"), "changes the trim to LT");
    input(&root, "option:parking").click();
    tick().await;
    let text = dialog_text(&root);
    assert!(
        text.contains("switches from the LS trim to the LT trim: required by Parking package"),
        "{text}"
    );
    assert!(
        !input(&root, "option:parking").checked(),
        "not before the answer"
    );
    find(&root, "[role=dialog] button.primary").click();
    tick().await;
    assert_eq!(count(&root, "[role=dialog]"), 0);
    assert!(input(&root, "option:parking").checked());
    assert!(input(&root, "trim:lt").checked());
    // What else changed is the trim: the package and the camera and sensors it brings are the
    // choice itself, not told again.
    assert_eq!(
        also_changed(&root),
        ["switches from the LS trim to the LT trim: required by Parking package"]
    );

    // With the automatic, the CNG kit (an accessory, which excludes it) is offered, and choosing
    // it asks to go back to the manual.
    input(&root, "powertrain:1.5at").click();
    tick().await;
    assert!(
        input(&root, "powertrain:1.5at").checked(),
        "the LT has the automatic"
    );
    assert!(!input(&root, "option:cng-kit").disabled());
    let manual = "1.5 L, 106 hp, 5-speed manual";
    assert_eq!(
        note(&root, "option:cng-kit"),
        format!("changes the engine to {manual}")
    );
    input(&root, "option:cng-kit").click();
    tick().await;
    let text = dialog_text(&root);
    assert!(
        text.contains(&format!(
            "switches from 1.5 L, 106 hp, 6-speed automatic to {manual}"
        )),
        "{text}"
    );
    find(&root, "[role=dialog] button.primary").click();
    tick().await;
    assert!(input(&root, "option:cng-kit").checked());
    assert!(input(&root, "powertrain:1.5mt").checked());
    assert_eq!(
        also_changed(&root),
        [format!(
            "switches from 1.5 L, 106 hp, 6-speed automatic to {manual}: required by CNG cylinder kit (methane)"
        )]
    );
}

/// A configuration of the Cobalt with the automatic, and the result of then choosing the CNG kit,
/// which excludes the automatic.
fn conflict(model: &configurator_domain::Model) -> (Configuration, Applied) {
    let mut config = model.default_configuration();
    for choice in [
        Choice::Trim("lt".parse().expect("id")),
        Choice::Powertrain("1.5at".parse().expect("id")),
    ] {
        config = engine::apply(model, &config, choice)
            .expect("apply")
            .configuration;
    }
    let applied = engine::apply(
        model,
        &config,
        Choice::Select("cng-kit".parse().expect("id")),
    )
    .expect("apply");
    assert!(applied.is_conflict_resolution());
    (config, applied)
}

#[wasm_bindgen_test]
async fn conflict_dialog_lists_the_changes_traps_focus_and_answers_accept_cancel_and_escape() {
    let data = shared();
    let (index, model) = cobalt(&data);
    let (_, applied) = conflict(&model);
    let pending = RwSignal::new(Some(applied.clone()));
    let answers = RwSignal::new(Vec::<&'static str>::new());
    let root = container();
    let opener = document()
        .create_element("button")
        .expect("a button")
        .unchecked_into::<web_sys::HtmlElement>();
    root.append_child(&opener).expect("append");
    opener.focus().expect("focus");
    let dialog_data = data.clone();
    let _handle = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                <ConflictDialog
                    data=dialog_data.clone()
                    model_index=index
                    pending=pending
                    price_change=Signal::derive(|| Some("−900.00 USD".to_owned()))
                    on_accept=Callback::new(move |()| { answers.update(|a| a.push("accept")); pending.set(None); })
                    on_cancel=Callback::new(move |()| { answers.update(|a| a.push("cancel")); pending.set(None); })
                />
            </I18nContextProvider>
        }
    });
    tick().await;

    let dialog = find(&root, "[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let text = dialog.text_content().unwrap_or_default();
    for change in &applied.changes {
        let words = change.describe(&model, Lang::En);
        assert!(text.contains(&words), "`{words}` missing from {text}");
    }
    assert!(text.contains("−900.00 USD"));

    // Focus is inside, on the first button; Tab from the last button wraps to the first.
    let buttons = dialog.query_selector_all("button").expect("buttons");
    let first: web_sys::HtmlElement = buttons.item(0).expect("accept").unchecked_into();
    let last: web_sys::HtmlElement = buttons.item(1).expect("cancel").unchecked_into();
    let active = || document().active_element().expect("an active element");
    assert_eq!(active(), *first.unchecked_ref::<web_sys::Element>());
    last.focus().expect("focus");
    let tab = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Tab");
        init.set_bubbles(true);
        init.set_cancelable(true);
        init
    })
    .expect("a key event");
    last.dispatch_event(&tab).expect("dispatch");
    assert_eq!(active(), *first.unchecked_ref::<web_sys::Element>());

    // Escape cancels, and focus goes back where it was.
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .expect("a key event");
    first.dispatch_event(&escape).expect("dispatch");
    tick().await;
    assert_eq!(answers.get_untracked(), ["cancel"]);
    assert_eq!(count(&root, "[role=dialog]"), 0);
    assert_eq!(active(), *opener.unchecked_ref::<web_sys::Element>());

    // Open again and accept.
    pending.set(Some(applied));
    tick().await;
    find(&root, "[role=dialog] button.primary").click();
    tick().await;
    assert_eq!(answers.get_untracked(), ["cancel", "accept"]);
}

#[wasm_bindgen_test]
async fn price_panel_shows_the_quote_lines_and_the_fleet_discount_once_its_tier_is_reached() {
    let data = shared();
    let (index, model) = cobalt(&data);
    let _ = index;
    let (config, _) = conflict(&model);
    let quantity = RwSignal::new(1u16);
    let quote_data = data.clone();
    let quote = Memo::new(move |_| {
        let q = Quantity::try_from(u32::from(quantity.get())).ok()?;
        price::quote(
            quote_data.catalog(),
            &config,
            q,
            &"KG".parse().ok()?,
            Currency::Local,
        )
        .ok()
    });
    let root = container();
    let panel_data = data.clone();
    let _handle = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                <PricePanel data=panel_data.clone() quote=quote />
            </I18nContextProvider>
        }
    });
    tick().await;

    let q = quote.get_untracked().expect("a quote");
    let total = find(&root, "[data-total]");
    assert_eq!(
        total.text_content().unwrap_or_default(),
        format::money(q.total, q.minor_digits, q.currency.as_str(), Lang::En)
    );
    // One row per quote line: base, trim, powertrain, options.
    assert_eq!(count(&root, ".price-table tbody tr"), q.lines.len() as u32);
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("1\u{a0}USD = 87.45\u{a0}KGS")
    );
    assert_eq!(count(&root, ".price-table .discount"), 0);

    // Five units reach the first fleet tier.
    quantity.set(5);
    tick().await;
    let q5 = quote.get_untracked().expect("a quote");
    assert!(q5.discount.is_some());
    assert_eq!(count(&root, ".price-table .discount"), 1);
    assert_eq!(
        find(&root, "[data-total]")
            .text_content()
            .unwrap_or_default(),
        format::money(q5.total, q5.minor_digits, q5.currency.as_str(), Lang::En)
    );
}

/// Mounts the option picker and the spec sheet of the model `id` on one configuration, like the
/// page: a choice that needs no resolution applies at once.
fn picker_and_sheet(data: &SharedCatalog, id: &str) -> web_sys::HtmlElement {
    let (index, model) = model_named(data, id);
    let configuration = RwSignal::new(model.default_configuration());
    let root = container();
    let data = data.clone();
    mount_to(root.clone(), move || {
        let for_availability = model.clone();
        let availability =
            Memo::new(move |_| configuration.with(|c| engine::availability(&for_availability, c)));
        let for_choices = model.clone();
        let on_choice = Callback::new(move |choice: Choice| {
            let applied = configuration.with_untracked(|c| engine::apply(&for_choices, c, choice));
            if let Ok(applied) = applied
                && !applied.is_conflict_resolution()
            {
                configuration.set(applied.configuration);
            }
        });
        view! {
            <I18nContextProvider enable_cookie=false>
                <OptionPicker
                    data=data.clone()
                    model_index=index
                    configuration=configuration
                    availability=availability
                    unit=Signal::derive(MoneyUnit::usd)
                    on_choice=on_choice
                />
                <SpecSheet model=model.clone() configuration=configuration />
            </I18nContextProvider>
        }
    })
    .forget();
    root
}

/// The value the spec sheet under `root` gives for `label`.
fn spec(root: &web_sys::HtmlElement, label: &str) -> String {
    let terms = root
        .query_selector_all(".spec-sheet dt")
        .expect("the sheet's terms");
    (0..terms.length())
        .filter_map(|i| terms.item(i))
        .find(|dt| dt.text_content().as_deref() == Some(label))
        .and_then(|dt| {
            dt.unchecked_into::<web_sys::Element>()
                .next_element_sibling()
        })
        .and_then(|dd| dd.text_content())
        .unwrap_or_else(|| panic!("no `{label}` in {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn the_spec_sheet_shows_the_chosen_seating_layout_and_powertrain() {
    let data = shared();
    let root = picker_and_sheet(&data, "np37-city");
    built().await;
    assert_eq!(spec(&root, "Seats"), "19 + 23 standing");
    assert_eq!(spec(&root, "Consumption, combined"), "18.0 L/100 km");

    input(&root, "option:city-15").click();
    tick().await;
    assert_eq!(spec(&root, "Seats"), "15 + 29 standing");

    // The CNG engine: its power, and its consumption in cubic metres.
    input(&root, "powertrain:cng-mt").click();
    tick().await;
    assert_eq!(spec(&root, "Consumption, combined"), "26.0 m³/100 km");
    assert_eq!(spec(&root, "Power"), "140 hp");
    assert_eq!(spec(&root, "Seats"), "15 + 29 standing");

    let school = picker_and_sheet(&data, "nqr-school");
    built().await;
    assert_eq!(spec(&school, "Seats"), "28");
    input(&school, "option:school-32").click();
    tick().await;
    assert_eq!(spec(&school, "Seats"), "32");
}
