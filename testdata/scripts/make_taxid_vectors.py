#!/usr/bin/env python3
"""Generates the tax id / VAT number test vectors in testdata/vectors/ with python-stdnum as the oracle.

    pip install python-stdnum==2.2
    python3 testdata/scripts/make_taxid_vectors.py

For every scheme it writes testdata/vectors/<scheme>.json, a compact JSON list of
["number as a user could type it", stdnum_is_valid] pairs:
- valid numbers: random candidates of the scheme's shape (with check digits computed by stdnum's
  calc_check_digit(s) where the module has one) kept when stdnum says they are valid;
- other numbers: the valid ones mutated (one character changed, two adjacent characters swapped,
  a character dropped or added) and raw random candidates; the label is whatever stdnum says.
Numbers are written compact or with separators (only separators the stdnum module itself strips,
so that both sides see the same number), with or without the country prefix where the scheme has one.

Deterministic: fixed seed, no network. crates/cadastro/tests/taxid_vectors.rs replays the files.
"""

import json
import os
import random
import string

import stdnum
from stdnum.br import cnpj, cpf
from stdnum.ch import vat as ch_vat
from stdnum.fr import siren, siret, tva
from stdnum.gb import vat as gb_vat
from stdnum.no import mva
from stdnum.pl import nip
from stdnum.at import uid as at_vat
from stdnum.be import vat as be_vat
from stdnum.bg import vat as bg_vat
from stdnum.cy import vat as cy_vat
from stdnum.cz import dic as cz_vat
from stdnum.de import vat as de_vat
from stdnum.dk import cvr as dk_vat
from stdnum.ee import kmkr as ee_vat
from stdnum.es import nif as es_vat
from stdnum.fi import alv as fi_vat
from stdnum.gr import vat as gr_vat
from stdnum.hr import oib as hr_vat
from stdnum.hu import anum as hu_vat
from stdnum.ie import vat as ie_vat
from stdnum.it import iva as it_vat
from stdnum.lt import pvm as lt_vat
from stdnum.lu import tva as lu_vat
from stdnum.lv import pvn as lv_vat
from stdnum.mt import vat as mt_vat
from stdnum.nl import btw as nl_vat
from stdnum.pt import nif as pt_vat
from stdnum.ro import cf as ro_vat
from stdnum.se import vat as se_vat
from stdnum.si import ddv as si_vat
from stdnum.sk import dph as sk_vat

SEED = 20260721
N_VALID = 600
N_OTHER = 600

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vectors')

rng = random.Random(SEED)
UPPER = string.ascii_uppercase


def digits(n, first='0123456789'):
    return rng.choice(first) + ''.join(rng.choice(string.digits) for _ in range(n - 1)) if n else ''


def date_part(century_offsets=(0,)):
    """yy mm dd with a real date (day 1-28) and a random month offset."""
    return '%02d%02d%02d' % (rng.randrange(100), rng.randrange(1, 13) + rng.choice(century_offsets),
                             rng.randrange(1, 29))


# ---- candidate generators: the compact number without prefix ----------------------------------------------

def gen_cpf():
    if rng.random() < 0.15:
        body = '00' + digits(7)
    else:
        body = digits(9)
    return body + cpf._calc_check_digits(body + '00')[:2] if rng.random() < 0.9 else digits(11)


def gen_cnpj():
    body = ('00' + digits(6) if rng.random() < 0.1 else digits(8)) + rng.choice(['0001', '0002', digits(4)])
    return body + cnpj.calc_check_digits(body + '00') if rng.random() < 0.9 else digits(14)


def gen_cnpj_alnum():
    alnum = string.digits + UPPER
    body = ''.join(rng.choice(alnum) for _ in range(12))
    return body + cnpj.calc_check_digits(body + '00') if rng.random() < 0.9 else body + digits(2)


def gen_nip():
    return digits(10, '123456789')


def gen_siren():
    return digits(9)


def gen_siret():
    if rng.random() < 0.05:
        return '356000000' + digits(5)
    return digits(14)


def gen_fr_vat():
    s = digits(9)
    if rng.random() < 0.5:
        return '%02d' % ((int(s) * 100 + 12) % 97) + s
    alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
    return rng.choice(alphabet) + rng.choice(alphabet) + s


def gen_at():
    body = digits(7)
    return 'U' + body + at_vat.calc_check_digit('U' + body)


def gen_be():
    n = rng.choice('01') + digits(7)
    body = n + '%02d' % (97 - int(n) % 97)
    return body[1:] if body[0] == '0' and rng.random() < 0.1 else body


def gen_bg():
    r = rng.random()
    if r < 0.4:
        body = digits(8)
        return body + bg_vat.calc_check_digit_legal(body)
    if r < 0.7:
        body = date_part((0, 20, 40)) + digits(3)
        from stdnum.bg import egn
        return body + egn.calc_check_digit(body)
    return digits(10)


def gen_cy():
    body = rng.choice('0134569') + digits(7)
    return body + cy_vat.calc_check_digit(body)


def gen_cz():
    r = rng.random()
    if r < 0.4:
        body = digits(7, '12345678')
        return body + cz_vat.calc_check_digit_legal(body)
    if r < 0.5:
        body = '6' + digits(7)
        return body + cz_vat.calc_check_digit_special(body[1:])
    if r < 0.6:
        # 9 digit birth number (before 1954)
        return '%02d' % rng.randrange(0, 54) + '%02d%02d' % (rng.randrange(1, 13) + rng.choice((0, 50)),
                                                           rng.randrange(1, 29)) + digits(3)
    body = date_part((0, 50, 20, 70)) + digits(3)
    return body + str(int(body) % 11 % 10)


def gen_de():
    return digits(9, '123456789')


def gen_dk():
    return digits(8, '123456789')


def gen_ee():
    return '10' + digits(7)


def gen_es():
    r = rng.random()
    dni_letters = 'TRWAGMYFPDXBNJZSQVHLCKE'
    if r < 0.3:
        body = digits(8)
        return body + dni_letters[int(body) % 23]
    if r < 0.5:
        first = rng.choice('XYZ')
        body = digits(7)
        return first + body + dni_letters[int(str('XYZ'.index(first)) + body) % 23]
    if r < 0.6:
        body = digits(7)
        return rng.choice('KLM') + body + dni_letters[int(body) % 23]
    first = rng.choice('ABCDEFGHJNPQRSUVW')
    body = digits(7)
    check = es_vat.cif.calc_check_digits(first + body)
    return first + body + rng.choice(check)


def gen_fi():
    return digits(8)


def gen_gr():
    return digits(9) if rng.random() < 0.9 else digits(8)


def gen_hr():
    return digits(11)


def gen_hu():
    return digits(8)


def gen_ie():
    r = rng.random()
    if r < 0.6:
        body = digits(7)
        return body + ie_vat.calc_check_digit(body)
    if r < 0.8:
        body = digits(7)
        second = rng.choice('ABCDEFGHI')
        return body + ie_vat.calc_check_digit(body + second) + second
    first = digits(1)
    body = digits(5)
    return first + rng.choice(UPPER + '+*') + body + ie_vat.calc_check_digit(body + first)


def gen_it():
    office = rng.choice(['%03d' % rng.randrange(1, 101), '120', '121', '888', '999', '%03d' % rng.randrange(1000)])
    return digits(7) + office + digits(1)


def gen_lt():
    if rng.random() < 0.6:
        return digits(7) + '1' + digits(1)
    return digits(10) + '1' + digits(1)


def gen_lu():
    body = digits(6)
    return body + lu_vat.calc_check_digits(body)


def gen_lv():
    r = rng.random()
    if r < 0.4:
        return digits(11, '456789')
    if r < 0.55:
        body = '32' + digits(8)
        return body + lv_vat.calc_check_digit_pers(body)
    body = '%02d%02d%02d' % (rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(100)) + \
        rng.choice('012') + digits(3)
    return body + lv_vat.calc_check_digit_pers(body)


def gen_mt():
    return digits(8, '123456789')


def gen_nl():
    body = digits(9)
    return body + 'B' + rng.choice(['01', '02', '%02d' % rng.randrange(100)])


def gen_pl():
    return digits(10, '123456789')


def gen_pt():
    body = digits(8, '123456789')
    return body + pt_vat.calc_check_digit(body)


def gen_ro():
    if rng.random() < 0.8:
        body = digits(rng.randrange(1, 10), '123456789')
        return body + ro_vat.calc_check_digit(body)
    from stdnum.ro import cnp
    body = rng.choice('125678') + '%02d%02d%02d' % (rng.randrange(100), rng.randrange(1, 13),
                                                   rng.randrange(1, 29)) + \
        rng.choice(['01', '12', '40', '46', '52']) + digits(3)
    return body + cnp.calc_check_digit(body)


def gen_se():
    return digits(10) + '01'


def gen_si():
    body = digits(7, '123456789')
    return body + si_vat.calc_check_digit(body)


def gen_sk():
    if rng.random() < 0.8:
        n = digits(2, '123456789') + rng.choice('234789') + digits(7)
        return '%010d' % (int(n) - int(n) % 11) if int(n) - int(n) % 11 >= 10 ** 9 else n
    body = date_part((0, 50)) + digits(3)
    return body + str(int(body) % 11 % 10)


def gen_gb():
    r = rng.random()
    if r < 0.05:
        return rng.choice(['GD', 'HA']) + '%03d' % rng.randrange(1000)
    if r < 0.1:
        n = rng.randrange(1000)
        return rng.choice(['GD8888', 'HA8888']) + '%03d%02d' % (n, n % 97)
    body = digits(7)
    for check in range(100):
        if gb_vat.checksum(body + '%02d' % check) in (0, 42, 55):
            body = body + '%02d' % check
            break
    return body + (digits(3) if rng.random() < 0.2 else '')


def gen_ch():
    from stdnum.ch import uid
    body = digits(8)
    check = uid.calc_check_digit(body)
    return 'CHE' + body + check + rng.choice(['MWST', 'TVA', 'IVA', 'TPV'])


def gen_no():
    return digits(9, '89') + 'MVA'


# name, stdnum module, generator, optional prefixes (list; '' = none), mandatory start kept out of mutations
SCHEMES = [
    ('cpf', cpf, gen_cpf, ['']),
    ('cnpj', cnpj, gen_cnpj, ['']),
    ('cnpj_alnum', cnpj, gen_cnpj_alnum, ['']),
    ('nip', nip, gen_nip, ['', '', 'PL']),
    ('siren', siren, gen_siren, ['']),
    ('siret', siret, gen_siret, ['']),
    ('vat_fr', tva, gen_fr_vat, ['FR', 'FR', '']),
    ('vat_at', at_vat, gen_at, ['AT', '']),
    ('vat_be', be_vat, gen_be, ['BE', '']),
    ('vat_bg', bg_vat, gen_bg, ['BG', '']),
    ('vat_cy', cy_vat, gen_cy, ['CY', '']),
    ('vat_cz', cz_vat, gen_cz, ['CZ', '']),
    ('vat_de', de_vat, gen_de, ['DE', '']),
    ('vat_dk', dk_vat, gen_dk, ['DK', '']),
    ('vat_ee', ee_vat, gen_ee, ['EE', '']),
    ('vat_es', es_vat, gen_es, ['ES', '']),
    ('vat_fi', fi_vat, gen_fi, ['FI', '']),
    ('vat_gr', gr_vat, gen_gr, ['EL', 'GR', '']),
    ('vat_hr', hr_vat, gen_hr, ['HR', '']),
    ('vat_hu', hu_vat, gen_hu, ['HU', '']),
    ('vat_ie', ie_vat, gen_ie, ['IE', '']),
    ('vat_it', it_vat, gen_it, ['IT', '']),
    ('vat_lt', lt_vat, gen_lt, ['LT', '']),
    ('vat_lu', lu_vat, gen_lu, ['LU', '']),
    ('vat_lv', lv_vat, gen_lv, ['LV', '']),
    ('vat_mt', mt_vat, gen_mt, ['MT', '']),
    ('vat_nl', nl_vat, gen_nl, ['NL', '']),
    ('vat_pl', nip, gen_pl, ['PL', '']),
    ('vat_pt', pt_vat, gen_pt, ['PT', '']),
    ('vat_ro', ro_vat, gen_ro, ['RO', '']),
    ('vat_se', se_vat, gen_se, ['SE', '']),
    ('vat_si', si_vat, gen_si, ['SI', '']),
    ('vat_sk', sk_vat, gen_sk, ['SK', '']),
    ('vat_gb', gb_vat, gen_gb, ['GB', 'GB', 'XI', '']),
    ('vat_ch', ch_vat, gen_ch, ['']),
    ('vat_no', mva, gen_no, ['NO', '']),
]


def mutate(body):
    """One character changed, two adjacent swapped, one dropped or one added."""
    if not body:
        return body
    kind = rng.random()
    i = rng.randrange(len(body))
    c = body[i]
    if kind < 0.5:
        pool = string.digits if c.isdigit() else UPPER
        new = rng.choice([x for x in pool if x != c])
        return body[:i] + new + body[i + 1:]
    if kind < 0.75 and len(body) > 1:
        i = min(i, len(body) - 2)
        return body[:i] + body[i + 1] + body[i] + body[i + 2:]
    if kind < 0.88:
        return body[:i] + body[i + 1:]
    return body[:i] + rng.choice(string.digits) + body[i:]


def allowed_separators(module, sample, prefix):
    out = []
    for sep in [' ', '-', '.', '/']:
        if all(module.is_valid(prefix + s[:3] + sep + s[3:6] + sep + s[6:]) for s in sample):
            out.append(sep)
    return out


def lower_ok(module, sample, prefix):
    return all(module.is_valid((prefix + s).lower()) for s in sample)


def render(prefix, body, seps, lower):
    number = prefix + body
    if seps and rng.random() < 0.6:
        sep = rng.choice(seps)
        parts, i = [], 0
        if prefix and rng.random() < 0.5:
            parts.append(prefix)
            i = len(prefix)
        while i < len(number):
            step = rng.choice([2, 3, 3, 4])
            parts.append(number[i:i + step])
            i += step
        number = sep.join(parts)
    if lower and rng.random() < 0.2:
        number = number.lower()
    return number


def build(name, module, gen, prefixes):
    valid_bodies = []
    tries = 0
    while len(valid_bodies) < N_VALID:
        tries += 1
        if tries > 200 * N_VALID:
            raise SystemExit(f'{name}: cannot generate valid numbers')
        body = gen()
        if module.is_valid(rng.choice(prefixes) + body) and body not in valid_bodies:
            valid_bodies.append(body)
    prefix_sample = [p for p in prefixes if p]
    sample = valid_bodies[:20]
    seps = allowed_separators(module, sample, '') if not prefix_sample else \
        [s for s in allowed_separators(module, sample, '') if s in allowed_separators(module, sample, prefix_sample[0])]
    lower = lower_ok(module, sample, prefix_sample[0] if prefix_sample else '')
    vectors = []
    seen = set()

    def add(prefix, body):
        number = render(prefix, body, seps, lower)
        if number in seen:
            return
        seen.add(number)
        vectors.append([number, bool(module.is_valid(number))])

    for body in valid_bodies:
        add(rng.choice(prefixes), body)
    # one repeated digit: stdnum accepts some CPFs of this kind, the cadastro contract rejects them all
    if name in ('cpf', 'cnpj'):
        for d in string.digits:
            add('', d * (11 if name == 'cpf' else 14))
    while len(vectors) < N_VALID + N_OTHER:
        prefix = rng.choice(prefixes)
        if rng.random() < 0.8:
            body = rng.choice(valid_bodies)
            keep = 3 if name == 'vat_ch' else 0
            body = body[:keep] + mutate(body[keep:])
        else:
            body = gen()
        add(prefix, body)
    rng.shuffle(vectors)
    return vectors, seps


def main():
    os.makedirs(OUT, exist_ok=True)
    summary = {}
    for name, module, gen, prefixes in SCHEMES:
        vectors, seps = build(name, module, gen, prefixes)
        path = os.path.join(OUT, name + '.json')
        with open(path, 'w') as f:
            f.write('[\n' + ',\n'.join(json.dumps(v, ensure_ascii=False) for v in vectors) + '\n]\n')
        n_valid = sum(1 for _, ok in vectors if ok)
        summary[name] = (len(vectors), n_valid, ''.join(seps))
        print(f'{name:12} {len(vectors):5} vectors, {n_valid:4} valid, separators {seps!r}')
    print('python-stdnum', stdnum.__version__)


if __name__ == '__main__':
    main()
