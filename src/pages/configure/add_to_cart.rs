//! "Add to cart" on the configure page, for a signed-in dealer: the configuration and quantity on
//! the page become a cart line; the same configuration again offers to add the quantity to its
//! line instead. A configuration opened from a cart line (`&line=CODE`) also offers to update
//! that line in place, and goes back to the cart. Adding a line and telling the dealer what it did
//! are shared with the quote requests page, whose requests become cart lines the same way.

use configurator_domain::{ModelId, Quantity, api::Role};
use leptos::prelude::*;

use crate::{
    cart::{Added, Cart, CartLine},
    i18n::{tr, use_i18n},
    navigation::{Entry, use_address, use_route},
    route::Route,
    state::use_app_state,
};

/// What adding to the cart did, to tell the dealer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddedNote {
    /// A new line.
    Added,
    /// The same configuration was already the line at this index.
    Already(usize),
    /// The line to update is no longer in the cart (ordered or removed meanwhile).
    Gone,
}

/// Adds `line` to `dealer`'s stored cart, unless its configuration is already there.
pub fn add_line(dealer: &str, line: CartLine) -> AddedNote {
    let mut cart = Cart::load(dealer);
    let added = cart.add(line);
    cart.save(dealer);
    match added {
        Added::New(_) => AddedNote::Added,
        Added::Already(index) => AddedNote::Already(index),
    }
}

/// Adds `more` units to the line at `index` of `dealer`'s stored cart.
pub fn raise_line(dealer: &str, index: usize, more: Quantity) {
    let mut cart = Cart::load(dealer);
    cart.raise(index, more);
    cart.save(dealer);
}

/// What adding to the cart did: a link to the cart, or the offer to add the quantity to the line
/// that already has the configuration.
#[component]
pub fn AddedMessage(
    /// What adding did.
    note: AddedNote,
    /// Adds the quantity to the line at this index.
    on_raise: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    match note {
        AddedNote::Added => view! {
            {tr!(i18n, cart.added)} " " <a href=Route::Cart.href()>{tr!(i18n, cart.title)}</a>
        }
        .into_any(),
        AddedNote::Already(index) => view! {
            {tr!(i18n, cart.already)} " "
            <button type="button" on:click=move |_| on_raise.run(index)>{tr!(i18n, cart.raise)}</button>
        }
        .into_any(),
        AddedNote::Gone => view! { {tr!(i18n, cart.line_gone)} }.into_any(),
    }
}

/// "Add to cart" and, for a configuration opened from the cart, "Update the cart line".
#[component]
pub fn AddToCart(
    model: ModelId,
    code: Signal<Option<String>>,
    quantity: RwSignal<Quantity>,
    quantity_ok: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    let dealer = Memo::new(move |_| {
        app.account
            .get()
            .filter(|a| a.role == Role::Dealer)
            .map(|a| a.username)
    });
    let note = RwSignal::new(None::<AddedNote>);
    // A change of the configuration or quantity makes the note stale.
    Effect::new(move |_| {
        code.track();
        quantity.track();
        note.set(None);
    });
    let add = {
        let model = model.clone();
        move |_| {
            let (Some(dealer), Some(code)) = (dealer.get_untracked(), code.get_untracked()) else {
                return;
            };
            let line = CartLine {
                model: model.clone(),
                code,
                quantity: quantity.get_untracked(),
            };
            note.set(Some(add_line(&dealer, line)));
        }
    };
    let raise = move |index: usize| {
        if let Some(dealer) = dealer.get_untracked() {
            raise_line(&dealer, index, quantity.get_untracked());
            note.set(Some(AddedNote::Added));
        }
    };
    // The cart line this configuration was opened from, if any.
    let edited = match use_route().get_untracked() {
        Route::Configure { cart_line, .. } => cart_line,
        _ => None,
    };
    let address = use_address();
    let update = {
        let model = model.clone();
        let edited = edited.clone();
        move |_| {
            let (Some(dealer), Some(code), Some(edited)) = (
                dealer.get_untracked(),
                code.get_untracked(),
                edited.as_deref(),
            ) else {
                return;
            };
            let mut cart = Cart::load(&dealer);
            let line = CartLine {
                model: model.clone(),
                code,
                quantity: quantity.get_untracked(),
            };
            if cart.update(edited, line).is_some() {
                cart.save(&dealer);
                address.navigate(&Route::Cart.href(), Entry::Push, true);
            } else {
                note.set(Some(AddedNote::Gone));
            }
        }
    };
    move || {
        dealer.get().map(|dealer| {
            let in_cart = edited
                .as_ref()
                .is_some_and(|c| Cart::load(&dealer).lines.iter().any(|l| l.code == *c));
            let blocked = move || !quantity_ok.get() || code.get().is_none();
            view! {
                <p class="add-to-cart no-print">
                    {in_cart.then(|| view! {
                        <button type="button" class="primary" disabled=blocked on:click=update.clone()>
                            {tr!(i18n, cart.update)}
                        </button>
                        " "
                    })}
                    <button type="button" class:primary=!in_cart disabled=blocked on:click=add.clone()>
                        {tr!(i18n, cart.add)}
                    </button>
                    <span role="status">
                        {move || note.get().map(|n| view! { <AddedMessage note=n on_raise=Callback::new(raise) /> })}
                    </span>
                </p>
            }
        })
    }
}
