//! The catalog page (`/`): the vehicle types as cards, filtered by brand and body type, sorted,
//! searched; the filter state lives in the URL (see [`CatalogQuery`]).

use configurator_domain::{
    Model, Quantity,
    catalog::{Body, Brand},
    plan::YearMonth,
    price,
};
use leptos::prelude::*;

use crate::{
    api,
    components::drawing::{Drawing, paint_color},
    format,
    i18n::{t, t_string, use_i18n},
    labels,
    navigation::{Entry, use_address, use_route},
    route::{CatalogQuery, Route, Sort},
    state::{SharedCatalog, use_app_state},
};

pub mod draft_list;

use draft_list::DraftList;

/// One card's data, computed once per catalog, market and currency.
#[derive(Debug, Clone, PartialEq)]
struct CardData {
    index: usize,
    /// The default configuration's total for one unit (VAT included), minor units.
    price: Option<i64>,
}

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, catalog.title)}</h1>
        <p class="lead">{t!(i18n, catalog.lead)}</p>
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

/// Brand, body type, sort order and search: each change replaces the URL's query.
#[component]
fn Filters() -> impl IntoView {
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
                <span>{t!(i18n, catalog.brand)}</span>
                <select
                    name="brand"
                    prop:value=move || query.get().brand.map(Brand::as_str).unwrap_or_default()
                    on:change=move |ev| set(&|q| q.brand = CatalogQuery::brand_of(&event_target_value(&ev)))
                >
                    <option value="">{t!(i18n, catalog.all)}</option>
                    {Brand::ALL
                        .into_iter()
                        .map(|b| view! { <option value=b.as_str()>{labels::brand_name(b)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{t!(i18n, catalog.body)}</span>
                <select
                    name="body"
                    prop:value=move || query.get().body.map(Body::as_str).unwrap_or_default()
                    on:change=move |ev| set(&|q| q.body = CatalogQuery::body_of(&event_target_value(&ev)))
                >
                    <option value="">{t!(i18n, catalog.all)}</option>
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
                <span>{t!(i18n, catalog.sort)}</span>
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
                <span>{t!(i18n, catalog.search)}</span>
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

/// Whether a model passes the filters and the search (in any of its names).
fn matches(model: &Model, query: &CatalogQuery) -> bool {
    let brand_ok = query.brand.is_none_or(|b| b == model.brand());
    let body_ok = query.body.is_none_or(|b| b == model.body());
    let needle = query.search.trim().to_lowercase();
    let name = model.name();
    let search_ok = needle.is_empty()
        || [
            Some(&name.en),
            Some(&name.ru),
            name.ky.as_ref(),
            name.uz.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|n| n.to_lowercase().contains(&needle))
        || model.id().as_str().contains(&needle);
    brand_ok && body_ok && search_ok
}

/// The cards that pass the filters, in the chosen order.
#[component]
fn CardList() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let query = use_query();
    let priced = Memo::new(move |_| {
        let data = app.data()?;
        let catalog = data.catalog();
        let market = app.market_in(catalog)?;
        let currency = app.currency.get();
        let cards: Vec<CardData> = catalog
            .models()
            .iter()
            .enumerate()
            .map(|(index, model)| CardData {
                index,
                price: price::quote(
                    catalog,
                    &model.default_configuration(),
                    Quantity::ONE,
                    &market,
                    currency,
                )
                .ok()
                .map(|q| q.total),
            })
            .collect();
        Some((data, cards))
    });
    let shown = Memo::new(move |_| {
        let (data, mut cards) = priced.get()?;
        let q = query.get();
        let models = data.catalog().models();
        cards.retain(|c| matches(&models[c.index], &q));
        // One sort key for every order, ties in catalog order (one sort in the wasm, not four).
        let key = |c: &CardData| {
            let specs = models[c.index].specs();
            let primary = match q.sort {
                Sort::Catalog => 0,
                Sort::PriceAsc => c.price.unwrap_or(i64::MAX),
                Sort::PriceDesc => -c.price.unwrap_or(0),
                Sort::Seats => -i64::from(specs.seats + specs.standing),
                Sort::Payload => -i64::from(specs.payload_kg),
            };
            (primary, c.index)
        };
        cards.sort_unstable_by_key(key);
        Some((data, cards))
    });
    let months = use_earliest_months();
    move || match shown.get() {
        None => None,
        Some((_, cards)) if cards.is_empty() => {
            Some(view! { <p class="empty" role="status">{t!(i18n, catalog.none)}</p> }.into_any())
        }
        Some((data, cards)) => {
            let count = cards.len();
            Some(
                view! {
                    <p class="count" role="status">{t!(i18n, catalog.count, count = count)}</p>
                    <ul class="cards">
                        <For
                            each=move || cards.clone()
                            key=|c| (c.index, c.price)
                            children=move |c| {
                                let month = Signal::derive(move || {
                                    months.with(|m| m.get(c.index).copied().unwrap_or(Month::Loading))
                                });
                                view! { <Card data=data.clone() index=c.index price=c.price month=month /> }
                            }
                        />
                    </ul>
                }
                .into_any(),
            )
        }
    }
}

/// The earliest build month of one unit of a model's default configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Month {
    /// Asked, not answered yet.
    Loading,
    /// The server's answer.
    Known(YearMonth),
    /// The server could not answer.
    Unavailable,
}

/// The earliest build month of every model, by catalog index: asked of the server once per
/// catalog, all at once.
fn use_earliest_months() -> RwSignal<Vec<Month>> {
    let app = use_app_state();
    let months = RwSignal::new(Vec::new());
    Effect::new(move |previous: Option<Option<SharedCatalog>>| {
        let data = app.data();
        if data.is_some()
            && data != previous.clone().flatten()
            && let Some(data) = &data
        {
            {
                let models = data.catalog().models();
                months.set(vec![Month::Loading; models.len()]);
                for (index, model) in models.iter().enumerate() {
                    let code = data.default_code(model.id()).map(str::to_owned);
                    leptos::task::spawn_local(async move {
                        let month = match code {
                            Some(code) => match api::availability(&code, Quantity::ONE).await {
                                Ok(answer) => Month::Known(answer.first),
                                Err(_) => Month::Unavailable,
                            },
                            None => Month::Unavailable,
                        };
                        months.update(|m| {
                            if let Some(slot) = m.get_mut(index) {
                                *slot = month;
                            }
                        });
                    });
                }
            }
        }
        data
    });
    months
}

/// One vehicle type: drawing, name, body type, capacity, price from, earliest build month.
#[component]
fn Card(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    index: usize,
    /// The default configuration's total, minor units.
    price: Option<i64>,
    /// The earliest build month.
    month: Signal<Month>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let catalog = data.catalog();
    let model = catalog.models().get(index)?;
    let id = model.id().clone();
    let name = model.name().clone();
    let body = model.body();
    let specs = model.specs().clone();
    let color = paint_color(model, &model.default_configuration());
    let href = Route::Configure {
        model: id,
        code: None,
        quantity: None,
    }
    .href();
    let unit = format::MoneyUnit::of(
        catalog,
        app.market_in(catalog).as_ref(),
        app.currency.get_untracked(),
    );
    let lang = crate::i18n::use_lang();
    let label = Signal::derive(move || name.get(lang()).to_owned());
    Some(view! {
        <li class="card">
            <a href=href class="card-link">
                <Drawing body=body color=color label=label />
                <h2>{move || label.get()}</h2>
            </a>
            <p class="card-body">{move || labels::body_name(i18n.get_locale(), body)}</p>
            <p class="card-specs">
                {t!(i18n, catalog.seats, count = specs.seats)}
                {(specs.standing > 0).then(|| view! { " + " {t!(i18n, catalog.standing, count = specs.standing)} })}
                " · "
                {t!(i18n, catalog.payload, kg = specs.payload_kg)}
            </p>
            <p class="card-price">
                {t!(i18n, catalog.from)} " "
                <strong>
                    {move || {
                        price
                            .map(|p| unit.show(p, lang()))
                            .unwrap_or_else(|| "—".to_owned())
                    }}
                </strong>
            </p>
            <p class="card-month">
                {t!(i18n, catalog.earliest)} " "
                {move || match month.get() {
                    Month::Loading => t_string!(i18n, common.loading).to_owned(),
                    Month::Known(first) => labels::month_name(i18n.get_locale(), first),
                    Month::Unavailable => t_string!(i18n, common.unavailable).to_owned(),
                }}
            </p>
        </li>
    })
}
