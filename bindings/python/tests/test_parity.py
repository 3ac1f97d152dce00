"""The parity list (testdata/parity) replayed through `cadastro._cadastro.call`: byte for byte the
responses of the host crate, the CLI, Node and UniFFI."""

import json
from pathlib import Path

import pytest

from cadastro import _cadastro

ROOT = Path(__file__).resolve().parents[3]
CASES = sorted((ROOT / "testdata" / "parity" / "cases").glob("*.json"))


def test_the_list_is_there() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_gives_its_expected_responses(case: Path, tmp_path: Path) -> None:
    root, tmp = str(ROOT), str(tmp_path)
    doc = json.loads(case.read_text(encoding="utf-8").replace("@ROOT@", root).replace("@TMP@", tmp))
    got = ""
    for step in doc["steps"]:
        response = _cadastro.call(step["op"], json.dumps(step["request"]))
        got += response.replace(tmp, "@TMP@").replace(root, "@ROOT@") + "\n"
    assert got == case.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_kind_has_its_exception_class() -> None:
    import cadastro

    classes, _ = _cadastro._kind_classes()
    for kind in _cadastro._kinds():
        if kind == "io":
            continue  # OSError and its subclasses, by errno
        assert kind in classes, kind
        assert issubclass(classes[kind], cadastro.CadastroError)
        assert classes[kind].kind == kind


def test_a_closed_store_raises_store_closed(tmp_path: Path) -> None:
    import cadastro

    store = cadastro.Store(tmp_path / "s.db")
    store.close()
    with pytest.raises(cadastro.StoreClosed) as info:
        store.accounts()
    assert info.value.kind == "store_closed"
