//! Text decoding: the one place where the bytes of delimited text become a `str`.
//!
//! Detection order, when [`ReadOptions::encoding`](super::ReadOptions::encoding) is not given:
//!
//! 1. a byte-order mark: `EF BB BF` is UTF-8 with BOM (Excel's "CSV UTF-8"), `FF FE` UTF-16LE
//!    (Excel's "Unicode text"), `FE FF` UTF-16BE;
//! 2. UTF-16 without a BOM, recognised by its NUL-byte pattern in the first 4 KiB (ASCII text in
//!    UTF-16 has a NUL in every other byte, and the other byte is almost never NUL);
//! 3. valid UTF-8;
//! 4. otherwise a single-byte code page, the one Excel's plain "CSV" was saved in:
//!    Windows-1250 when chardetng (the detector Firefox uses, by the author of encoding_rs)
//!    recognises Central European text in the first [`SINGLE_BYTE_SAMPLE`] bytes (Polish
//!    clients of an InvoiceOcean account: `ł ś ż ą ę` are bytes that Windows-1252 reads as
//!    `³ œ ¿ ¹ ê`), else Windows-1252, the code page of a Western Windows (Brazil, France; it
//!    also reads ISO-8859-1, of which it is a superset for printable text). Any other guess of
//!    the detector (Cyrillic, Greek...) is read as Windows-1252: those encodings are not in
//!    the contract. Every byte sequence decodes in both code pages, so detection never fails.
//!
//! A BOM (or the UTF-16 NUL pattern) is a declaration: a file whose BOM says UTF-16 but whose body
//! does not decode (odd length, unpaired surrogate) fails with `encoding_error`, as does a
//! requested encoding the bytes are not in. Decoding is done by encoding_rs throughout.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1250, WINDOWS_1252};

use super::TextEncoding;
use crate::error::{ErrorKind, Result};

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// How many leading bytes the UTF-16 NUL-pattern check looks at.
const UTF16_SAMPLE: usize = 4096;

/// How many leading bytes the single-byte code page is guessed from (a few thousand rows).
pub(crate) const SINGLE_BYTE_SAMPLE: usize = 256 * 1024;

/// Decodes `bytes` into text, in `requested` if given, else in the detected encoding.
///
/// The byte-order mark, if any, is not part of the returned text. The returned encoding is the
/// one the text was decoded from (a requested `Utf8` on bytes with a UTF-8 BOM is `Utf8Bom`).
///
/// # Errors
/// `encoding_error` when the bytes are not valid in the requested encoding, or in the UTF-16
/// form their byte-order mark declares.
pub(crate) fn decode(bytes: &[u8], requested: Option<TextEncoding>) -> Result<(Cow<'_, str>, TextEncoding)> {
    match requested {
        Some(encoding) => decode_as(bytes, encoding),
        None => decode_detected(bytes),
    }
}

fn decode_detected(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding)> {
    if bytes.starts_with(BOM_UTF8) {
        return decode_as(bytes, TextEncoding::Utf8Bom);
    }
    if bytes.starts_with(BOM_UTF16LE) {
        return decode_as(bytes, TextEncoding::Utf16Le);
    }
    if bytes.starts_with(BOM_UTF16BE) {
        return decode_as(bytes, TextEncoding::Utf16Be);
    }
    if let Some(utf16) = utf16_by_nul_pattern(bytes) {
        // The NUL pattern is as good as a BOM: NULs every other byte are not text in any
        // single-byte encoding, so a UTF-16 body that does not decode is an error, not mojibake.
        return decode_as(bytes, utf16);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
    }
    let encoding = single_byte_code_page(bytes);
    // Both code pages map every byte: this cannot fail.
    Ok((decode_lossy(bytes, encoding), encoding))
}

/// Windows-1250 or Windows-1252 for bytes that are not UTF-8 (step 4 of the module docs).
fn single_byte_code_page(bytes: &[u8]) -> TextEncoding {
    let sample = bytes.get(..SINGLE_BYTE_SAMPLE).unwrap_or(bytes);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // One feed; no top-level domain hint (None never panics).
    detector.feed(sample, sample.len() == bytes.len());
    if detector.guess(None, chardetng::Utf8Detection::Deny) == WINDOWS_1250 {
        TextEncoding::Windows1250
    } else {
        TextEncoding::Windows1252
    }
}

/// Decodes `bytes` in `encoding` without BOM handling, malformed sequences replaced by U+FFFD
/// (the streaming reader's chunks, whose encoding was settled on the file's head).
pub(crate) fn decode_lossy(bytes: &[u8], encoding: TextEncoding) -> Cow<'_, str> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => String::from_utf8_lossy(bytes),
        _ => encoding_rs_of(encoding).decode_without_bom_handling(bytes).0,
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
        TextEncoding::Windows1252 | TextEncoding::Windows1250 => (bytes, encoding),
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
        _ => format!("the bytes are not valid {name} (unpaired surrogate)"),
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
        let (text, enc) = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf8));
        assert!(matches!(text, Cow::Borrowed(_)));
        let mut bom = BOM_UTF8.to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let (text, enc) = decode(&bom, None).unwrap();
        assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf8Bom));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for bom in [true, false] {
            let le = utf16le(SAMPLE, bom);
            let (text, enc) = decode(&le, None).unwrap();
            assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf16Le), "le bom={bom}");
            let be = utf16be(SAMPLE, bom);
            let (text, enc) = decode(&be, None).unwrap();
            assert_eq!((text.as_ref(), enc), (SAMPLE, TextEncoding::Utf16Be), "be bom={bom}");
        }
    }

    #[test]
    fn windows_1252_fallback() {
        let (bytes, _, _) = WINDOWS_1252.encode("Razão Social;Município\nAção;Férias €\n");
        let (text, enc) = decode(&bytes, None).unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "Razão Social;Município\nAção;Férias €\n");
        // Bytes undefined in Windows-1252 still decode (as C1 controls), never fail.
        let (_, enc) = decode(b"a\x81b\x90\xff", None).unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
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
            let (got, enc) = decode(&bytes, None).unwrap();
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
            let (got, enc) = decode(&bytes, None).unwrap();
            assert_eq!((got.as_ref(), enc), (text, TextEncoding::Windows1252), "{text}");
        }
    }

    #[test]
    fn requested_encoding_wins_or_fails() {
        let latin = b"Jo\xe3o;S\xe3o Paulo\n";
        let err = decode(latin, Some(TextEncoding::Utf8)).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        assert!(err.to_string().contains("offset 2"), "{err}");
        let (text, _) = decode(latin, Some(TextEncoding::Windows1252)).unwrap();
        assert_eq!(text, "João;São Paulo\n");
        // Valid UTF-8 read as Windows-1252 on request: mojibake, but what was asked.
        let (text, enc) = decode("ç".as_bytes(), Some(TextEncoding::Windows1252)).unwrap();
        assert_eq!((text.as_ref(), enc), ("Ã§", TextEncoding::Windows1252));
        // Odd length is not UTF-16.
        let err = decode(b"a\0b", Some(TextEncoding::Utf16Le)).unwrap_err();
        assert_eq!(err.code(), "encoding_error");
        // A requested UTF-16 drops its own BOM.
        let le = utf16le("x;y", true);
        let (text, _) = decode(&le, Some(TextEncoding::Utf16Le)).unwrap();
        assert_eq!(text, "x;y");
        // Requested UTF-8 on a BOM file reports the BOM.
        let (_, enc) = decode(b"\xEF\xBB\xBFa", Some(TextEncoding::Utf8)).unwrap();
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
        assert_eq!(decode(bytes, None).unwrap().1, TextEncoding::Utf8);
        // All NULs: UTF-8 (NUL is valid UTF-8), and decoding does not panic.
        assert_eq!(decode(&[0u8; 64], None).unwrap().1, TextEncoding::Utf8);
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
            for enc in [
                TextEncoding::Utf8,
                TextEncoding::Utf16Le,
                TextEncoding::Utf16Be,
                TextEncoding::Windows1252,
                TextEncoding::Windows1250,
            ] {
                let _ = decode(&bytes, Some(enc));
            }
        }
    }
}
