//! Security headers on every response:
//! * `Content-Security-Policy`: everything from this origin only; scripts and styles also by the
//!   hash of each inline `<script>` and `<style>` of the builds' `index.html` files (Trunk's loader,
//!   the style sheet written into the page), and `'wasm-unsafe-eval'` to compile the wasm; no
//!   plugins, no `<base>`, and no framing (`frame-ancestors 'none'`);
//! * `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
//!   `Cross-Origin-Opener-Policy: same-origin`;
//! * `Strict-Transport-Security` when browsers reach the server over HTTPS only (`--secure-cookies`).
//!
//! The hashes change with every build: the policy is worked out again when an `index.html` has
//! changed (its modification time, looked at once a second at most, not on every answer), so a
//! front end rebuilt under a running server still starts. The embedding's pages
//! (`dist/embed/frame.html`, `docs.html`) are read the same way, should they ever carry an inline
//! script or style. A response that sets its own policy keeps it; one that carries [`FramedBy`]
//! gets the same policy but for `frame-ancestors 'self'` and the origins it names (the `/embed`
//! page in a partner's `<iframe>`).
//!
//! No `Cross-Origin-Resource-Policy` or `Cross-Origin-Embedder-Policy` is sent: the partners'
//! pages load the files under `/embed/` and read the catalog cross-origin, which CORS alone admits.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant, SystemTime},
};

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine as _, engine::general_purpose::STANDARD};
use configurator_domain::bundle::Bundle;
use sha2::{Digest as _, Sha256};

use super::{embed::EMBED_PAGES, static_files::index_of};

/// The policy's parts other than the inline scripts' and styles' hashes and `frame-ancestors`.
const POLICY_HEAD: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const POLICY_STYLES: &str = "; style-src 'self'";
const POLICY_TAIL: &str = "; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'";
/// Who may frame a page: no one, unless its response carries [`FramedBy`].
const NO_FRAMING: &str = "; frame-ancestors 'none'";

/// A response extension: the page may be framed by this server's own pages and by pages of these
/// origins (checked `scheme://host[:port]`, as `data/partners.toml` has them).
#[derive(Debug, Clone)]
pub struct FramedBy(pub Vec<String>);

/// The headers, with the policy of the builds as they are now.
#[derive(Debug)]
pub struct SecurityHeaders {
    indexes: Vec<PathBuf>,
    /// Whether to send HSTS.
    https_only: bool,
    cached: Mutex<Option<Cached>>,
}

/// The policy, the same without its `frame-ancestors`, the index files' modification times it
/// was made from, and when they were last looked at.
#[derive(Debug)]
struct Cached {
    policy: HeaderValue,
    unframed: String,
    stamps: Vec<Option<SystemTime>>,
    looked_at: Instant,
}

/// How often the index files' modification times are looked at.
const LOOK_EVERY: Duration = Duration::from_secs(1);

impl SecurityHeaders {
    /// The headers for the front end in `dist_dir`, with HSTS if `https_only`.
    pub fn new(dist_dir: &Path, https_only: bool) -> Self {
        Self {
            https_only,
            indexes: Bundle::ALL
                .into_iter()
                .map(|bundle| index_of(dist_dir, bundle))
                .chain(EMBED_PAGES.map(|page| dist_dir.join(page)))
                .collect(),
            cached: Mutex::new(None),
        }
    }

    /// The `Content-Security-Policy` for the builds as they are on disk (a second ago at most).
    pub fn policy(&self) -> HeaderValue {
        self.with_cached(|cached| cached.policy.clone())
    }

    /// [`Self::policy`], but for a page that this server's pages and `origins` may frame.
    fn framed_by(&self, origins: &[String]) -> HeaderValue {
        let unframed = self.with_cached(|cached| cached.unframed.clone());
        let text = format!("{unframed}; frame-ancestors 'self' {}", origins.join(" "));
        HeaderValue::from_str(text.trim_end()).unwrap_or_else(|_| self.policy())
    }

    /// `read` of the cached policy, worked out again first if the index files have changed.
    fn with_cached<T>(&self, read: impl FnOnce(&Cached) -> T) -> T {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if let Some(cached) = cached.as_mut() {
            if now.duration_since(cached.looked_at) < LOOK_EVERY {
                return read(cached);
            }
            cached.looked_at = now;
            if cached.stamps == self.stamps() {
                return read(cached);
            }
        }
        let stamps = self.stamps();
        let pages: Vec<String> = self
            .indexes
            .iter()
            .filter_map(|index| std::fs::read_to_string(index).ok())
            .collect();
        let hashes_of = |tag: &str| -> String {
            pages
                .iter()
                .flat_map(|html| inline_texts(html, tag).into_iter().map(source_hash))
                .collect()
        };
        let unframed = format!(
            "{POLICY_HEAD}{}{POLICY_STYLES}{}{POLICY_TAIL}",
            hashes_of("script"),
            hashes_of("style")
        );
        let policy = HeaderValue::from_str(&format!("{unframed}{NO_FRAMING}"))
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
        read(cached.insert(Cached {
            policy,
            unframed,
            stamps,
            looked_at: now,
        }))
    }

    /// The index files' modification times now.
    fn stamps(&self) -> Vec<Option<SystemTime>> {
        self.indexes
            .iter()
            .map(|index| std::fs::metadata(index).and_then(|m| m.modified()).ok())
            .collect()
    }
}

/// Adds the headers to a response that does not set them itself.
pub async fn add_headers(
    State(headers): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let framed_by = response.extensions_mut().remove::<FramedBy>();
    let set = response.headers_mut();
    let fixed: [(HeaderName, &str); 3] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        set.entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    set.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert_with(|| match framed_by {
            Some(FramedBy(origins)) => headers.framed_by(&origins),
            None => headers.policy(),
        });
    if headers.https_only {
        set.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert_with(|| HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// The text of each `<{tag}>` without a `src` in `html` (`script` or `style`).
fn inline_texts<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let end = format!("</{tag}>");
    html.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|rest| {
            let (attributes, body) = rest.split_once('>')?;
            let (text, _) = body.split_once(end.as_str())?;
            (!attributes.contains("src=")).then_some(text)
        })
        .collect()
}

/// `'sha256-…'` of an inline script's or style's text, as a policy names it (with a leading
/// space).
fn source_hash(text: &str) -> String {
    format!(
        " 'sha256-{}'",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_found_and_hashed_as_browsers_do() {
        let html = "<style>p > a { color: red }</style>\
                    <script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><script>x()</script>";
        let scripts = inline_texts(html, "script");
        assert_eq!(scripts, ["\nimport init from '/a.js';\n", "x()"]);
        let styles = inline_texts(html, "style");
        assert_eq!(styles, ["p > a { color: red }"]);
        // `echo -n 'x()' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            source_hash("x()"),
            " 'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='"
        );
    }
}
