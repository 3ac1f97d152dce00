//! Text decoding: the one place where the bytes of delimited text become a `str`.
//!
//! Detection order, when [`ReadOptions::encoding`](super::ReadOptions::encoding) is not given:
//!
//! 1. a byte-order mark: `EF BB BF` is UTF-8 with BOM (Excel's "CSV UTF-8"), `FF FE` UTF-16LE
//!    (Excel's "Unicode text"), `FE FF` UTF-16BE;
//! 2. UTF-16 without a BOM, recognised by its NUL-byte pattern in the first 4 KiB (ASCII text in
//!    UTF-16 has a NUL in every other byte, and the other byte is almost never NUL);
//! 3. valid UTF-8;
//! 4. *almost* UTF-8: a few invalid bytes among many valid multi-byte sequences (a character cut
//!    by a bad export at byte 219,699) stay UTF-8, each invalid sequence read as U+FFFD; the
//!    rows holding one get the warning `invalid_bytes_replaced`. The file is never switched to
//!    a code page for them;
//! 5. whole lines of UTF-8 and whole lines in a code page mixed (too much damage for 4, too much
//!    real UTF-8 for 6): each line is read in its own encoding (the other lines' code page
//!    detected on them together); the file is reported as UTF-8 with `encoding_doubt`;
//! 6. otherwise a legacy encoding. chardetng (the detector Firefox uses, by the author of
//!    encoding_rs) guesses from the first [`SINGLE_BYTE_SAMPLE`] bytes. A non-Latin guess it
//!    makes (windows-1251, Shift_JIS, GBK read as GB18030, Big5, EUC-KR) is taken. Between the
//!    Latin code pages (windows-1252, windows-1250, ISO-8859-2, ISO-8859-15, Mac Roman)
//!    language evidence decides: each reading is scored on whether its non-ASCII characters
//!    sit in words as letters do (a lower-case `é` between lower-case letters), as currency
//!    before or after digits (`£12`), or look like noise (`Ł12`, `Ž` inside a lower-case word,
//!    C1 controls). The best reading wins (chardetng's guess on a tie).
//!
//! The `confidence` (0..1) says how far the chosen reading is ahead of the runner-up: 1 for a
//! BOM, valid UTF-8 or a request, at least 0.75 when chardetng and the evidence agree; `doubt`
//! is set when the evidence overrules chardetng by a small margin (the report then carries
//! `encoding_doubt`).
//!
//! A BOM (or the UTF-16 NUL pattern) is a declaration: a file whose BOM says UTF-16 but whose body
//! does not decode (odd length, unpaired surrogate) fails with `encoding_error`, as does a
//! requested encoding the bytes are not in. Decoding is done by encoding_rs throughout.

use std::borrow::Cow;

use encoding_rs::{
    BIG5, EUC_KR, Encoding, GB18030, GBK, ISO_8859_2, ISO_8859_15, MACINTOSH, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_1250, WINDOWS_1251, WINDOWS_1252,
};

use super::TextEncoding;
use crate::error::{ErrorKind, Result};

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// How many leading bytes the UTF-16 NUL-pattern check looks at.
const UTF16_SAMPLE: usize = 4096;

/// How many leading bytes the single-byte code page is guessed from (a few thousand rows).
pub(crate) const SINGLE_BYTE_SAMPLE: usize = 256 * 1024;

/// Decoded text and how sure the decoding is.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text, without its BOM.
    pub text: Cow<'a, str>,
    /// The encoding it was decoded from.
    pub encoding: TextEncoding,
    /// 0..1: how far the chosen reading is ahead of the next best.
    pub confidence: f64,
    /// Two readings were close (`encoding_doubt`).
    pub doubt: bool,
    /// UTF-8 with invalid sequences replaced by U+FFFD (`invalid_bytes_replaced` on their rows).
    pub lossy: bool,
}

impl<'a> Decoded<'a> {
    fn sure(text: Cow<'a, str>, encoding: TextEncoding) -> Self {
        Decoded { text, encoding, confidence: 1.0, doubt: false, lossy: false }
    }
}

/// Decodes `bytes` into text, in `requested` if given, else in the detected encoding.
///
/// The byte-order mark, if any, is not part of the returned text. The returned encoding is the
/// one the text was decoded from (a requested `Utf8` on bytes with a UTF-8 BOM is `Utf8Bom`).
///
/// # Errors
/// `encoding_error` when the bytes are not valid in the requested encoding, or in the UTF-16
/// form their byte-order mark declares.
pub(crate) fn decode(bytes: &[u8], requested: Option<TextEncoding>) -> Result<Decoded<'_>> {
    match requested {
        Some(encoding) => decode_as(bytes, encoding).map(|(text, enc)| Decoded::sure(text, enc)),
        None => decode_detected(bytes),
    }
}

fn decode_detected(bytes: &[u8]) -> Result<Decoded<'_>> {
    let declared = if bytes.starts_with(BOM_UTF8) {
        Some(TextEncoding::Utf8Bom)
    } else if bytes.starts_with(BOM_UTF16LE) {
        Some(TextEncoding::Utf16Le)
    } else if bytes.starts_with(BOM_UTF16BE) {
        Some(TextEncoding::Utf16Be)
    } else {
        // The NUL pattern is as good as a BOM: NULs every other byte are not text in any
        // single-byte encoding, so a UTF-16 body that does not decode is an error, not mojibake.
        utf16_by_nul_pattern(bytes)
    };
    if let Some(encoding) = declared {
        return decode_as(bytes, encoding).map(|(text, enc)| Decoded::sure(text, enc));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::sure(Cow::Borrowed(text), TextEncoding::Utf8));
    }
    let (valid, invalid) = utf8_sequences(bytes);
    if mostly_utf8(valid, invalid) {
        let confidence = valid as f64 / (valid + invalid) as f64;
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: TextEncoding::Utf8,
            confidence,
            doubt: false,
            lossy: true,
        });
    }
    if let Some((text, utf8_lines, all_lines)) = per_line(bytes) {
        // Lines of both: each line is read in what it is written in, the file reported as
        // UTF-8 with `encoding_doubt`.
        let confidence = utf8_lines as f64 / all_lines.max(1) as f64;
        return Ok(Decoded {
            text: Cow::Owned(text),
            encoding: TextEncoding::Utf8,
            confidence,
            doubt: true,
            lossy: false,
        });
    }
    let (encoding, confidence, doubt) = legacy_encoding(bytes);
    // Every legacy decoder maps malformed input to U+FFFD: this cannot fail.
    Ok(Decoded { text: decode_lossy(bytes, encoding), encoding, confidence, doubt, lossy: false })
}

/// A file mixing whole lines of UTF-8 (with non-ASCII characters) and whole lines in a code
/// page (a UTF-8 export appended to a windows-1252 one, a CMS that saved some rows in each):
/// too many invalid sequences for damaged UTF-8 ([`mostly_utf8`]), too many real UTF-8
/// characters for a code page. Each line that is valid UTF-8 is read as UTF-8, every other line
/// in the legacy encoding detected on those lines together, so neither half turns into
/// mojibake. Returns the text, the lines read as UTF-8 and all lines; `None` when the bytes are
/// not such a mix.
fn per_line(bytes: &[u8]) -> Option<(String, usize, usize)> {
    let lines = || bytes.split_inclusive(|b| *b == b'\n');
    let utf8_non_ascii = lines().filter(|l| std::str::from_utf8(l).is_ok_and(|t| !t.is_ascii())).count();
    if utf8_non_ascii == 0 {
        return None;
    }
    let legacy: Vec<u8> = lines().filter(|l| std::str::from_utf8(l).is_err()).flatten().copied().collect();
    if legacy.is_empty() {
        return None;
    }
    let (fallback, _, _) = legacy_encoding(&legacy);
    // Only beside a single-byte code page: a line of one is valid UTF-8 only as mojibake
    // (`Ã©`), never by chance, while pairs of GB18030, Big5 or Shift_JIS bytes often form valid
    // two-byte UTF-8 (a GBK word list has such lines): there the whole file is the code page.
    if !matches!(
        fallback,
        TextEncoding::Windows1252
            | TextEncoding::Windows1250
            | TextEncoding::Windows1251
            | TextEncoding::Iso8859_2
            | TextEncoding::Iso8859_15
            | TextEncoding::MacRoman
    ) {
        return None;
    }
    let fallback = encoding_rs_of(fallback);
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let (mut utf8_lines, mut all_lines) = (0usize, 0usize);
    for line in lines() {
        all_lines += 1;
        match std::str::from_utf8(line) {
            Ok(t) => {
                utf8_lines += 1;
                text.push_str(t);
            }
            Err(_) => text.push_str(&fallback.decode_without_bom_handling(line).0),
        }
    }
    Some((text, utf8_lines, all_lines))
}

/// Valid multi-byte UTF-8 characters and invalid sequences in `bytes`.
fn utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// A few invalid sequences among many valid multi-byte characters: UTF-8 with damage, not a
/// code page (a code page's accented letters are almost never valid UTF-8 sequences).
fn mostly_utf8(valid: usize, invalid: usize) -> bool {
    valid > 0 && (invalid * 20 <= valid || (invalid <= 3 && valid >= invalid * 2))
}

/// The legacy encoding of bytes that are not UTF-8, its confidence and whether it is in doubt.
fn legacy_encoding(bytes: &[u8]) -> (TextEncoding, f64, bool) {
    let sample = bytes.get(..SINGLE_BYTE_SAMPLE).unwrap_or(bytes);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // One feed; no top-level domain hint (None never panics).
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let non_latin = [
        (WINDOWS_1251, TextEncoding::Windows1251),
        (SHIFT_JIS, TextEncoding::ShiftJis),
        (GBK, TextEncoding::Gb18030),
        (GB18030, TextEncoding::Gb18030),
        (BIG5, TextEncoding::Big5),
        (EUC_KR, TextEncoding::EucKr),
    ];
    let guessed = non_latin.iter().find(|(e, _)| *e == guess).map(|&(_, e)| e);
    let (latin, latin_conf, latin_doubt) = latin_reading(sample, guess);
    if let Some(encoding) = guessed {
        let score = evidence(&decode_lossy(sample, encoding));
        let latin_score = evidence(&decode_lossy(sample, latin));
        // A Latin reading overrules chardetng only when its evidence is clearly better (Mac
        // Roman `SEÑORA` read as Shift_JIS puts a Cyrillic letter inside a Latin word).
        if latin_score > score.saturating_add(4) && latin_score > score.saturating_add(score.abs() / 2) {
            return (latin, latin_conf.min(confidence(latin_score, score)), latin_doubt);
        }
        return (encoding, confidence(score.max(1), latin_score).max(0.75), false);
    }
    (latin, latin_conf, latin_doubt)
}

/// The best Latin reading of `sample` by language evidence, chardetng's `guess` first on a tie.
fn latin_reading(sample: &[u8], guess: &'static Encoding) -> (TextEncoding, f64, bool) {
    // Latin readings, chardetng's first on a tie.
    let first = if guess == WINDOWS_1250 || guess == ISO_8859_2 {
        TextEncoding::Windows1250
    } else {
        TextEncoding::Windows1252
    };
    let mut readings: Vec<(TextEncoding, i64)> = Vec::new();
    for encoding in [
        first,
        TextEncoding::Windows1252,
        TextEncoding::Windows1250,
        TextEncoding::Iso8859_2,
        TextEncoding::Iso8859_15,
        TextEncoding::MacRoman,
    ] {
        if !readings.iter().any(|(e, _)| *e == encoding) {
            readings.push((encoding, evidence(&decode_lossy(sample, encoding))));
        }
    }
    let mut best = (first, i64::MIN);
    for &(e, score) in &readings {
        if score > best.1 {
            best = (e, score);
        }
    }
    // The runner-up among readings that decode the sample differently (ISO-8859-15 reads most
    // Western text exactly as windows-1252 does: no doubt there).
    let best_text = decode_lossy(sample, best.0);
    let runner = readings
        .iter()
        .filter(|(e, _)| *e != best.0 && decode_lossy(sample, *e) != best_text)
        .map(|(_, s)| *s)
        .max()
        .unwrap_or(i64::MIN);
    // chardetng agreeing with the evidence settles a close call; evidence overruling it by a
    // small margin is the doubt the report warns about.
    let first_score = readings.iter().find(|(e, _)| *e == first).map_or(i64::MIN, |(_, s)| *s);
    let mut conf = confidence(best.1, runner);
    let doubt = if best.0 == first {
        conf = conf.max(0.75);
        false
    } else {
        first_score > i64::MIN && best.1 > 0 && first_score * 10 >= best.1 * 8
    };
    (best.0, conf, doubt)
}

/// 0..1 from the best and the runner-up score.
fn confidence(best: i64, runner: i64) -> f64 {
    if runner == i64::MIN || best <= 0 {
        return if best > 0 { 1.0 } else { 0.5 };
    }
    let runner = runner.max(0) as f64;
    let best = best as f64;
    (0.5 + 0.5 * (best - runner) / (best + runner)).clamp(0.0, 1.0)
}

/// Language evidence of a reading: non-ASCII characters that sit where letters, currency signs
/// or punctuation of real text sit score up; noise scores down.
fn evidence(text: &str) -> i64 {
    let mut score = 0i64;
    let mut prev = ' ';
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if !c.is_ascii() {
            let mut ahead = chars.clone();
            let next = ahead.next().unwrap_or(' ');
            let after = ahead.next().unwrap_or(' ');
            score += if c == '’' && prev.is_alphabetic() && matches!(next, 's' | 't') && !after.is_alphabetic() {
                // An English contraction or possessive: `deposit’s`, `isn’t`.
                3
            } else {
                char_evidence(prev, c, next)
            };
        }
        prev = c;
    }
    score
}

fn char_evidence(prev: char, c: char, next: char) -> i64 {
    let letter = |x: char| x.is_alphabetic();
    if c == '\u{FFFD}' || ('\u{80}'..='\u{9F}').contains(&c) {
        return -4;
    }
    let latin = |x: char| x <= '\u{024F}' || ('\u{1E00}'..='\u{1EFF}').contains(&x);
    if letter(c) && !latin(c) && (prev.is_ascii_alphabetic() || next.is_ascii_alphabetic()) {
        // A Cyrillic or CJK letter glued to a Latin one is a misreading.
        return -3;
    }
    if matches!(c, 'ª' | 'º' | '°') {
        // Ordinals and degrees: `Nº 12`, `1ª`, `30°`.
        return if prev.is_ascii_digit() || next.is_ascii_digit() || matches!(prev, 'N' | 'n') { 1 } else { 0 };
    }
    if c.is_lowercase() {
        if prev.is_lowercase() || next.is_lowercase() {
            return 2;
        }
        if prev.is_ascii_digit() || next.is_ascii_digit() {
            return -2;
        }
        return if prev.is_uppercase() || next.is_uppercase() { 0 } else { -1 };
    }
    if c.is_uppercase() && !letter(prev) && !letter(next) && !prev.is_ascii_digit() && !next.is_ascii_digit() {
        // An upper-case letter standing alone: `(Ł)` is the `(£)` of a misread UK file.
        return -1;
    }
    if c.is_uppercase() {
        if prev.is_lowercase() {
            return -3;
        }
        if prev.is_ascii_digit() || next.is_ascii_digit() {
            return -2;
        }
        if next.is_lowercase() || next.is_uppercase() || prev.is_uppercase() {
            return 1;
        }
        return 0;
    }
    if letter(c) {
        // Letters without case (CJK, modifier letters): in a run of such letters, as strong as
        // a lower-case letter inside a word. A lone half-width katakana between Latin text is
        // what a Latin byte read as Shift_JIS looks like (`1001 ｷ MacQuarie`).
        let caseless = |x: char| x.is_alphabetic() && !x.is_lowercase() && !x.is_uppercase() && !x.is_ascii();
        let halfwidth = |x: char| ('\u{FF61}'..='\u{FF9F}').contains(&x);
        if caseless(prev) || caseless(next) {
            return 2;
        }
        return if halfwidth(c) { -2 } else { 0 };
    }
    let currency = matches!(c, '£' | '€' | '¥' | '¢' | '$');
    let around = |x: char| x.is_ascii_digit() || matches!(x, ' ' | '(' | ')' | '[' | ']' | '/' | ',' | ';' | '"');
    if currency && (around(prev) || around(next)) {
        // `£12`, `12 €`, `Payscale Minimum (£)`.
        return 2;
    }
    if matches!(c, '’' | '”') && letter(prev) && !letter(next) {
        // A closing quote after a word: `Mars’ seasonal` (Mac Roman would read `Marsí`).
        return 3;
    }
    if c == '·' && (prev == ' ' || next == ' ') {
        // A middle dot between words or codes: `1001 · MacQuarie`.
        return 1;
    }
    // Punctuation or a symbol inside a word is noise.
    if letter(prev) && letter(next) && !matches!(c, '’' | '‘' | '–' | '—' | '·' | '\u{a0}') {
        return -3;
    }
    0
}

/// Decodes `bytes` in `encoding` without BOM handling, malformed sequences replaced by U+FFFD
/// (the streaming reader's chunks, whose encoding was settled on the file's head).
///
/// UTF-8 settled on an ASCII head can meet a code page past it (a windows-1252 `São Paulo` in
/// row 40,000 of a file whose first megabyte is ASCII): bytes that are not UTF-8, among no
/// valid multi-byte characters, are read in the legacy encoding detected on them, as the
/// whole-file reader reads that file. Only damage inside real UTF-8 (valid multi-byte
/// characters around, see [`mostly_utf8`]) becomes U+FFFD.
pub(crate) fn decode_lossy(bytes: &[u8], encoding: TextEncoding) -> Cow<'_, str> {
    decode_chunk(bytes, encoding).0
}

/// [`decode_lossy`], with the encoding the bytes were read in: `encoding`, or the code page
/// detected on a chunk past an ASCII head (the stream then reports that code page).
pub(crate) fn decode_chunk(bytes: &[u8], encoding: TextEncoding) -> (Cow<'_, str>, TextEncoding) {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            if std::str::from_utf8(bytes).is_ok() {
                return (String::from_utf8_lossy(bytes), encoding);
            }
            let (valid, invalid) = utf8_sequences(bytes);
            if valid > 0
                && !mostly_utf8(valid, invalid)
                && let Some((text, _, _)) = per_line(bytes)
            {
                return (Cow::Owned(text), encoding);
            }
            if valid == 0 || !mostly_utf8(valid, invalid) {
                let (legacy, _, _) = legacy_encoding(bytes);
                if !matches!(legacy, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
                    return (encoding_rs_of(legacy).decode_without_bom_handling(bytes).0, legacy);
                }
            }
            (String::from_utf8_lossy(bytes), encoding)
        }
        _ => (encoding_rs_of(encoding).decode_without_bom_handling(bytes).0, encoding),
    }
}

/// Decodes in `encoding`, dropping a BOM of that encoding (UTF-8 and UTF-8 with BOM are the
/// same request: the BOM decides which one is reported).
fn decode_as(bytes: &[u8], encoding: TextEncoding) -> Result<(Cow<'_, str>, TextEncoding)> {
    let (body, reported) = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => match bytes.strip_prefix(BOM_UTF8) {
            Some(rest) => (rest, TextEncoding::Utf8Bom),
            None => (bytes, TextEncoding::Utf8),
        },
        TextEncoding::Utf16Le => (bytes.strip_prefix(BOM_UTF16LE).unwrap_or(bytes), encoding),
        TextEncoding::Utf16Be => (bytes.strip_prefix(BOM_UTF16BE).unwrap_or(bytes), encoding),
        _ => (bytes, encoding),
    };
    match strict(body, reported) {
        Some(text) => Ok((text, reported)),
        None => Err(ErrorKind::EncodingError { reason: invalid_reason(body, reported) }.into()),
    }
}

/// A decode without BOM sniffing and without replacement characters: `None` on malformed input.
fn strict(body: &[u8], encoding: TextEncoding) -> Option<Cow<'_, str>> {
    if matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
        // No copy for valid UTF-8, the common case.
        return std::str::from_utf8(body).ok().map(Cow::Borrowed);
    }
    encoding_rs_of(encoding).decode_without_bom_handling_and_without_replacement(body)
}

fn encoding_rs_of(encoding: TextEncoding) -> &'static Encoding {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => UTF_8,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Windows1252 => WINDOWS_1252,
        TextEncoding::Windows1250 => WINDOWS_1250,
        TextEncoding::Windows1251 => WINDOWS_1251,
        TextEncoding::Iso8859_2 => ISO_8859_2,
        TextEncoding::Iso8859_15 => ISO_8859_15,
        TextEncoding::ShiftJis => SHIFT_JIS,
        TextEncoding::Gb18030 => GB18030,
        TextEncoding::Big5 => BIG5,
        TextEncoding::EucKr => EUC_KR,
        TextEncoding::MacRoman => MACINTOSH,
    }
}

/// Says where decoding failed, by byte offset (never the bytes themselves).
fn invalid_reason(body: &[u8], encoding: TextEncoding) -> String {
    let name = encoding.as_str();
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let at = std::str::from_utf8(body).err().map_or(0, |e| e.valid_up_to());
            format!("the bytes are not valid {name} (first invalid byte at offset {at})")
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be if !body.len().is_multiple_of(2) => {
            format!("the bytes are not valid {name} (odd number of bytes: {})", body.len())
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            format!("the bytes are not valid {name} (unpaired surrogate)")
        }
        _ => format!("the bytes are not valid {name} (a byte sequence that encoding does not define)"),
    }
}

/// UTF-16 without BOM: ASCII-heavy text has a NUL in the high byte of most code units, and
/// almost never in the low byte.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = bytes.get(..bytes.len().min(UTF16_SAMPLE)).unwrap_or(bytes);
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            nul_even += usize::from(*a == 0);
            nul_odd += usize::from(*b == 0);
        }
    }
    // At least 40% of the code units look like ASCII, and the other byte is (almost) never NUL.
    let many = |n: usize| n * 10 >= units * 4;
    let few = |n: usize| n * 20 <= units;
    if many(nul_odd) && few(nul_even) {
        Some(TextEncoding::Utf16Le)
    } else if many(nul_even) && few(nul_odd) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { BOM_UTF16LE.to_vec() } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { BOM_UTF16BE.to_vec() } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    const SAMPLE: &str = "Nome;Cidade\nJoão Araújo;São Paulo\nŁukasz Wróbel;Łódź\n";

    #[test]
    fn utf8_plain_and_bom() {
        let Decoded { text, encoding: enc, .. } = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf8));
        assert!(matches!(text, Cow::Borrowed(_)));
        let mut bom = BOM_UTF8.to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let Decoded { text, encoding: enc, .. } = decode(&bom, None).unwrap();
        assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf8Bom));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for bom in [true, false] {
            let le = utf16le(SAMPLE, bom);
            let Decoded { text, encoding: enc, .. } = decode(&le, None).unwrap();
            assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf16Le), "le bom={bom}");
            let be = utf16be(SAMPLE, bom);
            let Decoded { text, encoding: enc, .. } = decode(&be, None).unwrap();
            assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf16Be), "be bom={bom}");
        }
    }

    #[test]
    fn windows_1252_fallback() {
        let (bytes, _, _) = WINDOWS_1252.encode("Razão Social;Município\nAção;Férias €\n");
        let Decoded { text, encoding: enc, .. } = decode(&bytes, None).unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "Razão Social;Município\nAção;Férias €\n");
        // Bytes undefined in Windows-1252 still decode in some code page, never fail.
        assert!(decode(b"a\x81b\x90\xff", None).is_ok());
    }

    /// What Excel's plain "CSV" makes of Polish text on a Polish Windows, and of Portuguese and
    /// French text on a Western one, down to a single line: each comes back in its code page.
    #[test]
    fn the_single_byte_code_page_is_guessed_from_the_text() {
        let polish = [
            "Nazwa;NIP;Miasto\r\nPrzedsiębiorstwo Handlowe Łódź Sp. z o.o.;7251801126;Łódź\r\n\
             Ślązak i Synowie S.A.;5260250274;Kraków\r\nŻabka Polska;7811767696;Poznań\r\n",
            "Zielona Góra;Gdańsk;Wrocław;Bielsko-Biała\r\n",
            "Stały klient, rabat 5%\r\n",
            "Świętokrzyska 12\r\n",
        ];
        for text in polish {
            let (bytes, _, unmappable) = WINDOWS_1250.encode(text);
            assert!(!unmappable);
            let Decoded { text: got, encoding: enc, .. } = decode(&bytes, None).unwrap();
            assert_eq!((got.as_ref(), enc), (text, TextEncoding::Windows1250), "{text}");
        }
        let western = [
            "Razão Social;Município\nAção;Férias €\n",
            "São Paulo\r\n",
            "João da Conceição;Brasília;Goiânia\r\n",
            "Société Générale;Boulogne-Billancourt;cœur de métier;Noël\r\n",
            "Crème brûlée à la française\r\n",
            "Praça da Sé, 1º andar\r\n",
        ];
        for text in western {
            let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
            assert!(!unmappable);
            let Decoded { text: got, encoding: enc, .. } = decode(&bytes, None).unwrap();
            assert_eq!((got.as_ref(), enc), (text, TextEncoding::Windows1252), "{text}");
        }
    }

    #[test]
    fn requested_encoding_wins_or_fails() {
        let latin = b"Jo\xe3o;S\xe3o Paulo\n";
        let err = decode(latin, Some(TextEncoding::Utf8)).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        assert!(err.to_string().contains("offset 2"), "{err}");
        let Decoded { text, .. } = decode(latin, Some(TextEncoding::Windows1252)).unwrap();
        assert_eq!(text, "João;São Paulo\n");
        // Valid UTF-8 read as Windows-1252 on request: mojibake, but what was asked.
        let Decoded { text, encoding: enc, .. } = decode("ç".as_bytes(), Some(TextEncoding::Windows1252)).unwrap();
        assert_eq!((text.as_ref(), enc), ("Ã§", TextEncoding::Windows1252));
        // Odd length is not UTF-16.
        let err = decode(b"a\0b", Some(TextEncoding::Utf16Le)).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        // A requested UTF-16 drops its own BOM.
        let le = utf16le("x;y", true);
        let Decoded { text, .. } = decode(&le, Some(TextEncoding::Utf16Le)).unwrap();
        assert_eq!(text, "x;y");
        // Requested UTF-8 on a BOM file reports the BOM.
        let Decoded { encoding: enc, .. } = decode(b"\xEF\xBB\xBFa", Some(TextEncoding::Utf8)).unwrap();
        assert_eq!(enc, TextEncoding::Utf8Bom);
    }

    #[test]
    fn broken_bom_declarations_fail() {
        // BOM says UTF-16LE, then an unpaired high surrogate.
        let err = decode(b"\xFF\xFEa\0\x00\xD8", None).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        // BOM says UTF-8, body is Latin-1.
        let err = decode(b"\xEF\xBB\xBFJo\xe3o", None).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
    }

    #[test]
    fn truncated_utf16_without_bom_is_an_error_not_mojibake() {
        let mut bytes = utf16le("Nome;CPF\r\nAna;1\r\n", false);
        bytes.push(b'x');
        let err = decode(&bytes, None).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        assert!(err.to_string().contains("utf-16le"), "{err}");
    }

    #[test]
    fn nul_bytes_in_utf8_are_not_utf16() {
        // A few NULs in otherwise ASCII text: valid UTF-8, kept as such.
        let bytes = b"Nome,CPF\nAna\0,1\nBia,2\n";
        assert_eq!(decode(bytes, None).unwrap().encoding, TextEncoding::Utf8);
        // All NULs: UTF-8 (NUL is valid UTF-8), and decoding does not panic.
        assert_eq!(decode(&[0u8; 64], None).unwrap().encoding, TextEncoding::Utf8);
    }

    #[test]
    fn garbage_never_panics() {
        let mut state = 0x2545_f491_u32;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state.to_le_bytes()[0]
                })
                .collect();
            let _ = decode(&bytes, None);
            for &enc in TextEncoding::ALL {
                let _ = decode(&bytes, Some(enc));
            }
        }
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    /// What real exports of these languages look like, in the code page Excel or an old system
    /// writes them in: each comes back in its encoding, text intact.
    #[test]
    fn legacy_encodings_are_recognised() {
        let cases: [(&'static Encoding, TextEncoding, &str); 7] = [
            (
                WINDOWS_1251,
                TextEncoding::Windows1251,
                "Наименование;ИНН;Город\r\nООО Ромашка;7707083893;Москва\r\nИП Иванов Иван Петрович;500100732259;Санкт-Петербург\r\n",
            ),
            (
                SHIFT_JIS,
                TextEncoding::ShiftJis,
                "顧客名,電話番号,住所\r\n株式会社山田商事,03-1234-5678,東京都千代田区丸の内一丁目\r\n田中太郎,06-9876-5432,大阪府大阪市北区梅田\r\n",
            ),
            (
                GB18030,
                TextEncoding::Gb18030,
                "客户名称,电话,地址\r\n北京华为技术有限公司,010-12345678,北京市海淀区中关村大街\r\n上海贸易有限公司,021-87654321,上海市浦东新区世纪大道\r\n",
            ),
            (
                BIG5,
                TextEncoding::Big5,
                "客戶名稱,電話,地址\r\n台灣積體電路製造股份有限公司,03-5636688,新竹科學園區力行六路\r\n國泰人壽保險股份有限公司,02-27551399,台北市大安區仁愛路四段\r\n",
            ),
            (
                EUC_KR,
                TextEncoding::EucKr,
                "고객명,전화번호,주소\r\n삼성전자 주식회사,02-2255-0114,서울특별시 서초구 서초대로\r\n현대자동차 주식회사,02-3464-1114,서울특별시 서초구 헌릉로\r\n",
            ),
            (
                MACINTOSH,
                TextEncoding::MacRoman,
                "Nom;Ville;Remarque\rSociété Générale;Paris;café crème très apprécié\rBoulangerie Dupré;Orléans;déjà réglé à l'été\r",
            ),
            (
                ISO_8859_2,
                TextEncoding::Iso8859_2,
                "Nazwa;Miasto\nŚląsk Przędzalnia Spółka;Świętochłowice\nźródło ąę ść;Łódź\n",
            ),
        ];
        for (rs, expected, text) in cases {
            let bytes = encoded(rs, text);
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.text.as_ref(), d.encoding), (text, expected), "{expected:?}");
            assert!(d.confidence > 0.5 && d.confidence <= 1.0, "{expected:?} {}", d.confidence);
        }
    }

    /// Lines of real files (W3C CSVW HEFCE_organogram_junior_data_31032011.csv, CSV Wrangling
    /// ABCAUS2011.csv and hirise_captions.csv) whose few non-ASCII characters are
    /// punctuation: windows-1252, not `(Ł)`, not a Shift_JIS `ｷ`, not a Mac Roman `Marsí`.
    #[test]
    fn punctuation_alone_decides_for_windows_1252() {
        for text in [
            "Post,Grade,Payscale Minimum (£),Payscale Maximum (£),Generic Job Title\nAnalyst,5,25000,30000,Analyst\n",
            "Type,Date,Num,Name,Memo,Account,Amount,Balance\n,15/01/2011,1001 · MacQuarie,x,y,1001 · MacQuarie,52,52\n",
            "ESP_011842_0980\tMars’ seasonal dry ice\tThe deposit’s edge\n",
        ] {
            let bytes = encoded(WINDOWS_1252, text);
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.text.as_ref(), d.encoding), (text, TextEncoding::Windows1252));
        }
    }

    /// A chunk of a stream sniffed as UTF-8 on its ASCII head: code-page bytes are read in
    /// their code page, damage inside real UTF-8 stays U+FFFD.
    #[test]
    fn chunks_past_an_ascii_head_keep_their_code_page() {
        let bytes = encoded(WINDOWS_1252, "José Araújo,São Paulo\nAna,Recife\n");
        assert_eq!(decode_lossy(&bytes, TextEncoding::Utf8), "José Araújo,São Paulo\nAna,Recife\n");
        let mut bytes = "José Araújo,São Paulo,Ação,Pão\n".as_bytes().to_vec();
        bytes.push(0xC3);
        bytes.extend_from_slice(b",x\n");
        assert_eq!(decode_lossy(&bytes, TextEncoding::Utf8), "José Araújo,São Paulo,Ação,Pão\n\u{FFFD},x\n");
    }

    /// `£12` is a UK price, `Ł12` noise: the pound sign keeps a UK file in windows-1252.
    #[test]
    fn pound_sign_is_not_a_polish_l() {
        let text =
            "Customer,Balance,Notes\r\nSmith & Co,£12.50,paid\r\nJones Ltd,£1,200.00,overdue\r\nBrown,£0.99,\r\n";
        let bytes = encoded(WINDOWS_1252, text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (text, TextEncoding::Windows1252));
        // And Polish text with `Ł` in words stays windows-1250.
        let polish = "Klient;Miasto\r\nŁukasz Wróbel;Łódź\r\nPaweł Żak;Kraków\r\n";
        let bytes = encoded(WINDOWS_1250, polish);
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (polish, TextEncoding::Windows1250));
    }

    /// One cut character deep in a UTF-8 file: the file stays UTF-8, one U+FFFD, flagged lossy.
    #[test]
    fn a_few_invalid_bytes_keep_utf8() {
        let mut bytes = "Nom;Ville\nBibliothèque;Montréal\n".repeat(200).into_bytes();
        bytes.extend_from_slice(b"Caf\xC3;Qu\xE9bec\n");
        bytes.extend_from_slice("Bibliothèque;Montréal\n".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert!(d.lossy);
        assert!(d.text.contains("bibliothèque") || d.text.contains("Bibliothèque"));
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert!(d.confidence < 1.0);
        // A code-page file with one accented letter is not "almost UTF-8".
        let d = decode(b"Nome;Cidade\nJo\xe3o;Recife\n", None).unwrap();
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert!(!d.lossy);
    }

    /// Whole lines of UTF-8 and whole lines of windows-1252 in one file (CSV Wrangling's
    /// hirise_captions.csv and parneringwithinterviews.csv are such files): each line is read in
    /// its own encoding, the file reported as UTF-8 in doubt; the stream's chunks agree.
    #[test]
    fn mixed_utf8_and_code_page_lines_are_read_line_by_line() {
        let mut bytes = "Nom;Ville\n".as_bytes().to_vec();
        for _ in 0..5 {
            bytes.extend_from_slice("Bibliothèque;Montréal\n".as_bytes());
        }
        for _ in 0..20 {
            bytes.extend_from_slice(b"Caf\xe9 cr\xe8me;Qu\xe9bec\n");
        }
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert!(d.doubt && !d.lossy);
        assert!(d.text.contains("Bibliothèque;Montréal\nCafé crème;Québec\n"), "{}", d.text);
        assert!(!d.text.contains('\u{FFFD}'));
        assert_eq!(decode_lossy(&bytes, TextEncoding::Utf8), d.text);
        // One damaged character among many UTF-8 ones stays U+FFFD (see the next test).
        let mut damaged = "Nom;Ville\nBibliothèque;Montréal\n".repeat(50).into_bytes();
        damaged.extend_from_slice(b"Caf\xe9;Lyon\n");
        let d = decode(&damaged, None).unwrap();
        assert!(d.lossy && !d.doubt);
    }

    #[test]
    fn new_encodings_can_be_requested_and_parsed() {
        for &e in TextEncoding::ALL {
            assert_eq!(TextEncoding::parse(e.as_str()), Some(e));
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", e.as_str()));
        }
        assert_eq!(TextEncoding::parse("CP1251"), Some(TextEncoding::Windows1251));
        assert_eq!(TextEncoding::parse("macintosh"), Some(TextEncoding::MacRoman));
        let bytes = encoded(WINDOWS_1251, "Москва");
        let d = decode(&bytes, Some(TextEncoding::Windows1251)).unwrap();
        assert_eq!(d.text, "Москва");
        // Shift_JIS bytes that are not valid fail on request.
        let err = decode(b"\x81", Some(TextEncoding::ShiftJis)).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
    }
}
