//! Makes the embedded configurator's stylesheet from the app's own (`style/main.css`), so that
//! the option list looks the same in a partner's page as on the plant's site:
//! * `:root` becomes `.chui-root`, the element inside the shadow root, and its colours, radius
//!   and font read the documented theme properties (`--chui-accent`, …) first;
//! * `rem` becomes a multiple of `--chui-rem` (16px): in a partner's page `rem` is the host
//!   document's root font size, which the host may set to anything;
//! * width media queries become container queries on `.chui-root`: the configurator adapts to
//!   the width the partner gives it, not to the window's.
//!
//! Then `style/guest.css`, the few rules of the guest alone, follows, converted the same way.

use std::{env, fs, path::Path};

/// The theme properties and the app's custom properties they set.
const THEME: [(&str, &str); 10] = [
    ("--color-bg", "background"),
    ("--color-surface", "surface"),
    ("--color-text", "text"),
    ("--color-muted", "muted"),
    ("--color-accent-text", "accent-text"),
    ("--color-accent", "accent"),
    ("--color-ok", "ok"),
    ("--color-error", "error"),
    ("--color-border", "border"),
    ("--radius", "radius"),
];

/// The size of one `rem` inside the configurator, in px.
const REM_PX: f64 = 16.0;

fn main() {
    let app_sheet = "../../style/main.css";
    let guest_sheet = "style/guest.css";
    println!("cargo::rerun-if-changed={app_sheet}");
    println!("cargo::rerun-if-changed={guest_sheet}");
    let app = fs::read_to_string(app_sheet).expect("style/main.css is readable");
    let guest = fs::read_to_string(guest_sheet).expect("web/guest.css is readable");
    let mut out = String::with_capacity(app.len() + guest.len());
    let mut in_root = false;
    for line in app.lines().chain(guest.lines()) {
        out.push_str(&convert_line(line, &mut in_root));
        out.push('\n');
    }
    let path = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embed.css");
    fs::write(path, out).expect("OUT_DIR is writable");
}

/// One line of the app's sheet as the guest's sheet has it.
fn convert_line(line: &str, in_root: &mut bool) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with(":root {") {
        *in_root = true;
        return line.replacen(":root", ".chui-root", 1);
    }
    if *in_root {
        if trimmed.starts_with('}') {
            *in_root = false;
        } else if let Some(themed) = themed(trimmed) {
            return format!("  {themed}");
        }
    }
    if trimmed.starts_with("@media") && (line.contains("width") || line.contains("height")) {
        return rem_to(&line.replacen("@media", "@container chui", 1), |n| {
            format!("{}px", n * REM_PX)
        });
    }
    if trimmed.starts_with("@container") {
        return rem_to(line, |n| format!("{}px", n * REM_PX));
    }
    rem_to(line, |n| format!("calc({n} * var(--chui-rem))"))
}

/// A declaration of the `:root` block that a theme property overrides.
fn themed(declaration: &str) -> Option<String> {
    if let Some(font) = declaration.strip_prefix("font-family:") {
        let font = font.trim().trim_end_matches(';');
        return Some(format!("font-family: var(--chui-font, {font});"));
    }
    let (name, value) = declaration.split_once(':')?;
    let (_, theme) = THEME
        .iter()
        .find(|(property, _)| *property == name.trim())?;
    let value = value.trim().trim_end_matches(';');
    Some(format!("{name}: var(--chui-{theme}, {value});"))
}

/// `line` with every `<number>rem` written by `unit`.
fn rem_to(line: &str, unit: impl Fn(f64) -> String) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if before_ok && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                end += 1;
            }
            let is_rem = line[end..].starts_with("rem")
                && !line[end + 3..].starts_with(|c: char| c.is_ascii_alphanumeric());
            if is_rem && let Ok(number) = line[start..end].parse::<f64>() {
                // A minus sign just written belongs to the number (`-0.1rem`).
                let negative = start > 0 && bytes[start - 1] == b'-' && out.ends_with('-');
                if negative {
                    out.pop();
                }
                out.push_str(&unit(if negative { -number } else { number }));
                i = end + 3;
                continue;
            }
            out.push_str(&line[start..end]);
            i = end;
            continue;
        }
        let next = line[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&line[i..i + next]);
        i += next;
    }
    out
}
