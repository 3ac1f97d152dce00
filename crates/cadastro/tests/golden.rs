//! End-to-end golden reports: every file under testdata/inputs is validated with its profile
//! (testdata/golden/profiles.json; default generic) and its report JSON compared with
//! testdata/golden/<path>.json. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them (review
//! the diff!). The same run checks the contract's invariant on every file: each non-blank data
//! row ends in a valid customer or contact, or carries an error issue.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cadastro::{ImportOptions, Importer, Report, Source};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            inputs(&path, out);
        } else if !path.extension().is_some_and(|e| e == "md" || e == "json") {
            out.push(path);
        }
    }
}

fn golden_name(rel: &str) -> String {
    format!("{}.json", rel.replace('/', "__"))
}

fn check_invariant(rel: &str, report: &Report) {
    let mut ok: BTreeSet<u32> = BTreeSet::new();
    for c in &report.customers {
        ok.extend(c.rows.iter().copied());
        ok.extend(c.contacts.iter().map(|k| k.row));
    }
    let errors: BTreeSet<u32> = report.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
    // Every row the report counts is either valid or carries an error.
    let accounted = ok.union(&errors).count() as u64;
    assert_eq!(accounted, report.stats.rows_total, "{rel}: rows not accounted for");
    assert_eq!(report.stats.rows_rejected, errors.len() as u64, "{rel}");
}

#[test]
fn golden_reports_and_row_invariant() {
    let profiles: BTreeMap<String, String> = std::fs::read_to_string(root().join("golden/profiles.json"))
        .map_or_else(|_| BTreeMap::new(), |s| serde_json::from_str(&s).unwrap());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut files = Vec::new();
    inputs(&root().join("inputs"), &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut mismatches = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(root().join("inputs")).unwrap().to_string_lossy().replace('\\', "/");
        let profile = profiles.get(&rel).map_or("generic", String::as_str);
        let opts = ImportOptions::for_profile(profile).unwrap();
        // Serialized straight from the report (never through `serde_json::Value`, whose key order
        // depends on serde_json's `preserve_order` feature): the contract's key order.
        let json = match Importer::new(opts).unwrap().validate(&Source::from_path(path)) {
            Ok(report) => {
                check_invariant(&rel, &report);
                serde_json::to_string_pretty(&report).unwrap()
            }
            Err(e) => serde_json::to_string_pretty(
                &serde_json::json!({"error": {"kind": e.code(), "message": e.to_string()}}),
            )
            .unwrap(),
        };
        let golden = root().join("golden").join(golden_name(&rel));
        let pretty = json + "\n";
        if update {
            std::fs::write(&golden, &pretty).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == pretty => {}
            Ok(_) => mismatches.push(format!("{rel}: report differs from {}", golden.display())),
            Err(_) => mismatches.push(format!("{rel}: no golden file {} (run with UPDATE_GOLDEN=1)", golden.display())),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
