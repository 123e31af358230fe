//! The embedding's pages, built into `dist/embed/`:
//! * `GET /embed?partner=ID&…`: the configurator alone, for a partner's `<iframe>`
//!   (`frame.html`). Only the origins of the partner named (and this server's own pages) may frame
//!   it; a missing or unknown partner is a small `400` page that no one may frame.
//! * `GET /embedding`: the documentation, with a live example of both ways to embed (`docs.html`).
//!
//! Both are revalidated every time, as the other pages. The other files of `dist/embed/` are the
//! static layer's; their CORS is [`super::cors::partner_reads`].

use axum::{
    Router,
    extract::{Query, Request, State, rejection::QueryRejection},
    http::StatusCode,
    middleware,
    response::{Html, IntoResponse as _, Response},
    routing::get,
};
use tower_http::services::ServeFile;

use super::{
    AppState,
    security::FramedBy,
    static_files::{built_file, cache_control, precompressed},
};
use crate::quote_requests::fields::quoted;

/// The iframe's page, in the front end's `dist/`.
const FRAME_PAGE: &str = "embed/frame.html";
/// The documentation's page, in the front end's `dist/`.
const DOCS_PAGE: &str = "embed/docs.html";
/// The pages of the embedding, whose inline scripts (if any) the policy admits by hash.
pub const EMBED_PAGES: [&str; 2] = [FRAME_PAGE, DOCS_PAGE];
/// The query parameter naming the partner whose page frames the configurator.
const PARTNER: &str = "partner";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/embed", get(frame))
        .route("/embedding", get(docs))
        .layer(middleware::from_fn(cache_control))
}

/// `frame.html`, which the partner named by `?partner=` may frame.
async fn frame(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    request: Request,
) -> Response {
    let named = query.ok().and_then(|Query(pairs)| {
        pairs
            .into_iter()
            .find_map(|(name, value)| (name == PARTNER).then_some(value))
    });
    let Some(partner) = named.as_deref().and_then(|id| state.data.partners.get(id)) else {
        return bad_partner(named.as_deref());
    };
    let origins = partner.allowed_origins.clone();
    let file = precompressed(ServeFile::new(state.dist_dir.join(FRAME_PAGE)));
    let mut response = built_file(file, request).await;
    response.extensions_mut().insert(FramedBy(origins));
    response
}

/// `docs.html`.
async fn docs(State(state): State<AppState>, request: Request) -> Response {
    let file = precompressed(ServeFile::new(state.dist_dir.join(DOCS_PAGE)));
    built_file(file, request).await
}

/// The `400` page for a missing (`None`) or unknown partner, quoting the value given.
fn bad_partner(value: Option<&str>) -> Response {
    let (title, detail) = match value {
        None => (
            "Missing partner",
            format!(
                "Missing query parameter {PARTNER}: the id of the partner whose page frames the \
                 configurator"
            ),
        ),
        Some(value) => (
            "Unknown partner",
            format!(
                "Unknown partner \"{}\" (query parameter {PARTNER})",
                escape_html(&quoted(value))
            ),
        ),
    };
    let page = format!(
        // An empty icon named: a page in a partner's frame shows none, and it costs no request.
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"icon\" href=\"data:,\"><p>{detail}</p></html>\n"
    );
    (StatusCode::BAD_REQUEST, Html(page)).into_response()
}

/// `text` safe in HTML text and attribute values.
pub(super) fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a('&')">"#),
            "&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;"
        );
        assert_eq!(escape_html("autosalon-kg"), "autosalon-kg");
    }
}
