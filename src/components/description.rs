//! A model's description (a catalog text, in the reader's language): on its catalog card and on
//! its configure page. One view for both, so that the wasm holds it once.

use configurator_domain::Model;
use leptos::prelude::*;

use crate::i18n::in_lang;

/// The description of `model` as a paragraph of `class`, when it has one.
pub fn model_description(model: &Model, class: &'static str) -> Option<impl IntoView + use<>> {
    let text = in_lang(model.description()?.clone());
    Some(view! { <p class=class>{text}</p> })
}
