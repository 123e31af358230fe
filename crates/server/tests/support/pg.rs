//! A PostgreSQL database of its own for one test or benchmark, on the server that
//! `TEST_DATABASE_URL` (or the benchmark's URL) names, dropped after it (from a runtime of its own,
//! since `Drop` may run inside the test's) unless kept for a look.

#![allow(dead_code, reason = "each test and benchmark uses a part of it")]

use std::sync::atomic::{AtomicU32, Ordering};

/// A PostgreSQL database made for one test and dropped after it.
pub struct PgDatabase {
    server: String,
    pub name: String,
    pub url: String,
    /// Kept for a look after a failure: not dropped.
    kept: bool,
}

impl PgDatabase {
    /// A new database on the server `TEST_DATABASE_URL` names; `None` without it, which is a
    /// failure when `REQUIRE_TEST_DATABASE` is set (scripts/test.sh asks for PostgreSQL: a run
    /// there never skips it silently).
    pub async fn from_env(prefix: &str) -> Option<Self> {
        let Ok(server) = std::env::var("TEST_DATABASE_URL") else {
            assert!(
                std::env::var_os("REQUIRE_TEST_DATABASE").is_none(),
                "REQUIRE_TEST_DATABASE is set but TEST_DATABASE_URL is not"
            );
            return None;
        };
        Some(Self::create(&server, prefix).await)
    }

    /// A new database named `{prefix}_{pid}_{n}_{nanos}` on the server at `server`.
    pub async fn create(server: &str, prefix: &str) -> Self {
        use sqlx::Connection as _;
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "{prefix}_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = sqlx::PgConnection::connect(server)
            .await
            .unwrap_or_else(|error| panic!("the PostgreSQL server does not answer: {error}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let base = server.split('?').next().unwrap_or(server);
        let (server_root, _) = base
            .rsplit_once('/')
            .expect("a database in the PostgreSQL URL");
        Self {
            server: server.to_owned(),
            url: format!("{server_root}/{name}"),
            name,
            kept: false,
        }
    }

    /// Leaves the database in place when this is dropped.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        let (server, name) = (self.server.clone(), self.name.clone());
        // Drop may run inside the test's runtime: use a runtime of its own on another thread.
        let dropped = std::thread::spawn(move || {
            use sqlx::Connection as _;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async {
                let mut admin = sqlx::PgConnection::connect(&server).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: database `{}` was not dropped", self.name);
        }
    }
}
