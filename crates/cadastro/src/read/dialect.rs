//! The dialect of delimited text: delimiter, quote, escape, and whether an Excel `sep=` line
//! comes first.
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
//! Each candidate delimiter splits a sample (the first 64 KiB, at most 100 records) with the csv
//! parser itself, so quoted fields with delimiters and line breaks count right. Lines of
//! whitespace only are ignored (a row of delimiters counts). A candidate is scored on the
//! *consistency* of the field counts it gives, not on how often it occurs: with `K` distinct
//! field counts, `N_k` records of `k` fields out of `R`, the score is
//! `(1/K) · Σ N_k/R · max(0.01, (k-1)/k)` (the pattern score of van den Burg et al., "Wrangling
//! messy CSV files by detecting row and type patterns", 2019). A delimiter that also occurs
//! inside values (`POLYGON((1 2, 3 4))` in a `;` file, a `|`-joined list in one field) gives
//! many field counts and loses to the one every line agrees on; among consistent candidates the
//! wider table wins (a `;` file whose every row has one decimal comma is 19 columns with `;`,
//! 2 with `,`).
//!
//! The usual delimiters `,` `;` tab `|` compete with the others: space, `:`, `~`, `^`, `#` and
//! any other ASCII punctuation that occurs on most lines of the sample (`@ . - / _` and the
//! quotes excepted: they are parts of values; and none that mostly sits between two digits, as
//! in `12:30` or `1 000`; space only when no usual delimiter splits half the records the same
//! way). An other wins only when 80% of the records agree on its field count
//! and it scores 25% above the best usual delimiter (a `#` file whose addresses hold one comma
//! each). Ties go to the order `,` `;` tab `|`.
//!
//! The quote is `"`, or `'` when fields wrapped in `'` are frequent and quoting with `'` scores
//! higher. The escape is `\` when the sample has a backslash before a quote inside a field
//! (`"say \"hi\""`); doubled quotes are read either way.
//!
//! When no candidate splits two records, the file has a single column: the candidate occurring
//! least in the sample is reported (`,` when none occurs), so that no record is split by it.

use super::ReadOptions;
use crate::error::{Error, Result};

/// The usual delimiters, in tie-break order.
const USUAL: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Other delimiters always tried when the usual ones fail.
const OTHERS: [u8; 5] = [b' ', b':', b'~', b'^', b'#'];
/// Bytes never taken as a delimiter: parts of values (e-mails, numbers, dates, paths, names).
const NEVER: &[u8] = b"@.-/_\"'\\=()[]{}<>$%*+";
/// Bytes of text the sniffer looks at.
const SAMPLE_BYTES: usize = 64 * 1024;
/// Records the sniffer looks at.
const SAMPLE_RECORDS: usize = 100;

/// The delimiter, quote, escape and the `sep=` line to skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    /// The field delimiter (ASCII).
    pub delimiter: u8,
    /// The quote character: `"` or `'`.
    pub quote: u8,
    /// The escape character inside quoted fields (`\`), besides doubled quotes.
    pub escape: Option<u8>,
    /// Length in bytes of a leading `sep=` line, its line break included (0 without one).
    pub skip_bytes: usize,
}

impl Dialect {
    /// True when the text starts with an Excel `sep=` line (a line that is not a row).
    pub fn has_sep_line(&self) -> bool {
        self.skip_bytes > 0
    }

    /// A csv reader builder with this dialect (no headers, flexible field counts).
    pub fn reader(&self) -> csv::ReaderBuilder {
        let mut b = csv::ReaderBuilder::new();
        b.has_headers(false).flexible(true).delimiter(self.delimiter).quote(self.quote).escape(self.escape);
        b
    }

    /// A csv_core reader with this dialect.
    pub fn core_reader(&self) -> csv_core::Reader {
        csv_core::ReaderBuilder::new().delimiter(self.delimiter).quote(self.quote).escape(self.escape).build()
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
    let body = text.get(skip_bytes..).unwrap_or_default();
    let (sample, truncated) = sample(body);
    let uncommented = without_comment_lines(sample);
    let sample = uncommented.as_ref();
    let fixed = match (requested, sep) {
        (Some(d), _) => Some(d),
        (None, Some((d, _))) => Some(d),
        (None, None) => None,
    };
    let (delimiter, quote) = match fixed {
        Some(d) => (d, choose_quote(sample, truncated, &[d]).0.quote),
        None => sniff_delimiter(sample, truncated),
    };
    let escape = has_backslash_escape(sample, quote).then_some(b'\\');
    Ok(Dialect { delimiter, quote, escape, skip_bytes })
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
    quote: u8,
    /// The pattern score (see the module docs).
    score: f64,
    /// Share of records with the most frequent field count above 1.
    consistency: f64,
    /// Records split in two fields or more.
    multi: usize,
    /// Non-blank records in the sample.
    records: usize,
    /// Share of the fields that are empty or numbers (amounts, decimals, dates, times).
    typed: f64,
    /// Records of three fields or more.
    wide: usize,
}

/// The delimiter and the quote of `sample`.
fn sniff_delimiter(sample: &str, truncated: bool) -> (u8, u8) {
    let usual = choose_quote(sample, truncated, &USUAL);
    // Space separates words too: it competes only when no usual delimiter splits most records
    // the same way.
    let usual_holds = usual.0.consistency >= 0.5 && usual.0.score >= 0.1;
    let mut others: Vec<u8> =
        OTHERS.iter().copied().filter(|&d| !(between_digits(sample, d) || (d == b' ' && usual_holds))).collect();
    others.extend(frequent_punctuation(sample).into_iter().filter(|&d| !between_digits(sample, d)));
    let other = choose_quote(sample, truncated, &others);
    // The others must do clearly better than a usual delimiter.
    if other.0.consistency >= 0.8
        && other.0.records >= 2
        && other.0.score > usual.0.score * 1.25
        && other.0.score >= 0.1
    {
        return (other.0.delimiter, other.0.quote);
    }
    if usual_holds {
        return (usual.0.delimiter, usual.0.quote);
    }
    // Ragged files: no two records agree, but most records split.
    let mut ragged: Option<Split> = None;
    for s in usual.1.iter().filter(|s| s.multi * 2 >= s.records && s.multi > 0) {
        if ragged.is_none_or(|r| s.multi > r.multi) {
            ragged = Some(*s);
        }
    }
    if let Some(r) = ragged {
        // Space-delimited text with words in some fields (`$74.69 Men's Waterproof Hiking Boots
        // "These boots, ..."`): every record splits in three or more at spaces, more
        // consistently than at the ragged delimiter.
        if let Some(space) = other.1.iter().find(|s| s.delimiter == b' ')
            && space.records > 0
            && space.wide == space.records
            && space.consistency > r.consistency
            && space.score > r.score * 1.25
        {
            return (b' ', space.quote);
        }
        return (r.delimiter, r.quote);
    }
    // A small table inside prose (a report's pinout between paragraphs): two records or more
    // hold three fields or more.
    let mut table: Option<Split> = None;
    for s in usual.1.iter().filter(|s| s.wide >= 2) {
        if table.is_none_or(|t| s.score > t.score) {
            table = Some(*s);
        }
    }
    if let Some(t) = table {
        return (t.delimiter, t.quote);
    }
    // A single column: the candidate that splits fewest records (quoted delimiters split
    // nothing: `"123,456.789"` is one column of `,`), in tie-break order.
    let mut least = (usize::MAX, b',');
    for s in usual.1.iter().filter(|s| s.quote == b'"') {
        if s.multi < least.0 {
            least = (s.multi, s.delimiter);
        }
    }
    (least.1, b'"')
}

/// The best split of `candidates` (quote `"`, or `'` where fields wrapped in `'` are frequent),
/// and every split tried.
fn choose_quote(sample: &str, truncated: bool, candidates: &[u8]) -> (Split, Vec<Split>) {
    let mut all: Vec<Split> = candidates.iter().map(|&d| split(sample, d, b'"', truncated)).collect();
    let lines = sample.lines().filter(|l| !l.trim().is_empty()).count().max(1);
    for &d in candidates {
        let wrapped = single_quoted_fields(sample, d);
        if wrapped >= 2 && wrapped * 10 >= lines {
            all.push(split(sample, d, b'\'', truncated));
        }
    }
    let mut best = all.first().copied().unwrap_or(Split {
        delimiter: b',',
        quote: b'"',
        score: 0.0,
        consistency: 0.0,
        multi: 0,
        records: 0,
        typed: 0.0,
        wide: 0,
    });
    for s in &all {
        // Strictly better wins; on a tie the earlier candidate (and the `"` quote) stays,
        // unless the other splits into clearly more values of a known kind (`£ 1,80;£ 9000,50`
        // is two amounts with `;`, noise with `,`).
        let tie = (s.score - best.score).abs() <= 0.02 * best.score.max(1e-9);
        if s.score > best.score + 1e-9 && !(tie && best.typed > s.typed + 0.2) || (tie && s.typed > best.typed + 0.2) {
            best = *s;
        }
    }
    (best, all)
}

/// Fields of `sample` split at `delimiter` that start and end with `'`.
fn single_quoted_fields(sample: &str, delimiter: u8) -> usize {
    let d = char::from(delimiter);
    sample
        .lines()
        .take(SAMPLE_RECORDS)
        .flat_map(|l| l.split(d))
        .filter(|f| {
            let f = f.trim();
            f.len() >= 2 && f.starts_with('\'') && f.ends_with('\'')
        })
        .count()
}

/// ASCII punctuation (not in [`NEVER`], not a usual or other candidate) found on at least 80%
/// of the sample's non-blank lines.
fn frequent_punctuation(sample: &str) -> Vec<u8> {
    let mut lines = 0usize;
    let mut counts = [0usize; 128];
    for line in sample.lines().take(SAMPLE_RECORDS).filter(|l| !l.trim().is_empty()) {
        lines += 1;
        let mut seen = [false; 128];
        for b in line.bytes().filter(u8::is_ascii_punctuation) {
            if let Some(s) = seen.get_mut(usize::from(b)) {
                *s = true;
            }
        }
        for (c, s) in counts.iter_mut().zip(seen) {
            *c += usize::from(s);
        }
    }
    (0u8..128)
        .filter(|b| b.is_ascii_punctuation() && !NEVER.contains(b) && !USUAL.contains(b) && !OTHERS.contains(b))
        .filter(|b| counts.get(usize::from(*b)).is_some_and(|&n| lines > 0 && n * 5 >= lines * 4))
        .collect()
}

/// True when most occurrences of `d` sit between two digits (`12:30`, `1 000`): a part of
/// values, not a delimiter.
fn between_digits(sample: &str, d: u8) -> bool {
    let bytes = sample.as_bytes();
    if d == b' ' {
        return thousands_spaces(bytes);
    }
    let (mut total, mut digits) = (0usize, 0usize);
    for w in bytes.windows(3) {
        if let [a, m, b] = w
            && *m == d
        {
            total += 1;
            digits += usize::from(a.is_ascii_digit() && b.is_ascii_digit());
        }
    }
    total > 0 && digits * 2 >= total
}

/// True when most spaces between digits group thousands (`1 000`, `12 345,50`): a digit, one
/// space, three digits and no fourth. Other spaces between digits separate columns of numbers.
fn thousands_spaces(bytes: &[u8]) -> bool {
    let (mut total, mut grouped) = (0usize, 0usize);
    for (i, w) in bytes.windows(2).enumerate() {
        if let [a, b' '] = w
            && a.is_ascii_digit()
            && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
        {
            total += 1;
            let digits = bytes.get(i + 2..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();
            grouped += usize::from(digits == 3);
        }
    }
    total > 0 && grouped * 2 >= total
}

/// The sample without comment lines (`# ...` outside a quoted field), when other lines remain:
/// a `#` before the first field marks a comment in LimeSurvey dumps, config tables and
/// scientific exports, whose prose would otherwise vote for a delimiter.
fn without_comment_lines(sample: &str) -> std::borrow::Cow<'_, str> {
    let mut kept = String::with_capacity(sample.len());
    let (mut comments, mut others, mut quoted) = (0usize, 0usize, false);
    for line in sample.split_inclusive('\n') {
        let comment = !quoted && line.trim_start().starts_with('#');
        if comment {
            comments += 1;
            continue;
        }
        others += usize::from(!line.trim().is_empty());
        quoted ^= line.bytes().filter(|&b| b == b'"').count() % 2 == 1;
        kept.push_str(line);
    }
    if comments == 0 || others == 0 {
        return std::borrow::Cow::Borrowed(sample);
    }
    std::borrow::Cow::Owned(kept)
}

/// Runs of spaces collapsed to one, and the spaces around each line trimmed: how a
/// space-aligned table (`H        0.000000       -0.363000`) splits into its columns.
fn collapse_spaces(sample: &str) -> String {
    let mut out = String::with_capacity(sample.len());
    for line in sample.split_inclusive('\n') {
        let body = line.trim_end_matches(['\r', '\n']);
        let end = line.get(body.len()..).unwrap_or_default();
        let mut prev_space = false;
        for c in body.trim_matches(' ').chars() {
            if c == ' ' && prev_space {
                continue;
            }
            prev_space = c == ' ';
            out.push(c);
        }
        out.push_str(end);
    }
    out
}

/// A field of a known kind: empty, or a number with its usual dress (`1,80`, `£ 9000,50`,
/// `-0.36`, `12%`, `28/01/2018`, `10:55`).
fn typed_field(field: &[u8]) -> bool {
    let f = field.trim_ascii();
    let f = f.strip_prefix(b"\xc2\xa3").or_else(|| f.strip_prefix(b"\xe2\x82\xac")).unwrap_or(f);
    let f = f.strip_prefix(b"$").unwrap_or(f).trim_ascii();
    if f.is_empty() {
        return true;
    }
    f.iter().any(u8::is_ascii_digit)
        && f.iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'/' | b':' | b'%' | b'e' | b'E'))
}

/// A field no real delimiter leaves: an odd number of quotes (a quoted field cut open), or a
/// tab in a file not split by tabs.
fn broken_field(field: &[u8], delimiter: u8, quote: u8) -> bool {
    field.iter().filter(|&&b| b == quote).count() % 2 == 1 || (delimiter != b'\t' && field.contains(&b'\t'))
}

/// A backslash before a quote inside a field (`\"` not at the end of a field).
fn has_backslash_escape(sample: &str, quote: u8) -> bool {
    let bytes = sample.as_bytes();
    bytes.windows(3).any(
        |w| matches!(w, [b'\\', q, next] if *q == quote && !matches!(next, b'\r' | b'\n' | b',' | b';' | b'\t' | b'|')),
    )
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

fn split(sample: &str, delimiter: u8, quote: u8, truncated: bool) -> Split {
    let collapsed;
    let sample = if delimiter == b' ' {
        collapsed = collapse_spaces(sample);
        collapsed.as_str()
    } else {
        sample
    };
    let mut reader = Dialect { delimiter, quote, escape: None, skip_bytes: 0 }.reader().from_reader(sample.as_bytes());
    let mut counts: Vec<usize> = Vec::new();
    let (mut fields, mut typed, mut broken) = (0usize, 0usize, 0usize);
    let mut record = csv::ByteRecord::new();
    while counts.len() < SAMPLE_RECORDS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                // Only a line of whitespace says nothing; a row of delimiters (Excel pads blank
                // rows) does. Space-delimited text: a line of spaces is blank too.
                if record.iter().any(|f| !f.iter().all(u8::is_ascii_whitespace))
                    || (record.len() > 1 && delimiter != b' ')
                {
                    counts.push(record.len());
                    fields += record.len();
                    typed += record.iter().filter(|f| typed_field(f)).count();
                    broken += record.iter().filter(|f| broken_field(f, delimiter, quote)).count();
                }
            }
            Ok(false) | Err(_) => break,
        }
    }
    // The last record of a cut sample may be cut too.
    if truncated && counts.len() > 1 && reader.is_done() {
        counts.pop();
    }
    let records = counts.len();
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    let (mut score, mut patterns, mut hits) = (0.0f64, 0usize, 0usize);
    for group in sorted.chunk_by(|a, b| a == b) {
        let k = group.first().copied().unwrap_or(1);
        patterns += 1;
        let weight = if k <= 1 { 0.01 } else { (k as f64 - 1.0) / k as f64 };
        score += group.len() as f64 / records.max(1) as f64 * weight;
        if k >= 2 {
            hits = hits.max(group.len());
        }
    }
    if patterns > 0 {
        score /= patterns as f64;
    }
    // Fields cut open or holding tabs say the delimiter is wrong.
    if fields > 0 {
        score *= 1.0 - broken as f64 / fields as f64;
    }
    let multi = counts.iter().filter(|&&n| n >= 2).count();
    let wide = counts.iter().filter(|&&n| n >= 3).count();
    let consistency = if records == 0 { 0.0 } else { hits as f64 / records as f64 };
    let typed = if fields == 0 { 0.0 } else { typed as f64 / fields as f64 };
    Split { delimiter, quote, score, consistency, multi, records, typed, wide }
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
        assert_eq!(d, Dialect { delimiter: b';', quote: b'"', escape: None, skip_bytes: 7 });
        assert!(d.has_sep_line());
        // Quoted form, and a sep line naming a delimiter the data contradicts still wins.
        let d = sniff("\"SEP=|\"\na,b\n", &ReadOptions::default()).unwrap();
        assert_eq!(d, Dialect { delimiter: b'|', quote: b'"', escape: None, skip_bytes: 8 });
        // An explicit delimiter overrides it, the line is still skipped.
        let d = sniff("sep=;\nNome,CPF\n", &ReadOptions::default().with_delimiter(',')).unwrap();
        assert_eq!(d, Dialect { delimiter: b',', quote: b'"', escape: None, skip_bytes: 6 });
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
    fn quoted_delimiters_do_not_make_a_single_column_split() {
        // W3C CSVW test168.csv and test286.csv: one column of quoted numbers.
        assert_eq!(delim("decimal\n\"123,456.789\"\n"), ',');
        assert_eq!(delim("##0\n\"1,234\"\n"), ',');
        // CSV Wrangling ads_classic_queries.csv: short codes, no delimiter at all.
        assert_eq!(delim("M5\nM4\nM3\nMg\nQT\n"), ',');
    }

    #[test]
    fn comment_lines_do_not_vote() {
        // A LimeSurvey dump (CSV Wrangling BIO.csv): prose in `#` lines, then `,` tables.
        let text = "# LimeSurvey Group Dump\n# DBVersion 130\n# This is a dumped group from the LimeSurvey Script\n\
                    # http://www.limesurvey.org/\n# Do not change this header!\n\n#\n# GROUPS TABLE\n#\n\
                    \"gid\",\"sid\",\"group_name\",\"group_order\",\"description\",\"language\"\n\
                    \"43\",\"10\",\"Student BIO\",\"6\",\"Fragebogen für Biologistudenten<br />\",\"de\"\n";
        assert_eq!(delim(text), ',');
        // A `#` line inside a quoted field is not a comment (POLLOCK csv_good_dialect_star.csv).
        let text = "title,description,url,group\nsample title,\"###\n# ||abc - abc||\n||def -|| def\",u,g\n";
        assert_eq!(delim(text), ',');
        // A single line with a `#` in it is one value (CSV Wrangling admins.csv).
        assert_eq!(delim("milan#_%pass\n"), ',');
    }

    #[test]
    fn space_aligned_tables_split_on_spaces() {
        // W3C CSVW methane_molecular_structure_xyz_20140911.csv.
        let text = "5\nmethane molecule (in angstroms)\nC        0.000000        0.000000        0.000000\n\
                    H        0.000000        0.000000        1.089000\nH        1.026719        0.000000       -0.363000\n\
                    H       -0.513360       -0.889165       -0.363000\nH       -0.513360        0.889165       -0.363000\n";
        assert_eq!(delim(text), ' ');
        // Thousands grouped by spaces are not a delimiter.
        assert_eq!(delim("valor\n1 000\n12 345\n2 500\n"), ',');
    }

    #[test]
    fn fields_cut_open_or_holding_tabs_count_against_a_delimiter() {
        // POLLOCK "Optional quoted fields.csv": `;` would cut the quoted field open.
        assert_eq!(delim("Field1,Field2,\"Field;3;3;3\""), ',');
        // POLLOCK picasso.csv: tab-separated, with comma-joined triples in the fields.
        let text = "1894_0.jpg\t1894_0.jpg\t51,47,45\t87,88,86\t110,112,110\n\
                    1895_0.jpg\t1895_0.jpg\t37,25,24\t87,59,47\t105,88,88\n\
                    1895_1.jpg\t1895_1.jpg\t48,34,46\t80,51,58\t98,80,88\n";
        assert_eq!(delim(text), '\t');
    }

    #[test]
    fn amounts_break_a_tie() {
        // POLLOCK "Mixed comma and semicolon.csv": 3 fields either way; `;` gives amounts.
        let text = "'Neroductions Group';£ 1,80;£ 9000,50\n'Hatchworks Ltd.';£ 2,00;£ 100000,30";
        assert_eq!(delim(text), ';');
        // POLLOCK file_field_delimiter_0x20.csv has a `$` price on every line: not a delimiter.
        assert_ne!(delim("a b $1.00 c\nd e $2.50 f\ng h $3.75 i\n"), '$');
    }

    #[test]
    fn space_delimited_text_with_words_in_fields() {
        // POLLOCK file_field_delimiter_0x20.csv: commas only inside the quoted descriptions.
        let text = "DATE TIME Qty PRODUCTID Price ProductType \"ProductDescription\" \"URL\" Comments\n\
                    28/01/2018 00:00 2 MG-8769 $74.69 Men's Waterproof Hiking Boots \"These boots for men are rugged, light and quick.\" \"https://www.example.com/product/MG_8769.html\" \n\
                    29/01/2018 00:15 0 RI-3895 $29.81 Light-Up Running Jacket \"The next level of weather protection, from running, biking or walking the dog.\" \"https://www.example.com/product/RI_3895.html\" \n\
                    30/01/2018 00:30 1 TX-1111 $9.99 Socks \"Warm and soft.\" \"https://www.example.com/product/TX_1111.html\" \n\
                    31/01/2018 00:45 4 KX-2222 $19.99 Wool Hat \"Warm, soft, light, cheap and red.\" \"https://www.example.com/product/KX_2222.html\" \n";
        assert_eq!(delim(text), ' ');
    }

    #[test]
    fn a_small_table_inside_prose() {
        // CSV Wrangling task4_pad.csv: a Xilinx pinout report, its table between paragraphs.
        let text = "Release 8.1i - Fit L.33\nCopyright(c) 1995-2003 Xilinx Inc. All rights reserved\n\n\
                    NOTE: This file is designed to be imported into a spreadsheet program\n\
                    such as Microsoft Excel for viewing, printing and sorting. The comma ','\n\
                    character is used as the data field separator.\nInput file:  task4.ngd\n\
                    Part type:   xa95144xl\nSpeed grade: -15\n\nPinout by Pin Number:\n\n\
                    -----,-----,-----,-----,-----,\nPin Number,Signal Name,Pin Usage,Pin Name,Direction,IO Standard\n\n\
                    To preserve the pinout above for future design iterations in\n\
                    Project Navigator simply execute the (Lock Pins) process\n";
        assert_eq!(delim(text), ',');
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["", "\"", "\"\"\"", ";\u{0}|\t,\r", "\r\r\r", "\u{FEFF}", "\u{FEFF}sep=;"] {
            let _ = sniff(text, &ReadOptions::default()).unwrap();
        }
    }
}
