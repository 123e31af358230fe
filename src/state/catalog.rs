//! The catalog in the reader's language: the saved copy of that language at once, the server's
//! answer when it arrives (saved in turn), and the copy when the server cannot be reached. The
//! app state ([`super::AppState`]) holds what this module makes.

use std::sync::Arc;

use configurator_domain::{Catalog, Lang, ModelId, api::CatalogResponse};
use leptos::prelude::*;

use super::{Notice, Prefs, add_notice, load_noting, next_task, note_dropped};
use crate::{
    api::{self, ApiError, CatalogAnswer},
    i18n::{lang_of, use_i18n},
    storage,
};

/// The version of the saved catalogs' envelope.
const CATALOG_VERSION: u32 = 1;

/// The server's catalog answer (the checked catalog and each model's default code), shared
/// without copying; equal when it is the same answer.
#[derive(Debug, Clone)]
pub struct SharedCatalog {
    response: Arc<CatalogResponse>,
}

impl PartialEq for SharedCatalog {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.response, &other.response)
    }
}

impl SharedCatalog {
    /// Shares `response`.
    pub fn new(response: CatalogResponse) -> Self {
        Self {
            response: Arc::new(response),
        }
    }

    /// The checked catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.response.catalog
    }

    /// The code of `model`'s default configuration, as the server made it.
    pub fn default_code(&self, model: &ModelId) -> Option<&str> {
        self.response.default_codes.get(model).map(String::as_str)
    }
}

/// Where the catalog stands.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogStatus {
    /// Nothing yet: the first load is under way and nothing is cached.
    Loading,
    /// A catalog to work with. `offline` carries the error when it came from the cache because the
    /// server could not be reached.
    Ready {
        /// The catalog.
        data: SharedCatalog,
        /// Why the cached copy is in use, if it is.
        offline: Option<ApiError>,
    },
    /// The server failed and nothing is cached.
    Failed(ApiError),
}

/// What asking the server for the catalog in one language came to.
#[derive(Debug, Clone)]
pub(super) enum Fetched {
    /// The server's catalog: the saved copy when the server sent it word for word.
    Server(SharedCatalog),
    /// The server could not be reached or failed; the saved copy of the language, if there is
    /// one.
    Failed(ApiError, Option<SharedCatalog>),
}

/// The saved copy of the catalog in `lang`; one of an older version, damaged, or of another
/// language (it fails the check for `lang`) is dropped with a notice.
pub(super) fn load_catalog(lang: Lang, notices: &mut Vec<Notice>) -> Option<SharedCatalog> {
    let key = storage::catalog_key(lang);
    let answer = load_noting::<CatalogAnswer>(&key, CATALOG_VERSION, notices)?;
    match answer.check(lang) {
        Ok(response) => Some(SharedCatalog::new(response)),
        Err(_) => {
            storage::remove(&key);
            note_dropped(notices);
            None
        }
    }
}

/// Asks the server for the catalog in `lang`, and saves its answer. `saved` is the copy of
/// `lang` in use, kept when the server sends it again word for word. Parsing, saving and
/// rendering each get a task of their own, so that the browser can paint and answer input
/// between them.
async fn fetch_catalog(
    lang: Lang,
    saved: Option<SharedCatalog>,
    notices: RwSignal<Vec<Notice>>,
) -> Fetched {
    let key = storage::catalog_key(lang);
    let text = match api::catalog_text(lang).await {
        Ok(text) => text,
        Err(error) => {
            let saved = saved.or_else(|| {
                let mut found = Vec::new();
                let copy = load_catalog(lang, &mut found);
                found
                    .into_iter()
                    .for_each(|notice| add_notice(notices, notice));
                copy
            });
            return Fetched::Failed(error, saved);
        }
    };
    if let Some(saved) = saved.as_ref()
        && storage::holds_json(&key, CATALOG_VERSION, &text)
    {
        return Fetched::Server(saved.clone());
    }
    next_task().await;
    let response = match api::parse_catalog(&text, lang) {
        Ok(response) => response,
        Err(error) => return Fetched::Failed(error, saved),
    };
    next_task().await;
    storage::save_json(&key, CATALOG_VERSION, &text);
    next_task().await;
    Fetched::Server(SharedCatalog::new(response))
}

/// The language of the catalog: the reader's, followed as it changes. It starts in the remembered
/// one: the translations' provider starts in the browser's, and the shell sets the remembered one
/// only in an effect.
pub(super) fn use_catalog_lang(prefs: Option<&Prefs>) -> RwSignal<Lang> {
    let i18n = use_i18n();
    let lang =
        RwSignal::new(prefs.map_or_else(|| lang_of(i18n.get_locale_untracked()), |p| p.lang));
    Effect::new(move |_| {
        let now = lang_of(i18n.get_locale());
        if lang.get_untracked() != now {
            lang.set(now);
        }
    });
    lang
}

/// The server's catalog in `lang`, asked for again when `lang` changes. `cached` is the saved
/// copy of the first language.
pub(super) fn catalog_resource(
    lang: RwSignal<Lang>,
    cached: Option<SharedCatalog>,
    notices: RwSignal<Vec<Notice>>,
) -> LocalResource<Fetched> {
    // The catalog last parsed or loaded, and its language: when the server sends it again word
    // for word, the same value is kept, and the page on screen is not built again under the
    // user's hands.
    let known = StoredValue::new(cached.map(|data| (lang.get_untracked(), data)));
    LocalResource::new(move || {
        let lang = lang.get();
        async move {
            let saved = known
                .get_value()
                .filter(|(known, _)| *known == lang)
                .map(|(_, data)| data);
            let fetched = fetch_catalog(lang, saved, notices).await;
            if let Fetched::Server(data) = &fetched {
                known.set_value(Some((lang, data.clone())));
            }
            fetched
        }
    })
}

/// Where the catalog stands: the saved copy until the server answers, then the server's answer.
/// When the server cannot be reached, the saved copy of the language, or else the catalog on
/// screen (another language's), stays.
pub(super) fn catalog_status(
    fetched: LocalResource<Fetched>,
    cached: Option<SharedCatalog>,
) -> Memo<CatalogStatus> {
    Memo::new(move |shown: Option<&CatalogStatus>| match fetched.get() {
        None => cached
            .clone()
            .map_or(CatalogStatus::Loading, |data| CatalogStatus::Ready {
                data,
                offline: None,
            }),
        Some(Fetched::Server(data)) => CatalogStatus::Ready {
            data,
            offline: None,
        },
        Some(Fetched::Failed(error, saved)) => {
            let shown = shown.and_then(|status| match status {
                CatalogStatus::Ready { data, .. } => Some(data.clone()),
                _ => None,
            });
            match saved.or(shown) {
                Some(data) => CatalogStatus::Ready {
                    data,
                    offline: Some(error),
                },
                None => CatalogStatus::Failed(error),
            }
        }
    })
}
