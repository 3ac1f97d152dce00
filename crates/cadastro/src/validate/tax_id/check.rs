//! Checksum building blocks shared by the tax id schemes (digits, weighted sums, Luhn,
//! ISO 7064 MOD 11,10 and MOD 97-10, calendar dates).

/// The digit values of `s` when it is made only of ASCII digits (and is not empty).
pub(super) fn digits(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() {
        return None;
    }
    s.bytes().map(|b| if b.is_ascii_digit() { Some(u32::from(b - b'0')) } else { None }).collect()
}

/// The digit values of `s` when it is exactly `N` ASCII digits.
pub(super) fn fixed<const N: usize>(s: &str) -> Option<[u32; N]> {
    digits(s)?.try_into().ok()
}

/// True when `s` is non-empty and only ASCII digits.
pub(super) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Sum of `digit * weight` over the shorter of the two slices.
pub(super) fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// The decimal value of a digit slice (saturating, callers keep slices short).
pub(super) fn value(digits: &[u32]) -> u64 {
    digits.iter().fold(0u64, |acc, d| acc.saturating_mul(10).saturating_add(u64::from(*d)))
}

/// The Luhn checksum (0 for a valid number).
pub(super) fn luhn_checksum(digits: &[u32]) -> u32 {
    digits.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { (d * 2) / 10 + (d * 2) % 10 }).sum::<u32>()
        % 10
}

/// True when the digits pass the Luhn check.
pub(super) fn luhn_valid(digits: &[u32]) -> bool {
    !digits.is_empty() && luhn_checksum(digits) == 0
}

/// The Luhn check digit to append to `digits`.
pub(super) fn luhn_check_digit(digits: &[u32]) -> u32 {
    let mut with_zero = digits.to_vec();
    with_zero.push(0);
    (10 - luhn_checksum(&with_zero)) % 10
}

/// ISO 7064 MOD 11,10 checksum (1 for a valid number).
pub(super) fn mod_11_10(digits: &[u32]) -> u32 {
    digits.iter().fold(5, |check, d| ((if check == 0 { 10 } else { check }) * 2 % 11 + d) % 10)
}

/// ISO 7064 MOD 97-10 remainder of an alphanumeric string (letters count 10..35), `None` for
/// other characters.
pub(super) fn mod_97_alnum(s: &str) -> Option<u32> {
    let mut rem = 0u32;
    for c in s.chars() {
        let v = c.to_digit(36)?;
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    Some(rem)
}

/// True when `year-month-day` is a date of the proleptic Gregorian calendar (years 1..=9999).
pub(super) fn is_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=9999).contains(&year) && (1..=days).contains(&day)
}

/// A two-digit number from two digit values.
pub(super) fn two(a: u32, b: u32) -> u32 {
    a * 10 + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_valid(&digits("79927398713").unwrap()));
        assert!(!luhn_valid(&digits("79927398710").unwrap()));
        assert_eq!(luhn_check_digit(&digits("7992739871").unwrap()), 3);
    }

    #[test]
    fn iso7064() {
        // DE 136695976 is a published valid German VAT number
        assert_eq!(mod_11_10(&digits("136695976").unwrap()), 1);
        assert_eq!(mod_11_10(&digits("136695977").unwrap()), 2);
        // IBAN style: GB82WEST12345698765432 rotated
        assert_eq!(mod_97_alnum("WEST12345698765432GB82"), Some(1));
        assert_eq!(mod_97_alnum("AB-1"), None);
    }

    #[test]
    fn dates_and_digits() {
        assert!(is_date(2000, 2, 29));
        assert!(!is_date(1900, 2, 29));
        assert!(!is_date(2023, 13, 1));
        assert!(!is_date(0, 1, 1));
        assert_eq!(digits(""), None);
        assert_eq!(digits("1a"), None);
        assert_eq!(fixed::<3>("123"), Some([1, 2, 3]));
        assert_eq!(fixed::<3>("1234"), None);
        assert_eq!(value(&[0, 4, 2]), 42);
        assert!(is_digits("09") && !is_digits("") && !is_digits("٣"));
    }
}
