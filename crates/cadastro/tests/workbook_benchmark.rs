#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Issue 14, workbooks at scale: every workbook of a corpus fetched by
//! testdata/realworld/fetch-workbooks.sh (the test files of calamine, Apache POI, xlrd, SheetJS,
//! PhpSpreadsheet, ClosedXML and rust_xlsxwriter: several thousand files written by Excel,
//! LibreOffice, Numbers, WPS and others, many from bug reports) is read whole with the default
//! options and tallied: read, refused (by kind), crashed (a panic: must be none) or hung (over
//! the per-file budget: must be none). Where the corpus has an `oracle.jsonl` (what openpyxl,
//! xlrd, pyxlsb and odfpy see: testdata/scripts/annotate_workbooks.py --oracle), each refusal is
//! judged against it: a refusal of a file whose first visible sheet holds cells for those readers
//! is listed as "refused, other readers see a table"; a read whose sheet or row count differs from
//! theirs is listed too. Ignored by default (the corpus is not committed):
//!
//!     testdata/realworld/fetch-workbooks.sh target/workbook-corpus
//!     WORKBOOK_CORPUS=target/workbook-corpus cargo test -p cadastro --test workbook_benchmark -- --ignored --nocapture
//!
//! `WORKBOOK_LIST=FILE` writes every file's outcome, one line each, to FILE.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cadastro::{ReadOptions, Table, read_bytes};

/// A file taking longer than this (on a loaded 2-core machine) is a hang.
const BUDGET: Duration = Duration::from_secs(30);

const EXTENSIONS: [&str; 7] = ["xlsx", "xlsm", "xltx", "xltm", "xlsb", "xls", "ods"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|ext| EXTENSIONS.contains(&ext.to_string_lossy().to_lowercase().as_str()))
        {
            out.push(path);
        }
    }
}

/// What the other readers saw: `Ok((sheet, non-blank rows))`, `Ok(("", 0))` for a workbook with
/// no cell, or `Err(message)` when they could not read it.
type Oracle = HashMap<String, Result<(String, u64), String>>;

fn oracle(dir: &Path) -> Oracle {
    let Ok(text) = std::fs::read_to_string(dir.join("oracle.jsonl")) else {
        return Oracle::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let file = v["file"].as_str()?.to_owned();
            let seen = if let Some(e) = v["error"].as_str() {
                Err(e.to_owned())
            } else if v.get("skipped").is_some() {
                return None;
            } else {
                Ok((v["sheet"].as_str().unwrap_or_default().to_owned(), v["rows"].as_u64().unwrap_or(0)))
            };
            Some((file, seen))
        })
        .collect()
}

enum Outcome {
    Read(Box<Table>),
    Refused(String, String),
    Crashed(String),
    Hung,
}

fn read_one(bytes: Vec<u8>) -> Outcome {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let got = std::panic::catch_unwind(|| read_bytes(&bytes, &ReadOptions::default()));
        let _ = tx.send(got);
    });
    match rx.recv_timeout(BUDGET) {
        Ok(Ok(Ok(table))) => Outcome::Read(Box::new(table)),
        Ok(Ok(Err(e))) => Outcome::Refused(e.code().to_owned(), e.to_string()),
        Ok(Err(panic)) => Outcome::Crashed(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        ),
        Err(mpsc::RecvTimeoutError::Timeout) => Outcome::Hung,
        Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Crashed("thread died".to_owned()),
    }
}

/// Rows of the read sheet holding a cell: the header, the rows above it and the data rows.
fn non_blank_rows(table: &Table) -> u64 {
    (table.rows.len() + table.source.skipped_rows.len() + usize::from(table.source.header_row.is_some())) as u64
}

#[test]
#[ignore = "needs a corpus fetched by testdata/realworld/fetch-workbooks.sh (WORKBOOK_CORPUS)"]
fn workbook_corpus_tally() {
    let Some(dir) = std::env::var_os("WORKBOOK_CORPUS").map(PathBuf::from) else {
        eprintln!("WORKBOOK_CORPUS is not set: nothing to tally");
        return;
    };
    let oracle = oracle(&dir);
    let mut files = Vec::new();
    walk(&dir, &mut files);
    assert!(!files.is_empty(), "no workbook under {}", dir.display());

    let mut per_source: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    let (mut crashes, mut hangs, mut wrong_refusals, mut differ, mut headerless) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut justified, mut unjudged, mut agree, mut slowest) = (0, 0, 0, (Duration::ZERO, String::new()));
    let mut list = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
        let source = rel.split('/').next().unwrap_or_default().to_owned();
        let counts = per_source.entry(source).or_default();
        let bytes = std::fs::read(path).unwrap();
        let start = Instant::now();
        let outcome = read_one(bytes);
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, rel.clone());
        }
        let seen = oracle.get(&rel);
        let line = match outcome {
            Outcome::Read(table) => {
                counts[0] += 1;
                let sheet = table.source.sheet.clone().unwrap_or_default();
                let rows = non_blank_rows(&table);
                if table.source.header_row.is_none() {
                    let first = table.rows.first().map(|r| format!("{:?}", r.cells.iter().take(6).collect::<Vec<_>>()));
                    headerless.push(format!("{rel}: {}", first.unwrap_or_default()));
                }
                match seen {
                    Some(Ok((s, r))) if *s == sheet && *r == rows => agree += 1,
                    Some(Ok((s, r))) => differ.push(format!("{rel}: read {sheet:?} {rows} rows, others {s:?} {r}")),
                    Some(Err(e)) => differ.push(format!("{rel}: read {sheet:?} {rows} rows, others failed: {e}")),
                    None => {}
                }
                format!("{rel}\tread\t{sheet}\t{rows}\theader_row={:?}", table.source.header_row)
            }
            Outcome::Refused(kind, message) => {
                counts[1] += 1;
                *refused.entry(kind.clone()).or_default() += 1;
                match seen {
                    Some(Ok((s, r))) if *r > 0 => {
                        wrong_refusals.push(format!("{rel}: {kind}: {message} (others: {s:?} {r} rows)"));
                    }
                    Some(_) => justified += 1,
                    None => unjudged += 1,
                }
                format!("{rel}\t{kind}\t{message}")
            }
            Outcome::Crashed(why) => {
                counts[2] += 1;
                crashes.push(format!("{rel}: {why}"));
                format!("{rel}\tCRASH\t{why}")
            }
            Outcome::Hung => {
                counts[3] += 1;
                hangs.push(rel.clone());
                format!("{rel}\tHANG")
            }
        };
        list.push(line);
    }
    if let Some(out) = std::env::var_os("WORKBOOK_LIST") {
        std::fs::write(out, list.join("\n") + "\n").unwrap();
    }

    let total = files.len();
    let read: usize = per_source.values().map(|c| c[0]).sum();
    eprintln!("{total} workbooks under {}", dir.display());
    eprintln!("{:16} {:>6} {:>6} {:>6} {:>6}", "source", "read", "refuse", "crash", "hang");
    for (source, c) in &per_source {
        eprintln!("{source:16} {:>6} {:>6} {:>6} {:>6}", c[0], c[1], c[2], c[3]);
    }
    eprintln!("read {read} ({:.1}%), refused {} {refused:?}", 100.0 * read as f64 / total as f64, total - read);
    eprintln!("slowest: {} in {:?}", slowest.1, slowest.0);
    if !oracle.is_empty() {
        eprintln!(
            "against openpyxl/xlrd/pyxlsb/odfpy: {agree} reads agree (sheet and non-blank rows), {} differ; \
             refusals: {justified} of files they also find no table in, {} of files they read, {unjudged} not annotated",
            differ.len(),
            wrong_refusals.len()
        );
    }
    eprintln!("\nread as headerless ({}):", headerless.len());
    for h in &headerless {
        eprintln!("  {h}");
    }
    eprintln!("\nreads that differ from the other readers ({}):", differ.len());
    for d in &differ {
        eprintln!("  {d}");
    }
    eprintln!("\nrefused, other readers see a table ({}):", wrong_refusals.len());
    for w in &wrong_refusals {
        eprintln!("  {w}");
    }
    assert!(crashes.is_empty(), "{} crashes:\n{}", crashes.len(), crashes.join("\n"));
    assert!(hangs.is_empty(), "{} files over {BUDGET:?}:\n{}", hangs.len(), hangs.join("\n"));
}
