//! The specification rows of the comparison: seats, payload, engine, power, gearbox, drive, fuel
//! and consumption, dimensions and gross weight of each configuration, as the domain computes
//! them for its choices.

use configurator_domain::{
    Catalog, Lang,
    catalog::{ConsumptionUnit, Drive, Powertrain, Specs, Transmission},
};

use super::columns::ColumnResult;
use super::rows::{Better, Cell, Row};
use crate::{
    format::grouped,
    i18n::{Locale, td_string},
    labels,
};

/// A row of one figure of each configuration's specs and powertrain.
struct Figure {
    id: &'static str,
    label: &'static str,
    better: Better,
    cell: fn(&Specs, Option<&Powertrain>, Locale, Lang) -> Option<Cell>,
}

/// The specification rows of `columns`.
pub fn rows(catalog: &Catalog, columns: &[ColumnResult], locale: Locale, lang: Lang) -> Vec<Row> {
    let figures: Vec<Option<(Specs, Option<Powertrain>)>> = columns
        .iter()
        .map(|c| {
            c.as_ref().ok().and_then(|c| {
                let model = catalog.models().get(c.model_index)?;
                Some((
                    model.specs_of(&c.configuration),
                    model.powertrain(&c.configuration.powertrain).cloned(),
                ))
            })
        })
        .collect();
    let mut rows: Vec<Row> = table(locale)
        .into_iter()
        .map(|figure| Row {
            id: figure.id.into(),
            label: figure.label.to_owned(),
            cells: figures
                .iter()
                .map(|f| {
                    f.as_ref().and_then(|(specs, powertrain)| {
                        (figure.cell)(specs, powertrain.as_ref(), locale, lang)
                    })
                })
                .collect(),
            better: figure.better,
        })
        .collect();
    // Consumptions in different units are not compared.
    let units: Vec<ConsumptionUnit> = figures
        .iter()
        .flatten()
        .map(|(s, _)| s.consumption_unit)
        .collect();
    if units.windows(2).any(|w| w[0] != w[1])
        && let Some(row) = rows.iter_mut().find(|r| r.id == "consumption")
    {
        row.better = Better::Neither;
    }
    rows
}

/// Every figure row, in order.
fn table(locale: Locale) -> Vec<Figure> {
    vec![
        Figure {
            id: "seats",
            label: td_string!(locale, specs.seats),
            better: Better::Higher,
            cell: |s, _, locale, lang| {
                let text = if s.standing > 0 {
                    format!(
                        "{} + {} {}",
                        grouped(u64::from(s.seats), lang),
                        grouped(u64::from(s.standing), lang),
                        td_string!(locale, specs.standing)
                    )
                } else {
                    grouped(u64::from(s.seats), lang)
                };
                Some(Cell::number(text, i64::from(s.seats + s.standing)))
            },
        },
        Figure {
            id: "payload",
            label: td_string!(locale, specs.payload),
            better: Better::Higher,
            cell: |s, _, locale, lang| Some(kg(s.payload_kg, locale, lang)),
        },
        Figure {
            id: "engine",
            label: td_string!(locale, specs.engine),
            better: Better::Neither,
            cell: |_, p, _, lang| p.map(|p| Cell::text(p.name.get(lang))),
        },
        Figure {
            id: "power",
            label: td_string!(locale, specs.power),
            better: Better::Higher,
            cell: |s, _, locale, lang| {
                let text = format!(
                    "{} {}",
                    grouped(u64::from(s.power_hp), lang),
                    td_string!(locale, specs.hp)
                );
                Some(Cell::number(text, i64::from(s.power_hp)))
            },
        },
        Figure {
            id: "gearbox",
            label: td_string!(locale, specs.gearbox),
            better: Better::Neither,
            cell: |_, p, locale, _| {
                p.map(|p| {
                    Cell::text(match p.transmission {
                        Transmission::Manual => td_string!(locale, specs.manual),
                        Transmission::Automatic => td_string!(locale, specs.automatic),
                    })
                })
            },
        },
        Figure {
            id: "drive",
            label: td_string!(locale, specs.drive),
            better: Better::Neither,
            cell: |_, p, _, _| {
                p.map(|p| {
                    Cell::text(match p.drive {
                        Drive::FourByTwo => "4×2",
                        Drive::FourByFour => "4×4",
                    })
                })
            },
        },
        Figure {
            id: "fuel",
            label: td_string!(locale, specs.fuel),
            better: Better::Neither,
            cell: |s, _, locale, _| Some(Cell::text(labels::fuel_name(locale, s.fuel))),
        },
        Figure {
            id: "consumption",
            label: td_string!(locale, specs.consumption),
            better: Better::Lower,
            cell: |s, _, locale, lang| {
                // Compared in thousandths: every catalog figure has at most three decimals.
                let scale = 10i64.pow(3u32.saturating_sub(u32::from(s.consumption.scale())));
                let value = i64::try_from(s.consumption.mantissa()).unwrap_or(i64::MAX) * scale;
                Some(Cell::number(labels::consumption(s, locale, lang), value))
            },
        },
        Figure {
            id: "dimensions",
            label: td_string!(locale, specs.dimensions),
            better: Better::Neither,
            cell: |s, _, locale, lang| {
                Some(Cell::text(format!(
                    "{} × {} × {} {}",
                    grouped(u64::from(s.length_mm), lang),
                    grouped(u64::from(s.width_mm), lang),
                    grouped(u64::from(s.height_mm), lang),
                    td_string!(locale, specs.mm)
                )))
            },
        },
        Figure {
            id: "gross-weight",
            label: td_string!(locale, specs.gross_weight),
            better: Better::Neither,
            cell: |s, _, locale, lang| Some(Cell::text(kg(s.gross_weight_kg, locale, lang).text)),
        },
    ]
}

/// A mass in kilograms.
fn kg(value: u32, locale: Locale, lang: Lang) -> Cell {
    Cell::number(
        format!(
            "{} {}",
            grouped(u64::from(value), lang),
            td_string!(locale, specs.kg)
        ),
        i64::from(value),
    )
}
