//! Validation of the spec figures that choices set (`data/README.md`, "Figures set by a choice"):
//! whole numbers above zero (standing places: zero or more), a consumption above zero in a unit
//! that measures its fuel, and no two options that can be chosen together setting the same
//! figure, which would leave the spec sheet to guess. That the model's own figures are its default
//! configuration's is checked once the model is built (`crate::load`).

use super::error::Problem;
use super::file::{ConsumptionUnit, FiguresFile, Fuel, PowertrainFile, Specs};
use super::model::{Consumption, Figures};
use super::validate::Errors;

/// The figures of one entry, checked at `path` (`….specs` of an option, the powertrain itself).
fn figures(f: &FiguresFile, path: &str, errors: &mut Errors) -> Figures {
    let mut count = |field: &str, value: Option<i64>, least: u32| {
        let value = value?;
        let n = u32::try_from(value).ok().filter(|n| *n >= least);
        if n.is_none() {
            let expected = if least == 0 {
                "zero or more"
            } else {
                "a whole number above zero"
            };
            errors.push(
                format!("{path}.{field}"),
                Problem::OutOfRange { value, expected },
            );
        }
        n
    };
    let seats = count("seats", f.seats, 1);
    let standing = count("standing", f.standing, 0);
    let payload_kg = count("payload_kg", f.payload_kg, 1);
    let gross_weight_kg = count("gross_weight_kg", f.gross_weight_kg, 1);
    let consumption = match (f.consumption, f.consumption_unit) {
        (Some(amount), unit) => {
            if amount.is_zero() {
                errors.push(
                    format!("{path}.consumption"),
                    Problem::Invalid {
                        value: amount.to_string(),
                        expected: "a consumption above zero",
                    },
                );
            }
            Some(Consumption {
                amount,
                unit: unit.unwrap_or_default(),
            })
        }
        (None, Some(_)) => {
            errors.push(
                format!("{path}.consumption_unit"),
                Problem::Alone {
                    field: "consumption_unit",
                    needs: "consumption",
                },
            );
            None
        }
        (None, None) => None,
    };
    Figures {
        seats,
        standing,
        payload_kg,
        gross_weight_kg,
        fuel: f.fuel,
        consumption,
    }
}

/// Records a consumption unit that does not measure `fuel`.
fn measures(unit: ConsumptionUnit, fuel: Fuel, path: String, errors: &mut Errors) {
    if !unit.measures(fuel) {
        errors.push(path, Problem::FuelUnit { fuel, unit });
    }
}

/// The figures an option's `specs` sets, checked: a fuel and a consumption go together.
pub(super) fn option_figures(f: &FiguresFile, path: &str, errors: &mut Errors) -> Figures {
    let figures = figures(f, path, errors);
    let alone = |field, needs| (format!("{path}.{field}"), Problem::Alone { field, needs });
    match (figures.fuel, figures.consumption) {
        (Some(fuel), Some(c)) => measures(c.unit, fuel, format!("{path}.consumption_unit"), errors),
        (Some(_), None) => {
            let (at, problem) = alone("fuel", "consumption");
            errors.push(at, problem);
        }
        (None, Some(_)) => {
            let (at, problem) = alone("consumption", "fuel");
            errors.push(at, problem);
        }
        (None, None) => {}
    }
    figures
}

/// The figures written on a powertrain (at `path`), checked: its fuel is measured by the unit of
/// its consumption, or of the model's when it has none of its own.
pub(super) fn powertrain_figures(
    pt: &PowertrainFile,
    model: &Specs,
    path: &str,
    errors: &mut Errors,
) -> Figures {
    let file = FiguresFile {
        payload_kg: pt.payload_kg,
        gross_weight_kg: pt.gross_weight_kg,
        consumption: pt.consumption,
        consumption_unit: pt.consumption_unit,
        ..FiguresFile::default()
    };
    let figures = figures(&file, path, errors);
    match figures.consumption {
        Some(c) => measures(c.unit, pt.fuel, format!("{path}.consumption_unit"), errors),
        None => measures(
            model.consumption_unit,
            pt.fuel,
            format!("{path}.fuel"),
            errors,
        ),
    }
    figures
}

/// The options read so far that set a figure: the figure, the option's group and id.
#[derive(Default)]
pub(super) struct Setters<'a>(Vec<(&'static str, usize, &'a str)>);

impl<'a> Setters<'a> {
    /// Adds the `figures` of the option `id` of group `group` (at `path`, its `specs`),
    /// recording each that an option it can be chosen with set before: one of another group, or
    /// of the same group when several of it can be chosen (`multi`).
    pub(super) fn add(
        &mut self,
        id: &'a str,
        (group, multi): (usize, bool),
        figures: &Figures,
        path: &str,
        errors: &mut Errors,
    ) {
        for name in figures.names() {
            let earlier = self
                .0
                .iter()
                .find(|(n, g, _)| *n == name && (*g != group || multi));
            if let Some((_, _, other)) = earlier {
                errors.push(
                    format!("{path}.{name}"),
                    Problem::Ambiguous {
                        figure: name,
                        other: (*other).to_owned(),
                    },
                );
            }
            self.0.push((name, group, id));
        }
    }
}
