//! What choosing each option would do in the current configuration, as the option picker shows it
//! before the click. One rule for every row: an option that a change of earlier choices makes
//! possible is offered, with the changes the conflict dialog will propose (the very ones
//! [`apply`] makes); only an option that no configuration of the model allows, whatever the
//! earlier choices, is impossible, and greyed out.

use serde::{Deserialize, Serialize};

use super::apply::{ApplyError, apply, apply_plan};
use super::change::{Applied, Change};
use super::choice::{Choice, Plan};
use super::configuration::Configuration;
use super::model::Model;
use super::reason::Reason;
use super::state::State;
use crate::bits::OptionSet;
use crate::ids::OptionId;

/// What choosing an option, a trim or a powertrain would do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "details", rename_all = "snake_case")]
pub enum Availability {
    /// Chosen, or choosing it undoes no earlier choice: it may add what it needs and replace the
    /// choice of its own single-choice group.
    Available,
    /// Choosing it undoes earlier choices (another trim or powertrain, options removed): these
    /// changes, exactly as [`apply`] makes them and the conflict dialog lists them.
    Changes(Vec<Change>),
    /// No configuration of the model allows it, whatever the earlier choices, for these reasons
    /// (none when the search for one gave up).
    Impossible(Vec<Reason>),
}

/// The availability of every option of the model, in catalog order. A configuration whose ids
/// are unknown to the model gets every option impossible with no reason.
pub fn availability(model: &Model, config: &Configuration) -> Vec<(OptionId, Availability)> {
    let state = State::of(model, config).ok();
    model
        .options()
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let a = match state {
                Some(s) => of_option(model, s, i),
                None => Availability::Impossible(Vec::new()),
            };
            (o.id.clone(), a)
        })
        .collect()
}

/// What making `choice` in `config` would do: for a trim or a powertrain, or for one option.
pub fn availability_of(model: &Model, config: &Configuration, choice: Choice) -> Availability {
    of_result(apply(model, config, choice))
}

/// What selecting option `i` does to `s` when nothing has to go but single-group replacements:
/// the options it displaces and the state it leads to.
pub(crate) fn direct_select(model: &Model, s: State, i: usize) -> (OptionSet, State) {
    let rules = &model.rules;
    let closure = rules.closure[i];
    let rivals = closure
        .iter()
        .fold(OptionSet::EMPTY, |acc, k| acc.union(rules.rivals[k]));
    let displaced = s.options.inter(rivals).minus(closure);
    let options = s.options.minus(displaced).union(closure);
    (displaced, State { options, ..s })
}

fn of_option(model: &Model, s: State, i: usize) -> Availability {
    if s.options.contains(i) {
        return Availability::Available;
    }
    // The usual case needs no search: nothing displaced and no rule broken is what `apply` finds
    // first, with nothing undone.
    let (displaced, next) = direct_select(model, s, i);
    if displaced.is_empty() && model.rules.holds(next) {
        return Availability::Available;
    }
    let choice = Choice::Select(model.names().option(i));
    of_result(apply_plan(model, s, &Plan::select(model, s, i), &choice))
}

fn of_result(result: Result<Applied, ApplyError>) -> Availability {
    match result {
        Ok(applied) if applied.is_conflict_resolution() => Availability::Changes(applied.changes),
        Ok(_) => Availability::Available,
        Err(ApplyError::Impossible { reasons, .. }) => Availability::Impossible(reasons),
        Err(_) => Availability::Impossible(Vec::new()),
    }
}
