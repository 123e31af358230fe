//! The list of drafts on the catalog page: each configuration in progress with a link to resume
//! it and a button to forget it.

use configurator_domain::{ModelId, code};
use leptos::prelude::*;

use crate::{
    drafts::{self, Draft},
    i18n::{in_lang, tr, use_i18n, use_lang},
    state::{Notice, use_app_state},
};

/// The drafts, if there are any.
#[component]
pub fn DraftList() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let app = use_app_state();
    let version = RwSignal::new(0u32);
    let list = Memo::new(move |_| {
        version.track();
        let data = app.data();
        let (list, dropped) = drafts::load(data.as_ref().map(|d| d.catalog()));
        if dropped {
            app.notify(Notice::DraftsDropped);
        }
        list
    });
    move || {
        let items = list.get();
        let data = app.data()?;
        if items.is_empty() {
            return None;
        }
        let rows = items
            .into_iter()
            .filter_map(|d: Draft| {
                let href = d.route()?.href();
                let model = d.model.parse::<ModelId>().ok();
                let m = model.as_ref().and_then(|id| data.catalog().model(id));
                let name = m.map(|m| m.name().clone()).unwrap_or_default();
                let details = m
                    .zip(code::decode(data.catalog(), &d.code).ok())
                    .map(|(m, c)| {
                        let trim = m.trim(&c.trim).map(|t| t.name.clone()).unwrap_or_default();
                        let pt = m
                            .powertrain(&c.powertrain)
                            .map(|p| p.name.clone())
                            .unwrap_or_default();
                        (trim, pt)
                    });
                let forget = d.model.clone();
                Some(view! {
                    <li>
                        <a href=href>{in_lang(name)}</a>
                        " "
                        <span class="draft-details">
                            {details.map(|(t, p)| move || format!("{} · {}", t.get(lang()), p.get(lang())))}
                            {(d.quantity > 1).then(|| format!(" · × {}", d.quantity))}
                        </span>
                        " "
                        <button type="button" class="link" on:click=move |_| {
                            drafts::remove(&forget);
                            version.update(|v| *v += 1);
                        }>{tr!(i18n, drafts.forget)}</button>
                    </li>
                })
            })
            .collect_view();
        Some(view! {
            <section class="drafts" aria-labelledby="drafts-title">
                <h2 id="drafts-title">{tr!(i18n, drafts.title)}</h2>
                <ul>{rows}</ul>
            </section>
        })
    }
}
