//! The orders pages: `/orders` lists the dealer's orders (every order for a planner), newest
//! first, filtered by state and build month in the URL and paged with the server's cursor;
//! `/orders/{id}` shows one order with its lines and build months, and cancels it where the server
//! allows (a frozen build month is refused with the server's reason).

use configurator_domain::{
    ModelId,
    api::{OrderResponse, OrderStatus, SessionResponse},
};
use leptos::prelude::*;

use crate::{
    api, format,
    i18n::{tr, use_i18n, use_lang},
    labels,
    navigation::{Entry, use_address, use_route},
    route::{OrdersQuery, Route},
    state::{CatalogStatus, use_app_state},
};

mod detail;

pub use detail::OrderPage;

/// How many orders a page asks for.
const PAGE: u32 = 20;

/// Shows `page` to a signed-in user, or asks to sign in.
pub fn signed_in_only<V: IntoView + 'static>(
    page: impl Fn(SessionResponse) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let route = use_route();
    move || {
        match app.account.get() {
        Some(account) => page(account).into_any(),
        None => view! {
            <p class="notice" role="status">
                {tr!(i18n, orders.signed_out)} " "
                <a href=move || route.with(Route::sign_in_from).href()>{tr!(i18n, account.sign_in)}</a>
            </p>
        }
        .into_any(),
    }
    }
}

/// The list page.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{tr!(i18n, nav.orders)}</h1>
        {signed_in_only(|_| view! { <OrderList /> })}
    }
}

/// The filters and the orders they select, a page at a time.
#[component]
fn OrderList() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let address = use_address();
    let query = Memo::new(move |_| match route.get() {
        Route::Orders(query) => query,
        _ => OrdersQuery::default(),
    });
    // Pages shown so far, and the cursor of the next one.
    let shown = RwSignal::new(Vec::<OrderResponse>::new());
    let next = RwSignal::new(None::<String>);
    let more = RwSignal::new(None::<String>);
    let page = LocalResource::new(move || {
        let query = query.get();
        let cursor = more.get();
        async move {
            let mut params = vec![format!("limit={PAGE}")];
            params.extend(query.status.map(|s| format!("status={}", s.as_str())));
            params.extend(query.month.map(|m| format!("month={m}")));
            params.extend(cursor.map(|c| format!("cursor={c}")));
            api::orders(&params.join("&")).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = page.get() {
            let first = more.get_untracked().is_none();
            shown.update(|all| {
                if first {
                    all.clear();
                }
                all.extend(list.orders.iter().cloned());
            });
            next.set(list.next_cursor.clone());
        }
    });
    let go = move |change: &dyn Fn(&mut OrdersQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        more.set(None);
        address.navigate(&Route::Orders(q).href(), Entry::Replace, false);
    };
    view! {
        <div class="filters">
            <label>
                <span>{tr!(i18n, orders.status)}</span>
                <select
                    name="status"
                    prop:value=move || query.get().status.map_or("", OrderStatus::as_str)
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        go(&|q: &mut OrdersQuery| q.status = value.parse().ok());
                    }
                >
                    <option value="">{tr!(i18n, orders.any)}</option>
                    <option value="placed">{tr!(i18n, orders.placed)}</option>
                    <option value="cancelled">{tr!(i18n, orders.cancelled)}</option>
                </select>
            </label>
            <label>
                <span>{tr!(i18n, orders.month)}</span>
                <input
                    type="month"
                    name="month"
                    prop:value=move || query.get().month.map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        go(&|q: &mut OrdersQuery| q.month = value.parse().ok());
                    }
                />
            </label>
        </div>
        {move || match page.get() {
            None if shown.with(Vec::is_empty) => view! { <p role="status">{tr!(i18n, common.loading)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <p class="problem" role="alert">{error.to_string()} " "
                    <button type="button" on:click=move |_| page.refetch()>{tr!(i18n, common.retry)}</button>
                </p>
            }
            .into_any(),
            _ if shown.with(Vec::is_empty) => view! { <p class="empty">{tr!(i18n, orders.none)}</p> }.into_any(),
            _ => ().into_any(),
        }}
        <ul class="order-list">
            <For each=move || shown.get() key=|o| (o.id, o.status) children=move |o| view! { <OrderItem order=o /> } />
        </ul>
        {move || next.get().map(|cursor| view! {
            <button type="button" on:click=move |_| more.set(Some(cursor.clone()))>{tr!(i18n, orders.more)}</button>
        })}
    }
}

/// One order in the list: number, date, state, total and each line's build months.
#[component]
fn OrderItem(order: OrderResponse) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let q = &order.quote;
    let total = format::money(q.total, q.minor_digits, q.currency.as_str(), lang());
    let date = order.created_at.get(..10).unwrap_or_default().to_owned();
    view! {
        <li class="order-item" data-status=order.status.as_str()>
            <a href=Route::Order { id: order.id }.href()>{format!("#{}", order.id)}</a>
            " " <span>{date}</span> " · " <span class="order-status">{status_name(i18n, order.status)}</span>
            " · " <strong class="num">{total}</strong>
            <ul>
                {order.lines.iter().map(|line| view! {
                    <li>{model_name(&line.model)} " × " {line.quantity} ": " {months(i18n.get_locale(), line)}</li>
                }).collect_view()}
            </ul>
        </li>
    }
}

/// `placed`/`cancelled` in the reader's language.
pub fn status_name(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    status: OrderStatus,
) -> &'static str {
    match status {
        OrderStatus::Placed => crate::i18n::td_string!(i18n.get_locale(), orders.placed),
        OrderStatus::Cancelled => crate::i18n::td_string!(i18n.get_locale(), orders.cancelled),
    }
}

/// The model's name in the page's language, from the catalog; its id until the catalog is there
/// (or when the catalog no longer has it).
pub fn model_name(model: &ModelId) -> impl Fn() -> String + use<> {
    let app = use_app_state();
    let lang = use_lang();
    let model = model.clone();
    move || {
        app.catalog
            .with(|status| match status {
                CatalogStatus::Ready { data, .. } => data
                    .catalog()
                    .model(&model)
                    .map(|m| m.name().get(lang()).to_owned()),
                _ => None,
            })
            .unwrap_or_else(|| model.to_string())
    }
}

/// A line's build months: `March 2027: 20, April 2027: 10`.
pub fn months(
    locale: crate::i18n::Locale,
    line: &configurator_domain::api::OrderLineResponse,
) -> String {
    month_parts(locale, line).join(", ")
}

/// Each of a line's build months with its units: `March 2027: 20`.
pub fn month_parts(
    locale: crate::i18n::Locale,
    line: &configurator_domain::api::OrderLineResponse,
) -> Vec<String> {
    line.allocations
        .iter()
        .map(|a| format!("{}: {}", labels::month_name(locale, a.month), a.units))
        .collect()
}
