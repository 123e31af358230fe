//! The built front end: hashed assets cached for a year, `index.html` revalidated every time, and
//! for every unknown path without a file extension, so that deep links work, the `index.html` of
//! the build that carries the page ([`Bundle`]: the back office's is in `dist/office/`, the
//! comparison's in `dist/compare-build/`). Files are
//! answered from their precompressed neighbours (`.br`, `.gz`, written by `scripts/build-front.sh`
//! at the highest settings) when the client accepts them; the compression layer then leaves them
//! alone, and compresses on the fly only what has no neighbour. The embedding's files under
//! `/embed/` keep stable names: they are revalidated every time. The catalog's, a model's and the
//! comparison's pages get their [first paint](super::first_paint) written into the `index.html`.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use configurator_domain::bundle::Bundle;

use super::first_paint::FirstPaint;
use crate::{auth::SessionCookie, data::Data};
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

/// A year: hashed file names change with their content, so they never go stale.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The `index.html` of each build, and what the first paint needs.
struct Indexes {
    public: ServeFile,
    compare: ServeFile,
    office: ServeFile,
    dist_dir: PathBuf,
    first_paint: FirstPaint,
    data: Arc<Data>,
    session: SessionCookie,
}

/// The `index.html` of `bundle` in `dist_dir`.
pub fn index_of(dist_dir: &Path, bundle: Bundle) -> PathBuf {
    dist_dir.join(bundle.folder()).join("index.html")
}

/// Serves `dist_dir`; the first paint of a model's page takes its texts from `data`'s catalog, and
/// none is written for a request with the `session` cookie.
pub fn service(dist_dir: &Path, data: Arc<Data>, session: SessionCookie) -> Router {
    let indexes = Arc::new(Indexes {
        public: precompressed(ServeFile::new(index_of(dist_dir, Bundle::Public))),
        compare: precompressed(ServeFile::new(index_of(dist_dir, Bundle::Compare))),
        office: precompressed(ServeFile::new(index_of(dist_dir, Bundle::Office))),
        dist_dir: dist_dir.to_owned(),
        first_paint: FirstPaint::new(),
        data,
        session,
    });
    let fallback = Router::new()
        .fallback(spa_fallback)
        .with_state(indexes.clone());
    Router::new()
        // Not the directory's `index.html` as it is: the catalog's first paint goes into it.
        .route("/", get(spa_fallback))
        .with_state(indexes)
        .fallback_service(
            ServeDir::new(dist_dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(true)
                .fallback(fallback),
        )
        .layer(middleware::from_fn(cache_control))
}

/// A built file, answered from its `.br` or `.gz` neighbour when the client accepts it.
pub(super) fn precompressed(file: ServeFile) -> ServeFile {
    file.precompressed_br().precompressed_gzip()
}

/// The answer of `file` to `request`; `503` naming the build script if it is missing.
pub(super) async fn built_file(file: ServeFile, request: Request) -> Response {
    match file.oneshot(request).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The front end is not built: run `scripts/build-front.sh` (see README.md).",
        )
            .into_response(),
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// The page's build's `index.html` for client-side routes; a plain 404 for a missing file.
async fn spa_fallback(State(indexes): State<Arc<Indexes>>, request: Request) -> Response {
    let path = request.uri().path();
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let bundle = Bundle::for_path(path);
    if bundle != Bundle::Office
        && let Some(painted) = indexes.first_paint.of(
            path,
            request.headers(),
            indexes.session,
            &indexes.data.catalog,
        )
        && let Ok(index) = tokio::fs::read_to_string(index_of(&indexes.dist_dir, bundle)).await
        && let Some(page) = painted.into_page(&index)
    {
        return page;
    }
    let index = match bundle {
        Bundle::Public => &indexes.public,
        Bundle::Compare => &indexes.compare,
        Bundle::Office => &indexes.office,
    };
    built_file(index.clone(), request).await
}

/// Sets `Cache-Control` by file kind on successful answers.
pub(super) async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let policy = if is_hashed_asset(path) && !path.starts_with("/embed/") {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let mut response = next.run(request).await;
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether a path names a file that Trunk fingerprinted (`app-0123456789abcdef_bg.wasm`). Trunk
/// writes the 64-bit hash without leading zeros, so it may be shorter than 16 digits.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let Some((_, tail)) = stem.rsplit_once('-') else {
        return false;
    };
    let hash = tail.split('_').next().unwrap_or_default();
    (10..=16).contains(&hash.len()) && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn fingerprinted_names_are_recognised() {
        assert!(is_hashed_asset("/configurator-0a1b2c3d4e5f6a7b_bg.wasm"));
        assert!(is_hashed_asset("/configurator-0a1b2c3d4e5f6a7b.js"));
        assert!(is_hashed_asset("/main-0a1b2c3d4e5f6a7b.css"));
        assert!(is_hashed_asset("/configurator-503f8bc29ece38c_bg.wasm"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/configure/cobalt"));
        assert!(!is_hashed_asset("/pre-heater.svg"));
    }
}
