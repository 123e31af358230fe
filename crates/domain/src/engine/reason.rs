//! Why the engine did or refused something, as data: the UI renders it in the user's language with
//! [`Reason::describe`]. Each kind of rule gives its own reasons (`rules`).

use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, OptionId, PowertrainId, TrimId};

/// Something a configuration is made of: its trim, its powertrain or one of its options.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Item {
    /// A trim.
    Trim(TrimId),
    /// A powertrain.
    Powertrain(PowertrainId),
    /// An option.
    Option(OptionId),
}

/// Why an option was added or removed, or why it cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// Added because something chosen requires it.
    RequiredBy {
        /// What requires it.
        by: Item,
    },
    /// Added (at no cost) because a chosen package includes it.
    IncludedIn {
        /// The package.
        package: OptionId,
    },
    /// Removed or unavailable because it may not be chosen together with this.
    ExcludedBy {
        /// What it conflicts with.
        by: Item,
    },
    /// Not offered with this trim.
    NotOnTrim {
        /// The trim.
        trim: TrimId,
    },
    /// Not offered with this powertrain.
    NotWithPowertrain {
        /// The powertrain.
        powertrain: PowertrainId,
    },
    /// Removed or impossible because it needs an option that is not (or no longer) possible.
    Requires {
        /// The option it needs.
        option: OptionId,
    },
    /// Removed or impossible because it is a package including an option that is not (or no
    /// longer) possible.
    Includes {
        /// The option it includes.
        option: OptionId,
    },
    /// Removed because another option of its single-choice group took its place.
    ReplacedBy {
        /// The option that took its place.
        option: OptionId,
    },
    /// Added because its group needs a choice.
    GroupNeedsChoice {
        /// The group.
        group: GroupId,
    },
    /// Removed together with the package that included it.
    CameWith {
        /// The package.
        package: OptionId,
    },
}

impl std::fmt::Display for Item {
    /// The kind and id, for logs and error messages: ``option `winter` ``.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Trim(id) => write!(f, "trim `{id}`"),
            Item::Powertrain(id) => write!(f, "powertrain `{id}`"),
            Item::Option(id) => write!(f, "option `{id}`"),
        }
    }
}

impl std::fmt::Display for Reason {
    /// The reason in English with ids rather than names, for logs and error messages; the UI uses
    /// [`Reason::describe`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::RequiredBy { by } => write!(f, "required by {by}"),
            Reason::IncludedIn { package } => write!(f, "included in `{package}`"),
            Reason::ExcludedBy { by } => write!(f, "not compatible with {by}"),
            Reason::NotOnTrim { trim } => write!(f, "not offered with trim `{trim}`"),
            Reason::NotWithPowertrain { powertrain } => {
                write!(f, "not offered with powertrain `{powertrain}`")
            }
            Reason::Requires { option } => write!(f, "requires `{option}`"),
            Reason::Includes { option } => write!(f, "includes `{option}`"),
            Reason::ReplacedBy { option } => write!(f, "replaced by `{option}`"),
            Reason::GroupNeedsChoice { group } => write!(f, "group `{group}` needs a choice"),
            Reason::CameWith { package } => write!(f, "came with `{package}`"),
        }
    }
}
