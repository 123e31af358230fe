//! The binary's data checks: `check-data` prints one line per good file and exits 1 naming every
//! bad entry; `serve` refuses bad data with exit code 2 before opening anything; `user add` and
//! `user passwd` refuse passwords under 10 characters and unknown accounts with exit code 2.

use std::process::{Command, Output};

use configurator_server::data;

fn run(args: &[&str], data_dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_configurator-server"))
        .args(args)
        .env("DATA_DIR", data_dir)
        .env("DATABASE_URL", "sqlite::memory:")
        .env("LISTEN", "127.0.0.1:0")
        .output()
        .expect("the server binary runs")
}

/// A copy of the shipped data with `plant.toml` edited by `edit`.
fn broken_data(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temp");
    for file in [data::CATALOG_FILE, data::PLANT_FILE] {
        std::fs::copy(
            data::repository_data_dir().join(file),
            folder.path().join(file),
        )
        .expect("copy");
    }
    let plant = folder.path().join(data::PLANT_FILE);
    let text = std::fs::read_to_string(&plant).expect("read");
    std::fs::write(&plant, edit(text)).expect("write");
    folder
}

#[test]
fn check_data_prints_one_line_per_file() {
    let output = run(&["check-data"], &data::repository_data_dir());
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].starts_with("catalog 2027.1: 19 models ("),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("plant 2027.1: 2 lines, 2 kit sources"),
        "{stdout}"
    );
    assert!(
        lines[3].starts_with("partners.toml: 2 partners"),
        "{stdout}"
    );
    assert!(lines.iter().all(|line| line.ends_with(": ok")), "{stdout}");
}

#[test]
fn check_data_names_every_bad_entry_and_exits_1() {
    let folder = broken_data(|text| text.replace("id = \"samauto\"", "id = \"samauto-2\""));
    let output = run(&["check-data"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("catalog.toml: models[8].kit: kit source `samauto` of model `"),
        "{stderr}"
    );
    let folder = broken_data(|text| text.replace("frozen_months = 1", "frozen_months = 13"));
    let output = run(&["check-data"], folder.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("plant.toml: frozen_months: expected 0 to 12, got `13`"),
        "{stderr}"
    );
}

#[test]
fn serve_refuses_bad_data_with_exit_2() {
    let folder = broken_data(|text| text.replace("share = 60", "share = 50"));
    let output = run(&[], folder.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("plant.toml: lines: expected shares summing to 100"),
        "{stderr}"
    );
}

/// Runs `user ARGS` on the SQLite database `url` with `password` on standard input.
fn user(url: &str, args: &[&str], password: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_configurator-server"))
        .arg("user")
        .args(args)
        .env("DATABASE_URL", url)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the server binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write the password");
    child.wait_with_output().expect("it ends")
}

#[test]
fn user_add_and_passwd_hold_passwords_to_ten_characters() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}", folder.path().join("users.db").display());
    let add = [
        "add",
        "alice",
        "--role",
        "dealer",
        "--dealership",
        "Naryn Auto",
    ];
    let short = user(&url, &add, "secret");
    assert_eq!(short.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert!(stderr.contains("at least 10 characters"), "{stderr}");
    let added = user(&url, &add, "a long passphrase");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let changed = user(&url, &["passwd", "alice"], "another long passphrase");
    assert!(changed.status.success());
    let stdout = String::from_utf8_lossy(&changed.stdout);
    assert!(
        stdout.contains("password of `alice` changed; 0 sessions ended"),
        "{stdout}"
    );
    let unknown = user(&url, &["passwd", "bob"], "another long passphrase");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account `bob`"));
}
