//! `cadastro validate` in one streaming pass ([`cadastro::Importer::validate_stream`]): neither
//! the rows nor the report are held whole. The text summary is built issue by issue
//! ([`cadastro::TextSummary`]); the JSON report is written piece by piece, its issues
//! and customers spooled to anonymous temporary files until the stats (which come before them
//! in the report) are known, then copied out: the bytes are [`cadastro::Report::to_json`]'s.
//! A header-row warning that a later chunk gives (a column first filled there) is put back in
//! its place, as [`cadastro::sort_issues`] puts it in a report.

use std::fs::File;
use std::io::{BufWriter, Seek as _, Write};
use std::ops::ControlFlow;

use cadastro::TextSummary;
use cadastro::{Importer, Source};

use crate::OutputFormat;

/// Rows per chunk: a quarter of the core's default, for a lower peak (a workbook's reader
/// fills the next chunk while one is validated); still thousands of rows for the cores to share.
const CHUNK_ROWS: usize = 4096;

/// What a streamed validation produced: the output to print and the exit code.
pub(crate) struct Streamed {
    /// Writes the output to `out`.
    pub(crate) output: Output,
    /// Some issue is an error.
    pub(crate) has_errors: bool,
}

/// The output, ready to be written.
pub(crate) enum Output {
    Text(String),
    Json { head: Vec<u8>, issues: File, customers: File },
}

impl Output {
    /// Writes the output to `out` (the JSON report on one line, as `Report::to_json` and a newline).
    pub(crate) fn write_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Output::Text(text) => out.write_all(text.as_bytes()),
            Output::Json { head, mut issues, mut customers } => {
                out.write_all(&head)?;
                out.write_all(b",\"issues\":[")?;
                issues.rewind()?;
                std::io::copy(&mut issues, out)?;
                out.write_all(b"],\"customers\":[")?;
                customers.rewind()?;
                std::io::copy(&mut customers, out)?;
                out.write_all(b"]}\n")
            }
        }
    }
}

/// A spool of JSON values separated by commas.
struct Spool {
    out: BufWriter<File>,
    empty: bool,
}

impl Spool {
    fn new() -> std::io::Result<Self> {
        Ok(Spool { out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?), empty: true })
    }

    fn push<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        if !self.empty {
            self.out.write_all(b",")?;
        }
        self.empty = false;
        serde_json::to_writer(&mut self.out, value).map_err(std::io::Error::other)
    }

    /// Like [`Spool::push`], the value written by `write` (the core's direct JSON writers).
    fn push_with(&mut self, write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>) -> std::io::Result<()> {
        if !self.empty {
            self.out.write_all(b",")?;
        }
        self.empty = false;
        write(&mut self.out)
    }

    /// Puts `late` issues in their places among the spooled ones (read back, sorted as a report
    /// sorts them, spooled again): only for a file with a late header-row warning.
    fn merge(&mut self, late: Vec<cadastro::Issue>) -> std::io::Result<()> {
        use std::io::Read as _;
        self.out.flush()?;
        let file = self.out.get_mut();
        file.rewind()?;
        let reader = std::io::Cursor::new(b"[".to_vec()).chain(&*file).chain(std::io::Cursor::new(b"]".to_vec()));
        let mut all: Vec<cadastro::Issue> =
            serde_json::from_reader(std::io::BufReader::new(reader)).map_err(std::io::Error::other)?;
        all.extend(late);
        cadastro::sort_issues(&mut all);
        *self = Spool::new()?;
        all.iter().try_for_each(|i| self.push(i))
    }

    fn into_file(self) -> std::io::Result<File> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// Validates `source` in one pass.
pub(crate) fn validate(
    importer: &Importer,
    source: &Source,
    format: OutputFormat,
    progress: &mut dyn FnMut(u64),
) -> Result<Streamed, cadastro::Error> {
    let mut text = TextSummary::new();
    let mut spools = match format {
        OutputFormat::Json => Some((Spool::new()?, Spool::new()?)),
        OutputFormat::Text => None,
    };
    let mut has_errors = false;
    let mut failed: Option<std::io::Error> = None;
    let mut rows = 0u64;
    // Issues out of row order (a header-row warning of a later chunk), put back at the end.
    let mut late: Vec<cadastro::Issue> = Vec::new();
    let mut last_row = 0u32;
    let result = importer.validate_stream(source, CHUNK_ROWS, &mut |chunk| {
        has_errors |= chunk.issues.iter().any(cadastro::Issue::is_error);
        rows += chunk.customers.len() as u64;
        progress(rows);
        let written = match &mut spools {
            Some((issues, customers)) => chunk
                .issues
                .iter()
                .filter(|i| {
                    if i.row < last_row {
                        late.push((*i).clone());
                        return false;
                    }
                    last_row = i.row;
                    true
                })
                .try_for_each(|i| issues.push_with(|out| i.write_json(out)))
                .and_then(|()| chunk.customers.iter().try_for_each(|c| customers.push_with(|out| c.write_json(out)))),
            None => {
                chunk.issues.iter().for_each(|i| text.add(i));
                Ok(())
            }
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    let summary = result?;
    if let Some((issues, _)) = &mut spools
        && !late.is_empty()
    {
        issues.merge(late)?;
    }
    let profile = &importer.options().profile.name;
    let output = match spools {
        None => {
            text.set_locale(summary.locale);
            Output::Text(text.render(&summary.source, profile, &summary.stats, None))
        }
        Some((issues, customers)) => {
            let mut head = b"{\"source\":".to_vec();
            let json = |head: &mut Vec<u8>, v: &dyn erased::Json| v.write(head);
            json(&mut head, &summary.source)?;
            head.extend_from_slice(b",\"profile\":");
            json(&mut head, profile)?;
            head.extend_from_slice(b",\"locale\":");
            json(&mut head, &summary.locale)?;
            head.extend_from_slice(b",\"mapping\":");
            json(&mut head, &summary.mapping)?;
            head.extend_from_slice(b",\"stats\":");
            json(&mut head, &summary.stats)?;
            Output::Json { head, issues: issues.into_file()?, customers: customers.into_file()? }
        }
    };
    Ok(Streamed { output, has_errors })
}

/// A serializable value behind `dyn` (serde's `Serialize` is not object safe).
mod erased {
    pub(super) trait Json {
        fn write(&self, out: &mut Vec<u8>) -> Result<(), cadastro::Error>;
    }

    impl<T: serde::Serialize + ?Sized> Json for T {
        fn write(&self, out: &mut Vec<u8>) -> Result<(), cadastro::Error> {
            serde_json::to_writer(out, self).map_err(|e| cadastro::Error::from(std::io::Error::other(e)))
        }
    }
}
