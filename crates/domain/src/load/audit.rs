//! The last step of loading: a model whose entries and references are sound may still be
//! unusable. Its default configuration must be valid, and every trim, powertrain and option must
//! be part of some valid configuration (rule cycles such as "A requires B, B excludes A" make an
//! option impossible).

use crate::catalog::{Errors, Problem};
use crate::engine::{self, ApplyError, Choice, Model};
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
