#!/usr/bin/env python3
"""Writes the hand-written value cases of testdata/cases/{phone,mobile_phone,email,additional_emails,postal_code,
country,state,payment_terms_days,is_company,contact_is_main,contact_position}.json.

The expected values below are written by hand (they are the specification); this script only
lays them out in the common case format. Run from anywhere: python3 testdata/scripts/make_value_cases.py

Case tuples: (input, country or None, expected) where expected is ("value", v) or ("error", code),
optionally with a list of warnings as 4th element. A Python int/float input is a numeric cell, a
bool a boolean cell, a str a text cell.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "cases")


def V(v, *warnings):
    return ("value", v, list(warnings))


def E(code):
    return ("error", code, [])


def write(name, field, description, cases):
    out = []
    for c in cases:
        inp, country, (kind, expected, warnings) = c
        case = {"field": field, "input": inp}
        if country is not None:
            case["country"] = country
        case[kind] = expected
        if warnings:
            case["warnings"] = warnings
        out.append(case)
    path = os.path.join(OUT, f"{name}.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"description": description, "cases": out}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(out):3} cases -> {os.path.normpath(path)}")


PHONE = [
    ("(11) 98765-4321", "BR", V("+5511987654321")),
    ("+55 11 98765-4321", "BR", V("+5511987654321")),
    ("+55 (11) 98765-4321", None, V("+5511987654321")),
    ("11 98765 4321", "BR", V("+5511987654321")),
    ("011 98765-4321", "BR", V("+5511987654321")),
    ("11987654321", "BR", V("+5511987654321")),
    ("5511987654321", "BR", V("+5511987654321")),
    (5511987654321, "BR", V("+5511987654321")),
    (5511987654321, None, V("+5511987654321")),
    (11987654321, "BR", V("+5511987654321")),
    ("(21) 3333-4444", "BR", V("+552133334444")),
    ("2133334444", "BR", V("+552133334444")),
    ("+55 11 3333-4444 ramal 12", "BR", V("+551133334444")),
    ("(11) 3333-4444 r. 201", "BR", V("+551133334444")),
    ("0800 123 4567", "BR", V("+558001234567")),
    ("0 6 12 34 56 78", "FR", V("+33612345678")),
    ("06 12 34 56 78", "FR", V("+33612345678")),
    ("06.12.34.56.78", "FR", V("+33612345678")),
    ("+33 6 12 34 56 78", "FR", V("+33612345678")),
    ("+33 (0)6 12 34 56 78", None, V("+33612345678")),
    ("0033 6 12 34 56 78", "FR", V("+33612345678")),
    ("01 42 68 53 00", "FR", V("+33142685300")),
    ("01 42 68 53 00 poste 12", "FR", V("+33142685300")),
    (33612345678, "FR", V("+33612345678")),
    (612345678, "FR", V("+33612345678")),
    ("+48 600 123 456", "PL", V("+48600123456")),
    ("+48 600 123 456", None, V("+48600123456")),
    ("600 123 456", "PL", V("+48600123456")),
    ("600-123-456", "PL", V("+48600123456")),
    ("22 123 45 67", "PL", V("+48221234567")),
    ("+48 22 123 45 67 wew. 15", "PL", V("+48221234567")),
    (48600123456, None, V("+48600123456")),
    ("0048 600 123 456", None, V("+48600123456")),
    ("+49 30 901820", None, V("+4930901820")),
    ("030 901820", "DE", V("+4930901820")),
    ("06 1234 5678", "IT", V("+390612345678")),
    ("+39 06 1234 5678", None, V("+390612345678")),
    ("+34 912 34 56 78", None, V("+34912345678")),
    ("+1 (650) 253-0000", None, V("+16502530000")),
    ("650-253-0000", "US", V("+16502530000")),
    ("+1 650 253 0000 ext. 123", None, V("+16502530000")),
    ("+1 650 253 0000 x123", "US", V("+16502530000")),
    ("+44 20 7946 0958", "BR", V("+442079460958")),
    ("020 7946 0958", "GB", V("+442079460958")),
    ("+351 912 345 678", None, V("+351912345678")),
    ("tel:+55-11-98765-4321", None, V("+5511987654321")),
    ("\u00a0(11) 98765-4321\u00a0", "BR", V("+5511987654321")),
    ("'+55 11 98765-4321", "BR", V("+5511987654321")),
    ("600123456", None, E("invalid_phone")),
    ("(11) 98765-4321", None, E("invalid_phone")),
    ("123", "BR", E("invalid_phone")),
    ("12345", "FR", E("invalid_phone")),
    ("(11) 12345-6789", "BR", E("invalid_phone")),
    ("(11) 9876A-4321", "BR", E("invalid_phone")),
    ("1-800-FLOWERS", "US", E("invalid_phone")),
    ("n/a", "BR", E("invalid_phone")),
    ("sem telefone", "BR", E("invalid_phone")),
    ("11 98765-4321 / 11 3333-4444", "BR", E("invalid_phone")),
    ("+55 11 98765-4321 ramal", "BR", E("invalid_phone")),
    ("+999 123 456 789", None, E("invalid_phone")),
    ("+55 11 98765-43210", None, E("invalid_phone")),
    ("06 12 34 56", "FR", E("invalid_phone")),
    (12.5, "BR", E("invalid_phone")),
    (True, "BR", E("invalid_phone")),
    ("📞 11 98765-4321", "BR", V("+5511987654321")),
]

MOBILE = [
    ("(11) 98765-4321", "BR", V("+5511987654321")),
    ("(11) 9 8765-4321", "BR", V("+5511987654321")),
    ("+55 21 99876-5432", "BR", V("+5521998765432")),
    ("21998765432", "BR", V("+5521998765432")),
    (5521998765432, "BR", V("+5521998765432")),
    (21998765432, "BR", V("+5521998765432")),
    ("+55 (61) 98123-4567", "FR", V("+5561981234567")),
    ("06 12 34 56 78", "FR", V("+33612345678")),
    ("07 81 23 45 67", "FR", V("+33781234567")),
    ("+33 7 81 23 45 67", "PL", V("+33781234567")),
    ("07 12 34 56 78", "FR", E("invalid_phone")),
    ("512 345 678", "PL", V("+48512345678")),
    ("+48 512-345-678", None, V("+48512345678")),
    (48512345678, "PL", V("+48512345678")),
    ("0151 23456789", "DE", V("+4915123456789")),
    ("+49 151 23456789", None, V("+4915123456789")),
    ("612 34 56 78", "ES", V("+34612345678")),
    ("347 123 4567", "IT", V("+393471234567")),
    ("07911 123456", "GB", V("+447911123456")),
    ("07700 900123", "GB", E("invalid_phone")),
    ("912 345 678", "PT", V("+351912345678")),
    ("(11) 8765-4321", "BR", E("invalid_phone")),
    ("98765-4321", "BR", E("invalid_phone")),
    ("9876543210", "FR", E("invalid_phone")),
    ("+55", None, E("invalid_phone")),
    ("+", "BR", E("invalid_phone")),
    ("--", "BR", E("invalid_phone")),
    ("#N/A", "BR", E("invalid_phone")),
    ("celular", "BR", E("invalid_phone")),
]

EMAIL = [
    ("ana@example.com", None, V("ana@example.com")),
    ("Ana.Silva@Example.COM", None, V("ana.silva@example.com")),
    ("  joao@empresa.com.br  ", "BR", V("joao@empresa.com.br")),
    ("\u00a0financeiro@empresa.com.br\u200b", "BR", V("financeiro@empresa.com.br")),
    ("contato+nfe@loja-online.com.br", "BR", V("contato+nfe@loja-online.com.br")),
    ("o'brien@example.ie", None, V("o'brien@example.ie")),
    ("first_last-1@sub.domain.example.org", None, V("first_last-1@sub.domain.example.org")),
    ("mailto:Contact@Exemple.fr", "FR", V("contact@exemple.fr")),
    ("Jean Dupont <jean.dupont@exemple.fr>", "FR", V("jean.dupont@exemple.fr")),
    ("<biuro@firma.pl>", "PL", V("biuro@firma.pl")),
    ("zofia@łódź.pl", "PL", V("zofia@łódź.pl")),
    ("jose@café.fr", "FR", V("jose@café.fr")),
    ("JOSÉ@CAFÉ.FR", "FR", V("josé@café.fr")),
    ("user@xn--caf-dma.fr", None, V("user@xn--caf-dma.fr")),
    ("a@b.co", None, V("a@b.co")),
    ("info@123.com", None, V("info@123.com")),
    ("ana", None, E("invalid_email")),
    ("ana@", None, E("invalid_email")),
    ("@example.com", None, E("invalid_email")),
    ("ana@example", None, E("invalid_email")),
    ("ana@@example.com", None, E("invalid_email")),
    ("ana@maria@example.com", None, E("invalid_email")),
    ("ana silva@example.com", None, E("invalid_email")),
    ("ana@exam ple.com", None, E("invalid_email")),
    ("ana..silva@example.com", None, E("invalid_email")),
    (".ana@example.com", None, E("invalid_email")),
    ("ana@example..com", None, E("invalid_email")),
    ("ana@-example.com", None, E("invalid_email")),
    ("ana@exa_mple.com", None, E("invalid_email")),
    ("ana@[192.168.0.1]", None, E("invalid_email")),
    ("ana@192.168.0.1", None, E("invalid_email")),
    ("\"ana silva\"@example.com", None, E("invalid_email")),
    ("ana@example.com; bia@example.com", None, E("invalid_email")),
    ("ana@example,com", None, E("invalid_email")),
    ("ana(at)example.com", None, E("invalid_email")),
    ("n/a", None, E("invalid_email")),
    ("-", None, E("invalid_email")),
    (12345, None, E("invalid_email")),
    (True, None, E("invalid_email")),
]

ADDITIONAL = [
    ("ana@example.com", None, V(["ana@example.com"])),
    ("ana@example.com;bia@example.com", None, V(["ana@example.com", "bia@example.com"])),
    ("ana@example.com, bia@example.com", None, V(["ana@example.com", "bia@example.com"])),
    ("ANA@example.com ; Bia@Example.com ;", None, V(["ana@example.com", "bia@example.com"])),
    ("a@x.com,b@y.com;c@z.com", None, V(["a@x.com", "b@y.com", "c@z.com"])),
    ("a@x.com\nb@y.com", None, V(["a@x.com", "b@y.com"])),
    ("a@x.com; A@X.COM", None, V(["a@x.com"])),
    (";;a@x.com;;", None, V(["a@x.com"])),
    ("Jean <jean@exemple.fr>; compta@exemple.fr", "FR", V(["jean@exemple.fr", "compta@exemple.fr"])),
    ("zofia@łódź.pl, biuro@firma.pl", "PL", V(["zofia@łódź.pl", "biuro@firma.pl"])),
    ("a@x.com; nope", None, E("invalid_email")),
    ("a@x.com b@y.com", None, E("invalid_email")),
    ("a@x.com; b@", None, E("invalid_email")),
    ("a@x.com|b@y.com", None, E("invalid_email")),
    ("financeiro", None, E("invalid_email")),
    (42, None, E("invalid_email")),
]

POSTAL = [
    ("01310-100", "BR", V("01310-100")),
    ("01310100", "BR", V("01310-100")),
    ("01.310-100", "BR", V("01310-100")),
    ("01310 100", "BR", V("01310-100")),
    ("22041-001", "BR", V("22041-001")),
    (" 22041001 ", "BR", V("22041-001")),
    (1310100, "BR", V("01310-100", "leading_zeros_restored")),
    ("1310100", "BR", V("01310-100", "leading_zeros_restored")),
    (22041001, "BR", V("22041-001")),
    ("1310-100", "BR", E("invalid_postal_code")),
    ("131010", "BR", E("invalid_postal_code")),
    (131010, "BR", E("invalid_postal_code")),
    ("013101000", "BR", E("invalid_postal_code")),
    ("0131-0100", "BR", E("invalid_postal_code")),
    ("CEP 01310-100", "BR", E("invalid_postal_code")),
    ("01310-10O", "BR", E("invalid_postal_code")),
    ("00-950", "PL", V("00-950")),
    ("00950", "PL", V("00-950")),
    ("31-042", "PL", V("31-042")),
    (950, "PL", V("00-950", "leading_zeros_restored")),
    (2950, "PL", V("02-950", "leading_zeros_restored")),
    (31042, "PL", V("31-042")),
    ("310-42", "PL", E("invalid_postal_code")),
    ("31 042", "PL", V("31-042")),
    ("3-1042", "PL", E("invalid_postal_code")),
    ("75001", "FR", V("75001")),
    (75001, "FR", V("75001")),
    (1000, "FR", V("01000", "leading_zeros_restored")),
    ("1000", "FR", V("01000", "leading_zeros_restored")),
    ("7500", "FR", V("07500", "leading_zeros_restored")),
    ("750011", "FR", E("invalid_postal_code")),
    ("75 001", "FR", E("invalid_postal_code")),
    ("F-75001", "FR", E("invalid_postal_code")),
    (100, "FR", E("invalid_postal_code")),
    ("10115", "DE", V("10115")),
    (1067, "DE", V("01067", "leading_zeros_restored")),
    ("00118", "IT", V("00118")),
    (118, "IT", V("00118", "leading_zeros_restored")),
    ("28013", "ES", V("28013")),
    (8001, "ES", V("08001", "leading_zeros_restored")),
    ("2801A", "ES", E("invalid_postal_code")),
    ("sw1a 1aa", "GB", V("SW1A 1AA")),
    ("SW1A  1AA", "GB", V("SW1A 1AA")),
    ("1012 ab", "NL", V("1012 AB")),
    ("94105-1234", "US", V("94105-1234")),
    ("1000-001", "PT", V("1000-001")),
    ("k1a 0b1", "CA", V("K1A 0B1")),
    (2134, "US", V("2134")),
    ("01310-100", None, V("01310-100")),
    ("75001", None, V("75001")),
    ("1", "GB", E("invalid_postal_code")),
    ("12345678901", "US", E("invalid_postal_code")),
    ("K1A_0B1", "CA", E("invalid_postal_code")),
    ("Straße", None, E("invalid_postal_code")),
    ("--", None, E("invalid_postal_code")),
    ("n/a", None, E("invalid_postal_code")),
    (12.5, "FR", E("invalid_postal_code")),
]

COUNTRY = [
    ("BR", None, V("BR")),
    ("br", None, V("BR")),
    ("BRA", None, V("BR")),
    ("Brasil", None, V("BR")),
    ("BRASIL", None, V("BR")),
    ("Brazil", None, V("BR")),
    ("brésil", None, V("BR")),
    ("Brazylia", None, V("BR")),
    ("PL", None, V("PL")),
    ("Polska", None, V("PL")),
    ("Poland", None, V("PL")),
    ("Pologne", None, V("PL")),
    ("Polônia", None, V("PL")),
    ("POL", None, V("PL")),
    ("France", None, V("FR")),
    ("França", None, V("FR")),
    ("Francja", None, V("FR")),
    ("Francia", None, V("FR")),
    ("fra", None, V("FR")),
    ("Alemanha", None, V("DE")),
    ("Allemagne", None, V("DE")),
    ("Niemcy", None, V("DE")),
    ("Germany", None, V("DE")),
    ("Deutschland", None, V("DE")),
    ("Estados Unidos", None, V("US")),
    ("EUA", None, V("US")),
    ("USA", None, V("US")),
    ("U.S.A.", None, V("US")),
    ("United States of America", None, V("US")),
    ("États-Unis", None, V("US")),
    ("Stany Zjednoczone", None, V("US")),
    ("Reino Unido", None, V("GB")),
    ("UK", None, V("GB")),
    ("United Kingdom", None, V("GB")),
    ("Royaume-Uni", None, V("GB")),
    ("Wielka Brytania", None, V("GB")),
    ("England", None, V("GB")),
    ("España", None, V("ES")),
    ("Espanha", None, V("ES")),
    ("Hiszpania", None, V("ES")),
    ("Espagne", None, V("ES")),
    ("Itália", None, V("IT")),
    ("Włochy", None, V("IT")),
    ("Portugal", None, V("PT")),
    ("Países Baixos", None, V("NL")),
    ("Holanda", None, V("NL")),
    ("Pays-Bas", None, V("NL")),
    ("Suíça", None, V("CH")),
    ("Coreia do Sul", None, V("KR")),
    ("Côte d'Ivoire", None, V("CI")),
    ("Costa do Marfim", None, V("CI")),
    ("México", None, V("MX")),
    ("Argentine", None, V("AR")),
    ("Japão", None, V("JP")),
    ("Chiny", None, V("CN")),
    ("  brasil\u00a0", None, V("BR")),
    ("XX", None, E("invalid_country")),
    ("Atlantis", None, E("invalid_country")),
    ("Brasill", None, E("invalid_country")),
    ("Europe", None, E("invalid_country")),
    ("São Paulo", None, E("invalid_country")),
    ("123", None, E("invalid_country")),
    (55, None, E("invalid_country")),
    (True, None, E("invalid_country")),
    ("--", None, E("invalid_country")),
]

STATE = [
    ("SP", "BR", V("SP")),
    ("sp", "BR", V("SP")),
    ("São Paulo", "BR", V("SP")),
    ("sao paulo", "BR", V("SP")),
    ("SAO PAULO", "BR", V("SP")),
    ("Rio Grande do Sul", "BR", V("RS")),
    ("rio grande do norte", "BR", V("RN")),
    ("Rio de Janeiro", "BR", V("RJ")),
    ("Minas Gerais", "BR", V("MG")),
    ("Espírito Santo", "BR", V("ES")),
    ("Ceara", "BR", V("CE")),
    ("Paraná", "BR", V("PR")),
    ("Pará", "BR", V("PA")),
    ("Paraíba", "BR", V("PB")),
    ("Mato Grosso", "BR", V("MT")),
    ("Mato Grosso do Sul", "BR", V("MS")),
    ("Distrito Federal", "BR", V("DF")),
    ("Brasília", "BR", V("DF")),
    ("Goiás", "BR", V("GO")),
    ("Amapá", "BR", V("AP")),
    ("Rondônia", "BR", V("RO")),
    ("Estado de São Paulo", "BR", V("SP")),
    ("BR-BA", "BR", V("BA")),
    (" to ", "BR", V("TO")),
    ("XX", "BR", E("invalid_enum")),
    ("São Paolo", "BR", E("invalid_enum")),
    ("Texas", "BR", E("invalid_enum")),
    ("Rio", "BR", E("invalid_enum")),
    ("BR", "BR", E("invalid_enum")),
    (35, "BR", E("invalid_enum")),
    ("Île-de-France", "FR", V("Île-de-France")),
    ("  Mazowieckie ", "PL", V("Mazowieckie")),
    ("Bayern", "DE", V("Bayern")),
    ("CA", "US", V("CA")),
    ("SP", None, V("SP")),
    ("São Paulo", None, V("São Paulo")),
]

PAYMENT = [
    ("30", None, V(30)),
    (30, None, V(30)),
    (45.0, None, V(45)),
    ("30.0", None, V(30)),
    ("30,0", None, V(30)),
    ("30,00", None, V(30)),
    ("30 dias", "BR", V(30)),
    ("30 DIAS", "BR", V(30)),
    ("45 días", "ES", V(45)),
    ("30 days", None, V(30)),
    ("30 jours", "FR", V(30)),
    ("à 30 jours", "FR", V(30)),
    ("14 dni", "PL", V(14)),
    ("NET 30", None, V(30)),
    ("net30", None, V(30)),
    ("Net-60", None, V(60)),
    ("30d", None, V(30)),
    ("30 D", None, V(30)),
    ("30 days net", None, V(30)),
    ("0", None, V(0)),
    (0, None, V(0)),
    ("3650", None, V(3650)),
    ("  7  ", None, V(7)),
    ("1.000", None, V(1000)),
    ("30.5", None, E("invalid_number")),
    (30.5, None, E("invalid_number")),
    ("30,5", None, E("invalid_number")),
    ("-5", None, E("invalid_number")),
    (-5, None, E("invalid_number")),
    ("3651", None, E("invalid_number")),
    (100000, None, E("invalid_number")),
    ("trinta", "BR", E("invalid_number")),
    ("30 meses", "BR", E("invalid_number")),
    ("30 months", None, E("invalid_number")),
    ("30/60/90", None, E("invalid_number")),
    ("30 60", None, E("invalid_number")),
    ("30 dias fora o mês", "BR", E("invalid_number")),
    ("à vista", "BR", E("invalid_number")),
    ("net", None, E("invalid_number")),
    ("d30", None, E("invalid_number")),
    (True, None, E("invalid_number")),
    ("99999999999999999999999", None, E("invalid_number")),
]

TRUE_WORDS = ["1", "true", "TRUE", "True", "yes", "YES", "y", "sim", "Sim", "s", "oui", "OUI", "o", "tak", "Tak",
              "t", "x", "X", "sí", "si", "verdadeiro", "VERDADEIRO", "vrai", "prawda", "verdadero"]
FALSE_WORDS = ["0", "false", "FALSE", "no", "No", "n", "não", "NÃO", "nao", "non", "Non", "nie", "NIE", "falso",
               "faux", "fałsz", "FAŁSZ", "f"]
BAD_BOOLS = ["2", "-1", "maybe", "talvez", "peut-être", "ja", "yes please", "1.5", "?", "-", "n/a", "sim/não"]


def booleans(field):
    cases = [(w, None, V(True)) for w in TRUE_WORDS]
    cases += [(w, None, V(False)) for w in FALSE_WORDS]
    cases += [(True, None, V(True)), (False, None, V(False)), (1, None, V(True)), (0, None, V(False)),
              (1.0, None, V(True)), ("  Sim  ", "BR", V(True))]
    cases += [(w, None, E("invalid_boolean")) for w in BAD_BOOLS]
    cases += [(2, None, E("invalid_boolean")), (0.5, None, E("invalid_boolean"))]
    return cases


POSITION = [
    ("ACCOUNTING", None, V("ACCOUNTING")),
    ("accounting", None, V("ACCOUNTING")),
    ("Accountant", None, V("ACCOUNTING")),
    ("Comptabilité", "FR", V("ACCOUNTING")),
    ("comptabilite", "FR", V("ACCOUNTING")),
    ("Comptable", "FR", V("ACCOUNTING")),
    ("Contabilidade", "BR", V("ACCOUNTING")),
    ("Financeiro", "BR", V("ACCOUNTING")),
    ("Księgowość", "PL", V("ACCOUNTING")),
    ("KSIEGOWOSC", "PL", V("ACCOUNTING")),
    ("Contabilidad", "ES", V("ACCOUNTING")),
    ("Finance", None, V("ACCOUNTING")),
    ("SALES", None, V("SALES")),
    ("Sales", None, V("SALES")),
    ("Ventes", "FR", V("SALES")),
    ("Commercial", "FR", V("SALES")),
    ("Vendas", "BR", V("SALES")),
    ("Comercial", "BR", V("SALES")),
    ("Sprzedaż", "PL", V("SALES")),
    ("Handlowiec", "PL", V("SALES")),
    ("Ventas", "ES", V("SALES")),
    ("PURCHASER", None, V("PURCHASER")),
    ("purchasing", None, V("PURCHASER")),
    ("Buyer", None, V("PURCHASER")),
    ("Acheteur", "FR", V("PURCHASER")),
    ("Achats", "FR", V("PURCHASER")),
    ("Comprador", "BR", V("PURCHASER")),
    ("Compras", "BR", V("PURCHASER")),
    ("Zakupy", "PL", V("PURCHASER")),
    ("Procurement", None, V("PURCHASER")),
    ("PAYER", None, V("PAYER")),
    ("payer", None, V("PAYER")),
    ("Billing", None, V("PAYER")),
    ("Accounts payable", None, V("PAYER")),
    ("Payeur", "FR", V("PAYER")),
    ("Facturation", "FR", V("PAYER")),
    ("Pagador", "BR", V("PAYER")),
    ("Cobrança", "BR", V("PAYER")),
    ("Płatnik", "PL", V("PAYER")),
    ("platnik", "PL", V("PAYER")),
    ("Facturación", "ES", V("PAYER")),
    ("  sales ", None, V("SALES")),
    ("CEO", None, E("invalid_enum")),
    ("Manager", None, E("invalid_enum")),
    ("Directeur", "FR", E("invalid_enum")),
    ("Diretor", "BR", E("invalid_enum")),
    ("Sales manager", None, E("invalid_enum")),
    ("ACCOUNTING;SALES", None, E("invalid_enum")),
    (1, None, E("invalid_enum")),
    (True, None, E("invalid_enum")),
]


def main():
    write("phone", "phone", "phone to E.164 with the row's country (else none): national and international forms, "
          "float cells that lost the +, extensions dropped, letters and impossible numbers rejected", PHONE)
    write("mobile_phone", "mobile_phone", "mobile numbers to E.164 (same rules as phone) in BR, FR, PL, DE, ES, IT, "
          "GB, PT; old 8-digit Brazilian mobiles are invalid", MOBILE)
    write("email", "email", "one e-mail: trimmed, lower case, syntax without network, IDN domains kept, display "
          "names and mailto: unwrapped", EMAIL)
    write("additional_emails", "additional_emails", "e-mail lists separated by , ; or line breaks; each normalized, "
          "repeats kept once, any bad piece is invalid_email", ADDITIONAL)
    write("postal_code", "postal_code", "postal codes per country: BR NNNNN-NNN, PL NN-NNN, FR/DE/IT/ES NNNNN with "
          "lost leading zeros restored, others 2-10 of A-Z 0-9 space -", POSTAL)
    write("country", "country", "countries to ISO alpha-2 from alpha-2, alpha-3 and names in en, pt, fr, pl, es",
          COUNTRY)
    write("state", "state", "Brazilian states to their UF from code or name; other countries keep the text", STATE)
    write("payment_terms_days", "payment_terms_days", "payment period in days 0..=3650 from numbers and phrases in "
          "five languages", PAYMENT)
    write("is_company", "is_company", "booleans in en, pt, fr, pl, es; boolean and numeric cells", booleans("is_company"))
    write("contact_is_main", "contact_is_main", "booleans in en, pt, fr, pl, es; boolean and numeric cells",
          booleans("contact_is_main"))
    write("contact_position", "contact_position", "contact positions ACCOUNTING, SALES, PURCHASER, PAYER from codes "
          "and synonyms in five languages", POSITION)


if __name__ == "__main__":
    main()
