//! A part of a page built in a later task of the browser's event loop. A long page built in one
//! go is one long task: the browser can neither paint nor answer input until it ends (Lighthouse
//! counts every task over 50 ms as blocking). Built in pieces, the first piece is painted while
//! the next is built. A piece must come after everything already shown, so that nothing moves.

use leptos::prelude::*;

use crate::state::next_task;

/// Shows `children` once the browser has run a task of its own after this one (`setTimeout(0)`).
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    // The timer starts now, before anything that the caller sets afterwards.
    let elapsed = next_task();
    leptos::task::spawn_local(async move {
        elapsed.await;
        // The page may have gone meanwhile, and the signal with it.
        ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
