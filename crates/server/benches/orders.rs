//! Durable orders per second through the HTTP handler. The app is built as the server builds it,
//! dealer1 and dealer2 log in through `POST /api/v1/session`, then `BENCH_ORDERS` one-vehicle
//! orders go to `POST /api/v1/orders` (alternating dealers, and models on the passenger and the
//! commercial line) with `BENCH_CONCURRENCY` requests in flight through `Router::oneshot`. Every
//! answer must be `201`: anything else is an error, the first is printed and the exit code is 1.
//!
//! ```sh
//! cargo bench -p configurator-server --bench orders   # 3000 orders, 32 in flight, 3 runs
//! BENCH_ORDERS=1000 BENCH_CONCURRENCY=8 BENCH_RUNS=1 BENCH_WARMUP=100 \
//!   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench -p configurator-server --bench orders
//! ```
//!
//! Each run starts on a fresh database and sends a warm-up that is not timed; the median of the
//! runs is printed. SQLite is a file under `target/tmp` (the real disk) opened as the server opens
//! it (WAL, `synchronous = FULL`, read back from the database and printed). PostgreSQL runs when
//! `BENCH_DATABASE_URL` or `TEST_DATABASE_URL` names a server; run `r` creates `bench_<pid>_<r>`
//! and drops it. First the cost of a 4 KiB write + fsync in that folder is printed: the ceiling
//! of durable commits made one at a time (appending, and overwriting as a reused WAL does). `RUST_LOG` (e.g. `sqlx=debug`) shows the server's logs.

#[path = "orders/load.rs"]
mod load;

use std::{
    io::{Seek as _, SeekFrom, Write as _},
    path::Path,
    sync::Arc,
    time::Instant,
};

use anyhow::{Context as _, bail};
use configurator_server::{
    auth::accounts,
    clock::Clock,
    data,
    db::{Backend, Database},
    http::{AppState, app},
};
use load::{Load, Outcome, drive, login, send, show};
use sqlx::Connection as _;

/// One model on each assembly line, so that large runs fit the plan's capacity.
const MODELS: [&str; 2] = ["cobalt", "dmax-single"];

struct Settings {
    orders: usize,
    concurrency: usize,
    runs: usize,
    warmup: usize,
}

fn env_number(name: &str, default: usize) -> anyhow::Result<usize> {
    let Ok(value) = std::env::var(name) else {
        return Ok(default);
    };
    value.parse().with_context(|| format!("{name}=`{value}`"))
}

/// How durable the database says its commits are.
async fn sync_mode(db: &Database) -> anyhow::Result<String> {
    let text = |sql| sqlx::query_scalar::<_, String>(sql).fetch_one(&db.pool);
    Ok(match db.backend {
        Backend::Sqlite => {
            let mode = sqlx::query_scalar::<_, i64>("PRAGMA synchronous");
            let mode = usize::try_from(mode.fetch_one(&db.pool).await?)?;
            let mode = ["OFF", "NORMAL", "FULL", "EXTRA"].get(mode).unwrap_or(&"?");
            format!(
                "synchronous={mode}, journal={}",
                text("PRAGMA journal_mode").await?
            )
        }
        Backend::Postgres => format!(
            "fsync={}, synchronous_commit={}",
            text("SHOW fsync").await?,
            text("SHOW synchronous_commit").await?
        ),
    })
}

/// One run on a fresh database at `url`: setup, warm-up, then the timed orders.
async fn run(url: &str, settings: &Settings, dist: &Path) -> anyhow::Result<(String, Outcome)> {
    let db = Database::open(url).await?;
    accounts::seed_demo(&db.pool).await?;
    let (mode, pool) = (sync_mode(&db).await?, db.pool.clone());
    let data = data::load(&data::repository_data_dir())?;
    let clock = Clock::system(data.calendar.utc_offset());
    let router = app(AppState::load(db, dist.into(), data, clock).await?);
    let cookies = [
        login(&router, "dealer1").await?,
        login(&router, "dealer2").await?,
    ];
    let (_, _, catalog) = send(&router, "/api/v1/catalog", &[], None).await?;
    let catalog: serde_json::Value = serde_json::from_slice(&catalog)?;
    let body = |model: &str| {
        let code = catalog["default_codes"][model].as_str().context("a code")?;
        let line = serde_json::json!({ "code": code, "quantity": 1 });
        anyhow::Ok(
            serde_json::json!({ "market": "KG", "lines": [line] })
                .to_string()
                .into(),
        )
    };
    let bodies = [body(MODELS[0])?, body(MODELS[1])?];
    let load = Arc::new(Load {
        router,
        cookies,
        bodies,
    });
    let warm = drive(&load, "warm", settings.warmup, settings.concurrency).await;
    if let Some((_, error)) = warm.first_error {
        bail!("warm-up: {} errors, the first: {error}", warm.errors);
    }
    let outcome = drive(&load, "timed", settings.orders, settings.concurrency).await;
    pool.close().await;
    Ok((mode, outcome))
}

/// Every run on one backend: `url(r)` names a fresh database, `cleanup(r)` drops it. Returns the
/// number of errors.
async fn backend(
    name: &str,
    settings: &Settings,
    url: impl Fn(usize) -> String,
    cleanup: impl AsyncFn(usize),
) -> anyhow::Result<usize> {
    let (n, c, runs) = (settings.orders, settings.concurrency, settings.runs);
    let warmup = settings.warmup;
    println!("== {name}: N={n} orders (+{warmup} warm-up), C={c} in flight, {runs} runs");
    let dist = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let (mut stats, mut errors, mut label) = (Vec::new(), 0, String::new());
    for r in 1..=runs {
        let result = run(&url(r), settings, dist.path()).await;
        cleanup(r).await;
        let (mode, outcome) = result?;
        label = format!("{name} ({mode})");
        let (done, secs) = (outcome.latencies.len(), outcome.elapsed.as_secs_f64());
        let shown = show(outcome.stats());
        let failed = outcome.errors;
        println!("{label}  run {r}: {done} orders in {secs:.2} s = {shown}; {failed} errors");
        if let Some((_, error)) = &outcome.first_error {
            println!("  first error: {error}");
        }
        stats.push(outcome.stats());
        errors += outcome.errors;
    }
    let median = std::array::from_fn(|k| {
        let mut values: Vec<f64> = stats.iter().map(|s| s[k]).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    });
    println!(
        "{label}  median of {runs}: {}; {errors} errors",
        show(median)
    );
    Ok(errors)
}

/// The runs on the PostgreSQL server at `server`, each on a database of its own.
async fn postgres(settings: &Settings, server: &str) -> anyhow::Result<usize> {
    let base = server.split('?').next().unwrap_or(server);
    let (prefix, _) = base.rsplit_once('/').context("a database in the URL")?;
    let name = |r| format!("bench_{}_{r}", std::process::id());
    let drop_database = async |r| {
        let dropped = async {
            let mut admin = sqlx::PgConnection::connect(server).await?;
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", name(r));
            sqlx::query(&sql).execute(&mut admin).await?;
            admin.close().await
        };
        if let Err(error) = dropped.await {
            eprintln!("warning: database {} not dropped: {error}", name(r));
        }
    };
    let url = |r| format!("{prefix}/{}", name(r));
    backend("postgres", settings, url, drop_database).await
}

/// 200 × (4 KiB write + fsync) in `folder`: what a durable commit costs at least, appending (the
/// file grows) and overwriting the same 4 KiB (as a WAL reused after a checkpoint).
fn fsync_cost(folder: &Path) -> anyhow::Result<()> {
    let path = folder.join("fsync-probe");
    let mut file = std::fs::File::create(&path)?;
    for append in [true, false] {
        let started = Instant::now();
        for _ in 0..200 {
            if !append {
                file.seek(SeekFrom::Start(0))?;
            }
            file.write_all(&[7; 4096])?;
            file.sync_all()?;
        }
        let ms = started.elapsed().as_secs_f64() / 200.0 * 1e3;
        let how = if append { "append" } else { "overwrite" };
        println!(
            "fsync: 4 KiB {how} + fsync in {}: {ms:.3} ms (mean of 200) = at most {:.0} \
             commits/s one at a time",
            folder.display(),
            1e3 / ms
        );
    }
    Ok(std::fs::remove_file(path)?)
}

fn main() -> anyhow::Result<()> {
    if std::env::var_os("RUST_LOG").is_some() {
        let filter = tracing_subscriber::EnvFilter::from_default_env();
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let settings = Settings {
        orders: env_number("BENCH_ORDERS", 3000)?,
        concurrency: env_number("BENCH_CONCURRENCY", 32)?,
        runs: env_number("BENCH_RUNS", 3)?.max(1),
        warmup: env_number("BENCH_WARMUP", 100)?,
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    let errors = runtime.enable_all().build()?.block_on(async {
        let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
        fsync_cost(folder.path())?;
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        println!(
            "load average (1, 5, 15 min): {}",
            load.split(' ').take(3).collect::<Vec<_>>().join(" ")
        );
        let file = |r| folder.path().join(format!("run{r}/bench.db"));
        let sqlite = |r| format!("sqlite://{}", file(r).display());
        let mut errors = backend("sqlite", &settings, sqlite, async |_| {}).await?;
        let server = std::env::var("BENCH_DATABASE_URL").or(std::env::var("TEST_DATABASE_URL"));
        match server {
            Ok(server) => errors += postgres(&settings, &server).await?,
            Err(_) => println!("postgres: skipped (set BENCH_DATABASE_URL)"),
        }
        anyhow::Ok(errors)
    })?;
    if errors > 0 {
        bail!("{errors} orders did not answer 201");
    }
    Ok(())
}
