//! The configurator of one model: the page's state and hooks, the prices, availability and code
//! derived from it (`Memo`s over domain calls, recomputed on every click), and the view.

use leptos::prelude::*;

use super::{
    editing::Editing,
    feedback::{ChoiceFeedback, ProblemLine},
    option_picker::OptionPicker,
    pricing::{Pricing, use_pricing},
    summary::Summary,
    use_conflict::use_conflict,
    use_history::use_history,
    use_url_sync::use_url_sync,
};
use crate::{
    components::{description::model_description, later::Later},
    format,
    i18n::{in_lang, tr, use_i18n, use_lang},
    navigation::use_route,
    route::Route,
    state::{SharedCatalog, use_app_state},
};

/// The configurator of the model at `model_index` of the catalog, opened at the current address.
#[component]
pub fn Configurator(
    /// The catalog.
    data: SharedCatalog,
    /// The model's index in the catalog.
    model_index: usize,
) -> impl IntoView {
    let model = data.catalog().models().get(model_index).cloned()?;
    let (url_code, url_quantity) = match use_route().get_untracked() {
        Route::Configure { code, quantity, .. } => (code, quantity),
        _ => (None, None),
    };
    let editing = Editing::open(&data, &model, url_code.as_deref(), url_quantity);
    let code = editing.code(&data);
    let sync = use_url_sync(
        model.id().clone(),
        data.default_code(model.id()).map(str::to_owned),
        code,
        editing.quantity,
    );
    use_history(data.clone(), model.clone(), editing, sync, code);
    let conflict = use_conflict(model.clone(), editing);
    let i18n = use_i18n();
    let lang = use_lang();
    let app = use_app_state();
    let Editing {
        configuration,
        quantity,
        quantity_ok,
        problem,
        ..
    } = editing;
    let market = Memo::new({
        let data = data.clone();
        move |_| app.market_in(data.catalog())
    });
    let Pricing {
        unit,
        availability,
        quote,
        price_change,
    } = use_pricing(
        &data,
        model_index,
        editing,
        market.into(),
        app.currency.into(),
    );
    let total_text = move || {
        quote.with(|q| {
            q.as_ref().map_or_else(
                || "—".to_owned(),
                |q| format::money(q.total, q.minor_digits, q.currency.as_str(), lang()),
            )
        })
    };
    let name = model.name().clone();
    let description = model_description(&model, "model-description");
    // Each part built later keeps its own handle on the catalog.
    let (summary_data, feedback_data) = (data.clone(), data.clone());
    Some(view! {
        <h1>{in_lang(name)}</h1>
        {description}
        <ProblemLine problem=problem />
        <div class="configure">
            <OptionPicker
                data=data.clone()
                model_index=model_index
                configuration=configuration
                availability=availability
                unit=unit
                on_choice=conflict.on_choice
            />
            // Built after the steps, each in a task of its own (see `Later`).
            <Later>
                <Summary
                    data=summary_data.clone()
                    model_index=model_index
                    configuration=configuration
                    quantity=quantity
                    quantity_ok=quantity_ok
                    quote=quote
                    code=code
                />
            </Later>
        </div>
        <Later>
            // On a narrow screen the summary is below the steps: the total stays in sight.
            <p class="mobile-total no-print">
                <span>{tr!(i18n, price.total)} " "</span>
                <strong>{total_text}</strong>
                " "
                <a href="#summary" target="_self">{tr!(i18n, summary.title)}</a>
            </p>
            <ChoiceFeedback data=feedback_data.clone() model_index=model_index editing=editing conflict=conflict price_change=price_change />
        </Later>
    })
}
