//! The checked catalog, assembled above the catalog's data and the engine: parse (`file`), check
//! every entry and resolve every reference (`catalog`), compile each model's rules (`engine`),
//! then audit the result (`audit`: the default configuration is valid, every choice can be made).
//! A [`Catalog`] exists only after all four, so everything downstream may rely on every reference
//! resolving and every model having a valid default.

mod audit;
mod summary;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use summary::CatalogSummary;

use crate::catalog::file::CatalogFile;
use crate::catalog::{
    self, CatalogError, Errors, Exchange, FleetTier, Languages, Market, Problem, Rate, Terms,
};
use crate::engine::Model;
use crate::engine::rules::Rules;
use crate::ids::{CurrencyCode, MarketId, ModelId, Quantity};
use crate::text::Lang;

/// The validated catalog.
///
/// It serializes as the file's own shape ([`CatalogFile`]) and deserializes through the same
/// validation. The browser, sent the catalog in its reader's language, builds it with
/// [`Catalog::from_file_in`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CatalogFile", into = "CatalogFile")]
pub struct Catalog {
    file: CatalogFile,
    exchange: Exchange,
    markets: Vec<Market>,
    fleet_discounts: Vec<FleetTier>,
    models: Vec<Model>,
}

impl Catalog {
    /// Validates a parsed catalog file, returning every problem found, each with its path.
    pub fn from_file(file: CatalogFile) -> Result<Self, CatalogError> {
        assemble(file, Languages::All, Audit::Run)
    }

    /// Builds a catalog sent for the readers of `lang` ([`CatalogFile::in_language`]) by a server
    /// that loaded its whole file with [`Catalog::from_file`]. Every entry and reference is checked
    /// as there, each text for `lang`'s words only (a damaged copy, or one of another language, is
    /// refused), but the audit is not run again: it tries every choice of every model, the largest
    /// part of the work, and the sender's audit of the same rules already passed.
    pub fn from_file_in(file: CatalogFile, lang: Lang) -> Result<Self, CatalogError> {
        assemble(file, Languages::Only(lang), Audit::Trusted)
    }

    /// This catalog for the readers of `lang` only: every text keeps what it says in `lang`.
    pub fn in_language(&self, lang: Lang) -> Result<Self, CatalogError> {
        Self::from_file_in(self.file.clone().in_language(lang), lang)
    }

    /// Parses and validates the TOML catalog file.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, CatalogError> {
        let file = toml::from_str(text).map_err(|e| CatalogError::Syntax(e.to_string()))?;
        Self::from_file(file)
    }

    /// The catalog version, carried by every configuration code.
    pub fn version(&self) -> &str {
        &self.file.version
    }

    /// Whether prices are indicative sample data.
    pub fn is_sample_data(&self) -> bool {
        self.file.sample_data
    }

    /// The catalog as written, the shape it is serialized in.
    pub fn file(&self) -> &CatalogFile {
        &self.file
    }

    /// Exchange rates.
    pub fn exchange(&self) -> &Exchange {
        &self.exchange
    }

    /// Every market, in file order.
    pub fn markets(&self) -> &[Market] {
        &self.markets
    }

    /// The market with this id.
    pub fn market(&self, id: &MarketId) -> Option<&Market> {
        self.markets.iter().find(|m| &m.id == id)
    }

    /// The rate of a currency.
    pub fn rate(&self, currency: &CurrencyCode) -> Option<&Rate> {
        self.exchange.rates.iter().find(|r| &r.currency == currency)
    }

    /// Fleet discount tiers, ascending by quantity.
    pub fn fleet_discounts(&self) -> &[FleetTier] {
        &self.fleet_discounts
    }

    /// The fleet tier that applies to a quantity: the highest whose minimum it reaches.
    pub fn fleet_tier(&self, quantity: Quantity) -> Option<FleetTier> {
        self.fleet_discounts
            .iter()
            .rev()
            .find(|t| quantity >= t.min_quantity)
            .copied()
    }

    /// Every model, in file order.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// The model with this id.
    pub fn model(&self, id: &ModelId) -> Option<&Model> {
        self.models.iter().find(|m| m.id() == id)
    }
}

impl TryFrom<CatalogFile> for Catalog {
    type Error = CatalogError;
    fn try_from(file: CatalogFile) -> Result<Self, Self::Error> {
        Self::from_file(file)
    }
}

impl From<Catalog> for CatalogFile {
    fn from(catalog: Catalog) -> Self {
        catalog.file
    }
}

/// Whether [`assemble`] audits each model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audit {
    /// Audit: the catalog comes from its file.
    Run,
    /// Do not: the sender audited the same rules.
    Trusted,
}

/// Checks every entry, compiles every model's rules and, as `audit` says, audits each model: every
/// problem at once.
fn assemble(
    file: CatalogFile,
    languages: Languages,
    audit: Audit,
) -> Result<Catalog, CatalogError> {
    let mut errors = Errors::new(languages);
    let Terms {
        exchange,
        markets,
        fleet_discounts,
    } = catalog::terms(&file, &mut errors);
    let mut seen = BTreeSet::new();
    let mut models = Vec::new();
    for (m, f) in file.models.iter().enumerate() {
        let path = format!("models[{m}]");
        errors.unique(&mut seen, &format!("{path}.id"), &f.id);
        let mut rules = Rules::default();
        let Some(data) = catalog::model_data(f, &path, &mut errors, &mut rules) else {
            continue;
        };
        let model = Model::new(data, rules);
        if audit == Audit::Trusted || audit::audit(&model, &path, &mut errors) {
            models.push(model);
        }
    }
    if file.models.is_empty() {
        errors.push("models", Problem::Empty("models"));
    }
    if errors.found.is_empty() {
        Ok(Catalog {
            file,
            exchange,
            markets,
            fleet_discounts,
            models,
        })
    } else {
        Err(CatalogError::Invalid(errors.found))
    }
}
