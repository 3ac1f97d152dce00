"""Issue 16 points 2, 3, 6 and issue 17 point 11 (export) from Python: the error file's row
column, error-file paths refused up front, `Store.copy_account` (plan, dry run, identity rules),
and exports that fail with `io` (never `internal`) when the temporary directory is missing or
fills up, and that keep custom fields another profile lacks."""

from __future__ import annotations

import csv
import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cadastro
from conftest import EXAMPLE_CSV


def test_the_error_file_carries_the_original_row_in_the_files_language(tmp_path: Path) -> None:
    report = cadastro.validate(EXAMPLE_CSV, profile="asaas", locale="pt-BR")
    out = tmp_path / "erros.csv"
    report.write_errors(out, locale="pt-BR")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-2:] == ["Linha", "Erros"]
    assert [r[-2] for r in rows[1:]] == ["6", "8"]
    assert rows[2][-1].endswith("já usado na linha 2")
    report.write_errors(out, locale="fr")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].endswith(";Ligne;Erreurs")
    # Re-imported as it is: the two added columns map to nothing and raise no warning.
    again = cadastro.validate(out, profile="asaas")
    assert [m["field"] for m in again.mapping if m["header"] in ("Ligne", "Erreurs")] == [None, None]
    assert [i.code for i in again.issues] == ["invalid_email", "invalid_tax_id"]


def test_error_file_paths_are_refused_before_writing(tmp_path: Path) -> None:
    report = cadastro.validate(EXAMPLE_CSV, profile="asaas")
    for bad in ("e.docx", "e.txt"):
        with pytest.raises(cadastro.InvalidOptions, match=".xlsx or .csv"):
            report.write_errors(tmp_path / bad)
        assert not (tmp_path / bad).exists()
    with pytest.raises(FileNotFoundError, match="no such directory for the error file") as e:
        report.write_errors(tmp_path / "no" / "such" / "erros.xlsx")
    assert e.value.kind == "io"  # type: ignore[attr-defined]


def _customer(external_id: str, name: str, **fields: object) -> dict[str, object]:
    return {"external_id": external_id, "name": name, **fields}


def test_copy_account_plans_with_the_identity_rules_and_dry_runs_exactly(tmp_path: Path) -> None:
    with cadastro.Store(tmp_path / "cadastro.db") as store:
        store.import_file(EXAMPLE_CSV, "matriz", profile="asaas")
        assert store.accounts() == ["matriz"]
        dry = store.copy_account("matriz", "filial", "Varejo", dry_run=True)
        assert dry.counts == {"created": 3, "updated": 0, "unchanged": 0}
        assert store.accounts() == ["matriz"], "a dry run writes nothing"
        real = store.copy_account("matriz", "filial", "Varejo")
        assert real.counts == dry.counts
        assert sorted(c["external_id"] for c in store.customers("filial")) == ["CLI-001", "CLI-003", "CLI-006"]
        # A customer the target already has under the same external id is an update.
        edited = EXAMPLE_CSV.read_text("utf-8-sig").replace("Cliente desde 2019", "Cliente desde 2018")
        (tmp_path / "editado.csv").write_text(edited, "utf-8")
        store.import_file(tmp_path / "editado.csv", "matriz", profile="asaas")
        plan = store.copy_account("matriz", "filial")
        assert plan.counts == {"created": 3, "updated": 1, "unchanged": 2}
        [update] = [e for e in plan.changes if e["action"] == "update"]
        assert update["diff"]["fields"][0]["field"] == "notes"
        maria = next(c for c in store.customers("filial") if c["external_id"] == "CLI-001")
        assert maria["custom"] == {"empresa": "Livraria Paulista Ltda"}
        assert store.copy_account("matriz", "filial").is_noop
        # A dry-run plan applies later as it is.
        later = store.copy_account("matriz", "outra", dry_run=True)
        assert store.apply(later, "outra") == {"created": 6, "updated": 0, "unchanged": 0}
        with pytest.raises(cadastro.UnknownAccount) as e:
            store.copy_account("nada", "filial")
        assert e.value.kind == "unknown_account"  # type: ignore[attr-defined]


def test_a_store_export_in_another_profile_keeps_custom_fields(tmp_path: Path) -> None:
    with cadastro.Store(tmp_path / "cadastro.db") as store:
        store.import_file(EXAMPLE_CSV, profile="asaas")
        out = tmp_path / "upflow.csv"
        store.export(out, profile="upflow")
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        assert rows[0]["Customer ID"] == "CLI-001"
        assert rows[0]["empresa"] == "Livraria Paulista Ltda"


def _big_customers() -> list[dict[str, object]]:
    return [_customer(f"C-{i}", f"Cliente {i}", city=f"Cidade {i}", notes=f"uma observação longa {i}") for i in range(20_000)]


def test_an_xlsx_export_without_a_temporary_directory_is_an_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "no-such-tmp"))
    with pytest.raises(FileNotFoundError) as e:
        cadastro.export(_big_customers(), tmp_path / "out.xlsx")
    assert e.value.kind == "io"  # type: ignore[attr-defined]
    assert "no-such-tmp" in str(e.value)
    assert not (tmp_path / "out.xlsx").exists()


CHILD = """
import sys, cadastro
customers = [{"external_id": f"C-{i}", "name": f"Cliente {i}", "city": f"Cidade {i}",
              "notes": f"uma observação longa {i}"} for i in range(20_000)]
try:
    cadastro.export(customers, sys.argv[1])
except cadastro.CadastroError as e:
    print("kind", e.kind, e)
except OSError as e:
    print("kind", getattr(e, "kind", None), e)
"""


def _limit_files() -> None:
    # Files are limited to 1 MB and SIGXFSZ ignored: a write past it fails (EFBIG) as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))


def test_a_temporary_directory_that_fills_up_mid_export_is_an_io_error(tmp_path: Path) -> None:
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "out.xlsx")],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_limit_files,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "panicked" not in out.stderr, out.stderr
    assert out.stdout.startswith("kind io "), out.stdout
    assert "temporary data of the XLSX export" in out.stdout and str(tmp_path / "tmp") in out.stdout
