//! The running-cost formulas in words, under the table, in the reader's language, with the
//! figures the domain used: "fuel: 6.6 L/100 km × 150,000 km × 72.50 KGS/l = 717,750.00 KGS".

use configurator_domain::{Lang, catalog::ConsumptionUnit, cost::RunningCost};
use leptos::prelude::*;

use super::columns::ColumnResult;
use crate::{
    format::{self, grouped},
    i18n::{Locale, td_string, tr, use_i18n, use_lang},
    labels,
};

/// Each costed column's formulas, headed by its model's name.
#[component]
pub fn Formulas(
    /// The columns' names.
    #[prop(into)]
    names: Signal<Vec<String>>,
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<ColumnResult>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let lists = move || {
        let (locale, lang) = (i18n.get_locale(), lang());
        names.with(|names| {
            columns.with(|columns| {
                columns
                    .iter()
                    .zip(names)
                    .filter_map(|(c, name)| {
                        let cost = c.as_ref().ok()?.cost.as_ref()?.as_ref().ok()?;
                        Some((name.clone(), lines(cost, locale, lang)))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="formulas" aria-labelledby="formulas-title">
            <h2 id="formulas-title">{tr!(i18n, compare.formulas)}</h2>
            {move || lists().into_iter().map(|(name, lines)| view! {
                <h3>{name}</h3>
                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            }).collect_view()}
        </section>
    }
}

/// The formulas of one running cost, one line each.
pub fn lines(r: &RunningCost, locale: Locale, lang: Lang) -> Vec<String> {
    let money = |minor: i64| format::money(minor, r.minor_digits, r.currency.as_str(), lang);
    let km_word = td_string!(locale, compare.km);
    let km = |n: u64| format!("{} {km_word}", grouped(n, lang));
    let unit = match r.fuel.unit {
        ConsumptionUnit::Litre => td_string!(locale, compare.unit_l),
        ConsumptionUnit::CubicMetre => td_string!(locale, compare.unit_m3),
        ConsumptionUnit::Kilogram => td_string!(locale, compare.unit_kg),
    };
    let as_of = r.fuel.price_as_of.as_ref().map_or_else(
        || format!(" ({})", td_string!(locale, compare.your_price)),
        |date| format!(" ({} {date})", td_string!(locale, compare.as_of)),
    );
    let mut lines = vec![
        format!(
            "{}: {} {} × {} × {}/{unit}{as_of} = {}",
            td_string!(locale, compare.fuel),
            format::decimal(r.fuel.consumption, lang),
            labels::per_100km(locale, r.fuel.unit),
            km(r.fuel.km_total),
            money(r.fuel.price_per_unit),
            money(r.fuel.amount),
        ),
        format!(
            "{}: {}/100 {km_word} × {}{} = {}",
            td_string!(locale, compare.maintenance),
            format::money(i64::from(r.maintenance.usd_cents_per_100km), 2, "USD", lang),
            km(r.maintenance.km_total),
            r.maintenance
                .per_usd
                .map(|rate| {
                    let units = i64::try_from(rate.mantissa()).unwrap_or(i64::MAX);
                    let per_usd = format::money(units, rate.scale(), r.currency.as_str(), lang);
                    format!(" × {per_usd}/USD")
                })
                .unwrap_or_default(),
            money(r.maintenance.amount),
        ),
        format!(
            "{}: {} + {} + {} = {}",
            td_string!(locale, compare.tco_vehicle),
            money(r.vehicle.price),
            money(r.vehicle.fuel),
            money(r.vehicle.maintenance),
            money(r.vehicle.total),
        ),
        format!(
            "{}: {} × {} = {}",
            td_string!(locale, compare.tco_fleet),
            money(r.vehicle.total),
            r.quantity.get(),
            money(r.fleet.total),
        ),
    ];
    if let Some(f) = &r.per_seat_km {
        lines.push(format!(
            "{}: {} × 100 / ({} × {}) = {}",
            td_string!(locale, compare.per_seat_km),
            money(f.total),
            grouped(u64::from(f.seats + f.standing), lang),
            km(f.km_total),
            money(f.per_100_seat_km),
        ));
    }
    if let Some(f) = &r.per_tonne_km {
        lines.push(format!(
            "{}: {} × 100 / ({} {} × {}) = {}",
            td_string!(locale, compare.per_tonne_km),
            money(f.total),
            tonnes(f.payload_kg, lang),
            td_string!(locale, compare.tonnes),
            km(f.km_total),
            money(f.per_100_tonne_km),
        ));
    }
    lines
}

/// Kilograms as tonnes, exactly: `1.5` (`1,5` outside English).
fn tonnes(kg: u32, lang: Lang) -> String {
    let rest = format!("{:03}", kg % 1000);
    let rest = rest.trim_end_matches('0');
    let whole = grouped(u64::from(kg / 1000), lang);
    if rest.is_empty() {
        whole
    } else {
        let point = if lang == Lang::En { '.' } else { ',' };
        format!("{whole}{point}{rest}")
    }
}
