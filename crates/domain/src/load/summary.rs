//! A one-line summary of the catalog for `configurator-server check-data`: models by body type,
//! options, rules and the exact number of valid configurations (counted by the engine, which
//! knows what valid means).

use std::fmt;

use serde::Serialize;

use super::Catalog;
use crate::catalog::Body;
use crate::engine;

/// What `configurator-server check-data` prints for a good catalog (the caller adds `: ok`):
/// `catalog 2027.1: 19 models (5 sedans, 1 crossover, 1 microvan, 4 pickups, 3 minibuses, 3 buses,
/// 3 trucks), 402 options, 135 rules, 1234567 valid configurations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogSummary {
    /// The catalog version.
    pub version: String,
    /// How many models.
    pub models: usize,
    /// How many models of each body type, every body type in a fixed order (sedan, crossover,
    /// microvan, pickup, minibus, bus, truck), zeros included.
    pub by_body: [(Body, usize); 7],
    /// How many options, over every model.
    pub options: usize,
    /// How many rules, counted as written in the file: one per id listed in a `requires`,
    /// `excludes` or `includes` (of a trim, powertrain or option), plus one per availability list
    /// (`trims = [..]` on a powertrain or option, `powertrains = [..]` on an option), however many
    /// ids that list holds.
    pub rules: usize,
    /// The exact number of distinct valid configurations (model, trim, powertrain, option set),
    /// summed over every model: those `engine::check` finds nothing wrong with. Saturates at
    /// `u128::MAX`, which only a catalog of about 128 unconstrained options per model could reach.
    pub valid_configurations: u128,
}

impl Catalog {
    /// Counts of models by body type, options, rules and valid configurations; see
    /// [`CatalogSummary`] for how rules are counted.
    pub fn summary(&self) -> CatalogSummary {
        let models = self.models();
        CatalogSummary {
            version: self.version().to_owned(),
            models: models.len(),
            by_body: Body::ALL
                .map(|body| (body, models.iter().filter(|m| m.body() == body).count())),
            options: models.iter().map(|m| m.options().len()).sum(),
            rules: models.iter().map(|m| m.rules.written).sum(),
            valid_configurations: models
                .iter()
                .map(engine::valid_configurations)
                .fold(0, u128::saturating_add),
        }
    }
}

impl fmt::Display for CatalogSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "catalog {}: ", self.version)?;
        write!(f, "{}", counted(self.models as u128, "model", "models"))?;
        let bodies: Vec<String> = self
            .by_body
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(body, n)| counted(*n as u128, body.as_str(), &plural(*body)))
            .collect();
        if !bodies.is_empty() {
            write!(f, " ({})", bodies.join(", "))?;
        }
        write!(
            f,
            ", {}, {}, {}",
            counted(self.options as u128, "option", "options"),
            counted(self.rules as u128, "rule", "rules"),
            counted(
                self.valid_configurations,
                "valid configuration",
                "valid configurations"
            )
        )
    }
}

/// `1 bus`, `3 buses`, `0 buses`.
fn counted(n: u128, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A body type's word for several: `sedans`, `buses`.
fn plural(body: Body) -> String {
    let one = body.as_str();
    let ending = if one.ends_with("bus") { "es" } else { "s" };
    format!("{one}{ending}")
}
