//! The server's first paint (`crates/server/src/http/first_paint.rs`): the page's title and
//! opening text, shown while the wasm arrives, with the app's page hidden behind it
//! (`style/main.css`). It goes when the app has its catalog to show (or has failed to get one),
//! in the same turn as the page's render, so nothing is painted in between. The server writes it
//! in the language of the `chui-lang` cookie, which the app keeps equal to the reader's language.

use std::time::Duration;

use configurator_domain::{
    Lang,
    bundle::{FIRST_PAINT_ID, LANG_COOKIE},
};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

/// How long the first paint may stand in for a catalog that has not come: then the app shows its
/// own loading state (and its server status).
const LONGEST: Duration = Duration::from_secs(4);

/// Removes the first paint once `ready` is true, or after [`LONGEST`].
pub fn remove_when(ready: impl Fn() -> bool + 'static) {
    Effect::new(move |_| {
        if ready() {
            remove();
        }
    });
    leptos::task::spawn_local(async {
        crate::state::after(LONGEST).await;
        remove();
    });
}

fn remove() {
    if let Some(element) = document().get_element_by_id(FIRST_PAINT_ID) {
        element.remove();
    }
}

/// Keeps the `chui-lang` cookie equal to `lang`, for the server's next first paint.
pub fn remember_lang(lang: Lang) {
    let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() else {
        return;
    };
    let wanted = format!("{LANG_COOKIE}={lang}");
    let current = document.cookie().unwrap_or_default();
    if !current.split("; ").any(|pair| pair == wanted) {
        let _ = document.set_cookie(&format!("{wanted}; Path=/; Max-Age=31536000; SameSite=Lax"));
    }
}
