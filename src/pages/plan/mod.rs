//! The planner's page (`/plan?from=YYYY-MM&to=YYYY-MM`): the production plan per month as a chart
//! of stacked bars (per assembly line or per model) against the plant's capacity, the same figures
//! as a table, the orders and dealerships of a chosen month, and the CSV export. The range lives
//! in the URL (see [`Route::Plan`]). Only planners see the plan: a visitor is asked to sign in, a
//! dealer is told it is the planners'.

use std::sync::Arc;

use configurator_domain::{api::Role, plan::YearMonth};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    i18n::{Locale, lang_of, td_string, tr, use_i18n},
    navigation::{Entry, use_address, use_route},
    route::Route,
    state::{SharedCatalog, use_app_state},
};

mod chart;
mod geometry;
mod month_orders;
mod table;

use chart::PlanChart;
use geometry::Stack;
use month_orders::MonthOrders;
use table::PlanTable;

/// The page: the plan for a planner, a clear message for anyone else.
#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let route = use_route();
    view! {
        <h1>{tr!(i18n, plan.title)}</h1>
        {move || match app.account.get().map(|a| a.role) {
            None => view! {
                <p class="notice" role="status">
                    {tr!(i18n, plan.signed_out)} " "
                    <a href=move || route.with(Route::sign_in_from).href()>{tr!(i18n, plan.sign_in)}</a>
                </p>
            }
            .into_any(),
            Some(Role::Dealer) => {
                view! { <p class="notice" role="status">{tr!(i18n, plan.not_planner)}</p> }.into_any()
            }
            Some(Role::Planner) => view! { <Plan /> }.into_any(),
        }}
    }
}

/// The months the URL asks for.
fn use_range() -> Memo<(Option<YearMonth>, Option<YearMonth>)> {
    let route = use_route();
    Memo::new(move |_| match route.get() {
        Route::Plan { from, to } => (from, to),
        _ => (None, None),
    })
}

/// The plan of the URL's range, with the range picker, the CSV link and the month detail.
#[component]
fn Plan() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let range = use_range();
    let plan = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { api::plan(from, to).await.map(Arc::new) }
    });
    let stack = RwSignal::new(Stack::Line);
    let month = RwSignal::new(None::<YearMonth>);
    let on_month = Callback::new(move |m| month.set(Some(m)));
    // The range the server answered for, shown when the URL names none.
    let shown = Memo::new(move |_| {
        let (from, to) = range.get();
        let answered = plan.get().and_then(Result::ok).map(|p| (p.from, p.to));
        (from.or(answered.map(|a| a.0)), to.or(answered.map(|a| a.1)))
    });
    // The session ended meanwhile: the page asks to sign in again.
    Effect::new(move || {
        if let Some(Err(ApiError::Server { status: 401, .. })) = plan.get() {
            app.signed_out();
        }
    });
    let body = move || {
        match plan.get() {
        None => view! { <p class="loading" role="status">{tr!(i18n, plan.loading)}</p> }.into_any(),
        Some(Err(error)) => view! {
            <div class="notice error" role="alert">
                <p>{tr!(i18n, plan.failed)}</p>
                <p class="detail">{error.to_string()}</p>
                <button type="button" on:click=move |_| plan.refetch()>{tr!(i18n, common.retry)}</button>
            </div>
        }
        .into_any(),
        Some(Ok(plan)) => view! {
            <PlanChart plan=Arc::clone(&plan) stack=stack on_month=on_month />
            {move || month.get().map(|m| view! { <MonthOrders month=m on_close=Callback::new(move |()| month.set(None)) /> })}
            <PlanTable plan=plan on_month=on_month />
        }
        .into_any(),
    }
    };
    view! {
        <p class="lead">{tr!(i18n, plan.lead)}</p>
        <div class="plan-controls">
            <RangePicker shown=shown />
            <fieldset class="plan-stack">
                <legend>{tr!(i18n, plan.stack)}</legend>
                <label><input type="radio" name="stack" prop:checked=move || stack.get() == Stack::Line on:change=move |_| stack.set(Stack::Line) />{tr!(i18n, plan.by_line)}</label>
                <label><input type="radio" name="stack" prop:checked=move || stack.get() == Stack::Model on:change=move |_| stack.set(Stack::Model) />{tr!(i18n, plan.by_model)}</label>
            </fieldset>
            <a class="plan-csv" href=move || { let (from, to) = range.get(); api::plan_csv_href(from, to) } download="">{tr!(i18n, plan.csv)}</a>
        </div>
        {body}
    }
}

/// The first and last month shown: a change replaces the URL's range (months in the wrong order
/// are put right).
#[component]
fn RangePicker(
    /// The months shown now.
    shown: Memo<(Option<YearMonth>, Option<YearMonth>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let address = use_address();
    let set = move |from: Option<YearMonth>, to: Option<YearMonth>| {
        let (from, to) = match (from, to) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            range => range,
        };
        address.navigate(&Route::Plan { from, to }.href(), Entry::Replace, false);
    };
    let value = |m: Option<YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
    view! {
        <form class="plan-range" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{tr!(i18n, plan.from)}</span>
                <input type="month" name="from" prop:value=move || value(shown.get().0)
                    on:change=move |ev| set(event_target_value(&ev).parse().ok(), shown.get_untracked().1) />
            </label>
            <label>
                <span>{tr!(i18n, plan.to)}</span>
                <input type="month" name="to" prop:value=move || value(shown.get().1)
                    on:change=move |ev| set(shown.get_untracked().0, event_target_value(&ev).parse().ok()) />
            </label>
        </form>
    }
}

/// `template` (a translation) with each `{name}` in it replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// An assembly line's name: `passenger line`; an unknown line's id as it is.
fn line_name(locale: Locale, id: &str) -> String {
    match id {
        "passenger" => td_string!(locale, plan.line_passenger).to_owned(),
        "commercial" => td_string!(locale, plan.line_commercial).to_owned(),
        other => other.to_owned(),
    }
}

/// A production phase's name: `SKD phase`; an unknown phase's as the calendar has it.
fn phase_name(locale: Locale, name: &str) -> String {
    match name {
        "SKD" => td_string!(locale, plan.phase_skd).to_owned(),
        "full" => td_string!(locale, plan.phase_full).to_owned(),
        other => other.to_owned(),
    }
}

/// The name of what a bar is made of: a line, or a model (its catalog name, else its id).
fn series_name(locale: Locale, catalog: Option<&SharedCatalog>, stack: Stack, key: &str) -> String {
    match stack {
        Stack::Line => line_name(locale, key),
        Stack::Model => catalog
            .and_then(|c| {
                c.catalog()
                    .model(&key.parse().ok()?)
                    .map(|m| m.name().get(lang_of(locale)).to_owned())
            })
            .unwrap_or_else(|| key.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_puts_each_value_in_its_place() {
        assert_eq!(
            fill(
                "{month}, {line}: {units} of {capacity}",
                &[
                    ("month", "March 2027"),
                    ("line", "passenger line"),
                    ("units", "420"),
                    ("capacity", "500")
                ]
            ),
            "March 2027, passenger line: 420 of 500"
        );
        assert_eq!(
            fill(
                "{capacity} ichinen {units}",
                &[("units", "1"), ("capacity", "2")]
            ),
            "2 ichinen 1"
        );
    }
}
