//! The fuel prices the running cost uses: the market's from the catalog with their date, each
//! editable; a changed price goes into the URL (`fuel-petrol-l=7600`, minor units), and putting
//! the catalog's figure back takes it out again.

use configurator_domain::{
    Lang,
    catalog::{ConsumptionUnit, FuelPrice, FuelPrices, PumpFuel},
};
use leptos::prelude::*;

use crate::{
    i18n::{td_string, tr, use_i18n, use_lang},
    labels,
};

/// A fuel price typed by the buyer: which fuel and unit, and the minor units (`None` for the
/// catalog's price again).
pub type FuelChange = (PumpFuel, ConsumptionUnit, Option<i64>);

/// The market's fuel prices, each an input.
#[component]
pub fn FuelPricesForm(
    /// The prices in effect (the catalog's, with the buyer's changes).
    #[prop(into)]
    prices: Signal<FuelPrices>,
    /// The catalog's prices of the market.
    #[prop(into)]
    defaults: Signal<Option<FuelPrices>>,
    /// Digits of the currency's minor unit.
    #[prop(into)]
    digits: Signal<u8>,
    /// A price was changed.
    on_change: Callback<FuelChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || prices.with(|p| p.prices().to_vec());
    view! {
        <fieldset class="fuel-prices">
            <legend>{tr!(i18n, compare.fuel_prices)}</legend>
            <For
                each=rows
                key=|p| (p.fuel, p.unit, p.per_unit, p.as_of.clone())
                children=move |price| view! {
                    <FuelPriceField
                        price=price
                        currency=Signal::derive(move || prices.with(|p| p.currency().to_string()))
                        digits=digits.get_untracked()
                        defaults=defaults
                        on_change=on_change
                    />
                }
            />
        </fieldset>
    }
}

/// One fuel's price: its name, unit and date, and an input in major units.
#[component]
fn FuelPriceField(
    /// The price in effect.
    price: FuelPrice,
    /// The market's currency code.
    currency: Signal<String>,
    /// Digits of its minor unit.
    digits: u8,
    /// The catalog's prices of the market.
    defaults: Signal<Option<FuelPrices>>,
    /// A price was changed.
    on_change: Callback<FuelChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let FuelPrice {
        fuel,
        unit,
        per_unit,
        as_of,
    } = price;
    let id = format!("fuel-{}-{}", fuel.as_str(), unit.as_str());
    let error_id = format!("{id}-error");
    let wrong = RwSignal::new(false);
    let typed = move |ev: leptos::ev::Event| match parse_amount(&event_target_value(&ev), digits) {
        Some(minor) => {
            wrong.set(false);
            let catalog = defaults.with(|d| {
                d.as_ref()
                    .and_then(|d| d.get(fuel, unit))
                    .map(|p| p.per_unit)
            });
            on_change.run((fuel, unit, (catalog != Some(minor)).then_some(minor)));
        }
        None => wrong.set(true),
    };
    let label = move || {
        let locale = i18n.get_locale();
        let unit_word = match unit {
            ConsumptionUnit::Litre => td_string!(locale, compare.unit_l),
            ConsumptionUnit::CubicMetre => td_string!(locale, compare.unit_m3),
            ConsumptionUnit::Kilogram => td_string!(locale, compare.unit_kg),
        };
        format!(
            "{}, {}/{unit_word}",
            labels::fuel_name(locale, fuel.into()),
            currency.get()
        )
    };
    let date = move || match &as_of {
        Some(date) => format!("{} {date}", td_string!(i18n.get_locale(), compare.as_of)),
        None => td_string!(i18n.get_locale(), compare.your_price).to_owned(),
    };
    view! {
        <div class="fuel-price">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                size="10"
                aria-invalid=move || if wrong.get() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                value=move || amount_text(per_unit, digits, lang())
                on:change=typed
            />
            <span class="fuel-date">{date}</span>
            <p id=error_id class="field-error" role="alert">
                {move || wrong.get().then(|| tr!(i18n, compare.fuel_invalid))}
            </p>
        </div>
    }
}

/// Minor units as typed in a field: `72.50` (`72,50` outside English), without grouping.
fn amount_text(minor: i64, digits: u8, lang: Lang) -> String {
    let scale = 10i64.pow(u32::from(digits));
    let (whole, fraction) = (minor / scale, minor % scale);
    if digits == 0 {
        return whole.to_string();
    }
    let point = if lang == Lang::En { '.' } else { ',' };
    format!("{whole}{point}{fraction:0w$}", w = usize::from(digits))
}

/// The minor units of an amount typed in major units (`72.5`, `72,50`, `11 800`); `None` when it
/// is not an amount above zero with at most `digits` decimals.
fn parse_amount(text: &str, digits: u8) -> Option<i64> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((&text, ""));
    let digits = usize::from(digits);
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > digits {
        return None;
    }
    let scale = 10i64.pow(u32::try_from(digits).ok()?);
    let fraction: i64 = format!("{fraction:0<digits$}").parse().ok()?;
    let minor = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(fraction)?;
    (minor > 0).then_some(minor)
}

#[cfg(test)]
mod tests {
    use configurator_domain::Lang;

    use super::{amount_text, parse_amount};

    #[test]
    fn amounts_are_read_in_major_units() {
        assert_eq!(parse_amount("72.5", 2), Some(7_250));
        assert_eq!(parse_amount(" 11 800,00 ", 2), Some(1_180_000));
        assert_eq!(parse_amount("80", 2), Some(8_000));
        for bad in ["", "0", "-5", "1.234", "7a", ".5", "0,00"] {
            assert_eq!(parse_amount(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn amounts_are_shown_as_they_are_typed() {
        assert_eq!(amount_text(1_180_000, 2, Lang::En), "11800.00");
        assert_eq!(amount_text(7_250, 2, Lang::Uz), "72,50");
    }
}
