//! A configuration as ids: what a URL, a code or an order line carries.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ids::{ModelId, OptionId, PowertrainId, TrimId};

/// A vehicle as configured: model, trim, powertrain and the chosen options.
///
/// Any value can be built (it may come from an order line or a URL); [`check`](super::check) says
/// whether it is valid, and everything the engine returns is.
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
