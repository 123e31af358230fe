//! What applying a choice returns: the new configuration and every automatic change, with its
//! reason.

use serde::{Deserialize, Serialize};

use super::choice::Choice;
use super::configuration::Configuration;
use super::reason::Reason;
use crate::ids::{OptionId, PowertrainId, TrimId};

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

impl Change {
    /// Whether the change is part of `choice` itself rather than a change to other choices: the
    /// option a chosen one replaces in its own single-choice group, and the contents a chosen
    /// package brings along. What the user is told changed "also" leaves these out.
    pub fn is_part_of(&self, choice: &Choice) -> bool {
        let Choice::Select(chosen) = choice else {
            return false;
        };
        match (&self.kind, &self.reason) {
            (ChangeKind::Removed { .. }, Reason::ReplacedBy { option }) => option == chosen,
            (ChangeKind::Added { .. }, Reason::IncludedIn { package }) => package == chosen,
            _ => false,
        }
    }
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
