//! The compare tray in the header, on every page: the link to the comparison with how many
//! configurations are picked, and, once something is picked, a disclosure that lists them (model
//! and trim, read from the catalog) while the buyer browses, each with a button that takes it out.
//! A `<details>` element: keyboard and screen readers know it, and its list opens over the page
//! without moving anything.

use configurator_domain::code;
use leptos::prelude::*;

use crate::{
    i18n::{tr, use_i18n, use_lang},
    route::Route,
    state::{AppState, CatalogStatus, use_app_state},
};

/// The link and the tray.
#[component]
pub fn CompareTray(
    /// `aria-current` of the link.
    current: impl Fn() -> Option<&'static str> + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let count = move || app.compared.with(Vec::len);
    view! {
        <a href=move || Route::compare(app.compared.get()).href() aria-current=current>
            {tr!(i18n, nav.compare)}
            {move || (count() > 0).then(|| view! {
                " " <span class="tray-count" title=tr!(i18n, compare.in_tray)>{count()}</span>
            })}
        </a>
        {move || (count() > 0).then(|| view! {
            <details class="compare-tray">
                <summary>
                    <span class="visually-hidden">{tr!(i18n, compare.tray_show)}</span>
                </summary>
                // At most four lines, built again when the list changes: a keyed `<For>` of its
                // own would cost more wasm than it saves work.
                <ul class="tray-list">
                    {move || app.compared.get().into_iter().map(|picked| view! { <TrayLine app picked /> }).collect_view()}
                </ul>
            </details>
        })}
    }
}

/// One picked configuration: its name and the button that takes it out.
#[component]
fn TrayLine(app: AppState, picked: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let shown = {
        let picked = picked.clone();
        Memo::new(move |_| {
            let name = app.catalog.with(|status| match status {
                CatalogStatus::Ready { data, .. } => {
                    configuration_name(data.catalog(), &picked, lang())
                }
                _ => None,
            });
            name.unwrap_or_else(|| tr!(i18n, compare.tray_unknown)().to_owned())
        })
    };
    let remove = move |_| {
        let rest = app
            .compared
            .get_untracked()
            .into_iter()
            .filter(|code| *code != picked);
        app.set_compared(rest.collect());
    };
    view! {
        <li>
            <span class="tray-name">{shown}</span>
            <button type="button" class="tray-remove" on:click=remove>
                <span aria-hidden="true">"×"</span>
                <span class="visually-hidden">{tr!(i18n, compare.remove)} " " {shown}</span>
            </button>
        </li>
    }
}

/// "Cobalt LTZ": the model and trim of the configuration `picked`, if the catalog reads it.
fn configuration_name(
    catalog: &configurator_domain::Catalog,
    picked: &str,
    lang: configurator_domain::Lang,
) -> Option<String> {
    let configuration = code::decode(catalog, picked).ok()?;
    let model = catalog.model(&configuration.model)?;
    let trim = model.trim(&configuration.trim)?;
    Some(format!(
        "{} {}",
        model.name().get(lang),
        trim.name.get(lang)
    ))
}
