//! Who is signed in on this browser, in the header and on the sign-in page: the account in words,
//! and the one [`Action`] that signs in and out.

use configurator_domain::api::{LoginRequest, SessionResponse};
use leptos::prelude::*;

use crate::{
    api::{self, SignInError},
    i18n::{t_string, tr, use_i18n},
    navigation::{Entry, use_address},
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
    let sign_out = use_account_change();
    let busy = sign_out.pending();
    view! {
        <button type="button" on:click=move |_| { sign_out.dispatch_local(AccountChange::SignOut); } disabled=move || busy.get()>{tr!(i18n, account.sign_out)}</button>
    }
}

/// A change of who is signed in on this browser: what the sign-in form and the sign-out button
/// submit.
#[derive(Debug, Clone)]
pub enum AccountChange {
    /// Sign in, then go to the catalog.
    SignIn(LoginRequest),
    /// Sign out.
    SignOut,
}

/// The action that submits an account change; its value is the last one's outcome (only signing
/// in can fail: signed out here is signed out whatever the server says, as an ended session is no
/// session).
pub fn use_account_change() -> Action<AccountChange, Result<(), SignInError>> {
    let app = use_app_state();
    let address = use_address();
    Action::new_local(move |change: &AccountChange| {
        let change = change.clone();
        async move {
            match change {
                AccountChange::SignIn(request) => {
                    let account = api::sign_in(&request).await?;
                    app.signed_in(account);
                    address.navigate(&Route::home().href(), Entry::Push, true);
                }
                AccountChange::SignOut => {
                    let _ = api::sign_out().await;
                    app.signed_out();
                }
            }
            Ok(())
        }
    })
}
