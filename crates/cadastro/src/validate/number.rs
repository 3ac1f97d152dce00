//! Numbers: payment terms in days, integers, decimals and dates.
//!
//! Decimal separators: when a number has both `.` and `,`, the last one is the decimal
//! separator and the other groups thousands (`1.234,56`, `1,234.56`); a separator that appears
//! several times groups thousands (`1.234.567`); a single one is the decimal separator
//! (`1234,56`, `1.5`), except in [`parse_integer`] where a single separator followed by
//! exactly three digits groups thousands (`1.000` is 1000). Spaces (NBSP and thin spaces
//! included) and apostrophes may group thousands too (`1 234,56`, `1'234.56`). Groups after
//! the first have exactly three digits.
//!
//! Dates are written without a date crate: the conversions are the few lines of the proleptic
//! Gregorian calendar below, and cadastro has no other use for one.

use crate::model::IssueCode;

use super::fold::fold_text;
use super::text::clean;

/// A number split into its parts: sign, integer digits, fraction digits; and where the
/// fraction came from a single separator that could also group thousands.
struct Parts {
    negative: bool,
    int: String,
    frac: String,
    /// The only separator was one `.` or `,` followed by exactly three digits (`1.000`).
    lone_separator: bool,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}')
}

/// Splits a number's text; `None` when it is not a plain number.
fn split_number(text: &str) -> Option<Parts> {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match text.chars().next()? {
        '-' | '\u{2212}' => (true, text.get(text.chars().next()?.len_utf8()..)?),
        '+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    if !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',') || is_group_space(c)) {
        return None;
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (decimal, group) = match (dots, commas) {
        (0, 0) => (None, None),
        (1, 0) => (Some('.'), None),
        (0, 1) => (Some(','), None),
        (_, 0) => (None, Some('.')),
        (0, _) => (None, Some(',')),
        _ => {
            let last_dot = body.rfind('.')?;
            let last_comma = body.rfind(',')?;
            if last_dot > last_comma { (Some('.'), Some(',')) } else { (Some(','), Some('.')) }
        }
    };
    let (int_text, frac_text) = match decimal {
        Some(sep) => {
            let at = body.rfind(sep)?;
            (body.get(..at)?, body.get(at + 1..)?)
        }
        None => (body, ""),
    };
    if decimal.is_some_and(|sep| int_text.contains(sep)) || !frac_text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if decimal.is_some() && frac_text.is_empty() {
        return None;
    }
    let groups: Vec<&str> = int_text.split(|c: char| Some(c) == group || is_group_space(c)).collect();
    let int = match groups.as_slice() {
        [] => return None,
        [single] => (*single).to_owned(),
        [first, rest @ ..] => {
            let first_ok = (1..=3).contains(&first.len());
            if !first_ok || rest.iter().any(|g| g.len() != 3) {
                return None;
            }
            groups.concat()
        }
    };
    if !int.chars().all(|c| c.is_ascii_digit()) || (int.is_empty() && frac_text.is_empty()) {
        return None;
    }
    let lone_separator =
        group.is_none() && groups.len() == 1 && frac_text.len() == 3 && !int.is_empty() && !int.starts_with('0');
    Some(Parts { negative, int, frac: frac_text.to_owned(), lone_separator })
}

/// Parses a decimal number: `1234.56`, `1234,56`, `1.234,56`, `1,234.56`, `1 234,56`, `-0,5`.
///
/// ```
/// use cadastro::checks::number::parse_decimal;
/// assert_eq!(parse_decimal("1.234,56"), Ok(1234.56));
/// assert_eq!(parse_decimal("1,234.56"), Ok(1234.56));
/// assert_eq!(parse_decimal("1234.56"), Ok(1234.56));
/// assert_eq!(parse_decimal("-0,5"), Ok(-0.5));
/// assert!(parse_decimal("12abc").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidNumber`] when the text is not a number.
pub fn parse_decimal(raw: &str) -> Result<f64, IssueCode> {
    let parts = split_number(&clean(raw)).ok_or(IssueCode::InvalidNumber)?;
    let text = format!(
        "{}{}.{}",
        if parts.negative { "-" } else { "" },
        if parts.int.is_empty() { "0" } else { &parts.int },
        if parts.frac.is_empty() { "0" } else { &parts.frac }
    );
    text.parse::<f64>().ok().filter(|f| f.is_finite()).ok_or(IssueCode::InvalidNumber)
}

/// Parses an integer: `30`, `-12`, `30.0`, `30,00`, `1.000` (thousands), `1 234 567`. A
/// non-zero fraction is invalid.
///
/// ```
/// use cadastro::checks::number::parse_integer;
/// assert_eq!(parse_integer("30,0"), Ok(30));
/// assert_eq!(parse_integer("1.000"), Ok(1000));
/// assert_eq!(parse_integer("1,234,567"), Ok(1234567));
/// assert!(parse_integer("30.5").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidNumber`] when the text is not an integer or does not fit an `i64`.
pub fn parse_integer(raw: &str) -> Result<i64, IssueCode> {
    integer_from(&clean(raw))
}

fn integer_from(text: &str) -> Result<i64, IssueCode> {
    let parts = split_number(text).ok_or(IssueCode::InvalidNumber)?;
    let digits = if parts.lone_separator {
        parts.int + &parts.frac
    } else if parts.frac.chars().all(|c| c == '0') {
        parts.int
    } else {
        return Err(IssueCode::InvalidNumber);
    };
    let magnitude: i64 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| IssueCode::InvalidNumber)? };
    Ok(if parts.negative { -magnitude } else { magnitude })
}

/// Words allowed before the number of days (folded): `NET 30`, `net30`, `à 30 jours`.
const DAYS_PREFIXES: &[&str] = &["net", "netto", "nett", "n", "a"];

/// Words allowed after the number of days (folded): `30 dias`, `30d`, `30 days net`.
const DAYS_SUFFIXES: &[&str] = &[
    "d", "day", "days", "dia", "dias", "j", "jour", "jours", "dni", "dzien", "dnia", "net", "netto", "nett", "corridos",
];

/// The longest payment period accepted, in days (ten years).
pub const MAX_PAYMENT_DAYS: i64 = 3650;

/// Parses a payment period in days, 0..=3650: `30`, `30.0`, `30,0`, `30 dias`, `30 days`,
/// `30 jours`, `30 dni`, `NET 30`, `net30`, `30d`. As in [`parse_integer`], `1.000` is a thousand.
///
/// ```
/// use cadastro::checks::number::parse_payment_days;
/// assert_eq!(parse_payment_days("NET 30"), Ok(30));
/// assert_eq!(parse_payment_days("45 días"), Ok(45));
/// assert_eq!(parse_payment_days("30,0"), Ok(30));
/// assert!(parse_payment_days("30.5").is_err());
/// assert!(parse_payment_days("4000").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidNumber`] when the text is not a whole number of days in range.
pub fn parse_payment_days(raw: &str) -> Result<i64, IssueCode> {
    let text = fold_text(&clean(raw));
    let first = text.find(|c: char| c.is_ascii_digit()).ok_or(IssueCode::InvalidNumber)?;
    let last = text.rfind(|c: char| c.is_ascii_digit()).ok_or(IssueCode::InvalidNumber)?;
    let (before, number) = (text.get(..first).unwrap_or_default(), text.get(first..=last).unwrap_or_default());
    let after = text.get(last + 1..).unwrap_or_default();
    // `-5` or `net -5` is negative; `Net-30` is not.
    let negative = before.trim_end().strip_suffix('-').is_some_and(|rest| rest.is_empty() || rest.ends_with(' '));
    let words_ok = |part: &str, allowed: &[&str]| {
        part.split(|c: char| c.is_whitespace() || matches!(c, '.' | '-' | ':'))
            .filter(|w| !w.is_empty())
            .all(|w| allowed.contains(&w))
    };
    if !words_ok(before, DAYS_PREFIXES) || !words_ok(after, DAYS_SUFFIXES) {
        return Err(IssueCode::InvalidNumber);
    }
    let days = integer_from(number)?;
    if negative || !(0..=MAX_PAYMENT_DAYS).contains(&days) {
        return Err(IssueCode::InvalidNumber);
    }
    Ok(days)
}

/// Parses a date to ISO 8601 `yyyy-mm-dd`: ISO already (a time part is dropped),
/// `dd/mm/yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy`, `yyyy/mm/dd`, or an Excel serial day number of
/// five digits (`46082` is 2026-03-01; 1900 date system). Two-digit years and month-first
/// dates are not accepted.
///
/// ```
/// use cadastro::checks::number::parse_date;
/// assert_eq!(parse_date("2026-03-01").unwrap(), "2026-03-01");
/// assert_eq!(parse_date("01/03/2026").unwrap(), "2026-03-01");
/// assert_eq!(parse_date("1.3.2026").unwrap(), "2026-03-01");
/// assert_eq!(parse_date("46082").unwrap(), "2026-03-01");
/// assert!(parse_date("31/02/2026").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidDate`] when the text is no valid date.
pub fn parse_date(raw: &str) -> Result<String, IssueCode> {
    let cleaned = clean(raw);
    let text: &str = &cleaned;
    if let Some(serial) = excel_serial(text) {
        let (y, m, d) = civil_from_days(serial.checked_add(EXCEL_EPOCH).ok_or(IssueCode::InvalidDate)?);
        return Ok(format!("{y:04}-{m:02}-{d:02}"));
    }
    // Drop a time part: `2026-03-01T10:30:00`, `2026-03-01 10:30`, `01/03/2026 10:30`.
    let date = text.split(['T', ' ']).next().unwrap_or_default();
    let rest = text.get(date.len()..).unwrap_or_default().trim_start_matches(['T', ' ']);
    if !rest.is_empty() && !is_time(rest) {
        return Err(IssueCode::InvalidDate);
    }
    let fields: Vec<&str> = date.split(['-', '/', '.']).collect();
    let seps: Vec<char> = date.chars().filter(|c| matches!(c, '-' | '/' | '.')).collect();
    if fields.len() != 3 || seps.first() != seps.get(1) || fields.iter().any(|f| !is_digits(f)) {
        return Err(IssueCode::InvalidDate);
    }
    let (y, m, d) = match (fields.first(), fields.get(1), fields.get(2)) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (*y, *m, *d),
        (Some(d), Some(m), Some(y)) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (*y, *m, *d),
        _ => return Err(IssueCode::InvalidDate),
    };
    let (y, m, d): (i64, u32, u32) = (
        y.parse().map_err(|_| IssueCode::InvalidDate)?,
        m.parse().map_err(|_| IssueCode::InvalidDate)?,
        d.parse().map_err(|_| IssueCode::InvalidDate)?,
    );
    if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(IssueCode::InvalidDate);
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// `10:30`, `10:30:00`, `10:30:00.000`, optionally with a `Z`.
fn is_time(s: &str) -> bool {
    let s = s.strip_suffix('Z').unwrap_or(s);
    let s = s.split('.').next().unwrap_or_default();
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| p.len() == 2 && is_digits(p))
}

/// Days from 1970-01-01 to Excel's day 0 (1899-12-30, so that serial 61 is 1900-03-01).
const EXCEL_EPOCH: i64 = -25_569;

/// The day number of an Excel serial of five digits (a fraction is the time of day, dropped).
fn excel_serial(text: &str) -> Option<i64> {
    let int = match text.split_once(['.', ',']) {
        Some((int, frac)) if is_digits(frac) => int,
        Some(_) => return None,
        None => text,
    };
    if int.len() != 5 || !is_digits(int) {
        return None;
    }
    int.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The civil date of a day number counted from 1970-01-01 (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, u32::try_from(m).unwrap_or(1), u32::try_from(d).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_days() {
        for (raw, want) in [
            ("30", 30),
            ("30.0", 30),
            ("30,0", 30),
            ("30,00", 30),
            ("30 dias", 30),
            ("30 días", 30),
            ("30 days", 30),
            ("30 jours", 30),
            ("30 dni", 30),
            ("NET 30", 30),
            ("net30", 30),
            ("Net-30", 30),
            ("30d", 30),
            ("30 D", 30),
            ("à 30 jours", 30),
            ("30 days net", 30),
            ("0", 0),
            ("3650", 3650),
            (" 60 ", 60),
            ("1.000", 1000),
        ] {
            assert_eq!(parse_payment_days(raw), Ok(want), "{raw:?}");
        }
        for raw in [
            "",
            "abc",
            "30.5",
            "30,5",
            "-5",
            "- 5",
            "3651",
            "99999999999999999999",
            "30 months",
            "30 dias fim do mes",
            "30/60",
            "30 60",
            "net",
            "d30",
            "trinta",
        ] {
            assert_eq!(parse_payment_days(raw), Err(IssueCode::InvalidNumber), "{raw:?}");
        }
    }

    #[test]
    fn decimals() {
        for (raw, want) in [
            ("1234.56", 1234.56),
            ("1234,56", 1234.56),
            ("1.234,56", 1234.56),
            ("1,234.56", 1234.56),
            ("1 234,56", 1234.56),
            ("1\u{a0}234,56", 1234.56),
            ("1'234.56", 1234.56),
            ("1.234.567", 1_234_567.0),
            ("1,234,567.5", 1_234_567.5),
            ("-12,5", -12.5),
            ("+3", 3.0),
            ("0,5", 0.5),
            (",5", 0.5),
            ("1.5", 1.5),
            ("12", 12.0),
        ] {
            assert_eq!(parse_decimal(raw), Ok(want), "{raw:?}");
        }
        for raw in ["", "-", "abc", "1.2.3,4,5", "12,34,5", "1,23.4", "1.2,3.4", "1e5", "12-3", "1 23", "12.", "."] {
            assert_eq!(parse_decimal(raw), Err(IssueCode::InvalidNumber), "{raw:?}");
        }
    }

    #[test]
    fn integers() {
        assert_eq!(parse_integer("42"), Ok(42));
        assert_eq!(parse_integer("-42"), Ok(-42));
        assert_eq!(parse_integer("42.000"), Ok(42_000));
        assert_eq!(parse_integer("42.00"), Ok(42));
        assert_eq!(parse_integer("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(parse_integer("9223372036854775808"), Err(IssueCode::InvalidNumber));
        assert_eq!(parse_integer("4.2"), Err(IssueCode::InvalidNumber));
        assert_eq!(parse_integer("0.500"), Err(IssueCode::InvalidNumber));
        assert_eq!(parse_integer("1.234,5"), Err(IssueCode::InvalidNumber));
    }

    #[test]
    fn dates() {
        for (raw, want) in [
            ("2026-03-01", "2026-03-01"),
            ("2026-03-01T10:30:00", "2026-03-01"),
            ("2026-03-01 10:30", "2026-03-01"),
            ("01/03/2026", "2026-03-01"),
            ("1/3/2026", "2026-03-01"),
            ("01.03.2026", "2026-03-01"),
            ("01-03-2026", "2026-03-01"),
            ("2026/03/01", "2026-03-01"),
            ("29/02/2024", "2024-02-29"),
            ("46082", "2026-03-01"),
            ("46082.5", "2026-03-01"),
            ("25569", "1970-01-01"),
            ("10000", "1927-05-18"),
            ("31/12/9999", "9999-12-31"),
        ] {
            assert_eq!(parse_date(raw).as_deref(), Ok(want), "{raw:?}");
        }
        for raw in [
            "",
            "abc",
            "2026-13-01",
            "2026-02-29",
            "31/04/2026",
            "00/01/2026",
            "01/03/26",
            "03/25/2026",
            "2026-03",
            "01/03-2026",
            "2026-03-01 later",
            "2026",
            "123456",
            "1/1/1",
            "2026-3-1x",
        ] {
            assert_eq!(parse_date(raw), Err(IssueCode::InvalidDate), "{raw:?}");
        }
    }

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
