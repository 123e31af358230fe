//! Applying a choice: the new configuration and every automatic change, with its reason.

use super::change::Applied;
use super::choice::{Choice, Plan};
use super::configuration::Configuration;
use super::explain;
use super::model::Model;
use super::reason::Reason;
use super::resolve::{self, Goal, Key};
use super::state::State;
use super::violation::Violation;
use crate::bits::OptionSet;

/// Why a choice could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The current configuration names a model, trim, powertrain or option the model lacks.
    #[error("the configuration does not fit model `{model}`: {}", Violation::joined(.violations))]
    Unknown {
        /// The model.
        model: String,
        /// What does not fit.
        violations: Vec<Violation>,
    },
    /// The choice names something the model lacks.
    #[error("unknown {kind} `{id}` for model `{model}`")]
    UnknownChoice {
        /// `trim`, `powertrain` or `option`.
        kind: &'static str,
        /// The id.
        id: String,
        /// The model.
        model: String,
    },
    /// No valid configuration follows from the choice.
    #[error("cannot {choice}: {}", reason_list(.reasons))]
    Impossible {
        /// The choice.
        choice: Choice,
        /// Why not.
        reasons: Vec<Reason>,
    },
    /// The search gave up before finding a valid configuration.
    #[error("no valid configuration found to {0} within the search limit")]
    SearchLimit(Choice),
}

fn reason_list(r: &[Reason]) -> String {
    r.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Applies a choice to a configuration of `model`. The configuration may be invalid (an old link):
/// the result is valid either way, with the fewest changes (trim and powertrain kept when
/// possible, then fewest options changed, then lowest price, then default options preferred).
pub fn apply(model: &Model, config: &Configuration, choice: Choice) -> Result<Applied, ApplyError> {
    let s = State::of(model, config).map_err(|violations| ApplyError::Unknown {
        model: model.id().to_string(),
        violations,
    })?;
    let unknown = |kind, id: &str| ApplyError::UnknownChoice {
        kind,
        id: id.to_owned(),
        model: model.id().to_string(),
    };
    let plan = match &choice {
        Choice::Trim(id) => Plan::trim(
            model,
            s,
            model
                .trim_index(id.as_str())
                .ok_or_else(|| unknown("trim", id.as_str()))?,
        ),
        Choice::Powertrain(id) => Plan::powertrain(
            model,
            s,
            model
                .powertrain_index(id.as_str())
                .ok_or_else(|| unknown("powertrain", id.as_str()))?,
        ),
        Choice::Select(id) => Plan::select(
            model,
            s,
            model
                .option_index(id.as_str())
                .ok_or_else(|| unknown("option", id.as_str()))?,
        ),
        Choice::Deselect(id) => Plan::deselect(
            model,
            s,
            model
                .option_index(id.as_str())
                .ok_or_else(|| unknown("option", id.as_str()))?,
        ),
    };
    apply_plan(model, s, &plan, &choice)
}

/// Applies a choice already looked up as `plan` to the state `s`.
pub(crate) fn apply_plan(
    model: &Model,
    s: State,
    plan: &Plan,
    choice: &Choice,
) -> Result<Applied, ApplyError> {
    let next = settle(model, s, plan, choice)?;
    Ok(explain::applied(model, s, next, plan))
}

/// Searches trim and powertrain pairs in order of how many of the two change; the first level
/// with a solution gives the best one.
fn settle(model: &Model, s: State, plan: &Plan, choice: &Choice) -> Result<State, ApplyError> {
    let rules = &model.rules;
    let mut pairs: Vec<(u32, usize, usize)> = (0..rules.trims)
        .filter(|&t| plan.trim.is_none_or(|want| want == t))
        .flat_map(|t| (0..rules.powertrains).map(move |p| (t, p)))
        .filter(|&(_, p)| plan.powertrain.is_none_or(|want| want == p))
        .filter(|&(t, p)| rules.pairs(t, p))
        .map(|(t, p)| (u32::from(t != s.trim) + u32::from(p != s.powertrain), t, p))
        .collect();
    pairs.sort_unstable();
    let (start, pinned) = match plan.option {
        Some((i, true)) => (plan.start.with(i), OptionSet::single(i)),
        Some((i, false)) => (plan.start.without(i), OptionSet::single(i)),
        None => (plan.start, OptionSet::EMPTY),
    };
    let mut nodes = resolve::NODE_BUDGET;
    let mut best: Option<((u32, Key), State)> = None;
    for (level, t, p) in pairs {
        if best.as_ref().is_some_and(|((l, _), _)| *l < level) {
            break;
        }
        let candidate = State {
            trim: t,
            powertrain: p,
            options: start,
        };
        // The fast path: nothing to resolve with the trim and powertrain unchanged.
        if level == 0 && rules.holds(candidate) {
            return Ok(candidate);
        }
        let goal = Goal {
            trim: t,
            powertrain: p,
            start,
            pinned,
        };
        if let Some(((_, price, defaults, bits), options)) =
            resolve::search(rules, goal, &mut nodes)
        {
            // Compare across pairs by the change from the user's configuration and the
            // full price, trim and powertrain included.
            let flips = options.sym_diff(s.options).len();
            let price = price + model.trims()[t].price + model.powertrains()[p].price;
            let key = (level, (flips, price, defaults, bits));
            if best.as_ref().is_none_or(|(b, _)| key < *b) {
                best = Some((
                    key,
                    State {
                        trim: t,
                        powertrain: p,
                        options,
                    },
                ));
            }
        }
    }
    match best {
        Some((_, state)) => Ok(state),
        None if nodes == 0 => Err(ApplyError::SearchLimit(choice.clone())),
        None => Err(ApplyError::Impossible {
            choice: choice.clone(),
            reasons: explain::impossible(model, s, plan),
        }),
    }
}
