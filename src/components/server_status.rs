//! Whether the server answers, from `GET /api/v1/health`: checking, ok with its version, or the error
//! with a way to try again. The first question waits until the page has loaded (the footer is not
//! what the first screen is for, and the page's own requests say soon enough whether the server is
//! there). It is asked again every few seconds while the page is visible, so the
//! footer says the server is down soon after it stops, and says it is back on its own; each time it
//! answers, a sign-out it has not heard of yet is finished.

use std::time::Duration;

use leptos::prelude::*;

use crate::{
    api,
    i18n::{tr, use_i18n},
    state::{AppState, after},
};

/// How long after the status appears the server is first asked.
pub const FIRST_CHECK_AFTER: Duration = Duration::from_secs(3);
/// How often the server is asked while the page is visible.
const POLL_EVERY: Duration = Duration::from_secs(10);

/// The server's state, checked [`FIRST_CHECK_AFTER`] mounting, then every [`POLL_EVERY`] and on
/// demand.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let i18n = use_i18n();
    // The app's state, where there is one (a test may mount the status alone).
    let app = use_context::<AppState>();
    let first = StoredValue::new(true);
    let health = LocalResource::new(move || async move {
        if first.get_value() {
            first.set_value(false);
            after(FIRST_CHECK_AFTER).await;
        }
        api::health().await
    });
    if let Ok(poll) = set_interval_with_handle(
        move || {
            if !document().hidden() {
                health.refetch();
            }
        },
        POLL_EVERY,
    ) {
        on_cleanup(move || poll.clear());
    }
    Effect::new(move |_| {
        if let (Some(app), Some(Ok(_))) = (app, health.get()) {
            leptos::task::spawn_local(async move { app.finish_sign_out().await });
        }
    });
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
