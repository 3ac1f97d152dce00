//! E-mail syntax and normalization (no network).
//!
//! The grammar of the address (RFC 5322 dot-atom local part, label and length limits) is the
//! `email_address` crate's, with its strict options: no display name, no domain literal
//! (`[127.0.0.1]`), at least one dot in the domain. On top of it cadastro is stricter where
//! customer data needs it: no quoted local part (`"a b"@x.com`), domain labels of letters,
//! digits and hyphens only (letters of any script: IDN domains such as `café.fr` are kept as
//! written), and a top-level domain that is not all digits.
//!
//! Accepted and unwrapped: `mailto:ana@x.com`, `Ana Silva <ana@x.com>`, `<ana@x.com>`.

use email_address::{EmailAddress, Options};

use crate::model::IssueCode;

use super::text::clean;

/// Trims, lower-cases and checks one e-mail address.
///
/// ```
/// use cadastro::validate::email::normalize_email;
/// assert_eq!(normalize_email("  Ana.Silva@Example.COM ").unwrap(), "ana.silva@example.com");
/// assert_eq!(normalize_email("Ana <ana@exemplo.com.br>").unwrap(), "ana@exemplo.com.br");
/// assert!(normalize_email("ana@localhost").is_err());
/// assert!(normalize_email("ana silva@x.com").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidEmail`] when the syntax is wrong.
pub fn normalize_email(raw: &str) -> Result<String, IssueCode> {
    let cleaned = clean(raw);
    let address = unwrap_address(&cleaned).ok_or(IssueCode::InvalidEmail)?;
    if address.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"') {
        return Err(IssueCode::InvalidEmail);
    }
    let lower = address.to_lowercase();
    let options = Options::default().without_display_text().without_domain_literal().with_required_tld();
    let parsed = EmailAddress::parse_with_options(&lower, options).map_err(|_| IssueCode::InvalidEmail)?;
    if !domain_is_hostname(parsed.domain()) {
        return Err(IssueCode::InvalidEmail);
    }
    Ok(lower)
}

/// Splits a cell on `,`, `;` and line breaks and normalizes each e-mail; empty pieces are
/// skipped and repeated addresses kept once (first occurrence order).
///
/// ```
/// use cadastro::validate::email::normalize_email_list;
/// assert_eq!(
///     normalize_email_list("a@x.com; B@y.com,,A@X.com").unwrap(),
///     vec!["a@x.com".to_string(), "b@y.com".to_string()]
/// );
/// assert!(normalize_email_list("a@x.com; nope").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidEmail`] when any piece is not a valid address.
pub fn normalize_email_list(raw: &str) -> Result<Vec<String>, IssueCode> {
    let mut out: Vec<String> = Vec::new();
    for piece in raw.split([',', ';', '\n', '\r']) {
        if clean(piece).is_empty() {
            continue;
        }
        let email = normalize_email(piece)?;
        if !out.contains(&email) {
            out.push(email);
        }
    }
    Ok(out)
}

/// The address inside `mailto:`, `Name <address>` or `<address>`; `None` for an empty text.
fn unwrap_address(text: &str) -> Option<&str> {
    let text = match text.get(..7) {
        Some(head) if head.eq_ignore_ascii_case("mailto:") => text.get(7..)?,
        _ => text,
    };
    let text = match (text.rfind('<'), text.strip_suffix('>')) {
        (Some(open), Some(inner)) => inner.get(open + 1..)?,
        _ => text,
    };
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// Letters, digits and inner hyphens in every label; a top-level domain not all digits.
fn domain_is_hostname(domain: &str) -> bool {
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let tld_ok = domain.rsplit('.').next().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    labels_ok && tld_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_good_addresses() {
        for (raw, want) in [
            ("ana@example.com", "ana@example.com"),
            ("  ANA@EXAMPLE.COM\u{a0}", "ana@example.com"),
            ("ana.maria+billing@sub.example.com.br", "ana.maria+billing@sub.example.com.br"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("mailto:Ana@Example.com", "ana@example.com"),
            ("Ana Silva <ana@example.com>", "ana@example.com"),
            ("<ana@example.com>", "ana@example.com"),
            ("jose@café.fr", "jose@café.fr"),
            ("zofia@łódź.pl", "zofia@łódź.pl"),
            ("user@xn--caf-dma.fr", "user@xn--caf-dma.fr"),
            ("a_b-c@my-domain.co.uk", "a_b-c@my-domain.co.uk"),
        ] {
            assert_eq!(normalize_email(raw), Ok(want.to_string()), "{raw:?}");
        }
    }

    #[test]
    fn rejects_bad_syntax() {
        for raw in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@@example.com",
            "ana@b@example.com",
            "ana@localhost",
            "ana silva@example.com",
            "ana@exam ple.com",
            "\"ana silva\"@example.com",
            "ana..silva@example.com",
            ".ana@example.com",
            "ana.@example.com",
            "ana@example..com",
            "ana@.example.com",
            "ana@example.com.",
            "ana@-example.com",
            "ana@example-.com",
            "ana@exa_mple.com",
            "ana@exa!mple.com",
            "ana@[127.0.0.1]",
            "ana@10.0.0.1",
            "ana@example,com",
            "Ana <ana@example.com",
            "ana@example.com>",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(normalize_email(raw), Err(IssueCode::InvalidEmail), "{raw:?}");
        }
    }

    #[test]
    fn lists() {
        assert_eq!(normalize_email_list(""), Ok(vec![]));
        assert_eq!(normalize_email_list(" ; , "), Ok(vec![]));
        assert_eq!(
            normalize_email_list("a@x.com\nb@y.com;c@z.com"),
            Ok(vec!["a@x.com".into(), "b@y.com".into(), "c@z.com".into()])
        );
        assert_eq!(normalize_email_list("a@x.com; A@x.COM"), Ok(vec!["a@x.com".into()]));
        assert_eq!(normalize_email_list("a@x.com; b@"), Err(IssueCode::InvalidEmail));
        assert_eq!(normalize_email_list("a@x.com b@y.com"), Err(IssueCode::InvalidEmail));
    }
}
