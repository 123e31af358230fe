//! The HTTP layer: shared state, the router (API under `/api/v1`, the built front end elsewhere) and
//! `serve()` with graceful shutdown.

mod access_log;
mod availability;
pub mod catalog;
pub mod client_address;
mod cors;
mod embed;
mod error;
mod extract;
mod first_paint;
mod health;
pub mod json;
mod limits;
pub mod openapi;
mod orders;
mod origin;
mod partners;
pub mod plan;
mod quote_requests;
mod quotes;
mod security;
mod session;
pub mod static_files;

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    sync::Arc,
};

use anyhow::Context as _;
use axum::{Router, extract::DefaultBodyLimit, middleware, serve::ListenerExt as _};
use configurator_domain::bundle::API_ROOT;
use tower_http::{CompressionLevel, compression::CompressionLayer};

pub use error::Error;
pub use limits::QUERY_LIMIT;

use crate::{
    auth::{SessionCookie, throttle::LoginThrottle},
    clock::Clock,
    data::Data,
    db::Database,
    ordering::{Desk, Submissions},
    planning::PlanCache,
    quote_requests::throttle::QuoteRequestThrottle,
};
use client_address::TrustedProxies;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    /// The front end built by Trunk (`index.html` and hashed assets).
    pub dist_dir: Arc<PathBuf>,
    /// The sign-in limits, to slow down guessing (counted in the database).
    pub login_throttle: Arc<LoginThrottle>,
    /// The quotas of public quote requests per client address and per partner (counted in the
    /// database).
    pub quote_request_throttle: Arc<QuoteRequestThrottle>,
    /// The catalog, the plant calendar and where each model is built.
    pub data: Arc<Data>,
    /// The catalog's JSON answer and ETag, made once.
    pub catalog: Arc<catalog::CatalogDocument>,
    /// This instance's copy of the production plan, caught up with the database before use.
    pub plan: Arc<PlanCache>,
    /// The orders waiting for this instance's next batch (group commit).
    pub submissions: Arc<Submissions>,
    /// "Today" for the plan, and timestamps.
    pub clock: Clock,
    /// How the session cookie is set: plain, or `Secure` behind a TLS proxy.
    pub session_cookie: SessionCookie,
    /// The proxies whose `X-Forwarded-For` names the client (none: the socket's peer is).
    pub trusted_proxies: TrustedProxies,
}

impl AppState {
    /// A state for tests: the repository's data files, a plan that has seen nothing yet (it
    /// catches up with the database at its first use), the system clock. Servers use
    /// [`AppState::load`], which replays and checks the stored plan before taking orders.
    ///
    /// # Panics
    /// If the repository's data files do not load.
    pub fn new(db: Database, dist_dir: PathBuf) -> Self {
        let data = crate::data::load(&crate::data::repository_data_dir())
            .unwrap_or_else(|errors| panic!("the repository's data files: {errors}"));
        let catalog = catalog::CatalogDocument::new(&data.catalog)
            .unwrap_or_else(|error| panic!("the repository's catalog: {error:#}"));
        let clock = Clock::system(data.calendar.utc_offset());
        Self {
            db,
            dist_dir: Arc::new(dist_dir),
            login_throttle: Arc::default(),
            quote_request_throttle: Arc::default(),
            plan: Arc::new(PlanCache::new(&data.calendar)),
            submissions: Arc::default(),
            data: Arc::new(data),
            catalog: Arc::new(catalog),
            clock,
            session_cookie: SessionCookie::default(),
            trusted_proxies: TrustedProxies::default(),
        }
    }

    /// This state for a server that browsers reach over HTTPS only (a TLS proxy in front): the
    /// session cookie is `Secure` (`__Host-session`) and every answer carries HSTS.
    pub fn with_secure_cookies(self, secure: bool) -> Self {
        Self {
            session_cookie: SessionCookie::new(secure),
            ..self
        }
    }

    /// This state behind the proxies `proxies`, whose `X-Forwarded-For` names the client.
    pub fn with_trusted_proxies(self, proxies: Vec<IpAddr>) -> Self {
        Self {
            trusted_proxies: TrustedProxies::new(proxies),
            ..self
        }
    }

    /// The state of a server over `db` with `data`, serving the front end in `dist_dir`: the plan
    /// is replayed from the stored orders and checked against the stored allocations.
    pub async fn load(
        db: Database,
        dist_dir: PathBuf,
        data: Data,
        clock: Clock,
    ) -> anyhow::Result<Self> {
        let mut conn = db
            .pool
            .acquire()
            .await
            .context("cannot read the plan's history")?;
        let plan = PlanCache::restore(&mut conn, &data.calendar).await?;
        drop(conn);
        let catalog = catalog::CatalogDocument::new(&data.catalog)?;
        Ok(Self {
            db,
            dist_dir: Arc::new(dist_dir),
            login_throttle: Arc::default(),
            quote_request_throttle: Arc::default(),
            data: Arc::new(data),
            catalog: Arc::new(catalog),
            plan: Arc::new(plan),
            submissions: Arc::default(),
            clock,
            session_cookie: SessionCookie::default(),
            trusted_proxies: TrustedProxies::default(),
        })
    }

    /// What ordering needs of the state.
    pub fn desk(&self) -> Desk<'_> {
        Desk {
            db: &self.db,
            data: &self.data,
            plan: &self.plan,
            submissions: &self.submissions,
            clock: &self.clock,
        }
    }
}

/// The whole application: API, the embedding's pages, static front end, CORS for the partners'
/// reads, security headers, limits on requests at once and on their time, compression and the
/// access log.
pub fn app(state: AppState) -> Router {
    let dist_dir = state.dist_dir.clone();
    let security = Arc::new(security::SecurityHeaders::new(
        &dist_dir,
        state.session_cookie.is_secure(),
    ));
    Router::new()
        .nest(API_ROOT, api_router())
        .merge(embed::router())
        .fallback_service(static_files::service(
            &dist_dir,
            state.data.clone(),
            state.session_cookie,
        ))
        .layer(middleware::from_fn_with_state(
            state.data.clone(),
            cors::partner_reads,
        ))
        .layer(middleware::from_fn_with_state(
            security,
            security::add_headers,
        ))
        .layer(middleware::from_fn_with_state(
            limits::Limits::default(),
            limits::guard,
        ))
        // Level 6: gzip's default, and for brotli 9 to 11 % smaller than its default (4) on the
        // catalog and the pages with a first paint, for about 0.2 ms more on the catalog.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(6)))
        .layer(middleware::from_fn(access_log::log_request))
        .with_state(state)
}

/// Every API resource, one `router()` per module; unknown API paths answer a JSON 404.
fn api_router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(session::router())
        .merge(catalog::router())
        .merge(quotes::router())
        .merge(availability::router())
        .merge(quote_requests::router())
        .merge(partners::router())
        .merge(orders::router())
        .merge(plan::router())
        .merge(openapi::router())
        .layer(DefaultBodyLimit::max(json::BODY_LIMIT))
        .layer(middleware::from_fn(limits::bounded_query))
        .layer(middleware::from_fn(origin::same_site_writes))
        .fallback(|| async { Error::NotFound })
}

/// Serves `app` on `listen` until Ctrl-C or SIGTERM, finishing the requests under way.
pub async fn serve(state: AppState, listen: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on `{listen}`"))?;
    let address = listener.local_addr().context("no local address")?;
    tracing::info!("listening on http://{address}");
    // Without TCP_NODELAY, a response written in two parts (the static files: head, then body)
    // waits for the client's delayed ACK, about 40 ms, on every reused connection.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::warn!("cannot set TCP_NODELAY on a connection: {error}");
        }
    });
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("server stopped with an error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
