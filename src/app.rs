//! The app shell: translations and app state, the header (navigation, language, market and
//! currency), notices, the catalog's loading and failure states, the page for the current
//! [`Route`], and the footer. Each build of the front end gives the shell its [`Pages`]: this
//! module has the public build's.

use configurator_domain::{api::Role, bundle::Bundle};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::{
    components::{
        account::Account, compare_tray::CompareTray, later::Later, page_boundary::page_failure,
        server_status::ServerStatus, switches::Switches,
    },
    first_paint,
    i18n::{I18nContextProvider, locale_of, tr, use_i18n},
    navigation::{provide_address, use_route},
    outbox::use_outbox,
    pages::{catalog::CatalogPage, configure::ConfigurePage, sign_in::SignInPage},
    route::{OrdersQuery, Route},
    state::{self, CatalogStatus, Notice, Prefs, use_app_state},
};

pub use configurator_domain::bundle::PRODUCT_NAME;

/// The pages one build of the front end carries.
#[derive(Clone, Copy)]
pub struct Pages {
    /// Which build: links to pages that another build carries load that build.
    pub bundle: Bundle,
    /// The view of a page.
    pub view: fn(Route) -> AnyView,
}

/// The public build's pages: the catalog, the configurator and signing in.
pub const PUBLIC_PAGES: Pages = Pages {
    bundle: Bundle::Public,
    view: public_page,
};

/// The whole app, with the pages of one build.
#[component]
pub fn App(pages: Pages) -> impl IntoView {
    view! {
        <I18nContextProvider enable_cookie=false>
            <Shell pages=pages />
        </I18nContextProvider>
    }
}

/// Everything inside the translations: address, state, header, page, footer.
#[component]
fn Shell(pages: Pages) -> impl IntoView {
    let i18n = use_i18n();
    provide_address(pages.bundle);
    let mut notices = Vec::new();
    let prefs = state::load_prefs(&mut notices);
    // In an effect: the translations' provider sets the browser's language in its own first
    // effect, which runs before this one.
    let remembered = prefs.as_ref().map(|p| locale_of(p.lang));
    Effect::new(move |done: Option<()>| {
        if done.is_none()
            && let Some(locale) = remembered
        {
            i18n.set_locale(locale);
        }
    });
    let app = state::provide_app_state(prefs.as_ref(), notices);
    // The outbox sends the signed-in dealer's submitted orders, from any page.
    use_outbox(Signal::derive(move || {
        app.account
            .get()
            .filter(|a| a.role == Role::Dealer)
            .map(|a| a.username)
    }));
    // Remember language, market and currency; the language for the server's first paint too.
    Effect::new(move |_| {
        let lang = crate::i18n::lang_of(i18n.get_locale());
        state::save_prefs(&Prefs {
            lang,
            market: app.market.get(),
            currency: app.currency.get(),
        });
        first_paint::remember_lang(lang);
    });
    view! {
        <Header />
        // The page in a task after the header's (see `Later`); the first paint hides it until
        // then.
        <Later>
            <FirstPaintRemoval />
            <main id="main" class="page" data-catalog=move || app.catalog_source()>
                <Notices />
                <CatalogOffline />
                <CurrentPage view=pages.view />
                // After the page: the line goes without moving what is above it.
                <CatalogLoading />
            </main>
            <Footer />
        </Later>
    }
}

/// Takes the server's first paint away once the catalog is there (or has failed to come), in the
/// turn that builds the page.
#[component]
fn FirstPaintRemoval() -> impl IntoView {
    let app = use_app_state();
    first_paint::remove_when(move || {
        app.catalog
            .with(|status| !matches!(status, CatalogStatus::Loading))
    });
}

/// The page that the current URL names, shown by `view`.
#[component]
fn CurrentPage(view: fn(Route) -> AnyView) -> impl IntoView {
    let route = use_route();
    // The page is built again only when the page changes, not its parameters. The pages share one
    // boundary (one per page would cost 2 KB of wasm for nothing): what a page throws is shown in
    // its place, and goes with it when another page is shown.
    let page = Memo::new(move |_| route.with(Route::page));
    view! { <ErrorBoundary fallback=page_failure>{move || view(page.get())}</ErrorBoundary> }
}

/// The view of `page` in the public build.
pub fn public_page(page: Route) -> AnyView {
    let i18n = use_i18n();
    match page {
        Route::Catalog(_) => view! { <CatalogPage /> }.into_any(),
        Route::Configure { model, .. } => view! { <ConfigurePage model=model /> }.into_any(),
        Route::Compare(_)
        | Route::Cart
        | Route::Orders(_)
        | Route::Order { .. }
        | Route::Requests
        | Route::Plan { .. } => view! { <OtherBuildLoad /> }.into_any(),
        Route::SignIn { .. } => view! { <SignInPage /> }.into_any(),
        Route::NotFound { path } => view! {
            <h1>{tr!(i18n, pages.not_found_title)}</h1>
            <p>{tr!(i18n, pages.not_found)} " " <code>{path}</code></p>
        }
        .into_any(),
    }
}

/// A page that another build carries, reached in this one (Back into an address that the other
/// build had shown): loading the address again gets that build from the server. Once only: the
/// history entry is marked first, so a server that answers this build again leaves a link instead
/// of a reload loop.
#[component]
pub fn OtherBuildLoad() -> impl IntoView {
    let i18n = use_i18n();
    const MARK: &str = "other-build-load";
    let address = crate::navigation::current();
    let history = window().history().ok();
    let tried = history
        .as_ref()
        .and_then(|h| h.state().ok())
        .and_then(|state| state.as_string())
        .is_some_and(|state| state == MARK);
    if !tried && let Some(history) = history {
        let marked = history.replace_state(&JsValue::from_str(MARK), "");
        if marked.is_ok() {
            let _reloading = window().location().reload();
        }
    }
    view! {
        <p class="loading" role="status">
            {tr!(i18n, common.loading)} " " <a href=address.clone() target="_self">{address.clone()}</a>
        </p>
    }
}

/// The catalog's loading line. (A failure is shown by the pages that need the catalog, through
/// their error boundary.)
#[component]
fn CatalogLoading() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        app.catalog
            .with(|c| matches!(c, CatalogStatus::Loading))
            .then(|| view! { <p class="loading" role="status">{tr!(i18n, common.loading_catalog)}</p> })
    }
}

/// The notice that the catalog is the saved copy, the server out of reach.
#[component]
fn CatalogOffline() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        app.catalog
            .with(|c| matches!(c, CatalogStatus::Ready { offline: Some(_), .. }))
            .then(|| {
                view! {
                    <p class="notice offline" role="status">
                        {tr!(i18n, common.offline)} " "
                        <button type="button" on:click=move |_| app.reload.run(())>{tr!(i18n, common.retry)}</button>
                    </p>
                }
            })
    }
}

/// Notices about dropped stored data, each dismissable.
#[component]
fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || {
        app.notices
            .get()
            .into_iter()
            .map(|n| {
                let text = match n {
                    Notice::DraftsDropped => tr!(i18n, notices.drafts_dropped),
                    Notice::StoredDataDropped => tr!(i18n, notices.data_dropped),
                    Notice::SignOutPending => tr!(i18n, notices.sign_out_pending),
                };
                view! {
                    <p class="notice" role="status">
                        {text} " "
                        <button type="button" on:click=move |_| app.dismiss(n)>
                            {tr!(i18n, common.dismiss)}
                        </button>
                    </p>
                }
            })
            .collect_view()
    }
}

/// The header: product name, the main navigation and the switches.
#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let app = use_app_state();
    let role = move || app.account.with(|a| a.as_ref().map(|a| a.role));
    // `aria-current="page"` on the link of the page shown.
    let current = move |is: fn(&Route) -> bool| move || route.with(is).then_some("page");
    view! {
        <a class="skip-link" href="#main">{tr!(i18n, nav.skip)}</a>
        <header class="site-header">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <nav aria-label=tr!(i18n, nav.label)>
                <ul>
                    <li><a href=Route::home().href() aria-current=current(|r| matches!(r, Route::Catalog(_)))>{tr!(i18n, nav.vehicles)}</a></li>
                    <li class="compare-nav"><CompareTray current=current(|r| matches!(r, Route::Compare(_))) /></li>
                    // What the role allows: the cart, orders and quote requests for dealers.
                    {move || (role() == Some(Role::Dealer)).then(|| view! {
                        <li><a href=Route::Cart.href() aria-current=current(|r| *r == Route::Cart)>{tr!(i18n, nav.cart)}</a></li>
                        <li><a href=Route::Orders(OrdersQuery::default()).href() aria-current=current(|r| matches!(r, Route::Orders(_) | Route::Order { .. }))>{tr!(i18n, nav.orders)}</a></li>
                        <li><a href=Route::Requests.href() aria-current=current(|r| *r == Route::Requests)>{tr!(i18n, nav.requests)}</a></li>
                    })}
                    // And the plan for planners.
                    {move || (role() == Some(Role::Planner)).then(|| view! {
                        <li><a href=Route::Plan { from: None, to: None }.href() aria-current=current(|r| matches!(r, Route::Plan { .. }))>{tr!(i18n, nav.plan)}</a></li>
                    })}
                </ul>
            </nav>
            <Switches />
            <Account />
        </header>
    }
}

/// The footer: the app's version and the server's state.
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <span>{PRODUCT_NAME} " " <span class="version">"v" {env!("CARGO_PKG_VERSION")}</span></span>
            <ServerStatus />
        </footer>
    }
}
