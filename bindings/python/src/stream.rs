//! `cadastro.validate_stream`: the core's streaming validation (`Importer::validate_stream`) as a
//! Python iterator of chunks.
//!
//! The core runs on a worker thread that never touches Python: each chunk goes through a bounded
//! channel (one chunk waiting, one being made), and `__next__` waits for it with the GIL
//! released. When the iterator is closed or dropped (the consumer left the loop, or the object
//! was garbage-collected), the receiver is dropped: the worker's next send fails, its callback
//! answers `Break`, and the core returns at once, so no thread stays blocked. The worker's result
//! (the summary, or the core error) is collected when the chunks run out or on `close()`; a
//! panic on the worker becomes `InternalError`.

use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;

use cadastro::ImportPlan;
use cadastro::{Chunk, StreamSummary};
use cadastro::{ImportOptions, Importer, Source};
use cadastro_store::{ImportMode, Store, StreamOutcome};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::to_python;
use crate::error::{Failure, panic_text, run_released};
use crate::ops::PyPlan;
use crate::report::{PyIssue, PyStats};

/// Chunks made ahead of the consumer: one waits in the channel while the worker makes the next.
const CHANNEL_CHUNKS: usize = 1;

/// One chunk of a streaming validation: the valid customers and the issues of a run of rows, in
/// file order (the first chunk starts with the header-row warnings).
#[pyclass(frozen, module = "cadastro", name = "Chunk")]
pub struct PyChunk {
    inner: Chunk,
}

#[pymethods]
impl PyChunk {
    /// The valid customers of this chunk as dicts, as `Report.customers` gives them (a new list
    /// on each access).
    #[getter]
    fn customers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.customers)
    }

    /// This chunk's issues, sorted by row then column (a new list on each access).
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.inner.issues.iter().map(PyIssue::from).collect()
    }

    fn __repr__(&self) -> String {
        format!("Chunk(customers={}, issues={})", self.inner.customers.len(), self.inner.issues.len())
    }
}

/// What a streaming validation reports at the end: everything a `Report` holds but the customers
/// and issues, which came in the chunks, plus `stopped`.
#[pyclass(frozen, module = "cadastro", name = "StreamSummary")]
pub struct PyStreamSummary {
    inner: StreamSummary,
}

impl PyStreamSummary {
    /// Wraps a core summary.
    pub fn new(inner: StreamSummary) -> Self {
        PyStreamSummary { inner }
    }
}

#[pymethods]
impl PyStreamSummary {
    /// What was read: format, encoding, delimiter, header row.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.source)
    }

    /// Every column with its field (or `None`), confidence and reason.
    #[getter]
    fn mapping<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.mapping)
    }

    /// The counts of the rows read (all of them unless `stopped`).
    #[getter]
    fn stats(&self) -> PyStats {
        PyStats::from(&self.inner.stats)
    }

    /// The locale of the messages, as `Report.locale`.
    #[getter]
    fn locale(&self) -> &'static str {
        self.inner.locale.as_str()
    }

    /// True when the stream was closed before the end of the file: the rows after the last
    /// chunk made were not read.
    #[getter]
    fn stopped(&self) -> bool {
        self.inner.stopped
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.stats;
        format!(
            "StreamSummary(rows_total={}, customers_valid={}, customers_rejected={}, stopped={})",
            s.rows_total,
            s.customers_valid,
            s.customers_rejected,
            if self.inner.stopped { "True" } else { "False" }
        )
    }
}

/// The iterator's state: the channel's receiving end, the worker, and its outcome once joined.
struct State {
    /// Dropped first (field order): a worker blocked on a full channel wakes up and stops.
    rx: Option<Receiver<Chunk>>,
    worker: Option<JoinHandle<cadastro::Result<StreamSummary>>>,
    summary: Option<StreamSummary>,
}

impl State {
    /// Stops the worker (if it still runs, its next chunk is refused) and collects its outcome.
    fn finish(&mut self) -> Result<(), Failure> {
        self.rx = None;
        let Some(worker) = self.worker.take() else { return Ok(()) };
        match worker.join() {
            Ok(Ok(summary)) => {
                self.summary = Some(summary);
                Ok(())
            }
            Ok(Err(e)) => Err(e.into()),
            Err(payload) => Err(Failure::Panic(panic_text(payload.as_ref()))),
        }
    }
}

/// The iterator `validate_stream` returns: `for chunk in stream` gives `Chunk`s; `summary` is set
/// once the chunks ran out (or after `close()`). A file-level failure is raised by the iteration.
/// Closing it (or leaving a `with` block, or dropping it) stops the worker.
#[pyclass(frozen, module = "cadastro", name = "ValidationStream")]
pub struct PyValidationStream {
    state: Mutex<State>,
}

impl PyValidationStream {
    /// Starts the worker.
    pub fn start(importer: Importer, source: Source, chunk_rows: usize) -> Result<Self, Failure> {
        let (tx, rx) = sync_channel::<Chunk>(CHANNEL_CHUNKS);
        let worker = std::thread::Builder::new()
            .name("cadastro-stream".to_owned())
            .spawn(move || {
                importer.validate_stream(&source, chunk_rows, &mut |chunk| match tx.send(chunk) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                })
            })
            .map_err(cadastro::Error::from)?;
        Ok(PyValidationStream { state: Mutex::new(State { rx: Some(rx), worker: Some(worker), summary: None }) })
    }

    /// Locks the state; call with the GIL released (inside `run_released`).
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[pymethods]
impl PyValidationStream {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyChunk>> {
        let next = run_released(py, || {
            let mut state = self.lock();
            if let Some(chunk) = state.rx.as_ref().and_then(|rx| rx.recv().ok()) {
                return Ok(Some(chunk));
            }
            state.finish()?;
            Ok::<_, Failure>(None)
        })?;
        Ok(next.map(|inner| PyChunk { inner }))
    }

    /// Stops the stream: the rows after the chunks already made are not read, and `summary` says
    /// `stopped` (unless the whole file was already read). Raises the failure the core met, if
    /// any. Closing twice is harmless.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        run_released(py, || self.lock().finish())
    }

    /// The summary: `None` until the chunks ran out or the stream was closed.
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Option<PyStreamSummary>> {
        let summary = run_released(py, || Ok::<_, Failure>(self.lock().summary.clone()))?;
        Ok(summary.map(|inner| PyStreamSummary { inner }))
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Closes the stream; a failure of the core is raised only when the block itself did not
    /// raise.
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<&Bound<'_, PyType>>,
        _exc: Option<&Bound<'_, PyAny>>,
        _tb: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let closed = self.close(py);
        if exc_type.is_none() {
            closed?;
        }
        Ok(false)
    }

    fn __repr__(&self) -> &'static str {
        "ValidationStream(...)"
    }
}

/// Checks the options (on the caller's thread) and starts the stream.
pub fn validate_stream(
    py: Python<'_>,
    source: Source,
    opts: ImportOptions,
    chunk_rows: usize,
) -> PyResult<PyValidationStream> {
    run_released(py, move || PyValidationStream::start(Importer::new(opts)?, source, chunk_rows))
}

/// One chunk of `Store.import_stream`: its issues, its plan, and whether the plan was written
/// (inside the import's transaction, which may still be rolled back).
#[pyclass(frozen, module = "cadastro", name = "ImportChunk")]
pub struct PyImportChunk {
    issues: Vec<cadastro::Issue>,
    plan: ImportPlan,
    written: bool,
}

#[pymethods]
impl PyImportChunk {
    /// This chunk's issues, sorted by row then column.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.issues.iter().map(PyIssue::from).collect()
    }

    /// This chunk's plan: one entry per valid customer of the chunk, in file order.
    #[getter]
    fn plan(&self) -> PyPlan {
        PyPlan::new(self.plan.clone())
    }

    /// Whether this chunk's plan was written (false in a dry run, and in atomic mode from the
    /// first chunk with an error on).
    #[getter]
    fn written(&self) -> bool {
        self.written
    }

    fn __repr__(&self) -> String {
        let c = self.plan.counts();
        format!(
            "ImportChunk(issues={}, created={}, updated={}, unchanged={}, written={})",
            self.issues.len(),
            c.created,
            c.updated,
            c.unchanged,
            if self.written { "True" } else { "False" }
        )
    }
}

/// What `Store.import_stream` did.
#[pyclass(frozen, module = "cadastro", name = "StreamImport")]
pub struct PyStreamImport {
    inner: StreamOutcome,
}

#[pymethods]
impl PyStreamImport {
    /// The validation summary.
    #[getter]
    fn summary(&self) -> PyStreamSummary {
        PyStreamSummary::new(self.inner.summary.clone())
    }

    /// `{"created", "updated", "unchanged"}` summed over every chunk (dry runs too).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.counts)
    }

    /// Whether the import was committed: false for a dry run, an atomic import of a file with an
    /// error, or a stopped stream.
    #[getter]
    fn applied(&self) -> bool {
        self.inner.applied
    }

    /// `on_chunk` returned `False` (or raised): the rest of the file was not read, nothing was
    /// written.
    #[getter]
    fn stopped(&self) -> bool {
        self.inner.stopped
    }

    /// Whether any row had an error issue.
    #[getter]
    fn has_errors(&self) -> bool {
        self.inner.has_errors
    }

    fn __repr__(&self) -> String {
        let c = &self.inner.counts;
        format!(
            "StreamImport(created={}, updated={}, unchanged={}, applied={}, stopped={})",
            c.created,
            c.updated,
            c.unchanged,
            if self.inner.applied { "True" } else { "False" },
            if self.inner.stopped { "True" } else { "False" }
        )
    }
}

/// Runs the store's streaming import, calling `on_chunk` (with the GIL re-acquired) per chunk:
/// `False` stops; an exception stops and is raised once the store rolled back. Called with the
/// GIL released and the store locked.
pub fn import_stream(
    store: &mut Store,
    account: &str,
    importer: &Importer,
    source: &Source,
    mode: ImportMode,
    chunk_rows: usize,
    on_chunk: Option<&Py<PyAny>>,
) -> Result<PyStreamImport, Failure> {
    let mut raised: Option<PyErr> = None;
    let outcome = store.import_stream(account, importer, source, mode, chunk_rows, &mut |chunk| {
        let Some(func) = on_chunk else { return ControlFlow::Continue(()) };
        let arg = PyImportChunk { issues: chunk.issues.to_vec(), plan: chunk.plan.clone(), written: chunk.written };
        Python::attach(|py| match func.call1(py, (arg,)) {
            Ok(ret) if ret.bind(py).is(pyo3::types::PyBool::new(py, false).as_any()) => ControlFlow::Break(()),
            Ok(_) => ControlFlow::Continue(()),
            Err(e) => {
                raised = Some(e);
                ControlFlow::Break(())
            }
        })
    })?;
    match raised {
        Some(e) => Err(Failure::Py(e)),
        None => Ok(PyStreamImport { inner: outcome }),
    }
}
