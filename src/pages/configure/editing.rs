//! What the configure page shows and what the user is in the middle of: the configuration, the
//! quantity, a choice waiting in the conflict dialog, a problem to tell and the last automatic
//! change. The hooks of the page share these handles.

use configurator_domain::{Applied, Choice, Configuration, Model, Quantity, code};
use leptos::prelude::*;

use super::change_notice::LastChange;
use crate::state::SharedCatalog;

/// Something to tell about the configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The URL's code does not decode for this model: the default is shown instead.
    BadCode,
    /// A choice the rules do not allow, with the reasons in words.
    Refused(String),
}

/// The page's state, all `Copy` handles.
#[derive(Debug, Clone, Copy)]
pub struct Editing {
    /// The configuration shown (always valid).
    pub configuration: RwSignal<Configuration>,
    /// Units: the last valid quantity typed.
    pub quantity: RwSignal<Quantity>,
    /// Whether the quantity field holds a valid quantity. While it does not, no price, total or
    /// build month is shown: they would be another quantity's.
    pub quantity_ok: RwSignal<bool>,
    /// A choice waiting in the conflict dialog, with what it would do.
    pub pending: RwSignal<Option<(Choice, Applied)>>,
    /// What to tell about the configuration.
    pub problem: RwSignal<Option<Problem>>,
    /// What the last choice changed besides itself.
    pub last_change: RwSignal<Option<LastChange>>,
}

impl Editing {
    /// The state of a page opened at an address naming `code` (the model's default when `None`)
    /// and `quantity` (one when `None`).
    pub fn open(
        data: &SharedCatalog,
        model: &Model,
        code: Option<&str>,
        quantity: Option<Quantity>,
    ) -> Self {
        let (configuration, problem) = from_address(data, model, code);
        Self {
            configuration: RwSignal::new(configuration),
            quantity: RwSignal::new(quantity.unwrap_or(Quantity::ONE)),
            quantity_ok: RwSignal::new(true),
            pending: RwSignal::new(None),
            problem: RwSignal::new(problem),
            last_change: RwSignal::new(None),
        }
    }

    /// The code of the configuration shown (reactive); `None` if it cannot be encoded.
    pub fn code(&self, data: &SharedCatalog) -> Memo<Option<String>> {
        let (configuration, data) = (self.configuration, data.clone());
        Memo::new(move |_| configuration.with(|c| code::encode(data.catalog(), c).ok()))
    }

    /// Shows what another address names (Back, Forward, a link): whatever was in progress goes;
    /// the quantity stays when the address names none.
    pub fn show_address(
        &self,
        data: &SharedCatalog,
        model: &Model,
        code: Option<&str>,
        quantity: Option<Quantity>,
    ) {
        let (configuration, problem) = from_address(data, model, code);
        self.pending.set(None);
        self.last_change.set(None);
        self.problem.set(problem);
        self.configuration.set(configuration);
        if let Some(q) = quantity {
            self.quantity.set(q);
            self.quantity_ok.set(true);
        }
    }
}

/// The configuration an address's code names, or the model's default with the problem why.
fn from_address(
    data: &SharedCatalog,
    model: &Model,
    code: Option<&str>,
) -> (Configuration, Option<Problem>) {
    match code.map(|c| code::decode(data.catalog(), c)) {
        Some(Ok(config)) if &config.model == model.id() => (config, None),
        Some(_) => (model.default_configuration(), Some(Problem::BadCode)),
        None => (model.default_configuration(), None),
    }
}
