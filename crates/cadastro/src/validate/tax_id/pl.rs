//! Poland: NIP (Numer Identyfikacji Podatkowej), also the Polish VAT number after `PL`.

use super::check::{fixed, weighted};

/// True when `number` is a valid NIP: 10 digits (an optional `PL` prefix and separators allowed),
/// the last one equal to the sum of the first nine weighted 6 5 7 2 3 4 5 6 7, mod 11.
///
/// ```
/// use cadastro::checks::tax_id::is_valid_nip;
/// assert!(is_valid_nip("123-456-32-18"));
/// assert!(is_valid_nip("PL 1234563218"));
/// assert!(!is_valid_nip("1234563219"));
/// ```
pub fn is_valid_nip(number: &str) -> bool {
    let number = crate::model::text::compact(number);
    let body = number.strip_prefix("PL").unwrap_or(&number);
    check_body(body)
}

/// The NIP check on a compact body without prefix.
pub(super) fn check_body(body: &str) -> bool {
    let Some(d) = fixed::<10>(body) else { return false };
    let [.., last] = d;
    weighted(&d, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 == last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nip() {
        assert!(is_valid_nip("1234563218"));
        assert!(is_valid_nip("pl1234563218"));
        assert!(!is_valid_nip("1234563212"));
        assert!(!is_valid_nip("123456321"));
        assert!(!is_valid_nip("PLPL1234563218"));
        assert!(!is_valid_nip("DE1234563218"));
    }
}
