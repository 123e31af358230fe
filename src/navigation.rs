//! Client-side navigation without a router crate (leptos_router alone added about 59 KB gzip to a
//! minimal Leptos app, and this app needs only a little of it): the address as a signal,
//! [`Address::navigate`] to push or replace it, Back and Forward through `popstate`, and clicks on
//! the app's own links kept in the page. What an address means is [`Route`]'s job; [`use_route`]
//! gives it for the current address. An address that another build of the front end carries
//! ([`Bundle`]) is loaded as a new page.

use configurator_domain::bundle::Bundle;
use leptos::{ev, prelude::*};
use wasm_bindgen::{JsCast as _, JsValue};

use crate::route::Route;

/// The address: path and query string, `/configure/cobalt?c=…`, and the build of the front end
/// that is running. Provided as context.
#[derive(Debug, Clone, Copy)]
pub struct Address {
    shown: RwSignal<String>,
    bundle: Bundle,
}

/// How a navigation treats the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new step that Back returns from.
    Push,
    /// The same step, put right (a filter, a quantity, a normalised address).
    Replace,
}

impl Address {
    /// The address now (reactive).
    pub fn get(self) -> String {
        self.shown.get()
    }

    /// Whether the running build carries the page at `path`.
    fn carries(self, path: &str) -> bool {
        self.bundle.carries(path)
    }

    /// Goes to `to` (a path with an optional query) without loading a page, unless another build
    /// carries it; `scroll` goes to the top, as a new page would.
    pub fn navigate(self, to: &str, entry: Entry, scroll: bool) {
        if !self.carries(to) {
            let location = window().location();
            let _leaving = match entry {
                Entry::Push => location.assign(to),
                Entry::Replace => location.replace(to),
            };
            return;
        }
        let Ok(history) = window().history() else {
            return;
        };
        let written = match entry {
            Entry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(to)),
            Entry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(to)),
        };
        if written.is_ok() {
            self.shown.set(current());
            if scroll {
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }
}

/// The address the browser shows: path and query.
pub fn current() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Starts following the browser's address in `bundle`, the running build, and provides it as
/// context.
pub fn provide_address(bundle: Bundle) -> Address {
    let address = Address {
        shown: RwSignal::new(current()),
        bundle,
    };
    let on_pop = window_event_listener(ev::popstate, move |_| address.shown.set(current()));
    let on_click = window_event_listener(ev::click, move |ev| {
        if let Some(to) = own_link(&ev).filter(|to| address.carries(to)) {
            ev.prevent_default();
            address.navigate(&to, Entry::Push, true);
        }
    });
    on_cleanup(move || {
        on_pop.remove();
        on_click.remove();
    });
    provide_context(address);
    address
}

/// The address provided by [`provide_address`].
pub fn use_address() -> Address {
    expect_context::<Address>()
}

/// The route the current address names (path and query string).
pub fn use_route() -> Memo<Route> {
    let address = use_address();
    Memo::new(move |_| Route::parse(&address.get()))
}

/// The path a click on one of the app's own links goes to; `None` for everything the browser
/// should handle itself: other sites, new tabs (modifier keys, middle button), links with a
/// `target` (in-page `#step` links use `target="_self"`) or `download`.
fn own_link(ev: &ev::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = target.closest("a[href]").ok()??;
    if link.has_attribute("target") || link.has_attribute("download") {
        return None;
    }
    let href = link.get_attribute("href")?;
    let origin = window().location().origin().ok()?;
    let path = href.strip_prefix(origin.as_str()).unwrap_or(&href);
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}
