//! One order (`/orders/{id}`): its state, total, lines and build months, and cancelling it with a
//! confirmation where the server allows (dealers; a frozen build month is refused with the
//! server's reason, shown as it is).

use configurator_domain::api::{OrderResponse, OrderStatus, Role};
use leptos::prelude::*;

use super::{model_name, month_parts, signed_in_only, status_name};
use crate::{
    api::{self, ApiError},
    format,
    i18n::{t, tr, use_i18n, use_lang},
    labels,
};

/// The page of order `id`.
#[component]
pub fn OrderPage(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{tr!(i18n, orders.order)} " #" {id}</h1>
        {signed_in_only(move |account| {
            let dealer = account.role == Role::Dealer;
            view! { <OrderView id=id dealer=dealer /> }
        })}
    }
}

/// The order, loaded.
#[component]
fn OrderView(id: i64, dealer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let order = LocalResource::new(move || api::order(id));
    // The order as the last cancel answered it, over the loaded one.
    let updated = RwSignal::new(None::<OrderResponse>);
    view! {
        {move || match (updated.get(), order.get()) {
            (Some(o), _) | (None, Some(Ok(o))) => view! { <OrderBody order=o dealer=dealer updated=updated /> }.into_any(),
            (None, None) => view! { <p role="status">{tr!(i18n, common.loading)}</p> }.into_any(),
            (None, Some(Err(ApiError::Server { status: 404, .. }))) => {
                view! { <p class="problem" role="alert">{tr!(i18n, orders.not_found)}</p> }.into_any()
            }
            (None, Some(Err(error))) => view! {
                <p class="problem" role="alert">{error.to_string()} " "
                    <button type="button" on:click=move |_| order.refetch()>{tr!(i18n, common.retry)}</button>
                </p>
            }
            .into_any(),
        }}
    }
}

/// What the order holds, and the way to cancel it.
#[component]
fn OrderBody(
    order: OrderResponse,
    dealer: bool,
    updated: RwSignal<Option<OrderResponse>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let q = &order.quote;
    let money = {
        let (digits, currency, lang) = (q.minor_digits, q.currency.clone(), lang());
        move |minor: i64| format::money(minor, digits, currency.as_str(), lang)
    };
    let total = money(q.total);
    let id = order.id;
    let confirming = RwSignal::new(false);
    let refusal = RwSignal::new(None::<String>);
    let cancel = Action::new_local(move |_: &()| async move {
        match api::cancel_order(id).await {
            Ok(order) => {
                confirming.set(false);
                updated.set(Some(order));
            }
            Err(error) => {
                confirming.set(false);
                refusal.set(Some(match error {
                    ApiError::Server { message, .. } => message,
                    other => other.to_string(),
                }));
            }
        }
    });
    let frozen = order.frozen_month;
    let cancellable = dealer && order.status == OrderStatus::Placed && frozen.is_none();
    view! {
        <p class="order-head">
            <span class="order-status" data-status=order.status.as_str()>{status_name(i18n, order.status)}</span>
            " · " {order.dealership.clone()} " · " {order.created_at.get(..10).unwrap_or_default().to_owned()}
            " · " <strong class="num" data-total="">{total}</strong>
        </p>
        <p class="print-only print-title">{tr!(i18n, orders.confirmation)} " · " {crate::app::PRODUCT_NAME}</p>
        <div class="table-scroll">
        <table class="order-lines">
            <thead>
                <tr>
                    <th scope="col">{tr!(i18n, orders.model)}</th>
                    <th scope="col" class="num">{tr!(i18n, summary.quantity)}</th>
                    <th scope="col" class="num">{tr!(i18n, price.total)}</th>
                    <th scope="col">{tr!(i18n, orders.build_months)}</th>
                </tr>
            </thead>
            <tbody>
                {order.lines.iter().zip(&q.lines).map(|(line, priced)| view! {
                    <tr>
                        <td>{model_name(&line.model)} <code class="order-code">{line.code.clone()}</code></td>
                        <td class="num" data-label=tr!(i18n, summary.quantity)>{line.quantity}</td>
                        <td class="num" data-label=tr!(i18n, price.total)>{money(priced.total)}</td>
                        <td data-label=tr!(i18n, orders.build_months)><ul class="months">{month_parts(i18n.get_locale(), line).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul></td>
                    </tr>
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr><th scope="row" colspan="2">{tr!(i18n, orders.net)}</th><td class="num">{money(q.net)}</td><td></td></tr>
                <tr><th scope="row" colspan="2">{tr!(i18n, price.vat)}</th><td class="num">{money(q.vat)}</td><td></td></tr>
                <tr><th scope="row" colspan="2">{tr!(i18n, price.total)}</th><td class="num"><strong>{money(q.total)}</strong></td><td></td></tr>
            </tfoot>
        </table>
        </div>
        <p class="no-print">
            <button type="button" on:click=|_| { let _ = window().print(); }>{tr!(i18n, orders.print)}</button>
        </p>
        {cancellable.then(|| view! {
            <p class="order-actions no-print">
                {move || if confirming.get() {
                    view! {
                        <span role="alert">{tr!(i18n, orders.confirm_cancel)}</span> " "
                        <button type="button" class="danger" disabled=move || cancel.pending().get() on:click=move |_| { cancel.dispatch(()); }>
                            {tr!(i18n, orders.yes_cancel)}
                        </button> " "
                        <button type="button" on:click=move |_| confirming.set(false)>{tr!(i18n, orders.keep)}</button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" on:click=move |_| { refusal.set(None); confirming.set(true); }>{tr!(i18n, orders.cancel)}</button>
                    }
                    .into_any()
                }}
            </p>
        })}
        {frozen.map(|month| view! {
            <p class="notice" data-frozen=month.to_string()>
                {t!(i18n, orders.frozen, month = labels::month_name(i18n.get_locale(), month))}
            </p>
        })}
                {move || refusal.get().map(|message| view! { <p class="problem" role="alert">{message}</p> })}
    }
}
