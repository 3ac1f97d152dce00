#!/usr/bin/env python3
"""Builds testdata/realworld/csv-sample/ from a fetched benchmark (fetch-csv-benchmark.sh).

Takes the W3C-CSVW and CSV Wrangling files of the CSVsniffer evaluation (both MIT via
ws-garcia/CSVsniffer; see the README), cuts each to its first 50 lines and at most 16 KB (at a
line end), keeps those whose cut decodes as UTF-8 and whose annotated dialect Python's csv module
can replay, and writes csv-sample-manifest.json with the annotated delimiter, quote and the
record count (non-blank records, counted with the annotated dialect).

Usage: make-benchmark-sample.py BENCHMARK_DIR   (run from the repository root)
"""
import csv
import io
import json
import os
import sys

NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "vslash": "|", "nsign": "#", "colon": ":"}
QUOTES = {"doublequote": '"', "singlequote": "'"}
SETS = [("w3c", "W3C-CSVW (python/W3C-CSVW)"), ("wrangling", "CSV Wrangling (python/CSV_Wrangling)")]
OUT = "testdata/realworld/csv-sample"
EXISTING = set(os.listdir("testdata/realworld/csv"))


def cut(data):
    lines = data.splitlines(keepends=True)[:50]
    out = b""
    for line in lines:
        if len(out) + len(line) > 16 * 1024:
            break
        out += line
    return out


def records(text, delim, quote, escape):
    if delim == " ":
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar=quote,
                        escapechar=escape, doublequote=True, strict=False)
    return sum(1 for r in reader if any(f.strip() for f in r))


def main(root):
    os.makedirs(OUT, exist_ok=True)
    files = []
    for name, label in SETS:
        for line in open(os.path.join(root, name, "annotations.txt"), encoding="utf-8"):
            cols = line.rstrip("\n").split("|")
            if line.startswith("#") or cols[0] == "file_name" or len(cols) < 5:
                continue
            fname, _enc, delim, quote, escape = cols[:5]
            path = os.path.join(root, name, "files", fname)
            if fname in EXISTING or delim not in NAMES or quote not in QUOTES or not os.path.exists(path):
                continue
            data = cut(open(path, "rb").read())
            if not data.strip():
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if text.startswith("\ufeff"):
                continue
            n = records(text, NAMES[delim], QUOTES[quote], "\\" if escape == "backslash" else None)
            if n is None or n == 0:
                continue
            target = f"{name}-{fname}"
            open(os.path.join(OUT, target), "wb").write(data)
            files.append({"file": target, "set": label, "encoding": "utf-8", "delimiter": NAMES[delim],
                          "quote": QUOTES[quote], "header_row": "unannotated", "records": n})
    manifest = {"source": "ws-garcia/CSVsniffer commit bb9c190, python/W3C-CSVW and python/CSV_Wrangling, "
                          "annotations from python/ground truth/", "files": files}
    json.dump(manifest, open("testdata/realworld/csv-sample-manifest.json", "w"), indent=1, ensure_ascii=False)
    print(len(files), "files")


main(sys.argv[1])
