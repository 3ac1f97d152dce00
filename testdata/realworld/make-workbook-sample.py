"""Adds a sample of a fetched workbook corpus (testdata/realworld/fetch-workbooks.sh) to
testdata/realworld/workbooks, with manifest entries from the other readers' annotations
(OUT/oracle.jsonl, testdata/scripts/annotate_workbooks.py --oracle), never from cadastro:

- a file those readers read gets their sheet and non-blank row count;
- a file they find no table in (no non-blank cell, or they fail) gets the error kind listed in
  the tally (OUT/list.tsv, written by workbook_benchmark.rs with WORKBOOK_LIST), with a note;
- a file where cadastro and those readers disagree is left out unless named in FIXED (checked
  by hand: the reason is in the note).

    python3 testdata/realworld/make-workbook-sample.py OUT OUT/list.tsv

Picks, per source, up to PER_SOURCE files under 40 KB (seed 14), plus the files of FIXED.
"""
import json
import os
import random
import shutil
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workbooks")
PER_SOURCE = {"phpspreadsheet": 40, "sheetjs": 40, "closedxml": 30, "rust_xlsxwriter": 20, "xlrd": 15}
MAX_BYTES = 40 * 1024
# Files whose expectation was set by hand (why in the note), included whatever the sample draws.
FIXED = {
    "phpspreadsheet/tests/data/Reader/Ods/RepeatedDataCells.ods": None,
    "phpspreadsheet/tests/data/Reader/Ods/issue.804.ods": {
        "sheet": "Report",
        "rows": 2,
        "note": "odfpy fails on its indented content.xml; read by hand: a header row and one data row",
    },
    "phpspreadsheet/tests/data/Reader/Ods/nomimetype.ods": None,
    "closedxml/ClosedXML.Tests/Resource/TryToLoad/LO/xlsx/different-column-width-excel2010.xlsx": None,
    "sheetjs/BlankSheetTypes.xlsb": None,
    "sheetjs/artifacts/quattro/write_57.xls": None,
    "phpspreadsheet/tests/data/Reader/XLS/maccentraleurope.biff5.xls": {
        "kind": "corrupt_file",
        "note": "BIFF5 text in code page 10029 (Mac Central European), which encoding_rs does not "
        "decode; xlrd reads it with Python's mac-latin2 codec",
    },
    "poi/test-data/spreadsheet/53282.xlsx": None,
    "phpspreadsheet/tests/data/Reader/XLSX/utf16be.xlsx": {
        "sheet": "Sheet1",
        "rows": 1,
        "note": "xl/workbook.xml is UTF-16BE (openpyxl reads it; calamine did not)",
    },
    "phpspreadsheet/tests/data/Reader/XLSX/utf16be.bom.xlsx": {
        "sheet": "Sheet1",
        "rows": 1,
        "note": "xl/workbook.xml is UTF-16BE with a byte-order mark (openpyxl reads it; calamine did not)",
    },
    "poi/test-data/spreadsheet/Simple.xlsb": {
        "kind": "corrupt_file",
        "note": "the BrtBundleSh records of xl/workbook.bin name relationship ids that "
        "xl/_rels/workbook.bin.rels does not hold (pyxlsb: KeyError '\\x04'; calamine panicked)",
    },
}
SOURCES = {
    "phpspreadsheet": ("https://github.com/PHPOffice/PhpSpreadsheet", "11645d54ac203be6693309f0cd5153a4dfbf3761", "tests/data/, samples/", "MIT (LICENSE of the repository)"),
    "sheetjs": ("https://github.com/SheetJS/test_files", "fb4bdf0158ba308c182f82663b61607bb79cd4b5", "(root)", "Apache-2.0 (LICENSE and README of the repository)"),
    "closedxml": ("https://github.com/ClosedXML/ClosedXML", "f77503d58e0edaefea5108739548d1568fe377e6", "ClosedXML.Tests/Resource/", "MIT (LICENSE of the repository)"),
    "rust_xlsxwriter": ("https://github.com/jmcnamara/rust_xlsxwriter", "c50e48fd69ef062be3a7378b8c44d34deb7ca61d", "tests/input/ (files saved by Excel)", "MIT OR Apache-2.0 (LICENSE_MIT, LICENSE_Apache2.0)"),
    "xlrd": ("https://github.com/python-excel/xlrd", "3a19d22014d7b3f3041b7188d21a653c18c709bf", "tests/samples/", "BSD-style (LICENSE of the repository)"),
}

out_dir, list_path = sys.argv[1], sys.argv[2]
oracle = {}
for line in open(os.path.join(out_dir, "oracle.jsonl"), encoding="utf-8"):
    if not line.startswith("{"):
        continue  # a reader's warning
    v = json.loads(line)
    oracle[v["file"]] = v
tally = {}
for line in open(list_path, encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    tally[parts[0]] = parts[1:]


def expectation(rel):
    o, t = oracle.get(rel), tally.get(rel)
    if o is None or t is None or "skipped" in o:
        return None
    if FIXED.get(rel):
        return dict(FIXED[rel])
    seen = None if "error" in o or not o.get("rows") else (o["sheet"], o["rows"])
    if t[0] == "read":
        got = (t[1], int(t[2]))
        return {"sheet": got[0], "rows": got[1]} if seen == got else None
    if seen is not None or t[0] in ("CRASH", "HANG"):
        return None
    why = "openpyxl/xlrd/pyxlsb/odfpy see no non-blank cell in any sheet" if "error" not in o else f"the other readers fail too ({o['error'][:60]})"
    return {"kind": t[0], "note": why}


manifest_path = os.path.join(ROOT, "manifest.json")
manifest = json.load(open(manifest_path, encoding="utf-8"))
have = {f["file"] for f in manifest["files"]}
taken = {(f["file"].split("/", 1)[0], f.get("from")) for f in manifest["files"]}
rng = random.Random(14)
picked = list(FIXED)
for source, count in PER_SOURCE.items():
    pool = sorted(r for r in tally if r.startswith(source + "/") and r not in FIXED
                  and os.path.getsize(os.path.join(out_dir, r)) <= MAX_BYTES and expectation(r) is not None)
    picked += rng.sample(pool, min(count, len(pool)))
added = 0
for rel in picked:
    exp = expectation(rel)
    if exp is None:
        print("left out (disagrees, not checked by hand):", rel, file=sys.stderr)
        continue
    source = rel.split("/", 1)[0]
    if (source, rel.split("/", 1)[1]) in taken:
        continue
    parts = rel.split("/")
    name = f"{source}/{parts[-1]}"
    if name in have:
        name = f"{source}/{parts[-2]}_{parts[-1]}"
    if name in have:
        continue
    os.makedirs(os.path.join(ROOT, source), exist_ok=True)
    shutil.copyfile(os.path.join(out_dir, rel), os.path.join(ROOT, name))
    manifest["files"].append({"file": name, **exp, "from": rel.split("/", 1)[1]})
    have.add(name)
    added += 1
for source, (repo, commit, path, licence) in SOURCES.items():
    manifest["sources"].setdefault(source, {"repository": repo, "commit": commit, "path": path, "licence": licence})
manifest["files"].sort(key=lambda f: f["file"])
with open(manifest_path, "w", encoding="utf-8") as f:
    json.dump(manifest, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"added {added} files", file=sys.stderr)
