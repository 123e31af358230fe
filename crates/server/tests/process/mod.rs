//! Server processes for tests and benchmarks over real sockets: [`Server::start`] runs the built
//! `configurator-server` with `--demo` on a free port (`127.0.0.1:0`, the bound address read from
//! its `listening on http://…` log line), the given database and an empty front end folder, and
//! waits until `GET /api/v1/health` answers 200. Its stdout and stderr go to a log file per start
//! that failures quote. The process is killed (SIGKILL) on drop; [`Server::restart`] kills it and
//! checks that a fresh one starts cleanly (start-up replays the plan and refuses a database it
//! disagrees with). [`Launch`] names another binary or data folder (the benchmarks'), or more
//! environment variables (a fixed clock).
//! [`http`] is the client, [`send`] sends many requests, [`db`] holds the databases and reads the
//! stored plan, [`checks`] collects what is wrong.

#![allow(dead_code, reason = "each test uses a part of the support")]

pub mod checks;
pub mod db;
pub mod http;
pub mod send;

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::json;

/// How a server is started.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The `configurator-server` binary.
    pub binary: PathBuf,
    /// Its data folder (`catalog.toml`, `plant.toml`).
    pub data_dir: PathBuf,
    /// How long it may take to answer its first health check.
    pub start_timeout: Duration,
    /// More environment variables for it (`FIXED_CLOCK`, say).
    pub env: Vec<(String, String)>,
}

impl Default for Launch {
    /// The binary cargo built for these tests, on the repository's data, given 30 s.
    fn default() -> Self {
        Self {
            binary: PathBuf::from(env!("CARGO_BIN_EXE_configurator-server")),
            data_dir: configurator_server::data::repository_data_dir(),
            start_timeout: Duration::from_secs(30),
            env: Vec::new(),
        }
    }
}

impl Launch {
    /// The binary `SERVER_BIN` names (a relative path is taken from the workspace root, since
    /// cargo runs tests and benchmarks in the package's folder), else the default one.
    pub fn from_env() -> Self {
        let mut launch = Self::default();
        if let Some(named) = std::env::var_os("SERVER_BIN") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(named);
            launch.binary = std::fs::canonicalize(&path).unwrap_or(path);
        }
        launch
    }
}

/// A running `configurator-server`.
pub struct Server {
    pub name: String,
    pub addr: SocketAddr,
    launch: Launch,
    child: Child,
    /// The log of each start, the current one last.
    logs: Vec<PathBuf>,
    database_url: String,
    folder: PathBuf,
    starts: u32,
}

impl Server {
    /// Starts a server named `name` (for messages and its log file) over `database_url`, with its
    /// files in `folder`; panics with its log if it does not come up.
    pub async fn start(name: &str, database_url: &str, folder: &Path) -> Self {
        Self::launch(Launch::default(), name, database_url, folder)
            .await
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// [`Server::start`] as `launch` says; `Err` with the end of its log if it does not come up.
    pub async fn launch(
        launch: Launch,
        name: &str,
        database_url: &str,
        folder: &Path,
    ) -> Result<Self, String> {
        Self::try_start(launch, name, database_url, folder, 1).await
    }

    async fn try_start(
        launch: Launch,
        name: &str,
        database_url: &str,
        folder: &Path,
        starts: u32,
    ) -> Result<Self, String> {
        let dist = folder.join("dist");
        std::fs::create_dir_all(&dist).expect("an empty front end folder");
        let log = log_path(folder, name, starts);
        let file = std::fs::File::create(&log).expect("a log file");
        let child = Command::new(&launch.binary)
            .args(["--listen", "127.0.0.1:0", "--demo", "--database-url"])
            .arg(database_url)
            .arg("--dist")
            .arg(&dist)
            .env("DATA_DIR", &launch.data_dir)
            .env("RUST_LOG", "info,sqlx=warn")
            .env("NO_COLOR", "1")
            .envs(launch.env.clone())
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("the log file"))
            .stderr(file)
            .spawn()
            .map_err(|error| format!("cannot run {}: {error}", launch.binary.display()))?;
        let mut server = Self {
            name: name.to_owned(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            launch,
            child,
            logs: vec![log],
            database_url: database_url.to_owned(),
            folder: folder.to_owned(),
            starts,
        };
        server.wait_until_healthy().await?;
        Ok(server)
    }

    async fn wait_until_healthy(&mut self) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < self.launch.start_timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(self.failure(&format!("exited with {status} while starting")));
            }
            if self.addr.port() == 0
                && let Some(addr) = listening_address(&self.log())
            {
                self.addr = addr;
            }
            if self.addr.port() != 0 {
                let request = http::encode("GET", "/api/v1/health", &[], None);
                if let Ok(reply) = http::send(self.addr, &request).await
                    && reply.status == 200
                {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let waited = self.launch.start_timeout.as_secs();
        Err(self.failure(&format!(
            "did not answer GET /api/v1/health with 200 within {waited} s"
        )))
    }

    /// Kills this process and starts a fresh one over the same database; `Err` (with its log)
    /// if the new one does not start cleanly.
    pub async fn restart(&mut self) -> Result<(), String> {
        self.kill();
        let starts = self.starts + 1;
        let launch = self.launch.clone();
        match Self::try_start(launch, &self.name, &self.database_url, &self.folder, starts).await {
            Ok(mut fresh) => {
                fresh.logs.splice(0..0, self.logs.drain(..));
                *self = fresh;
                Ok(())
            }
            Err(error) => {
                self.logs.push(log_path(&self.folder, &self.name, starts));
                Err(error)
            }
        }
    }

    /// SIGKILL (what `Child::kill` sends on unix): no shutdown, no flush, no goodbye.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The process id of the current process.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything the current process wrote so far.
    pub fn log(&self) -> String {
        let current = self.logs.last().expect("a log");
        std::fs::read_to_string(current).unwrap_or_default()
    }

    /// The `ERROR` lines of every process started under this name, with how many there were.
    pub fn errors(&self, most: usize) -> (Vec<String>, usize) {
        let logs = self
            .logs
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok());
        let all: Vec<String> = logs
            .flat_map(|log| log.lines().map(str::to_owned).collect::<Vec<_>>())
            .filter(|line| line.contains(" ERROR ") || line.starts_with("error"))
            .collect();
        let count = all.len();
        (all.into_iter().take(most).collect(), count)
    }

    /// The last lines of the log.
    pub fn log_tail(&self, lines: usize) -> String {
        let log = self.log();
        let all: Vec<&str> = log.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    fn failure(&self, what: &str) -> String {
        format!(
            "server {} ({}) {what}; its log:\n{}",
            self.name,
            self.database_url,
            self.log_tail(40)
        )
    }

    /// `GET path` with an optional session cookie.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> http::Reply {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        let request = http::encode("GET", path, &headers, None);
        http::send(self.addr, &request)
            .await
            .unwrap_or_else(|error| panic!("GET {path} on {}: {error}", self.name))
    }

    /// Logs a demo account in; returns its `session=…` cookie.
    pub async fn login(&self, username: &str) -> String {
        let reply = self.try_login(username, "demo").await;
        assert_eq!(reply.status, 200, "login {username}: {}", reply.text());
        let cookie = reply.header("set-cookie").expect("a session cookie");
        cookie.split(';').next().expect("name=value").to_owned()
    }

    /// A sign-in as `username` with `password`: the answer, whatever it is.
    pub async fn try_login(&self, username: &str, password: &str) -> http::Reply {
        let body = json!({ "username": username, "password": password });
        let request = http::encode("POST", "/api/v1/session", &[], Some(&body));
        http::send(self.addr, &request)
            .await
            .unwrap_or_else(|error| panic!("POST /api/v1/session on {}: {error}", self.name))
    }

    /// The default configuration code of `model`, from the catalog.
    pub async fn default_code(&self, model: &str) -> String {
        let catalog = self.get("/api/v1/catalog", None).await.json();
        catalog["default_codes"][model]
            .as_str()
            .unwrap_or_else(|| panic!("no default code for `{model}`"))
            .to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn log_path(folder: &Path, name: &str, starts: u32) -> PathBuf {
    folder.join(format!("{name}-{starts}.log"))
}

/// The address in the log line `listening on http://127.0.0.1:PORT`.
fn listening_address(log: &str) -> Option<SocketAddr> {
    let (_, rest) = log.split_once("listening on http://")?;
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}
