//! The conflict flow: a choice the rules allow as it is applies at once; a choice that undoes
//! earlier choices waits in the conflict dialog until it is accepted or cancelled; a choice the
//! rules refuse is told with its reasons; the automatic changes of the last choice can be undone.

use configurator_domain::{Choice, Configuration, Lang, Model, engine};
use leptos::prelude::*;

use super::{
    change_notice::LastChange,
    editing::{Editing, Problem},
};
use crate::i18n::use_lang;

/// The answers to the user's choices.
#[derive(Debug, Clone, Copy)]
pub struct Conflict {
    /// A choice of the picker.
    pub on_choice: Callback<Choice>,
    /// The waiting choice is accepted, with every change it brings.
    pub on_accept: Callback<()>,
    /// The waiting choice is dropped.
    pub on_cancel: Callback<()>,
    /// The configuration before the last choice comes back.
    pub on_undo: Callback<Configuration>,
}

/// The answers for configuring `model` in `editing`.
pub fn use_conflict(model: Model, editing: Editing) -> Conflict {
    let lang = use_lang();
    let Editing {
        configuration,
        pending,
        problem,
        last_change,
        ..
    } = editing;
    let on_choice = Callback::new(move |choice: Choice| {
        let result = configuration.with_untracked(|c| engine::apply(&model, c, choice.clone()));
        match result {
            Ok(applied) if applied.is_conflict_resolution() => {
                pending.set(Some((choice, applied)));
            }
            Ok(applied) => {
                set_if_changed(problem, None);
                let before = configuration.get_untracked();
                set_if_changed(
                    last_change,
                    LastChange::of(&choice, &applied.changes, before),
                );
                configuration.set(applied.configuration);
            }
            Err(error) => problem.set(Some(Problem::Refused(describe_error(
                &model,
                &error,
                lang(),
            )))),
        }
    });
    let on_accept = Callback::new(move |()| {
        if let Some((choice, applied)) = pending.get_untracked() {
            problem.set(None);
            let before = configuration.get_untracked();
            last_change.set(LastChange::of(&choice, &applied.changes, before));
            configuration.set(applied.configuration);
        }
        pending.set(None);
    });
    let on_cancel = Callback::new(move |()| {
        pending.set(None);
    });
    let on_undo = Callback::new(move |before: Configuration| {
        last_change.set(Some(LastChange::Undone));
        configuration.set(before);
    });
    Conflict {
        on_choice,
        on_accept,
        on_cancel,
        on_undo,
    }
}

/// Sets `signal` only when `value` differs: an equal value would still wake every reader, and a
/// click should wake no more than it changes.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|now| *now != value) {
        signal.set(value);
    }
}

/// Why a choice was refused, in words.
fn describe_error(model: &Model, error: &engine::ApplyError, lang: Lang) -> String {
    match error {
        engine::ApplyError::Impossible { reasons, .. } => reasons
            .iter()
            .map(|r| r.describe(model, lang))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
