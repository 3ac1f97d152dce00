//! # cadastro
//!
//! An engine that billing, invoicing and accounts-receivable apps embed so their users can bulk
//! import and export their customer base (customers and their contacts) from and to CSV and
//! Excel files.
//!
//! The pipeline: read a [`Source`] (format, encoding and delimiter detected from the bytes),
//! map its columns to canonical [`Field`]s ([`suggest`], [`resolve`], [`Mapping`]), check and
//! normalize every cell ([`validate`], [`Importer`]), and get a [`Report`] of valid customers and
//! every problem as an [`Issue`]; [`Reconciler`] plans the import against an existing base and
//! [`export`] writes customers, templates and error files back out.
//!
//! The public surface is chosen here: every module is private and hosts use the flat names
//! below, plus two groups kept together in small public modules: [`export`] (the writers) and
//! [`checks`] (the per-value checks and normalizers, including the tax-id checks).
#![deny(clippy::indexing_slicing)]
// A type in a public signature must be re-exported below: the façade names every public type.
#![warn(unnameable_types)]

mod error;
mod mapping;
mod model;
mod pipeline;
mod profile;
mod read;
mod reconcile;
mod reentry;
mod report;
mod validate;
mod write;

// Errors.
pub use error::{Error, ErrorKind, LimitKind, Result};
// Shared types: cells, fields, customers, source descriptions, name folding.
pub use model::{
    Cell, Contact, CountryInferred, Customer, CustomerKey, Field, FieldKind, Value, column_index, column_letter,
    fold_name, nfc_key,
};
// The pipeline: whole-file and streamed validation, inspection.
pub use pipeline::stream::{Chunk, DEFAULT_CHUNK_ROWS, StreamOptions, StreamSummary, sort_issues};
pub use pipeline::{FileDefaults, ImportOptions, Importer, InspectColumn, Inspection, inspect, validate};
// Profiles and column mapping.
pub use mapping::{
    DEFAULT_REVIEW_THRESHOLD, Mapping, SAMPLE_ROWS, fold_label, is_known_label, resolve, resolve_with_samples, suggest,
    suggest_with_samples,
};
pub use profile::language::{default_locale, header_language};
pub use profile::{
    BUILTIN_PROFILES, ColumnMapping, CustomField, CustomKind, MatchReason, Profile, ProfileColumn, Target, WritePolicy,
    closest_choice,
};
// Reading.
pub use read::{
    Format, HeaderCandidate, Limits, ReadOptions, Row, SheetInfo, SkipReason, SkippedRow, Source, SourceInfo, Table,
    TextEncoding, read_bytes,
};
// Reconciliation against an existing base.
pub use reconcile::{
    Action, BaseParents, ContactChange, CustomerLookup, DEFAULT_BATCH, Diff, Existing, ExistingRef, FieldChange,
    ImportPlan, LookupError, LookupParents, MatchedBy, MemoryBase, PlanEntry, Reconciler, claimed_key_message,
    identity_keys, matches_key, reconcile, reconcile_in, reject_conflicts,
};
// Re-entrancy guard for hosts that share one engine object.
pub use reentry::{Exclusive, ExclusiveGuard};
// Reports and issues.
pub use report::{
    ConflictSide, Issue, IssueCode, Locale, PlanCounts, Report, Severity, Stats, TextSummary, key_conflict_message,
};
pub use validate::{CellCheck, NoBase, ParentLookup, ParentRef, check_value};

/// Writers: customer export (CSV and XLSX), import templates and the error file.
pub mod export {
    pub use crate::write::{
        CsvExporter, CsvOptions, ErrorFileFormat, ExportFormat, ExportOptions, ExportStats, LineEnding, XlsxExporter,
        check_error_path, csv_safe, default_delimiter, error_file, export_csv, export_headers, export_to_path,
        export_xlsx, is_error_file_column, row_header, template_csv, template_to_path, template_xlsx,
        with_custom_columns, write_error_file,
    };
}

/// Per-value checks and normalizers, one module per kind of value (tax ids, phones, e-mails...).
pub mod checks {
    pub use crate::validate::{
        CellCheck, Fixed, boolean, check_custom, check_target, check_value, country, email, enums, fold, iban, infer,
        max_len, number, phone, postal, state, tax_id, text,
    };
}
