//! The later operations: the import plan against a host lookup ([`plan`](crate::plan)), the
//! embedded store ([`Store`]), export of plain customers and templates. Conversion only: the
//! flows are the core's and the store crate's (the same calls as `cadastro import` / `export`).

use std::path::Path;
use std::sync::Arc;

use cadastro::{Exclusive, ExclusiveGuard};

use cadastro::Reconciler;
use cadastro::export::ExportOptions;

use crate::error::CadastroError;
use crate::options::{ImportOptions, Source};
use crate::plan::{CustomerLookup, HostLookup, ImportPlan};
use crate::report::{self, Customer, Report};

/// A profile argument: a built-in name (`asaas`, `invoiceocean`, `upflow`, `generic`) or a whole
/// profile document (JSON text starting with `{`, e.g. `Profile.json`).
pub(crate) fn resolve_profile(profile: &str) -> Result<cadastro::Profile, CadastroError> {
    if profile.trim_start().starts_with('{') {
        Ok(cadastro::Profile::from_json(profile)?)
    } else {
        Ok(cadastro::Profile::builtin(profile)?)
    }
}

/// Customers given by the host, as the core's.
pub(crate) fn to_core_customers(customers: &[Customer]) -> Result<Vec<cadastro::Customer>, CadastroError> {
    customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            serde_json::to_value(c)
                .and_then(serde_json::from_value)
                .map_err(|e| CadastroError::options(format!("customer {i}: {e}")))
        })
        .collect()
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ExportStats {
    /// Customers written (after the group filter).
    pub customers: i64,
    /// Data lines written (one per contact in contact layouts), the header excluded.
    pub lines: i64,
}

impl From<cadastro::export::ExportStats> for ExportStats {
    fn from(s: cadastro::export::ExportStats) -> Self {
        let i = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        ExportStats { customers: i(s.customers), lines: i(s.lines) }
    }
}

/// What [`Store::import_file`] did: the report (its `plan` holds the counts), the whole plan
/// with its entries and diffs, and whether it was written.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ImportResult {
    /// The validation report, with `plan` (created / updated / unchanged) set.
    pub report: Report,
    /// The plan: one entry per valid customer, with the diff of each update.
    pub plan: ImportPlan,
    /// False for a dry run, or an atomic import of a file with errors: nothing was written.
    pub applied: bool,
}

/// What [`Store::copy_account`] did: the plan (created / updated / unchanged, with the diff of
/// each update) and whether it was written.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CopyResult {
    /// The plan of the copy, made with the identity rules of an import.
    pub plan: ImportPlan,
    /// False for a dry run, or when there was nothing to write.
    pub applied: bool,
}

/// A plan entry `Store.apply` did not write because the store changed since the plan was made.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StaleEntry {
    /// The file rows of the entry's customer.
    pub rows: Vec<u32>,
    /// What the plan meant to do: `create`, `update` or `unchanged`.
    pub action: String,
    /// The stored customer the entry matched (update and unchanged).
    pub id: Option<String>,
    /// `changed` (updated since the plan), `deleted`, or `key_taken` (its external id, tax id
    /// or name now belongs to another stored customer).
    pub reason: String,
}

/// What `Store.apply` wrote, and the stale entries it left out (`skip_stale` only).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApplyResult {
    /// Customers created, updated, left unchanged.
    pub written: crate::report::PlanCounts,
    /// The stale entries, not written.
    pub stale: Vec<StaleEntry>,
}

/// Writes `customers` to `path` in `profile`'s layout, XLSX or CSV by the extension (see
/// [`export_customers`](crate::export_customers)).
fn export_to(
    customers: &[cadastro::Customer],
    path: &str,
    profile: &str,
    group: Option<String>,
) -> Result<ExportStats, CadastroError> {
    let profile = resolve_profile(profile)?;
    // Custom fields the profile does not have travel as extra columns, never dropped.
    let (profile, _) = cadastro::export::with_custom_columns(&profile, customers);
    let opts = ExportOptions { group, ..ExportOptions::default() };
    Ok(cadastro::export::export_to_path(customers, &profile, Path::new(path), &opts)?.into())
}

/// Plans the import of `customers` (normally `report.customers`) into the host's base, answered
/// by `lookup`, with `profile`'s write policies (a built-in name or a profile document).
///
/// Errors: `LookupFailed` when the lookup throws; `InvalidOptions` / `InvalidProfile` for the
/// profile; `InvalidOptions` for a customer the core cannot read (a negative row).
pub(crate) fn plan(
    customers: Vec<Customer>,
    lookup: Arc<dyn CustomerLookup>,
    profile: String,
) -> Result<ImportPlan, CadastroError> {
    let profile = resolve_profile(&profile)?;
    let customers = to_core_customers(&customers)?;
    let plan = Reconciler::new(&profile).plan(&customers, &HostLookup(lookup))?;
    ImportPlan::from_core(&plan)
}

pub(crate) fn export_customers(
    customers: Vec<Customer>,
    path: String,
    profile: String,
    group: Option<String>,
) -> Result<ExportStats, CadastroError> {
    export_to(&to_core_customers(&customers)?, &path, &profile, group)
}

pub(crate) fn template(path: String, profile: String) -> Result<(), CadastroError> {
    let profile = resolve_profile(&profile)?;
    let csv = cadastro::export::CsvOptions::default();
    Ok(cadastro::export::template_to_path(&profile, Path::new(&path), &csv)?)
}

pub(crate) fn customers_from_json(json: String) -> Result<Vec<Customer>, CadastroError> {
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| CadastroError::options(format!("not JSON: {e}")))?;
    let array = match value {
        serde_json::Value::Object(mut map) => map.remove("customers").unwrap_or(serde_json::Value::Null),
        other => other,
    };
    // Through the core's customer so that a document the core would refuse is refused here too.
    let core: Vec<cadastro::Customer> =
        serde_json::from_value(array).map_err(|e| CadastroError::options(format!("not an array of customers: {e}")))?;
    report::from_core(&core)
}

/// The embedded store: one SQLite file of accounts, their customers, contacts and groups (the
/// `cadastro.db` of the CLI).
///
/// `Send + Sync`: the connection sits behind a mutex, so one `Store` can be shared by threads
/// (their calls run one after the other). Every call is blocking. Kotlin: `AutoCloseable`
/// (`Store.open(path).use { ... }`); the file is closed when the object is freed.
#[derive(Debug, uniffi::Object)]
pub struct Store {
    inner: Exclusive<cadastro_store::Store>,
}

impl Store {
    /// Locks the store for `operation`; `ReentrantCall` when the calling thread holds it already
    /// (an `ImportSink` of a running `import_stream` calling back in).
    fn lock(&self, operation: &str) -> Result<ExclusiveGuard<'_, cadastro_store::Store>, CadastroError> {
        Ok(self.inner.lock(operation)?)
    }

    fn wrap(store: cadastro_store::Store) -> Arc<Self> {
        Arc::new(Store { inner: Exclusive::new(store) })
    }
}

#[uniffi::export]
impl Store {
    /// Opens (or creates) the store file and migrates its schema.
    ///
    /// Errors: `StoreError` (not a database, no permission), `StoreTooNew`.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>, CadastroError> {
        Ok(Self::wrap(cadastro_store::Store::open(path)?))
    }

    /// [`Store::open`] waiting `busy_timeout_seconds` (instead of 30) for another connection's
    /// write lock, for the open itself and every later write, before `StoreBusy` (0 fails at
    /// once), as the CLI's `--busy-timeout`.
    ///
    /// Errors: as `open`; `InvalidOptions` for a negative or non-finite timeout; `StoreBusy`.
    #[uniffi::constructor]
    pub fn open_with_busy_timeout(path: String, busy_timeout_seconds: f64) -> Result<Arc<Self>, CadastroError> {
        let timeout = std::time::Duration::try_from_secs_f64(busy_timeout_seconds).map_err(|_| {
            CadastroError::from(cadastro::Error::from(cadastro::ErrorKind::InvalidOptions {
                reason: "busy_timeout_seconds must be a number of seconds, 0 or more".to_owned(),
            }))
        })?;
        Ok(Self::wrap(cadastro_store::Store::open_with_busy_timeout(path, timeout)?))
    }

    /// A store in memory, gone when the object is freed (previews, tests).
    ///
    /// Errors: `StoreError`.
    #[uniffi::constructor]
    pub fn open_in_memory() -> Result<Arc<Self>, CadastroError> {
        Ok(Self::wrap(cadastro_store::Store::open_in_memory()?))
    }

    /// Every account name, sorted.
    ///
    /// Errors: `StoreError`.
    pub fn accounts(&self) -> Result<Vec<String>, CadastroError> {
        Ok(self.lock("Store.accounts")?.accounts()?)
    }

    /// Creates an account if it does not exist yet (an import creates its account too).
    ///
    /// Errors: `InvalidAccount` (empty or over 200 characters), `StoreError`.
    pub fn create_account(&self, name: String) -> Result<(), CadastroError> {
        Ok(self.lock("Store.create_account")?.create_account(&name)?)
    }

    /// The group names of an account that have customers, sorted.
    ///
    /// Errors: `UnknownAccount`, `StoreError`.
    pub fn groups(&self, account: String) -> Result<Vec<String>, CadastroError> {
        Ok(self.lock("Store.groups")?.groups(&account)?)
    }

    /// The customers of an account (all, or one group by its exact name), in creation order,
    /// with their contacts; `rows` is empty (they are not from a file).
    ///
    /// Errors: `UnknownAccount`, `StoreCorrupt`, `StoreError`.
    #[uniffi::method(default(group = None))]
    pub fn customers(&self, account: String, group: Option<String>) -> Result<Vec<Customer>, CadastroError> {
        let customers = self.lock("Store.customers")?.list_customers(&account, group.as_deref())?;
        report::from_core(&customers)
    }

    /// Validates a file and imports it into `account` (created when missing), as
    /// `cadastro import` does: parents are looked up in the account, the valid customers are
    /// planned against it (create / update with a diff / unchanged) and the plan is written in
    /// one transaction, unless `dry_run`, or `atomic` and the file has an error.
    ///
    /// Errors: as `Importer.validate`; `InvalidAccount`, `StalePlan`, `StoreError`.
    #[uniffi::method(default(options = None, dry_run = false, atomic = false))]
    pub fn import_file(
        &self,
        source: Source,
        account: String,
        options: Option<ImportOptions>,
        dry_run: bool,
        atomic: bool,
    ) -> Result<ImportResult, CadastroError> {
        let importer = cadastro::Importer::new(options.unwrap_or_default().to_core()?)?;
        let table = cadastro::Source::from(source).open(&importer.options().read)?;
        let mode = cadastro_store::ImportMode { dry_run, atomic };
        let (report, outcome) =
            self.lock("Store.import_file")?.import_table(&account, &importer, &table, mode, &mut |_, _| {})?;
        Ok(ImportResult {
            report: report::from_core(&report)?,
            plan: ImportPlan::from_core(&outcome.plan)?,
            applied: outcome.applied,
        })
    }

    /// Imports a large delimited text file into `account` (created when missing) in one
    /// streaming pass: each chunk of `chunk_rows` rows (0: 16,384) is validated, planned against
    /// the account as it was before the import, and written, all in one transaction; `sink`
    /// receives each chunk's issues and plan as soon as it is done. The transaction is committed
    /// at the end, or rolled back (nothing written) for `dry_run`, for `atomic` when a row had
    /// an error, or when the sink returned `false` (`stopped`) or threw.
    ///
    /// Errors: as `Importer.validate_stream` (`InvalidOptions` for what does not stream: use
    /// `import_file`); `CallbackFailed` when the sink throws; `InvalidAccount`, `StoreError`.
    #[uniffi::method(default(options = None, dry_run = false, atomic = false, chunk_rows = 0))]
    #[allow(clippy::too_many_arguments)]
    pub fn import_stream(
        &self,
        source: Source,
        account: String,
        sink: Arc<dyn crate::stream::ImportSink>,
        options: Option<ImportOptions>,
        dry_run: bool,
        atomic: bool,
        chunk_rows: u32,
    ) -> Result<crate::stream::StreamImport, CadastroError> {
        let importer = cadastro::Importer::new(options.unwrap_or_default().to_core()?)?;
        let mode = cadastro_store::ImportMode { dry_run, atomic };
        crate::stream::import_stream(
            &mut *self.lock("Store.import_stream")?,
            &account,
            &importer,
            source.into(),
            mode,
            chunk_rows,
            sink,
        )
    }

    /// Writes a plan made against `account` (a dry run's `ImportResult.plan`, after review) in
    /// one transaction. Every entry is checked against the store as it is now: one whose stored
    /// customer changed or was deleted since the plan was made, or whose key another customer
    /// took meanwhile, is stale. By default a plan with a stale entry is refused whole with
    /// `StalePlan` (nothing written; the detail names the stale rows); with `skip_stale` the
    /// other entries are written and the stale ones are returned in `stale`, not written.
    ///
    /// Errors: `StalePlan`; `InvalidPlan` for a plan made against another base;
    /// `InvalidAccount`, `StoreBusy`, `StoreError`.
    #[uniffi::method(default(skip_stale = false))]
    pub fn apply(&self, account: String, plan: ImportPlan, skip_stale: bool) -> Result<ApplyResult, CadastroError> {
        let core: cadastro::ImportPlan = serde_json::from_str(&plan.to_json())
            .map_err(|e| CadastroError::from(cadastro_store::StoreError::InvalidPlan(e.to_string())))?;
        let mut store = self.lock("Store.apply")?;
        let out = if skip_stale {
            store.apply_fresh(&account, &core)?
        } else {
            cadastro_store::ApplyOutcome { written: store.apply(&account, &core)?, stale: Vec::new() }
        };
        let c = out.written;
        Ok(ApplyResult {
            written: crate::report::PlanCounts {
                created: i64::try_from(c.created).unwrap_or(i64::MAX),
                updated: i64::try_from(c.updated).unwrap_or(i64::MAX),
                unchanged: i64::try_from(c.unchanged).unwrap_or(i64::MAX),
            },
            stale: out
                .stale
                .into_iter()
                .map(|e| StaleEntry {
                    rows: e.rows,
                    action: e.action.as_str().to_owned(),
                    id: e.id,
                    reason: e.reason.as_str().to_owned(),
                })
                .collect(),
        })
    }

    /// Copies the customers of account `src` (all, or one group by its exact name) into account
    /// `dst` (created when missing), as `cadastro accounts copy` does: planned with the identity
    /// rules of an import (a customer `dst` already has is updated or unchanged) under
    /// `profile`'s write policies, and written in one transaction unless `dry_run`.
    ///
    /// Errors: `UnknownAccount` for `src`; `InvalidOptions` / `InvalidProfile` for the profile;
    /// `InvalidAccount`, `StalePlan`, `StoreError`.
    #[uniffi::method(default(group = None, dry_run = false, profile = "generic"))]
    pub fn copy_account(
        &self,
        src: String,
        dst: String,
        group: Option<String>,
        dry_run: bool,
        profile: String,
    ) -> Result<CopyResult, CadastroError> {
        let profile = resolve_profile(&profile)?;
        let mut store = self.lock("Store.copy_account")?;
        let plan = store.plan_copy(&src, &dst, group.as_deref(), &profile)?;
        let applied = !dry_run && !plan.is_noop();
        if applied {
            store.apply(&dst, &plan)?;
        }
        Ok(CopyResult { plan: ImportPlan::from_core(&plan)?, applied })
    }

    /// Writes the customers of `account` (all, or those of `group`, compared case- and
    /// whitespace-insensitively) to `path` in `profile`'s layout (a built-in name or a profile
    /// document), XLSX or CSV by the extension, as `cadastro export` does.
    ///
    /// Errors: `UnknownAccount`; `InvalidOptions` for another extension or profile; `Io`,
    /// `WriteError`.
    #[uniffi::method(default(group = None, profile = "generic"))]
    pub fn export(
        &self,
        path: String,
        account: String,
        group: Option<String>,
        profile: String,
    ) -> Result<ExportStats, CadastroError> {
        let customers = self.lock("Store.export")?.list_customers(&account, None)?;
        export_to(&customers, &path, &profile, group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, name: &str, group: Option<&str>) -> Customer {
        Customer {
            rows: vec![2],
            external_id: Some(id.into()),
            name: Some(name.into()),
            group: group.map(Into::into),
            ..Customer::default()
        }
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("cadastro-uniffi-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn store_is_send_and_sync() {
        fn assert_both<T: Send + Sync>() {}
        assert_both::<Store>();
    }

    #[test]
    fn profiles_by_name_or_document() {
        assert_eq!(resolve_profile("upflow").unwrap().name, "upflow");
        let doc = cadastro::Profile::builtin("asaas").unwrap().to_json();
        assert_eq!(resolve_profile(&doc).unwrap().name, "asaas");
        assert_eq!(resolve_profile("nope").unwrap_err().kind(), "invalid_options");
        assert_eq!(resolve_profile("{").unwrap_err().kind(), "invalid_profile");
    }

    #[test]
    fn export_then_read_back_the_customers() {
        let dir = temp("export");
        let path = dir.join("out.csv");
        let customers = vec![customer("C-1", "Ana Lima", Some("Varejo")), customer("C-2", "Beto", None)];
        let stats =
            export_customers(customers, path.display().to_string(), "generic".into(), Some(" varejo ".into())).unwrap();
        assert_eq!((stats.customers, stats.lines), (1, 1));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Ana Lima") && !text.contains("Beto"), "{text}");
        let bad = export_customers(Vec::new(), dir.join("out.pdf").display().to_string(), "generic".into(), None);
        assert_eq!(bad.unwrap_err().kind(), "invalid_options");
    }

    #[test]
    fn host_customers_are_checked() {
        let bad = Customer { rows: vec![-1], ..Customer::default() };
        assert_eq!(to_core_customers(&[bad]).unwrap_err().kind(), "invalid_options");
    }

    #[test]
    fn customers_from_report_json() {
        let doc = r#"{"customers": [{"rows": [2], "external_id": "C-1", "name": "Ana", "contacts": []}]}"#;
        let customers = customers_from_json(doc.into()).unwrap();
        assert_eq!(customers.len(), 1);
        assert_eq!(customers[0].name.as_deref(), Some("Ana"));
        let array = r#"[{"rows": [], "email": "a@x.com"}]"#;
        assert_eq!(customers_from_json(array.into()).unwrap()[0].email.as_deref(), Some("a@x.com"));
        assert_eq!(customers_from_json("[1]".into()).unwrap_err().kind(), "invalid_options");
        assert_eq!(customers_from_json(r#"[{"colour": "red"}]"#.into()).unwrap_err().kind(), "invalid_options");
    }

    #[test]
    fn store_errors_reach_the_host_typed() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.groups("nobody".into()).unwrap_err().kind(), "unknown_account");
        assert_eq!(store.create_account(String::new()).unwrap_err().kind(), "invalid_account");
        let dir = temp("notadb");
        let file = dir.join("not-a-db.sqlite");
        std::fs::write(&file, b"this is not a database, just text long enough to have a header..........").unwrap();
        assert_eq!(Store::open(file.display().to_string()).unwrap_err().kind(), "store_error");
    }

    #[test]
    fn store_lists_what_an_import_wrote() {
        let store = Store::open_in_memory().unwrap();
        let csv = "external_id,name,group\nC-1,Ana Lima,Varejo\nC-2,Beto Souza,Atacado\n";
        let first = store
            .import_file(Source::Bytes { data: csv.as_bytes().to_vec() }, "acme".into(), None, false, false)
            .unwrap();
        assert!(first.applied);
        assert_eq!(first.plan.counts(), first.report.plan.unwrap());
        assert_eq!(first.plan.counts().created, 2);
        assert_eq!(store.accounts().unwrap(), ["acme"]);
        assert_eq!(store.groups("acme".into()).unwrap(), ["Atacado", "Varejo"]);
        let varejo = store.customers("acme".into(), Some("Varejo".into())).unwrap();
        assert_eq!(varejo.len(), 1);
        assert_eq!(varejo[0].name.as_deref(), Some("Ana Lima"));
        let again = store
            .import_file(Source::Bytes { data: csv.as_bytes().to_vec() }, "acme".into(), None, true, false)
            .unwrap();
        assert!(!again.applied);
        assert_eq!(again.plan.counts().unchanged, 2);
    }

    /// A sink that calls back into the store running it: each call is refused with
    /// `ReentrantCall` at once (issue #17 point 5: it waited for itself forever).
    struct CallsBack {
        store: Arc<Store>,
        seen: std::sync::Mutex<Vec<String>>,
        rethrow: bool,
    }

    impl crate::stream::ImportSink for CallsBack {
        fn on_chunk(&self, _chunk: crate::stream::ImportChunk) -> Result<bool, crate::stream::ChunkSinkError> {
            let outcome = self.store.accounts();
            let kind = outcome.as_ref().map_or_else(|e| e.kind(), |_| "ok".to_owned());
            self.seen.lock().unwrap().push(kind);
            match outcome {
                Err(e) if self.rethrow => Err(crate::stream::ChunkSinkError::Failed { detail: e.to_string() }),
                _ => Ok(true),
            }
        }
    }

    #[test]
    fn a_sink_calling_its_own_store_gets_reentrant_call() {
        let store = Store::open_in_memory().unwrap();
        let mut csv = String::from("external_id,name\n");
        for i in 0..200 {
            csv.push_str(&format!("C-{i},Cliente {i}\n"));
        }
        let source = || Source::Bytes { data: csv.as_bytes().to_vec() };
        let (tx, rx) = std::sync::mpsc::channel();
        let s = Arc::clone(&store);
        let csv2 = csv.clone();
        std::thread::spawn(move || {
            let sink = Arc::new(CallsBack { store: Arc::clone(&s), seen: Default::default(), rethrow: false });
            let done = s.import_stream(
                Source::Bytes { data: csv2.into_bytes() },
                "a".into(),
                sink.clone(),
                None,
                false,
                false,
                10,
            );
            let seen = sink.seen.lock().unwrap().clone();
            let _ = tx.send((done.map(|d| d.applied), seen));
        });
        let (done, seen) = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("a deadlock");
        assert!(done.unwrap(), "a sink that catches the error goes on");
        assert!(seen.len() >= 5 && seen.iter().all(|k| k == "reentrant_call"), "{seen:?}");
        assert_eq!(store.customers("a".into(), None).unwrap().len(), 200);
        // A sink that lets it through stops the import, rolled back: callback_failed naming it.
        let sink = Arc::new(CallsBack { store: Arc::clone(&store), seen: Default::default(), rethrow: true });
        let err = store.import_stream(source(), "b".into(), sink, None, false, false, 10).unwrap_err();
        assert_eq!(err.kind(), "callback_failed");
        assert!(err.to_string().contains("re-entrant call: Store.accounts"), "{err}");
        assert_eq!(store.accounts().unwrap(), ["a"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_with_io() {
        let dir = temp("fifo");
        let fifo = dir.join("clientes.csv");
        let _ = std::fs::remove_file(&fifo);
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.display().to_string();
        std::thread::spawn(move || {
            let store = Store::open_in_memory().unwrap();
            let mut kinds = Vec::new();
            for p in [path.as_str(), "/dev/zero"] {
                let src = || Source::Path { path: p.to_owned() };
                kinds.push(store.import_file(src(), "a".into(), None, false, false).unwrap_err().kind());
                kinds.push(
                    crate::Importer::new(crate::ImportOptions::default()).unwrap().validate(src()).unwrap_err().kind(),
                );
            }
            let _ = tx.send(kinds);
        });
        let kinds = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("a blocking open");
        assert_eq!(kinds, ["io", "io", "io", "io"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
