//! The plan chart: one SVG of stacked bars per month against the plant's capacity step, with the
//! frozen months shaded and the production phases marked. The chart is one tab stop; the arrow
//! keys, Home and End move between its bars, each a button named by its figures ("March 2027,
//! passenger line: 420 of 500") that opens its month's orders. The table under it says the same.

use std::sync::Arc;

use configurator_domain::{api::PlanResponse, plan::YearMonth};
use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast as _;

use super::{
    fill,
    geometry::{BAR, Bar, COLUMN, Column, Geometry, LEFT, PLOT, Stack, TOP, layout},
    phase_name, series_name,
};
use crate::{
    format,
    i18n::{Locale, lang_of, td_string, use_i18n},
    labels::month_name,
    state::{SharedCatalog, use_app_state},
};

/// How many colours the series cycle through (`.s0` … `.s5` in the style sheet).
const COLOURS: usize = 6;

/// The chart of `plan`, its bars made of `stack`; choosing a bar calls `on_month`.
#[component]
pub fn PlanChart(
    /// The plan shown.
    plan: Arc<PlanResponse>,
    /// Lines or models.
    #[prop(into)]
    stack: Signal<Stack>,
    /// A bar was chosen: its month.
    on_month: Callback<YearMonth>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app_state();
    // The bar the chart's tab stop is on, and the figures of the bar in focus or under the pointer.
    let active = RwSignal::new(0usize);
    let detail = RwSignal::new(None::<String>);
    let drawing = move || {
        let names = Names {
            locale: i18n.get_locale(),
            catalog: app.data(),
            stack: stack.get(),
        };
        let geometry = layout(&plan, names.stack);
        active.set(0);
        detail.set(None);
        draw(&geometry, &names, active, detail, on_month)
    };
    view! {
        <figure class="plan-chart">
            <div class="plan-scroll">{drawing}</div>
            <figcaption>
                <p class="plan-focus">{move || detail.get().unwrap_or_else(|| td_string!(i18n.get_locale(), plan.hint).to_owned())}</p>
            </figcaption>
        </figure>
    }
}

/// What the chart's words are made of.
struct Names {
    locale: Locale,
    catalog: Option<SharedCatalog>,
    stack: Stack,
}

impl Names {
    /// A bar's accessible name: `March 2027, passenger line: 420 of 500`, `…, Cobalt: 30`, with
    /// `frozen` after it in a frozen month.
    fn bar(&self, column: &Column, bar: &Bar) -> String {
        let locale = self.locale;
        let lang = lang_of(locale);
        let month = month_name(locale, column.month);
        let name = self.series(&bar.key);
        let units = format::grouped(bar.units.into(), lang);
        let label = match bar.capacity {
            Some(capacity) => fill(
                td_string!(locale, plan.bar_line),
                &[
                    ("month", &month),
                    ("line", &name),
                    ("units", &units),
                    ("capacity", &format::grouped(capacity.into(), lang)),
                ],
            ),
            None => fill(
                td_string!(locale, plan.bar_model),
                &[("month", &month), ("model", &name), ("units", &units)],
            ),
        };
        if column.frozen {
            fill(td_string!(locale, plan.bar_frozen), &[("bar", &label)])
        } else {
            label
        }
    }

    /// The name of a line or model.
    fn series(&self, key: &str) -> String {
        series_name(self.locale, self.catalog.as_ref(), self.stack, key)
    }
}

/// The SVG of `g`, and its legend.
fn draw(
    g: &Geometry,
    names: &Names,
    active: RwSignal<usize>,
    detail: RwSignal<Option<String>>,
    on_month: Callback<YearMonth>,
) -> impl IntoView + use<> {
    let locale = names.locale;
    let lang = lang_of(locale);
    let base = TOP + PLOT;
    let right = LEFT + g.columns.len() as u32 * COLUMN;
    let count = g.columns.iter().map(|c| c.bars.len()).sum::<usize>();
    // Arrow keys, Home and End move the tab stop to another bar and focus it.
    let on_keydown = move |ev: ev::KeyboardEvent| {
        let now = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => (now + 1).min(count.saturating_sub(1)),
            "ArrowLeft" | "ArrowDown" => now.saturating_sub(1),
            "Home" => 0,
            "End" => count.saturating_sub(1),
            _ => return,
        };
        ev.prevent_default();
        active.set(next);
        let bar = ev
            .current_target()
            .and_then(|svg| svg.dyn_into::<web_sys::Element>().ok())
            .and_then(|svg| {
                svg.query_selector(&format!("[data-bar=\"{next}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|bar| bar.dyn_into::<web_sys::SvgElement>().ok());
        if let Some(bar) = bar {
            let _ = bar.focus();
        }
    };
    let mut index = 0;
    let bars = g
        .columns
        .iter()
        .flat_map(|column| {
            column
                .bars
                .iter()
                .map(|bar| {
                    let i = index;
                    index += 1;
                    let label = names.bar(column, bar);
                    let shown = label.clone();
                    let month = column.month;
                    view! {
                        <rect
                            class=format!("bar s{}", bar.series % COLOURS)
                            x=column.x y=bar.y width=BAR height=bar.height
                            role="button"
                            tabindex=move || if active.get() == i { "0" } else { "-1" }
                            aria-label=label
                            data-bar=i
                            data-month=month.to_string()
                            data-frozen=column.frozen.then_some("")
                            on:focus=move |_| { active.set(i); detail.set(Some(shown.clone())); }
                            on:click=move |_| on_month.run(month)
                            on:keydown=move |ev: ev::KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    on_month.run(month);
                                }
                            }
                        />
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect_view();
    let months = g
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x = c.x + BAR / 2;
            let year = (i == 0 || c.month.month() == 1).then(|| c.month.year());
            view! {
                <text x=x y=base + 14 text-anchor="middle">{format!("{:02}", c.month.month())}</text>
                {year.map(|year| view! { <text x=x y=base + 28 text-anchor="middle">{year}</text> })}
            }
        })
        .collect_view();
    let ticks = g
        .ticks
        .iter()
        .map(|&(value, y)| {
            view! {
                <line class="grid" x1=LEFT x2=right y1=y y2=y />
                <text x=LEFT - 4 y=y + 4 text-anchor="end">{format::grouped(value.into(), lang)}</text>
            }
        })
        .collect_view();
    let phases = g
        .phases
        .iter()
        .map(|(name, x)| {
            view! {
                <line class="phase" x1=*x x2=*x y1=TOP - 14 y2=base />
                <text class="phase" x=x + 3 y=TOP - 18>{phase_name(locale, name)}</text>
            }
        })
        .collect_view();
    let frozen = g.frozen.map(|(x, width)| {
        view! {
            <rect class="frozen" x=x y=TOP - 12 width=width height=PLOT + 12 />
            <text class="frozen" x=x + 2 y=TOP - 3>{td_string!(locale, plan.frozen)}</text>
        }
    });
    view! {
        <svg
            width=g.width height=g.height viewBox=format!("0 0 {} {}", g.width, g.height)
            role="group" aria-label=td_string!(locale, plan.chart)
            on:keydown=on_keydown
            on:mouseover=move |ev: ev::MouseEvent| {
                let label = ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.get_attribute("aria-label"));
                if label.is_some() { detail.set(label); }
            }
        >
            <g aria-hidden="true">{frozen}{ticks}{phases}{months}</g>
            <g class="bars">{bars}</g>
            <path class="capacity" d=g.capacity.clone() aria-hidden="true" />
        </svg>
        {legend(g, names)}
    }
}

/// What each colour stands for, and the capacity line.
fn legend(g: &Geometry, names: &Names) -> impl IntoView + use<> {
    let items = g
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            view! { <li><span class=format!("swatch s{}", i % COLOURS)></span>{names.series(key)}</li> }
        })
        .collect_view();
    view! {
        <ul class="plan-legend">
            {items}
            <li><span class="swatch capacity"></span>{td_string!(names.locale, plan.capacity)}</li>
        </ul>
    }
}
