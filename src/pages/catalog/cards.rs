//! The cards of the catalog page: the vehicle types that pass the filters, in the chosen order,
//! each with its drawing, description, the default configuration's capacity, price from and
//! earliest build month.

use configurator_domain::{Model, Quantity, price};
use leptos::prelude::*;

use super::{
    months::{Month, use_earliest_months},
    use_query,
};
use crate::{
    components::{
        compare_pick::ComparePick,
        description::model_description,
        drawing::{Drawing, paint_color},
        page_boundary::PageError,
    },
    format,
    i18n::{in_lang, t, t_string, tr, use_i18n},
    labels,
    route::{CatalogQuery, Route, Sort},
    state::{SharedCatalog, use_app_state},
};

/// One card's data, computed once per catalog, market and currency.
#[derive(Debug, Clone, PartialEq)]
struct CardData {
    index: usize,
    /// The default configuration's total for one unit (VAT included), minor units.
    price: Option<i64>,
}

/// Whether a model passes the filters and the search (in any of its names).
fn matches(model: &Model, query: &CatalogQuery) -> bool {
    let brand_ok = query.brand.is_none_or(|b| b == model.brand());
    let body_ok = query.body.is_none_or(|b| b == model.body());
    let needle = lowercase(query.search.trim());
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
        .any(|n| lowercase(n).contains(&needle))
        || model.id().as_str().contains(&needle);
    brand_ok && body_ok && search_ok
}

/// `text` in lower case by the browser's Unicode rules (Cyrillic included). The browser's
/// `toLowerCase` saves the wasm Rust's case tables.
fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// The cards that pass the filters, in the chosen order.
#[component]
pub fn CardList() -> impl IntoView {
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
    move || {
        if let Some(error) = app.catalog.with(PageError::of_catalog) {
            return Err(error);
        }
        Ok(match shown.get() {
            None => ().into_any(),
            Some((_, cards)) if cards.is_empty() => {
                view! { <p class="empty" role="status">{tr!(i18n, catalog.none)}</p> }.into_any()
            }
            Some((data, cards)) => {
                let count = cards.len();
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
                .into_any()
            }
        })
    }
}

/// One vehicle type: drawing, name, body type, description, the default configuration's capacity,
/// price from, earliest build month.
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
    let default_code = data.default_code(&id).map(str::to_owned);
    let name = model.name().clone();
    let body = model.body();
    let default = model.default_configuration();
    let specs = model.specs_of(&default);
    let color = paint_color(model, &default);
    let description = model_description(model, "card-description");
    let href = Route::Configure {
        model: id,
        code: None,
        quantity: None,
        cart_line: None,
    }
    .href();
    let unit = format::MoneyUnit::of(
        catalog,
        app.market_in(catalog).as_ref(),
        app.currency.get_untracked(),
    );
    let lang = crate::i18n::use_lang();
    let label = Signal::derive(in_lang(name));
    Some(view! {
        <li class="card">
            <a href=href class="card-link">
                <Drawing body=body color=color label=label />
                <h2>{move || label.get()}</h2>
            </a>
            <p class="card-body">{move || labels::body_name(i18n.get_locale(), body)}</p>
            {description}
            <p class="card-specs">
                {t!(i18n, catalog.seats, count = specs.seats)}
                {(specs.standing > 0).then(|| view! { " + " {t!(i18n, catalog.standing, count = specs.standing)} })}
                " · "
                {t!(i18n, catalog.payload, kg = specs.payload_kg)}
            </p>
            <p class="card-price">
                {tr!(i18n, catalog.from)} " "
                <strong>
                    {move || {
                        price
                            .map(|p| unit.show(p, lang()))
                            .unwrap_or_else(|| "—".to_owned())
                    }}
                </strong>
            </p>
            <ComparePick code=Signal::stored(default_code) />
            <p class="card-month">
                {tr!(i18n, catalog.earliest)} " "
                {move || match month.get() {
                    Month::Loading => t_string!(i18n, common.loading).to_owned(),
                    Month::Known(first) => labels::month_name(i18n.get_locale(), first),
                    Month::Unavailable => t_string!(i18n, common.unavailable).to_owned(),
                }}
            </p>
        </li>
    })
}
