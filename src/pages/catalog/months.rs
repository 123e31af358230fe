//! The earliest build month of one vehicle of every model, from the server.

use configurator_domain::{ModelId, plan::YearMonth};
use leptos::prelude::*;

use crate::{
    api,
    state::{SharedCatalog, use_app_state},
};

/// The earliest build month of one vehicle of a model.
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
/// catalog, in one request for all models.
pub fn use_earliest_months() -> RwSignal<Vec<Month>> {
    let app = use_app_state();
    let months = RwSignal::new(Vec::new());
    Effect::new(move |previous: Option<Option<SharedCatalog>>| {
        let data = app.data();
        if let Some(data) = &data
            && Some(data) != previous.clone().flatten().as_ref()
        {
            let ids: Vec<ModelId> = data
                .catalog()
                .models()
                .iter()
                .map(|m| m.id().clone())
                .collect();
            months.set(vec![Month::Loading; ids.len()]);
            leptos::task::spawn_local(async move {
                let answer = api::model_months().await;
                let known = |id: &ModelId| match &answer {
                    Ok(answer) => answer
                        .first
                        .get(id)
                        .map_or(Month::Unavailable, |m| Month::Known(*m)),
                    Err(_) => Month::Unavailable,
                };
                months.try_set(ids.iter().map(known).collect());
            });
        }
        data
    });
    months
}
