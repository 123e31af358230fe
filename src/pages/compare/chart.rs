//! The cumulative cost of each fleet year by year, as an SVG line chart drawn here (year 0 is the
//! purchase), labelled with the years, the amounts and each line's name, with the same figures in
//! a table for screen readers.

use configurator_domain::cost::RunningCost;
use leptos::prelude::*;

use super::columns::ColumnResult;
use crate::{
    format,
    i18n::{td_string, tr, use_i18n, use_lang},
};

/// The chart's size in SVG units (whole units: no float formatting in the wasm).
const WIDTH: i64 = 800;
const HEIGHT: i64 = 300;
/// Room for the amounts on the left, the names on the right, the years below.
const LEFT: i64 = 150;
const RIGHT: i64 = 170;
const TOP: i64 = 16;
const BOTTOM: i64 = 36;

/// One line: a name and the costs of the years.
#[derive(Debug, Clone, PartialEq)]
struct Series {
    name: String,
    cost: RunningCost,
}

/// The chart and its table.
#[component]
pub fn CostChart(
    /// The columns' names.
    #[prop(into)]
    names: Signal<Vec<String>>,
    /// The columns.
    #[prop(into)]
    columns: Signal<Vec<ColumnResult>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let series = Memo::new(move |_| {
        names.with(|names| {
            columns.with(|columns| {
                columns
                    .iter()
                    .zip(names)
                    .filter_map(|(c, name)| {
                        let cost = c.as_ref().ok()?.cost.as_ref()?.as_ref().ok()?;
                        Some(Series {
                            name: name.clone(),
                            cost: cost.clone(),
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let chart = move || {
        let series = series.get();
        let first = series.first()?;
        let years = first.cost.years;
        let top = series
            .iter()
            .flat_map(|s| s.cost.by_year.iter().map(|y| y.fleet))
            .max()
            .filter(|m| *m > 0)?;
        let money = |minor: i64| {
            format::money(
                minor,
                first.cost.minor_digits,
                first.cost.currency.as_str(),
                lang(),
            )
        };
        // The axis in whole units of the currency: shorter, and exact enough to read a line by.
        let whole = |minor: i64| {
            let scale = 10i64.pow(u32::from(first.cost.minor_digits));
            format::money(minor / scale, 0, first.cost.currency.as_str(), lang())
        };
        let x = move |year: u8| {
            LEFT + (WIDTH - LEFT - RIGHT) * i64::from(year) / i64::from(years.max(1))
        };
        let y = move |minor: i64| {
            let share = i128::from(HEIGHT - TOP - BOTTOM) * i128::from(minor) / i128::from(top);
            HEIGHT - BOTTOM - i64::try_from(share).unwrap_or_default()
        };
        let locale = i18n.get_locale();
        let label_ys = label_positions(
            &series
                .iter()
                .map(|s| y(s.cost.by_year.last().map_or(0, |p| p.fleet)) + 4)
                .collect::<Vec<_>>(),
        );
        let lines = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let points: Vec<String> = s
                    .cost
                    .by_year
                    .iter()
                    .map(|p| format!("{},{}", x(p.year), y(p.fleet)))
                    .collect();
                view! {
                    <g class=format!("series series-{i}")>
                        <polyline points=points.join(" ") fill="none" />
                        <text x=x(years) + 6 y=label_ys.get(i).copied().unwrap_or_default()>{s.name.clone()}</text>
                    </g>
                }
            })
            .collect_view();
        let ticks = (0..=years).map(|year| view! {
            <text class="tick" x=x(year) y=HEIGHT - BOTTOM + 18 text-anchor="middle">{year}</text>
        }).collect_view();
        let amounts = [0, top / 2, top].map(|a| {
            view! {
                <g class="tick">
                    <line x1=LEFT x2=WIDTH - RIGHT y1=y(a) y2=y(a) />
                    <text x=LEFT - 6 y=y(a) + 4 text-anchor="end">{whole(a)}</text>
                </g>
            }
        });
        let header = series
            .iter()
            .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
            .collect_view();
        let body = (0..=years)
            .map(|year| {
                view! {
                    <tr>
                        <th scope="row">{year}</th>
                        {series.iter().map(|s| view! {
                            <td>{s.cost.by_year.get(usize::from(year)).map(|p| money(p.fleet))}</td>
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <svg class="cost-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="chart-title" aria-describedby="chart-table-caption">
                {amounts}
                {ticks}
                <text class="axis" x=(LEFT + WIDTH - RIGHT) / 2 y=HEIGHT - 4 text-anchor="middle">
                    {td_string!(locale, compare.year)}
                </text>
                {lines}
            </svg>
            // A table ignores a 1 px width: its box is what is hidden.
            <div class="visually-hidden"><table>
                <caption id="chart-table-caption">{td_string!(locale, compare.chart_table)}</caption>
                <thead><tr><th scope="col">{td_string!(locale, compare.year)}</th>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table></div>
        })
    };
    view! {
        <section class="chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{tr!(i18n, compare.chart)}</h2>
            {chart}
        </section>
    }
}

/// Where the names at the lines' ends go: at their lines, moved down just enough that no two
/// overlap (lines that end close together).
fn label_positions(wanted: &[i64]) -> Vec<i64> {
    const LINE_HEIGHT: i64 = 14;
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|i| wanted[*i]);
    let mut placed = wanted.to_vec();
    for pair in order.windows(2) {
        let (above, below) = (pair[0], pair[1]);
        placed[below] = placed[below].max(placed[above] + LINE_HEIGHT);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::label_positions;

    #[test]
    fn names_at_the_ends_of_lines_do_not_overlap() {
        assert_eq!(label_positions(&[100, 50, 105]), [100, 50, 114]);
        assert_eq!(label_positions(&[10, 10, 10]), [10, 24, 38]);
    }
}
