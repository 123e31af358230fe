//! What the user picked, and the same choice as indexes: the trims and powertrains it allows,
//! the option it pins and the options the search starts from.

use serde::{Deserialize, Serialize};

use super::availability::direct_select;
use super::model::Model;
use super::reason::Item;
use super::state::State;
use crate::bits::OptionSet;
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
    pub(crate) fn trim(model: &Model, s: State, t: usize) -> Self {
        Plan {
            item: model.names().trim_item(t),
            trim: Some(t),
            powertrain: None,
            option: None,
            start: s.options,
            dropped: OptionSet::EMPTY,
        }
    }

    pub(crate) fn powertrain(model: &Model, s: State, p: usize) -> Self {
        Plan {
            item: model.names().powertrain_item(p),
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
        let (_, direct) = direct_select(model, s, i);
        Plan {
            item: model.names().option_item(i),
            option: Some((i, true)),
            start: direct.options,
            ..Self::trim(model, s, s.trim).free_trim()
        }
    }

    pub(crate) fn deselect(model: &Model, s: State, i: usize) -> Self {
        let rules = &model.rules;
        // Options the package brought along go with it, unless something else still needs them.
        let mut kept = s.options.without(i);
        let mut dropped = OptionSet::EMPTY;
        for j in rules.contents(i).inter(kept).iter() {
            let without = kept.without(j);
            let needed = without.iter().any(|k| rules.needs[k].contains(j))
                || rules.trim_needs[s.trim].contains(j)
                || rules.powertrain_needs[s.powertrain].contains(j);
            if !needed {
                kept = without;
                dropped = dropped.with(j);
            }
        }
        Plan {
            item: model.names().option_item(i),
            option: Some((i, false)),
            start: kept,
            dropped,
            ..Self::trim(model, s, s.trim).free_trim()
        }
    }
}
