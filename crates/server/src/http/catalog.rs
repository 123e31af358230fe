//! `GET /api/v1/catalog`: the catalog and each model's default configuration code, serialized once
//! at start-up, with a strong `ETag` and `304 Not Modified` on a matching `If-None-Match`.

use std::collections::BTreeMap;

use anyhow::Context as _;
use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::{Catalog, api::CatalogResponse, code};
use sha2::{Digest as _, Sha256};

use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/catalog", get(catalog))
}

/// The catalog's JSON and its entity tag, computed once.
#[derive(Debug, Clone)]
pub struct CatalogDocument {
    pub json: Bytes,
    /// A strong validator, quoted: `"3f2a…"` (SHA-256 of the JSON, 32 hex digits).
    pub etag: String,
}

impl CatalogDocument {
    /// Serializes `catalog` with every model's default configuration code.
    pub fn new(catalog: &Catalog) -> anyhow::Result<Self> {
        let mut default_codes = BTreeMap::new();
        for model in catalog.models() {
            let code = code::encode(catalog, &model.default_configuration())
                .with_context(|| format!("model `{}`: no code for its default", model.id()))?;
            default_codes.insert(model.id().clone(), code);
        }
        let response = CatalogResponse {
            catalog: catalog.clone(),
            default_codes,
        };
        let json = serde_json::to_vec(&response).context("cannot serialize the catalog")?;
        let digest = Sha256::digest(&json);
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self {
            json: Bytes::from(json),
            etag: format!("\"{hex}\""),
        })
    }
}

#[utoipa::path(
    get,
    path = "/catalog",
    tag = "catalog",
    params(("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier answer")),
    responses(
        (status = 200, description = "The catalog and each model's default code", body = CatalogResponse,
         headers(("ETag" = String, description = "Strong validator of the catalog"))),
        (status = 304, description = "The catalog has not changed since the ETag given"),
    )
)]
pub(super) async fn catalog(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let document = &state.catalog;
    let etag = HeaderValue::from_str(&document.etag).ok();
    let mut response = if matches(&headers, &document.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            document.json.clone(),
        )
            .into_response()
    };
    let response_headers = response.headers_mut();
    if let Some(etag) = etag {
        response_headers.insert(header::ETAG, etag);
    }
    // Revalidate every time: cheap with the ETag, and a new catalog is seen at once.
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header).
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}
