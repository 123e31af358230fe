//! The configurator's place in the host page: an open shadow root on the host element, with the
//! configurator's stylesheet adopted (no `<style>` element, no request: it works under a host
//! page's strict Content-Security-Policy) and one `div.chui-root` to render into.

use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The configurator's stylesheet (made by `build.rs` from the app's).
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/embed.css"));

thread_local! {
    /// One parsed sheet, shared by every configurator of the page.
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(STYLESHEET).is_ok());
}

/// The empty element to render into, inside `host`'s shadow root (made on first use; a
/// configurator mounted there before is replaced), with the theme properties set on it.
pub fn prepare(
    host: &HtmlElement,
    theme: &std::collections::BTreeMap<String, String>,
) -> HtmlElement {
    let shadow = host.shadow_root().or_else(|| {
        let init = ShadowRootInit::new(ShadowRootMode::Open);
        host.attach_shadow(&init).ok()
    });
    let document = web_sys::window().and_then(|w| w.document());
    let root = document
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| host.clone());
    root.set_class_name("chui-root");
    for (name, value) in theme {
        let _set = root.style().set_property(&format!("--chui-{name}"), value);
    }
    match shadow {
        Some(shadow) => {
            adopt_sheet(&shadow);
            shadow.set_inner_html("");
            let _added = shadow.append_child(&root);
        }
        // No shadow DOM (an element that cannot host one): render in place.
        None => {
            let _added = host.append_child(&root);
        }
    }
    root
}

fn adopt_sheet(shadow: &ShadowRoot) {
    SHEET.with(|sheet| {
        if let Some(sheet) = sheet {
            let sheets = js_sys::Array::of1(sheet);
            shadow.set_adopted_style_sheets(&JsValue::from(sheets));
        }
    });
}
