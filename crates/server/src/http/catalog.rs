//! `GET /api/v1/catalog`: the catalog and each model's default configuration code, in every
//! language or (`?lang=ky`) in the reader's alone, each serialized once at start-up, with a strong
//! `ETag` and `304 Not Modified` on a matching `If-None-Match`.

use std::collections::BTreeMap;

use anyhow::Context as _;
use axum::{
    Router,
    body::Bytes,
    extract::{Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::{Catalog, Lang, ModelId, api::CatalogResponse, code};
use sha2::{Digest as _, Sha256};

use super::{AppState, error::Error};

pub fn router() -> Router<AppState> {
    Router::new().route("/catalog", get(catalog))
}

/// The catalog's answers, computed once: every language, and each language alone.
#[derive(Debug, Clone)]
pub struct CatalogDocument {
    /// The answer without `lang`: every text in all four languages.
    every_language: Serialized,
    /// The answers of `?lang=`, in the order of [`Lang::ALL`].
    by_language: Vec<(Lang, Serialized)>,
}

/// One answer's JSON and its entity tag.
#[derive(Debug, Clone)]
struct Serialized {
    json: Bytes,
    /// A strong validator, quoted: `"3f2a…"` (SHA-256 of the JSON, 32 hex digits).
    etag: String,
}

impl CatalogDocument {
    /// Serializes `catalog` with every model's default configuration code, whole and in each
    /// language.
    pub fn new(catalog: &Catalog) -> anyhow::Result<Self> {
        let mut default_codes = BTreeMap::new();
        for model in catalog.models() {
            let code = code::encode(catalog, &model.default_configuration())
                .with_context(|| format!("model `{}`: no code for its default", model.id()))?;
            default_codes.insert(model.id().clone(), code);
        }
        let every_language = Serialized::new(catalog.clone(), default_codes.clone())?;
        let by_language = Lang::ALL
            .into_iter()
            .map(|lang| {
                let only = catalog
                    .in_language(lang)
                    .with_context(|| format!("the catalog in `{lang}` is not valid"))?;
                Ok((lang, Serialized::new(only, default_codes.clone())?))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            every_language,
            by_language,
        })
    }

    /// The answer for `lang`, or for every language.
    fn answer(&self, lang: Option<Lang>) -> &Serialized {
        lang.and_then(|lang| {
            self.by_language
                .iter()
                .find(|(own, _)| *own == lang)
                .map(|(_, answer)| answer)
        })
        .unwrap_or(&self.every_language)
    }
}

impl Serialized {
    fn new(catalog: Catalog, default_codes: BTreeMap<ModelId, String>) -> anyhow::Result<Self> {
        let response = CatalogResponse {
            catalog,
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
    params(
        ("lang" = inline(Option<Lang>), Query,
         description = "Only this language's texts (each text then has that one key); every language when absent"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier answer"),
    ),
    responses(
        (status = 200, description = "The catalog and each model's default code", body = CatalogResponse,
         headers(("ETag" = String, description = "Strong validator of this answer (each language has its own)"))),
        (status = 304, description = "The catalog has not changed since the ETag given"),
        (status = 422, description = "`lang` is not one of the catalog's languages", body = configurator_domain::api::ErrorBody),
    )
)]
pub(super) async fn catalog(
    State(state): State<AppState>,
    query: Result<Query<BTreeMap<String, String>>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let Query(query) = query.map_err(|error| Error::BadRequest(error.body_text()))?;
    let lang = query
        .get("lang")
        .map(|text| text.parse::<Lang>())
        .transpose()
        .map_err(|error| Error::field("lang", error.to_string()))?;
    let document = state.catalog.answer(lang);
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
    // Revalidate every time: cheap with the ETag, and a new catalog is seen at once. Each
    // language is its own URL, so caches keep them apart without a `Vary` on a header.
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
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
