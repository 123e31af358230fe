//! `GET /api/v1/openapi.json`: an OpenAPI 3.1 document of the API, generated from the handlers'
//! `#[utoipa::path]` annotations and the shared `api` types (the domain crate's `openapi`
//! feature derives their schemas), so it cannot drift from the code. Built once, on first use.

use std::sync::OnceLock;

use axum::{Json, Router, routing::get};
use utoipa::OpenApi;

use super::{AppState, catalog, health, orders, plan, quotes};

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
        quotes::availability,
        quotes::model_months,
        session_docs::login,
        session_docs::current,
        session_docs::logout,
        orders::create,
        orders::list,
        orders::one,
        orders::cancel,
        plan::plan,
        plan::plan_csv,
        openapi_json,
    ),
    components(schemas(configurator_domain::api::ErrorBody)),
    modifiers(&SessionCookie),
    tags(
        (name = "catalog", description = "The vehicle catalog"),
        (name = "quotes", description = "Public prices and earliest build months"),
        (name = "session", description = "Logging in and out (an HttpOnly `session` cookie)"),
        (name = "orders", description = "Dealers' orders"),
        (name = "plan", description = "The production plan, for planners"),
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

/// The document, built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(ApiDoc::openapi)
}

#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "catalog",
    responses((status = 200, description = "This document", content_type = "application/json", body = Object))
)]
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
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
