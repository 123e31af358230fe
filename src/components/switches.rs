//! The header's switches: language, market and currency, with the exchange rate and its date.
//! Each is a labelled `<select>`; the choices are remembered (see `state::Prefs`).

use configurator_domain::{Lang, MarketId, price::Currency};
use leptos::prelude::*;

use crate::{
    format,
    i18n::{lang_of, locale_of, tr, use_i18n},
    state::use_app_state,
};

/// The name of each language in itself.
fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ru => "Русский",
        Lang::Ky => "Кыргызча",
        Lang::Uz => "Oʻzbekcha",
    }
}

/// Language, market and currency.
#[component]
pub fn Switches() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let lang = move || lang_of(i18n.get_locale());
    let markets = move || {
        let data = app.data()?;
        let catalog = data.catalog();
        let chosen = app.market_in(catalog)?;
        let market = catalog.market(&chosen)?;
        let rate = catalog.rate(&market.currency)?;
        let options: Vec<(MarketId, String)> = catalog
            .markets()
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    format!("{} ({})", m.name.get(lang()), m.currency),
                )
            })
            .collect();
        Some((
            chosen,
            options,
            market.currency.to_string(),
            format::rate(rate.per_usd, market.currency.as_str(), lang()),
            catalog.exchange().effective.clone(),
        ))
    };
    view! {
        <div class="switches">
            <label>
                <span class="visually-hidden">{tr!(i18n, switches.language)}</span>
                <select
                    name="lang"
                    prop:value=move || lang().as_str()
                    on:change=move |ev| {
                        if let Ok(l) = event_target_value(&ev).parse::<Lang>() {
                            i18n.set_locale(locale_of(l));
                        }
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.as_str() lang=l.as_str()>{endonym(l)}</option> })
                        .collect_view()}
                </select>
            </label>
            {move || markets().map(|(chosen, options, local, per_usd, effective)| {
                let local_label = local.clone();
                view! {
                    <label>
                        <span class="visually-hidden">{tr!(i18n, switches.market)}</span>
                        <select
                            name="market"
                            prop:value=chosen.to_string()
                            on:change=move |ev| app.market.set(event_target_value(&ev).parse().ok())
                        >
                            {options
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="visually-hidden">{tr!(i18n, switches.currency)}</span>
                        <select
                            name="currency"
                            prop:value=move || app.currency.get().as_str()
                            on:change=move |ev| {
                                if let Ok(currency) = event_target_value(&ev).parse() {
                                    app.currency.set(currency);
                                }
                            }
                        >
                            <option value=Currency::Local.as_str()>{local_label}</option>
                            <option value=Currency::Usd.as_str()>"USD"</option>
                        </select>
                    </label>
                    <span class="rate">
                        {per_usd} " · " {tr!(i18n, switches.rate_of)} " " {effective}
                    </span>
                }
            })}
        </div>
    }
}
