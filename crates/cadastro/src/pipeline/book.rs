//! The workbook side of the pipeline: a sheet's rows cut into batches (the first one for the
//! header search), handed to the driver in file order.

use std::ops::ControlFlow;

use super::Importer;
use super::driver::{Driver, Sink};
use crate::error::Result;
use crate::read::{Format, Grid, Row, TextNotes};

/// What a workbook's reader hands to the validation.
pub(super) enum Batch {
    /// The sheet read and every sheet of the workbook (first of all).
    Sheet(String, Vec<crate::read::SheetInfo>),
    /// Rows in file order: the first batch holds the header search's rows.
    Rows(Vec<Row>),
}

/// Cuts a sheet's rows into batches.
pub(super) struct Batches {
    /// How many rows the header search gets (more when `header_row` is further down).
    pub(super) first_rows: usize,
    pub(super) chunk_rows: usize,
    pub(super) header_row: u32,
    pub(super) rows: Vec<Row>,
    pub(super) started: bool,
}

impl Batches {
    /// Adds a row; returns a full batch.
    pub(super) fn push(&mut self, row: Row) -> Option<Vec<Row>> {
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
pub(super) struct BatchSink<F: FnMut(Batch) -> ControlFlow<()>> {
    pub(super) batches: Batches,
    pub(super) emit: F,
}

impl<F: FnMut(Batch) -> ControlFlow<()>> BatchSink<F> {
    /// Reads the sheet, emitting every batch (the last, partial one included).
    pub(super) fn read(&mut self, bytes: &[u8], format: Format, opts: &crate::read::ReadOptions) -> Result<()> {
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
pub(super) struct Consumer<'i, 'c> {
    pub(super) importer: &'i Importer,
    pub(super) format: Format,
    pub(super) sheet: Option<(String, Vec<crate::read::SheetInfo>)>,
    pub(super) driver: Option<Driver<'i, 'c>>,
    pub(super) sink: Option<Sink<'c>>,
}

impl Consumer<'_, '_> {
    pub(super) fn take(&mut self, batch: Batch) -> Result<ControlFlow<()>> {
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
        let sink = self.sink.take().ok_or(crate::ErrorKind::EmptyFile)?;
        let (mut driver, rows) = Driver::start(self.importer, table, sink)?;
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
