"""The shipped stub (_cadastro.pyi) matches the compiled module: mypy stubtest, plus a check
that the package's __all__ and the stub name the same things."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cadastro
from cadastro import _cadastro

STUB = Path(cadastro.__file__).with_name("_cadastro.pyi")
ALLOWLIST = Path(__file__).with_name("stubtest-allowlist.txt")


def stub_names() -> set[str]:
    tree = ast.parse(STUB.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def test_stub_and_all_agree() -> None:
    assert STUB.exists() and STUB.with_name("py.typed").exists()
    assert set(cadastro.__all__) == stub_names()
    public = {n for n in dir(_cadastro) if not n.startswith("_")} | {"__version__"}
    assert public == stub_names()


def test_mypy_stubtest(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "cadastro", "--allowlist", str(ALLOWLIST)],
        cwd=tmp_path,  # not the source tree: mypy would see the package twice
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
