//! The quote requests page (`/requests`, dealers): what visitors of the partner sites of the
//! dealer's dealership asked a price for, newest first. The dealer reaches the visitor by phone or
//! e-mail, sets each request's status (shown once the server has stored it), and turns a request
//! into a cart line.

use configurator_domain::api::{QuoteRequestStatus, Role};
use leptos::prelude::*;

use crate::{
    i18n::{Locale, td_string, tr, use_i18n},
    route::Route,
    state::use_app_state,
};

mod contact;
mod filter;
mod list;
mod row;
mod status;
mod to_cart;

use list::RequestList;

/// Who is looking at the page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Viewer {
    /// Nobody is signed in.
    SignedOut,
    /// A planner: quote requests go to dealers.
    NotDealer,
    /// The dealer with this username.
    Dealer(String),
}

/// The page: the signed-in dealer's quote requests, or why there are none to show.
#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    // A memo: the list is loaded again only when another user signs in, not when the same
    // account is set again.
    let viewer = Memo::new(move |_| {
        app.account.with(|account| match account {
            None => Viewer::SignedOut,
            Some(account) if account.role != Role::Dealer => Viewer::NotDealer,
            Some(account) => Viewer::Dealer(account.username.clone()),
        })
    });
    view! {
        <h1>{tr!(i18n, requests.title)}</h1>
        <p class="lead">{tr!(i18n, requests.lead)}</p>
        {move || match viewer.get() {
            Viewer::SignedOut => view! {
                <p class="notice" role="status">
                    {tr!(i18n, requests.signed_out)} " "
                    <a href=Route::Requests.sign_in_from().href()>{tr!(i18n, account.sign_in)}</a>
                </p>
            }
            .into_any(),
            Viewer::NotDealer => {
                view! { <p class="notice" role="status">{tr!(i18n, requests.dealers_only)}</p> }.into_any()
            }
            Viewer::Dealer(dealer) => view! { <RequestList dealer=dealer /> }.into_any(),
        }}
    }
}

/// A status in the reader's language.
fn status_name(i18n: leptos_i18n::I18nContext<Locale>, status: QuoteRequestStatus) -> &'static str {
    let locale = i18n.get_locale();
    match status {
        QuoteRequestStatus::New => td_string!(locale, requests.status_new),
        QuoteRequestStatus::Contacted => td_string!(locale, requests.status_contacted),
        QuoteRequestStatus::Closed => td_string!(locale, requests.status_closed),
    }
}
