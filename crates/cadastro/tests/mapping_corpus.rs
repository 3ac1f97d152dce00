#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::print_stdout)]
//! Replays the labelled corpus of real products' customer files (testdata/mapping-corpus, see
//! its README): every header with its sample values, read with the generic profile, against the
//! field a person would choose. Prints accuracy, false-mapping rate and the calibration table,
//! for the part the mapper was tuned on and for the held-out part separately, and asserts the
//! targets of issue #15.
//!
//! `cargo test -p cadastro --test mapping_corpus -- --nocapture` shows the figures.

use std::collections::BTreeMap;
use std::path::PathBuf;

use cadastro::Profile;
use serde_json::Value;

struct Product {
    name: String,
    split: String,
    headers: Vec<String>,
    samples: Vec<Vec<String>>,
    labels: Vec<Option<String>>,
}

fn corpus() -> Vec<Product> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/mapping-corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            let cols = doc["columns"].as_array().unwrap();
            assert!(doc["source"].as_str().unwrap().starts_with("https://"), "{p:?} has no source");
            let status = doc["provenance"]["status"].as_str().unwrap();
            assert!(["verified", "partly verified", "not verified"].contains(&status), "{p:?}: provenance {status}");
            assert!(
                status == "not verified" || !doc["provenance"]["checked_against"].as_array().unwrap().is_empty(),
                "{p:?}: a checked list names what it was checked against"
            );
            Product {
                name: doc["product"].as_str().unwrap().to_owned(),
                split: doc["split"].as_str().unwrap().to_owned(),
                headers: cols.iter().map(|c| c["header"].as_str().unwrap().to_owned()).collect(),
                samples: cols
                    .iter()
                    .map(|c| c["samples"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect())
                    .collect(),
                labels: cols.iter().map(|c| c["field"].as_str().map(str::to_owned)).collect(),
            }
        })
        .collect()
}

#[derive(Default)]
struct Score {
    headers: usize,
    right: usize,
    false_maps: usize,
    file_failures: Vec<String>,
    wrong_sure: Vec<String>,
    misses: Vec<String>,
    /// Bucket lower bound (tenths) -> (suggestions, right).
    buckets: BTreeMap<u32, (usize, usize)>,
    review_right: (usize, usize),
    /// (reason, confidence in hundredths) -> (suggestions, right).
    by_reason: BTreeMap<(String, u32), (usize, usize)>,
}

impl Score {
    fn add(&mut self, p: &Product) {
        let generic = Profile::generic();
        let cols = match cadastro::resolve_with_samples(&p.headers, &p.samples, &generic, None) {
            Ok(cols) => cols,
            Err(e) => {
                self.file_failures.push(format!("{}: {e}", p.name));
                cadastro::suggest_with_samples(&p.headers, &p.samples, &generic)
            }
        };
        for (c, label) in cols.iter().zip(&p.labels) {
            self.headers += 1;
            let got = c.field.as_ref().map(|t| t.name().to_owned());
            let ok = &got == label;
            if ok {
                self.right += 1;
            } else {
                self.misses.push(format!(
                    "{}: {:?} -> {:?} ({:?} {:.2}), want {:?}",
                    p.name, c.header, got, c.reason, c.confidence, label
                ));
            }
            if got.is_some() {
                if !ok {
                    self.false_maps += 1;
                    if c.confidence >= 0.9 {
                        self.wrong_sure.push(format!("{}: {:?} -> {:?} at {:.2}", p.name, c.header, got, c.confidence));
                    }
                }
                let e = self
                    .by_reason
                    .entry((format!("{:?}", c.reason), (c.confidence * 100.0).round() as u32))
                    .or_default();
                e.0 += 1;
                e.1 += usize::from(ok);
                let bucket = ((c.confidence * 10.0).floor() as u32).min(9);
                let e = self.buckets.entry(bucket).or_default();
                e.0 += 1;
                e.1 += usize::from(ok);
                if !c.needs_review {
                    self.review_right.0 += 1;
                    self.review_right.1 += usize::from(ok);
                }
            }
        }
    }

    fn accuracy(&self) -> f64 {
        self.right as f64 / self.headers as f64
    }

    fn false_rate(&self) -> f64 {
        self.false_maps as f64 / self.headers as f64
    }

    fn print(&self, title: &str, products: usize, misses: bool) {
        println!(
            "== {title}: {products} products, {} headers: accuracy {:.1}% ({} right), false mappings {:.2}% ({}), file-level failures {}",
            self.headers,
            100.0 * self.accuracy(),
            self.right,
            100.0 * self.false_rate(),
            self.false_maps,
            self.file_failures.len()
        );
        println!("   confidence bucket -> suggestions, share right");
        for (b, (n, ok)) in self.buckets.iter().rev() {
            println!(
                "   [{:.1}, {:.1}{}  {n:>4}  {:.1}%",
                f64::from(*b) / 10.0,
                f64::from(*b + 1) / 10.0,
                if *b == 9 { "]" } else { ")" },
                100.0 * *ok as f64 / *n as f64
            );
        }
        println!(
            "   needs_review false: {} suggestions, {:.1}% right",
            self.review_right.0,
            100.0 * self.review_right.1 as f64 / self.review_right.0.max(1) as f64
        );
        // The held-out products' misses are not printed: they are not tuned on.
        if misses {
            println!("   reason, confidence -> suggestions, share right");
            for ((r, c), (n, ok)) in &self.by_reason {
                println!("   {r:>12} {:.2}  {n:>4}  {:.1}%", f64::from(*c) / 100.0, 100.0 * *ok as f64 / *n as f64);
            }
            for w in &self.wrong_sure {
                println!("   WRONG AT >= 0.9 {w}");
            }
            for m in &self.misses {
                println!("   miss {m}");
            }
        }
        for f in &self.file_failures {
            println!("   FILE FAILURE {f}");
        }
    }
}

#[test]
fn corpus_meets_the_targets() {
    let products = corpus();
    assert!(products.len() >= 83, "{} products", products.len());
    let mut all = Score::default();
    let mut by_split: BTreeMap<String, (Score, usize)> = BTreeMap::new();
    for p in &products {
        assert!(
            ["tune", "holdout-2", "holdout", "holdout-3"].contains(&p.split.as_str()),
            "{}: split {}",
            p.name,
            p.split
        );
        all.add(p);
        let e = by_split.entry(p.split.clone()).or_default();
        e.0.add(p);
        e.1 += 1;
    }
    // "holdout-3" (the fourth pass's fresh set) is never tuned on: its misses are not printed.
    // "holdout-2" (the second pass's held-out set) is tuned on since the third pass, "holdout"
    // (the third pass's) since the fourth, each only after a fresher set was measured.
    for (split, (score, n)) in &by_split {
        score.print(split, *n, split != "holdout-3");
    }
    all.print("whole corpus", products.len(), false);
    assert!(all.headers >= 1600, "{} headers", all.headers);
    // The targets of issue #15 on the parts the mapper was tuned on.
    for split in ["tune", "holdout-2"] {
        let (score, _) = &by_split[split];
        assert!(score.file_failures.is_empty(), "{split}: {:?}", score.file_failures);
        assert!(score.wrong_sure.is_empty(), "{split}: wrong at >= 0.9: {:#?}", score.wrong_sure);
        assert!(score.accuracy() >= 0.97, "{split}: accuracy {:.3}", score.accuracy());
        assert!(score.false_rate() <= 0.005, "{split}: false mappings {:.4}", score.false_rate());
    }
    // The held-out sets are reported above; they must not fall below what they measure today
    // (see the README and the issue note): `holdout`, tuned on since the fourth pass, and
    // `holdout-3`, the fresh one.
    for (split, floor, count) in [("holdout", HOLDOUT_FLOOR, 15), ("holdout-3", HOLDOUT_3_FLOOR, 8)] {
        let (score, n) = &by_split[split];
        assert!(*n >= count);
        assert!(score.accuracy() >= floor.0, "{split}: accuracy {:.3}", score.accuracy());
        assert!(score.false_rate() <= floor.1, "{split}: false mappings {:.4}", score.false_rate());
        assert!(score.wrong_sure.len() <= floor.2, "{split}: wrong at >= 0.9: {}", score.wrong_sure.len());
        assert!(score.file_failures.len() <= floor.3, "{split}: file failures: {:?}", score.file_failures);
    }
}

/// What the third pass's held-out set measures today (accuracy, false-mapping rate, wrong
/// suggestions at >= 0.9, files stopped): a floor against regressions, not the targets.
const HOLDOUT_FLOOR: (f64, f64, usize, usize) = (0.954, 0.0169, 1, 0);

/// The same for the fourth pass's fresh held-out set, never tuned on.
const HOLDOUT_3_FLOOR: (f64, f64, usize, usize) = (0.933, 0.0264, 3, 1);
