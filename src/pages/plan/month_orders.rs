//! One month in detail: the orders with vehicles built in it and the dealerships they come from,
//! 50 orders at a time (newest first), with a button for the next 50.

use std::collections::BTreeMap;

use configurator_domain::{api::OrderResponse, plan::YearMonth};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    format,
    i18n::{lang_of, td_string, tr, use_i18n},
    labels::month_name,
    route::Route,
    state::use_app_state,
};

use super::{fill, geometry::Stack, series_name};

/// Orders asked for at a time.
const PAGE: u32 = 50;

/// The orders of `month`; `on_close` closes the detail.
#[component]
pub fn MonthOrders(
    /// The month.
    month: YearMonth,
    /// The detail is closed.
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let orders = RwSignal::new(Vec::<OrderResponse>::new());
    let next = RwSignal::new(None::<String>);
    // Fetches the page after `cursor` (the first when `None`) and adds it to the list.
    let load = Action::new_local(move |cursor: &Option<String>| {
        let query = match cursor {
            Some(cursor) => format!("month={month}&limit={PAGE}&cursor={cursor}"),
            None => format!("month={month}&limit={PAGE}"),
        };
        async move {
            let page = api::orders(&query).await?;
            orders.update(|o| o.extend(page.orders));
            next.set(page.next_cursor);
            Ok::<_, ApiError>(())
        }
    });
    load.dispatch_local(None);
    // Opened from a bar or a button: the reader goes on here.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move || {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let pending = load.pending();
    let rows = move || {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let catalog = app.data();
        orders.with(|orders| {
            let units = |order: &OrderResponse| -> u32 {
                order.lines.iter().flat_map(|l| &l.allocations).filter(|a| a.month == month).map(|a| a.units).sum()
            };
            let mut dealers = BTreeMap::<&str, u32>::new();
            for order in orders {
                *dealers.entry(&order.dealership).or_default() += units(order);
            }
            let dealers = dealers
                .into_iter()
                .map(|(name, n)| view! { <li>{name.to_owned()} ": " {format::grouped(n.into(), lang)}</li> })
                .collect_view();
            let orders = orders
                .iter()
                .map(|order| {
                    let models = order
                        .lines
                        .iter()
                        .map(|l| format!("{} × {}", series_name(locale, catalog.as_ref(), Stack::Model, l.model.as_str()), l.quantity))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <tr>
                            <td><a href=Route::Order { id: order.id }.href()>"#" {order.id}</a></td>
                            <td>{order.dealership.clone()}</td>
                            <td>{models}</td>
                            <td class="num">{format::grouped(units(order).into(), lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{tr!(i18n, plan.by_dealership)}</h3>
                <ul class="plan-dealers">{dealers}</ul>
                <div class="plan-table-wrap"><table class="plan-orders">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(i18n, plan.order)}</th>
                            <th scope="col">{tr!(i18n, plan.dealership)}</th>
                            <th scope="col">{tr!(i18n, plan.models)}</th>
                            <th scope="col" class="num">{tr!(i18n, plan.in_month)}</th>
                        </tr>
                    </thead>
                    <tbody>{orders}</tbody>
                </table></div>
            }
        })
    };
    let state = move || {
        if pending.get() {
            return Some(
                view! { <p class="loading" role="status">{tr!(i18n, common.loading)}</p> }
                    .into_any(),
            );
        }
        match load.value().get() {
            Some(Err(error)) => Some(
                view! {
                    <div class="notice error" role="alert">
                        <p>{tr!(i18n, plan.orders_failed)}</p>
                        <p class="detail">{error.to_string()}</p>
                        <button type="button" on:click=move |_| { load.dispatch_local(next.get_untracked()); }>{tr!(i18n, common.retry)}</button>
                    </div>
                }
                .into_any(),
            ),
            Some(Ok(())) if orders.with(Vec::is_empty) => {
                Some(view! { <p>{tr!(i18n, plan.no_orders)}</p> }.into_any())
            }
            Some(Ok(())) => next.get().map(|cursor| {
                view! {
                    <button type="button" on:click=move |_| { load.dispatch_local(Some(cursor.clone())); }>{tr!(i18n, plan.more)}</button>
                }
                .into_any()
            }),
            None => None,
        }
    };
    view! {
        <section class="plan-month" aria-labelledby="plan-month-title">
            <h2 id="plan-month-title" tabindex="-1" node_ref=heading>
                {move || {
                    let locale = i18n.get_locale();
                    fill(td_string!(locale, plan.month_orders), &[("month", &month_name(locale, month))])
                }}
            </h2>
            <button type="button" class="close" on:click=move |_| on_close.run(())>{tr!(i18n, plan.close)}</button>
            {move || orders.with(|o| !o.is_empty()).then(rows)}
            {state}
        </section>
    }
}
