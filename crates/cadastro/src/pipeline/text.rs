//! The text side of the pipeline: the file read with its size capped, UTF-16 transcoded, cut
//! into chunks of whole records and split by the CSV reader's own splitter, one chunk ahead of
//! the checks.

use std::io::{BufRead, Read};
use std::ops::ControlFlow;

use crate::error::{Error, LimitKind, Result};
use crate::read::dialect::Dialect;
use crate::read::{Row, TextEncoding};
use crate::report::Issue;

/// Feeds `validate` every chunk of `records` until the input ends or `validate` breaks. With
/// the `parallel` feature the records are read, decoded and split on their own thread, one
/// chunk ahead of the checks (a bounded channel), so the two overlap.
pub(super) fn read_chunks<R: BufRead + Send>(
    records: &mut Chunker<R>,
    chunk_rows: usize,
    validate: &mut dyn FnMut(ChunkRows) -> ControlFlow<()>,
) -> Result<()> {
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
                Ok(())
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
            if stopped { Ok(()) } else { read }
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
        Ok(())
    }
}

/// `limit_exceeded` (`file_bytes`) when `len` is past `max`.
pub(super) fn check_size(len: u64, max: u64) -> Result<()> {
    if len > max {
        return Err(Error::limit(LimitKind::FileBytes, len, max));
    }
    Ok(())
}

/// The reader of a file, failing with [`TooLong`] once more than `max` bytes were read.
pub(super) struct Capped<R> {
    pub(super) inner: R,
    pub(super) read: u64,
    pub(super) max: u64,
}

/// The marker of [`Capped`]'s failure inside an `io::Error` (see [`io_error`]).
#[derive(Debug)]
pub(super) struct TooLong(u64, u64);

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes", self.1)
    }
}

impl std::error::Error for TooLong {}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if self.read > self.max {
            return Err(std::io::Error::other(TooLong(self.read, self.max)));
        }
        Ok(n)
    }
}

/// An input error: `limit_exceeded` for a file past `max_file_bytes`, else `io`.
pub(super) fn io_error(e: std::io::Error) -> Error {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<TooLong>()) {
        Some(TooLong(read, max)) => Error::limit(LimitKind::FileBytes, *read, *max),
        None => Error::from(e),
    }
}

/// UTF-16 text transcoded to UTF-8 as it is read, through encoding_rs's streaming decoder
/// (malformed code units become U+FFFD, as the whole-text decoder makes them).
pub(super) struct Utf16Reader<R> {
    pub(super) inner: R,
    pub(super) decoder: encoding_rs::Decoder,
    pub(super) out: Vec<u8>,
    pub(super) pos: usize,
    /// The decoder saw the end of the input (it must not be called again).
    pub(super) finished: bool,
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if self.finished {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let cap = self.decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len().saturating_mul(3));
            self.out.clear();
            self.out.resize(cap.saturating_add(16), 0);
            self.pos = 0;
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.inner.consume(read);
            self.finished = last;
        }
        let avail = self.out.get(self.pos..).unwrap_or_default();
        let n = avail.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), avail.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n;
        Ok(n)
    }
}

/// The rows of one chunk of text and the row-level warnings of reading them.
pub(super) type ChunkRows = (Vec<Row>, Vec<Issue>);

/// The piece a line is read in (see [`Chunker::next_chunk`]).
pub(super) const LINE_PIECE: u64 = 1 << 20;

/// Cuts a text stream into chunks of whole records (quote parity across line ends), each
/// split by the whole-file reader's own [`crate::read::csv::split_records`], its row and line
/// numbers then shifted by what the earlier chunks spanned.
pub(super) struct Chunker<R: BufRead> {
    pub(super) input: R,
    pub(super) encoding: TextEncoding,
    pub(super) dialect: Dialect,
    pub(super) opts: crate::read::ReadOptions,
    /// Physical lines before the current chunk (the `sep=` line included).
    pub(super) lines_before: u64,
    /// Spreadsheet rows before the current chunk.
    pub(super) rows_before: u64,
    pub(super) buf: Vec<u8>,
    pub(super) done: bool,
    /// The code page a chunk past an ASCII head was read in (see
    /// [`crate::read::encoding::decode_chunk`]): the first one met, which the summary reports.
    pub(super) read_as: Option<TextEncoding>,
}

impl<R: BufRead> Chunker<R> {
    /// The non-blank rows of the next `records` records (fewer at the end of the input).
    pub(super) fn next_chunk(&mut self, records: usize) -> Result<ChunkRows> {
        self.buf.clear();
        let (mut lines, mut inner, mut complete, mut open) = (0u64, 0u64, 0usize, false);
        let mut probe_opts = self.opts.clone();
        probe_opts.limits.max_rows = u64::from(u32::MAX);
        while complete < records && !self.done {
            let start = self.buf.len();
            // One line, read in pieces: a line past a piece has its shape checked as it grows,
            // so that one huge cell fails at its limit instead of after the whole line is held.
            loop {
                let n = (&mut self.input).take(LINE_PIECE).read_until(b'\n', &mut self.buf).map_err(io_error)?;
                if n == 0 || self.buf.ends_with(b"\n") || (n as u64) < LINE_PIECE {
                    break;
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
            let quotes = memchr::memchr_iter(quote, line).filter(|i| !escaped(*i)).count();
            if quotes % 2 == 1 {
                open = !open;
            }
            if open {
                // The line end is inside a quoted field: the record goes on.
                inner += u64::from(ends);
            } else {
                complete += 1;
            }
        }
        let (text, used) = crate::read::encoding::decode_chunk(&self.buf, self.encoding);
        if used != self.encoding && self.read_as.is_none() {
            self.read_as = Some(used);
        }
        // Only UTF-8 decoding replaces bytes (the code pages map every byte, and return owned
        // text for any non-ASCII byte).
        let lossy =
            matches!(used, TextEncoding::Utf8 | TextEncoding::Utf8Bom) && matches!(text, std::borrow::Cow::Owned(_));
        // The chunk is held whole already: its shape is checked only when a record could fail
        // it (see `Shape::Deferred`), with the error a scan before the split would give.
        let (mut rows, mut notes) = crate::read::csv::split_records(
            text.as_bytes(),
            &self.dialect,
            0,
            &probe_opts,
            lossy,
            crate::read::csv::Shape::Deferred,
        )?;
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
