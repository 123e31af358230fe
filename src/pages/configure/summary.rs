//! The configuration summary: the drawing in the chosen paint, the quantity (with the fleet
//! discount tier it reaches), the earliest build month for that quantity (from the server), the
//! price breakdown, the spec sheet and the share link. Printed, it is a one-page quote.

use configurator_domain::{Configuration, Quantity, price::Quote};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use crate::{
    api,
    components::{
        compare_pick::ComparePick,
        drawing::{Drawing, paint_color},
    },
    i18n::{in_lang, t, t_string, tr, use_i18n, use_lang},
    labels,
    pages::configure::{add_to_cart::AddToCart, price_panel::PricePanel, spec_sheet::SpecSheet},
    route::Route,
    state::{SharedCatalog, use_app_state},
};

/// The summary of one model's configuration.
#[component]
pub fn Summary(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
    /// The configuration.
    #[prop(into)]
    configuration: Signal<Configuration>,
    /// Units; the user sets it here.
    quantity: RwSignal<Quantity>,
    /// Whether the quantity field holds a valid quantity.
    quantity_ok: RwSignal<bool>,
    /// The quote of the configuration and quantity.
    #[prop(into)]
    quote: Signal<Option<Quote>>,
    /// The configuration's code.
    #[prop(into)]
    code: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = data.catalog().models().get(model_index).cloned()?;
    let model_id = m.id().clone();
    let body = m.body();
    let spec_model = m.clone();
    let color = Signal::derive({
        let m = m.clone();
        move || configuration.with(|c| paint_color(&m, c))
    });
    let name = m.name().clone();
    let label = Signal::derive(in_lang(name));
    let origin = window().location().origin().unwrap_or_default();
    let share = Memo::new(move |_| {
        let path = Route::Configure {
            model: m.id().clone(),
            code: code.get(),
            quantity: Some(quantity.get()),
            cart_line: None,
        }
        .href();
        format!("{origin}{path}")
    });
    // Whether the last copy worked; cleared when the link changes.
    let copied = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        share.track();
        if copied.get_untracked().is_some() {
            copied.set(None);
        }
    });
    Some(view! {
        <aside class="summary" id="summary" aria-label=tr!(i18n, summary.title)>
            <PrintHeader code=code />
            <Drawing body=body color=color label=label />
            <QuantityInput data=data.clone() quantity=quantity quantity_ok=quantity_ok />
            <AddToCart model=model_id code=code quantity=quantity quantity_ok=quantity_ok />
            <ComparePick code=code />
            <BuildMonth code=code quantity=quantity quantity_ok=quantity_ok />
            <PricePanel data=data quote=quote waiting=move || !quantity_ok.get() />
            <SpecSheet model=spec_model configuration=configuration />
            <div class="share">
                <label for="share-link">{tr!(i18n, summary.share)}</label>
                <input id="share-link" type="text" readonly prop:value=move || share.get() on:focus=|ev| {
                    event_target::<web_sys::HtmlInputElement>(&ev).select();
                } />
                <p class="share-actions no-print">
                    <button type="button" on:click=move |_| copy_link(share.get_untracked(), copied)>
                        {tr!(i18n, summary.copy)}
                    </button>
                    " "
                    <a href=move || share.get()>{tr!(i18n, summary.open_link)}</a>
                    " "
                    <button type="button" on:click=|_| { let _ = window().print(); }>{tr!(i18n, summary.print)}</button>
                </p>
                <p class="copied no-print" role="status">
                    {move || copied.get().map(|ok| if ok {
                        tr!(i18n, summary.copied)
                    } else {
                        tr!(i18n, summary.copy_failed)
                    })}
                </p>
            </div>
        </aside>
    })
}

/// Copies `link` to the clipboard and says whether that worked; where the browser cannot (no
/// clipboard outside a secure context, or permission refused) the link is selected instead, for
/// Ctrl+C.
fn copy_link(link: String, copied: RwSignal<Option<bool>>) {
    let navigator = window().navigator();
    let select_instead = move || {
        copied.set(Some(false));
        if let Some(input) = document()
            .get_element_by_id("share-link")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = input.focus();
            input.select();
        }
    };
    if !js_sys::Reflect::has(&navigator, &"clipboard".into()).unwrap_or(false) {
        select_instead();
        return;
    }
    let written = navigator.clipboard().write_text(&link);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(written).await {
            Ok(_) => copied.set(Some(true)),
            Err(_) => select_instead(),
        }
    });
}

/// The quantity, with the fleet discount tier it reaches and the next one. Typed text that is not
/// a quantity (`0`, `1000`, `-5`, `2.5`) stays as typed, marked invalid with the allowed range,
/// and `quantity_ok` turns false until it is fixed. Arrow keys step the quantity.
#[component]
pub fn QuantityInput(
    /// The catalog, for the fleet discount tiers.
    data: SharedCatalog,
    /// Units: the last valid quantity typed.
    quantity: RwSignal<Quantity>,
    /// Whether the field holds a valid quantity.
    quantity_ok: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let tiers: Vec<(u16, u32)> = data
        .catalog()
        .fleet_discounts()
        .iter()
        .map(|t| (t.min_quantity.get(), t.basis_points))
        .collect();
    let hint = move || {
        let q = quantity.get().get();
        let next = tiers.iter().find(|(min, _)| *min > q).copied();
        next.filter(|_| quantity_ok.get()).map(|(min, bp)| {
            view! { {t!(i18n, summary.next_tier, count = min - q, percent = crate::format::percent(bp, lang()))} }
        })
    };
    let typed = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse() {
        Ok(q) => {
            quantity.set(q);
            quantity_ok.set(true);
        }
        Err(_) => quantity_ok.set(false),
    };
    let step = move |ev: leptos::ev::KeyboardEvent| {
        let by: i32 = match ev.key().as_str() {
            "ArrowUp" => 1,
            "ArrowDown" => -1,
            _ => return,
        };
        ev.prevent_default();
        let next = i32::from(quantity.get_untracked().get()) + by;
        if let Ok(q) = Quantity::try_from(u32::try_from(next).unwrap_or(0)) {
            quantity.set(q);
            quantity_ok.set(true);
        }
    };
    view! {
        <div class="quantity">
            <label for="quantity">{tr!(i18n, summary.quantity)}</label>
            // The input is not printed; its value is.
            <span class="print-only">{move || quantity.get().get()}</span>
            // Text, not `type="number"`: a number field reports "2." as empty and loses what was
            // typed; this one keeps it, and says what is wrong with it.
            <input
                id="quantity"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                size="4"
                aria-invalid=move || if quantity_ok.get() { "false" } else { "true" }
                aria-describedby="quantity-error"
                prop:value=move || quantity.get().to_string()
                on:input=typed
                on:keydown=step
            />
            <p id="quantity-error" class="field-error" role="alert">
                {move || (!quantity_ok.get()).then(|| view! { {t!(i18n, summary.quantity_invalid, max = Quantity::MAX)} })}
            </p>
            <p class="tier-hint">{hint}</p>
        </div>
    }
}

/// How long the build month waits after a change before asking the server.
const ASK_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// The earliest build month for the quantity, from the server; "unavailable" when it cannot say.
#[component]
fn BuildMonth(
    code: Signal<Option<String>>,
    quantity: RwSignal<Quantity>,
    quantity_ok: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Asked a moment after the last change, not once per click: a burst of clicks is one request,
    // and no answer lands in the middle of the next click.
    let asked = RwSignal::new((code.get_untracked(), quantity.get_untracked()));
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |before: Option<()>| {
        let now = (code.get(), quantity.get());
        if before.is_none() {
            return;
        }
        if let Some(Some(handle)) = timer.try_update_value(Option::take) {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                asked.try_set(now);
            },
            ASK_DELAY,
        )
        .ok();
        timer.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = timer.try_update_value(Option::take) {
            handle.clear();
        }
    });
    let answer = LocalResource::new(move || {
        let (code, quantity) = asked.get();
        async move {
            match code {
                Some(code) => api::availability(&code, quantity).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <p class="build-month" aria-live="polite">
            <span>{tr!(i18n, summary.build_month)} " "</span>
            <strong>
                {move || match answer.get() {
                    _ if !quantity_ok.get() => "—".to_owned(),
                    None => t_string!(i18n, common.loading).to_owned(),
                    Some(Ok(Some(a))) if a.first == a.last => labels::month_name(i18n.get_locale(), a.first),
                    Some(Ok(Some(a))) => format!(
                        "{} – {}",
                        labels::month_name(i18n.get_locale(), a.first),
                        labels::month_name(i18n.get_locale(), a.last)
                    ),
                    Some(_) => t_string!(i18n, common.unavailable).to_owned(),
                }}
            </strong>
        </p>
    }
}

/// The header of the printed quote: dealer, date, validity and code.
#[component]
fn PrintHeader(code: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let today = js_sys::Date::new_0();
    let date = |d: &js_sys::Date| {
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    };
    let valid = js_sys::Date::new_0();
    valid.set_date(valid.get_date() + 30);
    let (today, valid) = (date(&today), date(&valid));
    // The signed-in dealer's dealership; a line to fill in by hand otherwise.
    let app = use_app_state();
    let dealer = move || {
        app.account
            .with(|a| a.as_ref().and_then(|a| a.dealership.clone()))
    };
    view! {
        <div class="print-only print-header">
            <p class="print-title">{tr!(i18n, print.title)}</p>
            <dl>
                <dt>{tr!(i18n, print.dealer)}</dt>
                {move || match dealer() {
                    Some(name) => view! { <dd>{name}</dd> }.into_any(),
                    None => view! { <dd class="blank">" "</dd> }.into_any(),
                }}
                <dt>{tr!(i18n, print.date)}</dt>
                <dd>{today}</dd>
                <dt>{tr!(i18n, print.valid_until)}</dt>
                <dd>{valid}</dd>
                <dt>{tr!(i18n, print.code)}</dt>
                <dd><code>{move || code.get().unwrap_or_default()}</code></dd>
            </dl>
        </div>
    }
}
