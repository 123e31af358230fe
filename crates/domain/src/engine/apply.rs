//! Applying a choice: the new configuration and every automatic change, with its reason.

use serde::{Deserialize, Serialize};

use super::check::Violation;
use super::reason::{Item, Reason};
use super::resolve::{self, Goal, Key};
use super::{Configuration, State, explain};
use crate::bits::{OptionSet, has};
use crate::catalog::Model;
use crate::ids::{OptionId, PowertrainId, TrimId};

/// What the user picked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "choice", content = "id", rename_all = "snake_case")]
pub enum Choice {
    /// Switch to this trim.
    Trim(TrimId),
    /// Switch to this powertrain.
    Powertrain(PowertrainId),
    /// Add this option.
    Select(OptionId),
    /// Remove this option.
    Deselect(OptionId),
}

/// One automatic change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// Why.
    pub reason: Reason,
}

/// What an automatic change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// Added an option.
    Added {
        /// The option.
        option: OptionId,
    },
    /// Removed an option.
    Removed {
        /// The option.
        option: OptionId,
    },
    /// Switched the trim.
    Trim {
        /// The trim before.
        from: TrimId,
        /// The trim after.
        to: TrimId,
    },
    /// Switched the powertrain.
    Powertrain {
        /// The powertrain before.
        from: PowertrainId,
        /// The powertrain after.
        to: PowertrainId,
    },
}

/// The result of a choice: always a valid configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The configuration after the choice.
    pub configuration: Configuration,
    /// Every change besides the choice itself, in a stable order: trim, powertrain, removals,
    /// additions.
    pub changes: Vec<Change>,
    /// Whether the choice undid something chosen before (removed an option other than the one
    /// its own single-choice group swaps out, or switched the trim or powertrain): the UI shows
    /// the changes and lets the user accept or undo them.
    pub conflict: bool,
}

impl Applied {
    /// Whether the UI should ask before keeping the result: see [`Applied::conflict`].
    pub fn is_conflict_resolution(&self) -> bool {
        self.conflict
    }
}

/// Why a choice could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The current configuration names a model, trim, powertrain or option the model lacks.
    #[error("the configuration does not fit model `{model}`: {}", list(.violations))]
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

fn list(v: &[Violation]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl std::fmt::Display for Choice {
    /// `select `winter``, `switch to trim `ltz``.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choice::Trim(id) => write!(f, "switch to trim `{id}`"),
            Choice::Powertrain(id) => write!(f, "switch to powertrain `{id}`"),
            Choice::Select(id) => write!(f, "select `{id}`"),
            Choice::Deselect(id) => write!(f, "deselect `{id}`"),
        }
    }
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
    let next = plan.run(model, s, &choice)?;
    Ok(explain::applied(model, s, next, &plan))
}

/// A choice as indexes: which trims and powertrains may result, which options are pinned, and
/// the options to start from.
pub(crate) struct Plan {
    pub item: Item,
    pub trim: Option<usize>,
    pub powertrain: Option<usize>,
    /// Selected or deselected option.
    pub option: Option<(usize, bool)>,
    pub start: OptionSet,
    /// Options dropped with a deselected package.
    pub dropped: OptionSet,
}

impl Plan {
    fn trim(model: &Model, s: State, t: usize) -> Self {
        Plan {
            item: Item::Trim(model.trims[t].id.clone()),
            trim: Some(t),
            powertrain: None,
            option: None,
            start: s.options,
            dropped: OptionSet::EMPTY,
        }
    }

    fn powertrain(model: &Model, s: State, p: usize) -> Self {
        Plan {
            item: Item::Powertrain(model.powertrains[p].id.clone()),
            powertrain: Some(p),
            ..Self::trim(model, s, s.trim)
        }
        .free_trim()
    }

    fn free_trim(mut self) -> Self {
        self.trim = None;
        self
    }

    pub(crate) fn select(model: &Model, s: State, i: usize) -> Self {
        let (_, direct) = super::availability::direct_select(model, s, i);
        Plan {
            item: Item::Option(model.options[i].id.clone()),
            option: Some((i, true)),
            start: direct.options,
            ..Self::trim(model, s, s.trim).free_trim()
        }
    }

    fn deselect(model: &Model, s: State, i: usize) -> Self {
        let rules = &model.rules;
        // Options the package brought along go with it, unless something else still needs them.
        let mut kept = s.options.without(i);
        let mut dropped = OptionSet::EMPTY;
        for j in rules.includes[i].inter(kept).iter() {
            let without = kept.without(j);
            let needed = without.iter().any(|k| rules.needs(k).contains(j))
                || rules.trim_requires[s.trim].contains(j)
                || rules.powertrain_requires[s.powertrain].contains(j);
            if !needed {
                kept = without;
                dropped = dropped.with(j);
            }
        }
        Plan {
            item: Item::Option(model.options[i].id.clone()),
            option: Some((i, false)),
            start: kept,
            dropped,
            ..Self::trim(model, s, s.trim).free_trim()
        }
    }

    /// Searches trim and powertrain pairs in order of how many of the two change; the first
    /// level with a solution gives the best one.
    fn run(&self, model: &Model, s: State, choice: &Choice) -> Result<State, ApplyError> {
        let rules = &model.rules;
        let mut pairs: Vec<(u32, usize, usize)> = (0..rules.trims)
            .filter(|&t| self.trim.is_none_or(|want| want == t))
            .flat_map(|t| (0..rules.powertrains).map(move |p| (t, p)))
            .filter(|&(_, p)| self.powertrain.is_none_or(|want| want == p))
            .filter(|&(t, p)| has(rules.powertrain_trims[p], t))
            .map(|(t, p)| (u32::from(t != s.trim) + u32::from(p != s.powertrain), t, p))
            .collect();
        pairs.sort_unstable();
        let (start, pinned) = match self.option {
            Some((i, true)) => (self.start.with(i), OptionSet::single(i)),
            Some((i, false)) => (self.start.without(i), OptionSet::single(i)),
            None => (self.start, OptionSet::EMPTY),
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
            if level == 0 && super::state::is_valid(rules, candidate) {
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
                let price = price + model.trims[t].price + model.powertrains[p].price;
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
                reasons: explain::impossible(model, s, self),
            }),
        }
    }
}
