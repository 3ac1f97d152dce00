//! The operations after validation: the import plan against a host lookup (`plan`), the
//! embedded store (`Store`), exports and templates. Conversion only: the flows are the core's
//! and the store crate's (`cadastro import` / `export` / `template` do the same calls).

use std::path::Path;
use std::sync::Arc;

use cadastro::Exclusive;
use cadastro::export::CsvOptions;
use cadastro::{ImportOptions, Importer, Source};
use cadastro::{ImportPlan, Reconciler};
use cadastro_store::ImportMode;
use napi::bindgen_prelude::{Array, AsyncTask, ObjectFinalize};
use napi::{Env, Unknown};
use napi_derive::napi;
use serde_json::Value as Json;

use crate::error::{Code, Failure, guarded, run, run_js};
use crate::host::{JsLookup, PoolLookup, PoolProgress, Progress};
use crate::memory::{self, Settle};
use crate::report::Report;
use crate::{Job, convert};

/// How many customers an import creates, updates and leaves unchanged.
#[napi(object)]
pub struct PlanCounts {
    /// Customers not in the base: created.
    pub created: f64,
    /// Customers in the base with different values: updated.
    pub updated: f64,
    /// Customers already identical in the base.
    pub unchanged: f64,
}

/// How a customer is identified: `{ by: 'external_id' | 'tax_id' | 'name', value }` (a name
/// folded: lower case, whitespace collapsed).
#[napi(object)]
pub struct CustomerKey {
    /// `external_id`, `tax_id` or `name`.
    #[napi(ts_type = "'external_id' | 'tax_id' | 'name'")]
    pub by: String,
    /// The key's value.
    pub value: String,
}

/// The stored customer a plan entry updates.
#[napi(object)]
pub struct ExistingRef {
    /// The host's id (the store's row id, or the `id` the lookup returned).
    pub id: String,
    /// The revision the plan was made against.
    pub revision: f64,
    /// How it was matched: `external_id`, `tax_id` or `name`.
    pub matched_by: String,
}

/// One changed value.
#[napi(object)]
pub struct FieldChange {
    /// The canonical or custom field name.
    pub field: String,
    /// The stored value (`undefined` when there was none).
    #[napi(ts_type = "string | number | boolean | string[]")]
    pub old: Option<Json>,
    /// The value after the import.
    #[napi(js_name = "new", ts_type = "string | number | boolean | string[]")]
    pub new_value: Option<Json>,
}

/// A created or updated contact of an updated customer.
#[napi(object)]
pub struct ContactChange {
    /// `create` or `update`.
    pub action: String,
    /// The contact's e-mail (its key).
    pub contact_email: Option<String>,
    /// The changed fields (every field of a created contact).
    pub changes: Vec<FieldChange>,
}

/// What an update changes.
#[napi(object)]
pub struct Diff {
    /// Changed customer and custom fields.
    pub fields: Vec<FieldChange>,
    /// Created and updated contacts.
    pub contacts: Vec<ContactChange>,
}

/// One imported customer in a plan.
#[napi(object)]
pub struct PlanEntry {
    /// `create`, `update` or `unchanged`.
    #[napi(ts_type = "'create' | 'update' | 'unchanged'")]
    pub action: String,
    /// The imported customer's identity key (absent for a customer without any identifier).
    pub key: Option<CustomerKey>,
    /// The stored customer it matched (update and unchanged).
    pub existing: Option<ExistingRef>,
    /// The customer as it is after the import (for an update: the stored customer with the
    /// file's changes), a plain object as in `report.customers`.
    #[napi(ts_type = "{ rows: number[]; contacts?: Array<Record<string, unknown>>; [field: string]: unknown }")]
    pub customer: Json,
    /// What changes (empty lists unless `update`).
    pub diff: Diff,
}

fn change(c: &cadastro::FieldChange) -> FieldChange {
    let json = |v: &Option<cadastro::Value>| v.as_ref().and_then(|v| serde_json::to_value(v).ok());
    FieldChange { field: c.field.name().to_owned(), old: json(&c.old), new_value: json(&c.new) }
}

fn key(k: &cadastro::CustomerKey) -> CustomerKey {
    let (by, value) = match k {
        cadastro::CustomerKey::ExternalId(v) => ("external_id", v),
        cadastro::CustomerKey::TaxId(v) => ("tax_id", v),
        cadastro::CustomerKey::Name(v) => ("name", v),
    };
    CustomerKey { by: by.to_owned(), value: value.clone() }
}

fn matched_by(m: cadastro::MatchedBy) -> &'static str {
    match m {
        cadastro::MatchedBy::ExternalId => "external_id",
        cadastro::MatchedBy::TaxId => "tax_id",
        cadastro::MatchedBy::Name => "name",
    }
}

/// An import plan: one entry per valid imported customer, in file order.
#[napi(custom_finalize)]
pub struct Plan {
    /// Shared with the `Report` it came from (`report.plan` hands out the same plan, not a
    /// copy of its entries).
    inner: Arc<ImportPlan>,
    /// The native bytes reported to V8 for this object (taken back by the finalizer).
    external: i64,
}

impl From<ImportPlan> for Plan {
    fn from(inner: ImportPlan) -> Self {
        Plan { inner: Arc::new(inner), external: 0 }
    }
}

impl Settle for Plan {
    fn settle(&mut self, env: &Env) {
        // A plan shared with its report is counted once, by the report.
        let held = if Arc::strong_count(&self.inner) == 1 { memory::plan(&self.inner) } else { 0 };
        let bytes = memory::signed(held + std::mem::size_of::<Self>());
        memory::adjust(env, bytes - self.external);
        self.external = bytes;
    }
}

impl ObjectFinalize for Plan {
    fn finalize(self, env: Env) -> napi::Result<()> {
        memory::adjust(&env, -self.external);
        Ok(())
    }
}

impl Plan {
    /// A plan handed to JavaScript now, its native memory reported to V8.
    pub(crate) fn settled(inner: ImportPlan, env: &Env) -> Self {
        Plan::shared(Arc::new(inner), env)
    }

    /// A plan shared with a report, handed to JavaScript now.
    pub(crate) fn shared(inner: Arc<ImportPlan>, env: &Env) -> Self {
        let mut plan = Plan { inner, external: 0 };
        plan.settle(env);
        plan
    }
}

#[napi]
impl Plan {
    /// How many customers are created, updated, unchanged.
    #[napi(getter)]
    pub fn counts(&self) -> PlanCounts {
        let c = self.inner.counts();
        PlanCounts { created: c.created as f64, updated: c.updated as f64, unchanged: c.unchanged as f64 }
    }

    /// Every entry with its action, key, matched stored customer and diff.
    #[napi(getter)]
    pub fn entries(&self) -> Vec<PlanEntry> {
        self.inner
            .entries
            .iter()
            .map(|e| PlanEntry {
                action: e.action.as_str().to_owned(),
                key: e.key.as_ref().map(key),
                existing: e.existing.as_ref().map(|r| ExistingRef {
                    id: r.id.clone(),
                    revision: r.revision as f64,
                    matched_by: matched_by(r.matched_by).to_owned(),
                }),
                customer: serde_json::to_value(&e.customer).unwrap_or(Json::Null),
                diff: Diff {
                    fields: e.diff.fields.iter().map(change).collect(),
                    contacts: e
                        .diff
                        .contacts
                        .iter()
                        .map(|k| ContactChange {
                            action: k.action.as_str().to_owned(),
                            contact_email: k.contact_email.clone(),
                            changes: k.changes.iter().map(change).collect(),
                        })
                        .collect(),
                },
            })
            .collect()
    }

    /// True when applying the plan writes nothing.
    #[napi(getter)]
    pub fn is_noop(&self) -> bool {
        self.inner.is_noop()
    }

    /// The plan as JSON (one line, snake_case as in the core: `{"entries": [...]}`).
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// Options of `plan`.
#[napi(object)]
pub struct PlanOptions {
    /// The profile whose write policies apply (default: the one the report was validated with).
    #[napi(ts_type = "string | Profile | Record<string, unknown>")]
    pub profile: Option<Json>,
    /// How many keys one `lookup` call receives at most (default 10,000).
    pub batch_size: Option<u32>,
}

/// Plans the import of a report's valid customers into the host's base: `lookup(keys)` is
/// called synchronously with batches of keys (`[{ by: 'external_id' | 'tax_id' | 'name',
/// value }]`) and returns the stored customers matching any of them (`[{ id, revision,
/// customer }]`, `customer` a plain object as in `report.customers`). The plan's counts go to
/// the report (`report.plan`, and `"plan"` in `report.toJson()`).
///
/// Throws `lookup_failed` when the lookup throws, returns a Promise or answers something that
/// is not a list of existing customers; `invalid_options` for bad options.
#[napi(
    catch_unwind,
    ts_args_type = "report: Report, lookup: (keys: CustomerKey[]) => ExistingCustomer[], options?: PlanOptions"
)]
pub fn plan(env: Env, report: Unknown<'_>, lookup: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Plan> {
    run_js(env, || {
        let mut report = convert::instance::<Report>(report, "report")?;
        plan_with(&env, &mut report, &JsLookup::new(env, lookup)?, options)
    })
}

/// `plan`'s options: the profile (default: the report's) and the batch size.
fn plan_options(
    env: &Env,
    default: &cadastro::Profile,
    options: Option<Unknown<'_>>,
) -> Result<(cadastro::Profile, usize), Failure> {
    let mut profile = default.clone();
    let mut batch = cadastro::DEFAULT_BATCH;
    for (name, value) in convert::option_entries(options)? {
        match name.as_str() {
            "profile" => profile = convert::profile_arg(env, value)?,
            "batchSize" | "batch_size" => {
                let n: f64 = env.from_js_value(value).map_err(|e| Failure::invalid(format!("batchSize: {e}")))?;
                if !(n >= 1.0 && n.fract() == 0.0 && n <= 1e9) {
                    return Err(Failure::invalid("batchSize must be a positive integer"));
                }
                batch = n as usize;
            }
            _ => return Err(Failure::invalid(format!("unknown option `{name}`"))),
        }
    }
    Ok((profile, batch))
}

fn plan_with(
    env: &Env,
    report: &mut Report,
    lookup: &JsLookup<'_>,
    options: Option<Unknown<'_>>,
) -> Result<Plan, Failure> {
    let (profile, batch) = plan_options(env, &report.profile, options)?;
    let plan = Reconciler::new(&profile).batch_size(batch).plan(report.valid_customers(), lookup)?;
    report.inner_mut().plan = Some(plan.counts());
    let plan = Arc::new(plan);
    report.plan = Some(Arc::clone(&plan));
    report.settle(env);
    Ok(Plan::shared(plan, env))
}

/// `plan` off the event loop: the reconciliation runs on the libuv pool and calls `lookup`
/// back on the JS thread for each batch; `lookup` may return the array or a Promise of it (an
/// `async` function querying the host's database). Resolves with the plan; the report itself
/// is left as it was (its `plan` stays unset: a Promise cannot safely write into it). Rejects
/// with `lookup_failed` when the lookup throws, rejects or answers nonsense.
#[napi(
    catch_unwind,
    ts_args_type = "report: Report, lookup: (keys: CustomerKey[]) => ExistingCustomer[] | Promise<ExistingCustomer[]>, options?: PlanOptions",
    ts_return_type = "Promise<Plan>"
)]
pub fn plan_async(
    env: Env,
    report: Unknown<'_>,
    lookup: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> AsyncTask<Job<Plan>> {
    let args = guarded(|| {
        let report = convert::instance::<Report>(report, "report")?;
        let lookup = PoolLookup::new(lookup)?;
        let (profile, batch) = plan_options(&env, &report.profile, options)?;
        Ok((lookup, profile, batch, report.valid_customers().to_vec()))
    });
    AsyncTask::new(match args {
        Ok((lookup, profile, batch, customers)) => {
            Job::new(move || Ok(Plan::from(Reconciler::new(&profile).batch_size(batch).plan(&customers, &lookup)?)))
        }
        Err(failure) => Job::failed(failure),
    })
}

/// A customer of the host's base, as `lookup` returns it.
#[napi(object)]
pub struct ExistingCustomer {
    /// The host's id (a string, or an integer taken as its decimal text).
    #[napi(ts_type = "string | number")]
    pub id: Json,
    /// The host's revision of the stored customer (default 0).
    pub revision: Option<f64>,
    /// The stored customer: a plain object as in `report.customers` (`rows` optional).
    #[napi(ts_type = "Record<string, unknown>")]
    pub customer: Json,
}

/// What an export wrote.
#[napi(object)]
pub struct ExportStats {
    /// Customers written (after the group filter).
    pub customers: f64,
    /// Data lines written (one per contact in contact layouts), the header excluded.
    pub lines: f64,
}

impl From<cadastro::export::ExportStats> for ExportStats {
    fn from(s: cadastro::export::ExportStats) -> Self {
        ExportStats { customers: s.customers as f64, lines: s.lines as f64 }
    }
}

/// Options of `exportCustomers`, `template` and `Store.export` (every one optional).
#[napi(object)]
pub struct ExportOptions {
    /// The layout: a built-in profile name (default `generic`), a `Profile` or a profile document.
    #[napi(ts_type = "string | Profile | Record<string, unknown>")]
    pub profile: Option<Json>,
    /// Only the customers of this group (case- and whitespace-insensitive). Not for `template`.
    pub group: Option<String>,
    /// `Store.export` only: the account (default `default`).
    pub account: Option<String>,
    /// CSV: the delimiter (default `;` for Portuguese, French, Polish... profiles, `,` otherwise).
    pub delimiter: Option<String>,
    /// CSV: start with a UTF-8 byte-order mark (default true: Excel needs it for accents).
    pub bom: Option<bool>,
    /// CSV: the line ending (default `crlf`).
    #[napi(ts_type = "'crlf' | 'lf'")]
    pub line_ending: Option<String>,
    /// XLSX: the sheet name (default by the profile's language: `Clientes`, `Customers`...).
    pub sheet_name: Option<String>,
    /// XLSX: stream rows through a temporary file (default true).
    pub constant_memory: Option<bool>,
}

const EXPORT_KEYS: [&str; 7] = ["profile", "group", "delimiter", "bom", "line_ending", "sheet_name", "constant_memory"];

/// Writes customers (plain objects as `report.customers`, `store.customers()` or a plan entry's
/// `customer` give them) to `path`, XLSX or CSV by its extension, in a profile's layout.
/// Throws `invalid_options` for another extension or a malformed customer, `io` when the file
/// cannot be written.
#[napi(catch_unwind, ts_args_type = "customers: Array<Record<string, unknown>>, path: string, options?: ExportOptions")]
pub fn export_customers(
    env: Env,
    customers: Unknown<'_>,
    path: Option<Unknown<'_>>,
    options: Option<Unknown<'_>>,
) -> napi::Result<ExportStats, Code> {
    run(|| {
        let path = convert::string(path, "path")?;
        let customers = convert::customers(&env, customers)?;
        let (profile, opts, _) = convert::export_options(&env, options, &EXPORT_KEYS)?;
        let (profile, _) = cadastro::export::with_custom_columns(&profile, &customers);
        Ok(cadastro::export::export_to_path(&customers, &profile, Path::new(&path), &opts)?.into())
    })
}

/// Writes the blank import template of a profile to `path`: XLSX (headers, notes, drop-down
/// lists, an example row) or CSV (the header row), by the extension.
#[napi(
    catch_unwind,
    ts_args_type = "path: string, options?: Pick<ExportOptions, 'profile' | 'delimiter' | 'bom' | 'lineEnding'>"
)]
pub fn template(env: Env, path: Option<Unknown<'_>>, options: Option<Unknown<'_>>) -> napi::Result<(), Code> {
    run(|| {
        let path = convert::string(path, "path")?;
        let (profile, opts, _) =
            convert::export_options(&env, options, &["profile", "delimiter", "bom", "line_ending"])?;
        let csv: CsvOptions = opts.csv;
        Ok(cadastro::export::template_to_path(&profile, Path::new(&path), &csv)?)
    })
}

/// The embedded store: one SQLite file (created when missing) holding accounts, their
/// customers, contacts and groups. Its methods run on the calling thread, except
/// `importFileAsync` (the libuv pool; the other methods wait while it writes).
///
/// A callback of a running method (`onProgress`, `onChunk`) that calls a method of the same
/// `Store` gets an `Error` with `.code` `reentrant_call` at once (it would wait for itself).
#[napi]
pub struct Store {
    inner: Shared,
}

/// The store, shared with the libuv pool; its lock refuses re-entry from the holding thread.
pub(crate) type Shared = Arc<Exclusive<Option<cadastro_store::Store>>>;

/// The open store (a panic while it was locked leaves it usable: SQLite rolled back).
/// `operation` names the method in a `reentrant_call` error.
pub(crate) fn with_store<T>(
    shared: &Shared,
    operation: &str,
    f: impl FnOnce(&mut cadastro_store::Store) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut guard = shared.lock(operation)?;
    match guard.as_mut() {
        Some(store) => f(store),
        None => Err(cadastro_host::HostError::StoreClosed.into()),
    }
}

/// The options of `importFile` the core does not know.
pub(crate) struct ImportExtras<'a> {
    pub(crate) account: String,
    pub(crate) mode: ImportMode,
    pub(crate) progress: Option<Unknown<'a>>,
}

pub(crate) fn import_extras<'a>(env: &Env, extras: Vec<(String, Unknown<'a>)>) -> Result<ImportExtras<'a>, Failure> {
    let mut out = ImportExtras {
        account: cadastro_store::DEFAULT_ACCOUNT.to_owned(),
        mode: ImportMode::default(),
        progress: None,
    };
    for (key, value) in extras {
        let flag = |v: Unknown<'_>| -> Result<bool, Failure> {
            env.from_js_value(v).map_err(|e| Failure::invalid(format!("option {key}: {e}")))
        };
        match key.as_str() {
            "account" => {
                out.account = env.from_js_value(value).map_err(|e| Failure::invalid(format!("option account: {e}")))?
            }
            "dry_run" => out.mode.dry_run = flag(value)?,
            "atomic" => out.mode.atomic = flag(value)?,
            _ => out.progress = Some(value),
        }
    }
    Ok(out)
}

const IMPORT_EXTRAS: [&str; 4] = ["account", "dry_run", "atomic", "on_progress"];

/// Reads, validates (parents resolved in the file and the account) and plans a file against
/// an account, applying the plan unless `mode` says not to: the flow of `cadastro import`.
fn import_file(
    store: &mut cadastro_store::Store,
    source: &Source,
    opts: ImportOptions,
    account: &str,
    mode: ImportMode,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Report, Failure> {
    let importer = Importer::new(opts)?;
    let table = source.open(&importer.options().read)?;
    let profile = importer.options().profile.clone();
    let (report, outcome) = store.import_table(account, &importer, &table, mode, progress)?;
    let locale = report.locale;
    let mut report = Report::new(report, table, locale, profile);
    report.plan = Some(Arc::new(outcome.plan));
    report.applied = Some(outcome.applied);
    Ok(report)
}

#[napi]
impl Store {
    /// Opens (or creates) the store file and migrates its schema. Throws `store_error` when the
    /// file cannot be opened or is not a database, `store_too_new` when a newer cadastro wrote it.
    ///
    /// `options.busyTimeout`: how many seconds a write (and the open itself) waits for another
    /// connection's write lock before `store_busy` (default 30, as the CLI's `--busy-timeout`;
    /// 0 fails at once).
    #[napi(constructor, catch_unwind, ts_args_type = "path: string, options?: StoreOptions")]
    pub fn new(env: Env, path: Option<Unknown<'_>>, options: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        run(|| {
            let path = convert::string(path, "path")?;
            let timeout = busy_timeout_option(&env, options)?;
            let store = cadastro_store::Store::open_with_busy_timeout(&path, timeout)?;
            Ok(Store { inner: Arc::new(Exclusive::new(Some(store))) })
        })
    }

    /// A store in memory (tests, previews against an empty base); gone when closed.
    #[napi(factory, catch_unwind)]
    pub fn in_memory() -> napi::Result<Store, Code> {
        run(|| Ok(Store { inner: Arc::new(Exclusive::new(Some(cadastro_store::Store::open_in_memory()?))) }))
    }

    /// Closes the store; later calls throw `store_error`. Throws `reentrant_call` from a
    /// callback of one of its running methods.
    #[napi(catch_unwind)]
    pub fn close(&self) -> napi::Result<(), Code> {
        run(|| {
            *self.inner.lock("Store.close")? = None;
            Ok(())
        })
    }

    /// Every account name, sorted.
    #[napi(catch_unwind)]
    pub fn accounts(&self) -> napi::Result<Vec<String>, Code> {
        run(|| with_store(&self.inner, "Store.accounts", |s| Ok(s.accounts()?)))
    }

    /// The group names of an account, sorted. Throws `unknown_account`.
    #[napi(catch_unwind, ts_args_type = "account: string")]
    pub fn groups(&self, account: Option<Unknown<'_>>) -> napi::Result<Vec<String>, Code> {
        run(|| {
            let account = convert::string(account, "account")?;
            with_store(&self.inner, "Store.groups", |s| Ok(s.groups(&account)?))
        })
    }

    /// The customers of an account (all, or one group: exact name), in creation order, as plain
    /// objects (`report.customers`' shape; `rows` empty). Throws `unknown_account`.
    #[napi(
        catch_unwind,
        ts_args_type = "account: string, group?: string | undefined | null",
        ts_return_type = "Array<{ rows: number[]; contacts?: Array<Record<string, unknown>>; [field: string]: unknown }>"
    )]
    pub fn customers<'env>(
        &self,
        env: &'env Env,
        account: Option<Unknown<'_>>,
        group: Option<Unknown<'_>>,
    ) -> napi::Result<Array<'env>, Code> {
        run(|| {
            let account = convert::string(account, "account")?;
            let group = convert::opt_string(group, "group")?;
            let customers =
                with_store(&self.inner, "Store.customers", |s| Ok(s.list_customers(&account, group.as_deref())?))?;
            convert::customers_to_js(env, &customers)
        })
    }

    /// Imports a file into an account (created when missing): validates it (parents resolved
    /// in the file and the account), plans it (create / update with a diff / unchanged), and
    /// writes the plan in one transaction, unless `dryRun`, or `atomic` and some row has an
    /// error. Returns the report with `plan` and `applied`. Options: those of `validate`, plus
    /// `account` (default `default`), `dryRun`, `atomic`, `onProgress(rowsDone, rowsTotal)`.
    #[napi(catch_unwind, ts_args_type = "source: string | Uint8Array, options?: ImportFileOptions")]
    pub fn import_file(&self, env: Env, source: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Report> {
        let mut progress = Progress::none();
        let out = run_js(env, || {
            let source = convert::source(source)?;
            let (opts, extras) = convert::import_options_with(&env, options, &IMPORT_EXTRAS)?;
            let extras = import_extras(&env, extras)?;
            progress = Progress::new(extras.progress)?;
            let mut report = with_store(&self.inner, "Store.importFile", |s| {
                import_file(s, &source, opts, &extras.account, extras.mode, &mut |d, t| progress.report(d, t))
            })?;
            report.settle(&env);
            Ok(report)
        });
        match progress.thrown.borrow_mut().take() {
            Some(e) => Err(e),
            None => out,
        }
    }

    /// Imports a large delimited text file into an account in one streaming pass (the store's
    /// `import_stream`): each chunk of `options.chunkRows` rows (default 16,384) is validated,
    /// planned against the account as it was before the import, and written, all in one
    /// transaction; `onChunk({ issues, plan, written })` receives each chunk's issues and plan
    /// (a `Plan`) as soon as it is done. The transaction is committed at the end, or rolled back
    /// (nothing written) for `dryRun`, for `atomic` when a row had an error, or when `onChunk`
    /// returned `false` (`stopped`). An exception thrown by `onChunk` stops and rolls back too,
    /// and is rethrown as it was. Returns `{ summary, counts, applied, stopped, hasErrors }`.
    /// Options: those of `validate` plus `account`, `dryRun`, `atomic`, `chunkRows`. Throws
    /// `invalid_options` for what does not stream (workbooks, UTF-16, contact or parent columns).
    #[napi(
        catch_unwind,
        ts_args_type = "source: string | Uint8Array, onChunk: (chunk: ImportChunk) => boolean | void, options?: Omit<ImportFileOptions, 'onProgress'> & { chunkRows?: number }"
    )]
    pub fn import_stream(
        &self,
        env: Env,
        source: Unknown<'_>,
        on_chunk: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<crate::stream::StreamImport> {
        crate::stream::import_stream(env, &self.inner, source, on_chunk, options)
    }

    /// `importFile` off the event loop (libuv thread pool). `onProgress` is called on the JS
    /// thread while the pool works; an exception it throws rejects the Promise (the import
    /// itself is not interrupted). The sync methods of the same `Store` wait while it writes.
    #[napi(
        catch_unwind,
        ts_args_type = "source: string | Uint8Array, options?: ImportFileOptions",
        ts_return_type = "Promise<Report>"
    )]
    pub fn import_file_async(
        &self,
        env: Env,
        source: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> AsyncTask<Job<Report>> {
        let args = guarded(|| {
            let source = convert::source(source)?;
            let (opts, extras) = convert::import_options_with(&env, options, &IMPORT_EXTRAS)?;
            let extras = import_extras(&env, extras)?;
            let progress = PoolProgress::new(extras.progress)?;
            Ok((source, opts, extras.account, extras.mode, progress))
        });
        let shared = Arc::clone(&self.inner);
        AsyncTask::new(match args {
            Ok((source, opts, account, mode, mut progress)) => {
                let thrown = Arc::clone(&progress.thrown);
                Job::new(move || {
                    let out = with_store(&shared, "Store.importFileAsync", |s| {
                        import_file(s, &source, opts, &account, mode, &mut |d, t| progress.report(d, t))
                    });
                    // After the store is released: a sync call waiting for it on the JS thread
                    // cannot block the final progress call.
                    progress.finish();
                    out
                })
                .rethrowing(thrown)
            }
            Err(failure) => Job::failed(failure),
        })
    }

    /// Writes a plan made against this store's `account` (a dry run's `report.plan`, after
    /// review) in one transaction. Every entry is checked against the store as it is now: one
    /// whose stored customer changed or was deleted since the plan was made, or whose key
    /// another customer took meanwhile, is stale. By default a plan with a stale entry is
    /// refused whole with `stale_plan` (nothing is written; the message names the stale rows);
    /// with `options.skipStale` the other entries are written and the stale ones are returned
    /// in `stale` (not written: plan them again). Returns what was written (`stale` only with
    /// `skipStale`). Throws
    /// `invalid_plan` for a plan made against another base.
    #[napi(catch_unwind, ts_args_type = "account: string, plan: Plan, options?: ApplyOptions")]
    pub fn apply(
        &self,
        env: Env,
        account: Option<Unknown<'_>>,
        plan: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<ApplyResult, Code> {
        run(|| {
            let account = convert::string(account, "account")?;
            let plan = convert::instance::<Plan>(plan, "plan")?;
            let skip_stale = skip_stale_option(&env, options)?;
            let out = with_store(&self.inner, "Store.apply", |s| {
                if skip_stale {
                    Ok(s.apply_fresh(&account, &plan.inner)?)
                } else {
                    Ok(cadastro_store::ApplyOutcome { written: s.apply(&account, &plan.inner)?, stale: Vec::new() })
                }
            })?;
            let c = out.written;
            Ok(ApplyResult {
                created: c.created as f64,
                updated: c.updated as f64,
                unchanged: c.unchanged as f64,
                stale: skip_stale.then(|| {
                    out.stale
                        .iter()
                        .map(|e| StaleEntry {
                            rows: e.rows.clone(),
                            action: e.action.as_str().to_owned(),
                            id: e.id.clone(),
                            reason: e.reason.as_str().to_owned(),
                        })
                        .collect()
                }),
            })
        })
    }

    /// Copies the customers of account `src` (all, or `options.group`) into account `dst`
    /// (created when missing) through the plan and apply of an import, with its identity rules
    /// (a customer `dst` already has is updated or unchanged), in one transaction; returns the
    /// `Plan` (its `counts`: created, updated, unchanged). With `options.dryRun` nothing is written
    /// (the plan can be applied later with `apply(dst, plan)`). `options.profile`: the profile
    /// whose rules apply (default `generic`). Throws `unknown_account` for `src`.
    #[napi(catch_unwind, ts_args_type = "src: string, dst: string, options?: CopyAccountOptions")]
    pub fn copy_account(
        &self,
        env: Env,
        src: String,
        dst: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Plan, Code> {
        run(|| {
            let (profile, group, dry_run) = copy_options(&env, options)?;
            let plan = with_store(&self.inner, "Store.copyAccount", |s| {
                let plan = s.plan_copy(&src, &dst, group.as_deref(), &profile)?;
                if !dry_run && !plan.is_noop() {
                    s.apply(&dst, &plan)?;
                }
                Ok(plan)
            })?;
            Ok(Plan::from(plan))
        })
    }

    /// Exports an account (or one group) to `path`, XLSX or CSV by the extension, in a
    /// profile's layout (default `generic`); custom fields the profile does not have are
    /// written as extra columns headed by their names. Throws `unknown_account`,
    /// `invalid_options`, `io`.
    #[napi(catch_unwind, ts_args_type = "path: string, options?: ExportOptions")]
    pub fn export(
        &self,
        env: Env,
        path: Option<Unknown<'_>>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<ExportStats, Code> {
        run(|| {
            let path = convert::string(path, "path")?;
            let mut keys = EXPORT_KEYS.to_vec();
            keys.push("account");
            let (profile, opts, extras) = convert::export_options(&env, options, &keys)?;
            let account = match extras.get("account") {
                None => cadastro_store::DEFAULT_ACCOUNT.to_owned(),
                Some(Json::String(a)) => a.clone(),
                Some(_) => return Err(Failure::invalid("option account must be a string")),
            };
            let customers = with_store(&self.inner, "Store.export", |s| Ok(s.list_customers(&account, None)?))?;
            let (profile, _) = cadastro::export::with_custom_columns(&profile, &customers);
            Ok(cadastro::export::export_to_path(&customers, &profile, Path::new(&path), &opts)?.into())
        })
    }
}

/// Options of `new Store(path, options)` (the typings' shape; read by `busy_timeout_option`).
#[napi(object)]
pub struct StoreOptions {
    /// Seconds a write (and the open) waits for another connection's write lock before
    /// `store_busy` (default 30; 0 fails at once).
    pub busy_timeout: Option<f64>,
}

/// Options of `Store.apply` (the typings' shape; read by `skip_stale_option`).
#[napi(object)]
pub struct ApplyOptions {
    /// Write the entries that still fit and return the stale ones in `stale` (default: refuse
    /// the whole plan with `stale_plan` when any entry is stale).
    pub skip_stale: Option<bool>,
}

/// A plan entry `Store.apply` did not write because the store changed since the plan was made.
#[napi(object)]
pub struct StaleEntry {
    /// The file rows of the entry's customer.
    pub rows: Vec<u32>,
    /// What the plan meant to do: `create`, `update` or `unchanged`.
    #[napi(ts_type = "'create' | 'update' | 'unchanged'")]
    pub action: String,
    /// The stored customer the entry matched (update and unchanged).
    pub id: Option<String>,
    /// `changed` (the stored customer was updated since), `deleted`, or `key_taken` (its
    /// external id, tax id or name now belongs to another stored customer).
    #[napi(ts_type = "'changed' | 'deleted' | 'key_taken'")]
    pub reason: String,
}

/// What `Store.apply` wrote.
#[napi(object)]
pub struct ApplyResult {
    /// Customers created.
    pub created: f64,
    /// Customers updated.
    pub updated: f64,
    /// Customers left unchanged (as planned).
    pub unchanged: f64,
    /// With `skipStale`: the stale entries, not written (absent without the option).
    pub stale: Option<Vec<StaleEntry>>,
}

/// The one boolean or number option of a small options object (`undefined`/`null` options or
/// value: `None`); any other key is `invalid_options`.
fn single_option(env: &Env, options: Option<Unknown<'_>>, names: [&str; 2]) -> Result<Option<Json>, Failure> {
    let mut out = None;
    for (name, value) in convert::option_entries(options)? {
        if !names.contains(&name.as_str()) {
            return Err(Failure::invalid(format!("unknown option `{name}`")));
        }
        out =
            Some(convert::js_to_json(env, value).map_err(|_| Failure::invalid(format!("option {name}: not a value")))?);
    }
    Ok(out)
}

/// `new Store`'s `busyTimeout` (seconds, a finite number >= 0).
fn busy_timeout_option(env: &Env, options: Option<Unknown<'_>>) -> Result<std::time::Duration, Failure> {
    match single_option(env, options, ["busyTimeout", "busy_timeout"])? {
        None => Ok(cadastro_store::DEFAULT_BUSY_TIMEOUT),
        Some(v) => v
            .as_f64()
            .and_then(|s| std::time::Duration::try_from_secs_f64(s).ok())
            .ok_or_else(|| Failure::invalid("option busyTimeout must be a number of seconds, 0 or more")),
    }
}

/// `Store.apply`'s `skipStale`.
fn skip_stale_option(env: &Env, options: Option<Unknown<'_>>) -> Result<bool, Failure> {
    match single_option(env, options, ["skipStale", "skip_stale"])? {
        None => Ok(false),
        Some(Json::Bool(b)) => Ok(b),
        Some(_) => Err(Failure::invalid("option skipStale must be a boolean")),
    }
}

/// Options of `Store.copyAccount` (the typings' shape; read by `copy_options`).
#[napi(object)]
pub struct CopyAccountOptions {
    /// Only the customers of this group.
    pub group: Option<String>,
    /// Plan only; write nothing.
    pub dry_run: Option<bool>,
    /// The profile whose identity and write rules apply (default `generic`).
    #[napi(ts_type = "string | Profile | Record<string, unknown>")]
    pub profile: Option<Json>,
}

/// `copyAccount`'s options: the profile (default generic), the group, the dry run.
fn copy_options(env: &Env, options: Option<Unknown<'_>>) -> Result<(cadastro::Profile, Option<String>, bool), Failure> {
    let mut profile = cadastro::Profile::generic();
    let (mut group, mut dry_run) = (None, false);
    for (name, value) in convert::option_entries(options)? {
        match name.as_str() {
            "profile" => profile = convert::profile_arg(env, value)?,
            "group" => {
                group = Some(env.from_js_value(value).map_err(|_| Failure::invalid("option group must be a string"))?);
            }
            "dryRun" | "dry_run" => {
                dry_run = env.from_js_value(value).map_err(|_| Failure::invalid("option dryRun must be a boolean"))?;
            }
            other => return Err(Failure::invalid(format!("unknown option `{other}`"))),
        }
    }
    Ok((profile, group, dry_run))
}

/// Options of `Store.importFile`: those of `validate`, plus the import's own.
#[napi(object)]
pub struct ImportFileOptions {
    /// A built-in profile name, a `Profile`, or a profile document (as in `Options`).
    #[napi(ts_type = "string | Profile | Record<string, unknown>")]
    pub profile: Option<Json>,
    /// An explicit mapping (as in `Options`).
    #[napi(ts_type = "Record<string, string | null | string[] | number | Record<string, string>>")]
    pub mapping: Option<Json>,
    /// The sheet to read.
    pub sheet: Option<String>,
    /// The delimiter of delimited text.
    pub delimiter: Option<String>,
    /// The encoding of delimited text.
    #[napi(
        ts_type = "'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'windows-1250' | 'windows-1251' | 'iso-8859-2' | 'iso-8859-15' | 'shift_jis' | 'gb18030' | 'big5' | 'euc-kr' | 'x-mac-roman'"
    )]
    pub encoding: Option<String>,
    /// The 1-based header row.
    pub header_row: Option<u32>,
    /// The country of rows without one.
    pub country: Option<String>,
    /// The language of messages.
    pub locale: Option<String>,
    /// Resource limits.
    pub limits: Option<crate::Limits>,
    /// Whether issues carry the raw cell value.
    pub include_values: Option<bool>,
    /// The account to import into (default `default`; created when missing).
    pub account: Option<String>,
    /// Plan only; write nothing.
    pub dry_run: Option<bool>,
    /// Write nothing when any row has an error (default: write the valid customers).
    pub atomic: Option<bool>,
    /// Called with `(rowsDone, rowsTotal)` as rows are validated.
    #[napi(ts_type = "(rowsDone: number, rowsTotal: number) => void")]
    pub on_progress: Option<Json>,
}
