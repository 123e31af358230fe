//! The dealer's quote requests, loaded once and filtered here by status, with the loading,
//! failure and empty states. A status the server stored while the page is open is kept over the
//! loaded one.

use std::collections::{BTreeMap, BTreeSet};

use configurator_domain::api::{PartnerQuoteRequest, QuoteRequestStatus};
use leptos::prelude::*;

use super::{
    filter::{StatusFilter, StatusFilterPicker},
    row::RequestRow,
};
use crate::{
    api::{self, ApiError},
    i18n::{tr, use_i18n},
};

/// What the list has to show.
#[derive(Debug, Clone, PartialEq)]
enum ListState {
    Loading,
    Failed(ApiError),
    /// The dealer has no requests at all.
    NoRequests,
    /// None with the statuses the filter admits.
    NoneAdmitted,
    Shown,
}

/// The filter, and the table of the requests it admits.
#[component]
pub fn RequestList(
    /// The signed-in dealer.
    dealer: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(api::quote_requests);
    // The statuses the server stored since the list was loaded.
    let stored = RwSignal::new(BTreeMap::<i64, QuoteRequestStatus>::new());
    let filter = RwSignal::new(StatusFilter::default());
    // Requests whose status changed under the current filter stay in view until the filter
    // changes: a closed request does not vanish under the dealer's pointer, and a slip can be
    // undone.
    let changed = RwSignal::new(BTreeSet::<i64>::new());
    let shown = Memo::new(move |_| {
        let Some(Ok(list)) = loaded.get() else {
            return Vec::new();
        };
        let filter = filter.get();
        list.requests
            .into_iter()
            .filter(|r| {
                let status = stored.with(|s| s.get(&r.id).copied()).unwrap_or(r.status);
                filter.admits(status) || changed.with(|c| c.contains(&r.id))
            })
            .collect::<Vec<_>>()
    });
    // A memo of its own: the table is built again only when what it shows changes kind, not with
    // every status.
    let state = Memo::new(move |_| match loaded.get() {
        None => ListState::Loading,
        Some(Err(error)) => ListState::Failed(error),
        Some(Ok(list)) if list.requests.is_empty() => ListState::NoRequests,
        Some(Ok(_)) if shown.with(Vec::is_empty) => ListState::NoneAdmitted,
        Some(Ok(_)) => ListState::Shown,
    });
    let pick = Callback::new(move |picked: StatusFilter| {
        changed.update(BTreeSet::clear);
        filter.set(picked);
    });
    let dealer = StoredValue::new(dealer);
    let row = move |request: PartnerQuoteRequest| {
        let (id, listed) = (request.id, request.status);
        let status = Signal::derive(move || stored.with(|s| s.get(&id).copied()).unwrap_or(listed));
        let on_saved = Callback::new(move |saved: QuoteRequestStatus| {
            stored.update(|s| {
                s.insert(id, saved);
            });
            changed.update(|c| {
                c.insert(id);
            });
        });
        view! { <RequestRow request=request dealer=dealer.get_value() status=status on_saved=on_saved /> }
    };
    view! {
        <StatusFilterPicker filter=filter.into() on_pick=pick />
        {move || match state.get() {
            ListState::Loading => view! { <p role="status">{tr!(i18n, common.loading)}</p> }.into_any(),
            ListState::Failed(error) => view! {
                <p class="problem" role="alert">{error.to_string()} " "
                    <button type="button" on:click=move |_| loaded.refetch()>{tr!(i18n, common.retry)}</button>
                </p>
            }
            .into_any(),
            ListState::NoRequests => view! { <p class="empty">{tr!(i18n, requests.none)}</p> }.into_any(),
            ListState::NoneAdmitted => view! { <p class="empty">{tr!(i18n, requests.none_shown)}</p> }.into_any(),
            ListState::Shown => view! {
                <div class="table-scroll">
                    <table class="request-table">
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, requests.date)}</th>
                                <th scope="col">{tr!(i18n, requests.partner)}</th>
                                <th scope="col">{tr!(i18n, requests.name)}</th>
                                <th scope="col">{tr!(i18n, requests.contact)}</th>
                                <th scope="col">{tr!(i18n, requests.model)}</th>
                                <th scope="col" class="num">{tr!(i18n, requests.quantity)}</th>
                                <th scope="col" class="num">{tr!(i18n, requests.total)}</th>
                                <th scope="col">{tr!(i18n, requests.message)}</th>
                                <th scope="col">{tr!(i18n, requests.status)}</th>
                                <th scope="col">{tr!(i18n, nav.cart)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || shown.get() key=|r| r.id children=row />
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }}
    }
}
