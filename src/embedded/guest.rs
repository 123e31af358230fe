//! The embedded configurator of one model: the configure page's steps, conflict dialog, change
//! notice, drawing, quantity and price panel, with the visitor's quote request (or the dealer's
//! way into the dealer app) in place of the cart. Every change is told to the page.

use configurator_domain::{MarketId, price::Currency};
use leptos::prelude::*;

use super::{
    events::{Change, Price},
    options::Mode,
    quote_form::QuoteForm,
};
use crate::{
    components::drawing::{Drawing, paint_color},
    i18n::{in_lang, tr, use_i18n, use_lang},
    pages::configure::{
        editing::Editing,
        feedback::{ChoiceFeedback, ProblemLine},
        option_picker::OptionPicker,
        price_panel::PricePanel,
        pricing::{Pricing, use_pricing},
        summary::QuantityInput,
        use_conflict::use_conflict,
    },
    route::Route,
    state::SharedCatalog,
};

/// What the guest configurator is given besides the model.
#[derive(Clone)]
pub struct GuestSetting {
    /// The partner's id.
    pub partner: String,
    /// The market prices are in.
    pub market: MarketId,
    /// What the visitor can do.
    pub mode: Mode,
    /// The plant server's origin, for the link into the dealer app (empty: this origin).
    pub server: String,
    /// Whether the configurator is the whole page: its title is then the page's `h1`.
    pub framed: bool,
}

/// The configurator of the catalog's model at `model_index`, opened at `start_code` (the
/// model's default when `None`; a code of another model is told as a problem).
#[component]
pub fn GuestConfigurator(
    data: SharedCatalog,
    model_index: usize,
    start_code: Option<String>,
    setting: GuestSetting,
    /// Hears each change of the configuration, quantity or price.
    on_change: Callback<Change>,
    /// Hears the quote requests sent and their failures.
    on_event: Callback<super::EmbedEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let model = data.catalog().models().get(model_index).cloned()?;
    let editing = Editing::open(&data, &model, start_code.as_deref(), None);
    let code = editing.code(&data);
    let conflict = use_conflict(model.clone(), editing);
    let Pricing {
        unit,
        availability,
        quote,
        price_change,
    } = use_pricing(
        &data,
        model_index,
        editing,
        Signal::stored(Some(setting.market.clone())),
        Signal::stored(Currency::Local),
    );
    let Editing {
        configuration,
        quantity,
        quantity_ok,
        problem,
        ..
    } = editing;
    let model_id = model.id().clone();
    Effect::new({
        let model_id = model_id.clone();
        move |_| {
            let price = quote
                .get()
                .map(|q| Price::shown(q.total, q.currency, q.minor_digits, lang()));
            on_change.run(Change {
                model: model_id.clone(),
                code: code.get(),
                quantity: quantity.get().get(),
                price,
            });
        }
    });
    let color = Signal::derive({
        let model = model.clone();
        move || configuration.with(|c| paint_color(&model, c))
    });
    let name = model.name().clone();
    let label = Signal::derive(in_lang(name.clone()));
    let action = match setting.mode {
        Mode::QuoteRequest => view! {
            <QuoteForm
                partner=setting.partner.clone()
                market=setting.market.clone()
                model=model_id.clone()
                code=code
                quantity=quantity
                quantity_ok=quantity_ok
                on_event=on_event
            />
        }
        .into_any(),
        Mode::Order => {
            let server = setting.server.clone();
            let model_id = model_id.clone();
            let href = move || {
                let path = Route::Configure {
                    model: model_id.clone(),
                    code: code.get(),
                    quantity: Some(quantity.get()),
                    cart_line: None,
                }
                .href();
                format!("{server}{path}")
            };
            view! {
                <a class="button primary guest-order" href=href target="_blank" rel="noopener">
                    {tr!(i18n, embed.order)}
                </a>
            }
            .into_any()
        }
    };
    let title = if setting.framed {
        view! { <h1 class="guest-title">{in_lang(name)}</h1> }.into_any()
    } else {
        view! { <h2 class="guest-title">{in_lang(name)}</h2> }.into_any()
    };
    Some(view! {
        {title}
        <ProblemLine problem=problem />
        <div class="configure">
            <OptionPicker
                data=data.clone()
                model_index=model_index
                configuration=configuration
                availability=availability
                unit=unit
                on_choice=conflict.on_choice
            />
            <aside class="summary" aria-label=tr!(i18n, summary.title)>
                <Drawing body=model.body() color=color label=label />
                <QuantityInput data=data.clone() quantity=quantity quantity_ok=quantity_ok />
                <PricePanel data=data.clone() quote=quote waiting=move || !quantity_ok.get() />
                {action}
            </aside>
        </div>
        <ChoiceFeedback data=data model_index=model_index editing=editing conflict=conflict price_change=price_change />
    })
}
