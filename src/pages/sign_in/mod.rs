//! The sign-in page (`/sign-in`): dealers and planners sign in with their username and password;
//! a wrong password, too many attempts (with the wait the server asks for) and an unreachable
//! server each get their own message. Signed in, the page says who and offers to sign out.

use configurator_domain::api::{LoginRequest, SessionResponse};
use leptos::{ev::SubmitEvent, prelude::*};

use crate::{
    api::{self, SignInError},
    components::account::{SignOutButton, describe},
    i18n::{t, t_string, use_i18n},
    navigation::{Entry, use_address},
    route::Route,
    state::use_app_state,
};

/// The page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    view! {
        <h1>{t!(i18n, account.title)}</h1>
        {move || match app.account.get() {
            Some(account) => view! { <SignedIn account=account /> }.into_any(),
            None => view! { <SignInForm /> }.into_any(),
        }}
    }
}

/// Who is signed in, with a button to sign out.
#[component]
fn SignedIn(account: SessionResponse) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>{t!(i18n, account.signed_in_as)} " " <strong>{describe(&account, t_string!(i18n, account.planner))}</strong></p>
        <SignOutButton />
    }
}

/// The form.
#[component]
fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let address = use_address();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<SignInError>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::sign_in(&request).await {
                Ok(account) => {
                    app.signed_in(account);
                    address.navigate(&Route::home().href(), Entry::Push, true);
                }
                Err(e) => {
                    error.try_set(Some(e));
                    busy.try_set(false);
                }
            }
        });
    };
    let message = move || {
        error.get().map(|e| {
            let text = match e {
                SignInError::Wrong => t_string!(i18n, account.wrong).to_owned(),
                SignInError::Wait(seconds) => {
                    format!("{} {seconds} s.", t_string!(i18n, account.wait))
                }
                SignInError::Failed(e) => format!("{} {e}", t_string!(i18n, account.failed)),
            };
            view! { <p class="notice error" role="alert">{text}</p> }
        })
    };
    view! {
        <p>{t!(i18n, account.lead)}</p>
        <form class="sign-in" on:submit=submit>
            {message}
            <label>
                <span>{t!(i18n, account.username)}</span>
                <input
                    name="username"
                    autocomplete="username"
                    required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{t!(i18n, account.password)}</span>
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
