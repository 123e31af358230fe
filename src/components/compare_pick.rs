//! "Add to comparison", on the configurator, the catalog's cards and the cart's lines: puts a
//! configuration code in the compare list (kept in local storage, shown by the header's compare
//! link) and says how many are picked, with a link to the comparison.

use leptos::prelude::*;

use crate::{
    i18n::{t, tr, use_i18n},
    route::Route,
    state::{MAX_COMPARED, use_app_state},
};

/// What picking did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Picked {
    /// The code is in the list.
    In,
    /// The list is full.
    Full,
}

/// The button and its note.
#[component]
pub fn ComparePick(
    /// The configuration to pick; the button is disabled without one.
    #[prop(into)]
    code: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let note = RwSignal::new(None::<Picked>);
    let pick = move |_| {
        if let Some(code) = code.get_untracked() {
            note.set(Some(if app.pick_for_compare(&code) {
                Picked::In
            } else {
                Picked::Full
            }));
        }
    };
    view! {
        <p class="compare-pick no-print">
            <button type="button" disabled=move || code.with(Option::is_none) on:click=pick>
                {tr!(i18n, compare.pick)}
            </button>
            " "
            <span role="status">
                {move || note.get().map(|n| match n {
                    Picked::In => view! {
                        {t!(i18n, compare.picked, count = app.compared.with(Vec::len), max = MAX_COMPARED)} " "
                        <a href=move || Route::compare(app.compared.get()).href()>{tr!(i18n, compare.open)}</a>
                    }
                    .into_any(),
                    Picked::Full => view! { {tr!(i18n, compare.full)} }.into_any(),
                })}
            </span>
        </p>
    }
}
