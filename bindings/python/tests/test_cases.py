"""The shared table-driven cases (testdata/cases/*.json) replayed through cadastro.normalize.

Format (see the project's common brief): each case has `field`, `input` (a JSON string is a text
cell, a JSON number a numeric spreadsheet cell, true/false a boolean cell), optional `country`,
and exactly one of `value` or `error`, plus optional `warnings`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import cadastro
from conftest import TESTDATA

CASE_FILES = sorted(p for p in (TESTDATA / "cases").glob("*.json") if p.name != "mapping.json")


def load_cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc.get("cases", [])):
            if "field" not in case:
                continue
            params.append(pytest.param(case, id=f"{path.stem}[{i}]-{case['field']}"))
    return params


CASES = load_cases()


def cell_input(raw: Any) -> Any:
    """A JSON number is a numeric spreadsheet cell (a float, as Excel stores it)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    return raw


def typed(v: Any) -> Any:
    """Compares bools and ints apart (True == 1 in Python)."""
    if isinstance(v, list):
        return [typed(x) for x in v]
    return (type(v).__name__ if isinstance(v, bool) else "value", v)


def test_there_are_cases() -> None:
    assert CASE_FILES, "no testdata/cases/*.json"
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict[str, Any]) -> None:
    assert ("value" in case) != ("error" in case), f"a case has exactly one of value/error: {case}"
    got = cadastro.normalize(case["field"], cell_input(case["input"]), case.get("country"))
    if "error" in case:
        assert got.error == case["error"], got
        assert got.value is None
        assert not got.ok
    else:
        assert got.error is None, got
        assert typed(got.value) == typed(case["value"]), got
        assert got.ok
    if "warnings" in case:
        assert sorted(got.warnings) == sorted(case["warnings"]), got


def test_normalize_converts_python_values() -> None:
    assert cadastro.normalize("name", None).value is None
    assert cadastro.normalize("name", "   ").value is None
    assert cadastro.normalize("external_id", 42).value == "42"
    assert cadastro.normalize("external_id", 42.0).value == "42"
    # beyond i64: a number cell like any other (a float, as a spreadsheet holds it)
    assert cadastro.normalize("external_id", 2**70).value == cadastro.normalize("external_id", float(2**70)).value
    assert cadastro.normalize("is_company", True).value is True
    d = cadastro.normalize("name", "=1+1").to_dict()
    assert d == {"value": "=1+1", "error": None, "warnings": ["formula_like_value"]}


def test_normalize_rejects_unknown_fields_and_types() -> None:
    with pytest.raises(cadastro.InvalidOptions, match="unknown field"):
        cadastro.normalize("nmae", "Ana")
    with pytest.raises(TypeError):
        cadastro.normalize("name", object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cadastro.normalize("name", b"Ana")  # type: ignore[arg-type]


def test_field_names_are_the_contract_fields() -> None:
    names = cadastro.field_names()
    assert len(names) == len(set(names)) == 43
    assert names[:2] == ["external_id", "name"]
    assert "contact_is_main" in names
    for name in names:
        cadastro.normalize(name, None)  # every listed field is accepted
