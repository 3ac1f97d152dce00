"""Issue 14, workbooks, through the UniFFI Python module: blank far cells do not widen a sheet, the
first visible sheet holding data is read, an empty sheet says where the data is, and a sheet
calamine cannot open does not sink the workbook (files: testdata/workbooks)."""

import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python")))

import cadastro_uniffi as cu  # noqa: E402

WORKBOOKS = ROOT / "testdata/workbooks"
pytestmark = pytest.mark.skipif(
    os.environ.get("CADASTRO_UNIFFI_READERS") != "1", reason="CADASTRO_UNIFFI_READERS is not 1"
)


@pytest.mark.parametrize(
    "name",
    ["stray_space.xlsx", "stray_space.xls", "empty_first_sheet.xlsx", "empty_first_sheet.xls",
     "dangling_relationship.xlsx", "macro_sheet.xlsm"],
)
def test_reads_the_customer_sheet(name):
    report = cu.validate(cu.Source.PATH(str(WORKBOOKS / name)))
    assert report.source.sheet == "Clientes"
    assert report.stats.rows_total == 4
    assert len(report.customers) == 4
    assert len(report.mapping) == 3


def test_an_empty_sheet_names_the_sheets_with_data():
    with pytest.raises(cu.CadastroError.EmptyFile) as info:
        cu.validate(cu.Source.PATH(str(WORKBOOKS / "empty_first_sheet.xlsx")), cu.ImportOptions(sheet="Capa"))
    assert 'sheet "Clientes" does' in info.value.detail
    with pytest.raises(cu.CadastroError.CorruptFile) as info:
        cu.validate(cu.Source.PATH(str(WORKBOOKS / "macro_sheet.xlsm")), cu.ImportOptions(sheet="Macro1"))
    assert "Excel 4.0 macro sheet" in info.value.detail
