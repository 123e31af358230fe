//! The spec sheet of a configuration: its figures as the domain computes them (the chosen
//! seating layout's seats, the chosen powertrain's power and consumption in its unit...) with the
//! powertrain's engine, gearbox and drive. Printed with the quote.

use configurator_domain::{
    Configuration, Lang, Model,
    catalog::{Drive, Powertrain, Specs, Transmission},
};
use leptos::prelude::*;

use crate::{
    format::grouped,
    i18n::{Locale, td_string, tr, use_i18n, use_lang},
    labels,
};

/// One row: what and how much, both in the reader's language.
type Row = (&'static str, String);

/// The spec sheet of `configuration` of `model`.
#[component]
pub fn SpecSheet(
    /// The model.
    model: Model,
    /// The configuration (its powertrain names the engine; its choices set figures).
    #[prop(into)]
    configuration: Signal<Configuration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let sheet = Memo::new(move |_| {
        configuration.with(|c| (model.powertrain(&c.powertrain).cloned(), model.specs_of(c)))
    });
    let rows = move || {
        let (locale, lang) = (i18n.get_locale(), lang());
        sheet.with(|(powertrain, specs)| rows(powertrain.as_ref(), specs, locale, lang))
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

/// The rows of `specs`, with the engine, gearbox and drive of `powertrain` (and its power, which
/// `specs` carries).
fn rows(powertrain: Option<&Powertrain>, specs: &Specs, locale: Locale, lang: Lang) -> Vec<Row> {
    let number = |n: u32| grouped(u64::from(n), lang);
    let mm = td_string!(locale, specs.mm);
    let kg = td_string!(locale, specs.kg);
    let mut rows = Vec::with_capacity(12);
    if let Some(p) = powertrain {
        rows.push((
            td_string!(locale, specs.engine),
            p.name.get(lang).to_owned(),
        ));
        rows.push((
            td_string!(locale, specs.power),
            format!(
                "{} {}",
                number(specs.power_hp),
                td_string!(locale, specs.hp)
            ),
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
    }
    rows.push((
        td_string!(locale, specs.fuel),
        labels::fuel_name(locale, specs.fuel).to_owned(),
    ));
    rows.push((
        td_string!(locale, specs.consumption),
        labels::consumption(specs, locale, lang),
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
