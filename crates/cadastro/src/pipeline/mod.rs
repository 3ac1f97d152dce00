//! The façade every host calls: [`Importer`] (validate a file into a [`Report`]) and
//! [`inspect`] (what a file is and how its columns would map).

mod book;
mod driver;
pub mod stream;
mod text;

use std::ops::ControlFlow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::mapping::{self, Mapping};
use crate::pipeline::stream::{Chunk, StreamOptions, StreamSummary};
use crate::profile::Profile;
use crate::profile::{ColumnMapping, MatchReason};
use crate::read::{ReadOptions, SheetInfo, Source, SourceInfo, Table};
use crate::report::{Locale, Report};
use crate::validate::engine::{NoBase, ParentLookup};

/// Everything a validation needs besides the file. Plain serde data: hosts pass a dict or an
/// object; `profile` may be a built-in name or a whole profile document. Unknown fields are
/// refused, so a misspelt option is an `invalid_options` error rather than silently ignored.
///
/// ```
/// use cadastro::ImportOptions;
/// let opts: ImportOptions = serde_json::from_str(r#"{"profile": "asaas", "locale": "pt-BR"}"#)?;
/// assert_eq!(opts.profile.name, "asaas");
/// assert!(serde_json::from_str::<ImportOptions>(r#"{"profil": "asaas"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    /// The profile (default `generic`).
    #[serde(deserialize_with = "profile_by_name_or_document")]
    pub profile: Profile,
    /// An explicit column mapping overriding the suggestions.
    pub mapping: Option<Mapping>,
    /// How to read the file.
    pub read: ReadOptions,
    /// The country for rows without one (ISO alpha-2; default the profile's).
    pub country: Option<String>,
    /// The language of messages; `None` (the default) follows the profile, else the language
    /// of the file's headers, else English (see [`crate::profile::language::default_locale`]).
    pub locale: Option<Locale>,
    /// Whether issues carry the raw cell value (default true; false for PII-sensitive hosts).
    pub include_values: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            profile: Profile::generic(),
            mapping: None,
            read: ReadOptions::default(),
            country: None,
            locale: None,
            include_values: true,
        }
    }
}

impl ImportOptions {
    /// Options for a built-in profile.
    ///
    /// # Errors
    /// `invalid_options` for an unknown profile name.
    pub fn for_profile(name: &str) -> Result<Self> {
        Ok(ImportOptions { profile: Profile::builtin(name)?, ..ImportOptions::default() })
    }

    /// Options from a JSON document of this struct's shape (every key optional), the way hosts
    /// that hold options as data (bindings, config files) build them. Every check is serde's: a
    /// delimiter that is not one character, an unknown encoding or locale, a negative limit, an
    /// unknown profile name are refused here, with the same message in every host.
    ///
    /// ```
    /// use cadastro::ImportOptions;
    /// let opts = ImportOptions::from_json(r#"{"read": {"delimiter": ";", "limits": {"max_rows": 10}}}"#)?;
    /// assert_eq!(opts.read.delimiter, Some(';'));
    /// assert_eq!(opts.read.limits.max_rows, 10);
    /// let err = ImportOptions::from_json(r#"{"locale": "de"}"#).unwrap_err();
    /// assert_eq!(err.code(), "invalid_options");
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_options` naming what serde refused (a bad profile document included).
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| Error::options(format!("invalid options document: {e}")))
    }
}

fn profile_by_name_or_document<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Profile, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NameOrDoc {
        Name(String),
        Doc(Box<Profile>),
    }
    match NameOrDoc::deserialize(d)? {
        NameOrDoc::Name(name) => Profile::builtin(&name).map_err(serde::de::Error::custom),
        NameOrDoc::Doc(doc) => Ok(*doc),
    }
}

/// A validated configuration, ready to run on many files.
///
/// ```
/// use cadastro::{Importer, ImportOptions, Source};
/// let importer = Importer::new(ImportOptions::for_profile("asaas")?)?;
/// let csv = "Identificador Externo;Nome completo;CPF/CNPJ\n1;Ana;529.982.247-25\n";
/// let report = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec()))?;
/// assert_eq!(report.stats.customers_valid, 1);
/// # Ok::<(), cadastro::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Importer {
    opts: ImportOptions,
    country: Option<String>,
}

impl Importer {
    /// Checks the options once: the profile, the country.
    ///
    /// # Errors
    /// `invalid_profile` for an inconsistent profile, `invalid_options` for an unknown country.
    pub fn new(opts: ImportOptions) -> Result<Self> {
        opts.profile.check()?;
        let country = match &opts.country {
            Some(c) => Some(
                crate::model::country::normalize_country(c)
                    .map_err(|_| Error::options(format!("unknown country `{c}`")))?
                    .to_owned(),
            ),
            None => None,
        };
        Ok(Importer { opts, country })
    }

    /// The options.
    pub fn options(&self) -> &ImportOptions {
        &self.opts
    }

    /// The checked country for rows without one (ISO alpha-2), when the options give one.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Reads and validates a file: the pipeline ([`Importer::run`]) with a collector sink.
    ///
    /// # Errors
    /// A file-level failure (see [`Source::open`]), `duplicate_header`,
    /// `missing_required_column`, or `invalid_options` for a mapping that names unknown columns.
    pub fn validate(&self, source: &Source) -> Result<Report> {
        self.validate_with(source, &NoBase)
    }

    /// [`Importer::validate`], parents also resolved in `base`.
    ///
    /// # Errors
    /// As [`Importer::validate`].
    pub fn validate_with(&self, source: &Source, base: &dyn ParentLookup) -> Result<Report> {
        let mut collector = Collector::default();
        let summary = self.run(source, base, StreamOptions::default(), &mut |c| collector.take(c))?;
        Ok(collector.report(summary, &self.opts.profile.name))
    }

    /// [`Importer::validate_with`], keeping the raw rows of the rejected rows: the report and a
    /// table of those rows only (the header and source of the file), what
    /// [`crate::write::error_file`] needs. Memory is the report and the rejected rows.
    ///
    /// # Errors
    /// As [`Importer::validate`].
    pub fn validate_keeping_rejected(&self, source: &Source, base: &dyn ParentLookup) -> Result<(Report, Table)> {
        let mut collector = Collector { keep: true, ..Collector::default() };
        let stream = StreamOptions { chunk_rows: 0, rejected_rows: true };
        let summary = self.run(source, base, stream, &mut |c| collector.take(c))?;
        Ok(collector.report_and_rows(summary, &self.opts.profile.name))
    }

    /// Validates an already read table; parents may also resolve in `base`.
    ///
    /// # Errors
    /// `duplicate_header`, `missing_required_column`, `invalid_options` (mapping).
    pub fn validate_table(&self, table: &Table, base: &dyn ParentLookup) -> Result<Report> {
        self.validate_table_with_progress(table, base, &mut |_, _| {})
    }

    /// [`Importer::validate_table`] calling `progress(rows_done, rows_total)` as rows are checked
    /// (every few thousand rows), for progress bars and host callbacks. The table's rows go
    /// through the pipeline ([`Importer::run_table`]) with a collector sink.
    ///
    /// # Errors
    /// As [`Importer::validate_table`].
    pub fn validate_table_with_progress(
        &self,
        table: &Table,
        base: &dyn ParentLookup,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Report> {
        let mut collector = Collector::default();
        let summary = self.run_table(table, base, false, progress, &mut |c| collector.take(c))?;
        Ok(collector.report(summary, &self.opts.profile.name))
    }

    /// What a file decides when the options leave it open: the locale of messages (the
    /// options', else the profile's, else the headers' language, else English) and the default
    /// country inferred from the first rows (only when neither the options nor the profile set
    /// a country). `table` needs only its headers and first rows (a stream's first chunk).
    pub fn file_defaults(&self, columns: &[ColumnMapping], table: &Table) -> FileDefaults {
        let language = crate::profile::language::header_language(&table.headers);
        let locale = self.opts.locale.or(self.opts.profile.locale).or(language).unwrap_or_default();
        let country_inferred = if self.country.is_none() && self.opts.profile.default_country.is_none() {
            crate::validate::infer::infer_country(columns, &table.rows, language)
        } else {
            None
        };
        FileDefaults { locale, country_inferred }
    }

    /// The resolved column mapping of a table.
    ///
    /// # Errors
    /// As [`mapping::resolve`].
    pub fn columns(&self, table: &Table) -> Result<Vec<ColumnMapping>> {
        mapping::resolve_with_samples(&table.headers, &samples(table), &self.opts.profile, self.opts.mapping.as_ref())
    }
}

/// The sink of the whole-file operations: every chunk's customers and issues (and rejected
/// rows, when kept), gathered into a [`Report`].
#[derive(Default)]
struct Collector {
    customers: Vec<crate::model::Customer>,
    issues: Vec<crate::report::Issue>,
    keep: bool,
    rejected: Vec<crate::model::Row>,
}

impl Collector {
    fn take(&mut self, chunk: Chunk) -> ControlFlow<()> {
        self.customers.extend(chunk.customers);
        self.issues.extend(chunk.issues);
        if self.keep {
            self.rejected.extend(chunk.rejected);
        }
        ControlFlow::Continue(())
    }

    fn report(mut self, summary: StreamSummary, profile: &str) -> Report {
        crate::pipeline::stream::sort_issues(&mut self.issues);
        Report {
            source: summary.source,
            profile: profile.to_owned(),
            locale: summary.locale,
            mapping: summary.mapping,
            stats: summary.stats,
            issues: self.issues,
            customers: self.customers,
            plan: None,
        }
    }

    fn report_and_rows(mut self, summary: StreamSummary, profile: &str) -> (Report, Table) {
        let rows = std::mem::take(&mut self.rejected);
        let width = summary.mapping.iter().map(|c| c.index + 1).max().unwrap_or(0);
        let mut headers = vec![String::new(); width];
        for c in &summary.mapping {
            if let Some(h) = headers.get_mut(c.index) {
                h.clone_from(&c.header);
            }
        }
        let report = self.report(summary, profile);
        let table = Table {
            source: report.source.clone(),
            sheets: Vec::new(),
            headers,
            rows,
            blank_rows: 0,
            issues: Vec::new(),
        };
        (report, table)
    }
}

/// What [`Importer::file_defaults`] decides for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileDefaults {
    /// The locale of messages.
    pub locale: Locale,
    /// The inferred default country, if any.
    pub country_inferred: Option<crate::model::CountryInferred>,
}

impl FileDefaults {
    /// The inferred country code.
    pub fn country(&self) -> Option<&str> {
        self.country_inferred.as_ref().map(|c| c.country.as_str())
    }
}

/// Validates a file with the given options (a shortcut for [`Importer::new`] then
/// [`Importer::validate`]).
///
/// # Errors
/// As [`Importer::new`] and [`Importer::validate`].
pub fn validate(source: &Source, opts: ImportOptions) -> Result<Report> {
    Importer::new(opts)?.validate(source)
}

/// One column as `cadastro inspect` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectColumn {
    /// The column letter.
    pub column: String,
    /// The header text.
    pub header: String,
    /// The first non-blank values (at most five).
    pub samples: Vec<String>,
    /// The suggested field, if any.
    pub field: Option<String>,
    /// The confidence of the suggestion.
    pub confidence: f64,
    /// Why.
    pub reason: MatchReason,
    /// True when the suggestion's confidence is below the review threshold (0.9).
    pub needs_review: bool,
    /// The columns a merge reads for this field (empty: no merge).
    pub merged_from: Vec<String>,
}

/// What a file is and how its columns would map (CONTRACT section 6, `inspect --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// What was read.
    pub source: SourceInfo,
    /// Workbooks: every sheet with its visibility.
    pub sheets: Vec<SheetInfo>,
    /// Data rows below the header (blank rows excluded).
    pub rows: u64,
    /// Every column.
    pub columns: Vec<InspectColumn>,
    /// The rows the header search weighed, with their scores, the chosen one first (empty when
    /// the header row was given): what a host's "the header is on row N" screen offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_candidates: Vec<crate::read::HeaderCandidate>,
}

impl Inspection {
    /// The inspection as JSON (one line).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// How many sample values `inspect` shows per column.
const SAMPLES: usize = 5;

/// The first non-blank values of every column (at most [`mapping::SAMPLE_ROWS`] each, from the
/// first rows of the table), the evidence the mapping weighs.
pub(crate) fn samples(table: &Table) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); table.headers.len()];
    for row in table.rows.iter().take(mapping::SAMPLE_ROWS) {
        for (i, col) in out.iter_mut().enumerate() {
            let cell = row.cell(i);
            if !cell.is_blank() {
                col.push(cell.as_text().into_owned());
            }
        }
    }
    out
}

/// Reads a file and suggests a mapping for its columns, without validating.
///
/// ```
/// let csv = "Nome completo;E-mail\nAna;ana@example.com\n";
/// let ins = cadastro::inspect(&cadastro::Source::from_bytes(csv.as_bytes().to_vec()),
///     &cadastro::ReadOptions::default(), &cadastro::Profile::builtin("asaas")?)?;
/// assert_eq!(ins.columns[0].field.as_deref(), Some("name"));
/// assert_eq!(ins.columns[1].samples, ["ana@example.com"]);
/// # Ok::<(), cadastro::Error>(())
/// ```
///
/// # Errors
/// A file-level failure (see [`Source::open`]).
pub fn inspect(source: &Source, read: &ReadOptions, profile: &Profile) -> Result<Inspection> {
    let bytes = source.load(&read.limits)?;
    let (table, header_candidates) = crate::read::read_with_candidates(&bytes, read)?;
    let suggestions = mapping::suggest_with_samples(&table.headers, &samples(&table), profile);
    let columns = suggestions
        .into_iter()
        .map(|s| {
            let samples = table
                .rows
                .iter()
                .map(|r| r.cell(s.index))
                .filter(|c| !c.is_blank())
                .take(SAMPLES)
                .map(|c| c.as_text().into_owned())
                .collect();
            InspectColumn {
                column: s.column,
                header: s.header,
                samples,
                field: s.field.map(|t| t.name().to_owned()),
                confidence: s.confidence,
                reason: s.reason,
                needs_review: s.needs_review,
                merged_from: s.merged_from,
            }
        })
        .collect();
    Ok(Inspection {
        source: table.source,
        sheets: table.sheets,
        rows: table.rows.len() as u64,
        columns,
        header_candidates,
    })
}
