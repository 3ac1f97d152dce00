"""File-level failures: one exception class per core kind, OS errors as Python's own, and no
Rust panic ever reaching Python as pyo3's PanicException."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import cadastro
from cadastro import _cadastro


def test_every_core_kind_has_its_class() -> None:
    table, core_codes = _cadastro._kind_classes()
    # `io` is the one kind that maps to Python's OSError family instead of a CadastroError.
    assert set(core_codes) - {"io"} <= set(table), "a core kind has no exception class"
    # Exactly the host boundary's one kind list (cadastro_host::kinds: core, store, host kinds).
    assert set(table) == set(_cadastro._kinds()) - {"io"}
    classes = list(table.values())
    assert len(set(classes)) == len(classes)
    for code, cls in table.items():
        assert issubclass(cls, cadastro.CadastroError)
        assert cls.kind == code
        assert cls.__module__ == "cadastro"
        assert getattr(cadastro, cls.__name__) is cls
        assert cls.__name__ in cadastro.__all__


def test_empty_bytes_is_empty_file() -> None:
    with pytest.raises(cadastro.EmptyFile) as info:
        cadastro.validate(b"")
    assert info.value.kind == "empty_file"
    assert isinstance(info.value, cadastro.CadastroError)
    assert str(info.value) == "the file is empty"


def test_inspect_raises_the_same_kinds() -> None:
    with pytest.raises(cadastro.EmptyFile):
        cadastro.inspect(b"")


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError) as info:
        cadastro.validate(missing)
    assert info.value.errno == errno.ENOENT
    assert info.value.filename == str(missing)
    assert getattr(info.value, "kind") == "io"
    with pytest.raises(FileNotFoundError):
        cadastro.inspect(str(missing))


def test_a_directory_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        cadastro.validate(tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_permission_error(tmp_path: Path) -> None:
    p = tmp_path / "locked.csv"
    p.write_bytes(b"name\nAna\n")
    p.chmod(0)
    with pytest.raises(PermissionError):
        cadastro.validate(p)


def test_limits_are_applied_and_checked(tmp_path: Path) -> None:
    with pytest.raises(cadastro.LimitExceeded, match="file_bytes is 3, the maximum is 2") as info:
        cadastro.validate(b"abc", limits={"max_file_bytes": 2})
    assert info.value.kind == "limit_exceeded"
    p = tmp_path / "three.csv"
    p.write_bytes(b"abc")
    with pytest.raises(cadastro.LimitExceeded):
        cadastro.inspect(p, limits={"max_file_bytes": 2})
    with pytest.raises(cadastro.InvalidOptions, match="max_row"):
        cadastro.validate(b"abc", limits={"max_row": 10})
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.validate(b"abc", limits={"max_rows": -1})
    with pytest.raises(TypeError):
        cadastro.validate(b"abc", limits=[("max_rows", 1)])  # type: ignore[arg-type]
    defaults = cadastro.default_limits()
    assert defaults["max_rows"] >= 1_000_000
    assert set(defaults) >= {"max_file_bytes", "max_rows", "max_columns", "max_cell_chars"}


def test_options_are_checked_before_reading() -> None:
    # Each of these would be empty_file if the file were read first.
    with pytest.raises(cadastro.InvalidOptions, match="unknown profile"):
        cadastro.validate(b"", profile="asas")
    with pytest.raises(cadastro.InvalidProfile):
        cadastro.validate(b"", profile={"name": "x", "columns": [], "required": ["nope"], "version": 1, "custom_fields": [{"name": "name", "kind": {"type": "text"}}]})
    with pytest.raises(cadastro.InvalidOptions, match="locale"):
        cadastro.validate(b"", locale="de")
    with pytest.raises(cadastro.InvalidOptions, match="country"):
        cadastro.validate(b"", country="Atlantis")
    with pytest.raises(TypeError):
        cadastro.validate(b"", mapping=["A"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="progress"):
        cadastro.validate(b"", progress=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="profile"):
        cadastro.validate(b"", profile=3)  # type: ignore[arg-type]


def test_locales_and_options_accepted() -> None:
    for locale in ("en", "pt-BR", "pt_br", "fr"):
        with pytest.raises(cadastro.EmptyFile):
            cadastro.validate(b"", locale=locale, country="BR", mapping={"A": "name", "B": None}, progress=print)


def test_panic_becomes_internal_error() -> None:
    with pytest.raises(cadastro.InternalError) as info:
        _cadastro._panic_for_tests()
    err = info.value
    assert isinstance(err, cadastro.CadastroError)
    assert isinstance(err, Exception)  # PanicException derives from BaseException only
    assert err.kind == "internal"
    assert "forced panic for tests" in str(err)
    # The module keeps working after a caught panic.
    assert cadastro.normalize("name", " Ana ").value == "Ana"
    try:
        _cadastro._panic_for_tests()
    except Exception as e:  # what a host writes: must catch it
        assert type(e) is cadastro.InternalError
