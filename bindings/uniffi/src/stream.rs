//! Streaming validation (`cadastro::Importer::validate_stream`): the host implements the foreign
//! trait [`ChunkSink`] (Kotlin `class Saver : ChunkSink`, Swift `class Saver: ChunkSink`, Python
//! `class Saver(cu.ChunkSink)`), and [`validate_stream`](crate::validate_stream) /
//! [`Importer::validate_stream`](crate::Importer::validate_stream) hand it the valid customers and
//! the issues chunk by chunk, on the calling thread. Conversion only.

use std::ops::ControlFlow;
use std::sync::Arc;

use crate::error::CadastroError;
use crate::plan::ImportPlan;
use crate::report::{ColumnMapping, Customer, Issue, PlanCounts, SourceInfo, Stats, from_core};

/// One chunk of a streaming validation: the valid customers and the issues of a run of rows, in
/// file order (the first chunk starts with the header-row warnings).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Chunk {
    /// The valid customers of this chunk, as `Report.customers` holds them.
    pub customers: Vec<Customer>,
    /// This chunk's issues, sorted by row then column, as `Report.issues` holds them.
    pub issues: Vec<Issue>,
}

/// What a streaming validation returns: everything a `Report` holds but the customers and the
/// issues (they went to the sink), plus `stopped`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StreamSummary {
    /// What was read.
    pub source: SourceInfo,
    /// Every column with its field (or none), confidence and reason.
    pub mapping: Vec<ColumnMapping>,
    /// The locale of the messages, as `Report.locale`.
    pub locale: String,
    /// The counts of the rows read (all of them unless `stopped`).
    pub stats: Stats,
    /// The sink returned `false`: the rows after that chunk were not read.
    pub stopped: bool,
}

/// What a [`ChunkSink`] throws. The host may throw it (Kotlin `ChunkSinkException.Failed`) or any
/// other exception: either way the stream stops and the call fails with
/// `CadastroError.CallbackFailed` (kind `callback_failed`), the message in its `detail`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ChunkSinkError {
    /// The host's sink failed.
    #[error("{detail}")]
    Failed {
        /// What happened.
        detail: String,
    },
}

/// Any other exception the foreign sink throws (a Kotlin `RuntimeException`, a Python
/// `ValueError`): its first line (Kotlin hands over the whole stack trace).
impl From<uniffi::UnexpectedUniFFICallbackError> for ChunkSinkError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Failed { detail: err.reason.lines().next().unwrap_or_default().to_owned() }
    }
}

/// Where the chunks of a streaming validation go (a foreign trait: the host implements it).
///
/// `on_chunk` is called on the thread that called `validate_stream`, once per chunk in file
/// order, never after `validate_stream` returns. It returns `true` to go on, `false` to stop (the
/// summary then says `stopped`); an exception it throws stops the stream and makes the call fail
/// with `CallbackFailed`.
#[uniffi::export(foreign)]
pub trait ChunkSink: Send + Sync {
    /// Takes one chunk; `false` stops the stream.
    fn on_chunk(&self, chunk: Chunk) -> Result<bool, ChunkSinkError>;
}

/// One chunk of `Store.import_stream`: its issues, its plan, and whether the plan was written
/// (inside the import's transaction, which may still be rolled back).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ImportChunk {
    /// This chunk's issues, sorted by row then column.
    pub issues: Vec<Issue>,
    /// This chunk's plan: one entry per valid customer of the chunk, in file order.
    pub plan: ImportPlan,
    /// Whether this chunk's plan was written (false in a dry run, and in atomic mode from the
    /// first chunk with an error on).
    pub written: bool,
}

/// What `Store.import_stream` did.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StreamImport {
    /// The validation summary.
    pub summary: StreamSummary,
    /// The plan's counts summed over every chunk (computed in dry runs too).
    pub counts: PlanCounts,
    /// Whether the import was committed: false for a dry run, an atomic import of a file with an
    /// error, or a stopped stream.
    pub applied: bool,
    /// The sink returned `false` (or threw): the rest of the file was not read, nothing was
    /// written.
    pub stopped: bool,
    /// Whether any row had an error issue.
    pub has_errors: bool,
}

/// Where the chunks of `Store.import_stream` go (a foreign trait, like [`ChunkSink`]): `true` to
/// go on, `false` to stop and roll back; an exception stops, rolls back and makes the call fail
/// with `CallbackFailed`. Called on the thread that called `import_stream`, with the store
/// locked: a call it makes to the same store fails at once with `ReentrantCall`.
#[uniffi::export(foreign)]
pub trait ImportSink: Send + Sync {
    /// Takes one chunk's issues and plan; `false` stops the import (nothing is written).
    fn on_chunk(&self, chunk: ImportChunk) -> Result<bool, ChunkSinkError>;
}

/// A sink's answer as the core's control flow; a failure is kept in `failure`.
fn answer(outcome: Result<bool, CadastroError>, failure: &mut Option<CadastroError>) -> ControlFlow<()> {
    match outcome {
        Ok(true) => ControlFlow::Continue(()),
        Ok(false) => ControlFlow::Break(()),
        Err(e) => {
            *failure = Some(e);
            ControlFlow::Break(())
        }
    }
}

fn sink_failed(ChunkSinkError::Failed { detail }: ChunkSinkError) -> CadastroError {
    CadastroError::CallbackFailed { detail: format!("the host's chunk sink threw: {detail}") }
}

fn summary_of(summary: &cadastro::StreamSummary) -> Result<StreamSummary, CadastroError> {
    Ok(StreamSummary {
        source: from_core(&summary.source)?,
        mapping: from_core(&summary.mapping)?,
        locale: summary.locale.as_str().to_owned(),
        stats: from_core(&summary.stats)?,
        stopped: summary.stopped,
    })
}

/// Runs the store's streaming import into `sink`.
pub(crate) fn import_stream(
    store: &mut cadastro_store::Store,
    account: &str,
    importer: &cadastro::Importer,
    source: cadastro::Source,
    mode: cadastro_store::ImportMode,
    chunk_rows: u32,
    sink: Arc<dyn ImportSink>,
) -> Result<StreamImport, CadastroError> {
    let mut failure = None;
    let chunk_rows = usize::try_from(chunk_rows).unwrap_or(usize::MAX);
    let outcome = store.import_stream(account, importer, &source, mode, chunk_rows, &mut |chunk| {
        let converted = from_core(&chunk.issues).and_then(|issues| {
            Ok(ImportChunk { issues, plan: ImportPlan::from_core(chunk.plan)?, written: chunk.written })
        });
        answer(converted.and_then(|c| sink.on_chunk(c).map_err(sink_failed)), &mut failure)
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(StreamImport {
        summary: summary_of(&outcome.summary)?,
        counts: from_core(&outcome.counts)?,
        applied: outcome.applied,
        stopped: outcome.stopped,
        has_errors: outcome.has_errors,
    })
}

/// Runs the core's streaming validation into `sink`.
pub(crate) fn validate_stream(
    importer: &cadastro::Importer,
    source: cadastro::Source,
    chunk_rows: u32,
    sink: Arc<dyn ChunkSink>,
) -> Result<StreamSummary, CadastroError> {
    let mut failure = None;
    let chunk_rows = usize::try_from(chunk_rows).unwrap_or(usize::MAX);
    let summary = importer.validate_stream(&source, chunk_rows, &mut |chunk| {
        let converted = from_core(&chunk.customers).and_then(|customers| {
            let issues = from_core(&chunk.issues)?;
            Ok(Chunk { customers, issues })
        });
        answer(converted.and_then(|c| sink.on_chunk(c).map_err(sink_failed)), &mut failure)
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    summary_of(&summary)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Collects the chunks; stops after `stop_after` chunks; fails on chunk `fail_at`.
    #[derive(Default)]
    struct Collect {
        chunks: Mutex<Vec<Chunk>>,
        stop_after: Option<usize>,
        fail_at: Option<usize>,
    }

    impl ChunkSink for Collect {
        fn on_chunk(&self, chunk: Chunk) -> Result<bool, ChunkSinkError> {
            let mut chunks = self.chunks.lock().unwrap();
            chunks.push(chunk);
            if self.fail_at == Some(chunks.len()) {
                return Err(ChunkSinkError::Failed { detail: "disk full".into() });
            }
            Ok(self.stop_after != Some(chunks.len()))
        }
    }

    fn csv(rows: usize) -> cadastro::Source {
        let mut text = String::from("Identificador Externo;Nome completo;CPF/CNPJ\n");
        for i in 0..rows {
            text.push_str(&format!("{i};Cliente {i};{}\n", if i % 10 == 3 { "111" } else { "" }));
        }
        cadastro::Source::from_bytes(text.into_bytes())
    }

    fn importer() -> cadastro::Importer {
        cadastro::Importer::new(cadastro::ImportOptions::for_profile("asaas").unwrap()).unwrap()
    }

    #[test]
    fn chunks_concatenate_to_the_report() {
        let whole = importer().validate(&csv(200)).unwrap();
        let sink = Arc::new(Collect::default());
        let summary = validate_stream(&importer(), csv(200), 10, sink.clone()).unwrap();
        let chunks = sink.chunks.lock().unwrap();
        assert!(chunks.len() > 10);
        let customers: Vec<Customer> = chunks.iter().flat_map(|c| c.customers.clone()).collect();
        let issues: Vec<Issue> = chunks.iter().flat_map(|c| c.issues.clone()).collect();
        let report: crate::Report = from_core(&whole).unwrap();
        assert_eq!((customers, issues), (report.customers, report.issues));
        assert_eq!((summary.stats, summary.stopped), (report.stats, false));
    }

    #[test]
    fn false_stops_and_a_failure_is_callback_failed() {
        let sink = Arc::new(Collect { stop_after: Some(2), ..Collect::default() });
        let summary = validate_stream(&importer(), csv(200), 10, sink).unwrap();
        assert!(summary.stopped);
        assert_eq!(summary.stats.rows_total, 59 + 10);
        let sink = Arc::new(Collect { fail_at: Some(1), ..Collect::default() });
        let err = validate_stream(&importer(), csv(200), 10, sink.clone()).unwrap_err();
        assert_eq!(err.kind(), "callback_failed");
        assert_eq!(err.to_string(), "the host's chunk sink threw: disk full");
        assert_eq!(sink.chunks.lock().unwrap().len(), 1);
        let trace = "java.lang.IllegalStateException: boom\n\tat MainKt.onChunk(Main.kt:10)";
        let e = ChunkSinkError::from(uniffi::UnexpectedUniFFICallbackError::new(trace));
        assert_eq!(e.to_string(), "java.lang.IllegalStateException: boom");
    }
}
