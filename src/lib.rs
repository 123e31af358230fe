//! The vehicle configurator front end: a Leptos client-side app built by Trunk.

pub mod api;
pub mod app;
pub mod cart;
pub mod comparison;
pub mod components;
pub mod drafts;
pub mod embedded;
pub mod first_paint;
pub mod format;
pub mod i18n;
pub mod json;
pub mod labels;
pub mod navigation;
pub mod office;
pub mod outbox;
pub mod pages;
pub mod route;
pub mod state;
pub mod storage;

use leptos::prelude::*;

/// Mounts the public build's app on the page's `<body>`.
pub fn start() {
    mount_in_next_task(|| view! { <app::App pages=app::PUBLIC_PAGES /> });
}

/// Mounts the back-office build's app on the page's `<body>`.
pub fn start_office() {
    mount_in_next_task(|| view! { <app::App pages=office::OFFICE_PAGES /> });
}

/// Mounts the compare build's app on the page's `<body>`.
pub fn start_compare() {
    mount_in_next_task(|| view! { <app::App pages=comparison::COMPARE_PAGES /> });
}

/// Mounts `app` on the page's `<body>` in a task after the one that compiled and started the
/// wasm, so that the two are two long tasks, not one longer one (see `components::later`). The
/// server's first paint is shown meanwhile.
fn mount_in_next_task<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    // Leptos's own executor starts with the mount: this waits on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        state::next_task().await;
        mount_to_body(app);
    });
}
