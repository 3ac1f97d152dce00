//! The core's module graph: no cycle, and every edge allowed by the layering. An edge is a
//! `crate::<module>` path in a module's source (doc links included; `#[cfg(test)]` modules cut
//! off), the rule of `module_graph.py` in the project's shared tools, which this test agrees with
//! (same modules, same edges). CI runs it: a new cycle or an edge against the layering fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The layering, lowest first: each top-level module with the modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("error", &["model"]),
    ("reentry", &["error"]),
    ("profile", &["model", "error"]),
    ("validate", &["model", "error", "profile"]),
    ("mapping", &["model", "error", "profile", "validate"]),
    // Header detection scores rows by known labels (`mapping::is_known_label`): the one place
    // reading knows the mapping; it knows no validation.
    ("read", &["model", "error", "mapping"]),
    ("report", &["model", "error", "profile"]),
    ("write", &["model", "error", "profile", "report"]),
    ("reconcile", &["model", "error", "profile", "validate", "report"]),
    ("pipeline", &["model", "error", "profile", "validate", "mapping", "read", "report", "write", "reconcile"]),
];

fn graph(src: &Path) -> Graph {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || (path.extension().is_some_and(|e| e == "rs") && name != "lib") {
            modules.insert(name);
        }
    }
    let mut edges: Graph = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
            let owner = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
            if !modules.contains(&owner) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for target in crate_paths(text) {
                if target != owner && modules.contains(&target) {
                    edges.get_mut(&owner).unwrap().insert(target);
                }
            }
        }
    }
    edges
}

/// The first segment of every `crate::x` path in `text`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let tail = &rest[at + "crate::".len()..];
        let name: String =
            tail.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect();
        if tail.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            out.push(name);
        }
        rest = tail;
    }
    out
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        g: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn the_core_has_no_module_cycle_and_keeps_its_layering() {
    let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let edges: usize = g.values().map(BTreeSet::len).sum();
    eprintln!("core modules {}, edges {edges}", g.len());
    assert_eq!(cycles(&g), Vec::<Vec<String>>::new(), "module cycles in {g:?}");
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for (module, targets) in &g {
        let Some(ok) = allowed.get(module.as_str()) else {
            panic!("module `{module}` is not in the layering (tests/module_graph.rs ALLOWED)")
        };
        for t in targets {
            assert!(ok.contains(&t.as_str()), "`{module}` uses `{t}`: not allowed by the layering");
        }
    }
    // The façade uses the rest; model is the leaf.
    assert!(g["model"].is_empty());
}

#[test]
fn the_checker_finds_a_cycle_and_reads_paths() {
    let mut g = Graph::new();
    let add = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.to_owned()).or_default().insert(b.to_owned());
        g.entry(b.to_owned()).or_default();
    };
    add(&mut g, "read", "model");
    add(&mut g, "read", "mapping");
    add(&mut g, "mapping", "validate");
    assert!(cycles(&g).is_empty());
    add(&mut g, "validate", "read");
    assert_eq!(cycles(&g), [["mapping", "read", "validate"]]);
    assert_eq!(crate_paths("use crate::model::{Cell};\n/// [`crate::Importer`] crate::read::x"), ["model", "read"]);
}
