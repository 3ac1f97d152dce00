//! Streaming validation: [`Importer::validate_stream`] reads a file row by row and delivers
//! validated customers and issues in chunks, so neither its rows nor the report are ever held
//! whole. Memory is one chunk plus the in-file key index (a 64-bit hash and a row number per
//! external id, tax id and name key).
//!
//! Scope (what streams today):
//! - delimited text (CSV, `;`, tab, `|`) in UTF-8, Windows-1252 or Windows-1250, read record by record; UTF-16
//!   text is refused with `invalid_options` (use [`Importer::validate`]);
//! - workbooks: xlsx, xlsm and xlsb through calamine's cells reader, row by row (the file's
//!   compressed bytes and its shared strings are held, as calamine needs them); xls and ods,
//!   for which calamine has no cells reader, from the sheet's range read whole, then handed over
//!   in chunks like the others (the range is the memory of calamine's own read, the table and
//!   the report are not built). Same guards, sheet choice, limits and cell kinds as the
//!   whole-file reader;
//! - customer-per-row files: a mapping with contact columns, or with `parent_id` /
//!   `parent_name` (references that may point forward in the file), is refused with
//!   `invalid_options`. Those need the key index of the whole file before any customer is
//!   final; the store's streaming import can do it in two passes (not implemented here).
//!
//! The header is searched among the first `max(chunk_rows, 60)` rows (further down when
//! [`crate::ReadOptions::header_row`] names a later row), as the whole-file reader does among
//! its first 30 non-blank rows.
//!
//! Differences from [`Importer::validate`], by design of a single pass. Those marked (*) are
//! detected: the summary's [`StreamSummary::exact`] is then false.
//! - the encoding and the delimiter are sniffed from the first 1 MiB (a UTF-8 file with an
//!   invalid byte further on gets U+FFFD there, where the whole-file reader would have read
//!   the whole file as Windows-1252) (*);
//! - duplicate keys are found through 64-bit hashes: a false duplicate needs a hash collision
//!   (probability about n²/2⁶⁵, under 3·10⁻⁶ for ten million keys);
//! - the header-row warning about an unmapped column without header text, or (workbooks) a
//!   column right of every cell of the first chunk, comes in the chunk where the column first
//!   has data, not first of all; the summary's mapping has the column (*);
//! - a sheet whose rows are stored out of order (no spreadsheet application writes one) is an
//!   `invalid_options` error: the whole-file reader sorts rows, a stream cannot;
//! - chunks of text are cut at `\n` line ends outside quotes (each chunk is then split by the
//!   whole-file reader's own record splitter, so row and line numbers are the same); a file
//!   with lone `\r` line ends has no cut point and is read as one chunk (correct, but not
//!   bounded in memory).
//!
//! On every committed workbook and on generated workbooks and CSV files the chunks
//! concatenated equal [`Importer::validate`]'s customers, issues and stats (see the tests here
//! and in tests/stream_excel.rs, and benches/README.md).

use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;

use crate::error::{Error, LimitKind, Result};
use crate::mapping::ColumnMapping;
use crate::model::{Customer, Field};
use crate::pipeline::Importer;
use crate::read::dialect::Dialect;
use crate::read::{Format, Grid, Row, Source, SourceInfo, Table, TextEncoding, TextNotes};
use crate::report::messages::{Detail, render};
use crate::report::{Issue, IssueCode, Locale, Stats};
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
    /// The locale of the messages (as [`crate::Report::locale`], decided on the header and
    /// the first chunk).
    pub locale: crate::Locale,
    /// The counts, as [`crate::Report::stats`], of the rows read (all of them unless
    /// `stopped`).
    pub stats: Stats,
    /// The callback returned [`ControlFlow::Break`]: the rows after that chunk were not read.
    pub stopped: bool,
    /// True when the chunks concatenated are exactly [`crate::Report::issues`] and
    /// [`crate::Report::customers`] of [`Importer::validate`] on the same file (and `mapping`
    /// and `stats` its mapping and stats). False when the stream met one of the single-pass
    /// differences it can detect (see the [module documentation](crate::stream)): a UTF-8 file
    /// with an invalid byte after the sniffed head, or a column whose header-row warning came
    /// late. A host that needs the whole-file output byte for byte runs
    /// [`Importer::validate`] then.
    pub exact: bool,
}

/// A 64-bit hash of a key (XXH3, seeded with the key's kind): the same in every run, process
/// and version. XXH3 passes SMHasher and hashes a short key about three times faster than the
/// standard library's SipHash, which was most of the key index's time.
pub(crate) fn key_hash(kind: u8, key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), u64::from(kind))
}

/// Feeds `validate` every chunk of `records` until the input ends or `validate` breaks;
/// returns whether a chunk read lossily. With the `parallel` feature the records are read,
/// decoded and split on their own thread, one chunk ahead of the checks (a bounded channel), so
/// the two overlap.
fn read_chunks<R: BufRead + Send>(
    records: &mut Chunker<R>,
    chunk_rows: usize,
    validate: &mut dyn FnMut(ChunkRows) -> ControlFlow<()>,
) -> Result<bool> {
    #[cfg(feature = "parallel")]
    {
        let (tx, rx) = std::sync::mpsc::sync_channel::<ChunkRows>(1);
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                while !records.done {
                    let rows = records.next_chunk(chunk_rows)?;
                    if tx.send(rows).is_err() {
                        break;
                    }
                }
                Ok(records.lossy)
            });
            let mut stopped = false;
            for rows in rx.iter() {
                if validate(rows).is_break() {
                    stopped = true;
                    break;
                }
            }
            // The reader's next send fails: it stops.
            drop(rx);
            let read = reader.join().unwrap_or_else(|_| Err(Error::corrupt("csv", "the reader failed")));
            // After a stop, what the reader found ahead (an error included) was never asked for.
            if stopped { Ok(read.unwrap_or(false)) } else { read }
        })
    }
    #[cfg(not(feature = "parallel"))]
    {
        while !records.done {
            let rows = records.next_chunk(chunk_rows)?;
            if validate(rows).is_break() {
                break;
            }
        }
        Ok(records.lossy)
    }
}

/// The rows of one chunk of text and the row-level warnings of reading them.
type ChunkRows = (Vec<Row>, Vec<Issue>);

/// The piece a line is read in (see [`Chunker::next_chunk`]).
const LINE_PIECE: u64 = 1 << 20;

/// Cuts a text stream into chunks of whole records (quote parity across line ends), each
/// split by the whole-file reader's own [`crate::read::csv::split_records`], its row and line
/// numbers then shifted by what the earlier chunks spanned.
struct Chunker<R: BufRead> {
    input: R,
    encoding: TextEncoding,
    dialect: Dialect,
    opts: crate::read::ReadOptions,
    /// Physical lines before the current chunk (the `sep=` line included).
    lines_before: u64,
    /// Spreadsheet rows before the current chunk.
    rows_before: u64,
    buf: Vec<u8>,
    done: bool,
    /// A chunk sniffed as UTF-8 had an invalid byte (read as U+FFFD; the whole-file reader
    /// would have read the file as Windows-1252, or refused a requested UTF-8).
    lossy: bool,
}

impl<R: BufRead> Chunker<R> {
    /// The non-blank rows of the next `records` records (fewer at the end of the input).
    fn next_chunk(&mut self, records: usize) -> Result<ChunkRows> {
        self.buf.clear();
        let (mut lines, mut inner, mut complete, mut open) = (0u64, 0u64, 0usize, false);
        let mut probe_opts = self.opts.clone();
        probe_opts.limits.max_rows = u64::from(u32::MAX);
        while complete < records && !self.done {
            let start = self.buf.len();
            // One line, read in pieces: a line past a piece has its shape checked as it grows,
            // so that one huge cell fails at its limit instead of after the whole line is held.
            loop {
                let n = (&mut self.input).take(LINE_PIECE).read_until(b'\n', &mut self.buf).map_err(Error::from)?;
                if n == 0 || self.buf.ends_with(b"\n") || (n as u64) < LINE_PIECE {
                    break;
                }
                if self.buf.len() as u64 > self.opts.limits.max_file_bytes {
                    let len = self.buf.len() as u64;
                    return Err(Error::limit(LimitKind::FileBytes, len, self.opts.limits.max_file_bytes));
                }
                // Raw bytes: characters are counted as the bytes that start one, exact for UTF-8
                // and a lower bound for the code pages (the decoded chunk is checked exactly).
                crate::read::csv::check_shape(&self.buf, &self.dialect, &probe_opts)?;
            }
            if self.buf.len() == start {
                self.done = true;
                break;
            }
            let line = self.buf.get(start..).unwrap_or_default();
            let ends = line.ends_with(b"\n");
            lines += u64::from(ends);
            let quote = self.dialect.quote;
            let escaped = |i: usize| self.dialect.escape.is_some() && i > 0 && line.get(i - 1) == Some(&b'\\');
            let quotes = line.iter().enumerate().filter(|(i, b)| **b == quote && !escaped(*i)).count();
            if quotes % 2 == 1 {
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
        // Only UTF-8 decoding replaces bytes (the code pages map every byte, and return owned
        // text for any non-ASCII byte).
        let lossy = matches!(self.encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom)
            && matches!(text, std::borrow::Cow::Owned(_));
        self.lossy |= lossy;
        crate::read::csv::check_shape(text.as_bytes(), &self.dialect, &probe_opts)?;
        let (mut rows, mut notes) =
            crate::read::csv::split_records(text.as_bytes(), &self.dialect, 0, &probe_opts, lossy)?;
        let max_rows = self.opts.limits.max_rows.min(u64::from(u32::MAX));
        for r in &mut rows {
            let row = u64::from(r.row).saturating_add(self.rows_before);
            if row > max_rows {
                return Err(Error::limit(LimitKind::Rows, row, self.opts.limits.max_rows));
            }
            r.row = u32::try_from(row).unwrap_or(u32::MAX);
            r.line = r.line.map(|l| l.saturating_add(self.lines_before));
        }
        for i in &mut notes {
            i.row = u32::try_from(u64::from(i.row).saturating_add(self.rows_before)).unwrap_or(u32::MAX);
            i.line = i.line.map(|l| l.saturating_add(self.lines_before));
        }
        self.lines_before = self.lines_before.saturating_add(lines);
        self.rows_before = self.rows_before.saturating_add(lines.saturating_sub(inner));
        Ok((rows, notes))
    }
}

impl Importer {
    /// Validates a file in one streaming pass, calling `on_chunk` with the valid customers and
    /// the issues of every `chunk_rows` rows (0 means [`DEFAULT_CHUNK_ROWS`]), in file order.
    /// The callback returns [`ControlFlow::Break`] to stop early (a host whose consumer failed
    /// or went away): the summary then says `stopped` and counts the rows read. Memory stays
    /// bounded by one chunk and the key index, whatever the number of rows (a workbook's
    /// compressed bytes and shared strings are held too). See the
    /// [module documentation](crate::stream) for the scope and the few differences from
    /// [`Importer::validate`].
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
    /// assert!(summary.exact);
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Importer::validate`], and `invalid_options` for what does not stream (UTF-16 text,
    /// contact or parent columns, a sheet whose rows are stored out of order).
    pub fn validate_stream(
        &self,
        source: &Source,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        let opts = &self.options().read;
        let chunk_rows = if chunk_rows == 0 { DEFAULT_CHUNK_ROWS } else { chunk_rows };
        let input: Box<dyn Read + Send> = match source {
            Source::Path(p) => {
                let (file, _) = crate::read::open_regular(p)?;
                Box::new(file)
            }
            Source::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
        };
        let mut input = BufReader::with_capacity(SNIFF_BYTES, input);
        let head = input.fill_buf().map_err(Error::from)?.to_vec();
        if head.is_empty() {
            return Err(crate::ErrorKind::EmptyFile.into());
        }
        // A zip or compound file is sniffed on all its bytes (its directory is at the end).
        if head.starts_with(crate::read::format::ZIP_MAGIC) || head.starts_with(crate::read::format::CFB_MAGIC) {
            drop(input);
            return self.stream_workbook(source, chunk_rows, on_chunk);
        }
        let format = crate::read::format::sniff(&head)?;
        // Sniff on whole lines of the head, so that a character is never cut.
        let cut =
            if head.len() < SNIFF_BYTES { head.len() } else { head.iter().rposition(|b| *b == b'\n').unwrap_or(0) };
        let sample = head.get(..cut).unwrap_or_default();
        let decoded = crate::read::encoding::decode(sample, opts.encoding)?;
        let encoding = decoded.encoding;
        if matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
            return Err(Error::options("streaming validation reads UTF-8 and the legacy code pages, not UTF-16"));
        }
        let dialect = crate::read::dialect::sniff(&decoded.text, opts)?;
        let bom = if encoding == TextEncoding::Utf8Bom { 3 } else { 0 };
        // The `sep=` line is ASCII: its length in bytes is the same in the file.
        input.consume(bom + dialect.skip_bytes);
        let mut records = Chunker {
            input,
            encoding,
            dialect,
            opts: opts.clone(),
            lines_before: u64::from(dialect.has_sep_line()),
            rows_before: 0,
            buf: Vec::new(),
            done: false,
            lossy: false,
        };

        // The header: found among the first rows, as the whole-file reader does.
        let (first, issues) = records.next_chunk(chunk_rows.max(crate::read::header::HEADER_WINDOW * 2))?;
        let grid = Grid {
            format,
            encoding: Some(encoding),
            delimiter: Some(char::from(dialect.delimiter)),
            sheet: None,
            sheets: Vec::new(),
            rows: first,
            notes: TextNotes { encoding_confidence: Some(decoded.confidence), encoding_doubt: decoded.doubt, issues },
        };
        let (mut driver, rows) = Driver::start(self, crate::read::header::build_table(grid, opts)?, on_chunk)?;
        let flow = driver.chunk(rows, Vec::new());
        if flow.is_continue() && !records.done {
            let lossy = read_chunks(&mut records, chunk_rows, &mut |(rows, notes)| driver.chunk(rows, notes))?;
            driver.exact &= !lossy;
        }
        driver.exact &= !records.lossy;
        Ok(driver.summary())
    }

    /// [`Importer::validate_stream`] of a workbook: rows from [`crate::read::excel::stream_sheet`]
    /// in batches (the first one for the header search, then `chunk_rows` rows each), validated
    /// in file order. With the `parallel` feature the sheet is read on its own thread, one batch
    /// ahead of the validation (a bounded channel), so reading and validating overlap.
    fn stream_workbook(
        &self,
        source: &Source,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        let opts = &self.options().read;
        let bytes = source.load(&opts.limits)?;
        let format = crate::read::format::sniff(&bytes)?;
        let batches = Batches {
            first_rows: chunk_rows.max(crate::read::header::HEADER_WINDOW * 2),
            chunk_rows,
            header_row: opts.header_row.unwrap_or(0),
            rows: Vec::new(),
            started: false,
        };
        let mut consumer = Consumer { importer: self, format, sheet: None, driver: None, on_chunk: Some(on_chunk) };
        #[cfg(feature = "parallel")]
        let read = {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
            std::thread::scope(|scope| {
                let reader = scope.spawn(|| {
                    let mut sink = BatchSink {
                        batches,
                        emit: move |b| tx.send(b).map_or(ControlFlow::Break(()), |()| ControlFlow::Continue(())),
                    };
                    sink.read(&bytes, format, opts)
                });
                let mut failed = None;
                for batch in rx.iter() {
                    match consumer.take(batch) {
                        Ok(ControlFlow::Continue(())) => {}
                        Ok(ControlFlow::Break(())) => break,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                // The reader's next send fails: it stops.
                drop(rx);
                let read = reader.join().unwrap_or_else(|_| Err(Error::corrupt(format.as_str(), "the reader failed")));
                match failed {
                    Some(e) => Err(e),
                    None => read,
                }
            })
        };
        #[cfg(not(feature = "parallel"))]
        let read = {
            let mut failed = None;
            let read = {
                let mut sink = BatchSink {
                    batches,
                    emit: |b| match consumer.take(b) {
                        Ok(flow) => flow,
                        Err(e) => {
                            failed = Some(e);
                            ControlFlow::Break(())
                        }
                    },
                };
                sink.read(&bytes, format, opts)
            };
            failed.map_or(read, Err)
        };
        read?;
        let driver = consumer.driver.ok_or(crate::ErrorKind::EmptyFile)?;
        Ok(driver.summary())
    }
}

/// What a workbook's reader hands to the validation.
enum Batch {
    /// The sheet read and every sheet of the workbook (first of all).
    Sheet(String, Vec<crate::read::SheetInfo>),
    /// Rows in file order: the first batch holds the header search's rows.
    Rows(Vec<Row>),
}

/// Cuts a sheet's rows into batches.
struct Batches {
    /// How many rows the header search gets (more when `header_row` is further down).
    first_rows: usize,
    chunk_rows: usize,
    header_row: u32,
    rows: Vec<Row>,
    started: bool,
}

impl Batches {
    /// Adds a row; returns a full batch.
    fn push(&mut self, row: Row) -> Option<Vec<Row>> {
        let number = row.row;
        self.rows.push(row);
        let full = if self.started {
            self.rows.len() >= self.chunk_rows
        } else {
            self.rows.len() >= self.first_rows && number >= self.header_row
        };
        if full {
            self.started = true;
            return Some(std::mem::take(&mut self.rows));
        }
        None
    }
}

/// The reader side: a [`crate::read::excel::RowSink`] emitting batches.
struct BatchSink<F: FnMut(Batch) -> ControlFlow<()>> {
    batches: Batches,
    emit: F,
}

impl<F: FnMut(Batch) -> ControlFlow<()>> BatchSink<F> {
    /// Reads the sheet, emitting every batch (the last, partial one included).
    fn read(&mut self, bytes: &[u8], format: Format, opts: &crate::read::ReadOptions) -> Result<()> {
        crate::read::excel::stream_sheet(bytes, format, opts, self)?;
        let rest = std::mem::take(&mut self.batches.rows);
        if !rest.is_empty() || !self.batches.started {
            let _ = (self.emit)(Batch::Rows(rest));
        }
        Ok(())
    }
}

impl<F: FnMut(Batch) -> ControlFlow<()>> crate::read::excel::RowSink for BatchSink<F> {
    fn sheet(&mut self, name: &str, sheets: &[crate::read::SheetInfo]) {
        let _ = (self.emit)(Batch::Sheet(name.to_owned(), sheets.to_vec()));
    }

    fn row(&mut self, row: Row) -> Result<ControlFlow<()>> {
        Ok(match self.batches.push(row) {
            Some(rows) => (self.emit)(Batch::Rows(rows)),
            None => ControlFlow::Continue(()),
        })
    }
}

/// The validation side of a workbook stream: the header found in the first batch, then each
/// batch validated as a chunk.
struct Consumer<'i, 'c> {
    importer: &'i Importer,
    format: Format,
    sheet: Option<(String, Vec<crate::read::SheetInfo>)>,
    driver: Option<Driver<'i, 'c>>,
    on_chunk: Option<&'c mut dyn FnMut(Chunk) -> ControlFlow<()>>,
}

impl Consumer<'_, '_> {
    fn take(&mut self, batch: Batch) -> Result<ControlFlow<()>> {
        let rows = match batch {
            Batch::Sheet(name, sheets) => {
                self.sheet = Some((name, sheets));
                return Ok(ControlFlow::Continue(()));
            }
            Batch::Rows(rows) => rows,
        };
        if let Some(driver) = &mut self.driver {
            return Ok(driver.chunk(rows, Vec::new()));
        }
        let (sheet, sheets) = self.sheet.take().unzip();
        let grid = Grid {
            format: self.format,
            encoding: None,
            delimiter: None,
            sheet,
            sheets: sheets.unwrap_or_default(),
            rows,
            notes: TextNotes::default(),
        };
        let table = crate::read::header::build_table(grid, &self.importer.options().read)?;
        let on_chunk = self.on_chunk.take().ok_or(crate::ErrorKind::EmptyFile)?;
        let (mut driver, rows) = Driver::start(self.importer, table, on_chunk)?;
        #[cfg(feature = "parallel")]
        {
            // The reader runs on its own thread: the checks get the other cores.
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            driver.pool = rayon::ThreadPoolBuilder::new().num_threads(cores.saturating_sub(1).max(1)).build().ok();
        }
        let flow = driver.chunk(rows, Vec::new());
        self.driver = Some(driver);
        Ok(flow)
    }
}

/// The validation side of a stream: the plan, the key index and the counts, fed chunk by
/// chunk in file order.
struct Driver<'i, 'c> {
    importer: &'i Importer,
    plan: Plan<'i>,
    keys: KeyIndex,
    stats: Stats,
    info: SourceInfo,
    headers: Vec<String>,
    columns: Vec<ColumnMapping>,
    /// Unmapped columns without header text and without data so far: the whole-file report
    /// warns about such a column when any row has data in it.
    silent: Vec<usize>,
    first: bool,
    stopped: bool,
    exact: bool,
    last_row: u32,
    /// The first chunk's reading warnings (file-level ones and its rows').
    pending: Vec<Issue>,
    locale: Locale,
    on_chunk: &'c mut dyn FnMut(Chunk) -> ControlFlow<()>,
    /// The rows' checks run here instead of the global pool: a workbook's reader has a core of
    /// its own, the checks share the others (one on two cores), so the two never compete.
    #[cfg(feature = "parallel")]
    pool: Option<rayon::ThreadPool>,
}

impl<'i, 'c> Driver<'i, 'c> {
    /// Resolves the mapping of the header and compiles the plan; returns the first chunk's rows.
    fn start(
        importer: &'i Importer,
        table: Table,
        on_chunk: &'c mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<(Self, Vec<Row>)> {
        let columns = importer.columns(&table)?;
        let refused = columns
            .iter()
            .filter_map(|c| c.field.as_ref())
            .find_map(|t| t.field().filter(|f| f.is_contact() || matches!(f, Field::ParentId | Field::ParentName)));
        if let Some(field) = refused {
            return Err(Error::options(format!(
                "streaming validation is for one customer per row: column `{field}` needs the whole file"
            )));
        }
        // The locale and the inferred country are decided on the first chunk's rows, the same
        // first rows the whole-file validation infers from.
        let defaults = importer.file_defaults(&columns, &table);
        let locale = defaults.locale;
        let inferred = defaults.country_inferred;
        let run = RunOptions {
            profile: &importer.options().profile,
            // The plan outlives this call: the inferred code as the country table's own string.
            country: importer
                .country()
                .or(inferred.as_ref().and_then(|c| crate::validate::country::normalize_country(&c.country).ok())),
            locale,
            include_values: importer.options().include_values,
        };
        let plan = Plan::compile(run, &columns);
        let Table { source: mut info, headers, rows, issues, .. } = table;
        info.country_inferred = inferred;
        // The first chunk reports the table's own reading warnings (its ragged rows are found
        // again chunk by chunk).
        let pending: Vec<Issue> = issues.into_iter().filter(|i| i.code != IssueCode::RaggedRow).collect();
        let silent = columns
            .iter()
            .filter(|c| is_silent(c) && rows.iter().all(|r| r.cell(c.index).is_blank()))
            .map(|c| c.index)
            .collect();
        let driver = Driver {
            importer,
            plan,
            keys: KeyIndex::hashed(),
            stats: Stats::default(),
            last_row: info.header_row_number(),
            pending,
            info,
            headers,
            columns,
            silent,
            first: true,
            stopped: false,
            exact: true,
            locale,
            on_chunk,
            #[cfg(feature = "parallel")]
            pool: None,
        };
        Ok((driver, rows))
    }

    /// Validates one chunk (the first one even when it has no row: it carries the header's
    /// warnings) and hands it to the callback.
    fn chunk(&mut self, rows: Vec<Row>, notes: Vec<Issue>) -> ControlFlow<()> {
        if self.stopped {
            return ControlFlow::Break(());
        }
        if rows.is_empty() && !self.first {
            return ControlFlow::Continue(());
        }
        if let Some(last) = rows.last() {
            self.last_row = last.row;
        }
        let late = if self.first { Vec::new() } else { self.late_columns(&rows) };
        let mut ragged = if self.info.format == Format::Csv {
            crate::read::header::ragged_rows(&self.headers, &rows)
        } else {
            Vec::new()
        };
        ragged.extend(std::mem::take(&mut self.pending));
        ragged.extend(notes);
        let table = Table {
            source: self.info.clone(),
            sheets: Vec::new(),
            issues: ragged,
            headers: self.headers.clone(),
            rows,
            blank_rows: 0,
        };
        let (plan, keys, first) = (&self.plan, &mut self.keys, self.first);
        #[cfg(feature = "parallel")]
        let outcome = match &self.pool {
            Some(pool) => pool.install(|| plan.run_chunk(&table, keys, first)),
            None => plan.run_chunk(&table, keys, first),
        };
        #[cfg(not(feature = "parallel"))]
        let outcome = plan.run_chunk(&table, keys, first);
        self.first = false;
        add_stats(&mut self.stats, &outcome.stats);
        let mut issues = late;
        issues.extend(outcome.issues);
        if (self.on_chunk)(Chunk { customers: outcome.customers, issues }).is_break() {
            self.stopped = true;
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    /// The header-row warnings the first chunk could not give: a workbook column past the
    /// header's width, or an unnamed column, whose first data is in this chunk. The whole-file
    /// report has them before every row's issues: the stream is then not `exact`.
    fn late_columns(&mut self, rows: &[Row]) -> Vec<Issue> {
        if self.info.format != Format::Csv {
            let width = rows.iter().map(|r| crate::read::header::filled_width(&r.cells)).max().unwrap_or(0);
            if width > self.columns.len() {
                let mut headers: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
                headers.resize(width, String::new());
                let probe = Table {
                    source: self.info.clone(),
                    sheets: Vec::new(),
                    headers,
                    rows: Vec::new(),
                    blank_rows: 0,
                    issues: Vec::new(),
                };
                if let Ok(columns) = self.importer.columns(&probe) {
                    // The known columns keep the mapping their sample values gave; the probe
                    // (headers only) adds the new ones.
                    let known = self.columns.len();
                    self.silent.extend(columns.iter().skip(known).filter(|c| is_silent(c)).map(|c| c.index));
                    self.columns.extend(columns.into_iter().skip(known));
                }
                self.exact = false;
            }
        }
        let mut issues = Vec::new();
        let locale = self.locale;
        let (columns, header_row) = (&self.columns, self.info.header_row_number());
        self.silent.retain(|&index| {
            if rows.iter().all(|r| r.cell(index).is_blank()) {
                return true;
            }
            if let Some(c) = columns.iter().find(|c| c.index == index) {
                let mut issue = Issue::new(IssueCode::UnmappedColumn, header_row);
                issue.column = Some(c.column.clone());
                issue.header = Some(c.header.clone());
                let what = if c.header.is_empty() { &c.column } else { &c.header };
                issue.message = render(IssueCode::UnmappedColumn, locale, what, Detail::None);
                issues.push(issue);
            }
            false
        });
        if !issues.is_empty() {
            self.exact = false;
        }
        issues
    }

    fn summary(self) -> StreamSummary {
        let mut stats = self.stats;
        let span = u64::from(self.last_row.saturating_sub(self.info.header_row_number()));
        stats.rows_blank = span.saturating_sub(stats.rows_total);
        StreamSummary {
            source: self.info,
            mapping: self.columns,
            locale: self.locale,
            stats,
            stopped: self.stopped,
            exact: self.exact,
        }
    }
}

/// An unmapped column without header text, that the whole-file report warns about only when
/// some row has data in it (the rules of the engine's unmapped-column warning).
fn is_silent(c: &ColumnMapping) -> bool {
    c.field.is_none()
        && c.header.trim().is_empty()
        && !matches!(c.reason, crate::mapping::MatchReason::Ignored | crate::mapping::MatchReason::ProfileLabel)
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
    fn lines_longer_than_a_piece_read_whole_and_a_huge_cell_fails_at_its_limit() {
        let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        // Rows of 2.4 MB (well past a 1 MiB piece), each cell within the limits, quoted,
        // between ordinary rows.
        let note = format!("\"{};{}\"", "n".repeat(12_000), "o".repeat(12_000));
        let wide = vec![note; 100].join(";");
        let mut csv = String::from("Identificador Externo;Nome completo;CPF/CNPJ");
        csv.push_str(&(0..100).map(|i| format!(";Campo {i}")).collect::<String>());
        csv.push('\n');
        for i in 0..3 {
            csv.push_str(&format!("{i};Ana {i};{};{wide}\n", cpf(i)));
            csv.push_str(&format!("{}0;Bia;{}{}\n", i, cpf(i + 100), ";".repeat(100)));
        }
        assert!(csv.len() as u64 > 3 * 2 * LINE_PIECE);
        let whole = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec())).unwrap();
        for chunk in [1, 0] {
            let (customers, issues, summary) = run(&importer, &csv, chunk);
            assert_eq!(customers, whole.customers, "chunk {chunk}");
            assert_eq!(issues, whole.issues, "chunk {chunk}");
            assert_eq!(summary.stats, whole.stats, "chunk {chunk}");
        }
        assert_eq!(whole.customers.len(), 6);
        assert!(whole.issues.iter().all(|i| i.code == crate::IssueCode::UnmappedColumn));

        // One cell of 16 MB on one line: refused when the first pieces are read, not after the
        // whole line is held.
        let mut huge = String::from("Nome completo;CPF/CNPJ\nAna;");
        huge.push_str(&"x".repeat(16 << 20));
        let err =
            importer.validate_stream(&Source::from_bytes(huge.into_bytes()), 0, &mut |_| ControlFlow::Continue(()));
        let err = err.unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::LimitExceeded { limit: LimitKind::CellChars, .. }), "{err}");
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
        // Accents in a code page are not replacement characters: the stream is exact.
        assert!(summary.exact);
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
        crate::write::template_xlsx(&crate::Profile::builtin("asaas").unwrap(), &mut xlsx).unwrap();
        // A workbook streams (a template: a header, no rows).
        let asaas = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        let summary = asaas.validate_stream(&Source::from_bytes(xlsx), 0, &mut |_| ControlFlow::Continue(())).unwrap();
        assert_eq!((summary.source.format, summary.stats.rows_total), (Format::Xlsx, 0));
        let utf16 = b"\xff\xfeN\x00a\x00m\x00e\x00\n\x00A\x00n\x00a\x00\n\x00".to_vec();
        let err =
            importer.validate_stream(&Source::from_bytes(utf16), 0, &mut |_| ControlFlow::Continue(())).unwrap_err();
        assert_eq!(err.code(), "invalid_options");
    }
}
