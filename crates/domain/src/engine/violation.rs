//! What can be wrong with a configuration, as data: [`check`](super::check) lists it, the UI
//! renders it with [`Violation::describe`].

use serde::{Deserialize, Serialize};

use super::reason::Reason;
use crate::ids::{GroupId, ModelId, OptionId, PowertrainId, TrimId};

/// A rule a configuration breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum Violation {
    /// The configuration is of another model.
    #[error("configuration of model `{found}` checked against model `{expected}`")]
    WrongModel {
        /// The model checked against.
        expected: ModelId,
        /// The configuration's model.
        found: ModelId,
    },
    /// The catalog has no such model.
    #[error("unknown model `{0}`")]
    UnknownModel(ModelId),
    /// The model has no such trim.
    #[error("unknown trim `{0}`")]
    UnknownTrim(TrimId),
    /// The model has no such powertrain.
    #[error("unknown powertrain `{0}`")]
    UnknownPowertrain(PowertrainId),
    /// The model has no such option.
    #[error("unknown option `{0}`")]
    UnknownOption(OptionId),
    /// The powertrain is not offered with the trim.
    #[error("powertrain `{powertrain}` is not offered with trim `{trim}`")]
    PowertrainNotOnTrim {
        /// The powertrain.
        powertrain: PowertrainId,
        /// The trim.
        trim: TrimId,
    },
    /// A chosen option is not offered with the trim or powertrain.
    #[error("option `{option}` is not offered with this trim or powertrain")]
    NotOffered {
        /// The option.
        option: OptionId,
        /// `NotOnTrim`, `NotWithPowertrain` or `ExcludedBy` a trim or powertrain.
        reason: Reason,
    },
    /// An option that must be chosen is not.
    #[error("option `{option}` is missing")]
    Missing {
        /// The missing option.
        option: OptionId,
        /// `RequiredBy` or `IncludedIn`.
        reason: Reason,
    },
    /// Two chosen options may not go together.
    #[error("option `{option}` may not be chosen with `{with}`")]
    Incompatible {
        /// One option.
        option: OptionId,
        /// The other.
        with: OptionId,
    },
    /// Several options of a single-choice group.
    #[error("group `{group}` allows one option, found {}", ticks(.options))]
    TooMany {
        /// The group.
        group: GroupId,
        /// The options chosen in it.
        options: Vec<OptionId>,
    },
    /// No option of a required group.
    #[error("group `{0}` needs a choice")]
    NeedsChoice(GroupId),
}

fn ticks(ids: &[OptionId]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Violation {
    /// Every violation of `all`, as one message: `unknown option `x`; unknown trim `y``.
    pub fn joined(all: &[Self]) -> String {
        all.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}
