//! Starts the server: flags, tracing, database, `serve()`. A bad flag or an unusable database is
//! one line on stderr and exit code 2.

use std::process::ExitCode;

use clap::{Parser, error::ErrorKind};
use configurator_domain::{api::Role, bundle::Bundle};
use configurator_server::{
    auth::accounts::{self, NewUser},
    clock::Clock,
    config::{Cli, Command, UserCommand},
    data,
    db::Database,
    http::{self, AppState, static_files},
};

/// Exit code for a usage or configuration error.
const USAGE_ERROR: u8 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or("error: bad arguments");
            eprintln!("{first} (see --help)");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    // Kept to the end: dropping it writes out the log lines still queued.
    let _log = init_tracing();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.serve).await,
        Command::CheckData => check_data(&cli.serve.data_dir),
        Command::User { command } => user(&cli.serve.database_url, command).await,
    }
}

async fn open_database(url: &str) -> Result<Database, ExitCode> {
    Database::open(url).await.map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::from(USAGE_ERROR)
    })
}

async fn user(database_url: &str, command: UserCommand) -> ExitCode {
    let db = match open_database(database_url).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("error: cannot read the password from standard input");
        return ExitCode::from(USAGE_ERROR);
    }
    let password = password.trim_end_matches(['\r', '\n']);
    let done = match command {
        UserCommand::Add {
            username,
            role,
            dealership,
        } => {
            let role = if role == "planner" {
                Role::Planner
            } else {
                Role::Dealer
            };
            let new_user = NewUser {
                username: &username,
                password,
                role,
                dealership: dealership.as_deref(),
            };
            accounts::add_user(&db.pool, &new_user)
                .await
                .map(|id| format!("added {} `{username}` (id {id})", role.as_str()))
                .map_err(|error| error.to_string())
        }
        UserCommand::Passwd { username } => accounts::set_password(&db.pool, &username, password)
            .await
            .map(|ended| format!("password of `{username}` changed; {ended} sessions ended"))
            .map_err(|error| error.to_string()),
    };
    match done {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// Prints one line per good data file, or every problem and exit code 1.
fn check_data(dir: &std::path::Path) -> ExitCode {
    match data::check(dir) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("error: {error}");
            }
            eprintln!("{} problem(s) in `{}`", errors.0.len(), dir.display());
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: configurator_server::config::ServeArgs) -> ExitCode {
    let data = match data::load(&args.data_dir) {
        Ok(data) => data,
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("error: {error}");
            }
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let db = match open_database(&args.database_url).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    if args.demo {
        match accounts::seed_demo(&db.pool).await {
            Ok(_) => {
                eprintln!(
                    "warning: --demo: the demo accounts' password is `demo`; never run a server \
                     that real users reach with --demo"
                );
                println!("demo accounts (password `demo`):");
                for (username, role, dealership) in accounts::DEMO_ACCOUNTS {
                    let role = role.as_str();
                    println!("  {username:<8} {role:<8} {}", dealership.unwrap_or("-"));
                }
            }
            Err(error) => {
                eprintln!("error: cannot seed the demo accounts: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    for bundle in [Bundle::Public, Bundle::Office] {
        let index = static_files::index_of(&args.dist_dir, bundle);
        if !index.is_file() {
            tracing::warn!(
                "no front end at `{}`: the API works, its pages answer 503 until `scripts/build-front.sh`",
                index.display()
            );
        }
    }
    // "This month" of the plan is the plant's month, in its local time (`plant.toml`).
    let clock = match args.fixed_clock {
        Some(instant) => {
            let at = configurator_server::clock::rfc3339(instant);
            tracing::warn!("the clock is stopped at {at} (--fixed-clock): for tests only");
            Clock::fixed_at(data.calendar.utc_offset(), instant)
        }
        None => Clock::system(data.calendar.utc_offset()),
    };
    let state = match AppState::load(db, args.dist_dir, data, clock).await {
        Ok(state) => state
            .with_secure_cookies(args.secure_cookies)
            .with_trusted_proxies(args.trusted_proxies.clone()),
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    match http::serve(state, args.listen).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to standard output from a thread of its own: the access log's line per request never
/// waits on the output (a full pipe, a slow terminal); if the output falls far behind, lines are
/// dropped rather than requests held up.
fn init_tracing() -> tracing_appender::non_blocking::WorkerGuard {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let (output, guard) = tracing_appender::non_blocking(std::io::stdout());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(output)
        .init();
    guard
}
