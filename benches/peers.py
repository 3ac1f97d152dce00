#!/usr/bin/env python3
"""The tools a user would pick instead of cadastro, on the same workload files (issue 9).

    peers.py pandas FILE            pandas read_csv(engine="pyarrow") + vectorized checks:
                                    required columns, e-mail pattern, CPF/CNPJ check digits
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
        "python-calamine": python_calamine,
        "openpyxl": openpyxl_read,
        "frictionless": frictionless_validate,
    }[tool](path)
