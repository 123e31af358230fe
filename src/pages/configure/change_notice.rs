//! The notice of automatic changes: when a choice adds or removes other options (the pre-heater
//! brings the winter package, dropping a package drops what came with it) or an accepted conflict
//! changed earlier choices, the changes are announced in a polite live region with an Undo
//! button that puts the configuration back as it was before the choice. Only the other changes:
//! the choice itself is not told again.

use configurator_domain::{Change, Choice, Configuration};
use leptos::prelude::*;

use crate::{
    i18n::{tr, use_i18n, use_lang},
    state::SharedCatalog,
};

/// What the last choice did besides itself.
#[derive(Debug, Clone, PartialEq)]
pub enum LastChange {
    /// These changes came with the choice; `before` is the configuration before it.
    Changed {
        /// The automatic changes, in the engine's order.
        changes: Vec<Change>,
        /// The configuration to go back to.
        before: Configuration,
    },
    /// The user undid the changes.
    Undone,
}

impl LastChange {
    /// The notice for a choice that led from `before` with `changes`: `None` when nothing but the
    /// choice itself changed. Swapping one option of a single-choice group for another (a paint for
    /// a paint) and the contents a chosen package brings are the choice itself, not automatic
    /// changes ([`Change::is_part_of`]).
    pub fn of(choice: &Choice, changes: &[Change], before: Configuration) -> Option<Self> {
        let changes: Vec<Change> = changes
            .iter()
            .filter(|c| !c.is_part_of(choice))
            .cloned()
            .collect();
        (!changes.is_empty()).then_some(LastChange::Changed { changes, before })
    }
}

/// The notice, fixed at the bottom of the window so that it never moves the page.
#[component]
pub fn ChangeNotice(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
    /// What the last choice changed; cleared on dismiss.
    last: RwSignal<Option<LastChange>>,
    /// Puts back the configuration before the choice.
    on_undo: Callback<Configuration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let data = StoredValue::new(data);
    let content = move || match last.get()? {
        LastChange::Changed { changes, before } => {
            let lines = data.with_value(|data| {
                data.catalog().models().get(model_index).map(|m| {
                    changes
                        .iter()
                        .map(|c| c.describe(m, lang()))
                        .collect::<Vec<_>>()
                })
            })?;
            let before = StoredValue::new(before);
            Some(
                view! {
                    <p class="change-title">{tr!(i18n, changes.title)}</p>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <p class="change-actions">
                        <button type="button" class="primary" on:click=move |_| on_undo.run(before.get_value())>
                            {tr!(i18n, changes.undo)}
                        </button>
                        " "
                        <button type="button" on:click=move |_| last.set(None)>{tr!(i18n, common.dismiss)}</button>
                    </p>
                }
                .into_any(),
            )
        }
        LastChange::Undone => Some(view! { <p>{tr!(i18n, changes.undone)}</p> }.into_any()),
    };
    view! {
        <div
            class="change-notice no-print"
            class:shown=move || last.with(Option::is_some)
            role="status"
            aria-live="polite"
            aria-label=tr!(i18n, changes.title)
        >
            {content}
        </div>
    }
}
