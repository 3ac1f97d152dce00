#!/usr/bin/env python3
"""Writes the delimited-text test inputs in testdata/inputs/csv/.

Deterministic: fixed data and a fixed seed, so running it again gives byte-identical files.
Tax ids (CPF, CNPJ, NIP, SIREN, FR VAT) are generated with valid check digits unless a row is
meant to be invalid. Run from anywhere:  python3 testdata/scripts/make_csv.py
"""

import csv
import io
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "inputs" / "csv"
RNG = random.Random(2026)

ASAAS = [
    "Identificador Externo", "Nome completo", "E-mail", "Celular", "Fone", "CPF/CNPJ", "CEP", "Endereço",
    "Número", "Complemento", "Bairro", "Cidade", "Estado", "E-mails adicionais", "Inscrição municipal",
    "Inscrição estadual", "Observações", "Grupo", "Empresa",
]
UPFLOW = [
    "Customer ID", "Customer name", "Accounting code", "VAT number", "Address", "Postal code", "Town",
    "State/Region", "Country", "Email of the Account Manager", "Workflow name", "Default payment period",
    "Parent name", "Parent ID", "Contact email", "Contact first name", "Contact name", "Contact phone",
    "Contact reference", "Contact position", "Main contact",
]
INVOICEOCEAN = [
    "No", "ID", "Short name", "Client name", "Tax ID", "City", "Post code", "Street", "Country",
    "Delivery address", "Company", "Email", "Website", "Telephone", "Mobile phone", "Fax", "Forename",
    "Surname", "Bank", "Account number", "Additional description",
]


# --- tax ids with valid check digits ---------------------------------------------------------

def cpf() -> str:
    d = [RNG.randrange(10) for _ in range(9)]
    for n in (10, 11):
        s = sum(x * (n - i) for i, x in enumerate(d))
        d.append(s * 10 % 11 % 10)
    s = "".join(map(str, d))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def cnpj() -> str:
    d = [RNG.randrange(10) for _ in range(8)] + [0, 0, 0, 1]
    w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    for w in (w1, [6] + w1):
        r = sum(x * y for x, y in zip(d, w)) % 11
        d.append(0 if r < 2 else 11 - r)
    s = "".join(map(str, d))
    return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"


def nip() -> str:
    while True:
        d = [RNG.randrange(1, 10)] + [RNG.randrange(10) for _ in range(8)]
        c = sum(x * w for x, w in zip(d, [6, 5, 7, 2, 3, 4, 5, 6, 7])) % 11
        if c < 10:
            s = "".join(map(str, d + [c]))
            return f"{s[:3]}-{s[3:6]}-{s[6:8]}-{s[8:]}"


def siren() -> str:
    while True:
        s = str(RNG.randrange(100_000_000, 999_999_999))
        total = 0
        for i, ch in enumerate(reversed(s)):
            x = int(ch) * (2 if i % 2 else 1)
            total += x - 9 if x > 9 else x
        if total % 10 == 0:
            return s


def fr_vat(s: str) -> str:
    return f"FR{(12 + 3 * (int(s) % 97)) % 97:02d}{s}"


# --- Brazilian customers (Asaas layout) ------------------------------------------------------

PLACES = [
    ("01310-100", "Avenida Paulista", "Bela Vista", "São Paulo", "SP", "11"),
    ("22041-001", "Rua Barata Ribeiro", "Copacabana", "Rio de Janeiro", "RJ", "21"),
    ("30130-110", "Avenida Afonso Pena", "Centro", "Belo Horizonte", "MG", "31"),
    ("50030-230", "Rua do Bom Jesus", "Recife Antigo", "Recife", "PE", "81"),
    ("90010-150", "Rua dos Andradas", "Centro Histórico", "Porto Alegre", "RS", "51"),
    ("80010-010", "Rua XV de Novembro", "Centro", "Curitiba", "PR", "41"),
    ("40020-000", "Avenida Sete de Setembro", "Comércio", "Salvador", "BA", "71"),
    ("88010-400", "Rua Felipe Schmidt", "Centro", "Florianópolis", "SC", "48"),
    ("74003-010", "Avenida Goiás", "Setor Central", "Goiânia", "GO", "62"),
    ("66010-000", "Avenida Presidente Vargas", "Campina", "Belém", "PA", "91"),
]

PEOPLE = [
    "Ana Beatriz Souza", "João Araújo Gonçalves", "Maria da Conceição Lima", "Luís Antônio Peçanha",
    "Fernanda Lúcia Brandão", "Sérgio Assunção", "Otávio Câmara Ribeiro", "Lívia Simões", "Caio Fábio Conceição",
    "Márcia Helena Guimarães",
]
COMPANIES = [
    "Açaí Comércio de Alimentos Ltda", "Padaria São João ME", "Construtora Horizonte S/A",
    "Tecnologia Ávila Eireli", "Farmácia Popular do Ipiranga Ltda", "Transportes Ouro Preto Ltda",
]
NOTES = [
    "", "", "Cliente desde 2019, paga em dia", "Cobrar só após o dia 10", "Prefere boleto; não enviar SMS",
    "Contato via WhatsApp", "",
]
GROUPS = ["Varejo", "Atacado", "Serviços", ""]


def slug(name: str) -> str:
    table = str.maketrans("áâãàéêíóôõúçÁÂÃÉÍÓÔÚÇ", "aaaaeeiooouc" + "AAAEIOOUC")
    first = name.split()[0].translate(table).lower()
    last = name.split()[-1].translate(table).lower()
    return f"{first}.{last}"


def asaas_rows(n: int, start: int = 1):
    rows = []
    for i in range(n):
        company = i % 3 == 2
        name = COMPANIES[(i // 3) % len(COMPANIES)] if company else PEOPLE[i % len(PEOPLE)]
        cep, street, district, city, uf, ddd = PLACES[i % len(PLACES)]
        domain = "empresa.com.br" if company else "gmail.com"
        email = f"financeiro@{slug(name).split('.')[0]}.com.br" if company else f"{slug(name)}@{domain}"
        mobile = f"({ddd}) 9{RNG.randrange(1000, 9999)}-{RNG.randrange(1000, 9999)}"
        phone = f"({ddd}) 3{RNG.randrange(100, 999)}-{RNG.randrange(1000, 9999)}" if i % 2 == 0 else ""
        tax = cnpj() if company else cpf()
        number = str(RNG.randrange(1, 2500))
        complement = ["", "Apto 12", "Sala 304, Bloco B", "Loja 2", ""][i % 5]
        extra = f"contabil@{slug(name).split('.')[0]}.com.br" if company else ""
        im = str(RNG.randrange(1_000_000, 9_999_999)) if company else ""
        ie = f"{RNG.randrange(100, 999)}.{RNG.randrange(100, 999)}.{RNG.randrange(100, 999)}.{RNG.randrange(100, 999)}" if company else ""
        rows.append([
            f"CLI-{start + i:04d}", name, email, mobile, phone, tax, cep, street, number, complement, district,
            city, uf, extra, im, ie, NOTES[i % len(NOTES)], GROUPS[i % len(GROUPS)], "Sim" if company else "Não",
        ])
    return rows


# --- writing ---------------------------------------------------------------------------------

def render(rows, delimiter: str, newline: str = "\n", quoting=csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write(name: str, text: str, encoding: str, bom: bytes = b""):
    data = bom + text.encode(encoding)
    (OUT / name).write_bytes(data)


def pad(cells, width):
    """Excel pads every row of a CSV to the widest row."""
    return list(cells) + [""] * (width - len(cells))


def main():
    OUT.mkdir(parents=True, exist_ok=True)

    # Plain UTF-8, comma, LF.
    write("asaas_utf8_comma.csv", render([ASAAS] + asaas_rows(8), ","), "utf-8")

    # Excel "CSV UTF-8" on a Brazilian Windows: BOM, semicolon, CRLF.
    write("asaas_utf8_bom_semicolon.csv", render([ASAAS] + asaas_rows(10, 101), ";", "\r\n"), "utf-8",
          b"\xef\xbb\xbf")

    # Excel "Unicode text": UTF-16LE with BOM, tab, CRLF.
    write("asaas_utf16le_bom_tab.csv", render([ASAAS] + asaas_rows(6, 201), "\t", "\r\n"), "utf-16-le",
          b"\xff\xfe")

    # UTF-16BE without BOM (recognised by its NUL bytes), semicolon, CRLF.
    write("asaas_utf16be_semicolon.csv", render([ASAAS] + asaas_rows(5, 301), ";", "\r\n"), "utf-16-be")

    # Excel "CSV" on a Brazilian Windows: Windows-1252, semicolon, CRLF.
    write("asaas_windows1252_semicolon.csv", render([ASAAS] + asaas_rows(7, 401), ";", "\r\n"), "cp1252")

    # Excel `sep=;` first line, then the header (row 1 in Excel, line 2 in the file).
    write("asaas_sep_line.csv", "sep=;\r\n" + render([ASAAS] + asaas_rows(4, 501), ";", "\r\n"), "utf-8")

    # A title row and a blank row above the header, blank rows between data, a footer, all padded
    # with delimiters the way Excel saves them.
    w = len(ASAAS)
    data = asaas_rows(6, 601)
    rows = [pad(["Clientes - Março 2026"], w), pad([], w), ASAAS, data[0], data[1], pad([], w), data[2], data[3]]
    text = render(rows, ";") + "\n" + render([data[4], data[5], pad([], w), pad(["Total: 6 clientes"], w)], ";")
    write("asaas_title_blank_rows.csv", text, "utf-8")

    # Quoted fields with separators, quotes and line breaks.
    hdr = ["Identificador Externo", "Nome completo", "E-mail", "Endereço", "Observações"]
    rows = [
        hdr,
        ["Q-1", "Souza, Ana Beatriz", "ana.souza@gmail.com", "Rua das Flores, 120", "Sem observações"],
        ["Q-2", 'Padaria "Pão Quente" Ltda', "contato@paoquente.com.br", "Av. Brasil; Loja 3",
         'Disse: "pagar no dia 5"'],
        ["Q-3", "Lívia Simões", "livia.simoes@gmail.com", "Rua Direita | fundos",
         "Linha 1 da nota\nLinha 2 da nota"],
        ["Q-4", "Transportes Ouro Preto Ltda", "financeiro@ouropreto.com.br", "Rodovia BR-040, km 12",
         "Três\nlinhas\nde nota"],
        ["Q-5", "Sérgio Assunção", "sergio.assuncao@gmail.com", "Praça da Sé, 1", ""],
    ]
    write("quoted_fields.csv", render(rows, ","), "utf-8")

    # The same records with three line endings (a blank line and a two-line quoted field).
    base = "Identificador Externo;Nome completo;CPF/CNPJ;Cidade\n" \
           "E-1;Ana Beatriz Souza;{0};Recife\n" \
           "\n" \
           "E-2;\"Construtora Horizonte S/A\nFilial Norte\";{1};Belém\n" \
           "E-3;João Araújo Gonçalves;{2};Curitiba\n"
    base = base.format(cpf(), cnpj(), cpf())
    for name, nl in [("crlf", "\r\n"), ("lf", "\n"), ("cr", "\r")]:
        write(f"line_endings_{name}.csv", base.replace("\n", nl), "utf-8")

    # Ragged rows: a missing field, a field beyond the header, blank extra fields (not ragged).
    hdr = ["Identificador Externo", "Nome completo", "E-mail", "CPF/CNPJ", "Cidade"]
    rows = [
        hdr,
        ["R-1", "Ana Beatriz Souza", "ana.souza@gmail.com", cpf(), "Recife"],
        ["R-2", "João Araújo Gonçalves", "joao.goncalves@gmail.com", cpf()],
        ["R-3", "Maria da Conceição Lima", "maria.lima@gmail.com", cpf(), "Natal", "sobrando"],
        ["R-4", "Lívia Simões", "livia.simoes@gmail.com", cpf(), "Salvador", "", ""],
        ["R-5", "Sérgio Assunção", "sergio.assuncao@gmail.com", cpf(), "Maceió"],
        ["R-6"],
    ]
    write("ragged_rows.csv", render(rows, ","), "utf-8")

    # A single column.
    emails = ["E-mail", "ana.souza@gmail.com", "joao.goncalves@gmail.com", "financeiro@acai.com.br",
              "marcia.guimaraes@gmail.com", "contato@paoquente.com.br"]
    write("single_column.csv", "\n".join(emails) + "\n", "utf-8")

    # Headers cadastro does not know: still the header (row 1).
    rows = [["Foo", "Bar", "Baz"], ["Ana Souza", "Recife", "PE"], ["João Araújo", "Curitiba", "PR"],
            ["Lívia Simões", "Salvador", "BA"]]
    write("unknown_headers.csv", render(rows, ";"), "utf-8")

    # Upflow: pipe-separated, one line per contact, customer columns repeated or left blank.
    customers = [
        ("UP-001", "Boulangerie Lefèvre SARL", "411LEF", "12 rue de la République", "69002", "Lyon",
         "Auvergne-Rhône-Alpes", "France", "claire.martin@upflow.example", "Standard", "30", "", ""),
        ("UP-002", "Société Générale d'Équipement", "411SGE", "8 avenue des Champs-Élysées", "75008", "Paris",
         "Île-de-France", "France", "claire.martin@upflow.example; hugo.bernard@upflow.example", "Grands comptes",
         "45", "", ""),
        ("UP-003", "SGE Atlantique", "411SGA", "3 quai de la Fosse", "44000", "Nantes", "Pays de la Loire",
         "France", "hugo.bernard@upflow.example", "Grands comptes", "45", "Société Générale d'Équipement",
         "UP-002"),
        ("UP-004", "Zakład Stolarski Wójcik sp. z o.o.", "411WOJ", "ul. Piotrkowska 104", "90-926", "Łódź",
         "łódzkie", "Polska", "anna.kowalska@upflow.example", "Export", "14", "", ""),
    ]
    contacts = {
        "UP-001": [("compta@lefevre.fr", "Élodie", "Lefèvre", "+33 4 78 42 10 10", "C-11", "ACCOUNTING", "1"),
                   ("jean.lefevre@lefevre.fr", "Jean", "Lefèvre", "06 12 34 56 78", "C-12", "PURCHASER", "0")],
        "UP-002": [("factures@sge.fr", "François", "Dubois", "+33 1 44 55 66 77", "C-21", "ACCOUNTING", "1"),
                   ("achats@sge.fr", "Hélène", "Moreau", "", "C-22", "PURCHASER", "0"),
                   ("dg@sge.fr", "Loïc", "Garçon", "+33 6 98 76 54 32", "C-23", "PAYER", "0")],
        "UP-003": [("nantes@sge.fr", "Gaëlle", "Le Bihan", "02 40 00 00 00", "C-31", "SALES", "1")],
        "UP-004": [("ksiegowosc@wojcik.pl", "Łukasz", "Wójcik", "+48 42 630 12 34", "C-41", "ACCOUNTING", "tak"),
                   ("zamowienia@wojcik.pl", "Agnieszka", "Żółkiewska", "+48 601 234 567", "C-42", "PURCHASER", "nie")],
    }
    vats = {"UP-001": fr_vat(siren()), "UP-002": fr_vat(siren()), "UP-003": fr_vat(siren()),
            "UP-004": "PL" + nip().replace("-", "")}
    rows = [UPFLOW]
    for c in customers:
        cid, name, acc, addr, pc, town, region, country, am, wf, days, pname, pid = c
        for k, ct in enumerate(contacts[cid]):
            if k == 0:
                rows.append([cid, name, acc, vats[cid], addr, pc, town, region, country, am, wf, days, pname, pid,
                             *ct])
            else:
                rows.append([cid, name] + [""] * 12 + list(ct))
    write("upflow_pipe_contacts.csv", render(rows, "|"), "utf-8")

    # InvoiceOcean export of Polish clients: comma, CRLF, quoted fields.
    pl = [
        ("Kowalski", "Jan Kowalski Usługi Budowlane", "Kraków", "31-042", "ul. Floriańska 15", "1", "",
         "Jan", "Kowalski"),
        ("Wójcik", "Zakład Stolarski Wójcik sp. z o.o.", "Łódź", "90-926", "ul. Piotrkowska 104", "1",
         "ul. Zgierska 7, 91-001 Łódź", "", ""),
        ("Zielińska", "Małgorzata Zielińska", "Gdańsk", "80-831", "ul. Długa 22/4", "0", "", "Małgorzata",
         "Zielińska"),
        ("Ślązak", "Ślązak i Synowie S.A.", "Katowice", "40-001", "ul. Mariacka 3", "1", "", "", ""),
        ("Nowak", "Piotr Nowak", "Poznań", "61-772", "Stary Rynek 50", "0", "", "Piotr", "Nowak"),
    ]
    rows = [INVOICEOCEAN]
    for i, (short, name, city, pc, street, company, delivery, fore, sur) in enumerate(pl, 1):
        tax = nip() if company == "1" else ""
        account = "PL61 1090 1014 0000 0712 1981 2874" if i % 2 else ""
        rows.append([str(i), str(40_000 + i), short, name, tax, city, pc, street, "PL", delivery, company,
                     f"biuro@{short.lower().replace('ś', 's').replace('ó', 'o').replace('ń', 'n')}.pl",
                     "", f"+48 12 {RNG.randrange(100, 999)} {RNG.randrange(10, 99)} {RNG.randrange(10, 99)}",
                     f"+48 6{RNG.randrange(10, 99)} {RNG.randrange(100, 999)} {RNG.randrange(100, 999)}", "",
                     fore, sur, "mBank" if account else "", account,
                     "Stały klient, rabat 5%" if i == 1 else ""])
    write("invoiceocean_pl_comma.csv", render(rows, ",", "\r\n"), "utf-8")

    # The same clients saved by Excel as plain "CSV" on a Polish Windows: Windows-1250, `;`, CRLF.
    write("invoiceocean_pl_windows1250_semicolon.csv", render(rows, ";", "\r\n"), "cp1250")


if __name__ == "__main__":
    main()
