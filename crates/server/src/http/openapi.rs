//! `GET /api/v1/openapi.json`: an OpenAPI 3.1 document of the API, generated from the handlers'
//! `#[utoipa::path]` annotations and the shared `api` types (the domain crate's `openapi`
//! feature derives their schemas), so it cannot drift from the code. It states what the server
//! enforces (lengths, counts, ranges, patterns, the catalog's markets) and every status each
//! operation can answer (`answers`); `scripts/hostile.sh` holds the server to it.

use std::collections::BTreeMap;

use axum::{Json, Router, extract::State, routing::get};
use configurator_domain::code;
use serde_json::Value;
use utoipa::{
    OpenApi,
    openapi::{
        Object, RefOr,
        schema::{Array, ArrayItems, Schema},
    },
};

use super::{
    AppState, availability, catalog, health, orders, partners, plan, quote_requests, quotes,
};
use crate::{data::Data, quote_requests::fields};

mod answers;

use answers::SharedAnswers;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi_json))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Vehicle configurator order API",
        description = "Catalog, quotes, availability, sessions, idempotent orders and the production plan. \
            Every non-2xx answer is `{ \"error\": { \"code\", \"message\", \"fields\"? } }`; request bodies refuse \
            unknown fields (a client cannot send a `price`) and are limited to 256 KiB."
    ),
    servers((url = "/api/v1")),
    paths(
        health::health,
        catalog::catalog,
        quotes::quote,
        availability::availability,
        availability::availability_of_configurations,
        availability::model_months,
        session_docs::login,
        session_docs::current,
        session_docs::logout,
        orders::create,
        orders::list,
        orders::one,
        orders::cancel,
        plan::plan,
        plan::plan_csv,
        quote_requests::create,
        quote_requests::list,
        quote_requests::update,
        partners::profile,
        openapi_json,
    ),
    components(schemas(configurator_domain::api::ErrorBody)),
    modifiers(&SessionCookie, &SharedAnswers),
    tags(
        (name = "catalog", description = "The vehicle catalog"),
        (name = "quotes", description = "Public prices and earliest build months"),
        (name = "session", description = "Logging in and out (an HttpOnly `session` cookie)"),
        (name = "orders", description = "Dealers' orders"),
        (name = "plan", description = "The production plan, for planners"),
        (name = "quote-requests", description = "Visitors' quote requests from partner sites (public, CORS for the partners' origins) and the partner's dealer's list"),
        (name = "partners", description = "The partner sites that embed the configurator (public, CORS for the partners' origins)"),
    )
)]
pub struct ApiDoc;

/// The session cookie as the security scheme of the endpoints that need a login.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
        let needs_login = [
            "/orders",
            "/orders/{id}",
            "/orders/{id}/cancel",
            "/plan",
            "/plan.csv",
        ];
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !needs_login.contains(&path.as_str()) {
                continue;
            }
            for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
                operation.security = Some(vec![SecurityRequirement::new(
                    "session",
                    Vec::<String>::new(),
                )]);
            }
        }
    }
}

/// The document, with what only the loaded data knows and the rules the server checks with a
/// pattern of its own (a quote request's contact, name and message): the catalog's markets and
/// the partners' ids as the only values of a `MarketId`, of a quote request's `partner` and of the
/// partner's `id` in `/partners/{id}`, and a real configuration code (the first model's default)
/// as the example of every `code`, so that a client generated from the document has one that works.
pub fn document(data: &Data) -> utoipa::openapi::OpenApi {
    let catalog = &data.catalog;
    let mut document = ApiDoc::openapi();
    let markets = catalog.markets().iter().map(|market| market.id.as_str());
    let partners: Vec<Value> = data
        .partners
        .all()
        .iter()
        .map(|partner| Value::from(partner.id.as_str()))
        .collect();
    let example_code: Vec<Value> = catalog
        .models()
        .first()
        .and_then(|model| code::encode(catalog, &model.default_configuration()).ok())
        .into_iter()
        .map(Value::from)
        .collect();
    if let Some(components) = document.components.as_mut() {
        let schemas = &mut components.schemas;
        if let Some(market) = object(schemas.get_mut("MarketId")) {
            market.enum_values = Some(markets.map(Value::from).collect());
        }
        if let Some(partner) = property(schemas, "QuoteRequestForm", "partner") {
            partner.enum_values = Some(partners.clone());
        }
        for (field, pattern) in [
            ("contact", fields::CONTACT_PATTERN),
            ("name", fields::NAME_PATTERN),
            ("message", fields::MESSAGE_PATTERN),
        ] {
            if let Some(field) = property(schemas, "QuoteRequestForm", field) {
                field.pattern = Some(pattern.to_owned());
            }
        }
        for request in ["LineRequest", "QuoteRequestForm"] {
            if let Some(code) = property(schemas, request, "code") {
                code.examples.clone_from(&example_code);
            }
        }
    }
    let mut code_pattern = None;
    if let Some(code) = parameter(&mut document, "/availability", "code") {
        code.examples.clone_from(&example_code);
        code_pattern.clone_from(&code.pattern);
    }
    // Each of several codes is checked as the single question's code: its pattern, its example.
    if let Some(code) = parameter_items(&mut document, "/availability/configurations", "code") {
        code.examples.clone_from(&example_code);
        code.pattern = code_pattern;
    }
    if let Some(id) = parameter(&mut document, "/partners/{id}", "id") {
        id.enum_values = Some(partners);
    }
    document
}

/// The object schema of the parameter `name` of `GET path`.
fn parameter<'a>(
    document: &'a mut utoipa::openapi::OpenApi,
    path: &str,
    name: &str,
) -> Option<&'a mut Object> {
    object(parameter_schema(document, path, name))
}

/// The object schema of the items of the array parameter `name` of `GET path`.
fn parameter_items<'a>(
    document: &'a mut utoipa::openapi::OpenApi,
    path: &str,
    name: &str,
) -> Option<&'a mut Object> {
    match parameter_schema(document, path, name)? {
        RefOr::T(Schema::Array(Array {
            items: ArrayItems::RefOrSchema(items),
            ..
        })) => object(Some(items.as_mut())),
        _ => None,
    }
}

/// The schema of the parameter `name` of `GET path`.
fn parameter_schema<'a>(
    document: &'a mut utoipa::openapi::OpenApi,
    path: &str,
    name: &str,
) -> Option<&'a mut RefOr<Schema>> {
    let item = document.paths.paths.get_mut(path)?;
    let parameters = item.get.as_mut()?.parameters.as_mut()?;
    let found = parameters.iter_mut().find(|p| p.name == name)?;
    found.schema.as_mut()
}

/// The object schema behind `schema`, if it is one written out (not a reference).
fn object(schema: Option<&mut RefOr<Schema>>) -> Option<&mut Object> {
    match schema? {
        RefOr::T(Schema::Object(object)) => Some(object),
        _ => None,
    }
}

/// The object schema of the property `name` of the component schema `component`.
fn property<'a>(
    schemas: &'a mut BTreeMap<String, RefOr<Schema>>,
    component: &str,
    name: &str,
) -> Option<&'a mut Object> {
    object(object(schemas.get_mut(component))?.properties.get_mut(name))
}

#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "catalog",
    responses((status = 200, description = "This document", content_type = "application/json", body = Object))
)]
async fn openapi_json(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(document(&state.data))
}

/// The session endpoints live in `session.rs`; their documentation lives here.
mod session_docs {
    use configurator_domain::api::{ErrorBody, LoginRequest, SessionResponse};

    #[utoipa::path(
        post,
        path = "/session",
        tag = "session",
        request_body = LoginRequest,
        responses(
            (status = 200, description = "Logged in; sets the `session` cookie", body = SessionResponse),
            (status = 401, description = "Wrong username or password", body = ErrorBody),
            (status = 429, description = "Too many failed attempts; see `Retry-After`", body = ErrorBody),
        )
    )]
    #[expect(dead_code, reason = "documentation only")]
    pub fn login() {}

    #[utoipa::path(
        get,
        path = "/session",
        tag = "session",
        responses(
            (status = 200, description = "The user behind the session cookie", body = SessionResponse),
            (status = 401, description = "No valid session", body = ErrorBody),
        )
    )]
    #[expect(dead_code, reason = "documentation only")]
    pub fn current() {}

    #[utoipa::path(
        delete,
        path = "/session",
        tag = "session",
        responses((status = 204, description = "Logged out; clears the cookie"))
    )]
    #[expect(dead_code, reason = "documentation only")]
    pub fn logout() {}
}
