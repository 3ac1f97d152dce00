"""Issue 14 (read3) through Python: real files from spreadsheet libraries' test suites and the
CSV Wrangling collection (testdata/realworld) that earlier rounds refused or misread."""

from __future__ import annotations

import pytest

import cadastro
from conftest import TESTDATA

REAL = TESTDATA / "realworld"
pytestmark = pytest.mark.needs_readers


def test_a_file_mixing_utf8_and_windows_1252_lines_is_utf8_in_doubt() -> None:
    ins = cadastro.inspect(REAL / "csv-mixed" / "parneringwithinterviews.csv")
    assert ins.source["encoding"] == "utf-8"
    assert ins.source["encoding_confidence"] < 1.0


def test_ods_files_calamine_refused_are_read() -> None:
    ins = cadastro.inspect(REAL / "workbooks" / "phpspreadsheet" / "nomimetype.ods")
    assert ins.source["format"] == "ods"
    assert "Hello" in ins.to_json()
    assert cadastro.inspect(REAL / "workbooks" / "phpspreadsheet" / "issue.804.ods").source["sheet"] == "Report"


def test_xls_code_pages_and_xlsb_sheets_calamine_refused() -> None:
    assert cadastro.inspect(REAL / "workbooks" / "sheetjs" / "write_57.xls").source["sheet"] == "A"
    with pytest.raises(cadastro.CorruptFile, match="code page 10029"):
        cadastro.inspect(REAL / "workbooks" / "phpspreadsheet" / "maccentraleurope.biff5.xls")
    with pytest.raises(cadastro.CorruptFile, match="no sheet can be read"):
        cadastro.inspect(REAL / "workbooks" / "poi" / "Simple.xlsb")


def test_a_header_over_one_far_cell_is_found() -> None:
    ins = cadastro.inspect(REAL / "workbooks" / "poi" / "53282.xlsx")
    assert ins.source["header_row"] == 1
    assert "Store#" in ins.to_json()
