//! The one validation pipeline. Every validation, whole-file or streamed, runs this driver:
//! rows are read in chunks, each chunk is checked by the compiled plan and handed to a sink
//! (a callback taking a [`Chunk`]). [`Importer::validate`] is a collector over it, the CLI's
//! writers, the store's import and every binding's stream are other sinks, so a whole-file
//! result is by construction the concatenation of the stream's chunks (issues put in row
//! order, see [`sort_issues`]).
//!
//! Input (one reader per format, read ahead on its own thread with the `parallel` feature):
//! - delimited text in any supported encoding: the encoding and the dialect are sniffed from
//!   the first 1 MiB, then the text is cut into chunks of whole records at `\n` line ends
//!   outside quotes (a file with lone `\r` line ends has no cut point and is one chunk). A
//!   UTF-8 file with an invalid byte after the head reads it as U+FFFD, with the warning
//!   `invalid_bytes_replaced` on its row. UTF-16 is transcoded to UTF-8 as it is read;
//! - workbooks: xlsx, xlsm and xlsb through calamine's cells reader, row by row; xls and ods
//!   from the sheet's range (calamine has no cells reader for them), handed over in chunks. A
//!   sheet whose rows are stored out of order (no spreadsheet application writes one) is an
//!   `invalid_options` error;
//! - a [`Table`] a host already holds, in chunks of its rows.
//!
//! The header is searched among the first `max(chunk_rows, 60)` rows (further down when
//! [`crate::ReadOptions::header_row`] names a later row). `max_file_bytes` is compared with
//! the size of the whole file (before reading, and with the bytes read so far).
//!
//! Assembly: a file with one customer per row is checked and emitted chunk by chunk; the
//! in-file key index keeps a 64-bit hash and a row number per external id, tax id and name
//! key (a false duplicate needs a hash collision, probability about n²/2⁶⁵). A file whose
//! customers span rows (contact columns) or name parents (`parent_id`, `parent_name`, which may
//! point forward) is read chunk by chunk too, but its rows are held until the end of the file,
//! then assembled at once and emitted as one last chunk: see [`Importer::run`].
//!
//! The header-row warning about an unmapped column without header text (or a workbook column
//! right of every cell of the first chunk) comes in the chunk where the column first has data;
//! [`sort_issues`] puts it back first, as every collector does.

use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;

use super::Importer;
use super::book::{Batch, BatchSink, Batches, Consumer};
use super::driver::{Driver, Sink};
use super::text::{Capped, Chunker, Utf16Reader, check_size, io_error, read_chunks};
use crate::error::{Error, Result};
use crate::model::Customer;
use crate::profile::ColumnMapping;
use crate::read::{Grid, Row, Source, SourceInfo, Table, TextEncoding, TextNotes};
use crate::report::{Issue, Stats};
use crate::validate::engine::{NoBase, ParentLookup};

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
    /// The raw rows (cells as read) of this chunk's rows with an error, in row order, when
    /// [`StreamOptions::rejected_rows`] asks for them (else empty): what an error file holds.
    pub rejected: Vec<Row>,
}

/// How a run hands its chunks over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamOptions {
    /// How many rows a chunk holds (0 means [`DEFAULT_CHUNK_ROWS`]).
    pub chunk_rows: usize,
    /// Whether each chunk carries its rejected rows' raw cells ([`Chunk::rejected`]).
    pub rejected_rows: bool,
}

impl StreamOptions {
    /// Chunks of `chunk_rows` rows (0: the default), without the rejected rows.
    pub fn chunks(chunk_rows: usize) -> Self {
        StreamOptions { chunk_rows, rejected_rows: false }
    }
}

/// Sorts issues by row, then column (`B` before `AA`), stably: the order of a report. The
/// chunks of a run are each in this order and in row order between them, but for the few
/// header-row warnings a later chunk gives (see [`StreamOptions`](crate::StreamOptions)):
/// collectors sort what they gathered once, and get the same issues in the same order whatever
/// the chunk size.
pub fn sort_issues(issues: &mut [Issue]) {
    fn key(i: &Issue) -> (u32, Option<(usize, &str)>) {
        (i.row, i.column.as_deref().map(|c| (c.len(), c)))
    }
    if !issues.is_sorted_by(|a, b| key(a) <= key(b)) {
        issues.sort_by(|a, b| key(a).cmp(&key(b)));
    }
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
}

impl Importer {
    /// Validates a file in one streaming pass, calling `on_chunk` with the valid customers and
    /// the issues of every `chunk_rows` rows (0 means [`DEFAULT_CHUNK_ROWS`]), in file order:
    /// [`Importer::run`] without an existing base.
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
    /// As [`Importer::run`].
    pub fn validate_stream(
        &self,
        source: &Source,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        self.run(source, &NoBase, StreamOptions::chunks(chunk_rows), on_chunk)
    }

    /// The pipeline: reads `source` chunk by chunk, checks every chunk and hands it to
    /// `on_chunk` in file order; parents may also resolve in `base`. The callback returns
    /// [`ControlFlow::Break`] to stop early (a host whose consumer failed or went away): the
    /// summary then says `stopped` and counts the rows read. Memory is one chunk (read ahead
    /// by one more) and the key index, whatever the number of rows (a workbook's compressed
    /// bytes and shared strings are held too). A file with contact or parent columns holds its
    /// rows until the end of the file (its customers are only final then) and comes as one
    /// chunk. See [`StreamOptions`](crate::StreamOptions).
    ///
    /// # Errors
    /// A file-level failure (see [`Source::open`]), `duplicate_header`,
    /// `missing_required_column`, `invalid_options` for a mapping that names unknown columns or
    /// a sheet whose rows are stored out of order.
    pub fn run(
        &self,
        source: &Source,
        base: &dyn ParentLookup,
        stream: StreamOptions,
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        let opts = &self.options().read;
        let chunk_rows = if stream.chunk_rows == 0 { DEFAULT_CHUNK_ROWS } else { stream.chunk_rows };
        let max = opts.limits.max_file_bytes;
        let input: Box<dyn Read + Send + '_> = match source {
            Source::Path(p) => {
                let (file, len) = crate::read::open_regular(p)?;
                check_size(len, max)?;
                Box::new(file)
            }
            Source::Bytes(b) => {
                check_size(b.len() as u64, max)?;
                Box::new(b.as_slice())
            }
        };
        // The size the file system reports is not the size read (a file that grows, a /proc
        // file that reports 0): the limit is enforced on the bytes read as well.
        let mut input = BufReader::with_capacity(SNIFF_BYTES, Capped { inner: input, read: 0, max });
        let head = input.fill_buf().map_err(io_error)?.to_vec();
        if head.is_empty() {
            return Err(crate::ErrorKind::EmptyFile.into());
        }
        let sink = Sink { base, stream, on_chunk, progress: None };
        // A zip or compound file is sniffed on all its bytes (its directory is at the end).
        if head.starts_with(crate::read::format::ZIP_MAGIC) || head.starts_with(crate::read::format::CFB_MAGIC) {
            drop(input);
            return self.stream_workbook(source, chunk_rows, sink);
        }
        let format = crate::read::format::sniff(&head)?;
        // Sniff on whole lines of the head, so that a character is never cut.
        let mut cut =
            if head.len() < SNIFF_BYTES { head.len() } else { head.iter().rposition(|b| *b == b'\n').unwrap_or(0) };
        let mut decoded = crate::read::encoding::decode(head.get(..cut).unwrap_or_default(), opts.encoding)?;
        let utf16 = match decoded.encoding {
            TextEncoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            TextEncoding::Utf16Be => Some(encoding_rs::UTF_16BE),
            _ => None,
        };
        if utf16.is_some() && cut % 2 == 1 {
            // UTF-16 big-endian: the cut fell inside the line end's code unit.
            cut -= 1;
            decoded = crate::read::encoding::decode(head.get(..cut).unwrap_or_default(), opts.encoding)?;
        }
        let encoding = decoded.encoding;
        let dialect = crate::read::dialect::sniff(&decoded.text, opts)?;
        let mut text: Box<dyn BufRead + Send + '_> = match utf16 {
            // Transcoded to UTF-8 as it is read (the byte-order mark dropped): the chunks are
            // then cut and split as any UTF-8 text.
            Some(enc) => Box::new(BufReader::with_capacity(
                SNIFF_BYTES,
                Utf16Reader {
                    inner: input,
                    decoder: enc.new_decoder_with_bom_removal(),
                    out: Vec::new(),
                    pos: 0,
                    finished: false,
                },
            )),
            None => {
                let bom = if encoding == TextEncoding::Utf8Bom { 3 } else { 0 };
                input.consume(bom);
                Box::new(input)
            }
        };
        // The `sep=` line is ASCII: its length in bytes is the same in UTF-8 and the code pages.
        text.consume(dialect.skip_bytes);
        let mut records = Chunker {
            input: text,
            encoding: if utf16.is_some() { TextEncoding::Utf8 } else { encoding },
            dialect,
            opts: opts.clone(),
            lines_before: u64::from(dialect.has_sep_line()),
            rows_before: 0,
            buf: Vec::new(),
            done: false,
            read_as: None,
        };

        // The header: found among the first rows.
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
        let (mut driver, rows) = Driver::start(self, crate::read::header::build_table(grid, opts)?, sink)?;
        let flow = driver.chunk(rows, Vec::new());
        if flow.is_continue() && !records.done {
            read_chunks(&mut records, chunk_rows, &mut |(rows, notes)| driver.chunk(rows, notes))?;
        }
        if let Some(read_as) = records.read_as {
            // Settled as UTF-8 on an ASCII head, the file turned out to be in a code page.
            driver.info.encoding = Some(read_as);
        }
        Ok(driver.summary())
    }

    /// [`Importer::run`] over a table a host already holds (or read whole for another use):
    /// its rows go through the pipeline in chunks of 4,096 (`PROGRESS_EVERY`)
    /// rows, `progress(rows_done, rows_total)` called before each chunk and once at the end.
    ///
    /// # Errors
    /// `duplicate_header`, `missing_required_column`, `invalid_options` (mapping).
    pub fn run_table(
        &self,
        table: &Table,
        base: &dyn ParentLookup,
        rejected_rows: bool,
        progress: &mut dyn FnMut(u64, u64),
        on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
    ) -> Result<StreamSummary> {
        let chunk_rows = crate::validate::engine::PROGRESS_EVERY;
        let first_rows = chunk_rows.max(crate::read::header::HEADER_WINDOW * 2).min(table.rows.len());
        let (first, rest) = table.rows.split_at(first_rows);
        let head = Table {
            source: table.source.clone(),
            sheets: table.sheets.clone(),
            headers: table.headers.clone(),
            rows: first.to_vec(),
            blank_rows: table.blank_rows,
            issues: table.issues.clone(),
        };
        let stream = StreamOptions { chunk_rows, rejected_rows };
        let sink = Sink { base, stream, on_chunk, progress: Some((progress, table.rows.len() as u64)) };
        let (mut driver, rows) = Driver::start(self, head, sink)?;
        driver.blank_rows = Some(table.blank_rows);
        let mut flow = driver.chunk(rows, Vec::new());
        for piece in rest.chunks(chunk_rows) {
            if flow.is_break() {
                break;
            }
            flow = driver.chunk(piece.to_vec(), Vec::new());
        }
        Ok(driver.summary())
    }

    /// [`Importer::validate_stream`] of a workbook: rows from [`crate::read::excel::stream_sheet`]
    /// in batches (the first one for the header search, then `chunk_rows` rows each), validated
    /// in file order. With the `parallel` feature the sheet is read on its own thread, one batch
    /// ahead of the validation (a bounded channel), so reading and validating overlap.
    fn stream_workbook(&self, source: &Source, chunk_rows: usize, sink: Sink<'_>) -> Result<StreamSummary> {
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
        let mut consumer = Consumer { importer: self, format, sheet: None, driver: None, sink: Some(sink) };
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

#[cfg(test)]
mod tests {
    use super::super::text::LINE_PIECE;
    use super::*;
    use crate::ImportOptions;
    use crate::error::LimitKind;
    use crate::model::{Field, IssueCode};

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
        // The whole-file reader's table, through the same pipeline.
        let whole = table_report(&importer, csv.as_bytes());
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
        // The whole-file reader's table, through the same pipeline.
        let whole = table_report(&importer, csv.as_bytes());
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
        let whole = table_report(&importer, &bytes);
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

    /// The whole-file reader's table through the pipeline: what the chunked reader must give.
    fn table_report(importer: &Importer, bytes: &[u8]) -> crate::Report {
        let table = Source::from_bytes(bytes.to_vec()).open(&importer.options().read).unwrap();
        importer.validate_table(&table, &NoBase).unwrap()
    }

    #[test]
    fn contact_and_parent_files_stream_held_to_the_end() {
        let importer = Importer::new(ImportOptions::default()).unwrap();
        // Contacts of one customer on rows far apart (other chunks), a duplicate contact e-mail.
        let mut csv = String::from("external_id,name,contact_name,contact_email\n");
        for i in 0..40 {
            csv.push_str(&format!("{},Cliente {},Pessoa {i},p{i}@example.com\n", i % 7, i % 7));
        }
        csv.push_str("3,Cliente 3,Outra,p5@example.com\n");
        let expected = table_report(&importer, csv.as_bytes());
        assert_eq!(expected.customers.len(), 7);
        assert!(expected.issues.iter().any(|i| i.code == IssueCode::DuplicateKey));
        for chunk in [1, 5, 0] {
            let mut chunks = 0;
            let (mut customers, mut issues) = (Vec::new(), Vec::new());
            let summary = importer
                .validate_stream(&Source::from_bytes(csv.as_bytes().to_vec()), chunk, &mut |c| {
                    chunks += 1;
                    customers.extend(c.customers);
                    issues.extend(c.issues);
                    ControlFlow::Continue(())
                })
                .unwrap();
            // Held to the end of the file: one chunk.
            assert_eq!(chunks, 1, "chunk {chunk}");
            assert_eq!(customers, expected.customers, "chunk {chunk}");
            assert_eq!(issues, expected.issues, "chunk {chunk}");
            assert_eq!(summary.stats, expected.stats, "chunk {chunk}");
        }
        // Parents that point forward resolve; one that points nowhere is reported.
        let csv = "external_id,name,parent_id\n1,Filial,2\n2,Matriz,\n3,Outra,9\n";
        let report = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec())).unwrap();
        assert_eq!(report, table_report(&importer, csv.as_bytes()));
        assert_eq!(report.stats.customers_valid, 2);
        assert_eq!(report.issues.iter().map(|i| (i.row, i.code)).collect::<Vec<_>>(), [(4, IssueCode::UnknownParent)]);
    }

    #[test]
    fn utf16_text_streams_transcoded() {
        let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
        let mut text = String::from("Identificador Externo;Nome completo;Cidade;CPF/CNPJ\r\n");
        for i in 0..300 {
            text.push_str(&format!("{i};\"João\nda Silva {i}\";São Paulo;{}\r\n", cpf(i)));
        }
        let utf8 = importer.validate(&Source::from_bytes(text.as_bytes().to_vec())).unwrap();
        for (bom, be) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            let mut bytes = bom.to_vec();
            for unit in text.encode_utf16() {
                bytes.extend(if be { unit.to_be_bytes() } else { unit.to_le_bytes() });
            }
            let expected = table_report(&importer, &bytes);
            for chunk in [7, 0] {
                let (customers, issues, summary) = {
                    let mut customers = Vec::new();
                    let mut issues = Vec::new();
                    let summary = importer
                        .validate_stream(&Source::from_bytes(bytes.clone()), chunk, &mut |c| {
                            customers.extend(c.customers);
                            issues.extend(c.issues);
                            ControlFlow::Continue(())
                        })
                        .unwrap();
                    (customers, issues, summary)
                };
                let want = if be { TextEncoding::Utf16Be } else { TextEncoding::Utf16Le };
                assert_eq!(summary.source.encoding, Some(want));
                assert_eq!(customers, utf8.customers, "chunk {chunk}");
                assert_eq!(customers, expected.customers);
                assert_eq!(issues, expected.issues);
                assert_eq!(summary.stats, expected.stats);
            }
        }
        assert_eq!(utf8.customers.len(), 300);
        assert_eq!(utf8.customers[299].text(Field::Name), Some("João da Silva 299"));
    }

    #[test]
    fn the_size_limit_is_the_whole_file() {
        let mut opts = ImportOptions::for_profile("asaas").unwrap();
        let mut csv = String::from("Identificador Externo;Nome completo;CPF/CNPJ\n");
        for i in 0..2000 {
            csv.push_str(&format!("{i};Ana {i};{}\n", cpf(i)));
        }
        opts.read.limits.max_file_bytes = csv.len() as u64 - 1;
        let importer = Importer::new(opts).unwrap();
        // Every chunk is far below the limit; the file is one byte past it.
        let err = importer
            .validate_stream(&Source::from_bytes(csv.as_bytes().to_vec()), 10, &mut |_| ControlFlow::Continue(()))
            .unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::LimitExceeded { limit: LimitKind::FileBytes, .. }), "{err}");
        let dir = std::env::temp_dir().join(format!("cadastro-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.csv");
        std::fs::write(&path, &csv).unwrap();
        let err = importer.validate(&Source::from_path(&path)).unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::LimitExceeded { limit: LimitKind::FileBytes, .. }), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
        // The reader's own count, for a size the file system does not give.
        let mut capped = Capped { inner: csv.as_bytes(), read: 0, max: 100 };
        let mut sink = Vec::new();
        let err = io_error(std::io::copy(&mut capped, &mut sink).unwrap_err());
        assert!(matches!(err.kind(), crate::ErrorKind::LimitExceeded { limit: LimitKind::FileBytes, .. }), "{err}");
    }
}
