//! Postal codes by country.
//!
//! | country | form | leading zeros a number can lose |
//! | --- | --- | --- |
//! | BR | `NNNNN-NNN` (CEP; `01310100`, `01.310-100` accepted) | 1 (CEPs start at `01000-000`) |
//! | PL | `NN-NNN` | 2 (Warsaw `00-xxx`) |
//! | FR, DE, ES | `NNNNN` | 1 |
//! | IT | `NNNNN` | 2 (Rome `00xxx`) |
//! | other or unknown | 2-10 characters of `A-Z 0-9 space -`, upper case, inner spaces collapsed | none |
//!
//! A value of digits only that is too short by no more than the zeros a number can lose is
//! padded (a numeric cell that lost them, or text that came from one) and flagged
//! `leading_zeros_restored`.

use crate::model::IssueCode;

use super::Fixed;
use super::text::clean;

/// A country with a fixed all-digit format.
struct Scheme {
    /// Number of digits.
    digits: usize,
    /// How many leading zeros a numeric cell may have lost.
    max_lost_zeros: usize,
    /// Where a dash goes, counted in digits from the start (BR 5, PL 2).
    dash_at: Option<usize>,
}

fn scheme(country: &str) -> Option<Scheme> {
    let (digits, max_lost_zeros, dash_at) = match country.trim().to_ascii_uppercase().as_str() {
        "BR" => (8, 1, Some(5)),
        "PL" => (5, 2, Some(2)),
        "FR" | "DE" | "ES" => (5, 1, None),
        "IT" => (5, 2, None),
        _ => return None,
    };
    Some(Scheme { digits, max_lost_zeros, dash_at })
}

/// Normalizes a postal code for `country` (ISO alpha-2; `None`: the generic rule).
/// `numeric_cell` tells that the value came from a number cell; a short all-digit text is
/// padded either way.
///
/// ```
/// use cadastro::checks::postal::normalize_postal_code;
/// let cep = normalize_postal_code("01.310-100", Some("BR"), false).unwrap();
/// assert_eq!((cep.value.as_str(), cep.zeros_restored), ("01310-100", false));
/// let cep = normalize_postal_code("1310100", Some("BR"), true).unwrap();
/// assert_eq!((cep.value.as_str(), cep.zeros_restored), ("01310-100", true));
/// assert_eq!(normalize_postal_code("00950", Some("PL"), false).unwrap().value, "00-950");
/// assert_eq!(normalize_postal_code("sw1a  1aa", Some("GB"), false).unwrap().value, "SW1A 1AA");
/// assert!(normalize_postal_code("7500", Some("FR"), false).unwrap().zeros_restored);
/// assert!(normalize_postal_code("750011", Some("FR"), false).is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidPostalCode`] when the value does not fit the country's format.
pub fn normalize_postal_code(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let cleaned = clean(raw);
    match country.and_then(scheme) {
        Some(scheme) => fixed_digits(&cleaned, &scheme, numeric_cell),
        None => generic(&cleaned),
    }
}

fn fixed_digits(text: &str, scheme: &Scheme, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    // A numeric cell may read back as `1310100.0` in some sources; a zero fraction is harmless.
    let text = if numeric_cell { text.strip_suffix(".0").unwrap_or(text) } else { text };
    if !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ' ')) {
        return Err(IssueCode::InvalidPostalCode);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let all_digits = digits.len() == text.len();
    let missing = scheme.digits.checked_sub(digits.len()).ok_or(IssueCode::InvalidPostalCode)?;
    // Separators must sit where the country puts them: `01310-100`, `01.310-100`, `00-950`.
    if !all_digits && (missing > 0 || !separators_fit(text, scheme)) {
        return Err(IssueCode::InvalidPostalCode);
    }
    if missing > scheme.max_lost_zeros || digits.is_empty() {
        return Err(IssueCode::InvalidPostalCode);
    }
    let mut value = String::with_capacity(scheme.digits + 1);
    for (i, c) in std::iter::repeat_n('0', missing).chain(digits.chars()).enumerate() {
        if scheme.dash_at == Some(i) {
            value.push('-');
        }
        value.push(c);
    }
    Ok(if missing > 0 { Fixed::restored(value) } else { Fixed::new(value) })
}

/// True when the separators of `text` are at the country's dash (any of `-`, `.`, space) or
/// a thousands-like dot after the second digit of a CEP (`01.310-100`).
fn separators_fit(text: &str, scheme: &Scheme) -> bool {
    let mut seen_digits = 0;
    let mut previous_separator = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            seen_digits += 1;
            previous_separator = false;
            continue;
        }
        let at_dash = scheme.dash_at == Some(seen_digits);
        let cep_dot = scheme.digits == 8 && c == '.' && seen_digits == 2;
        if previous_separator || !(at_dash || cep_dot) {
            return false;
        }
        previous_separator = true;
    }
    !previous_separator
}

fn generic(text: &str) -> Result<Fixed, IssueCode> {
    let mut value = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !value.is_empty() {
            value.push(' ');
        }
        value.push_str(word);
    }
    value.make_ascii_uppercase();
    let count = value.chars().count();
    let chars_ok = value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, ' ' | '-'));
    let has_alnum = value.chars().any(|c| c.is_ascii_alphanumeric());
    if (2..=10).contains(&count) && chars_ok && has_alnum {
        Ok(Fixed::new(value))
    } else {
        Err(IssueCode::InvalidPostalCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str, country: Option<&str>, numeric: bool) -> (String, bool) {
        let fixed = normalize_postal_code(raw, country, numeric).unwrap();
        (fixed.value, fixed.zeros_restored)
    }

    fn bad(raw: &str, country: Option<&str>) -> bool {
        normalize_postal_code(raw, country, false) == Err(IssueCode::InvalidPostalCode)
    }

    #[test]
    fn brazil() {
        let br = Some("BR");
        assert_eq!(ok("01310-100", br, false), ("01310-100".into(), false));
        assert_eq!(ok("01310100", br, false), ("01310-100".into(), false));
        assert_eq!(ok("01.310-100", br, false), ("01310-100".into(), false));
        assert_eq!(ok("01310 100", br, false), ("01310-100".into(), false));
        assert_eq!(ok(" 22041-001 ", Some("br"), false), ("22041-001".into(), false));
        assert_eq!(ok("1310100", br, true), ("01310-100".into(), true));
        assert_eq!(ok("1310100", br, false), ("01310-100".into(), true));
        assert!(bad("1310-100", br));
        assert!(bad("310100", br));
        assert!(bad("013101000", br));
        assert!(bad("0131-0100", br));
        assert!(bad("01310--100", br));
        assert!(bad("01310-100-", br));
        assert!(bad("CEP 01310-100", br));
        assert!(bad("", br));
        assert!(bad("-", br));
    }

    #[test]
    fn poland_and_europe() {
        assert_eq!(ok("00-950", Some("PL"), false), ("00-950".into(), false));
        assert_eq!(ok("00950", Some("PL"), false), ("00-950".into(), false));
        assert_eq!(ok("950", Some("PL"), true), ("00-950".into(), true));
        assert_eq!(ok("31-042", Some("PL"), false), ("31-042".into(), false));
        assert!(bad("310-42", Some("PL")));
        assert!(bad("95", Some("PL")));
        assert_eq!(ok("75001", Some("FR"), false), ("75001".into(), false));
        assert_eq!(ok("1000", Some("FR"), true), ("01000".into(), true));
        assert!(bad("100", Some("FR")));
        assert!(bad("75 001", Some("FR")));
        assert_eq!(ok("1067", Some("DE"), true), ("01067".into(), true));
        assert_eq!(ok("118", Some("IT"), true), ("00118".into(), true));
        assert_eq!(ok("28013", Some("ES"), false), ("28013".into(), false));
        assert!(bad("2801A", Some("ES")));
    }

    #[test]
    fn generic_rule() {
        assert_eq!(ok("sw1a 1aa", Some("GB"), false), ("SW1A 1AA".into(), false));
        assert_eq!(ok("1012  ab", Some("NL"), false), ("1012 AB".into(), false));
        assert_eq!(ok("94105-1234", Some("US"), false), ("94105-1234".into(), false));
        assert_eq!(ok("1000", None, true), ("1000".into(), false));
        assert_eq!(ok("01310-100", None, false), ("01310-100".into(), false));
        assert!(bad("1", None));
        assert!(bad("12345678901", None));
        assert!(bad("K1A_0B1", Some("CA")));
        assert!(bad("--", None));
        assert!(bad("Straße 1", Some("DE")));
        assert!(bad("ÉÉ", None));
    }
}
