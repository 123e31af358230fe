//! Drafts: every configuration in progress, one per model (the latest), kept in local storage so
//! that nothing is lost on a reload; listed on the catalog page for resuming. Stored drafts of an
//! older version, or whose code the current catalog no longer decodes, are dropped with a notice.

use configurator_domain::{Catalog, ModelId, Quantity, code};
use serde::{Deserialize, Serialize};

use crate::{
    route::Route,
    storage::{self, Stored},
};

/// The version of the drafts' envelope.
const VERSION: u32 = 1;
/// The most drafts kept.
const MAX: usize = 20;

/// One configuration in progress. (Drafts stored by earlier versions carry a `saved` time as well:
/// it is ignored, the list is newest first.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The model id.
    pub model: String,
    /// The configuration code.
    pub code: String,
    /// Units.
    pub quantity: u16,
}

impl Draft {
    /// The address that resumes this draft; `None` when its model id is malformed.
    pub fn route(&self) -> Option<Route> {
        Some(Route::Configure {
            model: self.model.parse().ok()?,
            code: Some(self.code.clone()),
            quantity: Quantity::try_from(u32::from(self.quantity)).ok(),
            cart_line: None,
        })
    }
}

/// The stored drafts, newest first, and whether some had to be dropped.
pub fn load(catalog: Option<&Catalog>) -> (Vec<Draft>, bool) {
    match storage::load::<Vec<Draft>>(storage::DRAFTS_KEY, VERSION) {
        Stored::Missing => (Vec::new(), false),
        Stored::Dropped => (Vec::new(), true),
        Stored::Found(drafts) => {
            let Some(catalog) = catalog else {
                return (drafts, false);
            };
            let before = drafts.len();
            let kept: Vec<Draft> = drafts
                .into_iter()
                .filter(|d| {
                    code::decode(catalog, &d.code).is_ok_and(|c| c.model.as_str() == d.model)
                        && Quantity::try_from(u32::from(d.quantity)).is_ok()
                })
                .collect();
            let dropped = kept.len() != before;
            if dropped {
                storage::save(storage::DRAFTS_KEY, VERSION, &kept);
            }
            (kept, dropped)
        }
    }
}

/// Saves the draft of `model`, replacing its earlier one.
pub fn save(model: &ModelId, code: &str, quantity: Quantity) {
    let mut drafts = storage::load::<Vec<Draft>>(storage::DRAFTS_KEY, VERSION)
        .found()
        .unwrap_or_default();
    drafts.retain(|d| d.model != model.as_str());
    drafts.insert(
        0,
        Draft {
            model: model.to_string(),
            code: code.to_owned(),
            quantity: quantity.get(),
        },
    );
    drafts.truncate(MAX);
    storage::save(storage::DRAFTS_KEY, VERSION, &drafts);
}

/// Forgets the draft of `model`.
pub fn remove(model: &str) {
    let mut drafts = storage::load::<Vec<Draft>>(storage::DRAFTS_KEY, VERSION)
        .found()
        .unwrap_or_default();
    drafts.retain(|d| d.model != model);
    storage::save(storage::DRAFTS_KEY, VERSION, &drafts);
}
