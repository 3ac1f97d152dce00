"""Issue 14, workbooks, through Python: blank far cells do not widen a sheet, the first visible
sheet holding data is read, an empty sheet says where the data is, and a sheet calamine cannot
open does not sink the workbook (files: testdata/workbooks, testdata/scripts/make_read_book.py)."""

from __future__ import annotations

import pytest

import cadastro
from conftest import TESTDATA

WORKBOOKS = TESTDATA / "workbooks"
pytestmark = pytest.mark.needs_readers


@pytest.mark.parametrize(
    "name",
    ["stray_space.xlsx", "stray_space.xls", "empty_first_sheet.xlsx", "empty_first_sheet.xls",
     "dangling_relationship.xlsx", "macro_sheet.xlsm"],
)
def test_reads_the_customer_sheet(name: str) -> None:
    report = cadastro.validate(WORKBOOKS / name).to_dict()
    assert report["source"]["sheet"] == "Clientes"
    assert report["stats"]["rows_total"] == 4
    assert len(report["customers"]) == 4
    assert len(report["mapping"]) == 3


def test_an_empty_sheet_names_the_sheets_with_data() -> None:
    with pytest.raises(cadastro.EmptyFile) as info:
        cadastro.validate(WORKBOOKS / "empty_first_sheet.xlsx", sheet="Capa")
    assert 'sheet "Clientes" does' in str(info.value)
    with pytest.raises(cadastro.EmptyFile, match='sheet "Dados" does'):
        cadastro.validate(WORKBOOKS / "hidden_data_only.xlsx")
    assert cadastro.validate(WORKBOOKS / "hidden_data_only.xlsx", sheet="Dados").stats.rows_total == 4


def test_an_unreadable_sheet_named_says_why() -> None:
    with pytest.raises(cadastro.CorruptFile, match="Excel 4.0 macro sheet"):
        cadastro.validate(WORKBOOKS / "macro_sheet.xlsm", sheet="Macro1")
