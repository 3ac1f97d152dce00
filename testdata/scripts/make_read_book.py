"""Makes the workbooks of testdata/workbooks (issue 14, workbooks) ONCE; the outputs are
committed and CI never runs this. openpyxl writes the xlsx files, xlwt the xls files (BIFF8,
strings in the shared string table as Excel writes them); zipfile then patches the packages
for the broken-structure cases, as the issue describes them.

    python -m venv /tmp/v && /tmp/v/bin/pip install openpyxl==3.1.5 xlwt==1.3.0
    /tmp/v/bin/python testdata/scripts/make_read_book.py
"""
import io
import os
import zipfile

import openpyxl
import xlwt

OUT = os.path.join(os.path.dirname(__file__), "..", "workbooks")
ROWS = [
    ["Nome", "Email", "Cidade"],
    ["Ana Souza", "ana@example.com", "São Paulo"],
    ["Bruno Lima", "bruno@example.com", "Recife"],
    ["Carla Dias", "carla@example.com", "Curitiba"],
    ["Davi Rocha", "davi@example.com", "Belém"],
]


def xlsx(sheets, path, hidden=()):
    """sheets: [(name, rows)]; a far cell is given as a (row, col, value) tuple in rows."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            if isinstance(row, tuple):
                ws.cell(row=row[0], column=row[1], value=row[2])
                continue
            for c, v in enumerate(row, 1):
                ws.cell(row=r, column=c, value=v)
        if name in hidden:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if path:
        with open(os.path.join(OUT, path), "wb") as f:
            f.write(data)
    return data


def repack(data, path, change):
    """Rewrites a package: change(name, bytes) -> bytes or None (drop); returns extra entries."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        extra = change(None, None) or []
        for info in src.infolist():
            new = change(info.filename, src.read(info.filename))
            if new is not None:
                dst.writestr(info.filename, new)
        for name, blob in extra:
            dst.writestr(name, blob)
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(out.getvalue())


def xls(sheets, path):
    wb = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets:
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            if isinstance(row, tuple):
                ws.write(row[0] - 1, row[1] - 1, row[2])
                continue
            for c, v in enumerate(row):
                ws.write(r, c, v)
    wb.save(os.path.join(OUT, path))


os.makedirs(OUT, exist_ok=True)

# A five-row sheet and a single space typed at the last cell (XFD1048576 / IV65536).
xlsx([("Clientes", ROWS + [(1048576, 16384, " ")])], "stray_space.xlsx")
xls([("Clientes", ROWS + [(65536, 256, " ")])], "stray_space.xls")
# The same with a real value there: the sheet really spans the whole grid.
xls([("Clientes", ROWS + [(65536, 256, 1)])], "far_value.xls")

# An empty first sheet (a cover), the data on the second.
xlsx([("Capa", []), ("Clientes", ROWS)], "empty_first_sheet.xlsx")
xls([("Capa", []), ("Clientes", ROWS)], "empty_first_sheet.xls")
# The visible sheet is empty and only a hidden one holds data.
xlsx([("Capa", []), ("Dados", ROWS)], "hidden_data_only.xlsx", hidden=("Dados",))

base = xlsx([("Clientes", ROWS)], None)

# workbook.xml lists a sheet, first, whose relationship id does not exist.
def dangling(name, blob):
    if name == "xl/workbook.xml":
        return blob.replace(b"<sheets>", b'<sheets><sheet name="Fantasma" sheetId="7" r:id="rId99"/>', 1)
    return blob

repack(base, "dangling_relationship.xlsx", dangling)

# An Excel 4.0 macro sheet (xl/macrosheets/sheet1.xml, relationship type xlMacrosheet) first.
MACRO_REL = b"http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"
MACRO = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="str"><f>RETURN()</f><v>0</v></c></row></sheetData></xm:macrosheet>'
)

def macro(name, blob):
    if name is None:
        return [("xl/macrosheets/sheet1.xml", MACRO)]
    if name == "xl/workbook.xml":
        return blob.replace(b"<sheets>", b'<sheets><sheet name="Macro1" sheetId="9" r:id="rId90"/>', 1)
    if name == "xl/_rels/workbook.xml.rels":
        rel = b'<Relationship Id="rId90" Type="' + MACRO_REL + b'" Target="macrosheets/sheet1.xml"/>'
        return blob.replace(b"</Relationships>", rel + b"</Relationships>")
    if name == "[Content_Types].xml":
        ct = (b'<Override PartName="/xl/macrosheets/sheet1.xml" '
              b'ContentType="application/vnd.ms-excel.macrosheet+xml"/>')
        return blob.replace(b"</Types>", ct + b"</Types>")
    return blob

repack(base, "macro_sheet.xlsm", macro)

# Two entries differing only in case: xl/worksheets/sheet1.xml and xl/worksheets/Sheet1.xml.
def twice(name, blob):
    if name is None:
        return [("xl/worksheets/Sheet1.xml", b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')]
    return blob

repack(base, "ambiguous_case.xlsx", twice)


def stray_space_ods():
    """stray_space.ods: asaas_clientes.ods (saved by LibreOffice 7.4) with one space typed at
    the last cell of the sheet (XFD1048576), written as LibreOffice writes such a row: the
    16,383 empty cells before it repeated, then the string cell. Only zipfile is needed."""
    src_path = os.path.join(os.path.dirname(__file__), "..", "inputs", "excel", "asaas_clientes.ods")
    src = zipfile.ZipFile(src_path)
    last = ('<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-repeated="16384"/>'
            '</table:table-row></table:table>')
    stray = ('<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-repeated="16383"/>'
             '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p> </text:p>'
             '</table:table-cell></table:table-row></table:table>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                assert text.count(last) >= 1
                data = text.replace(last, stray, 1).encode("utf-8")
            dst.writestr(info, data, compress_type=info.compress_type)
    with open(os.path.join(OUT, "stray_space.ods"), "wb") as f:
        f.write(out.getvalue())


stray_space_ods()
