//! On every testdata input file: rows in = rows of created + updated + unchanged customers +
//! rejected rows (each row of a valid customer in exactly one plan entry, every other row with
//! an error issue); the store then holds exactly the valid customers; a second import of the
//! same file is all unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cadastro::BaseParents;
use cadastro::{ImportOptions, Importer, Profile, Report, Source};
use cadastro_store::{ImportMode, Store};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["testdata/inputs/csv", "testdata/inputs/excel", "examples/data"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x != "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn profile_for(path: &Path) -> Profile {
    let name = path.file_name().unwrap().to_string_lossy();
    for p in ["asaas", "invoiceocean", "upflow"] {
        if name.starts_with(p) {
            return Profile::builtin(p).unwrap();
        }
    }
    if name.starts_with("clientes") { Profile::builtin("asaas").unwrap() } else { Profile::generic() }
}

fn import(
    store: &mut Store,
    importer: &Importer,
    path: &Path,
) -> Option<(Report, cadastro::ImportPlan, BTreeSet<u32>)> {
    let table = Source::from_path(path).open(&importer.options().read).ok()?;
    let columns = importer.columns(&table).ok()?;
    let parents = BaseParents::for_table(&table, &columns, &store.base("t").unwrap()).unwrap();
    let mut report = importer.validate_table(&table, &parents).unwrap();
    let out = store.import_report("t", &mut report, &importer.options().profile, ImportMode::default()).unwrap();
    let rows = table.rows.iter().map(|r| r.row).collect();
    Some((report, out.plan, rows))
}

#[test]
fn every_row_of_every_input_is_accounted_for_and_reimport_is_unchanged() {
    let mut checked = 0;
    for path in inputs() {
        let importer =
            Importer::new(ImportOptions { profile: profile_for(&path), ..ImportOptions::default() }).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let Some((report, plan, rows)) = import(&mut store, &importer, &path) else { continue };
        let name = path.display();
        let mut planned = BTreeSet::new();
        for e in &plan.entries {
            for r in &e.customer.rows {
                assert!(planned.insert(*r), "{name}: row {r} in two plan entries");
            }
        }
        let rejected: BTreeSet<u32> = report.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
        let union: BTreeSet<u32> = planned.union(&rejected).copied().collect();
        assert_eq!(union, rows, "{name}");
        let c = report.plan.unwrap();
        assert_eq!(c.created, report.stats.customers_valid, "{name}: first import into an empty account");
        assert_eq!(report.stats.rows_rejected, rejected.len() as u64, "{name}");
        // The store holds exactly the valid customers.
        let mut expected = report.customers.clone();
        for c in &mut expected {
            c.rows.clear();
            c.contacts.iter_mut().for_each(|k| k.row = 0);
        }
        if !expected.is_empty() {
            assert_eq!(store.list_customers("t", None).unwrap(), expected, "{name}");
        }
        // Same file again: all unchanged.
        let (again, plan2, _) = import(&mut store, &importer, &path).unwrap();
        assert!(plan2.is_noop(), "{name}: {:?}", plan2.changes().map(|e| &e.diff).collect::<Vec<_>>());
        assert_eq!(again.plan.unwrap().unchanged, c.created, "{name}");
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} files were read");
}
