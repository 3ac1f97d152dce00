//! `Store::import_stream`: a streamed import stores exactly what `import_table` stores, on the
//! repository's real files and on the generated benchmark workload; re-imports are unchanged;
//! an edited row is one update with its diff; dry runs, atomic imports with errors and a host's
//! Break write nothing; chunk sizes agree; what does not stream is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use cadastro::{Action, ImportPlan, PlanEntry};
use cadastro::{Customer, Field, ImportOptions, Importer, Issue, PlanCounts, Source, Value};
use cadastro_store::{ImportMode, Store, StoreError, StreamOutcome};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

fn importer(profile: &str) -> Importer {
    Importer::new(ImportOptions::for_profile(profile).unwrap()).unwrap()
}

/// The profile a test input is written for (by its name).
fn profile_of(path: &Path) -> &'static str {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.starts_with("asaas") || name.starts_with("clientes-asaas") {
        "asaas"
    } else if name.starts_with("invoiceocean") {
        "invoiceocean"
    } else if name.starts_with("upflow") {
        "upflow"
    } else {
        "generic"
    }
}

/// What a streamed import handed the host, chunk by chunk.
#[derive(Debug, Default)]
struct Seen {
    chunks: usize,
    issues: Vec<Issue>,
    entries: Vec<PlanEntry>,
}

fn stream(
    store: &mut Store,
    imp: &Importer,
    source: &Source,
    mode: ImportMode,
    chunk_rows: usize,
) -> Result<(StreamOutcome, Seen), StoreError> {
    let mut seen = Seen::default();
    let out = store.import_stream("default", imp, source, mode, chunk_rows, &mut |chunk| {
        seen.chunks += 1;
        seen.issues.extend_from_slice(chunk.issues);
        seen.entries.extend(chunk.plan.entries.iter().cloned());
        ControlFlow::Continue(())
    })?;
    Ok((out, seen))
}

/// `import_table` of the same file into `store`.
fn whole(store: &mut Store, imp: &Importer, source: &Source, mode: ImportMode) -> (cadastro::Report, ImportPlan) {
    let table = source.open(&imp.options().read).unwrap();
    let (report, outcome) = store.import_table("default", imp, &table, mode, &mut |_, _| {}).unwrap();
    (report, outcome.plan)
}

fn stored(store: &Store) -> Vec<Customer> {
    store.list_customers("default", None).unwrap_or_default()
}

fn actions(entries: &[PlanEntry]) -> Vec<(Action, Vec<u32>)> {
    entries.iter().map(|e| (e.action, e.customer.rows.clone())).collect()
}

/// Streams `path` into a fresh store at each chunk size and compares with `import_table`.
fn assert_same_as_whole(path: &Path, chunk_sizes: &[usize]) {
    let imp = importer(profile_of(path));
    let source = Source::from_path(path);
    let mut reference = Store::open_in_memory().unwrap();
    let (report, plan) = whole(&mut reference, &imp, &source, ImportMode::default());
    let expected = stored(&reference);
    for &chunk_rows in chunk_sizes {
        let mut store = Store::open_in_memory().unwrap();
        let (out, seen) = stream(&mut store, &imp, &source, ImportMode::default(), chunk_rows).unwrap();
        let what = format!("{} with chunks of {chunk_rows}", path.display());
        assert!(out.applied && !out.stopped, "{what}");
        assert_eq!(stored(&store), expected, "{what}");
        assert_eq!(out.counts, plan.counts(), "{what}");
        assert_eq!(Some(out.counts), report.plan, "{what}");
        assert_eq!(actions(&seen.entries), actions(&plan.entries), "{what}");
        assert_eq!(seen.issues, report.issues, "{what}");
        assert_eq!(out.summary.stats, report.stats, "{what}");
        assert_eq!(out.has_errors, report.has_errors(), "{what}");
    }
}

#[test]
fn the_example_file_streams_to_the_same_store_as_a_whole_file_import() {
    let path = repo("examples/data/clientes-asaas.csv");
    assert_same_as_whole(&path, &[1, 7, 0]);
    // The example has a duplicate external id and bad values: there is something to compare.
    let imp = importer("asaas");
    let mut store = Store::open_in_memory().unwrap();
    let (out, seen) = stream(&mut store, &imp, &Source::from_path(&path), ImportMode::default(), 0).unwrap();
    assert!(seen.issues.iter().any(|i| i.code.as_str() == "duplicate_key"));
    assert!(out.counts.created > 0 && out.summary.stats.customers_rejected > 0);
}

#[test]
fn every_streamable_testdata_csv_gives_the_whole_file_result() {
    let mut compared = 0;
    let mut refused = Vec::new();
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(repo("testdata/inputs/csv")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let imp = importer(profile_of(path));
        let source = Source::from_path(path);
        // Files the whole-file import itself rejects (e.g. a missing required column) are
        // rejected by the stream with the same code.
        let table = source.open(&imp.options().read);
        let whole_err = match &table {
            Ok(t) => Store::open_in_memory()
                .unwrap()
                .import_table("default", &imp, t, ImportMode::default(), &mut |_, _| {})
                .err()
                .map(|e| e.code()),
            Err(e) => Some(e.code()),
        };
        let mut store = Store::open_in_memory().unwrap();
        match (stream(&mut store, &imp, &source, ImportMode::default(), 0), whole_err) {
            (Err(e), _) if e.code() == "invalid_options" => refused.push(path.file_name().unwrap().to_owned()),
            (Err(e), Some(code)) => assert_eq!(e.code(), code, "{}", path.display()),
            (Err(e), None) => panic!("{}: the stream failed with {e} where the whole file imports", path.display()),
            (Ok(_), Some(code)) => {
                panic!("{}: the stream imported where the whole file fails ({code})", path.display())
            }
            (Ok(_), None) => {
                assert_same_as_whole(path, &[1, 7, 0]);
                compared += 1;
            }
        }
    }
    // UTF-16 files and files with contacts or parents stream too: nothing is refused.
    assert!(refused.is_empty(), "refused: {refused:?}");
    assert!(compared >= 10, "{compared} files compared");
}

#[test]
fn the_generated_workload_streams_to_the_same_store_and_reimports_unchanged() {
    let dir = std::env::temp_dir().join(format!("cadastro-store-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("customers.csv");
    cadastro_benches::write(cadastro_benches::Kind::Win1252Csv, 3_000, &path).unwrap();
    assert_same_as_whole(&path, &[7, 1000, 0]);

    let imp = importer("asaas");
    let source = Source::from_path(&path);
    let mut store = Store::open_in_memory().unwrap();
    let (first, _) = stream(&mut store, &imp, &source, ImportMode::default(), 500).unwrap();
    assert!(first.counts.created > 2_800, "{:?}", first.counts);
    // The same file again: everything is unchanged and nothing moves.
    let before = stored(&store);
    let (again, seen) = stream(&mut store, &imp, &source, ImportMode::default(), 500).unwrap();
    assert_eq!(again.counts, PlanCounts { created: 0, updated: 0, unchanged: first.counts.created });
    assert!(seen.entries.iter().all(|e| e.action == Action::Unchanged));
    assert_eq!(stored(&store), before);
    let _ = std::fs::remove_dir_all(&dir);
}

const HEADER: &str = "Identificador Externo;Nome completo;CPF/CNPJ;Cidade\n";

fn csv(rows: &[&str]) -> Source {
    Source::from_bytes(format!("{HEADER}{}\n", rows.join("\n")).into_bytes())
}

/// A valid CPF (check digits computed) from nine digits.
fn cpf(n: u32) -> String {
    let mut d: Vec<u32> = format!("{:09}", n % 1_000_000_000).bytes().map(|b| u32::from(b - b'0')).collect();
    for len in [9, 10] {
        let sum: u32 = d.iter().take(len).enumerate().map(|(i, x)| x * (len as u32 + 1 - i as u32)).sum();
        let r = (sum * 10) % 11;
        d.push(if r == 10 { 0 } else { r });
    }
    d.iter().map(|x| char::from(b'0' + *x as u8)).collect()
}

/// A row `id;name;cpf;city` with a valid CPF per id.
fn row(id: u32, name: &str, city: &str) -> String {
    format!("{id};{name};{};{city}", cpf(100_000_000 + id * 7919))
}

fn rows_csv(rows: &[String]) -> Source {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv(&rows)
}

#[test]
fn an_edited_row_is_one_update_with_its_diff() {
    let imp = importer("asaas");
    let mut store = Store::open_in_memory().unwrap();
    let rows = [row(1, "Ana", "Recife"), row(2, "Bia", "Natal"), row(3, "Caio", "Olinda")];
    let (first, _) = stream(&mut store, &imp, &rows_csv(&rows), ImportMode::default(), 1).unwrap();
    assert_eq!(first.counts.created, 3);
    let edited = [row(1, "Ana", "Recife"), row(2, "Bia", "Fortaleza"), row(3, "Caio", "Olinda")];
    let (out, seen) = stream(&mut store, &imp, &rows_csv(&edited), ImportMode::default(), 2).unwrap();
    assert_eq!(out.counts, PlanCounts { created: 0, updated: 1, unchanged: 2 });
    let update: Vec<&PlanEntry> = seen.entries.iter().filter(|e| e.action == Action::Update).collect();
    assert_eq!(update.len(), 1);
    let change = &update[0].diff.fields;
    assert_eq!(change.len(), 1);
    assert_eq!(change[0].old, Some(Value::Text("Natal".into())));
    assert_eq!(change[0].new, Some(Value::Text("Fortaleza".into())));
    let bia = stored(&store).into_iter().find(|c| c.text(Field::ExternalId) == Some("2")).unwrap();
    assert_eq!(bia.text(Field::City), Some("Fortaleza"));
}

#[test]
fn dry_runs_and_atomic_imports_with_errors_write_nothing() {
    let imp = importer("asaas");
    let bad = rows_csv(&[row(1, "Ana", "Recife"), "2;Bia;111;Natal".to_owned(), row(3, "Caio", "Olinda")]);
    for mode in [ImportMode { dry_run: true, atomic: false }, ImportMode { dry_run: false, atomic: true }] {
        let mut store = Store::open_in_memory().unwrap();
        let (out, _) = stream(&mut store, &imp, &bad, mode, 1).unwrap();
        assert!(!out.applied && !out.stopped && out.has_errors, "{mode:?}");
        assert_eq!(out.counts.created, 2, "{mode:?}: the counts are still computed");
        assert!(store.accounts().unwrap().is_empty(), "{mode:?}: not even the account");
    }
    // Atomic without errors writes.
    let mut store = Store::open_in_memory().unwrap();
    let good = rows_csv(&[row(1, "Ana", "Recife"), row(3, "Caio", "Olinda")]);
    let (out, _) = stream(&mut store, &imp, &good, ImportMode { dry_run: false, atomic: true }, 1).unwrap();
    assert!(out.applied);
    assert_eq!(stored(&store).len(), 2);
    // A dry run against a filled base: the plan is the real one, the base is untouched.
    let edited = rows_csv(&[row(1, "Ana", "Caruaru"), row(3, "Caio", "Olinda"), row(4, "Davi", "Natal")]);
    let before = stored(&store);
    let (out, _) = stream(&mut store, &imp, &edited, ImportMode { dry_run: true, atomic: false }, 1).unwrap();
    assert_eq!(out.counts, PlanCounts { created: 1, updated: 1, unchanged: 1 });
    assert_eq!(stored(&store), before);
}

#[test]
fn a_dry_run_works_on_a_read_only_store() {
    let dir = std::env::temp_dir().join(format!("cadastro-store-stream-ro-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("cadastro.db");
    let _ = std::fs::remove_file(&db);
    drop(Store::open(&db).unwrap());
    let mut store = Store::open_read_only(&db).unwrap();
    let (out, _) = stream(
        &mut store,
        &importer("asaas"),
        &rows_csv(&[row(1, "Ana", "Recife")]),
        ImportMode { dry_run: true, atomic: false },
        0,
    )
    .unwrap();
    assert_eq!(out.counts.created, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_host_break_rolls_everything_back() {
    let imp = importer("asaas");
    let rows: Vec<String> = (1..=300).map(|i| row(i, &format!("Cliente {i}"), "Recife")).collect();
    let mut store = Store::open_in_memory().unwrap();
    store.create_account("default").unwrap();
    let mut chunks = 0;
    let out = store
        .import_stream("default", &imp, &rows_csv(&rows), ImportMode::default(), 10, &mut |chunk| {
            chunks += 1;
            assert!(chunk.written);
            if chunks == 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .unwrap();
    assert_eq!(chunks, 2);
    assert!(out.stopped && !out.applied && out.summary.stopped);
    // The first chunk is at least 60 records, the header one of them (it is looked for among
    // them), the second 10.
    assert_eq!(out.summary.stats.rows_total, 59 + 10);
    assert!(stored(&store).is_empty(), "nothing partial is committed");
    // The store is usable afterwards.
    let (out, _) = stream(&mut store, &imp, &rows_csv(&rows), ImportMode::default(), 10).unwrap();
    assert_eq!(out.counts.created, 300);
}

#[test]
fn later_chunks_do_not_match_customers_created_by_earlier_ones() {
    // Row 1 has an external id, row 2 only the same name: a whole-file import creates both (the
    // file's own rows are not the base), and so must a stream that has already written row 1.
    let imp = importer("generic");
    let source = Source::from_bytes(b"External ID,Name,City\nE1,Ana Lima,Recife\n,Ana Lima,Natal\n".to_vec());
    let mut reference = Store::open_in_memory().unwrap();
    let (_, plan) = whole(&mut reference, &imp, &source, ImportMode::default());
    assert_eq!(plan.counts().created, 2);
    let mut store = Store::open_in_memory().unwrap();
    let (out, _) = stream(&mut store, &imp, &source, ImportMode::default(), 1).unwrap();
    assert_eq!(out.counts, plan.counts());
    assert_eq!(stored(&store), stored(&reference));
}

#[test]
fn contact_and_parent_files_stream_and_parents_resolve_in_the_base() {
    // The contacts file (customers over several rows, a parent in the file): the whole-file result.
    assert_same_as_whole(&repo("testdata/inputs/csv/upflow_pipe_contacts.csv"), &[1, 3, 0]);
    // A parent stored by an earlier import, named by a streamed file: found in the base.
    let imp = importer("generic");
    let mut store = Store::open_in_memory().unwrap();
    let first = Source::from_bytes(b"external_id,name\nP-1,Matriz\n".to_vec());
    stream(&mut store, &imp, &first, ImportMode::default(), 0).unwrap();
    let second = Source::from_bytes(b"external_id,name,parent_id\nF-1,Filial,P-1\nF-2,Outra,P-9\n".to_vec());
    let (out, seen) = stream(&mut store, &imp, &second, ImportMode::default(), 1).unwrap();
    assert_eq!(seen.issues.iter().map(|i| (i.row, i.code.as_str())).collect::<Vec<_>>(), [(3, "unknown_parent")]);
    assert_eq!(out.counts.created, 1);
    let mut reference = Store::open_in_memory().unwrap();
    whole(&mut reference, &imp, &first, ImportMode::default());
    let (report, _) = whole(&mut reference, &imp, &second, ImportMode::default());
    assert_eq!(report.issues, seen.issues);
    assert_eq!(stored(&store), stored(&reference));
}
