//! Bank accounts: an IBAN (checked) when the value looks like one, else trimmed text.

use iban::{Iban, IbanLike};

use crate::model::IssueCode;

use super::text::clean;

/// Shortest and longest IBAN of the registry (Norway 15, Saint Lucia / Russia 32-33, limit 34).
const IBAN_LENGTHS: std::ops::RangeInclusive<usize> = 15..=34;

/// The value without spaces and dashes (the only separators of a printed IBAN), upper case.
fn electronic(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{200B}' | '\u{FEFF}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// True when a value without separators has the shape of an IBAN: two letters, two digits, then
/// letters and digits, 15 to 34 characters in all. (Dots or slashes, as in "Ag. 1234-5 C/C
/// 67890-1", make it something else.)
fn looks_like_iban(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    IBAN_LENGTHS.contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(2).take(2).all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

/// Normalizes a bank account. A value that looks like an IBAN (two letters, two check digits,
/// then 11 to 30 letters or digits, once spaces and dashes are removed) must be one: its check digits
/// and its country's BBAN format are checked with the `iban_validate` crate, and it is returned in
/// the electronic form (compact, upper case), else [`IssueCode::InvalidIban`]. Anything else (a
/// Brazilian "agência / conta", a local account number) is returned trimmed, never an error.
///
/// ```
/// use cadastro::checks::iban::normalize_bank_account;
/// use cadastro::IssueCode;
/// assert_eq!(normalize_bank_account("de89 3704 0044 0532 0130 00").unwrap(), "DE89370400440532013000");
/// assert_eq!(normalize_bank_account("DE89 3704 0044 0532 0130 01"), Err(IssueCode::InvalidIban));
/// assert_eq!(normalize_bank_account(" 1234-5 / 67890-1 ").unwrap(), "1234-5 / 67890-1");
/// ```
pub fn normalize_bank_account(raw: &str) -> Result<String, IssueCode> {
    let compact = electronic(raw);
    if !looks_like_iban(&compact) {
        return Ok(clean(raw).into_owned());
    }
    compact.parse::<Iban>().map(|iban| iban.electronic_str().to_owned()).map_err(|_| IssueCode::InvalidIban)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        let valid = [
            ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
            ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
            ("BR15 0000 0000 0000 1093 2840 814P 2", "BR1500000000000010932840814P2"),
            ("PL61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874"),
            ("NO93 8601 1117 947", "NO9386011117947"),
            ("nl91-abna-0417-1643-00", "NL91ABNA0417164300"),
        ];
        for (raw, want) in valid {
            assert_eq!(normalize_bank_account(raw).as_deref(), Ok(want), "{raw}");
        }
        // wrong check digits, wrong BBAN length, unknown country
        for raw in ["GB82 WEST 1234 5698 7654 33", "NO93 8601 1117 9471", "XX82WEST12345698765432"] {
            assert_eq!(normalize_bank_account(raw), Err(IssueCode::InvalidIban), "{raw}");
        }
    }

    #[test]
    fn other_accounts() {
        assert_eq!(normalize_bank_account("Ag. 1234-5 C/C 67890-1").as_deref(), Ok("Ag. 1234-5 C/C 67890-1"));
        assert_eq!(normalize_bank_account("\u{a0}00123456789\u{a0}").as_deref(), Ok("00123456789"));
        assert_eq!(normalize_bank_account("AG12 34"), Ok("AG12 34".to_owned()));
        assert_eq!(normalize_bank_account("AG1234/5CC678901").as_deref(), Ok("AG1234/5CC678901"));
        assert_eq!(normalize_bank_account(""), Ok(String::new()));
        assert_eq!(normalize_bank_account("ÉÉ12 3456 7890 1234 5678").as_deref(), Ok("ÉÉ12 3456 7890 1234 5678"));
        let long = "DE89".repeat(10_000);
        assert_eq!(normalize_bank_account(&long).map(|s| s.len()), Ok(long.len()));
    }
}
