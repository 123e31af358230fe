//! Browser tests of the configure page's hooks, each mounted on its own with the real catalog and
//! the real address bar: the conflict flow, the address and draft sync, and following the
//! address back (Back, Forward, links).
#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex};

use configurator::{
    drafts,
    i18n::I18nContextProvider,
    navigation::{Address, Entry, current, provide_address},
    pages::configure::{
        change_notice::LastChange,
        editing::{Editing, Problem},
        use_conflict::use_conflict,
        use_history::use_history,
        use_url_sync::{PERSIST_DELAY, UrlSync, use_url_sync},
    },
    route::Route,
    state::SharedCatalog,
};
use configurator_domain::{Choice, Configuration, Model, Quantity, bundle::Bundle, code, engine};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;

use support::{built, cobalt, container, history_length, shared, sleep, tick, wait_until};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs `setup` in a mounted component, inside the translations, and hands out what it returns;
/// the component lives as long as the returned handle.
fn mount<T: Send + 'static>(setup: impl FnOnce() -> T + Send + 'static) -> (T, impl Drop) {
    let out = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&out);
    let handle = mount_to(container(), move || {
        view! {
            <I18nContextProvider enable_cookie=false>
                {
                    *slot.lock().expect("the slot") = Some(setup());
                }
            </I18nContextProvider>
        }
    });
    let value = out.lock().expect("the slot").take().expect("set up");
    (value, handle)
}

fn choose(model: &Model, config: &Configuration, choice: &str) -> Configuration {
    let (kind, id) = choice.split_once(':').expect("kind:id");
    let choice = match kind {
        "trim" => Choice::Trim(id.parse().expect("id")),
        "powertrain" => Choice::Powertrain(id.parse().expect("id")),
        _ => Choice::Select(id.parse().expect("id")),
    };
    engine::apply(model, config, choice)
        .expect("apply")
        .configuration
}

fn href(model: &Model, code: Option<String>, quantity: u32) -> String {
    Route::Configure {
        model: model.id().clone(),
        code,
        quantity: Quantity::try_from(quantity).ok(),
        cart_line: None,
    }
    .href()
}

/// The page's state with its code, written to the address and the drafts.
fn synced(data: &SharedCatalog, model: &Model) -> (Editing, Memo<Option<String>>, UrlSync) {
    let editing = Editing::open(data, model, None, None);
    let code = editing.code(data);
    let sync = use_url_sync(
        model.id().clone(),
        data.default_code(model.id()).map(str::to_owned),
        code,
        editing.quantity,
    );
    (editing, code, sync)
}

#[wasm_bindgen_test]
async fn use_conflict_applies_waits_for_an_answer_refuses_and_undoes() {
    let data = shared();
    let (_, model) = cobalt(&data);
    let default = model.default_configuration();
    let ((editing, conflict), _handle) = mount({
        let (data, model) = (data.clone(), model.clone());
        move || {
            let editing = Editing::open(&data, &model, None, None);
            (editing, use_conflict(model, editing))
        }
    });
    let configuration = || editing.configuration.get_untracked();

    // The automatic is not offered on the LS: choosing it waits for an answer, changing nothing.
    let automatic = Choice::Powertrain("1.5at".parse().expect("id"));
    conflict.on_choice.run(automatic.clone());
    assert!(editing.pending.get_untracked().is_some());
    assert_eq!(configuration(), default);
    conflict.on_cancel.run(());
    assert_eq!(editing.pending.get_untracked(), None);
    assert_eq!(configuration(), default);

    // Accepted, it applies with every change it brings, and says what else changed.
    conflict.on_choice.run(automatic);
    conflict.on_accept.run(());
    assert_eq!(editing.pending.get_untracked(), None);
    assert_eq!(configuration().powertrain.as_str(), "1.5at");
    assert_ne!(configuration().trim.as_str(), "ls");
    assert!(matches!(
        editing.last_change.get_untracked(),
        Some(LastChange::Changed { ref before, .. }) if *before == default
    ));
    conflict.on_undo.run(default.clone());
    assert_eq!(configuration(), default);
    assert_eq!(
        editing.last_change.get_untracked(),
        Some(LastChange::Undone)
    );

    // A choice the model does not know is refused, with the reason; the next good one clears it.
    conflict
        .on_choice
        .run(Choice::Select("no-such-option".parse().expect("id")));
    assert!(matches!(
        editing.problem.get_untracked(),
        Some(Problem::Refused(ref text)) if text.contains("no-such-option")
    ));
    assert_eq!(configuration(), default);
    conflict
        .on_choice
        .run(Choice::Select("pre-heater".parse().expect("id")));
    assert_eq!(editing.problem.get_untracked(), None);
    assert_eq!(
        configuration(),
        choose(&model, &default, "option:pre-heater")
    );
    assert!(matches!(
        editing.last_change.get_untracked(),
        Some(LastChange::Changed { .. })
    ));
}

#[wasm_bindgen_test]
async fn use_url_sync_writes_the_address_and_the_draft_a_moment_after_a_change() {
    let data = shared();
    let (_, model) = cobalt(&data);
    let default_code = data.default_code(model.id()).map(str::to_owned);
    let opened_at = current();
    let entries = history_length();
    let ((editing, code), handle) = mount({
        let (data, model) = (data.clone(), model.clone());
        move || {
            provide_address(Bundle::Public);
            let (editing, code, _) = synced(&data, &model);
            (editing, code)
        }
    });
    tick().await;
    // The configuration the page opened with is written in the next task, not in the render's, in
    // place of the opening address.
    assert_eq!(current(), opened_at, "not in the render's task");
    built().await;
    assert_eq!(current(), href(&model, default_code.clone(), 1));
    assert_eq!(history_length(), entries);
    let draft = || {
        drafts::load(None)
            .0
            .into_iter()
            .find(|d| d.model == "cobalt")
    };
    assert_eq!(draft(), None, "no draft of the default configuration");

    // A new configuration waits a moment, then is a step of its own, and a draft.
    let mats = choose(&model, &model.default_configuration(), "option:floor-mats");
    editing.configuration.set(mats);
    tick().await;
    assert_eq!(current(), href(&model, default_code, 1), "not at once");
    sleep(PERSIST_DELAY.as_millis() as u64 + 100).await;
    let mats_code = code.get_untracked();
    assert_eq!(current(), href(&model, mats_code.clone(), 1));
    assert_eq!(history_length(), entries + 1);
    assert_eq!(draft().map(|d| Some(d.code)), Some(mats_code.clone()));

    // A new quantity puts the same step right.
    editing.quantity.set(Quantity::try_from(3).expect("3"));
    sleep(PERSIST_DELAY.as_millis() as u64 + 100).await;
    assert_eq!(current(), href(&model, mats_code.clone(), 3));
    assert_eq!(history_length(), entries + 1);
    assert_eq!(draft().map(|d| d.quantity), Some(3));

    // Hiding the page writes what waits at once.
    let red = choose(
        &model,
        &editing.configuration.get_untracked(),
        "option:cherry-red",
    );
    editing.configuration.set(red);
    tick().await;
    window()
        .dispatch_event(&web_sys::Event::new("pagehide").expect("an event"))
        .expect("dispatch");
    assert_eq!(current(), href(&model, code.get_untracked(), 3));

    drop(handle);
    drafts::remove("cobalt");
    restore(&opened_at);
}

#[wasm_bindgen_test]
async fn use_history_shows_what_the_address_names_and_the_address_wins() {
    let data = shared();
    let (_, model) = cobalt(&data);
    let default = model.default_configuration();
    let opened_at = current();
    let ((editing, address), handle) = mount({
        let (data, model) = (data.clone(), model.clone());
        move || {
            let address = provide_address(Bundle::Public);
            let (editing, code, sync) = synced(&data, &model);
            use_history(data, model, editing, sync, code);
            (editing, address)
        }
    });
    let encode = |c: &Configuration| code::encode(data.catalog(), c).ok();
    // The opening address is written in the task after the render.
    wait_until("the opening address", || {
        current() == href(&model, encode(&default), 1)
    })
    .await;

    // A link to another configuration: shown, with its quantity; the waiting choice goes.
    let automatic = Choice::Powertrain("1.5at".parse().expect("id"));
    let waiting = engine::apply(&model, &default, automatic.clone()).expect("apply");
    editing.pending.set(Some((automatic, waiting)));
    let lt = choose(&model, &default, "trim:lt");
    go(address, &href(&model, encode(&lt), 4));
    wait_until("the linked configuration", || {
        editing.configuration.get_untracked() == lt
    })
    .await;
    assert_eq!(editing.pending.get_untracked(), None);
    assert_eq!(editing.quantity.get_untracked().get(), 4);

    // Back: the configuration before.
    window().history().expect("history").back().expect("back");
    wait_until("Back", || editing.configuration.get_untracked() == default).await;

    // The address wins over a change not yet written.
    let mats = choose(&model, &default, "option:floor-mats");
    editing.configuration.set(mats);
    tick().await;
    go(address, &href(&model, encode(&lt), 4));
    wait_until("the address", || {
        editing.configuration.get_untracked() == lt
    })
    .await;
    sleep(PERSIST_DELAY.as_millis() as u64 + 100).await;
    assert_eq!(editing.configuration.get_untracked(), lt);
    assert_eq!(current(), href(&model, encode(&lt), 4));

    // A code that is not one of this model's: the default, and the problem told.
    go(address, &href(&model, Some("AQYy".to_owned()), 1));
    wait_until("the default", || {
        editing.configuration.get_untracked() == default
    })
    .await;
    assert_eq!(editing.problem.get_untracked(), Some(Problem::BadCode));

    drop(handle);
    drafts::remove("cobalt");
    restore(&opened_at);
}

/// Follows a link to `to`, as a click would.
fn go(address: Address, to: &str) {
    address.navigate(to, Entry::Push, false);
}

/// Puts the test page's address back.
fn restore(address: &str) {
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(address))
        .expect("replace");
}
