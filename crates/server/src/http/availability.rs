//! Public availability, the earliest build months if ordered now, without booking anything:
//! `GET /api/v1/availability?code=…&quantity=…` for one configuration,
//! `GET /api/v1/availability/configurations?code=…&code=…&quantity=…` for up to
//! [`MAX_AVAILABILITY_CODES`] (the compare page's columns in one request; each answer is the one
//! the single question gives), and `GET /api/v1/availability/models` the first month of one
//! vehicle of every model (the catalog page's, in one request). Each brings this instance's plan
//! up to date with the database once, then reads it once. Availability is public, so it names
//! months only, never how many vehicles a month has room for.

use std::collections::BTreeMap;

use axum::{
    Json, Router,
    extract::{Query, State, rejection::QueryRejection},
    routing::get,
};
use configurator_domain::{
    ModelId, Quantity,
    api::{
        AvailabilityResponse, ConfigurationsAvailabilityResponse, MAX_AVAILABILITY_CODES,
        ModelMonthsResponse,
    },
    code,
};
use configurator_plan::{EarliestError, Plan, YearMonth};

use super::{AppState, Error, plan::plan_error};
use crate::data::Routing;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/availability", get(availability))
        .route(
            "/availability/configurations",
            get(availability_of_configurations),
        )
        .route("/availability/models", get(model_months))
}

/// Brings this instance's plan up to date with the database, and says which month it is.
async fn caught_up(state: &AppState) -> Result<YearMonth, Error> {
    state
        .plan
        .refresh(&state.db.pool)
        .await
        .map_err(plan_error)?;
    Ok(state.clock.month())
}

#[utoipa::path(
    get,
    path = "/availability/models",
    tag = "quotes",
    responses(
        (status = 200, description = "The month the first vehicle of each model would be built in, for one vehicle ordered now", body = ModelMonthsResponse),
    )
)]
pub(super) async fn model_months(
    State(state): State<AppState>,
) -> Result<Json<ModelMonthsResponse>, Error> {
    let today = caught_up(&state).await?;
    let first = state.plan.read(|plan| {
        state
            .data
            .routing
            .iter()
            .filter_map(|(model, routing)| {
                let earliest = plan.earliest(&routing.line, &routing.kit, 1, today).ok()?;
                Some((model.clone(), earliest.first))
            })
            .collect()
    });
    Ok(Json(ModelMonthsResponse { first }))
}

/// The query of `GET /availability`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query for OpenAPI; parsed by hand to name fields"
)]
pub(super) struct AvailabilityQuery {
    /// A configuration code (see `lines[i].code` of a quote).
    #[param(pattern = r"^[A-Za-z0-9_-]{14,720}$")]
    code: String,
    /// Vehicles, 1 to 999 (default 1).
    #[param(minimum = 1, maximum = 999)]
    quantity: Option<u32>,
}

#[utoipa::path(
    get,
    path = "/availability",
    tag = "quotes",
    params(AvailabilityQuery),
    responses(
        (status = 200, description = "The months the first and the last vehicle would be built in", body = AvailabilityResponse),
        (status = 422, description = "`code` or `quantity` at fault, or no room before the end of the planning horizon", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn availability(
    State(state): State<AppState>,
    query: Result<Query<BTreeMap<String, String>>, QueryRejection>,
) -> Result<Json<AvailabilityResponse>, Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    only_known(query.keys())?;
    let quantity = parse_quantity(query.get("quantity"))?;
    let text = query
        .get("code")
        .ok_or_else(|| Error::field("code", "missing: a configuration code"))?;
    let planned = check_code(&state, text).map_err(|message| Error::field("code", message))?;
    let today = caught_up(&state).await?;
    let answer = state
        .plan
        .read(|plan| earliest(plan, &planned, quantity, today))
        .map_err(|refusal| refusal.named("code"))?;
    Ok(Json(answer))
}

/// The query of `GET /availability/configurations`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query for OpenAPI; parsed by hand to name fields"
)]
pub(super) struct ConfigurationsQuery {
    /// 1 to 4 configuration codes, the parameter repeated (`code=…&code=…`), each as the `code`
    /// of `GET /availability`; the same code may come more than once. A bad one is named by
    /// its place: `code[1]`.
    #[param(style = Form, explode, min_items = 1, max_items = 4)]
    code: Vec<String>,
    /// Vehicles of each configuration, 1 to 999 (default 1), given once.
    #[param(minimum = 1, maximum = 999)]
    quantity: Option<u32>,
}

#[utoipa::path(
    get,
    path = "/availability/configurations",
    tag = "quotes",
    params(ConfigurationsQuery),
    responses(
        (status = 200, description = "For each code in order, what `GET /availability` answers for it and the quantity; `null` for one with no room before the end of the planning horizon", body = ConfigurationsAvailabilityResponse),
        (status = 422, description = "`code` (none, or more than 4), `code[i]` or `quantity` at fault", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn availability_of_configurations(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<ConfigurationsAvailabilityResponse>, Error> {
    let Query(pairs) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    only_known(pairs.iter().map(|(name, _)| name))?;
    // Only `code` and `quantity` are left.
    let (codes, quantities): (Vec<_>, Vec<_>) = pairs.iter().partition(|(name, _)| name == "code");
    let quantity = match quantities[..] {
        [] => Quantity::ONE,
        [(_, text)] => parse_quantity(Some(text))?,
        _ => {
            return Err(Error::field(
                "quantity",
                "given more than once: one quantity holds for every code",
            ));
        }
    };
    if !(1..=MAX_AVAILABILITY_CODES).contains(&codes.len()) {
        return Err(Error::field(
            "code",
            format!(
                "expected 1 to {MAX_AVAILABILITY_CODES} configuration codes, got `{}`",
                codes.len()
            ),
        ));
    }
    let planned = codes
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            check_code(&state, text).map_err(|message| Error::field(format!("code[{i}]"), message))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let today = caught_up(&state).await?;
    let configurations = state.plan.read(|plan| {
        planned
            .iter()
            .enumerate()
            .map(
                |(i, planned)| match earliest(plan, planned, quantity, today) {
                    Ok(answer) => Ok(Some(answer)),
                    // No room for this one: the others are answered all the same.
                    Err(Refusal::Quantity(_)) => Ok(None),
                    Err(refusal) => Err(refusal.named(&format!("code[{i}]"))),
                },
            )
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(Json(ConfigurationsAvailabilityResponse { configurations }))
}

/// Refuses any parameter but `code` and `quantity`, naming it.
fn only_known<'a>(mut names: impl Iterator<Item = &'a String>) -> Result<(), Error> {
    match names.find(|name| !["code", "quantity"].contains(&name.as_str())) {
        Some(unknown) => Err(Error::field(
            unknown.clone(),
            "unknown parameter: expected `code` and `quantity`",
        )),
        None => Ok(()),
    }
}

/// The quantity asked for: 1 when not given.
fn parse_quantity(text: Option<&String>) -> Result<Quantity, Error> {
    match text {
        None => Ok(Quantity::ONE),
        Some(text) => text.parse::<Quantity>().map_err(|_| {
            Error::field(
                "quantity",
                format!("expected 1 to {} vehicles, got `{text}`", Quantity::MAX),
            )
        }),
    }
}

/// A configuration code asked about: its model, and where that model is built.
struct Planned<'a> {
    model: ModelId,
    routing: &'a Routing,
}

/// The code `text`, decoded and found in the plant's routing; or why not, for the code's field.
fn check_code<'a>(state: &'a AppState, text: &str) -> Result<Planned<'a>, String> {
    let configuration =
        code::decode(&state.data.catalog, text).map_err(|error| error.to_string())?;
    let routing = state
        .data
        .routing
        .get(&configuration.model)
        .ok_or_else(|| format!("model `{}` is not planned", configuration.model))?;
    Ok(Planned {
        model: configuration.model,
        routing,
    })
}

/// Why a planned configuration has no build months, before the caller names the code's field.
enum Refusal {
    /// No month is open, or the plan cannot place the model: the code is named.
    Code(String),
    /// No room for the quantity before the end of the planning horizon: the quantity is named.
    Quantity(String),
}

impl Refusal {
    /// The `422`, naming `code_field` or `quantity`.
    fn named(self, code_field: &str) -> Error {
        match self {
            Self::Code(message) => Error::field(code_field, message),
            Self::Quantity(message) => Error::field("quantity", message),
        }
    }
}

/// The months the first and the last of `quantity` vehicles of `planned`, ordered in `today`,
/// would be built in, from `plan` as it stands.
fn earliest(
    plan: &Plan,
    planned: &Planned<'_>,
    quantity: Quantity,
    today: YearMonth,
) -> Result<AvailabilityResponse, Refusal> {
    let routing = planned.routing;
    let earliest = plan
        .earliest(&routing.line, &routing.kit, u32::from(quantity), today)
        // Public: say when, never how much room is left.
        .map_err(|error| match error {
            EarliestError::NoRoom { quantity, end, .. } => Refusal::Quantity(format!(
                "`{quantity}` vehicles cannot all be built before the end of the planning horizon \
                 `{end}`: order fewer, or split the order"
            )),
            EarliestError::PastHorizon { end, .. } => Refusal::Code(format!(
                "no build month is open: the planning horizon ends `{end}`"
            )),
            other => Refusal::Code(other.to_string()),
        })?;
    Ok(AvailabilityResponse {
        model: planned.model.clone(),
        quantity: u32::from(quantity),
        first: earliest.first,
        last: earliest.last,
    })
}
