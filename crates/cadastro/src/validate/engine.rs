//! The validation engine: a [`Plan`] compiled once from a profile and a resolved mapping, then
//! run over every row of a [`Table`]. Bad data becomes [`Issue`] values; nothing here fails.
//!
//! Stages: (1) every mapped cell through its leaf ([`check_target`]); (2) rows assembled into
//! customers and contacts by the identity rules of CONTRACT section 3; (3) cross-row rules:
//! required fields, duplicate keys, parents (any row order, cycles), one main contact; (4) a
//! customer with an error on any of its rows is rejected with its contacts, and its other rows
//! get `customer_rejected`, so every non-blank row ends in a valid entity or carries an error.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::cell::{CellCheck, check_target, check_value};
use crate::model::messages::{Detail, Locale, render};
use crate::model::{Cell, Contact, Customer, Field, FieldValues, Value, fold_name};
use crate::model::{Issue, IssueCode, Stats};
use crate::model::{Row, Table};
use crate::profile::ColumnMapping;
use crate::profile::{Profile, Target};

/// How often (in rows) a progress callback is called.
pub const PROGRESS_EVERY: usize = 4096;

/// A reference to a parent customer, as a subsidiary's row gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentRef<'a> {
    /// By the parent's external id.
    ExternalId(&'a str),
    /// By the parent's name, folded (lower case, whitespace collapsed).
    Name(&'a str),
}

/// Answers whether a parent exists in the existing base (the file itself is searched first).
pub trait ParentLookup {
    /// True when the base holds a customer for `parent`.
    fn parent_exists(&self, parent: ParentRef<'_>) -> bool;
}

/// No existing base: parents must be in the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoBase;

impl ParentLookup for NoBase {
    fn parent_exists(&self, _parent: ParentRef<'_>) -> bool {
        false
    }
}

/// Options of one validation run.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions<'a> {
    /// The profile.
    pub profile: &'a Profile,
    /// The country for rows without one (overrides the profile's default when set).
    pub country: Option<&'a str>,
    /// The language of messages.
    pub locale: Locale,
    /// Whether issues carry the raw cell value (off for PII-sensitive hosts).
    pub include_values: bool,
}

/// What a run produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The valid customers, in the order of their first row.
    pub customers: Vec<Customer>,
    /// Every issue, sorted by row then column.
    pub issues: Vec<Issue>,
    /// The counts.
    pub stats: Stats,
}

/// One mapped column, compiled.
#[derive(Debug, Clone)]
struct Slot {
    index: usize,
    column: String,
    header: String,
    target: Target,
    /// The other columns of a merge into this target (`CPF` + `CNPJ` -> tax_id), in order.
    more: Vec<usize>,
}

/// A compiled plan: the mapped columns and the rules of the profile.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    opts: RunOptions<'a>,
    slots: Vec<Slot>,
    unmapped: Vec<(usize, String, String)>,
    country_slot: Option<usize>,
    has_contacts: bool,
    required: Vec<Target>,
}

impl<'a> Plan<'a> {
    /// Compiles the plan for one file from its resolved column mapping.
    pub fn compile(opts: RunOptions<'a>, columns: &[ColumnMapping]) -> Plan<'a> {
        let mut slots = Vec::new();
        let mut unmapped = Vec::new();
        for c in columns {
            match &c.field {
                // A merge: the later columns feed the first one's slot.
                Some(target)
                    if !c.merged_from.is_empty()
                        && slots.iter().any(|s: &Slot| &s.target == target && !s.index.eq(&c.index)) =>
                {
                    if let Some(slot) = slots.iter_mut().find(|s| &s.target == target) {
                        slot.more.push(c.index);
                    }
                }
                Some(target) => slots.push(Slot {
                    index: c.index,
                    column: c.column.clone(),
                    header: c.header.clone(),
                    target: target.clone(),
                    more: Vec::new(),
                }),
                // Ignored on purpose: by the explicit mapping, or a column of the profile's own
                // layout that carries no field (InvoiceOcean's ordinal `No`).
                None if matches!(
                    c.reason,
                    crate::profile::MatchReason::Ignored | crate::profile::MatchReason::ProfileLabel
                ) => {}
                None => {
                    // The error file's own row and Errors columns are ignored on re-import.
                    if !crate::model::label::is_error_file_column(&c.header) {
                        unmapped.push((c.index, c.column.clone(), c.header.clone()));
                    }
                }
            }
        }
        let country_slot = slots.iter().position(|s| s.target == Target::Field(Field::Country));
        let has_contacts = slots.iter().any(|s| s.target.field().is_some_and(Field::is_contact));
        let mut required = opts.profile.required.clone();
        for cf in &opts.profile.custom_fields {
            let t = Target::Custom(cf.name.clone());
            if cf.required && !required.contains(&t) {
                required.push(t);
            }
        }
        Plan { opts, slots, unmapped, country_slot, has_contacts, required }
    }

    /// Whether the file is one line per contact (contact columns are mapped).
    pub fn has_contacts(&self) -> bool {
        self.has_contacts
    }

    /// Runs the plan over a table.
    pub fn run(&self, table: &Table, base: &dyn ParentLookup) -> Outcome {
        self.run_with_progress(table, base, &mut |_, _| {})
    }

    /// Runs the plan over a table, calling `progress(rows_done, rows_total)` every
    /// [`PROGRESS_EVERY`] rows and once at the end of the row checks.
    pub fn run_with_progress(
        &self,
        table: &Table,
        base: &dyn ParentLookup,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Outcome {
        let mut ctx = Ctx { plan: self, table, issues: Vec::new() };
        ctx.unmapped_warnings(table);
        ctx.read_warnings(table);
        let ragged: BTreeMap<u32, &Issue> =
            table.issues.iter().filter(|i| i.code == IssueCode::RaggedRow).map(|i| (i.row, i)).collect();
        let total = table.rows.len() as u64;
        let mut rows: Vec<RowData> = Vec::with_capacity(table.rows.len());
        // Rows are independent: each chunk is checked in parallel, then its rows and issues are
        // appended in row order, so the outcome is the same as a sequential run.
        for (chunk_no, chunk) in table.rows.chunks(PROGRESS_EVERY).enumerate() {
            let start = chunk_no.saturating_mul(PROGRESS_EVERY);
            progress(start as u64, total);
            let checked: Vec<(RowData, Vec<Issue>)> =
                par_map(chunk, start, |index, r| check_row(self, table, index, r, ragged.get(&r.row).copied()));
            for (data, issues) in checked {
                ctx.issues.extend(issues);
                rows.push(data);
            }
        }
        progress(total, total);
        let mut keys = KeyIndex::exact();
        let mut cands =
            if self.has_contacts { ctx.group_with_contacts(&rows) } else { ctx.one_per_row(&mut rows, &mut keys) };
        ctx.required(&mut cands, &rows);
        ctx.parents(&mut cands, &rows, base);
        ctx.main_contacts(&mut cands);
        ctx.finish(cands, table)
    }

    /// Runs the plan over one chunk of a customer-per-row file, the key index carried from
    /// chunk to chunk (streaming, see [`crate::Importer::run`]). `first` marks the first chunk, which
    /// reports the unmapped columns. Parents are not resolved (streaming refuses them).
    pub fn run_chunk(&self, table: &Table, keys: &mut KeyIndex, first: bool) -> Outcome {
        let mut ctx = Ctx { plan: self, table, issues: Vec::new() };
        if first {
            ctx.unmapped_warnings(table);
        }
        ctx.read_warnings(table);
        let ragged: BTreeMap<u32, &Issue> =
            table.issues.iter().filter(|i| i.code == IssueCode::RaggedRow).map(|i| (i.row, i)).collect();
        let checked = par_map(&table.rows, 0, |index, r| check_row(self, table, index, r, ragged.get(&r.row).copied()));
        let mut rows = Vec::with_capacity(checked.len());
        for (data, issues) in checked {
            ctx.issues.extend(issues);
            rows.push(data);
        }
        let mut cands = ctx.one_per_row(&mut rows, keys);
        ctx.required(&mut cands, &rows);
        ctx.finish(cands, table)
    }

    fn slot_for(&self, target: &Target) -> Option<&Slot> {
        self.slots.iter().find(|s| &s.target == target)
    }
}

/// The in-file key index of customer-per-row files: the first row of every external id, tax
/// id and (for rows with neither) folded name. Exact (the keys themselves) for a whole-file
/// run; hashed (64 bits per key) for a streaming run, which keeps no rows: one compact sorted
/// set of about 13 bytes per key for the three kinds together (the kind is part of the hash),
/// see `validate/key_set.rs` for why and how.
#[derive(Debug, Default)]
pub struct KeyIndex {
    exact: [HashMap<String, u32>; 3],
    hashed: Option<super::key_set::KeySet>,
}

impl KeyIndex {
    /// An index keeping the keys themselves.
    pub fn exact() -> Self {
        KeyIndex::default()
    }

    /// An index keeping a 64-bit hash per key (see [`crate::Importer::run`]).
    pub fn hashed() -> Self {
        KeyIndex { exact: Default::default(), hashed: Some(Default::default()) }
    }

    /// Records the first row of a key of `kind` (0 id, 1 tax id, 2 name); returns that first
    /// row when the key was seen before.
    fn first_seen(&mut self, kind: usize, key: &str, row: u32) -> Option<u32> {
        match &mut self.hashed {
            Some(set) => set.first_seen(super::key_set::key_hash(kind as u8, key), row),
            None => first_seen(self.exact.get_mut(kind)?, key, row),
        }
    }
}

/// One row after its cells were checked.
#[derive(Debug, Default)]
struct RowData {
    row: u32,
    line: Option<u64>,
    customer: FieldValues,
    custom: BTreeMap<String, Value>,
    contact: FieldValues,
    customer_error: bool,
    contact_error: bool,
    errored: BTreeSet<Target>,
    /// The row's index in the table, to read raw cell values back for issues.
    index: Option<usize>,
    /// A ragged row: rejected whole, none of its cells read.
    ragged: bool,
}

impl RowData {
    fn text(&self, f: Field) -> Option<&str> {
        self.customer.get(f).and_then(Value::as_str)
    }

    fn has_contact_data(&self) -> bool {
        !self.contact.is_empty() || self.contact_error
    }
}

/// A customer being assembled.
#[derive(Debug, Default)]
struct Cand {
    rows: Vec<u32>,
    first_row: usize,
    values: FieldValues,
    custom: BTreeMap<String, Value>,
    contacts: Vec<ContactCand>,
    errored: BTreeSet<Target>,
    error: bool,
}

#[derive(Debug)]
struct ContactCand {
    row: u32,
    values: FieldValues,
    error: bool,
}

struct Ctx<'p, 'a> {
    plan: &'p Plan<'a>,
    table: &'p Table,
    issues: Vec<Issue>,
}

impl Ctx<'_, '_> {
    fn push(&mut self, code: IssueCode, row: &RowData, slot: Option<&Slot>, detail: Detail, value: Option<String>) {
        self.issues.push(issue_at(self.plan, code, row, slot, detail, value));
    }

    /// Pushes an issue about `target` on `row`, locating the column when it is mapped.
    fn push_field(&mut self, code: IssueCode, row: &RowData, target: &Target, detail: Detail) {
        let plan = self.plan;
        let value = plan
            .slot_for(target)
            .zip(row.index.and_then(|i| self.table.rows.get(i)))
            .map(|(slot, r)| r.cell(slot.index))
            .filter(|c| !c.is_blank())
            .map(cell_raw);
        match plan.slot_for(target) {
            Some(slot) => self.push(code, row, Some(slot), detail, value),
            None => {
                self.push(code, row, None, detail, value);
                if let Some(last) = self.issues.last_mut() {
                    last.field = Some(target.name().to_owned());
                    last.message = render(code, plan.opts.locale, target.name(), detail);
                }
            }
        }
    }

    /// The warnings of reading the table (`encoding_doubt`, `skipped_above_header`,
    /// `invalid_bytes_replaced`, `nul_bytes_removed`), with their messages.
    fn read_warnings(&mut self, table: &Table) {
        let locale = self.plan.opts.locale;
        let header_row = table.source.header_row_number();
        for issue in table.issues.iter().filter(|i| i.code != IssueCode::RaggedRow) {
            let mut issue = issue.clone();
            let encoding = table.source.encoding.map_or("", |e| e.as_str());
            issue.message = match issue.code {
                IssueCode::EncodingDoubt => render(issue.code, locale, encoding, Detail::None),
                IssueCode::SkippedAboveHeader => render(issue.code, locale, "", Detail::Row(header_row)),
                code => render(code, locale, "", Detail::None),
            };
            self.issues.push(issue);
        }
    }

    fn unmapped_warnings(&mut self, table: &Table) {
        let plan = self.plan;
        let header_row = RowData { row: table.source.header_row_number(), ..RowData::default() };
        for (index, column, header) in &plan.unmapped {
            let has_data = table.rows.iter().any(|r| !r.cell(*index).is_blank());
            if header.trim().is_empty() && !has_data {
                continue;
            }
            let slot = Slot {
                index: *index,
                column: column.clone(),
                header: header.clone(),
                target: Target::Custom(String::new()),
                more: Vec::new(),
            };
            self.push(IssueCode::UnmappedColumn, &header_row, Some(&slot), Detail::None, None);
            if let Some(last) = self.issues.last_mut() {
                last.field = None;
            }
        }
    }

    fn new_cand(index: usize, row: &RowData) -> Cand {
        Cand {
            rows: vec![row.row],
            first_row: index,
            values: row.customer.clone(),
            custom: row.custom.clone(),
            contacts: Vec::new(),
            errored: row.errored.iter().filter(|t| !t.field().is_some_and(Field::is_contact)).cloned().collect(),
            error: row.customer_error,
        }
    }

    /// Files without contact columns: one row is one customer; repeated keys are errors.
    ///
    /// The rows' values move into the candidates (no copy): afterwards a row's `customer` and
    /// `custom` maps are empty, and the later stages read the candidate's (for a one-row
    /// customer, [`Ctx::flag_parent`] falls back to the customer's first row, the same row).
    fn one_per_row(&mut self, rows: &mut [RowData], keys: &mut KeyIndex) -> Vec<Cand> {
        let mut duplicate = vec![false; rows.len()];
        for (row, dup) in rows.iter().zip(duplicate.iter_mut()) {
            let id = row.text(Field::ExternalId);
            let tax = row.text(Field::TaxId);
            if let Some(id) = id
                && let Some(first) = keys.first_seen(0, id, row.row)
            {
                self.push_field(IssueCode::DuplicateKey, row, &Target::Field(Field::ExternalId), Detail::Row(first));
                *dup = true;
            }
            if let Some(tax) = tax
                && let Some(first) = keys.first_seen(1, tax, row.row)
            {
                self.push_field(IssueCode::DuplicateKey, row, &Target::Field(Field::TaxId), Detail::Row(first));
                *dup = true;
            }
            if id.is_none()
                && tax.is_none()
                && let Some(name) = row.text(Field::Name)
                && let Some(first) = keys.first_seen(2, &fold_name(name), row.row)
            {
                self.push_field(IssueCode::DuplicateKey, row, &Target::Field(Field::Name), Detail::Row(first));
                *dup = true;
            }
        }
        rows.iter_mut()
            .zip(duplicate)
            .enumerate()
            .map(|(i, (row, dup))| {
                let mut cand = Cand {
                    rows: vec![row.row],
                    first_row: i,
                    values: std::mem::take(&mut row.customer),
                    custom: std::mem::take(&mut row.custom),
                    contacts: Vec::new(),
                    errored: row
                        .errored
                        .iter()
                        .filter(|t| !t.field().is_some_and(Field::is_contact))
                        .cloned()
                        .collect(),
                    error: row.customer_error,
                };
                cand.error |= dup;
                cand
            })
            .collect()
    }

    /// Files with contact columns: rows with the same customer key merge into one customer.
    fn group_with_contacts(&mut self, rows: &[RowData]) -> Vec<Cand> {
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut by_tax: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut contact_keys: HashMap<String, (usize, u32)> = HashMap::new();
        let mut cands: Vec<Cand> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if row.ragged {
                // Rejected whole with `ragged_row`: its cells belong to no customer.
                continue;
            }
            let id = row.text(Field::ExternalId);
            let tax = row.text(Field::TaxId);
            let name = row.text(Field::Name).map(fold_name);
            let found = match (id, tax, &name) {
                (Some(id), _, _) => by_id.get(id).copied(),
                (None, Some(tax), _) => by_tax.get(tax).copied(),
                (None, None, Some(name)) => by_name.get(name).copied(),
                (None, None, None) => None,
            };
            let ci = match found {
                Some(ci) => {
                    self.merge(&mut cands, ci, row, rows);
                    ci
                }
                None if id.is_none() && tax.is_none() && name.is_none() => {
                    // No way to tell whose row this is: the row is rejected on its own.
                    if !row.errored.contains(&Target::Field(Field::Name)) {
                        self.push_field(IssueCode::Required, row, &Target::Field(Field::Name), Detail::None);
                    }
                    continue;
                }
                None => {
                    let ci = cands.len();
                    let mut cand = Self::new_cand(i, row);
                    if let Some(tax) = tax
                        && let Some(&other) = by_tax.get(tax)
                    {
                        let first = cands.get(other).and_then(|c| c.rows.first()).copied().unwrap_or(0);
                        self.push_field(IssueCode::DuplicateKey, row, &Target::Field(Field::TaxId), Detail::Row(first));
                        cand.error = true;
                    }
                    if let Some(id) = id {
                        by_id.insert(id.to_owned(), ci);
                    }
                    if let Some(tax) = tax {
                        by_tax.entry(tax.to_owned()).or_insert(ci);
                    }
                    if let Some(name) = name {
                        by_name.entry(name).or_insert(ci);
                    }
                    cands.push(cand);
                    ci
                }
            };
            if row.has_contact_data() {
                self.contact(&mut cands, ci, row, &mut contact_keys);
            }
        }
        cands
    }

    fn merge(&mut self, cands: &mut [Cand], ci: usize, row: &RowData, rows: &[RowData]) {
        let Some(cand) = cands.get_mut(ci) else { return };
        cand.rows.push(row.row);
        cand.error |= row.customer_error;
        cand.errored.extend(row.errored.iter().filter(|t| !t.field().is_some_and(Field::is_contact)).cloned());
        let first_row = rows.get(cand.first_row).map_or(0, |r| r.row);
        let mut conflicts = Vec::new();
        for (f, v) in row.customer.iter() {
            match cand.values.get(f) {
                None => {
                    cand.values.insert(f, v.clone());
                }
                Some(old) if old == v => {}
                Some(_) => conflicts.push(Target::Field(f)),
            }
        }
        for (name, v) in &row.custom {
            match cand.custom.get(name) {
                None => {
                    cand.custom.insert(name.clone(), v.clone());
                }
                Some(old) if old == v => {}
                Some(_) => conflicts.push(Target::Custom(name.clone())),
            }
        }
        if !conflicts.is_empty() {
            cand.error = true;
        }
        for target in conflicts {
            self.push_field(IssueCode::DuplicateKey, row, &target, Detail::Row(first_row));
        }
    }

    fn contact(&mut self, cands: &mut [Cand], ci: usize, row: &RowData, keys: &mut HashMap<String, (usize, u32)>) {
        let mut error = row.contact_error;
        match row.contact.get(Field::ContactEmail).and_then(Value::as_str) {
            Some(email) => {
                if let Some(&(_, first)) = keys.get(email) {
                    self.push_field(
                        IssueCode::DuplicateKey,
                        row,
                        &Target::Field(Field::ContactEmail),
                        Detail::Row(first),
                    );
                    error = true;
                } else {
                    keys.insert(email.to_owned(), (ci, row.row));
                }
            }
            None => {
                if !row.errored.contains(&Target::Field(Field::ContactEmail)) {
                    self.push_field(IssueCode::Required, row, &Target::Field(Field::ContactEmail), Detail::None);
                }
                error = true;
            }
        }
        if let Some(cand) = cands.get_mut(ci) {
            cand.contacts.push(ContactCand { row: row.row, values: row.contact.clone(), error });
        }
    }

    fn required(&mut self, cands: &mut [Cand], rows: &[RowData]) {
        let plan = self.plan;
        for cand in cands.iter_mut() {
            if rows.get(cand.first_row).is_some_and(|r| r.ragged) {
                // Already rejected whole, with `ragged_row`.
                continue;
            }
            for target in &plan.required {
                let present = match target {
                    Target::Field(f) => cand.values.contains(*f),
                    Target::Custom(n) => cand.custom.contains_key(n),
                };
                if present || cand.errored.contains(target) {
                    continue;
                }
                cand.error = true;
                if let Some(row) = rows.get(cand.first_row) {
                    self.push_field(IssueCode::Required, row, target, Detail::None);
                }
            }
        }
    }

    fn parents(&mut self, cands: &mut [Cand], rows: &[RowData], base: &dyn ParentLookup) {
        let refers = |c: &Cand| c.values.contains(Field::ParentId) || c.values.contains(Field::ParentName);
        if !cands.iter().any(refers) {
            // No customer names a parent: nothing to resolve (and no index to build).
            return;
        }
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, c) in cands.iter().enumerate() {
            if let Some(id) = c.values.get(Field::ExternalId).and_then(Value::as_str) {
                by_id.entry(id).or_insert(i);
            }
            if let Some(name) = c.values.get(Field::Name).and_then(Value::as_str) {
                by_name.entry(fold_name(name)).or_insert(i);
            }
        }
        // Resolve every reference: Some(Some(j)) in the file, Some(None) in the base, None unresolved.
        let mut links: Vec<Option<usize>> = vec![None; cands.len()];
        let mut bad: Vec<(usize, Field)> = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            let pid = c.values.get(Field::ParentId).and_then(Value::as_str);
            let pname = c.values.get(Field::ParentName).and_then(Value::as_str).map(fold_name);
            let (field, in_file, in_base) = match (pid, &pname) {
                (Some(id), _) => {
                    (Field::ParentId, by_id.get(id).copied(), base.parent_exists(ParentRef::ExternalId(id)))
                }
                (None, Some(name)) => {
                    (Field::ParentName, by_name.get(name).copied(), base.parent_exists(ParentRef::Name(name)))
                }
                (None, None) => continue,
            };
            match in_file {
                Some(j) => {
                    if let Some(slot) = links.get_mut(i) {
                        *slot = Some(j);
                    }
                }
                None if in_base => {}
                None => bad.push((i, field)),
            }
        }
        // Cycles: following parents from i comes back to i.
        for i in 0..cands.len() {
            let mut cur = links.get(i).copied().flatten();
            let mut steps = 0;
            while let Some(j) = cur {
                if j == i {
                    let field = if cands.get(i).is_some_and(|c| c.values.contains(Field::ParentId)) {
                        Field::ParentId
                    } else {
                        Field::ParentName
                    };
                    bad.push((i, field));
                    break;
                }
                steps += 1;
                if steps > cands.len() {
                    break;
                }
                cur = links.get(j).copied().flatten();
            }
        }
        let mut flagged = BTreeSet::new();
        for (i, field) in bad {
            self.flag_parent(cands, rows, i, field, &mut flagged);
        }
        // A parent rejected for its own errors cannot be linked to: cascade until nothing changes.
        loop {
            let mut changed = false;
            for i in 0..cands.len() {
                let Some(j) = links.get(i).copied().flatten() else { continue };
                let parent_rejected = cands.get(j).is_some_and(|c| c.error);
                let child_ok = cands.get(i).is_some_and(|c| !c.error);
                if parent_rejected && child_ok {
                    let field = if cands.get(i).is_some_and(|c| c.values.contains(Field::ParentId)) {
                        Field::ParentId
                    } else {
                        Field::ParentName
                    };
                    self.flag_parent(cands, rows, i, field, &mut flagged);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn flag_parent(
        &mut self,
        cands: &mut [Cand],
        rows: &[RowData],
        i: usize,
        field: Field,
        flagged: &mut BTreeSet<usize>,
    ) {
        if !flagged.insert(i) {
            return;
        }
        let Some(cand) = cands.get_mut(i) else { return };
        cand.error = true;
        // The row that carries the parent value (the first row of the customer that has it).
        let row = cand
            .rows
            .iter()
            .filter_map(|r| rows.iter().find(|d| d.row == *r))
            .find(|d| d.customer.contains(field))
            .or_else(|| rows.get(cand.first_row));
        if let Some(row) = row {
            self.push_field(IssueCode::UnknownParent, row, &Target::Field(field), Detail::None);
        }
    }

    fn main_contacts(&mut self, cands: &mut [Cand]) {
        let plan = self.plan;
        for cand in cands.iter_mut().filter(|c| !c.error) {
            let mains: Vec<usize> = cand
                .contacts
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.error && c.values.get(Field::ContactIsMain) == Some(&Value::Bool(true)))
                .map(|(i, _)| i)
                .collect();
            let Some((&kept, demoted)) = mains.split_last() else { continue };
            let kept_row = cand.contacts.get(kept).map_or(0, |c| c.row);
            for &i in demoted {
                let Some(contact) = cand.contacts.get_mut(i) else { continue };
                contact.values.insert(Field::ContactIsMain, Value::Bool(false));
                let row = RowData { row: contact.row, ..RowData::default() };
                let target = Target::Field(Field::ContactIsMain);
                match plan.slot_for(&target) {
                    Some(slot) => {
                        self.push(IssueCode::MultipleMainContacts, &row, Some(slot), Detail::Row(kept_row), None)
                    }
                    None => self.push_field(IssueCode::MultipleMainContacts, &row, &target, Detail::Row(kept_row)),
                }
            }
        }
    }

    fn finish(mut self, cands: Vec<Cand>, table: &Table) -> Outcome {
        let mut error_rows: BTreeSet<u32> = self.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
        // Rows come in increasing row order from every reader: a binary search finds a row's line.
        let line_of = |r: u32| match table.rows.binary_search_by_key(&r, |row| row.row) {
            Ok(i) => table.rows.get(i).and_then(|row| row.line),
            Err(_) => table.rows.iter().find(|row| row.row == r).and_then(|row| row.line),
        };
        let mut stats =
            Stats { rows_total: table.rows.len() as u64, rows_blank: u64::from(table.blank_rows), ..Stats::default() };
        let mut customers = Vec::new();
        for cand in cands {
            if cand.error {
                stats.customers_rejected += 1;
                stats.contacts_rejected += cand.contacts.len() as u64;
                let cause = cand.rows.iter().copied().find(|r| error_rows.contains(r)).unwrap_or(0);
                let contact_rows = cand.contacts.iter().map(|c| c.row);
                let all_rows: BTreeSet<u32> = cand.rows.iter().copied().chain(contact_rows).collect();
                for r in all_rows {
                    if error_rows.insert(r) {
                        let data = RowData { row: r, line: line_of(r), ..RowData::default() };
                        self.push(IssueCode::CustomerRejected, &data, None, Detail::Row(cause), None);
                        if let Some(last) = self.issues.last_mut() {
                            last.field = Some("_row".to_owned());
                        }
                    }
                }
                continue;
            }
            stats.customers_valid += 1;
            let mut contacts = Vec::new();
            for c in cand.contacts {
                if c.error {
                    stats.contacts_rejected += 1;
                } else {
                    stats.contacts_valid += 1;
                    contacts.push(Contact { row: c.row, values: c.values });
                }
            }
            let mut rows = cand.rows;
            rows.sort_unstable();
            rows.dedup();
            customers.push(Customer { rows, values: cand.values, custom: cand.custom, contacts });
        }
        stats.rows_rejected = error_rows.len() as u64;
        let mut issues = self.issues;
        issues.sort_by(|a, b| (a.row, column_key(a)).cmp(&(b.row, column_key(b))));
        Outcome { customers, issues, stats }
    }
}

/// An issue's column in sheet order (`B` before `AA`), for sorting without copying it.
fn column_key(issue: &Issue) -> Option<(usize, &str)> {
    issue.column.as_deref().map(|c| (c.len(), c))
}

/// Checks every mapped cell of one row: the row's values and its issues, in push order. Touches
/// nothing shared, so rows can be checked in parallel.
fn check_row(plan: &Plan<'_>, table: &Table, index: usize, row: &Row, ragged: Option<&Issue>) -> (RowData, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut data = RowData { row: row.row, line: row.line, index: Some(index), ..RowData::default() };
    if let Some(read) = ragged {
        // The row is rejected whole: its cells may be shifted into the wrong columns, so none
        // of them is validated (no `invalid_country` on the half of a split address).
        data.customer_error = true;
        data.contact_error = true;
        data.ragged = true;
        let mut issue = Issue::new(IssueCode::RaggedRow, row.row);
        issue.line = row.line;
        issue.field = Some("_row".to_owned());
        issue.column = read.column.clone();
        issue.header = read.header.clone();
        let what = match (&read.header, &read.column) {
            (Some(h), _) if !h.is_empty() => h.as_str(),
            (_, Some(c)) => c.as_str(),
            _ => "",
        };
        issue.message =
            render(IssueCode::RaggedRow, plan.opts.locale, what, Detail::Counts(row.cells.len(), table.headers.len()));
        issues.push(issue);
        return (data, issues);
    }
    let default_country = plan.opts.country.or(plan.opts.profile.default_country.as_deref());
    // The country cell is checked once: its value is the row's country, and (the check of a
    // country does not depend on the row's country) the slot's own check below.
    let mut country_check: Option<CellCheck> =
        plan.country_slot.and_then(|i| plan.slots.get(i)).map(|s| check_value(Field::Country, row.cell(s.index), None));
    let row_country: Option<String> =
        country_check.as_ref().and_then(|c| c.value.as_ref()).and_then(|v| v.as_str().map(str::to_owned));
    let country = row_country.as_deref().or(default_country);
    data.customer.reserve(plan.slots.len());
    for (slot_no, slot) in plan.slots.iter().enumerate() {
        let mut cell = row.cell(slot.index);
        if !slot.more.is_empty() {
            // A merge: the filled column; two filled with different values is an error.
            let filled: Vec<&Cell> = std::iter::once(slot.index)
                .chain(slot.more.iter().copied())
                .map(|i| row.cell(i))
                .filter(|c| !c.is_blank())
                .collect();
            if let Some(first) = filled.first() {
                cell = first;
            }
            let key = |c: &Cell| crate::model::text::compact(&c.as_text()).to_uppercase();
            if filled.iter().skip(1).any(|c| key(c) != key(cell)) {
                data.customer_error |= !slot.target.field().is_some_and(Field::is_contact);
                data.contact_error |= slot.target.field().is_some_and(Field::is_contact);
                data.errored.insert(slot.target.clone());
                let shown: Vec<String> = filled.iter().map(|c| cell_raw(c)).collect();
                issues.push(issue_at(
                    plan,
                    IssueCode::MergedValuesDiffer,
                    &data,
                    Some(slot),
                    Detail::None,
                    Some(shown.join(" / ")),
                ));
                continue;
            }
        }
        if cell.is_blank() {
            continue;
        }
        let reuse = plan.country_slot == Some(slot_no) && slot.more.is_empty();
        let check: CellCheck = match if reuse { country_check.take() } else { None } {
            Some(check) => check,
            None => check_target(plan.opts.profile, &slot.target, cell, country),
        };
        let is_contact = slot.target.field().is_some_and(Field::is_contact);
        if let Some(code) = check.error {
            if is_contact {
                data.contact_error = true;
            } else {
                data.customer_error = true;
            }
            data.errored.insert(slot.target.clone());
            issues.push(issue_at(plan, code, &data, Some(slot), Detail::None, raw_value(plan, cell)));
        }
        for w in &check.warnings {
            issues.push(issue_at(plan, *w, &data, Some(slot), Detail::None, raw_value(plan, cell)));
        }
        if let Some(value) = check.value {
            match &slot.target {
                Target::Field(f) if f.is_contact() => {
                    data.contact.insert(*f, value);
                }
                Target::Field(f) => {
                    data.customer.insert(*f, value);
                }
                Target::Custom(name) => {
                    data.custom.insert(name.clone(), value);
                }
            }
        }
    }
    (data, issues)
}

/// One issue about `row` (and `slot`'s column when given).
fn issue_at(
    plan: &Plan<'_>,
    code: IssueCode,
    row: &RowData,
    slot: Option<&Slot>,
    detail: Detail,
    value: Option<String>,
) -> Issue {
    let what = slot.map_or_else(String::new, |s| if s.header.is_empty() { s.column.clone() } else { s.header.clone() });
    let mut issue = Issue::new(code, row.row);
    issue.line = row.line;
    issue.column = slot.map(|s| s.column.clone());
    issue.header = slot.map(|s| s.header.clone());
    issue.field = slot.map(|s| s.target.name().to_owned());
    issue.message = render(code, plan.opts.locale, &what, detail);
    issue.value = value.filter(|_| plan.opts.include_values);
    issue
}

/// `f(index, row)` over a chunk of rows (`start` is the chunk's first index), in order; on
/// every core with the `parallel` feature.
fn par_map<T: Send>(chunk: &[Row], start: usize, f: impl Fn(usize, &Row) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        chunk.par_iter().enumerate().map(|(i, r)| f(start.saturating_add(i), r)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        chunk.iter().enumerate().map(|(i, r)| f(start.saturating_add(i), r)).collect()
    }
}

/// Records the first row of a key; returns that first row when the key was seen before.
fn first_seen(map: &mut HashMap<String, u32>, key: &str, row: u32) -> Option<u32> {
    match map.get(key) {
        Some(&first) => Some(first),
        None => {
            map.insert(key.to_owned(), row);
            None
        }
    }
}

/// The raw text of a cell for an issue's `value`, only when the run keeps values.
fn raw_value(plan: &Plan<'_>, cell: &Cell) -> Option<String> {
    plan.opts.include_values.then(|| cell_raw(cell))
}

/// The raw text of a cell for the issue's `value`.
fn cell_raw(cell: &Cell) -> String {
    cell.as_text().into_owned()
}
