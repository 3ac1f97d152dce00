//! Text cleaning shared by every field: trimming, invisible characters, formula apostrophes.

use std::borrow::Cow;

use crate::model::cell::is_blank_char;

/// Trims whitespace, NBSP and zero-width characters at both ends, then removes one leading
/// apostrophe before `= + - @` (the round trip of cadastro's formula-safe CSV export).
///
/// ```
/// use cadastro::checks::text::clean;
/// assert_eq!(clean("\u{a0} Ana \u{200b}"), "Ana");
/// assert_eq!(clean("'=SUM(A1)"), "=SUM(A1)");
/// assert_eq!(clean("'abc"), "'abc");
/// ```
pub fn clean(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim_matches(is_blank_char);
    // One apostrophe is removed when what follows it (past any further apostrophes) starts like a
    // formula: the writers add exactly one in front of such values, `'=x` included.
    let unquoted = match trimmed.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => trimmed,
    };
    if unquoted.len() == raw.len() { Cow::Borrowed(raw) } else { Cow::Borrowed(unquoted) }
}

/// [`clean`], then inner runs of whitespace (NBSP included) collapsed to one space and
/// zero-width characters removed: the normalized form of names and addresses.
///
/// ```
/// use cadastro::checks::text::collapse;
/// assert_eq!(collapse("  Maria\u{a0}\u{a0}da   Silva\u{200b} "), "Maria da Silva");
/// ```
pub fn collapse(raw: &str) -> String {
    let cleaned = clean(raw);
    // Most values are ASCII with single spaces: nothing to collapse.
    let bytes = cleaned.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ') && !bytes.windows(2).any(|w| w == b"  ") {
        return cleaned.into_owned();
    }
    let mut out = String::with_capacity(cleaned.len());
    let mut pending_space = false;
    for c in cleaned.chars() {
        if matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}') {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// [`clean`], then dots, dashes, slashes, spaces and other whitespace removed and letters upper
/// case: the compact form of tax ids and registrations.
///
/// ```
/// use cadastro::checks::text::compact;
/// assert_eq!(compact("12.abc.345/01de-35"), "12ABC34501DE35");
/// ```
pub fn compact(raw: &str) -> String {
    clean(raw)
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | '/' | '\\' | '_' | ',') && !is_blank_char(*c))
        .flat_map(char::to_uppercase)
        .collect()
}

/// True when a value would start a formula in a spreadsheet (`= + - @`, tab, carriage return).
/// A plain negative number or a phone starting with `+` and digits is not formula-like.
///
/// ```
/// use cadastro::checks::text::is_formula_like;
/// assert!(is_formula_like("=HYPERLINK(\"http://x\")"));
/// assert!(is_formula_like("@SUM(A1)"));
/// assert!(!is_formula_like("+55 11 98765-4321"));
/// assert!(!is_formula_like("-12.5"));
/// ```
pub fn is_formula_like(value: &str) -> bool {
    let Some(first) = value.chars().next() else { return false };
    match first {
        '=' | '@' | '\t' | '\r' => true,
        '+' | '-' => !value.chars().skip(1).all(|c| c.is_ascii_digit() || " ().-/".contains(c)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_inner_text() {
        assert_eq!(clean("  a b  "), "a b");
        assert_eq!(clean("'+cmd|' /C calc'!A0"), "+cmd|' /C calc'!A0");
        assert_eq!(clean("''=1"), "'=1");
        assert_eq!(clean("''a"), "''a");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn collapse_and_compact() {
        assert_eq!(collapse("\u{feff}Ana\tMaria"), "Ana Maria");
        assert_eq!(compact(" 529.982.247-25 "), "52998224725");
        assert_eq!(compact("pl 123 456 32 18"), "PL1234563218");
    }

    #[test]
    fn formula_detection() {
        assert!(is_formula_like("+A1"));
        assert!(is_formula_like("-2+3+cmd|' /C calc'!A0"));
        assert!(!is_formula_like("Ana"));
        assert!(!is_formula_like(""));
    }
}
