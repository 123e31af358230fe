//! The catalog's filters: brand, body type, sort order and search, each a labelled control whose
//! change replaces the URL's query.

use configurator_domain::catalog::{Body, Brand};
use leptos::prelude::*;

use super::use_query;
use crate::{
    i18n::{t_string, tr, use_i18n},
    labels,
    navigation::{Entry, use_address},
    route::{CatalogQuery, Route, Sort},
};

/// Brand, body type, sort order and search: each change replaces the URL's query.
#[component]
pub fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query();
    let address = use_address();
    let set = move |change: &dyn Fn(&mut CatalogQuery)| {
        let mut next = query.get_untracked();
        change(&mut next);
        address.navigate(&Route::Catalog(next).href(), Entry::Replace, false);
    };
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{tr!(i18n, catalog.brand)}</span>
                <select
                    name="brand"
                    prop:value=move || query.get().brand.map(Brand::as_str).unwrap_or_default()
                    on:change=move |ev| set(&|q| q.brand = CatalogQuery::brand_of(&event_target_value(&ev)))
                >
                    <option value="">{tr!(i18n, catalog.all)}</option>
                    {Brand::ALL
                        .into_iter()
                        .map(|b| view! { <option value=b.as_str()>{labels::brand_name(b)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{tr!(i18n, catalog.body)}</span>
                <select
                    name="body"
                    prop:value=move || query.get().body.map(Body::as_str).unwrap_or_default()
                    on:change=move |ev| set(&|q| q.body = CatalogQuery::body_of(&event_target_value(&ev)))
                >
                    <option value="">{tr!(i18n, catalog.all)}</option>
                    {Body::ALL
                        .into_iter()
                        .map(|b| {
                            view! {
                                <option value=b.as_str()>
                                    {move || labels::body_name(i18n.get_locale(), b)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{tr!(i18n, catalog.sort)}</span>
                <select
                    name="sort"
                    prop:value=move || query.get().sort.slug()
                    on:change=move |ev| set(&|q| q.sort = Sort::from_slug(&event_target_value(&ev)))
                >
                    {Sort::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.slug()>{move || sort_name(i18n, s)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="search">
                <span>{tr!(i18n, catalog.search)}</span>
                <input
                    type="search"
                    name="q"
                    autocomplete="off"
                    prop:value=move || query.get().search
                    on:input=move |ev| set(&|q| q.search = event_target_value(&ev))
                />
            </label>
        </form>
    }
}

fn sort_name(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, sort: Sort) -> &'static str {
    match sort {
        Sort::Catalog => t_string!(i18n, catalog.sort_catalog),
        Sort::PriceAsc => t_string!(i18n, catalog.sort_price_asc),
        Sort::PriceDesc => t_string!(i18n, catalog.sort_price_desc),
        Sort::Seats => t_string!(i18n, catalog.sort_seats),
        Sort::Payload => t_string!(i18n, catalog.sort_payload),
    }
}
