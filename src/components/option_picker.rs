//! The configuration steps: trim, powertrain and each option group, as real radio groups
//! (single choice) and checkbox groups (multiple choice) with labels. Every choice shows its price
//! difference; an option not offered stays visible, disabled, with its reason; an option whose
//! choice changes other choices says so. Choices go up as [`Choice`]s; the page decides.

use configurator_domain::{
    Availability, Choice, Configuration, Model, OptionId, Reason,
    catalog::{Group, GroupKind},
};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use crate::{
    format::MoneyUnit,
    i18n::{t, t_string, use_i18n, use_lang},
    state::Shared,
};

/// Everything a step needs to render one model's choices.
#[derive(Clone)]
struct Ctx {
    data: Shared,
    model: usize,
    configuration: Signal<Configuration>,
    availability: Signal<Vec<(OptionId, Availability)>>,
    unit: Signal<MoneyUnit>,
    on_choice: Callback<Choice>,
}

impl Ctx {
    fn model(&self) -> Option<&Model> {
        self.data.catalog().models().get(self.model)
    }
}

/// The steps of configuring one model.
#[component]
pub fn OptionPicker(
    /// The catalog.
    data: Shared,
    /// The model's index in the catalog.
    model: usize,
    /// The current configuration (always valid).
    #[prop(into)]
    configuration: Signal<Configuration>,
    /// The availability of every option in the current configuration.
    #[prop(into)]
    availability: Signal<Vec<(OptionId, Availability)>>,
    /// The currency price differences are shown in.
    #[prop(into)]
    unit: Signal<MoneyUnit>,
    /// Called with each choice the user makes.
    on_choice: Callback<Choice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx {
        data,
        model,
        configuration,
        availability,
        unit,
        on_choice,
    };
    let m = ctx.model()?;
    let groups: Vec<Group> = m.groups().to_vec();
    let root = NodeRef::<leptos::html::Div>::new();
    // After every choice the browser has already ticked or unticked the input (and, for a radio,
    // unticked its group); put the inputs of that group back to what the configuration says (a
    // choice may be waiting in the conflict dialog, or refused).
    let on_change = move |ev: web_sys::Event| {
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.name());
        if let (Some(root), Some(name)) = (root.get_untracked(), name) {
            configuration.with_untracked(|config| resync(&root, &name, config));
        }
    };
    let lang = use_lang();
    let links = {
        let groups = groups.clone();
        move || {
            let mut links = vec![
                (
                    "#step-trim".to_owned(),
                    t_string!(i18n, configure.trim).to_owned(),
                ),
                (
                    "#step-powertrain".to_owned(),
                    t_string!(i18n, configure.powertrain).to_owned(),
                ),
            ];
            links.extend(groups.iter().enumerate().map(|(g, group)| {
                (
                    format!("#step-group-{g}"),
                    group.name.get(lang()).to_owned(),
                )
            }));
            links
                .into_iter()
                // `target="_self"`: the browser moves to the step itself (and focus with it).
                .map(|(href, name)| view! { <li><a href=href target="_self">{name}</a></li> })
                .collect_view()
        }
    };
    Some(view! {
        <div class="picker">
        <nav class="step-links no-print" aria-label=move || t_string!(i18n, configure.steps_nav)>
            <ul>{links}</ul>
        </nav>
        <div class="steps" node_ref=root on:change=on_change>
            <Step ctx=ctx.clone() title=Signal::derive(move || t_string!(i18n, configure.trim).to_owned()) kind=StepKind::Trim />
            <Step ctx=ctx.clone() title=Signal::derive(move || t_string!(i18n, configure.powertrain).to_owned()) kind=StepKind::Powertrain />
            {groups
                .into_iter()
                .enumerate()
                .map(|(index, group)| {
                    let name = group.name.clone();
                    view! {
                        <Step ctx=ctx.clone() title=Signal::derive(move || name.get(lang()).to_owned()) kind=StepKind::Group(index) />
                    }
                })
                .collect_view()}
            <p class="visually-hidden">{t!(i18n, configure.steps_hint)}</p>
        </div>
        </div>
    })
}

/// Which choices a step offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepKind {
    Trim,
    Powertrain,
    Group(usize),
}

/// One entry of a step.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// `trim:ls`, `powertrain:1.5at`, `option:winter`: what the input stands for.
    key: String,
    name: String,
    description: Option<String>,
    checked: bool,
    disabled: bool,
    /// Price difference, already formatted; `None` when there is nothing to say.
    delta: Option<String>,
    /// Why the entry is disabled, or what choosing it changes.
    note: Option<String>,
    /// Whether the note warns that other choices change.
    changes_others: bool,
}

/// One step: a fieldset with a legend and a radio or checkbox per entry.
#[component]
fn Step(ctx: Ctx, title: Signal<String>, kind: StepKind) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let ctx2 = ctx.clone();
    let multi = match kind {
        StepKind::Group(g) => ctx
            .model()
            .and_then(|m| m.groups().get(g))
            .is_some_and(|g| g.kind == GroupKind::Multi),
        _ => false,
    };
    let name = match kind {
        StepKind::Trim => "trim".to_owned(),
        StepKind::Powertrain => "powertrain".to_owned(),
        StepKind::Group(g) => format!("group-{g}"),
    };
    let entries = Memo::new(move |_| {
        let locale = i18n.get_locale();
        entries(&ctx2, kind, lang(), locale)
    });
    let on_choice = ctx.on_choice;
    let step_id = format!("step-{name}");
    view! {
        <fieldset class="step" class:multi=multi id=step_id>
            <legend>{title}</legend>
            <For
                each=move || entries.with(|es| es.iter().map(|e| e.key.clone()).collect::<Vec<_>>())
                key=|key| key.clone()
                children=move |key: String| {
                    let entry = Memo::new({
                        let key = key.clone();
                        move |_| entries.with(|es| es.iter().find(|e| e.key == key).cloned())
                    });
                    let field = move |f: fn(&Entry) -> Option<String>| {
                        move || entry.with(|e| e.as_ref().and_then(f))
                    };
                    let flag = move |f: fn(&Entry) -> bool| move || entry.with(|e| e.as_ref().is_some_and(f));
                    let note_id = format!("note-{}", key.replace([':', '.'], "-"));
                    let described = note_id.clone();
                    let choose = {
                        let key = key.clone();
                        move |ev: web_sys::Event| {
                            let checked = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                .is_some_and(|i| i.checked());
                            if let Some(choice) = choice_of(&key, checked) {
                                on_choice.run(choice);
                            }
                        }
                    };
                    view! {
                        <label class="option" class:disabled=flag(|e| e.disabled) class:warn=flag(|e| e.changes_others)>
                            <input
                                type=if multi { "checkbox" } else { "radio" }
                                name=name.clone()
                                data-choice=key.clone()
                                prop:checked=flag(|e| e.checked)
                                disabled=flag(|e| e.disabled)
                                aria-describedby=move || entry.with(|e| e.as_ref().and_then(|e| e.note.as_ref()).map(|_| described.clone()))
                                on:change=choose
                            />
                            <span class="option-name">{field(|e| Some(e.name.clone()))}</span>
                            <span class="option-delta">{field(|e| e.delta.clone())}</span>
                            <span class="option-description">{field(|e| e.description.clone())}</span>
                            <span class="option-note" id=note_id>{field(|e| e.note.clone())}</span>
                        </label>
                    }
                }
            />
        </fieldset>
    }
}

/// The choice an input stands for, given whether it is now checked. (Every single-choice group of
/// the catalog is required, so a radio is only ever chosen, never cleared.)
fn choice_of(key: &str, checked: bool) -> Option<Choice> {
    let (kind, id) = key.split_once(':')?;
    match (kind, checked) {
        ("trim", true) => id.parse().ok().map(Choice::Trim),
        ("powertrain", true) => id.parse().ok().map(Choice::Powertrain),
        ("option", true) => id.parse().ok().map(Choice::Select),
        ("option", false) => id.parse().ok().map(Choice::Deselect),
        _ => None,
    }
}

/// Sets the `checked` of the inputs named `name` from the configuration.
fn resync(root: &web_sys::HtmlDivElement, name: &str, config: &Configuration) {
    let Ok(inputs) = root.query_selector_all(&format!("input[name=\"{name}\"]")) else {
        return;
    };
    for i in 0..inputs.length() {
        let Some(input) = inputs
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        let key = input.get_attribute("data-choice").unwrap_or_default();
        input.set_checked(is_chosen(&key, config));
    }
}

/// Whether the input `key` is chosen in `config`.
fn is_chosen(key: &str, config: &Configuration) -> bool {
    match key.split_once(':') {
        Some(("trim", id)) => config.trim.as_str() == id,
        Some(("powertrain", id)) => config.powertrain.as_str() == id,
        Some(("option", id)) => config.options.iter().any(|o| o.as_str() == id),
        _ => false,
    }
}

/// The entries of a step in the current state (read in place: a click recomputes every step).
fn entries(
    ctx: &Ctx,
    kind: StepKind,
    lang: configurator_domain::Lang,
    locale: crate::i18n::Locale,
) -> Vec<Entry> {
    let Some(model) = ctx.model() else {
        return Vec::new();
    };
    ctx.configuration.with(|config| {
        ctx.availability.with(|availability| {
            ctx.unit.with(|unit| {
                let state = StepState {
                    model,
                    config,
                    availability,
                    unit,
                };
                state.entries(kind, lang, locale)
            })
        })
    })
}

/// What the entries of a step are made from.
struct StepState<'a> {
    model: &'a Model,
    config: &'a Configuration,
    availability: &'a [(OptionId, Availability)],
    unit: &'a MoneyUnit,
}

impl StepState<'_> {
    /// The entries of a step.
    fn entries(
        &self,
        kind: StepKind,
        lang: configurator_domain::Lang,
        locale: crate::i18n::Locale,
    ) -> Vec<Entry> {
        let StepState {
            model,
            config,
            availability,
            unit,
        } = *self;
        let delta = |cents: i64| (cents != 0).then(|| unit.show_delta(cents, lang));
        let describe_all = |reasons: &[Reason]| {
            reasons
                .iter()
                .map(|r| r.describe(model, lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        match kind {
            StepKind::Trim => {
                let current = model.trim(&config.trim).map_or(0, |t| t.price);
                model
                    .trims()
                    .iter()
                    .map(|t| Entry {
                        key: format!("trim:{}", t.id),
                        name: t.name.get(lang).to_owned(),
                        description: t.description.as_ref().map(|d| d.get(lang).to_owned()),
                        checked: t.id == config.trim,
                        disabled: false,
                        delta: delta(t.price - current),
                        note: None,
                        changes_others: false,
                    })
                    .collect()
            }
            StepKind::Powertrain => {
                let current = model.powertrain(&config.powertrain).map_or(0, |p| p.price);
                model
                    .powertrains()
                    .iter()
                    .map(|p| {
                        let offered = model.powertrain_offered(&p.id, &config.trim);
                        let note = (!offered).then(|| {
                            let reason = Reason::NotOnTrim {
                                trim: config.trim.clone(),
                            };
                            format!(
                                "{} — {}",
                                reason.describe(model, lang),
                                crate::i18n::td_string!(locale, configure.changes_trim)
                            )
                        });
                        Entry {
                            key: format!("powertrain:{}", p.id),
                            name: p.name.get(lang).to_owned(),
                            description: p.description.as_ref().map(|d| d.get(lang).to_owned()),
                            checked: p.id == config.powertrain,
                            disabled: false,
                            delta: delta(p.price - current),
                            changes_others: note.is_some(),
                            note,
                        }
                    })
                    .collect()
            }
            StepKind::Group(g) => {
                let Some(group) = model.groups().get(g) else {
                    return Vec::new();
                };
                let options = model.group_options(group);
                let single = group.kind == GroupKind::Single;
                let current = options
                    .iter()
                    .find(|o| single && config.options.contains(&o.id))
                    .map_or(0, |o| o.price);
                let included = |id: &OptionId| {
                    config.options.iter().any(|chosen| {
                        model
                            .option(chosen)
                            .is_some_and(|o| o.includes.contains(id))
                    })
                };
                options
                    .iter()
                    .map(|o| {
                        let checked = config.options.contains(&o.id);
                        let status = availability
                            .iter()
                            .find(|(id, _)| id == &o.id)
                            .map(|(_, a)| a.clone())
                            .unwrap_or(Availability::Available);
                        let (disabled, note, changes_others) = match &status {
                            Availability::Available => (false, None, false),
                            Availability::Conflicts(reasons) => (
                                false,
                                Some(format!(
                                    "{}: {}",
                                    crate::i18n::td_string!(locale, configure.changes_others),
                                    describe_all(reasons)
                                )),
                                true,
                            ),
                            Availability::Unavailable(reasons) => (
                                true,
                                Some(format!(
                                    "{}: {}",
                                    crate::i18n::td_string!(locale, configure.not_available),
                                    describe_all(reasons)
                                )),
                                false,
                            ),
                        };
                        let is_included = checked && included(&o.id);
                        Entry {
                            key: format!("option:{}", o.id),
                            name: o.name.get(lang).to_owned(),
                            description: o.description.as_ref().map(|d| d.get(lang).to_owned()),
                            checked,
                            disabled: disabled && !checked,
                            delta: if is_included {
                                Some(crate::i18n::td_string!(locale, configure.included).to_owned())
                            } else if single {
                                delta(o.price - current)
                            } else {
                                delta(o.price)
                            },
                            note,
                            changes_others,
                        }
                    })
                    .collect()
            }
        }
    }
}
