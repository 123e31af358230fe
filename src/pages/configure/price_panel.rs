//! The price breakdown of a quote, line by line exactly as the server's quote has them: base,
//! trim, powertrain, options, included options at no cost; then the fleet discount, VAT and the
//! total, with the exchange rate and its date. Amounts use tabular figures in fixed columns so
//! that nothing moves when prices change.

use configurator_domain::{
    Catalog, Lang,
    price::{LineKind, Quote},
};
use leptos::prelude::*;

use crate::{
    format,
    i18n::{Locale, td_string, tr, use_i18n, use_lang},
    state::SharedCatalog,
};

/// The breakdown of `quote`, or why there is none.
#[component]
pub fn PricePanel(
    /// The catalog, for names.
    data: SharedCatalog,
    /// The quote of the current configuration and quantity.
    #[prop(into)]
    quote: Signal<Option<Quote>>,
    /// Whether the quantity is being corrected: the panel waits instead of showing a price.
    #[prop(optional, into)]
    waiting: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let catalog = data.clone();
    // One breakdown, compared with the last: a click changes a few cells, and only those are
    // written to the page.
    let rows = Memo::new(move |_| {
        let locale = i18n.get_locale();
        quote
            .get()
            .map(|q| breakdown(catalog.catalog(), &q, lang(), locale))
    });
    let priced = Memo::new(move |_| rows.with(Option::is_some));
    let sample = data.catalog().is_sample_data();
    view! {
        <section class="price-panel" aria-labelledby="price-title">
            <h2 id="price-title">{tr!(i18n, price.title)}</h2>
            {move || if priced.get() {
                view! { <PriceTable breakdown=rows /> }.into_any()
            } else if waiting.get() {
                view! { <p class="price-missing" role="status">{tr!(i18n, price.waiting)}</p> }.into_any()
            } else {
                view! { <p class="price-missing" role="status">{tr!(i18n, price.none)}</p> }.into_any()
            }}
            {sample.then(|| view! { <p class="fine-print">{tr!(i18n, price.sample)}</p> })}
        </section>
    }
}

/// A quote turned into rows of text.
#[derive(Debug, Clone, PartialEq)]
struct Breakdown {
    quantity: u16,
    lines: Vec<(String, String, String)>,
    gross: String,
    discount: Option<(String, String)>,
    vat: (String, String),
    total: String,
    rate: Option<String>,
    version: String,
}

fn breakdown(catalog: &Catalog, q: &Quote, lang: Lang, locale: Locale) -> Breakdown {
    let show = |minor: i64| format::money(minor, q.minor_digits, q.currency.as_str(), lang);
    let model = catalog.model(&q.configuration.model);
    let name = |kind: &LineKind| -> String {
        let Some(m) = model else {
            return String::new();
        };
        match kind {
            LineKind::Base(_) => m.name().get(lang).to_owned(),
            LineKind::Trim(id) => m.trim(id).map_or_else(String::new, |t| {
                format!("{} {}", td_string!(locale, price.trim), t.name.get(lang))
            }),
            LineKind::Powertrain(id) => m
                .powertrain(id)
                .map_or_else(String::new, |p| p.name.get(lang).to_owned()),
            LineKind::Option(id) => m
                .option(id)
                .map_or_else(String::new, |o| o.name.get(lang).to_owned()),
            LineKind::Included { option, package } => {
                let o = m.option(option).map_or("", |o| o.name.get(lang));
                let p = m.option(package).map_or("", |o| o.name.get(lang));
                format!("{o} ({} {p})", td_string!(locale, price.included_in))
            }
        }
    };
    Breakdown {
        quantity: q.quantity.get(),
        lines: q
            .lines
            .iter()
            // A line at no cost has no per-unit figure to read.
            .map(|l| {
                let unit = if l.unit == 0 {
                    String::new()
                } else {
                    show(l.unit)
                };
                (name(&l.kind), unit, show(l.amount))
            })
            .collect(),
        gross: show(q.gross),
        discount: q.discount.map(|d| {
            (
                format!(
                    "{} {} ({} {})",
                    td_string!(locale, price.fleet_discount),
                    format::percent(d.basis_points, lang),
                    td_string!(locale, price.from_units),
                    d.min_quantity.get()
                ),
                show(d.amount),
            )
        }),
        vat: (
            format!(
                "{} {}",
                td_string!(locale, price.vat),
                format::percent(q.vat_basis_points, lang)
            ),
            show(q.vat),
        ),
        total: show(q.total),
        rate: q.exchange.as_ref().map(|x| {
            format!(
                "{} · {} {}",
                format::rate(x.per_usd, q.currency.as_str(), lang),
                td_string!(locale, price.rate_of),
                x.effective
            )
        }),
        version: q.catalog_version.clone(),
    }
}

/// The table of a breakdown, updated cell by cell.
#[component]
fn PriceTable(breakdown: Memo<Option<Breakdown>>) -> impl IntoView {
    let i18n = use_i18n();
    let part = move |f: fn(&Breakdown) -> String| {
        move || breakdown.with(|b| b.as_ref().map(f).unwrap_or_default())
    };
    let many = Memo::new(move |_| breakdown.with(|b| b.as_ref().is_some_and(|b| b.quantity > 1)));
    let span = move || if many.get() { "2" } else { "1" };
    let lines = move || breakdown.with(|b| b.as_ref().map(|b| b.lines.clone()).unwrap_or_default());
    let discount =
        Memo::new(move |_| breakdown.with(|b| b.as_ref().and_then(|b| b.discount.clone())));
    view! {
        <table class="price-table">
            <caption class="visually-hidden">{tr!(i18n, price.title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr!(i18n, price.item)}</th>
                    {move || many.get().then(|| view! { <th scope="col" class="num">{tr!(i18n, price.unit)}</th> })}
                    <th scope="col" class="num">{tr!(i18n, price.amount)}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=lines
                    key=|line| line.clone()
                    children=move |(name, unit, amount)| view! {
                        <tr>
                            <td>{name}</td>
                            {move || many.get().then(|| view! {
                                <td class="num unit" data-label=td_string!(i18n.get_locale(), price.unit)>{unit.clone()}</td>
                            })}
                            <td class="num">{amount}</td>
                        </tr>
                    }
                />
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan=span>
                        {tr!(i18n, price.gross)}
                        {move || breakdown.with(|b| b.as_ref().filter(|b| b.quantity > 1).map(|b| format!(" × {}", b.quantity)))}
                    </th>
                    <td class="num">{part(|b| b.gross.clone())}</td>
                </tr>
                {move || discount.get().map(|(label, amount)| view! {
                    <tr class="discount">
                        <th scope="row" colspan=span>{label}</th>
                        <td class="num">{amount}</td>
                    </tr>
                })}
                <tr>
                    <th scope="row" colspan=span>{part(|b| b.vat.0.clone())}</th>
                    <td class="num">{part(|b| b.vat.1.clone())}</td>
                </tr>
                <tr class="total">
                    <th scope="row" colspan=span>{tr!(i18n, price.total)}</th>
                    <td class="num" data-total="">{part(|b| b.total.clone())}</td>
                </tr>
            </tfoot>
        </table>
        <p class="fine-print">
            {move || breakdown.with(|b| b.as_ref().and_then(|b| b.rate.clone())).unwrap_or_else(|| td_string!(i18n.get_locale(), price.in_usd).to_owned())}
            " · " {tr!(i18n, price.catalog)} " " {part(|b| b.version.clone())}
        </p>
    }
}
