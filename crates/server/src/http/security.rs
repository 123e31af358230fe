//! Security headers on every response:
//! * `Content-Security-Policy`: everything from this origin only; scripts also by the hash of each
//!   inline `<script>` of the builds' `index.html` files (Trunk's loader) and `'wasm-unsafe-eval'`
//!   to compile the wasm; no plugins, no `<base>`, and no framing (`frame-ancestors 'none'`);
//! * `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
//!   `Cross-Origin-Opener-Policy: same-origin`;
//! * `Strict-Transport-Security` when browsers reach the server over HTTPS only (`--secure-cookies`).
//!
//! The loader's hash changes with every build: the policy is worked out again when an `index.html`
//! has changed (its modification time, looked at once a second at most, not on every answer), so
//! a front end rebuilt under a running server still starts. A response that sets its own policy
//! keeps it.

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

use super::static_files::index_of;

/// The policy's parts other than the scripts' hashes.
const POLICY_HEAD: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const POLICY_TAIL: &str = "; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The headers, with the policy of the builds as they are now.
#[derive(Debug)]
pub struct SecurityHeaders {
    indexes: Vec<PathBuf>,
    /// Whether to send HSTS.
    https_only: bool,
    cached: Mutex<Option<Cached>>,
}

/// The policy, the index files' modification times it was made from, and when they were last
/// looked at.
#[derive(Debug)]
struct Cached {
    policy: HeaderValue,
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
                .collect(),
            cached: Mutex::new(None),
        }
    }

    /// The `Content-Security-Policy` for the builds as they are on disk (a second ago at most).
    pub fn policy(&self) -> HeaderValue {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if let Some(cached) = cached.as_mut() {
            if now.duration_since(cached.looked_at) < LOOK_EVERY {
                return cached.policy.clone();
            }
            cached.looked_at = now;
            if cached.stamps == self.stamps() {
                return cached.policy.clone();
            }
        }
        let stamps = self.stamps();
        let hashes: Vec<String> = self
            .indexes
            .iter()
            .filter_map(|index| std::fs::read_to_string(index).ok())
            .flat_map(|html| inline_scripts(&html).map(script_hash).collect::<Vec<_>>())
            .collect();
        let text = format!("{POLICY_HEAD}{}{POLICY_TAIL}", hashes.concat());
        let policy = HeaderValue::from_str(&text)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
        *cached = Some(Cached {
            policy: policy.clone(),
            stamps,
            looked_at: now,
        });
        policy
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
        .or_insert_with(|| headers.policy());
    if headers.https_only {
        set.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert_with(|| HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// The text of each `<script>` without a `src` in `html`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        let (text, _) = body.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(text)
    })
}

/// `'sha256-…'` of a script's text, as a policy names it (with a leading space).
fn script_hash(text: &str) -> String {
    format!(
        " 'sha256-{}'",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_hashed_as_browsers_do() {
        let html = "<script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><script>x()</script>";
        let found: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(found, ["\nimport init from '/a.js';\n", "x()"]);
        // `echo -n 'x()' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            script_hash("x()"),
            " 'sha256-D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI='"
        );
    }
}
