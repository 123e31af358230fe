//! Command-line flags and environment variables: every flag of `serve` has an environment twin.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Parser, Subcommand};

/// The default SQLite file, inside a local data folder that is created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://var/configurator.db";

/// The order server of the vehicle configurator.
#[derive(Debug, Parser)]
#[command(name = "configurator-server", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; without a subcommand the server serves.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the built front end (the default).
    Serve,
    /// Load and check every data file (`catalog.toml`, `plant.toml`) and print one line per file.
    CheckData,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

/// Account management.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Set an account's password, read from the first line of standard input; ends every
    /// session of the account.
    Passwd {
        /// The account's username.
        username: String,
    },
    /// Add an account; the password is read from the first line of standard input.
    Add {
        /// 3 to 32 letters, digits, `.`, `_` or `-`.
        username: String,
        /// `dealer` or `planner`.
        #[arg(long, value_parser = ["dealer", "planner"])]
        role: String,
        /// The dealership's name (dealers only; created if new).
        #[arg(long)]
        dealership: Option<String>,
    },
}

/// Where the server listens, what it stores and what it serves.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,
    /// `sqlite://path` (created if missing) or `postgres://user:pass@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// The front end built by Trunk.
    #[arg(long = "dist", env = "DIST_DIR", default_value = "dist", global = true)]
    pub dist_dir: PathBuf,
    /// The folder of `catalog.toml` and `plant.toml`, loaded and checked at start-up.
    #[arg(long = "data", env = "DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Browsers reach this server over HTTPS only (a TLS proxy in front): the session cookie is
    /// `Secure` and named `__Host-session`, and every answer carries `Strict-Transport-Security`.
    #[arg(long, env = "SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The address of a proxy in front (repeatable; `TRUSTED_PROXIES` is comma-separated) whose
    /// `X-Forwarded-For` names the client: the sign-in and quote-request throttles then count the
    /// client's address, not the proxy's. Never name an address that clients can reach directly.
    #[arg(long = "trusted-proxy", env = "TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seed the demo accounts `dealer1`, `dealer2` and `planner` (password `demo`) and print them.
    #[arg(long, env = "DEMO")]
    pub demo: bool,
    /// Stops the server's clock at this instant (RFC 3339 in UTC, `2027-03-01T00:00:00Z`): "this
    /// month" of the plan, and every timestamp. Only for tests and demonstrations of later months
    /// (a frozen order); a production server never sets it.
    #[arg(long, env = "FIXED_CLOCK", hide = true, value_parser = parse_instant)]
    pub fixed_clock: Option<i64>,
}

/// Seconds since the Unix epoch of an RFC 3339 instant in UTC.
fn parse_instant(text: &str) -> Result<i64, String> {
    crate::clock::parse_rfc3339(text)
        .ok_or_else(|| "expected an instant such as 2027-03-01T00:00:00Z".to_owned())
}
