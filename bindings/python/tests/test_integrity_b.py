"""Issue 16 points 4, 5 and 7 through Python: the locale option (pl, es, lenient tags, the
default that follows the profile or the headers), `source["country_inferred"]` on both
pipelines, the ninth-digit warning."""

from __future__ import annotations

import pytest

import cadastro

pytestmark = pytest.mark.needs_readers

# The generic profile on a Brazilian file as Excel for Brazil saves it (Windows-1252): a bad
# CPF, a legacy 8-digit mobile, a landline.
BRAZILIAN = (
    "Nome;CPF;Celular;Fone\r\n"
    "Ana Souza;123.456.789-00;(11) 98765-4321;\r\n"
    "João Lima;529.982.247-25;(85) 9508-7624;(85) 3256-7624\r\n"
).encode("cp1252")


def test_country_inferred_and_ninth_digit_on_both_pipelines():
    report = cadastro.validate(BRAZILIAN)
    assert report.source["country_inferred"] == {"country": "BR", "evidence": ["tax_id", "phone", "header_language"]}
    assert [(i.row, i.code) for i in report.issues] == [(2, "invalid_tax_id"), (3, "phone_ninth_digit_added")]
    warning = report.issues[1]
    assert warning.severity == "warning" and warning.field == "mobile_phone" and warning.value == "(85) 9508-7624"
    assert report.customers[0]["mobile_phone"] == "+5585995087624"
    assert report.customers[0]["phone"] == "+558532567624"
    assert report.to_dict()["source"]["country_inferred"]["country"] == "BR"
    assert report.locale == "pt-BR" and report.to_dict()["locale"] == "pt-BR"

    with cadastro.validate_stream(BRAZILIAN, chunk_rows=1) as stream:
        chunks = list(stream)
    issues = [i for c in chunks for i in c.issues]
    assert [(i.row, i.code, i.message) for i in issues] == [(i.row, i.code, i.message) for i in report.issues]
    assert stream.summary.source == report.source
    assert stream.summary.locale == "pt-BR"

    # A country from the host: nothing inferred.
    pl = cadastro.validate(BRAZILIAN, country="PL")
    assert "country_inferred" not in pl.source
    assert "invalid_phone" in [i.code for i in pl.issues]


@pytest.mark.parametrize(
    ("tag", "locale", "words"),
    [
        ("pl", "pl", "nieprawidłowy numer podatkowy"),
        ("pl-PL", "pl", "nieprawidłowy numer podatkowy"),
        ("es", "es", "identificador fiscal no válido"),
        ("es_ES", "es", "identificador fiscal no válido"),
        ("pt_BR", "pt-BR", "documento inválido"),
        ("en", "en", "not a valid tax id"),
    ],
)
def test_locale_option(tag, locale, words):
    report = cadastro.validate(BRAZILIAN, locale=tag)
    assert report.locale == locale
    assert words in report.issues[0].message
    with cadastro.validate_stream(BRAZILIAN, locale=tag) as stream:
        issues = [i for c in stream for i in c.issues]
    assert words in issues[0].message
    assert stream.summary.locale == locale


def test_default_locale_follows_profile_and_headers(tmp_path):
    asaas = b"Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n"
    assert cadastro.validate(asaas, profile="asaas").locale == "pt-BR"
    polish = "Nazwa;NIP;Miasto\r\nFirma;123;Łódź\r\n".encode("cp1250")
    report = cadastro.validate(polish, profile="invoiceocean")
    assert report.locale == "pl"
    out = tmp_path / "bledy.csv"
    report.write_errors(out)
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].endswith("Błędy")
    assert cadastro.validate(b"Nombre;Correo\nACME;x\n").locale == "es"
    assert cadastro.validate(b"Customer name;Email\nACME;x\n").locale == "en"
    with pytest.raises(cadastro.CadastroError) as info:
        cadastro.validate(asaas, locale="de")
    assert info.value.kind == "invalid_options"
    assert "en, pt-BR, fr, pl, es" in str(info.value)
