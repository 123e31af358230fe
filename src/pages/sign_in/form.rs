//! The sign-in form: username and password, submitted through an [`Action`]; while it is on its
//! way the button says so and a second submit is ignored; a failure is told in the form, each
//! kind in its own words, and signing in goes to the catalog.

use configurator_domain::api::LoginRequest;
use leptos::{ev::SubmitEvent, prelude::*};

use crate::{
    api::SignInError,
    components::account::{AccountChange, use_account_change},
    i18n::{t_string, tr, use_i18n},
};

/// The form.
#[component]
pub fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = use_account_change();
    let busy = sign_in.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        sign_in.dispatch_local(AccountChange::SignIn(LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        }));
    };
    // The last attempt's failure, until the next attempt is on its way.
    let message = move || {
        if busy.get() {
            return None;
        }
        let error = sign_in.value().get()?.err()?;
        let text = match error {
            SignInError::Wrong => t_string!(i18n, account.wrong).to_owned(),
            SignInError::Wait(seconds) => format!("{} {seconds} s.", t_string!(i18n, account.wait)),
            SignInError::Failed(e) => format!("{} {e}", t_string!(i18n, account.failed)),
        };
        Some(view! { <p class="notice error" role="alert">{text}</p> })
    };
    view! {
        <p>{tr!(i18n, account.lead)}</p>
        <form class="sign-in" on:submit=submit>
            {message}
            <label>
                <span>{tr!(i18n, account.username)}</span>
                <input
                    name="username"
                    autocomplete="username"
                    required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{tr!(i18n, account.password)}</span>
                <input
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() {
                    t_string!(i18n, account.signing_in)
                } else {
                    t_string!(i18n, account.submit)
                }}
            </button>
        </form>
    }
}
