//! The comparison table: a column per configuration (its model, summary and code, or the error
//! of its code, with buttons to move or remove it), then the rows of each section. Rows whose
//! values differ are highlighted and the best value of a numeric row is marked; a switch hides
//! the rows that are equal. The cheapest total over the period is marked in its column's head.
//! The earliest build months, from the server, are the last row.

use configurator_domain::{Catalog, Lang, Quantity, code::CodeError};
use leptos::prelude::*;

use super::build_months::BuildMonthRows;
use super::columns::{Column, ColumnResult};
use super::equipment_rows::Standing;
use super::rows::{Row, Section};
use crate::{
    i18n::{Locale, t, td_string, tr, use_i18n, use_lang},
    state::SharedCatalog,
};

/// The table of `sections` over `columns`.
#[component]
pub fn CompareTable(
    /// The catalog, for names.
    data: SharedCatalog,
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<ColumnResult>>,
    /// The columns' names.
    #[prop(into)]
    names: Signal<Vec<String>>,
    /// The rows, by section.
    #[prop(into)]
    sections: Signal<Vec<Section>>,
    /// The years the running cost covers, when the usage is valid.
    #[prop(into)]
    years: Signal<Option<u8>>,
    /// The quantity, when the usage is valid: the build months are for it.
    #[prop(into)]
    quantity: Signal<Option<Quantity>>,
    /// Whether rows that are equal in every column are hidden.
    #[prop(into)]
    hide_equal: Signal<bool>,
    /// Moves the column at an index one place left (-1) or right (+1).
    on_move: Callback<(usize, isize)>,
    /// Removes the column at an index.
    on_remove: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let cheapest = Memo::new(move |_| {
        sections.with(|s| {
            s.iter()
                .flat_map(|s| &s.rows)
                .find(|r| r.id == "tco-fleet")
                .and_then(|r| r.best().iter().position(|b| *b))
        })
    });
    let head = move || {
        let (locale, lang) = (i18n.get_locale(), lang());
        let count = columns.with(Vec::len);
        columns.with(|columns| {
            columns
                .iter()
                .enumerate()
                .map(|(index, column)| {
                    let catalog = data.catalog();
                    let name = names.with(|n| n.get(index).cloned()).unwrap_or_default();
                    let body = match column {
                        Ok(c) => view! {
                            <span class="column-model">{name.clone()}</span>
                            <span class="column-summary">{summary(catalog, c, lang)}</span>
                        }
                        .into_any(),
                        Err(e) => view! {
                            <span class="column-model">{name.clone()}</span>
                            <span class="column-error" role="alert">{code_error(&e.error, locale)}</span>
                        }
                        .into_any(),
                    };
                    let code = match column {
                        Ok(c) => c.code.clone(),
                        Err(e) => e.code.clone(),
                    };
                    view! {
                        <th scope="col" class="column-head" class:cheapest=move || cheapest.get() == Some(index)>
                            {body}
                            <code class="column-code">{code}</code>
                            {move || (cheapest.get() == Some(index)).then(|| view! {
                                <span class="cheapest-mark" data-cheapest="">
                                    {move || t!(i18n, compare.cheapest, years = years.get().unwrap_or_default())}
                                </span>
                            })}
                            <span class="column-actions no-print">
                                <button type="button" disabled=index == 0
                                    aria-label=format!("{} {name}", td_string!(locale, compare.move_left))
                                    on:click=move |_| on_move.run((index, -1))>"←"</button>
                                <button type="button" disabled=index + 1 == count
                                    aria-label=format!("{} {name}", td_string!(locale, compare.move_right))
                                    on:click=move |_| on_move.run((index, 1))>"→"</button>
                                <button type="button"
                                    aria-label=format!("{} {name}", td_string!(locale, compare.remove))
                                    on:click=move |_| on_remove.run(index)>{td_string!(locale, compare.remove)}</button>
                            </span>
                        </th>
                    }
                })
                .collect_view()
        })
    };
    let body = move || {
        let locale = i18n.get_locale();
        let span = columns.with(Vec::len) + 1;
        let hide = hide_equal.get();
        sections.get().into_iter().map(|section| view! {
            <tbody>
                <tr class="section-row"><th scope="colgroup" colspan=span>{section.title}</th></tr>
                {section.rows.into_iter().map(|row| row_view(row, hide, locale)).collect_view()}
            </tbody>
        }).collect_view()
    };
    view! {
        <div class="compare-scroll" role="region" aria-labelledby="compare-caption" tabindex="0">
            <table class="compare-table">
                <caption id="compare-caption">{tr!(i18n, compare.caption)}</caption>
                <thead><tr><td></td>{head}</tr></thead>
                {body}
                <BuildMonthRows columns=columns quantity=quantity />
            </table>
        </div>
    }
}

/// One row; an equal row is hidden when `hide_equal`.
fn row_view(row: Row, hide_equal: bool, locale: Locale) -> impl IntoView {
    let best = row.best();
    let equal = row.all_equal();
    view! {
        <tr data-row=row.id class:differs=!equal hidden=hide_equal && equal>
            <th scope="row">{row.label}</th>
            {row.cells.into_iter().zip(best).map(|(cell, best)| {
                let standing = cell.as_ref().and_then(|c| c.standing).map(Standing::as_str);
                view! {
                <td class:best=best data-equipment=standing>
                    {cell.map_or_else(|| "—".to_owned(), |c| c.text)}
                    {best.then(|| view! {
                        " " <span class="best-mark" aria-hidden="true">"★"</span>
                        <span class="visually-hidden">{td_string!(locale, compare.best)}</span>
                    })}
                </td>
            }}).collect_view()}
        </tr>
    }
}

/// The model's name of a column, or "Column 2" for a code that names none.
pub fn column_name(
    catalog: &Catalog,
    column: &ColumnResult,
    index: usize,
    locale: Locale,
    lang: Lang,
) -> String {
    column
        .as_ref()
        .ok()
        .and_then(|c| catalog.models().get(c.model_index))
        .map_or_else(
            || format!("{} {}", td_string!(locale, compare.column), index + 1),
            |m| m.name().get(lang).to_owned(),
        )
}

/// The columns' names, a name that several columns share followed by the column's number:
/// `Chevrolet Cobalt (1)`, `Chevrolet Cobalt (2)`.
pub fn distinct(names: Vec<String>) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if names.iter().filter(|n| *n == name).count() > 1 {
                format!("{name} ({})", i + 1)
            } else {
                name.clone()
            }
        })
        .collect()
}

/// Trim, powertrain and chosen options, in words.
fn summary(catalog: &Catalog, column: &Column, lang: Lang) -> String {
    let Some(model) = catalog.models().get(column.model_index) else {
        return String::new();
    };
    let c = &column.configuration;
    let mut parts: Vec<String> = [
        model.trim(&c.trim).map(|t| t.name.get(lang).to_owned()),
        model
            .powertrain(&c.powertrain)
            .map(|p| p.name.get(lang).to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.extend(
        c.options
            .iter()
            .filter_map(|o| model.option(o).map(|o| o.name.get(lang).to_owned())),
    );
    parts.join(" · ")
}

/// What is wrong with a code, in the reader's language.
fn code_error(error: &CodeError, locale: Locale) -> &'static str {
    match error {
        CodeError::Malformed { .. } => td_string!(locale, compare.code_malformed),
        CodeError::Invalid { .. } => td_string!(locale, compare.code_invalid),
        _ => td_string!(locale, compare.code_outdated),
    }
}

#[cfg(test)]
mod tests {
    use super::distinct;

    #[test]
    fn a_shared_name_gets_the_column_number() {
        let names = ["Cobalt", "Nexia", "Cobalt"].map(str::to_owned).to_vec();
        assert_eq!(distinct(names), ["Cobalt (1)", "Nexia", "Cobalt (3)"]);
    }
}
