//! The planner's view: `GET /api/v1/plan?from=…&to=…` (JSON) and `GET /api/v1/plan.csv` (the
//! same rows for a spreadsheet); without a range, the whole planning horizon. Planners only.
//!
//! The CSV is long-format, one row per month, line and model:
//! `month,line,capacity,allocated,utilisation_percent,model,units`. A month and line with nothing
//! planned has one row with an empty `model` and `units` 0, so every month and line appears;
//! `capacity`, `allocated` and `utilisation_percent` (two decimals, rounded down) repeat on each
//! of its rows. Sums of `units` per month and line equal `allocated`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::{
    Json, Router,
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::api::{PhaseStart, PlanResponse};
use configurator_plan::{MonthView, YearMonth};

use super::{AppState, Error};
use crate::{auth::Planner, planning::SyncError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plan", get(plan))
        .route("/plan.csv", get(plan_csv))
}

/// The CSV header.
pub const CSV_HEADER: &str = "month,line,capacity,allocated,utilisation_percent,model,units";

type RawQuery = Result<Query<BTreeMap<String, String>>, QueryRejection>;

/// The query of `GET /plan` and `GET /plan.csv`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the query for OpenAPI; parsed by hand to name fields"
)]
pub(super) struct PlanQuery {
    /// The first month, `YYYY-MM` (default: the plant's first month).
    #[param(pattern = r"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])$")]
    from: Option<String>,
    /// The last month, `YYYY-MM`, not before `from` (default: the end of the planning horizon).
    #[param(pattern = r"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])$")]
    to: Option<String>,
}

/// The months asked for, checked, with the calendar's bounds as defaults.
fn range(state: &AppState, query: RawQuery) -> Result<(YearMonth, YearMonth), Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    if let Some(unknown) = query.keys().find(|k| !["from", "to"].contains(&k.as_str())) {
        return Err(Error::field(
            unknown.clone(),
            "unknown parameter: expected `from` and `to`",
        ));
    }
    let calendar = &state.data.calendar;
    let month = |name: &str, default: YearMonth| match query.get(name) {
        None => Ok(default),
        Some(text) => text
            .parse::<YearMonth>()
            .map_err(|error| Error::field(name, error.to_string())),
    };
    let from = month("from", calendar.start())?;
    let to = month("to", calendar.end())?;
    if from > to {
        return Err(Error::field(
            "to",
            format!("`{to}` is before `from` `{from}`"),
        ));
    }
    Ok((from, to))
}

async fn view(state: &AppState, query: RawQuery) -> Result<PlanResponse, Error> {
    let (from, to) = range(state, query)?;
    state
        .plan
        .refresh(&state.db.pool)
        .await
        .map_err(plan_error)?;
    let months = state.plan.read(|plan| plan.months(from, to).collect());
    let calendar = &state.data.calendar;
    Ok(PlanResponse {
        calendar_version: calendar.version().to_owned(),
        from,
        to,
        today: state.clock.month(),
        frozen_months: calendar.frozen_months(),
        months,
        phases: calendar
            .phases()
            .iter()
            .map(|phase| PhaseStart {
                name: phase.name.clone(),
                first: phase.first,
            })
            .collect(),
    })
}

/// A plan that cannot be brought up to date: the database is down (`503`) or the plan no longer
/// reproduces the stored allocations (`500`, logged with the order line).
pub(super) fn plan_error(error: SyncError) -> Error {
    match error {
        SyncError::Database(error) => error.into(),
        other => Error::Internal(other.into()),
    }
}

#[utoipa::path(
    get,
    path = "/plan",
    tag = "plan",
    params(PlanQuery),
    responses(
        (status = 200, description = "Capacity and allocations per month and line", body = PlanResponse),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a planner", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "`from` or `to` at fault", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn plan(
    State(state): State<AppState>,
    _planner: Planner,
    query: RawQuery,
) -> Result<Json<PlanResponse>, Error> {
    view(&state, query).await.map(Json)
}

#[utoipa::path(
    get,
    path = "/plan.csv",
    tag = "plan",
    params(PlanQuery),
    responses(
        (status = 200, description = "`month,line,capacity,allocated,utilisation_percent,model,units`, one row per month, line and model", content_type = "text/csv", body = String),
        (status = 401, description = "Not logged in", body = configurator_domain::api::ErrorBody),
        (status = 403, description = "Not a planner", body = configurator_domain::api::ErrorBody),
        (status = 422, description = "`from` or `to` at fault", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn plan_csv(
    State(state): State<AppState>,
    _planner: Planner,
    query: RawQuery,
) -> Result<Response, Error> {
    let view = view(&state, query).await?;
    let filename = format!("plan-{}-{}.csv", view.from, view.to);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .map_err(|error| Error::Internal(error.into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv(&view.months),
    )
        .into_response())
}

/// The rows as CSV (ids and months need no quoting).
pub fn csv(months: &[MonthView]) -> String {
    let mut out = String::with_capacity(64 * (months.len() + 1));
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for month in months {
        let bp = month.utilisation_bp;
        let head = format!(
            "{},{},{},{},{}.{:02}",
            month.month,
            month.line,
            month.capacity,
            month.allocated,
            bp / 100,
            bp % 100
        );
        if month.per_model.is_empty() {
            let _ = write!(out, "{head},,0\r\n");
        }
        for (model, units) in &month.per_model {
            let _ = write!(out, "{head},{model},{units}\r\n");
        }
    }
    out
}
