//! The compare build: the fleet buyer's side-by-side comparison alone. The server answers its
//! address with this build ([`Bundle::Compare`]), so that neither the catalog's visitor nor the
//! comparison's loads the other's code; every other page is a full load of its own build.

use configurator_domain::bundle::Bundle;
use leptos::prelude::*;

use crate::{
    app::{OtherBuildLoad, Pages},
    pages::compare::ComparePage,
    route::Route,
};

/// The compare build's pages.
pub const COMPARE_PAGES: Pages = Pages {
    bundle: Bundle::Compare,
    view: compare_page,
};

/// The view of `page` in the compare build.
fn compare_page(page: Route) -> AnyView {
    match page {
        Route::Compare(_) => view! { <ComparePage /> }.into_any(),
        _ => view! { <OtherBuildLoad /> }.into_any(),
    }
}
