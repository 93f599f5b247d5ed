"""Where a document's story happens: the first-level regions of the cities its lead names.

Incident resolution needs to tell two attacks on the same day apart when they hit different
provinces. A news lead (headline, dateline, first paragraphs) names the main place, often as a
dateline or in a headline without a preposition ("Aleppo shelling kills 12"), and often in a
transliteration GeoNames lists only as an alternate name. So this reads the lead more loosely
than `extract/places.py` reads a sentence, and makes up for it with stricter data: cities of at
least `geonames.LARGE_CITY` inhabitants, alternate spellings only when they begin like the
city's own name (GeoNames' alternate names include unrelated words), never a country's name or
demonym. A capital counts only after a locative preposition ("shelling near Kabul"): a capital
heading a lead is mostly a dateline (where the reporter files from) or the government speaking.
So does a name that is also a common English word (at least `COMMON_WORD_FREQUENCY` of English
words, wordfreq's lists): "More than 120 people" is not Mora, Cameroon, "Date of publication"
not Date, Japan, "Union" not Union, New Jersey; "attack in Nice" still is Nice. A word in
capitals counts only as a dateline, opening a line and followed by a comma, a colon, a bracket
or a dash ("ALEPPO, Syria (AP) —"): in the running text it is an acronym ("SANA reported", the
Syrian news agency, is not Sanaa). A city's name that opens a street's name ("Houston Street",
"Maka Al Mukarama road" in Mogadishu: `lexicon/street_nouns.txt`) names the street, and streets
are mostly named after other places. A city's name that ends a first-level division's name
("North Carolina" is not Carolina, Puerto Rico; "British Columbia" not Columbia, South Carolina:
`divisions.py`) is the division. A city's name inside a longer name ("Robert Buckley",
"Tara Reid") is a person's or a body's: it is no region, but stays one of the story keys that
incident resolution compares (`read_lead`).

A city stands for its first-level administrative region (GeoNames admin1: a province,
governorate, state), written ISO3/admin1 (`SYR/09`): reports of one attack name the town, the
district capital or the province, and they agree on the region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract import geonames
from corroborate.extract.countries import country_index
from corroborate.extract.divisions import Division, divisions
from corroborate.extract.lexicon import english_frequencies, words
from corroborate.extract.numbers import alternation
from corroborate.extract.places import (
    PLACE_MODIFIERS,
    PLACE_NOUNS,
    calendar_words,
    follows_locative,
    in_title_case,
    name_goes_on,
    names_a_place,
)
from corroborate.extract.speaker_words import speaker_words

LEAD_CHARS = 800
MAX_WORDS = 3
COMMON_WORD_FREQUENCY = 1e-4  # Zipf 5: "more", "date", "union"; "boston" and "chicago" are rarer
_DATELINE_END = re.compile(r"\s*[,:(—–-]")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_SEPARATORS = re.compile(r"[\s'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")


def _squeeze(name: str) -> str:
    """Without spaces, hyphens and apostrophes: "deir ez-zor" and "deir ezzor" meet."""
    return _SEPARATORS.sub("", name)


@cache
def region_index() -> dict[str, tuple[str, int]]:
    """Folded city spelling, with and without an Arabic article -> (ISO3/admin1 region,
    population); the most populous namesake wins."""
    countries = {key for key, entry in country_index().items() if entry.kind != "capital"}
    index: dict[str, tuple[str, int]] = {}
    for row, iso3, spellings in geonames.large_cities():
        region = f"{iso3}/{row['admin1code'] or '00'}"
        for spelling in spellings:
            folded = geonames.fold(spelling)
            bare = geonames.without_article(folded)
            for key in {folded, bare, _squeeze(bare)}:
                if len(key) < 4 or key in countries:
                    continue
                known = index.get(key)
                if known is None or known[1] < row["population"]:
                    index[key] = (region, row["population"])
    return index


@cache
def _heads() -> frozenset[str]:
    """First words of every spelling: a capitalised word not among them starts no city."""
    return frozenset(key.split()[0] for key in region_index()) | frozenset(
        _squeeze(key.split()[0]) for key in region_index()
    )


class Lead(NamedTuple):
    """Where a lead places its story, and what tells its reports together."""

    regions: list[str]  # ISO3/admin1 of the cities it names as places, in order of first mention
    keys: list[str]  # ISO3/admin1 of every city name in it, places or not, in that order


def read_lead(text: str, limit: int = LEAD_CHARS) -> Lead:
    """The regions of the cities named in the first `limit` characters, in order of first
    mention, and the story keys: the regions of every city name the lead holds.

    A city's name that ends a longer capitalised name ("Robert Buckley", "Sarah Palin", "EYP
    Mission Critical") names a person or a body, not a place, and so does each other mention of
    it in the lead ("Buckley, 32, fell"), unless one of them follows a locative preposition
    ("outside Aleppo"): it is no region of the story. One that opens a longer name ("Tara
    Reid", "the Aleppo Media Center") is none there, nor where the same two words stand
    elsewhere in the lead, as in a headline, whose capitals tell no name from a place ("Tara
    Reid Checks Into Rehab"); its other mentions are read as they stand. It stays a story
    key, since the reports of one story name the same people and bodies first: on ECB+ dev,
    keys without them (or with the names themselves, after the regions) joined fewer reports
    of one event (B-cubed F1 0.886 to 0.868-0.876)."""
    mentions = list(_city_mentions(text[:limit]))
    located = {mention.folded for mention in mentions if mention.role == "located"}
    name_words = {mention.folded for mention in mentions if mention.role == "name"} - located
    names_opened = {(mention.folded, mention.next_word) for mention in mentions
                    if mention.role == "opens_name" and mention.next_word is not None}
    places = [
        mention.region for mention in mentions
        if mention.folded not in name_words and mention.role != "opens_name"
        and (mention.folded, mention.next_word) not in names_opened
    ]
    keys = [mention.region for mention in mentions]
    return Lead(list(dict.fromkeys(places)), list(dict.fromkeys(keys)))


class _Mention(NamedTuple):
    """A city's name in the lead, as `read_lead` weighs it."""

    folded: str  # the city's name, folded
    region: str
    role: str  # "located", "name", "opens_name" or "place" (`_role`)
    next_word: str | None  # the capitalised word right after it, folded: "jeffs" in "Warren Jeffs"


def _city_mentions(lead: str) -> Iterator[_Mention]:
    """Each city the lead names, the longest name first; a street's name is none."""
    resume = 0
    for match in _CAPITALISED.finditer(lead):
        if match.start() < resume or not _may_open_city(match.group()):
            continue
        tokens = lead[match.start() : match.start() + 60].split()[:MAX_WORDS]
        for size in range(len(tokens), 0, -1):
            phrase = " ".join(tokens[:size])
            region = _region_of(phrase)
            if region is None or not _stands_as_a_place(lead, match, phrase):
                continue
            resume = match.start() + len(phrase)
            folded = geonames.fold(_POSSESSIVE.sub("", phrase.rstrip(".,:;")))
            division = _division_ending(lead, match.start(), folded)
            if division is not None:
                region = f"{division.iso3}/{division.code}" if division.code else None
            if region is not None and not _names_a_street(lead, resume):
                yield _Mention(folded, region, _role(lead, match, phrase), _next_word(lead, resume))
            break


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


def _next_word(lead: str, end: int) -> str | None:
    """The capitalised word right after the city's name ending at `end`, folded: "Warren
    Jeffs" in a headline is the name the article writes so."""
    following = _NEXT_WORD.match(lead, end)
    return geonames.fold(_POSSESSIVE.sub("", following.group(1))) if following else None


# Up to two capitalised words right before a city's name, on its line: "North" in "North
# Carolina", "British" in "British Columbia".
_WORDS_BEFORE = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’-]* ){1,2})$")


@cache
def _divisions_by_name() -> dict[str, Division]:
    return {geonames.fold(name): division for name, division in divisions().items()}


def _division_ending(lead: str, start: int, folded: str) -> Division | None:
    """The first-level division whose name the city's name at `start` (`folded`) ends: "North
    Carolina" is the state, not Carolina, Puerto Rico; "West Virginia" not Virginia, South
    Africa. Its region is the division's own where GeoNames writes it with the ISO 3166-2
    letters (`USA/NC`), else unknown."""
    before = _WORDS_BEFORE.search(lead, max(0, start - 40), start)
    if before is None:
        return None
    words_before = before.group(1).split()
    for first in range(len(words_before)):
        opening = geonames.fold(" ".join(words_before[first:]))
        division = _divisions_by_name().get(f"{opening} {folded}")
        if division is not None:
            return division
    return None


@cache
def _street_after() -> re.Pattern[str]:
    """Up to two more capitalised words, then a street noun: "Al Mukarama road", " Street"."""
    street = alternation(words("street_nouns"))
    return re.compile(rf"(?:[ \t]+[A-Z][\w'’-]*){{0,2}}[ \t]+(?i:{street})(?!\w)")


def _names_a_street(lead: str, end: int) -> bool:
    """Whether the city's name ending at `end` opens a street's name ("Houston Street")."""
    return _street_after().match(lead, end) is not None


# The word right before a city's name, on its line: "Robert" in "Robert Buckley".
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.-]*) $")
_INITIAL = re.compile(r"[A-Z]\.")  # a middle initial: "George W. Bush"
_HYPHEN_LOWER = re.compile(r"-[a-z]")  # "ISIL-controlled", never a name's "Jean-Pierre"
_PLACE_NOUN_AFTER = re.compile(rf"\s+(?:{alternation(sorted(PLACE_NOUNS))})\b", re.IGNORECASE)


def _role(lead: str, match: re.Match[str], phrase: str) -> str:
    """"located" after a locative preposition, "name" ending a longer name, "opens_name"
    opening one as `places.py` reads a name that goes on ("Tara Reid", "the Aleppo Media
    Center"), else "place"."""
    if _after_locative(lead, match):
        return "located"
    if _ends_a_name(lead, match.start(), phrase):
        return "name"
    if name_goes_on(lead, match.start(), match.start() + len(phrase.rstrip(" .,:;"))):
        return "opens_name"
    return "place"


def _ends_a_name(lead: str, start: int, phrase: str) -> bool:
    """Whether the city's name `phrase` at `start` ends a longer capitalised name: it follows a
    person's title ("President", "Dr."), a middle initial ("George W. Bush") or a rare
    capitalised word ("Robert Buckley", "EYP Mission"). The end of a sentence, a common word, a
    date, a place or a demonym, also as a possessive ("Syria's Aleppo", "Syrias Aleppo"), a
    part of a place ("Northern", "ISIL-controlled"), a kind of place after it ("Saraqeb Idlib
    province"), a name in capitals (a dateline) and a headline in title case leave it a place,
    as `places.py` reads a city's name that goes on."""
    before = _WORD_BEFORE.search(lead, max(0, start - 40), start)
    if before is None or phrase.isupper() or _PLACE_NOUN_AFTER.match(lead, start + len(phrase)):
        return False
    if _POSSESSIVE.search(before.group(1)) or _HYPHEN_LOWER.search(before.group(1)):
        return False
    word = geonames.fold(before.group(1))
    if before.group(1).lower() in speaker_words().titles or _INITIAL.fullmatch(before.group(1)):
        return True
    if (before.group(1).endswith(".") or word in _common_words() or word in calendar_words()
            or word in PLACE_MODIFIERS or names_a_place(before.group(1))):
        return False
    return not in_title_case(lead, before.start(), start + len(phrase))


def _stands_as_a_place(lead: str, match: re.Match[str], phrase: str) -> bool:
    """Whether the name found at `match` is read as the city it names: a capital or a common
    word only after a locative preposition, another word in capitals only as a dateline (what
    opens a line, before a comma, a colon, a bracket or a dash)."""
    if _needs_locative(phrase):
        return _after_locative(lead, match)
    if phrase.isupper():
        return _is_dateline(lead, match.start(), phrase)
    return True


def _is_dateline(lead: str, start: int, phrase: str) -> bool:
    line_start = lead.rfind("\n", 0, start) + 1
    name_end = start + len(phrase.rstrip(".,:;"))
    return not lead[line_start:start].strip() and _DATELINE_END.match(lead, name_end) is not None


@cache
def _common_words() -> frozenset[str]:
    frequencies = english_frequencies()
    return frozenset(word for word, share in frequencies.items() if share >= COMMON_WORD_FREQUENCY)


@cache
def _capitals() -> frozenset[str]:
    return frozenset(key for key, entry in country_index().items() if entry.kind == "capital")


def _needs_locative(phrase: str) -> bool:
    """A capital, or a name that is also a common English word."""
    name = geonames.fold(_POSSESSIVE.sub("", phrase))
    return name in _capitals() or name in _common_words()


def _after_locative(lead: str, match: re.Match[str]) -> bool:
    return follows_locative(lead[max(0, match.start() - 40):match.start()].split())


# Leads repeat the same capitalised words and names ("The", "Syrian", a capital): each is read
# once per process, then looked up.
@lru_cache(maxsize=1 << 14)
def _may_open_city(word: str) -> bool:
    head = geonames.fold(_POSSESSIVE.sub("", word))
    heads = _heads()
    return head in heads or geonames.without_article(head) in heads


@lru_cache(maxsize=1 << 14)
def _region_of(phrase: str) -> str | None:
    index = region_index()
    folded = geonames.fold(_POSSESSIVE.sub("", phrase))
    bare = geonames.without_article(folded)
    entry = index.get(folded) or index.get(bare) or index.get(_squeeze(bare))
    return entry[0] if entry is not None else None
