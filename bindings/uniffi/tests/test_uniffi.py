"""Python test of the UniFFI binding, through the module uniffi-bindgen generated (scripts/test.sh
puts `cadastro_uniffi.py` and the library in bindings/uniffi/out/python). The Python face users
install is the pyo3 one (bindings/python); this suite checks the UniFFI library itself, the one
Kotlin and Swift apps load, with the same expectations as tests/kotlin/Main.kt.

Environment (set by scripts/test.sh):
  CADASTRO_UNIFFI_OUT       directory of the generated module (default bindings/uniffi/out/python)
  CADASTRO_UNIFFI_READERS   "1" once the CSV/XLSX readers are merged: runs the file tests
  CADASTRO_EXPECTED_DIR     directory with the CLI's `validate --format json` output per file
"""

import json
import os
import pathlib
import sys
import threading
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python")))

import cadastro_uniffi as cu  # noqa: E402

READERS = os.environ.get("CADASTRO_UNIFFI_READERS") == "1"
needs_readers = pytest.mark.skipif(not READERS, reason="CADASTRO_UNIFFI_READERS is not 1 (readers not merged yet)")

ASAAS = ROOT / "examples/data/clientes-asaas.csv"
UPFLOW = ROOT / "bindings/uniffi/tests/data/customers-upflow.csv"
CASES = ROOT / "testdata/cases"


def error_codes(report):
    return {(i.row, i.code) for i in report.issues if i.severity == cu.Severity.ERROR}


def customer(report, external_id):
    (found,) = [c for c in report.customers if c.external_id == external_id]
    return found


def cli_json(name):
    expected = os.environ.get("CADASTRO_EXPECTED_DIR")
    assert expected, "CADASTRO_EXPECTED_DIR is not set"
    return pathlib.Path(expected, f"{name}.json").read_text(encoding="utf-8").strip()


# --- file-level errors -------------------------------------------------------------------------


def test_empty_bytes_raise_empty_file_with_its_kind():
    with pytest.raises(cu.CadastroError.EmptyFile) as info:
        cu.validate(cu.Source.BYTES(b""))
    assert isinstance(info.value, cu.CadastroError)
    assert info.value.kind() == "empty_file"
    assert info.value.detail == "the file is empty"


def test_missing_file_raises_io_naming_the_path():
    importer = cu.Importer(cu.ImportOptions())
    with pytest.raises(cu.CadastroError.Io) as info:
        importer.validate(cu.Source.PATH("/nonexistent/clientes.csv"))
    assert info.value.kind() == "io"
    assert "/nonexistent/clientes.csv" in info.value.detail


@pytest.mark.parametrize(
    "options, error",
    [
        ({"profile": "nope"}, cu.CadastroError.InvalidOptions),
        ({"locale": "de"}, cu.CadastroError.InvalidOptions),
        ({"delimiter": ";;"}, cu.CadastroError.InvalidOptions),
        ({"encoding": "latin-9"}, cu.CadastroError.InvalidOptions),
        ({"country": "Atlantis"}, cu.CadastroError.InvalidOptions),
        ({"mapping_json": "[1]"}, cu.CadastroError.InvalidOptions),
        ({"profile_json": "{}"}, cu.CadastroError.InvalidProfile),
    ],
)
def test_bad_options_are_typed_errors(options, error):
    with pytest.raises(error):
        cu.Importer(cu.ImportOptions(**options))


def test_negative_limit_is_invalid_options():
    limits = cu.default_limits()
    limits.max_rows = -1
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.Importer(cu.ImportOptions(limits=limits))


def test_file_size_limit_is_checked_before_reading():
    limits = cu.default_limits()
    limits.max_file_bytes = 4
    with pytest.raises(cu.CadastroError.LimitExceeded) as info:
        cu.validate(cu.Source.BYTES(b"Name\nAna\n"), cu.ImportOptions(limits=limits))
    assert info.value.kind() == "limit_exceeded"


def test_error_kinds_cover_the_contract():
    assert set(cu.error_kinds()) == {
        "unsupported_format", "corrupt_file", "encrypted_file", "empty_file", "no_header", "duplicate_header",
        "missing_required_column", "limit_exceeded", "encoding_error", "sheet_not_found", "invalid_profile",
        "invalid_options", "io", "write_error", "reentrant_call", "internal", "callback_failed",
        # the embedded store's and the lookup's
        "store_error", "store_too_new", "store_outdated", "invalid_account", "unknown_account", "stale_plan",
        "invalid_plan", "store_corrupt", "lookup_failed", "store_busy", "not_a_store", "store_duplicates",
            "store_unreachable", "unsupported_store",
        # the host boundary's (cadastro_host::kinds)
        "store_closed",
    }
    assert cu.error_kinds() == json.loads(cu.call("kinds", "{}"))["kinds"]


def test_a_rust_panic_surfaces_as_internal_error():
    with pytest.raises(cu.InternalError):
        cu.panic_for_tests()
    assert cu.version()  # the library still works


# --- values, profiles, vocabulary --------------------------------------------------------------


def cell_of(value):
    if value is None:
        return cu.CellValue.EMPTY()
    if isinstance(value, bool):
        return cu.CellValue.BOOL(value)
    if isinstance(value, (int, float)):
        return cu.CellValue.NUMBER(float(value))
    return cu.CellValue.TEXT(value)


def plain(field_value):
    """A FieldValue as the JSON value the case files use."""
    if field_value is None:
        return None
    if field_value.is_TEXT_LIST():
        return list(field_value.values)
    return field_value.value


def case_files():
    return sorted(p for p in CASES.glob("*.json") if p.stem != "mapping")


def all_cases():
    for path in case_files():
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            yield pytest.param(case, id=f"{path.stem}-{i}")


@pytest.mark.parametrize("case", list(all_cases()))
def test_shared_cases_replay_through_normalize(case):
    got = cu.normalize(case["field"], cell_of(case["input"]), case.get("country"))
    if "error" in case:
        assert (got.error, got.value) == (case["error"], None)
    else:
        assert (plain(got.value), got.error) == (case["value"], None)
    assert got.warnings == case.get("warnings", [])


def test_normalize_unknown_field():
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.normalize("nmae", cu.CellValue.TEXT("x"))


def test_profiles():
    assert cu.builtin_profiles() == ["asaas", "invoiceocean", "upflow", "generic"]
    asaas = cu.builtin_profile("asaas")
    assert asaas.default_country == "BR"
    assert asaas.required == ["external_id", "name", "tax_id"]
    assert cu.parse_profile(asaas.json) == asaas
    assert cu.Importer(cu.ImportOptions(profile_json=asaas.json)).profile().name == "asaas"


def test_vocabulary():
    assert len(cu.field_names()) == 43
    assert "duplicate_key" in cu.issue_codes()
    assert cu.default_limits().max_rows == 2_000_000


# --- files (need the readers) ------------------------------------------------------------------


@needs_readers
def test_polish_excel_csv_is_read_as_windows_1250():
    csv_dir = pathlib.Path(ROOT, "testdata", "inputs", "csv")
    importer = cu.Importer(cu.ImportOptions(profile="invoiceocean"))
    cp1250 = importer.validate(cu.Source.PATH(str(csv_dir / "invoiceocean_pl_windows1250_semicolon.csv")))
    utf8 = importer.validate(cu.Source.PATH(str(csv_dir / "invoiceocean_pl_comma.csv")))
    assert (cp1250.source.encoding, cp1250.source.delimiter) == ("windows-1250", ";")
    assert [c.city for c in cp1250.customers] == [c.city for c in utf8.customers]
    assert cp1250.customers[1].city == "Łódź"
    forced = cu.Importer(cu.ImportOptions(profile="invoiceocean", encoding="windows-1252")).validate(
        cu.Source.PATH(str(csv_dir / "invoiceocean_pl_windows1250_semicolon.csv"))
    )
    assert (forced.source.encoding, forced.customers[1].city) == ("windows-1252", "£ódŸ")


@needs_readers
def test_asaas_example_file():
    report = cu.Importer(cu.ImportOptions(profile="asaas")).validate(cu.Source.PATH(str(ASAAS)))
    assert (report.source.format, report.source.delimiter, report.source.encoding) == ("csv", ";", "utf-8-bom")
    s = report.stats
    assert (s.rows_total, s.rows_blank, s.rows_rejected, s.customers_valid, s.customers_rejected) == (8, 0, 2, 6, 2)
    assert error_codes(report) == {(6, "invalid_email"), (6, "invalid_tax_id"), (8, "duplicate_key")}
    (tax,) = [i for i in report.issues if i.code == "invalid_tax_id"]
    assert (tax.column, tax.header, tax.field, tax.value) == ("F", "CPF/CNPJ", "tax_id", "123.456.789-00")
    maria = customer(report, "CLI-001")
    assert maria.rows == [2]
    assert (maria.tax_id, maria.mobile_phone, maria.postal_code) == ("52601815906", "+5511987654321", "01310-100")
    # Asaas "Empresa" is the company name (a custom text field), not the company flag.
    assert maria.is_company is None
    assert maria.custom == {"empresa": cu.FieldValue.TEXT("Livraria Paulista Ltda")}
    padaria = customer(report, "CLI-002")
    assert padaria.tax_id == "08301661000169"
    assert padaria.additional_emails == ["compras@paoquente.example", "dono@paoquente.example"]
    assert customer(report, "CLI-003").state == "MG"
    assert report.has_errors()


@needs_readers
def test_upflow_file():
    report = cu.validate(cu.Source.PATH(str(UPFLOW)), cu.ImportOptions(profile="upflow"))
    s = report.stats
    assert (s.rows_total, s.customers_valid, s.customers_rejected, s.contacts_valid, s.contacts_rejected) == (
        5, 2, 2, 3, 1,
    )
    assert error_codes(report) == {(5, "invalid_tax_id"), (6, "unknown_parent")}
    martin = customer(report, "U-1")
    assert martin.rows == [2, 3]
    assert (martin.vat_number, martin.country, martin.payment_terms_days) == ("FR40303265045", "FR", 30)
    assert [c.email for c in martin.contacts] == ["paul@martin.example", "claire@martin.example"]
    paul = martin.contacts[0]
    assert (paul.phone, paul.position, paul.is_main) == ("+33142685300", "ACCOUNTING", True)
    assert customer(report, "U-2").parent_id == "U-1"


@needs_readers
@pytest.mark.parametrize("name, path, profile", [("clientes-asaas", ASAAS, "asaas"), ("customers-upflow", UPFLOW, "upflow")])
def test_same_json_counts_and_codes_as_the_cli(name, path, profile):
    report = cu.validate(cu.Source.PATH(str(path)), cu.ImportOptions(profile=profile))
    cli = cli_json(name)
    assert report.to_json() == cli
    cli_doc = json.loads(cli)
    assert cli_doc["stats"]["customers_valid"] == report.stats.customers_valid
    assert [(i["row"], i["code"]) for i in cli_doc["issues"]] == [(i.row, i.code) for i in report.issues]


@needs_readers
def test_bytes_and_path_agree_and_inspect_maps_columns():
    importer = cu.Importer(cu.ImportOptions(profile="asaas"))
    by_path = importer.validate(cu.Source.PATH(str(ASAAS)))
    assert importer.validate(cu.Source.BYTES(ASAAS.read_bytes())) == by_path
    ins = importer.inspect(cu.Source.PATH(str(ASAAS)))
    assert ins.rows == 8
    assert {c.column: c.field for c in ins.columns}["F"] == "tax_id"


@needs_readers
def test_write_errors(tmp_path):
    out = tmp_path / "erros.csv"
    report = cu.write_errors(cu.Source.PATH(str(ASAAS)), str(out), cu.ImportOptions(profile="asaas", locale="pt-BR"))
    lines = [line for line in out.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    assert len(lines) == 1 + report.stats.rows_rejected
    assert "Erros" in lines[0]


@needs_readers
def test_one_importer_shared_by_threads():
    importer = cu.Importer(cu.ImportOptions(profile="asaas"))
    results = []

    def run():
        results.append(importer.validate(cu.Source.PATH(str(ASAAS))).stats)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


# --- later operations: embedded store, plan against a host lookup, export, template ---------------


def import_asaas(store, path=ASAAS, **kwargs):
    return store.import_file(cu.Source.PATH(str(path)), "acme", cu.ImportOptions(profile="asaas"), **kwargs)


def counts(plan_counts):
    return (plan_counts.created, plan_counts.updated, plan_counts.unchanged)


def without_rows(customers):
    """Customers compared as values: file rows differ between a file and its export."""
    out = []
    for c in customers:
        c = json.loads(json.dumps(c.__dict__, default=lambda o: o.__dict__))
        c["rows"] = []
        for k in c["contacts"]:
            k["row"] = 0
        out.append(c)
    return out


def test_store_errors_are_typed(tmp_path):
    store = cu.Store.open_in_memory()
    with pytest.raises(cu.CadastroError.UnknownAccount) as info:
        store.groups("nobody")
    assert info.value.kind() == "unknown_account"
    with pytest.raises(cu.CadastroError.InvalidAccount):
        store.create_account("")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are notes, not a database; " * 10)
    with pytest.raises(cu.CadastroError.StoreError) as info:
        cu.Store.open(str(not_a_db))
    assert info.value.kind() == "store_error"


@needs_readers
def test_store_import_twice_then_all_unchanged(tmp_path):
    db = tmp_path / "cadastro.db"
    store = cu.Store.open(str(db))
    first = import_asaas(store)
    assert first.applied
    assert counts(first.report.plan) == (6, 0, 0)
    assert first.plan.counts() == first.report.plan
    assert [e.action for e in first.plan.entries] == [cu.Action.CREATE] * 6
    assert first.report.stats.customers_rejected == 2
    assert store.accounts() == ["acme"]
    assert store.groups("acme") == ["Atacado", "Varejo"]
    stored = store.customers("acme")
    assert [c.external_id for c in stored] == [c.external_id for c in first.report.customers]
    assert all(c.rows == [] for c in stored)
    assert [c.external_id for c in store.customers("acme", "Varejo")] == ["CLI-001", "CLI-003", "CLI-006"]
    del store
    store = cu.Store.open(str(db))  # written to the file, not only in memory
    second = import_asaas(store)
    assert counts(second.report.plan) == (0, 0, 6)
    assert all(e.action == cu.Action.UNCHANGED and e.existing is not None for e in second.plan.entries)
    assert len(store.customers("acme")) == 6


@needs_readers
def test_store_dry_run_and_atomic_write_nothing():
    store = cu.Store.open_in_memory()
    dry = import_asaas(store, dry_run=True)
    assert (dry.applied, counts(dry.report.plan)) == (False, (6, 0, 0))
    assert store.accounts() == []
    atomic = import_asaas(store, atomic=True)  # the file has two rejected rows
    assert (atomic.applied, counts(atomic.report.plan)) == (False, (6, 0, 0))
    with pytest.raises(cu.CadastroError.UnknownAccount):
        store.customers("acme")


@needs_readers
def test_store_edit_one_city_gives_one_update_with_its_diff(tmp_path):
    store = cu.Store.open_in_memory()
    import_asaas(store)
    edited = tmp_path / "clientes.csv"
    text = ASAAS.read_text(encoding="utf-8-sig")
    assert text.count(";Salvador;") == 1
    edited.write_text(text.replace(";Salvador;", ";Feira de Santana;"), encoding="utf-8-sig")
    result = import_asaas(store, path=edited)
    assert counts(result.report.plan) == (0, 1, 5)
    (update,) = [e for e in result.plan.entries if e.action == cu.Action.UPDATE]
    assert update.key == cu.CustomerKey.EXTERNAL_ID("CLI-006")
    assert update.existing.matched_by == cu.MatchedBy.EXTERNAL_ID
    assert [(f.field, f.old, f.new) for f in update.diff.fields] == [
        ("city", cu.FieldValue.TEXT("Salvador"), cu.FieldValue.TEXT("Feira de Santana"))
    ]
    (doc,) = [e for e in json.loads(result.plan.to_json())["entries"] if e["action"] == "update"]
    assert doc["diff"]["fields"] == [{"field": "city", "old": "Salvador", "new": "Feira de Santana"}]
    (stored,) = [c for c in store.customers("acme") if c.external_id == "CLI-006"]
    assert stored.city == "Feira de Santana"


@needs_readers
@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_store_export_then_revalidate_gives_the_same_customers(tmp_path, ext):
    store = cu.Store.open_in_memory()
    report = import_asaas(store).report
    out = tmp_path / f"export.{ext}"
    stats = store.export(str(out), "acme", profile="asaas")
    assert (stats.customers, stats.lines) == (6, 6)
    again = cu.validate(cu.Source.PATH(str(out)), cu.ImportOptions(profile="asaas"))
    assert again.stats.customers_rejected == 0
    assert without_rows(again.customers) == without_rows(report.customers)
    varejo = store.export(str(tmp_path / f"varejo.{ext}"), "acme", group="varejo", profile="asaas")
    assert varejo.customers == 3


@needs_readers
def test_export_customers_from_a_report_then_revalidate(tmp_path):
    report = cu.validate(cu.Source.PATH(str(ASAAS)), cu.ImportOptions(profile="asaas"))
    out = tmp_path / "clientes.xlsx"
    stats = cu.export_customers(report.customers, str(out), profile="asaas")
    assert stats.customers == 6
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(out).namelist()
    again = cu.validate(cu.Source.PATH(str(out)), cu.ImportOptions(profile="asaas"))
    assert without_rows(again.customers) == without_rows(report.customers)
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.export_customers(report.customers, str(tmp_path / "clientes.pdf"), profile="asaas")


def test_export_customers_built_by_the_host(tmp_path):
    out = tmp_path / "mine.csv"
    mine = [cu.Customer(external_id="H-1", name="Ana Lima", email="ana@example.com"), cu.Customer(name="Beto")]
    assert cu.export_customers(mine, str(out)).customers == 2
    text = out.read_text(encoding="utf-8-sig")
    assert "Ana Lima" in text and "ana@example.com" in text and "Beto" in text
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.export_customers([cu.Customer(rows=[-1])], str(out))


def test_template_has_the_profiles_headers(tmp_path):
    headers = [c.header for c in cu.builtin_profile("asaas").columns]
    csv = tmp_path / "modelo.csv"
    cu.template(str(csv), "asaas")
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0] == ";".join(headers)
    xlsx = tmp_path / "modelo.xlsx"
    cu.template(str(xlsx), profile="asaas")
    with zipfile.ZipFile(xlsx) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    missing = [h for h in headers if f">{h}<" not in strings]
    assert missing == []
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.template(str(tmp_path / "modelo.ods"), "asaas")


class OneKnown(cu.CustomerLookup):
    """A host base that knows one customer (CLI-001, stored with an older city)."""

    def __init__(self, stored):
        self.stored = stored
        self.batches = []

    def find(self, keys):
        self.batches.append(keys)
        if cu.CustomerKey.EXTERNAL_ID(self.stored.external_id) in keys:
            return [cu.Existing(id="host-42", revision=3, customer=self.stored)]
        return []


class Broken(cu.CustomerLookup):
    def find(self, keys):
        raise RuntimeError("database down")


@needs_readers
def test_plan_against_a_host_lookup_that_knows_one_customer():
    report = cu.validate(cu.Source.PATH(str(ASAAS)), cu.ImportOptions(profile="asaas"))
    maria = customer(report, "CLI-001")
    stored = cu.Customer(**{**maria.__dict__, "rows": [], "city": "Campinas"})
    base = OneKnown(stored)
    plan = cu.plan(report.customers, base, "asaas")
    assert counts(plan.counts()) == (5, 1, 0)
    assert len(base.batches) == 1
    assert cu.CustomerKey.TAX_ID("52601815906") in base.batches[0]
    assert cu.CustomerKey.NAME("maria da silva souza") in base.batches[0]
    (update,) = [e for e in plan.entries if e.action == cu.Action.UPDATE]
    assert (update.existing.id, update.existing.revision) == ("host-42", 3)
    assert [(f.field, f.old, f.new) for f in update.diff.fields] == [
        ("city", cu.FieldValue.TEXT("Campinas"), cu.FieldValue.TEXT("São Paulo"))
    ]
    doc = json.loads(plan.to_json())
    assert [e["action"] for e in doc["entries"]] == ["update"] + ["create"] * 5
    assert doc["entries"][0]["existing"] == {"id": "host-42", "revision": 3, "matched_by": "external_id"}


@needs_readers
def test_plan_from_the_report_json():
    report = cu.validate(cu.Source.PATH(str(ASAAS)), cu.ImportOptions(profile="asaas"))
    customers = cu.customers_from_json(report.to_json())
    assert customers == report.customers
    plan = cu.plan(customers, OneKnown(cu.Customer(external_id="nobody")))
    assert counts(plan.counts()) == (6, 0, 0)
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.customers_from_json('{"customers": 5}')


def test_a_throwing_lookup_is_lookup_failed():
    with pytest.raises(cu.CadastroError.LookupFailed) as info:
        cu.plan([cu.Customer(external_id="C-1", name="Ana")], Broken())
    assert info.value.kind() == "lookup_failed"
    assert "database down" in info.value.detail


def test_a_lookup_raising_lookup_failed_keeps_its_detail():
    class Refusing(cu.CustomerLookup):
        def find(self, keys):
            raise cu.CadastroError.LookupFailed("quota exceeded")

    with pytest.raises(cu.CadastroError.LookupFailed) as info:
        cu.plan([cu.Customer(external_id="C-1")], Refusing(), profile="generic")
    assert "quota exceeded" in info.value.detail


def test_the_store_is_shared_by_threads():
    store = cu.Store.open_in_memory()
    store.create_account("acme")
    errors = []

    def run(i):
        try:
            for _ in range(20):
                store.accounts()
            store.create_account(f"t{i}")
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.accounts() == ["acme", "t0", "t1", "t2", "t3"]


# --- streaming validation ------------------------------------------------------------------------


class Collect(cu.ChunkSink):
    """Keeps every chunk; returns False after `stop_after` chunks; raises on chunk `fail_at`."""

    def __init__(self, stop_after=None, fail_at=None):
        self.chunks = []
        self.stop_after = stop_after
        self.fail_at = fail_at

    def on_chunk(self, chunk):
        self.chunks.append(chunk)
        if self.fail_at == len(self.chunks):
            raise ValueError("disk full")
        return self.stop_after != len(self.chunks)


@pytest.fixture(scope="module")
def big_asaas(tmp_path_factory):
    """The example's rows repeated 30 times (240 rows: external ids distinct, tax ids repeated,
    so duplicates are found across chunks). The first chunk holds the 60-line header window."""
    header, *rows = ASAAS.read_text(encoding="utf-8-sig").splitlines()
    lines = [header] + [row.replace("CLI-", f"R{rep:02}-", 1) for rep in range(30) for row in rows]
    path = tmp_path_factory.mktemp("stream") / "big-asaas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_readers
@pytest.mark.parametrize("chunk_rows", [2, 7, 0])
@pytest.mark.parametrize("which", ["example", "big"])
def test_stream_chunks_concatenate_to_the_whole_file_report(which, chunk_rows, big_asaas):
    path = ASAAS if which == "example" else big_asaas
    options = cu.ImportOptions(profile="asaas")
    whole = cu.validate(cu.Source.PATH(str(path)), options)
    sink = Collect()
    summary = cu.validate_stream(cu.Source.PATH(str(path)), sink, options, chunk_rows)
    customers = [c for chunk in sink.chunks for c in chunk.customers]
    issues = [i for chunk in sink.chunks for i in chunk.issues]
    assert customers == whole.customers and issues == whole.issues
    assert (summary.stats, summary.source, summary.mapping, summary.stopped) == (
        whole.stats, whole.source, whole.mapping, False)
    # Same JSON as the whole-file report once reassembled.
    rebuilt = cu.Report(source=summary.source, profile=whole.profile, locale=summary.locale, mapping=summary.mapping, stats=summary.stats,
                        issues=issues, customers=customers, plan=None)
    assert rebuilt.to_json() == whole.to_json()
    if which == "big" and chunk_rows == 2:
        assert len(sink.chunks) == 1 + -(-(whole.stats.rows_total - 59) // 2)
        assert any(i.code == "duplicate_key" and i.row > 100 for i in issues)


@needs_readers
@pytest.mark.parametrize("path", sorted((ROOT / "testdata/inputs/csv").glob("*.csv")), ids=lambda p: p.name)
def test_stream_testdata_files_equal_validate(path):
    profiles = json.loads((ROOT / "testdata/golden/profiles.json").read_text())
    options = cu.ImportOptions(profile=profiles.get(f"csv/{path.name}", "generic"))
    source = cu.Source.BYTES(path.read_bytes())
    try:
        whole = cu.validate(source, options)
    except cu.CadastroError as e:  # no usable header: the stream says the same
        with pytest.raises(type(e)):
            cu.validate_stream(source, Collect(), options, 2)
        return
    sink = Collect()
    summary = cu.validate_stream(source, sink, options, 2)
    assert [c for ch in sink.chunks for c in ch.customers] == whole.customers
    assert [i for ch in sink.chunks for i in ch.issues] == whole.issues
    assert summary.stats == whole.stats


@needs_readers
def test_stream_stops_when_the_sink_returns_false(big_asaas):
    importer = cu.Importer(cu.ImportOptions(profile="asaas"))
    whole = importer.validate(cu.Source.PATH(str(big_asaas)))
    sink = Collect(stop_after=2)
    summary = importer.validate_stream(cu.Source.PATH(str(big_asaas)), sink, 10)
    assert summary.stopped and len(sink.chunks) == 2
    assert summary.stats.rows_total == 59 + 10 < whole.stats.rows_total


@needs_readers
def test_stream_sink_exception_stops_and_fails_with_callback_failed(big_asaas):
    sink = Collect(fail_at=1)
    with pytest.raises(cu.CadastroError.CallbackFailed) as info:
        cu.validate_stream(cu.Source.PATH(str(big_asaas)), sink, cu.ImportOptions(profile="asaas"), 2)
    assert info.value.kind() == "callback_failed"
    assert "disk full" in info.value.detail
    assert len(sink.chunks) == 1


@needs_readers
def test_stream_reads_workbooks_utf16_and_contact_columns(tmp_path):
    # 200 customers exported to a workbook: more rows than the first chunk's header window (60
    # rows), so chunks of 2 rows follow it.
    xlsx = tmp_path / "big.xlsx"
    rows = [{"rows": [], "name": f"Cliente {i}", "external_id": f"C-{i}", "email": f"c{i}@example.com"} for i in range(200)]
    # (InvoiceOcean's layout: the generic one has parent columns, which do not stream.)
    cu.export_customers(cu.customers_from_json(json.dumps(rows)), str(xlsx), profile="invoiceocean")
    sink = Collect()
    io_options = cu.ImportOptions(profile="invoiceocean")
    summary = cu.validate_stream(cu.Source.PATH(str(xlsx)), sink, io_options, 2)
    whole = cu.Importer(io_options).validate(cu.Source.PATH(str(xlsx)))
    assert summary.source.format == "xlsx" and len(sink.chunks) > 1 and len(whole.customers) == 200
    assert [c.external_id for chunk in sink.chunks for c in chunk.customers] == [c.external_id for c in whole.customers]
    # UTF-16 text is transcoded as it is read; contact rows are held to the end (one chunk).
    utf16 = ROOT / "testdata/inputs/csv/asaas_utf16le_bom_tab.csv"
    sink = Collect()
    summary = cu.validate_stream(cu.Source.PATH(str(utf16)), sink, cu.ImportOptions(profile="asaas"), 1)
    whole = cu.validate(cu.Source.PATH(str(utf16)), cu.ImportOptions(profile="asaas"))
    assert summary.source.encoding == "utf-16le" and whole.customers
    assert [c for ch in sink.chunks for c in ch.customers] == whole.customers
    contacts = ROOT / "testdata/inputs/csv/upflow_pipe_contacts.csv"
    sink = Collect()
    cu.validate_stream(cu.Source.PATH(str(contacts)), sink, cu.ImportOptions(profile="upflow"), 1)
    whole = cu.validate(cu.Source.PATH(str(contacts)), cu.ImportOptions(profile="upflow"))
    assert len(sink.chunks) == 1 and sink.chunks[0].customers == whole.customers
    assert any(c.contacts for c in whole.customers)


class CollectImport(cu.ImportSink):
    def __init__(self, answer=True, fail=False):
        self.chunks = []
        self.answer = answer
        self.fail = fail

    def on_chunk(self, chunk):
        self.chunks.append(chunk)
        if self.fail:
            raise RuntimeError("host failed")
        return self.answer


@needs_readers
def test_store_import_stream_equals_a_whole_file_import(big_asaas):
    store = cu.Store.open_in_memory()
    options = cu.ImportOptions(profile="asaas")
    whole = store.import_file(cu.Source.PATH(str(big_asaas)), "whole", options)
    sink = CollectImport()
    result = store.import_stream(cu.Source.PATH(str(big_asaas)), "streamed", sink, options, chunk_rows=7)
    assert len(sink.chunks) > 10 and all(c.written for c in sink.chunks)
    assert result.applied and not result.stopped and result.has_errors == whole.report.has_errors()
    assert result.counts == whole.report.plan
    assert result.summary.stats == whole.report.stats
    assert [i for c in sink.chunks for i in c.issues] == whole.report.issues
    assert [e for c in sink.chunks for e in c.plan.entries] == whole.plan.entries
    assert store.customers("streamed") == store.customers("whole")
    again = store.import_stream(cu.Source.PATH(str(big_asaas)), "streamed", CollectImport(), options)
    assert (again.counts.created, again.counts.updated, again.counts.unchanged) == (0, 0, whole.report.plan.created)
    assert store.customers("streamed") == store.customers("whole")


@needs_readers
def test_store_import_stream_false_or_a_throw_rolls_back(big_asaas):
    store = cu.Store.open_in_memory()
    options = cu.ImportOptions(profile="asaas")
    src = cu.Source.PATH(str(big_asaas))
    stopped = store.import_stream(src, "a", CollectImport(answer=False), options, chunk_rows=10)
    assert stopped.stopped and not stopped.applied and stopped.summary.stats.rows_total == 59
    assert store.accounts() == []
    with pytest.raises(cu.CadastroError.CallbackFailed) as info:
        store.import_stream(src, "a", CollectImport(fail=True), options)
    assert "host failed" in info.value.detail
    assert store.accounts() == []
    dry = store.import_stream(src, "a", CollectImport(), options, dry_run=True)
    assert not dry.applied and dry.counts.created > 0 and store.accounts() == []


REAL = pathlib.Path(ROOT, "testdata", "realworld", "csv")


@needs_readers
@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("alfa_example.csv", "windows-1251", ";"),
        ("sjis.csv", "shift_jis", ","),
        ("Speaking_Tool.csv", "x-mac-roman", ";"),
        ("councils.csv", "utf-8", "#"),
        ("diamonds.csv", "utf-8", " "),
    ],
)
def test_real_files_in_legacy_encodings_and_other_delimiters(name, encoding, delimiter):
    ins = cu.inspect(cu.Source.PATH(str(REAL / name)), None)
    assert (ins.source.encoding, ins.source.delimiter) == (encoding, delimiter)
    assert 0.5 <= ins.source.encoding_confidence <= 1.0
    forced = cu.inspect(cu.Source.PATH(str(REAL / name)), cu.ImportOptions(encoding="x-mac-roman"))
    assert forced.source.encoding == "x-mac-roman"


@needs_readers
def test_space_aligned_columns_and_a_headerless_all_text_file():
    aligned = cu.inspect(cu.Source.PATH(str(REAL / "diamonds.csv")), None)
    assert [c.header for c in aligned.columns][:4] == ["id", "carat", "cut", "color"]
    # shops.csv has no header row: its first row's voivodeship recurs below it.
    assert cu.inspect(cu.Source.PATH(str(REAL / "shops.csv")), None).source.header_row is None


@needs_readers
def test_headerless_files_rows_above_the_header_and_candidates():
    headerless = cu.inspect(cu.Source.PATH(str(REAL / "data.csv")), None)
    assert headerless.source.header_row is None
    assert '"header_row":null' in headerless.to_json()
    ins = cu.inspect(cu.Source.PATH(str(REAL / "2009-2010ZS-studenti.csv")), None)
    assert ins.source.header_row == 3
    assert [(s.row, s.reason) for s in ins.source.skipped_rows] == [(1, "title"), (2, "title")]
    assert (ins.header_candidates[0].row, ins.header_candidates[0].chosen) == (3, True)
    above = (
        "C-1;Ana Souza;529.982.247-25\nC-2;Bia Lima;111.444.777-35\n"
        "Identificador Externo;Nome completo;CPF/CNPJ\nC-3;Caio Reis;390.533.447-05\n"
    ).encode()
    report = cu.Importer(cu.ImportOptions(profile="asaas")).validate(cu.Source.BYTES(above))
    assert [i.row for i in report.issues if i.code == "skipped_above_header"] == [1, 2]
    assert [(s.row, s.reason) for s in report.source.skipped_rows] == [(1, "data"), (2, "data")]


# --- mapping: merges, learned mappings, needs_review --------------------------------------------

MERGE_CSV = (
    "Cód. Parceiro;Razão social;CPF;CNPJ\n"
    "P-1;Ana Souza;529.982.247-25;\n"
    "P-2;Padaria Pão Quente Ltda;;11.222.333/0001-81\n"
    "P-3;João Pereira;390.533.447-05;11.444.777/0001-61\n"
).encode("cp1252")


@needs_readers
def test_merges_learned_mappings_and_needs_review():
    plain = cu.Importer(cu.ImportOptions(country="BR")).validate(cu.Source.BYTES(MERGE_CSV))
    assert plain.mapping[2].merged_from == ["C", "D"] == plain.mapping[3].merged_from
    assert (plain.mapping[0].needs_review, plain.mapping[1].needs_review) == (True, False)
    assert [c.tax_id for c in plain.customers] == ["52998224725", "11222333000181"]
    assert (4, "merged_values_differ") in error_codes(plain)

    doc = {"learned": {"Cód. Parceiro": "external_id"}, "tax_id": ["CPF", "CNPJ"], "review_threshold": 0.99}
    importer = cu.Importer(cu.ImportOptions(country="BR", mapping_json=json.dumps(doc)))
    report = importer.validate(cu.Source.BYTES(MERGE_CSV))
    assert (report.mapping[0].field, report.mapping[0].reason) == ("external_id", "learned")
    assert report.mapping[0].needs_review is False
    assert report.mapping[1].needs_review is True  # a synonym (0.98 with its values) is below 0.99
    assert report.mapping[2].reason == "explicit"
    assert [c.external_id for c in report.customers] == ["P-1", "P-2"]
    ins = importer.inspect(cu.Source.BYTES(MERGE_CSV))
    assert ins.columns[3].merged_from == ["C", "D"]
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.Importer(cu.ImportOptions(mapping_json='{"tax_id": ["CPF"]}'))


# --- issue 16 points 4, 5, 7: locale, inferred country, ninth digit ------------------------------

# The generic profile on a Brazilian file as Excel for Brazil saves it (Windows-1252): a bad CPF,
# a legacy 8-digit mobile, a landline.
BRAZILIAN = (
    "Nome;CPF;Celular;Fone\r\n"
    "Ana Souza;123.456.789-00;(11) 98765-4321;\r\n"
    "João Lima;529.982.247-25;(85) 9508-7624;(85) 3256-7624\r\n"
).encode("cp1252")


@needs_readers
def test_country_inferred_and_ninth_digit_on_both_pipelines():
    report = cu.validate(cu.Source.BYTES(BRAZILIAN), None)
    assert report.source.country_inferred == cu.CountryInferred(
        country="BR", evidence=["tax_id", "phone", "header_language"]
    )
    assert [(i.row, i.code) for i in report.issues] == [(2, "invalid_tax_id"), (3, "phone_ninth_digit_added")]
    assert report.issues[1].severity == cu.Severity.WARNING
    (joao,) = report.customers
    assert (joao.mobile_phone, joao.phone) == ("+5585995087624", "+558532567624")
    assert report.locale == "pt-BR"
    doc = json.loads(report.to_json())
    assert doc["locale"] == "pt-BR" and doc["source"]["country_inferred"]["country"] == "BR"
    sink = Collect()
    summary = cu.validate_stream(cu.Source.BYTES(BRAZILIAN), sink, None, 1)
    assert [i for c in sink.chunks for i in c.issues] == report.issues
    assert summary.source == report.source and summary.locale == "pt-BR"
    pl = cu.validate(cu.Source.BYTES(BRAZILIAN), cu.ImportOptions(country="PL"))
    assert pl.source.country_inferred is None
    assert "invalid_phone" in [i.code for i in pl.issues]


@needs_readers
@pytest.mark.parametrize(
    ("tag", "locale", "words"),
    [
        ("pl-PL", "pl", "nieprawidłowy numer podatkowy"),
        ("es_ES", "es", "identificador fiscal no válido"),
        ("en", "en", "not a valid tax id"),
    ],
)
def test_locale_option_pl_es(tag, locale, words):
    options = cu.ImportOptions(locale=tag)
    report = cu.validate(cu.Source.BYTES(BRAZILIAN), options)
    assert report.locale == locale and words in report.issues[0].message
    sink = Collect()
    summary = cu.validate_stream(cu.Source.BYTES(BRAZILIAN), sink, options, 1)
    assert summary.locale == locale and words in sink.chunks[0].issues[0].message


@needs_readers
def test_default_locale_follows_the_profile_and_headers():
    asaas = b"Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n"
    assert cu.validate(cu.Source.BYTES(asaas), cu.ImportOptions(profile="asaas")).locale == "pt-BR"
    polish = "Nazwa;NIP;Miasto\r\nFirma;123;Łódź\r\n".encode("cp1250")
    assert cu.validate(cu.Source.BYTES(polish), cu.ImportOptions(profile="invoiceocean")).locale == "pl"
    assert cu.validate(cu.Source.BYTES(b"Customer name;Email\nACME;x\n"), None).locale == "en"
    with pytest.raises(cu.CadastroError.InvalidOptions):
        cu.Importer(cu.ImportOptions(locale="de"))


# --- issue 16 points 2, 3, 6 and issue 17 point 11 (export) ---------------------------------------


@needs_readers
def test_the_error_file_carries_the_original_row_and_bad_paths_are_refused(tmp_path):
    out = tmp_path / "erros.csv"
    cu.write_errors(cu.Source.PATH(str(ASAAS)), str(out), cu.ImportOptions(profile="asaas", locale="pt-BR"))
    import csv

    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][-2:] == ["Linha", "Erros"]
    assert [r[-2] for r in rows[1:]] == ["6", "8"]
    assert rows[2][-1].endswith("já usado na linha 2")
    again = cu.validate(cu.Source.PATH(str(out)), cu.ImportOptions(profile="asaas"))
    assert sorted(i.code for i in again.issues) == ["invalid_email", "invalid_tax_id"]
    for bad in ("e.docx", "e.txt"):
        with pytest.raises(cu.CadastroError.InvalidOptions):
            cu.write_errors(cu.Source.PATH(str(ASAAS)), str(tmp_path / bad), cu.ImportOptions(profile="asaas"))
    with pytest.raises(cu.CadastroError.Io) as info:
        cu.write_errors(cu.Source.PATH(str(ASAAS)), str(tmp_path / "no/such/e.xlsx"), cu.ImportOptions(profile="asaas"))
    assert "no such directory for the error file" in str(info.value)


@needs_readers
def test_store_copy_account_plans_with_the_identity_rules_and_dry_runs_exactly(tmp_path):
    store = cu.Store.open(str(tmp_path / "cadastro.db"))
    import_asaas(store)
    dry = store.copy_account("acme", "filial", "Varejo", dry_run=True)
    assert (dry.applied, counts(dry.plan.counts())) == (False, (3, 0, 0))
    assert store.accounts() == ["acme"], "a dry run writes nothing"
    real = store.copy_account("acme", "filial", "Varejo")
    assert (real.applied, counts(real.plan.counts())) == (True, (3, 0, 0))
    assert sorted(c.external_id for c in store.customers("filial")) == ["CLI-001", "CLI-003", "CLI-006"]
    edited = tmp_path / "clientes.csv"
    edited.write_text(ASAAS.read_text(encoding="utf-8-sig").replace(";Salvador;", ";Feira de Santana;"), encoding="utf-8")
    import_asaas(store, path=edited)
    copy = store.copy_account("acme", "filial")
    assert counts(copy.plan.counts()) == (3, 1, 2)
    (update,) = [e for e in copy.plan.entries if e.action == cu.Action.UPDATE]
    assert [(f.field, f.new) for f in update.diff.fields] == [("city", cu.FieldValue.TEXT("Feira de Santana"))]
    again = store.copy_account("acme", "filial")
    assert (again.applied, counts(again.plan.counts())) == (False, (0, 0, 6))
    with pytest.raises(cu.CadastroError.UnknownAccount):
        store.copy_account("nada", "filial")
    # Exported in another profile, asaas's custom field travels as an extra column.
    out = tmp_path / "upflow.csv"
    store.export(str(out), "filial", profile="upflow")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    maria = next(line.split(",") for line in lines if line.startswith("CLI-001,"))
    assert maria[header.index("empresa")] == "Livraria Paulista Ltda"


def test_an_xlsx_export_without_a_temporary_directory_is_an_io_error(tmp_path, monkeypatch):
    customers = [
        cu.Customer(rows=[], external_id=f"C-{i}", name=f"Cliente {i}", city=f"Cidade {i}", notes=f"observação {i}")
        for i in range(20_000)
    ]
    monkeypatch.setenv("TMPDIR", str(tmp_path / "no-such-tmp"))
    with pytest.raises(cu.CadastroError.Io) as info:
        cu.export_customers(customers, str(tmp_path / "out.xlsx"), "generic", None)
    assert "no-such-tmp" in str(info.value)
    assert not (tmp_path / "out.xlsx").exists()


def _cpf(n):
    """A valid CPF (11 digits, both check digits) from a number."""
    d = [int(c) for c in f"{n % 1_000_000_000:09d}"]
    for length in (9, 10):
        r = sum(x * (length + 1 - i) for i, x in enumerate(d)) * 10 % 11
        d.append(0 if r == 10 else r)
    return "".join(map(str, d))


def _csv(rows):
    lines = ["External ID,Name,Tax ID,Country"] + [f"{i},{n},{t},BR" for i, n, t in rows]
    return cu.Source.BYTES(("\n".join(lines) + "\n").encode())


def test_identity_conflicts_and_nfc_keys_dry_run_equals_real_run():
    """Issue 16 point 1, issue 17 point 10: an update with the tax id diff, key_conflict naming
    both customers (nothing refused as a stale plan), the dry run equal to the real run, and an
    NFD name found by its NFC spelling."""
    store = cu.Store.open_in_memory()
    store.import_file(_csv([("CLI-001", "Ana", _cpf(1)), ("CLI-002", "Bia", _cpf(2))]), "default", None, False, False)
    nxt = [("CLI-001", "Ana", _cpf(3)), ("CLI-003", "Caio", _cpf(2))]
    dry = store.import_file(_csv(nxt), "default", None, True, False)
    real = store.import_file(_csv(nxt), "default", None, False, False)
    assert [(i.row, i.code) for i in dry.report.issues] == [(i.row, i.code) for i in real.report.issues]
    assert [i.code for i in real.report.issues] == ["key_conflict"]
    assert "CLI-002" in real.report.issues[0].message and "CLI-003" in real.report.issues[0].message
    assert counts(dry.report.plan) == counts(real.report.plan) == (0, 1, 0)
    assert {c.external_id: c.tax_id for c in store.customers("default")} == {"CLI-001": _cpf(3), "CLI-002": _cpf(2)}
    store.import_file(_csv([("", "Jos\u00e9 Lima", "")]), "default", None, False, False)
    again = store.import_file(_csv([("", "Jose\u0301 Lima", "")]), "default", None, False, False)
    assert counts(again.report.plan) == (0, 0, 1)


def test_another_applications_database_is_not_a_store(tmp_path):
    db = tmp_path / "app.db"
    db.write_bytes((ROOT / "testdata" / "stores" / "other-app.db").read_bytes())
    with pytest.raises(cu.CadastroError.NotAStore) as info:
        cu.Store.open(str(db))
    assert info.value.kind() == "not_a_store"
    assert db.read_bytes() == (ROOT / "testdata" / "stores" / "other-app.db").read_bytes()


class Headquarters(cu.CustomerLookup):
    """A host base holding the parent (HQ-1) of testdata/parity/files/branches.csv."""

    def find(self, keys):
        hq = cu.customers_from_json('[{"external_id": "HQ-1", "name": "Matriz"}]')[0]
        return [cu.Existing(id="8", revision=0, customer=hq)]


@needs_readers
def test_validate_with_lookup_resolves_parents_in_the_host_base():
    branches = cu.Source.PATH(str(ROOT / "testdata/parity/files/branches.csv"))
    assert cu.validate(branches).stats.customers_valid == 0
    report = cu.validate_with_lookup(branches, Headquarters())
    assert report.stats.customers_valid == 1
    with pytest.raises(cu.CadastroError.LookupFailed):
        cu.validate_with_lookup(branches, Broken())
