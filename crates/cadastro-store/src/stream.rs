//! Streaming import: [`Store::import_stream`] validates a file chunk by chunk (the core's
//! pipeline, [`Importer::run`], parents also looked up in the account's base), reconciles and
//! writes each chunk inside **one** transaction, and hands the host every chunk's issues and
//! plan. Neither the file, its rows, the report nor the whole plan is ever held: memory is one
//! chunk, the core's in-file key index and SQLite's bounded page cache (a file with contact or
//! parent columns holds its rows until its end, then comes as one chunk).
//!
//! Equivalence with [`Store::import_table`]: each chunk is reconciled against the account's
//! customers **as they were before the import** (the lookups skip the rows this import created,
//! through the id the store had reached when it started), so a customer created by an earlier
//! chunk is never "found" again by a later one, exactly as in a whole-file plan where the file's
//! own rows are not part of the base. Stored customers that a later chunk matches are read with
//! the earlier chunks' writes applied (same transaction). As in a whole-file plan, each stored
//! customer is matched by at most one row of the file: the stored customers earlier chunks
//! matched are out of the base for the later ones, and a later row whose key (external id, tax
//! id, or the name of a customer with neither) belongs to one of them is rejected with
//! `key_conflict` naming the stored customer (instead of updating it a second time). The import
//! keeps the ids of the stored customers it matched as a compressed bitmap (a few bits each).

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use cadastro::{Chunk, CustomerKey, CustomerLookup, Existing, Field, IssueCode, Locale, LookupError, StreamSummary};
use cadastro::{ImportPlan, LookupParents, Reconciler};
use cadastro::{Importer, Issue, PlanCounts, Source, Stats};
use cadastro::{fold_name, nfc_key};
use roaring::RoaringTreemap;
use rusqlite::TransactionBehavior;

use crate::{AccountBase, ImportMode, Store, StoreError, Writer, ensure_account, lookup_error};

/// One chunk of a streaming import, as handed to the host's callback.
#[derive(Debug, Clone, Copy)]
pub struct StreamChunk<'a> {
    /// This chunk's issues (rows rejected and warnings), sorted by row then column; the first
    /// chunk starts with the header-row warnings.
    pub issues: &'a [Issue],
    /// This chunk's plan: one entry per valid customer of the chunk (create / update with its
    /// diff / unchanged), in file order.
    pub plan: &'a ImportPlan,
    /// Whether this chunk's plan was written (inside the import's transaction, which may still
    /// be rolled back: see [`StreamOutcome::applied`]). False in a dry run, and in atomic mode
    /// from the first chunk with an error on.
    pub written: bool,
}

/// What [`Store::import_stream`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamOutcome {
    /// The validation summary (source, mapping, stats of the rows read).
    pub summary: StreamSummary,
    /// The plan's counts summed over every chunk (computed in dry runs too).
    pub counts: PlanCounts,
    /// Whether the import was committed: false for a dry run, an atomic import of a file with
    /// an error, or a stopped stream.
    pub applied: bool,
    /// The host's callback returned [`ControlFlow::Break`]: the rest of the file was not read
    /// and nothing was written.
    pub stopped: bool,
    /// Whether any row had an error issue.
    pub has_errors: bool,
}

impl Store {
    /// The `cadastro import` flow for a large delimited text file, in one streaming pass:
    /// validation chunk by chunk (`chunk_rows` rows per chunk, 0 for the core's default), each
    /// chunk's valid customers reconciled with `account`'s base with the profile's identity and
    /// write-policy rules, then written, all inside **one** transaction; `on_chunk` receives each
    /// chunk's issues and plan as soon as it is done.
    ///
    /// At the end the transaction is committed, or rolled back (nothing written, the account not
    /// created) when `mode.dry_run`, when `mode.atomic` and a row had an error, or when
    /// `on_chunk` returned [`ControlFlow::Break`] (`stopped`). The counts are computed in every
    /// case. The account is created when missing, as [`Store::import_table`] does when it
    /// applies. See the [module documentation](crate::stream) for the one difference from a
    /// whole-file plan.
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// use cadastro::{ImportOptions, Importer, Source};
    /// use cadastro_store::{ImportMode, Store};
    /// let csv = "Identificador Externo;Nome completo;CPF/CNPJ\n1;Ana;529.982.247-25\n2;Bia;111\n";
    /// let importer = Importer::new(ImportOptions::for_profile("asaas")?)?;
    /// let mut store = Store::open_in_memory()?;
    /// let mut issues = 0;
    /// let source = Source::from_bytes(csv.as_bytes().to_vec());
    /// let outcome = store.import_stream("default", &importer, &source, ImportMode::default(), 0, &mut |chunk| {
    ///     issues += chunk.issues.len();
    ///     ControlFlow::Continue(())
    /// })?;
    /// assert_eq!((outcome.counts.created, issues, outcome.applied), (1, 1, true));
    /// assert_eq!(store.list_customers("default", None)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::Core`] for the file-level failures of [`Importer::validate_stream`]
    /// (including `invalid_options` for what does not stream: workbooks, UTF-16 text, contact or
    /// parent columns); [`StoreError::InvalidAccount`]; [`StoreError::Sqlite`] and the lookup's
    /// failures. On any error nothing is written.
    pub fn import_stream(
        &mut self,
        account: &str,
        importer: &Importer,
        source: &Source,
        mode: ImportMode,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(StreamChunk<'_>) -> ControlFlow<()>,
    ) -> Result<StreamOutcome, StoreError> {
        let profile = &importer.options().profile;
        // The file's size and modification time before and after the stream: a file truncated,
        // rewritten or appended to while it was read is refused, nothing committed.
        let watched = source.path().map(|p| (p, file_stamp(p)));
        // A dry run may be on a read-only store: it only reads (one read transaction, a
        // consistent snapshot), and never creates the account. A real run takes the write lock
        // first (`BEGIN IMMEDIATE`): every chunk is planned against the store as it is, and no
        // other process writes until the commit, so nothing it created is created twice.
        let behavior = if mode.dry_run { TransactionBehavior::Deferred } else { TransactionBehavior::Immediate };
        let tx = self.conn.transaction_with_behavior(behavior)?;
        let account_id = if mode.dry_run {
            tx.query_row("SELECT id FROM accounts WHERE name = ?1", [account], |r| r.get(0))
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?
        } else {
            Some(ensure_account(&tx, account)?)
        };
        // Customers with a greater id are this import's own creations: not part of the base.
        let before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM customers", [], |r| r.get(0))?;
        // An account without customers (a first import) has nothing to look up.
        let base_account = match account_id {
            Some(id) => tx
                .query_row("SELECT EXISTS (SELECT 1 FROM customers WHERE account_id = ?1)", [id], |r| r.get(0))
                .map(|found: bool| found.then_some(id))?,
            None => None,
        };
        let mut writer = match account_id {
            Some(id) if !mode.dry_run => Some(Writer::new(&tx, id)?),
            _ => None,
        };
        // The row issues a plan adds (key_conflict) speak the host's locale, else the profile's;
        // the header-language default of the stream is known only after its first chunk.
        let locale = importer.options().locale.or(profile.locale).unwrap_or(cadastro::Locale::En);
        let mut planner = ChunkPlanner::new(profile, locale);
        let mut host_stopped = false;
        let mut failure: Option<StoreError> = None;
        // Parents of a file with parent columns are looked up in the base as it was.
        let parent_base = AccountBase { conn: &tx, account: base_account, before: Some(before) };
        let parents = LookupParents::new(&parent_base);
        let stream = cadastro::StreamOptions::chunks(chunk_rows);
        let summary = importer.run(source, &parents, stream, &mut |chunk| {
            let base = AccountBase { conn: &tx, account: base_account, before: Some(before) };
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
                if let Err(e) = plan.changes().try_for_each(|entry| w.write(entry)) {
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
        if let Some(e) = watched.and_then(|(path, stamp)| file_changed(path, stamp)) {
            drop(writer);
            tx.rollback()?;
            return Err(e);
        }
        let summary = planner.finish(summary);
        let has_errors = planner.has_errors;
        let counts = planner.counts;
        let stopped = host_stopped || summary.stopped;
        let apply = !(mode.dry_run || stopped || (mode.atomic && has_errors));
        if apply {
            if let Some(w) = &writer {
                w.link_parents()?;
            }
            drop(writer);
            tx.commit()?;
        } else {
            drop(writer);
            tx.rollback()?;
        }
        Ok(StreamOutcome { summary, counts, applied: apply, stopped, has_errors })
    }
}

/// A file's length and modification time (None when it cannot be read: the stream reports it).
pub(crate) fn file_stamp(path: &std::path::Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

/// The error of a file truncated, rewritten or appended to while it was streamed (its stamp
/// moved since `before`), or None.
pub(crate) fn file_changed(
    path: &std::path::Path,
    before: Option<(u64, Option<std::time::SystemTime>)>,
) -> Option<StoreError> {
    if before.is_none() || file_stamp(path) == before {
        return None;
    }
    let source = std::io::Error::other(
        "the file changed (truncated, rewritten or appended to) while it was imported; nothing was written, import \
         it again once it is complete",
    );
    let kind = cadastro::ErrorKind::Io { path: Some(path.display().to_string()), source };
    Some(StoreError::Core(kind.into()))
}

/// The planning of a streamed import's chunks, shared by the backends: reconciles each chunk
/// against the base minus the stored customers earlier chunks matched, rejects a create whose
/// unique key belongs to one of those (`key_conflict`), moves the rejected rows into the chunk's
/// issues and sums the counts.
///
/// The matched customers are kept as a compressed bitmap of their ids (a few bits per
/// customer, whatever the file's size); the creates' keys are looked up once per chunk, and only
/// once a customer was matched.
pub(crate) struct ChunkPlanner<'p> {
    reconciler: Reconciler<'p>,
    profile: &'p cadastro::Profile,
    locale: Locale,
    /// Ids of the stored customers matched so far.
    claimed: RoaringTreemap,
    /// Rows rejected by the plans (key conflicts).
    rejected: Stats,
    /// The plan's counts over every chunk.
    pub(crate) counts: PlanCounts,
    /// Whether any row had an error issue so far.
    pub(crate) has_errors: bool,
}

/// A stored id as the bitmap holds it (the store's ids are positive integers).
fn claim_id(id: &str) -> Option<u64> {
    id.parse::<u64>().ok()
}

/// A base without the stored customers an earlier chunk matched.
struct Unclaimed<'a> {
    inner: &'a dyn CustomerLookup,
    claimed: &'a RoaringTreemap,
}

impl CustomerLookup for Unclaimed<'_> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        let mut found = self.inner.find(keys)?;
        if !self.claimed.is_empty() {
            found.retain(|e| !claim_id(&e.id).is_some_and(|id| self.claimed.contains(id)));
        }
        Ok(found)
    }
}

/// The unique keys of a customer as the store enforces them: external id, tax id, and the
/// folded name of a customer with neither.
fn unique_keys(c: &cadastro::Customer) -> Vec<CustomerKey> {
    let ext = c.text(Field::ExternalId).map(|v| CustomerKey::ExternalId(nfc_key(v).into_owned()));
    let tax = c.text(Field::TaxId).map(|v| CustomerKey::TaxId(nfc_key(v).into_owned()));
    let name = match (&ext, &tax) {
        (None, None) => c.text(Field::Name).map(|n| CustomerKey::Name(fold_name(n))),
        _ => None,
    };
    [ext, tax, name].into_iter().flatten().collect()
}

impl<'p> ChunkPlanner<'p> {
    pub(crate) fn new(profile: &'p cadastro::Profile, locale: Locale) -> Self {
        ChunkPlanner {
            reconciler: Reconciler::new(profile).locale(locale),
            profile,
            locale,
            claimed: RoaringTreemap::new(),
            rejected: Stats::default(),
            counts: PlanCounts::default(),
            has_errors: false,
        }
    }

    /// Plans one chunk: its plan, and its issues with the rejected rows merged in when the
    /// plan rejected any (else None: the chunk's own issues stand).
    pub(crate) fn plan(
        &mut self,
        chunk: &Chunk,
        base: &dyn CustomerLookup,
    ) -> Result<(ImportPlan, Option<Vec<Issue>>), StoreError> {
        self.has_errors |= chunk.issues.iter().any(Issue::is_error);
        let unclaimed = Unclaimed { inner: base, claimed: &self.claimed };
        let mut plan = self.reconciler.plan(&chunk.customers, &unclaimed).map_err(lookup_error)?;
        // A create holding a unique key of a stored customer an earlier chunk matched: the file
        // names that customer twice, by different keys (the whole-file plan's `key_conflict`).
        if !self.claimed.is_empty() && plan.entries.iter().any(|e| e.existing.is_none()) {
            let mut seen = HashSet::new();
            let keys: Vec<CustomerKey> = plan
                .entries
                .iter()
                .filter(|e| e.existing.is_none())
                .flat_map(|e| unique_keys(&e.customer))
                .filter(|k| seen.insert(k.clone()))
                .collect();
            let mut holders: HashMap<CustomerKey, String> = HashMap::new();
            for batch in keys.chunks(cadastro::DEFAULT_BATCH) {
                for e in base.find(batch).map_err(lookup_error)? {
                    if claim_id(&e.id).is_some_and(|id| self.claimed.contains(id)) {
                        for k in unique_keys(&e.customer) {
                            holders.entry(k).or_insert_with(|| e.id.clone());
                        }
                    }
                }
            }
            if !holders.is_empty() {
                let mut kept = Vec::with_capacity(plan.entries.len());
                for entry in std::mem::take(&mut plan.entries) {
                    let holder = match entry.existing {
                        None => unique_keys(&entry.customer).iter().find_map(|k| holders.get(k)).cloned(),
                        Some(_) => None,
                    };
                    match holder {
                        Some(id) => plan.rejected.push(self.duplicate_issue(&entry.customer, &id)),
                        None => kept.push(entry),
                    }
                }
                plan.entries = kept;
            }
        }
        for entry in &plan.entries {
            if let Some(id) = entry.existing.as_ref().and_then(|e| claim_id(&e.id)) {
                self.claimed.insert(id);
            }
        }
        let mut merged = None;
        if !plan.rejected.is_empty() {
            self.has_errors = true;
            for c in chunk.customers.iter().filter(|c| plan.rejected.iter().any(|i| c.rows.first() == Some(&i.row))) {
                self.rejected.customers_rejected += 1;
                self.rejected.rows_rejected += c.rows.len().max(1) as u64;
            }
            let mut issues = chunk.issues.clone();
            issues.extend(plan.rejected.iter().cloned());
            issues.sort_by_key(|i| i.row);
            merged = Some(issues);
        }
        let c = plan.counts();
        self.counts.created += c.created;
        self.counts.updated += c.updated;
        self.counts.unchanged += c.unchanged;
        Ok((plan, merged))
    }

    /// The `key_conflict` of a row naming a stored customer an earlier chunk's row already
    /// matched.
    fn duplicate_issue(&self, customer: &cadastro::Customer, id: &str) -> Issue {
        let mut issue = Issue::new(IssueCode::KeyConflict, customer.rows.first().copied().unwrap_or(0));
        let (field, value) = match (customer.text(Field::ExternalId), customer.text(Field::TaxId)) {
            (Some(v), _) => (Field::ExternalId, v),
            (None, Some(v)) => (Field::TaxId, v),
            (None, None) => (Field::Name, customer.text(Field::Name).unwrap_or("")),
        };
        issue.field = Some(field.as_str().to_owned());
        issue.value = Some(value.to_owned());
        let target = cadastro::Target::Field(field);
        issue.header = self.profile.header_for(&target).map(str::to_owned);
        let what = self.profile.header_for(&target).unwrap_or(field.as_str());
        issue.message = cadastro::claimed_key_message(self.locale, what, id, None);
        issue
    }

    /// The stream's summary with the plans' rejected rows counted.
    pub(crate) fn finish(&self, mut summary: StreamSummary) -> StreamSummary {
        let st = &mut summary.stats;
        st.customers_valid = st.customers_valid.saturating_sub(self.rejected.customers_rejected);
        st.customers_rejected = st.customers_rejected.saturating_add(self.rejected.customers_rejected);
        st.rows_rejected = st.rows_rejected.saturating_add(self.rejected.rows_rejected);
        summary
    }
}

#[cfg(test)]
mod tests {
    use crate::{FIND_BEFORE_SQL, Store};

    /// Each branch of a streaming lookup is one index search that stops at the pre-import row
    /// id (the indexes end with the rowid), so lookups stay cheap as the import grows.
    #[test]
    fn the_pre_import_lookup_searches_each_index_up_to_the_row_id() -> Result<(), crate::StoreError> {
        let store = Store::open_in_memory()?;
        let mut st = store.connection().prepare(&format!("EXPLAIN QUERY PLAN {FIND_BEFORE_SQL}"))?;
        let plan: Vec<String> =
            st.query_map(rusqlite::params![1, "[]", "[]", "[]", 5], |r| r.get(3))?.collect::<Result<_, _>>()?;
        for index in ["customers_external_id", "customers_tax_id", "customers_name"] {
            let line = plan.iter().find(|l| l.contains(&format!("INDEX {index} (")));
            assert!(line.is_some_and(|l| l.contains("rowid<?")), "{index}:\n{}", plan.join("\n"));
        }
        Ok(())
    }
}
