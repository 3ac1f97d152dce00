"""The hostile-file corpus (testdata/hostile/manifest.json) through Python: each file gives its
kind, in a child process, within 2 s and 256 MB peak RSS (an abort or OOM fails the test, not
the runner)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TESTDATA

MANIFEST = TESTDATA / "hostile" / "manifest.json"
ENTRIES = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else []

CHILD = """
import sys, cadastro
try:
    cadastro.validate(sys.argv[1])
    print("ok")
except cadastro.CadastroError as e:
    print(e.kind)
except OSError as e:
    print("io")
"""

pytestmark = pytest.mark.needs_readers


@pytest.mark.parametrize(
    "entry",
    ENTRIES or [pytest.param(None, marks=pytest.mark.skip(reason="no testdata/hostile/manifest.json"))],
    ids=lambda e: e and e["file"],
)
def test_hostile_file(entry: dict[str, str]) -> None:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(MANIFEST.parent / entry["file"])], stdout=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    out = proc.stdout.read().strip() if proc.stdout else ""
    proc.stdout and proc.stdout.close()
    assert os.waitstatus_to_exitcode(status) == 0, f"child died: status {status}"
    assert out == entry["kind"], entry
    assert elapsed < float(entry.get("max_seconds", 2.0)), elapsed
    assert usage.ru_maxrss * 1024 < 256 * 1024 * 1024, usage.ru_maxrss
