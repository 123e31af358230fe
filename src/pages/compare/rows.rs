//! The comparison as rows of text, one cell per column, each numeric cell with the value it is
//! compared by: which cells are best, which rows are all equal. The table, the CSV and the tests
//! read the same rows.

use std::borrow::Cow;

use configurator_domain::{Catalog, Lang};

use super::columns::ColumnResult;
use super::equipment_rows::{self, Standing};
use super::{cost_rows, spec_rows};
use crate::i18n::{Locale, td_string};

/// Which way a numeric row is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Less is better: prices, costs.
    Lower,
    /// More is better: seats, payload, power.
    Higher,
    /// Nothing to mark: text, dimensions.
    Neither,
}

/// One cell: its text and the value it is compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What the cell says.
    pub text: String,
    /// The figure it is compared by, if it is numeric.
    pub value: Option<i64>,
    /// Where the option stands, in an equipment row.
    pub standing: Option<Standing>,
}

impl Cell {
    /// A cell of text only.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            value: None,
            standing: None,
        }
    }

    /// A numeric cell.
    pub fn number(text: String, value: i64) -> Self {
        Self {
            text,
            value: Some(value),
            standing: None,
        }
    }
}

/// One row: a label and a cell per column (`None` where a column has nothing to say: a bad code,
/// or no such figure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A name for tests and styles: `tco-fleet`, `option-winter`.
    pub id: Cow<'static, str>,
    /// What the row is, in the reader's language.
    pub label: String,
    /// The cells.
    pub cells: Vec<Option<Cell>>,
    /// Which way is better.
    pub better: Better,
}

impl Row {
    /// Whether every column says the same.
    pub fn all_equal(&self) -> bool {
        self.cells.windows(2).all(|w| w[0] == w[1])
    }

    /// For each cell, whether it holds the best value of a row whose values differ.
    pub fn best(&self) -> Vec<bool> {
        let values: Vec<i64> = self
            .cells
            .iter()
            .flatten()
            .filter_map(|c| c.value)
            .collect();
        let best = match self.better {
            Better::Lower => values.iter().min(),
            Better::Higher => values.iter().max(),
            Better::Neither => None,
        };
        let differ = values.windows(2).any(|w| w[0] != w[1]);
        self.cells
            .iter()
            .map(|c| {
                differ
                    && c.as_ref()
                        .and_then(|c| c.value)
                        .is_some_and(|v| Some(&v) == best)
            })
            .collect()
    }
}

/// A group of rows under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// The rows.
    pub rows: Vec<Row>,
}

/// The sections of the comparison of `columns`: specifications, equipment by option group,
/// prices, running cost.
pub fn sections(
    catalog: &Catalog,
    columns: &[ColumnResult],
    locale: Locale,
    lang: Lang,
) -> Vec<Section> {
    let specs = Section {
        title: td_string!(locale, specs.title).to_owned(),
        rows: spec_rows::rows(catalog, columns, locale, lang),
    };
    let equipment = equipment_rows::sections(catalog, columns, locale, lang);
    let costs = [
        Section {
            title: td_string!(locale, price.title).to_owned(),
            rows: cost_rows::price_rows(columns, locale, lang),
        },
        Section {
            title: td_string!(locale, compare.running_cost).to_owned(),
            rows: cost_rows::cost_rows(columns, locale, lang),
        },
    ];
    std::iter::once(specs)
        .chain(equipment)
        .chain(costs)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Better, Cell, Row};

    fn row(better: Better, values: &[Option<i64>]) -> Row {
        Row {
            id: "test".into(),
            label: "test".to_owned(),
            cells: values
                .iter()
                .map(|v| v.map(|v| Cell::number(v.to_string(), v)))
                .collect(),
            better,
        }
    }

    #[test]
    fn the_best_of_differing_values_is_marked_each_time_it_occurs() {
        let prices = row(Better::Lower, &[Some(30), None, Some(10), Some(10)]);
        assert_eq!(prices.best(), [false, false, true, true]);
        assert!(!prices.all_equal());
        let seats = row(Better::Higher, &[Some(5), Some(7)]);
        assert_eq!(seats.best(), [false, true]);
    }

    #[test]
    fn equal_values_mark_nothing_and_the_row_is_equal() {
        let same = row(Better::Lower, &[Some(4), Some(4)]);
        assert_eq!(same.best(), [false, false]);
        assert!(same.all_equal());
        let text = Row {
            better: Better::Neither,
            ..row(Better::Neither, &[Some(1), Some(2)])
        };
        assert_eq!(text.best(), [false, false]);
    }
}
