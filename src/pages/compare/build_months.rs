//! The earliest build month of each column's configuration for the quantity, from the server
//! (the availability the configurator asks for), as the table's last row; each cell says
//! "loading…" in its place meanwhile.

use configurator_domain::Quantity;
use leptos::prelude::*;

use super::columns::ColumnResult;
use crate::{
    api,
    i18n::{t_string, tr, use_i18n},
    labels,
};

/// The table's last rows: a heading and each column's earliest build month for `quantity`.
#[component]
pub fn BuildMonthRows(
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<ColumnResult>>,
    /// The quantity, when the usage is valid.
    #[prop(into)]
    quantity: Signal<Option<Quantity>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asked = Memo::new(move |_| {
        let quantity = quantity.get();
        columns.with(|c| {
            c.iter()
                .map(|c| c.as_ref().ok().map(|c| c.code.clone()).zip(quantity))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <tbody>
            <tr class="section-row">
                <th scope="colgroup" colspan=move || asked.with(Vec::len) + 1>{tr!(i18n, compare.production)}</th>
            </tr>
            <tr data-row="build-month">
                <th scope="row">{tr!(i18n, summary.build_month)}</th>
                {move || asked.get().into_iter().map(|ask| view! { <td><BuildMonth ask=ask /></td> }).collect_view()}
            </tr>
        </tbody>
    }
}

/// The earliest build month of a code for a quantity; "—" without either.
#[component]
fn BuildMonth(
    /// The code and the quantity to ask about.
    ask: Option<(String, Quantity)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let answer = LocalResource::new(move || {
        let ask = ask.clone();
        async move {
            match ask {
                Some((code, quantity)) => api::availability(&code, quantity).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <strong>
            {move || {
                let locale = i18n.get_locale();
                match answer.get() {
                    None => t_string!(i18n, common.loading).to_owned(),
                    Some(Ok(None)) => "—".to_owned(),
                    Some(Ok(Some(a))) if a.first == a.last => labels::month_name(locale, a.first),
                    Some(Ok(Some(a))) => format!(
                        "{} – {}",
                        labels::month_name(locale, a.first),
                        labels::month_name(locale, a.last)
                    ),
                    Some(Err(_)) => t_string!(i18n, common.unavailable).to_owned(),
                }
            }}
        </strong>
    }
}
