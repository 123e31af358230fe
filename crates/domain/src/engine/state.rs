//! A configuration as indexes and a bit mask: what the engine computes with.

use std::collections::BTreeSet;

use super::Configuration;
use super::check::Violation;
use crate::bits::{OptionSet, has};
use crate::catalog::Model;
use crate::catalog::rules::Rules;

/// Trim, powertrain and options of one model, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct State {
    pub trim: usize,
    pub powertrain: usize,
    pub options: OptionSet,
}

impl State {
    /// Looks the ids of a configuration up in its model: every unknown id is a violation.
    pub(crate) fn of(model: &Model, config: &Configuration) -> Result<State, Vec<Violation>> {
        let mut unknown = Vec::new();
        if &config.model != model.id() {
            unknown.push(Violation::WrongModel {
                expected: model.id().clone(),
                found: config.model.clone(),
            });
        }
        let trim = model.trim_index(config.trim.as_str());
        if trim.is_none() {
            unknown.push(Violation::UnknownTrim(config.trim.clone()));
        }
        let powertrain = model.powertrain_index(config.powertrain.as_str());
        if powertrain.is_none() {
            unknown.push(Violation::UnknownPowertrain(config.powertrain.clone()));
        }
        let mut options = OptionSet::EMPTY;
        for id in &config.options {
            match model.option_index(id.as_str()) {
                Some(i) => options = options.with(i),
                None => unknown.push(Violation::UnknownOption(id.clone())),
            }
        }
        match (trim, powertrain) {
            (Some(trim), Some(powertrain)) if unknown.is_empty() => Ok(State {
                trim,
                powertrain,
                options,
            }),
            _ => Err(unknown),
        }
    }

    pub(crate) fn to_configuration(self, model: &Model) -> Configuration {
        Configuration {
            model: model.id.clone(),
            trim: model.trims[self.trim].id.clone(),
            powertrain: model.powertrains[self.powertrain].id.clone(),
            options: self
                .options
                .iter()
                .map(|i| model.options[i].id.clone())
                .collect::<BTreeSet<_>>(),
        }
    }
}

/// Whether a state satisfies every rule.
pub(crate) fn is_valid(rules: &Rules, s: State) -> bool {
    let (t, p, set) = (s.trim, s.powertrain, s.options);
    has(rules.powertrain_trims[p], t)
        && set.is_subset(rules.offered(t, p))
        && rules.trim_requires[t].is_subset(set)
        && rules.powertrain_requires[p].is_subset(set)
        && set.iter().all(|i| {
            rules.requires[i].is_subset(set)
                && rules.includes[i].is_subset(set)
                && rules.excludes[i].inter(set).is_empty()
        })
        && rules.groups.iter().all(|g| {
            let n = g.mask.inter(set).len();
            !g.single || n == 1 || (n == 0 && !g.required)
        })
}
