//! Issue 14, workbooks, through the `cadastro` binary: `validate` (streamed by default),
//! `validate --whole-file`, `import --dry-run` and `inspect` on the workbooks of
//! testdata/workbooks: the same sheet, rows and exit codes on every path; the refusals with
//! their kind and a message that says what the file is or where the data is.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn testdata(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(rel).to_str().unwrap().to_owned()
}

/// Exit code and JSON output of `cadastro args... --format json`, run in a scratch directory
/// (so that `import` creates its store there).
fn run(args: &[&str]) -> (Option<i32>, Value) {
    let dir = std::env::temp_dir().join(format!("cadastro-read-book-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .args(args)
        .args(["--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), json)
}

#[test]
fn workbooks_that_were_refused_read_on_every_path() {
    for file in [
        "workbooks/stray_space.xlsx",
        "workbooks/stray_space.xls",
        "workbooks/dangling_relationship.xlsx",
        "workbooks/macro_sheet.xlsm",
        "workbooks/empty_first_sheet.xlsx",
        "workbooks/empty_first_sheet.xls",
    ] {
        let path = testdata(file);
        let runs = [
            run(&["validate", &path]),
            run(&["validate", &path, "--whole-file"]),
            run(&["import", &path, "--dry-run", "--db", "read-book.db"]),
        ];
        for (code, report) in &runs {
            assert_eq!(*code, Some(0), "{file}: {report}");
            assert_eq!(report["source"]["sheet"], "Clientes", "{file}");
            assert_eq!(report["stats"]["rows_total"], 4, "{file}");
            assert_eq!(report["customers"].as_array().map(Vec::len), Some(4), "{file}");
        }
        let (code, inspection) = run(&["inspect", &path]);
        assert_eq!(code, Some(0));
        assert_eq!(inspection["source"]["sheet"], "Clientes", "{file}");
        assert_eq!(inspection["columns"].as_array().map(Vec::len), Some(3), "{file}: no column from a blank cell");
    }
}

#[test]
fn refusals_name_the_kind_and_what_the_file_is() {
    let cases = [
        ("workbooks/far_value.xls", "limit_exceeded", "sheet_area"),
        ("workbooks/ambiguous_case.xlsx", "corrupt_file", "ambiguous package"),
        ("realworld/workbooks/calamine/pass_protected.ods", "encrypted_file", "encrypted ods"),
        ("realworld/workbooks/poi/testEXCEL_4.xls", "unsupported_format", "an Excel 4.0 worksheet from 1992"),
        ("hostile/not_a_workbook.xlsx", "unsupported_format", "a Word document"),
        ("workbooks/hidden_data_only.xlsx", "empty_file", "sheet \"Dados\" does"),
    ];
    for (file, kind, says) in cases {
        for extra in [&[][..], &["--whole-file"][..]] {
            let (code, out) = run(&[&["validate", &testdata(file)][..], extra].concat());
            assert_eq!(code, Some(2), "{file}");
            assert_eq!(out["error"]["kind"], kind, "{file}: {out}");
            assert!(out["error"]["message"].as_str().unwrap().contains(says), "{file}: {out}");
        }
    }
    // Naming the empty cover says which sheet holds the data; naming that sheet reads it.
    let path = testdata("workbooks/empty_first_sheet.xlsx");
    let (code, out) = run(&["validate", &path, "--sheet", "Capa"]);
    assert_eq!((code, out["error"]["kind"].as_str()), (Some(2), Some("empty_file")));
    assert!(out["error"]["message"].as_str().unwrap().contains("sheet \"Clientes\" does"), "{out}");
    let (code, out) = run(&["validate", &testdata("workbooks/hidden_data_only.xlsx"), "--sheet", "Dados"]);
    assert_eq!((code, &out["stats"]["rows_total"]), (Some(0), &Value::from(4)));
}
