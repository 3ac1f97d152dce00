//! Figures for the report (run with
//! `cargo test --release -p cadastro-store --test measure -- --ignored --nocapture`):
//! applying a 100,000-customer plan to a SQLite file, and lookup throughput.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::Instant;

use cadastro::{Contact, Customer, CustomerKey, Field, Profile, Value};
use cadastro::{CustomerLookup, Reconciler};
use cadastro_store::Store;

const N: usize = 100_000;

fn customer(i: usize, city: &str) -> Customer {
    let mut c = Customer::default();
    let mut put = |f: Field, v: String| {
        c.set(f, Value::Text(v));
    };
    put(Field::ExternalId, format!("CLI-{i:06}"));
    put(Field::Name, format!("Cliente Número {i}"));
    put(Field::TaxId, format!("{:011}", 10_000_000_000_u64 + i as u64));
    put(Field::Email, format!("cliente{i}@example.com.br"));
    put(Field::MobilePhone, format!("+55119{:08}", i));
    put(Field::PostalCode, "01310-100".into());
    put(Field::Address, "Avenida Paulista".into());
    put(Field::AddressNumber, format!("{}", i % 2000));
    put(Field::District, "Bela Vista".into());
    put(Field::City, city.into());
    put(Field::State, "SP".into());
    put(Field::Country, "BR".into());
    put(Field::Group, format!("Grupo {}", i % 20));
    put(Field::Notes, "Cliente desde 2019".into());
    c.set(Field::PaymentTermsDays, Value::Int(30));
    c.contacts
        .push(Contact::with_fields(0, [(Field::ContactEmail, Value::Text(format!("financeiro{i}@example.com.br")))]));
    c
}

#[test]
#[ignore = "measurement; run in release with --nocapture"]
fn measure_apply_and_lookup() {
    let dir = std::env::temp_dir().join(format!("cadastro-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cadastro.db");
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    let profile = Profile::generic();
    let customers: Vec<Customer> = (0..N).map(|i| customer(i, "São Paulo")).collect();

    let t = Instant::now();
    let plan = Reconciler::new(&profile).plan(&customers, &store.base("a").unwrap()).unwrap();
    let plan_empty = t.elapsed();
    let t = Instant::now();
    store.apply("a", &plan).unwrap();
    let apply_create = t.elapsed();

    let t = Instant::now();
    let again = Reconciler::new(&profile).plan(&customers, &store.base("a").unwrap()).unwrap();
    let plan_full = t.elapsed();
    assert!(again.is_noop());

    let keys: Vec<CustomerKey> =
        (0..N).map(|i| CustomerKey::ExternalId(format!("CLI-{:06}", (i * 7919) % N))).collect();
    let base = store.base("a").unwrap();
    let t = Instant::now();
    let mut found = 0;
    for chunk in keys.chunks(10_000) {
        found += base.find(chunk).unwrap().len();
    }
    let lookup = t.elapsed();
    assert_eq!(found, N);

    let edited: Vec<Customer> = (0..N).map(|i| customer(i, "Campinas")).collect();
    let t = Instant::now();
    let update = Reconciler::new(&profile).plan(&edited, &store.base("a").unwrap()).unwrap();
    let plan_update = t.elapsed();
    assert_eq!(update.counts().updated, N as u64);
    let t = Instant::now();
    store.apply("a", &update).unwrap();
    let apply_update = t.elapsed();

    let t = Instant::now();
    let listed = store.list_customers("a", None).unwrap();
    let list = t.elapsed();
    assert_eq!(listed.len(), N);

    let size = std::fs::metadata(&path).unwrap().len();
    println!("customers: {N} (15 fields + 1 contact each); store file {:.1} MB", size as f64 / 1e6);
    println!("plan vs empty base:         {plan_empty:?}");
    println!("apply 100k creates:         {apply_create:?} ({:.0} customers/s)", N as f64 / apply_create.as_secs_f64());
    println!("plan vs full base (noop):   {plan_full:?}");
    println!("lookup 100k keys (10 x 10k): {lookup:?} ({:.0} keys/s)", N as f64 / lookup.as_secs_f64());
    println!("plan 100k updates:          {plan_update:?}");
    println!("apply 100k updates:         {apply_update:?} ({:.0} customers/s)", N as f64 / apply_update.as_secs_f64());
    println!("list 100k customers:        {list:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
