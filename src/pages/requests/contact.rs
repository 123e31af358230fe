//! The link that reaches a visitor: the server takes a phone number (digits, `+`, spaces and
//! dashes) or an e-mail address as the contact.

/// `mailto:` for an e-mail address, `tel:` with the digits (and a leading `+`) of a phone number.
/// The address is percent-encoded: the local part of an e-mail may hold `?`, `#` or `&`, which
/// would otherwise end the address in the link.
pub fn contact_href(contact: &str) -> String {
    let contact = contact.trim();
    if contact.contains('@') {
        let mut href = String::from("mailto:");
        for byte in contact.bytes() {
            if byte.is_ascii_alphanumeric() || b"@.-_~".contains(&byte) {
                href.push(char::from(byte));
            } else {
                href.push_str(&format!("%{byte:02X}"));
            }
        }
        href
    } else {
        let number: String = contact
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::contact_href;

    #[test]
    fn a_phone_number_is_a_tel_link_of_its_digits() {
        assert_eq!(contact_href("+996 555 123-456"), "tel:+996555123456");
        assert_eq!(contact_href(" 0555 12 34 56 "), "tel:0555123456");
    }

    #[test]
    fn an_email_address_is_a_mailto_link_that_cannot_be_cut_short() {
        assert_eq!(contact_href("ada@example.kg"), "mailto:ada@example.kg");
        assert_eq!(
            contact_href("a+b?cc=x&y#z@example.kg"),
            "mailto:a%2Bb%3Fcc%3Dx%26y%23z@example.kg"
        );
    }
}
