//! What the tests conclude. Each test collects every problem it finds (not only the first failed
//! assertion) and ends with [`assert_no_problems`], whose report also quotes the errors the
//! servers logged. The checks: order answers against the stored plan, the planner's view against
//! the stored plan, clean restarts, and numbers in a public message.

use configurator_plan::PlantCalendar;
use serde_json::Value;

use super::{Server, db::Stored};

/// The shipped plant calendar.
pub fn calendar() -> PlantCalendar {
    configurator_server::data::load(&configurator_server::data::repository_data_dir())
        .expect("the shipped data")
        .calendar
}

/// Fails listing the problems (the first 20), then each server's logged errors and last lines.
pub fn assert_no_problems(what: &str, problems: &[String], servers: &[&Server]) {
    if problems.is_empty() {
        return;
    }
    let mut report = format!("{what}: {} problem(s):\n", problems.len());
    for problem in problems.iter().take(20) {
        report.push_str(&format!("  - {problem}\n"));
    }
    if problems.len() > 20 {
        report.push_str(&format!("  … and {} more\n", problems.len() - 20));
    }
    for server in servers {
        let (errors, count) = server.errors(5);
        report.push_str(&format!(
            "server {}: {count} error(s) logged\n",
            server.name
        ));
        for error in errors {
            report.push_str(&format!("  {error}\n"));
        }
        report.push_str(&format!("  … its log ends:\n{}\n", server.log_tail(6)));
    }
    panic!("{report}");
}

/// The `(month, units)` parts per line of an order answer.
pub fn answered_parts(order: &Value) -> Vec<Vec<(String, i64)>> {
    let lines = order["lines"].as_array().cloned().unwrap_or_default();
    lines
        .iter()
        .map(|line| {
            let parts = line["allocations"].as_array().cloned().unwrap_or_default();
            parts
                .iter()
                .map(|p| {
                    let month = p["month"].as_str().unwrap_or_default().to_owned();
                    (month, p["units"].as_i64().unwrap_or_default())
                })
                .collect()
        })
        .collect()
}

/// Orders whose answered build months differ from the stored ones.
pub fn answers_differing(stored: &Stored, answers: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    for answer in answers {
        let id = answer["id"].as_i64().unwrap_or_default();
        let (answered, kept) = (answered_parts(answer), stored.order(id));
        if answered != kept {
            problems.push(format!(
                "order {id}: answered allocations {answered:?}, stored {kept:?}"
            ));
        }
    }
    problems
}

/// Where the plan `server` shows a planner (`GET /api/v1/plan`) differs from the stored plan.
pub async fn plan_view_differences(server: &Server, planner: &str, stored: &Stored) -> Vec<String> {
    let view = server.get("/api/v1/plan", Some(planner)).await;
    if view.status != 200 {
        return vec![format!("GET /api/v1/plan: {} {}", view.status, view.text())];
    }
    let kept = stored.per_month();
    let months = view.json()["months"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut differences = Vec::new();
    for month in &months {
        let line = month["line"].as_str().unwrap_or("?").to_owned();
        let name = month["month"].as_str().unwrap_or("?").to_owned();
        let shown = month["allocated"].as_i64().unwrap_or(-1);
        let stored = kept
            .get(&(line.clone(), name.clone()))
            .copied()
            .unwrap_or(0);
        if shown != stored {
            differences.push(format!(
                "{name} {line}: the planner sees {shown} allocated, {stored} stored"
            ));
        }
    }
    differences
}

/// Kills every server, then starts each again in turn: each must start cleanly. Returns
/// `"clean"` or `"FAILED"` for the summary line.
pub async fn restart_all(servers: &mut [&mut Server], problems: &mut Vec<String>) -> &'static str {
    for server in servers.iter_mut() {
        server.kill();
    }
    let mut clean = "clean";
    for server in servers.iter_mut() {
        if let Err(error) = server.restart().await {
            problems.push(format!("restart: {error}"));
            clean = "FAILED";
        }
    }
    clean
}

/// Digit runs in `text` other than months (`YYYY-MM`) and `quantity`.
pub fn stray_numbers(text: &str, quantity: u32) -> Vec<String> {
    let (bytes, quantity) = (text.as_bytes(), quantity.to_string());
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut stray = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let end = (i..=bytes.len())
            .find(|&j| !digit(j))
            .unwrap_or(bytes.len());
        let month =
            end - i == 4 && bytes.get(end) == Some(&b'-') && digit(end + 1) && digit(end + 2);
        if month && !digit(end + 3) {
            i = end + 3;
            continue;
        }
        if text[i..end] != quantity {
            stray.push(text[i..end].to_owned());
        }
        i = end;
    }
    stray
}

#[test]
fn stray_numbers_skip_months_and_the_quantity() {
    let message = "no room for `999` vehicles before `2036-12`, earliest `2027-01`";
    assert!(stray_numbers(message, 999).is_empty());
    let message = "line `passenger` has room for `500` of `999` vehicles until `2036-12`";
    assert_eq!(stray_numbers(message, 999), ["500"]);
    assert_eq!(stray_numbers("2027-011 and 12", 999), ["2027", "011", "12"]);
}
