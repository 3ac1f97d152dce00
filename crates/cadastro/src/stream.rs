//! Streaming validation: [`Importer::validate_stream`] reads a delimited text file record by
//! record and delivers validated customers and issues in chunks, so neither the file, its rows
//! nor the report are ever held whole. Memory is one chunk plus the in-file key index (a 64-bit
//! hash and a row number per external id, tax id and name key).
//!
//! Scope (what streams today):
//! - delimited text (CSV, `;`, tab, `|`) in UTF-8 or Windows-1252; workbooks and UTF-16 text are
//!   refused with `invalid_options` (use [`Importer::validate`]);
//! - customer-per-row files: a mapping with contact columns, or with `parent_id` /
//!   `parent_name` (references that may point forward in the file), is refused with
//!   `invalid_options`. Those need the key index of the whole file before any customer is
//!   final; the store's streaming import can do it in two passes (not implemented here).
//!
//! Differences from [`Importer::validate`], by design of a single pass:
//! - the encoding and the delimiter are sniffed from the first 1 MiB (a UTF-8 file with an
//!   invalid byte further on gets U+FFFD there, where the whole-file reader would have read
//!   the whole file as Windows-1252);
//! - duplicate keys are found through 64-bit hashes: a false duplicate needs a hash collision
//!   (probability about n²/2⁶⁵, under 3·10⁻⁶ for ten million keys);
//! - an unmapped column whose header is blank is reported only if it has data in the first chunk;
//! - chunks are cut at `\n` line ends outside quotes (each chunk is then split by the whole-file
//!   reader's own record splitter, so row and line numbers are the same); a file with lone `\r`
//!   line ends has no cut point and is read as one chunk (correct, but not bounded in memory).
//!
//! On the generated benchmark workload the chunks concatenated equal [`Importer::validate`]'s
//! customers, issues and stats (see the tests below and benches/README.md).

use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;

use crate::error::{Error, LimitKind, Result};
use crate::mapping::ColumnMapping;
use crate::model::{Customer, Field};
use crate::pipeline::Importer;
use crate::read::{Format, Grid, Row, Source, SourceInfo, Table, TextEncoding};
use crate::report::{Issue, Stats};
use crate::validate::engine::{KeyIndex, Plan, RunOptions};

/// How many rows a chunk holds by default.
pub const DEFAULT_CHUNK_ROWS: usize = 16 * 1024;

/// Bytes read ahead to sniff the encoding and the delimiter.
const SNIFF_BYTES: usize = 1 << 20;

/// One chunk of a streaming validation, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chunk {
    /// The valid customers of this chunk's rows.
    pub customers: Vec<Customer>,
    /// This chunk's issues, sorted by row then column (the first chunk starts with the
    /// header-row warnings).
    pub issues: Vec<Issue>,
}

/// What a streaming validation reports at the end (everything a [`crate::Report`] holds but
/// the customers and issues, which went to the callback).
#[derive(Debug, Clone, PartialEq)]
pub struct StreamSummary {
    /// What was read.
    pub source: SourceInfo,
    /// Every column with its field.
    pub mapping: Vec<ColumnMapping>,
    /// The counts, as [`crate::Report::stats`], of the rows read (all of them unless
    /// `stopped`).
    pub stats: Stats,
    /// The callback returned [`ControlFlow::Break`]: the rows after that chunk were not read.
    pub stopped: bool,
}

/// A 64-bit hash of a key, with fixed keys: the same in every run and every process.
pub(crate) fn key_hash(kind: u8, key: &str) -> u64 {
    let mut h = BuildHasherDefault::<DefaultHasher>::default().build_hasher();
    kind.hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// Cuts a text stream into chunks of whole records (quote parity across line ends), each
/// split by the whole-file reader's own [`crate::read::csv::split_records`], its row and line
/// numbers then shifted by what the earlier chunks spanned.
struct Chunker<R: BufRead> {
    input: R,
    encoding: TextEncoding,
    delimiter: u8,
    opts: crate::read::ReadOptions,
    /// Physical lines before the current chunk (the `sep=` line included).
    lines_before: u64,
    /// Spreadsheet rows before the current chunk.
    rows_before: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Chunker<R> {
    /// The non-blank rows of the next `records` records (fewer at the end of the input).
    fn next_chunk(&mut self, records: usize) -> Result<Vec<Row>> {
        self.buf.clear();
        let (mut lines, mut inner, mut complete, mut open) = (0u64, 0u64, 0usize, false);
        while complete < records && !self.done {
            let start = self.buf.len();
            let n = self.input.read_until(b'\n', &mut self.buf).map_err(Error::from)?;
            if n == 0 {
                self.done = true;
                break;
            }
            let line = self.buf.get(start..).unwrap_or_default();
            let ends = line.ends_with(b"\n");
            lines += u64::from(ends);
            if line.iter().filter(|b| **b == b'"').count() % 2 == 1 {
                open = !open;
            }
            if open {
                // The line end is inside a quoted field: the record goes on.
                inner += u64::from(ends);
            } else {
                complete += 1;
            }
            if self.buf.len() as u64 > self.opts.limits.max_file_bytes {
                let len = self.buf.len() as u64;
                return Err(Error::limit(LimitKind::FileBytes, len, self.opts.limits.max_file_bytes));
            }
        }
        let text = crate::read::encoding::decode_lossy(&self.buf, self.encoding);
        let mut local_opts = self.opts.clone();
        local_opts.limits.max_rows = u64::from(u32::MAX);
        crate::read::csv::check_shape(text.as_bytes(), self.delimiter, &local_opts)?;
        let mut rows = crate::read::csv::split_records(text.as_bytes(), self.delimiter, 0, &local_opts)?;
        let max_rows = self.opts.limits.max_rows.min(u64::from(u32::MAX));
        for r in &mut rows {
            let row = u64::from(r.row).saturating_add(self.rows_before);
            if row > max_rows {
                return Err(Error::limit(LimitKind::Rows, row, self.opts.limits.max_rows));
            }
            r.row = u32::try_from(row).unwrap_or(u32::MAX);
            r.line = r.line.map(|l| l.saturating_add(self.lines_before));
        }
        self.lines_before = self.lines_before.saturating_add(lines);
        self.rows_before = self.rows_before.saturating_add(lines.saturating_sub(inner));
        Ok(rows)
    }
}

impl Importer {
    /// Validates a delimited text file in one streaming pass, calling `on_chunk` with the
    /// valid customers and the issues of every `chunk_rows` rows (0 means
    /// [`DEFAULT_CHUNK_ROWS`]), in file order. The callback returns
    /// [`ControlFlow::Break`] to stop early (a host whose consumer failed or went away): the
    /// summary then says `stopped` and counts the rows read. Memory stays bounded by one chunk and the key
    /// index, whatever the file's size. See the [module documentation](crate::stream) for the
    /// scope and the few differences from [`Importer::validate`].
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use cadastro::{Importer, ImportOptions, Source};
    /// let csv = "Identificador Externo;Nome completo;CPF/CNPJ\n1;Ana;529.982.247-25\n2;Bia;111\n";
    /// let importer = Importer::new(ImportOptions::for_profile("asaas")?)?;
    /// let mut valid = 0;
    /// let mut issues = Vec::new();
    /// let summary = importer.validate_stream(&Source::from_bytes(csv.as_bytes().to_vec()), 0, &mut |chunk| {
    ///     valid += chunk.customers.len();
    ///     issues.extend(chunk.issues);
    ///     ControlFlow::Continue(())
    /// })?;
    /// assert_eq!((valid, summary.stats.customers_rejected), (1, 1));
    /// assert_eq!(issues[0].code.as_str(), "invalid_tax_id");
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Importer::validate`], and `invalid_options` for what does not stream (a workbook,
    /// UTF-16 text, contact or parent columns).
    pub fn validate_stream(
        &self,
        source: &Source,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        let opts = &self.options().read;
        let chunk_rows = if chunk_rows == 0 { DEFAULT_CHUNK_ROWS } else { chunk_rows };
        let input: Box<dyn Read> = match source {
            Source::Path(p) => {
                let file = std::fs::File::open(p).map_err(|e| Error::io_at(p, e))?;
                Box::new(file)
            }
            Source::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
        };
        let mut input = BufReader::with_capacity(SNIFF_BYTES, input);
        let head = input.fill_buf().map_err(Error::from)?.to_vec();
        if head.is_empty() {
            return Err(crate::ErrorKind::EmptyFile.into());
        }
        let format = crate::read::format::sniff(&head)?;
        if format != Format::Csv {
            return Err(Error::options(format!("streaming validation reads delimited text, not {}", format.as_str())));
        }
        // Sniff on whole lines of the head, so that a character is never cut.
        let cut =
            if head.len() < SNIFF_BYTES { head.len() } else { head.iter().rposition(|b| *b == b'\n').unwrap_or(0) };
        let sample = head.get(..cut).unwrap_or_default();
        let (text, encoding) = crate::read::encoding::decode(sample, opts.encoding)?;
        if matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
            return Err(Error::options("streaming validation reads UTF-8 or Windows-1252 text, not UTF-16"));
        }
        let dialect = crate::read::dialect::sniff(&text, opts)?;
        let bom = if encoding == TextEncoding::Utf8Bom { 3 } else { 0 };
        // The `sep=` line is ASCII: its length in bytes is the same in the file.
        input.consume(bom + dialect.skip_bytes);
        let mut records = Chunker {
            input,
            encoding,
            delimiter: dialect.delimiter,
            opts: opts.clone(),
            lines_before: u64::from(dialect.has_sep_line()),
            rows_before: 0,
            buf: Vec::new(),
            done: false,
        };

        // The header: found among the first rows, as the whole-file reader does.
        let first = records.next_chunk(chunk_rows.max(crate::read::header::HEADER_WINDOW * 2))?;
        let grid = Grid {
            format,
            encoding: Some(encoding),
            delimiter: Some(char::from(dialect.delimiter)),
            sheet: None,
            sheets: Vec::new(),
            rows: first,
        };
        let head_table = crate::read::header::build_table(grid, opts)?;
        let columns = self.columns(&head_table)?;
        let refused = columns
            .iter()
            .filter_map(|c| c.field.as_ref())
            .find_map(|t| t.field().filter(|f| f.is_contact() || matches!(f, Field::ParentId | Field::ParentName)));
        if let Some(field) = refused {
            return Err(Error::options(format!(
                "streaming validation is for one customer per row: column `{field}` needs the whole file"
            )));
        }
        let run = RunOptions {
            profile: &self.options().profile,
            country: self.country(),
            locale: self.options().locale,
            include_values: self.options().include_values,
        };
        let plan = Plan::compile(run, &columns);
        let mut keys = KeyIndex::hashed();
        let mut stats = Stats::default();
        let Table { source: info, headers, rows, .. } = head_table;
        let header_row = info.header_row;
        let mut last_row = header_row;
        let mut pending = rows;
        let mut first_chunk = true;
        let mut stopped = false;
        loop {
            if pending.is_empty() && !first_chunk {
                pending = records.next_chunk(chunk_rows)?;
                if pending.is_empty() {
                    if records.done {
                        break;
                    }
                    continue;
                }
            }
            if let Some(last) = pending.last() {
                last_row = last.row;
            }
            let table = Table {
                source: info.clone(),
                sheets: Vec::new(),
                issues: crate::read::header::ragged_rows(&headers, &pending),
                headers: headers.clone(),
                rows: std::mem::take(&mut pending),
                blank_rows: 0,
            };
            let outcome = plan.run_chunk(&table, &mut keys, first_chunk);
            first_chunk = false;
            add_stats(&mut stats, &outcome.stats);
            if on_chunk(Chunk { customers: outcome.customers, issues: outcome.issues }).is_break() {
                stopped = true;
                break;
            }
        }
        let span = u64::from(last_row.saturating_sub(header_row));
        stats.rows_blank = span.saturating_sub(stats.rows_total);
        Ok(StreamSummary { source: info, mapping: columns, stats, stopped })
    }
}

fn add_stats(total: &mut Stats, s: &Stats) {
    total.rows_total += s.rows_total;
    total.rows_rejected += s.rows_rejected;
    total.customers_valid += s.customers_valid;
    total.customers_rejected += s.customers_rejected;
    total.contacts_valid += s.contacts_valid;
    total.contacts_rejected += s.contacts_rejected;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImportOptions;

    fn run(importer: &Importer, csv: &str, chunk: usize) -> (Vec<Customer>, Vec<Issue>, StreamSummary) {
        let mut customers = Vec::new();
        let mut issues = Vec::new();
        let summary = importer
            .validate_stream(&Source::from_bytes(csv.as_bytes().to_vec()), chunk, &mut |c| {
                customers.extend(c.customers);
                issues.extend(c.issues);
                ControlFlow::Continue(())
            })
            .unwrap();
        (customers, issues, summary)
    }

    /// A valid CPF for `i`.
    fn cpf(i: usize) -> String {
        let mut d: Vec<u32> =
            format!("{:09}", 100_000_000 + i * 7919).chars().map(|c| c.to_digit(10).unwrap()).collect();
        for len in [9, 10] {
            let sum: u32 = d.iter().zip((2..=len as u32 + 1).rev()).map(|(a, b)| a * b).sum();
            let r = sum % 11;
            d.push(if r < 2 { 0 } else { 11 - r });
        }
        d.iter().map(|x| char::from_digit(*x, 10).unwrap()).collect()
    }

    #[test]
    fn chunks_concatenate_to_the_whole_file_report() {
        let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        let mut csv = String::from(
            "sep=;\r\nClientes 2026;;;;\r\n\r\nIdentificador Externo;Nome completo;CPF/CNPJ;E-mail;Extra\r\n",
        );
        let taxes = ["", "111.111.111-11", "", "", "", "", "", "", "", "", "", "", "", "11.222.333/0001-81"];
        for i in 0..230 {
            let email = if i % 23 == 0 { "x@@y" } else { "ana@example.com" };
            let id = if i % 50 == 49 { 3 } else { i };
            let tax = match taxes[i % taxes.len()] {
                "" => cpf(i),
                t => t.to_owned(),
            };
            csv.push_str(&format!("{id};\"Ana\nSilva {i}\";{tax};{email};\r\n"));
            if i % 31 == 0 {
                csv.push_str("\r\n;;;;\r\n");
            }
        }
        let whole = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec())).unwrap();
        for chunk in [1, 7, 64, 0] {
            let (customers, issues, summary) = run(&importer, &csv, chunk);
            let rows = |v: &[Issue]| v.iter().map(|i| (i.row, i.line, i.code)).collect::<Vec<_>>();
            assert_eq!(rows(&issues), rows(&whole.issues), "chunk {chunk}");
            assert_eq!(issues, whole.issues, "chunk {chunk}");
            assert_eq!(customers, whole.customers, "chunk {chunk}");
            assert_eq!(summary.stats, whole.stats, "chunk {chunk}");
            assert_eq!(summary.source, whole.source);
            assert_eq!(summary.mapping, whole.mapping);
        }
        assert!(whole.issues.iter().any(|i| i.code.as_str() == "duplicate_key"));
        assert!(whole.stats.rows_blank > 0);
    }

    #[test]
    fn a_break_stops_after_that_chunk() {
        let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        let mut csv = String::from("Identificador Externo;Nome completo;CPF/CNPJ\n");
        for i in 0..100 {
            csv.push_str(&format!("{i};Ana {i};{}\n", cpf(i)));
        }
        let (mut chunks, mut seen) = (0, 0u64);
        let summary = importer
            .validate_stream(&Source::from_bytes(csv.into_bytes()), 10, &mut |c| {
                chunks += 1;
                seen += c.customers.len() as u64;
                if chunks == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            })
            .unwrap();
        assert_eq!(chunks, 3);
        assert!(summary.stopped);
        assert!(seen < 100, "{seen} rows read");
        assert_eq!(
            (summary.stats.rows_total, summary.stats.customers_valid, summary.stats.rows_blank),
            (seen, seen, 0)
        );
        let (_, _, whole) =
            run(&importer, &format!("Identificador Externo;Nome completo;CPF/CNPJ\n1;Ana;{}\n", cpf(1)), 0);
        assert!(!whole.stopped);
    }

    #[test]
    fn windows_1252_streams() {
        let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        let bytes = b"Nome completo;Cidade;CPF/CNPJ;Identificador Externo\r\nJo\xe3o;S\xe3o Paulo;529.982.247-25;1\r\n"
            .to_vec();
        let whole = importer.validate(&Source::from_bytes(bytes.clone())).unwrap();
        let mut got = Vec::new();
        let summary = importer
            .validate_stream(&Source::from_bytes(bytes), 0, &mut |c| {
                got.extend(c.customers);
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(summary.source.encoding, Some(TextEncoding::Windows1252));
        assert_eq!(got, whole.customers);
        assert_eq!(got[0].text(Field::Name), Some("João"));
    }

    #[test]
    fn what_does_not_stream_is_refused() {
        let importer = Importer::new(ImportOptions::default()).unwrap();
        let csv = "name,contact_email\nAna,a@b.co\n";
        let err = importer
            .validate_stream(&Source::from_bytes(csv.as_bytes().to_vec()), 0, &mut |_| ControlFlow::Continue(()))
            .unwrap_err();
        assert_eq!(err.code(), "invalid_options");
        let mut xlsx = Vec::new();
        crate::write::template_xlsx(&crate::Profile::generic(), &mut xlsx).unwrap();
        let err =
            importer.validate_stream(&Source::from_bytes(xlsx), 0, &mut |_| ControlFlow::Continue(())).unwrap_err();
        assert_eq!(err.code(), "invalid_options");
    }
}
