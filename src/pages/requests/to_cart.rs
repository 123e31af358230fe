//! "To cart": a request's configuration and quantity become a line of the dealer's cart in one
//! click, the way the configure page adds one (the same configuration already in the cart offers
//! to add the quantity to its line), with a link to the cart.

use configurator_domain::{ModelId, Quantity};
use leptos::prelude::*;

use crate::{
    cart::CartLine,
    i18n::{tr, use_i18n},
    pages::configure::add_to_cart::{AddedMessage, AddedNote, add_line, raise_line},
};

/// The button that adds a request to `dealer`'s cart, and what adding did.
#[component]
pub fn ToCart(
    /// The signed-in dealer, whose cart this is.
    dealer: String,
    /// The requested model.
    model: ModelId,
    /// The requested configuration code.
    code: String,
    /// The requested vehicles.
    quantity: Quantity,
) -> impl IntoView {
    let i18n = use_i18n();
    let dealer = StoredValue::new(dealer);
    let note = RwSignal::new(None::<AddedNote>);
    let add = move |_| {
        let line = CartLine {
            model: model.clone(),
            code: code.clone(),
            quantity,
        };
        note.set(Some(dealer.with_value(|dealer| add_line(dealer, line))));
    };
    let raise = Callback::new(move |index: usize| {
        dealer.with_value(|dealer| raise_line(dealer, index, quantity));
        note.set(Some(AddedNote::Added));
    });
    view! {
        <button type="button" class="to-cart" on:click=add>{tr!(i18n, requests.to_cart)}</button>
        <p class="request-note" role="status">
            {move || note.get().map(|note| view! { <AddedMessage note=note on_raise=raise /> })}
        </p>
    }
}
