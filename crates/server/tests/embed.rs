//! The server's side of embedding, through the router over a temporary `dist/embed/`: the
//! partner's profile, CORS for the reads of partners' pages only, the `/embed` page that only the
//! partner named may frame (and its `400` page), the documentation page, the caching of the files
//! under `/embed/`, and quote requests from the server's own pages.

mod support;

use std::sync::Arc;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use configurator_server::http::{AppState, app};
use serde_json::json;
use support::{Answer, Backend, TestApp, send};

on_both_backends!(a_request_from_the_servers_own_pages_is_accepted_for_any_partner);

/// A partner in `data/partners.toml`, one of its origins, and its other origin.
const AUTOSALON: &str = "autosalon-kg";
const AUTOSALON_ORIGIN: &str = "http://localhost:5173";
const AUTOSALON_OTHER_ORIGIN: &str = "https://autosalon.example.kg";
/// Another partner, and one of its origins.
const LEASING: &str = "osh-fleet-leasing";
const LEASING_ORIGIN: &str = "https://leasing.example.kg";
const FOREIGN_ORIGIN: &str = "https://evil.example";

/// The app of `test` over a temporary `dist/` with the public index and small stand-ins for the
/// embedding's files (`frame.html` with a brotli neighbour).
fn embedding(test: &TestApp) -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(dist.join("embed")).expect("dist/embed");
    for (file, text) in [
        ("index.html", "<!doctype html><title>app</title>"),
        ("embed/frame.html", "<!doctype html><title>frame</title>"),
        ("embed/frame.html.br", "brotli bytes"),
        ("embed/docs.html", "<!doctype html><title>Embedding</title>"),
        ("embed/embed.js", "export function mount() {}"),
    ] {
        std::fs::write(dist.join(file), text).expect(file);
    }
    let state = AppState {
        dist_dir: Arc::new(dist),
        ..test.state.clone()
    };
    (app(state), folder)
}

async fn sqlite() -> TestApp {
    TestApp::new(Backend::Sqlite).await.expect("sqlite")
}

async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Answer {
    send(router, Method::GET, path, None, headers, None).await
}

fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
    answer.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `frame-ancestors` directive of the answer's policy.
fn frame_ancestors(answer: &Answer) -> String {
    let policy = header(answer, "content-security-policy").expect("a policy");
    policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("frame-ancestors"))
        .unwrap_or_else(|| panic!("no frame-ancestors: {policy}"))
        .to_owned()
}

/// The answer's policy without its `frame-ancestors`.
fn policy_but_framing(answer: &Answer) -> Vec<String> {
    let policy = header(answer, "content-security-policy").expect("a policy");
    policy
        .split(';')
        .map(str::trim)
        .filter(|directive| !directive.starts_with("frame-ancestors"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_partners_profile_is_public_and_an_unknown_one_is_named_in_a_404() {
    let app = sqlite().await;
    let answer = app
        .get(&format!("/api/v1/partners/{AUTOSALON}"), None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(
        answer.json(),
        json!({
            "id": AUTOSALON,
            "name": "Autosalon.kg",
            "market": "KG",
            "language": "ru",
            "models": ["cobalt", "onix", "nexia", "gentra", "tracker"],
            "allowed_origins": [AUTOSALON_ORIGIN, AUTOSALON_OTHER_ORIGIN],
        }),
        "everything but the dealership"
    );
    for (path, named) in [
        ("/api/v1/partners/no-such-partner", "no-such-partner"),
        ("/api/v1/partners/Bad%20Id%3C%3E", "Bad Id<>"),
    ] {
        let answer = app.get(path, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        let error = &answer.json()["error"];
        assert_eq!(error["code"], "not_found");
        assert_eq!(error["message"], format!("unknown partner `{named}`"));
    }
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let parameters = &document["paths"]["/partners/{id}"]["get"]["parameters"];
    assert_eq!(parameters[0]["name"], "id");
    assert_eq!(parameters[0]["schema"]["enum"], json!([AUTOSALON, LEASING]));
}

#[tokio::test]
async fn the_reads_of_partners_pages_are_readable_by_partners_origins_only() {
    let app = sqlite().await;
    let (router, _dist) = embedding(&app);
    let reads = [
        "/api/v1/catalog",
        "/api/v1/catalog?lang=ru",
        "/api/v1/partners/autosalon-kg",
        "/api/v1/partners/no-such-partner",
        "/embed/embed.js",
    ];
    for path in reads {
        for origin in [AUTOSALON_ORIGIN, AUTOSALON_OTHER_ORIGIN, LEASING_ORIGIN] {
            let answer = get(&router, path, &[("origin", origin)]).await;
            assert_eq!(
                header(&answer, "access-control-allow-origin"),
                Some(origin),
                "{path} from {origin}"
            );
            assert_readable_without_credentials(&answer, path);
        }
        let answer = get(&router, path, &[("origin", FOREIGN_ORIGIN)]).await;
        assert_no_cors(&answer, path);
        let answer = get(&router, path, &[]).await;
        assert_no_cors(&answer, path);
    }
    let head = send(
        &router,
        Method::HEAD,
        "/embed/embed.js",
        None,
        &[("origin", AUTOSALON_ORIGIN)],
        None,
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(
        header(&head, "access-control-allow-origin"),
        Some(AUTOSALON_ORIGIN)
    );
    // No preflight is needed for these reads, and none is answered.
    let preflight = [
        ("origin", AUTOSALON_ORIGIN),
        ("access-control-request-method", "GET"),
    ];
    let answer = send(
        &router,
        Method::OPTIONS,
        "/api/v1/catalog",
        None,
        &preflight,
        None,
    )
    .await;
    assert_eq!(header(&answer, "access-control-allow-origin"), None);
}

/// An answer that a page may read but never with credentials, that caches keep apart by origin,
/// and that no other header keeps from another origin's page.
fn assert_readable_without_credentials(answer: &Answer, path: &str) {
    assert!(
        answer.status == StatusCode::OK || answer.status == StatusCode::NOT_FOUND,
        "{path}: {}",
        answer.status
    );
    assert_eq!(
        header(answer, "access-control-allow-credentials"),
        None,
        "{path}"
    );
    assert!(varies_by_origin(answer), "{path}");
    assert_eq!(
        header(answer, "cross-origin-resource-policy"),
        None,
        "{path}"
    );
    assert_eq!(
        header(answer, "cross-origin-embedder-policy"),
        None,
        "{path}"
    );
}

fn assert_no_cors(answer: &Answer, path: &str) {
    let cors: Vec<_> = answer
        .headers
        .keys()
        .filter(|name| name.as_str().starts_with("access-control-"))
        .collect();
    assert!(cors.is_empty(), "{path}: {cors:?}");
    assert!(varies_by_origin(answer), "{path}");
}

fn varies_by_origin(answer: &Answer) -> bool {
    answer
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("origin"))
}

#[tokio::test]
async fn a_not_modified_catalog_is_readable_by_partners_origins_only() {
    let app = sqlite().await;
    for path in ["/api/v1/catalog", "/api/v1/catalog?lang=ky"] {
        let first = app.get(path, None).await;
        let etag = header(&first, "etag").expect("an ETag").to_owned();
        let partner = [("origin", AUTOSALON_ORIGIN), ("if-none-match", &etag)];
        let answer = get(&app.router, path, &partner).await;
        assert_eq!(answer.status, StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(
            header(&answer, "access-control-allow-origin"),
            Some(AUTOSALON_ORIGIN),
            "{path}"
        );
        assert!(varies_by_origin(&answer), "{path}");
        let foreign = [("origin", FOREIGN_ORIGIN), ("if-none-match", &etag)];
        let answer = get(&app.router, path, &foreign).await;
        assert_eq!(answer.status, StatusCode::NOT_MODIFIED, "{path}");
        assert_no_cors(&answer, path);
    }
}

#[tokio::test]
async fn the_frame_may_be_framed_by_the_partner_named_only() {
    let app = sqlite().await;
    let (router, _dist) = embedding(&app);
    let page = get(&router, "/", &[]).await;
    for path in [
        "/embed?partner=autosalon-kg",
        "/embed?lang=ru&partner=autosalon-kg&model=cobalt",
    ] {
        let answer = get(&router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(answer.text().contains("<title>frame</title>"), "{path}");
        assert_eq!(
            frame_ancestors(&answer),
            format!("frame-ancestors 'self' {AUTOSALON_ORIGIN} {AUTOSALON_OTHER_ORIGIN}"),
            "{path}"
        );
        assert_eq!(
            policy_but_framing(&answer),
            policy_but_framing(&page),
            "{path}: the rest of the policy is every page's"
        );
        assert_eq!(header(&answer, "cache-control"), Some("no-cache"), "{path}");
    }
    let leasing = get(&router, "/embed?partner=osh-fleet-leasing", &[]).await;
    assert_eq!(
        frame_ancestors(&leasing),
        "frame-ancestors 'self' https://leasing.example.kg http://localhost:5174"
    );
    let head = send(
        &router,
        Method::HEAD,
        "/embed?partner=autosalon-kg",
        None,
        &[],
        None,
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert!(frame_ancestors(&head).contains(AUTOSALON_ORIGIN));
    let brotli = [("accept-encoding", "br")];
    let answer = get(&router, "/embed?partner=autosalon-kg", &brotli).await;
    assert_eq!(header(&answer, "content-encoding"), Some("br"));
    assert_eq!(answer.body, b"brotli bytes", "the neighbour as it is");
}

#[tokio::test]
async fn a_frame_for_a_missing_or_unknown_partner_is_a_400_page_no_one_may_frame() {
    let app = sqlite().await;
    let (router, _dist) = embedding(&app);
    for (path, says) in [
        (
            "/embed?partner=xyz",
            "Unknown partner \"xyz\" (query parameter partner)",
        ),
        (
            "/embed?partner=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E",
            "Unknown partner \"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\" (query parameter partner)",
        ),
        (
            "/embed?partner=",
            "Unknown partner \"\" (query parameter partner)",
        ),
        ("/embed", "Missing query parameter partner"),
        ("/embed?lang=ru", "Missing query parameter partner"),
    ] {
        let answer = get(&router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            header(&answer, "content-type").is_some_and(|t| t.starts_with("text/html")),
            "{path}"
        );
        let text = answer.text();
        assert!(text.contains(says), "{path}: {text}");
        assert!(!text.contains("<script>"), "{path}: escaped: {text}");
        assert_eq!(frame_ancestors(&answer), "frame-ancestors 'none'", "{path}");
    }
}

#[tokio::test]
async fn every_other_page_keeps_no_framing_and_the_embed_files_are_revalidated() {
    let app = sqlite().await;
    let (router, _dist) = embedding(&app);
    for path in [
        "/",
        "/configure/cobalt",
        "/embedding",
        "/embed/embed.js",
        "/api/v1/catalog",
    ] {
        let answer = get(&router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(frame_ancestors(&answer), "frame-ancestors 'none'", "{path}");
        assert_eq!(header(&answer, "cache-control"), Some("no-cache"), "{path}");
    }
    let docs = get(&router, "/embedding", &[]).await;
    assert!(docs.text().contains("<title>Embedding</title>"));
    let script = get(&router, "/embed/embed.js", &[]).await;
    assert!(
        header(&script, "content-type").is_some_and(|t| t.contains("javascript")),
        "a module script"
    );
    // Without a built front end, a clear answer rather than some other page.
    for path in ["/embedding", "/embed?partner=autosalon-kg"] {
        let answer = get(&app.router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(answer.text().contains("scripts/build-front.sh"), "{path}");
    }
}

/// The `/embed` page and the documentation's live example are this server's own pages: their
/// requests may name any partner. Another site's may not, nor one partner's page another partner.
async fn a_request_from_the_servers_own_pages_is_accepted_for_any_partner(app: TestApp) {
    let host = "configurator.example.kg";
    let from = |origin: &'static str| [("origin", origin), ("host", host)];
    let path = "/api/v1/quote-requests";
    for (partner, model) in [(AUTOSALON, "cobalt"), (LEASING, "labo")] {
        let body = json!({
            "partner": partner,
            "name": "Aida Sydykova",
            "contact": "+996 555 123 456",
            "code": app.default_code(model).await,
            "quantity": 1,
        });
        let bytes = serde_json::to_vec(&body).expect("json");
        let own = from("https://configurator.example.kg");
        let answer = send(&app.router, Method::POST, path, None, &own, Some(bytes)).await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{partner}: {}",
            answer.text()
        );
        let refused = [
            (FOREIGN_ORIGIN, "a foreign site"),
            (
                if partner == AUTOSALON {
                    LEASING_ORIGIN
                } else {
                    AUTOSALON_ORIGIN
                },
                "another partner's page",
            ),
        ];
        for (origin, who) in refused {
            let bytes = serde_json::to_vec(&body).expect("json");
            let answer = send(
                &app.router,
                Method::POST,
                path,
                None,
                &from(origin),
                Some(bytes),
            )
            .await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{partner} from {who}");
        }
    }
    assert_eq!(app.count("quote_requests").await, 2);
}
