//! A request's status control: one button per status, the stored one pressed. Choosing another
//! asks the server, and the pressed button moves only once the server has stored the change; a
//! refusal is shown beside the buttons with the server's words, the status as it was.

use configurator_domain::api::QuoteRequestStatus;
use leptos::prelude::*;

use super::status_name;
use crate::{
    api::{self, ApiError},
    i18n::{tr, use_i18n},
};

/// The status buttons of request `id`.
#[component]
pub fn StatusControl(
    /// The request's id.
    id: i64,
    /// The status the server has stored.
    status: Signal<QuoteRequestStatus>,
    /// Called with the status the server stored, once it has.
    on_saved: Callback<QuoteRequestStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = RwSignal::new(None::<String>);
    let save = Action::new_local(move |wanted: &QuoteRequestStatus| {
        let wanted = *wanted;
        async move {
            match api::update_quote_request(id, wanted).await {
                Ok(stored) => {
                    refusal.set(None);
                    on_saved.run(stored.status);
                }
                Err(ApiError::Server { message, .. }) => refusal.set(Some(message)),
                Err(other) => refusal.set(Some(other.to_string())),
            }
        }
    });
    let saving = save.pending();
    // While a change is on its way the buttons stay focusable (a disabled button would drop the
    // keyboard's focus) but do nothing.
    let choose = move |wanted: QuoteRequestStatus| {
        if !saving.get_untracked() && status.get_untracked() != wanted {
            save.dispatch(wanted);
        }
    };
    view! {
        <div class="request-status" role="group" aria-label=tr!(i18n, requests.status)>
            {QuoteRequestStatus::ALL.into_iter().map(|option| view! {
                <button
                    type="button"
                    data-status=option.as_str()
                    aria-pressed=move || (status.get() == option).to_string()
                    aria-disabled=move || saving.get().then_some("true")
                    on:click=move |_| choose(option)
                >
                    {move || status_name(i18n, option)}
                </button>
            }).collect_view()}
        </div>
        <p class="request-note" role="status">
            {move || saving.get().then(|| tr!(i18n, requests.saving))}
        </p>
        <p class="request-note problem" role="alert">
            {move || refusal.get().map(|message| view! { {tr!(i18n, requests.not_saved)} " " {message} })}
        </p>
    }
}
