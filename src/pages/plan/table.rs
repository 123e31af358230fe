//! The plan as a table, a row per month and line: the chart's figures for reading and for screen
//! readers, with each month's way to its orders.

use std::sync::Arc;

use configurator_domain::{api::PlanResponse, plan::YearMonth};
use leptos::prelude::*;

use super::line_name;
use crate::{
    format,
    i18n::{lang_of, td_string, tr, use_i18n},
    labels::month_name,
};

/// The table of `plan`; a month's button calls `on_month`.
#[component]
pub fn PlanTable(
    /// The plan shown.
    plan: Arc<PlanResponse>,
    /// A month's orders were asked for.
    on_month: Callback<YearMonth>,
) -> impl IntoView {
    let i18n = use_i18n();
    let last_frozen = plan.today.add_months(plan.frozen_months);
    let body = move || {
        let locale = i18n.get_locale();
        let lang = lang_of(locale);
        let number = move |n: u32| format::grouped(n.into(), lang);
        plan.months
            .chunk_by(|a, b| a.month == b.month)
            .map(|views| {
                let month = views[0].month;
                let name = month_name(locale, month);
                let frozen = month >= plan.today && Some(month) <= last_frozen;
                let open = format!("{}: {name}", td_string!(locale, plan.show_orders));
                let rows = views.iter().enumerate().map(|(i, v)| {
                    let head = (i == 0).then(|| {
                        view! {
                            <th scope="rowgroup" rowspan=views.len()>
                                {name.clone()}
                                {frozen.then(|| view! { <span class="frozen-mark">{td_string!(locale, plan.frozen)}</span> })}
                                <button type="button" class="link" aria-label=open.clone() on:click=move |_| on_month.run(month)>
                                    {td_string!(locale, plan.show_orders)}
                                </button>
                            </th>
                        }
                    });
                    view! {
                        <tr data-month=month.to_string() data-line=v.line.to_string()>
                            {head}
                            <td>{line_name(locale, v.line.as_str())}</td>
                            <td class="num">{number(v.capacity)}</td>
                            <td class="num">{number(v.allocated)}</td>
                            <td class="num">{number(v.free)}</td>
                            <td class="num">{format::percent(v.utilisation_bp, lang)}</td>
                        </tr>
                    }
                });
                view! { <tbody class:frozen=frozen>{rows.collect_view()}</tbody> }
            })
            .collect_view()
    };
    view! {
        <div class="plan-table-wrap">
            <table class="plan-table">
                <caption>{tr!(i18n, plan.table)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(i18n, plan.month)}</th>
                        <th scope="col">{tr!(i18n, plan.line)}</th>
                        <th scope="col" class="num">{tr!(i18n, plan.capacity)}</th>
                        <th scope="col" class="num">{tr!(i18n, plan.allocated)}</th>
                        <th scope="col" class="num">{tr!(i18n, plan.free)}</th>
                        <th scope="col" class="num">{tr!(i18n, plan.utilisation)}</th>
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
}
