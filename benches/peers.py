#!/usr/bin/env python3
"""The tools a user would pick instead of cadastro, on the same workload files (issue 9).

    peers.py pandas FILE            pandas read_csv(engine="pyarrow") + vectorized checks:
                                    required columns, e-mail pattern, CPF/CNPJ check digits
    peers.py pandas-phones FILE     the same plus vectorized Brazilian phone checks on both phone
                                    columns (area code, length, mobile ninth digit; legacy 8-digit
                                    mobiles counted as warnings), for the high-error workload
    peers.py python-calamine FILE   python-calamine: every cell of the first sheet
    peers.py openpyxl FILE          openpyxl read-only: every cell of the first sheet
    peers.py frictionless FILE      frictionless validate with a schema (required, pattern)

The encoding and delimiter of a CSV are given as they are known (cadastro sniffs them):
files named *cp1252* are Windows-1252 with `;`.
"""
import sys

import numpy as np

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
COLUMNS = ["Identificador Externo", "Nome completo", "CPF/CNPJ", "E-mail"]


def csv_dialect(path):
    return ("cp1252", ";") if "cp1252" in path else ("utf-8", ",")


def check_digits(digits, weights):
    """Mod-11 check digit of each row of a (rows, len(weights)) digit matrix."""
    r = (digits * np.array(weights)).sum(axis=1) % 11
    return np.where(r < 2, 0, 11 - r)


def tax_id_ok(values):
    """Vectorized CPF (11 digits) and CNPJ (14 digits) check digits."""
    digits = values.str.replace(r"\D", "", regex=True)
    ok = np.zeros(len(values), dtype=bool)
    for length, w1, w2 in [
        (11, [10, 9, 8, 7, 6, 5, 4, 3, 2], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]),
        (14, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]),
    ]:
        mask = (digits.str.len() == length).to_numpy()
        if not mask.any():
            continue
        m = np.frombuffer("".join(digits[mask]).encode(), dtype=np.uint8).reshape(-1, length).astype(np.int64) - 48
        c1 = check_digits(m[:, : length - 2], w1)
        c2 = check_digits(m[:, : length - 1], w2)
        ok[mask] = (c1 == m[:, length - 2]) & (c2 == m[:, length - 1])
    return ok


def pandas_validate(path):
    import pandas as pd

    encoding, sep = csv_dialect(path)
    df = pd.read_csv(path, engine="pyarrow", dtype=str, encoding=encoding, sep=sep)
    required = df[COLUMNS[:3]].notna().all(axis=1).to_numpy()
    email = df["E-mail"]
    email_ok = (email.isna() | email.str.match(EMAIL, na=False)).to_numpy()
    tax_ok = tax_id_ok(df["CPF/CNPJ"].fillna(""))
    bad = ~(required & email_ok & tax_ok)
    print(f"{len(df)} rows, {int(bad.sum())} with errors")


# Brazilian area codes (DDD) in use.
DDD = {
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87,
    88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
}


def phone_check(values):
    """Vectorized Brazilian phones: (ok, legacy) masks. ok: blank, a landline (area code, 8 digits
    starting 2-5 or 7) or a mobile (area code, 9 then 8 digits); legacy: an area code then 8
    digits starting 6, 8 or 9 (a mobile without its ninth digit: accepted with a warning)."""
    blank = values.isna().to_numpy()
    text = values.fillna("")
    letters = text.str.contains(r"[^\d\s()+.\-]", regex=True).to_numpy()
    digits = text.str.replace(r"\D", "", regex=True)
    intl = digits.str.startswith("55") & digits.str.len().isin([12, 13])
    digits = digits.where(~intl, digits.str[2:])
    digits = digits.where(~(digits.str.startswith("0") & digits.str.len().isin([11, 12])), digits.str[1:])
    n = digits.str.len().to_numpy()
    ddd = pd_numeric(digits.str[:2])
    area_ok = np.isin(ddd, list(DDD))
    first = pd_numeric(digits.str[2:3])
    mobile = (n == 11) & (first == 9)
    # Landlines start with 2-5; the numbering plan still has 8-digit numbers starting with 7.
    landline = (n == 10) & (((first >= 2) & (first <= 5)) | (first == 7))
    legacy = (n == 10) & ((first == 6) | (first >= 8)) & ~letters & area_ok & ~blank
    ok = blank | (~letters & area_ok & (mobile | landline))
    return ok, legacy


def pd_numeric(s):
    import pandas as pd

    return pd.to_numeric(s, errors="coerce").fillna(-1).astype(np.int64).to_numpy()


def pandas_phones(path):
    import pandas as pd

    encoding, sep = csv_dialect(path)
    df = pd.read_csv(path, engine="pyarrow", dtype=str, encoding=encoding, sep=sep)
    required = df[COLUMNS[:3]].notna().all(axis=1).to_numpy()
    email = df["E-mail"]
    email_ok = (email.isna() | email.str.match(EMAIL, na=False)).to_numpy()
    tax_ok = tax_id_ok(df["CPF/CNPJ"].fillna(""))
    phone_ok, phone_legacy = phone_check(df["Fone"])
    mobile_ok, mobile_legacy = phone_check(df["Celular"])
    errors = (~required).astype(int) + ~email_ok + ~tax_ok + ~(phone_ok | phone_legacy) + ~(mobile_ok | mobile_legacy)
    warnings = phone_legacy.astype(int) + mobile_legacy
    bad = errors > 0
    print(f"{len(df)} rows, {int(bad.sum())} with errors, {int(errors.sum())} errors, {int(warnings.sum())} warnings")


def python_calamine(path):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    rows = wb.get_sheet_by_index(0).to_python()
    print(f"{len(rows)} rows")


def openpyxl_read(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    print(f"{n} rows")


def frictionless_validate(path):
    from frictionless import Dialect, Resource, Schema, formats, validate

    encoding, sep = csv_dialect(path)
    schema = Schema.from_descriptor(
        {
            "fields": [
                {"name": "Identificador Externo", "type": "string", "constraints": {"required": True, "unique": True}},
                {"name": "Nome completo", "type": "string", "constraints": {"required": True}},
                {"name": "CPF/CNPJ", "type": "string", "constraints": {"required": True, "pattern": r"[0-9./-]{11,18}"}},
                {"name": "E-mail", "type": "string", "constraints": {"pattern": EMAIL.strip("^$")}},
            ]
            + [{"name": h, "type": "string"} for h in HEADERS[4:]]
        }
    )
    dialect = Dialect(controls=[formats.CsvControl(delimiter=sep)])
    import os

    # frictionless refuses absolute paths as unsafe: give it the directory as its base path.
    resource = Resource(
        os.path.basename(path), basepath=os.path.dirname(os.path.abspath(path)), schema=schema, encoding=encoding,
        dialect=dialect,
    )
    report = validate(resource, limit_errors=10**9)
    print(f"valid={report.valid} errors={len(report.flatten(['rowNumber']))}")


HEADERS = COLUMNS + [
    "Fone", "Celular", "Endereço", "Número", "Complemento", "Bairro", "CEP", "Cidade", "Estado", "País", "Grupo",
    "Observações",
]

if __name__ == "__main__":
    tool, path = sys.argv[1], sys.argv[2]
    {
        "pandas": pandas_validate,
        "pandas-phones": pandas_phones,
        "python-calamine": python_calamine,
        "openpyxl": openpyxl_read,
        "frictionless": frictionless_validate,
    }[tool](path)
