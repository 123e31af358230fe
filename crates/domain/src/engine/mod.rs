//! The rules engine: configurations, choices and their consequences, availability and checks.
//!
//! Every function takes the [`Model`](crate::catalog::Model) the configuration belongs to; all the
//! work happens on bit masks the catalog validation precomputed (`catalog::rules`).

mod apply;
mod availability;
mod check;
mod describe;
mod explain;
mod reason;
mod resolve;
mod state;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use apply::{Applied, ApplyError, Change, ChangeKind, Choice, apply};
pub use availability::{Availability, availability};
pub(crate) use check::violations;
pub use check::{Violation, check};
pub use reason::{Item, Reason};
pub(crate) use state::State;

use crate::ids::{ModelId, OptionId, PowertrainId, TrimId};

/// A vehicle as configured: model, trim, powertrain and the chosen options.
///
/// Any value can be built (it may come from an order line or a URL); [`check`] says whether it is
/// valid, and everything the engine returns is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Configuration {
    /// The model.
    pub model: ModelId,
    /// The trim.
    pub trim: TrimId,
    /// The powertrain.
    pub powertrain: PowertrainId,
    /// The chosen options, included ones too.
    pub options: BTreeSet<OptionId>,
}
