"""Issue 14 (read3) through the UniFFI module: real files from spreadsheet libraries' test
suites and the CSV Wrangling collection (testdata/realworld) that earlier rounds refused or
misread."""

import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python")))

import cadastro_uniffi as cu  # noqa: E402

READERS = os.environ.get("CADASTRO_UNIFFI_READERS") == "1"
pytestmark = pytest.mark.skipif(not READERS, reason="CADASTRO_UNIFFI_READERS is not 1")
REAL = ROOT / "testdata" / "realworld"


def inspect(*parts):
    return cu.inspect(cu.Source.PATH(str(REAL.joinpath(*parts))), None)


def test_a_file_mixing_utf8_and_windows_1252_lines_is_utf8_in_doubt():
    ins = inspect("csv-mixed", "parneringwithinterviews.csv")
    assert ins.source.encoding == "utf-8"
    assert ins.source.encoding_confidence < 1.0


def test_ods_files_calamine_refused_are_read():
    ins = inspect("workbooks", "phpspreadsheet", "nomimetype.ods")
    assert ins.source.format == "ods"
    assert [c.header for c in ins.columns][:2] == ["Hello", "World"]
    assert inspect("workbooks", "phpspreadsheet", "issue.804.ods").source.sheet == "Report"


def test_xls_code_pages_and_xlsb_sheets_calamine_refused():
    assert inspect("workbooks", "sheetjs", "write_57.xls").source.sheet == "A"
    with pytest.raises(cu.CadastroError.CorruptFile) as info:
        inspect("workbooks", "phpspreadsheet", "maccentraleurope.biff5.xls")
    assert "code page 10029" in str(info.value)
    with pytest.raises(cu.CadastroError.CorruptFile) as info:
        inspect("workbooks", "poi", "Simple.xlsb")
    assert "no sheet can be read" in str(info.value)


def test_a_header_over_one_far_cell_is_found():
    ins = inspect("workbooks", "poi", "53282.xlsx")
    assert ins.source.header_row == 1
    assert ins.columns[0].header == "Store#"
