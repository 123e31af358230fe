//! The `/embed` page: the options come from the page's query string, and each event is posted
//! to the framing page as `{ source: "chui-configurator", type, detail }`, with `resize` events
//! as the configurator's height changes. Messages go only to the framing page's origin, which
//! the server's `Content-Security-Policy: frame-ancestors` has already held to the partner's
//! allowed origins (a page on another origin cannot frame this one at all).

use configurator::embedded::{EmbedOptions, events::EmbedEvent};
use leptos::prelude::*;
use wasm_bindgen::{JsCast as _, prelude::*};
use web_sys::{HtmlElement, Window};

use super::{EmbedHandle, start};

/// What every message carries in `source`.
const SOURCE: &str = "chui-configurator";

/// Mounts the configurator on `#chui` with the query's options.
pub fn mount_frame() -> Result<EmbedHandle, JsError> {
    let window = web_sys::window().ok_or_else(|| JsError::new("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsError::new("no document"))?;
    let host = document
        .get_element_by_id("chui")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .ok_or_else(|| JsError::new("the page has no element #chui"))?;
    let emit = parent_messages(&window);
    let search = window.location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search)
        .map_err(|_| JsError::new("the address's query cannot be read"))?;
    let pairs: Vec<(String, String)> = js_sys::try_iter(&params)
        .ok()
        .flatten()
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.ok()?.dyn_into().ok()?;
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect();
    match EmbedOptions::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(options) => {
            let handle = start(&host, options, emit);
            watch_height(&host, emit_height(emit));
            Ok(handle)
        }
        Err(error) => {
            host.set_text_content(Some(&error.to_string()));
            emit.run(EmbedEvent::error("options", error.to_string()));
            Err(JsError::new(&error.to_string()))
        }
    }
}

/// The framing page's origin: Chromium and Safari name it in `ancestorOrigins`, the others in
/// the referrer. `None` when the page is not framed.
fn parent_origin(window: &Window) -> Option<String> {
    let parent = window.parent().ok().flatten()?;
    if parent == *window {
        return None;
    }
    // Not in web-sys: read as a property.
    let ancestors = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok());
    if let Some(first) = ancestors.and_then(|list| list.item(0)) {
        return Some(first);
    }
    let referrer = window.document()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin())
}

/// Each event posted to the framing page, only to its origin.
fn parent_messages(window: &Window) -> Callback<EmbedEvent> {
    let target = parent_origin(window).zip(window.parent().ok().flatten());
    let target = send_wrapper::SendWrapper::new(target);
    Callback::new(move |event: EmbedEvent| {
        let Some((origin, parent)) = target.as_ref() else {
            return;
        };
        let message = format!(
            r#"{{"source":"{SOURCE}","type":"{}","detail":{}}}"#,
            event.kind(),
            event.detail_json()
        );
        if let Ok(value) = js_sys::JSON::parse(&message) {
            let _posted = parent.post_message(&value, origin);
        }
    })
}

/// A callback that posts `{ type: "resize", detail: { height } }`.
fn emit_height(emit: Callback<EmbedEvent>) -> impl Fn(i32) + 'static {
    move |height| {
        emit.run(EmbedEvent::Resize(configurator::embedded::events::Resize {
            height,
        }))
    }
}

/// Calls `report` with the configurator's height whenever it changes (its own height, not the
/// document's: that never gets smaller than the frame the parent has made).
fn watch_height(host: &HtmlElement, report: impl Fn(i32) + 'static) {
    let last = std::cell::Cell::new(-1);
    let measured = host.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        let height = measured.offset_height();
        if last.replace(height) != height {
            report(height);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(host);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}
