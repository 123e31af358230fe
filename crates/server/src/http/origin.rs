//! Cross-site request refusal: a state-changing API request (`POST`, `PUT`, `PATCH`, `DELETE`) whose
//! `Origin` names another host than the one it was sent to is `403`, whatever cookies it carries.
//! The session cookie is `SameSite=Strict` already; this also covers requests without a body
//! (cancelling an order) and browsers or proxies that get SameSite wrong. Requests without an
//! `Origin` (dealer systems, scripts) pass: browsers send one on every cross-site request of
//! these methods.
//!
//! One exception, [`PARTNER_WRITES`]: the public quote requests are sent from partners' pages.
//! This layer lets them through to their handler, which applies [`check_partner_origin`] (the same
//! rule, plus the origins of the partner named in the body) before anything else: a foreign
//! origin that is no partner's is still `403`. Such requests carry no session: the cookie is never
//! sent cross-site, and these handlers do not read it.

use axum::{
    extract::Request,
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse as _, Response},
};

use super::Error;

/// The writes whose handler checks the `Origin` against the partners' allowed origins (paths
/// inside `/api/v1`).
pub const PARTNER_WRITES: [(Method, &str); 1] = [(Method::POST, "/quote-requests")];

/// Refuses a cross-site state-changing request.
pub async fn same_site_writes(request: Request, next: Next) -> Response {
    let writes = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    let partner_write = PARTNER_WRITES
        .iter()
        .any(|(method, path)| request.method() == method && request.uri().path() == *path);
    if writes && !partner_write && !from_same_host(request.headers()) {
        return cross_site().into_response();
    }
    next.run(request).await
}

fn cross_site() -> Error {
    Error::Forbidden("cross-site requests may not change anything here")
}

/// For the handlers of [`PARTNER_WRITES`]: passes a request without an `Origin`, from this host,
/// or from an origin `allowed` admits; refuses any other with the same `403` as the layer.
pub fn check_partner_origin(
    headers: &HeaderMap,
    allowed: impl Fn(&str) -> bool,
) -> Result<(), Error> {
    let partner = headers
        .get(header::ORIGIN)
        .and_then(|origin| origin.to_str().ok())
        .is_some_and(allowed);
    if partner || from_same_host(headers) {
        Ok(())
    } else {
        Err(cross_site())
    }
}

/// Whether the request has no `Origin`, or one whose host and port are the `Host` it was sent to
/// (the scheme is left aside: a TLS proxy in front sees `https`, the server `http`).
fn from_same_host(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, host)| host);
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    matches!((origin_host, host), (Some(origin), Some(host)) if origin.eq_ignore_ascii_case(host))
}
