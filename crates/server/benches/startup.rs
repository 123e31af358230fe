//! Start-up of a server whose database holds a long history: 300,000 submitted order lines
//! (`BENCH_LINES` to change), orders of 1–3 lines of 1–60 vehicles over ten years with one order
//! in 20 cancelled, planned with the real planner on the real plant scaled up to fit (see
//! `startup/plant.rs` and `startup/history.rs`). The history is stored as the server stores it
//! (`startup/fill.rs`) in a fresh database migrated by the server's own `Database::open`, then:
//!
//! * `re-plan`: `Plan::rebuild` of the order lines still standing, in submission order (what a
//!   planner's re-plan computes; no database), median of 3.
//! * `restore`: `PlanCache::restore` on that database through the library, the replay that checks
//!   every stored allocation; the median of 3 runs, and of 3 readings of the history alone
//!   (`store::events::since`, the restore's one query) to tell reading from replaying.
//! * `server ready`: the real server binary (`SERVER_BIN`, by default the one Cargo builds for this
//!   bench) started on that database, until `GET /api/v1/health` answers 200, and its peak memory
//!   (`VmHWM`) by then (`startup/server.rs`).
//!
//! ```sh
//! cargo bench -p configurator-server --bench startup
//! BENCH_LINES=30000 STARTUP_JSON=target/startup.json \
//!   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench -p configurator-server --bench startup
//! ```
//!
//! SQLite is a file under `target/tmp`; PostgreSQL runs when `BENCH_DATABASE_URL` names a server,
//! on a database `startup_<pid>` created and dropped. With `STARTUP_JSON` the figures are also
//! written there, one object per database and one for the re-plan. `RUST_LOG` (e.g. `info`) shows the library's logs.

#[path = "startup/fill.rs"]
mod fill;
#[path = "startup/history.rs"]
mod history;
// `process` names `crate::pg`, as in the tests.
#[path = "../tests/support/pg.rs"]
mod pg;
#[path = "startup/plant.rs"]
mod plant;
#[path = "../tests/process/mod.rs"]
mod process;
#[path = "startup/server.rs"]
mod server;

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use anyhow::Context as _;
use configurator_plan::Plan;
use configurator_server::{
    auth::accounts, data::Data, db::Database, planning::PlanCache, store::events,
};
use history::History;
use pg::PgDatabase;
use process::Launch;
use serde_json::json;

/// How many times the restore is timed.
const RESTORE_RUNS: usize = 3;

/// What the bench needs on every database.
struct Bench {
    data: Data,
    data_dir: PathBuf,
    history: History,
    launch: Launch,
}

fn env_number(name: &str, default: usize) -> anyhow::Result<usize> {
    let Ok(value) = std::env::var(name) else {
        return Ok(default);
    };
    value.parse().with_context(|| format!("{name}=`{value}`"))
}

/// Fills the fresh database at `url`, times the restore and the server's start-up on it, prints
/// them and returns them as JSON.
async fn measure(
    name: &str,
    url: &str,
    bench: &Bench,
    folder: &Path,
) -> anyhow::Result<serde_json::Value> {
    let history = &bench.history;
    println!("== {name}");
    let db = Database::open(url).await?;
    accounts::seed_demo(&db.pool).await?;
    let dealers: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, dealership_id FROM users WHERE role = 'dealer' ORDER BY id LIMIT 2",
    )
    .fetch_all(&db.pool)
    .await?;
    let dealers = <[(i64, i64); 2]>::try_from(dealers)
        .ok()
        .context("two demo dealers")?;
    let started = Instant::now();
    fill::fill(&db, &bench.data, history, dealers).await?;
    let fill_seconds = started.elapsed().as_secs_f64();
    let (lines, orders, events) = (history.lines(), history.orders.len(), history.events.len());
    println!(
        "fill: {fill_seconds:.1} s for {orders} orders, {lines} order lines, {events} events \
         ({:.0} order lines/s)",
        lines as f64 / fill_seconds
    );

    let (restores, reads) = time_restores(&db, &bench.data, events).await?;
    db.pool.close().await;
    let (restore, read) = (median(&restores), median(&reads));
    println!(
        "restore: {restore:.3} s (median of {RESTORE_RUNS}); reading the history alone: \
         {read:.3} s (median)"
    );

    let launch = Launch {
        data_dir: bench.data_dir.clone(),
        start_timeout: Duration::from_secs(600),
        ..bench.launch.clone()
    };
    let startup = server::start(launch, url, folder).await?;
    let ready = startup.ready.as_secs_f64();
    let peak_mb = startup.peak_kib as f64 / 1024.0;
    println!(
        "server ready: {ready:.3} s to the first 200 of GET /api/v1/health; peak memory \
         (VmHWM) {peak_mb:.0} MB; its log: plan restored: {}",
        startup.restored
    );
    Ok(json!({
        "lines": lines,
        "orders": orders,
        "events": events,
        "fill_seconds": fill_seconds,
        "restore_median_seconds": restore,
        "restore_seconds": restores,
        "restore_read_median_seconds": read,
        "server_ready_seconds": ready,
        "server_peak_mb": peak_mb,
    }))
}

/// The seconds of each timed `PlanCache::restore` on `db` (of `events` events), and of each
/// reading of the history alone (`events::since`, what the restore reads before it replays).
async fn time_restores(
    db: &Database,
    data: &Data,
    events: usize,
) -> anyhow::Result<(Vec<f64>, Vec<f64>)> {
    let mut conn = db.pool.acquire().await?;
    let (mut restores, mut reads) = (Vec::new(), Vec::new());
    for run in 1..=RESTORE_RUNS {
        let started = Instant::now();
        let cache = PlanCache::restore(&mut conn, &data.calendar).await?;
        let seconds = started.elapsed().as_secs_f64();
        let planned = cache.read(|plan| plan.bookings().count());
        drop(cache);
        let started = Instant::now();
        let rows = events::since(&mut conn, 0).await?.len();
        let read = started.elapsed().as_secs_f64();
        println!(
            "restore run {run}: {seconds:.3} s, {planned} order lines planned ({:.0} events/s); \
             reading its {rows} rows alone: {read:.3} s",
            events as f64 / seconds
        );
        restores.push(seconds);
        reads.push(read);
    }
    Ok((restores, reads))
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// The bench on a fresh database `startup_…` of the PostgreSQL server at `server`, dropped
/// afterwards.
async fn postgres(bench: &Bench, server: &str, folder: &Path) -> anyhow::Result<serde_json::Value> {
    let database = PgDatabase::create(server, "startup").await;
    measure("postgres", &database.url, bench, folder).await
}

/// Times a re-plan of the order lines still standing (`Plan::rebuild`, median of
/// [`RESTORE_RUNS`]), prints it and returns it as JSON.
fn time_replan(data: &Data, history: &History) -> anyhow::Result<serde_json::Value> {
    let requests = history.standing_requests();
    let mut seconds = Vec::new();
    for _ in 0..RESTORE_RUNS {
        let started = Instant::now();
        let plan = Plan::rebuild(&data.calendar, &requests)?;
        seconds.push(started.elapsed().as_secs_f64());
        anyhow::ensure!(
            plan.bookings().count() == requests.len(),
            "every line planned"
        );
    }
    let replan = median(&seconds);
    println!(
        "re-plan: {} standing order lines planned afresh in {replan:.3} s (median of \
         {RESTORE_RUNS}; {:.0} lines/s)",
        requests.len(),
        requests.len() as f64 / replan
    );
    Ok(json!({ "lines": requests.len(), "median_seconds": replan, "seconds": seconds }))
}

fn main() -> anyhow::Result<()> {
    if std::env::var_os("RUST_LOG").is_some() {
        let filter = tracing_subscriber::EnvFilter::from_default_env();
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let submitted = env_number("BENCH_LINES", 300_000)?;
    let launch = Launch::from_env();
    let folder = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let data_dir = folder.path().join("data");
    let data = plant::write_data_dir(&data_dir, submitted)?;
    let started = Instant::now();
    let history = history::generate(&data, submitted)?;
    let cancelled = history
        .orders
        .iter()
        .filter(|order| order.cancelled.is_some())
        .count();
    println!(
        "history: {submitted} order lines submitted, {} stored in {} orders ({} refused: the plan \
         was full), {cancelled} orders cancelled; planned in {:.2} s on calendar `{}`; server \
         `{}`",
        history.lines(),
        history.orders.len(),
        history.refused,
        started.elapsed().as_secs_f64(),
        data.calendar.version(),
        launch.binary.display()
    );
    let replan = time_replan(&data, &history)?;
    // Other builds on the machine slow every step: say how busy it was.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average (1, 5, 15 min): {} on {} cores",
        load.split(' ').take(3).collect::<Vec<_>>().join(" "),
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    let bench = Bench {
        data,
        data_dir,
        history,
        launch,
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    let figures = runtime.enable_all().build()?.block_on(async {
        let sqlite_folder = folder.path().join("sqlite");
        let sqlite_url = format!("sqlite://{}", sqlite_folder.join("startup.db").display());
        let mut figures = serde_json::Map::new();
        figures.insert("replan".to_owned(), replan);
        figures.insert(
            "sqlite".to_owned(),
            measure("sqlite", &sqlite_url, &bench, &sqlite_folder).await?,
        );
        match std::env::var("BENCH_DATABASE_URL") {
            Ok(server) => {
                let postgres_folder = folder.path().join("postgres");
                std::fs::create_dir_all(&postgres_folder)?;
                let measured = postgres(&bench, &server, &postgres_folder).await?;
                figures.insert("postgres".to_owned(), measured);
            }
            Err(_) => println!("postgres: skipped (set BENCH_DATABASE_URL)"),
        }
        anyhow::Ok(figures)
    })?;
    if let Some(path) = std::env::var_os("STARTUP_JSON") {
        let text = serde_json::to_string_pretty(&figures)?;
        std::fs::write(&path, text + "\n")
            .with_context(|| format!("cannot write `{}`", Path::new(&path).display()))?;
    }
    Ok(())
}
