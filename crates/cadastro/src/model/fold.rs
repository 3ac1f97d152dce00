//! Accent-, case- and punctuation-insensitive keys for lookups in synonym tables.
//!
//! Non-ASCII letters are transliterated with the `deunicode` crate (`é` → `e`, `ł` → `l`,
//! `ß` → `ss`), then lower-cased.

/// Calls `push` with each lower-case ASCII character of `raw` transliterated.
fn for_each_folded(raw: &str, mut push: impl FnMut(char)) {
    for c in raw.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            ascii.chars().for_each(|a| push(a.to_ascii_lowercase()));
        } else {
            push(' ');
        }
    }
}

/// The lookup key of a name: transliterated to ASCII, lower case, letters and digits only.
///
/// ```
/// use cadastro::checks::fold::fold_key;
/// assert_eq!(fold_key("Brésil"), "bresil");
/// assert_eq!(fold_key("Księgowość"), "ksiegowosc");
/// assert_eq!(fold_key(" Estados-Unidos "), "estadosunidos");
/// ```
pub fn fold_key(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for_each_folded(raw, |c| {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        }
    });
    out
}

/// Like [`fold_key`], but every run of other characters becomes one space (words stay apart).
///
/// ```
/// use cadastro::checks::fold::fold_words;
/// assert_eq!(fold_words("  São  Paulo - SP "), "sao paulo sp");
/// assert_eq!(fold_words("NET-30"), "net 30");
/// ```
pub fn fold_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for_each_folded(raw, |c| {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    });
    out
}

/// The text transliterated to ASCII and lower-cased, trimmed, punctuation kept: for tables of
/// short words where `-1` must not read as `1`.
///
/// ```
/// use cadastro::checks::fold::fold_text;
/// assert_eq!(fold_text(" NÃO "), "nao");
/// assert_eq!(fold_text("-1"), "-1");
/// ```
pub fn fold_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for_each_folded(raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'), |c| {
        out.push(c)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_five_languages() {
        assert_eq!(fold_key("NÃO"), "nao");
        assert_eq!(fold_key("Fałsz"), "falsz");
        assert_eq!(fold_key("Comptabilité"), "comptabilite");
        assert_eq!(fold_key("Sí"), "si");
        assert_eq!(fold_key("Straße"), "strasse");
        assert_eq!(fold_key(""), "");
        assert_eq!(fold_key("--"), "");
    }

    #[test]
    fn words_keep_their_boundaries() {
        assert_eq!(fold_words("30 días"), "30 dias");
        assert_eq!(fold_words("net30"), "net30");
        assert_eq!(fold_words("  "), "");
        assert_eq!(fold_words("Côte d’Ivoire"), "cote d ivoire");
    }
}
