//! The configurator as a guest in a partner's page: the partner's models, one configurator, and
//! a visitor's quote request (or, for a dealer, a way into the dealer app). It is made of the
//! configure page's own components; only where the state comes from differs: the partner's
//! settings and the page's options instead of the address, preferences and session, and nothing
//! is written to the host page's address, storage or cookies. The embed crate (`crates/embed`)
//! mounts it into a shadow root and turns its [`EmbedEvent`]s into DOM events or messages.

use configurator_domain::{Lang, api::PartnerProfile};
use futures::future;
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    i18n::{I18nContextProvider, locale_of, tr, use_i18n},
    state::SharedCatalog,
};

pub mod events;
mod guest;
pub mod options;
mod quote_form;
mod shown;

use events::EmbedEvent;
pub use options::{EmbedOptions, Mode, OptionError, THEME_PROPERTIES};
use shown::Shown;

/// The embedded configurator for `options`. `on_event` hears what it has to tell;
/// `code_request` opens another configuration when the page sets one.
#[component]
pub fn Embedded(
    /// The checked options.
    options: EmbedOptions,
    /// Hears every event.
    on_event: Callback<EmbedEvent>,
    /// A configuration code the page asks to show.
    code_request: ReadSignal<Option<String>>,
) -> impl IntoView {
    view! {
        // The host page's `<html lang>` and cookies are the host's.
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false enable_cookie=false>
            <Guest options=options on_event=on_event code_request=code_request />
        </I18nContextProvider>
    }
}

/// Everything the configurator needs from the server, once it has arrived.
#[derive(Clone)]
struct Loaded {
    partner: PartnerProfile,
    data: SharedCatalog,
    lang: Lang,
}

/// What loading came to.
#[derive(Clone)]
enum Loading {
    Partner(ApiError),
    Catalog(ApiError),
    Done(Box<Loaded>),
}

/// Loads the partner and the catalog in the partner's (or the page's) language, then shows the
/// configurator; says what failed otherwise, with a way to try again.
#[component]
fn Guest(
    options: EmbedOptions,
    on_event: Callback<EmbedEvent>,
    code_request: ReadSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(lang) = options.lang {
        i18n.set_locale(locale_of(lang));
    }
    let attempt = RwSignal::new(0_u32);
    let partner_id = options.partner.clone();
    let page_lang = options.lang;
    let loading = LocalResource::new(move || {
        attempt.track();
        let partner_id = partner_id.clone();
        async move {
            // With the language named, the catalog does not wait for the partner.
            let (partner, catalog) = match page_lang {
                Some(lang) => {
                    let (partner, catalog) =
                        future::join(api::partner(&partner_id), load_catalog(lang)).await;
                    (partner, Some(catalog))
                }
                None => (api::partner(&partner_id).await, None),
            };
            let partner = match partner {
                Ok(partner) => partner,
                Err(error) => return Loading::Partner(error),
            };
            let lang = page_lang.unwrap_or(partner.language);
            let catalog = match catalog {
                Some(catalog) => catalog,
                None => load_catalog(lang).await,
            };
            match catalog {
                Ok(data) => Loading::Done(Box::new(Loaded {
                    partner,
                    data,
                    lang,
                })),
                Err(error) => Loading::Catalog(error),
            }
        }
    });
    // Failures are told to the page once per attempt.
    let partner_id = options.partner.clone();
    Effect::new(move |_| match loading.get() {
        Some(Loading::Partner(error)) => on_event.run(EmbedEvent::error(
            "partner",
            format!("partner \"{partner_id}\": {error}"),
        )),
        Some(Loading::Catalog(error)) => {
            on_event.run(EmbedEvent::error("catalog", format!("catalog: {error}")));
        }
        _ => {}
    });
    let options = StoredValue::new(options);
    move || {
        match loading.get() {
        None => view! { <p class="loading guest-loading" role="status">{tr!(i18n, common.loading_catalog)}</p> }.into_any(),
        Some(Loading::Done(loaded)) => {
            // Before the view is built, so that it is in the partner's language from its first
            // paint (the locale is not read by this closure: no loop).
            i18n.set_locale(locale_of(loaded.lang));
            view! { <Shown loaded=*loaded options=options.get_value() on_event=on_event code_request=code_request /> }.into_any()
        }
        Some(Loading::Partner(ApiError::Server { status: 404, .. })) => view! {
            <p class="problem" role="alert">{tr!(i18n, embed.unknown_partner)}</p>
        }
        .into_any(),
        Some(Loading::Partner(error) | Loading::Catalog(error)) => view! {
            <div class="problem" role="alert">
                <p>{tr!(i18n, embed.failed)} " " <span class="detail">{error.to_string()}</span></p>
                <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{tr!(i18n, embed.retry)}</button>
            </div>
        }
        .into_any(),
    }
    }
}

/// The catalog in `lang`, checked.
async fn load_catalog(lang: Lang) -> Result<SharedCatalog, ApiError> {
    let text = api::catalog_text(lang).await?;
    api::parse_catalog(&text, lang).map(SharedCatalog::new)
}
