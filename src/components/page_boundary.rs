//! The error boundary of every page: what a page's reads fail with is shown in place of the page,
//! with a way to try again, while the header, the footer and the other pages go on working.

use std::fmt;

use leptos::prelude::*;

use crate::{
    api::ApiError,
    i18n::{tr, use_i18n},
    state::{CatalogStatus, use_app_state},
};

/// Why a page cannot be shown.
#[derive(Clone, PartialEq)]
pub enum PageError {
    /// The catalog the page needs could not be loaded, and no copy is saved.
    Catalog(ApiError),
}

impl PageError {
    /// Why a page that needs the catalog cannot be shown now, if it cannot.
    pub fn of_catalog(status: &CatalogStatus) -> Option<Self> {
        match status {
            CatalogStatus::Failed(error) => Some(Self::Catalog(error.clone())),
            _ => None,
        }
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Catalog(error) => error.fmt(f),
        }
    }
}

// Said as it is displayed: a derived `Debug` would carry the API error's whole shape into the wasm.
impl fmt::Debug for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for PageError {}

/// The fallback of a page's `<ErrorBoundary>`: what the page failed with, and a way to try again.
/// (Every page error is the catalog's today; a page that throws another kind tells them apart
/// here, with `Error::downcast_ref::<PageError>()`.)
pub fn page_failure(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        errors.with(|errors| {
            // A page throws one error at a time.
            let (_, error) = errors.iter().next()?;
            Some(view! {
                <div class="notice error" role="alert">
                    <p>{tr!(i18n, common.catalog_failed)}</p>
                    <p class="detail">{error.to_string()}</p>
                    <button type="button" on:click=move |_| app.reload.run(())>{tr!(i18n, common.retry)}</button>
                </div>
            })
        })
    }
}
