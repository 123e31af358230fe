//! The cart page (`/cart`, dealers): the signed-in dealer's configured lines with their drawing,
//! name, quantity, fleet tier, prices and build months; the price is the server's quote, and a
//! browser figure that differs from it is shown as an error. Submitting hands the order to the
//! outbox, whose state (waiting for the network, placed, rejected) is shown here. A line can be
//! added to the comparison from here.

use configurator_domain::{
    Catalog, Configuration, MarketId, Quantity,
    api::{LineRequest, OrderRequest, QuoteRequest, Role},
    code,
    price::{self, OrderQuote},
};
use leptos::prelude::*;

use crate::{
    api,
    cart::{Cart, CartLine},
    components::{
        compare_pick::ComparePick,
        drawing::{Drawing, paint_color},
    },
    format,
    i18n::{t, td_string, tr, use_i18n, use_lang},
    labels,
    outbox::{Delivery, use_outbox_context},
    route::Route,
    state::{SharedCatalog, use_app_state},
};

mod outbox_view;

use outbox_view::OutboxState;

/// The page: the cart of the signed-in dealer, or why there is none.
#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let route = Route::Cart;
    view! {
        <h1>{tr!(i18n, cart.title)}</h1>
        {move || match (app.account.get(), app.data()) {
            (None, _) => view! {
                <p class="notice" role="status">
                    {tr!(i18n, cart.signed_out)} " "
                    <a href=route.sign_in_from().href()>{tr!(i18n, account.sign_in)}</a>
                </p>
            }
            .into_any(),
            (Some(account), _) if account.role != Role::Dealer => {
                view! { <p class="notice" role="status">{tr!(i18n, cart.dealers_only)}</p> }.into_any()
            }
            (Some(_), None) => view! { <p role="status">{tr!(i18n, common.loading)}</p> }.into_any(),
            (Some(account), Some(data)) => {
                view! { <DealerCart dealer=account.username data=data /> }.into_any()
            }
        }}
    }
}

/// One dealer's cart.
#[component]
fn DealerCart(dealer: String, data: SharedCatalog) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let app = use_app_state();
    let outbox = use_outbox_context();
    let cart = RwSignal::new(Cart::load(&dealer));
    let market = Memo::new({
        let data = data.clone();
        move |_| app.market_in(data.catalog())
    });
    // The dealer's submissions; a placed order empties the stored cart, so read it again then.
    let submissions = Memo::new({
        let dealer = dealer.clone();
        move |_| outbox.of(&dealer)
    });
    Effect::new({
        let dealer = dealer.clone();
        move |_| {
            submissions.track();
            cart.set(Cart::load(&dealer));
        }
    });
    let waiting = Memo::new(move |_| submissions.with(|s| s.iter().any(|s| s.is_waiting())));
    let owner = StoredValue::new(dealer.clone());
    let save = move |change: &dyn Fn(&mut Cart)| {
        cart.update(|c| change(c));
        cart.with_untracked(|c| owner.with_value(|dealer| c.save(dealer)));
    };
    // The server's quote of the whole cart, asked again when the cart, market or currency change.
    let asking = Memo::new(move |_| {
        let lines = cart.with(line_requests);
        (!lines.is_empty()).then_some(QuoteRequest {
            market: market.get()?,
            currency: app.currency.get(),
            lines,
        })
    });
    let answered = LocalResource::new(move || {
        let request = asking.get();
        async move {
            let request = request?;
            let answer = api::quote(&request).await;
            Some((request, answer))
        }
    });
    // The answer to the cart as it is now: while a changed cart is asked again, the answer to the
    // cart before is not its quote (and no difference from the browser's figure).
    let server_quote = Signal::derive(move || {
        answered
            .get()
            .flatten()
            .filter(|(asked, _)| asking.with(|now| now.as_ref() == Some(asked)))
            .map(|(_, answer)| answer)
    });
    let own_quote = Memo::new({
        let data = data.clone();
        move |_| {
            let market = market.get()?;
            cart.with(|c| browser_quote(data.catalog(), c, &market, app.currency.get()))
        }
    });
    let disagree = move || match (server_quote.get(), own_quote.get()) {
        (Some(Ok(server)), Some(own)) => server.total != own.total,
        _ => false,
    };
    let rejected_fields = Memo::new(move |_| {
        submissions.with(|all| {
            all.iter().rev().find_map(|s| match &s.delivery {
                Delivery::Rejected { fields, .. } => Some(fields.clone()),
                _ => None,
            })
        })
    });
    let submit = {
        let dealer = dealer.clone();
        move |_| {
            let Some(market) = market.get_untracked() else {
                return;
            };
            let lines = cart.with_untracked(line_requests);
            if !lines.is_empty() {
                outbox.submit(&dealer, OrderRequest { market, lines });
            }
        }
    };
    let shown = move |minor: i64, q: &OrderQuote| {
        format::money(minor, q.minor_digits, q.currency.as_str(), lang())
    };
    view! {
        <p class="cart-market">
            {let data = data.clone(); move || market.get().and_then(|m| {
                let catalog = data.catalog();
                let name = catalog.market(&m)?.name.get(lang()).to_owned();
                let currency = format::MoneyUnit::of(catalog, Some(&m), app.currency.get()).code;
                Some(view! { {tr!(i18n, cart.market)} " " <strong>{name}</strong> " · " {currency} })
            })}
        </p>
        <OutboxState submissions=submissions on_dismiss=move |key: String| outbox.dismiss(&key) />
        {move || cart.with(|c| c.lines.is_empty()).then(|| view! {
            <p class="empty">{tr!(i18n, cart.empty)} " " <a href=Route::home().href()>{tr!(i18n, cart.browse)}</a></p>
        })}
        <ul class="cart-lines">
            <For
                each=move || cart.with(|c| c.lines.iter().cloned().enumerate().collect::<Vec<_>>())
                key=|(index, line)| (*index, line.code.clone(), line.quantity.get())
                children={
                    let data = data.clone();
                    move |(index, line)| {
                        let errors = Signal::derive(move || {
                            rejected_fields.with(|f| {
                                f.as_ref().map(|f| {
                                    f.iter()
                                        .filter(|(k, _)| k.starts_with(&format!("lines[{index}]")))
                                        .flat_map(|(_, v)| v.clone())
                                        .collect::<Vec<_>>()
                                }).unwrap_or_default()
                            })
                        });
                        let quote = Signal::derive(move || {
                            server_quote.get().and_then(Result::ok).and_then(|q| {
                                let line = q.lines.get(index)?.clone();
                                Some((line, q))
                            })
                        });
                        view! {
                            <CartRow
                                data=data.clone()
                                index=index
                                line=line
                                locked=waiting
                                errors=errors
                                quote=quote
                                on_quantity=move |q: Quantity| save(&|c: &mut Cart| if let Some(l) = c.lines.get_mut(index) { l.quantity = q })
                                on_remove=move || save(&|c: &mut Cart| { c.lines.remove(index); })
                            />
                        }
                    }
                }
            />
        </ul>
        {move || server_quote.get().map(|answer| match answer {
            Ok(q) => view! {
                <p class="cart-total">
                    {tr!(i18n, price.total)} " " <strong data-total="">{shown(q.total, &q)}</strong>
                </p>
            }
            .into_any(),
            Err(error) => view! {
                <p class="problem" role="alert">{tr!(i18n, cart.quote_failed)} " " {error.to_string()}</p>
            }
            .into_any(),
        })}
        {move || disagree().then(|| view! {
            <p class="problem" role="alert">{tr!(i18n, cart.prices_differ)}</p>
        })}
        <p class="cart-actions">
            <button
                type="button"
                class="primary"
                on:click=submit
                disabled=move || waiting.get() || cart.with(|c| c.lines.is_empty()) || market.get().is_none()
            >
                {tr!(i18n, cart.submit)}
            </button>
        </p>
    }
}

/// One line of the cart.
#[component]
fn CartRow(
    data: SharedCatalog,
    /// The line's place in the cart.
    index: usize,
    line: CartLine,
    /// Whether the cart is being submitted (no edits meanwhile).
    locked: Memo<bool>,
    /// The server's reasons against this line, from a rejected submission.
    errors: Signal<Vec<String>>,
    /// The server's quote of this line, with the whole cart's quote for its currency.
    quote: Signal<Option<(price::Quote, OrderQuote)>>,
    on_quantity: impl Fn(Quantity) + 'static,
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let catalog = data.catalog();
    let model = catalog.model(&line.model).cloned();
    let decoded: Option<Configuration> = code::decode(catalog, &line.code).ok();
    let Some(model) = model else {
        return view! { <li class="cart-line stale">{tr!(i18n, cart.unknown_model)} " " {line.model.to_string()}</li> }.into_any();
    };
    let name = model.name().get(lang()).to_owned();
    let Some(config) = decoded else {
        // A code from an older catalog: flagged, with the fix of starting from the default.
        let fix = Route::Configure {
            model: model.id().clone(),
            code: None,
            quantity: Some(line.quantity),
            cart_line: Some(line.code.clone()),
        };
        return view! {
            <li class="cart-line stale">
                <strong>{name}</strong>
                <p class="problem" role="alert">{tr!(i18n, cart.stale)} " " <a href=fix.href()>{tr!(i18n, cart.stale_fix)}</a></p>
                <button type="button" on:click=move |_| on_remove()>{tr!(i18n, cart.remove)}</button>
            </li>
        }
        .into_any();
    };
    let color = paint_color(&model, &config);
    let summary = [
        model
            .trim(&config.trim)
            .map(|t| t.name.get(lang()).to_owned()),
        model
            .powertrain(&config.powertrain)
            .map(|p| p.name.get(lang()).to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let open = Route::Configure {
        model: model.id().clone(),
        code: Some(line.code.clone()),
        quantity: Some(line.quantity),
        cart_line: Some(line.code.clone()),
    };
    let input_id = format!("cart-quantity-{index}");
    let ok = RwSignal::new(true);
    let months = LocalResource::new({
        let code = line.code.clone();
        let quantity = line.quantity;
        move || {
            let code = code.clone();
            async move { api::availability(&code, quantity).await.ok() }
        }
    });
    view! {
        <li class="cart-line">
            <div class="cart-drawing"><Drawing body=model.body() color=color label=name.clone() /></div>
            <div class="cart-what">
                <strong>{name}</strong>
                <span class="cart-summary">{summary}</span>
                <span class="build-month">
                    {tr!(i18n, summary.build_month)} " "
                    {move || months.get().flatten().map(|a| if a.first == a.last {
                        labels::month_name(i18n.get_locale(), a.first)
                    } else {
                        format!("{} – {}", labels::month_name(i18n.get_locale(), a.first), labels::month_name(i18n.get_locale(), a.last))
                    })}
                </span>
            </div>
            <div class="cart-quantity">
                <label for=input_id.clone()>{tr!(i18n, summary.quantity)}</label>
                <input
                    id=input_id
                    type="text"
                    inputmode="numeric"
                    size="4"
                    value=line.quantity.to_string()
                    disabled=move || locked.get()
                    aria-invalid=move || if ok.get() { "false" } else { "true" }
                    on:change=move |ev| {
                        match event_target_value(&ev).trim().parse::<Quantity>() {
                            Ok(q) => {
                                ok.set(true);
                                on_quantity(q);
                            }
                            Err(_) => ok.set(false),
                        }
                    }
                />
                <span class="field-error" role="alert">
                    {move || (!ok.get()).then(|| view! { {t!(i18n, summary.quantity_invalid, max = Quantity::MAX)} })}
                </span>
            </div>
            <div class="cart-price">
                {move || quote.get().map(|(line, q)| {
                    let tier = line.discount.map(|d| format!(
                        "{} {}",
                        td_string!(i18n.get_locale(), price.fleet_discount),
                        format::percent(d.basis_points, lang())
                    ));
                    view! {
                        <span class="num">{format::money(line.total, q.minor_digits, q.currency.as_str(), lang())}</span>
                        {tier.map(|t| view! { <span class="tier">{t}</span> })}
                    }
                })}
            </div>
            <ul class="field-errors">
                {move || errors.get().into_iter().map(|e| view! { <li class="problem" role="alert">{e}</li> }).collect_view()}
            </ul>
            <p class="cart-line-actions">
                <a href=open.href()>{tr!(i18n, cart.open)}</a>
                " "
                <button type="button" disabled=move || locked.get() on:click=move |_| on_remove()>{tr!(i18n, cart.remove)}</button>
            </p>
            <ComparePick code=Signal::stored(Some(line.code.clone())) />
        </li>
    }
    .into_any()
}

/// The cart's lines as the API takes them.
fn line_requests(cart: &Cart) -> Vec<LineRequest> {
    cart.lines
        .iter()
        .map(|l| LineRequest {
            code: l.code.clone(),
            quantity: u32::from(l.quantity),
        })
        .collect()
}

/// The browser's own figure for the whole cart, to hold against the server's; `None` when a line
/// cannot be priced here (a stale code).
fn browser_quote(
    catalog: &Catalog,
    cart: &Cart,
    market: &MarketId,
    currency: price::Currency,
) -> Option<OrderQuote> {
    let lines = cart
        .lines
        .iter()
        .map(|l| Some((code::decode(catalog, &l.code).ok()?, l.quantity)))
        .collect::<Option<Vec<_>>>()?;
    price::quote_order(catalog, &lines, market, currency).ok()
}
