//! Format detection from the bytes (never from the file name).
//!
//! - A zip container is told apart by its entries: `mimetype` of an OpenDocument spreadsheet
//!   (ods; without it, the manifest's root media type), `xl/workbook.bin` (xlsb), a macro-enabled content type or `xl/vbaProject.bin` (xlsm),
//!   `xl/workbook.xml` or the spreadsheet content type (xlsx). Any other zip is unsupported.
//! - A CFB (OLE2) container holding `EncryptionInfo`/`EncryptedPackage` is a password-protected
//!   OOXML workbook; one holding a `Workbook` or `Book` stream is an xls (encrypted when its
//!   globals carry a FILEPASS record).
//! - HTML, XML Spreadsheet 2003 and PDF, often saved with an `.xls` name, are named as such.
//! - Bytes with many NUL (over 2% of the first 8 KiB) or control characters that are not UTF-16
//!   text are `binary`; a few NULs in text are removed by the CSV reader, with a warning.
//! - Anything else is delimited text (the CSV reader decides encoding and delimiter).

use std::io::{Cursor, Read};

use super::Format;
use crate::error::{Error, ErrorKind, Result};

/// The signature of a CFB (OLE2 compound file) container.
pub(crate) const CFB_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The signature of a zip local file header.
pub(crate) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// How many bytes of `[Content_Types].xml` and `mimetype` are read to tell the kind of a zip.
const SNIFF_ENTRY_BYTES: u64 = 64 * 1024;
/// How many leading bytes the text / binary decision looks at.
const TEXT_SAMPLE: usize = 8 * 1024;

/// Detects the format of `bytes`.
///
/// # Errors
/// `unsupported_format` naming what the bytes look like (html, xml-spreadsheet-2003, pdf,
/// binary...), `encrypted_file` for password-protected workbooks, `corrupt_file` for a broken
/// container, `empty_file` for no content.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Format> {
    if bytes.starts_with(ZIP_MAGIC) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return sniff_cfb(bytes);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) || is_blank_bom_text(bytes) {
        return Err(ErrorKind::EmptyFile.into());
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(unsupported("pdf"));
    }
    // Empty zip archives and spanned archives start with other signatures.
    if bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(b"PK\x07\x08") {
        return Err(unsupported("zip"));
    }
    let utf16 = utf16_order(bytes);
    if let Some(kind) = markup_kind(bytes, utf16) {
        return Err(unsupported(kind));
    }
    if let Some(kind) = legacy_excel(bytes).or_else(|| magic_kind(bytes)) {
        return Err(unsupported(kind));
    }
    if utf16.is_none() && looks_binary(bytes) {
        return Err(unsupported("binary"));
    }
    Ok(Format::Csv)
}

/// An Excel 2.x, 3.0 or 4.0 file (BIFF2/3/4, a bare record stream, no compound file): the BOF
/// record's type and length, then its document type (worksheet, chart, macro sheet, workbook).
/// calamine reads BIFF5 and later only, so these are named for the person to re-save them.
fn legacy_excel(bytes: &[u8]) -> Option<&'static str> {
    let [t0, t1, l0, l1, _, _, d0, d1] = <[u8; 8]>::try_from(bytes.get(..8)?).ok()?;
    let (typ, len, doc) = (u16::from_le_bytes([t0, t1]), u16::from_le_bytes([l0, l1]), u16::from_le_bytes([d0, d1]));
    let version = match (typ, len) {
        (0x0009, 4) => 2,
        (0x0209, 6) => 3,
        (0x0409, 6) => 4,
        _ => return None,
    };
    Some(match (version, doc) {
        (2, 0x0020) | (3, 0x0020) | (4, 0x0020) => "excel-chart",
        (2, 0x0040) | (3, 0x0040) | (4, 0x0040) => "excel-macro-sheet",
        (4, 0x0100) => "excel-4.0-workbook",
        (2, _) => "excel-2.x",
        (3, _) => "excel-3.0",
        _ => "excel-4.0",
    })
}

/// Well-known binary signatures, so that a message can say what the file is.
fn magic_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xFF\xD8\xFF", "jpeg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"\x1F\x8B", "gzip"),
        (b"7z\xBC\xAF\x27\x1C", "7z"),
        (b"Rar!\x1A\x07", "rar"),
        (b"SQLite format 3\0", "sqlite"),
        (b"{\\rtf", "rtf"),
        (b"\x00\x00\x02\x00\x06\x04", "lotus-1-2-3"),
        (b"\x00\x00\x02\x00\x04\x04", "lotus-1-2-3"),
        (b"\x00\x00\x1A\x00", "lotus-1-2-3"),
    ];
    MAGIC.iter().find(|(m, _)| bytes.starts_with(m)).map(|(_, k)| *k)
}

fn unsupported(detected: &str) -> Error {
    ErrorKind::UnsupportedFormat { detected: detected.to_owned() }.into()
}

/// True for a BOM followed by whitespace only (UTF-8, UTF-16LE or UTF-16BE).
fn is_blank_bom_text(bytes: &[u8]) -> bool {
    let rest = if let Some(r) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        r
    } else if let Some(r) = bytes.strip_prefix(b"\xFF\xFE").or_else(|| bytes.strip_prefix(b"\xFE\xFF")) {
        r
    } else {
        return false;
    };
    rest.iter().all(|b| b.is_ascii_whitespace() || *b == 0)
}

/// Byte order of UTF-16 text: `Some(true)` little endian, `Some(false)` big endian.
///
/// A BOM decides; without one, text where most even (or odd) bytes are NUL and the others are
/// not is UTF-16 (ASCII-range text in UTF-16 has a NUL in every other byte).
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(true);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(false);
    }
    let sample = bytes.get(..bytes.len().min(TEXT_SAMPLE) & !1)?;
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even_nul += usize::from(*a == 0);
            odd_nul += usize::from(*b == 0);
        }
    }
    // At least 70% of one side NUL and at most 10% of the other.
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(true)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// The start of the text as lowercase ASCII: BOM and leading whitespace skipped, UTF-16
/// narrowed to its low bytes, at most 1 KiB.
fn text_head(bytes: &[u8], utf16: Option<bool>) -> Vec<u8> {
    let mut head: Vec<u8> = match utf16 {
        Some(le) => {
            let body = bytes.get(2..).filter(|_| bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF"));
            let body = body.unwrap_or(bytes);
            body.chunks_exact(2)
                .take(4096)
                .filter_map(|p| match p {
                    [a, b] => Some(if le { (*a, *b) } else { (*b, *a) }),
                    _ => None,
                })
                .map(|(lo, hi)| if hi == 0 { lo } else { b'?' })
                .collect()
        }
        None => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).iter().take(4096).copied().collect(),
    };
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    head.drain(..start);
    head.truncate(1024);
    head.make_ascii_lowercase();
    head
}

/// HTML or XML Spreadsheet 2003 markup at the start of the text.
fn markup_kind(bytes: &[u8], utf16: Option<bool>) -> Option<&'static str> {
    let head = text_head(bytes, utf16);
    if !head.starts_with(b"<") {
        return None;
    }
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"<?xml") || head.starts_with(b"<workbook") || head.starts_with(b"<ss:workbook") {
        if contains(b"urn:schemas-microsoft-com:office:spreadsheet")
            || contains(b"<workbook")
            || contains(b"<ss:workbook")
            || contains(b"progid=\"excel.sheet\"")
        {
            return Some("xml-spreadsheet-2003");
        }
        if contains(b"<html") {
            return Some("html");
        }
        return Some("xml");
    }
    const HTML_STARTS: &[&[u8]] = &[b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta"];
    if HTML_STARTS.iter().any(|s| head.starts_with(s))
        || (head.starts_with(b"<!--") && (contains(b"<html") || contains(b"<table")))
    {
        return Some("html");
    }
    None
}

/// NUL bytes or C0 control characters other than tab, line feed, form feed and carriage return
/// in the first 8 KiB (text that is not UTF-16).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..bytes.len().min(TEXT_SAMPLE)).unwrap_or(bytes);
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls =
        sample.iter().filter(|&&b| b != 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)).count();
    // A stray control character or a few NUL bytes in a text export are damage the CSV reader
    // removes (with `nul_bytes_removed`); many of them are binary.
    nuls * 50 > sample.len() || controls * 100 > sample.len()
}

fn sniff_zip(bytes: &[u8]) -> Result<Format> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("zip", &e))?;
    let names: Vec<String> = zip.file_names_raw().map(|n| String::from_utf8_lossy(n).into_owned()).collect();
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if let Some(name) = ambiguous_name(&names) {
        // OPC part names are case-insensitive: two entries differing only in case are one part
        // twice, and which one a reader takes is arbitrary.
        return Err(Error::corrupt(
            "zip",
            format!("ambiguous package: two entries are named {name} (differing only in case)"),
        ));
    }

    if has("mimetype") {
        let mime = read_entry_head(&mut zip, "mimetype")?;
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        if mime == "application/vnd.oasis.opendocument.spreadsheet"
            || mime == "application/vnd.oasis.opendocument.spreadsheet-template"
        {
            if has("META-INF/manifest.xml") {
                let manifest = read_entry_head(&mut zip, "META-INF/manifest.xml")?;
                if manifest.windows(b"encryption-data".len()).any(|w| w == b"encryption-data") {
                    return Err(ErrorKind::EncryptedFile { format: "ods".to_owned() }.into());
                }
            }
            return Ok(Format::Ods);
        }
        return Err(unsupported(match mime {
            "application/vnd.oasis.opendocument.text" => "odt",
            "application/vnd.oasis.opendocument.presentation" => "odp",
            m if m.starts_with("application/vnd.oasis.opendocument") => "opendocument (not a spreadsheet)",
            _ => "zip",
        }));
    }
    if has("content.xml") && has("META-INF/manifest.xml") {
        // An OpenDocument package without its `mimetype` entry (LibreOffice reads it): the
        // manifest's root entry gives the type.
        let manifest = read_entry_head(&mut zip, "META-INF/manifest.xml")?;
        let spreadsheet = b"application/vnd.oasis.opendocument.spreadsheet\"";
        if manifest.windows(spreadsheet.len()).any(|w| w == spreadsheet) {
            if manifest.windows(b"encryption-data".len()).any(|w| w == b"encryption-data") {
                return Err(ErrorKind::EncryptedFile { format: "ods".to_owned() }.into());
            }
            return Ok(Format::Ods);
        }
    }
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    let content_types =
        if has("[Content_Types].xml") { read_entry_head(&mut zip, "[Content_Types].xml")? } else { Vec::new() };
    let ct = String::from_utf8_lossy(&content_types).to_ascii_lowercase();
    if has("xl/vbaProject.bin") || ct.contains("application/vnd.ms-excel.sheet.macroenabled.main+xml") {
        return Ok(Format::Xlsm);
    }
    if has("xl/workbook.xml")
        || ct.contains("spreadsheetml.sheet.main+xml")
        || ct.contains("spreadsheetml.template.main+xml")
    {
        return Ok(Format::Xlsx);
    }
    if has("word/document.xml") || ct.contains("wordprocessingml.document.main+xml") {
        return Err(unsupported("docx"));
    }
    if has("ppt/presentation.xml") || ct.contains("presentationml.presentation.main+xml") {
        return Err(unsupported("pptx"));
    }
    Err(unsupported("zip"))
}

/// The first entry name that another entry repeats up to ASCII case, if any.
fn ambiguous_name(names: &[String]) -> Option<&str> {
    let mut lower: Vec<(String, &str)> = names.iter().map(|n| (n.to_ascii_lowercase(), n.as_str())).collect();
    lower.sort_unstable();
    lower.windows(2).find_map(|w| match w {
        [a, b] if a.0 == b.0 => Some(b.1),
        _ => None,
    })
}

/// The first [`SNIFF_ENTRY_BYTES`] of a (small) zip entry, decompressed.
fn read_entry_head(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>> {
    let index = zip
        .file_names_raw()
        .position(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        .ok_or_else(|| Error::corrupt("zip", format!("entry {name} not found")))?;
    let entry = zip.by_index(index).map_err(|e| zip_error("zip", &e))?;
    let mut out = Vec::new();
    entry.take(SNIFF_ENTRY_BYTES).read_to_end(&mut out).map_err(|e| Error::corrupt("zip", format!("{name}: {e}")))?;
    Ok(out)
}

/// Maps a zip error to `corrupt_file` (or `unsupported_format` for a method calamine cannot read).
pub(crate) fn zip_error(format: &str, e: &zip::result::ZipError) -> Error {
    Error::corrupt(format, format!("broken zip container: {e}"))
}

fn sniff_cfb(bytes: &[u8]) -> Result<Format> {
    let cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Error::corrupt("cfb", format!("broken compound file: {e}")))?;
    if cfb.is_stream("/EncryptedPackage") || cfb.is_stream("/EncryptionInfo") {
        return Err(ErrorKind::EncryptedFile { format: "ooxml".to_owned() }.into());
    }
    let stream = if cfb.is_stream("/Workbook") {
        "/Workbook"
    } else if cfb.is_stream("/Book") {
        "/Book"
    } else if cfb.is_stream("/WordDocument") {
        return Err(unsupported("doc"));
    } else if cfb.is_stream("/PowerPoint Document") {
        return Err(unsupported("ppt"));
    } else if cfb.is_stream("/__properties_version1.0") {
        return Err(unsupported("msg"));
    } else {
        return Err(unsupported("cfb"));
    };
    let mut cfb = cfb;
    let mut reader = cfb.open_stream(stream).map_err(|e| Error::corrupt("xls", format!("workbook stream: {e}")))?;
    if has_filepass(&mut reader)? {
        return Err(ErrorKind::EncryptedFile { format: "xls".to_owned() }.into());
    }
    Ok(Format::Xls)
}

/// Walks the BIFF records of the workbook globals (up to their EOF record) looking for FILEPASS.
fn has_filepass(reader: &mut impl Read) -> Result<bool> {
    let mut header = [0u8; 4];
    let mut body = Vec::new();
    // The globals of a real workbook are a few thousand records; a bound keeps garbage cheap.
    for _ in 0..1_000_000u32 {
        match reader.read_exact(&mut header) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            Err(e) => return Err(Error::corrupt("xls", format!("workbook stream: {e}"))),
        }
        let [t0, t1, l0, l1] = header;
        let typ = u16::from_le_bytes([t0, t1]);
        let len = u16::from_le_bytes([l0, l1]);
        match typ {
            0x002F => return Ok(true),
            0x000A => return Ok(false),
            _ => {
                body.clear();
                let read = reader.by_ref().take(u64::from(len)).read_to_end(&mut body);
                if read.map_err(|e| Error::corrupt("xls", format!("workbook stream: {e}")))? < usize::from(len) {
                    return Ok(false);
                }
            }
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(bytes: &[u8]) -> String {
        match sniff(bytes).map_err(Error::into_kind) {
            Err(ErrorKind::UnsupportedFormat { detected }) => detected,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn text_is_csv() {
        assert_eq!(sniff(b"Nome;CPF\nAna;1\n").ok(), Some(Format::Csv));
        assert_eq!(sniff("\u{feff}Nome,Cidade\nJoão,São Paulo\n".as_bytes()).ok(), Some(Format::Csv));
        // Windows-1252 bytes are still text.
        assert_eq!(sniff(b"Nome;Cidade\nJo\xe3o;S\xe3o Paulo\n").ok(), Some(Format::Csv));
    }

    #[test]
    fn utf16_text_is_csv_with_or_without_bom() {
        let text = "Nome\tCPF\nAna\t1\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff(&le).ok(), Some(Format::Csv));
        assert_eq!(sniff(&be).ok(), Some(Format::Csv));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert_eq!(sniff(&with_bom).ok(), Some(Format::Csv));
    }

    #[test]
    fn markup_and_pdf_are_named() {
        assert_eq!(detected(b"<html><body><table><tr><td>1</td></tr></table></body></html>"), "html");
        assert_eq!(detected(b"\xEF\xBB\xBF  \r\n<!DOCTYPE html>\n<html>"), "html");
        assert_eq!(detected(b"<table border=1><tr><td>Nome</td></tr></table>"), "html");
        assert_eq!(
            detected(b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"),
            "xml-spreadsheet-2003"
        );
        assert_eq!(detected(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "pdf");
        let html16: Vec<u8> = "<html><table>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(detected(&html16), "html");
    }

    #[test]
    fn a_few_nul_bytes_are_text() {
        let mut bytes = "Nome;Cidade\n".repeat(40).into_bytes();
        bytes.extend_from_slice(b"Ana\0;Recife\n");
        assert_eq!(sniff(&bytes).ok(), Some(Format::Csv));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(detected(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00"), "binary");
        assert_eq!(sniff(b"  \r\n\t ").map_err(|e| e.code()), Err("empty_file"));
        assert_eq!(sniff(b"\xEF\xBB\xBF\r\n").map_err(|e| e.code()), Err("empty_file"));
        assert_eq!(sniff(b"").map_err(|e| e.code()), Err("empty_file"));
    }

    #[test]
    fn broken_containers() {
        assert_eq!(sniff(b"PK\x03\x04\x14\x00\x00\x00garbage").map_err(|e| e.code()), Err("corrupt_file"));
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend_from_slice(&[0u8; 100]);
        assert_eq!(sniff(&cfb).map_err(|e| e.code()), Err("corrupt_file"));
    }

    #[test]
    fn zip_kinds() {
        use std::io::Write;
        let make = |entries: &[(&str, &[u8])]| {
            let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for (name, data) in entries {
                w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap().into_inner()
        };
        let ods = make(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
        assert_eq!(sniff(&ods).ok(), Some(Format::Ods));
        let odt = make(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(detected(&odt), "odt");
        let odg = make(&[("mimetype", b"application/vnd.oasis.opendocument.graphics")]);
        assert!(detected(&odg).starts_with("opendocument"));
        // An encrypted ods: the manifest names its encryption data (content.xml is ciphertext).
        let manifest: &[u8] = b"<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\">\
            <manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry></manifest:manifest>";
        let enc = make(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", b"\x8f\x01garbage"),
            ("META-INF/manifest.xml", manifest),
        ]);
        assert!(
            matches!(sniff(&enc).map_err(Error::into_kind), Err(ErrorKind::EncryptedFile { format }) if format == "ods")
        );
        assert_eq!(detected(&make(&[("word/document.xml", b"")])), "docx");
        assert_eq!(detected(&make(&[("ppt/presentation.xml", b"")])), "pptx");
        // Two entries differing only in case: one part twice, an ambiguous package.
        let twice =
            make(&[("xl/workbook.xml", b""), ("xl/worksheets/sheet1.xml", b""), ("xl/worksheets/Sheet1.xml", b"")]);
        let err = sniff(&twice).unwrap_err();
        assert_eq!(err.code(), "corrupt_file");
        assert!(err.to_string().contains("ambiguous package"), "{err}");
        assert_eq!(sniff(&make(&[("xl/workbook.bin", b"")])).ok(), Some(Format::Xlsb));
        assert_eq!(sniff(&make(&[("xl/workbook.xml", b""), ("xl/vbaProject.bin", b"")])).ok(), Some(Format::Xlsm));
        assert_eq!(sniff(&make(&[("xl/workbook.xml", b"")])).ok(), Some(Format::Xlsx));
        assert_eq!(detected(&make(&[("a.txt", b"")])), "zip");
    }

    #[test]
    fn old_excel_files_and_known_signatures_are_named() {
        // BOF records of BIFF2/3/4 streams: type, length, version, document type.
        assert_eq!(detected(b"\x09\x00\x04\x00\x02\x00\x10\x00\x00\x00"), "excel-2.x");
        assert_eq!(detected(b"\x09\x02\x06\x00\x00\x00\x10\x00\x00\x00"), "excel-3.0");
        assert_eq!(detected(b"\x09\x04\x06\x00\x00\x00\x10\x00\x00\x00"), "excel-4.0");
        assert_eq!(detected(b"\x09\x04\x06\x00\x00\x00\x00\x01\x00\x00"), "excel-4.0-workbook");
        assert_eq!(detected(b"\x09\x04\x06\x00\x00\x00\x40\x00\x00\x00"), "excel-macro-sheet");
        assert_eq!(detected(b"\x89PNG\r\n\x1a\n\x00\x00"), "png");
        assert_eq!(detected(b"{\\rtf1\\ansi Nome;CPF}"), "rtf");
        let msg = sniff(b"\x09\x04\x06\x00\x00\x00\x10\x00\x00\x00").unwrap_err().to_string();
        assert_eq!(
            msg,
            "unsupported format: the file is an Excel 4.0 worksheet from 1992, a format cadastro does not read: \
             open it in Excel or LibreOffice and save it as .xlsx"
        );
        assert!(crate::error::describe("doc").starts_with("a Word document"));
        assert!(crate::error::describe("something-new").starts_with("something-new"));
    }
}
