//! Who is signed in on this browser, in the header and on the sign-in page: the account in words,
//! and the one [`Action`] that signs in and out.

use configurator_domain::api::{LoginRequest, SessionResponse};
use leptos::prelude::*;

use crate::{
    api::{self, SignInError},
    i18n::{t_string, tr, use_i18n},
    navigation::{Entry, use_address, use_route},
    route::Route,
    state::use_app_state,
};

/// Who is signed in, with a way out; or the way in (in the header).
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let route = use_route();
    move || {
        match app.account.get() {
        // The name over the dealership, in two short lines: the header keeps one row.
        Some(account) => view! {
            <p class="account">
                <span class="who">
                    <span>{account.username.clone()}</span>
                    <span class="sep">" · "</span>
                    <span>{place(&account, t_string!(i18n, account.planner)).to_owned()}</span>
                </span>
                " "
                <SignOutButton />
            </p>
        }
        .into_any(),
        None => view! {
            <p class="account">
                <a href=move || route.with(Route::sign_in_from).href()>{tr!(i18n, account.sign_in)}</a>
            </p>
        }
        .into_any(),
    }
    }
}

/// `dealer1 · Bishkek Auto Center`; a planner, who has no dealership, is said to be one.
pub fn describe(account: &SessionResponse, planner: &str) -> String {
    format!("{} · {}", account.username, place(account, planner))
}

/// The account's dealership, or `planner` for a planner.
fn place<'a>(account: &'a SessionResponse, planner: &'a str) -> &'a str {
    account.dealership.as_deref().unwrap_or(planner)
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
    /// Sign in, then go back to the page the sign-in page was opened from (the catalog if none).
    SignIn(LoginRequest),
    /// Sign out.
    SignOut,
}

/// The action that submits an account change; its value is the last one's outcome (only signing
/// in can fail: signing out always signs out here, and tells the server now or at the next
/// contact).
pub fn use_account_change() -> Action<AccountChange, Result<(), SignInError>> {
    let app = use_app_state();
    let address = use_address();
    let route = use_route();
    Action::new_local(move |change: &AccountChange| {
        let change = change.clone();
        async move {
            match change {
                AccountChange::SignIn(request) => {
                    let account = api::sign_in(&request).await?;
                    app.signed_in(account);
                    let next = match route.get_untracked() {
                        Route::SignIn { next: Some(next) } => next,
                        _ => Route::home().href(),
                    };
                    address.navigate(&next, Entry::Push, true);
                }
                AccountChange::SignOut => app.sign_out().await,
            }
            Ok(())
        }
    })
}
