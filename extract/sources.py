"""Which source each statement rests on: one source under all the names news gives it.

Why: reports are independent only when they rest on different sources, and one source goes by
many names. "Peru's Defense Ministry", "the Peruvian Ministry of Defence", "the Defence
Ministry in Lima", "MoD" and a later "the ministry" are one source. A source is a
(key, kind, country) triple, which the warehouse hashes into `statements.source_id`:

- key: the name without its country words, determiners and possessives, spelled one way
  (`lexicon/source_spellings.csv`): "defense ministry". A seat of government keeps its name
  ("kremlin"); a country or capital alone is its "government"; a person is the fullest form of
  the name the document gives ("Quispe" after "Rosa Quispe" is "rosa quispe").
- kind: person for a named person, else the head word's kind (`lexicon/source_kinds.csv`).
- country: the one the name gives ("Peruvian", "in Lima", a capitalised ISO code as in
  "PER MOD"), else the one the document gives the same key elsewhere: the only one, or, when
  several countries' sources share the key ("the ministry" in a story quoting two defence
  ministries), the country of the nearest speaker before it that has one of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import pycountry

from corroborate.extract.countries import CountryMention, find_countries
from corroborate.extract.lexicon import table, word_map, words
from corroborate.extract.speaker_words import speaker_words
from corroborate.extract.speakers import Attribution

_WORD = re.compile(r"[a-z][a-z'-]*")
_GOVERNMENT = "government"


class SourceIdentity(NamedTuple):
    key: str
    kind: str
    country: str | None


class _Named(NamedTuple):
    key: str
    kind: str
    country: str | None
    surname: str | None  # a person's last name, to find the fullest form of it


@cache
def _spellings() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"\b{row['pattern']}\b"), row["replacement"])
        for row in table("source_spellings")
    )


@cache
def _titles() -> tuple[str, ...]:
    """Person titles, longest first, each followed by a space."""
    return tuple(sorted((f"{title.lower()} " for title in words("person_titles")), key=len)[::-1])


def identify_sources(attributions: Sequence[Attribution]) -> list[SourceIdentity]:
    """The source of each attribution of one document, given in document order."""
    named = [_named(a.speaker, a.country, a.is_person) for a in attributions]
    fullest = _fullest_person_names(named)
    keyed = [_as_person(item, fullest) for item in named]
    countries: dict[str, set[str]] = {}
    for item in keyed:
        if item.country:
            countries.setdefault(item.key, set()).add(item.country)
    return [
        SourceIdentity(
            item.key,
            item.kind,
            item.country or _country_from_document(keyed, i, countries.get(item.key, set())),
        )
        for i, item in enumerate(keyed)
    ]


@lru_cache(maxsize=1 << 14)
def _named(speaker: str, country: str | None, is_person: bool) -> _Named:
    name = speaker.replace("’", "'")
    mentions = [*find_countries(name), *_iso_codes(name)]
    country = country or (mentions[0].iso3 if mentions else None)
    key = _key(name, mentions)
    if is_person or _is_personal_name(name, key, mentions):
        key = _without_title(key)
        return _Named(key, "person", country, key.split()[-1] if key else None)
    if not key:
        demonyms_only = all(mention.kind == "demonym" for mention in mentions)
        key, kind = ("people", "other") if demonyms_only else (_GOVERNMENT, _GOVERNMENT)
        return _Named(key, kind, country, None)
    kind = _kind_of(key)
    if kind == "outlet":  # an outlet's name is its own, place words and all ("The Lagos Times")
        return _Named(_key(name, ()), kind, country, None)
    if kind == "other" and any(mention.kind == "metonym" for mention in mentions):
        kind = _GOVERNMENT
    if kind == "international" and country and _opening_body(key.split()) is None:
        kind = _GOVERNMENT  # "the Syrian commission"; "UNICEF in Syria" stays the UN's
    return _Named(key, kind, country, None)


def _iso_codes(name: str) -> list[CountryMention]:
    """Capitalised ISO 3166 alpha-3 codes inside a longer name ("ARM MOD")."""
    tokens = list(re.finditer(r"\b[A-Z]{3}\b", name))
    if len(name.split()) < 2:
        return []
    return [
        CountryMention(token.start(), token.end(), country.alpha_3, "code")
        for token in tokens
        if (country := pycountry.countries.get(alpha_3=token.group())) is not None
    ]


def _key(name: str, mentions: Sequence[CountryMention]) -> str:
    """The name spelled one way, without the words that give its country."""
    kept = name
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.kind != "metonym":
            kept = kept[: mention.start] + " " + kept[mention.end :]
    lowered = re.sub(r"(^|\s)'s\b", " ", kept.lower())
    found = _WORD.findall(lowered)
    while found and found[0] in speaker_words().determiners:
        found.pop(0)
    while found and found[-1] in ("in", "of", "for"):
        found.pop()
    key = " ".join(found)
    for pattern, replacement in _spellings():
        key = pattern.sub(replacement, key)
    return key


def _without_title(key: str) -> str:
    """"prime minister nikol pashinyan" -> "nikol pashinyan"; a title alone stays."""
    for title in _titles():
        if key.startswith(title):
            return key[len(title) :]
    return key


def _is_personal_name(name: str, key: str, mentions: Sequence[CountryMention]) -> bool:
    """Two or more capitalised words that name no country and no kind of body ("Ann Lee"); a
    single word is a person only where the document gives it a title."""
    tokens = name.split()
    return (
        len(tokens) >= 2
        and not mentions
        and all(token[:1].isupper() for token in tokens)
        and _kind_of(key) == "other"
        and not name.isupper()
    )


def _kind_of(key: str) -> str:
    """The kind of the body whose part the key names when a phrase listed at position first
    opens it ("un refugee agency": international), as long as what follows is a body or a role
    or nothing; else the kind of its head."""
    tokens = key.split()
    opening = _opening_body(tokens)
    if opening is not None:
        size, kind = opening
        if size == len(tokens) or _head_kind(tokens[size:]) != "other":
            return kind
    return _head_kind(tokens)


def _opening_body(tokens: list[str]) -> tuple[int, str] | None:
    """The length and kind of the longest phrase listed at position first that opens them."""
    for size in range(len(tokens), 0, -1):
        kind = _first_word_kinds().get(" ".join(tokens[:size]))
        if kind is not None:
            return size, kind
    return None


def _head_kind(tokens: list[str]) -> str:
    """The kind of the listed phrase that ends last in the tokens, roles only as a last resort;
    a phrase listed at position last only when it ends them, one at position first never."""
    kinds = word_map("source_kinds", "kind")
    role_kind = "other"
    for end in range(len(tokens), 0, -1):
        for start in range(0, end):
            phrase = " ".join(tokens[start:end])
            kind = kinds.get(phrase)
            if (kind is None or phrase in _first_word_kinds()
                    or (end < len(tokens) and phrase in _last_word_kinds())):
                continue
            if kind == "role":
                role_kind = _GOVERNMENT
            else:
                return kind
    return role_kind


@cache
def _last_word_kinds() -> frozenset[str]:
    return frozenset(row["word"] for row in table("source_kinds") if row["position"] == "last")


@cache
def _first_word_kinds() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in table("source_kinds") if row["position"] == "first"}


def _fullest_person_names(named: Sequence[_Named]) -> dict[str, str]:
    """Each surname's longest form among the document's persons."""
    fullest: dict[str, str] = {}
    for item in named:
        if item.surname and len(item.key) > len(fullest.get(item.surname, "")):
            fullest[item.surname] = item.key
    return fullest


def _as_person(item: _Named, fullest: dict[str, str]) -> _Named:
    """A person under the fullest name the document gives; a lone word that is a person's
    surname there ("Trump said", after "Donald Trump said") is that person."""
    if item.surname:
        return item._replace(key=fullest.get(item.surname, item.key))
    if item.kind == "other" and item.key in fullest:
        return item._replace(key=fullest[item.key], kind="person", surname=item.key)
    return item


def _country_from_document(keyed: Sequence[_Named], i: int, candidates: set[str]) -> str | None:
    """The country the document gives the same source elsewhere, of the `candidates` its
    sources of that key have (see the module docstring)."""
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    for earlier in reversed(keyed[:i]):
        if earlier.country in candidates:
            return earlier.country
    return None
