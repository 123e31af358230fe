//! What the configurator says about the configuration besides the steps: the problem line (a
//! link's code that does not fit, a refused choice), the notice of automatic changes with its
//! undo, and the conflict dialog. The configure page and the embedded configurator show the same.

use leptos::prelude::*;

use super::{
    change_notice::ChangeNotice,
    conflict_dialog::ConflictDialog,
    editing::{Editing, Problem},
    use_conflict::Conflict,
};
use crate::{
    i18n::{tr, use_i18n},
    state::SharedCatalog,
};

/// The problem line, while there is a problem.
#[component]
pub fn ProblemLine(
    /// What to tell.
    problem: RwSignal<Option<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        problem.get().map(|p| {
            view! {
                <p class="problem" role="alert">
                    {match p {
                        Problem::BadCode => view! { {tr!(i18n, configure.bad_code)} }.into_any(),
                        Problem::Refused(text) => view! { {text} }.into_any(),
                    }}
                </p>
            }
        })
    }
}

/// The change notice and the conflict dialog of the configuration in `editing`.
#[component]
pub fn ChoiceFeedback(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
    /// The configurator's state.
    editing: Editing,
    /// The answers to choices.
    conflict: Conflict,
    /// How the waiting choice would change the total, in words.
    price_change: Signal<Option<String>>,
) -> impl IntoView {
    let Editing {
        pending,
        last_change,
        ..
    } = editing;
    view! {
        <ChangeNotice data=data.clone() model_index=model_index last=last_change on_undo=conflict.on_undo />
        <ConflictDialog
            data=data
            model_index=model_index
            pending=Signal::derive(move || pending.with(|p| p.as_ref().map(|(_, a)| a.clone())))
            price_change=price_change
            on_accept=conflict.on_accept
            on_cancel=conflict.on_cancel
        />
    }
}
