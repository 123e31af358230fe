//! What a configuration costs and allows, derived from the configurator's state on every click:
//! the money unit, each option's availability, the quote of the configuration and quantity, and
//! what a choice waiting in the conflict dialog would change in the total. Shared by the configure
//! page and the embedded configurator, which differ only in where the market and currency come
//! from.

use configurator_domain::{
    Configuration, MarketId, OptionId, engine,
    engine::Availability,
    price::{self, Currency, Quote},
};
use leptos::prelude::*;

use super::editing::Editing;
use crate::{
    format::{self, MoneyUnit},
    i18n::use_lang,
    state::SharedCatalog,
};

/// The derived values, all `Copy` handles.
#[derive(Clone, Copy)]
pub struct Pricing {
    /// The currency price differences are shown in.
    pub unit: Memo<MoneyUnit>,
    /// The availability of every option in the configuration shown.
    pub availability: Memo<Vec<(OptionId, Availability)>>,
    /// The quote of the configuration and quantity; `None` while the quantity field holds no
    /// valid quantity (it would be another quantity's) or the market is unknown.
    pub quote: Memo<Option<Quote>>,
    /// How a choice waiting in the conflict dialog would change the total, in words.
    pub price_change: Signal<Option<String>>,
}

/// The pricing of the configuration of the catalog's model at `model_index` that `editing`
/// holds, in `market` and `currency`.
pub fn use_pricing(
    data: &SharedCatalog,
    model_index: usize,
    editing: Editing,
    market: Signal<Option<MarketId>>,
    currency: Signal<Currency>,
) -> Pricing {
    let lang = use_lang();
    let Editing {
        configuration,
        quantity,
        quantity_ok,
        pending,
        ..
    } = editing;
    let unit = Memo::new({
        let data = data.clone();
        move |_| MoneyUnit::of(data.catalog(), market.get().as_ref(), currency.get())
    });
    let availability = Memo::new({
        let data = data.clone();
        move |_| {
            data.catalog()
                .models()
                .get(model_index)
                .map(|model| configuration.with(|c| engine::availability(model, c)))
                .unwrap_or_default()
        }
    });
    let quote_of = {
        let data = data.clone();
        move |config: &Configuration| {
            price::quote(
                data.catalog(),
                config,
                quantity.get(),
                &market.get()?,
                currency.get(),
            )
            .ok()
        }
    };
    let quote = Memo::new({
        let quote_of = quote_of.clone();
        move |_| {
            quantity_ok
                .get()
                .then(|| configuration.with(|c| quote_of(c)))
                .flatten()
        }
    });
    let price_change = Signal::derive(move || {
        let after = pending.with(|p| p.as_ref().and_then(|(_, a)| quote_of(&a.configuration)))?;
        let before = quote.get()?;
        Some(format::delta(
            after.total - before.total,
            after.minor_digits,
            after.currency.as_str(),
            lang(),
        ))
    });
    Pricing {
        unit,
        availability,
        quote,
        price_change,
    }
}
