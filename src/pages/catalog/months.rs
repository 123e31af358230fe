//! The earliest build month of every model's default configuration, from the server.

use configurator_domain::{Quantity, plan::YearMonth};
use leptos::prelude::*;

use crate::{
    api,
    state::{SharedCatalog, use_app_state},
};

/// The earliest build month of one unit of a model's default configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Month {
    /// Asked, not answered yet.
    Loading,
    /// The server's answer.
    Known(YearMonth),
    /// The server could not answer.
    Unavailable,
}

/// The earliest build month of every model, by catalog index: asked of the server once per
/// catalog, all at once.
pub fn use_earliest_months() -> RwSignal<Vec<Month>> {
    let app = use_app_state();
    let months = RwSignal::new(Vec::new());
    Effect::new(move |previous: Option<Option<SharedCatalog>>| {
        let data = app.data();
        if data.is_some()
            && data != previous.clone().flatten()
            && let Some(data) = &data
        {
            {
                let models = data.catalog().models();
                months.set(vec![Month::Loading; models.len()]);
                for (index, model) in models.iter().enumerate() {
                    let code = data.default_code(model.id()).map(str::to_owned);
                    leptos::task::spawn_local(async move {
                        let month = match code {
                            Some(code) => match api::availability(&code, Quantity::ONE).await {
                                Ok(answer) => Month::Known(answer.first),
                                Err(_) => Month::Unavailable,
                            },
                            None => Month::Unavailable,
                        };
                        months.update(|m| {
                            if let Some(slot) = m.get_mut(index) {
                                *slot = month;
                            }
                        });
                    });
                }
            }
        }
        data
    });
    months
}
