//! Whether the server answers, from `GET /api/v1/health`: checking, ok with its version, or the error
//! with a way to try again.

use leptos::prelude::*;

use crate::api;

/// The server's state, checked once on mount and again on demand.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let health = LocalResource::new(api::health);
    view! {
        <span class="server-status" role="status" aria-live="polite">
            {move || match health.get() {
                None => view! { <span data-state="loading">"Checking the server…"</span> }.into_any(),
                Some(Ok(answer)) => view! {
                    <span data-state="ok">"Server " {answer.status} " · v" {answer.version}</span>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <span data-state="error">"Server unavailable: " {error.to_string()} " "</span>
                    <button type="button" on:click=move |_| health.refetch()>"Try again"</button>
                }
                .into_any(),
            }}
        </span>
    }
}
