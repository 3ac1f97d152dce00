//! Delimited text: decoded text split into records by the csv crate, with spreadsheet row
//! numbers and physical start lines.
//!
//! # Row and line numbers
//! `row` is the number a spreadsheet opening the file shows: every record counts, and so does
//! every blank line (the csv parser skips empty lines, so they are counted from the bytes between
//! records). A quoted field with line breaks keeps its record in one row. `line` is the physical
//! 1-based line where the record starts; `\r\n`, `\n` and a lone `\r` each end one line. After
//! an Excel `sep=` line, rows count from the line below it (see [`super::dialect`]), lines do not.
//!
//! Blank records (empty lines, or only delimiters and whitespace) are not in [`Grid::rows`], but
//! their row numbers are used up. Every field becomes [`Cell::Text`] as written, or
//! [`Cell::Empty`] when it is empty or only whitespace.
//!
//! # Limits
//! Checked record by record as the parser delivers them, so reading stops at the first record
//! past a limit: `rows` against the row number (blank rows included), `columns` against the
//! fields that hold data (blank or whitespace-only fields past the limit are dropped, never
//! counted), `cell_chars` against each field. The csv parser buffers one record
//! whole before it can be checked, so before it runs, [`check_shape`] streams the text once
//! through `csv_core` (the csv crate's own state machine, same settings) with a fixed 8 KiB
//! buffer: a field past `max_cell_chars` or a record past `max_columns` (a 100 MB line, an
//! unclosed quote, a million delimiters) fails there with no allocation proportional to it.

use super::dialect::Dialect;
use super::{Format, Grid, ReadOptions, Row, TextNotes, dialect, encoding};
use crate::error::{Error, LimitKind, Result};
use crate::model::Cell;
use crate::model::cell::is_blank_char;
use crate::model::{Issue, IssueCode};

/// Decodes `bytes`, sniffs the dialect and splits the records into a [`Grid`].
///
/// # Errors
/// `encoding_error`, `invalid_options` (an unusable delimiter), `limit_exceeded`.
pub(crate) fn read_grid(bytes: &[u8], opts: &ReadOptions) -> Result<Grid> {
    let decoded = encoding::decode(bytes, opts.encoding)?;
    let text = &decoded.text;
    let dialect = dialect::sniff(text, opts)?;
    let body = text.as_bytes().get(dialect.skip_bytes..).unwrap_or_default();
    let line_offset = u64::from(dialect.has_sep_line());
    check_shape(body, &dialect, opts)?;
    let (rows, issues) = split_records(body, &dialect, line_offset, opts, decoded.lossy, Shape::Checked)?;
    Ok(Grid {
        format: Format::Csv,
        encoding: Some(decoded.encoding),
        delimiter: Some(char::from(dialect.delimiter)),
        sheet: None,
        sheets: Vec::new(),
        rows,
        notes: TextNotes { encoding_confidence: Some(decoded.confidence), encoding_doubt: decoded.doubt, issues },
    })
}

/// Counts physical lines up to a byte offset, moving forward only (one pass over the text).
struct LineCursor<'a> {
    body: &'a [u8],
    pos: usize,
    /// The 1-based line of `pos`.
    line: u64,
}

impl<'a> LineCursor<'a> {
    fn new(body: &'a [u8]) -> Self {
        LineCursor { body, pos: 0, line: 1 }
    }

    /// The line of byte offset `target` (not before the last target).
    fn line_at(&mut self, target: usize) -> u64 {
        let to = target.min(self.body.len());
        if to > self.pos {
            let before = self.pos.checked_sub(1).and_then(|i| self.body.get(i)).copied();
            self.line += line_breaks(self.body.get(self.pos..to).unwrap_or_default(), before);
            self.pos = to;
        }
        self.line
    }
}

/// The line breaks in `bytes` (`\r\n`, `\n` and a lone `\r` each count once); `before` is the
/// byte before them, if any (a `\n` right after a `\r` ends no second line).
fn line_breaks(bytes: &[u8], before: Option<u8>) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\r', b'\n', bytes) {
        let prev = match i.checked_sub(1) {
            Some(p) => bytes.get(p).copied(),
            None => before,
        };
        if bytes.get(i) == Some(&b'\r') || prev != Some(b'\r') {
            n += 1;
        }
    }
    n
}

/// Line breaks inside a record's fields (quoted fields keep them): `\r\n` counts once.
fn inner_breaks(record: &csv::ByteRecord) -> u64 {
    record.iter().map(|field| line_breaks(field, None)).sum()
}

/// Fails with `limit_exceeded` (`cell_chars`, `columns`) at the first field or record past the
/// limits, in constant memory: fields are streamed through an 8 KiB buffer and only counted.
/// `body` is decoded text, so counting the bytes that do not continue a UTF-8 sequence counts
/// characters. A record stops the scan at its first field past `max_columns` that holds data
/// (the error gives that field's number); blank fields past the maximum are only counted. A field past the limit stops the scan at the end of the 8 KiB chunk where it
/// crossed it (the error gives the count reached there: past the maximum by at most 8 KiB), so a
/// 100 MB field costs no more than a 40 KB one.
pub(crate) fn check_shape(body: &[u8], dialect: &Dialect, opts: &ReadOptions) -> Result<()> {
    let limits = &opts.limits;
    let mut reader = dialect.core_reader();
    let mut out = [0u8; 8192];
    let mut input = body;
    let (mut chars, mut fields) = (0u64, 0u64);
    // Blank (whitespace-only) fields never widen the table: only a field holding data past
    // `max_columns` is over the limit.
    let mut blank = true;
    loop {
        let (result, read, written) = reader.read_field(input, &mut out);
        input = input.get(read..).unwrap_or_default();
        let chunk = out.get(..written).unwrap_or_default();
        blank &= chunk.iter().all(u8::is_ascii_whitespace);
        chars = chars.saturating_add(chunk.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64);
        if chars > limits.max_cell_chars {
            return Err(Error::limit(LimitKind::CellChars, chars, limits.max_cell_chars));
        }
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                // Stops at the first field past `max_columns`: the error gives that count, one
                // past the maximum, not the record's whole width (a million fields are not
                // counted to the end).
                fields = fields.saturating_add(1);
                chars = 0;
                if fields > limits.max_columns && !blank {
                    return Err(Error::limit(LimitKind::Columns, fields, limits.max_columns));
                }
                blank = true;
                if record_end {
                    fields = 0;
                }
            }
            csv_core::ReadFieldResult::End => return Ok(()),
        }
    }
}

/// Whether [`check_shape`] already ran over the text given to [`split_records`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The caller ran it (the whole-file reader: before the csv parser buffers a record).
    Checked,
    /// Not yet: [`split_records`] runs it over the whole text at the first record that could
    /// fail it (a field longer in bytes than `max_cell_chars`, or more fields than
    /// `max_columns`), so the error is the one [`check_shape`] gives first, as if it had run
    /// before. Text whose records all fit (nearly every chunk) is not scanned a second time.
    /// For text already held whole (a stream's chunk), where the scan bounds no allocation.
    Deferred,
}

/// Splits `body` into rows (see the module docs) and the row-level warnings of reading:
/// `nul_bytes_removed` (NUL characters are removed from the fields) and, when `lossy` says the
/// text was decoded with replacements, `invalid_bytes_replaced` on rows holding U+FFFD.
pub(crate) fn split_records(
    body: &[u8],
    dialect: &Dialect,
    line_offset: u64,
    opts: &ReadOptions,
    lossy: bool,
    mut shape: Shape,
) -> Result<(Vec<Row>, Vec<Issue>)> {
    let limits = &opts.limits;
    let max_rows = limits.max_rows.min(u64::from(u32::MAX));
    let mut reader = dialect.reader().from_reader(body);
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCursor::new(body);
    let mut rows = Vec::new();
    let mut issues = Vec::new();
    // The previous record: its row, its start line and the line breaks inside it.
    let mut prev: Option<(u64, u64, u64)> = None;
    let aligned = dialect.delimiter == b' ';
    loop {
        let before = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(Error::corrupt("csv", e.to_string())),
        }
        // The parser skipped the empty lines between `before` and the record.
        let skipped = body.get(before..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let start_line = lines.line_at(before.saturating_add(skipped));
        let row = match prev {
            None => start_line,
            Some((prev_row, prev_line, prev_breaks)) => {
                let advance = start_line.saturating_sub(prev_line).saturating_sub(prev_breaks).max(1);
                prev_row.saturating_add(advance)
            }
        };
        prev = Some((row, start_line, inner_breaks(&record)));
        if shape == Shape::Deferred
            && (record.len() as u64 > limits.max_columns
                || record.iter().any(|f| f.len() as u64 > limits.max_cell_chars))
        {
            // A field holds at most as many characters as bytes: only such a record can fail
            // the shape check; it is run once, over the whole text, for its first error.
            check_shape(body, dialect, opts)?;
            shape = Shape::Checked;
        }
        if row > max_rows {
            return Err(Error::limit(LimitKind::Rows, row, limits.max_rows));
        }
        // Space-delimited text is aligned with runs of spaces: a run is one separator, and the
        // spaces before the first value are not a field (`  1   0.23  Ideal`).
        let fields = || record.iter().filter(|f| !(aligned && f.is_empty()));
        // Trailing blank fields past `max_columns` hold no data: they are dropped (a row padded
        // with thousands of delimiters is as wide as its data).
        let (mut count, mut width) = (0usize, 0usize);
        for f in fields() {
            count += 1;
            if !f.iter().all(u8::is_ascii_whitespace) {
                width = count;
            }
        }
        if width as u64 > limits.max_columns {
            return Err(Error::limit(LimitKind::Columns, width as u64, limits.max_columns));
        }
        let keep = if count as u64 > limits.max_columns { width } else { count };
        let mut cells = Vec::with_capacity(keep);
        let mut blank = true;
        let (mut nul, mut replaced) = (false, false);
        for field in fields().take(keep) {
            // The body is decoded text and the parser splits at ASCII bytes: a field is UTF-8
            // (the lossy path only serves callers with raw bytes).
            let mut text = match std::str::from_utf8(field) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(field),
            };
            if text.contains('\0') {
                nul = true;
                text = std::borrow::Cow::Owned(text.replace('\0', ""));
            }
            replaced |= lossy && text.contains('\u{FFFD}');
            if field.len() as u64 > limits.max_cell_chars {
                let chars = text.chars().count() as u64;
                if chars > limits.max_cell_chars {
                    return Err(Error::limit(LimitKind::CellChars, chars, limits.max_cell_chars));
                }
            }
            if text.chars().all(is_blank_char) {
                cells.push(Cell::Empty);
            } else {
                blank = false;
                cells.push(Cell::Text(text.into_owned()));
            }
        }
        if !blank {
            // `row` <= max_rows <= u32::MAX here.
            let row = u32::try_from(row).unwrap_or(u32::MAX);
            let line = Some(start_line.saturating_add(line_offset));
            for (flag, code) in [(nul, IssueCode::NulBytesRemoved), (replaced, IssueCode::InvalidBytesReplaced)] {
                if flag {
                    let mut issue = Issue::new(code, row);
                    issue.line = line;
                    issues.push(issue);
                }
            }
            rows.push(Row { row, line, cells });
        }
    }
    Ok((rows, issues))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Limits, TextEncoding};

    fn grid(text: &str) -> Grid {
        read_grid(text.as_bytes(), &ReadOptions::default()).unwrap()
    }

    /// (row, line, cells as text) of every grid row.
    fn shape(g: &Grid) -> Vec<(u32, u64, Vec<String>)> {
        g.rows
            .iter()
            .map(|r| (r.row, r.line.unwrap(), r.cells.iter().map(|c| c.as_text().into_owned()).collect()))
            .collect()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn rows_and_lines_with_blank_lines_and_multiline_fields() {
        let text = "\nNome;Obs\n\nAna;\"linha 1\nlinha 2\"\nBia;x\n\n\n;;\nCaio;y\n";
        let g = grid(text);
        assert_eq!(g.delimiter, Some(';'));
        assert_eq!(g.encoding, Some(TextEncoding::Utf8));
        assert_eq!(
            shape(&g),
            vec![
                (2, 2, s(&["Nome", "Obs"])),
                (4, 4, s(&["Ana", "linha 1\nlinha 2"])),
                (5, 6, s(&["Bia", "x"])),
                // Two empty lines and a row of delimiters only: rows 6, 7, 8.
                (9, 10, s(&["Caio", "y"])),
            ]
        );
    }

    #[test]
    fn line_endings_agree() {
        let lf = "a;b\n\n\"x\ny\";2\nc;3\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        let expected: Vec<(u32, u64)> = vec![(1, 1), (3, 3), (4, 5)];
        for text in [lf.to_owned(), crlf, cr] {
            let g = grid(&text);
            let got: Vec<(u32, u64)> = g.rows.iter().map(|r| (r.row, r.line.unwrap())).collect();
            assert_eq!(got, expected, "{text:?}");
            assert_eq!(g.rows[1].cells.len(), 2);
        }
        // CRLF inside a quoted field is one line break.
        let g = grid("h1,h2\r\n\"a\r\nb\",c\r\nd,e\r\n");
        assert_eq!(g.rows[2].row, 3);
        assert_eq!(g.rows[2].line, Some(4));
        assert_eq!(g.rows[1].cells[0], Cell::Text("a\r\nb".into()));
    }

    #[test]
    fn sep_line_rows_start_below_it() {
        let g = grid("sep=;\r\nNome;CPF\r\nAna;1\r\n");
        assert_eq!(g.delimiter, Some(';'));
        assert_eq!(shape(&g), vec![(1, 2, s(&["Nome", "CPF"])), (2, 3, s(&["Ana", "1"]))]);
    }

    #[test]
    fn cells_keep_field_counts_and_empties() {
        let g = grid("a,b,c\n1,,\n2\n ,\u{a0},x\n");
        assert_eq!(g.rows[1].cells, vec![Cell::Text("1".into()), Cell::Empty, Cell::Empty]);
        assert_eq!(g.rows[2].cells.len(), 1);
        assert_eq!(g.rows[3].cells, vec![Cell::Empty, Cell::Empty, Cell::Text("x".into())]);
    }

    #[test]
    fn quotes_separators_and_escaped_quotes() {
        let g = grid("nome,apelido\n\"Silva, Ana\",\"O \"\"Anjo\"\"\"\n");
        assert_eq!(g.rows[1].cells, vec![Cell::Text("Silva, Ana".into()), Cell::Text("O \"Anjo\"".into())]);
    }

    #[test]
    fn space_aligned_columns_read_as_their_values() {
        // The first lines of diamonds.csv (CSV Wrangling), aligned with runs of spaces.
        let g = grid(
            "id      carat       cut color clarity depth table price     x     y     z\n\
             1      0.23     Ideal     E     SI2  61.5  55.0   326  3.95  3.98  2.43\n\
             2      0.21   Premium     E     SI1  59.8  61.0   326  3.89  3.84  2.31\n\
             3      0.23      Good     E     VS1  56.9  65.0   327  4.05  4.07  2.31\n",
        );
        assert_eq!(g.delimiter, Some(' '));
        let rows = shape(&g);
        assert_eq!(rows[0].2, s(&["id", "carat", "cut", "color", "clarity", "depth", "table", "price", "x", "y", "z"]));
        assert_eq!(rows[2].2, s(&["2", "0.21", "Premium", "E", "SI1", "59.8", "61.0", "326", "3.89", "3.84", "2.31"]));
        assert!(rows.iter().all(|r| r.2.len() == 11));
    }

    #[test]
    fn unbalanced_quote_swallows_the_rest_without_panic() {
        let g = grid("a;b\n\"open;x\ny;z\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].cells[0], Cell::Text("open;x\ny;z\n".into()));
    }

    #[test]
    fn limits_stop_at_the_first_record_past_them() {
        let opts = |limits: Limits| ReadOptions::default().with_limits(limits);
        let many = "a;b\n".repeat(200_000);
        let t = std::time::Instant::now();
        let err = read_grid(many.as_bytes(), &opts(Limits { max_rows: 1000, ..Limits::default() })).unwrap_err();
        assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
        assert_eq!(err.to_string(), "limit exceeded: rows is 1001, the maximum is 1000");
        // Blank lines count as rows.
        let blank = format!("a;b\n{}c;d\n", "\n".repeat(50));
        let err = read_grid(blank.as_bytes(), &opts(Limits { max_rows: 10, ..Limits::default() })).unwrap_err();
        assert_eq!(err.to_string(), "limit exceeded: rows is 52, the maximum is 10");
        let wide = format!("a;b\n{}\n", "x;".repeat(100));
        let err = read_grid(wide.as_bytes(), &opts(Limits { max_columns: 50, ..Limits::default() })).unwrap_err();
        assert_eq!(err.to_string(), "limit exceeded: columns is 51, the maximum is 50");
        let long = format!("a;b\nx;\"{}\"\n", "é".repeat(40));
        let err = read_grid(long.as_bytes(), &opts(Limits { max_cell_chars: 39, ..Limits::default() })).unwrap_err();
        assert_eq!(err.to_string(), "limit exceeded: cell_chars is 40, the maximum is 39");
        // 40 two-byte characters are 80 bytes but only 40 characters.
        assert!(read_grid(long.as_bytes(), &opts(Limits { max_cell_chars: 40, ..Limits::default() })).is_ok());
    }

    #[test]
    fn huge_fields_and_records_fail_before_the_parser_buffers_them() {
        // Found by the hostile suite: a 100 MB single-line CSV took 29 s and 509 MB (debug) as the
        // csv crate buffered the record; a million delimiters parsed a million fields first.
        let opts = ReadOptions::default();
        let mut line = b"nome;email;".to_vec();
        line.resize(20 * 1024 * 1024, b'x');
        let t = std::time::Instant::now();
        let err = read_grid(&line, &opts).unwrap_err();
        assert!(t.elapsed().as_millis() < 1000, "{:?}", t.elapsed());
        assert_eq!(err.code(), "limit_exceeded");
        assert!(err.to_string().starts_with("limit exceeded: cell_chars is "), "{err}");
        // An unclosed quote swallowing the rest of the file is one field too.
        let mut open = b"nome;email\n\"".to_vec();
        open.extend(std::iter::repeat_n(b"a;b\n".as_slice(), 20_000).flatten());
        let err = read_grid(&open, &opts).unwrap_err();
        assert!(err.to_string().starts_with("limit exceeded: cell_chars is "), "{err}");
        let wide = ";".repeat(1_000_000);
        let t = std::time::Instant::now();
        let err = read_grid(format!("a;b\nx{wide}y\n").as_bytes(), &opts).unwrap_err();
        assert!(t.elapsed().as_millis() < 2000, "{:?}", t.elapsed());
        assert_eq!(err.to_string(), "limit exceeded: columns is 1000001, the maximum is 1024");
        // A million blank fields hold no data: they do not widen the table (issue #14, point 2).
        let g = read_grid(format!("a;b\nx;y{wide}\n").as_bytes(), &opts).unwrap();
        assert_eq!(g.rows[1].cells.len(), 2);
        // A legitimate wide and long record still reads: 1,024 cells of 32,767 characters.
        let cell = "é".repeat(32_767);
        let full = format!("{}\n", vec![cell.as_str(); 1024].join(";"));
        let g = read_grid(full.as_bytes(), &opts).unwrap();
        assert_eq!(g.rows[0].cells.len(), 1024);
    }

    #[test]
    fn a_deferred_shape_check_gives_the_errors_of_a_check_before_the_split() {
        let limits = Limits { max_columns: 4, max_cell_chars: 10, ..Limits::default() };
        let o = ReadOptions::default().with_limits(limits);
        let ok = "a,b,c\n1,2,3\n";
        let cases = [
            ok.to_owned(),
            // A cell past the limit on the third record, a wide record on the fifth: the first wins.
            "a,b\n1,2\n3,0123456789x\n4,5\n1,2,3,4,5,6\n".to_owned(),
            // The wide record first this time.
            "a,b\n1,2,3,4,5,6\n3,0123456789x\n".to_owned(),
            // Trailing blank fields past max_columns hold no data: no error either way.
            "a,b\n1,2,,,,,,\n".to_owned(),
            // NUL characters count for the shape check (the split removes them).
            "a,b\n1,01234\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\n".to_owned(),
            // A quoted cell with line breaks, past the limit only with them.
            "a,b\n1,\"0123\n4567\n89\"\n".to_owned(),
            // Exactly at the limits.
            "a,b,c,d\n0123456789,2,3,4\n".to_owned(),
        ];
        for text in &cases {
            let dialect = dialect::sniff(text, &o).unwrap();
            let before = check_shape(text.as_bytes(), &dialect, &o)
                .and_then(|()| split_records(text.as_bytes(), &dialect, 0, &o, false, Shape::Checked));
            let deferred = split_records(text.as_bytes(), &dialect, 0, &o, false, Shape::Deferred);
            match (before, deferred) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}"),
                (a, b) => panic!("{text:?}: {a:?} against {b:?}"),
            }
        }
        // The cases do reach the limits.
        let failing = cases.iter().filter(|t| {
            let d = dialect::sniff(t, &o).unwrap();
            check_shape(t.as_bytes(), &d, &o).is_err()
        });
        assert_eq!(failing.count(), 4);
    }

    #[test]
    fn garbage_never_panics() {
        let mut state = 0x9e37_79b9_u32;
        let alphabet = b";,|\t\"\r\n\0a\xff\xfe";
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    alphabet[(state as usize) % alphabet.len()]
                })
                .collect();
            if let Ok(g) = read_grid(&bytes, &ReadOptions::default()) {
                // Rows strictly increase and lines never run behind rows' order.
                for pair in g.rows.windows(2) {
                    assert!(pair[0].row < pair[1].row, "{bytes:?}");
                    assert!(pair[0].line < pair[1].line, "{bytes:?}");
                }
            }
        }
    }
}
