//! The compare page (`/compare?c=CODE&c=CODE…&q=N&km=…&years=…&market=…`): two to four
//! configurations side by side with their specifications, prices, running cost and build months.
//! Everything it shows follows from the URL, so a comparison is shared and reopened as it was;
//! the inputs on the page write the URL back. Each column is worked out by the domain on its own,
//! so a bad code is one column with its error.

use leptos::prelude::*;

use crate::{
    components::page_boundary::PageError,
    i18n::{t, tr, use_i18n},
    state::{CatalogStatus, MAX_COMPARED, SharedCatalog, use_app_state},
};

pub mod build_months;
pub mod chart;
pub mod columns;
pub mod cost_rows;
pub mod csv;
pub mod equipment_rows;
pub mod formulas;
pub mod fuel_prices;
pub mod rows;
pub mod spec_rows;
pub mod table;
pub mod usage_form;
pub mod use_comparison;

use chart::CostChart;
use csv::CsvLink;
use formulas::Formulas;
use fuel_prices::FuelPricesForm;
use table::CompareTable;
use usage_form::UsageForm;
use use_comparison::{ComparisonState, use_comparison};

/// The page: waits for the catalog, then compares what the URL names.
#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        let status = app.catalog.get();
        if let Some(error) = PageError::of_catalog(&status) {
            return Err(error);
        }
        Ok(match status {
            CatalogStatus::Ready { data, .. } => view! { <Comparison data=data /> }.into_any(),
            // The shell says that the catalog is loading; the space of the table is kept.
            _ => view! {
                <h1>{tr!(i18n, nav.compare)}</h1>
                <div class="compare-placeholder"></div>
            }
            .into_any(),
        })
    }
}

/// The comparison of the URL's configurations, with its inputs.
#[component]
fn Comparison(
    /// The catalog.
    data: SharedCatalog,
) -> impl IntoView {
    let i18n = use_i18n();
    let ComparisonState {
        query,
        fields,
        usage,
        defaults,
        fuel_prices,
        digits,
        columns,
        names,
        sections,
        on_usage,
        on_fuel,
        on_remove,
        on_move,
    } = use_comparison(&data);
    let years = Signal::derive(move || usage.with(|u| u.as_ref().ok().map(|u| u.years())));
    let given = Memo::new(move |_| query.with(|q| q.codes.len()));
    let hide_equal = RwSignal::new(false);
    view! {
        <div class="compare-page">
        <h1>{tr!(i18n, nav.compare)}</h1>
        <p class="lead">{tr!(i18n, compare.lead)}</p>
        <p class="compare-count" role="status">
            {move || match given.get() {
                n if n > MAX_COMPARED => t!(i18n, compare.too_many, count = n, max = MAX_COMPARED).into_any(),
                n if n < 2 => tr!(i18n, compare.too_few).into_any(),
                _ => ().into_any(),
            }}
        </p>
        <div class="compare-inputs no-print">
            <UsageForm fields=fields problems=Signal::derive(move || usage.get().err().unwrap_or_default())
                on_commit=on_usage />
            {move || fuel_prices.get().map(|prices| view! {
                <FuelPricesForm prices=prices defaults=defaults digits=digits on_change=on_fuel />
            })}
        </div>
        <p class="compare-switch no-print">
            <label>
                <input type="checkbox" prop:checked=move || hide_equal.get()
                    on:change=move |ev| hide_equal.set(event_target_checked(&ev)) />
                " " {tr!(i18n, compare.hide_equal)}
            </label>
        </p>
        <CompareTable
            data=data.clone()
            columns=columns
            names=names
            sections=sections
            years=years
            quantity=Signal::derive(move || usage.with(|u| u.as_ref().ok().map(|u| u.quantity())))
            hide_equal=hide_equal
            on_move=on_move
            on_remove=on_remove
        />

        <p class="compare-actions no-print">
            <CsvLink names=names sections=sections />
            " "
            <button type="button" on:click=|_| { let _ = window().print(); }>{tr!(i18n, compare.print)}</button>
        </p>
        <Formulas names=names columns=columns />
        <CostChart names=names columns=columns />
        </div>
    }
}
