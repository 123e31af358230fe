//! Back and Forward (or a link to another configuration of the same model): when the address names
//! another configuration than the one shown, the page shows it. The address wins over a change not
//! yet written; an address the page wrote itself is not news.

use configurator_domain::Model;
use leptos::prelude::*;

use super::{editing::Editing, use_url_sync::UrlSync};
use crate::{navigation::use_route, route::Route, state::SharedCatalog};

/// Follows the address for the configuration of `model` shown in `editing`, whose code is
/// `code`.
pub fn use_history(
    data: SharedCatalog,
    model: Model,
    editing: Editing,
    sync: UrlSync,
    code: Memo<Option<String>>,
) {
    let route = use_route();
    Effect::new(move |before: Option<()>| {
        let shown = route.get();
        // The address the page opened with is the one it was built from; the page puts it right
        // itself a moment later (`use_url_sync`), which must not be taken for news.
        if before.is_none() {
            return;
        }
        let Route::Configure {
            code: url_code,
            quantity: url_quantity,
            ..
        } = &shown
        else {
            return;
        };
        if sync.wrote(&shown.href()) || *url_code == code.get_untracked() {
            return;
        }
        sync.cancel();
        editing.show_address(&data, &model, url_code.as_deref(), *url_quantity);
    });
}
