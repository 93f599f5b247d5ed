"""Which country a speaker speaks for, when its name alone does not say.

A speaker's phrase may name its country ("Peru's defense ministry"); a title may stand before
the name ("<Demonym> Prime Minister <Name>" is spoken by "<Name>"); an appositive may give the
office ("Rosa Quispe, Peru's prime minister, said"); and a person named once with a nationality
keeps it through the document (a later "Quispe said"). Titles come from
`lexicon/person_titles.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from corroborate.extract.countries import country_of
from corroborate.extract.lexicon import words
from corroborate.extract.numbers import alternation

#: A capitalised word of a name.
NAME = r"[A-Z][\w'’-]+"
# A name's appositive: ", Peru's prime minister," or ", the Peruvian foreign minister." up to the
# next comma or full stop.
_APPOSITIVE = re.compile(r",\s+((?!who\b|which\b)[^,;:()\"“”]{3,80}?)(?=,|\.(?:\s|$)|$)")
_APPOSITIVE_REACH = 100


@dataclass(frozen=True)
class _Rules:
    person: re.Pattern[str]  # "<Demonym> <Title> <Name>": the nationality and the name
    title: re.Pattern[str]  # a title before a capitalised name
    role: re.Pattern[str]  # a title anywhere, in any case: "Peru's prime minister"


@cache
def titles() -> str:
    """The person titles (`lexicon/person_titles.txt`) as one alternation."""
    return alternation(words("person_titles"))


@cache
def _rules() -> _Rules:
    return _Rules(
        person=re.compile(
            rf"(?P<nat>[A-Z][\w'’.-]++)\s+(?:{titles()})\s+"  # ++: no backtracking into a word
            rf"(?P<name>{NAME}(?:\s+{NAME}){{0,2}})"
        ),
        title=re.compile(rf"\b(?:{titles()})\s+(?={NAME})"),
        role=re.compile(rf"\b(?:{titles()})\b", re.IGNORECASE),
    )


def nationality(text: str, name: str) -> tuple[str | None, bool]:
    """The country of the person `name` (or its surname) from the document's nationalities,
    and whether it names one of them."""
    nationalities = _nationalities(text)
    if not nationalities:  # as in most documents
        return None, False
    country = next(
        (nationalities[tok] for tok in name.split() if tok in nationalities),
        nationalities.get(name),
    )
    return country, name in nationalities


@lru_cache(maxsize=4096)
def country_and_name(phrase: str) -> tuple[str | None, int]:
    """The country a speaker's phrase names, and where the name starts after its titles:
    "<Demonym> Prime Minister <Name>" is spoken by "<Name>". Cached: a document names its
    speakers again and again."""
    titles = list(_rules().title.finditer(phrase))
    return country_of(phrase), titles[-1].end() if titles else 0


def appositive_role(text: str, end: int) -> tuple[str | None, bool]:
    """The office an appositive gives the name before it ("Rosa Quispe, Peru's prime minister,
    said"): its country, and whether it names a person's title."""
    found = _APPOSITIVE.match(text, end, end + _APPOSITIVE_REACH)
    if found is None or _rules().role.search(found.group(1)) is None:
        return None, False
    return country_of(found.group(1)), True


@lru_cache(maxsize=1)
def _nationalities(text: str) -> dict[str, str]:
    """Person name (full and surname) -> country, from "<Demonym> <Title> <Name>" mentions.
    Read only when a speaker has no country of its own, once per document."""
    found: dict[str, str] = {}
    for match in _rules().person.finditer(text):
        country = country_of(match["nat"])
        if country:
            name = match["name"]
            found[name] = country
            found[name.split()[-1]] = country
    return found
