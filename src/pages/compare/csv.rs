//! The comparison as a CSV file to download: a row per row of the table, a column per
//! configuration, the texts as the table shows them (in the reader's language and currency).

use leptos::prelude::*;

use super::rows::Section;
use crate::i18n::{tr, use_i18n};

/// A link that downloads the table as `comparison.csv`.
#[component]
pub fn CsvLink(
    /// The columns' names.
    #[prop(into)]
    names: Signal<Vec<String>>,
    /// The table's rows.
    #[prop(into)]
    sections: Signal<Vec<Section>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = move || {
        let text = names.with(|n| sections.with(|s| csv(n, s)));
        format!(
            "data:text/csv;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&text))
        )
    };
    view! {
        <a class="button" href=href download="comparison.csv" target="_self">{tr!(i18n, compare.csv)}</a>
    }
}

/// The CSV text: a head row of names, then each section's title and rows; a byte-order mark
/// first, so that spreadsheets read it as UTF-8.
pub fn csv(names: &[String], sections: &[Section]) -> String {
    let mut lines = vec![line(
        std::iter::once("").chain(names.iter().map(String::as_str)),
    )];
    for section in sections {
        lines.push(line([section.title.as_str()]));
        for row in &section.rows {
            let cells = row
                .cells
                .iter()
                .map(|c| c.as_ref().map_or("", |c| c.text.as_str()));
            lines.push(line(std::iter::once(row.label.as_str()).chain(cells)));
        }
    }
    format!("\u{feff}{}\r\n", lines.join("\r\n"))
}

/// One CSV line: fields quoted when they hold a comma, a quote or a line break; no-break spaces
/// (in amounts) as plain spaces.
fn line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields
        .into_iter()
        .map(|f| {
            let f = f.replace('\u{a0}', " ");
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::csv;
    use crate::pages::compare::rows::{Better, Cell, Row, Section};

    #[test]
    fn rows_become_lines_quoted_where_needed() {
        let sections = [Section {
            title: "Price".to_owned(),
            rows: vec![Row {
                id: "unit-price".into(),
                label: "Price, \"each\"".to_owned(),
                cells: vec![
                    Some(Cell::number("1,000.00\u{a0}KGS".to_owned(), 100_000)),
                    None,
                ],
                better: Better::Lower,
            }],
        }];
        let names = ["Cobalt".to_owned(), "Column 2".to_owned()];
        assert_eq!(
            csv(&names, &sections),
            "\u{feff},Cobalt,Column 2\r\nPrice\r\n\"Price, \"\"each\"\"\",\"1,000.00 KGS\",\r\n"
        );
    }
}
