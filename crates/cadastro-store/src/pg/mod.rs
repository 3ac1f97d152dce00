//! The PostgreSQL backend: the same accounts, customers, contacts, groups and parent links as
//! the SQLite store, in the `cadastro` schema of a PostgreSQL database, for hosts that run
//! several app servers and workers on one database.
//!
//! - **Schema**: versioned migrations ([`PG_SCHEMA_VERSION`], `cadastro.schema_version`), run
//!   in one transaction under a database-wide advisory lock (concurrent first connections
//!   create it once); a newer schema is refused ([`StoreError::NewerSchema`]).
//! - **Lookups**: one statement per batch (`= ANY($n)` on three indexed key columns).
//! - **Writes**: one transaction per import or apply, holding the account's advisory lock
//!   (`pg_advisory_xact_lock`): two workers importing into one account run one after the
//!   other, the second planning against what the first committed, so nothing is lost or
//!   duplicated; different accounts write in parallel. The lock wait is bounded by the busy
//!   timeout (`lock_timeout`): past it, [`StoreError::Busy`]. Creates are multi-row inserts
//!   (`unnest`), one statement per chunk.
//! - **Stale plans**: every entry's stored revision is checked (one statement per plan) under
//!   the lock; [`crate::CustomerStore::apply_fresh`] writes each fresh entry in its own
//!   savepoint and returns the stale ones.

mod schema;
mod write;

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::str::FromStr;
use std::time::Duration;

use cadastro::{Customer, CustomerKey, CustomerLookup, Existing, LookupError, LookupParents, PlanCounts, Reconciler};
use cadastro::{ImportPlan, Importer, Issue, Locale, Profile, Report, Source, reconcile_in};
use postgres::{Client, GenericClient, NoTls, Transaction};

use crate::backend::{Backend, CustomerStore, OpenOptions, redact};
use crate::stream::{ChunkPlanner, file_changed};
use crate::{ApplyOutcome, ImportMode, ImportOutcome, StoreError, StreamChunk, StreamOutcome, lookup_error};

pub use schema::PG_SCHEMA_VERSION;

/// The first key of every advisory lock cadastro takes ("CDST"); the second is the account
/// name's hash (`hashtext`), or 0 for the schema migration.
const LOCK_CLASS: i32 = 0x4344_5354;

/// A cadastro store in a PostgreSQL database (see the [module docs](self)).
pub struct PgStore {
    client: RefCell<Client>,
    read_only: bool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("read_only", &self.read_only).finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/db?options`, libpq's syntax;
    /// no TLS: use a local socket, a loopback port or a tunnel) and brings the schema to
    /// [`PG_SCHEMA_VERSION`].
    ///
    /// # Errors
    /// [`StoreError::Unreachable`] when the server cannot be reached or refuses the login (a
    /// 10 s connect timeout unless the URL sets `connect_timeout`);
    /// [`StoreError::NotAStore`] when the `cadastro` schema holds tables of something else;
    /// [`StoreError::NewerSchema`]; [`StoreError::Postgres`].
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        PgStore::connect_with(url, OpenOptions::default())
    }

    /// [`PgStore::connect`] with a busy timeout (the account lock's `lock_timeout`) and
    /// read-only mode (nothing created or migrated; every transaction read-only).
    ///
    /// # Errors
    /// As [`PgStore::connect`]; [`StoreError::Outdated`] for a read-only open of a database
    /// without the current schema.
    pub fn connect_with(url: &str, options: OpenOptions) -> Result<PgStore, StoreError> {
        let mut config = postgres::Config::from_str(url)
            .map_err(|e| StoreError::Unreachable(format!("invalid PostgreSQL URL `{}`: {e}", redact(url))))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("cadastro");
        }
        let client = config.connect(NoTls).map_err(|e| match StoreError::from(e) {
            StoreError::Postgres(e) => StoreError::Unreachable(crate::error::pg_message(&e)),
            other => other,
        })?;
        let store = PgStore { client: RefCell::new(client), read_only: options.read_only };
        {
            let mut client = store.client.borrow_mut();
            set_lock_timeout(&mut client, options.busy_timeout)?;
            if options.read_only {
                let found = schema::version(&mut *client)?;
                if found == 0 || found < PG_SCHEMA_VERSION {
                    return Err(StoreError::Outdated { found, supported: PG_SCHEMA_VERSION });
                }
                if found > PG_SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema { found, supported: PG_SCHEMA_VERSION });
                }
                client.batch_execute("SET default_transaction_read_only = on")?;
            } else {
                schema::migrate(&mut client)?;
            }
        }
        Ok(store)
    }

    /// The connection, for the host's own queries (its tables are in the `cadastro` schema).
    pub fn client(&mut self) -> &mut Client {
        self.client.get_mut()
    }

    fn account_id(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        let row = self.client.get_mut().query_opt("SELECT id FROM cadastro.accounts WHERE name = $1", &[&name])?;
        Ok(row.map(|r| r.get(0)))
    }

    /// A write transaction holding `account`'s advisory lock, with the account's id (the
    /// account is created when missing).
    fn locked<'c>(client: &'c mut Client, account: &str) -> Result<(Transaction<'c>, i64), StoreError> {
        let mut tx = client.transaction()?;
        let id = lock_account(&mut tx, account)?;
        Ok((tx, id))
    }
}

/// Sets the statement `lock_timeout` (0 in PostgreSQL means "wait forever": a zero timeout
/// is sent as 1 ms).
fn set_lock_timeout(client: &mut Client, timeout: Duration) -> Result<(), StoreError> {
    let ms = timeout.as_millis().clamp(1, i32::MAX as u128);
    client.batch_execute(&format!("SET lock_timeout = {ms}"))?;
    Ok(())
}

/// Takes `account`'s advisory lock for the transaction, creates the account when missing and
/// returns its id.
pub(crate) fn lock_account(tx: &mut Transaction<'_>, account: &str) -> Result<i64, StoreError> {
    if account.trim().is_empty() || account.chars().count() > 200 {
        return Err(StoreError::InvalidAccount);
    }
    tx.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", &[&LOCK_CLASS, &account])?;
    tx.execute("INSERT INTO cadastro.accounts (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", &[&account])?;
    let row = tx.query_one("SELECT id FROM cadastro.accounts WHERE name = $1", &[&account])?;
    Ok(row.get(0))
}

/// The statement of one lookup batch: `$1` the account, `$2`..`$4` the external ids, tax ids
/// and folded names, `$5` the highest id that is part of the base.
const FIND_SQL: &str = "SELECT c.id, c.revision, c.fields::text, c.custom::text,
    (SELECT coalesce(json_agg(k.fields ORDER BY k.position, k.id), '[]'::json)::text
       FROM cadastro.contacts k WHERE k.customer_id = c.id)
    FROM cadastro.customers c WHERE c.id IN (
        SELECT id FROM cadastro.customers WHERE account_id = $1 AND external_id = ANY($2) AND id <= $5
        UNION SELECT id FROM cadastro.customers WHERE account_id = $1 AND tax_id = ANY($3) AND id <= $5
        UNION SELECT id FROM cadastro.customers WHERE account_id = $1 AND name_folded = ANY($4) AND id <= $5)
    ORDER BY c.id";

/// One account's customers in PostgreSQL, answering the reconciler's batched lookups (one
/// statement per batch) through a connection or an open transaction.
pub(crate) struct PgBase<'r, C> {
    pub(crate) client: &'r RefCell<C>,
    pub(crate) account: Option<i64>,
    /// Only customers with an id up to this one (the base before a streamed import).
    pub(crate) before: i64,
}

impl<C: GenericClient> PgBase<'_, C> {
    fn find_all(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, StoreError> {
        let Some(account) = self.account else { return Ok(Vec::new()) };
        let (mut ids, mut taxes, mut names) = (Vec::new(), Vec::new(), Vec::new());
        for k in keys {
            match k {
                CustomerKey::ExternalId(v) => ids.push(v.as_str()),
                CustomerKey::TaxId(v) => taxes.push(v.as_str()),
                CustomerKey::Name(v) => names.push(v.as_str()),
            }
        }
        let mut client = self.client.try_borrow_mut().map_err(|_| busy_connection())?;
        let rows = client.query(FIND_SQL, &[&account, &ids, &taxes, &names, &self.before])?;
        rows.iter().map(decode).collect()
    }
}

impl<C: GenericClient> CustomerLookup for PgBase<'_, C> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        self.find_all(keys).map_err(LookupError::from)
    }
}

/// The connection is in use by another call on the same store (a lookup made from inside a
/// callback of the same store): refused rather than deadlocked.
fn busy_connection() -> StoreError {
    StoreError::Busy("the store's connection is in use by another call of this store".to_owned())
}

/// `id, revision, fields, custom, contacts` as a stored customer.
fn decode(row: &postgres::Row) -> Result<Existing, StoreError> {
    let contacts: Option<String> = row.get(4);
    crate::decode_parts(row.get(0), row.get(1), row.get::<_, &str>(2), row.get::<_, &str>(3), contacts.as_deref())
}

impl CustomerStore for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn schema_version(&mut self) -> Result<u32, StoreError> {
        schema::version(self.client.get_mut())
    }

    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        set_lock_timeout(self.client.get_mut(), timeout)
    }

    fn accounts(&mut self) -> Result<Vec<String>, StoreError> {
        let rows = self.client.get_mut().query("SELECT name FROM cadastro.accounts ORDER BY name", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn account_sizes(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        let rows = self.client.get_mut().query(
            "SELECT a.name, (SELECT count(*) FROM cadastro.customers c WHERE c.account_id = a.id)
             FROM cadastro.accounts a ORDER BY a.name",
            &[],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), u64::try_from(r.get::<_, i64>(1)).unwrap_or(0))).collect())
    }

    fn create_account(&mut self, name: &str) -> Result<(), StoreError> {
        let (tx, _) = PgStore::locked(self.client.get_mut(), name)?;
        tx.commit()?;
        Ok(())
    }

    fn groups(&mut self, account: &str) -> Result<Vec<String>, StoreError> {
        let id = self.account_id(account)?.ok_or_else(|| StoreError::UnknownAccount(account.to_owned()))?;
        let rows = self.client.get_mut().query(
            "SELECT g.name FROM cadastro.groups g WHERE g.account_id = $1
             AND EXISTS (SELECT 1 FROM cadastro.customers c WHERE c.group_id = g.id) ORDER BY g.name",
            &[&id],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn list_customers(&mut self, account: &str, group: Option<&str>) -> Result<Vec<Customer>, StoreError> {
        let id = self.account_id(account)?.ok_or_else(|| StoreError::UnknownAccount(account.to_owned()))?;
        // A cursor (portal) of 5,000 rows at a time: an account of millions is never held
        // twice (rows and customers).
        let client = self.client.get_mut();
        let mut tx = client.build_transaction().read_only(true).start()?;
        let st = tx.prepare(
            "SELECT c.id, c.revision, c.fields::text, c.custom::text,
               (SELECT coalesce(json_agg(k.fields ORDER BY k.position, k.id), '[]'::json)::text
                  FROM cadastro.contacts k WHERE k.customer_id = c.id)
             FROM cadastro.customers c
             WHERE c.account_id = $1 AND ($2::text IS NULL OR c.group_id =
                (SELECT g.id FROM cadastro.groups g WHERE g.account_id = $1 AND g.name = $2))
             ORDER BY c.id",
        )?;
        let portal = tx.bind(&st, &[&id, &group])?;
        let mut out = Vec::new();
        loop {
            let rows = tx.query_portal(&portal, 5_000)?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                out.push(decode(row)?.customer);
            }
        }
        tx.commit()?;
        Ok(out)
    }

    fn base<'s>(&'s mut self, account: &str) -> Result<Box<dyn CustomerLookup + 's>, StoreError> {
        let account = self.account_id(account)?;
        Ok(Box::new(PgBase { client: &self.client, account, before: i64::MAX }))
    }

    fn apply_with_progress(
        &mut self,
        account: &str,
        plan: &ImportPlan,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<PlanCounts, StoreError> {
        let (mut tx, account_id) = PgStore::locked(self.client.get_mut(), account)?;
        let (written, stale) = write::apply_entries(&mut tx, account_id, plan, progress)?;
        if !stale.is_empty() {
            // Dropping `tx` rolls back.
            return Err(StoreError::StalePlan(crate::stale_message(&stale, plan.entries.len())));
        }
        tx.commit()?;
        Ok(written)
    }

    fn apply_fresh(&mut self, account: &str, plan: &ImportPlan) -> Result<ApplyOutcome, StoreError> {
        let (mut tx, account_id) = PgStore::locked(self.client.get_mut(), account)?;
        let (written, stale) = write::apply_entries(&mut tx, account_id, plan, &mut |_, _| {})?;
        tx.commit()?;
        Ok(ApplyOutcome { written, stale })
    }

    fn import_report_with(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
        locale: Locale,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<ImportOutcome, StoreError> {
        if mode.dry_run || (mode.atomic && report.has_errors()) {
            let account_id = self.account_id(account)?;
            let base = PgBase { client: &self.client, account: account_id, before: i64::MAX };
            let plan = reconcile_in(report, profile, &base, locale).map_err(lookup_error)?;
            before_commit(report)?;
            return Ok(ImportOutcome { plan, applied: false });
        }
        let (tx, account_id) = PgStore::locked(self.client.get_mut(), account)?;
        let tx = RefCell::new(tx);
        let base = PgBase { client: &tx, account: Some(account_id), before: i64::MAX };
        let plan = reconcile_in(report, profile, &base, locale).map_err(lookup_error)?;
        before_commit(report)?;
        let mut tx = tx.into_inner();
        if mode.atomic && report.has_errors() {
            tx.rollback()?;
            return Ok(ImportOutcome { plan, applied: false });
        }
        let mut writer = write::Writer::new(&mut tx, account_id)?;
        writer.write_all(&mut tx, plan.changes())?;
        writer.link_parents(&mut tx)?;
        tx.commit()?;
        Ok(ImportOutcome { plan, applied: true })
    }

    fn import_customers(
        &mut self,
        account: &str,
        customers: &[Customer],
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        let (tx, account_id) = PgStore::locked(self.client.get_mut(), account)?;
        let tx = RefCell::new(tx);
        let base = PgBase { client: &tx, account: Some(account_id), before: i64::MAX };
        let plan = Reconciler::new(profile).plan(customers, &base).map_err(lookup_error)?;
        let mut tx = tx.into_inner();
        let mut writer = write::Writer::new(&mut tx, account_id)?;
        writer.write_all(&mut tx, plan.changes())?;
        writer.link_parents(&mut tx)?;
        tx.commit()?;
        Ok(plan)
    }

    fn import_stream(
        &mut self,
        account: &str,
        importer: &Importer,
        source: &Source,
        mode: ImportMode,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(StreamChunk<'_>) -> ControlFlow<()>,
    ) -> Result<StreamOutcome, StoreError> {
        let profile = &importer.options().profile;
        let watched = source.path().map(|p| (p, crate::stream::file_stamp(p)));
        let client = self.client.get_mut();
        // A dry run reads one consistent snapshot without the lock and never creates the
        // account; a real run holds the account's lock until its commit.
        let (tx, account_id) = if mode.dry_run {
            let mut tx =
                client.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).start()?;
            let row = tx.query_opt("SELECT id FROM cadastro.accounts WHERE name = $1", &[&account])?;
            let id = row.map(|r| r.get::<_, i64>(0));
            (tx, id)
        } else {
            let mut tx = client.transaction()?;
            let id = lock_account(&mut tx, account)?;
            (tx, Some(id))
        };
        let tx = RefCell::new(tx);
        // Customers of the account with a greater id are this import's own creations (the
        // account is locked: nobody else creates in it meanwhile).
        let before: i64 = match account_id {
            Some(id) => tx
                .borrow_mut()
                .query_one("SELECT coalesce(max(id), 0) FROM cadastro.customers WHERE account_id = $1", &[&id])?
                .get(0),
            None => 0,
        };
        let base_account = account_id.filter(|_| before > 0);
        let mut writer = match account_id {
            Some(id) if !mode.dry_run => Some(write::Writer::new(&mut tx.borrow_mut(), id)?),
            _ => None,
        };
        let locale = importer.options().locale.or(profile.locale).unwrap_or(Locale::En);
        let mut planner = ChunkPlanner::new(profile, locale);
        let mut host_stopped = false;
        let mut failure: Option<StoreError> = None;
        let parent_base = PgBase { client: &tx, account: base_account, before };
        let parents = LookupParents::new(&parent_base);
        let stream = cadastro::StreamOptions::chunks(chunk_rows);
        let summary = importer.run(source, &parents, stream, &mut |chunk| {
            let base = PgBase { client: &tx, account: base_account, before };
            let (plan, merged) = match planner.plan(&chunk, &base) {
                Ok(planned) => planned,
                Err(e) => {
                    failure = Some(e);
                    return ControlFlow::Break(());
                }
            };
            let issues: &[Issue] = merged.as_deref().unwrap_or(&chunk.issues);
            let write = !(mode.atomic && planner.has_errors);
            let mut written = false;
            if let Some(w) = writer.as_mut().filter(|_| write) {
                let mut tx = match tx.try_borrow_mut() {
                    Ok(tx) => tx,
                    Err(_) => {
                        failure = Some(busy_connection());
                        return ControlFlow::Break(());
                    }
                };
                if let Err(e) = w.write_all(&mut tx, plan.changes()) {
                    failure = Some(e);
                    return ControlFlow::Break(());
                }
                written = true;
            }
            let flow = on_chunk(StreamChunk { issues, plan: &plan, written });
            host_stopped |= flow.is_break();
            flow
        })?;
        if let Some(e) = failure.or_else(|| parents.into_failure().map(lookup_error)) {
            return Err(e);
        }
        let mut tx = tx.into_inner();
        if let Some(e) = watched.and_then(|(path, stamp)| file_changed(path, stamp)) {
            tx.rollback()?;
            return Err(e);
        }
        let summary = planner.finish(summary);
        let stopped = host_stopped || summary.stopped;
        let has_errors = planner.has_errors;
        let apply = !(mode.dry_run || stopped || (mode.atomic && has_errors));
        if apply {
            if let Some(w) = &writer {
                w.link_parents(&mut tx)?;
            }
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(StreamOutcome { summary, counts: planner.counts, applied: apply, stopped, has_errors })
    }
}
