//! The visitor's own fields of a quote request: a name, a contact (a phone number or an e-mail
//! address) and a message. Each check answers the cleaned value (surrounding spaces dropped) or a
//! message quoting the value (cut short when long). The rules are the ones the OpenAPI document
//! states, counted on the value as sent: the contact's is the very pattern the document carries
//! ([`CONTACT_PATTERN`]), so that a client generated from it and this check cannot disagree.

use std::sync::OnceLock;

use regex::Regex;

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// The longest contact (RFC 5321's path limit for an e-mail address; phones are shorter).
pub const MAX_CONTACT_CHARS: usize = 254;
/// The longest configuration code read; real codes are far shorter.
pub const MAX_CODE_BYTES: usize = 200;
/// A phone number (7 to 20 digits, a `+` first if any, single spaces or dashes between digits) or
/// an e-mail address (an ASCII local part of 1 to 64 characters without spaces, `<`, `>` or `@`;
/// a domain of two or more ASCII labels: international domains in their `xn--` form), with spaces
/// around it allowed.
pub const CONTACT_PATTERN: &str = concat!(
    r"^ *(?:",
    r"\+?[0-9](?:[ -]?[0-9]){6,19}",
    r"|",
    r"[!-;=?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+",
    r") *$"
);
/// A name: no control characters, and something besides spaces.
pub const NAME_PATTERN: &str =
    r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$";
/// A message: no control characters but line breaks and tabs.
pub const MESSAGE_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";

/// A value as quoted in a message: at most 40 characters.
pub fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

/// Whether `text` matches `pattern` (one of the constants above, compiled once each).
fn matches(pattern: &'static str, text: &str) -> bool {
    static COMPILED: OnceLock<[(&str, Regex); 3]> = OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        [CONTACT_PATTERN, NAME_PATTERN, MESSAGE_PATTERN]
            .map(|pattern| (pattern, Regex::new(pattern).expect("a valid pattern")))
    });
    compiled
        .iter()
        .find(|(known, _)| *known == pattern)
        .is_some_and(|(_, regex)| regex.is_match(text))
}

/// The name: 1 to [`MAX_NAME_CHARS`] characters, not only spaces, no control characters.
pub fn name(text: &str) -> Result<String, String> {
    let chars = text.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!("at most {MAX_NAME_CHARS} characters, got {chars}"));
    }
    if text.trim().is_empty() {
        return Err("must not be blank".to_owned());
    }
    if !matches(NAME_PATTERN, text) {
        return Err(format!("`{}` has control characters", quoted(text)));
    }
    Ok(text.trim().to_owned())
}

/// The message: at most [`MAX_MESSAGE_CHARS`] characters; line breaks and tabs are the only
/// control characters.
pub fn message(text: &str) -> Result<String, String> {
    let chars = text.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(format!(
            "at most {MAX_MESSAGE_CHARS} characters, got {chars}"
        ));
    }
    if !matches(MESSAGE_PATTERN, text) {
        return Err("only line breaks and tabs may be control characters".to_owned());
    }
    Ok(text.trim().to_owned())
}

/// The contact: a phone number or an e-mail address, as [`CONTACT_PATTERN`] says.
pub fn contact(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("a phone number or an e-mail address is needed".to_owned());
    }
    if text.chars().count() <= MAX_CONTACT_CHARS && matches(CONTACT_PATTERN, text) {
        Ok(text.trim().to_owned())
    } else {
        Err(format!(
            "`{}` is neither a phone number (7 to 20 digits; `+`, single spaces and dashes \
             between them) nor an e-mail address",
            quoted(text.trim())
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_have_7_to_20_digits_and_only_separators() {
        for good in [
            "+996 555 123 456",
            "0555-12-34-56",
            "1234567",
            "+99655512345678901234",
        ] {
            assert_eq!(contact(good).as_deref(), Ok(good), "{good}");
        }
        for bad in [
            "123456",
            "+996 (555) 123456",
            "12345678901234567890123",
            "555+1234567",
            "call me",
        ] {
            assert!(contact(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn e_mails_are_plausible() {
        assert_eq!(contact(" ada@example.kg ").as_deref(), Ok("ada@example.kg"));
        for bad in [
            "ada@",
            "@example.kg",
            "ada@example",
            "ada@@example.kg",
            "a da@example.kg",
            "ada@exa_mple.kg",
        ] {
            assert!(contact(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.kg", "a".repeat(300));
        assert!(contact(&long).is_err());
    }

    #[test]
    fn names_and_messages_have_limits() {
        assert_eq!(name("  Aida  ").as_deref(), Ok("Aida"));
        assert!(name(" ").is_err());
        assert!(name(&"я".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(
            name(&"я".repeat(MAX_NAME_CHARS)).is_ok(),
            "characters, not bytes"
        );
        assert!(name("A\u{0}B").is_err());
        assert_eq!(message("").as_deref(), Ok(""));
        assert!(message("line one\nline two").is_ok());
        assert!(message(&"x".repeat(MAX_MESSAGE_CHARS + 1)).is_err());
        assert!(message("bell\u{7}").is_err());
    }

    #[test]
    fn long_values_are_cut_short_in_messages() {
        let error = contact(&"x".repeat(1000)).unwrap_err();
        assert!(error.len() < 200, "{error}");
    }
}
