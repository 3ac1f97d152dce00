"""The parity list (testdata/parity) replayed through the UniFFI library's `call`: byte for byte
the responses of the host crate, the CLI, the pyo3 module, Node and Kotlin."""

import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python")))

import cadastro_uniffi as cu  # noqa: E402

CASES = sorted((ROOT / "testdata" / "parity" / "cases").glob("*.json"))


def test_the_list_is_there():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_gives_its_expected_responses(case, tmp_path):
    root, tmp = str(ROOT), str(tmp_path)
    doc = json.loads(case.read_text(encoding="utf-8").replace("@ROOT@", root).replace("@TMP@", tmp))
    got = ""
    for step in doc["steps"]:
        got += cu.call(step["op"], json.dumps(step["request"])).replace(tmp, "@TMP@").replace(root, "@ROOT@") + "\n"
    assert got == case.with_suffix(".expected").read_text(encoding="utf-8")
