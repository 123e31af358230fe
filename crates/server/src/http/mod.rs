//! The HTTP layer: shared state, the router (API under `/api/v1`, the built front end elsewhere) and
//! `serve()` with graceful shutdown.

mod error;
mod health;
pub mod json;
mod session;
mod static_files;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit};
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

pub use error::Error;

use crate::{auth::throttle::LoginThrottle, db::Database};

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    /// The front end built by Trunk (`index.html` and hashed assets).
    pub dist_dir: Arc<PathBuf>,
    /// Failed logins, to slow down guessing.
    pub login_throttle: Arc<LoginThrottle>,
}

impl AppState {
    /// The state of a server over `db` serving the front end in `dist_dir`.
    pub fn new(db: Database, dist_dir: PathBuf) -> Self {
        Self {
            db,
            dist_dir: Arc::new(dist_dir),
            login_throttle: Arc::default(),
        }
    }
}

/// The whole application: API, static front end, compression and request tracing.
pub fn app(state: AppState) -> Router {
    let dist_dir = state.dist_dir.clone();
    Router::new()
        .nest("/api/v1", api_router())
        .fallback_service(static_files::service(&dist_dir))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Every API resource, one `router()` per module; unknown API paths answer a JSON 404.
fn api_router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(session::router())
        .layer(DefaultBodyLimit::max(json::BODY_LIMIT))
        .fallback(|| async { Error::NotFound })
}

/// Serves `app` on `listen` until Ctrl-C or SIGTERM, finishing the requests under way.
pub async fn serve(state: AppState, listen: SocketAddr) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on `{listen}`"))?;
    let address = listener.local_addr().context("no local address")?;
    tracing::info!("listening on http://{address}");
    axum::serve(listener, app(state))
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
