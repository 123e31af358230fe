//! The database: SQLite by default, PostgreSQL when the URL says so, one pool type for both.
//!
//! Queries use `$1` placeholders, which both SQLite and PostgreSQL accept; each backend has its own
//! migration folder with the same versions and the same meaning, written in its own dialect.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    Any, AnyPool, Executor,
    any::AnyPoolOptions,
    migrate::{MigrateDatabase, Migrator},
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl FromStr for Backend {
    type Err = OpenError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(OpenError::UnsupportedUrl(redact(url)))
        }
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("unsupported database url `{0}`: expected `sqlite://path` or `postgres://…`")]
    UnsupportedUrl(String),
    #[error("cannot create the folder of database `{url}`: {source}")]
    Folder { url: String, source: std::io::Error },
    #[error("cannot open database `{url}`: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot migrate database `{url}`: {source}")]
    Migrate {
        url: String,
        source: sqlx::migrate::MigrateError,
    },
}

/// An open, migrated database.
#[derive(Debug, Clone)]
pub struct Database {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Database {
    /// Opens the database at `url`, creating it (and a SQLite file's folder) if needed, and runs the
    /// embedded migrations.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        sqlx::any::install_default_drivers();
        let backend: Backend = url.parse()?;
        let shown = redact(url);
        if backend == Backend::Sqlite {
            create_sqlite_folder(url).map_err(|source| OpenError::Folder {
                url: shown.clone(),
                source,
            })?;
        }
        let connect = |source| OpenError::Connect {
            url: shown.clone(),
            source,
        };
        if !Any::database_exists(url).await.map_err(connect)? {
            Any::create_database(url).await.map_err(connect)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    match backend {
                        // Orders must survive a power cut: WAL with a full sync on every commit.
                        // Writers wait up to 5 s for the write lock (the plan's lock).
                        Backend::Sqlite => conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        ),
                        // The plan's advisory lock, like SQLite's, is waited for at most 5 s.
                        Backend::Postgres => conn.execute("SET lock_timeout = '5s'"),
                    }
                    .await?;
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(connect)?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&pool)
            .await
            .map_err(|source| OpenError::Migrate {
                url: shown.clone(),
                source,
            })?;
        Ok(Self { pool, backend })
    }

    /// Whether the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// Creates the folder that a `sqlite://` URL's file lives in.
fn create_sqlite_folder(url: &str) -> std::io::Result<()> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match Path::new(path).parent() {
        Some(folder) if !folder.as_os_str().is_empty() => std::fs::create_dir_all(folder),
        _ => Ok(()),
    }
}

/// The URL without its password, for messages and logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***{}", &url[..scheme_end], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(
            "sqlite://x.db".parse::<Backend>().ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            "postgres://u@h/db".parse::<Backend>().ok(),
            Some(Backend::Postgres)
        );
        assert!("mysql://h/db".parse::<Backend>().is_err());
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/orders"),
            "postgres://app:***@db:5432/orders"
        );
        assert_eq!(redact("sqlite://var/x.db"), "sqlite://var/x.db");
    }
}
