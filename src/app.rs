//! The app shell: header with navigation, the page for the current [`Route`], footer with versions.

use leptos::prelude::*;
use leptos_router::{
    components::{A, Router},
    hooks::use_location,
};

use crate::{components::server_status::ServerStatus, route::Route};

/// The product's name, shown in the header and the document title.
pub const PRODUCT_NAME: &str = "Chui Auto Configurator";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Header />
            <main id="main" class="page">
                <CurrentPage />
            </main>
            <Footer />
        </Router>
    }
}

/// The page that the current URL names.
#[component]
fn CurrentPage() -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(&location.pathname.get()));
    move || match route.get() {
        Route::Catalog => page("Vehicles", "The 19 vehicle types assembled at the plant."),
        Route::Configure { model } => page("Configure", &format!("Configuring `{model}`.")),
        Route::Compare => page("Compare", "Variants side by side."),
        Route::Orders => page("Orders", "Your dealership's orders."),
        Route::Plan => page(
            "Production plan",
            "Capacity and allocations by month and line.",
        ),
        Route::NotFound { path } => page(
            "Page not found",
            &format!("There is no page at `{path}`. Use the navigation above."),
        ),
    }
}

/// A placeholder page until its issue lands.
fn page(title: &str, text: &str) -> impl IntoView + use<> {
    view! {
        <h1>{title.to_owned()}</h1>
        <p>{text.to_owned()}</p>
    }
}

/// The header: product name and the main navigation.
#[component]
fn Header() -> impl IntoView {
    let links = [
        (Route::Catalog, "Vehicles"),
        (Route::Compare, "Compare"),
        (Route::Orders, "Orders"),
        (Route::Plan, "Plan"),
    ];
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <nav aria-label="Main">
                <ul>
                    {links
                        .into_iter()
                        .map(|(route, label)| view! { <li><A href=route.href()>{label}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// The footer: the app's version and the server's state.
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <span>{PRODUCT_NAME} " " <span class="version">"v" {env!("CARGO_PKG_VERSION")}</span></span>
            <ServerStatus />
        </footer>
    }
}
