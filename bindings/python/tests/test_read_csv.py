"""Issue #14's reading through Python: legacy encodings, other delimiters, headerless tables,
rows above the header and the header candidates of `inspect`, on real files from
testdata/realworld (see its README)."""

from pathlib import Path

import pytest

import cadastro

REAL = Path(__file__).resolve().parents[3] / "testdata" / "realworld" / "csv"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "text"),
    [
        ("alfa_example.csv", "windows-1251", ";", "Текущий счет"),
        ("sjis.csv", "shift_jis", ",", "本日はいい天気"),
        ("Speaking_Tool.csv", "x-mac-roman", ";", "Të dua"),
        ("shops.csv", "windows-1250", ";", "dolnośląskie"),
        ("councils.csv", "utf-8", "#", "Almería"),
        ("diamonds.csv", "utf-8", " ", "Premium"),
    ],
)
def test_real_files_in_legacy_encodings_and_other_delimiters(name: str, encoding: str, delimiter: str, text: str) -> None:
    ins = cadastro.inspect(REAL / name)
    assert (ins.source["encoding"], ins.source["delimiter"]) == (encoding, delimiter)
    assert 0.5 <= ins.source["encoding_confidence"] <= 1.0
    assert text in ins.to_json()


def test_forced_encoding_accepts_the_new_names_and_refuses_unknown_ones() -> None:
    path = REAL / "alfa_example.csv"
    assert cadastro.inspect(path, encoding="cp1251").source["encoding"] == "windows-1251"
    forced = cadastro.inspect(path, encoding="x-mac-roman")
    assert forced.source["encoding"] == "x-mac-roman"
    with pytest.raises(cadastro.CadastroError) as err:
        cadastro.inspect(path, encoding="ebcdic")
    assert err.value.kind == "invalid_options"


def test_headerless_file_and_rows_above_the_header() -> None:
    headerless = cadastro.inspect(REAL / "data.csv")
    assert headerless.source["header_row"] is None
    assert '"header_row":null' in headerless.to_json()
    # Two rows of per-subject numbers above a Slovak header on row 3: skipped as titles.
    ins = cadastro.inspect(REAL / "2009-2010ZS-studenti.csv")
    assert ins.source["header_row"] == 3
    assert ins.source["skipped_rows"] == [{"row": 1, "reason": "title"}, {"row": 2, "reason": "title"}]
    assert [c["row"] for c in ins.header_candidates if c["chosen"]] == [3]
    assert ins.header_candidates[0]["row"] == 3


def test_data_rows_above_the_header_are_warned(tmp_path: Path) -> None:
    path = tmp_path / "acima.csv"
    path.write_text(
        "C-1;Ana Souza;529.982.247-25\nC-2;Bia Lima;111.444.777-35\n"
        "Identificador Externo;Nome completo;CPF/CNPJ\nC-3;Caio Reis;390.533.447-05\n",
        encoding="utf-8",
    )
    report = cadastro.validate(path, profile="asaas")
    assert report.source["header_row"] == 3
    assert [i.row for i in report.issues if i.code == "skipped_above_header"] == [1, 2]
    assert report.source["skipped_rows"] == [{"row": 1, "reason": "data"}, {"row": 2, "reason": "data"}]


def test_a_ragged_row_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "moradas.csv"
    path.write_text("Nome,Morada,País\nAna Souza,Rua das Flores, 123,Porto\nBia Lima,Rua A 1,Brasil\n", encoding="utf-8")
    report = cadastro.validate(path)
    codes = [(i.row, i.code, i.column) for i in report.issues if i.severity == "error"]
    assert codes == [(2, "ragged_row", "B")]


def test_space_aligned_columns_and_a_headerless_all_text_file() -> None:
    aligned = cadastro.inspect(REAL / "diamonds.csv")
    assert [c["header"] for c in aligned.columns][:4] == ["id", "carat", "cut", "color"]
    # shops.csv has no header row: its first row's voivodeship recurs below it.
    assert cadastro.inspect(REAL / "shops.csv").source["header_row"] is None
