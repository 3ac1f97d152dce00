"""Independent annotations for testdata/realworld/workbooks: what openpyxl (xlsx/xlsm), xlrd
(xls), pyxlsb (xlsb, no visibility) and odfpy (ods) see in each file, not what cadastro sees. Prints one JSON object per
file: the sheets with their visibility, the first visible sheet holding a non-blank cell, and
how many rows of it hold a non-blank cell (whitespace-only text counts as blank), or the
error the library raised. Used to draft manifest.json; each entry was then checked by hand.

    python -m venv /tmp/v && /tmp/v/bin/pip install openpyxl xlrd==2.0.1 odfpy pyxlsb
    /tmp/v/bin/python testdata/scripts/annotate_workbooks.py testdata/realworld/workbooks/*/*

With `--oracle DIR` it walks DIR (a corpus fetched by testdata/realworld/fetch-workbooks.sh),
picks the reader by the file's first bytes (the extension only breaks ties), gives each file
20 seconds, and prints paths relative to DIR: the oracle workbook_benchmark.rs tallies against.
"""
import json
import sys


def blank(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


def xlsx(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = []
    for ws in wb.worksheets:
        rows = 0
        try:
            for row in ws.iter_rows(values_only=True):
                if any(not blank(v) for v in row):
                    rows += 1
        except Exception as e:  # noqa: BLE001
            rows = f"error: {type(e).__name__}"
        out.append((ws.title, ws.sheet_state == "visible", rows))
    return out


def xls(path):
    import xlrd

    wb = xlrd.open_workbook(path, on_demand=True, logfile=sys.stderr)
    out = []
    for i in range(wb.nsheets):
        sh = wb.sheet_by_index(i)
        rows = sum(1 for r in range(sh.nrows) if any(not blank(c.value) for c in sh.row(r)))
        out.append((sh.name, sh.visibility == 0, rows))
    return out


def xlsb(path):
    from pyxlsb import open_workbook

    out = []
    with open_workbook(path) as wb:
        for name in wb.sheets:
            with wb.get_sheet(name) as sh:
                rows = sum(1 for row in sh.rows() if any(not blank(c.v) for c in row))
            out.append((name, True, rows))
    return out


def ods(path):
    from odf.opendocument import load
    from odf.table import Table, TableRow
    from odf import teletype

    doc = load(path)
    out = []
    for t in doc.spreadsheet.getElementsByType(Table):
        rows = 0
        for r in t.getElementsByType(TableRow):
            text = "".join(teletype.extractText(c) for c in r.childNodes)
            if text.strip():
                rows += int(r.getAttribute("numberrowsrepeated") or 1)
        out.append((t.getAttribute("name"), True, rows))
    return out


def by_content(path, ext):
    """The extension the bytes say, or `ext` when they say nothing more precise."""
    import zipfile

    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(path).namelist())
        except Exception:  # noqa: BLE001
            return ext
        if "content.xml" in names:
            return "ods"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return ext


class Timeout(Exception):
    pass


def annotate(path, shown, oracle):
    import signal

    ext = path.rsplit(".", 1)[-1].lower()
    if oracle:
        ext = by_content(path, ext)
        ext = {"xltx": "xlsx", "xltm": "xlsx"}.get(ext, ext)

        def stop(*_):
            raise Timeout("over 20 s")

        signal.signal(signal.SIGALRM, stop)
        signal.alarm(20)
    try:
        sheets = {"xlsx": xlsx, "xlsm": xlsx, "xls": xls, "xlsb": xlsb, "ods": ods}.get(ext, lambda p: None)(path)
    except BaseException as e:  # noqa: BLE001
        print(json.dumps({"file": shown, "error": f"{type(e).__name__}: {str(e)[:80]}"}), flush=True)
        return
    finally:
        if oracle:
            signal.alarm(0)
    if sheets is None:
        print(json.dumps({"file": shown, "skipped": ext}))
        return
    first = next((s for s in sheets if s[1] and isinstance(s[2], int) and s[2] > 0), None)
    print(json.dumps({"file": shown, "sheets": sheets, "sheet": first and first[0], "rows": first and first[2]}, ensure_ascii=False), flush=True)


if len(sys.argv) == 3 and sys.argv[1] == "--oracle":
    import os
    import warnings

    warnings.simplefilter("ignore")
    root = sys.argv[2]
    for d, dirs, files in sorted(os.walk(root)):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for name in sorted(files):
            if name.rsplit(".", 1)[-1].lower() in ("xlsx", "xlsm", "xltx", "xltm", "xlsb", "xls", "ods"):
                full = os.path.join(d, name)
                annotate(full, os.path.relpath(full, root), True)
else:
    for path in sys.argv[1:]:
        annotate(path, path, False)
