//! The partner's configurator once the partner and the catalog have arrived: the models it
//! shows, a model switch when there are several, the configuration the page opens with or sets,
//! and the `ready` event just before the first `change`.

use configurator_domain::{MarketId, ModelId, api::PartnerProfile, code};
use leptos::prelude::*;

use super::{
    EmbedOptions, Loaded,
    events::{self, EmbedEvent},
    guest::{self, GuestConfigurator},
};
use crate::{
    i18n::{tr, use_i18n},
    state::SharedCatalog,
};

/// The catalog indices of the models to show: the partner's, in its order, less those the
/// page's `models` leaves out and those the catalog does not have.
fn shown_models(
    data: &SharedCatalog,
    partner: &PartnerProfile,
    page: Option<&[ModelId]>,
) -> Vec<usize> {
    let models = data.catalog().models();
    partner
        .models
        .iter()
        .filter(|m| page.is_none_or(|page| page.contains(m)))
        .filter_map(|m| models.iter().position(|model| model.id() == m))
        .collect()
}

/// The model of `code` if the page shows it.
fn model_of_code(data: &SharedCatalog, shown: &[usize], code: &str) -> Result<usize, String> {
    let configuration =
        code::decode(data.catalog(), code).map_err(|error| format!("code \"{code}\": {error}"))?;
    shown
        .iter()
        .copied()
        .find(|&i| {
            data.catalog()
                .models()
                .get(i)
                .is_some_and(|m| *m.id() == configuration.model)
        })
        .ok_or_else(|| {
            format!(
                "code \"{code}\": its model {} is not shown here",
                configuration.model
            )
        })
}

/// The partner's configurator: a model switch when there are several, and the configurator of
/// the model open.
#[component]
pub(super) fn Shown(
    loaded: Loaded,
    options: EmbedOptions,
    on_event: Callback<EmbedEvent>,
    code_request: ReadSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Loaded {
        partner,
        data,
        lang,
    } = loaded;
    let shown = shown_models(&data, &partner, options.models.as_deref());
    let market: MarketId = options
        .market
        .clone()
        .unwrap_or_else(|| partner.market.clone());
    let Some(&first) = shown.first() else {
        on_event.run(EmbedEvent::error(
            "options",
            "none of the models asked for is one the partner shows",
        ));
        return view! { <p class="problem" role="alert">{tr!(i18n, embed.unknown_partner)}</p> }
            .into_any();
    };
    if data.catalog().market(&market).is_none() {
        on_event.run(EmbedEvent::error(
            "market",
            format!("market \"{market}\" is not in the catalog"),
        ));
        return view! { <p class="problem" role="alert">{tr!(i18n, embed.unknown_partner)}</p> }
            .into_any();
    }
    // The configuration the page opens with: a code of a shown model opens that model; another
    // code is shown as a problem on the first model (the configure page's "bad code").
    let opening = match options.code.as_deref() {
        Some(code) => match model_of_code(&data, &shown, code) {
            Ok(index) => (index, Some(code.to_owned())),
            Err(message) => {
                on_event.run(EmbedEvent::error("code", message));
                (first, Some(code.to_owned()))
            }
        },
        None => (first, None),
    };
    let opened = RwSignal::new(opening);
    let shown = StoredValue::new(shown);
    // The page's `set_code`.
    Effect::new({
        let data = data.clone();
        move |_| {
            let Some(code) = code_request.get() else {
                return;
            };
            match shown.with_value(|shown| model_of_code(&data, shown, &code)) {
                Ok(index) => opened.set((index, Some(code))),
                Err(message) => on_event.run(EmbedEvent::error("code", message)),
            }
        }
    });
    // `ready` goes once, just before the first `change`.
    let ready = StoredValue::new(Some(events::Ready {
        partner: partner.id.clone(),
        models: shown.with_value(|shown| {
            shown
                .iter()
                .filter_map(|&i| data.catalog().models().get(i).map(|m| m.id().clone()))
                .collect()
        }),
        lang: lang.to_string(),
        market: market.to_string(),
    }));
    let on_change = Callback::new(move |change: events::Change| {
        if let Some(Some(ready)) = ready.try_update_value(Option::take) {
            on_event.run(EmbedEvent::Ready(ready));
        }
        on_event.run(EmbedEvent::Change(change));
    });
    let setting = guest::GuestSetting {
        partner: partner.id.clone(),
        market,
        mode: options.mode,
        server: options.server.clone(),
        framed: options.framed,
    };
    let switch = (shown.with_value(Vec::len) > 1).then(|| {
        let choices = shown.with_value(|shown| {
            shown
                .iter()
                .filter_map(|&i| {
                    let model = data.catalog().models().get(i)?;
                    Some((i, model.name().get(lang).to_owned()))
                })
                .collect::<Vec<_>>()
        });
        view! {
            <label class="guest-model">
                <span>{tr!(i18n, embed.model)}</span>
                <select
                    prop:value=move || opened.get().0.to_string()
                    on:change=move |ev| {
                        if let Ok(index) = event_target_value(&ev).parse() {
                            opened.set((index, None));
                        }
                    }
                >
                    {choices.into_iter().map(|(i, name)| view! { <option value=i.to_string()>{name}</option> }).collect_view()}
                </select>
            </label>
        }
    });
    view! {
        <div class="guest">
            {switch}
            {move || {
                let (index, code) = opened.get();
                view! {
                    <GuestConfigurator
                        data=data.clone()
                        model_index=index
                        start_code=code
                        setting=setting.clone()
                        on_change=on_change
                        on_event=on_event
                    />
                }
            }}
            <p class="fine-print guest-credit">{tr!(i18n, embed.powered_by)}</p>
        </div>
    }
    .into_any()
}
