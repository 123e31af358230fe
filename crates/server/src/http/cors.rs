//! CORS for what partners' pages use of this server, only for the origins of
//! `data/partners.toml` ([`partner_origin`]: the one place of that rule):
//! * the public quote requests: a preflight from a partner's origin asking for `POST` with
//!   `Content-Type` is answered with that origin ([`preflight`]), and so is the request ([`allow`]);
//! * the reads of an embedded configurator ([`partner_reads`]): `GET` and `HEAD` of the catalog,
//!   of a partner's profile and of the files under `/embed/` (the module script, its glue and the
//!   wasm). These are simple requests: no preflight is needed, and none is answered.
//!
//! Any other origin gets no CORS header at all (so the browser keeps the answer from the page). No
//! credentials are ever allowed: these requests carry no session. Every answer says
//! `Vary: Origin`, since it depends on it.
//!
//! Written here rather than with `tower_http::cors`, whose preflight answer lists the allowed
//! methods and headers whatever the origin.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse as _, Response},
};

use crate::{data::Data, partners::Partners};

/// How long a browser may reuse a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// The request's `Origin` if some partner's pages may be served from it.
pub fn partner_origin(headers: &HeaderMap, partners: &Partners) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    partners
        .any_allows_origin(origin.to_str().ok()?)
        .then(|| origin.clone())
}

/// The answer to an `OPTIONS` preflight: `204`, with the CORS headers only for a partner's origin
/// asking for `POST` and at most the `Content-Type` header.
pub fn preflight(headers: &HeaderMap, partners: &Partners) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let wants_post = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .is_some_and(|method| method.as_bytes() == Method::POST.as_str().as_bytes());
    let headers_ok = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .is_none_or(only_content_type);
    let allowed = partner_origin(headers, partners).filter(|_| wants_post && headers_ok);
    let answer = response.headers_mut();
    answer.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed {
        answer.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        answer.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST"),
        );
        answer.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Content-Type"),
        );
        answer.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(PREFLIGHT_MAX_AGE),
        );
    }
    response
}

/// `Access-Control-Request-Headers` naming nothing but `content-type` (any case, any spacing).
fn only_content_type(requested: &HeaderValue) -> bool {
    requested.to_str().is_ok_and(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .all(|name| name.eq_ignore_ascii_case("content-type"))
    })
}

/// `response` readable by the page at `origin` (a partner's, from [`partner_origin`]), its
/// `Retry-After` too.
pub fn allow(response: Response, origin: Option<HeaderValue>) -> Response {
    let exposed = origin.is_some();
    let mut response = readable_by(response, origin);
    if exposed {
        response.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After"),
        );
    }
    response
}

/// `response` readable by the page at `origin` (a partner's, from [`partner_origin`]).
fn readable_by(mut response: Response, origin: Option<HeaderValue>) -> Response {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    response
}

/// Makes the answers to [`is_partner_read`] requests readable by the partners' pages: every one of
/// them, `304 Not Modified` and errors included.
pub async fn partner_reads(
    State(data): State<Arc<Data>>,
    request: Request,
    next: Next,
) -> Response {
    if !is_partner_read(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let origin = partner_origin(request.headers(), &data.partners);
    readable_by(next.run(request).await, origin)
}

/// Whether an embedded configurator on a partner's page reads `path` (the whole path, `/api/v1`
/// included) with `method`.
fn is_partner_read(method: &Method, path: &str) -> bool {
    let read = *method == Method::GET || *method == Method::HEAD;
    read && (path == "/api/v1/catalog"
        || path.starts_with("/api/v1/partners/")
        || path.starts_with("/embed/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_configurators_reads_are_recognised() {
        for path in [
            "/api/v1/catalog",
            "/api/v1/partners/autosalon-kg",
            "/embed/embed.js",
            "/embed/configurator_embed_bg.wasm",
        ] {
            assert!(is_partner_read(&Method::GET, path), "{path}");
            assert!(is_partner_read(&Method::HEAD, path), "{path}");
            assert!(!is_partner_read(&Method::POST, path), "{path}");
            assert!(!is_partner_read(&Method::OPTIONS, path), "{path}");
        }
        for path in [
            "/api/v1/orders",
            "/api/v1/catalogue",
            "/api/v1/session",
            "/embed",
            "/embedding",
            "/",
        ] {
            assert!(!is_partner_read(&Method::GET, path), "{path}");
        }
    }
}
