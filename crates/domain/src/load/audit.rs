//! The last step of loading: a model whose entries and references are sound may still be
//! unusable. Its default configuration must be valid, and every trim, powertrain and option must
//! be part of some valid configuration (rule cycles such as "A requires B, B excludes A" make an
//! option impossible). Its figures (`[models.specs]`) must be those of its default configuration,
//! which is what a catalog card shows.

use crate::catalog::{Errors, Problem, Specs};
use crate::engine::{self, ApplyError, Choice, Configuration, Model};
use crate::text::Lang;

/// Records what makes the model unusable; true when nothing does.
pub(super) fn audit(model: &Model, path: &str, errors: &mut Errors) -> bool {
    let before = errors.len();
    let config = model.default_configuration();
    let violations = engine::check(model, &config);
    if !violations.is_empty() {
        let list: Vec<_> = violations
            .iter()
            .map(|v| v.describe(model, Lang::En))
            .collect();
        errors.push(path, Problem::InvalidDefault(list.join("; ")));
        return false;
    }
    specs(model, &config, path, errors);
    let choices = model
        .trims()
        .iter()
        .enumerate()
        .map(|(t, x)| (format!("{path}.trims[{t}]"), Choice::Trim(x.id.clone())))
        .chain(model.powertrains().iter().enumerate().map(|(p, x)| {
            (
                format!("{path}.powertrains[{p}]"),
                Choice::Powertrain(x.id.clone()),
            )
        }))
        .chain(model.options().iter().enumerate().map(|(i, o)| {
            let group = &model.groups()[o.group];
            let k = i - group.options.start;
            (
                format!("{path}.groups[{}].options[{k}]", o.group),
                Choice::Select(o.id.clone()),
            )
        }));
    for (p, choice) in choices {
        let item = match &choice {
            Choice::Trim(id) => id.to_string(),
            Choice::Powertrain(id) => id.to_string(),
            Choice::Select(id) | Choice::Deselect(id) => id.to_string(),
        };
        let why = match engine::apply(model, &config, choice) {
            Ok(_) => continue,
            Err(ApplyError::Impossible { reasons, .. }) => {
                let words: Vec<_> = reasons
                    .iter()
                    .map(|r| r.describe(model, Lang::En))
                    .collect();
                if words.is_empty() {
                    "no valid configuration contains it".to_owned()
                } else {
                    words.join(", ")
                }
            }
            Err(e) => e.to_string(),
        };
        errors.push(p, Problem::Impossible { item, why });
    }
    errors.len() == before
}

/// Records each of the model's figures that differ from those of its default configuration.
fn specs(model: &Model, default: &Configuration, path: &str, errors: &mut Errors) {
    let (w, d) = (model.specs(), model.specs_of(default));
    let mut differ = |figure: &str, written: String, default: String| {
        errors.push(
            format!("{path}.specs.{figure}"),
            Problem::NotDefault { written, default },
        );
    };
    let counts = [
        ("seats", w.seats, d.seats),
        ("standing", w.standing, d.standing),
        ("payload_kg", w.payload_kg, d.payload_kg),
        ("power_hp", w.power_hp, d.power_hp),
        ("gross_weight_kg", w.gross_weight_kg, d.gross_weight_kg),
    ];
    for (figure, written, default) in counts {
        if written != default {
            differ(figure, written.to_string(), default.to_string());
        }
    }
    if w.fuel != d.fuel {
        differ("fuel", w.fuel.as_str().into(), d.fuel.as_str().into());
    }
    if (w.consumption, w.consumption_unit) != (d.consumption, d.consumption_unit) {
        let show = |s: &Specs| format!("{} {}", s.consumption, s.consumption_unit);
        differ("consumption", show(w), show(&d));
    }
}
