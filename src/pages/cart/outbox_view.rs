//! The state of the dealer's submitted orders, above the cart: waiting for the network (with the
//! next attempt), placed (with the order's number and link), or rejected (with the server's
//! reason; its field errors are shown against the cart's lines).

use leptos::prelude::*;

use crate::{
    i18n::{t, tr, use_i18n},
    outbox::{Delivery, Submission},
    route::Route,
};

/// One notice per submission.
#[component]
pub fn OutboxState(
    submissions: Memo<Vec<Submission>>,
    /// Forgets a finished submission.
    #[prop(into)]
    on_dismiss: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="outbox" aria-live="polite">
            <For
                each=move || submissions.get()
                key=|s| (s.key.clone(), s.delivery.clone(), s.attempts)
                children=move |s: Submission| {
                    let key = s.key.clone();
                    match s.delivery {
                        Delivery::Waiting if s.attempts == 0 => view! {
                            <p class="notice" data-outbox="sending">{tr!(i18n, cart.sending)}</p>
                        }
                        .into_any(),
                        Delivery::Waiting => view! {
                            <p class="notice" data-outbox="waiting">{t!(i18n, cart.waiting, count = s.attempts)}</p>
                        }
                        .into_any(),
                        Delivery::Placed { order } => view! {
                            <p class="notice ok" data-outbox="placed" role="status">
                                {t!(i18n, cart.placed, id = order)} " "
                                <a href=Route::Order { id: order }.href()>{tr!(i18n, cart.see_order)}</a> " "
                                <button type="button" on:click=move |_| on_dismiss.run(key.clone())>{tr!(i18n, common.dismiss)}</button>
                            </p>
                        }
                        .into_any(),
                        Delivery::Rejected { message, .. } => view! {
                            <p class="notice error" data-outbox="rejected" role="alert">
                                {tr!(i18n, cart.rejected)} " " {message} " "
                                <button type="button" on:click=move |_| on_dismiss.run(key.clone())>{tr!(i18n, common.dismiss)}</button>
                            </p>
                        }
                        .into_any(),
                    }
                }
            />
        </div>
    }
}
