#!/usr/bin/env python3
"""Writes the hostile-file corpus of testdata/hostile/ and its manifest.json.

Deterministic (fixed zip timestamps, seeded randomness). Run from anywhere:

    pip install olefile        # only for the two patched xls files
    python3 testdata/scripts/make_hostile.py

Most files are built by hand from a minimal, valid xlsx (also written to
testdata/inputs/excel/minimal_handmade.xlsx, which must read fine) so each one is hostile for
exactly one reason. A few start from committed fixtures of testdata/inputs/excel/ (made by
make_office.sh): the truncated / corrupted xlsx, the encrypted xlsx and the patched xls files.
Big text hostiles (a 100 MB single-line CSV, a million columns...) are generated at test time.
"""

import json
import os
import random
import struct
import zipfile
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "testdata", "hostile")
INPUTS = os.path.join(ROOT, "testdata", "inputs", "excel")
DATE = (1980, 1, 1, 0, 0, 0)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = DECL + (
    f'<Relationships xmlns="{PNS}"><Relationship Id="rId1" '
    f'Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = DECL + (
    f'<workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>'
    '<sheet name="Plan1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = DECL + (
    f'<Relationships xmlns="{PNS}">'
    f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c><c r="B2"><v>52998224725</v></c></row>'
)


def sheet(rows=SHEET_ROWS, dimension="A1:B2", prolog=""):
    return DECL + prolog + f'<worksheet xmlns="{NS}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'


def sst(prolog="", unique="2", body="<si><t>Nome</t></si><si><t>CPF</t></si>"):
    return DECL + prolog + f'<sst xmlns="{NS}" count="2" uniqueCount="{unique}">{body}</sst>'


def parts(**override):
    p = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet(),
        "xl/sharedStrings.xml": sst(),
    }
    p.update(override)
    return p


def write_zip(path, entries, extra=()):
    """entries: name -> str|bytes, written deflated in order; extra: (name, bytes) appended."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in list(entries.items()) + list(extra):
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def patch_sizes(path, entry, fake_size):
    """Rewrites the uncompressed size of `entry` in its local header and central directory."""
    data = bytearray(open(path, "rb").read())
    name = entry.encode()
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0:
            break
        n, m = struct.unpack_from("<HH", data, i + 26)
        if data[i + 30 : i + 30 + n] == name:
            struct.pack_into("<I", data, i + 22, fake_size)
        i += 4
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46 : i + 46 + n] == name:
            struct.pack_into("<I", data, i + 24, fake_size)
        i += 4
    open(path, "wb").write(bytes(data))


def entry_data_span(data, entry):
    """(start, length) of the compressed bytes of `entry` in a zip."""
    name = entry.encode()
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0:
            raise ValueError(entry)
        csize = struct.unpack_from("<I", data, i + 18)[0]
        n, m = struct.unpack_from("<HH", data, i + 26)
        if data[i + 30 : i + 30 + n] == name:
            return i + 30 + n + m, csize
        i += 4


def patch_xls(src, dst, patch):
    """Copies an xls and rewrites its Workbook stream in place (same size) with `patch`."""
    import olefile

    data = bytearray(open(src, "rb").read())
    open(dst, "wb").write(bytes(data))
    ole = olefile.OleFileIO(dst, write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    patch(stream)
    ole.write_stream("Workbook", bytes(stream))
    ole.close()


def biff_records(stream):
    i = 0
    while i + 4 <= len(stream):
        typ, length = struct.unpack_from("<HH", stream, i)
        yield i, typ, length
        i += 4 + length


def xls_huge_dimension(stream):
    """The first sheet's DIMENSIONS claims rows 0..2^32-1 and 255 columns."""
    bofs = 0
    for i, typ, length in biff_records(stream):
        if typ == 0x0809:
            bofs += 1
        if typ == 0x0200 and bofs >= 2 and length in (14, 16):
            struct.pack_into("<IIHH", stream, i + 4, 0, 0xFFFFFFFF, 0, 0xFF)
            return
    raise ValueError("no sheet DIMENSIONS record")


def xls_filepass(stream):
    """A FILEPASS record in the workbook globals (the marker of an encrypted xls)."""
    for i, typ, length in biff_records(stream):
        if i > 0 and typ not in (0x0809, 0x000A) and length >= 6:
            struct.pack_into("<HHH", stream, i, 0x002F, length, 1)
            return
    raise ValueError("no record to turn into FILEPASS")


def ods(content):
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": manifest,
        "content.xml": content,
    }


def write_ods(path, content):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in ods(content).items():
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []

    def add(file, kind, what):
        manifest.append({"file": file, "kind": kind, "what": what})

    def out(name):
        return os.path.join(OUT, name)

    # The valid base every hand-made hostile xlsx derives from.
    write_zip(os.path.join(INPUTS, "minimal_handmade.xlsx"), parts())

    write_zip(out("zip_bomb.xlsx"), parts(), [("xl/media/zeros.bin", bytes(64 * 1024 * 1024))])
    add("zip_bomb.xlsx", "limit_exceeded", "one 64 MiB entry of zeros (~64 KiB compressed, ratio ~1000)")

    many = [(f"x/{i}", b"") for i in range(10_001)]
    write_zip(out("many_entries.xlsx"), parts(), many)
    add("many_entries.xlsx", "limit_exceeded", "10,007 zip entries (limit 10,000)")

    # Rows without an `r` attribute: identical, so ~17 MB deflate to a few KiB.
    big_rows = '<row><c t="inlineStr"><is><t>linha</t></is></c></row>' * 300_000
    write_zip(out("lying_sizes.xlsx"), parts(**{"xl/worksheets/sheet1.xml": sheet(SHEET_ROWS + big_rows, "A1:B299999")}))
    patch_sizes(out("lying_sizes.xlsx"), "xl/worksheets/sheet1.xml", 1000)
    add("lying_sizes.xlsx", "corrupt_file", "the central directory says the sheet inflates to 1,000 bytes; it inflates to ~16 MB")

    laughs = (
        '<!DOCTYPE sst [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + "]>"
    )
    write_zip(out("billion_laughs.xlsx"), parts(**{"xl/sharedStrings.xml": sst(laughs, body="<si><t>&lol9;</t></si><si><t>CPF</t></si>")}))
    add("billion_laughs.xlsx", "limit_exceeded", "sharedStrings.xml with a DOCTYPE and nested entity expansion")

    xxe = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rows = SHEET_ROWS.replace("<t>Ana</t>", "<t>&xxe;</t>")
    write_zip(out("external_entity.xlsx"), parts(**{"xl/worksheets/sheet1.xml": sheet(rows, prolog=xxe)}))
    add("external_entity.xlsx", "limit_exceeded", "a sheet with an external entity reference (file:///etc/passwd)")

    write_zip(out("unique_count.xlsx"), parts(**{"xl/sharedStrings.xml": sst(unique=str(2**61))}))
    add("unique_count.xlsx", "corrupt_file", "sharedStrings.xml claims uniqueCount 2^61 (calamine would reserve it)")

    stray = SHEET_ROWS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    write_zip(out("huge_dimension.xlsx"), parts(**{"xl/worksheets/sheet1.xml": sheet(stray, "A1:XFD1048576")}))
    add("huge_dimension.xlsx", "limit_exceeded", "dimension A1:XFD1048576, two real rows and a stray cell at XFD1048576")

    src = open(os.path.join(INPUTS, "asaas_clientes.xlsx"), "rb").read()
    open(out("truncated.xlsx"), "wb").write(src[: len(src) // 2])
    add("truncated.xlsx", "corrupt_file", "the first half of a valid xlsx (no central directory)")

    flipped = bytearray(src)
    start, length = entry_data_span(src, "xl/worksheets/sheet1.xml")
    for k in range(start + length // 3, start + length // 3 + 64):
        flipped[k] ^= 0xA5
    open(out("corrupted.xlsx"), "wb").write(bytes(flipped))
    add("corrupted.xlsx", "corrupt_file", "64 bytes flipped inside the deflated sheet of a valid xlsx")

    open(out("encrypted.xlsx"), "wb").write(open(os.path.join(INPUTS, "asaas_senha.xlsx"), "rb").read())
    add("encrypted.xlsx", "encrypted_file", "an xlsx encrypted with a password by msoffcrypto-tool (CFB container)")

    xls = os.path.join(INPUTS, "invoiceocean_klienci.xls")
    patch_xls(xls, out("huge_dimension.xls"), xls_huge_dimension)
    add("huge_dimension.xls", "limit_exceeded", "an xls whose DIMENSIONS record claims 2^32 rows x 255 columns")
    patch_xls(xls, out("filepass.xls"), xls_filepass)
    add("filepass.xls", "encrypted_file", "an xls whose globals carry a FILEPASS record")

    cells = '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>'
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Plan1">'
        f'<table:table-row table:number-rows-repeated="1048576">{cells}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    write_ods(out("repeat_bomb.ods"), content)
    add("repeat_bomb.ods", "limit_exceeded", "one ods cell repeated over 16,384 columns x 1,048,576 rows")

    open(out("html.xls"), "w").write(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>Nome</td><td>CPF</td></tr>"
        "<tr><td>Ana</td><td>529.982.247-25</td></tr></table></body></html>\n"
    )
    add("html.xls", "unsupported_format", "an HTML table saved with an .xls name")

    open(out("xml2003.xls"), "w").write(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
        '<Worksheet ss:Name="Plan1"><Table><Row><Cell><Data ss:Type="String">Nome</Data></Cell></Row>'
        "</Table></Worksheet>\n</Workbook>\n"
    )
    add("xml2003.xls", "unsupported_format", "an XML Spreadsheet 2003 file saved with an .xls name")

    open(out("empty.xlsx"), "wb").write(b"")
    add("empty.xlsx", "empty_file", "zero bytes")

    open(out("whitespace.csv"), "wb").write(b"\xef\xbb\xbf \r\n\t\r\n")
    add("whitespace.csv", "empty_file", "a BOM and whitespace only")

    rng = random.Random(20260301)
    open(out("garbage.xls"), "wb").write(bytes(rng.getrandbits(8) for _ in range(4096)))
    add("garbage.xls", "unsupported_format", "4 KiB of seeded random bytes")

    open(out("document.xlsx"), "wb").write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    add("document.xlsx", "unsupported_format", "a PDF header in a file named .xlsx")

    write_zip(out("not_a_workbook.xlsx"), {"word/document.xml": DECL + "<document/>", "[Content_Types].xml": DECL + "<Types/>"})
    add("not_a_workbook.xlsx", "unsupported_format", "a zip (a docx skeleton) named .xlsx")

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(manifest)} hostile files to {OUT}")


if __name__ == "__main__":
    main()
