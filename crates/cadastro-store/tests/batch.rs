//! The store answers a batch of 10,000 keys with one SQL statement (counted with SQLite's
//! statement trace), and a 10,000-customer import plans with one lookup statement.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cadastro::{Customer, CustomerKey, Field, Profile, Value};
use cadastro::{CustomerLookup, Reconciler};
use cadastro_store::Store;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

fn customer(i: usize) -> Customer {
    let mut c = Customer::default();
    c.set(Field::ExternalId, Value::Text(format!("C-{i:05}")));
    c.set(Field::TaxId, Value::Text(format!("{:011}", 10_000_000_000_u64 + i as u64)));
    c.set(Field::Name, Value::Text(format!("Customer {i}")));
    c.set(Field::City, Value::Text("Recife".into()));
    c
}

#[test]
fn ten_thousand_keys_in_one_statement() {
    let count = Arc::new(AtomicU64::new(0));
    let statements = Arc::clone(&count);
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(move |e: TraceEvent<'_>| {
            if let TraceEvent::Stmt(_, sql) = e
                && !sql.starts_with("--")
            {
                statements.fetch_add(1, Ordering::SeqCst);
            }
        }),
    )
    .unwrap();
    let mut store = Store::from_connection(conn).unwrap();
    let customers: Vec<Customer> = (0..10_000).map(customer).collect();
    store.import_customers("a", &customers, &Profile::generic()).unwrap();

    // 10,000 keys of the three kinds, half of them unknown.
    let keys: Vec<CustomerKey> = (0..10_000)
        .map(|i| match i % 3 {
            0 => CustomerKey::ExternalId(format!("C-{:05}", i * 2)),
            1 => CustomerKey::TaxId(format!("{:011}", 10_000_000_000_u64 + i as u64 * 2)),
            _ => CustomerKey::Name(format!("customer {}", i * 2)),
        })
        .collect();
    let base = store.base("a").unwrap();
    count.store(0, Ordering::SeqCst);
    let found = base.find(&keys).unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 1, "one statement for the whole batch");
    assert_eq!(found.len(), 5_000);

    // Re-planning the 10,000 customers (30,000 identity keys) is one statement per 10,000 keys.
    count.store(0, Ordering::SeqCst);
    let plan = Reconciler::new(&Profile::generic()).plan(&customers, &base).unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 3);
    assert!(plan.is_noop());
}
