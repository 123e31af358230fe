//! Starts the server: flags, tracing, database, `serve()`. A bad flag or an unusable database is
//! one line on stderr and exit code 2.

use std::{process::ExitCode, sync::Arc};

use clap::{Parser, error::ErrorKind};
use configurator_server::{
    config::{Cli, Command},
    db::Database,
    http::{self, AppState},
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
    init_tracing();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.serve).await,
    }
}

async fn serve(args: configurator_server::config::ServeArgs) -> ExitCode {
    let db = match Database::open(&args.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    if !args.dist_dir.join("index.html").is_file() {
        tracing::warn!(
            "no front end in `{}`: the API works, pages answer 503 until `trunk build --release`",
            args.dist_dir.display()
        );
    }
    let state = AppState {
        db,
        dist_dir: Arc::new(args.dist_dir),
    };
    match http::serve(state, args.listen).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}
