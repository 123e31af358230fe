//! The app over a fresh database for each test: a temporary SQLite file, or (when
//! `TEST_DATABASE_URL` names a PostgreSQL server) a uniquely named database created for the test
//! and dropped after it. Demo accounts are seeded; [`TestApp::login`] goes through
//! `POST /api/v1/session` and keeps the cookie. `on_both_backends!` runs a test on each backend.

#![allow(dead_code, reason = "each test file uses a part of the support")]

#[path = "pg.rs"]
mod pg;

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use configurator_plan::YearMonth;
use configurator_server::{
    auth::accounts,
    clock::Clock,
    data,
    db::Database,
    http::{AppState, app},
};
use http_body_util::BodyExt as _;
use serde_json::Value;
use tower::ServiceExt as _;

use pg::PgDatabase;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestApp)` on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::support::{Backend, TestApp};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = TestApp::new(Backend::Sqlite).await.expect("sqlite is always there");
                super::$name(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match TestApp::new(Backend::Postgres).await {
                    Some(app) => super::$name(app).await,
                    None => eprintln!("skipped: TEST_DATABASE_URL is not set"),
                }
            }
        }
    )*};
}

/// The month the tests' clock starts at: the plant's first month.
pub const START: &str = "2027-01";

pub fn month(text: &str) -> YearMonth {
    text.parse().expect("a month")
}

/// An answer: status, headers, body.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The fields named by an error answer.
    pub fn error_fields(&self) -> Vec<String> {
        let json = self.json();
        assert!(json["error"]["code"].is_string(), "not an error: {json}");
        json["error"]["fields"]
            .as_object()
            .map(|fields| fields.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The app, its state and what it runs on.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub backend: Backend,
    pub url: String,
    _folder: tempfile::TempDir,
    _database: Option<PgDatabase>,
}

impl TestApp {
    /// A fresh app on `backend` with the demo accounts; `None` for PostgreSQL without
    /// `TEST_DATABASE_URL`.
    pub async fn new(backend: Backend) -> Option<Self> {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let (url, database) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}", folder.path().join("db/test.db").display()),
                None,
            ),
            Backend::Postgres => {
                let database = PgDatabase::from_env("test").await?;
                (database.url.clone(), Some(database))
            }
        };
        let db = Database::open(&url).await.expect("open the database");
        accounts::seed_demo(&db.pool)
            .await
            .expect("seed the demo accounts");
        let state = state_over(db, &folder).await;
        Some(Self {
            router: app(state.clone()),
            state,
            backend,
            url,
            _folder: folder,
            _database: database,
        })
    }

    /// A second server over the same database, as after a restart: the plan is replayed.
    pub async fn restart(&self) -> AppState {
        self.try_restart().await.expect("the state")
    }

    /// [`TestApp::restart`], or why the server would refuse to start.
    pub async fn try_restart(&self) -> anyhow::Result<AppState> {
        let db = Database::open(&self.url)
            .await
            .expect("reopen the database");
        load_state(db, &self._folder).await
    }

    /// Logs in a demo account; returns its cookie.
    pub async fn login(&self, username: &str) -> String {
        let body = serde_json::json!({ "username": username, "password": "demo" });
        let answer = self
            .call(Method::POST, "/api/v1/session", None, &[], Some(body))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "login: {}", answer.text());
        let cookie = answer.headers[header::SET_COOKIE].to_str().expect("ascii");
        cookie.split(';').next().expect("name=value").to_owned()
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        self.call(Method::GET, path, cookie, &[], None).await
    }

    pub async fn post(&self, path: &str, cookie: Option<&str>, body: Value) -> Answer {
        self.call(Method::POST, path, cookie, &[], Some(body)).await
    }

    /// `POST /api/v1/orders` with an idempotency key.
    pub async fn order(&self, cookie: &str, key: &str, body: Value) -> Answer {
        let headers = [("idempotency-key", key)];
        self.call(
            Method::POST,
            "/api/v1/orders",
            Some(cookie),
            &headers,
            Some(body),
        )
        .await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Answer {
        let bytes = body.map(|body| serde_json::to_vec(&body).expect("json"));
        self.raw(method, path, cookie, headers, bytes).await
    }

    /// A request with a body of raw bytes (sent as JSON when there is one).
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        send(&self.router, method, path, cookie, headers, body).await
    }

    /// Another instance of the server over the same database, as a second process would be: its
    /// own plan, replayed from the database at its start.
    pub async fn second_instance(&self) -> Router {
        app(self.restart().await)
    }

    /// How many rows a table has.
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count");
        n
    }

    /// The default configuration code of a model, from the catalog answer.
    pub async fn default_code(&self, model: &str) -> String {
        let catalog = self.get("/api/v1/catalog", None).await.json();
        catalog["default_codes"][model]
            .as_str()
            .expect("a code")
            .to_owned()
    }
}

/// A request to `router`, with a body of raw bytes (sent as JSON when there is one).
pub async fn send(
    router: &Router,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn state_over(db: Database, folder: &tempfile::TempDir) -> AppState {
    load_state(db, folder).await.expect("the state")
}

/// The state a server would start with over `db`: the shipped data, the plan replayed, the clock
/// at [`START`].
async fn load_state(db: Database, folder: &tempfile::TempDir) -> anyhow::Result<AppState> {
    let data = data::load(&data::repository_data_dir()).expect("the shipped data");
    let dist = folder.path().join("dist");
    AppState::load(db, dist, data, Clock::fixed(month(START))).await
}
