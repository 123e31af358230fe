//! The earliest build month of each column's configuration for the quantity, from the server
//! (the availability the configurator asks for), as the table's last row. One request asks for
//! every column at once, again when the columns or the quantity change; each cell says
//! "loading…" in its place meanwhile, and "—" for a column without a valid code.

use configurator_domain::{Quantity, api::AvailabilityResponse};
use leptos::prelude::*;

use super::columns::ColumnResult;
use crate::{
    api::{self, ApiError},
    i18n::{Locale, t_string, tr, use_i18n},
    labels,
};

/// What the row asks the server: each column's code (`None` for a column whose code is not
/// valid) and the quantity (`None` while it is not valid).
#[derive(Debug, Clone, PartialEq)]
struct Question {
    codes: Vec<Option<String>>,
    quantity: Option<Quantity>,
}

impl Question {
    /// The codes sent, in column order: nothing without a valid quantity.
    fn sent(&self) -> Vec<String> {
        match self.quantity {
            Some(_) => self.codes.iter().flatten().cloned().collect(),
            None => Vec::new(),
        }
    }

    /// Where the answer for `column` is among the server's; `None` when it is not asked about.
    fn slot(&self, column: usize) -> Option<usize> {
        self.quantity?;
        self.codes.get(column)?.as_ref()?;
        Some(self.codes[..column].iter().flatten().count())
    }
}

/// The server's answers, with the question they answer (a newer question's answer is awaited
/// with "loading…", not shown with an older one's months).
type Answered = (
    Question,
    Result<Vec<Option<AvailabilityResponse>>, ApiError>,
);

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
    let question = Memo::new(move |_| Question {
        codes: columns.with(|c| {
            c.iter()
                .map(|c| c.as_ref().ok().map(|c| c.code.clone()))
                .collect()
        }),
        quantity: quantity.get(),
    });
    let answered: LocalResource<Answered> = LocalResource::new(move || {
        let question = question.get();
        async move {
            let codes = question.sent();
            let answers = match question.quantity {
                Some(quantity) if !codes.is_empty() => {
                    api::availability_of_configurations(&codes, quantity)
                        .await
                        .map(|answer| answer.configurations)
                }
                _ => Ok(Vec::new()),
            };
            (question, answers)
        }
    });
    let cell = move |column: usize| {
        let locale = i18n.get_locale();
        let question = question.get();
        let Some(slot) = question.slot(column) else {
            return "—".to_owned();
        };
        match answered.get() {
            Some((asked, answers)) if asked == question => match answers {
                // No answer in its place (no room before the planning horizon ends): this
                // column alone says so.
                Ok(answers) => answers.get(slot).cloned().flatten().map_or_else(
                    || t_string!(i18n, common.unavailable).to_owned(),
                    |answer| months(locale, &answer),
                ),
                Err(_) => t_string!(i18n, common.unavailable).to_owned(),
            },
            _ => t_string!(i18n, common.loading).to_owned(),
        }
    };
    let width = move || question.with(|q| q.codes.len());
    view! {
        <tbody>
            <tr class="section-row">
                <th scope="colgroup" colspan=move || width() + 1>{tr!(i18n, compare.production)}</th>
            </tr>
            <tr data-row="build-month">
                <th scope="row">{tr!(i18n, summary.build_month)}</th>
                {move || (0..width()).map(|column| view! { <td><strong>{move || cell(column)}</strong></td> }).collect_view()}
            </tr>
        </tbody>
    }
}

/// The month the first and the last vehicle would be built in, once when they are the same.
fn months(locale: Locale, answer: &AvailabilityResponse) -> String {
    if answer.first == answer.last {
        labels::month_name(locale, answer.first)
    } else {
        format!(
            "{} – {}",
            labels::month_name(locale, answer.first),
            labels::month_name(locale, answer.last)
        )
    }
}
