//! The dialect of delimited text: which delimiter, and whether an Excel `sep=` line comes first.
//!
//! # The `sep=` line
//! Excel writes and honours a first line `sep=;` naming the delimiter. It is not a row: Excel
//! opening such a file shows the next line as row 1. cadastro does the same: rows are numbered
//! from the line after `sep=`, while `line` stays the physical line in the file, so the header
//! below a `sep=;` line is row 1, line 2. A `sep=` line is recognised in the forms `sep=;` and
//! `"sep=;"` (case-insensitive, any ASCII delimiter but the quote), and is skipped even when
//! [`ReadOptions::delimiter`](super::ReadOptions::delimiter) overrides the delimiter it names.
//!
//! # Sniffing
//! Each candidate among `,` `;` tab and `|` splits a sample (the first 64 KiB, at most 100
//! records) with the csv parser itself, so quoted fields with delimiters and line breaks count
//! right. Lines of whitespace only are ignored (a row of delimiters counts). For each candidate the most frequent field count above one
//! (`width`) and the share of records having it (`consistency`) are measured. Candidates within
//! 0.1 of the best consistency compete on width (a `;` file whose every row has one decimal
//! comma is 19 columns wide with `;`, 2 with `,`), then on the order `,` `;` tab `|`.
//! When no candidate splits at least two records the same way (a tiny ragged file), the candidate
//! that splits the most records wins if it splits at least half of them. Otherwise the file has a
//! single column: the candidate occurring least in the sample is reported (`,` when none occurs),
//! so that no record is split by it.

use super::ReadOptions;
use crate::error::{Error, Result};

/// The candidates, in tie-break order.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Bytes of text the sniffer looks at.
const SAMPLE_BYTES: usize = 64 * 1024;
/// Records the sniffer looks at.
const SAMPLE_RECORDS: usize = 100;

/// The delimiter and the `sep=` line to skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    /// The field delimiter (ASCII).
    pub delimiter: u8,
    /// Length in bytes of a leading `sep=` line, its line break included (0 without one).
    pub skip_bytes: usize,
}

impl Dialect {
    /// True when the text starts with an Excel `sep=` line (a line that is not a row).
    pub fn has_sep_line(&self) -> bool {
        self.skip_bytes > 0
    }
}

/// Decides the dialect of `text` (already decoded, BOM removed).
///
/// # Errors
/// `invalid_options` when the requested delimiter is not a single ASCII character other than
/// the quote and line breaks.
pub(crate) fn sniff(text: &str, opts: &ReadOptions) -> Result<Dialect> {
    let requested = opts.delimiter.map(requested_delimiter).transpose()?;
    let sep = sep_line(text);
    let skip_bytes = sep.map_or(0, |(_, len)| len);
    let delimiter = match (requested, sep) {
        (Some(d), _) => d,
        (None, Some((d, _))) => d,
        (None, None) => sniff_delimiter(text.get(skip_bytes..).unwrap_or_default()),
    };
    Ok(Dialect { delimiter, skip_bytes })
}

fn requested_delimiter(c: char) -> Result<u8> {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n') => Ok(b),
        _ => Err(Error::options(format!(
            "delimiter {c:?} is not usable: use one ASCII character other than the quote and line breaks"
        ))),
    }
}

/// A leading `sep=X` line: the delimiter and the line's length with its line break.
fn sep_line(text: &str) -> Option<(u8, usize)> {
    let body_start = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let rest = text.get(body_start..)?;
    // A `sep=` line is a few bytes long: look no further than 64 bytes for its end, so a file
    // whose first line is 100 MB long is not scanned here (the hostile suite found 2 s of this).
    let end = match rest.bytes().take(64).position(|b| matches!(b, b'\r' | b'\n')) {
        Some(end) => end,
        None if rest.len() <= 64 => rest.len(),
        None => return None,
    };
    let line = rest.get(..end)?.trim_end_matches([' ', '\t']);
    let inner = match line.strip_prefix('"') {
        Some(inner) => inner.strip_suffix('"')?,
        None => line,
    };
    let prefix = inner.get(..4)?;
    if !prefix.eq_ignore_ascii_case("sep=") {
        return None;
    }
    let delim = match inner.as_bytes() {
        [_, _, _, _, d] if d.is_ascii() && *d != b'"' => *d,
        _ => return None,
    };
    let mut len = body_start + end;
    let tail = rest.as_bytes().get(end..).unwrap_or_default();
    len += match tail {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    };
    Some((delim, len))
}

/// Field-count statistics of one candidate over the sample.
#[derive(Debug, Clone, Copy)]
struct Split {
    delimiter: u8,
    /// The most frequent field count above 1 (0 when no record splits).
    width: usize,
    /// Records with that field count.
    hits: usize,
    /// Records split in two fields or more, whatever their count.
    multi: usize,
    /// Non-blank records in the sample.
    records: usize,
}

impl Split {
    fn usable(&self) -> bool {
        self.width >= 2 && self.hits >= self.records.min(2)
    }

    fn consistency(&self) -> f64 {
        if self.records == 0 { 0.0 } else { self.hits as f64 / self.records as f64 }
    }
}

fn sniff_delimiter(text: &str) -> u8 {
    let (sample, truncated) = sample(text);
    let splits: Vec<Split> = CANDIDATES.iter().map(|&d| split(sample, d, truncated)).collect();
    let best = splits
        .iter()
        .filter(|s| s.usable())
        .map(Split::consistency)
        .fold(None, |acc: Option<f64>, c| Some(acc.map_or(c, |a| a.max(c))));
    if let Some(best) = best {
        let mut chosen: Option<Split> = None;
        for s in splits.iter().filter(|s| s.usable() && s.consistency() >= best - 0.1) {
            // Strictly wider wins; on a tie the earlier candidate stays.
            if chosen.is_none_or(|c| s.width > c.width) {
                chosen = Some(*s);
            }
        }
        if let Some(chosen) = chosen {
            return chosen.delimiter;
        }
    }
    // Ragged files: no two records agree, but most records split.
    let mut ragged: Option<Split> = None;
    for s in splits.iter().filter(|s| s.multi * 2 >= s.records && s.multi > 0) {
        if ragged.is_none_or(|r| s.multi > r.multi) {
            ragged = Some(*s);
        }
    }
    if let Some(r) = ragged {
        return r.delimiter;
    }
    // A single column: the candidate that splits nothing (or least).
    let mut least = (usize::MAX, b',');
    for &d in &CANDIDATES {
        let n = sample.bytes().filter(|&b| b == d).count();
        if n < least.0 {
            least = (n, d);
        }
    }
    least.1
}

/// The first [`SAMPLE_BYTES`] of `text`, cut at a character boundary; true when cut.
fn sample(text: &str) -> (&str, bool) {
    if text.len() <= SAMPLE_BYTES {
        return (text, false);
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text.get(..end).unwrap_or_default(), true)
}

fn split(sample: &str, delimiter: u8, truncated: bool) -> Split {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(sample.as_bytes());
    let mut counts: Vec<usize> = Vec::new();
    let mut record = csv::ByteRecord::new();
    while counts.len() < SAMPLE_RECORDS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                // Only a line of whitespace says nothing; a row of delimiters (Excel pads blank
                // rows) does.
                if record.len() > 1 || record.iter().any(|f| !f.iter().all(u8::is_ascii_whitespace)) {
                    counts.push(record.len());
                }
            }
            Ok(false) | Err(_) => break,
        }
    }
    // The last record of a cut sample may be cut too.
    if truncated && counts.len() > 1 && reader.is_done() {
        counts.pop();
    }
    let mut width = 0;
    let mut hits = 0;
    let mut seen: Vec<usize> = counts.iter().copied().filter(|&n| n >= 2).collect();
    seen.sort_unstable();
    for group in seen.chunk_by(|a, b| a == b) {
        let n = group.len();
        let w = group.first().copied().unwrap_or(0);
        if n > hits || (n == hits && w > width) {
            hits = n;
            width = w;
        }
    }
    let multi = counts.iter().filter(|&&n| n >= 2).count();
    Split { delimiter, width, hits, multi, records: counts.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delim(text: &str) -> char {
        char::from(sniff(text, &ReadOptions::default()).unwrap().delimiter)
    }

    #[test]
    fn the_four_candidates() {
        assert_eq!(delim("a,b,c\n1,2,3\n4,5,6\n"), ',');
        assert_eq!(delim("a;b;c\n1;2;3\n4;5;6\n"), ';');
        assert_eq!(delim("a\tb\tc\n1\t2\t3\n"), '\t');
        assert_eq!(delim("a|b|c\n1|2|3\n"), '|');
    }

    #[test]
    fn decimal_commas_do_not_win_over_semicolons() {
        let text = "Nome;Valor;Cidade;UF\nAna;1,50;Recife;PE\nBia;2,75;Natal;RN\nCaio;3,10;Belém;PA\n";
        assert_eq!(delim(text), ';');
    }

    #[test]
    fn quoted_delimiters_and_line_breaks_are_not_splits() {
        let text = "name,address,city\n\"Dupont; Fils\",\"12 rue X;\nBât. B\",Lyon\n\"A;B;C;D\",\"x\",Paris\n";
        assert_eq!(delim(text), ',');
    }

    #[test]
    fn title_rows_do_not_confuse() {
        let text = "Clientes - Março 2026\n\nNome;CPF;Cidade\nAna;529.982.247-25;Recife\nBia;111;Natal\n";
        assert_eq!(delim(text), ';');
        // Excel pads title rows to the full width.
        let text = "Clientes, Março 2026;;\n;;\nNome;CPF;Cidade\nAna;1;Recife\nBia;2;Natal\n";
        assert_eq!(delim(text), ';');
    }

    #[test]
    fn rows_of_delimiters_count() {
        assert_eq!(delim("\n  \n;;;\n"), ';');
        assert_eq!(delim("Relatório\n|||\nFoo|Bar|Baz|Qux\n"), '|');
    }

    #[test]
    fn tiny_ragged_files() {
        assert_eq!(delim("a;b\nx;y;z;w\n"), ';');
        assert_eq!(delim("a|b|c\nx|y\nq\n"), '|');
    }

    #[test]
    fn single_column() {
        assert_eq!(delim("email\nana@example.com\nbia@example.com\n"), ',');
        assert_eq!(delim("email\n"), ',');
        // Commas in a few values: a delimiter that splits nothing is chosen.
        assert_eq!(delim("nome\nSilva, Ana\nBia\nCaio\nDora\n"), ';');
    }

    #[test]
    fn sep_line_is_honoured_and_skipped() {
        let d = sniff("sep=;\r\nNome;CPF\nAna;1\n", &ReadOptions::default()).unwrap();
        assert_eq!(d, Dialect { delimiter: b';', skip_bytes: 7 });
        assert!(d.has_sep_line());
        // Quoted form, and a sep line naming a delimiter the data contradicts still wins.
        let d = sniff("\"SEP=|\"\na,b\n", &ReadOptions::default()).unwrap();
        assert_eq!(d, Dialect { delimiter: b'|', skip_bytes: 8 });
        // An explicit delimiter overrides it, the line is still skipped.
        let d = sniff("sep=;\nNome,CPF\n", &ReadOptions::default().with_delimiter(',')).unwrap();
        assert_eq!(d, Dialect { delimiter: b',', skip_bytes: 6 });
        // Not sep lines.
        for text in ["sep=\nx", "sep=;;\nx", "separator=;\n", "sep=\"\n", "\"sep=;\nx"] {
            assert_eq!(sniff(text, &ReadOptions::default()).unwrap().skip_bytes, 0, "{text:?}");
        }
        // The file is only the sep line.
        assert_eq!(sniff("sep=,", &ReadOptions::default()).unwrap().skip_bytes, 5);
    }

    #[test]
    fn explicit_delimiter_is_validated() {
        let d = sniff("a;b\n", &ReadOptions::default().with_delimiter('|')).unwrap();
        assert_eq!(d.delimiter, b'|');
        for bad in ['"', '\n', 'é', '€'] {
            let err = sniff("a;b\n", &ReadOptions::default().with_delimiter(bad)).unwrap_err();
            assert_eq!(err.code(), "invalid_options");
        }
    }

    #[test]
    fn long_text_sample_is_cut_on_a_char_boundary() {
        let row = "João;Araújo;São Paulo\n";
        let text = row.repeat(SAMPLE_BYTES / row.len() + 50);
        assert_eq!(delim(&text), ';');
        let text = format!("a;b\n{}", "é".repeat(SAMPLE_BYTES));
        let _ = delim(&text);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["", "\"", "\"\"\"", ";\u{0}|\t,\r", "\r\r\r", "\u{FEFF}", "\u{FEFF}sep=;"] {
            let _ = sniff(text, &ReadOptions::default()).unwrap();
        }
    }
}
