#!/usr/bin/env python3
"""Generates crates/cadastro/src/validate/data/countries.tsv from pycountry (ISO 3166-1 and its
gettext translations), plus a few common aliases.

Usage (from the repository root):  pip install pycountry && python3 testdata/scripts/make_countries.py

Columns (tab-separated, one country a line, sorted by alpha-2):
  alpha2, alpha3, name_en, name_pt, name_fr, name_pl, name_es, other names separated by '|'
The five name_* columns are display names (the common name when ISO's is inverted, e.g.
"Coreia do Sul" rather than "Coreia, República da"); the last column holds every other official,
common or translated name and the aliases below. cadastro folds every name (accents, case,
punctuation removed) into its lookup table; the script refuses names that would fold to the same
key for two countries.
"""

import gettext
import os
import sys
import unicodedata

import pycountry

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "cadastro", "src", "validate", "data",
                   "countries.tsv")

# Display languages: pt is pt-BR (the product's Portuguese); pt (Portugal) names are lookup-only.
DISPLAY = [("en", None), ("pt", "pt_BR"), ("fr", "fr"), ("pl", "pl"), ("es", "es")]
LOOKUP_ONLY = ["pt"]

ALIASES = {
    "US": ["EUA", "EE.UU.", "EEUU", "America", "United States of America", "Estados Unidos da América"],
    "GB": ["UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Grã-Bretanha", "Inglaterra",
           "Grande-Bretagne", "Angleterre", "Gran Bretaña", "Anglia", "Britain"],
    "GR": ["EL", "Hellas"],
    "NL": ["Holland", "Holanda", "Hollande", "The Netherlands", "Nederland"],
    "KR": ["South Korea", "Coreia do Sul", "Corée du Sud", "Korea Południowa", "Corea del Sur"],
    "KP": ["North Korea", "Coreia do Norte", "Corée du Nord", "Korea Północna", "Corea del Norte"],
    "RU": ["Russia", "Rússia", "Russie", "Rosja", "Rusia"],
    "VN": ["Vietnam"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "TR": ["Turkey", "Turquia", "Turquie", "Turcja", "Turquía", "Türkiye"],
    "CZ": ["Czech Republic", "Česko", "Tchéquie", "República Tcheca"],
    "MK": ["Macedonia", "Macedônia", "Macédoine", "Macedonia Północna"],
    "SZ": ["Swaziland", "Suazilândia"],
    "CD": ["DR Congo", "RD Congo", "RDC", "DRC", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "AE": ["UAE", "EAU", "Emirados Árabes"],
    "VA": ["Vatican", "Vaticano", "Vatican City"],
    "DE": ["Deutschland", "Alemanha", "Allemagne", "Niemcy", "Alemania"],
    "AT": ["Österreich"],
    "CH": ["Schweiz", "Svizzera", "Suíça"],
    "BE": ["België", "Belgien"],
    "SE": ["Sverige"],
    "DK": ["Danmark"],
    "NO": ["Norge"],
    "FI": ["Suomi"],
    "HU": ["Magyarország"],
    "IT": ["Italia"],
    "ES": ["España"],
    "PL": ["Polska", "Poland"],
    "BR": ["Brasil", "Brazil"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "LA": ["Laos"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "TW": ["Taiwan"],
    "PS": ["Palestine"],
}


def fold(name):
    """The same key as cadastro's fold_key for the Latin-script names used here."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = []
    for c in decomposed:
        if unicodedata.combining(c):
            continue
        c = {"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
             "đ": "d", "Đ": "D"}.get(c, c)
        out.append(c.lower())
    return "".join(c for c in "".join(out) if c.isascii() and c.isalnum())


def translator(lang):
    if lang is None:
        return lambda s: s
    t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    return t.gettext


def clean(name):
    return " ".join(name.replace("\t", " ").replace("|", " ").split())


def main():
    translators = {lang: translator(cat) for lang, cat in DISPLAY}
    extra_translators = [translator(cat) for cat in LOOKUP_ONLY]
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    unknown = set(ALIASES) - {c.alpha_2 for c in countries}
    if unknown:
        sys.exit(f"aliases for unknown codes: {sorted(unknown)}")

    # Pass 1: every candidate name of every country.
    codes = {}  # fold key of an alpha-2 or alpha-3 code -> alpha2 (codes win over any name)
    candidates = []  # (alpha2, display names, other names)
    for c in countries:
        codes[fold(c.alpha_2)] = c.alpha_2
        codes[fold(c.alpha_3)] = c.alpha_2
        english = [n for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if n]
        common = getattr(c, "common_name", None)
        display = [clean(t(common) if common else t(c.name)) for t in translators.values()]
        others = [clean(t(n)) for t in list(translators.values()) + extra_translators for n in english]
        others.extend(ALIASES.get(c.alpha_2, []))
        candidates.append((c, display, others))

    # Pass 2: a name that folds to the same key for two countries is ambiguous and left out
    # (e.g. a translation catalog that gives one country another's official name).
    owners = {}
    for c, display, others in candidates:
        for n in display + others:
            owners.setdefault(fold(n), set()).add(c.alpha_2)
    ambiguous = {k for k, v in owners.items() if len(v) > 1}
    for k in sorted(ambiguous):
        print(f"ambiguous, left out: {k!r} names {sorted(owners[k])}", file=sys.stderr)

    rows = []
    keys = set(codes)
    for c, display, others in candidates:
        seen = {fold(c.alpha_2), fold(c.alpha_3)}
        for n in display:
            key = fold(n)
            if key in codes and codes[key] != c.alpha_2:
                sys.exit(f"display name {n!r} of {c.alpha_2} folds to the code of {codes[key]}")
            seen.add(key)
            keys.add(key)
        extra = []
        for n in others:
            key = fold(n)
            if not key or key in seen or key in ambiguous or key in codes:
                continue
            seen.add(key)
            keys.add(key)
            extra.append(n)
        rows.append([c.alpha_2, c.alpha_3] + display + ["|".join(extra)])

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by testdata/scripts/make_countries.py from pycountry "
                f"{getattr(pycountry, '__version__', '')}; do not edit\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} countries, {len(keys)} keys -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
