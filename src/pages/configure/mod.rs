//! The configure page (`/configure/{model}?c=CODE&q=N`): the steps, the conflict dialog and the
//! summary. The configuration is a local signal mirrored into the URL (so the address is always
//! the share link) and into the drafts; price, availability and the code are `Memo`s over domain
//! calls, recomputed on every click in the browser.

use configurator_domain::{
    Applied, Choice, Configuration, Model, ModelId, Quantity, code, engine, price,
};
use leptos::prelude::*;

use crate::{
    drafts,
    format::{self, MoneyUnit},
    i18n::{t, use_i18n, use_lang},
    navigation::{Entry, use_address, use_route},
    route::Route,
    state::{CatalogStatus, SharedCatalog, use_app_state},
};

pub mod change_notice;
pub mod conflict_dialog;
pub mod option_picker;
pub mod option_row;
pub mod price_panel;
pub mod spec_sheet;
pub mod summary;

use change_notice::{ChangeNotice, LastChange};
use conflict_dialog::ConflictDialog;
use option_picker::OptionPicker;
use summary::Summary;

/// The page: waits for the catalog, then configures the model the URL names.
#[component]
pub fn ConfigurePage(
    /// The model the URL names.
    model: ModelId,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    move || match app.catalog.get() {
        CatalogStatus::Ready { data, .. } => {
            match data.catalog().models().iter().position(|m| *m.id() == model) {
                Some(index) => view! { <Configurator data=data model_index=index /> }.into_any(),
                None => view! {
                    <h1>{t!(i18n, configure.unknown_title)}</h1>
                    <p>{t!(i18n, configure.unknown_text)} " " <a href="/">{t!(i18n, catalog.title)}</a></p>
                }
                .into_any(),
            }
        }
        // The shell shows loading and failure of the catalog.
        _ => view! { <h1>{t!(i18n, configure.title)}</h1> }.into_any(),
    }
}

/// How long the URL and the draft wait after a change before they are written.
const PERSIST_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// The configuration read from the URL: its code decoded, or the model's default.
fn from_url(data: &SharedCatalog, model: &Model, code: Option<&str>) -> (Configuration, bool) {
    match code.map(|c| code::decode(data.catalog(), c)) {
        Some(Ok(config)) if &config.model == model.id() => (config, true),
        Some(_) => (model.default_configuration(), false),
        None => (model.default_configuration(), true),
    }
}

/// The configurator of one model.
#[component]
fn Configurator(data: SharedCatalog, model_index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let app = use_app_state();
    let route = use_route();
    let address = use_address();
    let model = data.catalog().models().get(model_index).cloned()?;
    let (url_code, url_quantity) = match route.get_untracked() {
        Route::Configure { code, quantity, .. } => (code, quantity),
        _ => (None, None),
    };
    let (initial, code_ok) = from_url(&data, &model, url_code.as_deref());
    let configuration = RwSignal::new(initial);
    let quantity = RwSignal::new(url_quantity.unwrap_or(Quantity::ONE));
    // A choice waiting in the conflict dialog, with what it would do.
    let pending = RwSignal::new(None::<(Choice, Applied)>);
    let problem = RwSignal::new((!code_ok).then_some(Problem::BadCode));
    let last_change = RwSignal::new(None::<LastChange>);

    let market = Memo::new({
        let data = data.clone();
        move |_| app.market_in(data.catalog())
    });
    let unit = Memo::new({
        let data = data.clone();
        move |_| MoneyUnit::of(data.catalog(), market.get().as_ref(), app.currency.get())
    });
    let availability = Memo::new({
        let model = model.clone();
        move |_| configuration.with(|c| engine::availability(&model, c))
    });
    let quote_of = {
        let data = data.clone();
        move |config: &Configuration| {
            price::quote(
                data.catalog(),
                config,
                quantity.get(),
                &market.get()?,
                app.currency.get(),
            )
            .ok()
        }
    };
    let quote = Memo::new({
        let quote_of = quote_of.clone();
        move |_| configuration.with(|c| quote_of(c))
    });
    let code = Memo::new({
        let data = data.clone();
        move |_| configuration.with(|c| code::encode(data.catalog(), c).ok())
    });

    // The URL and the drafts follow the configuration, a moment after the last change: writing
    // them on every click would cost more than the click itself. What is still waiting is
    // written when the page is hidden or left, so nothing is lost.
    let model_id = model.id().clone();
    let default_code = data.default_code(model.id()).map(str::to_owned);
    let waiting = StoredValue::new_local(None::<(String, Option<String>, Quantity)>);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    // Whether the address has been written once (the first write replaces the opening address).
    let opened = StoredValue::new(false);
    // The address this page last wrote, until the address signal reports it back.
    let written = StoredValue::new(None::<String>);
    let write_draft = {
        let model_id = model_id.clone();
        move |code: &Option<String>, quantity: Quantity| {
            if let Some(code) = code
                && (Some(code) != default_code.as_ref() || quantity > Quantity::ONE)
            {
                drafts::save(&model_id, code, quantity);
            }
        }
    };
    let flush = move |and_url: bool| {
        if let Some(Some(handle)) = timer.try_update_value(Option::take) {
            handle.clear();
        }
        let Some(Some((href, code, quantity))) = waiting.try_update_value(Option::take) else {
            return;
        };
        write_draft(&code, quantity);
        let shown = route.get_untracked();
        if and_url && href != shown.href() {
            // A new configuration is a step back and forward walk through; a new quantity, or
            // the address the page opened with put right, is not.
            let same_configuration =
                matches!(&shown, Route::Configure { code: shown_code, .. } if *shown_code == code);
            let entry = if same_configuration || !opened.get_value() {
                Entry::Replace
            } else {
                Entry::Push
            };
            written.set_value(Some(href.clone()));
            address.navigate(&href, entry, false);
        }
        opened.set_value(true);
    };
    let flush_soon = flush.clone();
    Effect::new(move |before: Option<()>| {
        let (code, quantity) = (code.get(), quantity.get());
        let href = Route::Configure {
            model: model_id.clone(),
            code: code.clone(),
            quantity: Some(quantity),
        }
        .href();
        waiting.set_value(Some((href, code, quantity)));
        // The configuration the page opened with is written at once, as before any click.
        if before.is_none() {
            flush_soon(true);
        } else if timer.with_value(Option::is_none) {
            let flush = flush_soon.clone();
            let handle = set_timeout_with_handle(move || flush(true), PERSIST_DELAY).ok();
            timer.set_value(handle);
        }
    });
    // Back and forward (or a link to another configuration of this model): the address names
    // another configuration than the one shown; show it. The address wins over a change not yet
    // written. An address this page wrote itself is not news.
    Effect::new({
        let data = data.clone();
        let model = model.clone();
        move |_| {
            let shown = route.get();
            let Route::Configure {
                code: url_code,
                quantity: url_quantity,
                ..
            } = &shown
            else {
                return;
            };
            let own = written.try_update_value(Option::take).flatten();
            if own.as_deref() == Some(shown.href().as_str()) || *url_code == code.get_untracked() {
                return;
            }
            if let Some(Some(handle)) = timer.try_update_value(Option::take) {
                handle.clear();
            }
            waiting.set_value(None);
            let (config, ok) = from_url(&data, &model, url_code.as_deref());
            pending.set(None);
            last_change.set(None);
            problem.set((!ok).then_some(Problem::BadCode));
            configuration.set(config);
            if let Some(q) = *url_quantity {
                quantity.set(q);
            }
        }
    });
    let on_hide = {
        let flush = flush.clone();
        window_event_listener(leptos::ev::pagehide, move |_| flush(true))
    };
    let on_hidden = {
        let flush = flush.clone();
        window_event_listener(leptos::ev::visibilitychange, move |_| flush(true))
    };
    // Leaving for another page of the app: keep the draft, the address is already elsewhere.
    let on_leave = StoredValue::new_local(flush);
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
        on_leave.try_with_value(|flush| flush(false));
    });

    let on_choice = Callback::new({
        let model = model.clone();
        move |choice: Choice| {
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
                        LastChange::of(&model, &choice, &applied.changes, before),
                    );
                    configuration.set(applied.configuration);
                }
                Err(error) => problem.set(Some(Problem::Refused(describe_error(
                    &model,
                    &error,
                    lang(),
                )))),
            }
        }
    });
    let price_change = Signal::derive({
        let quote_of = quote_of.clone();
        move || {
            let after =
                pending.with(|p| p.as_ref().and_then(|(_, a)| quote_of(&a.configuration)))?;
            let before = quote.get()?;
            let diff = after.total - before.total;
            Some(format::delta(
                diff,
                after.minor_digits,
                after.currency.as_str(),
                lang(),
            ))
        }
    });
    let on_accept = Callback::new({
        let model = model.clone();
        move |()| {
            if let Some((choice, applied)) = pending.get_untracked() {
                problem.set(None);
                let before = configuration.get_untracked();
                last_change.set(LastChange::of(&model, &choice, &applied.changes, before));
                configuration.set(applied.configuration);
            }
            pending.set(None);
        }
    });
    let on_cancel = Callback::new(move |()| {
        pending.set(None);
    });
    let on_undo = Callback::new(move |before: Configuration| {
        last_change.set(Some(LastChange::Undone));
        configuration.set(before);
    });

    let total_text = move || {
        quote.with(|q| {
            q.as_ref()
                .map(|q| format::money(q.total, q.minor_digits, q.currency.as_str(), lang()))
        })
    };
    let name = model.name().clone();
    Some(view! {
        <h1>{move || name.get(lang()).to_owned()}</h1>
        {move || problem.get().map(|p| view! {
            <p class="problem" role="alert">
                {match p {
                    Problem::BadCode => view! { {t!(i18n, configure.bad_code)} }.into_any(),
                    Problem::Refused(text) => view! { {text} }.into_any(),
                }}
            </p>
        })}
        <div class="configure">
            <OptionPicker
                data=data.clone()
                model_index=model_index
                configuration=configuration
                availability=availability
                unit=unit
                on_choice=on_choice
            />
            <Summary
                data=data.clone()
                model_index=model_index
                configuration=configuration
                quantity=quantity
                quote=quote
                code=code
            />
        </div>
        // On a narrow screen the summary is below the steps: the total stays in sight.
        <p class="mobile-total no-print">
            <span>{t!(i18n, price.total)} " "</span>
            <strong>{total_text}</strong>
            " "
            <a href="#summary" target="_self">{t!(i18n, summary.title)}</a>
        </p>
        <ChangeNotice data=data.clone() model_index=model_index last=last_change on_undo=on_undo />
        <ConflictDialog
            data=data
            model_index=model_index
            pending=Signal::derive(move || pending.with(|p| p.as_ref().map(|(_, a)| a.clone())))
            price_change=price_change
            on_accept=on_accept
            on_cancel=on_cancel
        />
    })
}

/// Sets `signal` only when `value` differs: an equal value would still wake every reader, and a
/// click should wake no more than it changes.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|now| *now != value) {
        signal.set(value);
    }
}

/// Something to tell about the configuration.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// The URL's code does not decode for this model: the default is shown instead.
    BadCode,
    /// A choice the rules do not allow, with the reasons in words.
    Refused(String),
}

fn describe_error(
    model: &Model,
    error: &engine::ApplyError,
    lang: configurator_domain::Lang,
) -> String {
    match error {
        engine::ApplyError::Impossible { reasons, .. } => reasons
            .iter()
            .map(|r| r.describe(model, lang))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
