//! App-wide state, provided as context: the catalog in the reader's language (from the server, or
//! from local storage, where a copy of each language is saved, until the server answers or when it
//! cannot be reached), the market and currency prices are shown in, and notices about stored data
//! that had to be dropped.

use std::time::Duration;

use configurator_domain::{Catalog, Lang, MarketId, api::SessionResponse, price::Currency};
use leptos::prelude::*;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::{
    api::{self, ApiError},
    storage::{self, Stored},
};

mod catalog;

pub use catalog::{CatalogStatus, SharedCatalog};
use catalog::{Fetched, catalog_resource, catalog_status, load_catalog, use_catalog_lang};

/// The version of the preferences' envelope.
const PREFS_VERSION: u32 = 1;
/// The version of the signed-in account's envelope.
const ACCOUNT_VERSION: u32 = 1;
/// The version of the pending sign-out's stored shape.
const SIGN_OUT_VERSION: u32 = 1;
/// The version of the compare list's envelope.
const COMPARE_VERSION: u32 = 1;
/// The most configurations the compare page shows side by side.
pub const MAX_COMPARED: usize = 4;

/// Something the user should know about, shown once at the top of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Stored drafts from an older version (or damaged) were dropped.
    DraftsDropped,
    /// A stored catalog or preferences from an older version were dropped.
    StoredDataDropped,
    /// Signing out did not reach the server: this browser has forgotten the account, and the
    /// server is told as soon as it answers.
    SignOutPending,
}

/// Language, market and currency, remembered in local storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// `en`, `ru`, `ky` or `uz`.
    pub lang: Lang,
    /// The market prices are quoted in.
    pub market: Option<MarketId>,
    /// Local currency or US dollars.
    pub currency: Currency,
}

/// The app-wide state handles, all `Copy`.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The catalog.
    pub catalog: Memo<CatalogStatus>,
    /// Fetches the catalog again.
    pub reload: Callback<()>,
    /// The chosen market; `None` until chosen (the catalog's first market then applies).
    pub market: RwSignal<Option<MarketId>>,
    /// Local currency or US dollars.
    pub currency: RwSignal<Currency>,
    /// Notices to show.
    pub notices: RwSignal<Vec<Notice>>,
    /// Who is signed in on this browser, as far as the app knows.
    pub account: RwSignal<Option<SessionResponse>>,
    /// The configuration codes picked for comparing, in column order (at most
    /// [`MAX_COMPARED`]), kept in local storage.
    pub compared: RwSignal<Vec<String>>,
    /// The server's answer about the catalog in the reader's language.
    fetched: LocalResource<Fetched>,
    /// Whether a copy of the catalog was saved on this browser.
    have_copy: bool,
}

impl AppState {
    /// The catalog when there is one.
    pub fn data(&self) -> Option<SharedCatalog> {
        match self.catalog.get() {
            CatalogStatus::Ready { data, .. } => Some(data),
            _ => None,
        }
    }

    /// Where the catalog in use comes from, in one word (reactive), for the page's
    /// `data-catalog` that tests wait for: `loading`, `saved` (the saved copy; the server has not
    /// answered yet), `server` (the server answered), `offline` (the saved copy; the server
    /// cannot be reached) or `failed`.
    pub fn catalog_source(&self) -> &'static str {
        let have_copy = self.have_copy;
        self.fetched.with(|answer| match answer {
            None if have_copy => "saved",
            None => "loading",
            Some(Fetched::Server(_)) => "server",
            Some(Fetched::Failed(..)) => match self.catalog.get() {
                CatalogStatus::Ready { .. } => "offline",
                _ => "failed",
            },
        })
    }

    /// The market in effect: the chosen one if the catalog has it, else its first.
    pub fn market_in(&self, catalog: &Catalog) -> Option<MarketId> {
        let chosen = self.market.get();
        chosen
            .filter(|m| catalog.market(m).is_some())
            .or_else(|| catalog.markets().first().map(|m| m.id.clone()))
    }

    /// Remembers who signed in (the session itself is the server's cookie). A sign-out still
    /// waiting for the server is dropped: its session's cookie has just been replaced.
    pub fn signed_in(&self, account: SessionResponse) {
        storage::remove(storage::SIGN_OUT_KEY);
        self.dismiss(Notice::SignOutPending);
        storage::save(storage::ACCOUNT_KEY, ACCOUNT_VERSION, &account);
        self.account.set(Some(account));
    }

    /// Signs out: here at once, and on the server now or, when it cannot be reached, at the next
    /// contact (remembered across reloads, with a notice meanwhile).
    pub async fn sign_out(&self) {
        self.signed_out();
        storage::save(storage::SIGN_OUT_KEY, SIGN_OUT_VERSION, &true);
        self.finish_sign_out().await;
    }

    /// Tells the server about a sign-out it has not heard of yet, if there is one. Any answer
    /// but a 5xx ends it (a 401 means the session had already ended).
    pub async fn finish_sign_out(&self) {
        if storage::load::<bool>(storage::SIGN_OUT_KEY, SIGN_OUT_VERSION).found() != Some(true) {
            return;
        }
        match api::sign_out().await {
            Err(ApiError::Network(_)) => self.notify(Notice::SignOutPending),
            Err(ApiError::Server { status, .. }) if status >= 500 => {
                self.notify(Notice::SignOutPending);
            }
            _ => {
                storage::remove(storage::SIGN_OUT_KEY);
                self.dismiss(Notice::SignOutPending);
            }
        }
    }

    /// Forgets who signed in.
    pub fn signed_out(&self) {
        storage::remove(storage::ACCOUNT_KEY);
        self.account.set(None);
    }

    /// Adds `code` to the compare list, unless it is there already or the list is full; whether
    /// it is in the list now.
    pub fn pick_for_compare(&self, code: &str) -> bool {
        let mut list = self.compared.get_untracked();
        if !list.iter().any(|c| c == code) {
            if list.len() >= MAX_COMPARED {
                return false;
            }
            list.push(code.to_owned());
            self.set_compared(list);
        }
        true
    }

    /// Replaces the compare list (the compare page removed or reordered a column) and stores it.
    pub fn set_compared(&self, mut list: Vec<String>) {
        list.truncate(MAX_COMPARED);
        storage::save(storage::COMPARE_KEY, COMPARE_VERSION, &list);
        self.compared.set(list);
    }

    /// Takes a notice away.
    pub fn dismiss(&self, notice: Notice) {
        self.notices.update(|n| n.retain(|x| *x != notice));
    }

    /// Adds a notice unless it is already shown.
    pub fn notify(&self, notice: Notice) {
        add_notice(self.notices, notice);
    }
}

/// Reads the stored preferences (dropping stale ones with a notice).
pub fn load_prefs(notices: &mut Vec<Notice>) -> Option<Prefs> {
    load_noting(storage::PREFS_KEY, PREFS_VERSION, notices)
}

/// The value stored under `key`; a stale or damaged one is dropped with a notice. One notice says
/// it for every key: after an update the preferences, the saved catalog and the account are
/// usually all of an older version.
fn load_noting<T: DeserializeOwned>(
    key: &str,
    version: u32,
    notices: &mut Vec<Notice>,
) -> Option<T> {
    match storage::load(key, version) {
        Stored::Found(value) => Some(value),
        Stored::Dropped => {
            note_dropped(notices);
            None
        }
        Stored::Missing => None,
    }
}

/// Adds the notice that stored data was dropped, unless it is there.
fn note_dropped(notices: &mut Vec<Notice>) {
    if !notices.contains(&Notice::StoredDataDropped) {
        notices.push(Notice::StoredDataDropped);
    }
}

/// Adds `notice` to `notices` unless it is already shown.
fn add_notice(notices: RwSignal<Vec<Notice>>, notice: Notice) {
    notices.update(|n| {
        if !n.contains(&notice) {
            n.push(notice);
        }
    });
}

/// Stores the preferences.
pub fn save_prefs(prefs: &Prefs) {
    storage::save(storage::PREFS_KEY, PREFS_VERSION, prefs);
}

/// Creates the app state and provides it as context: the saved copy of the catalog in the
/// reader's language is used at once, the server's answer replaces it when it arrives and is saved
/// in turn. When the reader switches language, the catalog of the new language is asked for; the
/// one on screen stays until it arrives (its texts stand in for the new language's meanwhile).
pub fn provide_app_state(prefs: Option<&Prefs>, mut notices: Vec<Notice>) -> AppState {
    let lang = use_catalog_lang(prefs);
    if storage::remove_found(storage::OLD_CATALOG_KEY) {
        note_dropped(&mut notices);
    }
    let cached = load_catalog(lang.get_untracked(), &mut notices);
    let have_copy = cached.is_some();
    // Who signed in here last: shown at once, then confirmed with the server (the session may
    // have ended). Nobody is asked about when nobody signed in, so a visitor causes no 401.
    let remembered =
        load_noting::<SessionResponse>(storage::ACCOUNT_KEY, ACCOUNT_VERSION, &mut notices);
    let confirm = remembered.is_some();
    let compared: Vec<String> =
        load_noting(storage::COMPARE_KEY, COMPARE_VERSION, &mut notices).unwrap_or_default();
    let notices = RwSignal::new(notices);
    let fetched = catalog_resource(lang, cached.clone(), notices);
    let catalog = catalog_status(fetched, cached);
    let state = AppState {
        catalog,
        reload: Callback::new(move |()| fetched.refetch()),
        market: RwSignal::new(prefs.and_then(|p| p.market.clone())),
        currency: RwSignal::new(prefs.map(|p| p.currency).unwrap_or_default()),
        notices,
        account: RwSignal::new(remembered),
        compared: RwSignal::new(compared),
        fetched,
        have_copy,
    };
    // A sign-out from an earlier visit that the server never heard of.
    leptos::task::spawn_local(async move { state.finish_sign_out().await });
    if confirm {
        leptos::task::spawn_local(async move {
            match api::session().await {
                Ok(Some(account)) => state.signed_in(account),
                Ok(None) => state.signed_out(),
                // Offline: keep showing who it was.
                Err(_) => {}
            }
        });
    }
    provide_context(state);
    state
}

/// The app state provided by the app shell (or a test's wrapper).
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Resolves in a new task of the browser's event loop (`setTimeout(0)`), started at the call.
pub fn next_task() -> impl Future<Output = ()> {
    after(Duration::ZERO)
}

/// Resolves after `delay`, in a new task of the browser's event loop (`setTimeout`). The timer
/// starts at the call, not when the future is first polled.
pub fn after(delay: Duration) -> impl Future<Output = ()> {
    let millis = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
    });
    let elapsed = wasm_bindgen_futures::JsFuture::from(promise);
    async move {
        let _ = elapsed.await;
    }
}
