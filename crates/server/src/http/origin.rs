//! Cross-site request refusal: a state-changing API request (`POST`, `PUT`, `PATCH`, `DELETE`) whose
//! `Origin` names another host than the one it was sent to is `403`, whatever cookies it carries.
//! The session cookie is `SameSite=Strict` already; this also covers requests without a body
//! (cancelling an order) and browsers or proxies that get SameSite wrong. Requests without an
//! `Origin` (dealer systems, scripts) pass: browsers send one on every cross-site request of
//! these methods.

use axum::{
    extract::Request,
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse as _, Response},
};

use super::Error;

/// Refuses a cross-site state-changing request.
pub async fn same_site_writes(request: Request, next: Next) -> Response {
    let writes = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if writes && !from_same_host(&request) {
        return Error::Forbidden("cross-site requests may not change anything here")
            .into_response();
    }
    next.run(request).await
}

/// Whether the request has no `Origin`, or one whose host and port are the `Host` it was sent to
/// (the scheme is left aside: a TLS proxy in front sees `https`, the server `http`).
fn from_same_host(request: &Request) -> bool {
    let headers = request.headers();
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
