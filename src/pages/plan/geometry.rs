//! The plan chart's geometry, in SVG user units: each month's column and its stacked bars, the
//! capacity step, the value axis, the frozen band and where each production phase begins. Worked
//! out from the plan alone, so that it is tested natively; the view only draws it.

use std::collections::BTreeMap;

use configurator_domain::{api::PlanResponse, plan::YearMonth};

/// The width of one month's column.
pub const COLUMN: u32 = 22;
/// The width of a bar in its column.
pub const BAR: u32 = 14;
/// The band left of the plot: the value axis's labels.
pub const LEFT: u32 = 44;
/// The band above the plot: the phases and the frozen months.
pub const TOP: u32 = 30;
/// The height of the plot.
pub const PLOT: u32 = 180;
/// The band under the plot: month numbers and years.
const BOTTOM: u32 = 34;
/// The narrowest drawing: room for a phase's name over a range of one month.
const MIN_WIDTH: u32 = 160;

/// What a month's bar is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Stack {
    /// One part per assembly line.
    #[default]
    Line,
    /// One part per catalog model.
    Model,
}

/// One part of a month's bar: the vehicles of one line (or one model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The line's id, or the model's.
    pub key: String,
    /// Its index in [`Geometry::keys`] (its colour).
    pub series: usize,
    /// Vehicles planned.
    pub units: u32,
    /// The line's capacity in the month; `None` for a model.
    pub capacity: Option<u32>,
    /// The top edge.
    pub y: u32,
    /// The height (0 for no vehicles).
    pub height: u32,
}

/// One month of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The month.
    pub month: YearMonth,
    /// The left edge of its bar.
    pub x: u32,
    /// Whether the month is frozen.
    pub frozen: bool,
    /// Its bar's parts, from the bottom up.
    pub bars: Vec<Bar>,
}

/// The whole chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    /// The drawing's size.
    pub width: u32,
    pub height: u32,
    /// The months, left to right.
    pub columns: Vec<Column>,
    /// Every line (or model) in stacking order: the legend.
    pub keys: Vec<String>,
    /// The plant's capacity per month as an SVG path: a step over each column.
    pub capacity: String,
    /// The value axis: each label's value and height.
    pub ticks: Vec<(u32, u32)>,
    /// The frozen months' band: its left edge and width.
    pub frozen: Option<(u32, u32)>,
    /// Each production phase shown: its name and where it begins.
    pub phases: Vec<(String, u32)>,
}

/// The base line of the bars.
const BASE: u32 = TOP + PLOT;

/// Lays out `plan` with its bars made of `stack`.
pub fn layout(plan: &PlanResponse, stack: Stack) -> Geometry {
    let months: Vec<_> = plan.months.chunk_by(|a, b| a.month == b.month).collect();
    let total = |month: &[configurator_domain::plan::MonthView]| {
        let capacity: u32 = month.iter().map(|v| v.capacity).sum();
        let allocated: u32 = month.iter().map(|v| v.allocated).sum();
        (capacity, allocated)
    };
    let highest = months
        .iter()
        .map(|m| {
            let (capacity, allocated) = total(m);
            capacity.max(allocated)
        })
        .max()
        .unwrap_or(0);
    let (top, step) = scale(highest);
    let height_of = |units: u32| (u64::from(units) * u64::from(PLOT) / u64::from(top)) as u32;
    let keys: Vec<String> = match stack {
        Stack::Line => months
            .first()
            .map_or_else(Vec::new, |m| m.iter().map(|v| v.line.to_string()).collect()),
        Stack::Model => {
            let mut keys: Vec<String> = plan
                .months
                .iter()
                .flat_map(|v| v.per_model.keys().cloned())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        }
    };
    let last_frozen = plan.today.add_months(plan.frozen_months);
    let is_frozen = |month: YearMonth| month >= plan.today && Some(month) <= last_frozen;
    let mut capacity = String::new();
    let columns: Vec<Column> = months
        .iter()
        .enumerate()
        .map(|(i, views)| {
            let left = LEFT + i as u32 * COLUMN;
            let y = BASE - height_of(total(views).0);
            capacity += &if i == 0 {
                format!("M{left} {y}H{}", left + COLUMN)
            } else {
                format!("V{y}H{}", left + COLUMN)
            };
            let parts: Vec<(String, u32, Option<u32>)> = match stack {
                Stack::Line => views
                    .iter()
                    .map(|v| (v.line.to_string(), v.allocated, Some(v.capacity)))
                    .collect(),
                Stack::Model => {
                    let mut per_model = BTreeMap::<&str, u32>::new();
                    for (model, units) in views.iter().flat_map(|v| &v.per_model) {
                        *per_model.entry(model).or_default() += units;
                    }
                    per_model
                        .into_iter()
                        .filter(|&(_, units)| units > 0)
                        .map(|(model, units)| (model.to_owned(), units, None))
                        .collect()
                }
            };
            // Heights from the running sum, so that rounding never leaves a gap or overlap.
            let mut below = 0;
            let bars = parts
                .into_iter()
                .map(|(key, units, capacity)| {
                    let bottom = BASE - height_of(below);
                    below += units;
                    let y = BASE - height_of(below);
                    Bar {
                        series: keys.iter().position(|k| *k == key).unwrap_or(0),
                        key,
                        units,
                        capacity,
                        y,
                        height: bottom - y,
                    }
                })
                .collect();
            Column {
                month: views[0].month,
                x: left + (COLUMN - BAR) / 2,
                frozen: is_frozen(views[0].month),
                bars,
            }
        })
        .collect();
    let frozen_columns: Vec<u32> = (0..columns.len() as u32)
        .filter(|&i| columns[i as usize].frozen)
        .collect();
    let frozen = frozen_columns
        .first()
        .zip(frozen_columns.last())
        .map(|(first, last)| (LEFT + first * COLUMN, (last - first + 1) * COLUMN));
    Geometry {
        width: (LEFT + columns.len() as u32 * COLUMN + 8).max(MIN_WIDTH),
        height: BASE + BOTTOM,
        phases: phases(plan, columns.len() as u32),
        columns,
        keys,
        capacity,
        ticks: (0..=top / step)
            .map(|n| (n * step, BASE - height_of(n * step)))
            .collect(),
        frozen,
    }
}

/// The phases under `columns` months from `plan.from`: each with where it begins (the left edge
/// for a phase that began earlier).
fn phases(plan: &PlanResponse, columns: u32) -> Vec<(String, u32)> {
    plan.phases
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            plan.phases
                .get(i + 1)
                .is_none_or(|next| next.first > plan.from)
        })
        .filter_map(|(_, phase)| {
            let start = phase.first.months_since(plan.from).unwrap_or(0);
            (start < columns).then(|| (phase.name.clone(), LEFT + start * COLUMN))
        })
        .collect()
}

/// The top of the value axis for values up to `highest`, and the step between its labels: a
/// step of 1, 2 or 5 times a power of ten, at most four steps.
fn scale(highest: u32) -> (u32, u32) {
    let highest = highest.max(1);
    let mut power = 1;
    loop {
        for step in [power, 2 * power, 5 * power] {
            let steps = highest.div_ceil(step);
            if steps <= 4 {
                return (steps * step, step);
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use configurator_domain::{
        api::PhaseStart,
        plan::{MonthView, YearMonth},
    };

    use super::*;

    fn month(text: &str) -> YearMonth {
        text.parse().expect("a month")
    }

    fn view(m: &str, line: &str, capacity: u32, per_model: &[(&str, u32)]) -> MonthView {
        let allocated = per_model.iter().map(|(_, n)| n).sum();
        MonthView {
            month: month(m),
            line: line.parse().expect("a line"),
            capacity,
            allocated,
            free: capacity - allocated,
            utilisation_bp: allocated * 10_000 / capacity,
            per_model: per_model
                .iter()
                .map(|(k, n)| ((*k).to_owned(), *n))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    /// Three months over the end of the SKD phase, the first two frozen.
    fn plan() -> PlanResponse {
        PlanResponse {
            calendar_version: "test".to_owned(),
            from: month("2029-11"),
            to: month("2030-01"),
            today: month("2029-11"),
            frozen_months: 1,
            months: vec![
                view("2029-11", "passenger", 180, &[("cobalt", 90)]),
                view("2029-11", "commercial", 120, &[("npr", 30)]),
                view("2029-12", "passenger", 180, &[]),
                view("2029-12", "commercial", 120, &[]),
                view(
                    "2030-01",
                    "passenger",
                    1500,
                    &[("cobalt", 750), ("onix", 750)],
                ),
                view("2030-01", "commercial", 1000, &[("npr", 500)]),
            ],
            phases: vec![
                PhaseStart {
                    name: "SKD".to_owned(),
                    first: month("2027-01"),
                },
                PhaseStart {
                    name: "full".to_owned(),
                    first: month("2030-01"),
                },
            ],
        }
    }

    #[test]
    fn the_axis_steps_by_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(4), (4, 1));
        assert_eq!(scale(7), (8, 2));
        assert_eq!(scale(300), (300, 100));
        assert_eq!(scale(2500), (3000, 1000));
        assert_eq!(scale(1800), (2000, 500));
    }

    #[test]
    fn bars_stack_per_line_from_the_base_against_the_capacity_step() {
        let g = layout(&plan(), Stack::Line);
        assert_eq!(g.keys, ["passenger", "commercial"]);
        assert_eq!(g.columns.len(), 3);
        // Axis to 3000 over 180 units of height: 60 per 1000 vehicles.
        assert_eq!(g.ticks, [(0, 210), (1000, 150), (2000, 90), (3000, 30)]);
        let january = &g.columns[2];
        assert_eq!(january.x, LEFT + 2 * COLUMN + 4);
        let parts: Vec<_> = january
            .bars
            .iter()
            .map(|b| (b.key.as_str(), b.units, b.capacity, b.y, b.height))
            .collect();
        assert_eq!(
            parts,
            [
                ("passenger", 1500, Some(1500), 120, 90),
                ("commercial", 500, Some(1000), 90, 30),
            ]
        );
        // Empty lines still have a (flat) bar to focus.
        assert!(
            g.columns[1]
                .bars
                .iter()
                .all(|b| b.height == 0 && b.y == 210)
        );
        assert_eq!(g.capacity, "M44 192H66V192H88V60H110");
        assert_eq!((g.width, g.height), (MIN_WIDTH, 244));
        let mut long = plan();
        long.months = long.months.iter().cycle().take(24).cloned().collect();
        assert_eq!(layout(&long, Stack::Line).width, LEFT + 12 * COLUMN + 8);
    }

    #[test]
    fn bars_stack_per_model_summed_over_lines() {
        let g = layout(&plan(), Stack::Model);
        assert_eq!(g.keys, ["cobalt", "npr", "onix"]);
        assert!(g.columns[1].bars.is_empty(), "no models, no bars");
        let parts: Vec<_> = g.columns[2]
            .bars
            .iter()
            .map(|b| (b.key.as_str(), b.series, b.units, b.capacity))
            .collect();
        assert_eq!(
            parts,
            [
                ("cobalt", 0, 750, None),
                ("npr", 1, 500, None),
                ("onix", 2, 750, None)
            ]
        );
    }

    #[test]
    fn the_frozen_months_and_the_phases_are_marked() {
        let g = layout(&plan(), Stack::Line);
        let frozen: Vec<_> = g.columns.iter().map(|c| c.frozen).collect();
        assert_eq!(frozen, [true, true, false]);
        assert_eq!(g.frozen, Some((LEFT, 2 * COLUMN)));
        assert_eq!(
            g.phases,
            [
                ("SKD".to_owned(), LEFT),
                ("full".to_owned(), LEFT + 2 * COLUMN)
            ]
        );
        // A range inside one phase shows that phase alone.
        let mut later = plan();
        later.from = month("2030-01");
        later.months.drain(..4);
        assert_eq!(
            layout(&later, Stack::Line).phases,
            [("full".to_owned(), LEFT)]
        );
        // Nothing frozen in range, no band.
        later.today = month("2029-06");
        assert_eq!(layout(&later, Stack::Line).frozen, None);
    }
}
