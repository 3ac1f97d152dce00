"""Python test of the UniFFI binding, through the module uniffi-bindgen generated (scripts/test.sh
puts `cadastro_uniffi.py` and the library in bindings/uniffi/out/python). The Python face users
install is the pyo3 one (bindings/python); this suite checks the UniFFI library itself, the one
Kotlin and Swift apps load, with the same expectations as tests/kotlin/Main.kt.

Environment (set by scripts/test.sh):
  CADASTRO_UNIFFI_OUT       directory of the generated module (default bindings/uniffi/out/python)
  CADASTRO_UNIFFI_READERS   "1" once the CSV/XLSX readers are merged: runs the file tests
  CADASTRO_EXPECTED_DIR     directory with the CLI's `validate --format json` output per file
"""

import json
import os
import pathlib
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python")))

import cadastro_uniffi as cu  # noqa: E402

READERS = os.environ.get("CADASTRO_UNIFFI_READERS") == "1"
needs_readers = pytest.mark.skipif(not READERS, reason="CADASTRO_UNIFFI_READERS is not 1 (readers not merged yet)")

ASAAS = ROOT / "examples/data/clientes-asaas.csv"
UPFLOW = ROOT / "bindings/uniffi/tests/data/customers-upflow.csv"
CASES = ROOT / "testdata/cases"


def error_codes(report):
    return {(i.row, i.code) for i in report.issues if i.severity == cu.Severity.ERROR}


def customer(report, external_id):
    (found,) = [c for c in report.customers if c.external_id == external_id]
    return found


def cli_json(name):
    expected = os.environ.get("CADASTRO_EXPECTED_DIR")
    assert expected, "CADASTRO_EXPECTED_DIR is not set"
    return pathlib.Path(expected, f"{name}.json").read_text(encoding="utf-8").strip()


# --- file-level errors -------------------------------------------------------------------------


def test_empty_bytes_raise_empty_file_with_its_kind():
    with pytest.raises(cu.CadastroError.EmptyFile) as info:
        cu.validate(cu.Source.BYTES(b""))
    assert isinstance(info.value, cu.CadastroError)
    assert info.value.kind() == "empty_file"
    assert info.value.detail == "the file is empty"


def test_missing_file_raises_io_naming_the_path():
    importer = cu.Importer(cu.ImportOptions())
    with pytest.raises(cu.CadastroError.Io) as info:
        importer.validate(cu.Source.PATH("/nonexistent/clientes.csv"))
    assert info.value.kind() == "io"
    assert "/nonexistent/clientes.csv" in info.value.detail


@pytest.mark.parametrize(
    "options, error",
    [
        ({"profile": "nope"}, cu.CadastroError.InvalidOptions),
        ({"locale": "de"}, cu.CadastroError.InvalidOptions),
        ({"delimiter": ";;"}, cu.CadastroError.InvalidOptions),
        ({"encoding": "latin-9"}, cu.CadastroError.InvalidOptions),
        ({"country": "Atlantis"}, cu.CadastroError.InvalidOptions),
        ({"mapping_json": "[1]"}, cu.CadastroError.InvalidOptions),
        ({"profile_json": "{}"}, cu.CadastroError.InvalidProfile),
    ],
)
def test_bad_options_are_typed_errors(options, error):
    with pytest.raises(error):
        cu.Importer(cu.ImportOptions(**options))


def test_negative_limit_is_invalid_options():
    limits = cu.default_limits()
    limits.max_rows = -1
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.Importer(cu.ImportOptions(limits=limits))


def test_file_size_limit_is_checked_before_reading():
    limits = cu.default_limits()
    limits.max_file_bytes = 4
    with pytest.raises(cu.CadastroError.LimitExceeded) as info:
        cu.validate(cu.Source.BYTES(b"Name\nAna\n"), cu.ImportOptions(limits=limits))
    assert info.value.kind() == "limit_exceeded"


def test_error_kinds_cover_the_contract():
    assert set(cu.error_kinds()) == {
        "unsupported_format", "corrupt_file", "encrypted_file", "empty_file", "no_header", "duplicate_header",
        "missing_required_column", "limit_exceeded", "encoding_error", "sheet_not_found", "invalid_profile",
        "invalid_options", "io", "write_error", "internal",
    }


def test_a_rust_panic_surfaces_as_internal_error():
    with pytest.raises(cu.InternalError):
        cu.panic_for_tests()
    assert cu.version()  # the library still works


# --- values, profiles, vocabulary --------------------------------------------------------------


def cell_of(value):
    if value is None:
        return cu.CellValue.EMPTY()
    if isinstance(value, bool):
        return cu.CellValue.BOOL(value)
    if isinstance(value, (int, float)):
        return cu.CellValue.NUMBER(float(value))
    return cu.CellValue.TEXT(value)


def plain(field_value):
    """A FieldValue as the JSON value the case files use."""
    if field_value is None:
        return None
    if field_value.is_TEXT_LIST():
        return list(field_value.values)
    return field_value.value


def case_files():
    return sorted(p for p in CASES.glob("*.json") if p.stem != "mapping")


def all_cases():
    for path in case_files():
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            yield pytest.param(case, id=f"{path.stem}-{i}")


@pytest.mark.parametrize("case", list(all_cases()))
def test_shared_cases_replay_through_normalize(case):
    got = cu.normalize(case["field"], cell_of(case["input"]), case.get("country"))
    if "error" in case:
        assert (got.error, got.value) == (case["error"], None)
    else:
        assert (plain(got.value), got.error) == (case["value"], None)
    assert got.warnings == case.get("warnings", [])


def test_normalize_unknown_field():
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.normalize("nmae", cu.CellValue.TEXT("x"))


def test_profiles():
    assert cu.builtin_profiles() == ["asaas", "invoiceocean", "upflow", "generic"]
    asaas = cu.builtin_profile("asaas")
    assert asaas.default_country == "BR"
    assert asaas.required == ["external_id", "name", "tax_id"]
    assert cu.parse_profile(asaas.json) == asaas
    assert cu.Importer(cu.ImportOptions(profile_json=asaas.json)).profile().name == "asaas"


def test_vocabulary():
    assert len(cu.field_names()) == 43
    assert "duplicate_key" in cu.issue_codes()
    assert cu.default_limits().max_rows == 2_000_000


# --- files (need the readers) ------------------------------------------------------------------


@needs_readers
def test_asaas_example_file():
    report = cu.Importer(cu.ImportOptions(profile="asaas")).validate(cu.Source.PATH(str(ASAAS)))
    assert (report.source.format, report.source.delimiter, report.source.encoding) == ("csv", ";", "utf-8-bom")
    s = report.stats
    assert (s.rows_total, s.rows_blank, s.rows_rejected, s.customers_valid, s.customers_rejected) == (8, 0, 2, 6, 2)
    assert error_codes(report) == {(6, "invalid_email"), (6, "invalid_tax_id"), (8, "duplicate_key")}
    (tax,) = [i for i in report.issues if i.code == "invalid_tax_id"]
    assert (tax.column, tax.header, tax.field, tax.value) == ("F", "CPF/CNPJ", "tax_id", "123.456.789-00")
    maria = customer(report, "CLI-001")
    assert maria.rows == [2]
    assert (maria.tax_id, maria.mobile_phone, maria.postal_code) == ("52601815906", "+5511987654321", "01310-100")
    assert maria.is_company is False
    padaria = customer(report, "CLI-002")
    assert padaria.tax_id == "08301661000169"
    assert padaria.additional_emails == ["compras@paoquente.example", "dono@paoquente.example"]
    assert customer(report, "CLI-003").state == "MG"
    assert report.has_errors()


@needs_readers
def test_upflow_file():
    report = cu.validate(cu.Source.PATH(str(UPFLOW)), cu.ImportOptions(profile="upflow"))
    s = report.stats
    assert (s.rows_total, s.customers_valid, s.customers_rejected, s.contacts_valid, s.contacts_rejected) == (
        5, 2, 2, 3, 1,
    )
    assert error_codes(report) == {(5, "invalid_tax_id"), (6, "unknown_parent")}
    martin = customer(report, "U-1")
    assert martin.rows == [2, 3]
    assert (martin.vat_number, martin.country, martin.payment_terms_days) == ("FR40303265045", "FR", 30)
    assert [c.email for c in martin.contacts] == ["paul@martin.example", "claire@martin.example"]
    paul = martin.contacts[0]
    assert (paul.phone, paul.position, paul.is_main) == ("+33142685300", "ACCOUNTING", True)
    assert customer(report, "U-2").parent_id == "U-1"


@needs_readers
@pytest.mark.parametrize("name, path, profile", [("clientes-asaas", ASAAS, "asaas"), ("customers-upflow", UPFLOW, "upflow")])
def test_same_json_counts_and_codes_as_the_cli(name, path, profile):
    report = cu.validate(cu.Source.PATH(str(path)), cu.ImportOptions(profile=profile))
    cli = cli_json(name)
    assert report.to_json() == cli
    cli_doc = json.loads(cli)
    assert cli_doc["stats"]["customers_valid"] == report.stats.customers_valid
    assert [(i["row"], i["code"]) for i in cli_doc["issues"]] == [(i.row, i.code) for i in report.issues]


@needs_readers
def test_bytes_and_path_agree_and_inspect_maps_columns():
    importer = cu.Importer(cu.ImportOptions(profile="asaas"))
    by_path = importer.validate(cu.Source.PATH(str(ASAAS)))
    assert importer.validate(cu.Source.BYTES(ASAAS.read_bytes())) == by_path
    ins = importer.inspect(cu.Source.PATH(str(ASAAS)))
    assert ins.rows == 8
    assert {c.column: c.field for c in ins.columns}["F"] == "tax_id"


@needs_readers
def test_write_errors(tmp_path):
    out = tmp_path / "erros.csv"
    report = cu.write_errors(cu.Source.PATH(str(ASAAS)), str(out), cu.ImportOptions(profile="asaas", locale="pt-BR"))
    lines = [line for line in out.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    assert len(lines) == 1 + report.stats.rows_rejected
    assert "Erros" in lines[0]


@needs_readers
def test_one_importer_shared_by_threads():
    importer = cu.Importer(cu.ImportOptions(profile="asaas"))
    results = []

    def run():
        results.append(importer.validate(cu.Source.PATH(str(ASAAS))).stats)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)
