//! Where each option of a model stands in one configuration, as a comparison of configurations
//! shows it: included; optional, when choosing it undoes nothing chosen (what the option picker
//! calls [`Available`](super::Availability::Available)); or unavailable as the configuration
//! stands, with the rules that adding it would break. Every answer is the engine's own: [`apply`]
//! makes the choice, and [`check`] names what the configuration with the option breaks.

use super::apply::apply;
use super::availability::direct_select;
use super::check::check;
use super::choice::Choice;
use super::configuration::Configuration;
use super::model::Model;
use super::state::State;
use super::violation::Violation;
use crate::ids::OptionId;

/// Where an option stands in a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Equipment {
    /// Chosen: by the buyer, by default, or with a package that includes it.
    Included,
    /// Not chosen, and choosing it undoes nothing chosen: the configuration with it (the other
    /// option of its single-choice group swapped out, what it needs added), to be priced.
    Optional(Configuration),
    /// Not chosen, and not to be had without changing other choices (the trim, the powertrain,
    /// options chosen) or not at all: the rules the configuration breaks with it added (its
    /// single-choice group's other option swapped out, what it brings along added), as [`check`]
    /// names them.
    Unavailable(Vec<Violation>),
}

/// Where every option of `model` stands in `config`, in catalog order; empty when the
/// configuration names something the model does not know.
pub fn equipment(model: &Model, config: &Configuration) -> Vec<(OptionId, Equipment)> {
    let Ok(state) = State::of(model, config) else {
        return Vec::new();
    };
    model
        .options()
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let standing = if state.options.contains(i) {
                Equipment::Included
            } else {
                match apply(model, config, Choice::Select(option.id.clone())) {
                    Ok(applied) if !applied.is_conflict_resolution() => {
                        Equipment::Optional(applied.configuration)
                    }
                    _ => {
                        let (_, with) = direct_select(model, state, i);
                        Equipment::Unavailable(check(model, &with.to_configuration(model)))
                    }
                }
            };
            (option.id.clone(), standing)
        })
        .collect()
}
