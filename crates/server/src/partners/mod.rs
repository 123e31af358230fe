//! Partner sites that embed the configurator (`data/partners.toml`): each belongs to one dealership,
//! names the origins its pages are served from (the only ones CORS admits to the public quote
//! requests), its default market and language, and the models it shows. Loaded and checked by
//! [`file`]; a data folder without the file has no partners.

pub mod file;

use configurator_domain::{Lang, MarketId, ModelId};
use configurator_plan::{IdError, checked_string, is_valid_id};

checked_string!(
    /// A partner, unique in `partners.toml`: `autosalon-kg`.
    PartnerId,
    is_valid_id,
    |value| IdError {
        kind: "partner",
        value
    },
    IdError
);

/// A partner site, checked against the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub id: PartnerId,
    /// Shown to the dealer with each request.
    pub name: String,
    /// The name of the dealership whose dealers see the partner's requests, as the accounts name
    /// it (`user add --dealership`).
    pub dealership: String,
    /// `scheme://host[:port]`, lower case, as browsers send them in `Origin`.
    pub allowed_origins: Vec<String>,
    pub market: MarketId,
    pub language: Lang,
    /// The models the partner shows; a quote request for another is refused.
    pub models: Vec<ModelId>,
}

impl Partner {
    /// Whether the partner's pages may be served from `origin`.
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|allowed| allowed == origin)
    }

    /// Whether the partner shows `model`.
    pub fn shows(&self, model: &ModelId) -> bool {
        self.models.contains(model)
    }
}

/// Every partner, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Partners(Vec<Partner>);

impl Partners {
    pub fn new(partners: Vec<Partner>) -> Self {
        Self(partners)
    }

    pub fn all(&self) -> &[Partner] {
        &self.0
    }

    /// The partner whose id is `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Partner> {
        self.0.iter().find(|partner| partner.id.as_str() == id)
    }

    /// Whether some partner's pages may be served from `origin`.
    pub fn any_allows_origin(&self, origin: &str) -> bool {
        self.0.iter().any(|partner| partner.allows_origin(origin))
    }

    /// The partners of the dealership named `dealership`.
    pub fn of_dealership<'a>(&'a self, dealership: &'a str) -> impl Iterator<Item = &'a Partner> {
        self.0
            .iter()
            .filter(move |partner| partner.dealership == dealership)
    }
}
