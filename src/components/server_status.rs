//! Whether the server answers, from `GET /api/v1/health`: checking, ok with its version, or the error
//! with a way to try again.

use leptos::prelude::*;

use crate::{
    api,
    i18n::{tr, use_i18n},
};

/// The server's state, checked once on mount and again on demand.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let health = LocalResource::new(api::health);
    view! {
        <span class="server-status" role="status" aria-live="polite">
            {move || match health.get() {
                None => view! { <span data-state="loading">{tr!(i18n, server.checking)}</span> }.into_any(),
                Some(Ok(answer)) => view! {
                    <span data-state="ok">{tr!(i18n, server.ok)} " " {answer.status} " · v" {answer.version}</span>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <span data-state="error">{tr!(i18n, server.unavailable)} " " {error.to_string()} " "</span>
                    <button type="button" on:click=move |_| health.refetch()>{tr!(i18n, common.retry)}</button>
                }
                .into_any(),
            }}
        </span>
    }
}
