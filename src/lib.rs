//! The vehicle configurator front end: a Leptos client-side app built by Trunk.

pub mod api;
pub mod app;
pub mod cart;
pub mod components;
pub mod drafts;
pub mod format;
pub mod i18n;
pub mod labels;
pub mod navigation;
pub mod outbox;
pub mod pages;
pub mod route;
pub mod state;
pub mod storage;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
