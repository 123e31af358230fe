//! The configure page (`/configure/{model}?c=CODE&q=N`): the steps, the conflict dialog and the
//! summary. The configuration is a local signal ([`editing`]) mirrored into the URL, so that the
//! address is always the share link, and into the drafts ([`use_url_sync`]); the address is
//! followed back ([`use_history`]); choices go through the conflict flow ([`use_conflict`]).

use configurator_domain::ModelId;
use leptos::prelude::*;

use crate::{
    components::page_boundary::PageError,
    i18n::{tr, use_i18n},
    state::{CatalogStatus, use_app_state},
};

pub mod add_to_cart;
pub mod change_notice;
pub mod configurator;
pub mod conflict_dialog;
pub mod editing;
pub mod feedback;
pub mod option_picker;
pub mod option_row;
pub mod price_panel;
pub mod pricing;
pub mod spec_sheet;
pub mod summary;
pub mod use_conflict;
pub mod use_history;
pub mod use_url_sync;

use configurator::Configurator;

/// The page: waits for the catalog, then configures the model the URL names.
#[component]
pub fn ConfigurePage(
    /// The model the URL names.
    model: ModelId,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        let status = app.catalog.get();
        if let Some(error) = PageError::of_catalog(&status) {
            return Err(error);
        }
        Ok(match status {
            CatalogStatus::Ready { data, .. } => {
                match data.catalog().models().iter().position(|m| *m.id() == model) {
                    Some(index) => view! { <Configurator data=data model_index=index /> }.into_any(),
                    None => view! {
                        <h1>{tr!(i18n, configure.unknown_title)}</h1>
                        <p>{tr!(i18n, configure.unknown_text)} " " <a href="/">{tr!(i18n, catalog.title)}</a></p>
                    }
                    .into_any(),
                }
            }
            // The shell shows that the catalog is loading.
            _ => view! { <h1>{tr!(i18n, configure.title)}</h1> }.into_any(),
        })
    }
}
