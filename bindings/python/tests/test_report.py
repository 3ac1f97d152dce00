"""Reports through Python equal the CLI's, byte for byte, on every shared input file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import cadastro
from conftest import EXAMPLE_CSV, TESTDATA, run_cli

pytestmark = pytest.mark.needs_readers

INPUTS = sorted(
    p for p in (TESTDATA / "inputs").rglob("*") if p.is_file() and p.suffix.lower() not in (".md", ".json", ".txt")
)


def profile_for(path: Path) -> str:
    """The built-in profile a file is named after, else generic."""
    name = path.name.lower()
    for p in cadastro.Profile.builtin_names():
        if p in name:
            return p
    return "generic"


def same_as_cli(cli: Path, path: Path, profile: str) -> None:
    proc = run_cli(cli, "validate", path, "--profile", profile, "--format", "json")
    if proc.returncode == 2:
        expected = json.loads(proc.stdout)["error"]
        with pytest.raises(cadastro.CadastroError) as info:
            cadastro.validate(path, profile=profile)
        assert info.value.kind == expected["kind"]
        assert str(info.value) == expected["message"]
    else:
        report = cadastro.validate(path, profile=profile)
        assert report.to_json() == proc.stdout.removesuffix("\n")
        assert report.has_errors == (proc.returncode == 1)


@pytest.mark.parametrize("path", INPUTS or [pytest.param(None, marks=pytest.mark.skip(reason="no testdata/inputs"))], ids=lambda p: p and str(p.relative_to(TESTDATA)))
def test_validate_equals_cli(cli: Path, path: Path) -> None:
    same_as_cli(cli, path, profile_for(path))


def test_example_equals_cli(cli: Path) -> None:
    same_as_cli(cli, EXAMPLE_CSV, "asaas")
    same_as_cli(cli, EXAMPLE_CSV, "generic")


def test_inspect_equals_cli(cli: Path) -> None:
    for path in [EXAMPLE_CSV, *INPUTS]:
        proc = run_cli(cli, "inspect", path, "--format", "json")
        if proc.returncode == 0:
            assert cadastro.inspect(path).to_json() == proc.stdout.removesuffix("\n")


def test_report_faces() -> None:
    report = cadastro.validate(EXAMPLE_CSV, profile="asaas", locale="pt-BR")
    d = report.to_dict()
    assert d == json.loads(report.to_json())
    assert report.stats.to_dict() == d["stats"]
    assert report.stats.rows_total == d["stats"]["rows_total"] > 0
    assert [i.to_dict() for i in report.issues] == d["issues"]
    assert report.customers == d["customers"]
    assert report.source == d["source"] and report.source["format"] == "csv"
    assert report.mapping == d["mapping"]
    assert report.profile == "asaas"
    fields = set(cadastro.field_names())
    for customer in report.customers:
        assert isinstance(customer["rows"], list)
        assert set(customer) - {"rows", "custom", "contacts"} <= fields
        assert "name" in customer
    for issue in report.issues:
        assert isinstance(issue.row, int) and issue.row >= 2
        assert issue.severity in ("error", "warning")
        assert issue.is_error == (issue.severity == "error")
        assert issue.code and issue.message
    assert report.has_errors == any(i.is_error for i in report.issues)
    assert "Report(profile=\"asaas\"" in repr(report)


def test_include_values_false_leaves_values_out() -> None:
    with_values = cadastro.validate(EXAMPLE_CSV, profile="asaas")
    without = cadastro.validate(EXAMPLE_CSV, profile="asaas", include_values=False)
    assert any(i.value is not None for i in with_values.issues)
    assert all(i.value is None for i in without.issues)
    assert len(without.issues) == len(with_values.issues)


def test_write_errors(tmp_path: Path, cli: Path) -> None:
    report = cadastro.validate(EXAMPLE_CSV, profile="asaas")
    assert report.has_errors, "the example file is expected to have rejected rows"
    out = tmp_path / "erros.csv"
    report.write_errors(out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=report.source.get("delimiter", ",")))
    assert rows[0][-1] == "Erros"  # the asaas profile's messages are pt-BR by default
    rejected_rows = {i.row for i in report.issues if i.is_error}
    assert len(rows) - 1 == len(rejected_rows)
    report.write_errors(out, locale="pt-BR")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].endswith("Erros")
    # Same bytes as the CLI's --errors.
    cli_out = tmp_path / "cli.csv"
    run_cli(cli, "validate", EXAMPLE_CSV, "--profile", "asaas", "--errors", cli_out)
    report.write_errors(out)
    assert out.read_bytes() == cli_out.read_bytes()
    xlsx = tmp_path / "erros.xlsx"
    report.write_errors(str(xlsx))
    assert xlsx.read_bytes()[:2] == b"PK"
    with pytest.raises(cadastro.InvalidOptions, match=".xlsx or .csv"):
        report.write_errors(tmp_path / "erros.pdf")
    with pytest.raises(FileNotFoundError):
        report.write_errors(tmp_path / "no" / "such" / "dir.csv")
    with pytest.raises(cadastro.InvalidOptions, match="locale"):
        report.write_errors(out, locale="de")


def test_custom_fields_and_mapping_reach_the_report() -> None:
    profile = cadastro.Profile("generic").with_custom_field(
        "plan", {"type": "enum", "values": ["Basic", "Pro"]}, synonyms=["Plano"]
    )
    data = "Customer name;Plano;Obs\nACME;pro;x\nGlobex;Gold;y\n".encode()
    report = cadastro.validate(data, profile=profile)
    assert report.customers[0]["custom"] == {"plan": "Pro"}
    assert [(i.row, i.field, i.code) for i in report.issues if i.is_error] == [(3, "plan", "invalid_enum")]
    # An explicit mapping: the Obs column becomes notes, the plan column is ignored.
    report = cadastro.validate(data, profile=profile, mapping={"Obs": "notes", "B": None})
    assert [c["notes"] for c in report.customers] == ["x", "y"]
    assert all("custom" not in c for c in report.customers)
    assert not report.has_errors


def test_polish_excel_csv_is_read_as_windows_1250() -> None:
    csv_dir = TESTDATA / "inputs" / "csv"
    cp1250 = cadastro.validate(csv_dir / "invoiceocean_pl_windows1250_semicolon.csv", profile="invoiceocean")
    utf8 = cadastro.validate(csv_dir / "invoiceocean_pl_comma.csv", profile="invoiceocean")
    assert (cp1250.source["encoding"], cp1250.source["delimiter"]) == ("windows-1250", ";")
    assert cp1250.customers == utf8.customers
    assert [c["city"] for c in cp1250.customers][1] == "Łódź"


def test_reading_options_force_encoding_delimiter_and_header_row(tmp_path: Path) -> None:
    polish = TESTDATA / "inputs" / "csv" / "invoiceocean_pl_windows1250_semicolon.csv"
    forced = cadastro.validate(polish, profile="invoiceocean", encoding="windows-1252")
    assert forced.source["encoding"] == "windows-1252"
    assert forced.customers[1]["city"] == "£ódŸ"
    assert cadastro.inspect(polish, encoding="windows-1250").source["encoding"] == "windows-1250"
    # A title row the detection would skip anyway, and a delimiter that is not sniffed: ',' in a
    # file of ';'-separated cells gives one column.
    path = tmp_path / "titled.csv"
    path.write_text("Clientes 2026\nnome;email\nAna;ana@example.com\n", encoding="utf-8")
    report = cadastro.validate(path, header_row=2)
    assert report.source["header_row"] == 2 and report.customers[0]["name"] == "Ana"
    one_column = cadastro.inspect(path, delimiter=",", header_row=2)
    assert one_column.source["delimiter"] == "," and len(one_column.columns) == 1
    with pytest.raises(cadastro.InvalidOptions, match="unknown encoding `latin-9`"):
        cadastro.validate(polish, encoding="latin-9")
    with pytest.raises(cadastro.InvalidOptions, match="one character"):
        cadastro.inspect(polish, delimiter=";;")


MERGE_CSV = (
    "Cód. Parceiro;Razão social;CPF;CNPJ\n"
    "P-1;Ana Souza;529.982.247-25;\n"
    "P-2;Padaria Pão Quente Ltda;;11.222.333/0001-81\n"
    "P-3;João Pereira;390.533.447-05;11.444.777/0001-61\n"
).encode("cp1252")


def test_merges_learned_mappings_and_needs_review() -> None:
    plain = cadastro.validate(MERGE_CSV, country="BR")
    assert plain.mapping[2]["merged_from"] == ["C", "D"] == plain.mapping[3]["merged_from"]
    assert (plain.mapping[0]["needs_review"], plain.mapping[1]["needs_review"]) == (True, False)
    assert [c["tax_id"] for c in plain.customers] == ["52998224725", "11222333000181"]
    assert any(i.code == "merged_values_differ" and i.row == 4 for i in plain.issues)

    doc = {"learned": {"Cód. Parceiro": "external_id"}, "tax_id": ["CPF", "CNPJ"], "review_threshold": 0.99}
    report = cadastro.validate(MERGE_CSV, country="BR", mapping=doc)
    first = report.mapping[0]
    assert (first["field"], first["reason"], first["needs_review"]) == ("external_id", "learned", False)
    assert report.mapping[1]["needs_review"] is True  # a synonym (0.98 with its values) is below 0.99
    assert report.mapping[2]["reason"] == "explicit"
    assert [c["external_id"] for c in report.customers] == ["P-1", "P-2"]
    ins = cadastro.inspect(MERGE_CSV)
    assert ins.columns[3]["merged_from"] == ["C", "D"]
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.validate(MERGE_CSV, mapping={"tax_id": ["CPF"]})
