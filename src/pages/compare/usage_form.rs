//! The usage the comparison is costed for: vehicles, kilometres a year and years, typed as text
//! and checked by the domain's [`Usage::new`]; each field says what is wrong with it, and the
//! table keeps its specifications and unit prices meanwhile. A figure goes into the address when
//! its field is changed and left (a history entry that Back returns from), not at every keystroke;
//! and each field follows its figure in the address, so that Back and Forward show what they cost.

use configurator_domain::cost::{Usage, UsageError};
use leptos::prelude::*;

use crate::{
    i18n::{Locale, td_string, tr, use_i18n},
    route::CompareQuery,
};

/// The usage fields as typed.
#[derive(Debug, Clone, Copy)]
pub struct UsageFields {
    /// Vehicles.
    pub quantity: RwSignal<String>,
    /// Kilometres a year, each.
    pub km: RwSignal<String>,
    /// Years.
    pub years: RwSignal<String>,
}

impl UsageFields {
    /// Fields showing the figures of the address (`defaults` where it gives none), each following
    /// its figure: when the address's figure changes (Back, Forward, a link), its field shows it.
    /// What is typed and not yet in the address stays until the figure of its own field changes.
    pub fn following(query: Memo<CompareQuery>, defaults: (i64, i64, i64)) -> Self {
        let field = |figure: fn(&CompareQuery) -> Option<i64>, default: i64| {
            let value = Memo::new(move |_| query.with(figure).unwrap_or(default));
            let text = RwSignal::new(value.get_untracked().to_string());
            Effect::new(move |_| {
                let value = value.get();
                if text.with_untracked(|t| whole_number(t)) != Some(value) {
                    text.set(value.to_string());
                }
            });
            text
        };
        Self {
            quantity: field(|q| q.quantity, defaults.0),
            km: field(|q| q.km, defaults.1),
            years: field(|q| q.years, defaults.2),
        }
    }

    /// Puts the figures typed into `query`; text that is no whole number stays in its field, with
    /// its message, and out of the address.
    pub fn write_to(self, query: &mut CompareQuery) {
        for (text, figure) in [
            (self.quantity, &mut query.quantity),
            (self.km, &mut query.km),
            (self.years, &mut query.years),
        ] {
            if let Some(n) = text.with_untracked(|t| whole_number(t)) {
                *figure = Some(n);
            }
        }
    }
}

/// Which usage fields are wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsageProblems {
    /// Not 1 to 999 vehicles.
    pub quantity: bool,
    /// Not 1 to 500,000 km.
    pub km: bool,
    /// Not 1 to 15 years.
    pub years: bool,
}

/// The usage the fields give, or which of them are wrong (text that is no whole number is out of
/// range too). Group separators are allowed: `45 000`, `45,000`.
pub fn check(quantity: &str, km: &str, years: &str) -> Result<Usage, UsageProblems> {
    let number = |text: &str| whole_number(text).unwrap_or(i64::MIN);
    Usage::new(number(quantity), number(km), number(years)).map_err(|errors| {
        let has = |f: fn(&UsageError) -> bool| errors.iter().any(f);
        UsageProblems {
            quantity: has(|e| matches!(e, UsageError::Quantity(_))),
            km: has(|e| matches!(e, UsageError::KmPerYear(_))),
            years: has(|e| matches!(e, UsageError::Years(_))),
        }
    })
}

/// The whole number a field gives, group separators allowed: `45 000`, `45,000`.
fn whole_number(text: &str) -> Option<i64> {
    text.trim()
        .replace([' ', ',', '\u{a0}'], "")
        .parse::<i64>()
        .ok()
}

/// The three fields, each with its label and its message.
#[component]
pub fn UsageForm(
    /// The fields' text.
    fields: UsageFields,
    /// Which are wrong.
    #[prop(into)]
    problems: Signal<UsageProblems>,
    /// A field was changed and left.
    on_commit: Callback<()>,
) -> impl IntoView {
    view! {
        <fieldset class="usage">
            <legend>{tr!(use_i18n(), compare.usage)}</legend>
            <UsageField id="compare-quantity" text=fields.quantity on_commit=on_commit wrong=Signal::derive(move || problems.get().quantity)
                label=|l| td_string!(l, summary.quantity) message=|l| td_string!(l, compare.quantity_invalid) />
            <UsageField id="compare-km" text=fields.km on_commit=on_commit wrong=Signal::derive(move || problems.get().km)
                label=|l| td_string!(l, compare.km_per_year) message=|l| td_string!(l, compare.km_invalid) />
            <UsageField id="compare-years" text=fields.years on_commit=on_commit wrong=Signal::derive(move || problems.get().years)
                label=|l| td_string!(l, compare.years) message=|l| td_string!(l, compare.years_invalid) />
        </fieldset>
    }
}

/// One field: a label, a text input that keeps what was typed, and what is wrong with it.
#[component]
fn UsageField(
    /// The input's id.
    id: &'static str,
    /// What is typed.
    text: RwSignal<String>,
    /// The text was changed and the field left.
    on_commit: Callback<()>,
    /// Whether it is wrong.
    wrong: Signal<bool>,
    /// The label's words.
    label: fn(Locale) -> &'static str,
    /// The message when it is wrong.
    message: fn(Locale) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    view! {
        <div class="usage-field">
            <label for=id>{move || label(i18n.get_locale())}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                size="8"
                aria-invalid=move || if wrong.get() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |_| on_commit.run(())
            />
            <p id=error_id class="field-error" role="alert">
                {move || wrong.get().then(|| message(i18n.get_locale()))}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{UsageProblems, check};

    #[test]
    fn each_wrong_field_is_named() {
        let usage = check("60", "45 000", "5").expect("a usage");
        assert_eq!(
            (usage.quantity().get(), usage.km_per_year(), usage.years()),
            (60, 45_000, 5)
        );
        assert_eq!(
            check("0", "-5", "40").err(),
            Some(UsageProblems {
                quantity: true,
                km: true,
                years: true
            })
        );
        assert_eq!(
            check("ten", "30000", "5").err(),
            Some(UsageProblems {
                quantity: true,
                ..UsageProblems::default()
            })
        );
    }
}
