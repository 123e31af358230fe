//! The configurator for partner sites, as a module a partner's page loads:
//!
//! ```js
//! import { mount } from "https://plant.example/embed/embed.js";
//! const handle = await mount(document.querySelector("#configurator"), { partner: "autosalon-kg" });
//! handle.set_code("…"); handle.unmount();
//! ```
//!
//! [`mount`] renders into a shadow root on the element, styled by the app's own sheet (so the
//! host's CSS and the configurator's cannot reach each other), and tells the page what happens
//! with `CustomEvent`s on the element. [`mount_frame`] is the same configurator in the `/embed`
//! page, for partners who frame it: its events go to the parent window with `postMessage`.
//! Both are made of the app's components (`configurator::embedded`).

use configurator::{
    api,
    embedded::{EmbedOptions, Embedded, events::EmbedEvent},
};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

mod frame;
mod shadow;

/// A mounted configurator, as `mount` returns it to the page. The configurator stays on the page
/// until `unmount()`, whatever becomes of the handle: a page that drops it (the `data-chui-*`
/// elements' mounts do) must not see the configurator vanish when the garbage collector runs.
#[wasm_bindgen]
pub struct EmbedHandle {
    /// The host element.
    host: HtmlElement,
    /// The configuration code the page asks for.
    code: RwSignal<Option<String>>,
}

/// A configurator on the page: its host element and what takes it off when dropped.
struct Mounted {
    host: HtmlElement,
    view: Box<dyn std::any::Any>,
}

thread_local! {
    /// Every configurator on the page.
    static MOUNTED: std::cell::RefCell<Vec<Mounted>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Takes the configurator on `host` off the page, if there is one.
fn take_off(host: &HtmlElement) -> bool {
    let taken = MOUNTED.with_borrow_mut(|mounted| {
        let at = mounted.iter().position(|m| m.host == *host)?;
        Some(mounted.swap_remove(at))
    });
    // Dropped outside the borrow: unmounting runs the views' cleanups.
    taken.map(|m| drop(m.view)).is_some()
}

#[wasm_bindgen]
impl EmbedHandle {
    /// Takes the configurator off the page (the host element stays, with an empty shadow root).
    pub fn unmount(&self) {
        if take_off(&self.host) {
            if let Some(shadow) = self.host.shadow_root() {
                shadow.set_inner_html("");
            }
            self.code.dispose();
        }
    }

    /// Opens the configuration `code` (of one of the models shown); a code that cannot be shown
    /// is told with an `error` event.
    pub fn set_code(&self, code: String) {
        self.code.try_set(Some(code));
    }
}

/// Renders the configurator into `element` with `options` (see the Embedding page: `partner`
/// is required; `lang`, `market`, `models`, `code`, `theme`, `mode`, `server` are optional).
/// Bad options are refused with an error naming the option and its value, also sent as an
/// `error` event.
#[wasm_bindgen]
pub fn mount(element: HtmlElement, options: JsValue) -> Result<EmbedHandle, JsError> {
    let text = js_sys::JSON::stringify(&options)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    let parsed = EmbedOptions::from_json(&text);
    let emit = host_events(element.clone());
    match parsed {
        Ok(options) => Ok(start(&element, options, emit)),
        Err(error) => {
            emit.run(EmbedEvent::error("options", error.to_string()));
            Err(JsError::new(&error.to_string()))
        }
    }
}

/// The `/embed` page: the configurator on the page's element `#chui`, with the options of the
/// page's query string, and its events posted to the framing page.
#[wasm_bindgen(js_name = mountFrame)]
pub fn mount_frame() -> Result<EmbedHandle, JsError> {
    frame::mount_frame()
}

/// Mounts the configurator for checked `options` into `element`'s shadow root, in place of one
/// mounted there before.
fn start(element: &HtmlElement, options: EmbedOptions, emit: Callback<EmbedEvent>) -> EmbedHandle {
    if !options.server.is_empty() {
        api::use_server_origin(&options.server);
    }
    take_off(element);
    let root = shadow::prepare(element, &options.theme);
    let code = RwSignal::new(None);
    let view = mount_to(root, move || {
        view! { <Embedded options=options on_event=emit code_request=code.read_only() /> }
    });
    MOUNTED.with_borrow_mut(|mounted| {
        mounted.push(Mounted {
            host: element.clone(),
            view: Box::new(view),
        });
    });
    EmbedHandle {
        host: element.clone(),
        code,
    }
}

/// Each event as a `CustomEvent` named `chui-{kind}` on `element`, the payload as `detail`; it
/// bubbles, and leaves the shadow root only as the host element's own event.
fn host_events(element: HtmlElement) -> Callback<EmbedEvent> {
    let element = send_wrapper::SendWrapper::new(element);
    Callback::new(move |event: EmbedEvent| {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&js_sys::JSON::parse(&event.detail_json()).unwrap_or(JsValue::NULL));
        let name = format!("chui-{}", event.kind());
        if let Ok(dom_event) = web_sys::CustomEvent::new_with_event_init_dict(&name, &init) {
            let _delivered = element.dispatch_event(&dom_event);
        }
    })
}
