//! The visitor's quote request: name, phone or e-mail and a message, sent with the configuration
//! and quantity shown. The server checks every field and prices the configuration itself; what
//! it refuses is shown next to the field it names, and nothing typed is lost.

use std::collections::BTreeMap;

use configurator_domain::{
    MarketId, ModelId, Quantity,
    api::{QuoteRequestCreated, QuoteRequestForm},
};
use leptos::{ev::SubmitEvent, prelude::*};

use super::{
    EmbedEvent,
    events::{Price, QuoteRequested},
};
use crate::{
    api::{self, ApiError},
    i18n::{tr, use_i18n, use_lang},
};

/// Where the form stands.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    /// Being filled in.
    Idle,
    /// Sent, no answer yet.
    Waiting,
    /// Stored by the server.
    Done(QuoteRequestCreated),
}

/// The form, for the configuration `code` of `model` and `quantity`.
#[component]
pub fn QuoteForm(
    partner: String,
    market: MarketId,
    model: ModelId,
    code: Memo<Option<String>>,
    quantity: RwSignal<Quantity>,
    quantity_ok: RwSignal<bool>,
    on_event: Callback<EmbedEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let sending = RwSignal::new(Sending::Idle);
    let field_errors = RwSignal::new(BTreeMap::<String, Vec<String>>::new());
    let failure = RwSignal::new(None::<String>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() == Sending::Waiting || !quantity_ok.get_untracked() {
            return;
        }
        let Some(code) = code.get_untracked() else {
            return;
        };
        let form = QuoteRequestForm {
            partner: partner.clone(),
            name: name.get_untracked(),
            contact: contact.get_untracked(),
            code: code.clone(),
            quantity: u32::from(quantity.get_untracked().get()),
            message: message.get_untracked(),
            market: Some(market.clone()),
        };
        let model = model.clone();
        sending.set(Sending::Waiting);
        failure.set(None);
        field_errors.set(BTreeMap::new());
        leptos::task::spawn_local(async move {
            match api::request_quote(&form).await {
                Ok(created) => {
                    on_event.run(EmbedEvent::QuoteRequested(QuoteRequested {
                        id: created.id,
                        model,
                        code,
                        quantity: form.quantity,
                        price: Price::shown(
                            created.total,
                            created.currency.clone(),
                            created.minor_digits,
                            lang(),
                        ),
                    }));
                    sending.set(Sending::Done(created));
                }
                Err(error) => {
                    if let ApiError::Server { fields, .. } = &error {
                        field_errors.set(fields.clone());
                    }
                    on_event.run(EmbedEvent::error("quote-request", error.to_string()));
                    failure.set(Some(error.to_string()));
                    sending.set(Sending::Idle);
                }
            }
        });
    };
    let error_of =
        move |field: &'static str| move || field_errors.with(|f| f.get(field).map(|m| m.join(" ")));
    let invalid = move |field: &'static str| {
        move || {
            if field_errors.with(|f| f.contains_key(field)) {
                "true"
            } else {
                "false"
            }
        }
    };
    move || {
        match sending.get() {
        Sending::Done(created) => view! {
            <div class="guest-sent" role="status">
                <p>{tr!(i18n, embed.sent)} " " <strong>{created.id}</strong></p>
                <button type="button" on:click=move |_| sending.set(Sending::Idle)>{tr!(i18n, embed.send_another)}</button>
            </div>
        }
        .into_any(),
        state => {
            let waiting = state == Sending::Waiting;
            view! {
                <form class="guest-request" on:submit=submit.clone() novalidate>
                    <h3>{tr!(i18n, embed.request_title)}</h3>
                    <label for="guest-name">{tr!(i18n, embed.name)}</label>
                    <input id="guest-name" name="name" autocomplete="name" required maxlength="100"
                        aria-invalid=invalid("name") aria-describedby="guest-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                    <p id="guest-name-error" class="field-error">{error_of("name")}</p>
                    <label for="guest-contact">{tr!(i18n, embed.contact)}</label>
                    <input id="guest-contact" name="contact" autocomplete="tel" required maxlength="254"
                        aria-invalid=invalid("contact") aria-describedby="guest-contact-error"
                        prop:value=move || contact.get() on:input=move |ev| contact.set(event_target_value(&ev)) />
                    <p id="guest-contact-error" class="field-error">{error_of("contact")}</p>
                    <label for="guest-message">{tr!(i18n, embed.message)}</label>
                    <textarea id="guest-message" name="message" rows="3" maxlength="2000"
                        aria-invalid=invalid("message") aria-describedby="guest-message-error"
                        prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <p id="guest-message-error" class="field-error">{error_of("message")}</p>
                    <p class="field-error" role="alert">{move || failure.get()}</p>
                    <button type="submit" class="primary" disabled=move || waiting || !quantity_ok.get()>
                        {if waiting { tr!(i18n, embed.sending) } else { tr!(i18n, embed.send) }}
                    </button>
                </form>
            }
            .into_any()
        }
    }
    }
}
