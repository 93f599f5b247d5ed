"""First-level administrative divisions by name: "in Helmand", "in Borno state", "in Texas".

War and disaster news places much of what it reports in a province, a state or a governorate,
and many of these bear no city's name (Helmand, Borno, Rif Dimashq): the city table alone
left such events without a place. The names come from pycountry's ISO 3166-2 list, the
top-level divisions of every country, folded to ASCII as English news writes them
("Kandahār" -> "Kandahar"), and also without an Arabic article ("Al Anbār" -> "Anbar").

Left out: an inverted official form ("Madrid, Comunidad de"), which news does not write; a
name two countries share ("Punjab", "Central", "Saint George"), since nothing in the name
tells which; and a word that says which part of a place ("North", "Western":
`lexicon/place_modifiers.txt`), since it opens other names ("in Western Europe").

A division's zone: where GeoNames writes a country's divisions with the letters of ISO 3166-2
(the United States' "TX", Switzerland's "ZH"), that of its most populous city, and the division
is known by its code; elsewhere (GeoNames numbers them: Syria's "13"), its country's zone when
the whole country keeps one, else unknown.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import NamedTuple

import pycountry

from corroborate.extract import geonames
from corroborate.extract.lexicon import words


class Division(NamedTuple):
    name: str  # as ISO 3166-2 gives it
    iso3: str
    code: str | None  # its GeoNames admin1 code, where GeoNames writes them as ISO 3166-2 does
    timezone: str | None  # IANA zone name


@cache
def divisions() -> dict[str, Division]:
    """Every top-level division by each of its spellings."""
    iso3_of = geonames.iso3_of_alpha2()
    zones = _zones_of_cities()
    owners: dict[str, set[Division]] = defaultdict(set)
    codes = _codes_by_country()
    for division in pycountry.subdivisions:
        iso3 = iso3_of.get(division.country_code)
        if division.parent_code is not None or "," in division.name or iso3 is None:
            continue
        alpha2, _, suffix = division.code.partition("-")
        code = suffix if codes.get(alpha2) else None
        zone = zones.get((alpha2, code))  # the country's own zone when code is None
        name = _plain_name(division.name)
        for spelling in _spellings(name):
            owners[spelling].add(Division(name, iso3, code, zone))
    part_words = frozenset(words("place_modifiers"))
    return {
        spelling: next(iter(named))
        for spelling, named in owners.items()
        if len({division.iso3 for division in named}) == 1 and spelling.lower() not in part_words
    }


def _codes_by_country() -> dict[str, bool]:
    """Alpha-2 -> whether GeoNames writes the country's divisions as ISO 3166-2 does: every
    admin1 code of its cities is letters, and an ISO 3166-2 code of the country."""
    iso: dict[str, set[str]] = defaultdict(set)
    for division in pycountry.subdivisions:
        if division.parent_code is None:
            alpha2, _, suffix = division.code.partition("-")
            iso[alpha2].add(suffix)
    used: dict[str, set[str]] = defaultdict(set)
    for row in geonames.cities().values():
        used[row["countrycode"]].add(row["admin1code"])
    return {
        alpha2: all(code.isalpha() for code in found) and found <= iso[alpha2]
        for alpha2, found in used.items()
    }


def _zones_of_cities() -> dict[tuple[str, str | None], str]:
    """(alpha-2, admin1 code) -> the zone of its most populous city; (alpha-2, None) -> the
    country's zone, where all its cities keep one."""
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    country_zones: dict[str, set[str]] = defaultdict(set)
    for row in geonames.cities().values():
        key = (row["countrycode"], row["admin1code"])
        if row["timezone"] and largest.get(key, (-1, ""))[0] < row["population"]:
            largest[key] = (row["population"], row["timezone"])
        country_zones[row["countrycode"]].add(row["timezone"])
    zones: dict[tuple[str, str | None], str] = {key: zone for key, (_, zone) in largest.items()}
    for alpha2, found in country_zones.items():
        if len(found) == 1 and (zone := next(iter(found))):
            zones[(alpha2, None)] = zone
    return zones


def _plain_name(name: str) -> str:
    """The name without what ISO 3166-2 adds in brackets: "Davao (Region XI)" -> "Davao"."""
    return name.split(" (")[0].split(" [")[0].strip()


def _spellings(name: str) -> set[str]:
    """The name in ASCII, with and without a leading Arabic article ("Al Anbar", "Anbar")."""
    plain = geonames.ascii_name(name).strip()
    bare = plain[len(plain) - len(geonames.without_article(plain.lower())):]
    return {spelling for spelling in (plain, bare) if spelling[:1].isupper()}
