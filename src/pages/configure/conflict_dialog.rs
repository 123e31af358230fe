//! The conflict dialog: a choice that undoes earlier choices is not applied until the user has
//! seen every change it brings, with its reason, and accepted; cancelling leaves the
//! configuration as it was. A modal dialog: focus moves into it, Tab and Shift+Tab stay inside,
//! Escape cancels, and focus returns to where it was.

use configurator_domain::{Applied, Model};
use leptos::{ev::KeyboardEvent, prelude::*};
use wasm_bindgen::JsCast as _;

use crate::{
    i18n::{tr, use_i18n, use_lang},
    state::SharedCatalog,
};

/// The dialog, shown while `pending` holds a choice waiting for an answer.
#[component]
pub fn ConflictDialog(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
    /// The result of the choice waiting for an answer, if any.
    #[prop(into)]
    pending: Signal<Option<Applied>>,
    /// The price difference the choice makes, already formatted.
    #[prop(into)]
    price_change: Signal<Option<String>>,
    /// Keep the changes.
    on_accept: Callback<()>,
    /// Drop the choice.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let dialog = NodeRef::<leptos::html::Div>::new();
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let open = Memo::new(move |_| pending.with(Option::is_some));
    // On opening, remember the focused element and focus the first button; on closing, go back.
    Effect::new(move |_| {
        if open.get() {
            if returns_to.get_value().is_none() {
                returns_to.set_value(active_element());
            }
            if let Some(first) = dialog.get().and_then(|d| focusables(&d).into_iter().next()) {
                let _ = first.focus();
            }
        } else if let Some(element) = returns_to.get_value() {
            let _ = element.focus();
            returns_to.set_value(None);
        }
    });
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            if let Some(d) = dialog.get_untracked() {
                trap_tab(&d, &ev);
            }
        }
        _ => {}
    };
    let data = StoredValue::new(data);
    let changes = move || {
        let Some(applied) = pending.get() else {
            return Vec::new();
        };
        data.with_value(|data| {
            let Some(model): Option<&Model> = data.catalog().models().get(model_index) else {
                return Vec::new();
            };
            applied
                .changes
                .iter()
                .map(|c| c.describe(model, lang()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="conflict-title"
                    aria-describedby="conflict-text"
                    node_ref=dialog
                    on:keydown=on_keydown
                >
                    <h2 id="conflict-title">{tr!(i18n, conflict.title)}</h2>
                    <p id="conflict-text">{tr!(i18n, conflict.text)}</p>
                    <ul class="changes">
                        {move || changes().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                    {move || {
                        price_change
                            .get()
                            .map(|p| view! { <p class="price-change">{tr!(i18n, conflict.price)} " " <strong>{p}</strong></p> })
                    }}
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=move |_| on_accept.run(())>
                            {tr!(i18n, conflict.accept)}
                        </button>
                        <button type="button" on:click=move |_| on_cancel.run(())>
                            {tr!(i18n, conflict.cancel)}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// The focused element, looked for inside shadow roots too (the embedded configurator lives in
/// one, whose host is all the document itself reports).
fn active_element() -> Option<web_sys::HtmlElement> {
    let mut active = document().active_element()?;
    while let Some(inner) = active.shadow_root().and_then(|root| root.active_element()) {
        active = inner;
    }
    active.dyn_into::<web_sys::HtmlElement>().ok()
}

/// The elements Tab can reach inside `root`, in order.
fn focusables(root: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) =
        root.query_selector_all("button:not([disabled]), a[href], input:not([disabled])")
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Keeps Tab inside the dialog: from the last element to the first, Shift+Tab the other way.
fn trap_tab(root: &web_sys::HtmlDivElement, ev: &KeyboardEvent) {
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = active_element();
    let at = |e: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == e);
    let inside = active
        .as_ref()
        .is_some_and(|a| root.contains(Some(a.unchecked_ref())));
    if ev.shift_key() && (at(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
