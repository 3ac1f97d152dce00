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
/// use cadastro::checks::email::normalize_email;
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
    if plain_ascii_address(address) {
        return Ok(address.to_ascii_lowercase());
    }
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
/// use cadastro::checks::email::normalize_email_list;
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

/// The ASCII fast path: true for an address that the full check below accepts for sure, and
/// whose lower case is [`str::to_ascii_lowercase`]'s: a local part of 1-64 letters, digits and
/// `. _ + - '` with no empty dot-separated piece; a domain of at most 253 bytes, two labels or
/// more of 1-63 letters, digits and inner hyphens; a top-level domain not all digits. Anything
/// else (non-ASCII, quotes, other symbols, any doubt) takes the full check, so the answer is
/// the same either way (`tests::fast_path_agrees_with_the_full_check`).
fn plain_ascii_address(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    let local_ok = (1..=64).contains(&local.len())
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'\''))
        });
    if !local_ok || domain.len() > 253 {
        return false;
    }
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let bytes = label.as_bytes();
        let ends_ok =
            bytes.first().is_some_and(u8::is_ascii_alphanumeric) && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
        if !ends_ok || bytes.len() > 63 || !bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && !last.bytes().all(|b| b.is_ascii_digit())
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

    /// The ASCII fast path accepts nothing the full check refuses, and gives the same text.
    #[test]
    fn fast_path_agrees_with_the_full_check() {
        let alphabet: Vec<char> = "aZ09._+-'@ \"!#%&*/=?^`{|}~<>(),;:[]\\é\u{a0}".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut fast = 0;
        for i in 0..50_000 {
            // Mostly plausible addresses with one or two characters changed, some random text.
            let mut text: Vec<char> = if i % 4 == 0 {
                (0..next(30)).map(|_| alphabet[next(alphabet.len())]).collect()
            } else {
                let local = ["ana", "ana.silva", "a_b-c", "o'brien", "x+tag", "ANA", "a..b", ".a"][next(8)];
                let domain =
                    ["example.com", "sub.example.com.br", "x.io", "10.0.0.1", "a-.b", "x.1", "EX.COM"][next(7)];
                format!("{local}@{domain}").chars().collect()
            };
            for _ in 0..next(3) {
                let at = next(text.len() + 1);
                text.insert(at, alphabet[next(alphabet.len())]);
            }
            let text: String = text.into_iter().collect();
            if !plain_ascii_address(&text) {
                continue;
            }
            fast += 1;
            let lower = text.to_lowercase();
            let options = Options::default().without_display_text().without_domain_literal().with_required_tld();
            let parsed = EmailAddress::parse_with_options(&lower, options);
            assert!(parsed.is_ok_and(|p| domain_is_hostname(p.domain())), "{text:?}");
            assert_eq!(text.to_ascii_lowercase(), lower);
        }
        assert!(fast > 3_000, "{fast}");
        // A local part of 65 characters or a label of 64 is left to the full check.
        assert!(!plain_ascii_address(&format!("{}@x.com", "a".repeat(65))));
        assert!(!plain_ascii_address(&format!("a@{}.com", "b".repeat(64))));
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
