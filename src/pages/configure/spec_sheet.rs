//! The spec sheet of a configuration: the model's figures (seats, payload, dimensions, weights)
//! with the chosen powertrain's engine, power, gearbox, drive and fuel. Printed with the quote.

use configurator_domain::{
    Configuration, Lang, Model,
    catalog::{Drive, Fuel, Transmission},
};
use leptos::prelude::*;

use crate::{
    format::grouped,
    i18n::{Locale, td_string, tr, use_i18n, use_lang},
};

/// One row: what and how much, both in the reader's language.
type Row = (&'static str, String);

/// The spec sheet of `configuration` of `model`.
#[component]
pub fn SpecSheet(
    /// The model.
    model: Model,
    /// The configuration (its powertrain names the engine).
    #[prop(into)]
    configuration: Signal<Configuration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let powertrain = Memo::new(move |_| configuration.with(|c| c.powertrain.clone()));
    let rows = move || {
        let (locale, lang) = (i18n.get_locale(), lang());
        powertrain.with(|p| rows(&model, p, locale, lang))
    };
    view! {
        <section class="spec-sheet" aria-labelledby="spec-title">
            <h2 id="spec-title">{tr!(i18n, specs.title)}</h2>
            <dl>
                {move || {
                    rows()
                        .into_iter()
                        .map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> })
                        .collect_view()
                }}
            </dl>
        </section>
    }
}

/// The rows for `model` with `powertrain`.
fn rows(
    model: &Model,
    powertrain: &configurator_domain::PowertrainId,
    locale: Locale,
    lang: Lang,
) -> Vec<Row> {
    let specs = model.specs();
    let number = |n: u32| grouped(u64::from(n), lang);
    let mm = td_string!(locale, specs.mm);
    let kg = td_string!(locale, specs.kg);
    let mut rows = Vec::with_capacity(12);
    if let Some(p) = model.powertrain(powertrain) {
        rows.push((
            td_string!(locale, specs.engine),
            p.name.get(lang).to_owned(),
        ));
        rows.push((
            td_string!(locale, specs.power),
            format!("{} {}", number(p.power_hp), td_string!(locale, specs.hp)),
        ));
        rows.push((
            td_string!(locale, specs.gearbox),
            match p.transmission {
                Transmission::Manual => td_string!(locale, specs.manual),
                Transmission::Automatic => td_string!(locale, specs.automatic),
            }
            .to_owned(),
        ));
        rows.push((
            td_string!(locale, specs.drive),
            match p.drive {
                Drive::FourByTwo => "4×2",
                Drive::FourByFour => "4×4",
            }
            .to_owned(),
        ));
        rows.push((
            td_string!(locale, specs.fuel),
            fuel_name(locale, p.fuel).to_owned(),
        ));
    }
    let per_100km = match specs.fuel {
        Fuel::Cng => td_string!(locale, specs.m3_per_100km),
        _ => td_string!(locale, specs.l_per_100km),
    };
    let consumption = specs.consumption.to_string();
    let consumption = if lang == Lang::En {
        consumption
    } else {
        consumption.replace('.', ",")
    };
    rows.push((
        td_string!(locale, specs.consumption),
        format!("{consumption} {per_100km}"),
    ));
    let seats = if specs.standing > 0 {
        format!(
            "{} + {} {}",
            number(specs.seats),
            number(specs.standing),
            td_string!(locale, specs.standing)
        )
    } else {
        number(specs.seats)
    };
    rows.push((td_string!(locale, specs.seats), seats));
    rows.push((
        td_string!(locale, specs.payload),
        format!("{} {kg}", number(specs.payload_kg)),
    ));
    rows.push((
        td_string!(locale, specs.dimensions),
        format!(
            "{} × {} × {} {mm}",
            number(specs.length_mm),
            number(specs.width_mm),
            number(specs.height_mm)
        ),
    ));
    rows.push((
        td_string!(locale, specs.wheelbase),
        format!("{} {mm}", number(specs.wheelbase_mm)),
    ));
    rows.push((
        td_string!(locale, specs.gross_weight),
        format!("{} {kg}", number(specs.gross_weight_kg)),
    ));
    rows
}

/// The fuel's name in `locale`.
fn fuel_name(locale: Locale, fuel: Fuel) -> &'static str {
    match fuel {
        Fuel::Petrol => td_string!(locale, specs.petrol),
        Fuel::Diesel => td_string!(locale, specs.diesel),
        Fuel::Cng => td_string!(locale, specs.cng),
        Fuel::PetrolCng => td_string!(locale, specs.petrol_cng),
    }
}
