//! The real server binary started on the bench's database and data folder by the process harness
//! of the tests (`tests/process`): how long from the spawn until `GET /api/v1/health` answers 200,
//! and the most memory the process held (`VmHWM`) by then.

use std::{path::Path, time::Instant};

use anyhow::Context as _;

use crate::process::{Launch, Server};

/// What a start-up took.
pub struct Startup {
    /// From the spawn to the first 200 of `GET /api/v1/health`.
    pub ready: std::time::Duration,
    /// The process's peak resident memory (`VmHWM`) once it answered.
    pub peak_kib: u64,
    /// Its `plan restored: …` log line.
    pub restored: String,
}

/// Starts the server as `launch` says on `database_url`, its files in `folder`, measures its
/// start-up and stops it.
pub async fn start(launch: Launch, database_url: &str, folder: &Path) -> anyhow::Result<Startup> {
    let started = Instant::now();
    let server = Server::launch(launch, "startup", database_url, folder)
        .await
        .map_err(anyhow::Error::msg)?;
    let ready = started.elapsed();
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid()))?;
    let restored = server
        .log()
        .lines()
        .find_map(|line| line.split_once("plan restored: "))
        .map_or_else(
            || "(no `plan restored` line)".to_owned(),
            |(_, rest)| rest.to_owned(),
        );
    Ok(Startup {
        ready,
        peak_kib: peak_kib(&status).context("no VmHWM in /proc/PID/status")?,
        restored,
    })
}

/// `VmHWM` of a `/proc/PID/status`, in KiB.
fn peak_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
