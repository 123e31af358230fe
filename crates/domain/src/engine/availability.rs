//! Availability of every option in the current configuration: what the UI greys out, and what it
//! marks as "changes other choices".

use serde::{Deserialize, Serialize};

use super::configuration::Configuration;
use super::model::Model;
use super::reason::Reason;
use super::state::State;
use crate::bits::OptionSet;
use crate::ids::OptionId;

/// Whether an option can be chosen now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "reasons", rename_all = "snake_case")]
pub enum Availability {
    /// Chosen, or can be chosen adding only what it needs (and replacing its own group's choice).
    Available,
    /// Can be chosen, but changes other choices (removes or replaces them): the UI asks first.
    Conflicts(Vec<Reason>),
    /// Not offered with the current trim or powertrain; choosing it changes one of them, if that
    /// makes it possible at all.
    Unavailable(Vec<Reason>),
}

/// The availability of every option of the model, in catalog order. A configuration whose ids
/// are unknown to the model gets every option unavailable with no reason.
pub fn availability(model: &Model, config: &Configuration) -> Vec<(OptionId, Availability)> {
    let state = State::of(model, config).ok();
    model
        .options()
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let a = match state {
                Some(s) => of_option(model, s, i),
                None => Availability::Unavailable(Vec::new()),
            };
            (o.id.clone(), a)
        })
        .collect()
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
    let unavailable = unavailable_reasons(model, s, i);
    if !unavailable.is_empty() {
        return Availability::Unavailable(unavailable);
    }
    let rules = &model.rules;
    let closure = rules.closure[i];
    let (displaced, next) = direct_select(model, s, i);
    let mut reasons = Vec::new();
    let n = model.names();
    // Displacing the rest of its own group is the choice itself; any other group is a change.
    for x in displaced.minus(rules.rivals[i]).iter() {
        reasons.push(Reason::Replaces {
            option: n.option(x),
        });
    }
    for b in next.options.minus(closure).iter() {
        if !rules.conflicts[b].inter(closure).is_empty() {
            reasons.push(Reason::ExcludedBy {
                by: n.option_item(b),
            });
        } else if !rules.needs[b].is_subset(next.options) {
            reasons.push(Reason::Removes {
                option: n.option(b),
            });
        }
    }
    if reasons.is_empty() {
        Availability::Available
    } else {
        Availability::Conflicts(reasons)
    }
}

/// Why option `i` cannot be chosen without changing the trim or powertrain: empty when it can.
fn unavailable_reasons(model: &Model, s: State, i: usize) -> Vec<Reason> {
    let rules = &model.rules;
    let n = model.names();
    let (t, p) = (s.trim, s.powertrain);
    let mut reasons = rules.not_offered(n, i, t, p);
    let closure = rules.closure[i];
    for k in closure.minus(rules.offered(t, p)).without(i).iter() {
        reasons.push(Reason::Requires {
            option: n.option(k),
        });
    }
    let clashes = |forced: OptionSet| {
        closure.iter().any(|k| {
            !rules.conflicts[k].inter(forced).is_empty()
                || !rules.rivals[k].inter(forced).minus(closure).is_empty()
        })
    };
    if clashes(rules.close(rules.trim_needs[t])) {
        reasons.push(Reason::NotOnTrim { trim: n.trim(t) });
    }
    if clashes(rules.close(rules.powertrain_needs[p])) {
        reasons.push(Reason::NotWithPowertrain {
            powertrain: n.powertrain(p),
        });
    }
    reasons.dedup();
    reasons
}
