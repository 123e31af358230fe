//! A configuration as indexes and a bit mask: what the engine computes with. It is looked up
//! from a [`Configuration`](super::Configuration) in its [`Model`](super::Model).

use crate::bits::OptionSet;

/// Trim, powertrain and options of one model, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct State {
    pub trim: usize,
    pub powertrain: usize,
    pub options: OptionSet,
}
