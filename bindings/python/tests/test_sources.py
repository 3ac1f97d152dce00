"""`source` may be a path (str or os.PathLike), bytes-like, or a binary file object."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import cadastro
from conftest import EXAMPLE_CSV


def sources(tmp_path: Path, data: bytes) -> dict[str, object]:
    p = tmp_path / "data.csv"
    p.write_bytes(data)
    return {
        "bytes": data,
        "bytearray": bytearray(data),
        "memoryview": memoryview(data),
        "BytesIO": io.BytesIO(data),
        "open-rb": p.open("rb"),
        "str": str(p),
        "Path": p,
    }


def test_every_source_kind_reaches_the_core(tmp_path: Path) -> None:
    # 5 bytes against a 4-byte limit: the core saw exactly these bytes, from every source kind.
    for name, src in sources(tmp_path, b"name\n").items():
        with pytest.raises(cadastro.LimitExceeded, match="file_bytes is 5, the maximum is 4"):
            cadastro.validate(src, limits={"max_file_bytes": 4})  # type: ignore[arg-type]
        if hasattr(src, "close"):
            src.close()  # type: ignore[union-attr]
    for name, src in sources(tmp_path, b"").items():
        with pytest.raises(cadastro.EmptyFile):
            cadastro.inspect(src)  # type: ignore[arg-type]


def test_text_mode_file_and_other_types_are_type_errors(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("name\nAna\n")
    with p.open("r") as f, pytest.raises(TypeError, match="binary mode"):
        cadastro.validate(f)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source must be"):
        cadastro.validate(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source must be"):
        cadastro.validate(None)  # type: ignore[arg-type]


@pytest.mark.needs_readers
def test_every_source_kind_gives_the_same_report(tmp_path: Path) -> None:
    data = EXAMPLE_CSV.read_bytes()
    expected = cadastro.validate(EXAMPLE_CSV, profile="asaas").to_json()
    for name, src in sources(tmp_path, data).items():
        assert cadastro.validate(src, profile="asaas").to_json() == expected, name  # type: ignore[arg-type]
