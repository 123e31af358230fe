//! Who is signed in on this browser, in the header and on the sign-in page: the account in words
//! and the way out.

use configurator_domain::api::SessionResponse;
use leptos::prelude::*;

use crate::{
    api,
    i18n::{t_string, tr, use_i18n},
    route::Route,
    state::use_app_state,
};

/// Who is signed in, with a way out; or the way in (in the header).
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || match app.account.get() {
        Some(account) => view! {
            <p class="account">
                <span>{describe(&account, t_string!(i18n, account.planner))}</span>
                " "
                <SignOutButton />
            </p>
        }
        .into_any(),
        None => view! {
            <p class="account"><a href=Route::SignIn.href()>{tr!(i18n, account.sign_in)}</a></p>
        }
        .into_any(),
    }
}

/// `dealer1 · Bishkek Auto Center`; a planner, who has no dealership, is said to be one.
pub fn describe(account: &SessionResponse, planner: &str) -> String {
    let place = account.dealership.as_deref().unwrap_or(planner);
    format!("{} · {place}", account.username)
}

/// Signs out (the server forgets the session) and forgets the account here.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    // Signed out here whatever the server says: an ended session is no session.
    let sign_out = Action::new_local(move |(): &()| async move {
        let _ = api::sign_out().await;
        app.signed_out();
    });
    let busy = sign_out.pending();
    view! {
        <button type="button" on:click=move |_| { sign_out.dispatch_local(()); } disabled=move || busy.get()>{tr!(i18n, account.sign_out)}</button>
    }
}
