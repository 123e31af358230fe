//! The catalog page (`/`): the vehicle types as cards, filtered by brand and body type, sorted,
//! searched; the filter state lives in the URL (see [`CatalogQuery`]). Above them, the drafts.

use leptos::prelude::*;

use crate::{
    i18n::{tr, use_i18n},
    navigation::use_route,
    route::{CatalogQuery, Route},
};

mod cards;
mod draft_list;
mod filters;
mod months;

use cards::CardList;
use draft_list::DraftList;
use filters::Filters;

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{tr!(i18n, catalog.title)}</h1>
        <p class="lead">{tr!(i18n, catalog.lead)}</p>
        <DraftList />
        <Filters />
        <CardList />
    }
}

/// The current catalog query, from the URL.
fn use_query() -> Memo<CatalogQuery> {
    let route = use_route();
    Memo::new(move |_| match route.get() {
        Route::Catalog(query) => query,
        _ => CatalogQuery::default(),
    })
}
