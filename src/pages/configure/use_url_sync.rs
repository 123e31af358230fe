//! The address and the drafts follow the configuration, a moment after the last change: writing
//! them on every click would cost more than the click itself. What is still waiting is written
//! when the page is hidden or left, so nothing is lost. The configuration the page opened with
//! is written in the task after the page's first render: the browser's `replaceState` costs up
//! to 14 ms, which the render's task, long already, need not carry.

use std::time::Duration;

use configurator_domain::{ModelId, Quantity};
use leptos::prelude::*;

use crate::{
    drafts,
    navigation::{Entry, use_address, use_route},
    route::Route,
};

/// How long the address and the draft wait after a change before they are written.
pub const PERSIST_DELAY: Duration = Duration::from_millis(150);

/// A write waiting for its moment: the address, the code and the quantity.
type Waiting = (String, Option<String>, Quantity);

/// What the page knows about its own writes, for [`super::use_history::use_history`].
#[derive(Debug, Clone, Copy)]
pub struct UrlSync {
    waiting: StoredValue<Option<Waiting>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The address this page last wrote, until the address signal reports it back.
    written: StoredValue<Option<String>>,
    /// Whether the address the page opened with is behind it: written over once, or left by a
    /// link. Until then, a write replaces it rather than adding a step.
    opened: StoredValue<bool>,
}

impl UrlSync {
    /// Whether `href` is the address this page wrote last: news only once.
    pub fn wrote(&self, href: &str) -> bool {
        self.written
            .try_update_value(Option::take)
            .flatten()
            .as_deref()
            == Some(href)
    }

    /// Drops the write still waiting: the address names something else now, and wins.
    pub fn cancel(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
        self.waiting.set_value(None);
        self.opened.set_value(true);
    }
}

/// Writes the address (`/configure/{model}?c={code}&q={quantity}`) and the draft of `model`
/// after each change of `code` or `quantity`. No draft is kept of the default configuration of
/// one unit (`default_code`).
pub fn use_url_sync(
    model: ModelId,
    default_code: Option<String>,
    code: Memo<Option<String>>,
    quantity: RwSignal<Quantity>,
) -> UrlSync {
    let route = use_route();
    let address = use_address();
    let sync = UrlSync {
        waiting: StoredValue::new_local(None),
        timer: StoredValue::new_local(None),
        written: StoredValue::new(None),
        opened: StoredValue::new(false),
    };
    // A configuration opened from the cart keeps naming its cart line.
    let cart_line = match route.get_untracked() {
        Route::Configure { cart_line, .. } => cart_line,
        _ => None,
    };
    let write_draft = {
        let model = model.clone();
        move |code: &Option<String>, quantity: Quantity| {
            if let Some(code) = code
                && (Some(code) != default_code.as_ref() || quantity > Quantity::ONE)
            {
                drafts::save(&model, code, quantity);
            }
        }
    };
    let flush = move |and_url: bool| {
        if let Some(Some(handle)) = sync.timer.try_update_value(Option::take) {
            handle.clear();
        }
        let Some(Some((href, code, quantity))) = sync.waiting.try_update_value(Option::take) else {
            return;
        };
        write_draft(&code, quantity);
        let shown = route.get_untracked();
        if and_url && href != shown.href() {
            // A new configuration is a step back and forward walk through; a new quantity, or
            // the address the page opened with put right, is not.
            let same_configuration =
                matches!(&shown, Route::Configure { code: shown_code, .. } if *shown_code == code);
            let entry = if same_configuration || !sync.opened.get_value() {
                Entry::Replace
            } else {
                Entry::Push
            };
            sync.written.set_value(Some(href.clone()));
            address.navigate(&href, entry, false);
        }
        sync.opened.set_value(true);
    };
    let flush_soon = flush.clone();
    Effect::new(move |before: Option<()>| {
        let (code, quantity) = (code.get(), quantity.get());
        let href = Route::Configure {
            model: model.clone(),
            code: code.clone(),
            quantity: Some(quantity),
            cart_line: cart_line.clone(),
        }
        .href();
        sync.waiting.set_value(Some((href, code, quantity)));
        if sync.timer.with_value(Option::is_none) {
            let delay = if before.is_none() {
                Duration::ZERO
            } else {
                PERSIST_DELAY
            };
            let flush = flush_soon.clone();
            let handle = set_timeout_with_handle(move || flush(true), delay).ok();
            sync.timer.set_value(handle);
        }
    });
    let on_hide = {
        let flush = flush.clone();
        window_event_listener(leptos::ev::pagehide, move |_| flush(true))
    };
    let on_hidden = {
        let flush = flush.clone();
        window_event_listener(leptos::ev::visibilitychange, move |_| flush(true))
    };
    // Leaving for another page of the app: keep the draft, the address is already elsewhere.
    let on_leave = StoredValue::new_local(flush);
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
        on_leave.try_with_value(|flush| flush(false));
    });
    sync
}
