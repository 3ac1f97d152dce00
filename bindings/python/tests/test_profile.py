"""cadastro.Profile: built-in by name, from JSON or a dict, custom fields, round trips."""

from __future__ import annotations

import json
import pickle

import pytest

import cadastro


def test_builtins() -> None:
    assert cadastro.Profile.builtin_names() == ["asaas", "invoiceocean", "upflow", "generic"]
    asaas = cadastro.Profile("asaas")
    assert asaas.name == "asaas"
    assert asaas.default_country == "BR"
    assert asaas.required == ["external_id", "name", "tax_id"]
    assert asaas.columns[0]["header"] == "Identificador Externo"
    assert asaas.columns[0]["field"] == "external_id"
    assert cadastro.Profile().name == "generic"
    assert cadastro.Profile("generic").default_country is None
    assert cadastro.Profile("upflow").default_country == "FR"
    assert cadastro.Profile("invoiceocean").default_country == "PL"
    assert repr(asaas) == 'Profile("asaas")'
    with pytest.raises(cadastro.InvalidOptions, match="unknown profile"):
        cadastro.Profile("asas")


@pytest.mark.parametrize("name", ["asaas", "invoiceocean", "upflow", "generic"])
def test_round_trips(name: str) -> None:
    p = cadastro.Profile(name)
    assert cadastro.Profile.from_json(p.to_json()) == p
    assert cadastro.Profile.from_dict(p.to_dict()) == p
    assert json.loads(p.to_json()) == p.to_dict()
    assert pickle.loads(pickle.dumps(p)) == p
    assert p != cadastro.Profile("upflow" if name != "upflow" else "asaas")


def test_custom_fields() -> None:
    base = cadastro.Profile("asaas")
    before = base.custom_fields  # the built-in profile may bring its own (asaas: "empresa")
    p = base.with_custom_field("plan", {"type": "enum", "values": ["Basic", "Pro"]}, synonyms=["Plano"])
    p = p.with_custom_field("seats", {"type": "integer", "min": 1}, required=True)
    p = p.with_custom_field("since", "date")
    assert base.custom_fields == before  # immutable: a copy was made
    assert [f["name"] for f in p.custom_fields] == [f["name"] for f in before] + ["plan", "seats", "since"]
    assert p.custom_fields[len(before)] == {
        "name": "plan",
        "kind": {"type": "enum", "values": ["Basic", "Pro"]},
        "required": False,
        "synonyms": ["Plano"],
    }
    assert p.custom_fields[len(before) + 1]["required"] is True
    assert cadastro.Profile.from_dict(p.to_dict()) == p
    with pytest.raises(cadastro.InvalidProfile, match="declared twice"):
        p.with_custom_field("plan", "text")
    with pytest.raises(cadastro.InvalidProfile, match="canonical"):
        base.with_custom_field("email", "text")
    with pytest.raises(cadastro.InvalidProfile):
        base.with_custom_field("x", "colour")
    with pytest.raises(cadastro.InvalidProfile, match="no values"):
        base.with_custom_field("x", {"type": "enum", "values": []})


def test_documents_are_checked() -> None:
    doc = cadastro.Profile("generic").to_dict()
    doc["default_country"] = "Brasil"
    with pytest.raises(cadastro.InvalidProfile, match="default_country"):
        cadastro.Profile.from_dict(doc)
    with pytest.raises(cadastro.InvalidProfile, match="not a profile document"):
        cadastro.Profile.from_json("{}")
    with pytest.raises(cadastro.InvalidProfile):
        cadastro.Profile.from_json("not json")


def test_profile_arguments_of_validate() -> None:
    custom = cadastro.Profile("asaas").with_custom_field("plan", "text")
    for profile in ("asaas", custom, custom.to_dict()):
        with pytest.raises(cadastro.EmptyFile):  # accepted, then the (empty) file is read
            cadastro.validate(b"", profile=profile)
