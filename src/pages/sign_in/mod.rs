//! The sign-in page (`/sign-in`): dealers and planners sign in with their username and password;
//! a wrong password, too many attempts (with the wait the server asks for) and an unreachable
//! server each get their own message. Signed in, the page says who and offers to sign out.

use configurator_domain::api::SessionResponse;
use leptos::prelude::*;

use crate::{
    components::account::{SignOutButton, describe},
    i18n::{t_string, tr, use_i18n},
    state::use_app_state,
};

mod form;

use form::SignInForm;

/// The page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    view! {
        <h1>{tr!(i18n, account.title)}</h1>
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
        <p>{tr!(i18n, account.signed_in_as)} " " <strong>{describe(&account, t_string!(i18n, account.planner))}</strong></p>
        <SignOutButton />
    }
}
