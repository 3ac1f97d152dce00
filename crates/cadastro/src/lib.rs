//! # cadastro
//!
//! An engine that billing, invoicing and accounts-receivable apps embed so their users can bulk
//! import and export their customer base (customers and their contacts) from and to CSV and
//! Excel files.
//!
//! The pipeline: [`read`] a file (format, encoding and delimiter detected from the bytes),
//! [`mapping`] its columns to canonical [`Field`]s, [`validate`] and normalize every cell,
//! and get a [`Report`] of valid customers and every problem as an [`Issue`].
#![deny(clippy::indexing_slicing)]

mod error;
pub mod mapping;
pub mod model;
mod pipeline;
pub mod profile;
pub mod read;
pub mod reconcile;
pub mod reentry;
pub use pipeline::stream;
pub mod report;
pub mod validate;
pub mod write;

pub use error::{Error, ErrorKind, LimitKind, Result};
pub use model::{Cell, Contact, Customer, CustomerKey, Field, FieldKind, Value};
pub use pipeline::stream::{Chunk, DEFAULT_CHUNK_ROWS, StreamOptions, StreamSummary, sort_issues};
pub use pipeline::{FileDefaults, ImportOptions, Importer, InspectColumn, Inspection, inspect, validate};
pub use profile::{CustomField, CustomKind, Profile, ProfileColumn, Target, WritePolicy};
pub use read::{Format, Limits, ReadOptions, Source, SourceInfo, Table, TextEncoding};
pub use report::{Issue, IssueCode, Locale, PlanCounts, Report, Severity, Stats};
pub use validate::{CellCheck, NoBase, ParentLookup, ParentRef, check_value};
