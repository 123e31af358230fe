//! The back-office build: every page of the public and the compare builds, and the dealer's cart,
//! orders and quote requests and the planner's plan. The server answers their addresses with this
//! build ([`Bundle::Office`]), so that a visitor of the catalog never downloads them.

use configurator_domain::bundle::Bundle;
use leptos::prelude::*;

use crate::{
    app::{Pages, public_page},
    pages::{
        cart::CartPage,
        compare::ComparePage,
        orders::{OrderPage, OrdersPage},
        plan::PlanPage,
        requests::RequestsPage,
    },
    route::Route,
};

/// The back-office build's pages.
pub const OFFICE_PAGES: Pages = Pages {
    bundle: Bundle::Office,
    view: office_page,
};

/// The view of `page` in the back-office build.
fn office_page(page: Route) -> AnyView {
    match page {
        Route::Cart => view! { <CartPage /> }.into_any(),
        Route::Orders(_) => view! { <OrdersPage /> }.into_any(),
        Route::Order { id } => view! { <OrderPage id=id /> }.into_any(),
        Route::Requests => view! { <RequestsPage /> }.into_any(),
        Route::Plan { .. } => view! { <PlanPage /> }.into_any(),
        Route::Compare(_) => view! { <ComparePage /> }.into_any(),
        public => public_page(public),
    }
}
