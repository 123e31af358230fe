//! One quote request as a row of the table: when and through which partner it came, who sent it
//! and how to reach them, what they asked for at what price, its status and "To cart". On a narrow
//! screen each row is a card of labelled cells (`data-label`, see `style/main.css`).

use configurator_domain::{
    Quantity,
    api::{PartnerQuoteRequest, QuoteRequestStatus},
};
use leptos::prelude::*;

use super::{contact::contact_href, status::StatusControl, to_cart::ToCart};
use crate::{
    format,
    i18n::{tr, use_i18n, use_lang},
    pages::orders::model_name,
};

/// The row of `request`.
#[component]
pub fn RequestRow(
    /// The request as the server listed it.
    request: PartnerQuoteRequest,
    /// The signed-in dealer, whose cart "To cart" fills.
    dealer: String,
    /// The request's status: the listed one, or the one the server stored since.
    status: Signal<QuoteRequestStatus>,
    /// Called with the status the server stored.
    on_saved: Callback<QuoteRequestStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let PartnerQuoteRequest {
        id,
        partner_name,
        name,
        contact,
        code,
        model,
        quantity,
        message,
        total,
        currency,
        minor_digits,
        created_at,
        ..
    } = request;
    let date = created_at.get(..10).unwrap_or_default().to_owned();
    let shown_total = move || format::money(total, minor_digits, currency.as_str(), lang());
    let model_shown = model_name(&model);
    let contact_link = contact_href(&contact);
    let to_cart = Quantity::try_from(quantity)
        .ok()
        .map(|quantity| view! { <ToCart dealer=dealer model=model code=code quantity=quantity /> });
    view! {
        <tr data-request=id data-status=move || status.get().as_str()>
            <td data-label=tr!(i18n, requests.date)><time datetime=created_at>{date}</time></td>
            <td data-label=tr!(i18n, requests.partner)>{partner_name}</td>
            <td data-label=tr!(i18n, requests.name)>{name}</td>
            <td data-label=tr!(i18n, requests.contact)><a href=contact_link>{contact}</a></td>
            <td data-label=tr!(i18n, requests.model)>{model_shown}</td>
            <td class="num" data-label=tr!(i18n, requests.quantity)>{quantity}</td>
            <td class="num" data-label=tr!(i18n, requests.total)>{shown_total}</td>
            <td class="request-message" data-label=tr!(i18n, requests.message)>{message}</td>
            <td data-label=tr!(i18n, requests.status)><StatusControl id=id status=status on_saved=on_saved /></td>
            <td data-label=tr!(i18n, nav.cart)>{to_cart}</td>
        </tr>
    }
}
