#!/usr/bin/env python3
"""Writes testdata/cases/tax_id.json, vat_number.json and bank_account.json.

The cases are hand-picked (below); this script only lays them out in the shared cases format and
cross-checks every expected outcome against python-stdnum (pip install python-stdnum==2.2), so a
typo in a hand-written check digit cannot slip in. Deliberate differences from stdnum are listed
in DIFFERENT. Deterministic, no network.
"""

import json
import os

from stdnum import iban
from stdnum.br import cnpj, cpf
from stdnum.eu import vat
from stdnum.fr import siren, siret, tva
from stdnum.pl import nip
from stdnum.ch import vat as ch_vat
from stdnum.no import mva
from stdnum.gb import vat as gb_vat

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cases')

W = ['leading_zeros_restored']

# (input, country, value or None, error or None, warnings)
TAX_ID = [
    # Brazil: CPF
    ('529.982.247-25', 'BR', '52998224725', None, None),
    ('52998224725', 'BR', '52998224725', None, None),
    (' 529 982 247 25 ', 'BR', '52998224725', None, None),
    ('529.982.247-26', 'BR', None, 'invalid_tax_id', None),
    ('111.111.111-11', 'BR', None, 'invalid_tax_id', None),
    ('000.000.000-00', 'BR', None, 'invalid_tax_id', None),
    (4867209007, 'BR', '04867209007', None, W),
    ('4867209007', 'BR', '04867209007', None, W),
    (12345601, 'BR', '00012345601', None, W),
    ('12345601', 'BR', None, 'invalid_tax_id', None),
    (52998224725, 'BR', '52998224725', None, None),
    ('5299822472', 'BR', None, 'invalid_tax_id', None),
    # Brazil: CNPJ
    ('11.222.333/0001-81', 'BR', '11222333000181', None, None),
    ('11222333000181', 'BR', '11222333000181', None, None),
    ('11.222.333/0001-82', 'BR', None, 'invalid_tax_id', None),
    ('00.000.000/0001-91', 'BR', '00000000000191', None, None),
    (6990590000123, 'BR', '06990590000123', None, W),
    ('6990590000123', 'BR', '06990590000123', None, W),
    (123456789001, 'BR', '00123456789001', None, W),
    ('11111111111111', 'BR', None, 'invalid_tax_id', None),
    ('00000000000000', 'BR', None, 'invalid_tax_id', None),
    ('12.ABC.345/01DE-35', 'BR', '12ABC34501DE35', None, None),
    ('12abc34501de35', 'BR', '12ABC34501DE35', None, None),
    ('12.ABC.345/01DE-36', 'BR', None, 'invalid_tax_id', None),
    ('12.ABC.345/01DE-3A', 'BR', None, 'invalid_tax_id', None),
    ('ABC', 'BR', None, 'invalid_tax_id', None),
    ('DE136695976', 'BR', None, 'invalid_tax_id', None),
    # Poland
    ('123-456-32-18', 'PL', '1234563218', None, None),
    ('PL 1234563218', 'PL', '1234563218', None, None),
    ('pl1234563218', 'PL', '1234563218', None, None),
    ('1234563219', 'PL', None, 'invalid_tax_id', None),
    ('DE 136 695 976', 'PL', 'DE136695976', None, None),
    # France
    ('732 829 320', 'FR', '732829320', None, None),
    ('732.829.321', 'FR', None, 'invalid_tax_id', None),
    ('732 829 320 00074', 'FR', '73282932000074', None, None),
    ('732 829 320 00075', 'FR', None, 'invalid_tax_id', None),
    ('35600000009002', 'FR', '35600000009002', None, None),
    ('FR 40 303 265 045', 'FR', 'FR40303265045', None, None),
    ('40303265045', 'FR', '40303265045', None, None),
    ('FR K7 399 859 412', 'FR', 'FRK7399859412', None, None),
    ('FR 41 303 265 045', 'FR', None, 'invalid_tax_id', None),
    (73282932000074, 'FR', '73282932000074', None, None),
    # other EU member states: the VAT number, prefix optional, kept as given
    ('DE 136 695 976', 'DE', 'DE136695976', None, None),
    ('136695976', 'DE', '136695976', None, None),
    ('136695977', 'DE', None, 'invalid_tax_id', None),
    ('ATU13585627', 'AT', 'ATU13585627', None, None),
    ('BE 0776.091.951', 'BE', 'BE0776091951', None, None),
    ('EL 094259216', 'GR', 'EL094259216', None, None),
    ('B-58378431', 'ES', 'B58378431', None, None),
    ('IE 6433435F', 'IE', 'IE6433435F', None, None),
    ('IT 00743110157', 'IT', 'IT00743110157', None, None),
    (743110157, 'IT', '00743110157', None, W),
    ('NL004495445B01', 'NL', 'NL004495445B01', None, None),
    ('5561888404-01', 'SE', '556188840401', None, None),
    ('FR40303265045', 'DE', 'FR40303265045', None, None),
    # other countries (or none): kept as given, unless a recognisable EU VAT number
    ('12-3456789', 'US', '123456789', None, None),
    ('GODE561231GR8', 'MX', 'GODE561231GR8', None, None),
    ('DEPA800101AB1', 'MX', 'DEPA800101AB1', None, None),
    ('20-12345678-9', 'AR', '20123456789', None, None),
    ('980 7806 84', 'GB', '980780684', None, None),
    ('GB 980 7806 84', 'GB', 'GB980780684', None, None),
    ('GB 980 7806 85', 'GB', None, 'invalid_tax_id', None),
    ('DE136695976', None, 'DE136695976', None, None),
    ('DE136695977', None, None, 'invalid_tax_id', None),
    ('CHE-116.281.710 MWST', 'CH', 'CHE116281710MWST', None, None),
    ('abc 123', None, 'ABC123', None, None),
]

VAT = [
    ('DE 136 695 976', None, 'DE136695976', None, None),
    ('de136695976', 'FR', 'DE136695976', None, None),
    ('136695976', 'DE', 'DE136695976', None, None),
    ('136695976', None, None, 'invalid_tax_id', None),
    ('136695976', 'US', None, 'invalid_tax_id', None),
    ('DE136695977', None, None, 'invalid_tax_id', None),
    ('ATU13585627', None, 'ATU13585627', None, None),
    ('ATU13585626', None, None, 'invalid_tax_id', None),
    ('BE 0776.091.951', None, 'BE0776091951', None, None),
    ('BE776091951', None, 'BE0776091951', None, None),
    ('BG 175 074 752', None, 'BG175074752', None, None),
    ('CY-10259033P', None, 'CY10259033P', None, None),
    ('CZ 25123891', None, 'CZ25123891', None, None),
    ('DK 13 58 56 28', None, 'DK13585628', None, None),
    ('EE100931558', None, 'EE100931558', None, None),
    ('EL 094259216', None, 'EL094259216', None, None),
    ('GR094259216', None, 'EL094259216', None, None),
    ('094259216', 'GR', 'EL094259216', None, None),
    ('ES B58378431', None, 'ESB58378431', None, None),
    ('ES X5253868R', None, 'ESX5253868R', None, None),
    ('FI 20774740', None, 'FI20774740', None, None),
    ('FR 40 303 265 045', None, 'FR40303265045', None, None),
    ('K7 399 859 412', 'FR', 'FRK7399859412', None, None),
    ('FR 40 303 265 046', None, None, 'invalid_tax_id', None),
    ('303265045', 'FR', None, 'invalid_tax_id', None),
    ('HR33392005961', None, 'HR33392005961', None, None),
    ('HU12892312', None, 'HU12892312', None, None),
    ('IE 6433435F', None, 'IE6433435F', None, None),
    ('IE 8D79739I', None, 'IE8D79739I', None, None),
    ('IT 00743110157', None, 'IT00743110157', None, None),
    (743110157, 'IT', 'IT00743110157', None, W),
    ('LT119511515', None, 'LT119511515', None, None),
    ('LU 150 274 42', None, 'LU15027442', None, None),
    ('LV40003521600', None, 'LV40003521600', None, None),
    ('MT 1167 9112', None, 'MT11679112', None, None),
    ('NL 0044.95.445.B.01', None, 'NL004495445B01', None, None),
    ('NL004495445B00', None, None, 'invalid_tax_id', None),
    ('PL 526-025-02-74', None, 'PL5260250274', None, None),
    ('5260250274', 'PL', 'PL5260250274', None, None),
    ('PT 501 964 843', None, 'PT501964843', None, None),
    ('RO 185 472 90', None, 'RO18547290', None, None),
    ('SE 5561 8884 0401', None, 'SE556188840401', None, None),
    ('SI 50223054', None, 'SI50223054', None, None),
    ('SK 2022749619', None, 'SK2022749619', None, None),
    ('GB 980 7806 84', None, 'GB980780684', None, None),
    ('XI 980 7806 84', None, 'XI980780684', None, None),
    ('980780684', 'GB', 'GB980780684', None, None),
    ('GB GD001', None, 'GBGD001', None, None),
    ('GB 980 7806 85', None, None, 'invalid_tax_id', None),
    ('CHE-116.281.710 MWST', None, 'CHE116281710MWST', None, None),
    ('CHE-116.281.710 TVA', 'FR', 'CHE116281710TVA', None, None),
    ('CHE-116.281.710', None, None, 'invalid_tax_id', None),
    ('CHE-116.281.711 MWST', None, None, 'invalid_tax_id', None),
    ('NO 974 760 673 MVA', None, 'NO974760673MVA', None, None),
    ('974760673MVA', 'NO', 'NO974760673MVA', None, None),
    ('NO 974 760 673', None, None, 'invalid_tax_id', None),
    ('US 12-3456789', None, None, 'invalid_tax_id', None),
    ('529.982.247-25', 'BR', None, 'invalid_tax_id', None),
]

BANK = [
    ('DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', None),
    ('de89370400440532013000', 'DE89370400440532013000', None),
    ('DE89 3704 0044 0532 0130 01', None, 'invalid_iban'),
    ('FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606', None),
    ('FR14 2004 1010 0505 0001 3M02 607', None, 'invalid_iban'),
    ('GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', None),
    ('GB33BUKB20201555555555', 'GB33BUKB20201555555555', None),
    ('PL61 1090 1014 0000 0712 1981 2874', 'PL61109010140000071219812874', None),
    ('PL61 1090 1014 0000 0712 1981 287', None, 'invalid_iban'),
    ('BR15 0000 0000 0000 1093 2840 814P 2', 'BR1500000000000010932840814P2', None),
    ('PT50 0002 0123 1234 5678 9015 4', 'PT50000201231234567890154', None),
    ('ES91 2100 0418 4502 0005 1332', 'ES9121000418450200051332', None),
    ('IT60 X054 2811 1010 0000 0123 456', 'IT60X0542811101000000123456', None),
    ('NL91-ABNA-0417-1643-00', 'NL91ABNA0417164300', None),
    ('BE71 0961 2345 6769', 'BE71096123456769', None),
    ('BE71 0961 2345 6768', None, 'invalid_iban'),
    ('CH93 0076 2011 6238 5295 7', 'CH9300762011623852957', None),
    ('NO93 8601 1117 947', 'NO9386011117947', None),
    ('MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT84MALT011000012345MTLCAST001S', None),
    ('\u00a0DE89 3704 0044 0532 0130 00\u00a0', 'DE89370400440532013000', None),
    ('XX82 WEST 1234 5698 7654 32', None, 'invalid_iban'),
    ('1234-5 / 67890-1', '1234-5 / 67890-1', None),
    ('Ag. 1234-5 C/C 67890-1', 'Ag. 1234-5 C/C 67890-1', None),
    ('Agência 0001 Conta 12345-6', 'Agência 0001 Conta 12345-6', None),
    ('  00123456789  ', '00123456789', None),
    ('12345678', '12345678', None),
    ('AG12 34', 'AG12 34', None),
    ('Banco do Brasil 1234/56789-0', 'Banco do Brasil 1234/56789-0', None),
    ('30002 00550 0000157841Z 25', '30002 00550 0000157841Z 25', None),
    (1234567890, '1234567890', None),
]

# deliberate differences from stdnum (cadastro's contract), as (field, input)
DIFFERENT = {
    ('tax_id', '111.111.111-11'),  # one repeated digit: stdnum accepts the check digits
    ('tax_id', '12345601'),  # 8 digits of text: more than 2 lost zeros are only restored for a numeric cell
}


def stdnum_tax_ok(text, country):
    compact = ''.join(c for c in text if c.isalnum()).upper()
    if country == 'BR':
        return cpf.is_valid(compact.zfill(11)) if len(compact) <= 11 and compact.isdigit() \
            else cnpj.is_valid(compact.zfill(14) if compact.isdigit() else compact)
    if country == 'PL' and nip.is_valid(compact):
        return True
    if country == 'FR' and (siren.is_valid(compact) or siret.is_valid(compact) or tva.is_valid(compact)):
        return True
    if vat.is_valid(compact) or ch_vat.is_valid(compact) or mva.is_valid(compact) or gb_vat.is_valid(compact):
        return True
    eu = country and country.lower() in vat.MEMBER_STATES and country not in ('PL', 'FR')
    if eu:
        module = vat._get_cc_module(country)
        return module.is_valid(compact) or module.is_valid(compact.zfill(11))
    return None  # no scheme: not checked


def case(field, raw, country, value, error, warnings):
    c = {'field': field, 'input': raw}
    if country:
        c['country'] = country
    if error:
        c['error'] = error
    else:
        c['value'] = value
    if warnings:
        c['warnings'] = warnings
    return c


def write(name, description, cases):
    with open(os.path.join(OUT, name), 'w') as f:
        f.write('{\n  "description": ' + json.dumps(description, ensure_ascii=False) + ',\n  "cases": [\n')
        f.write(',\n'.join('    ' + json.dumps(c, ensure_ascii=False) for c in cases))
        f.write('\n  ]\n}\n')
    print(name, len(cases), 'cases')


def main():
    problems = []
    tax_cases = []
    for raw, country, value, error, warnings in TAX_ID:
        text = str(raw)
        ok = stdnum_tax_ok(text, country)
        if ok is not None and ok != (error is None) and ('tax_id', raw) not in DIFFERENT:
            problems.append(('tax_id', raw, country, ok))
        tax_cases.append(case('tax_id', raw, country, value, error, warnings))
    vat_cases = []
    for raw, country, value, error, warnings in VAT:
        if value:
            ok = vat.is_valid(value) or ch_vat.is_valid(value) or mva.is_valid(value) or gb_vat.is_valid(value)
            if not ok:
                problems.append(('vat_number', raw, country, value))
        else:
            text = str(raw)
            if vat.is_valid(text) or ch_vat.is_valid(text) or mva.is_valid(text):
                problems.append(('vat_number', raw, country, 'stdnum valid'))
        vat_cases.append(case('vat_number', raw, country, value, error, warnings))
    bank_cases = []
    for raw, value, error in BANK:
        looks = isinstance(raw, str) and error is None and value and value[:2].isalpha() and value[2:4].isdigit() \
            and value.isalnum() and len(value) >= 15
        if looks and not iban.is_valid(value):
            problems.append(('bank_account', raw, value))
        if error and iban.is_valid(raw):
            problems.append(('bank_account', raw, 'stdnum valid'))
        bank_cases.append(case('bank_account', raw, None, value, error, None))
    if problems:
        raise SystemExit('cases disagree with stdnum: %r' % problems)
    write('tax_id.json', 'tax_id: CPF/CNPJ (numeric and alphanumeric, repeated digits, lost leading zeros in '
          'numeric cells and digit-only text), NIP with optional PL prefix, SIREN/SIRET/FR VAT, EU VAT numbers as '
          'tax ids (prefix kept as given), other countries kept as given unless a recognisable EU VAT number', tax_cases)
    write('vat_number.json', 'vat_number: EU (27 states, Greece as EL) + GB/XI, CH, NO VAT numbers, normalized '
          'compact with the country prefix; prefix from the value, else from the row country', vat_cases)
    write('bank_account.json', 'bank_account: IBANs of several countries (compact upper case, checked), IBAN-like '
          'values that fail (invalid_iban), other accounts trimmed', bank_cases)


if __name__ == '__main__':
    main()
