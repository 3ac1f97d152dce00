//! Native memory held by JS objects, reported to V8 (issue #17 point 3). A `Report` or a `Plan`
//! keeps its customers, issues and rows in Rust memory that V8 cannot see: without being told,
//! it collects the small JS wrappers rarely, and a loop of validations grew by tens of MB per
//! call. Each such object reports an estimate of what it holds through
//! `napi_adjust_external_memory` when it is handed to JavaScript ([`Settle`]), and takes it
//! back when its finalizer runs, so that V8 schedules collections by the real footprint.
//!
//! The estimates count the heap bytes of the strings and collections plus a fixed cost per
//! allocation; they need to be of the right order, not exact.

use cadastro::ImportPlan;
use cadastro::{Cell, Customer, Issue, Table, Value};
use napi::Env;

/// Bookkeeping cost of one heap allocation (allocator header, rounding).
const ALLOC: usize = 16;
/// One entry of a `BTreeMap<Field, Value>` (key, value, node share).
const MAP_ENTRY: usize = 64;

fn text(s: &str) -> usize {
    if s.is_empty() { 0 } else { s.len() + ALLOC }
}

fn opt(s: &Option<String>) -> usize {
    s.as_deref().map_or(0, text)
}

fn value(v: &Value) -> usize {
    MAP_ENTRY
        + match v {
            Value::Text(s) => text(s),
            Value::List(items) => items.iter().map(|s| text(s) + 24).sum::<usize>() + ALLOC,
            _ => 0,
        }
}

/// The heap bytes of customers with their contacts.
pub fn customers(list: &[Customer]) -> usize {
    list.iter()
        .map(|c| {
            std::mem::size_of::<Customer>()
                + c.rows.len() * 4
                + c.fields().map(|(_, v)| value(v)).sum::<usize>()
                + c.custom.iter().map(|(k, v)| text(k) + value(v)).sum::<usize>()
                + c.contacts.iter().map(|k| 64 + k.fields().map(|(_, v)| value(v)).sum::<usize>()).sum::<usize>()
        })
        .sum()
}

/// The heap bytes of issues.
pub fn issues(list: &[Issue]) -> usize {
    list.iter()
        .map(|i| {
            std::mem::size_of::<Issue>()
                + opt(&i.column)
                + opt(&i.header)
                + opt(&i.field)
                + text(&i.message)
                + opt(&i.value)
        })
        .sum()
}

/// The heap bytes of a table's rows and headers.
pub fn table(t: &Table) -> usize {
    let cells = |cells: &[Cell]| -> usize {
        cells
            .iter()
            .map(|c| {
                std::mem::size_of::<Cell>()
                    + match c {
                        Cell::Text(s) | Cell::Date(s) => text(s),
                        _ => 0,
                    }
            })
            .sum()
    };
    t.headers.iter().map(|h| text(h) + 24).sum::<usize>()
        + t.rows.iter().map(|r| 48 + ALLOC + cells(&r.cells)).sum::<usize>()
        + issues(&t.issues)
}

/// The heap bytes of a core report.
pub fn report(r: &cadastro::Report) -> usize {
    customers(&r.customers) + issues(&r.issues) + r.mapping.len() * 160
}

/// The heap bytes of an import plan.
pub fn plan(p: &ImportPlan) -> usize {
    p.entries
        .iter()
        .map(|e| {
            160 + customers(std::slice::from_ref(&e.customer))
                + e.diff.fields.len() * 96
                + e.diff.contacts.iter().map(|c| 96 + c.changes.len() * 96).sum::<usize>()
        })
        .sum()
}

/// What a value handed to JavaScript does once it is there: an object that holds native memory
/// reports it to V8 (and keeps the figure, to take it back in its finalizer).
pub trait Settle {
    /// Called on the JS thread just before the value becomes a JS value.
    fn settle(&mut self, env: &Env);
}

impl Settle for () {
    fn settle(&mut self, _env: &Env) {}
}

/// Reports `bytes` more (or fewer, when negative) native bytes to V8. Best effort: a failure
/// leaves V8's figure as it was and changes nothing else.
pub fn adjust(env: &Env, bytes: i64) {
    if bytes != 0 {
        let _ = env.adjust_external_memory(bytes);
    }
}

/// `bytes` as the signed figure napi takes.
pub fn signed(bytes: usize) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
}
