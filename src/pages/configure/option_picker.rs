//! The configuration steps: trim, powertrain and each option group, as real radio groups
//! (single choice) and checkbox groups (multiple choice) with labels. Every choice shows its price
//! difference. A choice that changes earlier choices (another trim, another engine, options
//! removed) is offered all the same, its note saying what would change, and the page's conflict
//! dialog proposes those changes; only a choice impossible whatever the other choices is disabled,
//! with its reason ([`RowState`]). Choices go up as [`Choice`]s; the page decides.

use configurator_domain::{
    Availability, Choice, Configuration, Model, OptionId,
    catalog::{Group, GroupKind},
};
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;

use crate::{
    components::later::Later,
    format::MoneyUnit,
    i18n::{in_lang, t_string, tr, use_i18n, use_lang},
    pages::configure::option_row::{Item, Note, RowState},
    state::SharedCatalog,
};

/// Everything a step needs to render one model's choices.
#[derive(Clone)]
struct Ctx {
    data: SharedCatalog,
    model_index: usize,
    configuration: Signal<Configuration>,
    availability: Signal<Vec<(OptionId, Availability)>>,
    unit: Signal<MoneyUnit>,
    on_choice: Callback<Choice>,
}

impl Ctx {
    fn model(&self) -> Option<&Model> {
        self.data.catalog().models().get(self.model_index)
    }
}

/// The steps of configuring one model.
#[component]
pub fn OptionPicker(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
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
        model_index,
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
        <nav class="step-links no-print" aria-label=tr!(i18n, configure.steps_nav)>
            <ul>{links}</ul>
        </nav>
        <div class="steps" node_ref=root on:change=on_change>
            <Step ctx=ctx.clone() title=Signal::derive(move || t_string!(i18n, configure.trim).to_owned()) kind=StepKind::Trim />
            <Step ctx=ctx.clone() title=Signal::derive(move || t_string!(i18n, configure.powertrain).to_owned()) kind=StepKind::Powertrain />
            // The option groups are built in a task after the first two steps (see `Later`).
            <Later>
                {groups
                    .iter()
                    .enumerate()
                    .map(|(index, group)| {
                        let name = group.name.clone();
                        view! {
                            <Step ctx=ctx.clone() title=Signal::derive(in_lang(name)) kind=StepKind::Group(index) />
                        }
                    })
                    .collect_view()}
                <p class="visually-hidden">{tr!(i18n, configure.steps_hint)}</p>
            </Later>
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

impl StepKind {
    /// The rows of the step: fixed for the model.
    fn items(self, model: &Model) -> Vec<Item> {
        match self {
            StepKind::Trim => (0..model.trims().len()).map(Item::Trim).collect(),
            StepKind::Powertrain => (0..model.powertrains().len())
                .map(Item::Powertrain)
                .collect(),
            StepKind::Group(g) => model
                .groups()
                .get(g)
                .map(|group| group.options.clone().map(Item::Option).collect())
                .unwrap_or_default(),
        }
    }
}

/// One step: a fieldset with a legend and a radio or checkbox per choice.
#[component]
fn Step(ctx: Ctx, title: Signal<String>, kind: StepKind) -> impl IntoView {
    let model = ctx.model()?;
    let multi = match kind {
        StepKind::Group(g) => model
            .groups()
            .get(g)
            .is_some_and(|g| g.kind == GroupKind::Multi),
        _ => false,
    };
    let name = match kind {
        StepKind::Trim => "trim".to_owned(),
        StepKind::Powertrain => "powertrain".to_owned(),
        StepKind::Group(g) => format!("group-{g}"),
    };
    let rows = kind
        .items(model)
        .into_iter()
        .map(|item| row(&ctx, item, &name, multi))
        .collect_view();
    let step_id = format!("step-{name}");
    Some(view! {
        <fieldset class="step" class:multi=multi id=step_id>
            <legend>{title}</legend>
            {rows}
        </fieldset>
    })
}

/// One choice: a labelled radio or checkbox with its price difference, description and note.
fn row(ctx: &Ctx, item: Item, name: &str, multi: bool) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = use_lang();
    let (key, (title, description)) = ctx
        .model()
        .map(|m| (item.key(m), item.texts(m)))
        .unwrap_or_default();
    let state = Memo::new({
        let ctx = ctx.clone();
        move |_| {
            let model = ctx.model()?;
            ctx.configuration.with(|config| {
                ctx.availability
                    .with(|availability| Some(RowState::of(model, config, availability, item)))
            })
        }
    });
    let flag = move |f: fn(&RowState) -> bool| move || state.with(|s| s.as_ref().is_some_and(f));
    let unit = ctx.unit;
    let delta = move || {
        let delta = state.with(|s| s.as_ref().map(|s| s.delta))?;
        unit.with(|unit| delta.text(unit, lang(), i18n.get_locale()))
    };
    let data = ctx.data.clone();
    let model_index = ctx.model_index;
    let note = move || {
        state.with(|s| {
            let model = data.catalog().models().get(model_index)?;
            s.as_ref()?.note.text(model, lang(), i18n.get_locale())
        })
    };
    let note_id = format!("note-{}", key.replace([':', '.'], "-"));
    let described = note_id.clone();
    let has_note = move || state.with(|s| s.as_ref().is_some_and(|s| s.note != Note::Nothing));
    let on_choice = ctx.on_choice;
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
        <label class="option" class:disabled=flag(|s| s.disabled) class:warn=flag(RowState::changes_others)>
            <input
                type=if multi { "checkbox" } else { "radio" }
                name=name.to_owned()
                data-choice=key
                prop:checked=flag(|s| s.checked)
                disabled=flag(|s| s.disabled)
                aria-describedby=move || has_note().then(|| described.clone())
                on:change=choose
            />
            <span class="option-name">{in_lang(title)}</span>
            <span class="option-delta">{delta}</span>
            <span class="option-description">{move || description.as_ref().map(|d| d.get(lang()).to_owned())}</span>
            <span class="option-note" id=note_id>{note}</span>
        </label>
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
